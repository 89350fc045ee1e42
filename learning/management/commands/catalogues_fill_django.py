"""Fill our catalogues' empty (or guessed, fuzzy) entries of Django's own messages (learning/django_messages.py)
with Django's translation, where its catalogue for the language has one. What stays empty is
ours to write; the completeness test names it."""

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from learning.catalogues import catalogue_path
from learning.management.commands.django_messages import CATALOGUES, django_catalogue


def _django_translations(language: str) -> dict[tuple[str | None, str], polib.POEntry]:
    found: dict[tuple[str | None, str], polib.POEntry] = {}
    for part in CATALOGUES:
        path = django_catalogue(part, language)
        if path.exists():
            for entry in polib.pofile(str(path)).translated_entries():
                found.setdefault((entry.msgctxt, entry.msgid), entry)
    return found


class Command(BaseCommand):
    help = "Fill empty entries of Django's messages in our catalogues from Django's own."

    def handle(self, *args: object, **options: object) -> None:
        for code, _name in settings.LANGUAGES:
            path = catalogue_path(code)
            if code == "en" or not path.exists():
                continue
            theirs = _django_translations(code)
            catalogue = polib.pofile(str(path))
            filled = 0
            # makemessages guesses a new message from a similar one (fuzzy): Django's is better
            for entry in [*catalogue.untranslated_entries(), *catalogue.fuzzy_entries()]:
                source = theirs.get((entry.msgctxt, entry.msgid))
                if source is None or bool(source.msgid_plural) != bool(entry.msgid_plural):
                    continue
                if entry.msgid_plural:
                    entry.msgstr_plural = dict(source.msgstr_plural)
                else:
                    entry.msgstr = source.msgstr
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = None
                filled += 1
            if filled:
                catalogue.save(str(path))
            self.stdout.write(f"{code}: {filled} filled from Django's catalogue")
