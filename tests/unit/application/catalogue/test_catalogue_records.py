"""ListRecords and GetRecord over any dataset."""

from __future__ import annotations

import pytest

from tvnexa.application.catalogue import RECORD_KINDS, GetRecord, ListRecords
from tvnexa.domain.catalogue import Feed, Stream
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import RecordQuery


def test_list_records_filters_on_scalar_fields(reader):
    query = RecordQuery(equals={"channel": "France3.fr", "is_main": True})

    page = ListRecords(reader).execute(Dataset.FEEDS, query, PageRequest())

    assert [(f.channel, f.id) for f in page.items if isinstance(f, Feed)] == [
        ("France3.fr", "Main")
    ]


def test_list_records_pages(reader):
    page = ListRecords(reader).execute(
        Dataset.STREAMS, RecordQuery(), PageRequest(1, 2)
    )

    assert page.total == 4
    assert len(page.items) == 2
    assert page.next_offset == 3


def test_list_records_refuses_unknown_fields(reader):
    with pytest.raises(InvalidQuery):
        ListRecords(reader).execute(
            Dataset.FEEDS, RecordQuery(equals={"colour": "red"}), PageRequest()
        )


def test_get_record_by_digest_key(reader):
    stream = Stream("https://s.example/f3.m3u8", "France3.fr", "Main")

    assert GetRecord(reader).execute(Dataset.STREAMS, stream.key) == stream


def test_get_feed_by_channel_at_feed(reader):
    feed = GetRecord(reader).execute(Dataset.FEEDS, "France3.fr@Paris")

    assert isinstance(feed, Feed) and feed.name == "Paris"


@pytest.mark.parametrize("dataset", list(Dataset))
def test_get_missing_record_names_its_kind(reader, dataset):
    with pytest.raises(NotFound) as raised:
        GetRecord(reader).execute(dataset, "missing")

    assert raised.value.kind == RECORD_KINDS[dataset]
    assert raised.value.key == "missing"
