"""Admin of `lessons` for staff; tutors use their own workspace."""

from django.contrib import admin

from lessons.models import (
    Attempt,
    Course,
    Exercise,
    Lesson,
    LessonProgress,
    Passage,
    VocabularyItem,
)
from lessons.services import course_render, lesson_render


class LessonInline(admin.TabularInline):
    model = Lesson
    fields = ("order", "slug", "title", "published")
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "level", "topic", "published")
    list_filter = ("level", "topic", "published")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [LessonInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        course_render(form.instance)


class PassageInline(admin.StackedInline):
    model = Passage
    extra = 0


class VocabularyInline(admin.TabularInline):
    model = VocabularyItem
    fields = ("order", "expression", "reading", "part_of_speech", "meanings")
    extra = 0


class ExerciseInline(admin.StackedInline):
    model = Exercise
    fields = ("order", "kind", "status", "prompt", "data", "explanation")
    extra = 0


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ("title", "course", "order", "published")
    list_filter = ("course", "published")
    inlines = [PassageInline, VocabularyInline, ExerciseInline]

    def save_related(self, request, form, formsets, change):
        # Render furigana once every part is saved (the same service the tutor pages use).
        super().save_related(request, form, formsets, change)
        lesson_render(form.instance)


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ("exercise", "learner", "correct", "created_at")
    list_filter = ("correct",)
    readonly_fields = ("exercise", "learner", "session_hash", "answer", "correct", "created_at")


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ("learner", "lesson", "started_at", "completed_at")
