"""A page costs a fixed number of reader calls, whatever its length."""

from __future__ import annotations

import pytest

from tvnexa.application.catalogue import (
    CountryViews,
    GetChannelDetail,
    ListChannels,
    RegionViews,
    SearchChannels,
    SubdivisionViews,
)
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery


def calls_for(reader, run, limit):
    reader.calls.clear()
    page = run(PageRequest(0, limit))
    assert len(page.items) == limit
    return reader.total


@pytest.mark.parametrize(
    "make",
    [
        lambda r: lambda p: ListChannels(r).execute(ChannelQuery(), p),
        lambda r: lambda p: SearchChannels(r).execute("channel", p),
    ],
    ids=["list", "search"],
)
def test_channel_pages_cost_the_same_for_1_and_50_items(crowded_reader, make):
    run = make(crowded_reader)

    one = calls_for(crowded_reader, run, 1)
    fifty = calls_for(crowded_reader, run, 50)

    assert one == fifty == 5


def test_channel_page_never_reads_one_record_at_a_time(crowded_reader):
    ListChannels(crowded_reader).execute(ChannelQuery(), PageRequest(0, 50))

    assert crowded_reader.calls["get"] == 0


@pytest.mark.parametrize(
    ("use_case", "limit"),
    [(CountryViews, 2), (RegionViews, 2), (SubdivisionViews, 3)],
)
def test_place_pages_cost_the_same_for_1_and_all_items(
    counting_reader, use_case, limit
):
    run = use_case(counting_reader).execute

    one = calls_for(counting_reader, lambda p: run(RecordQuery(), p), 1)
    many = calls_for(counting_reader, lambda p: run(RecordQuery(), p), limit)

    assert one == many <= 3


def test_detail_costs_a_bounded_number_of_calls(crowded_reader):
    GetChannelDetail(crowded_reader).execute("Ch001.uk")

    assert crowded_reader.calls["get"] == 1
    assert crowded_reader.total <= 10
