"""Catalogue entities: one frozen record type per iptv-org dataset."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

KEY_SEPARATOR = "\x1f"


def digest_key(*parts: str | None) -> str:
    """Return a short stable identifier for a record whose key has several parts.

    Streams, logos, guides and blocklist entries have no id upstream; a digest of
    their natural key gives them one that survives re-ingestion.
    """
    joined = KEY_SEPARATOR.join("" if part is None else part for part in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:20]


def split_channel_ref(reference: str) -> tuple[str, str | None]:
    """Split a `Channel.cc@Feed` reference on its first `@` only."""
    channel, separator, feed = reference.partition("@")
    return channel, (feed if separator and feed else None)


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    description: str | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    languages: tuple[str, ...] = ()
    flag: str = ""

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Subdivision:
    code: str
    country: str
    name: str
    parent: str | None = None

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    countries: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class City:
    code: str
    country: str
    name: str
    subdivision: str | None = None
    wikidata_id: str | None = None

    @property
    def key(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Timezone:
    id: str
    utc_offset: str
    countries: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel; the `legacy_*` fields carry what pre-2025 snapshots put here.

    `legacy_city` is a city's name in those snapshots, not a UN/LOCODE.
    """

    id: str
    name: str
    country: str
    alt_names: tuple[str, ...] = ()
    network: str | None = None
    owners: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    is_nsfw: bool = False
    launched: str | None = None
    closed: str | None = None
    replaced_by: str | None = None
    website: str | None = None
    legacy_subdivision: str | None = None
    legacy_city: str | None = None
    legacy_languages: tuple[str, ...] = ()
    legacy_broadcast_area: tuple[str, ...] = ()
    legacy_logo: str | None = None

    @property
    def key(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Feed:
    channel: str
    id: str
    name: str
    alt_names: tuple[str, ...] = ()
    is_main: bool = False
    broadcast_area: tuple[str, ...] = ()
    timezones: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    format: str | None = None

    @property
    def key(self) -> str:
        return f"{self.channel}@{self.id}"


@dataclass(frozen=True, slots=True)
class Logo:
    channel: str
    url: str
    feed: str | None = None
    in_use: bool = True
    tags: tuple[str, ...] = ()
    width: int = 0
    height: int = 0
    format: str | None = None

    @property
    def key(self) -> str:
        return digest_key(self.channel, self.feed, self.url)


@dataclass(frozen=True, slots=True)
class Stream:
    url: str
    channel: str | None = None
    feed: str | None = None
    title: str = ""
    quality: str | None = None
    label: str | None = None
    user_agent: str | None = None
    referrer: str | None = None

    @property
    def key(self) -> str:
        return digest_key(self.url)


@dataclass(frozen=True, slots=True)
class Guide:
    """Which site supplies a channel's guide; `url` is the 2022 format's guide file
    (one per country and site), which then told apart guides without a site_id."""

    site: str
    site_id: str
    channel: str | None = None
    feed: str | None = None
    site_name: str = ""
    lang: str = "en"
    url: str | None = None

    @property
    def key(self) -> str:
        return digest_key(
            self.site, self.site_id, self.lang, self.channel, self.feed, self.url
        )


@dataclass(frozen=True, slots=True)
class BlocklistEntry:
    channel: str
    ref: str = ""
    reason: str | None = None

    @property
    def key(self) -> str:
        return digest_key(self.channel, self.ref)


CatalogueRecord = (
    Category
    | Language
    | Country
    | Subdivision
    | Region
    | City
    | Timezone
    | Channel
    | Feed
    | Logo
    | Stream
    | Guide
    | BlocklistEntry
)
