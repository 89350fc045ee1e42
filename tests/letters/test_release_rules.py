"""Nothing unsafe leaves: every flag is resolved before approval, batches take only letters
ready to be read, and print screens again (issue 16, points 1, 2 and 12)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from learning.roles import Role
from letters.models import Decision, FlagResolution, Letter, LetterEdit, Translation
from letters.screening import flag_key
from letters.services import (
    batch_create,
    letter_batch_missing,
    letter_decide,
    letter_delivery_set,
    letter_edit,
    letter_flag_resolve,
    letter_revise,
    letter_translate,
)
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory, RecipientFactory

pytestmark = pytest.mark.django_db
CLEAN = "Dear friend, the cherry trees are blooming and I thought of you today."
FLAGGED = CLEAN + " Write to hana at gmail dot com or call 090-1234-5678."


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR], username="mod-a")


def _approved(moderator, **kwargs):
    letter = LetterFactory(**kwargs)
    return letter_decide(letter=letter, moderator=moderator, action="approve")


def test_a_flagged_letter_cannot_be_approved_with_one_click(moderator):
    letter = LetterFactory(body=FLAGGED)
    with pytest.raises(ValidationError) as error:
        letter_decide(letter=letter, moderator=moderator, action="approve")
    assert list(error.value.error_dict) == ["action"]
    assert "2 screening flags" in error.value.messages[0]
    letter.refresh_from_db()
    assert letter.status == "submitted"


def test_confirming_each_flag_with_a_note_allows_approval(moderator):
    letter = LetterFactory(body=CLEAN + " Call 090-1234-5678.")
    with pytest.raises(ValidationError):
        letter_flag_resolve(
            letter=letter, moderator=moderator, key=flag_key("phone", "090-1234-5678"), note=" "
        )
    letter_flag_resolve(
        letter=letter,
        moderator=moderator,
        key=flag_key("phone", "090-1234-5678"),
        note="The number of the Kasumi office.",
    )
    approved = letter_decide(letter=letter, moderator=moderator, action="approve")
    assert approved.status == "approved"
    resolution = FlagResolution.objects.get()
    assert (resolution.kind, resolution.moderator_label) == ("phone", "mod-a")
    assert Decision.objects.filter(letter=letter, action="resolve_flag").exists()


def test_a_flag_not_in_the_letter_cannot_be_resolved(moderator):
    letter = LetterFactory(body=CLEAN)
    with pytest.raises(ValidationError) as error:
        letter_flag_resolve(
            letter=letter, moderator=moderator, key=flag_key("phone", "1"), note="made up"
        )
    assert "key" in error.value.error_dict


def test_editing_the_flag_out_keeps_the_original_and_screens_again(moderator):
    letter = LetterFactory(body=FLAGGED)
    edited = letter_edit(letter=letter, moderator=moderator, body=CLEAN, note="took contacts out")
    assert edited.flags == []
    assert edited.body == CLEAN
    edit = LetterEdit.objects.get()
    assert edit.body_before == FLAGGED
    assert edit.body_after == CLEAN
    assert letter_decide(letter=letter, moderator=moderator, action="approve").status == "approved"
    with pytest.raises(ValueError, match="append-only"):
        edit.delete()


def test_an_edit_that_adds_a_flag_needs_it_resolved(moderator):
    letter = LetterFactory(body=CLEAN)
    letter_edit(letter=letter, moderator=moderator, body=CLEAN + " See you on Instagram.")
    with pytest.raises(ValidationError):
        letter_decide(letter=letter, moderator=moderator, action="approve")


def test_a_writers_revision_needs_its_flags_resolved_again(moderator):
    letter = LetterFactory(body=CLEAN + " Call 090-1234-5678.")
    key = flag_key("phone", "090-1234-5678")
    letter_flag_resolve(letter=letter, moderator=moderator, key=key, note="office number")
    letter_decide(
        letter=letter, moderator=moderator, action="request_changes", reason="shorter please"
    )
    letter_revise(letter=letter, body=CLEAN + " Call 090-1234-5678!")
    with pytest.raises(ValidationError):
        letter_decide(letter=letter, moderator=moderator, action="approve")


def test_a_batch_takes_only_letters_with_a_recipient_and_a_translation_they_read(moderator):
    ready = _approved(moderator, recipient__languages=["fa"])
    letter_translate(letter=ready, translator=moderator, language="fa", text="سلام دوست عزیز")
    untranslated = _approved(moderator, programme=ready.programme, recipient__languages=["fa"])
    nobody = _approved(moderator, programme=ready.programme, recipient=None)
    assert letter_batch_missing(letter=untranslated) == [
        "no translation into a language the recipient reads (fa)"
    ]
    assert letter_batch_missing(letter=nobody)[0] == "no recipient chosen"
    batch = batch_create(programme=ready.programme, moderator=moderator)
    assert list(batch.letters.all()) == [ready]
    assert set(Letter.objects.filter(batch__isnull=True).values_list("status", flat=True)) == {
        "approved"
    }


def test_a_recorded_reads_the_original_lets_a_letter_go_untranslated(moderator):
    letter = _approved(moderator, recipient=None)
    recipient = RecipientFactory(programme=letter.programme, languages=["fa"])
    letter_delivery_set(
        letter=letter, moderator=moderator, recipient=recipient, reads_original=True
    )
    letter.refresh_from_db()
    assert letter_batch_missing(letter=letter) == []
    assert list(batch_create(programme=letter.programme, moderator=moderator).letters.all()) == [
        letter
    ]


def test_a_batch_with_no_ready_letter_is_refused_saying_why(moderator):
    letter = _approved(moderator, recipient__languages=["fa"])
    with pytest.raises(ValidationError) as error:
        batch_create(programme=letter.programme, moderator=moderator)
    assert "None of the approved letters is ready" in error.value.messages[0]


def test_a_translation_carrying_an_unresolved_flag_keeps_the_letter_out(moderator):
    letter = _approved(moderator, recipient__languages=["en"], language="fa")
    letter_translate(
        letter=letter, translator=moderator, language="en", text=CLEAN + " Call 090-1111-2222."
    )
    assert letter_batch_missing(letter=letter) == ["a screening flag is not resolved"]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_print_screens_again_and_withholds_a_letter_with_an_unresolved_flag(moderator):
    safe = _approved(moderator, recipient__languages=["en"])
    unsafe = _approved(moderator, programme=safe.programme, recipient__languages=["en"])
    batch = batch_create(programme=safe.programme, moderator=moderator)
    # The text changed behind the moderator's back (an admin edit, an old approval).
    Letter.objects.filter(pk=unsafe.pk).update(body=FLAGGED, flags=[])
    page = _client(moderator).get(f"/letters/moderation/batches/{batch.pk}/print/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="letter-sheet"') == 1
    assert "090-1234-5678" not in html
    assert "gmail" not in html
    assert 'id="withheld"' in html
    assert str(unsafe.public_id) in html


def test_print_shows_japanese_with_furigana_for_a_recipient_learning_japanese(moderator):
    letter = _approved(moderator, recipient__languages=["fa"], recipient__learning_japanese=True)
    letter_translate(letter=letter, translator=moderator, language="fa", text="سلام دوست عزیز")
    letter_translate(letter=letter, translator=moderator, language="ja", text="元気ですか。")
    batch = batch_create(programme=letter.programme, moderator=moderator)
    html = _client(moderator).get(f"/letters/moderation/batches/{batch.pk}/print/").content.decode()
    assert html.count("<ruby>") >= 1
    assert "<rt>げんき</rt>" in html
    assert Translation.objects.filter(letter=letter).count() == 2


def test_the_batch_page_says_what_is_missing(moderator):
    _approved(moderator, recipient=None)
    html = _client(moderator).get("/letters/moderation/batches/").content.decode()
    assert 'data-ready="no"' in html
    assert "no recipient chosen" in html


def test_the_moderation_page_offers_a_resolve_form_per_flag(moderator):
    letter = LetterFactory(body=FLAGGED)
    client = _client(moderator)
    url = f"/letters/moderation/letters/{letter.public_id}/"
    html = client.get(url).content.decode()
    assert html.count('name="key"') == 2
    response = client.post(
        url + "flags/", {"key": flag_key("phone", "090-1234-5678"), "note": "the office"}
    )
    assert response.status_code == 302
    assert client.get(url).content.decode().count('name="key"') == 1
    assert client.post(url + "flags/", {"key": "phone:nothing", "note": "x"}).status_code == 400
