"""Write learning/django_messages.py: the messages of Django's own catalogue that reach the people
using Kasumi, so makemessages puts them in our catalogues. Run it when Django is upgraded, then
makemessages and `catalogues_fill_django` for each language."""

import json
from pathlib import Path

import django
import polib
from django.conf import settings
from django.core.management.base import BaseCommand

# Where in Django a message comes from, when a learner, a writer or a volunteer can meet it.
USED = (
    "forms/",
    "core/validators.py",
    "core/paginator.py",
    "contrib/auth/forms.py",
    "contrib/auth/password_validation.py",
    "contrib/auth/validators.py",
    "db/models/fields/__init__.py",
    "db/models/base.py",
    "utils/timesince.py",
    "utils/dates.py",
    "utils/text.py",
    "template/defaultfilters.py",
    "views/csrf.py",
)
CATALOGUES = ("conf", "contrib/auth")

HEADER = '''"""Django's own messages that reach the people using Kasumi: form errors,
password rules, sign-up and log-in messages, dates and times, the refused-form (CSRF) page.

Django's catalogues lack many of them in Burmese, Nepali, Sinhala and Kurmanji. Listing them here
puts them in our catalogues (makemessages reads this module), so every interface language carries
them: filled from Django's own translation where it has one, written by us where it has none.
Nothing imports this module. Written by `manage.py django_messages`; do not edit by hand.
"""

from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

DJANGO_MESSAGES = [
'''


def django_catalogue(part: str, language: str) -> Path:
    return Path(django.__file__).parent / part / "locale" / language / "LC_MESSAGES" / "django.po"


def used_entries() -> list[polib.POEntry]:
    seen: set[tuple[str | None, str]] = set()
    entries = []
    for part in CATALOGUES:
        for entry in polib.pofile(str(django_catalogue(part, "en"))):
            if not any(used in where for where, _line in entry.occurrences for used in USED):
                continue
            if (entry.msgctxt, entry.msgid) not in seen:
                seen.add((entry.msgctxt, entry.msgid))
                entries.append(entry)
    return entries


class Command(BaseCommand):
    help = "Write learning/django_messages.py from Django's English catalogue."

    def handle(self, *args: object, **options: object) -> None:
        text = json.dumps
        lines = []
        for entry in used_entries():
            if entry.msgid_plural:
                lines.append(
                    f"    ngettext_lazy({text(entry.msgid, ensure_ascii=False)}, "
                    f'{text(entry.msgid_plural, ensure_ascii=False)}, "n"),'
                )
            elif entry.msgctxt:
                lines.append(
                    f"    pgettext_lazy({text(entry.msgctxt, ensure_ascii=False)}, "
                    f"{text(entry.msgid, ensure_ascii=False)}),"
                )
            else:
                lines.append(f"    gettext_lazy({text(entry.msgid, ensure_ascii=False)}),")
        path = Path(settings.BASE_DIR) / "learning" / "django_messages.py"
        path.write_text(HEADER + "\n".join(lines) + "\n]\n", encoding="utf-8")
        self.stdout.write(f"{len(lines)} messages written to {path}")
