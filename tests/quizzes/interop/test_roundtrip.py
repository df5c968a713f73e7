"""Export a bank, import the file into a new bank, export that bank: the two files are identical,
for every format, on the corpus and on a bank shaped like the generated ones."""

from __future__ import annotations

import pytest

from courseware.models import User
from quizzes.models import Question, QuestionBank
from quizzes.services.interop import questions_export_result, questions_import
from tests.factories import QuestionBankFactory, QuestionFactory
from tests.quizzes.interop.conftest import corpus

pytestmark = pytest.mark.django_db

FORMATS = ["gift", "moodle-xml", "aiken"]
CORPUS_FILES = [
    ("all_constructs.gift.txt", "gift"),
    ("windows.gift.txt", "gift"),
    ("moodle_export.gift.txt", "gift"),
    ("all_types.moodle.xml", "moodle-xml"),
    ("questions.aiken.txt", "aiken"),
]


def assert_round_trip(bank: QuestionBank, fmt: str, user: User) -> str:
    first = questions_export_result(fmt=fmt, bank=bank)
    assert first.exported > 0, "nothing to round-trip"
    report = questions_import(bank=f"{bank.name} ({fmt} copy)", fmt=fmt, data=first.text.encode("utf-8"), user=user)
    assert report.errors == []
    assert report.imported == first.exported
    copy = QuestionBank.objects.get(name=f"{bank.name} ({fmt} copy)")
    second = questions_export_result(fmt=fmt, bank=copy)
    assert second.text == first.text
    return first.text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "source_format"), CORPUS_FILES)
def test_the_corpus_round_trips_in_every_format(admin, name, source_format, fmt) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="Corpus", fmt=source_format, data=corpus(name), user=admin)
    assert report.imported > 0
    if fmt == "aiken" and not Question.objects.filter(bank__name="Corpus", type__in=["single_choice", "true_false"]).exists():
        pytest.fail("the corpus file has no question Aiken can hold")
    assert_round_trip(QuestionBank.objects.get(name="Corpus"), fmt, admin)


def generated_like_bank() -> QuestionBank:
    """Every type as generation makes them (plain text, a topic, an explanation, a source passage),
    plus the details export must carry: weights, feedback, units, alternatives, distractors and
    characters that are special in GIFT, XML or cloze syntax."""
    bank = QuestionBankFactory(name="Generated-like")
    QuestionFactory(bank=bank, stem="Which system uses {braces}, a = sign, ~tilde, #hash and a colon: here?")
    QuestionFactory(bank=bank, multiple_response=True, topic="air defence/missiles")
    QuestionFactory(bank=bank, multiple_response=True, answer={"correct": ["c1", "c2", "c3"]}, topic="air defence/missiles")
    QuestionFactory(
        bank=bank,
        answer={"correct": "c2", "weights": {"c2": 1.0, "c1": 0.5, "c4": -0.3333333}},
        choices=[
            {"id": "c1", "text": "HIMARS & M270", "feedback": "Half right: <both> are launchers."},
            {"id": "c2", "text": "Patriot", "feedback": "Right."},
            {"id": "c3", "text": "a back\\slash"},
            {"id": "c4", "text": "]]> CDATA end"},
        ],
        explanation="Patriot is air defence.\nSecond line.",
    )
    QuestionFactory(bank=bank, true_false=True, meta={"answer_feedback": {"true": "Yes.", "false": "No, it is true."}})
    QuestionFactory(bank=bank, true_false=True, answer={"correct": False}, topic="Treaties and agreements")
    QuestionFactory(bank=bank, cloze=True)
    QuestionFactory(bank=bank, cloze=True, stem="The treaty was signed in ____", answer={"accepted": ["Washington", "Washington DC"]})
    QuestionFactory(bank=bank, numeric=True)
    QuestionFactory(
        bank=bank,
        numeric=True,
        stem="In which year was the treaty signed?",
        answer={"value": 1949, "tolerance": 0, "unit": "", "alternatives": [{"value": 1949, "tolerance": 1.5, "weight": 0.5}]},
        meta={"answer_feedback": {"0": "Exactly.", "1": "Close."}, "other_feedback": "April 1949."},
    )
    QuestionFactory(bank=bank, matching=True)
    QuestionFactory(
        bank=bank,
        matching=True,
        choices={
            "left": [{"id": "l1", "text": "Stinger"}, {"id": "l2", "text": "Javelin"}],
            "right": [{"id": "r1", "text": "air defence"}, {"id": "r2", "text": "anti-tank"}, {"id": "r3", "text": "naval mine"}],
        },
    )
    QuestionFactory(
        bank=bank,
        ordering=True,
        choices=[{"id": "o3", "text": "The Hague 2025"}, {"id": "o1", "text": "Vilnius 2023"}, {"id": "o2", "text": "Washington 2024"}],
    )
    QuestionFactory(bank=bank, short_answer=True, title="Secretary General", stem="Who led NATO from 2014 to 2024?")
    QuestionFactory(
        bank=bank,
        short_answer=True,
        stem="Name the alliance.",
        answer={"accepted": ["NATO", "OTAN", "North Atlantic"], "weights": {"North Atlantic": 0.5}},
        meta={"answer_feedback": {"OTAN": "The French acronym."}, "idnumber": "GEN-7", "tags": ["acronyms", "with space"]},
        points=2,
    )
    QuestionFactory(
        bank=bank,
        type="description",
        stem="The next questions are about the Vilnius summit.",
        choices=[],
        answer={},
        points=0,
        explanation="",
    )
    return bank


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_generated_like_bank_round_trips(admin, fmt) -> None:  # type: ignore[no-untyped-def]
    text = assert_round_trip(generated_like_bank(), fmt, admin)
    if fmt == "moodle-xml":
        assert text.count('<question type="') - text.count('<question type="category"') == 16


