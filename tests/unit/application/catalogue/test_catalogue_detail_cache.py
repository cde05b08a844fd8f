"""GetChannelDetail through the Cache port, keyed by revision and channel id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tvnexa.adapters.cache.inprocess import InProcessCache
from tvnexa.adapters.memory.catalog import InMemoryCatalogWriter
from tvnexa.adapters.memory.runs import (
    InMemoryRunHistory,
    InMemoryRunLog,
    InMemoryRunStore,
)
from tvnexa.application.catalogue import GetChannelDetail
from tvnexa.application.catalogue.detail_codec import decode_detail, encode_detail
from tvnexa.domain.catalogue import Channel
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import NotFound
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, RunStatus


@pytest.fixture
def run_store():
    return InMemoryRunStore()


@pytest.fixture
def runs(run_store):
    return InMemoryRunHistory(run_store)


def record_changing_run(run_store):
    log = InMemoryRunLog(run_store)
    run = log.start(IngestionRun("channels", datetime(2026, 1, 1, tzinfo=UTC)))
    run.status, run.counts = RunStatus.SUCCEEDED, ChangeCounts(updated=1)
    log.finish(run)


class BrokenCache:
    def get(self, key):
        raise ConnectionError("cache node down")

    def set(self, key, value, ttl_seconds):
        raise ConnectionError("cache node down")

    def delete(self, key):
        raise ConnectionError("cache node down")


def test_codec_round_trips_a_detail_with_its_replacement(reader):
    detail = GetChannelDetail(reader).execute("OldOne.uk")

    assert decode_detail(encode_detail(detail)) == detail


def test_garbage_bytes_do_not_decode():
    with pytest.raises(ValueError):
        decode_detail(b'{"channel_id": 1}')


def test_second_read_comes_from_the_cache(counting_reader, runs):
    cache = InProcessCache()
    use_case = GetChannelDetail(counting_reader, runs, cache)
    first = use_case.execute("BBCOne.uk")
    counting_reader.calls.clear()

    second = use_case.execute("BBCOne.uk")

    assert second == first
    assert counting_reader.total == 0


def test_cache_key_holds_revision_and_id(reader, runs):
    cache = InProcessCache()

    GetChannelDetail(reader, runs, cache).execute("BBCOne.uk")
    GetChannelDetail(reader, runs, cache).execute("France3.fr")

    keys = sorted(cache.entries)
    assert len(keys) == 2
    assert keys[0].endswith(":0:BBCOne.uk")
    assert keys[1].endswith(":0:France3.fr")


def test_each_id_gets_its_own_answer(reader, runs):
    use_case = GetChannelDetail(reader, runs, InProcessCache())
    use_case.execute("BBCOne.uk")

    assert use_case.execute("France3.fr").channel_id == "France3.fr"


def test_not_found_is_never_cached(store, reader, runs):
    cache = InProcessCache()
    use_case = GetChannelDetail(reader, runs, cache)
    with pytest.raises(NotFound):
        use_case.execute("New.uk")
    assert not cache.entries

    channels = [
        *store.datasets[Dataset.CHANNELS].values(),
        Channel("New.uk", "New", "UK"),
    ]
    InMemoryCatalogWriter(store).replace(Dataset.CHANNELS, channels)

    assert use_case.execute("New.uk").name == "New"


def test_new_revision_reads_the_new_data(store, reader, runs, run_store):
    use_case = GetChannelDetail(reader, runs, InProcessCache())
    assert use_case.execute("France3.fr").name == "France 3"

    InMemoryCatalogWriter(store).replace(
        Dataset.CHANNELS, [Channel("France3.fr", "France Trois", "FR")]
    )
    record_changing_run(run_store)

    assert use_case.execute("France3.fr").name == "France Trois"


def test_a_failing_cache_only_costs_a_rebuild(reader, runs):
    detail = GetChannelDetail(reader, runs, BrokenCache()).execute("BBCOne.uk")

    assert detail.channel_id == "BBCOne.uk"


def test_garbage_in_the_cache_is_rebuilt(reader, runs):
    cache = InProcessCache()
    use_case = GetChannelDetail(reader, runs, cache)
    use_case.execute("BBCOne.uk")
    for key in list(cache.entries):
        cache.set(key, b"not json", 60)

    assert use_case.execute("BBCOne.uk").channel_id == "BBCOne.uk"
