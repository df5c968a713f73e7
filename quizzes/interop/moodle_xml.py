"""Moodle XML (``<quiz><question type="...">``), read and written as Moodle's qformat_xml does.

Types: multichoice (single choice / multiple response), truefalse, shortanswer (our cloze when
its text has the blank), numerical, matching, ordering (the qtype_ordering plugin) and cloze
(multianswer) with exactly one embedded gap: SHORTANSWER gaps become our cloze type,
MULTICHOICE / MULTIRESPONSE / NUMERICAL gaps become the corresponding type with the blank in
the stem; essays with their box size, word limit, template and grader information. Categories (``<question type="category">``, nested with "/", "//" for a slash in a
name), CDATA and entity escapes, idnumbers and tags are kept. Each malformed question is
reported with its reason while the others in the file still import.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from quizzes.interop.base import (
    BLANK,
    ExportResult,
    InteropError,
    Issue,
    MatchingChoices,
    ParseResult,
    QuestionData,
    apply_category,
    choice_answer_from_weights,
    choice_id,
    choice_weights,
    choice_with_feedback,
    default_name,
    export_category,
    fmt_number,
    fmt_percent,
    numeric_answer_from_candidates,
    numeric_candidates,
    parse_number,
    parse_percent,
    single_blank,
    text_answer_from_weights,
    text_weight,
)
from quizzes.questiontypes import CASE_SENSITIVE, GAP_MARK, gap_of_choice

FORMAT_FROM_XML = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
FORMAT_TO_XML = {v: k for k, v in FORMAT_FROM_XML.items()}

# Options we write for each Moodle type; an imported value that differs is kept in meta["moodle"].
COMMON_OPTIONS = {"penalty": "0.3333333", "hidden": "0"}
TYPE_OPTIONS: dict[str, dict[str, str]] = {
    "multichoice": {"shuffleanswers": "true", "answernumbering": "abc", "showstandardinstruction": "0"},
    "truefalse": {},
    "shortanswer": {},
    "numerical": {"unitgradingtype": "0", "unitpenalty": "0.1000000", "showunits": "3", "unitsleft": "0"},
    "matching": {"shuffleanswers": "true"},
    "ordering": {
        "layouttype": "VERTICAL",
        "selecttype": "ALL",
        "selectcount": "0",
        "gradingtype": "RELATIVE_NEXT_EXCLUDE_LAST",
        "showgrading": "SHOW",
        "numberingstyle": "none",
    },
    "cloze": {},
    # Text between questions: nothing but the common fields (Moodle writes defaultgrade 0).
    "description": {},
    # Kept as read and written back; here students answer in plain text without attachments
    # (the import notes say so). Box size, word limit, template and grader info map to the type.
    "essay": {
        "responseformat": "editor",
        "responserequired": "1",
        "minwordlimit": "",
        "attachments": "0",
        "attachmentsrequired": "0",
        "maxbytes": "0",
        "filetypeslist": "",
    },
}
OUR_TO_MOODLE = {
    "single_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
    "cloze": "cloze",
    "essay": "essay",
    "description": "description",
    "embedded_answers": "cloze",
}
NOT_REPRESENTABLE: dict[str, str] = {}
COMBINED = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")
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
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --- reading -----------------------------------------------------------------------------------


def parse(text: str, limit: int | None = None) -> ParseResult:
    result = ParseResult()
    try:
        # The text is already decoded (and refused unless UTF-8), so the declaration's encoding is moot.
        text = _DECLARATION.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
        root = fromstring(text)
    except DefusedXmlException as exc:
        result.errors.append(Issue(reason=f"the file uses XML entity or DTD declarations, which are refused for safety ({exc})"))
        return result
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        result.errors.append(Issue(reason=f"the file is not well-formed XML: {exc}", line=line))
        return result
    if root.tag != "quiz":
        result.errors.append(Issue(reason=f"the root element is <{root.tag}>, a Moodle XML file starts with <quiz>"))
        return result
    category: str | None = None
    lines = _question_lines(text)
    for index, element in enumerate(root.iterfind("question"), start=1):
        if result.reached(limit):
            break
        qtype = element.get("type", "")
        name = (element.findtext("name/text") or "").strip()
        label = f"#{index} {name}" if name else f"#{index}"
        if qtype == "category":
            category = (element.findtext("category/text") or "").strip() or None
            continue
        try:
            question = _parse_question(element, qtype)
        except InteropError as exc:
            result.errors.append(Issue(reason=str(exc), line=_nth(lines, index), question=label))
            continue
        question.label = label
        question.line = _nth(lines, index)
        apply_category(question, category)
        result.questions.append(question)
    return result


def _question_lines(text: str) -> list[int]:
    """Line of each <question> directly under <quiz>, for messages (ElementTree keeps no lines).

    Runs only after defusedxml accepted the document, so it holds no entity declarations.
    """
    lines: list[int] = []
    depth = 0
    parser = expat.ParserCreate()

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth == 2 and name == "question":
            lines.append(parser.CurrentLineNumber)

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.Parse(text, True)
    return lines


def _nth(lines: list[int], index: int) -> int | None:
    return lines[index - 1] if index <= len(lines) else None


def _format(element: Element | None, default: str = "html") -> str:
    raw = element.get("format", FORMAT_TO_XML[default]) if element is not None else FORMAT_TO_XML[default]
    return FORMAT_FROM_XML.get(raw, "html")


def _text_of(element: Element | None) -> str:
    return (element.findtext("text") or "") if element is not None else ""


def _part_text(q: QuestionData, element: Element | None, what: str) -> str:
    """Text of a sub-element, noting a format that differs from the question's."""
    if element is None:
        return ""
    text = _text_of(element).strip()
    # Moodle writes answer feedback in the answer's format; only say so where the difference shows.
    if text and "format" in element.attrib and _format(element) != q.text_format and re.search(r"[<>&\n*_]", text):
        q.notes.append(f"the {what} is in {_format(element)} format; it is kept in the question's format ({q.text_format})")
    if element.find("file") is not None:
        q.notes.append(f"files embedded in the {what} are not imported")
    return text


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def _same_option(value: str, default: str) -> bool:
    if value.strip().lower() in ("1", "true") and default == "true":
        return True
    try:
        return math.isclose(float(value), float(default), abs_tol=1e-6)
    except ValueError:
        return value.strip() == default


