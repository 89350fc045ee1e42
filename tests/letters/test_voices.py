"""Voices are screened like letters before they are published, with the same resolve-each-flag
rule, and the letter a voice answers is chosen from a list (issue 16, point 4)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning.roles import Role
from letters.forms import VoiceForm
from letters.models import FlagResolution, Voice
from letters.screening import flag_key
from letters.selectors import voice_list_public
from letters.services import voice_edit, voice_flag_resolve, voice_publish, voice_record
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory, ProgrammeFactory, letter_with_token

pytestmark = pytest.mark.django_db
CLEAN = "Thank you for the letters, they make the days shorter."
FLAGGED = CLEAN + " Call me on 090-1234-5678."
PHONE = flag_key("phone", "090-1234-5678")


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR], username="mod-v")


def _record(moderator, text, **overrides):
    fields = {
        "moderator": moderator,
        "programme": overrides.pop("programme", None) or ProgrammeFactory(),
        "language": "en",
        "text": text,
        "consent_date": timezone.localdate(),
        "consent_scope": "publish",
        "names_removed": True,
    }
    return voice_record(**{**fields, **overrides})


def test_a_voice_without_flags_is_published_when_recorded(moderator):
    voice = _record(moderator, CLEAN)
    assert voice.published_at is not None
    assert list(voice_list_public()) == [voice]


def test_a_flagged_voice_waits_and_cannot_be_published_before_each_flag_is_resolved(moderator):
    voice = _record(moderator, FLAGGED)
    assert voice.published_at is None
    assert [f["kind"] for f in voice.flags] == ["phone"]
    assert list(voice_list_public()) == []
    with pytest.raises(ValidationError, match="Resolve the 1 screening flag"):
        voice_publish(voice=voice, moderator=moderator)
    with pytest.raises(ValidationError, match="Write a note"):
        voice_flag_resolve(voice=voice, moderator=moderator, key=PHONE, note=" ")
    resolution = voice_flag_resolve(
        voice=voice, moderator=moderator, key=PHONE, note="The public office number."
    )
    assert (resolution.voice, resolution.letter, resolution.kind) == (voice, None, "phone")
    assert voice_publish(voice=voice, moderator=moderator).published_at is not None
    assert list(voice_list_public()) == [voice]


def test_an_edit_screens_the_voice_again_and_old_resolutions_no_longer_count(moderator):
    voice = _record(moderator, FLAGGED)
    voice_flag_resolve(voice=voice, moderator=moderator, key=PHONE, note="office")
    edited = voice_edit(voice=voice, moderator=moderator, text=CLEAN + " Call me on 080-9999-0000.")
    assert edited.revision == 2
    with pytest.raises(ValidationError, match="Resolve the 1 screening flag"):
        voice_publish(voice=edited, moderator=moderator)
    clean = voice_edit(voice=edited, moderator=moderator, text=CLEAN)
    assert voice_publish(voice=clean, moderator=moderator).published_at is not None


def test_only_a_flag_the_voice_carries_can_be_resolved_and_only_by_moderators(moderator):
    voice = _record(moderator, FLAGGED)
    with pytest.raises(ValidationError, match="no longer in the text"):
        voice_flag_resolve(voice=voice, moderator=moderator, key="phone:1", note="made up")
    with pytest.raises(Exception, match="moderators"):
        voice_flag_resolve(voice=voice, moderator=UserFactory(), key=PHONE, note="x")
    assert FlagResolution.objects.count() == 0


def test_a_waiting_reply_is_not_on_the_writers_status_page_until_published(client, moderator):
    letter, token = letter_with_token(status="delivered")
    voice = _record(
        moderator,
        "Thank you, Hana. Call me on 090-1234-5678.",
        programme=letter.programme,
        letter=letter,
        consent_scope="writer",
    )
    url = reverse("letters:letter-status", kwargs={"token": token})
    assert "Thank you, Hana." not in client.get(url).content.decode()
    voice_flag_resolve(voice=voice, moderator=moderator, key=PHONE, note="the centre's phone")
    voice_publish(voice=voice, moderator=moderator)
    assert "Thank you, Hana." in client.get(url).content.decode()


def test_a_voice_answers_only_a_letter_that_reached_its_reader(moderator):
    submitted = LetterFactory(status="submitted")
    with pytest.raises(ValidationError, match="delivered"):
        _record(moderator, CLEAN, programme=submitted.programme, letter=submitted)


def test_the_in_reply_to_letter_is_chosen_from_a_list_of_eligible_letters():
    delivered = LetterFactory(status="delivered", writer_name="Hana")
    in_batch = LetterFactory(status="in_batch")
    waiting = LetterFactory(status="submitted")
    field = VoiceForm().fields["letter"]
    values = [str(value) for value, _label in field.choices if value]
    assert values == [str(in_batch.public_id), str(delivered.public_id)]
    assert str(waiting.public_id) not in values
    html = str(VoiceForm()["letter"])
    assert html.startswith("<select")
    labels = dict((str(v), label) for v, label in field.choices)
    assert "Hana" in labels[str(delivered.public_id)]
    assert delivered.body not in html


def test_the_voice_pages_hold_a_flagged_voice_until_each_flag_is_resolved(client, moderator):
    client.force_login(moderator)
    letter = LetterFactory(status="delivered")
    response = client.post(
        reverse("letters:voice-create"),
        {
            "programme": letter.programme.pk,
            "letter": str(letter.public_id),
            "language": "en",
            "text": FLAGGED,
            "consent_date": timezone.localdate().isoformat(),
            "consent_scope": "publish",
            "names_removed": "on",
        },
    )
    voice = Voice.objects.get()
    page = reverse("letters:voice-moderate", kwargs={"pk": voice.pk})
    assert response.status_code == 302
    assert response.url == page
    assert voice.letter == letter
    assert client.post(page, {"do": "publish"}).status_code == 400
    assert "090-1234-5678" in client.get(page).content.decode()
    resolved = client.post(page, {"do": "resolve", "key": PHONE, "note": "the office"})
    assert resolved.status_code == 302
    assert client.post(page, {"do": "publish"}).status_code == 302
    assert Voice.objects.get().published_at is not None
    assert client.post(page, {"do": "unknown"}).status_code == 400


def test_the_voice_page_is_for_moderators_only(client, moderator):
    voice = _record(moderator, FLAGGED)
    page = reverse("letters:voice-moderate", kwargs={"pk": voice.pk})
    client.force_login(UserFactory())
    assert client.get(page).status_code in (403, 302)
