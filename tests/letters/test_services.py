"""Letter services: submit (idempotent), revise, decide once, translate, batch, deliver, voices."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.roles import Role
from letters import screening
from letters.models import Decision, Letter, Voice
from letters.selectors import letter_get_by_token
from letters.services import (
    batch_create,
    batch_deliver,
    letter_decide,
    letter_edit,
    letter_flag_resolve,
    letter_revise,
    letter_submit,
    letter_translate,
    letter_unresolved_flags,
    token_hash,
    voice_record,
)
from letters.services import writers as services
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory, ProgrammeFactory, RecipientFactory

pytestmark = pytest.mark.django_db
BODY = "Dear friend, the cherry trees are blooming and I thought of you today."


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR])


@pytest.fixture
def recipient():
    return RecipientFactory()


def _submit(to, **overrides):
    fields = {
        "programme": to.programme,
        "recipient": to,
        "writer_name": "Hana",
        "writer_email": "hana@example.org",
        "language": "en",
        "body": BODY,
        "idempotency_key": "",
    }
    return letter_submit(**{**fields, **overrides})


def test_submit_saves_the_letter_with_flags_and_only_a_hash_of_the_token(recipient):
    result = _submit(recipient, body=BODY + " Call me: 090-1234-5678.")
    letter = Letter.objects.get()
    assert result.created
    assert letter.status == "submitted"
    assert letter.status_token_hash == token_hash(result.token)
    assert result.token not in letter.status_token_hash
    assert len(result.token) >= 43
    assert letter.flags[0]["kind"] == "phone"
    assert letter.flag_kinds == ",phone,"
    assert letter_get_by_token(token=result.token) == letter
    assert list(letter.decisions.values_list("action", "actor_label")) == [("submit", "writer")]


def test_the_same_idempotency_key_twice_makes_one_letter(recipient):
    first = _submit(recipient, idempotency_key="key-0001-abcdef")
    again = _submit(recipient, idempotency_key="key-0001-abcdef")
    assert Letter.objects.count() == 1
    assert again.letter.pk == first.letter.pk
    assert again.created is False
    # One letter, one token: the retry gets the first link back, and it still works.
    assert again.token == first.token
    assert letter_get_by_token(token=first.token) == first.letter


def test_a_filled_hidden_field_holds_the_letter_until_its_flag_is_resolved(recipient, moderator):
    result = _submit(recipient, hidden_field="hana@example.org")
    letter = result.letter
    assert [f["kind"] for f in letter.flags] == ["hidden_field"]
    with pytest.raises(ValidationError, match="Resolve the 1 screening flag"):
        letter_decide(letter=letter, moderator=moderator, action="approve")
    # A moderator's edit of the text keeps the flag: the text never carried it.
    letter_edit(letter=letter, moderator=moderator, body=BODY + " Warm wishes.")
    letter.refresh_from_db()
    assert letter.flag_kinds == ",hidden_field,"
    (flag,) = letter_unresolved_flags(letter=letter, rescreen=True)
    letter_flag_resolve(
        letter=letter,
        moderator=moderator,
        key=screening.flag_key(flag.kind, flag.text),
        note="Autofill put the writer's own address there.",
    )
    assert letter_decide(letter=letter, moderator=moderator, action="approve").status == "approved"


def test_a_reused_key_with_another_letter_is_refused(recipient):
    _submit(recipient, idempotency_key="key-0002-abcdef")
    with pytest.raises(ValidationError) as exc:
        _submit(recipient, idempotency_key="key-0002-abcdef", body=BODY + " Another one.")
    assert "already used" in str(exc.value)
    assert Letter.objects.count() == 1


def test_a_retry_racing_the_first_insert_returns_the_first_letter(recipient):
    """Both requests miss the key at first; the unique constraint settles it."""
    first = _submit(recipient, idempotency_key="key-race-000001")
    real_lookup = services._letter_for_retry
    calls = []

    def lookup_missing_once(key, fingerprint):
        calls.append(key)
        return None if len(calls) == 1 else real_lookup(key, fingerprint)

    with mock.patch.object(services, "_letter_for_retry", side_effect=lookup_missing_once):
        again = _submit(recipient, idempotency_key="key-race-000001")
    assert len(calls) == 2
    assert again.letter.pk == first.letter.pk
    assert again.created is False
    assert Letter.objects.count() == 1


BAD_INPUT = [
    ({"body": ""}, "body", "at least"),
    ({"body": "short"}, "body", "at least"),
    ({"body": "x" * 50_000}, "body", "limit is 5000"),
    ({"body": BODY + "\x00"}, "body", "NUL"),
    ({"writer_name": ""}, "writer_name", "at least"),
    ({"writer_name": "n" * 81}, "writer_name", "limit is 80"),
    ({"writer_email": "not-an-email"}, "writer_email", "valid e-mail"),
    ({"language": "xx"}, "language", "Choose a language"),
    ({"idempotency_key": "short"}, "idempotency_key", "8 to 100"),
    ({"idempotency_key": "bad key with spaces"}, "idempotency_key", "8 to 100"),
    ({"programme": None}, "programme", "open for letters"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_is_a_clear_error_and_saves_nothing(recipient, overrides, field, message):
    with pytest.raises(ValidationError) as exc:
        _submit(recipient, **overrides)
    assert field in exc.value.message_dict
    assert message in " ".join(exc.value.message_dict[field])
    assert not Letter.objects.exists()


def test_inactive_programme_and_recipient_are_refused(recipient):
    other = RecipientFactory()
    with pytest.raises(ValidationError, match="cannot receive letters"):
        _submit(recipient, recipient=other)
    recipient.is_active = False
    recipient.save()
    with pytest.raises(ValidationError, match="cannot receive letters"):
        _submit(recipient)
    closed = ProgrammeFactory(is_active=False)
    with pytest.raises(ValidationError, match="open for letters"):
        _submit(recipient, programme=closed, recipient=None)


def test_approval_happens_once_and_the_second_moderator_is_told_who(moderator):
    letter = LetterFactory()
    other = UserFactory(roles=[Role.MODERATOR], username="second-mod")
    letter_decide(letter=letter, moderator=moderator, action="approve")
    stale_copy = Letter.objects.get(pk=letter.pk)
    stale_copy.status = "submitted"  # what the second moderator's page still shows
    with pytest.raises(ValidationError) as exc:
        letter_decide(letter=stale_copy, moderator=other, action="approve")
    message = " ".join(exc.value.messages)
    assert "already Approved" in message
    assert moderator.username in message
    assert exc.value.error_list[0].code == "transition"
    assert Decision.objects.filter(action="approve").count() == 1


def test_asking_for_changes_needs_a_reason_and_the_writer_can_revise(moderator):
    letter = LetterFactory()
    with pytest.raises(ValidationError, match="reason"):
        letter_decide(letter=letter, moderator=moderator, action="request_changes")
    letter_decide(
        letter=letter, moderator=moderator, action="request_changes", reason="Remove the phone."
    )
    letter.refresh_from_db()
    assert letter.status == "changes_requested"
    revised = letter_revise(letter=letter, body=BODY + " Take care.")
    assert revised.status == "submitted"
    assert revised.revision == 2
    with pytest.raises(ValidationError, match="cannot be changed now"):
        letter_revise(letter=revised, body=BODY)


def test_only_moderators_decide():
    letter = LetterFactory()
    for user in (UserFactory(), UserFactory(roles=[Role.TUTOR]), UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            letter_decide(letter=letter, moderator=user, action="approve")
    letter.refresh_from_db()
    assert letter.status == "submitted"


def test_decisions_are_append_only(moderator):
    letter = LetterFactory()
    letter_decide(
        letter=letter,
        moderator=moderator,
        action="reject",
        reason="Hostile.",
        writer_reason="Sorry.",
    )
    decision = Decision.objects.get(action="reject")
    decision.reason = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        decision.save()
    with pytest.raises(ValueError, match="append-only"):
        decision.delete()
    assert Decision.objects.get(pk=decision.pk).reason == "Hostile."


def test_a_japanese_translation_is_stored_with_furigana(moderator):
    letter = LetterFactory(status="approved")
    translation = letter_translate(
        letter=letter, translator=moderator, language="ja", text="元気ですか。<b>日本</b>"
    )
    assert "<rt>げんき</rt>" in translation.ruby_html
    assert "&lt;b&gt;" in translation.ruby_html
    again = letter_translate(letter=letter, translator=moderator, language="ja", text="元気で。")
    assert again.pk == translation.pk
    assert letter.translations.count() == 1
    english = letter_translate(letter=letter, translator=moderator, language="fa", text="سلام")
    assert english.ruby_html == ""


def test_batch_gathers_approved_letters_and_delivery_marks_each(moderator):
    programme = ProgrammeFactory()
    approved = [LetterFactory(programme=programme, status="approved") for _ in range(3)]
    waiting = LetterFactory(programme=programme)
    LetterFactory(status="approved")  # another programme
    batch = batch_create(programme=programme, moderator=moderator)
    assert {letter.pk for letter in batch.letters.all()} == {letter.pk for letter in approved}
    assert set(Letter.objects.filter(batch=batch).values_list("status", flat=True)) == {"in_batch"}
    with pytest.raises(ValidationError, match="No approved letters"):
        batch_create(programme=programme, moderator=moderator)
    assert batch_deliver(batch=batch, moderator=moderator) == 3
    assert set(Letter.objects.filter(batch=batch).values_list("status", flat=True)) == {"delivered"}
    assert Letter.objects.filter(batch=batch, delivered_at__isnull=True).count() == 0
    waiting.refresh_from_db()
    assert waiting.status == "submitted"
    with pytest.raises(ValidationError, match="already"):
        batch_deliver(batch=batch, moderator=moderator)


def test_voices_need_names_removed_and_a_past_consent(moderator):
    programme = ProgrammeFactory()
    fields = {
        "moderator": moderator,
        "programme": programme,
        "language": "en",
        "text": "Thank you for the letters.",
        "consent_date": timezone.localdate(),
        "consent_scope": "publish",
        "names_removed": True,
    }
    with pytest.raises(ValidationError, match="Remove every name"):
        voice_record(**{**fields, "names_removed": False})
    with pytest.raises(ValidationError, match="future"):
        voice_record(**{**fields, "consent_date": timezone.localdate() + timedelta(days=2)})
    with pytest.raises(ValidationError, match="not in the chosen programme"):
        voice_record(**{**fields, "recipient": RecipientFactory()})
    assert voice_record(**fields).consent_scope == Voice.Scope.PUBLISH


def test_the_writer_gets_status_news_without_the_letter(
    moderator, mailoutbox, django_capture_on_commit_callbacks
):
    letter = LetterFactory(writer_email="news@example.org", body=BODY + " secretcanary")
    silent = LetterFactory(writer_email="")
    with django_capture_on_commit_callbacks(execute=True):
        letter_decide(letter=letter, moderator=moderator, action="approve")
        letter_decide(letter=silent, moderator=moderator, action="approve")
    with django_capture_on_commit_callbacks(execute=True):
        batch_deliver(
            batch=batch_create(programme=letter.programme, moderator=moderator), moderator=moderator
        )
    assert [m.subject for m in mailoutbox] == [
        "Kasumi: Your letter was approved",
        "Kasumi: Your letter was delivered",
    ]
    assert mailoutbox[0].to == ["news@example.org"]
    for message in mailoutbox:
        assert "secretcanary" not in message.body
        assert "Hana" not in message.body
        assert "/letters/status/" not in message.body
