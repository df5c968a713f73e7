"""Reading Moodle's cloze (multianswer) questions: a gap code per gap, ``{1:SHORTANSWER:=Paris}``.
One gap becomes our cloze (or the single gap's type with the blank in the stem); several become
embedded answers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from xml.etree.ElementTree import Element

from quizzes.interop.base import (
    BLANK,
    InteropError,
    QuestionData,
    choice_answer_from_weights,
    choice_id,
    numeric_answer_from_candidates,
    parse_number,
    parse_percent,
    text_answer_from_weights,
)
from quizzes.questiontypes import CASE_SENSITIVE

_CLOZE_CODE = re.compile(r"\{(\d*):([A-Za-z_]+):((?:\\.|[^\\}])*)\}", re.S)
_CLOZE_TEXT = {"SHORTANSWER", "SA", "MW"}
_CLOZE_TEXT_CASE = {"SHORTANSWER_C", "SAC", "MWC"}
_CLOZE_NUMERIC = {"NUMERICAL", "NM"}
_CLOZE_SINGLE = {
    "MULTICHOICE",
    "MC",
    "MULTICHOICE_V",
    "MCV",
    "MULTICHOICE_H",
    "MCH",
    "MULTICHOICE_S",
    "MCS",
    "MULTICHOICE_VS",
    "MCVS",
    "MULTICHOICE_HS",
    "MCHS",
}
_CLOZE_MULTI = {"MULTIRESPONSE", "MR", "MULTIRESPONSE_H", "MRH", "MULTIRESPONSE_S", "MRS", "MULTIRESPONSE_HS", "MRHS"}
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _cloze_pieces(body: str) -> list[tuple[str, float, str]]:
    """Split ``=a#fb~%50%b`` into (text, fraction, feedback), honouring backslash escapes."""
    protected = re.sub(r"\\(.)", lambda m: "\ue020" + format(ord(m.group(1)), "x") + "\ue021", body)

    def restore(text: str) -> str:
        return re.sub("\ue020([0-9a-f]+)\ue021", lambda m: chr(int(m.group(1), 16)), text).strip()

    pieces = []
    for index, raw in enumerate(protected.split("~"), start=1):
        raw = raw.strip()
        if not raw:
            continue
        if raw.startswith("="):
            fraction, raw = 1.0, raw[1:]
        elif raw.startswith("%") and "%" in raw[1:]:
            end = raw.index("%", 1)
            fraction, raw = parse_percent(restore(raw[1:end]), where=f"answer {index} of the gap"), raw[end + 1 :]
        else:
            fraction = 0.0
        text, _, feedback = raw.partition("#")
        pieces.append((restore(text), fraction, restore(feedback)))
    return pieces


def _gap_marks(code: re.Match[str]) -> int:
    return int(code.group(1) or 1) or 1


def _cloze(q: QuestionData, element: Element) -> None:
    codes = list(_CLOZE_CODE.finditer(q.stem))
    if not codes:
        raise InteropError("the cloze question has no subquestions (no {1:SHORTANSWER:...} style gap)")
    if q.points is None:
        # Moodle's import_multianswer ignores a missing <defaultgrade>: the question is worth the
        # sum of its gaps' marks (the number before the first colon, 1 when absent or 0).
        q.points = Decimal(sum(_gap_marks(code) for code in codes))
    if len(codes) > 1:
        _embedded(q, codes)
        return
    code = codes[0]
    kind = code.group(2).upper()
    pieces = _cloze_pieces(code.group(3))
    if not pieces:
        raise InteropError("the cloze gap has no answers")
    q.stem = q.stem[: code.start()] + BLANK + q.stem[code.end() :]
    if kind in _CLOZE_TEXT | _CLOZE_TEXT_CASE:
        text_answer_from_weights(q, pieces)
        if kind in _CLOZE_TEXT_CASE:
            q.answer[CASE_SENSITIVE] = True
        q.type = "cloze"
    elif kind in _CLOZE_NUMERIC:
        candidates = []
        other = ""
        for text, fraction, feedback in pieces:
            if text == "*":
                other = feedback
                continue
            value, _, tolerance = text.partition(":")
            candidates.append(
                {"value": parse_number(value), "tolerance": parse_number(tolerance or "0"), "weight": fraction, "feedback": feedback}
            )
        q.answer = {"unit": ""}
        numeric_answer_from_candidates(q, candidates, other)
        q.notes.append("the numeric gap became a numeric question with the blank in its text")
    elif kind in _CLOZE_SINGLE | _CLOZE_MULTI:
        single = kind in _CLOZE_SINGLE
        q.choices = []
        for index, (text, _, feedback) in enumerate(pieces):
            choice = {"id": choice_id("c", index), "text": text}
            if feedback:
                choice["feedback"] = feedback
            q.choices.append(choice)
        q.type = "single_choice" if single else "multiple_response"
        q.answer = choice_answer_from_weights(q, ids=[c["id"] for c in q.choices], weights=[p[1] for p in pieces], single=single)
        q.notes.append("the multiple-choice gap became a multiple-choice question with the blank in its text")
    else:
        raise InteropError(f"cloze gaps of type {kind} have no equivalent here")


