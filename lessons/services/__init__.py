"""Use cases of `lessons`: furigana at save, grading and progress, drafted exercises, decks.

A package by topic; callers import every name from `lessons.services`.
"""

from lessons.services.decks import (
    CARD_SOURCE_FIELDS,
    DECK_CACHE_SECONDS,
    MISTAKES_DECK_KEY,
    CardSource,
    DeckFile,
    deck_etag,
    deck_export,
    deck_export_mistakes,
    deck_specs,
)
from lessons.services.drafts import MAX_DRAFTS, PARTICLE_CHOICES, exercise_drafts_generate
from lessons.services.progress import (
    attempt_submit,
    progress_merge_session,
)
from lessons.services.rendering import (
    course_render,
    course_style,
    course_title_render,
    furigana_refresh_stale,
    furigana_render,
    furigana_version_for,
    lesson_pages_invalidate,
    lesson_render,
    ruby_map,
    vocabulary_render,
)

__all__ = [
    "CARD_SOURCE_FIELDS",
    "DECK_CACHE_SECONDS",
    "MAX_DRAFTS",
    "MISTAKES_DECK_KEY",
    "PARTICLE_CHOICES",
    "CardSource",
    "DeckFile",
    "attempt_submit",
    "course_render",
    "course_style",
    "course_title_render",
    "deck_etag",
    "deck_export",
    "deck_export_mistakes",
    "deck_specs",
    "exercise_drafts_generate",
    "furigana_refresh_stale",
    "furigana_render",
    "furigana_version_for",
    "lesson_pages_invalidate",
    "lesson_render",
    "progress_merge_session",
    "ruby_map",
    "vocabulary_render",
]
