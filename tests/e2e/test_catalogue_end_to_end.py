"""The real snapshot, served on loopback, ingested by the real CLI and read back
through the real API under gunicorn."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.support import api_server, file_server, get_json, latest_runs, tvnexa
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import IngestionRun, RunStatus

pytestmark = pytest.mark.e2e

SNAPSHOT = "iptv-org/api-2026-04-30"
SAMPLED_CHANNELS = 200
LIST_ROUTES = {dataset: dataset.value for dataset in Dataset}


@pytest.fixture(scope="module")
def snapshot(shared_data: Path) -> Path:
    return shared_data / SNAPSHOT


@pytest.fixture(scope="module")
def source(snapshot: Path) -> dict[str, list[dict[str, Any]]]:
    return {
        dataset.value: json.loads((snapshot / f"{dataset.value}.json").read_bytes())
        for dataset in Dataset
    }


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tvnexa-e2e")


@pytest.fixture(scope="module")
def first_runs(snapshot: Path, data_dir: Path) -> dict[str, IngestionRun]:
    with file_server(snapshot) as url:
        tvnexa(data_dir, "ingest", "--source", url)
    return latest_runs(data_dir)


@pytest.fixture(scope="module")
def api(first_runs: dict[str, IngestionRun], data_dir: Path) -> Iterator[str]:
    with api_server(data_dir) as base:
        yield base


def catalogue_fingerprint(data_dir: Path) -> dict[str, int]:
    """A checksum of every catalogue table's rows, to prove nothing was written."""
    connection = sqlite3.connect(data_dir / "tvnexa.sqlite3")
    try:
        fingerprint = {}
        for dataset in Dataset:
            rows = connection.execute(f'SELECT * FROM "{dataset.value}"').fetchall()
            fingerprint[dataset.value] = hash(tuple(sorted(map(repr, rows))))
        return fingerprint
    finally:
        connection.close()


def test_every_dataset_holds_the_source_minus_the_reported_rejects(
    api: str,
    first_runs: dict[str, IngestionRun],
    source: dict[str, list[dict[str, Any]]],
) -> None:
    for dataset in Dataset:
        run = first_runs[dataset.value]
        _, headers = get_json(f"{api}/{LIST_ROUTES[dataset]}?limit=1")

        assert run.status is RunStatus.SUCCEEDED, (dataset, run.error)
        expected = len(source[dataset.value]) - run.rejected
        assert int(headers["X-Total-Count"]) == expected, dataset
        assert run.counts.added == expected, dataset


def test_only_true_duplicates_are_rejected_in_the_real_snapshot(
    first_runs: dict[str, IngestionRun], source: dict[str, list[dict[str, Any]]]
) -> None:
    guides = source["guides"]
    seen: set[tuple[Any, ...]] = set()
    duplicates = 0
    for guide in guides:
        key = tuple(guide[k] for k in ("site", "site_id", "lang", "channel", "feed"))
        duplicates += key in seen
        seen.add(key)

    assert first_runs["guides"].rejected == duplicates > 0
    for dataset in Dataset:
        if dataset is not Dataset.GUIDES:
            assert first_runs[dataset.value].rejected == 0, dataset


def test_dangling_references_are_reported_not_dropped(
    first_runs: dict[str, IngestionRun], source: dict[str, list[dict[str, Any]]]
) -> None:
    channel_ids = {c["id"] for c in source["channels"]}
    unknown_stream_channels = sum(
        1 for s in source["streams"] if s["channel"] and s["channel"] not in channel_ids
    )

    streams = first_runs["streams"]
    dangling_channels = {p.position for p in streams.problems if p.field == "channel"}
    assert len(dangling_channels) == unknown_stream_channels > 0
    assert streams.counts.added == len(source["streams"])


def expected_logo(
    channel: dict[str, Any], logos: list[dict[str, Any]], main: str | None
) -> str | None:
    candidates = [logo for logo in logos if logo["channel"] == channel["id"]]
    candidates.sort(
        key=lambda logo: (
            not logo["in_use"],
            logo["feed"] is not None,
            logo["feed"] != main,
            logo["url"],
        )
    )
    return candidates[0]["url"] if candidates else None


