"""Writing Moodle XML: ``write`` turns questions into a file Moodle's qformat_xml imports, with a
note for whatever the format cannot hold."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from quizzes.interop.base import (
    BLANK,
    ExportResult,
    Issue,
    QuestionData,
    choice_weights,
    default_name,
    export_category,
    fmt_number,
    fmt_percent,
    numeric_candidates,
    text_weight,
)
from quizzes.interop.moodle_xml.common import (
    ATTACHMENT_OPTIONS,
    COMBINED,
    COMMON_OPTIONS,
    ESSAY_LINES_DEFAULT,
    FILE_TYPES_TO_MOODLE,
    FORMAT_TO_XML,
    OUR_TO_MOODLE,
    TYPE_OPTIONS,
)
from quizzes.media import files_referenced
from quizzes.questiontypes import ATTACHMENTS_NONE, ATTACHMENTS_REQUIRED, CASE_SENSITIVE, GAP_MARK, gap_of_choice

_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    text = _INVALID_XML_CHARS.sub("", text)
    if re.search(r"[<>&]", text):
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return text


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


# The files of the question being written (QuestionData.files), for every text block that refers
# to one: set by _write_question around one question, so each writer of a block finds them
# without every helper passing them on.
_FILES: ContextVar[dict[str, bytes]] = ContextVar("moodle_xml_files", default={})  # noqa: B039 (never mutated)


def _files_xml(text: str, indent: str, extra: Sequence[str] = ()) -> str:
    """The base64 <file> elements of the files ``text`` refers to (plus ``extra``), as Moodle
    writes them next to the text: each field of a Moodle question has its own files."""
    files = _FILES.get()
    if not files:
        return ""
    names = [n for n in files_referenced(text) if n in files] + [n for n in extra if n in files]
    return "".join(
        f'{indent}<file name="{_attr(name)}" path="/" encoding="base64">{base64.b64encode(files[name]).decode("ascii")}</file>\n'
        for name in dict.fromkeys(names)
    )


def _text_block(tag: str, text: str, fmt: str | None, indent: str = "    ", extra_files: Sequence[str] = ()) -> str:
    attr = f' format="{FORMAT_TO_XML[fmt]}"' if fmt else ""
    files = _files_xml(text, indent + "  ", extra_files)
    return f"{indent}<{tag}{attr}>\n{indent}  <text>{_xml_text(text)}</text>\n{files}{indent}</{tag}>\n"


def _simple(tag: str, value: str, indent: str = "    ") -> str:
    return f"{indent}<{tag}>{_xml_text(value)}</{tag}>\n"


def _answer(fraction: float, text: str, fmt: str, feedback: str, extra: str = "", feedback_fmt: str | None = None) -> str:
    return (
        f'    <answer fraction="{fmt_percent(fraction)}" format="{FORMAT_TO_XML[fmt]}">\n'
        f"      <text>{_xml_text(text)}</text>\n"
        f"{_files_xml(text, '      ')}"
        f"{_text_block('feedback', feedback, feedback_fmt or fmt, '      ')}"
        f"{extra}"
        "    </answer>\n"
    )


def write(questions: list[QuestionData]) -> ExportResult:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    notes: list[Issue] = []
    category = ""
    for q in questions:
        wanted = export_category(q)
        if wanted != category:
            out.append('  <question type="category">\n    <category>\n')
            out.append(f"      <text>{_xml_text(wanted)}</text>\n")
            out.append("    </category>\n  </question>\n")
            category = wanted
        out.append(_write_question(q, notes))
    out.append("</quiz>\n")
    return ExportResult(text="".join(out), notes=notes, exported=len(questions))


def _options(q: QuestionData, keys: dict[str, str]) -> str:
    kept = q.meta.get("moodle") or {}
    return "".join(_simple(key, str(kept.get(key, default))) for key, default in keys.items())


def _write_question(q: QuestionData, notes: list[Issue]) -> str:
    token = _FILES.set(q.files)
    try:
        return _question_xml(q, notes)
    finally:
        _FILES.reset(token)


def _unreferenced_files(q: QuestionData) -> list[str]:
    """Files no text of the question refers to: written with the question text, so none is lost."""
    if not q.files:
        return []
    referenced = set(files_referenced(json.dumps([q.stem, q.explanation, q.choices, q.answer, q.meta])))
    return [name for name in q.files if name not in referenced]


def _question_xml(q: QuestionData, notes: list[Issue]) -> str:
    fmt = q.text_format
    moodle_type = OUR_TO_MOODLE[q.type]
    stem = q.stem
    if q.type == "cloze":
        stem = _cloze_stem(q)
    elif q.type == "embedded_answers":
        stem = _embedded_stem(q)
    points = q.points if q.points is not None else Decimal(1)
    if q.type == "description":
        points = Decimal(0)  # what Moodle writes for a description
    parts = [
        f'  <question type="{moodle_type}">\n',
        f"    <name>\n      <text>{_xml_text(q.title or default_name(q.stem, fmt))}</text>\n    </name>\n",
        _text_block("questiontext", stem, fmt, extra_files=_unreferenced_files(q)),
        _text_block("generalfeedback", q.explanation, fmt),
        _simple("defaultgrade", f"{Decimal(points):.7f}"),
        _options(q, COMMON_OPTIONS),
        _simple("idnumber", str(q.meta.get("idnumber") or "")),
    ]
    parts.append(_type_body(q, moodle_type, fmt))
    if q.type == "essay" and q.answer.get("rubric"):
        notes.append(
            Issue(reason="Moodle keeps rubrics outside question files; the rubric is not written", question=q.title or q.stem[:60])
        )
    for hint in q.meta.get("hints") or []:
        parts.append(_text_block("hint", hint, fmt))
    tags = q.meta.get("tags") or []
    if tags:
        parts.append("    <tags>\n" + "".join(f"      <tag><text>{_xml_text(str(t))}</text></tag>\n" for t in tags) + "    </tags>\n")
    parts.append("  </question>\n")
    return "".join(parts)


def _combined(q: QuestionData, fmt: str) -> str:
    kept = q.meta.get("combined_feedback") or {}
    return "".join(_text_block(key, str(kept.get(key) or ""), fmt) for key in COMBINED)


def _type_body(q: QuestionData, moodle_type: str, fmt: str) -> str:
    feedback = q.meta.get("answer_feedback") or {}
    body = ""
    if moodle_type == "multichoice":
        body += _simple("single", "true" if q.type == "single_choice" else "false")
        body += _options(q, TYPE_OPTIONS["multichoice"]) + _combined(q, fmt)
        weights = choice_weights(q)
        body += "".join(_answer(weights[c["id"]], c["text"], fmt, c.get("feedback") or "") for c in q.choices)
    elif moodle_type == "truefalse":
        correct = bool(q.answer["correct"])
        body += _answer(1.0 if correct else 0.0, "true", "moodle", feedback.get("true") or "", feedback_fmt=fmt)
        body += _answer(0.0 if correct else 1.0, "false", "moodle", feedback.get("false") or "", feedback_fmt=fmt)
    elif moodle_type == "shortanswer":
        body += _simple("usecase", "1" if q.answer.get(CASE_SENSITIVE) or q.meta.get("case_sensitive") else "0")
        body += "".join(_answer(text_weight(q, a), a, "moodle", feedback.get(a) or "", feedback_fmt=fmt) for a in q.answer["accepted"])
        if q.meta.get("other_feedback"):
            body += _answer(0.0, "*", "moodle", str(q.meta["other_feedback"]), feedback_fmt=fmt)
    elif moodle_type == "numerical":
        for index, cand in enumerate(numeric_candidates(q)):
            tolerance = _simple("tolerance", fmt_number(cand.get("tolerance", 0)), "      ")
            weight = float(cand.get("weight", 1.0))
            body += _answer(weight, fmt_number(cand["value"]), "moodle", feedback.get(str(index)) or "", tolerance, feedback_fmt=fmt)
        if q.meta.get("other_feedback"):
            body += _answer(0.0, "*", "moodle", str(q.meta["other_feedback"]), _simple("tolerance", "0", "      "), feedback_fmt=fmt)
        if q.answer.get("unit"):
            body += "    <units>\n      <unit>\n"
            body += _simple("multiplier", "1", "        ") + _simple("unit_name", str(q.answer["unit"]), "        ")
            body += "      </unit>\n    </units>\n"
        body += _options(q, TYPE_OPTIONS["numerical"])
    elif moodle_type == "matching":
        body += _options(q, TYPE_OPTIONS["matching"]) + _combined(q, fmt)
        right = {r["id"]: r["text"] for r in q.choices["right"]}
        for left in q.choices["left"]:
            body += f'    <subquestion format="{FORMAT_TO_XML[fmt]}">\n      <text>{_xml_text(left["text"])}</text>\n'
            body += _files_xml(left["text"], "      ")
            body += f"      <answer>\n        <text>{_xml_text(right[q.answer['pairs'][left['id']]])}</text>\n      </answer>\n"
            body += "    </subquestion>\n"
        used = set(q.answer["pairs"].values())
        for extra in q.choices["right"]:
            if extra["id"] not in used:
                body += f'    <subquestion format="{FORMAT_TO_XML[fmt]}">\n      <text></text>\n'
                body += f"      <answer>\n        <text>{_xml_text(extra['text'])}</text>\n      </answer>\n    </subquestion>\n"
    elif moodle_type == "ordering":
        body += _options(q, TYPE_OPTIONS["ordering"]) + _combined(q, fmt)
        text_of = {c["id"]: c["text"] for c in q.choices}
        for position, item in enumerate(q.answer["order"], start=1):
            body += (
                f'    <answer fraction="{position}" format="{FORMAT_TO_XML[fmt]}">\n'
                f"      <text>{_xml_text(text_of[item])}</text>\n{_files_xml(text_of[item], '      ')}    </answer>\n"
            )
    elif moodle_type == "essay":
        settings = q.choices if isinstance(q.choices, dict) else {}
        body += _options(q, {k: v for k, v in TYPE_OPTIONS["essay"].items() if k not in ATTACHMENT_OPTIONS})
        body += _simple("responsefieldlines", str(settings.get("response_lines") or ESSAY_LINES_DEFAULT))
        body += _simple("maxwordlimit", str(settings.get("word_limit") or ""))
        body += _essay_attachments(q, settings)
        body += _text_block("graderinfo", str(q.answer.get("grader_info") or ""), fmt)
        body += _text_block("responsetemplate", str(settings.get("response_template") or ""), "plain")
    return body


def _essay_attachments(q: QuestionData, settings: dict[str, Any]) -> str:
    """The essay's attachment settings as Moodle's three options; what the import kept of
    Moodle's own values (a number of files above one, types not taken here) is written back."""
    kept = q.meta.get("moodle") or {}
    mode = settings.get("attachments") or ATTACHMENTS_NONE
    if mode == ATTACHMENTS_NONE:
        return (
            _simple("attachments", "0")
            + _simple("attachmentsrequired", str(kept.get("attachmentsrequired") or "0"))
            + _simple("filetypeslist", str(kept.get("filetypeslist") or ""))
        )
    types = kept.get("filetypeslist") or ",".join(FILE_TYPES_TO_MOODLE[k] for k in settings.get("attachment_types") or [])
    return (
        _simple("attachments", str(kept.get("attachments") or "1"))
        + _simple("attachmentsrequired", "1" if mode == ATTACHMENTS_REQUIRED else "0")
        + _simple("filetypeslist", str(types))
    )


