"""Import question banks from GIFT, Moodle XML and Aiken files, and export them again.

The management commands, the instructor's review page and the API all call these, so the
rules live here: imported questions are drafts of origin "imported" in the chosen bank, HTML is
sanitised, every question passes ``validate_definition``, each rejected question is reported
with its reason and what did not map exactly is reported as a note.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from courseware.permissions import RequestUser, is_instructor, is_site_admin, signed_in
from quizzes.generation.export import question_export_dict
from quizzes.interop import PARSERS, WRITERS, ExportResult, ImportReport, InteropError, Issue
from quizzes.interop.base import NO_QUESTIONS, QuestionData, decode_text
from quizzes.interop.mapping import model_fields_from_data, question_data_from_model
from quizzes.media import CheckedImage, ImageRefused, files_referenced
from quizzes.models import Question, QuestionBank, QuestionFile
from quizzes.questiontypes import key_terms
from quizzes.services.banks import BANK_NEEDS_COURSE, bank_check_can_change
from quizzes.services.question_files import question_files_store, question_image_check

IMPORT_FORMATS = tuple(PARSERS)
EXPORT_FORMATS = (*WRITERS, "json")
IMPORT_NOT_ALLOWED = "Only instructors and administrators can import questions."
UNKNOWN_FORMAT = "Unknown format {fmt!r}; choose one of {choices}."
EXPORT_STATUSES = ("draft", "approved", "any")
BANK_NAME_INVALID = "Give the bank a name of 1 to 200 characters."
FILES_NOT_CARRIED = "{fmt} cannot carry files: the images {names} are not in the export (Moodle XML carries them)"
FILE_NOT_IMPORTED = "a file is not imported: {reason}"
FILE_MISSING = "the text shows the file {name}, which the import file does not hold: it shows no image"
TOO_MANY_QUESTIONS = (
    "The file holds more than {limit:,} questions, the most one import takes; nothing was imported. "
    "Split it into files of at most {limit:,} questions."
)


def questions_import(*, bank: QuestionBank | str, fmt: str, data: bytes, user: RequestUser | None) -> ImportReport:
    """Import every valid question of ``data`` into ``bank`` (a bank or the name of one, created
    if missing) and report the others. ``user`` is None only for the command line operator.

    Callers fetch an existing bank through their permission-checked selector first; this checks
    that ``user`` may change it (a shared bank is read-only; a bank named here and created is
    shared, which only admins may make).

    A file with more than ``settings.QUESTION_IMPORT_MAX_QUESTIONS`` questions is refused whole
    with ValidationError before anything is inserted; the reader stops once it has seen one more
    than the cap, so a large file costs its decoding and at most that many questions' parsing.
    The cap keeps one import's work to a few seconds inside the web request (see the README).
    """
    if user is not None and not is_instructor(user):
        raise PermissionDenied(IMPORT_NOT_ALLOWED)
    if fmt not in PARSERS:
        raise ValueError(UNKNOWN_FORMAT.format(fmt=fmt, choices=", ".join(IMPORT_FORMATS)))
    if isinstance(bank, str) and not 0 < len(bank.strip()) <= 200:
        raise ValueError(BANK_NAME_INVALID)
    if isinstance(bank, QuestionBank):
        bank_check_can_change(user=user, bank=bank)
    elif user is not None and not is_site_admin(user):
        existing = QuestionBank.objects.filter(name=bank.strip()).first()
        if existing is None:
            raise ValidationError({"course": BANK_NEEDS_COURSE})
        bank_check_can_change(user=user, bank=existing)

    report = ImportReport()
    try:
        text = decode_text(data)
    except InteropError as exc:
        report.errors.append(Issue(reason=str(exc)))
        return report
    limit = settings.QUESTION_IMPORT_MAX_QUESTIONS
    parsed = PARSERS[fmt](text, limit=limit)
    if parsed.reached(limit):  # stopped early, or read exactly one question more than the cap
        raise ValidationError(TOO_MANY_QUESTIONS.format(limit=limit), code="too_many_questions")
    report.errors.extend(parsed.errors)

    rows: list[dict[str, Any]] = []
    images: list[list[CheckedImage]] = []
    for item in parsed.questions:
        try:
            fields = model_fields_from_data(item)
        except InteropError as exc:
            report.errors.append(Issue(reason=str(exc), line=item.line, question=item.label))
            continue
        images.append(_images_of(item, fields))
        report.notes.extend(Issue(reason=note, line=item.line, question=item.label) for note in item.notes)
        rows.append(fields)
    if not parsed.questions and not parsed.errors:
        report.errors.append(Issue(reason=NO_QUESTIONS))
    if not rows:
        return report

    with transaction.atomic():
        target = _bank_for_import(bank=bank, user=user)
        created = Question.objects.bulk_create(
            Question(
                bank=target,
                status=Question.Status.DRAFT,
                origin=Question.Origin.IMPORTED,
                created_by=None if user is None else signed_in(user),
                key_terms=key_terms(fields["type"], fields.get("choices"), fields.get("answer")),
                **fields,
            )
            for fields in rows
        )
        for question, kept in zip(created, images, strict=True):
            question_files_store(question=question, images=kept)
    report.imported = len(created)
    report.question_ids = [q.pk for q in created]
    report.bank_id = target.pk
    return report


def _images_of(item: QuestionData, fields: dict[str, Any]) -> list[CheckedImage]:
    """The files of an imported question that may be kept; a note on the question for each that
    may not, and for each the text shows but the file does not carry."""
    kept = []
    for name, data in item.files.items():
        try:
            kept.append(question_image_check(name=name, data=data))
        except ImageRefused as exc:
            item.notes.append(FILE_NOT_IMPORTED.format(reason=exc))
    names = {image.name for image in kept}
    texts = json.dumps([fields["stem"], fields["explanation"], fields["choices"], fields["answer"], fields["meta"]])
    for name in files_referenced(texts):
        if name not in names and name not in item.files:
            item.notes.append(FILE_MISSING.format(name=name))
    return kept


def _bank_for_import(*, bank: QuestionBank | str, user: RequestUser | None) -> QuestionBank:
    if isinstance(bank, QuestionBank):
        return bank
    target, _ = QuestionBank.objects.get_or_create(name=bank.strip(), defaults={"owner": user})
    return target


def questions_for_export(*, bank: QuestionBank | None = None, reading_id: int | None = None, status: str = "any") -> QuerySet[Question]:
    """Current versions of the questions to export, in bank order (the order a re-import keeps).

    Retired questions are left out, whatever ``status``: GIFT, Moodle XML and Aiken have no
    place to say a question was withdrawn, so another system would use it as a live one."""
    if status not in EXPORT_STATUSES:
        raise ValueError(f"status must be one of {', '.join(EXPORT_STATUSES)}")
    questions = Question.objects.filter(is_current=True).exclude(status=Question.Status.RETIRED)
    if bank is not None:
        questions = questions.filter(bank=bank)
    if reading_id is not None:
        questions = questions.filter(Q(bank__reading_id=reading_id) | Q(source_section__reading_id=reading_id))
    if status != "any":
        questions = questions.filter(status=status)
    return questions.select_related("bank", "source_section").order_by("bank__name", "id")


def questions_export_result(*, fmt: str, bank: QuestionBank | None = None, queryset: Iterable[Question] | None = None) -> ExportResult:
    """Export text plus notes on what the format could not hold (those questions or details)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(UNKNOWN_FORMAT.format(fmt=fmt, choices=", ".join(EXPORT_FORMATS)))
    questions = list(queryset if queryset is not None else questions_for_export(bank=bank))
    if fmt == "json":
        text = json.dumps([question_json_dict(q) for q in questions], indent=2, ensure_ascii=False) + "\n"
        return ExportResult(text=text, exported=len(questions))
    files: dict[int, list[QuestionFile]] = {}
    for stored in QuestionFile.objects.filter(question__in=[q.pk for q in questions]).order_by("question_id", "name"):
        files.setdefault(stored.question_id, []).append(stored)
    data = [question_data_from_model(q) for q in questions]
    if fmt == "moodle-xml":
        for question, item in zip(questions, data, strict=True):
            item.files = {f.name: _file_bytes(f) for f in files.get(question.pk, [])}
    result = WRITERS[fmt](data)
    if fmt != "moodle-xml":
        for question in questions:
            if question.pk in files:
                names = ", ".join(f.name for f in files[question.pk])
                result.notes.append(
                    Issue(reason=FILES_NOT_CARRIED.format(fmt=fmt.upper(), names=names), question=question.title or question.stem[:60])
                )
    return result


def _file_bytes(stored: QuestionFile) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def questions_export(*, fmt: str, bank: QuestionBank | None = None, queryset: Iterable[Question] | None = None) -> str:
    return questions_export_result(fmt=fmt, bank=bank, queryset=queryset).text


def question_json_dict(question: Question) -> dict[str, Any]:
    """One question of the JSON export: the generation package's export contract."""
    return question_export_dict(question)
