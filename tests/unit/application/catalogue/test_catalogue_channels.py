"""ListChannels, SearchChannels and GetChannelDetail over the in-memory reader."""

from __future__ import annotations

import pytest

from tvnexa.application.catalogue import (
    GetChannelDetail,
    ListChannels,
    SearchChannels,
)
from tvnexa.application.catalogue.views import LanguageView, StreamView
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery


def test_list_channels_pages_in_stable_order(reader):
    first = ListChannels(reader).execute(ChannelQuery(), PageRequest(0, 2))
    rest = ListChannels(reader).execute(ChannelQuery(), PageRequest(2, 10))

    ids = [c.channel_id for c in [*first.items, *rest.items]]
    assert ids == ["BBCOne.uk", "France3.fr", "Legacy.us", "Lost.zz", "OldOne.uk"]
    assert first.total == 5
    assert first.next_offset == 2


def test_list_channels_applies_filters(reader):
    page = ListChannels(reader).execute(ChannelQuery(country="FR"), PageRequest())

    assert [c.channel_id for c in page.items] == ["France3.fr"]
    assert page.total == 1


def test_simple_channel_takes_city_from_main_feed_area(reader):
    page = ListChannels(reader).execute(ChannelQuery(country="UK"), PageRequest())
    bbc = page.items[0]

    assert bbc.city == "London"
    assert bbc.website == "https://bbc.co.uk/"
    # Natural order: channel, then feed with nulls first, then url.
    assert bbc.streams == (
        StreamView("BBCOne.uk", "https://s.example/bbc2.m3u8", None, "UA/1"),
        StreamView("BBCOne.uk", "https://s.example/bbc1.m3u8", "https://r/", None),
    )


def test_logo_prefers_in_use_then_channel_level(reader):
    page = ListChannels(reader).execute(ChannelQuery(country="UK"), PageRequest())

    assert page.items[0].logo == "https://logos.example/bbc-b-channel.png"


def test_logo_prefers_main_feed_over_other_feeds_whatever_the_url(reader):
    page = ListChannels(reader).execute(ChannelQuery(country="FR"), PageRequest())

    assert page.items[0].logo == "https://logos.example/f3-z-main.png"


def test_legacy_channel_keeps_its_legacy_logo_and_city_name(reader):
    page = ListChannels(reader).execute(ChannelQuery(country="US"), PageRequest())
    legacy = page.items[0]

    assert legacy.logo == "https://logos.example/legacy.png"
    assert legacy.city == "Los Angeles"


def test_channel_without_streams_has_an_empty_list(reader):
    page = ListChannels(reader).execute(ChannelQuery(country="US"), PageRequest())

    assert page.items[0].streams == ()


def test_search_matches_alternative_names(reader):
    page = SearchChannels(reader).execute("bbc 1", PageRequest())

    assert [c.channel_id for c in page.items] == ["BBCOne.uk"]


@pytest.mark.parametrize("term", [None, "", "   "])
def test_search_refuses_a_blank_term(reader, term):
    with pytest.raises(InvalidQuery) as raised:
        SearchChannels(reader).execute(term, PageRequest())

    assert raised.value.parameter == "term"


def test_detail_embeds_full_country_and_subdivision(reader):
    detail = GetChannelDetail(reader).execute("BBCOne.uk")

    assert detail.country.name == "United Kingdom"
    assert detail.country.languages == (LanguageView("eng", "English"),)
    assert detail.subdivision is not None
    assert detail.subdivision.name == "England"
    assert detail.subdivision.country.code == "UK"
    assert detail.city == "London"


def test_detail_fills_lists_from_the_main_feed(reader):
    detail = GetChannelDetail(reader).execute("BBCOne.uk")

    assert detail.languages == (LanguageView("eng", "English"),)
    assert detail.broadcast_areas == ("c/UK", "s/UK-ENG", "ct/GBLON")
    assert [c.id for c in detail.categories] == ["news"]
    assert detail.alt_names == ("BBC 1",)
    assert detail.owners == ("BBC",)
    assert detail.network == "BBC"
    assert detail.launched == "1936-11-02"


def test_detail_guides_have_trimmed_site_names(reader):
    detail = GetChannelDetail(reader).execute("BBCOne.uk")

    assert [
        (g.code, g.site, g.site_id, g.site_name, g.lang) for g in detail.guides
    ] == [("BBCOne.uk", "bbc.co.uk", "101", "BBC One", "en")]


def test_detail_falls_back_to_legacy_fields(reader):
    detail = GetChannelDetail(reader).execute("Legacy.us")

    assert detail.languages == (LanguageView("spa", "Spanish"),)
    assert detail.broadcast_areas == ("c/US",)
    assert detail.subdivision is not None
    assert detail.subdivision.code == "US-CA"
    assert detail.subdivision.country.languages[0].code == "eng"
    assert detail.city == "Los Angeles"


def test_detail_resolves_a_channel_at_feed_replacement_one_level_deep(reader):
    detail = GetChannelDetail(reader).execute("OldOne.uk")

    assert detail.closed == "2020-01-01"
    assert detail.replaced_by is not None
    assert detail.replaced_by.channel_id == "BBCOne.uk"
    assert detail.replaced_by.country.name == "United Kingdom"
    assert len(detail.replaced_by.streams) == 2
    assert detail.replaced_by.replaced_by is None


def test_detail_with_dangling_replacement_and_country(reader):
    detail = GetChannelDetail(reader).execute("Lost.zz")

    assert detail.replaced_by is None
    assert detail.country.code == "ZZ"
    assert detail.country.languages == ()
    assert detail.subdivision is None
    assert detail.streams == () and detail.guides == () and detail.languages == ()


def test_detail_of_unknown_channel_raises_not_found(reader):
    with pytest.raises(NotFound) as raised:
        GetChannelDetail(reader).execute("Nope.xx")

    assert raised.value.kind == "channel"
    assert raised.value.key == "Nope.xx"