def test_random_channels_read_back_equal_their_source_records(
    api: str, source: dict[str, list[dict[str, Any]]]
) -> None:
    channels = {c["id"]: c for c in source["channels"]}
    main_feeds = {f["channel"]: f for f in source["feeds"] if f["is_main"]}
    categories = {c["id"] for c in source["categories"]}
    languages = {lang["code"] for lang in source["languages"]}
    sample = random.Random(20260430).sample(sorted(channels), SAMPLED_CHANNELS)

    for channel_id in sample:
        record = channels[channel_id]
        body, _ = get_json(f"{api}/channels/{urllib.parse.quote(channel_id)}")
        detail = body["data"]
        main = main_feeds.get(channel_id)

        assert body["code"] == 2002
        for field in ("name", "network", "is_nsfw", "website", "launched", "closed"):
            assert detail[field] == record[field], (channel_id, field)
        assert detail["channel_id"] == channel_id
        assert detail["alt_names"] == record["alt_names"]
        assert detail["owners"] == record["owners"]
        assert detail["country"]["code"] == record["country"]
        assert [c["id"] for c in detail["categories"]] == [
            c for c in record["categories"] if c in categories
        ]
        replacement = (record["replaced_by"] or "").partition("@")[0]
        expected_replacement = replacement if replacement in channels else None
        assert (detail["replaced_by"] or {}).get("channel_id") == expected_replacement
        main_languages = main["languages"] if main else []
        assert [lang["code"] for lang in detail["languages"]] == [
            code for code in main_languages if code in languages
        ]
        assert detail["broadcast_areas"] == (main["broadcast_area"] if main else [])
        assert {s["url"] for s in detail["streams"]} == {
            s["url"] for s in source["streams"] if s["channel"] == channel_id
        }
        assert {(g["site"], g["site_id"], g["lang"]) for g in detail["guides"]} == {
            (g["site"], g["site_id"], g["lang"])
            for g in source["guides"]
            if g["channel"] == channel_id
        }
        assert detail["logo"] == expected_logo(
            record, source["logos"], main["id"] if main else None
        )


def channel_ids_from_api(api: str, parameters: dict[str, str]) -> list[str]:
    ids: list[str] = []
    url: str | None = f"{api}/channels?{urllib.parse.urlencode(parameters)}&limit=1000"
    total = None
    while url:
        body, headers = get_json(url)
        total = int(headers["X-Total-Count"])
        ids.extend(channel["channel_id"] for channel in body["data"])
        url = next_link(headers.get("Link"), api)
    assert total == len(ids)
    return ids


def next_link(header: str | None, api: str) -> str | None:
    if not header or 'rel="next"' not in header:
        return None
    target = header.split(";")[0].strip().strip("<>")
    return target if target.startswith("http") else urllib.parse.urljoin(api, target)


def plain_filters(
    source: dict[str, list[dict[str, Any]]],
) -> dict[str, Callable[[dict[str, Any], str], bool]]:
    feeds: dict[str, list[dict[str, Any]]] = {}
    for feed in source["feeds"]:
        feeds.setdefault(feed["channel"], []).append(feed)
    regions = {r["code"]: set(r["countries"]) for r in source["regions"]}
    blocked = {b["channel"] for b in source["blocklist"]}

    def feed_values(channel: dict[str, Any], field: str) -> set[str]:
        return {v for feed in feeds.get(channel["id"], []) for v in feed[field]}

    def text(channel: dict[str, Any], value: str) -> bool:
        names = [channel["name"], *channel["alt_names"]]
        return any(value.casefold() in name.casefold() for name in names)

    def boolean(value: str) -> bool:
        return value == "true"

    return {
        "country": lambda ch, v: ch["country"] == v,
        "category": lambda ch, v: v in ch["categories"],
        "language": lambda ch, v: v in feed_values(ch, "languages"),
        "timezone": lambda ch, v: v in feed_values(ch, "timezones"),
        "subdivision": lambda ch, v: f"s/{v}" in feed_values(ch, "broadcast_area"),
        "city": lambda ch, v: f"ct/{v}" in feed_values(ch, "broadcast_area"),
        "region": lambda ch, v: ch["country"] in regions.get(v, set()),
        "nsfw": lambda ch, v: ch["is_nsfw"] == boolean(v),
        "closed": lambda ch, v: (ch["closed"] is not None) == boolean(v),
        "blocked": lambda ch, v: (ch["id"] in blocked) == boolean(v),
        "q": text,
    }


