"""Rules of the hub's services: review by a second person, publication, out-of-date
translations, and proposals that wait for an editor."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from hub.models import Article, ArticleTranslation, Organisation, OrganisationProposal, Status
from hub.services import (
    article_publish,
    article_save,
    article_submit_for_review,
    articles_render_stale,
    proposal_approve,
    proposal_reject,
    proposal_submit,
    translation_approve,
    translation_save,
)
from tests.factories import UserFactory
from tests.hub.factories import ArticleFactory, OrganisationFactory, TranslationFactory, editor

pytestmark = pytest.mark.django_db


def _draft(by):
    return article_save(
        by=by,
        kind="translation",
        slug="guide",
        title="仮放免のしおり",
        body="仮放免中は働くことができません。\n\n住所が変わるときは届け出ます。",
        tags=["Provisional release"],
    )


def test_saving_renders_html_and_furigana_per_paragraph():
    article = _draft(editor(first_name="Eda", last_name="Editor"))
    assert article.status == Status.DRAFT
    assert article.author_name == "Eda Editor"
    assert len(article.paragraphs) == 2
    assert "<rt>ほうめん</rt>" in article.paragraphs[0]
    assert "<rt>はたら</rt>" in article.paragraphs[0]
    assert article.body_html.startswith("<p>仮放免中")
    assert article.ruby["仮放免のしおり"]["html"].startswith('<span lang="ja">')
    assert [t.slug for t in article.tags.all()] == ["provisional-release"]


@pytest.mark.parametrize(
    ("translator_name", "reviewer_name", "same_account", "allowed"),
    [
        ("Tara", "Rei", False, True),
        ("Tara", "tara ", False, False),  # the same name, however written
        ("Tara", "Rei", True, False),  # the same account under another name
    ],
)
def test_reviewer_must_differ_from_translator(
    translator_name, reviewer_name, same_account, allowed
):
    boss = editor()
    reviewer = editor()
    article = _draft(boss)
    translation = translation_save(
        article=article,
        language="en",
        title="Provisional release",
        body="On provisional release you may not work.\n\nReport a new address.",
        translator_name=translator_name,
        translator=reviewer if same_account else None,
        by=boss,
    )
    if allowed:
        translation_approve(translation=translation, reviewer=reviewer, reviewer_name=reviewer_name)
        translation.refresh_from_db()
        assert translation.status == Status.PUBLISHED
        assert translation.reviewer_name == reviewer_name.strip()
    else:
        with pytest.raises(ValidationError, match="different person"):
            translation_approve(
                translation=translation, reviewer=reviewer, reviewer_name=reviewer_name
            )
        translation.refresh_from_db()
        assert translation.status == Status.REVIEW
        assert translation.reviewer_id is None


def test_the_database_refuses_a_translator_reviewing_their_own_work():
    user = UserFactory()
    translation = TranslationFactory(translator=user)
    translation.reviewer = user
    with pytest.raises(IntegrityError), transaction.atomic():
        translation.save()


def test_only_editors_review_and_publish():
    boss = editor()
    article = _draft(boss)
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        article_publish(article=article, by=outsider)
    translation = translation_save(
        article=article, language="en", title="T", body="a\n\nb", translator_name="Tara", by=boss
    )
    with pytest.raises(PermissionDenied):
        translation_approve(translation=translation, reviewer=outsider)


def test_a_translated_document_needs_a_reviewed_translation_before_publication():
    boss = editor()
    article = _draft(boss)
    article_submit_for_review(article=article, by=boss)
    with pytest.raises(ValidationError, match="reviewed translation"):
        article_publish(article=article, by=boss)
    translation = translation_save(
        article=article, language="en", title="T", body="a\n\nb", translator_name="Tara", by=boss
    )
    translation_approve(translation=translation, reviewer=editor())
    article_publish(article=article, by=boss)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at is not None


def test_changing_the_original_marks_translations_out_of_date_and_editing_sends_back_to_review():
    boss = editor()
    translation = TranslationFactory()
    article = translation.article
    assert not translation.is_outdated
    article_save(by=boss, article=article, body=article.body + "\n\n新しい段落です。")
    translation = ArticleTranslation.objects.get(pk=translation.pk)
    assert translation.is_outdated
    updated = translation_save(
        article=translation.article,
        language="en",
        title=translation.title,
        body=translation.body + "\n\nA new paragraph.",
        translator_name=translation.translator_name,
        by=boss,
    )
    assert not updated.is_outdated
    assert updated.status == Status.REVIEW
    assert updated.reviewer_name == ""


def test_authors_cannot_change_a_published_article():
    author = UserFactory()
    article = ArticleFactory(author=author)
    with pytest.raises(PermissionDenied):
        article_save(by=author, article=article, title="changed")


@pytest.mark.parametrize("slug", ["feed", "atom", "editor"])
def test_reserved_slugs_are_refused(slug):
    with pytest.raises(ValidationError):
        article_save(by=editor(), kind="news", slug=slug, title="x", body="y")


def test_render_articles_renders_only_stale_rows():
    article = ArticleFactory()
    assert articles_render_stale() == 0
    Article.objects.filter(pk=article.pk).update(render_version="", paragraphs=[])
    assert articles_render_stale() == 1
    article.refresh_from_db()
    assert article.paragraphs


# --- Proposals ----------------------------------------------------------------------------------


def test_a_proposal_lists_nothing_until_an_editor_approves_it():
    proposal = proposal_submit(
        kind="new",
        data={"name_en": "Harbour Help", "prefectures": ["osaka"], "help_kinds": ["food"]},
        message="They hand out food on Sundays.",
    )
    assert proposal.decision == OrganisationProposal.Decision.PENDING
    assert not Organisation.objects.exists()
    organisation = proposal_approve(
        proposal=proposal,
        by=editor(username="eda"),
        data={**proposal.data, "name_en": "Harbour Help Osaka"},
    )
    assert organisation.name_en == "Harbour Help Osaka"
    assert organisation.verified_by == "eda"
    proposal.refresh_from_db()
    assert proposal.decision == OrganisationProposal.Decision.APPROVED
    with pytest.raises(ValidationError, match="already decided"):
        proposal_approve(proposal=proposal, by=editor())


def test_a_rejected_proposal_never_appears():
    proposal = proposal_submit(kind="new", data={"name_en": "Spam Co"})
    proposal_reject(proposal=proposal, by=editor(), note="not a support group")
    assert not Organisation.objects.filter(name_en="Spam Co").exists()


def test_a_correction_changes_the_entry_only_on_approval():
    organisation = OrganisationFactory(phone="000-1111-2222")
    proposal = proposal_submit(
        kind="correction",
        organisation=organisation,
        data={"phone": "000-3333-4444"},
        message="The number changed.",
    )
    organisation.refresh_from_db()
    assert organisation.phone == "000-1111-2222"
    assert proposal.data == {"phone": "000-3333-4444"}
    proposal_approve(proposal=proposal, by=editor())
    organisation.refresh_from_db()
    assert organisation.phone == "000-3333-4444"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name_en": ""}, "name_en"),
        ({"name_en": "X", "prefectures": ["atlantis"]}, "prefectures"),
        ({"name_en": "X", "help_kinds": "legal"}, "help_kinds"),
        ({"name_en": "X", "website": "javascript:alert(1)"}, "website"),
        ({"name_en": "X", "email": "not-an-address"}, "email"),
        ({"name_en": "X" * 201}, "name_en"),
        ({"name_en": 5}, "name_en"),
    ],
)
def test_bad_proposals_are_refused_with_the_field_named(data, field):
    with pytest.raises(ValidationError) as caught:
        proposal_submit(kind="new", data=data)
    assert field in caught.value.message_dict
    assert not OrganisationProposal.objects.exists()


def test_only_editors_decide_on_proposals():
    proposal = proposal_submit(kind="new", data={"name_en": "Harbour Help"})
    with pytest.raises(PermissionDenied):
        proposal_approve(proposal=proposal, by=UserFactory())
    with pytest.raises(PermissionDenied):
        proposal_reject(proposal=proposal, by=UserFactory())