def _parse_question(element: Element, qtype: str) -> QuestionData:
    if qtype in NOT_REPRESENTABLE:
        raise InteropError(NOT_REPRESENTABLE[qtype])
    if qtype not in TYPE_OPTIONS:
        raise InteropError(f"{qtype or 'untyped'} questions have no equivalent question type here")
    text_element = element.find("questiontext")
    fmt = _format(text_element)
    stem = _text_of(text_element).strip()
    q = QuestionData(type="", stem=stem, title=(element.findtext("name/text") or "").strip(), meta={"format": fmt})
    if text_element is not None and text_element.find("file") is not None:
        q.notes.append("files embedded in the question text are not imported")
    q.explanation = _part_text(q, element.find("generalfeedback"), "general feedback")
    grade = element.findtext("defaultgrade")
    if grade is not None and grade.strip():
        try:
            q.points = Decimal(grade.strip())
        except InvalidOperation as exc:
            raise InteropError(f"the default grade {grade.strip()!r} is not a number") from exc
    idnumber = (element.findtext("idnumber") or "").strip()
    if idnumber:
        q.meta["idnumber"] = idnumber
    tags = [t.strip() for t in (tag.findtext("text") or "" for tag in element.findall("tags/tag")) if t.strip()]
    if tags:
        q.meta["tags"] = tags
    hints = [_part_text(q, hint, "hint") for hint in element.findall("hint")]
    if any(hints):
        q.meta["hints"] = hints
        q.notes.append("hints are kept for export but not shown to students here")
    combined = {key: _part_text(q, element.find(key), key) for key in COMBINED}
    if any(combined.values()):
        q.meta["combined_feedback"] = combined
    options = {}
    for key, default in {**COMMON_OPTIONS, **TYPE_OPTIONS[qtype]}.items():
        value = element.findtext(key)
        if value is not None and not _same_option(value, default):
            options[key] = value.strip()
    if options:
        q.meta["moodle"] = options

    readers: dict[str, Callable[[QuestionData, Element], None]] = {
        "multichoice": _multichoice,
        "truefalse": _true_false,
        "shortanswer": _short_answer,
        "numerical": _numerical,
        "matching": _matching,
        "ordering": _ordering,
        "cloze": _cloze,
        "essay": _essay,
        "description": _description,
    }
    readers[qtype](q, element)
    if not q.stem:
        raise InteropError("the question text is empty")
    return q


def _description(q: QuestionData, element: Element) -> None:
    """Moodle's description: text shown between questions, no answer and no grade."""
    q.type, q.choices, q.answer, q.points = "description", [], {}, Decimal(0)