FILTER_CASES = [
    {"country": "UK"},
    {"country": "US", "category": "news"},
    {"category": "kids"},
    {"language": "fra"},
    {"timezone": "Europe/London"},
    {"region": "EUR", "nsfw": "false", "category": "sports"},
    {"subdivision": "CA-QC"},
    {"city": "USNYC"},
    {"nsfw": "true"},
    {"closed": "true", "country": "DE"},
    {"blocked": "true"},
    {"q": "sport", "country": "IT"},
    {"q": "télé"},
    {"country": "ZZ"},
]


@pytest.mark.parametrize("parameters", FILTER_CASES, ids=lambda p: str(p))
def test_channel_filters_agree_with_a_plain_filter_over_the_source(
    api: str, source: dict[str, list[dict[str, Any]]], parameters: dict[str, str]
) -> None:
    checks = plain_filters(source)
    expected = sorted(
        channel["id"]
        for channel in source["channels"]
        if all(checks[name](channel, value) for name, value in parameters.items())
    )

    assert channel_ids_from_api(api, parameters) == expected


def test_reingesting_unchanged_data_reports_unchanged_and_writes_nothing(
    api: str, snapshot: Path, data_dir: Path, first_runs: dict[str, IngestionRun]
) -> None:
    before = catalogue_fingerprint(data_dir)

    with file_server(snapshot) as url:
        tvnexa(data_dir, "ingest", "--source", url)
    runs = latest_runs(data_dir)

    for dataset in Dataset:
        run = runs[dataset.value]
        assert run.status is RunStatus.UNCHANGED, dataset
        assert not run.counts.changed
        assert run.counts.unchanged == first_runs[dataset.value].counts.added
    assert catalogue_fingerprint(data_dir) == before


def test_a_forced_reingest_compares_every_record_and_finds_no_change(
    api: str, snapshot: Path, data_dir: Path, first_runs: dict[str, IngestionRun]
) -> None:
    before = catalogue_fingerprint(data_dir)

    tvnexa(data_dir, "ingest", "--source", str(snapshot), "--force")
    runs = latest_runs(data_dir)

    for dataset in Dataset:
        run = runs[dataset.value]
        assert run.status is RunStatus.SUCCEEDED, dataset
        assert not run.counts.changed, (dataset, run.counts)
        assert run.counts.unchanged == first_runs[dataset.value].counts.added
    assert catalogue_fingerprint(data_dir) == before


def test_one_renamed_one_removed_one_added_channel_is_exactly_what_is_reported(
    api: str, snapshot: Path, data_dir: Path, tmp_path: Path
) -> None:
    changed = tmp_path / "changed"
    changed.mkdir()
    for dataset in Dataset:
        if dataset is not Dataset.CHANNELS:
            shutil.copy(snapshot / f"{dataset.value}.json", changed)
    channels = json.loads((snapshot / "channels.json").read_bytes())
    renamed, removed = channels[10], channels.pop(20)
    renamed["name"] = renamed["name"] + " (renamed)"
    added = dict(channels[30], id="TVNexaTest.fr", name="TVNexa Test", country="FR")
    channels.append(added)
    (changed / "channels.json").write_text(json.dumps(channels), encoding="utf-8")

    tvnexa(data_dir, "ingest", "--source", str(changed))
    runs = latest_runs(data_dir)

    counts = runs["channels"].counts
    assert (counts.added, counts.updated, counts.removed) == (1, 1, 1)
    assert counts.unchanged == len(channels) - 2
    for dataset in Dataset:
        if dataset is not Dataset.CHANNELS:
            assert not runs[dataset.value].counts.changed, dataset
    body, _ = get_json(f"{api}/channels/{urllib.parse.quote(renamed['id'])}")
    assert body["data"]["name"] == renamed["name"]
    with pytest.raises(Exception, match="404"):
        get_json(f"{api}/channels/{urllib.parse.quote(removed['id'])}")
    body, _ = get_json(f"{api}/channels/TVNexaTest.fr")
    assert body["data"]["name"] == "TVNexa Test"
