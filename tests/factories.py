"""factory_boy factories shared by the tests."""

import factory
from django.contrib.auth.models import Group

from learning.models import User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(*Group.objects.filter(name__in=[str(r) for r in extracted]))
        if create:
            self.save()


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Course"

    slug = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Course {n}")
    title_ja = "生活の日本語"
    description = "Japanese for daily life."
    published = True


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Lesson"

    course = factory.SubFactory(CourseFactory)
    order = factory.Sequence(lambda n: n)
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    title = factory.Sequence(lambda n: f"Lesson {n}")
    title_ja = "市役所で"
    can_do = "I can ask for a resident record at city hall."
    published = True


class PassageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Passage"

    lesson = factory.SubFactory(LessonFactory)
    kind = "dialogue"
    text = "職員：こんにちは。\nアリ：住民票をください。"
    translations = factory.LazyFunction(
        lambda: {
            "en": "Clerk: Hello.\nAli: A resident record, please.",
            "my": "ဝန်ထမ်း- မင်္ဂလာပါ။\nအာလီ- နေထိုင်မှုမှတ်တမ်း ပေးပါ။",
        }
    )


class VocabularyItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.VocabularyItem"

    lesson = factory.SubFactory(LessonFactory)
    expression = "住民票"
    meanings = factory.LazyFunction(lambda: {"en": "resident record", "ar": "شهادة الإقامة"})
    example = "住民票をください。"
    example_translations = factory.LazyFunction(lambda: {"en": "A resident record, please."})


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "lessons.Exercise"

    lesson = factory.SubFactory(LessonFactory)
    kind = "choice"
    prompt = "What does 住民票 mean?"
    data = factory.LazyFunction(
        lambda: {"choices": ["passport", "resident record", "tax"], "answer": 1}
    )
    explanation = "住民票 (じゅうみんひょう) is the certificate of your registered address."
