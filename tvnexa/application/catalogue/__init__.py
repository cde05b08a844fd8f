"""Catalogue reads: read models and the query use cases that build them."""

from tvnexa.application.catalogue.channels import (
    GetChannelDetail,
    ListChannels,
    SearchChannels,
)
from tvnexa.application.catalogue.places import (
    CountryViews,
    GetCountry,
    GetRegion,
    GetSubdivision,
    RegionViews,
    SearchCountries,
    SubdivisionViews,
)
from tvnexa.application.catalogue.records import RECORD_KINDS, GetRecord, ListRecords
from tvnexa.application.catalogue.views import (
    CategoryView,
    ChannelDetailView,
    CountryView,
    GuideView,
    LanguageView,
    RegionView,
    SimpleChannelView,
    StreamView,
    SubdivisionView,
)

__all__ = [
    "RECORD_KINDS",
    "CategoryView",
    "ChannelDetailView",
    "CountryView",
    "CountryViews",
    "GetChannelDetail",
    "GetCountry",
    "GetRecord",
    "GetRegion",
    "GetSubdivision",
    "GuideView",
    "LanguageView",
    "ListChannels",
    "ListRecords",
    "RegionView",
    "RegionViews",
    "SearchChannels",
    "SearchCountries",
    "SimpleChannelView",
    "StreamView",
    "SubdivisionView",
    "SubdivisionViews",
]
