"""The question editor: every type is written and edited through forms only (POSTs a browser
without JavaScript sends: no JSON, no option ids typed by a person), mistakes are explained next
to their field, the preview shows the student's own template, and an edit of an approved question
waits for approval while the approved version stays in use."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from quizzes.models import Question, QuestionType
from quizzes.questiontypes import grade_answer
from tests.conftest import client_for
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.pages.editor_posts import editor_post

pytestmark = pytest.mark.django_db

EVERY_TYPE = [t for t in QuestionType.values]


@pytest.fixture
def bank(course):  # type: ignore[no-untyped-def]
    return QuestionBankFactory(course=course)


@pytest.fixture
def teacher(instructor):  # type: ignore[no-untyped-def]
    return client_for(instructor)


def _new(teacher, bank, data) -> Question:  # type: ignore[no-untyped-def]
    response = teacher.post(reverse("question-new", args=[bank.pk]), data)
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^>]*>(.*?)</ul>|role="alert"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )
    return Question.objects.filter(bank=bank).latest("pk")


def _edit(teacher, question, data) -> Question:  # type: ignore[no-untyped-def]
    response = teacher.post(reverse("question-edit", args=[question.pk]), data)
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^>]*>(.*?)</ul>|role="alert"[^>]*>(.*?)</div>', response.content.decode(), re.S
    )
    return Question.objects.filter(root_id=question.root_id_or_self).latest("version")


def _grade(question: Question, response) -> float:  # type: ignore[no-untyped-def]
    return grade_answer(type=question.type, choices=question.choices, answer=question.answer, response=response).fraction


def test_the_new_question_page_offers_every_type_and_each_form_has_no_json_field(teacher, bank) -> None:
    chooser = teacher.get(reverse("question-new", args=[bank.pk])).content.decode()
    for qtype in EVERY_TYPE:
        assert f"?type={qtype}" in chooser
        page = teacher.get(reverse("question-new", args=[bank.pk]) + f"?type={qtype}").content.decode()
        form = page[page.index('id="question-form"') : page.index("</form>")]
        assert 'name="choices"' not in form and 'name="answer"' not in form
        assert "JSON" not in form


def test_single_choice_written_with_feedback_then_edited_by_adding_reordering_and_removing_choices(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.SINGLE_CHOICE,
            stem="Which system did Ukraine receive in 2022?",
            rows=[
                {"text": "HIMARS", "correct": True, "feedback": "Yes: June 2022.", "ORDER": "1"},
                {"text": "F-35", "feedback": "Not delivered.", "ORDER": "2"},
                {"text": "Tomahawk", "ORDER": "3"},
            ],
        ),
    )
    assert [c["text"] for c in question.choices] == ["HIMARS", "F-35", "Tomahawk"]
    assert [c.get("feedback") for c in question.choices] == ["Yes: June 2022.", "Not delivered.", None]
    ids = [c["id"] for c in question.choices]
    assert question.answer == {"correct": ids[0]} and all(re.fullmatch(r"[0-9a-f]{12}", i) for i in ids)
    assert (question.status, question.origin, question.topic) == ("draft", "manual", "aid")

    edited = _edit(
        teacher,
        question,
        editor_post(
            QuestionType.SINGLE_CHOICE,
            stem="Which system did Ukraine receive first?",
            rows=[
                {"id": ids[0], "text": "HIMARS", "correct": True, "ORDER": "2"},
                {"id": ids[1], "text": "F-35", "ORDER": "1", "DELETE": True},
                {"id": ids[2], "text": "Tomahawk", "ORDER": "1"},
                {"text": "Patriot", "ORDER": "3", "feedback": "Later."},
            ],
        ),
    )
    assert edited.version == 2 and edited.is_current and edited.stem == "Which system did Ukraine receive first?"
    assert [c["text"] for c in edited.choices] == ["Tomahawk", "HIMARS", "Patriot"]
    assert [c["id"] for c in edited.choices][:2] == [ids[2], ids[0]], "kept ids: earlier responses refer to them"
    assert _grade(edited, ids[0]) == 1 and _grade(edited, ids[2]) == 0


def test_multiple_response_with_partial_credit(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.MULTIPLE_RESPONSE,
            stem="Which are NATO members?",
            rows=[
                {"text": "Finland", "correct": True, "credit": "50"},
                {"text": "Sweden", "correct": True, "credit": "50"},
                {"text": "Ukraine", "credit": "-50", "feedback": "Not yet."},
            ],
        ),
    )
    fi, se, ua = (c["id"] for c in question.choices)
    assert question.answer == {"correct": [fi, se], "weights": {fi: 0.5, se: 0.5, ua: -0.5}}
    assert _grade(question, [fi, se]) == 1 and _grade(question, [fi, ua]) == 0
    edited = _edit(
        teacher,
        question,
        editor_post(
            QuestionType.MULTIPLE_RESPONSE,
            stem="Which are NATO members?",
            rows=[
                {"id": fi, "text": "Finland", "correct": True},
                {"id": se, "text": "Sweden", "correct": True},
                {"id": ua, "text": "Ukraine"},
            ],
        ),
    )
    assert edited.answer == {"correct": [fi, se]}


def test_true_false(teacher, bank) -> None:
    question = _new(
        teacher, bank, editor_post(QuestionType.TRUE_FALSE, stem="Article 5 was invoked after 9/11.", settings={"correct": "true"})
    )
    assert (question.choices, question.answer) == ([], {"correct": True})
    edited = _edit(
        teacher, question, editor_post(QuestionType.TRUE_FALSE, stem="Article 5 was never invoked.", settings={"correct": "false"})
    )
    assert edited.answer == {"correct": False}


def test_short_answer_with_case_and_typo_options(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.SHORT_ANSWER,
            stem="Which alliance's Article 5 is about collective defence?",
            settings={"typo_tolerance": False, "case_sensitive": True},
            accepted=[{"text": "NATO", "credit": "100"}, {"text": "North Atlantic Treaty Organization", "credit": "100"}],
        ),
    )
    assert question.answer == {"accepted": ["NATO", "North Atlantic Treaty Organization"], "typo_tolerance": False, "case_sensitive": True}
    assert _grade(question, "NATO") == 1 and _grade(question, "Nato") == 0
    edited = _edit(
        teacher,
        question,
        editor_post(
            QuestionType.SHORT_ANSWER,
            stem="Which alliance?",
            settings={"typo_tolerance": True},
            accepted=[{"text": "NATO", "credit": "100"}, {"text": "the Alliance", "credit": "50"}, {"text": "", "credit": "100"}],
        ),
    )
    assert edited.answer == {"accepted": ["NATO", "the Alliance"], "weights": {"NATO": 1.0, "the Alliance": 0.5}}
    assert _grade(edited, "nato") == 1 and _grade(edited, "alliance") == 0.5


def test_cloze_needs_its_blank_and_says_so_next_to_the_text(teacher, bank) -> None:
    data = editor_post(
        QuestionType.CLOZE,
        stem="The Washington summit was held in 2024.",
        settings={"typo_tolerance": True},
        accepted=[{"text": "2024", "credit": "100"}],
    )
    page = teacher.post(reverse("question-new", args=[bank.pk]), data)
    assert page.status_code == 200 and not Question.objects.filter(bank=bank).exists()
    html = page.content.decode()
    assert re.search(r'for="id_q-stem".*?Put exactly one blank, ____ \(four underscores\)', html, re.S)
    question = _new(teacher, bank, {**data, "q-stem": "The Washington summit was held in ____."})
    assert question.answer == {"accepted": ["2024"]} and _grade(question, "2024") == 1
    edited = _edit(
        teacher, question, {**data, "q-stem": "NATO's 75th-anniversary summit was held in ____.", "accepted-0-text": "Washington"}
    )
    assert edited.answer == {"accepted": ["Washington"]}


def test_numeric_with_tolerance_unit_and_a_partly_right_value(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.NUMERIC,
            stem="How many billion USD of aid?",
            settings={"value": "61", "tolerance": "0.5", "unit": "billion USD"},
            alternatives=[{"value": "60", "tolerance": "0", "credit": "50"}],
        ),
    )
    assert question.answer == {
        "value": 61,
        "tolerance": 0.5,
        "unit": "billion USD",
        "alternatives": [{"value": 60, "tolerance": 0, "weight": 0.5}],
    }
    assert _grade(question, "61.4") == 1 and _grade(question, "60") == 0.5
    edited = _edit(
        teacher,
        question,
        editor_post(QuestionType.NUMERIC, stem="How many?", settings={"value": "2.5", "tolerance": "", "unit": ""}, alternatives=[]),
    )
    assert edited.answer == {"value": 2.5, "tolerance": 0, "unit": ""}


def test_matching_pairs_with_a_distractor(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.MATCHING,
            stem="Match each summit to its year.",
            rows=[{"left": "Vilnius", "right": "2023"}, {"left": "Washington", "right": "2024"}, {"left": "", "right": "2019"}],
        ),
    )
    left = {c["text"]: c["id"] for c in question.choices["left"]}
    right = {c["text"]: c["id"] for c in question.choices["right"]}
    assert set(right) == {"2023", "2024", "2019"}
    assert question.answer == {"pairs": {left["Vilnius"]: right["2023"], left["Washington"]: right["2024"]}}
    edited = _edit(
        teacher,
        question,
        editor_post(
            QuestionType.MATCHING,
            stem="Match each summit to its year.",
            rows=[
                {"left_id": left["Vilnius"], "right_id": right["2023"], "left": "Vilnius", "right": "2023"},
                {"left_id": left["Washington"], "right_id": right["2024"], "left": "Washington", "right": "2024"},
                {"left": "The Hague", "right": "2025"},
            ],
        ),
    )
    assert len(edited.answer["pairs"]) == 3 and edited.answer["pairs"][left["Vilnius"]] == right["2023"]


def test_ordering_items_in_the_right_order(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.ORDERING,
            stem="Oldest first.",
            rows=[{"text": "Vilnius 2023", "ORDER": "1"}, {"text": "Washington 2024", "ORDER": "2"}],
        ),
    )
    texts = {c["id"]: c["text"] for c in question.choices}
    assert [texts[i] for i in question.answer["order"]] == ["Vilnius 2023", "Washington 2024"]
    ids = question.answer["order"]
    edited = _edit(
        teacher,
        question,
        editor_post(
            QuestionType.ORDERING,
            stem="Oldest first.",
            rows=[
                {"id": ids[0], "text": "Vilnius 2023", "ORDER": "2"},
                {"id": ids[1], "text": "Washington 2024", "ORDER": "3"},
                {"text": "Madrid 2022", "ORDER": "1"},
            ],
        ),
    )
    texts = {c["id"]: c["text"] for c in edited.choices}
    assert [texts[i] for i in edited.answer["order"]] == ["Madrid 2022", "Vilnius 2023", "Washington 2024"]


def test_essay_with_word_limit_and_a_rubric(teacher, bank) -> None:
    question = _new(
        teacher,
        bank,
        editor_post(
            QuestionType.ESSAY,
            stem="Assess whether admitting Ukraine during the war would trigger Article 5.",
            settings={"word_limit": "500", "response_lines": "", "response_template": "", "grader_info": "Look for both sides."},
            criteria=[{"criterion": "Argument", "levels": "4 Weighs both sides with evidence\n2 One side only\n0 No argument"}],
        ),
    )
    assert question.choices == {"word_limit": 500}
    rubric = question.answer["rubric"]
    assert question.answer["grader_info"] == "Look for both sides."
    assert [(lv["points"], lv["label"]) for lv in rubric[0]["levels"]] == [
        (4, "Weighs both sides with evidence"),
        (2, "One side only"),
        (0, "No argument"),
    ]
    edited = _edit(
        teacher,
        question,
        editor_post(
            QuestionType.ESSAY,
            stem="Assess whether admitting Ukraine would trigger Article 5.",
            settings={"word_limit": "800"},
            criteria=[{"id": rubric[0]["id"], "criterion": "Argument", "levels": "5 Weighs both sides with evidence\n0 No argument"}],
        ),
    )
    new_rubric = edited.answer["rubric"]
    assert new_rubric[0]["id"] == rubric[0]["id"] and new_rubric[0]["levels"][0]["id"] == rubric[0]["levels"][0]["id"], (
        "marks refer to these ids"
    )
    assert new_rubric[0]["levels"][0]["points"] == 5 and edited.choices == {"word_limit": 800}


def test_embedded_answers_with_a_typed_a_numeric_and_a_drop_down_gap(teacher, bank) -> None:
    gaps = [
        {"kind": "numeric", "value": "1949", "tolerance": "0", "points": "2"},
        {"kind": "text", "answers": "Washington\nWashington DC", "points": "1"},
        {"kind": "choice", "answers": "*Lord Ismay\nPaul-Henri Spaak", "points": "1"},
    ]
    stem = "NATO was founded in [[1]] in [[2]]; its first Secretary General was [[3]]."
    page = teacher.post(reverse("question-new", args=[bank.pk]), editor_post(QuestionType.EMBEDDED, stem="Founded in [[1]].", gaps=gaps))
    assert "The text must mark each of the 3 gaps once, in order: [[1]], [[2]], [[3]]." in page.content.decode()
    bad = editor_post(QuestionType.EMBEDDED, stem=stem, gaps=[*gaps[:2], {"kind": "choice", "answers": "Lord Ismay\nSpaak", "points": "1"}])
    assert (
        "Start exactly one option with * to mark it right." in teacher.post(reverse("question-new", args=[bank.pk]), bad).content.decode()
    )

    question = _new(teacher, bank, editor_post(QuestionType.EMBEDDED, stem=stem, gaps=gaps))
    ismay, _spaak = question.choices
    assert ismay["text"] == "Lord Ismay" and ismay["id"].startswith("g3-") and ismay["id"] != "g3-new1"
    assert question.answer == {
        "gaps": [
            {"kind": "numeric", "points": 2, "value": 1949, "tolerance": 0},
            {"kind": "text", "points": 1, "accepted": ["Washington", "Washington DC"]},
            {"kind": "choice", "points": 1, "correct": ismay["id"]},
        ]
    }
    assert _grade(question, {"1": "1949", "2": "washington", "3": ismay["id"]}) == 1
    preview = teacher.post(
        reverse("question-preview", args=[bank.pk]), editor_post(QuestionType.EMBEDDED, stem=stem, gaps=gaps)
    ).content.decode()
    assert 'name="gap-1"' in preview and "Paul-Henri Spaak" in preview and "[[1]]" not in preview

    gaps[2]["answers"] = "Paul-Henri Spaak\n*Lord Ismay\nDirk Stikker"
    edited = _edit(teacher, question, editor_post(QuestionType.EMBEDDED, stem=stem, gaps=gaps))
    assert {c["text"]: c["id"] for c in edited.choices}["Lord Ismay"] == ismay["id"], "kept: responses refer to it"
    assert edited.answer["gaps"][2]["correct"] == ismay["id"] and len(edited.choices) == 3


def test_description_has_only_its_text(teacher, bank) -> None:
    page = teacher.get(reverse("question-new", args=[bank.pk]) + "?type=description").content.decode()
    assert "Text shown between questions" in page and 'name="q-points"' not in page
    question = _new(teacher, bank, {"type": "description", "q-stem": "The next questions are about Vilnius.", "q-topic": "", "save": "1"})
    assert (question.type, question.choices, question.answer, question.points) == ("description", [], {}, 0)
    edited = _edit(teacher, question, {"type": "description", "q-stem": "The next questions are about Washington.", "save": "1"})
    assert edited.stem == "The next questions are about Washington." and edited.points == 0


def test_mistakes_are_explained_in_plain_words_and_nothing_is_saved(teacher, bank) -> None:
    cases = [
        (
            editor_post(QuestionType.SINGLE_CHOICE, stem="Which?", rows=[{"text": "A"}, {"text": "B"}]),
            "Mark exactly one choice as the right answer.",
        ),
        (editor_post(QuestionType.SINGLE_CHOICE, stem="Which?", rows=[{"text": "A", "correct": True}]), "Give at least two choices."),
        (editor_post(QuestionType.NUMERIC, stem="How many?", settings={"value": "many"}), "Enter a number."),
        (
            editor_post(QuestionType.ESSAY, stem="Discuss.", criteria=[{"criterion": "Argument", "levels": "good"}]),
            "Line 1 should start with its points",
        ),
        (editor_post(QuestionType.SHORT_ANSWER, stem="Which?", accepted=[]), "Give at least one accepted answer."),
        (
            editor_post(QuestionType.MATCHING, stem="Match.", rows=[{"left": "", "right": "x"}, {"left": "a", "right": "y"}]),
            "Give at least two items with their matches.",
        ),
    ]
    for data, message in cases:
        page = teacher.post(reverse("question-new", args=[bank.pk]), data)
        assert page.status_code == 200 and message in page.content.decode(), message
    assert not Question.objects.filter(bank=bank).exists()


def test_add_a_row_without_javascript_returns_the_form_one_row_longer(teacher, bank) -> None:
    data = editor_post(QuestionType.SINGLE_CHOICE, stem="Which?", button="add-rows", rows=[{"text": "A", "correct": True}, {"text": "B"}])
    page = teacher.post(reverse("question-new", args=[bank.pk]), data).content.decode()
    assert 'name="rows-2-text"' in page and 'value="A"' in page and 'name="rows-TOTAL_FORMS" value="3"' in page
    assert not Question.objects.filter(bank=bank).exists()


def test_preview_shows_the_students_template_without_the_key(teacher, bank) -> None:
    data = editor_post(
        QuestionType.SINGLE_CHOICE,
        stem="Which system?",
        button="preview",
        rows=[{"text": "HIMARS", "correct": True, "feedback": "SECRET-FEEDBACK"}, {"text": "F-35"}],
    )
    page = teacher.post(reverse("question-new", args=[bank.pk]), data).content.decode()
    preview = page[page.index('id="preview"') :]
    assert 'type="radio"' in preview and "HIMARS" in preview and "disabled" in preview and "SECRET-FEEDBACK" not in preview
    assert not Question.objects.filter(bank=bank).exists()
    numeric = editor_post(QuestionType.NUMERIC, stem="How far?", settings={"value": "2", "unit": "km"}, alternatives=[])
    live = teacher.post(reverse("question-preview", args=[bank.pk]), numeric, HTTP_HX_REQUEST="true")
    assert live.status_code == 200 and "in km" in live.content.decode() and 'value="2"' not in live.content.decode()


def test_editing_an_approved_question_keeps_it_in_use_until_the_new_version_is_approved(teacher, bank) -> None:
    question = QuestionFactory(bank=bank, status=Question.Status.APPROVED)
    page = teacher.get(reverse("question-edit", args=[question.pk])).content.decode()
    assert "quizzes keep drawing version 1 until you approve the new one" in page
    data = editor_post(
        QuestionType.SINGLE_CHOICE,
        stem="Which rocket artillery system?",
        rows=[{"id": c["id"], "text": c["text"], "correct": c["id"] == "c1"} for c in question.choices],
    )
    response = teacher.post(reverse("question-edit", args=[question.pk]), data, follow=True)
    page = response.content.decode()
    assert "Saved as version 2, waiting for approval. Quizzes keep using the approved version 1" in page
    assert "Version 2" in page and "waits for approval" in page and 'value="Which rocket artillery system?"' not in page
    assert "Which rocket artillery system?" in page, "the form goes on from the waiting version"
    question.refresh_from_db()
    assert (question.is_current, question.status) == (True, "approved")
    assert Question.objects.filter(bank=bank, is_current=True, status="approved").count() == 1
    pending = Question.objects.get(root=question)
    assert (pending.is_current, pending.status, pending.version) == (False, "draft", 2)

    teacher.post(reverse("question-status", args=[pending.pk]), {"action": "approve"})
    question.refresh_from_db()
    pending.refresh_from_db()
    assert (question.is_current, pending.is_current, pending.status) == (False, True, "approved")


def test_a_waiting_version_can_be_discarded(teacher, bank) -> None:
    question = QuestionFactory(bank=bank, status=Question.Status.APPROVED)
    data = editor_post(
        QuestionType.SINGLE_CHOICE,
        stem="Reworded?",
        rows=[{"id": c["id"], "text": c["text"], "correct": c["id"] == "c1"} for c in question.choices],
    )
    teacher.post(reverse("question-edit", args=[question.pk]), data)
    page = teacher.post(reverse("question-discard-pending", args=[question.pk]), follow=True).content.decode()
    assert "Version 2 discarded; the approved version stays in use." in page and "waits for approval" not in page
    question.refresh_from_db()
    assert question.is_current and question.status == "approved"


def test_the_version_history_says_who_changed_what(teacher, bank, instructor) -> None:
    question = QuestionFactory(bank=bank, status=Question.Status.DRAFT)
    rows = [
        {"id": c["id"], "text": c["text"], "correct": c["id"] == "c2", "feedback": "Right." if c["id"] == "c2" else ""}
        for c in question.choices
    ]
    edited = _edit(teacher, question, editor_post(QuestionType.SINGLE_CHOICE, stem="Which air-defence system?", rows=rows))
    page = teacher.get(reverse("question-history", args=[edited.pk])).content.decode()
    assert page.index("Version 2") < page.index("Version 1")
    assert f"Saved by {instructor.get_username()}" in page or "Saved by " in page
    assert re.search(r'class="diff-added">.*?\+ Question: Which air-defence system\?', page)
    assert re.search(r'class="diff-removed">.*?Question: Which system is number', page)
    assert re.search(r'class="diff-added">.*?Choice \(✓ right\): Patriot — feedback: Right\.', page)
    assert re.search(r'class="diff-removed">.*?Choice \(✓ right\): HIMARS', page)
    assert "c1" not in re.sub(r"<[^>]+>", "", page), "no option ids on the page"


def test_students_and_other_instructors_cannot_use_the_editor(bank, student, other_instructor) -> None:
    question = QuestionFactory(bank=bank)
    for user in (student, other_instructor):
        client = client_for(user)
        for url in (
            reverse("question-new", args=[bank.pk]) + "?type=essay",
            reverse("question-edit", args=[question.pk]),
            reverse("question-history", args=[question.pk]),
        ):
            assert client.get(url).status_code in (302, 403, 404), (user, url)
        assert client.post(reverse("question-preview", args=[bank.pk]), {"type": "essay"}).status_code in (302, 403, 404)
