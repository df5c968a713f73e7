"""Every page of the site, as the person it is for, passes axe-core (WCAG 2 A/AA, no serious or
critical violation) at 1280 px and at 375 px, and fits a 375 px phone without sideways scrolling
of the page (a wide table scrolls inside its own wrapper).

The list is checked against the URL configuration: a new page must be added here (or named in
NOT_PAGES with the reason it is not a page), so no page escapes the check."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from courseware.models import Enrollment, User
from courseware.services.groups import group_create
from quizzes.models import Attempt, Question, QuizQuestion, RegradeLog, Response
from quizzes.services.accommodations import accommodation_save, group_accommodation_save
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade, question_regrade_run
from quizzes.services.review import question_edit
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import (
    EnrollmentFactory,
    LessonFactory,
    ModuleFactory,
    QuestionBankFactory,
    QuestionFactory,
    QuizFactory,
    ReadingFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# URL names of courseware, quizzes and the LTI app that are not pages a person reads, and why.
NOT_PAGES = {
    "lesson-completion": "POST, then back to the lesson",
    "module-reorder": "POST (the course builder's reorder)",
    "module-publish": "POST",
    "module-build-lessons": "POST",
    "module-rebuild-lessons": "POST",
    "lesson-reorder": "POST",
    "lesson-publish": "POST",
    "section-visibility": "POST",
    "reading-progress": "an htmx fragment of the reading's questions page, checked as part of it",
    "attempt-answer": "POST (autosave)",
    "attempt-flag": "POST",
    "practice-start": "POST, then the practice quiz's start page",
    "bank-bulk-approve": "POST",
    "bank-import": "POST; its result is the bank page",
    "bank-copy": "POST",
    "bank-export": "a file download",
    "question-status": "POST",
    "quiz-stats-csv": "a CSV download",
    "gradebook-csv": "a CSV download",
    "lti:jwks": "JSON keys for LMSs",
    "lti:login": "the LTI login redirect",
    "lti:launch": "the LTI launch (POST from an LMS)",
    "lti:deep-link": "an LTI deep-link reply inside an LMS",
    "lti:register": "LTI dynamic registration, opened by an LMS",
    "lti:roster-pull": "POST",
    "lti:api-platforms": "API",
}


def _page_names() -> set[str]:
    names: set[str] = set()
    for entry in get_resolver().url_patterns:
        if (isinstance(entry, URLResolver) and entry.urlconf_name in ("courseware.urls", "quizzes.urls")) or (
            isinstance(entry, URLResolver) and getattr(entry, "namespace", None) == "lti"
        ):
            prefix = f"{entry.namespace}:" if entry.namespace else ""
            names |= {f"{prefix}{p.name}" for p in entry.url_patterns if isinstance(p, URLPattern) and p.name}
    return names


@pytest.fixture
def site(course, instructor, student, other_student, monkeypatch) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A course with everything its pages show: a reading and lessons, a group, a bank, a quiz
    with accommodations, a graded attempt with an essay to mark, one in progress, and a regrade."""
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    EnrollmentFactory(course=course, user=other_student, role=Enrollment.Role.STUDENT)
    reading = ReadingFactory(title="The Washington Declaration", raw_text="Allies agreed to consult on nuclear planning. " * 20)
    section = SectionFactory(reading=reading, heading="Consultation")
    module = ModuleFactory(course=course, title="Deterrence", reading=reading, is_published=True)
    lesson = LessonFactory(module=module, section=section, title="Consultation", key_terms=[{"term": "deterrence", "definition": "x"}])
    bank = QuestionBankFactory(course=course, owner=instructor, name="Deterrence bank")
    choice = QuestionFactory(bank=bank, topic="nuclear-deterrence")
    essay = QuestionFactory(bank=bank, essay=True, choices={"word_limit": 60, "response_lines": 4}, answer={"rubric": []})
    quiz = QuizFactory(module=module, title="Deterrence check", is_published=True, shuffle_questions=False, time_limit_seconds=1800)
    for position, question in enumerate([choice, QuestionFactory(bank=bank, true_false=True), essay], start=1):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    group = group_create(course=course, name="Learning plan", members=[student])
    group_accommodation_save(quiz=quiz, group=group, granted_by=instructor, extra_time_seconds=600)
    accommodation_save(quiz=quiz, student=student, granted_by=instructor, extra_attempts=1)

    graded = attempt_start(quiz=quiz, user=student)
    answers = {
        r.question_id: ("c1" if r.question_id == choice.pk else True if r.question.type == "true_false" else "Consultation.")
        for r in graded.responses.select_related("question")
    }
    attempt_submit(attempt=graded, user=student, answers=answers)
    attempt_grade(attempt_id=graded.pk)
    question_edit(question=choice, user=instructor, answer={"correct": "c2"}, status=Question.Status.APPROVED)
    question_regrade_run(regrade_log_id=RegradeLog.objects.get().pk)
    running = attempt_start(quiz=quiz, user=other_student)
    return {
        "course": course,
        "module": module,
        "lesson": lesson,
        "reading": reading,
        "group": group,
        "bank": bank,
        "question": Question.objects.filter(bank=bank, is_current=True, type="single_choice").first(),
        "quiz": quiz,
        "graded": Attempt.objects.get(pk=graded.pk),
        "running": running,
        "essay_response": Response.objects.get(attempt=graded, question=essay),
        "log": RegradeLog.objects.get(),
    }


