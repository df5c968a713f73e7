"""The import/export service and the two management commands that call it."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from quizzes.models import Question, QuestionBank
from quizzes.services.interop import BANK_NAME_INVALID, IMPORT_NOT_ALLOWED, questions_export, questions_for_export, questions_import
from tests.factories import QuestionBankFactory, QuestionFactory, ReadingFactory, SectionFactory
from tests.quizzes.interop.conftest import CORPUS, positional_ids

pytestmark = pytest.mark.django_db

SIMPLE = b"::One::Is this imported?{T}\n\n::Two::Which?{=a ~b}\n"


def test_imported_questions_are_drafts_of_origin_imported_in_a_new_bank_owned_by_the_importer(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="From Moodle", fmt="gift", data=SIMPLE, user=admin)
    bank = QuestionBank.objects.get(name="From Moodle")
    assert bank.owner == admin
    assert report.bank_id == bank.pk
    assert report.imported == 2
    assert sorted(report.question_ids) == sorted(bank.questions.values_list("id", flat=True))
    assert set(bank.questions.values_list("status", "origin", "created_by")) == {
        (Question.Status.DRAFT, Question.Origin.IMPORTED, admin.pk)
    }


def test_imported_questions_store_their_keys_texts_for_the_quiz_draw(admin) -> None:  # type: ignore[no-untyped-def]
    questions_import(
        bank="Keys", fmt="gift", data=b"::Year::NATO was founded in {#1949}\n\n::Which::Which?{=Patriot ~HIMARS}\n", user=admin
    )
    assert sorted(map(tuple, Question.objects.values_list("key_terms", flat=True))) == [("1949",), ("Patriot",)]


def test_it_imports_into_an_existing_bank(instructor, course) -> None:  # type: ignore[no-untyped-def]
    bank = QuestionBankFactory(name="Existing", course=course)
    QuestionFactory(bank=bank)
    questions_import(bank=bank, fmt="gift", data=SIMPLE, user=instructor)
    assert bank.questions.count() == 3
    assert QuestionBank.objects.count() == 1


def test_a_file_where_nothing_imports_creates_no_bank(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="Empty", fmt="gift", data=b"::Broken::Which? {=a ~b\n", user=admin)
    assert report.imported == 0
    assert not QuestionBank.objects.filter(name="Empty").exists()


def test_an_empty_file_says_it_holds_no_questions(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="Empty", fmt="gift", data=b"// only a comment\n", user=admin)
    assert [e.reason for e in report.errors] == ["The file holds no questions."]


def test_students_cannot_import(student) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied, match=IMPORT_NOT_ALLOWED):
        questions_import(bank="Nope", fmt="gift", data=SIMPLE, user=student)
    assert not Question.objects.exists()


def test_an_unknown_format_is_refused(admin) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="Unknown format 'qti'"):
        questions_import(bank="B", fmt="qti", data=SIMPLE, user=admin)


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_a_new_bank_needs_a_name(admin, name) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=BANK_NAME_INVALID):
        questions_import(bank=name, fmt="gift", data=SIMPLE, user=admin)


def test_a_key_that_fails_validation_is_reported_not_stored(admin) -> None:  # type: ignore[no-untyped-def]
    # "!!!" normalises to nothing, so it can never be typed as an answer.
    report = questions_import(bank="B", fmt="gift", data=b"::Bad::Type the symbols.{=!!!}\n", user=admin)
    assert report.imported == 0
    assert report.errors[0].question == "Bad"
    assert "accepted answers must be a non-empty list of non-empty strings" in report.errors[0].reason


def test_html_is_sanitised_in_choices_and_feedback(admin) -> None:  # type: ignore[no-untyped-def]
    data = b"::X::[html]Pick<img src\\=x onerror\\=alert(1)>{=<b onclick\\=x()>a</b>#<script>x</script>ok ~b}\n"
    questions_import(bank="B", fmt="gift", data=data, user=admin)
    question = positional_ids(Question.objects.get())
    # An image source that is not one of the question's files goes too (quizzes.media).
    assert question.stem == "Pick<img>"
    assert question.choices[0] == {"id": "c1", "text": "<b>a</b>", "feedback": "ok"}


def test_export_takes_current_versions_filtered_by_status_and_reading() -> None:
    reading = ReadingFactory()
    section = SectionFactory(reading=reading)
    bank = QuestionBankFactory(name="Filtered")
    approved = QuestionFactory(bank=bank, source_section=section)
    draft = QuestionFactory(bank=bank, status=Question.Status.DRAFT, source_section=section)
    QuestionFactory(bank=bank, is_current=False, source_section=section)
    other = QuestionFactory(bank=bank)
    assert list(questions_for_export(bank=bank)) == [approved, draft, other]
    assert list(questions_for_export(bank=bank, status="draft")) == [draft]
    assert list(questions_for_export(reading_id=reading.pk, status="approved")) == [approved]


def test_json_export_lists_each_question_with_its_source() -> None:
    reading = ReadingFactory()
    section = SectionFactory(reading=reading)
    bank = QuestionBankFactory(name="JSON")
    question = QuestionFactory(bank=bank, source_section=section, source_start=3, source_end=40)
    true_false = QuestionFactory(bank=bank, true_false=True)
    data = json.loads(questions_export(fmt="json", bank=bank))
    assert [d["id"] for d in data] == [question.pk, true_false.pk]
    first = data[0]
    for key in ("type", "stem", "choices", "answer", "explanation", "topic", "difficulty", "status"):
        assert key in first
    assert first["source"]["reading"] == reading.pk
    assert first["source"]["section"] == section.pk
    assert first["source"]["passage"] == "Ukraine received HIMARS in 2022."
    assert (first["source"]["start"], first["source"]["end"]) == (3, 40)


def test_import_command_prints_the_report_as_json() -> None:
    out = StringIO()
    call_command("import_questions", "--format", "moodle-xml", str(CORPUS / "malformed.moodle.xml"), "--bank", "CLI", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["imported"] == 2
    assert len(report["errors"]) == 6
    assert report["errors"][0] == {
        "line": 3,
        "question": "#1 Cloze without subquestions",
        "reason": "the cloze question has no subquestions (no {1:SHORTANSWER:...} style gap)",
    }
    assert QuestionBank.objects.get(name="CLI").questions.count() == 2


def test_import_command_reports_lines_for_gift() -> None:
    out = StringIO()
    call_command("import_questions", "--format", "gift", str(CORPUS / "malformed.gift.txt"), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["errors"][0] == {
        "line": 2,
        "question": "Unbalanced",
        "reason": "unbalanced braces: the answer block must open with '{' and close with '}' (write \\{ or \\} for a literal brace)",
    }
    assert QuestionBank.objects.filter(name="Imported from malformed.gift.txt").exists()


def test_export_command_writes_the_bank_and_notes_go_to_stderr(tmp_path: Path) -> None:
    bank = QuestionBankFactory(name="CLI export")
    QuestionFactory(bank=bank, explanation="", topic="")
    QuestionFactory(bank=bank, ordering=True)
    out, err = StringIO(), StringIO()
    call_command("export_questions", "--format", "gift", "--bank", "CLI export", stdout=out, stderr=err)
    assert out.getvalue().startswith("[plain]Which system is number")
    assert "ordering questions do not exist in GIFT" in err.getvalue()
    target = tmp_path / "bank.xml"
    call_command("export_questions", "--format", "moodle-xml", "--bank", "CLI export", "--output", str(target), stderr=StringIO())
    assert target.read_text(encoding="utf-8").count('<question type="ordering">') == 1


def test_export_runs_one_query_whatever_the_bank_size(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    section = SectionFactory()
    bank = QuestionBankFactory(name="Sized", reading=section.reading)
    for trait in ("cloze", "numeric", "matching", "ordering", "short_answer", "true_false", "multiple_response"):
        QuestionFactory(bank=bank, source_section=section, **{trait: True})
        QuestionFactory(bank=bank)
    with django_assert_num_queries(1):
        questions_export(fmt="json", bank=bank)
    for fmt in ("gift", "moodle-xml", "aiken"):
        # The questions, then their image files (Moodle XML writes them, the others note them).
        with django_assert_num_queries(2):
            questions_export(fmt=fmt, bank=bank)


def test_import_writes_the_questions_in_one_batch(admin, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    # Find-or-create the bank and one INSERT for all 26 questions, plus the savepoints around them.
    with django_assert_max_num_queries(7):
        report = questions_import(bank="Batch", fmt="gift", data=(CORPUS / "all_constructs.gift.txt").read_bytes(), user=admin)
    assert report.imported == 26


def test_a_utf8_byte_order_mark_is_ignored(admin) -> None:  # type: ignore[no-untyped-def]
    report = questions_import(bank="BOM", fmt="gift", data=b"\xef\xbb\xbf::Title::Sweden joined in 2024.{T}\n", user=admin)
    assert report.imported == 1
    assert Question.objects.get().title == "Title"


def test_a_file_over_the_size_limit_is_refused(admin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from quizzes.interop import base

    monkeypatch.setattr(base, "MAX_IMPORT_BYTES", 1024 * 1024)
    report = questions_import(bank="Big", fmt="gift", data=b"x" * (1024 * 1024 + 1), user=admin)
    assert [e.reason for e in report.errors] == ["The file is larger than 1 MB."]


@pytest.mark.parametrize(
    ("fmt", "one"),
    [
        ("gift", "::Q{i}::Is claim {i} true?{{T}}\n\n"),
        ("aiken", "Claim {i}?\nA. yes\nB. no\nANSWER: A\n\n"),
        (
            "moodle-xml",
            '<question type="truefalse"><name><text>Q{i}</text></name><questiontext><text>Claim {i}?</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>\n',
        ),
    ],
)
def test_the_readers_stop_one_question_past_the_cap_so_a_huge_file_costs_no_more(fmt, one) -> None:  # type: ignore[no-untyped-def]
    from quizzes.interop import PARSERS

    body = "".join(one.format(i=i) for i in range(500))
    text = f"<quiz>\n{body}</quiz>\n" if fmt == "moodle-xml" else body
    parsed = PARSERS[fmt](text, limit=10)
    assert parsed.over_limit
    assert len(parsed.questions) + len(parsed.errors) == 11
    assert not PARSERS[fmt](text, limit=500).over_limit


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml", "aiken", "json"])
def test_retired_questions_are_left_out_of_exports(fmt) -> None:  # type: ignore[no-untyped-def]
    bank = QuestionBankFactory()
    QuestionFactory(bank=bank, stem="Which alliance did Finland join in 2023?", status=Question.Status.APPROVED)
    QuestionFactory(bank=bank, stem="Which treaty was withdrawn from the bank?", status=Question.Status.RETIRED)
    text = questions_export(fmt=fmt, bank=bank)
    assert "Finland" in text and "withdrawn from the bank" not in text
