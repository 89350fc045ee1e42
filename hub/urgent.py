"""Nationwide numbers for urgent help, shown on the home page and the directory in the
interface language. Editors check them with the "last checked" date below; a change here is a
change of code, reviewed like any other, because a wrong emergency number must not slip in."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LAST_CHECKED = "2026-11-30"


@dataclass(frozen=True)
class Hotline:
    number: str
    name: Promise
    when: Promise
    note: Promise
    emergency: bool = False


HOTLINES = (
    Hotline(
        "110",
        _("Police"),
        _("24 hours, free"),
        _("Crime, violence, an accident or someone in danger."),
        emergency=True,
    ),
    Hotline(
        "119",
        _("Fire and ambulance"),
        _("24 hours, free"),
        _("A fire, a serious illness or injury. Say “kyūkyū” (ambulance) or “kaji” (fire)."),
        emergency=True,
    ),
    Hotline(
        "0120-76-2029",
        _("Foreign Residents Support Center (FRESC) help desk"),
        _("Weekdays, free"),
        _("Questions about residence, work and life in Japan, in many languages."),
    ),
    Hotline(
        "0570-013904",
        _("Immigration Services Agency information centre"),
        _("Weekdays"),
        _("Questions about visas, residence status and immigration procedures."),
    ),
)
