"""Benchmark: a full catalogue ingest into SQLite against a plain baseline.

Run `python -m bench.ingest [--snapshot DIR]`. Every measurement runs in a fresh
child process, so its peak memory (max RSS) is its own. It prints:

- the full ingest (read, validate, check references, diff, store, link tables,
  record the run) of every dataset of the snapshot into a new SQLite file;
- the baseline: json.load of the same files and `executemany` of the same rows
  into the same (migrated) tables, without validation or link tables;
- a no-op re-ingest of the unchanged source, and a forced re-ingest that reads
  and compares every record without writing;
- their ratios and a profile of where the full ingest's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_SNAPSHOT = (
    Path(__file__).resolve().parents[2] / "shared/data/iptv-org/api-2026-04-30"
)
TARGET_FULL_TO_BASELINE = 3.0
TARGET_NOOP_TO_FULL = 0.25


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(data_dir: Path, snapshot: Path) -> Any:
    from tvnexa.containers import build_application
    from tvnexa.entrypoints.configuration import load_settings

    environ = {"TVNEXA_DATA_DIR": str(data_dir), "TVNEXA_IPTV_ORG_URL": str(snapshot)}
    application = build_application(load_settings(environ=environ))
    application.storage.migrator()
    return application


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def child_full(snapshot: Path, data_dir: Path) -> dict[str, Any]:
    """Full ingest, then the no-op and the forced re-ingest of the same source."""
    import logging

    logging.disable(logging.INFO)
    application = build(data_dir, snapshot)
    ingest = application.use_cases.ingest_catalogue()
    runs: list[Any] = []
    full = timed(lambda: runs.extend(ingest.execute()))
    full_peak = peak_rss_mb()
    noop = timed(lambda: ingest.execute())
    forced = timed(lambda: ingest.execute(force=True))
    return {
        "full": full,
        "full_peak_mb": full_peak,
        "noop": noop,
        "forced": forced,
        "rows": sum(run.counts.added for run in runs),
        "statuses": sorted({run.status.value for run in runs}),
    }


def load_json(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    records: list[dict[str, Any]] = json.loads(raw)
    return records


def baseline_row_builder(dataset: Any) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """Build the rows the adapter stores straight from upstream objects."""
    from tvnexa.adapters.persistence.codecs import CODECS, FieldKind, fold
    from tvnexa.adapters.persistence.fields import encode_list
    from tvnexa.domain.catalogue import digest_key
    from tvnexa.domain.datasets import Dataset

    codec = CODECS[dataset]
    digest_parts = {
        Dataset.LOGOS: ("channel", "feed", "url"),
        Dataset.STREAMS: ("url",),
        Dataset.GUIDES: ("site", "site_id", "lang", "channel", "feed", "url"),
        Dataset.BLOCKLIST: ("channel", "ref"),
    }.get(dataset, ())
    getters: list[Callable[[dict[str, Any]], Any]] = []
    for column in codec.columns:
        if column == codec.key_column and dataset is Dataset.FEEDS:
            getters.append(lambda r: f"{r['channel']}@{r['id']}")
        elif column == codec.key_column and column not in codec.record_columns:
            getters.append(lambda r, p=digest_parts: digest_key(*(r.get(k) for k in p)))
        elif column == "search_name":
            getters.append(lambda r: fold(r["name"]))
        elif column == "search_text":
            getters.append(
                lambda r: "\x1f".join(fold(n) for n in (r["name"], *r["alt_names"]))
            )
        elif codec.kinds.get(column) is FieldKind.LIST:
            getters.append(lambda r, c=column: encode_list(r.get(c) or ()))
        else:
            getters.append(lambda r, c=column: r.get(c))
    return lambda record: tuple(getter(record) for getter in getters)


def child_baseline(snapshot: Path, data_dir: Path) -> dict[str, Any]:
    from tvnexa.adapters.persistence.bulk import BulkStatements
    from tvnexa.adapters.persistence.codecs import CODECS
    from tvnexa.domain.datasets import dependency_order

    application = build(data_dir, snapshot)
    database = application.storage.writer_database()
    bulk = BulkStatements(database)
    rows = 0

    def load_everything() -> None:
        nonlocal rows
        for dataset in dependency_order():
            path = snapshot / f"{dataset.value}.json"
            if not path.exists():
                continue
            build_row = baseline_row_builder(dataset)
            codec = CODECS[dataset]
            key_position = codec.columns.index(codec.key_column)
            # The tables' keys are unique; upstream repeats a few guides.
            unique = {}
            for record in load_json(path):
                row = build_row(record)
                unique.setdefault(row[key_position], row)
            with database.atomic():
                rows += bulk.insert(dataset.value, codec.columns, unique.values())

    seconds = timed(load_everything)
    return {"baseline": seconds, "baseline_peak_mb": peak_rss_mb(), "rows": rows}


def child_profile(snapshot: Path, data_dir: Path, top: int) -> dict[str, Any]:
    import logging

    logging.disable(logging.INFO)
    application = build(data_dir, snapshot)
    ingest = application.use_cases.ingest_catalogue()
    profiler = cProfile.Profile()
    profiler.runcall(ingest.execute)
    report = io.StringIO()
    stats = pstats.Stats(profiler, stream=report).sort_stats("tottime")
    stats.print_stats(top)
    return {"profile": report.getvalue()}


def run_child(kind: str, snapshot: Path, top: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"tvnexa-bench-{kind}-") as data_dir:
        command = [sys.executable, "-m", "bench.ingest", "--child", kind]
        command += ["--snapshot", str(snapshot), "--data-dir", data_dir]
        command += ["--top", str(top)]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
        result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
        return result


def report(snapshot: Path, top: int) -> None:
    print(f"snapshot: {snapshot}")
    baseline = run_child("baseline", snapshot, top)
    full = run_child("full", snapshot, top)
    profile = run_child("profile", snapshot, top)

    ratio = full["full"] / baseline["baseline"]
    noop_ratio = full["noop"] / full["full"]
    forced_ratio = full["forced"] / full["full"]
    print(f"rows stored: ingest {full['rows']}, baseline {baseline['rows']}")
    print(f"run statuses: {', '.join(full['statuses'])}")
    print(
        f"baseline (json.load + executemany): {baseline['baseline']:.2f} s, "
        f"peak {baseline['baseline_peak_mb']:.0f} MB"
    )
    print(
        f"full ingest:                        {full['full']:.2f} s, "
        f"peak {full['full_peak_mb']:.0f} MB"
    )
    print(f"no-op re-ingest (unchanged source): {full['noop']:.3f} s")
    print(f"forced re-ingest (compare all):     {full['forced']:.2f} s")
    print(
        f"ratio full / baseline: {ratio:.2f}x "
        f"(target <= {TARGET_FULL_TO_BASELINE}x: "
        f"{'met' if ratio <= TARGET_FULL_TO_BASELINE else 'MISSED'})"
    )
    print(
        f"ratio no-op / full: {noop_ratio:.3f}x "
        f"(target <= {TARGET_NOOP_TO_FULL}x: "
        f"{'met' if noop_ratio <= TARGET_NOOP_TO_FULL else 'MISSED'})"
    )
    print(f"ratio forced re-ingest / full: {forced_ratio:.2f}x")
    print(f"\nwhere the full ingest's time goes (top {top} by own time):")
    print(profile["profile"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--child", choices=["full", "baseline", "profile"])
    parser.add_argument("--data-dir", type=Path)
    arguments = parser.parse_args()

    if arguments.child is None:
        report(arguments.snapshot, arguments.top)
        return
    children = {
        "full": lambda: child_full(arguments.snapshot, arguments.data_dir),
        "baseline": lambda: child_baseline(arguments.snapshot, arguments.data_dir),
        "profile": lambda: child_profile(
            arguments.snapshot, arguments.data_dir, arguments.top
        ),
    }
    print(json.dumps(children[arguments.child]()))


if __name__ == "__main__":
    main()
