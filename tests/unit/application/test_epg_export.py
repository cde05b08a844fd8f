"""ExportGuide: every channel then its programmes, tvg-ids, batches, laziness."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from tvnexa.adapters.memory.catalog import (
    InMemoryCatalogReader,
    InMemoryCatalogStore,
    InMemoryCatalogWriter,
)
from tvnexa.adapters.memory.clock import FixedClock
from tvnexa.adapters.memory.programmes import (
    InMemoryProgrammeReader,
    InMemoryProgrammeStore,
    InMemoryProgrammeWriter,
)
from tvnexa.application.epg import AskedWindow, ExportGuide, WindowPolicy, playlist_id
from tvnexa.domain.catalogue import Channel, Feed, Logo
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.programmes import GuideChannel, LangText, Programme
from tvnexa.domain.queries import ChannelQuery
from tvnexa.domain.schedules import ChannelMatch, MatchMethod

NOW = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)
POLICY = WindowPolicy(timedelta(hours=24), timedelta(days=7))
CHANNELS = [Channel(f"C{n}.fr", f"Channel {n}", "FR") for n in range(5)]


class CountingCatalogue(InMemoryCatalogReader):
    def __init__(self, store: InMemoryCatalogStore) -> None:
        super().__init__(store)
        self.calls: Counter[str] = Counter()

    def channels(self, query, page):
        self.calls["channels"] += 1
        return super().channels(query, page)


class CountingProgrammes(InMemoryProgrammeReader):
    def __init__(self, store: InMemoryProgrammeStore) -> None:
        super().__init__(store)
        self.asked: list[list[str]] = []

    def schedules(self, channels, window):
        self.asked.append(sorted(channels))
        return super().schedules(channels, window)


@pytest.fixture
def catalogue_store() -> InMemoryCatalogStore:
    store = InMemoryCatalogStore()
    writer = InMemoryCatalogWriter(store)
    writer.replace(
        Dataset.CHANNELS,
        [
            *CHANNELS[:4],
            Channel(
                "C4.fr",
                "Channel 4",
                "FR",
                alt_names=("Quatre", "Channel 4"),
                website="https://c4.example",
            ),
        ],
    )
    writer.replace(
        Dataset.FEEDS,
        [
            Feed("C0.fr", "HD", "HD", is_main=True),
            Feed("C0.fr", "SD", "SD"),
            Feed("C4.fr", "Paris", "Paris", is_main=True),
        ],
    )
    writer.replace(
        Dataset.LOGOS, [Logo("C4.fr", "https://logos.example/c4.png", feed="Paris")]
    )
    return store


@pytest.fixture
def catalogue(catalogue_store) -> CountingCatalogue:
    return CountingCatalogue(catalogue_store)


@pytest.fixture
def programmes() -> CountingProgrammes:
    store = InMemoryProgrammeStore()
    stage = InMemoryProgrammeWriter(store).stage("guide", 0)
    start = NOW
    stage.add(
        [
            Programme(
                f"g{n}", start, start + timedelta(hours=1), (LangText(f"Show {n}"),)
            )
            for n in range(5)
        ]
        + [Programme("gx", start, start + timedelta(hours=1), (LangText("Elsewhere"),))]
    )
    stage.commit(
        [
            *(
                ChannelMatch(
                    "guide", GuideChannel(f"g{n}"), f"C{n}.fr", None, MatchMethod.EXACT
                )
                for n in range(5)
            ),
            ChannelMatch(
                "guide", GuideChannel("gx"), "Gone.fr", None, MatchMethod.EXACT
            ),
        ]
    )
    return CountingProgrammes(store)


def export(catalogue, programmes, batch_size=2):
    return ExportGuide(catalogue, programmes, FixedClock(NOW), POLICY, batch_size)


def test_every_channel_comes_before_every_programme(catalogue, programmes):
    items = list(export(catalogue, programmes).execute(ChannelQuery(), AskedWindow()))

    kinds = [type(item).__name__ for item in items]
    assert kinds == ["GuideChannel"] * 5 + ["Programme"] * 5


def test_channel_ids_are_the_playlists_tvg_ids(catalogue, programmes):
    items = list(export(catalogue, programmes).execute(ChannelQuery(), AskedWindow()))

    ids = [item.id for item in items if isinstance(item, GuideChannel)]
    assert ids == ["C0.fr@HD", "C1.fr", "C2.fr", "C3.fr", "C4.fr@Paris"]
    refs = [item.channel_ref for item in items if isinstance(item, Programme)]
    assert refs == ids


def test_a_channel_carries_its_names_logo_and_website(catalogue, programmes):
    items = export(catalogue, programmes).execute(ChannelQuery(), AskedWindow())

    last = [item for item in items if isinstance(item, GuideChannel)][-1]
    assert last == GuideChannel(
        "C4.fr@Paris",
        (LangText("Channel 4"), LangText("Quatre")),
        ("https://logos.example/c4.png",),
        ("https://c4.example",),
    )


def test_programmes_of_channels_outside_the_export_are_left_out(catalogue, programmes):
    items = export(catalogue, programmes).execute(
        ChannelQuery(text="Channel 1"), AskedWindow()
    )

    assert [getattr(i, "id", None) or i.titles[0].text for i in items] == [
        "C1.fr",
        "Show 1",
    ]


def test_channels_and_programmes_are_read_in_batches(catalogue, programmes):
    list(
        export(catalogue, programmes, batch_size=2).execute(
            ChannelQuery(), AskedWindow()
        )
    )

    assert catalogue.calls["channels"] == 3
    assert programmes.asked == [["C0.fr", "C1.fr"], ["C2.fr", "C3.fr"], ["C4.fr"]]


def test_nothing_is_read_until_items_are_taken(catalogue, programmes):
    items = export(catalogue, programmes, batch_size=2).execute(
        ChannelQuery(), AskedWindow()
    )

    assert catalogue.calls["channels"] == 0
    next(items)
    assert catalogue.calls["channels"] == 1
    assert programmes.asked == []


def test_a_channel_added_during_the_export_gets_no_programmes(
    catalogue_store, catalogue, programmes
):
    items = export(catalogue, programmes, batch_size=10).execute(
        ChannelQuery(), AskedWindow()
    )
    taken = [next(items) for _ in range(5)]
    # An ingestion adds the channel the stray programmes are matched to.
    InMemoryCatalogWriter(catalogue_store).replace(
        Dataset.CHANNELS, [*CHANNELS, Channel("Gone.fr", "Back", "FR")]
    )

    rest = list(items)

    declared = {item.id for item in taken}
    assert {item.channel_ref for item in rest} <= declared
    assert len(rest) == 5


def test_the_window_is_checked_before_anything_is_read(catalogue, programmes):
    asked = AskedWindow(NOW, NOW + timedelta(days=8))

    with pytest.raises(InvalidQuery):
        export(catalogue, programmes).execute(ChannelQuery(), asked)

    assert catalogue.calls["channels"] == 0


def test_playlist_id():
    channel = Channel("BBCOne.uk", "BBC One", "UK")

    assert playlist_id(channel, Feed("BBCOne.uk", "HD", "HD", is_main=True)) == (
        "BBCOne.uk@HD"
    )
    assert playlist_id(channel, None) == "BBCOne.uk"
