"""The session store and account backend that read with a prepared SELECT: the same rows and
the same refusals as Django's own classes."""

from datetime import timedelta

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from learning.models import User
from learning.sessions import AccountBackend, SessionStore
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_store_reads_what_django_wrote_and_django_reads_what_it_wrote():
    theirs = DjangoStore()
    theirs["choice"] = {"furigana": False, "name": "ناصر"}
    theirs.save()
    assert SessionStore(theirs.session_key)["choice"] == {"furigana": False, "name": "ناصر"}
    ours = SessionStore()
    ours["n"] = 3
    ours.save()
    assert DjangoStore(ours.session_key)["n"] == 3


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key():
    store = SessionStore()
    store["n"] = 1
    store.save()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    for key in (store.session_key, "nosuchsessionkeyatall0000000000", "'; DROP TABLE x; --"):
        again = SessionStore(key)
        assert again.load() == {}
        assert again.session_key is None


def test_the_account_read_equals_the_orm_read():
    user = UserFactory(
        meaning_languages=["my", "ar"], interface_language="fa", last_login=timezone.now()
    )
    ours = AccountBackend().get_user(user.pk)
    theirs = ModelBackend().get_user(user.pk)
    for field in User._meta.concrete_fields:
        assert getattr(ours, field.attname) == getattr(theirs, field.attname), field.name
    assert timezone.is_aware(ours.date_joined)
    assert ours.meaning_languages == ["my", "ar"]
    assert not ours._state.adding


@pytest.mark.parametrize("user_id", [None, "", "abc", "1 OR 1=1", 10**30, -1, 999999])
def test_a_bad_or_unknown_id_is_no_user(user_id):
    UserFactory()
    assert AccountBackend().get_user(user_id) is None


def test_an_inactive_account_is_no_user():
    user = UserFactory(is_active=False)
    assert AccountBackend().get_user(user.pk) is None


def test_a_changed_password_signs_out_the_other_sessions(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/courses/").context["user"] == user
    user.set_password("another long passphrase 42")
    user.save()
    assert not client.get("/courses/").context["user"].is_authenticated
    assert "_auth_user_id" not in client.session
