"""factory_boy factories that keep related objects consistent (a lesson's section belongs to
its module's reading, a response's question is in its attempt's quiz, ...)."""

from __future__ import annotations

import hashlib

import factory
from django.utils import timezone

from courseware.models import Course, Enrollment, Lesson, Module, Reading, Section, User
from quizzes.models import Attempt, Fact, Question, QuestionBank, QuestionType, Quiz, QuizSource

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = User.Role.STUDENT
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    created_by = factory.SubFactory(UserFactory, role=User.Role.INSTRUCTOR)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    course = factory.SubFactory(CourseFactory)
    user = factory.SubFactory(UserFactory)
    role = Enrollment.Role.STUDENT


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    title = factory.Sequence(lambda n: f"Reading {n}")
    kind = Reading.Kind.PAPER
    raw_text = factory.Sequence(lambda n: f"Reading body number {n}.")
    cleaned_text = factory.LazyAttribute(lambda r: r.raw_text)
    checksum = factory.LazyAttribute(lambda r: hashlib.sha256(r.raw_text.encode()).hexdigest())


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    reading = factory.SubFactory(ReadingFactory)
    order = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Section {n}")
    kind = Section.Kind.BODY
    text = factory.LazyAttribute(lambda s: s.reading.cleaned_text)
    start = 0
    end = factory.LazyAttribute(lambda s: len(s.text))


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    order = factory.Sequence(lambda n: n)
    is_published = True


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "First paragraph.\n\nSecond paragraph."
    order = factory.Sequence(lambda n: n)


class QuestionBankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionBank

    name = factory.Sequence(lambda n: f"Bank {n}")


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question by default; use the type-specific traits for the others."""

    class Meta:
        model = Question

    bank = factory.SubFactory(QuestionBankFactory)
    type = QuestionType.SINGLE_CHOICE
    stem = factory.Sequence(lambda n: f"Which system is number {n}?")
    choices = factory.LazyFunction(
        lambda: [
            {"id": "c1", "text": "HIMARS"},
            {"id": "c2", "text": "Patriot"},
            {"id": "c3", "text": "IRIS-T"},
            {"id": "c4", "text": "NASAMS"},
        ]
    )
    answer = factory.LazyFunction(lambda: {"correct": "c1"})
    explanation = "The passage names HIMARS."
    topic = "weapons-systems"
    status = Question.Status.APPROVED
    source_passage = "Ukraine received HIMARS in 2022."

    class Params:
        multiple_response = factory.Trait(type=QuestionType.MULTIPLE_RESPONSE, answer={"correct": ["c1", "c2"]})
        true_false = factory.Trait(type=QuestionType.TRUE_FALSE, choices=[], answer={"correct": True})
        cloze = factory.Trait(type=QuestionType.CLOZE, stem="Ukraine received ____ in 2022.", choices=[], answer={"accepted": ["HIMARS"]})
        numeric = factory.Trait(
            type=QuestionType.NUMERIC, choices=[], stem="How many billion?", answer={"value": 280, "tolerance": 5, "unit": "billion USD"}
        )
        matching = factory.Trait(
            type=QuestionType.MATCHING,
            choices={
                "left": [{"id": "l1", "text": "Stinger"}, {"id": "l2", "text": "Javelin"}],
                "right": [{"id": "r1", "text": "air defence"}, {"id": "r2", "text": "anti-tank"}],
            },
            answer={"pairs": {"l1": "r1", "l2": "r2"}},
        )
        ordering = factory.Trait(
            type=QuestionType.ORDERING,
            choices=[{"id": "o1", "text": "Vilnius 2023"}, {"id": "o2", "text": "Washington 2024"}, {"id": "o3", "text": "The Hague 2025"}],
            answer={"order": ["o1", "o2", "o3"]},
        )
        short_answer = factory.Trait(type=QuestionType.SHORT_ANSWER, choices=[], answer={"accepted": ["Jens Stoltenberg", "Stoltenberg"]})
        essay = factory.Trait(
            type=QuestionType.ESSAY,
            stem="Assess whether admitting Ukraine during the war would trigger Article 5.",
            choices={"word_limit": 50},
            answer={"grader_info": "Look for the collective-defence clause and its limits."},
            explanation="Article 5 binds allies to assist, each as it deems necessary.",
            points=4,
        )


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Quiz {n}")
    is_published = True


class QuizSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizSource

    quiz = factory.SubFactory(QuizFactory)
    bank = factory.SubFactory(QuestionBankFactory)
    count = 5


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    quiz = factory.SubFactory(QuizFactory)
    user = factory.SubFactory(UserFactory)
    number = 1
    seed = factory.Sequence(lambda n: 1000 + n)
    started_at = factory.LazyFunction(timezone.now)


class FactFactory(factory.django.DjangoModelFactory):
    """A fact of a section; its reading is the section's."""

    class Meta:
        model = Fact

    section = factory.SubFactory(SectionFactory)
    reading = factory.LazyAttribute(lambda f: f.section.reading)
    kind = Fact.Kind.SYSTEM
    topic = "weapons-systems"
    value = factory.Sequence(lambda n: f"System {n}")
    sentence = factory.LazyAttribute(lambda f: f"Ukraine received {f.value}.")
    start = 0
    end = factory.LazyAttribute(lambda f: len(f.sentence))
    key = factory.Sequence(lambda n: f"fact-{n}")
