"""What a set of channels needs from other datasets, read in a fixed number of calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tvnexa.application.catalogue.places import load_country_views
from tvnexa.application.catalogue.rules import (
    channel_languages,
    city_code,
    grouped,
    main_feed,
    of_type,
    subdivision_code,
)
from tvnexa.application.catalogue.views import CountryView
from tvnexa.application.ports import CatalogReader
from tvnexa.domain.catalogue import (
    Category,
    Channel,
    City,
    Feed,
    Guide,
    Language,
    Logo,
    Stream,
    Subdivision,
)
from tvnexa.domain.datasets import Dataset


@dataclass(frozen=True, slots=True)
class ChannelBatch:
    """The feeds, logos, streams and cities of a page of channels."""

    feeds: Mapping[str, Sequence[Feed]]
    logos: Mapping[str, Sequence[Logo]]
    streams: Mapping[str, Sequence[Stream]]
    cities: Mapping[str, City]

    def main_feed(self, channel: Channel) -> Feed | None:
        return main_feed(self.feeds.get(channel.id, ()))


@dataclass(frozen=True, slots=True)
class DetailBatch:
    """A ChannelBatch plus what a channel detail adds: guides, names of codes."""

    channels: ChannelBatch
    guides: Mapping[str, Sequence[Guide]]
    categories: Mapping[str, Category]
    subdivisions: Mapping[str, Subdivision]
    countries: Mapping[str, CountryView]
    languages: Mapping[str, Language]


def load_channel_batch(
    reader: CatalogReader, channels: Sequence[Channel]
) -> ChannelBatch:
    """Four reads, whatever the number of channels: never one read per channel."""
    ids = [channel.id for channel in channels]
    feeds = of_type(reader.where_in(Dataset.FEEDS, "channel", ids), Feed)
    logos = of_type(reader.where_in(Dataset.LOGOS, "channel", ids), Logo)
    streams = of_type(reader.where_in(Dataset.STREAMS, "channel", ids), Stream)
    feeds_by_channel = grouped(feeds, lambda feed: feed.channel)

    codes: set[str] = set()
    for channel in channels:
        code = city_code(channel, main_feed(feeds_by_channel.get(channel.id, ())))
        if code:
            codes.add(code)
    cities = of_type(reader.get_many(Dataset.CITIES, codes), City)

    return ChannelBatch(
        feeds=feeds_by_channel,
        logos=grouped(logos, lambda logo: logo.channel),
        streams=grouped(streams, lambda stream: stream.channel or ""),
        cities={city.code: city for city in cities},
    )


def load_detail_batch(
    reader: CatalogReader, channels: Sequence[Channel]
) -> DetailBatch:
    """Nine reads for a channel and its replacement together."""
    batch = load_channel_batch(reader, channels)
    ids = [channel.id for channel in channels]
    guides = of_type(reader.where_in(Dataset.GUIDES, "channel", ids), Guide)

    category_ids = {code for channel in channels for code in channel.categories}
    categories = of_type(reader.get_many(Dataset.CATEGORIES, category_ids), Category)

    subdivision_codes: set[str] = set()
    language_codes: set[str] = set()
    for channel in channels:
        main = batch.main_feed(channel)
        code = subdivision_code(channel, main)
        if code:
            subdivision_codes.add(code)
        language_codes.update(channel_languages(channel, main))
    subdivisions = of_type(
        reader.get_many(Dataset.SUBDIVISIONS, subdivision_codes), Subdivision
    )

    # Channels and their subdivisions both embed full countries: one read each
    # for countries and for the languages of countries and channels together.
    country_codes = {c.country for c in channels} | {s.country for s in subdivisions}
    countries, languages = load_country_views(reader, country_codes, language_codes)

    return DetailBatch(
        channels=batch,
        guides=grouped(guides, lambda guide: guide.channel or ""),
        categories={category.id: category for category in categories},
        subdivisions={subdivision.code: subdivision for subdivision in subdivisions},
        countries=countries,
        languages=languages,
    )
