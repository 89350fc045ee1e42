"""Benchmark figures of the Anki export engine against genanki alone (no Django).

Run as ``python -m tests.bench.anki``: 10,000 synthetic vocabulary notes in 20 lesson subdecks.
"""

from __future__ import annotations

import gc
import io
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable

import genanki

from lessons import anki
from lessons.anki import Card, DeckSpec, build_package

_KANJI = "住民票病院役所電車駅銀行会社学校先生薬局保険証番号窓口書類申請"
_KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
T0 = 1_780_000_000.0


def synthetic_decks(n_cards: int = 10_000, n_lessons: int = 20) -> list[DeckSpec]:
    """A course deck plus *n_lessons* subdecks sharing *n_cards* Japanese-looking cards."""
    per = n_cards // n_lessons
    decks = [DeckSpec("bench-course", "Bench course")]
    for lesson in range(n_lessons):
        cards = []
        for i in range(lesson * per, (lesson + 1) * per):
            word = _KANJI[i % len(_KANJI)] + _KANJI[(i * 7 + 3) % len(_KANJI)]
            kana = "".join(_KANA[(i * k + lesson) % len(_KANA)] for k in (1, 3, 5, 7))
            reading = f"{word}[{kana}]"
            cards.append(
                Card(
                    key=f"00000000-0000-4000-8000-{i:012d}",
                    expression=word,
                    reading_anki=reading,
                    meanings=(("my", f"စကားလုံး {i}"), ("en", f"word number {i} <{lesson}>")),
                    sentence_anki=f"これは {reading}です。 {word}[{kana}]を 使[つか]います。",
                    sentence_meaning=f"This is word {i}. We use it & more.",
                    lesson=f"Lesson {lesson + 1}",
                    tags=(
                        anki.tag("level", "A1"),
                        anki.tag("topic", f"topic {lesson}"),
                        anki.tag("lesson", f"lesson-{lesson + 1}"),
                    ),
                )
            )
        decks.append(
            DeckSpec(
                f"bench-course/lesson-{lesson + 1}",
                f"Bench course::Lesson {lesson + 1}",
                tuple(cards),
            )
        )
    return decks


def _genanki_alone(decks: list[DeckSpec]) -> Callable[[], bytes]:
    """genanki writing the same notes (same model, fields, tags, GUIDs, decks) with its own
    ``Package.write_to_file``; the field strings are prepared beforehand, outside the timing."""
    prepared = [
        (
            anki.deck_id(d.key),
            d.name,
            [(anki._note(c, 0, set()).fields, c.tags, anki.note_guid(c.key)) for c in d.cards],
        )
        for d in decks
    ]

    def run() -> bytes:
        out = []
        for did, name, notes in prepared:
            deck = genanki.Deck(did, name)
            for fields, tags, guid in notes:
                deck.add_note(genanki.Note(model=anki._MODEL, fields=fields, tags=tags, guid=guid))
            out.append(deck)
        buf = io.BytesIO()
        genanki.Package(out).write_to_file(buf, timestamp=T0)
        return buf.getvalue()

    return run


def _best_of(fns: list[Callable[[], bytes]], repeats: int) -> list[float]:
    """Best wall time of each function, the runs interleaved so load drifts hit all alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            gc.collect()
            t0 = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def anki_figures(repeats: int = 3) -> list[tuple[str, str]]:
    """Printable (label, value) rows: export time against genanki alone, memory, size."""
    decks = synthetic_decks()
    n_notes = sum(len(d.cards) for d in decks)

    def engine() -> bytes:
        return build_package(decks, timestamp=T0)

    baseline = _genanki_alone(decks)
    # genanki's write_to_file leaves its temporary database behind: keep those in a directory
    # removed afterwards, so the benchmark litters nothing either.
    saved = tempfile.tempdir
    with tempfile.TemporaryDirectory() as scratch:
        tempfile.tempdir = scratch
        try:
            t_base, t_engine = _best_of([baseline, engine], repeats)
            base_size = len(baseline())
        finally:
            tempfile.tempdir = saved

    gc.collect()
    tracemalloc.start()
    size = len(engine())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    return [
        ("notes / cards / decks", f"{n_notes} / {2 * n_notes} / {len(decks)}"),
        ("genanki alone (write_to_file, best of 3)", f"{t_base:.2f} s"),
        ("build_package (best of 3)", f"{t_engine:.2f} s"),
        ("ratio build_package / genanki (target <= 1.5)", f"{t_engine / t_base:.2f}x"),
        ("peak Python allocations during export (tracemalloc)", f"{peak / 2**20:.1f} MiB"),
        (
            ".apkg size (deflated) / genanki's (stored)",
            f"{size / 2**20:.2f} MiB / {base_size / 2**20:.2f} MiB",
        ),
    ]


def main() -> None:
    rows = anki_figures()
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        sys.stdout.write(f"{label:<{width}}  {value}\n")


if __name__ == "__main__":
    main()
