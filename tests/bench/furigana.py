"""Benchmark figures of the furigana engine: dev-set accuracy, throughput, memory (no Django).

Run as ``python -m tests.bench.furigana``. The dev set and its scorer live in a ``shared/``
folder beside the repository root; when it is absent the accuracy row says so.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
GOLD = SHARED / "data" / "furigana" / "gold_dev.jsonl"
SCORER = SHARED / "tools" / "furigana_score.py"
# The modern-text development set, built outside the repository (see shared/tools/kwdlc/).
KWDLC_GOLD = Path(
    os.environ.get(
        "KASUMI_KWDLC_GOLD",
        str(Path(tempfile.gettempdir()) / "kasumi_gold" / "gold_kwdlc_train.jsonl"),
    )
)


def _load_scorer() -> ModuleType | None:
    if not (GOLD.is_file() and SCORER.is_file()):
        return None
    spec = importlib.util.spec_from_file_location("furigana_score", SCORER)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def spans(text: str) -> list[tuple[int, int, str]]:
    """The engine's ruby as (start, end, reading) spans, the scorer's input format."""
    from lessons.japanese.furigana import annotate

    out = []
    pos = 0
    for seg in annotate(text):
        end = pos + len(seg.text)
        if seg.reading:
            out.append((pos, end, seg.reading))
        pos = end
    return out


def raw_fugashi_spans(text: str) -> list[tuple[int, int, str]]:
    """Bare unidic-lite: one reading per token, split over kanji by kana anchoring, no rules."""
    from lessons.japanese.furigana._tagger import tokenize

    return _split_spans(
        [(t.start, t.start + len(t.surface), t.reading) for t in tokenize(text)], text
    )


def openjtalk_spans(text: str) -> list[tuple[int, int, str]]:
    """pyopenjtalk-plus alone, its words mapped back onto the text, split like ours."""
    from lessons.japanese.furigana import _openjtalk

    return _split_spans(list(_openjtalk.spans(text)), text)


def _split_spans(words: list[tuple[int, int, str | None]], text: str) -> list[tuple[int, int, str]]:
    from lessons.japanese.furigana._align import align

    out = []
    for start, end, reading in words:
        if not reading:
            continue
        pos = start
        for piece, r in align(text[start:end], reading):
            if r:
                out.append((pos, pos + len(piece), r))
            pos += len(piece)
    return out


def accuracy_rows(scorer: ModuleType) -> list[tuple[str, str]]:
    """Reading and strict accuracy on every development set present, for the engine, bare
    fugashi and (when installed) pyopenjtalk-plus, all scored in this run."""
    from lessons.japanese.furigana import _openjtalk

    systems: list[tuple[str, object]] = [("engine", spans), ("raw fugashi", raw_fugashi_spans)]
    if _openjtalk.available():
        systems.append(("pyopenjtalk-plus", openjtalk_spans))
    rows: list[tuple[str, str]] = []
    for name, path, target in (
        ("KWDLC (modern)", KWDLC_GOLD, "target >= 97.5 %"),
        ("Aozora dev", GOLD, "target >= 95.0 %"),
    ):
        if not path.is_file():
            rows.append((f"{name} accuracy", f"skipped: {path} not found"))
            continue
        for system, fn in systems:
            res = scorer.score(fn, str(path), collect_errors=False)
            note = f"  ({target})" if system == "engine" else ""
            rows.append(
                (
                    f"{name} {system}: reading / strict ({res['spans']} spans)",
                    f"{100 * res['reading_acc']:.2f} % / {100 * res['strict_acc']:.2f} %{note}",
                )
            )
    if not _openjtalk.available():
        rows.append(("pyopenjtalk-plus", "not installed: no figures"))
    return rows


def preview_p95(texts: list[str], runs: int = 40) -> float:
    """p95 in ms of the live preview's furigana call (annotate + to_html) on 1,000 characters."""
    from lessons.japanese.furigana import annotate, to_html

    passage = "".join(texts)[:1000]
    times = []
    for k in range(runs):
        chunk = passage[k:] + passage[:k]  # a different text each run: no cache hits
        t0 = time.perf_counter()
        to_html(annotate(chunk))
        times.append(time.perf_counter() - t0)
    times.sort()
    return 1000 * times[int(0.95 * (len(times) - 1))]


