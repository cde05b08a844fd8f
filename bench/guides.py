"""Benchmark: guide ingestion into SQLite against parse-only and bare iterparse.

Run `python -m bench.guides [--megabytes 100 1024] [--skip-real] [--repeat 3]`.
Every measurement runs in a fresh child process, so its peak memory (max RSS)
is its own; each kind runs `--repeat` times, in turns with the others, and
keeps its fastest time and its highest peak, since other work on the machine
only ever slows a run down. It prints, for the biggest real guide and for
synthetic guides of each size given (a streamed generator,
bench/xmltv_synthetic.py):

- ingest: the whole `IngestGuide` use case (source, parser, staging, matching,
  commit, run record) into a new SQLite file;
- parse: the same source and LxmlXmltvParser over the same bytes, every field
  read, storing nothing (the baseline);
- iterparse: bare lxml iterparse over the same bytes (the parser's ceiling);
- programmes per second and peak memory of each (the ingest counts only the
  programmes it stored, repeats dropped), the ingest / parse rate ratio
  (target at least 0.5), peak memory against the 200 MB budget, and the
  memory ratio from the smallest to the largest synthetic guide (target at
  most 1.3x);
- now/next for every channel of a large country against a single-channel
  lookup, on the real catalogue with a synthetic guide for its channels.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.xmltv_parse import BIGGEST_REAL, child_iterparse, child_parse, peak_rss_mb

SNAPSHOT = Path(__file__).resolve().parents[2] / "shared/data/iptv-org/api-2026-04-30"
TARGET_RATE_RATIO = 0.5
TARGET_PEAK_MB = 200.0
TARGET_MEMORY_GROWTH = 1.3
NOW_NEXT_REPEATS = 5


def application_for(data_dir: Path, environ: dict[str, str] | None = None) -> Any:
    from tvnexa.containers import build_application
    from tvnexa.entrypoints.configuration import load_settings

    settings = load_settings(
        environ={"TVNEXA_DATA_DIR": str(data_dir), **(environ or {})}
    )
    application = build_application(settings)
    application.storage.migrator()
    return application


def child_ingest(path: Path, data_dir: Path) -> dict[str, Any]:
    import logging

    from tvnexa.domain.schedules import GuideSourceSettings

    logging.disable(logging.INFO)
    # The synthetic guides are dated in the past; retention would delete each
    # one right after storing it, which is not what an ingest costs.
    application = application_for(data_dir, {"TVNEXA_GUIDES_RETENTION_DAYS": ""})
    ingest = application.use_cases.ingest_guide()
    source = GuideSourceSettings(name="bench", location=str(path))

    started = time.perf_counter()
    run = ingest.execute(source)
    seconds = time.perf_counter() - started
    return {
        "programmes": run.counts.added,
        "seconds": seconds,
        "status": run.status.value,
        "error": run.error,
    }


def country_guide(path: Path, channel_ids: list[str], days: int) -> int:
    """A guide of half-hour programmes over `days` for each of `channel_ids`."""
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    start -= timedelta(hours=12)
    slots = days * 48
    with path.open("w", encoding="utf-8") as output:
        output.write('<?xml version="1.0" encoding="UTF-8"?>\n<tv>\n')
        for channel in channel_ids:
            output.write(f'<channel id="{channel}"><display-name>{channel}')
            output.write("</display-name></channel>\n")
        for channel in channel_ids:
            for slot in range(slots):
                begin = start + timedelta(minutes=30 * slot)
                end = begin + timedelta(minutes=30)
                output.write(
                    f'<programme start="{begin:%Y%m%d%H%M%S} +0000" '
                    f'stop="{end:%Y%m%d%H%M%S} +0000" channel="{channel}">'
                    f"<title>Show {slot}</title></programme>\n"
                )
        output.write("</tv>\n")
    return len(channel_ids) * slots


def child_now_next(country: str, data_dir: Path) -> dict[str, Any]:
    import logging

    from tvnexa.domain.paging import PageRequest
    from tvnexa.domain.queries import ChannelQuery
    from tvnexa.domain.schedules import GuideSourceSettings

    logging.disable(logging.INFO)
    application = application_for(data_dir, {"TVNEXA_IPTV_ORG_URL": str(SNAPSHOT)})
    application.use_cases.ingest_catalogue().execute()
    reader = application.storage.catalog_reader()
    page = reader.channels(ChannelQuery(country=country), PageRequest(0, 100_000))
    channel_ids = [channel.id for channel in page.items]
    guide = data_dir / "country.xml"
    programmes = country_guide(guide, channel_ids, days=2)
    application.use_cases.ingest_guide().execute(
        GuideSourceSettings(name="country", location=str(guide))
    )

    programme_reader = application.storage.programme_reader()
    at = datetime.now(UTC)
    every = best_of(lambda: programme_reader.now_next(channel_ids, at))
    single = best_of(lambda: programme_reader.now_next(channel_ids[:1], at))
    answered = programme_reader.now_next(channel_ids, at)
    return {
        "channels": len(channel_ids),
        "programmes": programmes,
        "every_seconds": every,
        "single_seconds": single,
        "with_now": sum(1 for n in answered.values() if n.now is not None),
    }


def best_of(action: Any) -> float:
    timings = []
    for _ in range(NOW_NEXT_REPEATS):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def run_child(kind: str, argument: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"tvnexa-bench-{kind}-") as data_dir:
        command = [sys.executable, "-m", "bench.guides", "--child", kind, argument]
        command += ["--data-dir", data_dir]
        completed = subprocess.run(command, capture_output=True, text=True, check=True)
        result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
        return result


def fastest_of(path: Path, repeat: int) -> dict[str, dict[str, Any]]:
    """Each kind of run over `path`, `repeat` times taken in turns: the
    fastest time of each kind, with the highest peak memory of its runs."""
    runs: dict[str, list[dict[str, Any]]] = {}
    for _ in range(repeat):
        for kind in ("ingest", "parse", "iterparse"):
            runs.setdefault(kind, []).append(run_child(kind, str(path)))
    best = {}
    for kind, results in runs.items():
        best[kind] = min(results, key=lambda result: float(result["seconds"]))
        best[kind]["peak_rss_mb"] = max(r["peak_rss_mb"] for r in results)
    return best


def compare(path: Path, repeat: int) -> dict[str, Any]:
    best = fastest_of(path, repeat)
    ingest, parse, ceiling = best["ingest"], best["parse"], best["iterparse"]
    print(f"{path.name}: {parse['bytes'] / 2**20:.0f} MB of XML, best of {repeat}")
    for name, result in (("ingest", ingest), ("parse", parse), ("iterparse", ceiling)):
        rate = result["programmes"] / result["seconds"]
        print(
            f"  {name:<9} {result['programmes']:>9} programmes "
            f"{result['seconds']:8.2f} s {rate:9.0f}/s  "
            f"peak {result['peak_rss_mb']:6.1f} MB"
        )
    if ingest.get("error"):
        print(f"  ingest status {ingest['status']}: {ingest['error']}")
    ratio = (ingest["programmes"] / ingest["seconds"]) / (
        parse["programmes"] / parse["seconds"]
    )
    verdict = "met" if ratio >= TARGET_RATE_RATIO else "MISSED"
    print(f"  ingest rate / parse rate: {ratio:.2f} (target >= 0.5: {verdict})")
    peak = ingest["peak_rss_mb"]
    verdict = "met" if peak < TARGET_PEAK_MB else "MISSED"
    print(f"  ingest peak memory {peak:.0f} MB (target < 200 MB: {verdict})")
    return ingest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, nargs="*", default=[100, 1024])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--country", default="US")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each kind per guide, the fastest kept (the machine is shared)",
    )
    parser.add_argument("--child", choices=["ingest", "parse", "iterparse", "now-next"])
    parser.add_argument("argument", nargs="?")
    parser.add_argument("--data-dir", type=Path)
    arguments = parser.parse_args(argv)

    if arguments.child:
        path = Path(arguments.argument or "")
        children = {
            "ingest": lambda: child_ingest(path, arguments.data_dir),
            "parse": lambda: child_parse(path),
            "iterparse": lambda: child_iterparse(path),
            "now-next": lambda: child_now_next(arguments.argument, arguments.data_dir),
        }
        result = children[arguments.child]()
        result["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(result))
        return

    if not arguments.skip_real:
        compare(BIGGEST_REAL, arguments.repeat)
    peaks = []
    with tempfile.TemporaryDirectory(prefix="tvnexa-bench-guides-") as folder:
        from bench.xmltv_synthetic import write_guide

        for megabytes in sorted(arguments.megabytes):
            path = Path(folder) / f"synthetic-{megabytes:g}MB.xml"
            write_guide(path, megabytes)
            peaks.append((megabytes, compare(path, arguments.repeat)["peak_rss_mb"]))
            path.unlink()
    if len(peaks) > 1:
        (small, small_peak), (large, large_peak) = peaks[0], peaks[-1]
        growth = large_peak / small_peak
        verdict = "met" if growth <= TARGET_MEMORY_GROWTH else "MISSED"
        print(
            f"peak memory {small:g} MB → {large:g} MB of input: {growth:.2f}x "
            f"(target <= 1.3x: {verdict})"
        )

    now_next = run_child("now-next", arguments.country)
    print(
        f"now/next for all {now_next['channels']} channels of {arguments.country} "
        f"({now_next['programmes']} programmes stored, {now_next['with_now']} on air): "
        f"{now_next['every_seconds'] * 1000:.1f} ms; one channel: "
        f"{now_next['single_seconds'] * 1000:.2f} ms; ratio "
        f"{now_next['every_seconds'] / now_next['single_seconds']:.0f}x for "
        f"{now_next['channels']}x the channels"
    )


if __name__ == "__main__":
    main()