def _visits(
    site: dict[str, Any], *, student: User, other_student: User, instructor: User, admin: User
) -> list[tuple[User, str, list[Any]]]:
    s = site
    return [
        (student, "dashboard", []),
        (instructor, "dashboard", []),
        (student, "course-detail", [s["course"].pk]),
        (student, "module-detail", [s["module"].pk]),
        (student, "lesson-detail", [s["lesson"].pk]),
        (student, "reading-detail", [s["reading"].pk]),
        (instructor, "teach-home", []),
        (instructor, "course-builder", [s["course"].pk]),
        (instructor, "course-groups", [s["course"].pk]),
        (instructor, "module-builder", [s["module"].pk]),
        (instructor, "lesson-edit", [s["lesson"].pk]),
        (admin, "manage-home", []),
        (admin, "reading-import", []),
        (admin, "reading-progress-page", [s["reading"].pk]),
        (admin, "lexicon", []),
        (student, "quiz-start", [s["quiz"].pk]),
        (other_student, "attempt-take", [s["running"].pk]),
        (other_student, "attempt-submit", [s["running"].pk]),
        (student, "attempt-result", [s["graded"].pk]),
        (student, "progress", []),
        (instructor, "bank-list", []),
        (instructor, "bank-review", [s["bank"].pk]),
        (instructor, "question-new", [s["bank"].pk]),
        (instructor, "question-edit", [s["question"].pk]),
        (instructor, "question-change-confirm", [s["question"].pk, "retire"]),
        (instructor, "quiz-new", [s["module"].pk]),
        (instructor, "quiz-edit", [s["quiz"].pk]),
        (instructor, "quiz-preview", [s["quiz"].pk]),
        (instructor, "quiz-accommodations", [s["quiz"].pk]),
        (instructor, "quiz-marking", [s["quiz"].pk]),
        (instructor, "essay-mark", [s["essay_response"].pk]),
        (instructor, "quiz-stats", [s["quiz"].pk]),
        (instructor, "regrade-report", [s["log"].pk]),
        (instructor, "bank-regrades", [s["bank"].pk]),
        (instructor, "attempt-inspect", [s["graded"].pk]),
        (instructor, "gradebook", [s["course"].pk]),
        (instructor, "student-detail", [s["course"].pk, student.pk]),
        (instructor, "lti:quiz-sync", [s["quiz"].pk]),
        (admin, "lti:setup", []),
    ]


def test_every_page_passes_axe_at_desktop_and_phone_width_and_fits_a_phone(session_for, site, student, other_student, instructor):
    admin = UserFactory(username="site-admin", role=User.Role.ADMIN, is_staff=True, is_superuser=True)
    visits = _visits(site, student=student, other_student=other_student, instructor=instructor, admin=admin)
    visited = {name for _, name, _ in visits}
    assert _page_names() - visited - set(NOT_PAGES) == set(), "a page is missing from this test"

    sessions: dict[int, Any] = {}
    failures: list[str] = []
    for user, name, args in visits:
        # One browser context per person: setdefault(user.pk, session_for(user)) would open a new
        # context on every visit (its argument is evaluated first) and keep them all open.
        if user.pk not in sessions:
            sessions[user.pk] = session_for(user)
        session = sessions[user.pk]
        page = session.page
        response = page.goto(session.base + reverse(name, args=args))
        assert response is not None and response.status == 200, f"{name}: HTTP {response and response.status}"
        shown = page.inner_text("body")
        if "{#" in shown or "{%" in shown or "{{" in shown:
            failures.append(f"{name}: template syntax shown as text (a multi-line {{# #}} comment?)")
        for width, label in ((DESKTOP, "1280"), (PHONE, "375")):
            page.set_viewport_size(width)
            try:
                session.axe(f"{name} at {label} px")
            except AssertionError as exc:
                failures.append(str(exc))
            if width is PHONE:
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    failures.append(f"{name}: {overflow}px wider than a 375px phone")
        page.set_viewport_size(DESKTOP)
    assert not failures, "\n".join(failures)
    assert Decimal(site["graded"].score or 0) >= 0
