"""An in-memory catalogue source: datasets handed over as records, or failures."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tvnexa.application.ports import FetchedDataset, NotModified
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import DatasetNotPublished
from tvnexa.domain.ingestion import Problem, SourceVersion


class InMemoryCatalogSource:
    """Publishes whatever `publish` was given; `fail` makes a dataset raise."""

    def __init__(self) -> None:
        self.published: dict[Dataset, FetchedDataset] = {}
        self.failures: dict[Dataset, Exception] = {}
        self.fetches: list[Dataset] = []

    def publish(
        self,
        dataset: Dataset,
        records: Sequence[CatalogueRecord],
        problems: Sequence[Problem] = (),
    ) -> None:
        digest = hashlib.sha256(repr(list(records)).encode()).hexdigest()
        self.published[dataset] = FetchedDataset(
            records=list(records),
            problems=list(problems),
            total=len(records) + len(problems),
            version=SourceVersion(digest=digest),
        )

    def fail(self, dataset: Dataset, error: Exception) -> None:
        self.failures[dataset] = error

    def fetch(
        self, dataset: Dataset, previous: SourceVersion | None = None
    ) -> FetchedDataset | NotModified:
        self.fetches.append(dataset)
        if dataset in self.failures:
            raise self.failures[dataset]
        if dataset not in self.published:
            raise DatasetNotPublished(f"{dataset.value} is not published")
        return self.published[dataset]
