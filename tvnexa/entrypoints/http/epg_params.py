"""Guide query parameters: instants, days and time zones, each named when wrong."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

from tvnexa.application.epg import AskedWindow, find_zone
from tvnexa.domain.errors import InvalidQuery
from tvnexa.entrypoints.http.params import QueryParameters

# An unencoded `+` in a query string arrives as a space, so a time written
# `10:00:00+02:00` by hand reads `10:00:00 02:00`; the offset is put back.
_LOST_PLUS = re.compile(r"(.*\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?) (\d\d(?::?\d\d)?)")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

# Far enough for any guide; near enough that adding a day never overflows.
YEARS = range(1900, 9001)


class EpgParameters(QueryParameters):
    """The query string of a guide request (see QueryParameters)."""

    def instant(self, name: str) -> datetime | None:
        """An ISO 8601 date-time with any offset; without one it is UTC."""
        value = self.text(name)
        if value is None:
            return None
        text = value.strip()
        lost_plus = _LOST_PLUS.fullmatch(text)
        if lost_plus is not None:
            text = f"{lost_plus.group(1)}+{lost_plus.group(2)}"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidQuery(
                name, "must be an ISO 8601 date-time such as 2026-03-29T18:00:00Z"
            ) from exc
        if moment.year not in YEARS:
            raise InvalidQuery(name, "must be a year from 1900 to 9000")
        return moment

    def window(self, start_name: str, end_name: str) -> AskedWindow:
        return AskedWindow(
            self.instant(start_name), self.instant(end_name), start_name, end_name
        )

    def day(self, name: str) -> date | None:
        value = self.text(name)
        if value is None:
            return None
        try:
            if not _DAY.fullmatch(value.strip()):
                raise ValueError(value)
            day = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise InvalidQuery(name, "must be a date as YYYY-MM-DD") from exc
        if day.year not in YEARS:
            raise InvalidQuery(name, "must be a year from 1900 to 9000")
        return day

    def zone(self, name: str) -> tzinfo | None:
        value = self.text(name)
        if value is None:
            return None
        zone = find_zone(value.strip())
        if zone is None:
            raise InvalidQuery(name, "must be an IANA time zone such as Europe/Paris")
        return zone
