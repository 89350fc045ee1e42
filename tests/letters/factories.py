"""factory_boy factories of `letters`: programmes, recipients, letters, batches."""

import secrets

import factory

from letters import screening
from letters.models import Letter
from letters.services import token_hash


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "letters.Programme"

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")
    description = "Letters of encouragement."


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "letters.Recipient"

    programme = factory.SubFactory(ProgrammeFactory)
    pseudonym = factory.Sequence(lambda n: f"Amir {chr(65 + n % 26)}.")
    languages = factory.LazyFunction(lambda: ["fa", "en"])


class RecipientDetailsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "letters.RecipientDetails"

    recipient = factory.SubFactory(RecipientFactory)
    real_name = "Realname Canary"
    facility = "Facility Canary"


def _flags(body):
    flags = screening.screen(body)
    kinds = screening.kinds(flags)
    return (
        [{"kind": f.kind.value, "start": f.start, "end": f.end, "text": f.text} for f in flags],
        ("," + ",".join(kinds) + ",") if kinds else "",
    )


class LetterFactory(factory.django.DjangoModelFactory):
    """A submitted letter; use `letter_with_token` when the test needs the status link."""

    class Meta:
        model = "letters.Letter"

    programme = factory.SubFactory(ProgrammeFactory)
    recipient = factory.SubFactory(RecipientFactory, programme=factory.SelfAttribute("..programme"))
    writer_name = "Hana"
    writer_email = "hana@example.org"
    language = "en"
    body = "Dear friend, I hope the spring brings you warm days and good news."
    status = "submitted"
    flags = factory.LazyAttribute(lambda o: _flags(o.body)[0])
    flag_kinds = factory.LazyAttribute(lambda o: _flags(o.body)[1])
    status_token_hash = factory.LazyFunction(lambda: token_hash(secrets.token_urlsafe(32)))


def letter_with_token(**kwargs) -> tuple[Letter, str]:
    """A letter and the token of its status link."""
    token = secrets.token_urlsafe(32)
    return LetterFactory(status_token_hash=token_hash(token), **kwargs), token


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "letters.Batch"

    programme = factory.SubFactory(ProgrammeFactory)
    label = factory.Sequence(lambda n: f"batch {n}")