def _embedded(q: QuestionData, codes: list[re.Match[str]]) -> None:
    """A cloze with several gaps: our embedded-answers type, a gap per code, each with its weight
    (the code's leading number), its kind and its answers' feedback. The stem gets [[n]] marks."""
    gaps: list[dict[str, Any]] = []
    choices: list[dict[str, Any]] = []
    stem = q.stem
    for number, code in reversed(list(enumerate(codes, start=1))):
        stem = stem[: code.start()] + f"[[{number}]]" + stem[code.end() :]
    for number, code in enumerate(codes, start=1):
        kind = code.group(2).upper()
        pieces = _cloze_pieces(code.group(3))
        if not pieces:
            raise InteropError(f"gap {number} has no answers")
        scratch = QuestionData(type="", stem="")
        gap: dict[str, Any] = {"points": _gap_marks(code)}
        try:
            if kind in _CLOZE_TEXT | _CLOZE_TEXT_CASE:
                text_answer_from_weights(scratch, pieces)
                gap.update({"kind": "text", **scratch.answer})
                if kind in _CLOZE_TEXT_CASE:
                    gap[CASE_SENSITIVE] = True
            elif kind in _CLOZE_NUMERIC:
                candidates, other = [], ""
                for text, fraction, feedback in pieces:
                    if text == "*":
                        other = feedback
                        continue
                    value, _, tolerance = text.partition(":")
                    candidates.append(
                        {
                            "value": parse_number(value),
                            "tolerance": parse_number(tolerance or "0"),
                            "weight": fraction,
                            "feedback": feedback,
                        }
                    )
                scratch.answer = {"unit": ""}
                numeric_answer_from_candidates(scratch, candidates, other)
                gap.update({"kind": "numeric", **scratch.answer})
            elif kind in _CLOZE_SINGLE:
                ids = []
                for index, (text, _, feedback) in enumerate(pieces):
                    choice = {"id": f"g{number}-{index + 1}", "text": text}
                    if feedback:
                        choice["feedback"] = feedback
                    choices.append(choice)
                    ids.append(choice["id"])
                key = choice_answer_from_weights(scratch, ids=ids, weights=[p[1] for p in pieces], single=True)
                gap.update({"kind": "choice", **key})
                if kind != "MULTICHOICE" and kind != "MC":
                    gap["moodle_kind"] = kind  # the drop-down's layout (vertical, horizontal, shuffled), for export
            else:
                raise InteropError(f"gaps of type {kind} have no equivalent here")
        except InteropError as exc:
            raise InteropError(f"gap {number}: {exc}") from exc
        if scratch.meta.get("answer_feedback"):
            gap["feedback"] = scratch.meta["answer_feedback"]
        if scratch.meta.get("other_feedback"):
            gap["other_feedback"] = scratch.meta["other_feedback"]
        q.notes.extend(f"gap {number}: {note}" for note in scratch.notes)
        gaps.append(gap)
    q.type, q.stem, q.choices, q.answer = "embedded_answers", stem, choices, {"gaps": gaps}
