"""The catalogue as matching needs it, read once per guide through CatalogReader."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

from tvnexa.application.ports import CatalogReader
from tvnexa.domain.catalogue import Channel, Guide
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.matching import MatchIndex, match_channel
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.programmes import GuideChannel
from tvnexa.domain.queries import RecordQuery
from tvnexa.domain.schedules import ChannelMatch, GuideSourceSettings

# Channels are read in pages this long: a few statements for the whole
# catalogue (40k channels), each page decoded and indexed before the next.
CHANNEL_PAGE = 10_000


def load_match_index(catalogue: CatalogReader, site: str | None) -> MatchIndex:
    """Every channel and feed id, the channel names, and `site`'s guides.json
    entries (none without a site): what `match_channel` looks up."""
    guides: Iterable[Guide] = ()
    if site is not None:
        found = catalogue.where_in(Dataset.GUIDES, "site", [site])
        guides = cast(list[Guide], found)
    return MatchIndex.build(
        _every_channel(catalogue), catalogue.keys(Dataset.FEEDS), guides, site
    )


def _every_channel(catalogue: CatalogReader) -> Iterator[Channel]:
    offset = 0
    while True:
        page = catalogue.find(
            Dataset.CHANNELS, RecordQuery(), PageRequest(offset, CHANNEL_PAGE)
        )
        yield from cast(list[Channel], page.items)
        if page.next_offset is None:
            return
        offset = page.next_offset


def match_guide_channels(
    index: MatchIndex,
    source: GuideSourceSettings,
    channels: Iterable[GuideChannel],
) -> list[ChannelMatch]:
    """Each guide channel's match, in the order given (unmatched ones too)."""
    return [match_channel(index, source, channel) for channel in channels]
