"""Matching guide channels to catalogue channels and feeds, strongest rule first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tvnexa.domain.catalogue import Channel, Guide, split_channel_ref
from tvnexa.domain.programmes import GuideChannel
from tvnexa.domain.schedules import ChannelMatch, GuideSourceSettings, MatchMethod

# Quality words said after a name ("Arte HD", "Sky Cinema UHD"). The catalogue
# names channels, and a channel's qualities are its feeds, so a guide's "HD"
# says nothing about which channel it is. "TV" is kept: it is part of many
# names, and dropping it would make "Canal 13" and "Canal 13 TV" one name.
QUALITY_WORDS = frozenset({"hd", "sd", "fhd", "uhd", "hq", "4k", "8k"})

# Letters and digits of any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+")


def normalise_name(name: str) -> str:
    """A channel name reduced to what tells channels apart.

    Accents are stripped (é → e), case folded (ß → ss), `+` read as "plus"
    and `&` as "and" (so "Canal+" stays apart from "Canal"), every other
    punctuation and space removed, so "BBC One", "BBC-One" and "bbcone" are
    one name; trailing quality words (QUALITY_WORDS) are dropped unless the
    name would be left empty. Returns "" for a name without letters or digits.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = stripped.casefold().replace("+", " plus ").replace("&", " and ")
    words = _WORD.findall(text)
    while len(words) > 1 and words[-1] in QUALITY_WORDS:
        words.pop()
    return "".join(words)


@dataclass(frozen=True, slots=True)
class MatchIndex:
    """What matching needs of the catalogue, prepared once per ingest.

    `channels` and `feeds` are the ids that exist (`feeds` as `channel@feed`).
    `site_ids` maps a guides.json site_id of `site` (ids are unique per site
    only, so one site is indexed) to its (channel, feed); `names` maps a
    normalised name to its channel. A site_id or name that leads to two
    channels maps to None: it is ambiguous and matches nothing.
    """

    channels: frozenset[str]
    feeds: frozenset[str]
    site: str | None = None
    site_ids: Mapping[str, tuple[str, str | None] | None] = field(default_factory=dict)
    names: Mapping[str, str | None] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        channels: Iterable[Channel],
        feed_keys: Iterable[str],
        guides: Iterable[Guide] = (),
        site: str | None = None,
    ) -> MatchIndex:
        """The index of these channels, feeds and (for `site` only) guides.

        One pass over each input, so it is cheap for the whole catalogue.
        """
        channel_ids: set[str] = set()
        names: dict[str, str | None] = {}
        for channel in channels:
            channel_ids.add(channel.id)
            for name in {normalise_name(n) for n in (channel.name, *channel.alt_names)}:
                if name:
                    _keep_unambiguous(names, name, channel.id)

        feeds = frozenset(feed_keys)
        site_ids: dict[str, tuple[str, str | None] | None] = {}
        for guide in guides:
            if site is None or guide.site != site or guide.channel is None:
                continue
            if guide.channel not in channel_ids:
                continue
            feed = guide.feed if f"{guide.channel}@{guide.feed}" in feeds else None
            _keep_site_id(site_ids, guide.site_id, (guide.channel, feed))
        return cls(frozenset(channel_ids), feeds, site, site_ids, names)


def _keep_unambiguous(table: dict[str, str | None], key: str, channel: str) -> None:
    if key not in table:
        table[key] = channel
    elif table[key] != channel:
        table[key] = None


def _keep_site_id(
    table: dict[str, tuple[str, str | None] | None],
    site_id: str,
    target: tuple[str, str | None],
) -> None:
    # One site_id listed for two feeds of one channel (in two languages, say)
    # still names the channel; listed for two channels it names neither.
    if site_id not in table:
        table[site_id] = target
        return
    kept = table[site_id]
    if kept is None or kept == target:
        return
    table[site_id] = (kept[0], None) if kept[0] == target[0] else None


def match_channel(
    index: MatchIndex, source: GuideSourceSettings, guide_channel: GuideChannel
) -> ChannelMatch:
    """The catalogue channel and feed a guide channel is, and by which rule.

    The rules, in order, the first that applies deciding:

    1. ID_MAP: the source's `id_map` names a `Channel.cc` or
       `Channel.cc@Feed` for this guide id. An entry naming a channel the
       catalogue lacks is skipped (a stale map), and the rules below apply.
    2. EXACT: the guide id is a catalogue channel id (case and all).
    3. CHANNEL_FEED: the guide id is `Channel.cc@Feed`, split on its first
       `@` only, and the channel exists.
    4. GUIDES_JSON: the source names its guides.json `site`, and the guide
       id is that site's unambiguous `site_id` of an existing channel.
    5. NAME: the normalised display names (see `normalise_name`) lead,
       through catalogue names and alt_names, to exactly one channel. A
       name two catalogue channels share decides nothing; display names
       that lead to different channels match nothing.

    Whatever the rule, a feed the catalogue does not have (`X.cc@Nowhere`,
    or `AMCEurope.uk@Portugal@Hungary`, whose feed part is `Portugal@Hungary`)
    keeps the match on the channel with feed None: the programmes belong to
    the channel even when the feed is unknown. NAME matches have no feed.
    """
    guide_id = guide_channel.id

    def found(channel: str, feed: str | None, method: MatchMethod) -> ChannelMatch:
        known_feed = feed if f"{channel}@{feed}" in index.feeds else None
        return ChannelMatch(source.name, guide_channel, channel, known_feed, method)

    mapped = source.id_map.get(guide_id)
    if mapped is not None:
        channel, feed = split_channel_ref(mapped)
        if channel in index.channels:
            return found(channel, feed, MatchMethod.ID_MAP)

    if guide_id in index.channels:
        return found(guide_id, None, MatchMethod.EXACT)

    channel, feed = split_channel_ref(guide_id)
    if feed is not None and channel in index.channels:
        return found(channel, feed, MatchMethod.CHANNEL_FEED)

    if source.site is not None and source.site == index.site:
        site_match = index.site_ids.get(guide_id)
        if site_match is not None:
            return found(*site_match, MatchMethod.GUIDES_JSON)

    by_name = _channel_by_names(index, guide_channel)
    if by_name is not None:
        return found(by_name, None, MatchMethod.NAME)
    return ChannelMatch(source.name, guide_channel)


def _channel_by_names(index: MatchIndex, guide_channel: GuideChannel) -> str | None:
    candidates = set()
    for display_name in guide_channel.display_names:
        name = normalise_name(display_name.text)
        channel = index.names.get(name) if name else None
        if channel is not None:
            candidates.add(channel)
    return candidates.pop() if len(candidates) == 1 else None
