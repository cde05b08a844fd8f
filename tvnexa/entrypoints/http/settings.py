"""What an operator can tune in the HTTP API, with safe defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PageLimits:
    """How many items a list gives without `limit`, and the most it ever gives."""

    default: int
    maximum: int

    def __post_init__(self) -> None:
        if not 1 <= self.default <= self.maximum:
            raise ValueError("page limits need 1 <= default <= maximum")


# The old Android client asks for these lists without paging and expects every
# item (about 5 000 subdivisions), so their default page covers them whole.
WHOLE_LISTS = ("categories", "countries", "regions", "subdivisions")


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Settings of the HTTP API.

    `limits` overrides the page limits of one resource by its name
    (`channels`, `subdivisions`, ...); other lists use `default_limit` and
    `max_limit`, and the old client's whole lists use `whole_list_limit` for
    both. `require_token` makes catalogue reads need a valid bearer token.
    """

    default_limit: int = 100
    max_limit: int = 1000
    whole_list_limit: int = 10_000
    limits: Mapping[str, PageLimits] = field(default_factory=dict)
    require_token: bool = False
    cache_max_age_seconds: int = 60
    detail_cache_ttl_seconds: int = 300
    gzip_min_bytes: int = 1024
    max_text_length: int = 200
    base_path: str = "/api/v1"

    def limits_for(self, resource: str) -> PageLimits:
        if resource in self.limits:
            return self.limits[resource]
        if resource in WHOLE_LISTS:
            return PageLimits(self.whole_list_limit, self.whole_list_limit)
        return PageLimits(self.default_limit, self.max_limit)
