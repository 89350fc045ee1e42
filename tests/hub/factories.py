"""factory_boy factories of the hub's models."""

import datetime as dt

import factory
from django.utils import timezone

from hub.models import Article, ArticleTranslation, Organisation, OrganisationProposal, Status, Tag
from hub.services import article_render

JA_BODY = (
    "難民認定の申請は、地方出入国在留管理局で行います。\n\n面接では、通訳を頼むことができます。"
)
EN_BODY = (
    "You apply at the regional immigration services bureau.\n\nYou can ask for an interpreter."
)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"tag-{n}")
    name = factory.LazyAttribute(lambda t: t.slug.replace("-", " ").title())


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published Japanese article, rendered (HTML and furigana) like the services do."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Article.Kind.TRANSLATION
    slug = factory.Sequence(lambda n: f"article-{n}")
    original_language = "ja"
    title = factory.Sequence(lambda n: f"難民申請の手引き {n}")
    summary = "申請の流れ"
    body = JA_BODY
    author_name = "Aya Author"
    source_publisher = "Sample Publisher"
    source_title = "Sample guide"
    source_url = "https://example.org/guide"
    source_date = dt.date(2026, 4, 1)
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))

    @factory.post_generation
    def rendered(self, create, extracted, **kwargs):
        if create and extracted is not False:
            article_render(self)


class TranslationFactory(factory.django.DjangoModelFactory):
    """A reviewed, published English translation of a fresh article (rendered)."""

    class Meta:
        model = ArticleTranslation
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    language = "en"
    title = factory.Sequence(lambda n: f"Guide to asylum {n}")
    summary = "The steps"
    body = EN_BODY
    translator_name = "Tara Translator"
    reviewer_name = "Rei Reviewer"
    reviewed_at = factory.LazyFunction(timezone.now)
    status = Status.PUBLISHED

    @factory.post_generation
    def rendered(self, create, extracted, **kwargs):
        if create and extracted is not False:
            article_render(self.article)
            self.refresh_from_db()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_en = factory.Sequence(lambda n: f"Support Group {n}")
    name_ja = "支援団体"
    description = "Helps people seeking asylum."
    help_kinds = factory.LazyFunction(lambda: ["legal"])
    prefectures = factory.LazyFunction(lambda: ["tokyo"])
    languages = factory.LazyFunction(lambda: ["ja", "en"])
    interpreter_languages = factory.LazyFunction(list)
    email = "info@example.org"
    phone = "000-0000-0000"
    last_verified = factory.LazyFunction(timezone.localdate)
    verified_by = "Eda Editor"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationProposal

    kind = OrganisationProposal.Kind.NEW
    data = factory.LazyFunction(
        lambda: {"name_en": "Proposed Group", "prefectures": ["osaka"], "help_kinds": ["food"]}
    )
    message = "Please add them."


def editor(**kwargs):
    """A user in the Editor group (created if a flushing test removed it)."""
    from django.contrib.auth.models import Group

    from learning.roles import Role
    from tests.factories import UserFactory

    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=Role.EDITOR.value)[0])
    return user
