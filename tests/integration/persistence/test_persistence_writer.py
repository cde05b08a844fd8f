"""PeeweeCatalogWriter.replace: counts, minimal writes, link upkeep, atomicity."""

from __future__ import annotations

import dataclasses
from typing import Any

import peewee
import pytest

from tvnexa.adapters.persistence import PeeweeCatalogReader, PeeweeCatalogWriter
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import StorageError
from tvnexa.domain.ingestion import ChangeCounts
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery

ALL = PageRequest(0, 100)


def channel_ids(reader: PeeweeCatalogReader, **filters: Any) -> list[str]:
    return [ch.id for ch in reader.channels(ChannelQuery(**filters), ALL).items]


def link_rows(database: peewee.Database, table: str) -> list[tuple[Any, ...]]:
    return database.execute_sql(f"SELECT * FROM {table} ORDER BY 1, 2, 3, 4").fetchall()


def test_first_replace_adds_every_record(
    writer: PeeweeCatalogWriter,
    reader: PeeweeCatalogReader,
    catalogue: dict[Dataset, list[Any]],
) -> None:
    for dataset in (Dataset.CHANNELS, Dataset.GUIDES):
        counts = writer.replace(dataset, catalogue[dataset])

        assert counts == ChangeCounts(added=len(catalogue[dataset]))
        assert reader.keys(dataset) == {record.key for record in catalogue[dataset]}


def test_replace_counts_added_updated_removed_and_unchanged(
    writer: PeeweeCatalogWriter,
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
) -> None:
    alpha, beta, gamma, _delta, epsilon = loaded[Dataset.CHANNELS]
    renamed = dataclasses.replace(alpha, name="Alpha Prime", alt_names=())
    newcomer = c.Channel("Zeta.it", "Zeta", "IT")

    counts = writer.replace(Dataset.CHANNELS, [renamed, beta, gamma, epsilon, newcomer])

    assert counts == ChangeCounts(added=1, updated=1, removed=1, unchanged=3)
    assert reader.get(Dataset.CHANNELS, "Alpha.uk") == renamed
    assert reader.get(Dataset.CHANNELS, "Delta.ca") is None
    assert reader.get(Dataset.CHANNELS, "Zeta.it") == newcomer
    assert reader.count(Dataset.CHANNELS) == 5


def test_replace_keeps_every_field_as_given(
    writer: PeeweeCatalogWriter,
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
) -> None:
    for dataset, records in loaded.items():
        stored = reader.get_many(dataset, [record.key for record in records])

        assert sorted(stored, key=lambda r: r.key) == sorted(
            records, key=lambda r: r.key
        )


def test_replace_with_an_empty_list_removes_everything(
    writer: PeeweeCatalogWriter,
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
) -> None:
    counts = writer.replace(Dataset.FEEDS, [])

    assert counts == ChangeCounts(removed=len(loaded[Dataset.FEEDS]))
    assert reader.count(Dataset.FEEDS) == 0
    assert channel_ids(reader, language="eng") == []
    assert channel_ids(reader, language="fra") == ["Delta.ca"]  # its own, older data


def test_an_unchanged_replace_writes_nothing(
    writer: PeeweeCatalogWriter,
    writer_db: peewee.Database,
    loaded: dict[Dataset, list[Any]],
    trace: Any,
) -> None:
    connection = writer_db.connection()
    changes_before = connection.total_changes
    log = trace(writer_db)

    for dataset, records in loaded.items():
        counts = writer.replace(dataset, list(reversed(records)))
        assert counts == ChangeCounts(unchanged=len(records)), dataset

    assert connection.total_changes == changes_before
    assert log.starting_with("INSERT", "UPDATE", "DELETE", "REPLACE") == []
    assert log.starting_with("SELECT")  # it did read, to compare


def test_an_update_rewrites_only_the_changed_rows(
    writer: PeeweeCatalogWriter,
    writer_db: peewee.Database,
    loaded: dict[Dataset, list[Any]],
    trace: Any,
) -> None:
    guides = loaded[Dataset.GUIDES]
    changed = dataclasses.replace(guides[0], site_name="Alpha One HD")
    connection = writer_db.connection()
    before = connection.total_changes
    log = trace(writer_db)

    writer.replace(Dataset.GUIDES, [changed, *guides[1:]])

    assert connection.total_changes - before == 1
    assert len(log.starting_with("UPDATE")) == 1
    assert log.starting_with("INSERT", "DELETE") == []


