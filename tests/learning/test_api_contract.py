"""The API keeps the contract its OpenAPI schema states (schemathesis), for a visitor and for a
tutor: documented status codes, content types, response bodies and headers, no server error.

Short on purpose (a few examples per operation) so the suite stays fast; the hostile-input
corpus (test_hostile_input.py) covers the characters the policy refuses.
"""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from learning.roles import Role
from learning.wsgi import application
from tests.factories import UserFactory
from tests.learning.test_hostile_input import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)

CONTRACT_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def api_schema(transactional_db, settings):
    # Generous limits: the contract, not the throttles, is under test here.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": dict.fromkeys(
            settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "100000/min"
        ),
    }
    call_command("loaddata", *FIXTURES, verbosity=0)
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


SETTINGS = settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]


def _contract_failures(api_schema, headers=None):
    """Run every operation a few times in each mode; the failures, one line per operation."""
    # Schemathesis's WSGI transport does not undo gzip, which every HTTP client does.
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    failures = []
    operations = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in MODES:

            @given(case=operation.as_strategy(generation_mode=mode))
            @SETTINGS
            def check(case):
                case.call_and_validate(headers=headers, checks=CONTRACT_CHECKS)

            try:
                check()
            except Unsatisfiable:
                continue  # no negative input exists for this operation (nothing to break)
            except (AssertionError, BaseExceptionGroup) as exc:  # every operation's, not the first
                found = getattr(exc, "exceptions", [exc])
                summary = "; ".join(
                    f"{type(f).__name__}: " + " / ".join(str(f).splitlines()[:4]) for f in found
                )
                failures.append(f"{operation.method.upper()} {operation.path} [{mode}] {summary}")
    assert operations > 40
    return failures


def test_the_api_keeps_its_contract_for_a_visitor(api_schema):
    failures = _contract_failures(api_schema)
    assert not failures, "\n".join(failures)


def test_the_api_keeps_its_contract_for_a_tutor(api_schema):
    tutor = UserFactory(username="contract-tutor", roles=[Role.TUTOR])
    token = Token.objects.create(user=tutor).key
    failures = _contract_failures(api_schema, headers={"Authorization": f"Token {token}"})
    assert not failures, "\n".join(failures)
