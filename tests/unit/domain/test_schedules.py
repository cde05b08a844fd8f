"""Resolving priorities between guide sources, and what is on now and next."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from tvnexa.domain.programmes import Programme
from tvnexa.domain.schedules import (
    ScheduledProgramme,
    now_and_next,
    resolve_priorities,
)

DAY = datetime(2026, 3, 1, tzinfo=UTC)


def at(hours: float) -> datetime:
    return DAY + timedelta(hours=hours)


def scheduled(
    id: int, source: str, priority: int, start: float, stop: float | None
) -> ScheduledProgramme:
    programme = Programme("g", at(start), None if stop is None else at(stop))
    return ScheduledProgramme(id, source, priority, "g", "A", None, programme)


def pairwise_reference(
    candidates: list[ScheduledProgramme],
) -> list[ScheduledProgramme]:
    """The rule as first written: each candidate checked against all kept."""

    def overlap(a: ScheduledProgramme, b: ScheduledProgramme) -> bool:
        a_stop = a.stop if a.stop is not None else a.start
        b_stop = b.stop if b.stop is not None else b.start
        if a_stop == a.start or b_stop == b.start:
            return a.start == b.start
        return a.start < b_stop and b.start < a_stop

    ranked = sorted(candidates, key=lambda p: (-p.priority, p.source, p.start, p.id))
    kept: list[ScheduledProgramme] = []
    for candidate in ranked:
        if not any(
            other.source != candidate.source and overlap(other, candidate)
            for other in kept
        ):
            kept.append(candidate)
    return sorted(kept, key=lambda p: (p.start, p.id))


def test_a_higher_priority_source_displaces_what_it_overlaps() -> None:
    low = [scheduled(n, "low", 1, n, n + 1) for n in range(4)]
    high = [scheduled(10, "high", 5, 1.5, 2.5)]

    resolved = resolve_priorities([*low, *high])

    assert [p.id for p in resolved] == [0, 10, 3]


def test_one_source_keeps_its_own_overlapping_programmes() -> None:
    programmes = [
        scheduled(1, "src", 1, 0, 6),
        scheduled(2, "src", 1, 1, 2),
        scheduled(3, "src", 1, 1, 2),
        scheduled(4, "src", 1, 1, None),
    ]

    assert resolve_priorities(programmes) == programmes


def test_instants_displace_only_what_starts_with_them() -> None:
    programmes = [
        scheduled(1, "high", 9, 2, None),
        scheduled(2, "high", 9, 4, 4),
        scheduled(3, "low", 1, 1, 3),
        scheduled(4, "low", 1, 2, 3),
        scheduled(5, "low", 1, 4, None),
        scheduled(6, "low", 1, 3.5, 5),
    ]

    assert [p.id for p in resolve_priorities(programmes)] == [3, 1, 6, 2]


def test_a_source_kept_at_two_priorities_still_never_displaces_itself() -> None:
    programmes = [
        scheduled(1, "a", 5, 0, 2),
        scheduled(2, "b", 3, 1, 3),
        scheduled(3, "a", 1, 1, 3),
        scheduled(4, "b", 3, 4, 5),
        scheduled(5, "a", 1, 4.5, 6),
    ]

    assert [p.id for p in resolve_priorities(programmes)] == [1, 3, 4]


@pytest.mark.parametrize("seed", range(40))
def test_random_candidates_resolve_as_the_pairwise_rule_does(seed: int) -> None:
    rng = random.Random(seed)
    candidates = []
    for id in range(rng.randint(0, 60)):
        start = rng.choice(range(0, 24)) / 2
        length = rng.choice([None, 0.0, 0.5, 1.0, 3.0, -1.0])
        source = rng.choice(["a", "b", "c"])
        priority = rng.choice([1, 2]) if source != "c" else 2
        stop = None if length is None else start + length
        candidates.append(scheduled(id, source, priority, start, stop))

    assert resolve_priorities(candidates) == pairwise_reference(candidates)


def test_now_is_the_latest_start_on_air_and_next_follows_its_stop() -> None:
    resolved = [
        scheduled(1, "src", 1, 0, 10),
        scheduled(2, "src", 1, 3, 4),
        scheduled(3, "src", 1, 3.5, 3.75),
        scheduled(4, "src", 1, 4, None),
        scheduled(5, "src", 1, 10, 11),
    ]

    assert now_and_next("A", resolved, at(3.5)).now == resolved[2]
    assert now_and_next("A", resolved, at(3.5)).next == resolved[3]
    assert now_and_next("A", resolved, at(6)).now == resolved[0]
    assert now_and_next("A", resolved, at(6)).next == resolved[4]
