"""Readings and lessons a student can use (issue 17, item 7): contents and breadcrumb on a reading,
no empty headings, a foreign-language abstract kept from students unless an instructor shows it, key
terms with what the reading says of them, and lessons marked done and counted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courseware.models import LessonCompletion, Section
from courseware.services.lessons import key_term_definitions
from courseware.services.readings import reading_import
from tests.conftest import client_for
from tests.factories import LessonFactory, ModuleFactory, ReadingFactory, SectionFactory

pytestmark = pytest.mark.django_db

PAPER = """NATO and Ukraine after Vilnius

Abstract

The paper asks how the alliance can admit Ukraine while the war lasts and what Article 5 would mean then.

Streszczenie

Artyku³ analizuje relacje NATO z Ukrain¹ po szczycie w Wilnie oraz perspektywy cz³onkostwa.

Introduction

Article 5, the collective-defence clause of the Washington Treaty, has been invoked once, after 11 September 2001. The allies met in Vilnius in July 2023.

Conclusion

The alliance promised membership when allies agree and conditions are met.
"""


@pytest.fixture
def paper(admin, course):  # type: ignore[no-untyped-def]
    reading = reading_import(data=PAPER.encode(), filename="paper.txt", imported_by=admin, generate_questions=False).reading
    ModuleFactory(course=course, reading=reading, title="Week 3: Enlargement")
    return reading


def test_a_foreign_language_abstract_is_imported_hidden_from_students_and_shown_to_instructors(paper, student, instructor) -> None:
    foreign = paper.sections.get(kind=Section.Kind.FOREIGN_ABSTRACT)
    assert foreign.hidden_from_students

    student_page = client_for(student).get(reverse("reading-detail", args=[paper.pk])).content.decode()
    instructor_page = client_for(instructor).get(reverse("reading-detail", args=[paper.pk])).content.decode()

    assert "Artyku" not in student_page and "The paper asks how the alliance" in student_page
    assert "Artyku" in instructor_page and "Students do not see this section" in instructor_page


def test_an_instructor_shows_a_hidden_section_to_students_and_can_hide_it_again(paper, student, instructor) -> None:
    foreign = paper.sections.get(kind=Section.Kind.FOREIGN_ABSTRACT)
    url = reverse("section-visibility", args=[foreign.pk])

    client_for(instructor).post(url, {"visible": "1"})
    assert "Artyku" in client_for(student).get(reverse("reading-detail", args=[paper.pk])).content.decode()

    client_for(instructor).post(url, {"visible": "0"})
    assert "Artyku" not in client_for(student).get(reverse("reading-detail", args=[paper.pk])).content.decode()


def test_students_may_not_change_what_students_see(paper, student) -> None:
    foreign = paper.sections.get(kind=Section.Kind.FOREIGN_ABSTRACT)
    response = client_for(student).post(reverse("section-visibility", args=[foreign.pk]), {"visible": "1"})
    assert response.status_code in {302, 403}
    foreign.refresh_from_db()
    assert foreign.hidden_from_students


def test_the_sections_api_keeps_hidden_sections_from_students(paper, student, instructor) -> None:
    def kinds(user) -> set[str]:  # type: ignore[no-untyped-def]
        rows = client_for(user).get("/api/sections/", {"reading": paper.pk}).json()["results"]
        return {row["kind"] for row in rows}

    assert Section.Kind.FOREIGN_ABSTRACT not in kinds(student)
    assert Section.Kind.FOREIGN_ABSTRACT in kinds(instructor)


def test_a_reading_has_contents_linking_to_its_sections_and_a_breadcrumb_to_its_module(paper, student) -> None:
    page = client_for(student).get(reverse("reading-detail", args=[paper.pk])).content.decode()
    contents = page[page.index('aria-label="Contents"') : page.index("</nav>", page.index('aria-label="Contents"'))]
    introduction = paper.sections.get(heading="Introduction")

    assert f'href="#section-{introduction.order}">Introduction</a>' in contents
    assert "Streszczenie" not in contents
    assert "Week 3: Enlargement" in page[: page.index("<article")]


def test_a_heading_without_text_is_not_shown_as_an_empty_section(instructor) -> None:
    reading = ReadingFactory()
    SectionFactory(reading=reading, heading="Ukraine and NATO: the hard path", text="  ")
    SectionFactory(reading=reading, heading="Introduction", text="Real text.")
    page = client_for(instructor).get(reverse("reading-detail", args=[reading.pk])).content.decode()
    assert "the hard path" not in page and "Real text." in page


def test_key_terms_come_with_what_the_reading_says_they_are() -> None:
    text = (
        "The allies sent High Mobility Artillery Rocket Systems (HIMARS) in 2022. "
        "Article 5, the collective-defence clause, was invoked once. The Black Sea Fleet lost ships near Crimea."
    )
    found = key_term_definitions(["HIMARS", "Article 5", "Black Sea Fleet", "Patriot"], text)
    assert found["HIMARS"] == ("expansion", "High Mobility Artillery Rocket Systems")
    assert found["Article 5"] == ("definition", "Article 5, the collective-defence clause, was invoked once.")
    assert found["Black Sea Fleet"] == ("mention", "The Black Sea Fleet lost ships near Crimea.")
    assert "Patriot" not in found


def test_a_lesson_lists_its_key_terms_with_definitions_and_does_not_repeat_its_opening(paper, course, student) -> None:
    section = paper.sections.get(heading="Introduction")
    lesson = LessonFactory(
        module=ModuleFactory(course=course),
        section=section,
        body=section.text,
        summary=section.text.split(". ")[0] + ".",
        key_terms=["Article 5"],
    )
    page = client_for(student).get(reverse("lesson-detail", args=[lesson.pk])).content.decode()
    assert '<dt><mark class="term">Article 5</mark></dt>' in page
    assert "the collective-defence clause of the Washington Treaty" in page[page.index("Key terms") :]
    assert "In short:" not in page


def test_a_student_marks_a_lesson_done_and_sees_it_counted_on_the_course_module_and_progress_pages(course, student) -> None:
    module = ModuleFactory(course=course)
    done, other = LessonFactory(module=module), LessonFactory(module=module)
    client = client_for(student)

    client.post(reverse("lesson-completion", args=[done.pk]))
    client.post(reverse("lesson-completion", args=[done.pk]))  # twice is once

    assert LessonCompletion.objects.filter(user=student).count() == 1
    assert "Done ✓" in client.get(reverse("lesson-detail", args=[done.pk])).content.decode()
    assert "Done ✓" not in client.get(reverse("lesson-detail", args=[other.pk])).content.decode()
    assert "1 of 2 lessons done" in client.get(reverse("module-detail", args=[module.pk])).content.decode()
    assert "1 of 2 lessons done" in client.get(reverse("course-detail", args=[course.pk])).content.decode()
    assert "1 of 2 lessons done" in client.get(reverse("progress")).content.decode()

    client.post(reverse("lesson-completion", args=[done.pk]), {"done": "0"})
    assert not LessonCompletion.objects.filter(user=student).exists()


def test_the_api_marks_a_lesson_done_and_undone(course, student) -> None:
    lesson = LessonFactory(module=ModuleFactory(course=course))
    client = client_for(student)
    url = f"/api/lessons/{lesson.pk}/completion/"

    assert client.put(url).json() == {"completed": True}
    assert LessonCompletion.objects.filter(user=student, lesson=lesson).exists()
    assert client.delete(url).json() == {"completed": False}
    assert not LessonCompletion.objects.filter(user=student, lesson=lesson).exists()


def test_a_student_cannot_mark_a_lesson_of_another_course(other_course, student) -> None:
    lesson = LessonFactory(module=ModuleFactory(course=other_course))
    assert client_for(student).post(reverse("lesson-completion", args=[lesson.pk])).status_code == 404
    assert client_for(student).put(f"/api/lessons/{lesson.pk}/completion/").status_code == 404
    assert not LessonCompletion.objects.exists()


def test_lessons_done_are_counted_per_course_in_two_queries_however_many_courses(student, django_assert_num_queries) -> None:
    from courseware.models import Enrollment
    from courseware.selectors import lessons_done_by_course
    from tests.factories import CourseFactory, EnrollmentFactory

    courses = [CourseFactory() for _ in range(3)]
    for course in courses:
        EnrollmentFactory(course=course, user=student, role=Enrollment.Role.STUDENT)
        first, _ = LessonFactory(module=ModuleFactory(course=course)), LessonFactory(module=ModuleFactory(course=course))
        LessonCompletion.objects.create(user=student, lesson=first)

    with django_assert_num_queries(2):
        counted = lessons_done_by_course(user=student)

    assert counted == {course.pk: (1, 2) for course in courses}
