"""The issue's acceptance flow in a real browser, end to end:

an admin imports a reading and sees its sections; an instructor builds a module and a quiz from
the approved questions; a student takes it with the keyboard only, loses the network during one
autosave and keeps the answer, submits, and sees the graded result appear without reloading; the
instructor finds the attempt in the gradebook and its CSV. axe-core checks each page on the way,
and each page is photographed at desktop and phone width.

Grading: ``attempt_submit`` enqueues grading with ``transaction.on_commit``; here the enqueue is
captured instead of published, and the test then plays the worker by running the real task
eagerly (``grade_attempt_task.apply``). That makes the "Grading…" state observable and proves the
page turns into the result without a reload, told by the push endpoint (polling is the fallback).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from courseware.models import Lesson, Module, Reading
from quizzes.models import Attempt, Question, Quiz, Response
from tests.factories import QuestionBankFactory, QuestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READING = """Aid to Ukraine after 2022

Introduction

In 2022 the United States sent HIMARS rocket systems to Ukraine. NATO allies followed with air defence such as IRIS-T and NASAMS, and with Javelin and Stinger missiles.

Summits

The allies met at the Vilnius summit in 2023 and at the Washington summit in 2024. The Hague summit followed in 2025.

Conclusion

Support for Ukraine became a lasting task of the alliance and its members.
"""

TRAITS = ["single", "multiple_response", "true_false", "cloze", "numeric", "matching", "ordering", "short_answer"]


def tab_to(page: Any, selector: str, limit: int = 250) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    target = page.locator(selector).first
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def wait_saved(page: Any, position: str) -> None:
    page.wait_for_selector(f'[data-nav="{position}"].answered')


def answer_with_keyboard(session: Any, form: Any, kind: str) -> None:
    page = session.page
    position = form.get_attribute("data-position")
    scope = f"form#q-{position}"
    if kind in ("single", "true_false"):
        wanted = "c1" if kind == "single" else "true"
        tab_to(page, f"{scope} input[type=radio]")
        page.keyboard.press("Space")
        for _ in range(6):
            if page.locator(f"{scope} input[type=radio][value='{wanted}']").is_checked():
                break
            page.keyboard.press("ArrowDown")
    elif kind == "multiple_response":
        for value in ("c1", "c2"):
            tab_to(page, f"{scope} input[value='{value}']")
            page.keyboard.press("Space")
    elif kind == "matching":
        for left, right in (("l1", "r1"), ("l2", "r2")):
            select = f"{scope} select[name='match-{left}']"
            tab_to(page, select)
            for _ in range(5):
                if page.locator(select).input_value() == right:
                    break
                page.keyboard.press("ArrowDown")
    elif kind == "ordering":
        # Bring o1 to the top, then o2 below it, pressing the focused "Move up" button.
        for index, item in enumerate(("o1", "o2")):
            for _ in range(3):
                ids = page.locator(f"{scope} input[name=order]").evaluate_all("els => els.map(e => e.value)")
                if ids.index(item) == index:
                    break
                button = f"{scope} li:has(input[value='{item}']) button[data-move=up]"
                tab_to(page, button)
                page.keyboard.press("Enter")
    else:
        text = {"cloze": "HIMARS", "numeric": "280", "short_answer": "Stoltenberg"}[kind]
        tab_to(page, f"{scope} input[type=text]")
        page.keyboard.type(text)
    wait_saved(page, position)


def kind_of(form: Any) -> str:
    if form.locator("ol.reorder").count():
        return "ordering"
    if form.locator("select").count():
        return "matching"
    if form.locator("input[type=checkbox]").count():
        return "multiple_response"
    if form.locator("input[type=radio][value=true]").count():
        return "true_false"
    if form.locator("input[type=radio]").count():
        return "single"
    if form.locator("input[inputmode=decimal]").count():
        return "numeric"
    if "missing term" in form.inner_text():
        return "cloze"
    return "short_answer"


def test_import_build_take_offline_submit_and_grade(session_for, admin, instructor, student, course, monkeypatch):
    # The pages enqueue work after commit; here the messages are captured instead of published
    # and the test runs the real task bodies itself, as a worker would, at the moment it chooses.
    from quizzes.tasks.generation import generate_questions_task

    queued: list[int] = []
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: queued.append(attempt_id) or True)
    generation_queue: list[int] = []
    # Generation is published by name (quizzes.enqueue's signature); the capture replaces it.
    monkeypatch.setattr("quizzes.services.generation_jobs.generate_questions_task", SimpleNamespace(delay=generation_queue.append))

    # 1. The admin imports a reading and sees its sections.
    boss = session_for(admin)
    page = boss.goto("/manage/import/")
    boss.axe("import")
    boss.snap("import")
    page.fill("#id_text", READING)
    page.fill("#id_title", "Aid to Ukraine after 2022")
    page.click("button:has-text('Preview')")
    page.wait_for_selector("#preview-sections")
    assert page.locator("#preview-sections tbody tr").count() >= 3
    assert Reading.objects.count() == 0
    boss.axe("import-preview")
    boss.snap("import-preview")
    page.click("button:has-text('Confirm import')")
    page.wait_for_selector("#sections")
    reading = Reading.objects.get()
    headings = page.locator("#sections tbody td:nth-child(2)").all_inner_texts()
    assert "Summits" in headings and "Conclusion" in headings
    # A progress bar follows question generation and turns into the count by itself.
    assert generation_queue == [reading.pk]
    page.wait_for_selector("progress#generation-bar")
    boss.snap("import-progress")
    page.evaluate("window.__sameDocument = true")
    generate_questions_task.apply(args=[reading.pk])  # the worker's turn
    page.wait_for_selector("#generation-done", timeout=10_000)
    assert page.evaluate("window.__sameDocument === true")
    boss.axe("reading-questions")
    boss.snap("reading-questions")
    boss.goto("/manage/")
    boss.axe("readings")
    boss.snap("readings")
    boss.goto("/manage/lexicon/")
    boss.snap("lexicon")

    # The course's bank of the reading's questions: one draft of each type, as generation leaves
    # them. (A reading's own generated bank is shared and read-only to instructors; they copy it
    # into their course to review it.)
    bank = QuestionBankFactory(name="Aid to Ukraine bank", reading=reading, course=course)
    section = reading.sections.get(heading="Introduction")
    for trait in TRAITS:
        extra = {} if trait == "single" else {trait: True}
        QuestionFactory(bank=bank, source_section=section, status=Question.Status.DRAFT, **extra)

    # 2. The instructor reviews and approves the questions, then builds a module with lessons
    #    and a quiz from the approved questions.
    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/banks/{bank.pk}/")
    assert page.locator(".review-card").count() == len(TRAITS)
    assert page.locator(".review-card blockquote.source").count() == len(TRAITS)
    teacher.axe("question-review")
    teacher.snap("question-review")
    first = bank.questions.order_by("id").first()
    page.click(f"#question-{first.pk} button:has-text('Approve')")
    page.wait_for_selector(f"#question-{first.pk} .badge.ok")
    page.click("button:has-text('Approve the best of each group on this page')")
    page.wait_for_selector("text=questions approved")
    assert bank.questions.filter(status=Question.Status.APPROVED).count() == len(TRAITS)
    teacher.goto(f"/teach/questions/{first.pk}/edit/")
    teacher.snap("question-edit")
    page = teacher.goto("/teach/")
    teacher.snap("teach-home")
    teacher.goto(f"/teach/courses/{course.pk}/")
    page.fill("#id_title", "Aid and summits")
    page.select_option("#id_reading", str(reading.pk))
    page.click("button:has-text('Create module')")
    page.wait_for_selector("text=Build lessons from")
    module = Module.objects.get(title="Aid and summits")
    page.click("button:has-text('Build lessons')")
    page.wait_for_selector("#lesson-order li")
    lessons = list(Lesson.objects.filter(module=module).order_by("order"))
    assert len(lessons) >= 2
    # Reorder by keyboard: the first lesson goes down one place.
    tab_to(page, "#lesson-order li:first-child button[data-move=down]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#lesson-order-status:has-text('Lesson order saved')")
    assert list(Lesson.objects.filter(module=module).order_by("order"))[:2] == [lessons[1], lessons[0]]
    page.click("button:has-text('Publish module')")
    page.wait_for_selector("text=Unpublish module")
    teacher.axe("module-builder")
    teacher.snap("module-builder")
    page.click("a:has-text('New quiz')")
    page.fill("#id_title", "Aid check")
    page.select_option("#bank-0", str(bank.pk))
    page.fill("#count-0", "8")
    page.fill("#id_time_limit_minutes", "10")
    page.check("#id_is_published")
    page.click("button:has-text('Save quiz')")
    page.wait_for_selector("text=Preview as a student")
    quiz = Quiz.objects.get(title="Aid check")
    teacher.axe("quiz-editor")
    teacher.snap("quiz-editor")
    page.click("a:has-text('Preview as a student')")
    assert page.locator(".question").count() == 8
    teacher.snap("quiz-preview")
    teacher.goto(f"/teach/courses/{course.pk}/")
    teacher.snap("course-builder")

    # 3. The student reads a lesson and takes the quiz with the keyboard only.
    learner = session_for(student)
    page = learner.goto("/")
    assert page.locator("#open-quizzes").inner_text().count("Aid check") == 1
    learner.axe("dashboard")
    learner.snap("dashboard")
    learner.goto(f"/lessons/{lessons[0].pk}/")
    learner.axe("lesson")
    learner.snap("lesson")
    learner.goto(f"/modules/{module.pk}/")
    learner.snap("module")
    learner.goto(f"/quizzes/{quiz.pk}/")
    learner.axe("quiz-start")
    learner.snap("quiz-start")
    tab_to(page, "button:has-text('Start attempt')")
    page.keyboard.press("Enter")
    page.wait_for_selector("form.question")
    attempt = Attempt.objects.get(quiz=quiz, user=student)
    learner.axe("quiz-taking")
    learner.snap("quiz-taking")
    # The countdown shows the server's deadline (to within the time the page took to arrive).
    minutes, seconds = page.locator("#countdown").inner_text().split(":")
    shown = int(minutes) * 60 + int(seconds)
    remaining = (attempt.deadline - timezone.now()).total_seconds()
    assert abs(shown - remaining) <= 3, (shown, remaining)

    forms = page.locator("form.question")
    by_kind = {kind_of(forms.nth(i)): forms.nth(i) for i in range(forms.count())}
    assert sorted(by_kind) == sorted(t if t != "single" else "single" for t in TRAITS)

    # The network drops while the cloze answer is typed: a warning shows, the answer stays in
    # the page, and it is saved once the connection is back.
    cloze = by_kind.pop("cloze")
    position = cloze.get_attribute("data-position")
    learner.context.set_offline(True)
    tab_to(page, f"form#q-{position} input[type=text]")
    page.keyboard.type("HIMARS")
    page.wait_for_selector("#offline-banner:not([hidden])")
    cloze_response = Response.objects.get(attempt=attempt, position=int(position))
    assert cloze_response.answer is None
    learner.snap("quiz-offline")
    learner.context.set_offline(False)
    page.wait_for_selector("#offline-banner", state="hidden", timeout=15_000)
    wait_saved(page, position)
    cloze_response.refresh_from_db()
    assert cloze_response.answer == "HIMARS"
    assert page.locator(f"form#q-{position} input[type=text]").input_value() == "HIMARS"

    for kind, form in by_kind.items():
        answer_with_keyboard(learner, form, kind)
    assert Response.objects.filter(attempt=attempt, answer__isnull=True).count() == 0
    # The page must know it too: right after the connection returns, a save can still fail once and
    # show the warning until the next retry (up to 5 s); the dialog rightly says so meanwhile.
    page.wait_for_selector("#offline-banner", state="hidden", timeout=15_000)

    # Submit through the confirmation dialog, still by keyboard.
    tab_to(page, "[data-submit-dialog]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#submit-dialog[open]")
    # Opening the dialog resends any answer not yet saved (leaving the last text field sends it
    # again too); until those saves are answered the dialog says "Saving…" and is busy.
    page.wait_for_selector("#submit-dialog-body[aria-busy=false]")
    assert "answered every question" in page.locator("#submit-dialog-body").inner_text()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    # The dialog focuses "Submit now" when nothing was being saved as it opened, else it keeps the
    # focus on "Keep answering"; the student then tabs to "Submit now".
    tab_to(page, "#confirm-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#grading-state")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert queued == [attempt.pk]
    learner.snap("result-grading")
    page.evaluate("window.__sameDocument = true")

    from quizzes.tasks.grading import grade_attempt_task

    grade_attempt_task.apply(args=[attempt.pk])  # the worker's turn
    page.wait_for_selector("#graded-state", timeout=10_000)
    assert page.evaluate("window.__sameDocument === true"), "the result must appear without a reload"
    # The result page waited on the push channel (static/js/result_push.js), not only by polling.
    assert any(url.endswith(f"/api/attempts/{attempt.pk}/events/") for url in asked), asked
    assert "100%" in page.locator("#graded-state").inner_text()
    learner.axe("result")
    learner.snap("result")
    learner.goto("/progress/")
    learner.axe("progress")
    learner.snap("progress")

    # 4. The instructor sees the attempt in the gradebook and in its CSV.
    page = teacher.goto(f"/teach/courses/{course.pk}/gradebook/")
    row = page.locator("#gradebook tbody tr", has_text=student.username)
    assert "100.0%" in row.inner_text()
    teacher.axe("gradebook")
    teacher.snap("gradebook")
    with page.expect_download() as download:
        page.click("a:has-text('Download CSV')")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert student.username in csv_text and "Aid check" in csv_text and "100.00" in csv_text
    teacher.goto(f"/teach/quizzes/{quiz.pk}/stats/")
    teacher.axe("item-statistics")
    teacher.snap("item-statistics")
    teacher.goto(f"/teach/courses/{course.pk}/students/{student.pk}/")
    teacher.snap("student-detail")