def _answers(q: QuestionData, element: Element) -> list[tuple[str, float, str, Element]]:
    out = []
    for index, answer in enumerate(element.findall("answer"), start=1):
        where = f"answer {index}"
        fraction = parse_percent(answer.get("fraction", "0"), where=where)
        out.append((_text_of(answer).strip(), fraction, _part_text(q, answer.find("feedback"), f"feedback of {where}"), answer))
    return out


def _multichoice(q: QuestionData, element: Element) -> None:
    single = _flag(element.findtext("single") or "true")
    answers = _answers(q, element)
    q.choices = []
    for index, (text, _, feedback, _el) in enumerate(answers):
        if not text:
            raise InteropError(f"answer {index + 1} is empty")
        q.choices.append(choice_with_feedback(index, text, feedback))
    q.type = "single_choice" if single else "multiple_response"
    ids = [c["id"] for c in q.choices]
    q.answer = choice_answer_from_weights(q, ids=ids, weights=[a[1] for a in answers], single=single)


def _true_false(q: QuestionData, element: Element) -> None:
    by_value = {text.lower(): (fraction, feedback) for text, fraction, feedback, _ in _answers(q, element)}
    if set(by_value) != {"true", "false"}:
        raise InteropError("a true/false question needs one 'true' and one 'false' answer")
    if math.isclose(by_value["true"][0], 1.0):
        correct = True
    elif math.isclose(by_value["false"][0], 1.0):
        correct = False
    else:
        raise InteropError("the true/false question has no fully correct (100%) answer")
    q.type = "true_false"
    q.answer = {"correct": correct}
    feedback = {key: fb for key, (_, fb) in by_value.items() if fb}
    if feedback:
        q.meta["answer_feedback"] = feedback


def _short_answer(q: QuestionData, element: Element) -> None:
    text_answer_from_weights(q, [(text, fraction, feedback) for text, fraction, feedback, _ in _answers(q, element)])
    if _flag(element.findtext("usecase")):
        q.answer[CASE_SENSITIVE] = True  # graded with capitals, as Moodle does
    with_blank = single_blank(q.stem)
    if with_blank is not None:
        q.type, q.stem = "cloze", with_blank
    else:
        q.type = "short_answer"


def _numerical(q: QuestionData, element: Element) -> None:
    candidates: list[dict[str, Any]] = []
    other = ""
    for text, fraction, feedback, answer in _answers(q, element):
        if text == "*":
            other = feedback
            continue
        tolerance = parse_number(answer.findtext("tolerance") or "0")
        if tolerance < 0:
            raise InteropError(f"the tolerance of answer {text!r} is negative")
        candidates.append({"value": parse_number(text), "tolerance": tolerance, "weight": fraction, "feedback": feedback})
    units = [(u.findtext("unit_name") or "", u.findtext("multiplier") or "1") for u in element.findall("units/unit")]
    base = [name.strip() for name, multiplier in units if _same_option(multiplier, "1")]
    q.answer = {"unit": base[0] if base else ""}
    if len(units) > len(base[:1]):
        q.notes.append("only the base unit is kept; other units and their multipliers are not")
    numeric_answer_from_candidates(q, candidates, other)


def _matching(q: QuestionData, element: Element) -> None:
    matching = MatchingChoices()
    for index, sub in enumerate(element.findall("subquestion"), start=1):
        left_text = _part_text(q, sub, f"subquestion {index}")
        right_text = (sub.findtext("answer/text") or "").strip()
        if not right_text:
            raise InteropError(f"subquestion {index} has no answer")
        matching.add(left_text, right_text)
    matching.apply(q, parts="subquestions")


def _ordering(q: QuestionData, element: Element) -> None:
    items = []
    for index, answer in enumerate(element.findall("answer"), start=1):
        text = _text_of(answer).strip()
        if not text:
            raise InteropError(f"item {index} is empty")
        try:
            position = float(answer.get("fraction", str(index)))
        except ValueError:
            position = float(index)
        items.append((position, index, text))
    if len(items) < 2:
        raise InteropError(f"an ordering question needs at least two items, it has {len(items)}")
    # qtype_ordering stores each item's place in its "fraction"; fall back to file order.
    if len({p for p, _, _ in items}) == len(items):
        items.sort()
    options = q.meta.get("moodle") or {}
    if options.get("gradingtype"):
        q.notes.append(f"graded here by the relative-to-next-item rule, not {options['gradingtype']}")
    if options.get("selecttype") or options.get("selectcount"):
        q.notes.append("all items are shown here; the selection of a subset is kept for export only")
    q.type = "ordering"
    q.choices = [{"id": choice_id("o", i), "text": text} for i, (_, _, text) in enumerate(items)]
    q.answer = {"order": [c["id"] for c in q.choices]}


