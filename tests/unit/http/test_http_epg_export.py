"""GET /epg/guide.xml and /epg/guide.xml.gz: the XMLTV export, streamed and valid."""

from __future__ import annotations

import gzip

import pytest
from lxml import etree

from tests.unit.http.test_http_epg_support import (
    CountingReader,
    epg_client,
    sample_store,
)
from tvnexa.domain.errors import StorageError

EXPORT = "/api/v1/epg/guide.xml"
WINDOW = {"start": "2026-03-29T09:30:00Z", "end": "2026-03-29T11:00:00Z"}


@pytest.fixture
def client(make_client):
    return epg_client(make_client)


@pytest.fixture
def dtd(shared_data):
    return etree.DTD(str(shared_data / "xmltv" / "xmltv.dtd"))


def parse(body: bytes):
    return etree.fromstring(body, etree.XMLParser(resolve_entities=False))


def test_the_export_is_valid_xmltv(client, dtd):
    result = client.simulate_get(EXPORT, params=WINDOW)

    assert result.status_code == 200
    assert result.headers["content-type"] == "application/xml; charset=utf-8"
    root = parse(result.content)
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_channels_come_first_with_the_playlists_tvg_ids(client):
    root = parse(client.simulate_get(EXPORT, params=WINDOW).content)

    tags = [child.tag for child in root]
    assert tags == sorted(tags)  # every channel, then every programme
    ids = [channel.get("id") for channel in root.iter("channel")]
    # Channel.cc@Feed with the main feed; a channel without feeds keeps its id.
    assert ids == [
        "BBCOne.uk@HD",
        "BBCTwo.uk@SD",
        "France3.fr@Paris",
        "Naughty.fr",
        "Old.uk",
    ]
    bbc = root.find("channel")
    assert bbc.findtext("display-name") == "BBC One"
    assert bbc.find("icon").get("src") == "https://logos.example/bbc1.png"


def test_programmes_overlap_the_window_and_belong_to_exported_channels(client):
    root = parse(client.simulate_get(EXPORT, params=WINDOW).content)

    declared = {channel.get("id") for channel in root.iter("channel")}
    programmes = [
        (p.get("channel"), p.findtext("title"), p.get("start"), p.get("stop"))
        for p in root.iter("programme")
    ]
    assert programmes == [
        (
            "BBCOne.uk@HD",
            "Morning News",
            "20260329090000 +0000",
            "20260329103000 +0000",
        ),
        ("BBCOne.uk@HD", "Weather", "20260329103000 +0000", "20260329110000 +0000"),
        ("France3.fr@Paris", "Journal", "20260329093000 +0000", "20260329103000 +0000"),
    ]
    assert {channel for channel, *_ in programmes} <= declared


def test_the_export_follows_the_catalogue_filters(client):
    root = parse(
        client.simulate_get(EXPORT, params={"country": "FR", **WINDOW}).content
    )

    assert [c.get("id") for c in root.iter("channel")] == [
        "France3.fr@Paris",
        "Naughty.fr",
    ]
    assert [p.findtext("title") for p in root.iter("programme")] == ["Journal"]


def test_a_programme_keeps_its_details_in_the_dtds_order(client, dtd):
    root = parse(
        client.simulate_get(
            EXPORT, params={"start": "2026-03-29T09:00Z", "end": "2026-03-29T09:01Z"}
        ).content
    )

    news = root.find("programme")
    assert [child.tag for child in news] == [
        "title",
        "sub-title",
        "desc",
        "date",
        "category",
        "category",
        "icon",
        "episode-num",
        "episode-num",
        "rating",
    ]
    assert news.findtext("episode-num[@system='xmltv_ns']") == "1.4."
    assert dtd.validate(root)


def test_gzip_is_streamed_when_the_client_accepts_it(client):
    plain = client.simulate_get(EXPORT, params=WINDOW)
    zipped = client.simulate_get(
        EXPORT, params=WINDOW, headers={"Accept-Encoding": "gzip"}
    )

    assert zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert gzip.decompress(zipped.content) == plain.content


def test_the_gz_route_is_a_gzip_file(client, dtd):
    plain = client.simulate_get(EXPORT, params=WINDOW)
    result = client.simulate_get(f"{EXPORT}.gz", params=WINDOW)

    assert result.headers["content-type"] == "application/gzip"
    assert "content-encoding" not in result.headers
    assert gzip.decompress(result.content) == plain.content
    assert dtd.validate(parse(gzip.decompress(result.content)))


def test_the_export_window_is_bounded(client):
    result = client.simulate_get(
        EXPORT, params={"start": "2026-03-29T00:00Z", "end": "2026-04-05T00:01Z"}
    )

    assert result.status_code == 400
    assert result.json["details"]["parameter"] == "end"


def test_channels_are_read_in_batches(make_client):
    reader = CountingReader(sample_store())
    client = epg_client(make_client, programmes=reader)

    client.simulate_get(EXPORT, params=WINDOW)

    # Five channels fit one batch: one read of programmes for all of them.
    assert reader.calls["schedules"] == 1


class FailingReader(CountingReader):
    def schedules(self, channels, window):
        raise StorageError("the database went away")


def test_a_store_failure_before_the_body_starts_is_an_error_answer(make_client):
    # Five small channels fit in the first chunk, so the programme read runs
    # before anything is sent and its failure can still be answered.
    client = epg_client(make_client, programmes=FailingReader(sample_store()))

    result = client.simulate_get(EXPORT, params=WINDOW)

    assert result.status_code == 503
    assert result.json["name"] == "SERVICE_UNAVAILABLE"
