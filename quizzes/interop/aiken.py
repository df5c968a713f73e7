"""Aiken, the simplest format instructors paste from documents: single-choice questions only.

    Which alliance did Finland join in 2023?
    A. The EU
    B. NATO
    ANSWER: B

Options start with a capital letter and ``.`` or ``)``; ``ANSWER:`` names the right letter and
ends the question. Reading accepts a question text over several lines (Moodle wants one);
writing puts it on one line. Aiken has no titles, feedback, weights or formatting: what is lost
on writing is noted. True/false questions are written as two options, True and False, and come
back as single choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzes.interop.base import ExportResult, InteropError, Issue, ParseResult, QuestionData, choice_id, plain_text

_OPTION = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*(.*)$")


def parse(text: str, limit: int | None = None) -> ParseResult:
    result = ParseResult()
    stem_lines: list[str] = []
    options: list[tuple[str, str]] = []
    start = 0
    failed = False

    def reset() -> None:
        nonlocal stem_lines, options, failed
        stem_lines, options, failed = [], [], False

    for number, raw in enumerate(text.split("\n"), start=1):
        if result.reached(limit):
            break
        line = raw.strip()
        if not line:
            continue
        if not stem_lines and not options:
            start = number
        option, answer = _OPTION.match(line), _ANSWER.match(line)
        if failed:
            if answer:
                reset()
            continue
        if answer:
            try:
                result.questions.append(_build(stem_lines, options, answer.group(1).strip(), start))
            except InteropError as exc:
                result.errors.append(Issue(reason=str(exc), line=start))
            reset()
        elif option and stem_lines:
            options.append((option.group(1), option.group(2).strip()))
        elif options:
            result.errors.append(Issue(reason=f"line {number} is neither an option 'X. text' nor 'ANSWER: X'", line=start))
            failed = True  # skip to this question's ANSWER line
        else:
            stem_lines.append(line)
    if stem_lines or options:
        result.errors.append(Issue(reason="the last question has no 'ANSWER:' line", line=start))
    return result


def _build(stem_lines: list[str], options: list[tuple[str, str]], letter: str, line: int) -> QuestionData:
    if not stem_lines:
        raise InteropError("an 'ANSWER:' line without a question before it")
    if len(options) < 2:
        raise InteropError(f"a question needs at least two options, it has {len(options)}")
    letters = [x for x, _ in options]
    if len(set(letters)) != len(letters):
        raise InteropError("two options have the same letter")
    if letter not in letters:
        raise InteropError(f"the answer {letter!r} is not one of the options {', '.join(letters)}")
    choices = [{"id": choice_id("c", i), "text": text} for i, (_, text) in enumerate(options)]
    return QuestionData(
        type="single_choice",
        stem="\n".join(stem_lines),
        choices=choices,
        answer={"correct": choices[letters.index(letter)]["id"]},
        meta={"format": "plain"},
        line=line,
    )


def write(questions: list[QuestionData]) -> ExportResult:
    chunks: list[str] = []
    notes: list[Issue] = []
    for q in questions:
        label = q.title or q.stem[:60]

        def note(reason: str, label: str = label) -> None:
            notes.append(Issue(reason=reason, question=label))

        if q.type == "single_choice":
            options = [c["text"] for c in q.choices]
            correct = [c["id"] for c in q.choices].index(q.answer["correct"])
            if q.answer.get("weights"):
                note("Aiken has no partial credit; only the fully correct option is kept")
            if any(c.get("feedback") for c in q.choices):
                note("Aiken has no feedback; choice feedback is not written")
        elif q.type == "true_false":
            options = ["True", "False"]
            correct = 0 if q.answer["correct"] else 1
            note("true/false is written as a two-option question and comes back as single choice")
        else:
            note(f"Aiken only holds single-choice questions; this {q.type.replace('_', ' ')} question is not exported")
            continue
        if len(options) > 26:
            note("Aiken letters stop at Z; the question is not exported")
            continue
        if q.title:
            note("Aiken has no titles; the title is not written")
        if q.explanation:
            note("Aiken has no feedback; the explanation is not written")
        stem = _one_line(q.stem, q.text_format, note)
        lines = [stem] + [f"{chr(65 + i)}. {_one_line(text, q.text_format, note)}" for i, text in enumerate(options)]
        lines.append(f"ANSWER: {chr(65 + correct)}")
        chunks.append("\n".join(lines))
    text = "\n\n".join(chunks) + "\n" if chunks else ""
    return ExportResult(text=text, notes=notes, exported=len(chunks))


def _one_line(text: str, fmt: str, note: Callable[[str], None]) -> str:
    flat = plain_text(text, fmt) if fmt != "plain" else " ".join(text.split())
    if flat != text:
        note("Aiken is one line of plain text per question and option; line breaks and formatting are flattened")
    return flat
