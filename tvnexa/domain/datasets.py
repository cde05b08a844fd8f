"""The thirteen iptv-org datasets, their record types and their dependency graph."""

from __future__ import annotations

from enum import StrEnum

from tvnexa.domain import catalogue as c


class Dataset(StrEnum):
    CATEGORIES = "categories"
    LANGUAGES = "languages"
    TIMEZONES = "timezones"
    COUNTRIES = "countries"
    SUBDIVISIONS = "subdivisions"
    REGIONS = "regions"
    CITIES = "cities"
    CHANNELS = "channels"
    FEEDS = "feeds"
    LOGOS = "logos"
    STREAMS = "streams"
    GUIDES = "guides"
    BLOCKLIST = "blocklist"

    @property
    def record_type(self) -> type[c.CatalogueRecord]:
        return RECORD_TYPES[self]

    @property
    def parents(self) -> tuple[Dataset, ...]:
        return PARENTS[self]

    @property
    def children(self) -> tuple[Dataset, ...]:
        return tuple(d for d in Dataset if self in PARENTS[d])


RECORD_TYPES: dict[Dataset, type[c.CatalogueRecord]] = {
    Dataset.CATEGORIES: c.Category,
    Dataset.LANGUAGES: c.Language,
    Dataset.TIMEZONES: c.Timezone,
    Dataset.COUNTRIES: c.Country,
    Dataset.SUBDIVISIONS: c.Subdivision,
    Dataset.REGIONS: c.Region,
    Dataset.CITIES: c.City,
    Dataset.CHANNELS: c.Channel,
    Dataset.FEEDS: c.Feed,
    Dataset.LOGOS: c.Logo,
    Dataset.STREAMS: c.Stream,
    Dataset.GUIDES: c.Guide,
    Dataset.BLOCKLIST: c.BlocklistEntry,
}

# A dataset is ingested only after its parents: languages, categories and
# timezones feed countries, which feed subdivisions and regions, and so on down
# to the channel's own feeds, logos, streams, guides and blocklist entries.
PARENTS: dict[Dataset, tuple[Dataset, ...]] = {
    Dataset.CATEGORIES: (),
    Dataset.LANGUAGES: (),
    Dataset.TIMEZONES: (),
    Dataset.COUNTRIES: (Dataset.LANGUAGES, Dataset.CATEGORIES, Dataset.TIMEZONES),
    Dataset.SUBDIVISIONS: (Dataset.COUNTRIES,),
    Dataset.REGIONS: (Dataset.COUNTRIES,),
    Dataset.CITIES: (Dataset.SUBDIVISIONS, Dataset.REGIONS),
    Dataset.CHANNELS: (Dataset.CITIES,),
    Dataset.FEEDS: (Dataset.CHANNELS,),
    Dataset.LOGOS: (Dataset.FEEDS,),
    Dataset.STREAMS: (Dataset.FEEDS,),
    Dataset.GUIDES: (Dataset.FEEDS,),
    Dataset.BLOCKLIST: (Dataset.FEEDS,),
}


def ancestors(dataset: Dataset) -> frozenset[Dataset]:
    """Every dataset that must be ingested before `dataset`."""
    found: set[Dataset] = set()
    pending = list(dataset.parents)
    while pending:
        parent = pending.pop()
        if parent not in found:
            found.add(parent)
            pending.extend(parent.parents)
    return frozenset(found)


def dependency_order(selected: frozenset[Dataset] | None = None) -> list[Dataset]:
    """The datasets (all, or `selected`) sorted so parents come before children."""
    ordered: list[Dataset] = []
    placed: set[Dataset] = set()
    remaining = list(Dataset)
    while remaining:
        ready = [d for d in remaining if all(p in placed for p in d.parents)]
        for dataset in ready:
            ordered.append(dataset)
            placed.add(dataset)
            remaining.remove(dataset)
    if selected is None:
        return ordered
    return [d for d in ordered if d in selected]


# Lists are returned in this order (nulls first), which makes paging stable.
NATURAL_ORDER: dict[Dataset, tuple[str, ...]] = {
    Dataset.CATEGORIES: ("id",),
    Dataset.LANGUAGES: ("code",),
    Dataset.TIMEZONES: ("id",),
    Dataset.COUNTRIES: ("code",),
    Dataset.SUBDIVISIONS: ("code",),
    Dataset.REGIONS: ("code",),
    Dataset.CITIES: ("code",),
    Dataset.CHANNELS: ("id",),
    Dataset.FEEDS: ("channel", "id"),
    Dataset.LOGOS: ("channel", "feed", "url"),
    Dataset.STREAMS: ("channel", "feed", "url"),
    Dataset.GUIDES: ("site", "site_id", "lang", "channel", "feed", "url"),
    Dataset.BLOCKLIST: ("channel", "ref"),
}
