"""The directory as Open Referral HSDS 3.0 JSON (Human Services Data Specification): plain
listings in, plain dicts out (a pure engine; hub.selectors builds the listings).

One HSDS organization per organisation; one service per kind of help it gives, each with its
languages (staff; interpreters go in `interpretation_services`, as HSDS asks), the prefectures
it serves (`service_areas`), its weekly schedules (read from the opening hours by hub.hours),
its eligibility and phone; one physical location where an address is given. Ids are UUIDs
derived from our keys, so they stay the same from one export to the next.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hub.hours import HSDS_DAYS, hhmm, parse_hours

HSDS_VERSION = "3.0"
# Fixed forever: our ids are uuid5 names under it.
NAMESPACE = uuid.UUID("6f1c2d0e-5b7a-4c52-9d1e-6b6173756d69")
JAPAN_UTC_OFFSET = 9


@dataclass(frozen=True)
class Listing:
    key: int
    name: str
    alternate_name: str
    description: str
    url: str  # the organisation's page on our site (absolute)
    email: str
    website: str
    phone: str
    address: str
    opening_hours: str
    active: bool
    help_kinds: Sequence[tuple[str, str]]  # (code, label)
    languages: Sequence[tuple[str, str]]  # (code, name), spoken by staff
    interpreter_languages: Sequence[tuple[str, str]]
    prefectures: Sequence[tuple[str, str]]
    eligibility: Sequence[str]  # labels
    eligibility_note: str
    last_verified: date | None
    updated: datetime


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def language_tag(code: str) -> str:
    """Our codes as BCP 47 tags: zh-hans -> zh-Hans."""
    primary, _sep, rest = code.partition("-")
    return f"{primary}-{rest.title()}" if rest else primary


def _schedules(listing: Listing, service_id: str) -> list[dict[str, Any]]:
    by_time: dict[tuple[int, int], list[int]] = {}
    for interval in parse_hours(listing.opening_hours):
        by_time.setdefault((interval.opens, interval.closes), []).append(interval.weekday)
    schedules = [
        {
            "id": _id("schedule", listing.key, service_id, opens, closes),
            "service_id": service_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(HSDS_DAYS[d] for d in sorted(days)),
            "opens_at": hhmm(opens),
            "closes_at": hhmm(closes),
            "timezone": JAPAN_UTC_OFFSET,
            "description": listing.opening_hours,
        }
        for (opens, closes), days in sorted(by_time.items())
    ]
    if not schedules and listing.opening_hours:
        schedules.append(
            {
                "id": _id("schedule", listing.key, service_id, "text"),
                "service_id": service_id,
                "description": listing.opening_hours,
            }
        )
    return schedules


def _service(listing: Listing, code: str, label: str, organization_id: str) -> dict[str, Any]:
    service_id = _id("service", listing.key, code)
    eligibility = "; ".join([*listing.eligibility, *filter(None, [listing.eligibility_note])])
    service: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization_id,
        "name": f"{listing.name}: {label}",
        "description": listing.description,
        "url": listing.url,
        "status": "active" if listing.active else "temporarily closed",
        "eligibility_description": eligibility,
        "last_modified": listing.updated.isoformat(),
        "languages": [
            {
                "id": _id("language", listing.key, code, lang),
                "service_id": service_id,
                "code": language_tag(lang),
                "name": name,
            }
            for lang, name in listing.languages
        ],
        "service_areas": [
            {
                "id": _id("area", listing.key, code, pref),
                "service_id": service_id,
                "name": name,
                "extent_type": "other",
            }
            for pref, name in listing.prefectures
        ],
        "schedules": _schedules(listing, service_id),
        "phones": [],
    }
    if listing.email:
        service["email"] = listing.email
    if listing.interpreter_languages:
        names = ", ".join(name for _code, name in listing.interpreter_languages)
        service["interpretation_services"] = f"Interpreters: {names}"
    if listing.last_verified:
        service["assured_date"] = listing.last_verified.isoformat()
    if listing.phone:
        service["phones"].append(
            {
                "id": _id("phone", listing.key, code),
                "service_id": service_id,
                "number": listing.phone,
            }
        )
    if listing.address:
        location_id = _id("location", listing.key)
        service["service_at_locations"] = [
            {
                "id": _id("service-at-location", listing.key, code),
                "service_id": service_id,
                "location_id": location_id,
            }
        ]
    return service


def organization(listing: Listing) -> dict[str, Any]:
    """One HSDS organization with its services and location (HSDS nests them so)."""
    organization_id = _id("organization", listing.key)
    record: dict[str, Any] = {
        "id": organization_id,
        "name": listing.name,
        "alternate_name": listing.alternate_name,
        "description": listing.description or listing.name,
        "uri": listing.url,
        "phones": [],
        "locations": [],
    }
    if listing.email:
        record["email"] = listing.email
    if listing.website:
        record["website"] = listing.website
    if listing.phone:
        record["phones"].append(
            {
                "id": _id("organization-phone", listing.key),
                "organization_id": organization_id,
                "number": listing.phone,
            }
        )
    if listing.address:
        record["locations"].append(
            {
                "id": _id("location", listing.key),
                "organization_id": organization_id,
                "location_type": "physical",
                "name": listing.name,
                "description": listing.address,
            }
        )
    kinds = listing.help_kinds or [("other", "Other")]
    record["services"] = [_service(listing, c, label, organization_id) for c, label in kinds]
    return record


def document(listings: Iterable[Listing]) -> dict[str, Any]:
    """The whole directory: `organizations` (each with `services` and `locations`)."""
    return {
        "hsds_version": HSDS_VERSION,
        "organizations": [organization(listing) for listing in listings],
    }
