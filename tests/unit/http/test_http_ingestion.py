"""Ingestion runs and the datasets' states under /api/v1/ingestion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tvnexa.adapters.memory.runs import InMemoryRunLog
from tvnexa.domain.datasets import dependency_order
from tvnexa.domain.ingestion import (
    ChangeCounts,
    IngestionRun,
    Problem,
    ProblemKind,
    RunStatus,
    SourceVersion,
)
from tvnexa.entrypoints.http import ApiSettings

T0 = datetime(2026, 4, 30, 6, 0, tzinfo=UTC)
RUNS = "/api/v1/ingestion/runs"
DATASETS = "/api/v1/ingestion/datasets"


class Runs:
    """Records finished runs in the store the app reads, a minute apart."""

    def __init__(self, run_store) -> None:
        self.log = InMemoryRunLog(run_store)
        self.minute = 0

    def add(self, dataset, status, **fields) -> IngestionRun:
        self.minute += 1
        started = T0 + timedelta(minutes=self.minute)
        run = self.log.start(IngestionRun(dataset, started))
        run.status = status
        run.finished_at = started + timedelta(seconds=2, milliseconds=500)
        for name, value in fields.items():
            setattr(run, name, value)
        self.log.finish(run)
        return run


@pytest.fixture
def runs(run_store) -> Runs:
    return Runs(run_store)


PROBLEMS = (
    Problem(ProblemKind.REJECTED, "feeds", 3, "id", "missing"),
    Problem(ProblemKind.DANGLING, "feeds", 8, "channel", "no channel 'X.fr'"),
)


@pytest.fixture
def history(runs: Runs) -> list[IngestionRun]:
    """Four runs, oldest first."""
    return [
        runs.add("categories", RunStatus.SUCCEEDED, counts=ChangeCounts(added=2)),
        runs.add(
            "feeds",
            RunStatus.SUCCEEDED,
            counts=ChangeCounts(added=1, updated=2, removed=3, unchanged=4),
            rejected=1,
            dangling=1,
            problems=PROBLEMS,
            version=SourceVersion('"etag-1"', "Thu, 30 Apr 2026 06:00:00 GMT", "abc"),
        ),
        runs.add("feeds", RunStatus.FAILED, error="HTTP 503 from the source"),
        runs.add("categories", RunStatus.UNCHANGED, counts=ChangeCounts(unchanged=2)),
    ]


# Runs


def test_runs_are_listed_newest_first_in_snake_case(client, history):
    result = client.simulate_get(RUNS)

    assert result.status_code == 200
    assert result.json["code"] == 9901
    data = result.json["data"]
    assert [item["id"] for item in data] == [run.id for run in reversed(history)]
    assert data[2] == {
        "id": history[1].id,
        "dataset": "feeds",
        "status": "succeeded",
        "started_at": "2026-04-30T06:02:00.000+00:00",
        "finished_at": "2026-04-30T06:02:02.500+00:00",
        "added": 1,
        "updated": 2,
        "removed": 3,
        "unchanged": 4,
        "rejected": 1,
        "dangling": 1,
        "error": None,
        "problems_count": 2,
        "source_version": {
            "etag": '"etag-1"',
            "last_modified": "Thu, 30 Apr 2026 06:00:00 GMT",
            "digest": "abc",
        },
    }
    assert data[1]["error"] == "HTTP 503 from the source"
    assert result.headers["x-total-count"] == "4"


def test_a_run_still_going_has_no_finish_time(client, run_store):
    InMemoryRunLog(run_store).start(IngestionRun("channels", T0))

    item = client.simulate_get(RUNS).json["data"][0]

    assert (item["status"], item["finished_at"]) == ("running", None)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"dataset": "feeds"}, [2, 1]),
        ({"status": "succeeded"}, [1, 0]),
        ({"dataset": "categories", "status": "unchanged"}, [3]),
        ({"dataset": "channels"}, []),
    ],
)
def test_runs_filter_on_dataset_and_status(client, history, params, expected):
    result = client.simulate_get(RUNS, params=params)

    assert [item["id"] for item in result.json["data"]] == [
        history[index].id for index in expected
    ]
    assert result.headers["x-total-count"] == str(len(expected))


def test_runs_page_with_a_next_link(client, history):
    result = client.simulate_get(RUNS, params={"dataset": "feeds", "limit": "1"})

    assert [item["id"] for item in result.json["data"]] == [history[2].id]
    assert result.headers["x-total-count"] == "2"
    assert result.headers["link"].endswith(
        '/api/v1/ingestion/runs?dataset=feeds&offset=1&limit=1>; rel="next"'
    )
    last = client.simulate_get(RUNS, params={"dataset": "feeds", "offset": "1"})
    assert "link" not in last.headers


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("status=finished", "status"),
        ("dataset=programmes", "dataset"),
        ("dataset=feeds&dataset=logos", "dataset"),
        ("limit=0", "limit"),
        ("offset=-1", "offset"),
    ],
)
def test_bad_filters_are_refused_naming_the_parameter(client, query, parameter):
    result = client.simulate_get(RUNS, query_string=query)

    assert result.status_code == 400
    assert result.json["name"] == "REQUEST_VALIDATION_FAILED"
    assert result.json["details"]["parameter"] == parameter


def test_one_run_carries_its_problems(client, history):
    result = client.simulate_get(f"{RUNS}/{history[1].id}")

    assert result.status_code == 200
    assert result.json["code"] == 9902
    data = result.json["data"]
    assert data["problems_count"] == 2
    assert data["problems"] == [
        {"kind": "rejected", "position": 3, "field": "id", "reason": "missing"},
        {
            "kind": "dangling",
            "position": 8,
            "field": "channel",
            "reason": "no channel 'X.fr'",
        },
    ]
    assert "problems" not in client.simulate_get(RUNS).json["data"][0]


@pytest.mark.parametrize("run_id", ["999", "0", "abc", "1.5", "-1", "9" * 30])
def test_unknown_runs_are_404_run_not_found(client, history, run_id):
    result = client.simulate_get(f"{RUNS}/{run_id}")

    assert result.status_code == 404
    assert (result.json["name"], result.json["code"]) == ("RUN_NOT_FOUND", 129)


# Datasets


def test_datasets_are_listed_in_dependency_order_with_their_parents(client):
    result = client.simulate_get(DATASETS)

    assert result.status_code == 200
    assert result.json["code"] == 9903
    data = result.json["data"]
    assert [item["name"] for item in data] == [d.value for d in dependency_order()]
    countries = next(item for item in data if item["name"] == "countries")
    assert countries == {
        "name": "countries",
        "parents": ["languages", "categories", "timezones"],
        "last_run": None,
        "last_success": None,
    }


def test_a_dataset_shows_its_last_run_and_its_last_success(client, history):
    feeds = client.simulate_get(f"{DATASETS}/feeds")
    categories = client.simulate_get(f"{DATASETS}/categories")

    assert feeds.json["code"] == 9904
    data = feeds.json["data"]
    assert data["parents"] == ["channels"]
    assert (data["last_run"]["id"], data["last_run"]["status"]) == (
        history[2].id,
        "failed",
    )
    assert data["last_run"]["error"] == "HTTP 503 from the source"
    assert data["last_success"]["id"] == history[1].id
    assert data["last_success"]["started_at"] == "2026-04-30T06:02:00.000+00:00"
    # An unchanged source leaves the data current too.
    assert categories.json["data"]["last_success"]["id"] == history[3].id


def test_an_unknown_dataset_is_404_dataset_not_found(client):
    result = client.simulate_get(f"{DATASETS}/programmes")

    assert result.status_code == 404
    assert (result.json["name"], result.json["code"]) == ("DATASET_NOT_FOUND", 130)


# Caching and access


@pytest.mark.parametrize("path", [RUNS, f"{RUNS}/1", DATASETS, f"{DATASETS}/feeds"])
def test_ingestion_reads_are_never_cached_by_revision(client, history, path):
    result = client.simulate_get(path, headers={"If-None-Match": "*"})

    assert result.status_code == 200
    assert result.headers["cache-control"] == "no-cache"
    assert "etag" not in result.headers


def test_a_run_that_changes_no_data_shows_at_once(client, runs, history):
    before = client.simulate_get(f"{DATASETS}/categories").json["data"]

    newest = runs.add("categories", RunStatus.UNCHANGED)

    after = client.simulate_get(f"{DATASETS}/categories").json["data"]
    assert before["last_run"]["id"] != after["last_run"]["id"] == newest.id


@pytest.mark.parametrize("path", [f"{RUNS}/", f"{DATASETS}/"])
def test_collections_answer_with_a_trailing_slash(client, path):
    assert client.simulate_get(path).status_code == 200


def test_required_tokens_guard_the_ingestion_routes(make_client):
    client = make_client(
        settings=ApiSettings(require_token=True),
        token_verifier=lambda token: token == "good-token",
    )

    refused = client.simulate_get(RUNS)
    allowed = client.simulate_get(RUNS, headers={"Authorization": "Bearer good-token"})

    assert refused.status_code == 401
    assert allowed.status_code == 200
