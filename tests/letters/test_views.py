"""Letter pages: writing (preview, send, honeypot, idempotency, limits), the writer's status
page, moderation, translation, batches, print view and voices."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning.roles import Role
from letters.models import Decision, Letter, Voice
from letters.services import letter_translate, token_hash
from tests.factories import UserFactory
from tests.letters.factories import (
    BatchFactory,
    LetterFactory,
    ProgrammeFactory,
    RecipientDetailsFactory,
    RecipientFactory,
    letter_with_token,
)

pytestmark = pytest.mark.django_db
BODY = "Dear friend, the cherry trees are blooming and I thought of you today."
WRITE = reverse("letters:letter-create")


@pytest.fixture
def recipient():
    return RecipientFactory()


@pytest.fixture
def moderator_client(client):
    client.force_login(UserFactory(roles=[Role.MODERATOR], username="mod-one"))
    return client


def _form(to, **overrides):
    data = {
        "idempotency_key": uuid.uuid4().hex,
        "guidelines_read": "on",
        "programme": to.programme.pk,
        "recipient": str(to.public_id),
        "language": "en",
        "body": BODY,
        "writer_name": "Hana",
        "writer_email": "hana@example.org",
        "website": "",
        "send": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_shows_guidelines_first_and_one_idempotency_key_per_browser(client, recipient):
    first = client.get(WRITE)
    second = client.get(WRITE)
    other_browser = Client().get(WRITE)
    html = first.content.decode()
    assert html.index("Before you write") < html.index('name="body"')
    assert 'name="website"' in html
    assert 'class="hp"' in html
    key = first.context["form"]["idempotency_key"].value()
    assert key
    # Reloading (or Back) shows the same key, so the same letter cannot be sent twice.
    assert key == second.context["form"]["idempotency_key"].value()
    assert key != other_browser.context["form"]["idempotency_key"].value()
    assert "no-store" in first["Cache-Control"]
    assert recipient.pseudonym in html


def test_preview_shows_the_letter_and_hints_but_saves_nothing(client, recipient):
    data = _form(recipient, body=BODY + " Call me: 090-1234-5678", send=None, preview="1")
    response = client.post(WRITE, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview" in html
    assert "090-1234-5678" in html
    assert "a phone number" in html
    assert not Letter.objects.exists()


def test_sending_saves_the_letter_and_opens_the_private_status_page(client, recipient):
    response = client.post(WRITE, _form(recipient))
    assert response.status_code == 302
    letter = Letter.objects.get()
    token = response.url.rstrip("/").rsplit("/", 1)[-1]
    assert letter.status_token_hash == token_hash(token)
    page = client.get(response.url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert "Keep the address of this page" in html
    assert 'data-status="submitted"' in html
    assert BODY in html


def test_a_double_click_saves_one_letter(client, recipient):
    data = _form(recipient)
    first = client.post(WRITE, data)
    second = client.post(WRITE, data)
    assert first.status_code == second.status_code == 302
    assert Letter.objects.count() == 1
    # The page the writer ends on (the second answer) works.
    assert client.get(second.url).status_code == 200


def test_a_filled_hidden_field_keeps_the_letter_and_holds_it_with_a_flag(client, recipient):
    # A browser's autofill can fill the hidden field of a real writer: nothing is thrown away.
    response = client.post(WRITE, _form(recipient, website="http://spam.example"))
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.body == BODY
    assert letter.flag_kinds == ",hidden_field,"
    assert client.get(response.url).status_code == 200  # the real status page, a real link


def test_a_letter_held_by_the_hidden_field_waits_until_a_moderator_resolves_it(client, recipient):
    client.post(WRITE, _form(recipient, website="Hana Tanaka"))
    letter = Letter.objects.get()
    moderator = UserFactory(roles=[Role.MODERATOR])
    client.force_login(moderator)
    page = client.get(reverse("letters:letter-moderate", kwargs={"public_id": letter.public_id}))
    assert "the hidden anti-spam field was filled" in page.content.decode()
    queue = client.get(reverse("letters:letter-queue"), {"flag": "hidden_field"})
    assert str(letter.public_id) in queue.content.decode()


def test_the_form_needs_its_csrf_token(recipient):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(WRITE, _form(recipient)).status_code == 403
    assert not Letter.objects.exists()


BAD_FORMS = [
    ({"body": "x" * 50_000}, "body", "at most 5000 characters"),
    ({"body": ""}, "body", "This field is required"),
    ({"body": "too short"}, "body", "at least 20 characters"),
    ({"programme": "999999"}, "programme", "Select a valid choice"),
    ({"recipient": str(uuid.uuid4())}, "recipient", "Select a valid choice"),
    ({"writer_email": "nope"}, "writer_email", "valid email"),
    ({"language": "xx"}, "language", "Select a valid choice"),
    ({"guidelines_read": None}, "guidelines_read", "This field is required"),
    ({"body": BODY + "\x00"}, "body", "Null characters are not allowed"),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_FORMS)
def test_bad_input_is_a_clear_form_error(client, recipient, overrides, field, message):
    response = client.post(WRITE, _form(recipient, **overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Letter.objects.exists()


def test_inactive_recipient_or_recipient_of_another_programme_is_refused(client, recipient):
    other = RecipientFactory()
    response = client.post(WRITE, _form(recipient, recipient=str(other.public_id)))
    assert response.status_code == 400
    assert "cannot receive letters" in response.content.decode()
    recipient.is_active = False
    recipient.save()
    response = client.post(WRITE, _form(recipient))
    assert response.status_code == 400
    assert not Letter.objects.exists()


def test_submissions_are_rate_limited_per_client(client, recipient, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "letter-submit": "2/hour"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    codes = [client.post(WRITE, _form(recipient)).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Letter.objects.count() == 2


@pytest.mark.parametrize("token", ["forged", "x" * 43, "x" * 500])
def test_a_forged_token_is_a_404(client, token):
    LetterFactory()
    assert client.get(f"/letters/status/{token}/").status_code == 404


def test_a_token_with_a_nul_is_refused_by_the_address_policy(client):
    LetterFactory()
    assert client.get("/letters/status/%00/").status_code == 400


def test_the_writer_sees_the_reason_and_revises(client, moderator_client):
    letter, token = letter_with_token()
    moderator_client.post(
        reverse("letters:letter-moderate", kwargs={"public_id": letter.public_id}),
        {"action": "request_changes", "reason": "Please remove your phone number."},
    )
    writer = Client()
    url = reverse("letters:letter-status", kwargs={"token": token})
    html = writer.get(url).content.decode()
    assert 'data-status="changes_requested"' in html
    assert "Please remove your phone number." in html
    response = writer.post(url, {"body": BODY + " (revised)"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == "submitted"
    assert letter.body.endswith("(revised)")
    # Once resubmitted it cannot be changed again.
    writer.post(url, {"body": BODY + " third"})
    letter.refresh_from_db()
    assert letter.body.endswith("(revised)")


def test_moderation_page_highlights_flags_and_shows_private_details(moderator_client):
    recipient = RecipientDetailsFactory().recipient
    letter = LetterFactory(
        recipient=recipient, programme=recipient.programme, body=BODY + " 090-1234-5678\nBye"
    )
    html = moderator_client.get(
        reverse("letters:letter-moderate", kwargs={"public_id": letter.public_id})
    ).content.decode()
    assert '<mark class="flag flag-phone" title="phone">090-1234-5678</mark>\nBye' in html
    assert "letter-body preserve-lines" in html
    assert "Realname Canary" in html
    assert "hana@example.org" in html


def test_the_second_moderator_gets_a_clear_message(client, moderator_client):
    letter = LetterFactory()
    url = reverse("letters:letter-moderate", kwargs={"public_id": letter.public_id})
    assert moderator_client.post(url, {"action": "approve"}).status_code == 302
    second = Client()
    second.force_login(UserFactory(roles=[Role.MODERATOR]))
    response = second.post(url, {"action": "request_changes", "reason": "too late"})
    assert response.status_code == 409
    assert "already Approved (by mod-one)" in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == "approved"
    assert Decision.objects.exclude(action="submit").count() == 1


def test_queue_filters_by_status_programme_language_and_flag(moderator_client):
    flagged = LetterFactory(body=BODY + " mail me a@b.org")
    plain = LetterFactory(
        language="ja", body="こんにちは、元気ですか。春になりましたね。桜がきれいです。"
    )
    approved = LetterFactory(status="approved")
    url = reverse("letters:letter-queue")

    def shown(**params):
        return {letter.pk for letter in moderator_client.get(url, params).context["letters"]}

    assert shown() == {flagged.pk, plain.pk}
    assert shown(flag="email") == {flagged.pk}
    assert shown(flag="none") == {plain.pk}
    assert shown(language="ja") == {plain.pk}
    assert shown(status="approved") == {approved.pk}
    assert shown(programme=flagged.programme.slug) == {flagged.pk}
    assert moderator_client.get(url, {"status": "bogus", "flag": "<x>"}).status_code == 200


def test_translation_form_saves_furigana(moderator_client):
    letter = LetterFactory(status="approved")
    response = moderator_client.post(
        reverse("letters:letter-translate", kwargs={"public_id": letter.public_id}),
        {"language": "ja", "text": "元気ですか。"},
    )
    assert response.status_code == 302
    html = moderator_client.get(response.url).content.decode()
    assert "<rt>げんき</rt>" in html
    bad = moderator_client.post(
        reverse("letters:letter-translate", kwargs={"public_id": letter.public_id}),
        {"language": "ja", "text": "x" * 20_000},
    )
    assert bad.status_code == 400


def test_batch_print_and_delivery(client, moderator_client):
    programme = ProgrammeFactory()
    recipient = RecipientFactory(programme=programme, languages=["ja"], learning_japanese=True)
    moderator = UserFactory(roles=[Role.MODERATOR])
    letters = []
    for n in range(2):
        letter, token = letter_with_token(
            programme=programme, recipient=recipient, status="approved", writer_name=f"Writer{n}"
        )
        letter_translate(letter=letter, translator=moderator, language="ja", text="元気ですか。")
        letters.append((letter, token))
    response = moderator_client.post(reverse("letters:batch-list"), {"programme": programme.pk})
    assert response.status_code == 302
    batch_url = response.url
    pk = int(batch_url.rstrip("/").rsplit("/", 1)[-1])
    printed = moderator_client.get(reverse("letters:batch-print", kwargs={"pk": pk}))
    html = printed.content.decode()
    assert html.count('class="letter-sheet"') == 2
    assert "<rt>げんき</rt>" in html
    assert "Writer0" in html
    assert "Writer1" in html
    assert "hana@example.org" not in html
    assert "no-store" in printed["Cache-Control"]
    assert "letters/js/print.js" in html
    deliver_url = reverse("letters:batch-deliver", kwargs={"pk": pk})
    # Nothing irreversible is one click: the page asks, and a post without the box does nothing.
    assert "This cannot be undone" in moderator_client.get(deliver_url).content.decode()
    assert moderator_client.post(deliver_url).status_code == 400
    assert not Letter.objects.filter(batch_id=pk, status="delivered").exists()
    deliver = moderator_client.post(deliver_url, {"confirm": "yes"})
    assert deliver.status_code == 302
    assert set(Letter.objects.filter(batch_id=pk).values_list("status", flat=True)) == {"delivered"}
    status_html = client.get(
        reverse("letters:letter-status", kwargs={"token": letters[0][1]})
    ).content.decode()
    assert 'data-status="delivered"' in status_html
    # A second delivery is refused with a message, not a 500.
    again = moderator_client.post(deliver_url, {"confirm": "yes"}, follow=True)
    assert "already marked delivered" in again.content.decode()


def test_print_css_puts_one_letter_per_page():
    from pathlib import Path

    css = (
        Path(__file__).resolve().parents[2] / "letters/static/letters/css/letters.css"
    ).read_text()
    assert "@media print" in css
    assert "page-break-after: always" in css


def test_voices_page_shows_only_published_voices(client, moderator_client):
    letter, token = letter_with_token(status="delivered")
    url = reverse("letters:voice-create")
    common = {
        "programme": letter.programme.pk,
        "language": "en",
        "consent_date": timezone.localdate().isoformat(),
        "names_removed": "on",
    }
    assert (
        moderator_client.post(
            url, {**common, "text": "Public thanks to everyone", "consent_scope": "publish"}
        ).status_code
        == 302
    )
    assert (
        moderator_client.post(
            url,
            {
                **common,
                "text": "Private reply for the writer",
                "consent_scope": "writer",
                "letter": str(letter.public_id),
            },
        ).status_code
        == 302
    )
    refused = moderator_client.post(
        url, {**common, "text": "With names", "consent_scope": "publish", "names_removed": ""}
    )
    assert refused.status_code == 400
    assert Voice.objects.count() == 2
    html = client.get(reverse("letters:voice-list")).content.decode()
    assert "Public thanks to everyone" in html
    assert "Private reply for the writer" not in html
    status_url = reverse("letters:letter-status", kwargs={"token": token})
    # A reply waits for a moderator's approval, even with nothing flagged.
    assert "Private reply for the writer" not in client.get(status_url).content.decode()
    reply = Voice.objects.get(letter=letter)
    moderator_client.post(
        reverse("letters:voice-moderate", kwargs={"pk": reply.pk}), {"do": "publish"}
    )
    assert "Private reply for the writer" in client.get(status_url).content.decode()


XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"


def test_markup_in_every_field_shows_as_text(client, moderator_client):
    recipient = RecipientFactory(pseudonym="<b>Amir</b>")
    programme = recipient.programme
    programme.name = XSS
    programme.save()
    letter, token = letter_with_token(
        programme=programme,
        recipient=recipient,
        writer_name=XSS[:80],
        body=XSS + " " + BODY,
        status="approved",
        language="en",
    )
    moderator = UserFactory(roles=[Role.MODERATOR])
    letter_translate(letter=letter, translator=moderator, language="ja", text=XSS)
    letter_translate(letter=letter, translator=moderator, language="fa", text=XSS)
    batch = BatchFactory(programme=programme)
    Letter.objects.filter(pk=letter.pk).update(batch=batch, status="in_batch")
    pages = [
        client.get(reverse("letters:letter-status", kwargs={"token": token})),
        client.get(reverse("letters:letter-index")),
        client.get(WRITE),
        moderator_client.get(reverse("letters:letter-queue"), {"status": "in_batch"}),
        moderator_client.get(
            reverse("letters:letter-moderate", kwargs={"public_id": letter.public_id})
        ),
        moderator_client.get(reverse("letters:batch-detail", kwargs={"pk": batch.pk})),
        moderator_client.get(reverse("letters:batch-print", kwargs={"pk": batch.pk})),
        moderator_client.get(reverse("letters:batch-list")),
    ]
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "<b>Amir</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0].content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[6].content.decode()


def test_demo_fixture_programmes_appear(client):
    from django.core.management import call_command

    call_command("loaddata", "fixtures/letters_demo.json", verbosity=0)
    html = client.get(reverse("letters:letter-index")).content.decode()
    assert "Welcome letters" in html
    form_html = client.get(WRITE).content.decode()
    assert "Olena S." in form_html
    assert "Samir H." not in form_html  # inactive


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_moderation_pages_do_not_grow_queries_with_letters(moderator_client):
    programme = ProgrammeFactory()
    batch = BatchFactory(programme=programme)
    LetterFactory(programme=programme)
    LetterFactory(programme=programme, status="in_batch", batch=batch)
    urls = [
        reverse("letters:letter-queue"),
        reverse("letters:batch-list"),
        reverse("letters:batch-detail", kwargs={"pk": batch.pk}),
        reverse("letters:batch-print", kwargs={"pk": batch.pk}),
    ]
    few = [_queries(moderator_client, url) for url in urls]
    for _ in range(8):
        LetterFactory(programme=programme)
        LetterFactory(programme=programme, status="in_batch", batch=batch)
    many = [_queries(moderator_client, url) for url in urls]
    assert many == few
    assert max(many) <= 12


def test_admin_keeps_decisions_read_only_and_letters_from_non_moderators(client):
    from django.contrib.auth.models import Permission

    letter = LetterFactory()
    decision = Decision.objects.create(
        letter=letter, actor_label="writer", action="submit", to_state="submitted"
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    change = f"/admin/letters/decision/{decision.pk}/change/"
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change, {"reason": "rewritten"}).status_code == 403
    assert client.post(f"/admin/letters/decision/{decision.pk}/delete/").status_code == 403
    assert Decision.objects.get(pk=decision.pk).reason == ""
    # Staff with every permission but without the Moderator role never see a letter.
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="letters"))
    client.force_login(staff)
    assert client.get(f"/admin/letters/letter/{letter.pk}/change/").status_code == 403
    assert client.get("/admin/letters/letter/").status_code == 403
    assert letter.body not in client.get("/admin/").content.decode()