def test_link_rows_follow_updated_and_removed_records(
    writer: PeeweeCatalogWriter,
    reader: PeeweeCatalogReader,
    writer_db: peewee.Database,
    loaded: dict[Dataset, list[Any]],
) -> None:
    feeds = loaded[Dataset.FEEDS]
    _alpha_sd, alpha_wales, beta_sd, gamma_hd, ghost = feeds
    welsh_only = dataclasses.replace(alpha_wales, languages=("cym",), timezones=())
    assert channel_ids(reader, timezone="Europe/London") == ["Alpha.uk"]

    writer.replace(Dataset.FEEDS, [welsh_only, beta_sd, gamma_hd, ghost])

    assert channel_ids(reader, language="eng") == ["Gamma.us"]
    assert channel_ids(reader, language="cym") == ["Alpha.uk"]
    assert channel_ids(reader, timezone="Europe/London") == []
    assert channel_ids(reader, city="GBLON") == []
    assert channel_ids(reader, subdivision="UK-WLS") == ["Alpha.uk"]
    languages = link_rows(writer_db, "channel_languages")
    assert ("feeds", "Alpha.uk@SD", "Alpha.uk", "eng") not in languages
    assert ("feeds", "Alpha.uk@Wales", "Alpha.uk", "cym") in languages
    assert ("feeds", "Alpha.uk@Wales", "Alpha.uk", "eng") not in languages

    channels = loaded[Dataset.CHANNELS]
    recategorised = dataclasses.replace(channels[0], categories=("sports",))
    writer.replace(Dataset.CHANNELS, [recategorised, *channels[1:]])

    assert channel_ids(reader, category="news") == []
    assert channel_ids(reader, category="sports") == ["Alpha.uk"]


def test_region_members_follow_the_regions_dataset(
    writer: PeeweeCatalogWriter,
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
) -> None:
    europe, america = loaded[Dataset.REGIONS]

    writer.replace(
        Dataset.REGIONS, [dataclasses.replace(europe, countries=("FR",)), america]
    )

    assert channel_ids(reader, region="EUR") == ["Beta.fr"]
    assert channel_ids(reader, region="NAM") == ["Delta.ca", "Gamma.us"]


def test_a_reader_sees_the_old_dataset_until_the_replace_commits(
    writer: PeeweeCatalogWriter,
    writer_db: peewee.Database,
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
) -> None:
    # A trigger on the writer's connection runs a probe between the writes of
    # the replace and its commit; the probe reads through the reader's own
    # connection, as the API would while the ingestion works.
    seen: list[tuple[int, bool, list[str]]] = []

    def probe() -> int:
        seen.append(
            (
                reader.count(Dataset.CHANNELS),
                reader.get(Dataset.CHANNELS, "Zeta.it") is not None,
                channel_ids(reader, category="news"),
            )
        )
        return 0

    connection = writer_db.connection()
    connection.create_function("probe", 0, probe)
    connection.execute(
        "CREATE TEMP TRIGGER probe_links AFTER INSERT ON channel_categories "
        "BEGIN SELECT probe(); END"
    )
    channels = loaded[Dataset.CHANNELS]
    newcomer = c.Channel("Zeta.it", "Zeta", "IT", categories=("news",))

    counts = writer.replace(Dataset.CHANNELS, [*channels[1:], newcomer])

    assert counts == ChangeCounts(added=1, removed=1, unchanged=4)
    assert seen and all(view == (5, False, ["Alpha.uk"]) for view in seen)
    assert reader.count(Dataset.CHANNELS) == 5
    assert channel_ids(reader, category="news") == ["Zeta.it"]


def test_a_failure_mid_replace_leaves_everything_as_it_was(
    writer: PeeweeCatalogWriter,
    writer_db: peewee.Database,
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
) -> None:
    # The failure strikes after the channel rows were deleted, updated and
    # inserted, while their link rows are written.
    connection = writer_db.connection()
    connection.execute(
        "CREATE TEMP TRIGGER fail_links AFTER INSERT ON channel_categories "
        "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    channels = loaded[Dataset.CHANNELS]
    before = reader.get_many(Dataset.CHANNELS, [ch.id for ch in channels])
    links_before = link_rows(writer_db, "channel_categories")
    changed = dataclasses.replace(channels[1], categories=("news",))

    with pytest.raises(StorageError, match="disk on fire"):
        writer.replace(
            Dataset.CHANNELS,
            [changed, *channels[2:], c.Channel("Zeta.it", "Zeta", "IT")],
        )

    assert reader.get_many(Dataset.CHANNELS, [ch.id for ch in channels]) == before
    assert reader.get(Dataset.CHANNELS, "Zeta.it") is None
    assert link_rows(writer_db, "channel_categories") == links_before
    connection.execute("DROP TRIGGER fail_links")
    assert writer.replace(Dataset.CHANNELS, channels) == ChangeCounts(unchanged=5)


def test_two_records_with_one_key_are_refused_whole(
    writer: PeeweeCatalogWriter, reader: PeeweeCatalogReader
) -> None:
    twice = [c.Language("eng", "English"), c.Language("eng", "Anglais")]

    with pytest.raises(StorageError):
        writer.replace(Dataset.LANGUAGES, twice)

    assert reader.count(Dataset.LANGUAGES) == 0


def test_a_read_only_database_refuses_to_replace(
    reader_db: peewee.Database, catalogue: dict[Dataset, list[Any]]
) -> None:
    with pytest.raises(StorageError):
        PeeweeCatalogWriter(reader_db).replace(
            Dataset.LANGUAGES, catalogue[Dataset.LANGUAGES]
        )