ESSAY_LINES_DEFAULT = "15"


def _whole_number(value: str | None, what: str) -> int | None:
    text = (value or "").strip()
    if not text or text == "0":
        return None
    if not text.isdigit():
        raise InteropError(f"the essay's {what} {text!r} is not a whole number")
    return int(text)


def _essay(q: QuestionData, element: Element) -> None:
    """Moodle's essay: the box size, word limit and template the student sees; the grader
    information for markers. Rich-text and attachment settings are kept for export only."""
    q.type = "essay"
    settings: dict[str, Any] = {}
    lines = _whole_number(element.findtext("responsefieldlines"), "box size (responsefieldlines)")
    if lines and str(lines) != ESSAY_LINES_DEFAULT:
        settings["response_lines"] = lines
    limit = _whole_number(element.findtext("maxwordlimit"), "word limit (maxwordlimit)")
    if limit:
        settings["word_limit"] = limit
    template = _part_text(q, element.find("responsetemplate"), "response template")
    if template:
        if _format(element.find("responsetemplate")) == "html":
            # Paragraphs and line breaks become lines; the rest of the markup goes.
            broken = re.sub(r"</p>|<br\s*/?>", "\n", template, flags=re.I)
            text = html.unescape(nh3.clean(broken, tags=set()))
            template = "\n".join(line.strip() for line in text.splitlines() if line.strip())
            q.notes.append("the response template is HTML; students answer in plain text here, so it is kept as text")
        settings["response_template"] = template
    q.choices = settings
    grader_info = _part_text(q, element.find("graderinfo"), "grader information")
    q.answer = {"grader_info": grader_info} if grader_info else {}
    kept = q.meta.get("moodle") or {}
    if kept.get("responseformat", "editor") not in ("plain", "monospaced"):
        q.notes.append(
            f"students answer in plain text here (Moodle's response format {kept.get('responseformat', 'editor')!r} is kept for export)"
        )
    if (kept.get("attachments") or "0") != "0":
        q.notes.append("file attachments to essays are not supported here yet; the setting is kept for export")


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


def _cloze(q: QuestionData, element: Element) -> None:
    codes = list(_CLOZE_CODE.finditer(q.stem))
    if not codes:
        raise InteropError("the cloze question has no subquestions (no {1:SHORTANSWER:...} style gap)")
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
        gap: dict[str, Any] = {"points": int(code.group(1) or 1) or 1}
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


# --- writing -----------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    text = _INVALID_XML_CHARS.sub("", text)
    if re.search(r"[<>&]", text):
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    return text


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _text_block(tag: str, text: str, fmt: str | None, indent: str = "    ") -> str:
    attr = f' format="{FORMAT_TO_XML[fmt]}"' if fmt else ""
    return f"{indent}<{tag}{attr}>\n{indent}  <text>{_xml_text(text)}</text>\n{indent}</{tag}>\n"


def _simple(tag: str, value: str, indent: str = "    ") -> str:
    return f"{indent}<{tag}>{_xml_text(value)}</{tag}>\n"


def _answer(fraction: float, text: str, fmt: str, feedback: str, extra: str = "", feedback_fmt: str | None = None) -> str:
    return (
        f'    <answer fraction="{fmt_percent(fraction)}" format="{FORMAT_TO_XML[fmt]}">\n'
        f"      <text>{_xml_text(text)}</text>\n"
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
        _text_block("questiontext", stem, fmt),
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
                f"      <text>{_xml_text(text_of[item])}</text>\n    </answer>\n"
            )
    elif moodle_type == "essay":
        settings = q.choices if isinstance(q.choices, dict) else {}
        body += _options(q, TYPE_OPTIONS["essay"])
        body += _simple("responsefieldlines", str(settings.get("response_lines") or ESSAY_LINES_DEFAULT))
        body += _simple("maxwordlimit", str(settings.get("word_limit") or ""))
        body += _text_block("graderinfo", str(q.answer.get("grader_info") or ""), fmt)
        body += _text_block("responsetemplate", str(settings.get("response_template") or ""), "plain")
    return body


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
