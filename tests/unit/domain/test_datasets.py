"""The dataset graph: order, ancestors, natural order."""

from __future__ import annotations

from tvnexa.domain.datasets import NATURAL_ORDER, Dataset, ancestors, dependency_order


def test_every_parent_comes_before_its_children() -> None:
    order = dependency_order()

    assert sorted(order) == sorted(Dataset)
    for dataset in order:
        for parent in dataset.parents:
            assert order.index(parent) < order.index(dataset)


def test_the_documented_chain_holds() -> None:
    order = dependency_order()
    chain = ["countries", "subdivisions", "cities", "channels", "feeds", "guides"]

    positions = [order.index(Dataset(name)) for name in chain]

    assert positions == sorted(positions)


def test_a_selection_keeps_dependency_order() -> None:
    selected = frozenset({Dataset.STREAMS, Dataset.LANGUAGES, Dataset.CHANNELS})

    assert dependency_order(selected) == [
        Dataset.LANGUAGES,
        Dataset.CHANNELS,
        Dataset.STREAMS,
    ]


def test_ancestors_are_transitive() -> None:
    assert Dataset.LANGUAGES in ancestors(Dataset.STREAMS)
    assert Dataset.STREAMS not in ancestors(Dataset.GUIDES)
    assert ancestors(Dataset.CATEGORIES) == frozenset()


def test_natural_order_names_real_fields() -> None:
    for dataset, names in NATURAL_ORDER.items():
        fields = dataset.record_type.__dataclass_fields__
        assert all(name in fields for name in names), dataset
