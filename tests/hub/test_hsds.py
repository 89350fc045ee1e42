"""The directory as Open Referral HSDS 3.0 JSON, validated against the published schemas
(shipped in tests/hub/data/hsds, see its README), at its stable URL and in the API."""

import json
import uuid
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.hub.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).parent / "data" / "hsds"


def _registry():
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


def _validator(name):
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def _errors(name, record):
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(record)]


@pytest.fixture
def organisations():
    return [
        OrganisationFactory(
            slug="farsi-legal",
            name_en="Farsi Legal Aid",
            name_ja="ペルシャ語法律相談",
            description="Lawyers who **speak** Farsi.",
            help_kinds=["legal", "asylum"],
            prefectures=["tokyo", "saitama"],
            languages=["ja", "fa", "zh-hans"],
            interpreter_languages=["prs"],
            eligibility=["asylum-seekers", "provisional-release"],
            eligibility_note="Bring your residence card if you have one.",
            address="1-2-3 Example, Shinjuku, Tokyo",
            website="https://example.org/",
            opening_hours="Mon–Fri 10:00–17:00; Sat 10:00–13:00",
        ),
        OrganisationFactory(
            slug="bare",
            name_en="Bare Group",
            help_kinds=[],
            opening_hours="Call first",
            email="",
            phone="",
            state="temporarily-closed",
        ),
    ]


def _document(client):
    response = client.get("/partners/open-data/hsds.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_every_organization_and_service_is_valid_hsds_3(client, organisations):
    document = _document(client)
    assert document["hsds_version"] == "3.0"
    assert len(document["organizations"]) == 2
    for record in document["organizations"]:
        assert _errors("organization.json", record) == []
        assert record["services"]
        for service in record["services"]:
            assert _errors("service.json", service) == []
        for location in record["locations"]:
            assert _errors("location.json", location) == []


def test_the_schema_check_would_catch_a_broken_record(client, organisations):
    record = _document(client)["organizations"][0]
    service = dict(record["services"][0], status="open-ish", id="not-a-uuid")
    assert len(_errors("service.json", service)) == 2
    assert _errors("organization.json", {"id": record["id"]})  # name and description missing


def test_services_carry_languages_areas_schedules_and_eligibility(client, organisations):
    record = _document(client)["organizations"][0]
    assert record["name"] == "Farsi Legal Aid"
    assert record["alternate_name"] == "ペルシャ語法律相談"
    assert [s["name"] for s in record["services"]] == [
        "Farsi Legal Aid: Legal advice",
        "Farsi Legal Aid: Asylum procedure",
    ]
    service = record["services"][0]
    assert [(lang["code"], lang["name"]) for lang in service["languages"]] == [
        ("ja", "Japanese"),
        ("fa", "Persian (Farsi)"),
        ("zh-Hans", "Chinese (simplified)"),
    ]
    assert service["interpretation_services"] == "Interpreters: Dari"
    assert [a["name"] for a in service["service_areas"]] == ["Tokyo", "Saitama"]
    weekly = {(s["byday"], s["opens_at"], s["closes_at"]) for s in service["schedules"]}
    assert weekly == {("MO,TU,WE,TH,FR", "10:00:00", "17:00:00"), ("SA", "10:00:00", "13:00:00")}
    assert service["eligibility_description"] == (
        "People applying for refugee status; People on provisional release; "
        "Bring your residence card if you have one."
    )
    assert service["status"] == "active"
    assert record["locations"][0]["location_type"] == "physical"


def test_closed_organisation_and_unreadable_hours_are_said_so(client, organisations):
    bare = _document(client)["organizations"][1]
    service = bare["services"][0]
    assert service["status"] == "temporarily closed"
    assert service["schedules"] == [
        {
            "id": service["schedules"][0]["id"],
            "service_id": service["id"],
            "description": "Call first",
        }
    ]


def test_ids_are_uuids_that_stay_the_same_between_exports(client, organisations):
    first = _document(client)
    organisations[0].description = "Changed."
    organisations[0].save()
    second = _document(client)
    ids = [o["id"] for o in first["organizations"]]
    assert ids == [o["id"] for o in second["organizations"]]
    assert all(uuid.UUID(i) for i in ids)
    assert len(set(ids)) == 2


def test_the_api_gives_the_same_document(client, organisations):
    api = client.get("/api/v1/organisations/hsds/")
    assert api.status_code == 200
    assert api.json() == _document(client)