_CLOZE_SPECIAL = re.compile(r'([\\}#~/"])')


def _cloze_escape(text: str) -> str:
    return _CLOZE_SPECIAL.sub(r"\\\1", text)


def _gap_code(q: QuestionData, number: int, gap: dict[str, Any]) -> str:
    feedback = gap.get("feedback") or {}
    pieces = []
    if gap["kind"] == "text":
        weights = gap.get("weights") or {}
        for accepted in gap["accepted"]:
            weight = float(weights.get(accepted, 1.0))
            fb = feedback.get(accepted) or ""
            pieces.append(
                ("=" if weight == 1.0 else f"%{fmt_percent(weight)}%") + _cloze_escape(accepted) + (f"#{_cloze_escape(fb)}" if fb else "")
            )
        kind = "SHORTANSWER_C" if gap.get(CASE_SENSITIVE) else "SHORTANSWER"
    elif gap["kind"] == "numeric":
        candidates = [{"value": gap["value"], "tolerance": gap.get("tolerance", 0), "weight": 1.0}, *(gap.get("alternatives") or [])]
        for index, cand in enumerate(candidates):
            weight = float(cand.get("weight", 1.0))
            fb = feedback.get(str(index)) or ""
            value = f"{fmt_number(cand['value'])}:{fmt_number(cand.get('tolerance', 0))}"
            pieces.append(("=" if weight == 1.0 else f"%{fmt_percent(weight)}%") + value + (f"#{_cloze_escape(fb)}" if fb else ""))
        kind = "NUMERICAL"
    else:
        weights = gap.get("weights") or {}
        for choice in q.choices:
            if gap_of_choice(choice["id"]) != number:
                continue
            weight = 1.0 if choice["id"] == gap["correct"] else float(weights.get(choice["id"], 0.0))
            prefix = "=" if weight == 1.0 else (f"%{fmt_percent(weight)}%" if weight else "")
            fb = choice.get("feedback") or ""
            pieces.append(prefix + _cloze_escape(choice["text"]) + (f"#{_cloze_escape(fb)}" if fb else ""))
        kind = str(gap.get("moodle_kind") or "MULTICHOICE")
    if gap.get("other_feedback"):
        pieces.append(f"%0%*#{_cloze_escape(str(gap['other_feedback']))}")
    return "{" + str(gap.get("points", 1)) + ":" + kind + ":" + "~".join(pieces) + "}"


def _embedded_stem(q: QuestionData) -> str:
    gaps = q.answer["gaps"]
    return GAP_MARK.sub(lambda m: _gap_code(q, int(m.group(1)), gaps[int(m.group(1)) - 1]), q.stem)


def _cloze_stem(q: QuestionData) -> str:
    feedback = q.meta.get("answer_feedback") or {}
    pieces = []
    for accepted in q.answer["accepted"]:
        weight = text_weight(q, accepted)
        prefix = "=" if weight == 1.0 else f"%{fmt_percent(weight)}%"
        fb = feedback.get(accepted) or ""
        pieces.append(prefix + _cloze_escape(accepted) + (f"#{_cloze_escape(fb)}" if fb else ""))
    if q.meta.get("other_feedback"):
        pieces.append(f"%0%*#{_cloze_escape(str(q.meta['other_feedback']))}")
    kind = "SHORTANSWER_C" if q.answer.get(CASE_SENSITIVE) or q.meta.get("case_sensitive") else "SHORTANSWER"
    code = "{1:" + kind + ":" + "~".join(pieces) + "}"
    if q.stem.count(BLANK) == 1:
        return q.stem.replace(BLANK, code)
    return f"{q.stem} {code}"
