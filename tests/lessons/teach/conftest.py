"""Fixtures of the tutor workspace tests: fast users, the role groups, a tutor and their world."""

import pytest

from learning.roles import Role
from tests.factories import UserFactory
from tests.lessons.teach.world import make_world, workspace_setup


@pytest.fixture(autouse=True)
def _workspace(request, settings):
    """For every test that uses the database (the transfer engine's tests do not)."""
    if request.node.get_closest_marker("django_db") is not None:
        workspace_setup(settings)


@pytest.fixture
def tutor():
    return UserFactory(roles=[Role.TUTOR])


@pytest.fixture
def world(tutor):
    return make_world(tutor)
