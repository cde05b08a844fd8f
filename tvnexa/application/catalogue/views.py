"""Read models of the catalogue, shaped as the API's clients expect them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LanguageView:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CategoryView:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class CountryView:
    """A country with its languages resolved to names."""

    code: str
    name: str
    flag: str
    languages: tuple[LanguageView, ...] = ()


@dataclass(frozen=True, slots=True)
class SubdivisionView:
    code: str
    name: str
    country: CountryView


@dataclass(frozen=True, slots=True)
class RegionView:
    code: str
    name: str
    countries: tuple[CountryView, ...] = ()


@dataclass(frozen=True, slots=True)
class StreamView:
    """A stream as the old contract names it; `code` is the channel id."""

    code: str
    url: str
    http_referrer: str | None = None
    user_agent: str | None = None


@dataclass(frozen=True, slots=True)
class GuideView:
    """A guide source of a channel; `code` is the channel id."""

    code: str
    site: str
    site_id: str
    site_name: str
    lang: str


@dataclass(frozen=True, slots=True)
class SimpleChannelView:
    channel_id: str
    name: str
    city: str | None
    is_nsfw: bool
    website: str | None
    logo: str | None
    streams: tuple[StreamView, ...] = ()


@dataclass(frozen=True, slots=True)
class ChannelDetailView:
    """Everything known about a channel; `replaced_by` is one level deep."""

    channel_id: str
    name: str
    network: str | None
    country: CountryView
    subdivision: SubdivisionView | None
    city: str | None
    is_nsfw: bool
    website: str | None
    logo: str | None
    launched: str | None
    closed: str | None
    replaced_by: ChannelDetailView | None
    streams: tuple[StreamView, ...] = ()
    guides: tuple[GuideView, ...] = ()
    languages: tuple[LanguageView, ...] = ()
    categories: tuple[CategoryView, ...] = ()
    alt_names: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    broadcast_areas: tuple[str, ...] = ()
