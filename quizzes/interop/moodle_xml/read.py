"""Reading Moodle XML: ``parse`` turns a file into questions, reporting each malformed one with
its reason while the others still import."""

from __future__ import annotations

import base64
import binascii
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
    InteropError,
    Issue,
    MatchingChoices,
    ParseResult,
    QuestionData,
    apply_category,
    choice_answer_from_weights,
    choice_id,
    choice_with_feedback,
    numeric_answer_from_candidates,
    parse_number,
    parse_percent,
    single_blank,
    text_answer_from_weights,
)
from quizzes.interop.moodle_xml.cloze import _cloze
from quizzes.interop.moodle_xml.common import (
    ATTACHMENT_OPTIONS,
    COMBINED,
    COMMON_OPTIONS,
    ESSAY_LINES_DEFAULT,
    FILE_TYPES_FROM_MOODLE,
    FORMAT_FROM_XML,
    FORMAT_TO_XML,
    LEGACY_IMAGE_NOTES,
    NOT_REPRESENTABLE,
    TYPE_OPTIONS,
)
from quizzes.media import file_reference
from quizzes.questiontypes import (
    ATTACHMENT_KINDS,
    ATTACHMENTS_OPTIONAL,
    ATTACHMENTS_REQUIRED,
    CASE_SENSITIVE,
)

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


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
    return text


def _files(q: QuestionData, element: Element) -> None:
    """Every base64 ``<file>`` of the question, wherever it sits (question text, feedback,
    answers, hints): the files of a version are one set here, named as the text refers to them.
    What cannot be read is noted; the import service checks that each is an image it may keep."""
    for file in element.iter("file"):
        name = (file.get("name") or "").strip()
        if not name:
            q.notes.append("a file without a name is not imported")
            continue
        if (file.get("encoding") or "base64").strip().lower() != "base64":
            q.notes.append(f"the file {name} is not base64-encoded ({file.get('encoding')}); it is not imported")
            continue
        try:
            data = base64.b64decode("".join((file.text or "").split()), validate=True)
        except (binascii.Error, ValueError):
            q.notes.append(f"the file {name} is not valid base64; it is not imported")
            continue
        if q.files.get(name, data) != data:
            q.notes.append(f"two different files are named {name}; the first is kept")
            continue
        q.files[name] = data


def _legacy_image(q: QuestionData, element: Element) -> None:
    """Moodle 1.x's ``<image>`` (a path) with ``<image_base64>`` (its content): kept as a file and
    shown at the end of the question text, as Moodle's own import does."""
    path = (element.findtext("image") or "").strip()
    encoded = "".join((element.findtext("image_base64") or "").split())
    if not path and not encoded:
        return
    name = path.replace("\\", "/").rsplit("/", 1)[-1] or "image"
    if not encoded:
        q.notes.append(LEGACY_IMAGE_NOTES["link"].format(name=path))
        return
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        q.notes.append(LEGACY_IMAGE_NOTES["base64"].format(name=name))
        return
    if q.text_format == "plain":
        q.notes.append(LEGACY_IMAGE_NOTES["plain"].format(name=name))
        return
    if q.files.get(name, data) != data:
        q.notes.append(f"two different files are named {name}; the first is kept")
        return
    q.files[name] = data
    reference = file_reference(name)
    if reference not in q.stem:
        q.stem += f"\n\n![]({reference})" if q.text_format == "markdown" else f'<img src="{reference}" alt="">'


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
    _files(q, element)
    _legacy_image(q, element)
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


def _whole_number(value: str | None, what: str) -> int | None:
    text = (value or "").strip()
    if not text or text == "0":
        return None
    if not text.isdigit():
        raise InteropError(f"the essay's {what} {text!r} is not a whole number")
    return int(text)


def _essay(q: QuestionData, element: Element) -> None:
    """Moodle's essay: the box size, word limit, template and attachment settings the student
    sees; the grader information for markers. Rich-text settings are kept for export only."""
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
    _essay_attachments(q, settings)


def _essay_attachments(q: QuestionData, settings: dict[str, Any]) -> None:
    """<attachments> (how many files; -1 for any number), <attachmentsrequired> (how many must be
    given) and <filetypeslist> become the essay's attachment settings. Here a student attaches
    one file: a larger number is noted and kept for export, as is a type list that names kinds
    this platform does not take."""
    kept = dict(q.meta.get("moodle") or {})
    options = {key: kept.pop(key) for key in ATTACHMENT_OPTIONS if key in kept}
    allowed = (options.get("attachments") or "0").strip()
    if allowed in ("", "0"):
        # No attachments: Moodle ignores the other two, kept as they were for the way back.
        kept |= {key: value for key, value in options.items() if key != "attachments"}
    else:
        if allowed != "1":
            kept["attachments"] = allowed
            many = "any number of files" if allowed == "-1" else f"{allowed} files"
            q.notes.append(f"Moodle allows {many} per essay; here a student attaches one (the setting is kept for export)")
        required = (options.get("attachmentsrequired") or "0").strip() not in ("", "0")
        settings["attachments"] = ATTACHMENTS_REQUIRED if required else ATTACHMENTS_OPTIONAL
        given = [t.strip().lower() for t in re.split(r"[\s,;]+", options.get("filetypeslist") or "") if t.strip()]
        kinds = {kind for t in given for kind in FILE_TYPES_FROM_MOODLE.get(t, [])}
        unknown = [t for t in given if t not in FILE_TYPES_FROM_MOODLE]
        if unknown:
            kept["filetypeslist"] = str(options["filetypeslist"])
            taken = f"only {', '.join(sorted(kinds))} files are accepted" if kinds else "every kind of file taken here is accepted"
            q.notes.append(f"the file types {', '.join(unknown)} are not taken here; {taken} (the list is kept for export)")
        if kinds:
            settings["attachment_types"] = [k for k in ATTACHMENT_KINDS if k in kinds]
    if kept:
        q.meta["moodle"] = kept
    else:
        q.meta.pop("moodle", None)
