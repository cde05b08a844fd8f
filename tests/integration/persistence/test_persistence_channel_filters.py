"""PeeweeCatalogReader.channels: every ChannelQuery filter, alone and together."""

from __future__ import annotations

from typing import Any

import pytest

from tvnexa.adapters.persistence import PeeweeCatalogReader
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery

ALL = PageRequest(0, 100)
EVERY_CHANNEL = ["Alpha.uk", "Beta.fr", "Delta.ca", "Epsilon.de", "Gamma.us"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, EVERY_CHANNEL),
        ({"country": "UK"}, ["Alpha.uk"]),
        ({"country": "IT"}, []),
        ({"region": "EUR"}, ["Alpha.uk", "Beta.fr", "Epsilon.de"]),
        ({"region": "NAM"}, ["Delta.ca", "Gamma.us"]),
        ({"region": "NOWHERE"}, []),
        ({"subdivision": "UK-ENG"}, ["Alpha.uk"]),
        ({"subdivision": "UK-WLS"}, ["Alpha.uk"]),  # a secondary feed
        ({"subdivision": "CA-ON"}, ["Delta.ca"]),  # an older snapshot's field
        ({"city": "GBLON"}, ["Alpha.uk"]),
        ({"city": "CATOR"}, ["Delta.ca"]),
        ({"category": "news"}, ["Alpha.uk"]),
        ({"category": "general"}, ["Alpha.uk"]),
        ({"category": "xxx"}, ["Gamma.us"]),
        ({"language": "eng"}, ["Alpha.uk", "Gamma.us"]),
        ({"language": "cym"}, ["Alpha.uk"]),
        ({"language": "fra"}, ["Beta.fr", "Delta.ca"]),
        ({"language": "zzz"}, []),  # only a feed of an unknown channel uses it
        ({"timezone": "Europe/London"}, ["Alpha.uk"]),
        ({"timezone": "America/New_York"}, ["Gamma.us"]),
        ({"nsfw": True}, ["Gamma.us"]),
        ({"nsfw": False}, ["Alpha.uk", "Beta.fr", "Delta.ca", "Epsilon.de"]),
        ({"closed": True}, ["Beta.fr"]),
        ({"closed": False}, ["Alpha.uk", "Delta.ca", "Epsilon.de", "Gamma.us"]),
        ({"blocked": True}, ["Beta.fr", "Gamma.us"]),
        ({"blocked": False}, ["Alpha.uk", "Delta.ca", "Epsilon.de"]),
        ({"text": "alpha"}, ["Alpha.uk"]),
        ({"text": "UNO"}, ["Alpha.uk"]),  # an alternative name
        ({"text": "épsilon"}, ["Epsilon.de"]),  # case folding beyond ASCII
        ({"text": "100%"}, ["Epsilon.de"]),  # no LIKE wildcards
        ({"text": "%"}, ["Epsilon.de"]),
        ({"text": "_"}, []),
        ({"text": "one uno"}, []),  # never across two names
        ({"text": ""}, EVERY_CHANNEL),
        ({"language": "eng", "nsfw": False}, ["Alpha.uk"]),
        ({"region": "EUR", "blocked": False, "text": "l"}, ["Alpha.uk", "Epsilon.de"]),
        ({"country": "UK", "category": "xxx"}, []),
    ],
    ids=repr,
)
def test_channel_filters(
    reader: PeeweeCatalogReader,
    loaded: dict[Dataset, list[Any]],
    filters: dict[str, Any],
    expected: list[str],
) -> None:
    page = reader.channels(ChannelQuery(**filters), ALL)

    assert [channel.id for channel in page.items] == expected
    assert page.total == len(expected)


def test_a_channel_shows_once_however_many_rows_match(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    # Both feeds of Alpha.uk speak English on London time: the channel still
    # counts, and shows, once.
    page = reader.channels(ChannelQuery(language="eng", timezone="Europe/London"), ALL)

    assert [channel.id for channel in page.items] == ["Alpha.uk"]
    assert page.total == 1


def test_channels_come_back_whole(
    reader: PeeweeCatalogReader, loaded: dict[Dataset, list[Any]]
) -> None:
    page = reader.channels(ChannelQuery(), ALL)

    assert list(page.items) == sorted(loaded[Dataset.CHANNELS], key=lambda ch: ch.id)
