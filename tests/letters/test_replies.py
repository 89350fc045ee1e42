"""Replies come back (issue 16, point 11): a volunteer records a recipient's reply, typed or
photographed; a moderator transcribes, translates and approves it with the resolve-each-flag
rule; the writer reads the translation on their status page, gets a notice e-mail without the
text, and can answer, which starts the next letter of the same thread."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from learning.roles import Role
from letters.models import Letter, Voice
from letters.screening import flag_key
from letters.services import (
    letter_submit,
    reply_record,
    reply_translate,
    status_url,
    voice_edit,
    voice_flag_resolve,
    voice_publish,
)
from tests.factories import UserFactory
from tests.letters.factories import LetterFactory, letter_with_token

pytestmark = pytest.mark.django_db
REPLY_FA = "ممنون از نامه شما. روزها اینجا طولانی است ولی نامه شما مرا خوشحال کرد."
REPLY_EN = "Thank you for your letter. The days are long here, but your letter made me happy."


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Scans go to a temporary private folder in these tests."""
    storage = FileSystemStorage(location=tmp_path / "private", base_url="/not-served/")
    monkeypatch.setattr(Voice._meta.get_field("scan"), "storage", storage)
    return storage


@pytest.fixture
def volunteer():
    return UserFactory(roles=[Role.VOLUNTEER], username="vol-one")


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR], username="mod-r")


@pytest.fixture
def delivered():
    letter, token = letter_with_token(status="delivered", language="en")
    letter.token = token
    return letter


def photo(fmt="JPEG", size=(120, 80), exif=True):
    """A small photo of a page, with a GPS position and a camera serial in its EXIF."""
    image = Image.new("RGB", size, (240, 235, 220))
    out = io.BytesIO()
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x0110] = "Phone X serial 12345"  # Model
        data[0x0112] = 6  # Orientation: turned 90 degrees
        data[0x8825] = {1: "N", 2: (35.0, 41.0, 22.0)}  # GPS
        kwargs["exif"] = data.tobytes()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def _record(recorder, letter, **overrides):
    fields = {
        "recorder": recorder,
        "letter": letter,
        "language": "fa",
        "text": REPLY_FA,
        "consent_date": timezone.localdate(),
        "consent_scope": "writer",
        "names_removed": True,
    }
    return reply_record(**{**fields, **overrides})


def _approve(voice, moderator, translation=REPLY_EN):
    reply_translate(voice=voice, moderator=moderator, language="en", text=translation)
    return voice_publish(voice=voice, moderator=moderator)


# --- Recording -------------------------------------------------------------------------------


def test_a_volunteer_records_a_typed_reply_and_it_waits_for_a_moderator(volunteer, delivered):
    voice = _record(volunteer, delivered)
    assert voice.letter == delivered
    assert voice.recipient == delivered.recipient
    assert voice.recorded_by == volunteer
    assert voice.published_at is None


@pytest.mark.parametrize("role", [None, Role.TUTOR, Role.EDITOR])
def test_only_volunteers_and_moderators_record_replies(role, delivered):
    user = UserFactory(roles=[role] if role else [])
    with pytest.raises(PermissionDenied):
        _record(user, delivered)
    assert not Voice.objects.exists()


def test_a_reply_answers_only_a_letter_that_reached_its_reader(volunteer):
    with pytest.raises(ValidationError, match="delivered"):
        _record(volunteer, LetterFactory(status="approved"))


def test_a_reply_needs_a_text_or_a_photo_and_consent(volunteer, delivered):
    with pytest.raises(ValidationError, match="Type the reply, or add a photo"):
        _record(volunteer, delivered, text=" ")
    with pytest.raises(ValidationError, match="Remove every name"):
        _record(volunteer, delivered, names_removed=False)
    assert not Voice.objects.exists()


def test_a_photo_is_stored_privately_upright_and_without_its_exif(
    volunteer, delivered, private_files, settings
):
    upload = SimpleUploadedFile("IMG_2024_visit.jpg", photo(), content_type="image/jpeg")
    voice = _record(volunteer, delivered, text="", scan=upload)
    assert voice.scan_content_type == "image/jpeg"
    assert "IMG_2024" not in voice.scan.name  # a random name says nothing about the visit
    path = private_files.path(voice.scan.name)
    stored = open(path, "rb").read()
    assert b"Exif" not in stored
    assert b"serial 12345" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert image.size == (80, 120)  # the EXIF orientation was applied before it went
    # Nowhere a web server serves files from.
    assert not path.startswith(str(settings.STATIC_ROOT))


BAD_PHOTOS = [
    (b"", "The file is empty"),
    (b"GIF89a" + b"\x00" * 40, "not a photo that can be read"),
    (b"%PDF-1.4 not an image", "not a photo that can be read"),
    ("GIF", "Upload a JPEG or PNG"),
    ("TOO_BIG", "larger than 8 MB"),
]


