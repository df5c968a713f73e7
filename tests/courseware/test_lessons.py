# ruff: noqa: RUF001 -- readings are full of typographic apostrophes; the tests quote them exactly
"""Lessons built from a reading's sections, and what instructors do with them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from courseware.models import Lesson, Reading, Section
from courseware.services.lessons import (
    EMPTY_BODY_MESSAGE,
    FOREIGN_SECTION_MESSAGE,
    NO_READING_MESSAGE,
    UNKNOWN_ITEMS_MESSAGE,
    lesson_key_terms,
    lesson_reorder,
    lesson_set_published,
    lesson_summary,
    lesson_update,
    lessons_build_from_reading,
    lessons_rebuild_from_reading,
    module_create,
    module_reorder,
    reading_minutes_for,
)
from courseware.services.readings import reading_import
from tests.courseware.readings_support import SEED_PAPER

pytestmark = pytest.mark.django_db

BODY_HEADINGS = [
    "Introduction",
    "Military and defense support for Ukraine",
    "Economic and humanitarian assistance for Ukraine",
    "Potential joining of Ukraine to NATO",
    "NATO's long-term strategy to backing Ukraine",
    "Potential scenarios to end the war in Ukraine",
    "Conclusion",
]


@pytest.fixture
def paper() -> Reading:
    return reading_import(data=SEED_PAPER.read_bytes(), filename=SEED_PAPER.name, title="NATO and Ukraine", kind="paper").reading


@pytest.fixture
def module(course, paper):
    return module_create(course=course, title="NATO's response to the war", reading=paper)


def test_a_module_gets_one_lesson_per_body_section_of_its_reading(module, paper):
    lessons = lessons_build_from_reading(module=module, reading=paper)
    assert [lesson.title for lesson in lessons] == BODY_HEADINGS
    assert [lesson.order for lesson in lessons] == list(range(len(BODY_HEADINGS)))
    # Neither the abstracts (English or Polish) nor the part heading without text become lessons.
    assert not module.lessons.filter(section__kind__in=[Section.Kind.ABSTRACT, Section.Kind.FOREIGN_ABSTRACT]).exists()


def test_a_lesson_carries_its_sections_text_summary_terms_time_citations_and_source(module, paper):
    lessons_build_from_reading(module=module, reading=paper)
    lesson = module.lessons.get(title="Military and defense support for Ukraine")
    assert lesson.body == lesson.section.text
    assert lesson.body.split("\n\n")[1].startswith("Since the beginning of Russia's invasion")  # paragraphs kept
    assert lesson.summary.startswith("NATO’s provision of military support to Ukraine has been a defining aspect")
    assert len(lesson.summary) <= 300
    assert "HIMARS" in lesson.key_terms and "Operation UNIFIER" in lesson.key_terms
    assert "NATO" not in lesson.key_terms  # in every section: says nothing about this one
    assert lesson.reading_minutes == reading_minutes_for(lesson.body) > 1
    assert ("Lupovici", 2023) in [(c.authors, c.year) for c in lesson.section.citations.all()]
    assert lesson.section.reading == paper


def test_building_twice_creates_no_duplicate_lessons(module, paper):
    lessons_build_from_reading(module=module, reading=paper)
    assert lessons_build_from_reading(module=module, reading=paper) == []
    assert module.lessons.count() == len(BODY_HEADINGS)


def test_lessons_can_be_built_from_chosen_sections_only(module, paper):
    chosen = paper.sections.filter(heading__in=["Abstract", "Conclusion"]).values_list("pk", flat=True)
    lessons = lessons_build_from_reading(module=module, section_ids=list(chosen))
    assert [lesson.title for lesson in lessons] == ["Abstract", "Conclusion"]


def test_sections_of_another_reading_are_refused(module, paper):
    other = reading_import(data=b"Another reading about the Alliance.\n", filename="other.txt").reading
    with pytest.raises(ValidationError) as raised:
        lessons_build_from_reading(module=module, reading=paper, section_ids=list(other.sections.values_list("pk", flat=True)))
    assert raised.value.messages == [FOREIGN_SECTION_MESSAGE]


def test_a_module_without_a_reading_cannot_build_lessons(course):
    module = module_create(course=course, title="Empty")
    with pytest.raises(ValidationError) as raised:
        lessons_build_from_reading(module=module)
    assert raised.value.messages == [NO_READING_MESSAGE]


def test_editing_a_lesson_never_changes_the_reading(module, paper):
    lessons_build_from_reading(module=module, reading=paper)
    lesson = module.lessons.get(title="Conclusion")
    section_text = lesson.section.text
    cleaned = paper.cleaned_text
    lesson_update(lesson=lesson, title="What it all means", body="First point.\r\n\r\nSecond  point.\n", key_terms=["Article 5", " "])
    lesson.refresh_from_db()
    assert (lesson.title, lesson.body, lesson.key_terms) == ("What it all means", "First point.\n\nSecond point.", ["Article 5"])
    paper.refresh_from_db()
    assert paper.cleaned_text == cleaned
    assert Section.objects.get(pk=lesson.section_id).text == section_text


def test_a_lesson_cannot_be_emptied(module, paper):
    lesson = lessons_build_from_reading(module=module, reading=paper)[0]
    with pytest.raises(ValidationError) as raised:
        lesson_update(lesson=lesson, body=" \n\n ")
    assert raised.value.messages == [EMPTY_BODY_MESSAGE]


def test_instructors_reorder_lessons(module, paper):
    lessons = lessons_build_from_reading(module=module, reading=paper)
    new_order = [lesson.pk for lesson in reversed(lessons)]
    lesson_reorder(module=module, lesson_ids=new_order)
    assert list(module.lessons.order_by("order").values_list("pk", flat=True)) == new_order


def test_a_reorder_must_name_every_lesson_exactly_once(module, paper):
    lessons = lessons_build_from_reading(module=module, reading=paper)
    with pytest.raises(ValidationError) as raised:
        lesson_reorder(module=module, lesson_ids=[lessons[0].pk, lessons[0].pk])
    assert raised.value.messages == [UNKNOWN_ITEMS_MESSAGE]


def test_instructors_publish_and_unpublish_lessons(module, paper):
    lesson = lessons_build_from_reading(module=module, reading=paper)[0]
    lesson_set_published(lesson=lesson, is_published=False)
    assert Lesson.objects.get(pk=lesson.pk).is_published is False
    lesson_set_published(lesson=lesson, is_published=True)
    assert Lesson.objects.get(pk=lesson.pk).is_published is True


def test_modules_are_ordered_in_their_course_and_can_be_reordered(course, paper):
    first = module_create(course=course, title="One")
    second = module_create(course=course, title="Two")
    assert (first.order, second.order) == (0, 1)
    module_reorder(course=course, module_ids=[second.pk, first.pk])
    assert list(course.modules.order_by("order").values_list("title", flat=True)) == ["Two", "One"]


def test_a_new_version_keeps_old_lessons_until_the_instructor_rebuilds(module, paper):
    old_lessons = lessons_build_from_reading(module=module, reading=paper)
    edited = SEED_PAPER.read_bytes().replace(b"approximately $280 billion", b"approximately $290 billion")
    new = reading_import(data=edited, filename=SEED_PAPER.name, title="NATO and Ukraine").reading
    assert new.version == 2
    assert set(module.lessons.values_list("pk", flat=True)) == {lesson.pk for lesson in old_lessons}

    rebuilt = lessons_rebuild_from_reading(module=module, reading=new)
    module.refresh_from_db()
    assert module.reading == new
    assert [lesson.title for lesson in rebuilt] == BODY_HEADINGS
    assert set(module.lessons.values_list("section__reading", flat=True)) == {new.pk}
    assert "$290 billion" in module.lessons.get(title="Military and defense support for Ukraine").body


def test_hand_written_lessons_survive_a_rebuild(module, paper):
    lessons_build_from_reading(module=module, reading=paper)
    own = Lesson.objects.create(module=module, title="Instructor's notes", body="My notes.", order=99)
    new = reading_import(data=SEED_PAPER.read_bytes() + b"\nAddendum.\n", filename="v2.txt", title="NATO and Ukraine").reading
    lessons_rebuild_from_reading(module=module, reading=new)
    assert Lesson.objects.filter(pk=own.pk).exists()


def test_summary_is_the_opening_sentences_that_fit():
    text = "First sentence here. Second sentence follows. " + "Third sentence is long. " * 20
    assert lesson_summary(text, max_chars=60) == "First sentence here. Second sentence follows."


def test_key_terms_prefer_defined_acronyms_and_names_and_skip_citations():
    text = (
        "The deployment of the HIMARS (High Mobility Artillery Rocket Systems) changed the war (Marsh, 2023). "
        "HIMARS strikes hit depots. Operation UNIFIER trained soldiers. Despite losses, Operation UNIFIER went on."
    )
    terms = lesson_key_terms(text)
    assert terms[0] == "HIMARS"
    assert "Operation UNIFIER" in terms
    assert "Marsh" not in " ".join(terms)
    assert not any(term.startswith("Despite") for term in terms)
