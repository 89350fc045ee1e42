"""`manage.py export_deck SLUG --output FILE.apkg`: an Anki deck of a course or `course/lesson`."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lessons.models import Course, Lesson
from lessons.selectors import lesson_pages_generation
from lessons.services import deck_etag, deck_export


class Command(BaseCommand):
    help = "Write the Anki deck (.apkg) of a published course, or of one lesson (course/lesson)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug", help="A course slug, or course/lesson.")
        parser.add_argument("--output", required=True, help="The .apkg file to write.")
        parser.add_argument("--lang", default="", help="Meaning language beside English.")

    def handle(self, *args: Any, **options: Any) -> None:
        course_slug, _sep, lesson_slug = options["slug"].partition("/")
        course = Course.objects.filter(slug=course_slug, published=True).first()
        if course is None:
            raise CommandError(f"No published course {course_slug!r}.")
        lesson = None
        if lesson_slug:
            lesson = Lesson.objects.filter(course=course, slug=lesson_slug, published=True).first()
            if lesson is None:
                raise CommandError(f"No published lesson {lesson_slug!r} in {course_slug!r}.")
        code = options["lang"]
        if code and code not in dict(settings.MEANING_LANGUAGES):
            raise CommandError(f"Unknown language {code!r}.")
        languages = (code,) if code and code != "en" else ()
        etag = deck_etag(
            course=course,
            lesson=lesson,
            languages=languages,
            generation=lesson_pages_generation(course_slug=course.slug),
        )
        deck = deck_export(course=course, lesson=lesson, languages=languages, etag=etag)
        output = Path(options["output"])
        output.write_bytes(deck.content)
        self.stdout.write(f"Wrote {output} ({len(deck.content)} bytes).")