@pytest.mark.parametrize(("content", "message"), BAD_PHOTOS)
def test_a_bad_photo_is_refused_with_a_clear_message(content, message, volunteer, delivered):
    if content == "GIF":
        out = io.BytesIO()
        Image.new("RGB", (10, 10)).save(out, "GIF")
        content = out.getvalue()
    elif content == "TOO_BIG":
        content = b"\xff\xd8" + b"\x00" * (8 * 1024 * 1024 + 10)
    upload = SimpleUploadedFile("page.jpg", content, content_type="image/jpeg")
    with pytest.raises(ValidationError, match=message) as exc:
        _record(volunteer, delivered, scan=upload)
    assert "scan" in exc.value.message_dict
    assert not Voice.objects.exists()


# --- Approval ------------------------------------------------------------------------------


def test_a_reply_is_approved_only_once_transcribed_translated_and_every_flag_resolved(
    volunteer, moderator, delivered
):
    upload = SimpleUploadedFile("page.png", photo("PNG", exif=False), content_type="image/png")
    voice = _record(volunteer, delivered, text="", scan=upload)
    with pytest.raises(ValidationError, match="transcription"):
        voice_publish(voice=voice, moderator=moderator)
    voice = voice_edit(voice=voice, moderator=moderator, text=REPLY_FA)
    with pytest.raises(ValidationError, match="translation into English"):
        voice_publish(voice=voice, moderator=moderator)
    # The translation is screened too: a phone number typed into it holds the reply.
    voice = reply_translate(
        voice=voice, moderator=moderator, language="en", text=REPLY_EN + " Call 090-1234-5678."
    )
    with pytest.raises(ValidationError, match="Resolve the 1 screening flag"):
        voice_publish(voice=voice, moderator=moderator)
    voice_flag_resolve(
        voice=voice,
        moderator=moderator,
        key=flag_key("phone", "090-1234-5678"),
        note="The centre's public number, printed on its leaflet.",
    )
    assert voice_publish(voice=voice, moderator=moderator).published_at is not None


def test_volunteers_cannot_translate_or_approve(volunteer, delivered):
    voice = _record(volunteer, delivered)
    with pytest.raises(PermissionDenied):
        reply_translate(voice=voice, moderator=volunteer, language="en", text=REPLY_EN)
    with pytest.raises(PermissionDenied):
        voice_publish(voice=voice, moderator=volunteer)


def test_approval_emails_the_writer_a_notice_with_the_link_and_without_the_reply(
    volunteer, moderator, delivered, mailoutbox, django_capture_on_commit_callbacks
):
    voice = _record(volunteer, delivered)
    with django_capture_on_commit_callbacks(execute=True):
        _approve(voice, moderator)
    (mail,) = mailoutbox
    assert mail.to == [delivered.writer_email]
    assert "reply" in mail.subject
    assert status_url(delivered) in mail.body or delivered.token_nonce == ""
    for text in (REPLY_EN, REPLY_FA, "Thank you for your letter"):
        assert text not in mail.body


def test_the_writer_reads_only_the_approved_translation(client, volunteer, moderator, delivered):
    upload = SimpleUploadedFile("page.jpg", photo(), content_type="image/jpeg")
    voice = _record(volunteer, delivered, scan=upload)
    page = reverse("letters:letter-status", kwargs={"token": delivered.token})
    assert "A reply for you" not in client.get(page).content.decode()
    _approve(voice, moderator)
    html = client.get(page).content.decode()
    assert "A reply for you" in html
    assert REPLY_EN in html
    assert REPLY_FA not in html
    assert reverse("letters:reply-scan", kwargs={"pk": voice.pk}) not in html
    assert voice.scan.name not in html
    api = client.get(reverse("api:letters:letter-status", kwargs={"token": delivered.token}))
    assert [r["text"] for r in api.json()["replies"]] == [REPLY_EN]


# --- The writer answers ----------------------------------------------------------------------


