"""Option ids say nothing about the answer key (review finding F2).

Students see option ids (they send them back as their answers), so an id must not carry the key:
imported files used to number them ``l1``↔``r1``, ``o1…oN`` in key order and ``c1…`` in file
order, and a script answering from the ids alone scored 3/3 on a review-"nothing" quiz.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from courseware.models import User
from quizzes.models import Attempt, Question, Response
from quizzes.services.grading import attempt_grade
from tests.api.conftest import World, token_client
from tests.conftest import client_for
from tests.pages.editor_posts import editor_post

pytestmark = pytest.mark.django_db

# What the review imported: a matching and a single-choice question in GIFT (the answer first,
# as GIFT authors write it) and an ordering question in Moodle XML, items in the right order.
LEAK_GIFT = """::Capitals::Match each country to its capital. {
=France -> Paris
=Germany -> Berlin
=Italy -> Rome
=Spain -> Madrid
}

::Summit::Where was the 2023 NATO summit held? {=Vilnius ~Madrid ~Washington ~The Hague ~Brussels ~Madrid 2022}
"""
ORDER = ["Germany 1955", "Spain 1982", "Poland 1999", "Finland 2023", "Sweden 2024", "Norway 1949"]
ORDER.sort(key=lambda item: item.split()[1])
LEAK_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  <question type="ordering">\n'
    "    <name><text>Accessions</text></name>\n"
    '    <questiontext format="html"><text>Put the accessions to NATO in order.</text></questiontext>\n'
    + "".join(f'    <answer fraction="{i}" format="moodle_auto_format"><text>{t}</text></answer>\n' for i, t in enumerate(ORDER, 1))
    + "  </question>\n</quiz>\n"
)
OPAQUE = re.compile(r"^[0-9a-f]{12}$")


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def imported_quiz(client: APIClient, world: World) -> int:
    """Bank, import, approval and a review-"nothing" quiz, all through the API as the review did."""
    bank = client.post("/api/banks/create/", {"name": "repro-F2", "course": world.course.pk}, format="json").json()["id"]
    for fmt, name, text in (("gift", "leak.gift", LEAK_GIFT), ("moodle-xml", "leak.xml", LEAK_XML)):
        imported = client.post(f"/api/banks/{bank}/import/", {"format": fmt, "file": _upload(name, text)}, format="multipart")
        assert imported.status_code == 201, imported.content
    ids = [q["id"] for q in client.get(f"/api/banks/{bank}/questions/").json()["results"]]
    assert len(ids) == 3
    assert client.post(f"/api/banks/{bank}/approve/", {"questions": ids}, format="json").status_code == 200
    quiz = client.post(
        "/api/quizzes/create/",
        {
            "module": world.module.pk,
            "title": "repro-F2",
            "review_after_submit": 0,
            "review_after_close": 0,
            "is_published": True,
            "fixed_questions": ids,
        },
        format="json",
    )
    assert quiz.status_code == 201, quiz.content
    return int(quiz.json()["id"])


def answer_from_ids_alone(question: dict[str, Any]) -> Any:
    """The review's script: sorted ordering ids, left and right paired by rank (``lk``→``rk``), the lowest choice id."""
    options = sorted(o["id"] for o in question["options"])
    if question["type"] == "ordering":
        return options
    if question["type"] == "matching":
        return dict(zip(sorted(item["id"] for item in question["left"]), options, strict=False))
    return options[0]


def test_a_student_cannot_score_by_answering_imported_questions_from_their_ids(world: World, instructor: User, student: User) -> None:
    quiz = imported_quiz(token_client(instructor), world)
    client = token_client(student)
    attempt = client.post(f"/api/quizzes/{quiz}/attempts/").json()
    for question in attempt["questions"]:
        saved = client.put(
            f"/api/attempts/{attempt['id']}/responses/{question['question_id']}/",
            {"answer": answer_from_ids_alone(question)},
            format="json",
        )
        assert saved.status_code == 200, saved.content
    assert client.post(f"/api/attempts/{attempt['id']}/submit/").status_code == 202
    attempt_grade(attempt_id=attempt["id"])
    graded = Attempt.objects.get(pk=attempt["id"])
    # Each question is answered right by the ids alone only by chance (1 in 24, 720 and 6);
    # all three together would be 1 in about 100,000. Today's ids made it certain.
    assert graded.score is not None and graded.score < graded.max_score, "the ids gave every key away"


