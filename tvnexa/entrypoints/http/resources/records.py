"""Any plain catalogue dataset as a list and an item, described by a RecordRoute."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import falcon

from tvnexa.application.catalogue import GetRecord, ListRecords
from tvnexa.domain.catalogue import CatalogueRecord
from tvnexa.domain.datasets import Dataset
from tvnexa.entrypoints.http.codes import Success
from tvnexa.entrypoints.http.params import Filter, QueryParameters
from tvnexa.entrypoints.http.responses import send, send_page
from tvnexa.entrypoints.http.serializers.records import record
from tvnexa.entrypoints.http.settings import ApiSettings


@dataclass(frozen=True, slots=True)
class RecordRoute:
    """How one dataset is served.

    `item_path` is the item route below the list's path; `key_parts` names its
    fields, joined with `@` into the record's key (a feed is `channel@feed`).
    """

    name: str
    dataset: Dataset
    listed: Success
    found: Success
    filters: Mapping[str, Filter] = field(default_factory=dict)
    q: bool = False
    item_path: str = "/{key}"
    key_parts: tuple[str, ...] = ("key",)
    serialize: Callable[[CatalogueRecord], Any] = record

    def key_of(self, parts: Mapping[str, str]) -> str:
        return "@".join(parts[name] for name in self.key_parts)


class RecordsResource:
    catalogue_read = True

    def __init__(
        self,
        route: RecordRoute,
        list_records: ListRecords,
        get_record: GetRecord,
        settings: ApiSettings,
    ) -> None:
        self.route = route
        self.list_records = list_records
        self.get_record = get_record
        self.settings = settings
        self.limits = settings.limits_for(route.name)

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        params = QueryParameters(req, self.settings.max_text_length)
        query = params.record_query(self.route.filters, self.route.q)
        page = params.page(self.limits)

        found = self.list_records.execute(self.route.dataset, query, page)

        send_page(req, resp, self.route.listed, found, self.route.serialize)

    def on_get_item(
        self, req: falcon.Request, resp: falcon.Response, **parts: str
    ) -> None:
        key = self.route.key_of(parts)

        item = self.get_record.execute(self.route.dataset, key)

        send(resp, self.route.found, self.route.serialize(item))
