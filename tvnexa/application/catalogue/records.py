"""Generic reads of any catalogue dataset, by filters or by key."""

from __future__ import annotations

from tvnexa.application.ports import CatalogReader
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset
from tvnexa.domain.errors import InvalidQuery, NotFound
from tvnexa.domain.paging import Page, PageRequest
from tvnexa.domain.queries import RecordQuery

# The noun a NotFound carries for each dataset, so callers can tell them apart.
RECORD_KINDS: dict[Dataset, str] = {
    Dataset.CATEGORIES: "category",
    Dataset.LANGUAGES: "language",
    Dataset.TIMEZONES: "timezone",
    Dataset.COUNTRIES: "country",
    Dataset.SUBDIVISIONS: "subdivision",
    Dataset.REGIONS: "region",
    Dataset.CITIES: "city",
    Dataset.CHANNELS: "channel",
    Dataset.FEEDS: "feed",
    Dataset.LOGOS: "logo",
    Dataset.STREAMS: "stream",
    Dataset.GUIDES: "guide",
    Dataset.BLOCKLIST: "blocklist entry",
}


def required_term(term: str | None, parameter: str = "term") -> str:
    """A search term with its edges trimmed; a blank one is refused."""
    cleaned = (term or "").strip()
    if not cleaned:
        raise InvalidQuery(parameter, "is required and must not be blank")
    return cleaned


def not_found(dataset: Dataset, key: str) -> NotFound:
    return NotFound(RECORD_KINDS[dataset], key)


class ListRecords:
    """A page of one dataset's records, filtered on scalar fields and name."""

    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(
        self, dataset: Dataset, query: RecordQuery, page: PageRequest
    ) -> Page[CatalogueRecord]:
        return self.reader.find(dataset, query, page)


class GetRecord:
    """One record of one dataset by its key; raises NotFound when absent."""

    def __init__(self, reader: CatalogReader) -> None:
        self.reader = reader

    def execute(self, dataset: Dataset, key: str) -> CatalogueRecord:
        record = self.reader.get(dataset, key)
        if record is None:
            raise not_found(dataset, key)
        return record
