"""Each real iptv-org file, current or legacy, is read or reported record by record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from tvnexa.adapters.iptv_org.source import DirectoryCatalogSource
from tvnexa.application.ports import FetchedDataset
from tvnexa.domain import catalogue as c
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import DatasetNotPublished

CURRENT = "iptv-org/api-2026-04-30"
LEGACY_2022 = "iptv-org/legacy/api-2022-04-29"
PUBLISHED_IN_2022 = [
    Dataset.CATEGORIES,
    Dataset.LANGUAGES,
    Dataset.COUNTRIES,
    Dataset.SUBDIVISIONS,
    Dataset.REGIONS,
    Dataset.CHANNELS,
    Dataset.STREAMS,
    Dataset.GUIDES,
    Dataset.BLOCKLIST,
]
HISTORY = [
    ("streams-history/streams.2023-06-13.json.gz", Dataset.STREAMS),
    ("streams-history/streams.2024-06-15.json.gz", Dataset.STREAMS),
    ("streams-history/streams.2025-05-15.json.gz", Dataset.STREAMS),
    ("streams-history/streams.2025-09-15.json.gz", Dataset.STREAMS),
    ("guides-history/guides.2023-12-01.json.gz", Dataset.GUIDES),
]

# A plain, schema-free statement of what a readable record is: the keys that
# must hold a string, and the JSON type of each other key wherever it appears.
REQUIRED_TEXT: dict[Dataset, tuple[str, ...]] = {
    Dataset.CATEGORIES: ("id", "name"),
    Dataset.LANGUAGES: ("code", "name"),
    Dataset.COUNTRIES: ("code", "name"),
    Dataset.SUBDIVISIONS: ("code", "country", "name"),
    Dataset.REGIONS: ("code", "name"),
    Dataset.CITIES: ("code", "country", "name"),
    Dataset.TIMEZONES: ("id", "utc_offset"),
    Dataset.CHANNELS: ("id", "name", "country"),
    Dataset.FEEDS: ("channel", "id", "name"),
    Dataset.LOGOS: ("channel", "url"),
    Dataset.STREAMS: ("url",),
    Dataset.GUIDES: ("site",),
    Dataset.BLOCKLIST: ("channel",),
}
NULLABLE_TEXT = {
    "description", "parent", "subdivision", "wikidata_id", "network", "launched",
    "closed", "replaced_by", "website", "native_name", "city", "logo", "feed",
    "format", "video_format", "channel", "title", "quality", "label", "user_agent",
    "referrer", "http_referrer", "lang",
}  # fmt: skip
TEXT = {"flag", "site_id", "site_name", "ref"}
TEXT_LISTS = {
    "languages", "countries", "alt_names", "owners", "categories", "broadcast_area",
    "timezones", "tags",
}  # fmt: skip
FLAGS = {"is_nsfw", "is_main", "in_use"}
SIZES = {"width", "height"}


def plainly_readable(dataset: Dataset, item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    if not all(isinstance(item.get(key), str) for key in REQUIRED_TEXT[dataset]):
        return False
    for key, value in item.items():
        if key in NULLABLE_TEXT and not (value is None or isinstance(value, str)):
            return False
        if key in TEXT and not isinstance(value, str):
            return False
        if key in TEXT_LISTS and not (
            isinstance(value, list) and all(isinstance(v, str) for v in value)
        ):
            return False
        if key in FLAGS and not isinstance(value, bool):
            return False
        if key in SIZES and not (
            value is None or (isinstance(value, int) and not isinstance(value, bool))
        ):
            return False
    return True


def raw_items(path: Path) -> list[Any]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        items: list[Any] = json.load(handle)
    return items


def published_file(folder: Path, dataset: Dataset) -> Path:
    return next(folder.glob(f"{dataset.value}.json*"))


def fetch_all(folder: Path, dataset: Dataset) -> FetchedDataset:
    fetched = DirectoryCatalogSource(folder).fetch(dataset)
    assert isinstance(fetched, FetchedDataset)
    return fetched


def assert_every_record_accounted_for(
    dataset: Dataset, fetched: FetchedDataset, items: list[Any]
) -> None:
    expected_rejects = sum(1 for item in items if not plainly_readable(dataset, item))
    assert fetched.total == len(items)
    assert len(fetched.records) + len(fetched.problems) == len(items)
    assert len(fetched.problems) == expected_rejects, fetched.problems[:3]
    assert all(isinstance(r, dataset.record_type) for r in fetched.records)


@pytest.mark.parametrize("dataset", list(Dataset), ids=str)
def test_the_current_snapshot_is_read_whole(
    shared_data: Path, dataset: Dataset
) -> None:
    folder = shared_data / CURRENT

    fetched = fetch_all(folder, dataset)

    items = raw_items(published_file(folder, dataset))
    assert_every_record_accounted_for(dataset, fetched, items)


@pytest.mark.parametrize("dataset", PUBLISHED_IN_2022, ids=str)
def test_the_2022_snapshot_is_read_whole(shared_data: Path, dataset: Dataset) -> None:
    folder = shared_data / LEGACY_2022

    fetched = fetch_all(folder, dataset)

    items = raw_items(published_file(folder, dataset))
    assert_every_record_accounted_for(dataset, fetched, items)


@pytest.mark.parametrize(
    "dataset", [Dataset.FEEDS, Dataset.LOGOS, Dataset.CITIES, Dataset.TIMEZONES]
)
def test_datasets_missing_from_2022_are_not_published(
    shared_data: Path, dataset: Dataset
) -> None:
    with pytest.raises(DatasetNotPublished, match=dataset.value):
        DirectoryCatalogSource(shared_data / LEGACY_2022).fetch(dataset)


@pytest.mark.parametrize(("name", "dataset"), HISTORY, ids=[h[0] for h in HISTORY])
def test_each_historical_file_is_read_whole(
    shared_data: Path, tmp_path: Path, name: str, dataset: Dataset
) -> None:
    original = shared_data / "iptv-org/legacy" / name
    (tmp_path / f"{dataset.value}.json.gz").symlink_to(original)

    fetched = fetch_all(tmp_path, dataset)

    assert_every_record_accounted_for(dataset, fetched, raw_items(original))


def test_2022_channels_keep_native_names_and_their_legacy_fields(
    shared_data: Path,
) -> None:
    folder = shared_data / LEGACY_2022
    items = raw_items(folder / "channels.json.gz")

    channels = fetch_all(folder, Dataset.CHANNELS).records

    assert [ch.alt_names for ch in channels] == [
        (item["native_name"],) if item["native_name"] else () for item in items
    ]
    assert [ch.legacy_logo for ch in channels] == [i["logo"] for i in items]
    assert [ch.legacy_city for ch in channels] == [i["city"] for i in items]
    assert [list(ch.legacy_languages) for ch in channels] == [
        i["languages"] for i in items
    ]


def test_2022_countries_turn_their_single_lang_into_a_list(shared_data: Path) -> None:
    folder = shared_data / LEGACY_2022
    items = raw_items(folder / "countries.json")

    countries = fetch_all(folder, Dataset.COUNTRIES).records

    assert [country.languages for country in countries] == [
        (item["lang"],) for item in items
    ]


def test_2022_streams_take_the_http_referrer(shared_data: Path) -> None:
    folder = shared_data / LEGACY_2022
    items = raw_items(folder / "streams.json.gz")

    streams = fetch_all(folder, Dataset.STREAMS).records

    referrers = [s.referrer for s in streams]
    assert referrers == [item["http_referrer"] for item in items]
    assert sum(r is not None for r in referrers) == 53


def test_2024_streams_with_an_empty_channel_have_none(
    shared_data: Path, tmp_path: Path
) -> None:
    original = (
        shared_data / "iptv-org/legacy/streams-history/streams.2024-06-15.json.gz"
    )
    (tmp_path / "streams.json.gz").symlink_to(original)

    streams = fetch_all(tmp_path, Dataset.STREAMS).records

    assert sum(s.channel is None for s in streams) == 1231
    assert "" not in {s.channel for s in streams}


def test_guide_site_names_stay_untrimmed(shared_data: Path, tmp_path: Path) -> None:
    original = shared_data / "iptv-org/legacy/guides-history/guides.2023-12-01.json.gz"
    (tmp_path / "guides.json.gz").symlink_to(original)
    items = raw_items(original)

    guides = fetch_all(tmp_path, Dataset.GUIDES).records

    names = [g.site_name for g in guides]
    assert names == [item["site_name"] for item in items]
    assert any(name != name.strip() for name in names)


def test_current_quirks_survive(shared_data: Path) -> None:
    folder = shared_data / CURRENT

    channels = fetch_all(folder, Dataset.CHANNELS).records

    by_id = {ch.id: ch for ch in channels if isinstance(ch, c.Channel)}
    assert any(ch.country == "UK" for ch in by_id.values())
    feed_replacements = [
        ch.replaced_by
        for ch in by_id.values()
        if ch.replaced_by and "@" in ch.replaced_by
    ]
    assert feed_replacements