def test_the_writer_answers_a_reply_in_the_same_thread(client, volunteer, moderator, delivered):
    voice = _approve(_record(volunteer, delivered), moderator)
    url = reverse("letters:letter-answer", kwargs={"token": delivered.token, "pk": voice.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert REPLY_EN in page.content.decode()
    response = client.post(
        url,
        {
            "idempotency_key": "answer-key-0001",
            "language": "en",
            "body": "Dear friend, I am so glad you wrote back. Spring is near.",
            "writer_name": "Hana",
            "writer_email": "hana@example.org",
            "send": "1",
        },
    )
    assert response.status_code == 302
    answer = Letter.objects.exclude(pk=delivered.pk).get()
    assert (answer.in_reply_to, answer.thread_root) == (voice, delivered)
    assert (answer.recipient, answer.programme) == (delivered.recipient, delivered.programme)
    assert answer.status == "submitted"
    assert client.get(response.url).status_code == 200  # its own status link
    # The moderator sees the whole correspondence on the answer's page.
    client.force_login(moderator)
    html = client.get(
        reverse("letters:letter-moderate", kwargs={"public_id": answer.public_id})
    ).content.decode()
    assert "The whole correspondence" in html
    assert str(delivered.public_id) in html
    assert reverse("letters:voice-moderate", kwargs={"pk": voice.pk}) in html


def test_a_second_answer_stays_in_the_thread_of_the_first_letter(volunteer, moderator, delivered):
    first_reply = _approve(_record(volunteer, delivered), moderator)
    answer = letter_submit(
        programme=delivered.programme,
        recipient=delivered.recipient,
        writer_name="Hana",
        writer_email="",
        language="en",
        body="Thank you for answering me, it was a joy to read.",
        in_reply_to=first_reply,
    ).letter
    Letter.objects.filter(pk=answer.pk).update(status="delivered")
    answer.refresh_from_db()
    second_reply = _approve(_record(volunteer, answer), moderator)
    again = letter_submit(
        programme=delivered.programme,
        recipient=delivered.recipient,
        writer_name="Hana",
        writer_email="",
        language="en",
        body="And here is my third letter to you, my friend.",
        in_reply_to=second_reply,
    ).letter
    assert again.thread_root == delivered


def test_a_waiting_reply_cannot_be_answered(client, volunteer, delivered):
    voice = _record(volunteer, delivered)
    url = reverse("letters:letter-answer", kwargs={"token": delivered.token, "pk": voice.pk})
    assert client.get(url).status_code == 404
    with pytest.raises(ValidationError, match="cannot be answered"):
        letter_submit(
            programme=delivered.programme,
            recipient=delivered.recipient,
            writer_name="Hana",
            writer_email="",
            language="en",
            body="An answer to a reply nobody approved.",
            in_reply_to=voice,
        )


def test_another_letters_token_cannot_answer_a_reply(client, volunteer, moderator, delivered):
    voice = _approve(_record(volunteer, delivered), moderator)
    _other, other_token = letter_with_token(status="delivered")
    url = reverse("letters:letter-answer", kwargs={"token": other_token, "pk": voice.pk})
    assert client.get(url).status_code == 404


# --- The volunteer's page and the photo -------------------------------------------------------


def test_the_volunteer_page_records_a_photographed_reply(client, volunteer, delivered):
    client.force_login(volunteer)
    url = reverse("letters:reply-create")
    response = client.post(
        url,
        {
            "letter": str(delivered.public_id),
            "language": "fa",
            "text": "",
            "scan": SimpleUploadedFile("page.jpg", photo(), content_type="image/jpeg"),
            "consent_date": timezone.localdate().isoformat(),
            "consent_scope": "writer",
            "names_removed": "on",
        },
    )
    assert response.status_code == 302
    voice = Voice.objects.get()
    html = client.get(url).content.decode()
    assert "Replies you recorded" in html
    assert reverse("letters:reply-scan", kwargs={"pk": voice.pk}) in html
    bad = client.post(
        url,
        {
            "letter": str(delivered.public_id),
            "language": "fa",
            "text": "Kept after the error.",
            "scan": SimpleUploadedFile("page.jpg", b"not a photo", content_type="image/jpeg"),
            "consent_date": timezone.localdate().isoformat(),
            "consent_scope": "writer",
            "names_removed": "on",
        },
    )
    assert bad.status_code == 400
    assert "not a photo that can be read" in bad.content.decode()
    assert "Kept after the error." in bad.content.decode()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "login"),
        ("learner", 403),
        ("tutor", 403),
        ("other_volunteer", 403),
        ("recording_volunteer", 200),
        ("moderator", 200),
    ],
)
def test_only_moderators_and_the_recording_volunteer_see_a_photo(
    client, who, expected, volunteer, delivered
):
    upload = SimpleUploadedFile("page.jpg", photo(), content_type="image/jpeg")
    voice = _record(volunteer, delivered, scan=upload)
    users = {
        "learner": lambda: UserFactory(),
        "tutor": lambda: UserFactory(roles=[Role.TUTOR]),
        "other_volunteer": lambda: UserFactory(roles=[Role.VOLUNTEER]),
        "recording_volunteer": lambda: volunteer,
        "moderator": lambda: UserFactory(roles=[Role.MODERATOR]),
    }
    if who in users:
        client.force_login(users[who]())
    response = client.get(reverse("letters:reply-scan", kwargs={"pk": voice.pk}))
    if expected == "login":
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
        return
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "image/jpeg"
        assert "no-store" in response["Cache-Control"]
        body = b"".join(response.streaming_content)
        assert body == voice.scan.open("rb").read()
        assert b"Exif" not in body