def test_imported_option_ids_are_random_unrelated_to_file_order_and_between_columns(world: World, instructor: User) -> None:
    client = token_client(instructor)
    imported_quiz(client, world)
    imported_quiz_again = client.post("/api/banks/create/", {"name": "again", "course": world.course.pk}, format="json").json()["id"]
    client.post(
        f"/api/banks/{imported_quiz_again}/import/", {"format": "gift", "file": _upload("leak.gift", LEAK_GIFT)}, format="multipart"
    )
    client.post(
        f"/api/banks/{imported_quiz_again}/import/", {"format": "moodle-xml", "file": _upload("leak.xml", LEAK_XML)}, format="multipart"
    )

    first, second = ({q.type: q for q in Question.objects.filter(bank__name=name)} for name in ("repro-F2", "again"))
    for qtype in ("matching", "ordering", "single_choice"):
        ids = _ids(first[qtype])
        assert all(OPAQUE.match(i) for i in ids), ids
        assert not ids & _ids(second[qtype]), "the same file imported twice gets the same ids: they follow the file"
    matching = first["matching"]
    pairs = matching.answer["pairs"]
    assert not any(left[-4:] == right[-4:] or left[:4] == right[:4] for left, right in pairs.items())
    ordering = first["ordering"]
    # Ids that followed the file would sort into the key's order every time; random ones do one
    # time in 720 (six items: seen once in CI), so both imports at once one time in 518,400.
    orders = [ordering.answer["order"], second["ordering"].answer["order"]]
    assert any(sorted(order) != order for order in orders), orders
    texts = {c["id"]: c["text"] for c in ordering.choices}
    assert [texts[i] for i in ordering.answer["order"]] == ORDER, "the key is still the file's order"


def _ids(question: Question) -> set[str]:
    choices = question.choices
    items = [*choices["left"], *choices["right"]] if isinstance(choices, dict) else choices
    return {c["id"] for c in items}


def test_option_ids_an_instructor_writes_through_the_api_are_replaced_by_random_ones(world: World, instructor: User) -> None:
    created = token_client(instructor).post(
        f"/api/banks/{world.bank.pk}/questions/create/",
        {
            "type": "matching",
            "stem": "Match each system to its role.",
            "choices": {
                "left": [{"id": "a", "text": "Stinger"}, {"id": "b", "text": "Javelin"}],
                "right": [{"id": "a2", "text": "air defence"}, {"id": "b2", "text": "anti-tank"}],
            },
            "answer": {"pairs": {"a": "a2", "b": "b2"}},
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    question = Question.objects.get(pk=created.json()["id"])
    assert all(OPAQUE.match(i) for i in _ids(question))
    left = {c["id"]: c["text"] for c in question.choices["left"]}
    right = {c["id"]: c["text"] for c in question.choices["right"]}
    assert {left[k]: right[v] for k, v in question.answer["pairs"].items()} == {"Stinger": "air defence", "Javelin": "anti-tank"}


def test_option_ids_an_instructor_writes_on_the_question_page_are_replaced_by_random_ones(world: World, instructor: User) -> None:
    page = client_for(instructor).post(
        f"/teach/banks/{world.bank.pk}/new/",
        editor_post(
            "ordering",
            stem="Order the summits.",
            # Hidden ids a hand-made POST could carry: the service still replaces every id it did not issue.
            rows=[{"id": "o1", "text": "Vilnius 2023"}, {"id": "o2", "text": "Washington 2024"}, {"id": "o3", "text": "The Hague 2025"}],
        ),
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    question = Question.objects.get(bank=world.bank, stem="Order the summits.")
    texts = {c["id"]: c["text"] for c in question.choices}
    assert not {"o1", "o2", "o3"} & set(texts)
    assert [texts[i] for i in question.answer["order"]] == ["Vilnius 2023", "Washington 2024", "The Hague 2025"]


def test_an_edit_keeps_the_ids_earlier_responses_refer_to_and_names_new_options_randomly(world: World, instructor: User) -> None:
    question = world.question  # answered in world.attempt, ids c1..c4
    choices = [*question.choices, {"id": "new", "text": "NASAMS"}]
    edited = token_client(instructor).post(
        f"/api/questions/{question.pk}/edit/", {"choices": choices, "answer": {"correct": "new"}}, format="json"
    )
    assert edited.status_code == 201, edited.content
    new = Question.objects.get(pk=edited.json()["id"])
    kept = [c["id"] for c in question.choices]
    assert [c["id"] for c in new.choices][:-1] == kept, "responses and regrades refer to these"
    added = new.choices[-1]
    assert added["text"] == "NASAMS" and OPAQUE.match(added["id"]) and new.answer == {"correct": added["id"]}
    assert Response.objects.filter(question=question).exists()
