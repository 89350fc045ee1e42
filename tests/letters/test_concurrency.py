"""Two moderators approving the same letter at the same moment, in two real transactions.

Runs on PostgreSQL (as the CI does): SQLite's in-memory test database refuses a second writer
at once ("table is locked") instead of waiting, which tests the test database, not our code.
The same rule is checked on every database by calling the service twice (test_services.py).
"""

import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection

from learning.roles import Role
from letters.models import Decision, Letter
from letters.services import letter_decide
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs a database with row locks")
@pytest.mark.django_db(transaction=True)
def test_two_moderators_at_once_approve_exactly_once():
    # An earlier transactional test's flush empties auth_group, roles included (migration 0002).
    Group.objects.get_or_create(name=Role.MODERATOR.value)
    letter = LetterFactory()
    moderators = [UserFactory(roles=[Role.MODERATOR]) for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(moderator):
        try:
            barrier.wait(timeout=10)
            letter_decide(letter=letter, moderator=moderator, action="approve")
            outcomes.append("approved")
        except ValidationError as exc:
            outcomes.append(" ".join(exc.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(m,)) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(outcomes) == 2, outcomes
    assert outcomes.count("approved") == 1
    assert "already Approved" in next(o for o in outcomes if o != "approved")
    assert Letter.objects.get(pk=letter.pk).status == "approved"
    assert Decision.objects.filter(action="approve").count() == 1
