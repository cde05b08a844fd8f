"""Envelopes, statuses and the error mapping every route shares."""

from __future__ import annotations

import json
import logging

import pytest

from tvnexa.domain.errors import StorageError

COLLECTIONS = [
    "categories",
    "channels",
    "countries",
    "regions",
    "subdivisions",
    "languages",
    "cities",
    "timezones",
    "feeds",
    "logos",
    "streams",
    "guides",
    "blocklist",
]


class ExplodingReader:
    """A reader whose every call fails as a bug would."""

    def __getattr__(self, name):
        def explode(*args, **kwargs):
            raise RuntimeError("secret detail: password=hunter2")

        return explode


class FailingStorageReader:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise StorageError("database node down")

        return fail


@pytest.mark.parametrize("name", COLLECTIONS)
@pytest.mark.parametrize("slash", ["", "/"])
def test_every_collection_answers_with_and_without_trailing_slash(client, name, slash):
    result = client.simulate_get(f"/api/v1/{name}{slash}")

    assert result.status_code == 200
    assert set(result.json) == {"code", "message", "data"}
    assert isinstance(result.json["data"], list)
    assert result.json["data"], f"{name} should list the sample records"


def test_json_is_utf8_without_escapes(client):
    result = client.simulate_get("/api/v1/countries/FR")

    assert result.headers["content-type"].startswith("application/json")
    assert "🇫🇷".encode() in result.content
    assert b"\\u" not in result.content
    assert json.loads(result.content.decode("utf-8"))["data"]["flag"] == "🇫🇷"


def test_bearer_null_is_ignored_on_public_reads(client):
    result = client.simulate_get(
        "/api/v1/channels", headers={"Authorization": "Bearer null"}
    )

    assert result.status_code == 200
    assert result.json["code"] == 2001


def test_unknown_route_answers_404_in_the_error_envelope(client):
    result = client.simulate_get("/api/v1/nowhere")

    assert result.status_code == 404
    assert result.json["name"] == "ROUTE_NOT_FOUND"
    assert result.json["code"] == 125
    assert "/api/v1/nowhere" in result.json["message"]


def test_wrong_method_answers_405_in_the_error_envelope(client):
    result = client.simulate_post("/api/v1/channels")

    assert result.status_code == 405
    assert result.json["name"] == "METHOD_NOT_ALLOWED"
    assert "GET" in result.headers["allow"]


def test_unexpected_error_is_a_500_envelope_without_trace(make_client, caplog):
    client = make_client(reader=ExplodingReader())

    with caplog.at_level(logging.ERROR):
        result = client.simulate_get("/api/v1/channels")

    assert result.status_code == 500
    assert result.json == {
        "name": "INTERNAL_SERVER_ERROR",
        "code": 107,
        "message": "An internal error occurred",
    }
    assert b"hunter2" not in result.content
    assert b"Traceback" not in result.content
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and "hunter2" in str(logged[0].exc_info[1])


def test_storage_failure_is_a_503_to_retry(make_client):
    result = make_client(reader=FailingStorageReader()).simulate_get(
        "/api/v1/countries"
    )

    assert result.status_code == 503
    assert result.json["name"] == "SERVICE_UNAVAILABLE"
    assert result.headers["retry-after"]


def test_one_summary_line_per_request(client, caplog):
    with caplog.at_level(logging.INFO, logger="tvnexa.entrypoints.http.middleware"):
        client.simulate_get("/api/v1/channels/Nope.xx")

    lines = [r for r in caplog.records if r.name.endswith("middleware")]
    assert len(lines) == 1
    line = lines[0]
    assert (line.method, line.path, line.status) == (
        "GET",
        "/api/v1/channels/Nope.xx",
        404,
    )
    assert line.ms >= 0
    assert line.getMessage().startswith("GET /api/v1/channels/Nope.xx 404 ")


def test_request_id_is_kept_when_sane_and_made_otherwise(client):
    kept = client.simulate_get("/api/v1/regions", headers={"X-Request-ID": "abc-123"})
    made = client.simulate_get("/api/v1/regions", headers={"X-Request-ID": "bad id!"})

    assert kept.headers["x-request-id"] == "abc-123"
    assert made.headers["x-request-id"] not in ("", "bad id!")
