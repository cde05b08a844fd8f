"""Query parameters read and checked at the edge, failing with the parameter named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

import falcon

from tvnexa.domain.errors import InvalidQuery
from tvnexa.domain.paging import PageRequest
from tvnexa.domain.queries import ChannelQuery, RecordQuery
from tvnexa.entrypoints.http.settings import PageLimits

TRUE_WORDS = ("true", "1")
FALSE_WORDS = ("false", "0")

# Past this, an offset is a mistake or a probe; databases overflow far later.
MAX_OFFSET = 10_000_000


class Kind(Enum):
    TEXT = "text"
    BOOLEAN = "boolean"


@dataclass(frozen=True, slots=True)
class Filter:
    """A list filter: the record field it matches exactly, and its value's kind."""

    field: str
    kind: Kind = Kind.TEXT


class QueryParameters:
    """The query string of one request, read one named parameter at a time."""

    def __init__(self, req: falcon.Request, max_text_length: int) -> None:
        self.params = req.params
        self.max_text_length = max_text_length

    def text(self, name: str) -> str | None:
        value = self.params.get(name)
        if value is None:
            return None
        if isinstance(value, list):
            raise InvalidQuery(name, "must be given at most once")
        if len(value) > self.max_text_length:
            limit = self.max_text_length
            raise InvalidQuery(name, f"must be at most {limit} characters long")
        return value

    def free_text(self, name: str) -> str | None:
        """Free text with its edges trimmed; a blank one filters nothing."""
        value = self.text(name)
        if value is None:
            return None
        return value.strip() or None

    def boolean(self, name: str) -> bool | None:
        value = self.text(name)
        if value is None:
            return None
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise InvalidQuery(name, "must be one of true, false, 1, 0")

    def integer(self, name: str, default: int, minimum: int, maximum: int) -> int:
        value = self.text(name)
        if value is None:
            return default
        digits = value.strip()
        if not (digits.isascii() and digits.isdigit()):
            raise InvalidQuery(name, f"must be a whole number from {minimum}")
        number = int(digits)
        if number < minimum:
            raise InvalidQuery(name, f"must be at least {minimum}")
        if number > maximum:
            raise InvalidQuery(name, f"must be at most {maximum}")
        return number

    def page(self, limits: PageLimits) -> PageRequest:
        """`offset` counts rows to skip, as the old client assumes (it sends 1)."""
        offset = self.integer("offset", 0, 0, MAX_OFFSET)
        limit = self.integer("limit", limits.default, 1, limits.maximum)
        return PageRequest(offset=offset, limit=limit)

    def channel_query(self) -> ChannelQuery:
        return ChannelQuery(
            country=self.text("country"),
            subdivision=self.text("subdivision"),
            region=self.text("region"),
            city=self.text("city"),
            category=self.text("category"),
            language=self.text("language"),
            timezone=self.text("timezone"),
            nsfw=self.boolean("nsfw"),
            closed=self.boolean("closed"),
            blocked=self.boolean("blocked"),
            text=self.free_text("q"),
        )

    def record_query(self, filters: Mapping[str, Filter], q: bool) -> RecordQuery:
        equals: dict[str, str | bool | None] = {}
        for name, spec in filters.items():
            value = self.boolean(name) if spec.kind is Kind.BOOLEAN else self.text(name)
            if value is not None:
                equals[spec.field] = value
        return RecordQuery(equals=equals, text=self.free_text("q") if q else None)
