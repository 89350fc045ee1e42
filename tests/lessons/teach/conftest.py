"""Fixtures of the tutor workspace tests: fast users, the role groups, a tutor and their world."""

import pytest

from learning.roles import Role
from tests.factories import UserFactory
from tests.lessons.teach.world import make_world, workspace_setup


@pytest.fixture(autouse=True)
def _workspace(settings):
    workspace_setup(settings)


@pytest.fixture
def tutor():
    return UserFactory(roles=[Role.TUTOR])


@pytest.fixture
def world(tutor):
    return make_world(tutor)
