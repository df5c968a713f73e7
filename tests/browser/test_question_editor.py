"""An instructor writes one question of every type through the editor's forms in a real browser:
rows added, moved and removed with the page's buttons, the live preview showing the student's
view, no JSON anywhere; the saved questions have the keys the forms described."""

from __future__ import annotations

import pytest

from quizzes.models import Question, QuestionType
from quizzes.questiontypes import grade_answer
from tests.browser.test_teach import axe_both
from tests.factories import QuestionBankFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _grade(question: Question, response: object) -> float:
    return grade_answer(type=question.type, choices=question.choices, answer=question.answer, response=response).fraction


def test_an_instructor_writes_one_question_of_every_type_through_the_forms(session_for, instructor, course):
    from playwright.sync_api import expect

    bank = QuestionBankFactory(course=course)
    teacher = session_for(instructor)
    page = teacher.goto(f"/teach/banks/{bank.pk}/new/")
    assert page.locator(".type-choice a").count() == len(QuestionType.values)

    def new(qtype: str, stem: str):  # type: ignore[no-untyped-def]
        page = teacher.goto(f"/teach/banks/{bank.pk}/new/?type={qtype}")
        assert page.locator("textarea#id_q-stem").count() == 1 and "JSON" not in page.inner_text("#question-form")
        page.fill("#id_q-stem", stem)
        return page

    def save(page, qtype: str) -> Question:  # type: ignore[no-untyped-def]
        page.click("button[name=save]")
        page.wait_for_selector("text=Question saved as a draft")
        return Question.objects.get(bank=bank, type=qtype)

    # Single choice: four rows to start with; the first is moved down, the last removed.
    page = new("single_choice", "Which system did Ukraine receive in 2022?")
    for i, text in enumerate(["HIMARS", "F-35", "Tomahawk", "Typhoon"]):
        page.fill(f"#id_rows-{i}-text", text)
    page.check("#id_rows-0-correct")
    page.fill("#id_rows-0-feedback", "Yes: June 2022.")
    page.locator(".editor-row").nth(0).locator("button[data-row-move=down]").click()
    page.locator(".editor-row").nth(3).locator("button[data-row-remove]").click()
    # The live preview follows the form (the student's template: three options once one is removed).
    expect(page.locator("#preview input[type=radio]")).to_have_count(3)
    assert "HIMARS" in page.inner_text("#preview") and "Yes: June 2022." not in page.inner_text("#preview")
    teacher.snap("question-editor")
    axe_both(teacher, "question-editor")
    question = save(page, "single_choice")
    assert [c["text"] for c in question.choices] == ["F-35", "HIMARS", "Tomahawk"]
    assert question.choices[1]["feedback"] == "Yes: June 2022." and _grade(question, question.choices[1]["id"]) == 1

    page = new("multiple_response", "Which joined NATO after 2020?")
    for i, text in enumerate(["Finland", "Sweden", "Ukraine"]):
        page.fill(f"#id_rows-{i}-text", text)
    page.check("#id_rows-0-correct")
    page.check("#id_rows-1-correct")
    question = save(page, "multiple_response")
    assert sorted(c["text"] for c in question.choices if c["id"] in question.answer["correct"]) == ["Finland", "Sweden"]

    page = new("true_false", "Article 5 was first invoked after 9/11.")
    page.check("input[name=s-correct][value=true]")
    assert save(page, "true_false").answer == {"correct": True}

    page = new("short_answer", "Which alliance has an Article 5?")
    page.fill("#id_accepted-0-text", "NATO")
    page.click("button[data-add-row=accepted]")
    page.fill("#id_accepted-1-text", "North Atlantic Treaty Organization")
    page.check("#id_s-case_sensitive")
    assert save(page, "short_answer").answer == {"accepted": ["NATO", "North Atlantic Treaty Organization"], "case_sensitive": True}

    page = new("cloze", "The 2024 summit was held in ____.")
    page.fill("#id_accepted-0-text", "Washington")
    assert save(page, "cloze").answer == {"accepted": ["Washington"]}

    page = new("numeric", "How many billion USD did the 2024 package give?")
    page.fill("#id_s-value", "61")
    page.fill("#id_s-tolerance", "0.5")
    page.fill("#id_s-unit", "billion USD")
    page.wait_for_selector("#preview >> text=in billion USD")
    assert save(page, "numeric").answer == {"value": 61, "tolerance": 0.5, "unit": "billion USD"}

    page = new("matching", "Match each summit to its year.")
    for i, (left, right) in enumerate([("Vilnius", "2023"), ("Washington", "2024"), ("", "2019")]):
        page.fill(f"#id_rows-{i}-left", left)
        page.fill(f"#id_rows-{i}-right", right)
    question = save(page, "matching")
    assert len(question.answer["pairs"]) == 2 and len(question.choices["right"]) == 3

    page = new("ordering", "Oldest first.")
    for i, text in enumerate(["Vilnius 2023", "Madrid 2022", "Washington 2024", "spare"]):
        page.fill(f"#id_rows-{i}-text", text)
    page.locator(".editor-row").nth(1).locator("button[data-row-move=up]").click()
    page.locator(".editor-row").nth(3).locator("button[data-row-remove]").click()
    question = save(page, "ordering")
    texts = {c["id"]: c["text"] for c in question.choices}
    assert [texts[i] for i in question.answer["order"]] == ["Madrid 2022", "Vilnius 2023", "Washington 2024"]

    page = new("essay", "Assess whether admitting Ukraine during the war would trigger Article 5.")
    page.fill("#id_s-word_limit", "500")
    page.click("button[data-add-row=criteria]")
    page.fill("#id_criteria-0-criterion", "Argument")
    page.fill("#id_criteria-0-levels", "4 Weighs both sides with evidence\n0 No argument")
    question = save(page, "essay")
    assert question.choices == {"word_limit": 500, "response_lines": 15}
    assert [lv["points"] for lv in question.answer["rubric"][0]["levels"]] == [4, 0]

    page = new("embedded_answers", "NATO was founded in [[1]]; its first Secretary General was [[2]].")
    page.select_option("#id_gaps-0-kind", "numeric")
    page.fill("#id_gaps-0-value", "1949")
    page.select_option("#id_gaps-1-kind", "choice")
    page.fill("#id_gaps-1-answers", "*Lord Ismay\nPaul-Henri Spaak")
    page.wait_for_selector("#preview select[name=gap-2]")
    axe_both(teacher, "question-editor-embedded")
    question = save(page, "embedded_answers")
    ismay = next(c["id"] for c in question.choices if c["text"] == "Lord Ismay")
    assert _grade(question, {"1": "1949", "2": ismay}) == 1

    page = new("description", "The next questions are about the Vilnius summit.")
    assert save(page, "description").points == 0
    assert Question.objects.filter(bank=bank).count() == len(QuestionType.values)
