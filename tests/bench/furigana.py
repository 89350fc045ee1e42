"""Benchmark figures of the furigana engine: dev-set accuracy, throughput, memory (no Django).

Run as ``python -m tests.bench.furigana``. The dev set and its scorer live in a ``shared/``
folder beside the repository root; when it is absent the accuracy row says so.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
GOLD = SHARED / "data" / "furigana" / "gold_dev.jsonl"
SCORER = SHARED / "tools" / "furigana_score.py"


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
    res = scorer.score(spans, str(GOLD), collect_errors=False)
    rows.append(("dev-set spans", str(res["spans"])))
    rows.append(("dev-set reading accuracy", f"{100 * res['reading_acc']:.2f} %"))
    rows.append(("dev-set strict accuracy", f"{100 * res['strict_acc']:.2f} %"))

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
    rows.append(("throughput ratio (engine / bare fugashi)", f"{t_bare / t_engine:.2f}"))

    tracemalloc.start()
    for t in texts:
        annotate(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    rows.append(("peak Python allocations while annotating dev set", f"{peak / 2**20:.1f} MiB"))
    rows.append(("process peak RSS (ru_maxrss)", f"{rss / 1024:.0f} MiB"))
    return rows


def main() -> None:
    rows = furigana_figures()
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        sys.stdout.write(f"{label:<{width}}  {value}\n")


if __name__ == "__main__":
    main()
