"""Pure rules that fill the old contract's channel fields from the current schema."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from tvnexa.domain.catalogue import Channel, City, Feed, Logo, split_channel_ref

R = TypeVar("R")
K = TypeVar("K")


def of_type(records: Iterable[object], record_type: type[R]) -> list[R]:
    """The records of one type; a reader answers with the union of all types."""
    return [record for record in records if isinstance(record, record_type)]


def grouped(records: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    """Records grouped by `key`, each group keeping the reader's order."""
    groups: dict[K, list[R]] = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


def main_feed(feeds: Sequence[Feed]) -> Feed | None:
    """The channel's main feed; upstream promises exactly one, but may lag."""
    return next((feed for feed in feeds if feed.is_main), None)


def first_area(areas: Sequence[str], kind: str) -> str | None:
    """The code of the first broadcast area of `kind` (`s`, `ct`, ...)."""
    prefix = f"{kind}/"
    return next((a.removeprefix(prefix) for a in areas if a.startswith(prefix)), None)


def channel_languages(channel: Channel, main: Feed | None) -> tuple[str, ...]:
    # Since 2025 languages live on feeds; older snapshots kept them on the channel.
    if main is not None and main.languages:
        return main.languages
    return channel.legacy_languages


def channel_areas(channel: Channel, main: Feed | None) -> tuple[str, ...]:
    if main is not None and main.broadcast_area:
        return main.broadcast_area
    return channel.legacy_broadcast_area


def subdivision_code(channel: Channel, main: Feed | None) -> str | None:
    if channel.legacy_subdivision:
        return channel.legacy_subdivision
    return first_area(channel_areas(channel, main), "s")


def city_code(channel: Channel, main: Feed | None) -> str | None:
    """A city code to look up; older snapshots gave a city name instead."""
    if channel.legacy_city:
        return channel.legacy_city
    return first_area(channel_areas(channel, main), "ct")


def city_name(
    channel: Channel, main: Feed | None, cities: Mapping[str, City]
) -> str | None:
    code = city_code(channel, main)
    if code is None:
        return None
    city = cities.get(code)
    if city is not None:
        return city.name

    # Snapshots before 2025-08 named the city in plain words ("Melbourne").
    return channel.legacy_city


def choose_logo(
    channel: Channel, logos: Sequence[Logo], main: Feed | None
) -> str | None:
    """One logo URL, chosen the same way whatever order the logos come in.

    Logos in use come first, then the channel's own logos before feed logos,
    then the main feed's, and the URL breaks any remaining tie.
    """
    main_id = main.id if main is not None else None

    def rank(logo: Logo) -> tuple[int, int, str]:
        if logo.feed is None:
            level = 0
        elif logo.feed == main_id:
            level = 1
        else:
            level = 2
        return (0 if logo.in_use else 1, level, logo.url)

    if logos:
        return min(logos, key=rank).url
    return channel.legacy_logo


def replacement_id(channel: Channel) -> str | None:
    """The replacing channel's id; upstream sometimes writes `channel@feed`."""
    if not channel.replaced_by:
        return None
    replacement, _feed = split_channel_ref(channel.replaced_by)
    return replacement or None