def _dev_texts() -> list[str]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def _best_of(fn: object, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def furigana_figures(repeats: int = 5) -> list[tuple[str, str]]:
    """Printable (label, value) rows: accuracy, throughput ratio to bare fugashi, memory."""
    from lessons.japanese.furigana import ENGINE_VERSION, annotate, to_html
    from lessons.japanese.furigana._tagger import get_tagger

    rows: list[tuple[str, str]] = [("furigana engine version", ENGINE_VERSION)]
    scorer = _load_scorer()
    if scorer is None:
        rows.append(("dev-set accuracy", f"skipped: {GOLD} not found"))
        return rows
    rows.extend(accuracy_rows(scorer))

    texts = _dev_texts()
    text = "\n".join(texts)
    tagger = get_tagger()

    def bare() -> None:
        for w in tagger(text):
            w.feature.kana  # noqa: B018  (the access is the work being timed)

    def engine() -> None:
        to_html(annotate(text))

    engine()  # warm caches and the tagger
    t_bare = _best_of(bare, repeats)
    t_engine = _best_of(engine, repeats)
    rows.append(("dev text size", f"{len(text)} chars"))
    rows.append(("bare fugashi tokenisation", f"{len(text) / t_bare / 1000:.0f} k chars/s"))
    rows.append(("annotate + to_html", f"{len(text) / t_engine / 1000:.0f} k chars/s"))
    rows.append(
        ("throughput ratio (engine / bare fugashi, target >= 0.35)", f"{t_bare / t_engine:.2f}")
    )
    rows.append(
        ("live preview, 1,000 chars: p95 (target < 100 ms)", f"{preview_p95(texts):.1f} ms")
    )

    tracemalloc.start()
    for t in texts:
        annotate(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    rows.append(("peak Python allocations while annotating dev set", f"{peak / 2**20:.1f} MiB"))
    from lessons.japanese.furigana import _openjtalk

    rows.append(("peak RSS of a worker running the engine alone", f"{_engine_worker_rss()} MiB"))
    if _openjtalk.available():
        rows.append(
            (
                "peak RSS of a worker with both analysers loaded (target < 600 MiB)",
                f"{_engine_worker_rss(both=True)} MiB",
            )
        )
    both = "fugashi + pyopenjtalk-plus" if _openjtalk.available() else "fugashi only"
    rows.append(
        (f"bench process peak RSS, {both} loaded, gold sets scored", f"{rss / 1024:.0f} MiB")
    )
    return rows


_WORKER_PROBE = """
import json, resource, sys
from lessons.japanese.furigana import annotate, to_html
both = sys.argv[2] == "both"
if both:
    import pyopenjtalk
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        text = json.loads(line)["text"]
        to_html(annotate(text))
        if both:
            pyopenjtalk.g2p(text, kana=True)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(int(hwm[0].split()[1]) // 1024 if hwm else peak)
"""


def _engine_worker_rss(*, both: bool = False) -> str:
    """Peak RSS of a fresh interpreter that loads the engine (fugashi + unidic-lite) and, with
    *both*, pyopenjtalk-plus too (as a worker that also synthesises speech would), and analyses
    the Aozora dev set with each: what one web worker pays."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", _WORKER_PROBE, str(GOLD), "both" if both else "engine"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        timeout=300,
    )
    # pyopenjtalk-plus prints notices on stdout; the figure is the last line.
    lines = out.stdout.strip().splitlines()
    return lines[-1] if lines else f"failed: {out.stderr.strip()[-200:]}"


def main() -> None:
    rows = furigana_figures()
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        sys.stdout.write(f"{label:<{width}}  {value}\n")


if __name__ == "__main__":
    main()
