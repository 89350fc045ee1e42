"""Throughput of the public read pages under load, as ratios to `/healthz` in the same run.

`python -m tests.bench.load` (what `make load` runs) starts gunicorn as `make serve` does (two
sync workers, the environment's `DATABASE_URL` and `REDIS_URL`) on a free port, then sends
requests from 16 connections (processes x threads, like a small crowd of phones): /healthz, then
a page, and again for the next page, round after round, so each ratio compares two neighbouring
seconds on the shared machine. It prints requests per second, p95 latency, the median and range
of the ratios to `/healthz` (target >= 0.3x) and the bytes each page sends with
`Accept-Encoding: gzip`.

The database must hold the demo data (`make demo`, or `manage.py migrate` + `loaddata`).
Downloads are unthrottled for the run (`THROTTLE_DECK`), as a benchmark is not an abuser.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HEADERS = {"Accept-Encoding": "gzip", "Accept": "text/html,*/*", "User-Agent": "kasumi-load"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, int]:
    """(status, body bytes as sent) of one GET on a new connection (gunicorn's sync workers
    close every connection)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=HEADERS)
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def _hammer(port: int, path: str, threads: int, seconds: float) -> tuple[int, list[float], int]:
    """One client process: *threads* connections in a loop for *seconds*.
    Returns (requests, latencies in s, responses that were not 200)."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def loop() -> None:
        mine: list[float] = []
        bad = 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                status, _size = _get(port, path)
            except OSError:
                status = 0
            mine.append(time.perf_counter() - start)
            bad += status != 200
        with lock:
            latencies.extend(mine)
            failures[0] += bad

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(latencies), latencies, failures[0]


def _public_paths() -> list[tuple[str, str]]:
    """(label, path) of the pages measured, the lesson and deck taken from the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")
    import django

    django.setup()
    from lessons.models import Lesson

    lesson = (
        Lesson.objects.filter(published=True, course__published=True)
        .select_related("course")
        .order_by("course__slug", "order", "pk")
        .first()
    )
    if lesson is None:
        sys.exit("No published lesson: load the demo data first (make demo).")
    return [
        ("healthz", "/healthz"),
        ("news", "/news/"),
        ("course list", "/courses/"),
        ("partners", "/partners/"),
        ("lesson page", lesson.get_absolute_url()),
        ("course page", f"/courses/{lesson.course.slug}/"),
        ("course deck", f"/courses/{lesson.course.slug}/deck.apkg"),
    ]


def _start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "THROTTLE_DECK": "100000000/hour",
        "DJANGO_DEBUG": "0",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "learning.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(200):
        try:
            if _get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit("gunicorn did not answer /healthz")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="per page and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    args = parser.parse_args(argv)
    paths = _public_paths()
    port = _free_port()
    server = _start_server(port, args.workers)
    threads = max(1, args.connections // args.processes)
    pages = paths[1:]
    rates: dict[str, list[float]] = {label: [] for label, _path in pages}
    ratios: dict[str, list[float]] = {label: [] for label, _path in pages}
    healthz: list[float] = []
    latencies: dict[str, list[float]] = {label: [] for label, _path in paths}
    failures: dict[str, int] = {label: 0 for label, _path in paths}
    weights: dict[str, tuple[int, str]] = {}
    try:
        for label, path in paths:
            weights[label] = _weight(port, path)
            for _ in range(20):  # warm the workers' caches and connections
                _get(port, path)
        with ProcessPoolExecutor(args.processes) as pool:

            def rate(label: str, path: str) -> float:
                results: list[Any] = list(
                    pool.map(
                        _hammer,
                        [port] * args.processes,
                        [path] * args.processes,
                        [threads] * args.processes,
                        [args.seconds] * args.processes,
                    )
                )
                latencies[label].extend(t for r in results for t in r[1])
                failures[label] += sum(r[2] for r in results)
                return sum(r[0] for r in results) / args.seconds

            # Each page right after /healthz, round after round: the ratio of each pair sees
            # one load on the shared machine, whatever the neighbours do between pairs.
            for _round in range(args.rounds):
                for label, path in pages:
                    base = rate("healthz", "/healthz")
                    page = rate(label, path)
                    healthz.append(base)
                    rates[label].append(page)
                    ratios[label].append(page / base)
    finally:
        server.terminate()
        server.wait(10)
    print(
        f"{args.connections} connections, gunicorn {args.workers} workers, {args.rounds} rounds "
        f"of /healthz then the page, {args.seconds:g} s each"
    )
    print(
        f"{'page':<12} {'req/s (median)':>14} {'ratio: median (range)':<34} {'p95':>8}  "
        f"{'sent':>12}  path"
    )
    for label, path in paths:
        size, encoding = weights[label]
        p95 = statistics.quantiles(latencies[label], n=20)[-1] if latencies[label] else 0.0
        if label == "healthz":
            summary, served = "1.00", healthz
        else:
            low, mid, high = (
                min(ratios[label]),
                statistics.median(ratios[label]),
                max(ratios[label]),
            )
            summary, served = f"{mid:.2f}x ({low:.2f}-{high:.2f}, target >= 0.3)", rates[label]
        print(
            f"{label:<12} {statistics.median(served):>14.0f} {summary:<34} {p95 * 1e3:6.1f}ms  "
            f"{size / 1024:6.1f} KB{encoding or '     '}  {path}"
            + (f"  [{failures[label]} not 200]" if failures[label] else "")
        )


def _weight(port: int, path: str) -> tuple[int, str]:
    """Bytes of the body as sent to a browser that accepts gzip, and its encoding."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=HEADERS)
        response = conn.getresponse()
        body = response.read()
        encoding = response.getheader("Content-Encoding", "")
        return len(body), f" {encoding}" if encoding else ""
    finally:
        conn.close()


if __name__ == "__main__":
    main()
