"""The upstream schema of each iptv-org dataset."""

from __future__ import annotations

from tvnexa.adapters.iptv_org.channel_schemas import (
    BlocklistSchema,
    ChannelSchema,
    FeedSchema,
    GuideSchema,
    LogoSchema,
    StreamSchema,
)
from tvnexa.adapters.iptv_org.place_schemas import (
    CategorySchema,
    CitySchema,
    CountrySchema,
    LanguageSchema,
    RegionSchema,
    SubdivisionSchema,
    TimezoneSchema,
)
from tvnexa.adapters.iptv_org.schema_base import UpstreamSchema
from tvnexa.domain.datasets import Dataset

SCHEMAS: dict[Dataset, type[UpstreamSchema]] = {
    Dataset.CATEGORIES: CategorySchema,
    Dataset.LANGUAGES: LanguageSchema,
    Dataset.TIMEZONES: TimezoneSchema,
    Dataset.COUNTRIES: CountrySchema,
    Dataset.SUBDIVISIONS: SubdivisionSchema,
    Dataset.REGIONS: RegionSchema,
    Dataset.CITIES: CitySchema,
    Dataset.CHANNELS: ChannelSchema,
    Dataset.FEEDS: FeedSchema,
    Dataset.LOGOS: LogoSchema,
    Dataset.STREAMS: StreamSchema,
    Dataset.GUIDES: GuideSchema,
    Dataset.BLOCKLIST: BlocklistSchema,
}

__all__ = [
    "SCHEMAS",
    "BlocklistSchema",
    "CategorySchema",
    "ChannelSchema",
    "CitySchema",
    "CountrySchema",
    "FeedSchema",
    "GuideSchema",
    "LanguageSchema",
    "LogoSchema",
    "RegionSchema",
    "StreamSchema",
    "SubdivisionSchema",
    "TimezoneSchema",
    "UpstreamSchema",
]
