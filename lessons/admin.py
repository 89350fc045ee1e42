"""Admin of `lessons` for staff: read-only. Every change to content goes through the authoring
services of the tutor workspace (`/teach/`), which check versions, render furigana and refresh the
cached pages; an admin form would skip all three."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lessons.models import (
    Attempt,
    Course,
    Exercise,
    Lesson,
    LessonProgress,
    Passage,
    VocabularyItem,
)


class ReadOnly:
    """Staff may look; nobody adds, changes or deletes here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LessonInline(ReadOnly, admin.TabularInline):
    model = Lesson
    fields = ("order", "slug", "title", "published")
    extra = 0


@admin.register(Course)
class CourseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "slug", "level", "topic", "published")
    list_filter = ("level", "topic", "published")
    inlines = [LessonInline]


class PassageInline(ReadOnly, admin.StackedInline):
    model = Passage
    extra = 0


class VocabularyInline(ReadOnly, admin.TabularInline):
    model = VocabularyItem
    fields = ("order", "expression", "reading", "part_of_speech", "meanings")
    extra = 0


class ExerciseInline(ReadOnly, admin.StackedInline):
    model = Exercise
    fields = ("order", "kind", "status", "prompt", "data", "explanation")
    extra = 0


@admin.register(Lesson)
class LessonAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("title", "course", "order", "published")
    list_filter = ("course", "published")
    inlines = [PassageInline, VocabularyInline, ExerciseInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("exercise", "learner", "correct", "created_at")
    list_filter = ("correct",)
    readonly_fields = ("exercise", "learner", "session_hash", "answer", "correct", "created_at")


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("learner", "lesson", "started_at", "completed_at")
