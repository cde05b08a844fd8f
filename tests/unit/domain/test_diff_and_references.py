"""Record diffing, channel references and keys."""

from __future__ import annotations

from tvnexa.domain.catalogue import (
    Channel,
    Feed,
    Guide,
    Stream,
    digest_key,
    split_channel_ref,
)
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.ingestion import diff_records
from tvnexa.domain.references import references


def test_diff_sorts_records_into_added_updated_removed_and_unchanged() -> None:
    stored = {
        "A.fr": Channel("A.fr", "A", "FR"),
        "B.fr": Channel("B.fr", "B", "FR"),
        "C.fr": Channel("C.fr", "C", "FR"),
    }
    incoming = [
        Channel("A.fr", "A", "FR"),
        Channel("B.fr", "B2", "FR"),
        Channel("D.fr", "D", "FR"),
    ]

    changes = diff_records(stored, incoming)

    assert [c.id for c in changes.added] == ["D.fr"]
    assert [c.name for c in changes.updated] == ["B2"]
    assert changes.removed_keys == ("C.fr",)
    assert changes.unchanged == 1
    assert changes.counts.changed


def test_split_channel_ref_splits_on_the_first_at_only() -> None:
    assert split_channel_ref("AMCEurope.uk@Portugal@Hungary") == (
        "AMCEurope.uk",
        "Portugal@Hungary",
    )
    assert split_channel_ref("BBCOne.uk") == ("BBCOne.uk", None)
    assert split_channel_ref("BBCOne.uk@") == ("BBCOne.uk", None)


def test_digest_keys_tell_none_from_empty_and_parts_apart() -> None:
    assert digest_key("a", "bc") != digest_key("ab", "c")
    assert Guide("s", "1", channel="A.fr").key != Guide("s", "1").key
    assert Stream("http://x").key == Stream("http://x", "A.fr").key


def test_feed_references_cover_every_area_kind() -> None:
    feed = Feed(
        "A.fr",
        "SD",
        "SD",
        broadcast_area=("c/FR", "r/EUR", "s/FR-IDF", "ct/FRPAR", "x/1"),
        languages=("fra",),
        timezones=("Europe/Paris",),
    )

    found = [(r.field, r.target, r.key) for r in references(feed)]

    assert found == [
        ("channel", Dataset.CHANNELS, "A.fr"),
        ("languages", Dataset.LANGUAGES, "fra"),
        ("timezones", Dataset.TIMEZONES, "Europe/Paris"),
        ("broadcast_area", Dataset.COUNTRIES, "FR"),
        ("broadcast_area", Dataset.REGIONS, "EUR"),
        ("broadcast_area", Dataset.SUBDIVISIONS, "FR-IDF"),
        ("broadcast_area", Dataset.CITIES, "FRPAR"),
        ("broadcast_area", None, "1"),
    ]


def test_replaced_by_with_a_feed_points_at_the_channel() -> None:
    channel = Channel("A.uk", "A", "UK", replaced_by="BBCTwo.uk@HD")

    found = [(r.field, r.key) for r in references(channel)]

    assert ("replaced_by", "BBCTwo.uk") in found