def test_the_round_trip_keeps_the_grading_of_every_question(admin) -> None:  # type: ignore[no-untyped-def]
    bank = generated_like_bank()
    assert_round_trip(bank, "moodle-xml", admin)
    originals = list(bank.questions.order_by("id"))
    copies = list(Question.objects.filter(bank__name="Generated-like (moodle-xml copy)").order_by("id"))
    assert [q.type for q in copies] == [q.type for q in originals]
    for original, copy in zip(originals, copies, strict=True):
        assert copy.stem == original.stem
        assert copy.topic == original.topic
        assert copy.explanation == original.explanation
        assert _same_key(original, copy)


def _same_key(original: Question, copy: Question) -> bool:
    # Import gives new random ids and weights may be written out: compare by text and by grade.
    from quizzes.questiontypes import grade_answer

    if original.type == "matching":
        return _pairs_by_text(original) == _pairs_by_text(copy)
    if original.type == "ordering":
        return _order_by_text(original) == _order_by_text(copy)
    if not isinstance(original.choices, list) or not original.choices:
        return bool(copy.answer == original.answer)

    if original.type in ("single_choice", "multiple_response"):
        by_text = {c["text"]: c["id"] for c in copy.choices}
        ids = [c["id"] for c in original.choices]
        for picked in (ids, ids[:1], ids[1:2], ids[:2]):
            response_original: object = picked if original.type == "multiple_response" else picked[0]
            mapped = [by_text[next(c["text"] for c in original.choices if c["id"] == i)] for i in picked]
            response_copy: object = mapped if original.type == "multiple_response" else mapped[0]
            a = grade_answer(type=original.type, choices=original.choices, answer=original.answer, response=response_original)
            b = grade_answer(type=copy.type, choices=copy.choices, answer=copy.answer, response=response_copy)
            if abs(a.fraction - b.fraction) > 1e-6:
                return False
        return True
    return False


def _pairs_by_text(question: Question) -> dict[str, str]:
    left = {c["id"]: c["text"] for c in question.choices["left"]}
    right = {c["id"]: c["text"] for c in question.choices["right"]}
    return {left[k]: right[v] for k, v in question.answer["pairs"].items()}


def _order_by_text(question: Question) -> list[str]:
    texts = {c["id"]: c["text"] for c in question.choices}
    return [texts[i] for i in question.answer["order"]]


@pytest.fixture
def seed_banks(db: None) -> list[QuestionBank]:
    """The banks the generator builds from the three seed readings (as `load_seeds` does)."""
    from courseware.services.readings import reading_import
    from demo.readings import DEMO_READINGS, SEEDS_DIR
    from quizzes.generation.service import bank_generate_for_reading, lexicon_load_seed

    lexicon_load_seed()
    banks = []
    for name, _, _ in DEMO_READINGS:
        reading = reading_import(data=(SEEDS_DIR / name).read_bytes(), filename=name, imported_by=None).reading
        report = bank_generate_for_reading(reading=reading)
        banks.append(QuestionBank.objects.get(pk=report.bank_id))
    return banks


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_generated_seed_banks_round_trip(seed_banks, admin, fmt) -> None:  # type: ignore[no-untyped-def]
    # Aiken holds single-choice questions only: a bank without any exports nothing in it, so each
    # bank round-trips what the format can hold, and the seed banks together must hold some.
    total = 0
    for bank in seed_banks:
        assert bank.questions.exists()
        if questions_export_result(fmt=fmt, bank=bank).exported == 0:
            assert fmt == "aiken", f"{bank.name} exports nothing as {fmt}"
            continue
        assert_round_trip(bank, fmt, admin)
        total += questions_export_result(fmt=fmt, bank=bank).exported
    assert total > 0
