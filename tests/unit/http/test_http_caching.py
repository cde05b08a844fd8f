"""ETags from the data's revision, 304 on a match, Cache-Control and gzip."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

from tvnexa.adapters.memory.runs import InMemoryRunLog
from tvnexa.domain.ingestion import ChangeCounts, IngestionRun, RunStatus
from tvnexa.entrypoints.http import ApiSettings


def record_changing_run(run_store):
    log = InMemoryRunLog(run_store)
    run = log.start(IngestionRun("channels", datetime(2026, 1, 1, tzinfo=UTC)))
    run.status, run.counts = RunStatus.SUCCEEDED, ChangeCounts(added=1)
    log.finish(run)


def test_reads_carry_an_etag_and_public_cache_control(client):
    result = client.simulate_get("/api/v1/countries")

    assert result.headers["etag"].startswith('W/"')
    assert result.headers["cache-control"] == "public, max-age=60"


def test_matching_if_none_match_gets_an_empty_304(client):
    etag = client.simulate_get("/api/v1/channels").headers["etag"]

    result = client.simulate_get("/api/v1/channels", headers={"If-None-Match": etag})

    assert result.status_code == 304
    assert result.content == b""
    assert result.headers["etag"] == etag


def test_strong_form_and_lists_of_tags_match_too(client):
    etag = client.simulate_get("/api/v1/channels").headers["etag"]
    header = f'"other", {etag.removeprefix("W/")}'

    result = client.simulate_get("/api/v1/channels", headers={"If-None-Match": header})

    assert result.status_code == 304


def test_each_url_has_its_own_etag(client):
    plain = client.simulate_get("/api/v1/channels").headers["etag"]
    filtered = client.simulate_get("/api/v1/channels?country=FR").headers["etag"]
    other = client.simulate_get("/api/v1/channels/BBCOne.uk").headers["etag"]

    assert len({plain, filtered, other}) == 3
    result = client.simulate_get(
        "/api/v1/channels?country=FR", headers={"If-None-Match": plain}
    )
    assert result.status_code == 200


def test_a_changing_ingestion_run_changes_the_etag(client, run_store):
    before = client.simulate_get("/api/v1/channels").headers["etag"]

    record_changing_run(run_store)

    result = client.simulate_get("/api/v1/channels", headers={"If-None-Match": before})
    assert result.status_code == 200
    assert result.headers["etag"] != before


def test_errors_are_not_given_an_etag(client):
    result = client.simulate_get("/api/v1/channels/Nope.xx")

    assert "etag" not in result.headers
    assert "cache-control" not in result.headers


def test_gzip_when_the_client_accepts_it(make_client):
    client = make_client(settings=ApiSettings(gzip_min_bytes=100))

    result = client.simulate_get(
        "/api/v1/channels", headers={"Accept-Encoding": "br, gzip"}
    )

    assert result.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in result.headers["vary"]
    body = json.loads(gzip.decompress(result.content))
    assert body["code"] == 2001


def test_no_gzip_when_refused_or_not_asked(make_client):
    client = make_client(settings=ApiSettings(gzip_min_bytes=100))

    refused = client.simulate_get(
        "/api/v1/channels", headers={"Accept-Encoding": "gzip;q=0, *"}
    )
    plain = client.simulate_get("/api/v1/channels")

    assert "content-encoding" not in refused.headers
    assert "content-encoding" not in plain.headers
    assert "Accept-Encoding" in plain.headers["vary"]
    assert refused.json["code"] == plain.json["code"] == 2001


def test_small_bodies_stay_plain(make_client):
    client = make_client(settings=ApiSettings(gzip_min_bytes=10**6))

    result = client.simulate_get(
        "/api/v1/channels", headers={"Accept-Encoding": "gzip"}
    )

    assert "content-encoding" not in result.headers
