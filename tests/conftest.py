"""Fixtures shared by the whole suite."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches, so throttle counts never leak between tests.

    A database cache lives in the test database, which each test's rollback empties already.
    """
    for alias in caches:
        if not isinstance(caches[alias], DatabaseCache):
            caches[alias].clear()


@pytest.fixture(autouse=True)
def _role_groups(request):
    """The role groups exist in every test that uses the database.

    Migration 0002 creates them, but a transactional test empties every table when it ends,
    so later tests would otherwise find no Tutor, Moderator or Editor group.
    """
    uses_db = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db", "live_server")
    )
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from django.contrib.auth.models import Group

    from learning.roles import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)


@pytest.fixture(autouse=True)
def _audio_storage(settings, tmp_path_factory):
    """Synthesised clips go to a temporary folder, never into the working tree's var/. Static
    files keep their plain names even after a `make run` has collected them: the test server
    serves them through the finders, which know no hashed names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "audio": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": tmp_path_factory.mktemp("audio"),
                "base_url": "/courses/",
                "allow_overwrite": True,
            },
        },
    }
