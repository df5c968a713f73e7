"""Defects of the browser walk-through (../shared/reviews/ux-2026-11-30.md) fixed on courseware pages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizzes.models import GenerationJob
from tests.conftest import client_for
from tests.factories import ModuleFactory, QuestionBankFactory, QuizFactory, ReadingFactory

pytestmark = pytest.mark.django_db


def test_finished_generation_links_to_the_bank_to_review_not_a_dead_end(admin) -> None:
    """#16: 'Questions generated: 30. They wait as drafts for review.' had no link."""
    reading = ReadingFactory()
    bank = QuestionBankFactory(reading=reading, name="Vilnius briefing")
    GenerationJob.objects.create(reading=reading, state=GenerationJob.State.DONE, progress=100, questions=30)

    done = client_for(admin).get(reverse("reading-progress", args=[reading.pk]), HTTP_HX_REQUEST="true").content.decode()

    assert f'href="{reverse("bank-review", args=[bank.pk])}"' in done


def test_the_course_builder_counts_the_course_quizzes_not_students_practice(instructor, student, course) -> None:
    """#21: a student's private practice quiz was counted as one of the module's quizzes."""
    module = ModuleFactory(course=course, title="Week 1")
    QuizFactory(module=module, title="Week 1 quiz")
    QuizFactory(module=module, title="Practice", is_practice=True, owner=student)

    page = client_for(instructor).get(reverse("course-builder", args=[course.pk])).content.decode()

    row = page[page.index(">Week 1</a></td>") : page.index("</tr>", page.index(">Week 1</a></td>"))]
    lessons, quizzes = re.findall(r"<td>(\d+)</td>", row)
    assert (lessons, quizzes) == ("0", "1")
