"""GIFT, Moodle's plain-text question format, read and written as Moodle's qformat_gift does.

Reading follows Moodle's rules: questions are separated by blank lines; whole lines starting
with ``//`` are comments and may carry ``[id:...]`` and ``[tag:...]``; ``$CATEGORY:`` switches the
category of the questions after it; ``::title::``; one answer block ``{...}`` whose content
decides the type (empty: essay, ``#``: numeric, any ``~``: multiple choice, ``=`` with ``->``:
matching, ``T``/``TRUE``/``F``/``FALSE``: true/false, otherwise short answer); an answer block
in the middle of the text leaves a blank (missing word); ``####`` starts the general feedback;
``[html]``, ``[moodle]``, ``[plain]``, ``[markdown]`` set a text's format; ``\\`` escapes
``~ = # { } : \\`` and ``\\n`` is a newline.

Mapping: multiple choice with an ``=`` answer is single choice, without one multiple response;
a short answer whose text has the blank is our cloze type; an empty block (``{}``, or only
``{####general feedback}``) is an essay, marked by an instructor. A question without an answer
block is a description (text between questions, no marks), as Moodle reads it. Ordering
questions do not exist in GIFT.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from quizzes.interop.base import (
    BLANK,
    TEXT_FORMATS,
    TITLE_MAX,
    ExportResult,
    InteropError,
    Issue,
    MatchingChoices,
    ParseResult,
    QuestionData,
    apply_category,
    choice_answer_from_weights,
    choice_weights,
    choice_with_feedback,
    export_category,
    fmt_number,
    fmt_percent,
    numeric_answer_from_candidates,
    numeric_candidates,
    parse_number,
    single_blank,
    text_answer_from_weights,
    text_weight,
)

# Escaped characters become private-use placeholders while the structure is parsed, and are
# restored in each piece of text afterwards (Moodle does the same with "&&058;" and friends).
_PROTECT = {"\\": "\ue010", ":": "\ue011", "#": "\ue012", "=": "\ue013", "{": "\ue014", "}": "\ue015", "~": "\ue016", "n": "\ue017"}
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _PROTECT.items()})
_WEIGHT = re.compile(r"^%\s*(-?\d+(?:\.\d+)?)\s*%")
Note = Callable[[str], None]
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f])+)\]")


def _protect(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _PROTECT:
            out.append(_PROTECT[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        out = out.replace(char, "\\" + char)
    return out.replace("\r", "").replace("\n", "\\n")


# --- reading -----------------------------------------------------------------------------------


def parse(text: str, limit: int | None = None) -> ParseResult:
    result = ParseResult()
    category: str | None = None
    for line, block in _blocks(text):
        if result.reached(limit):
            break
        comments = [raw.strip() for raw in block if raw.strip().startswith("//")]
        body_lines = [raw for raw in block if not raw.strip().startswith("//")]
        body = "\n".join(body_lines).strip()
        if not body:
            continue
        first_line = line + next(i for i, raw in enumerate(block) if not raw.strip().startswith("//"))
        protected = _protect(body)
        if protected.startswith("$CATEGORY:"):
            category = _restore(protected[len("$CATEGORY:") :]).strip()
            continue
        try:
            question = _parse_question(protected, "\n".join(comments))
        except InteropError as exc:
            result.errors.append(Issue(reason=str(exc), line=first_line, question=_title_of(protected)))
            continue
        question.line = first_line
        question.label = question.title or None
        apply_category(question, category)
        result.questions.append(question)
    return result


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks with their first line, read lazily so a reader that stops
    early (``parse``'s limit) does not split the rest of a large file."""
    current: list[str] = []
    start = 0
    for number, line in enumerate(io.StringIO(text), start=1):
        raw = line.removesuffix("\n")
        if raw.strip():
            if not current:
                start = number
            current.append(raw)
        elif current:
            yield start, current
            current = []
    if current:
        yield start, current


def _title_of(protected: str) -> str | None:
    if protected.startswith("::"):
        end = protected.find("::", 2)
        if end != -1:
            return _restore(protected[2:end]).strip() or None
    return None


def _split_format(piece: str, default: str) -> tuple[str, str]:
    piece = piece.strip()
    if piece.startswith("["):
        end = piece.find("]")
        if end != -1 and piece[1:end] in TEXT_FORMATS:
            return piece[1:end], _restore(piece[end + 1 :]).strip()
    return default, _restore(piece).strip()


def _text(piece: str, q: QuestionData, what: str) -> str:
    fmt, text = _split_format(piece, q.text_format)
    if fmt != q.text_format:
        q.notes.append(f"the {what} was marked [{fmt}] but is kept in the question's format [{q.text_format}]")
    return text


def _weight(piece: str, default: float, where: str) -> tuple[float, str]:
    match = _WEIGHT.match(piece)
    if match:
        pct = float(match.group(1))
        if pct < -100 or pct > 100:
            raise InteropError(f"invalid grade fraction {match.group(1)}% on {where}: it must be between -100% and 100%")
        return round(pct / 100, 7), piece[match.end() :]
    if piece.startswith("%") and "%" in piece[1:]:
        raise InteropError(f"invalid grade fraction {piece[: piece.index('%', 1) + 1]!r} on {where}")
    return default, piece


def _parse_question(protected: str, comments: str) -> QuestionData:
    title = ""
    if protected.startswith("::"):
        end = protected.find("::", 2)
        if end == -1:
            raise InteropError("the title is not closed with '::'")
        title = _restore(protected[2:end]).strip()
        protected = protected[end + 2 :].strip()

    start, finish = protected.find("{"), protected.find("}")
    if start == -1 and finish == -1:
        return _description(protected, title, comments)
    if start == -1 or finish == -1 or finish < start:
        raise InteropError(
            "unbalanced braces: the answer block must open with '{' and close with '}' (write \\{ or \\} for a literal brace)"
        )
    tail = protected[finish + 1 :]
    if "{" in tail or "}" in tail:
        raise InteropError("more than one answer block: a GIFT question has exactly one {...}")
    answer_text = protected[start + 1 : finish].strip()
    # An essay's empty block marks no gap: text after it is simply more of the question.
    essay = answer_text == "" or answer_text.startswith("####")
    stem_raw = protected[:start] + (BLANK if tail.strip() and not essay else "") + tail

    general = ""
    separator = answer_text.rfind("####")
    if separator != -1:
        general = answer_text[separator + 4 :]
        answer_text = answer_text[:separator].strip()

    fmt, stem = _split_format(stem_raw, "moodle")
    q = QuestionData(type="", stem=stem, title=title, meta={"format": fmt})
    if len(title) > TITLE_MAX:
        q.title = title[:TITLE_MAX]
        q.notes.append(f"the title is longer than {TITLE_MAX} characters and was shortened")
    q.explanation = _text(general, q, "general feedback") if general.strip() else ""
    _apply_comment(q, comments)

    if answer_text == "":
        # GIFT's essay holds only the text and general feedback: no word limit, points or marking guide.
        q.type, q.choices, q.answer = "essay", {}, {}
    elif answer_text.startswith("#"):
        _numeric(q, answer_text[1:])
    elif "~" in answer_text:
        _multichoice(q, answer_text)
    elif "=" in answer_text and any("->" in part.split("#", 1)[0] for part in _parts(answer_text, "=")):
        # Moodle looks for "->" anywhere; one only in a feedback does not make a matching question.
        _matching(q, answer_text)
    elif _restore(answer_text.split("#", 1)[0]).strip() in ("T", "TRUE", "F", "FALSE"):
        _true_false(q, answer_text)
    else:
        _short_answer(q, answer_text)
    return q


def _description(protected: str, title: str, comments: str) -> QuestionData:
    """Text without an answer block: Moodle's description, shown between questions, worth nothing."""
    fmt, stem = _split_format(protected, "moodle")
    q = QuestionData(type="description", stem=stem, title=title[:TITLE_MAX], meta={"format": fmt}, choices=[], answer={})
    q.points = Decimal(0)
    _apply_comment(q, comments)
    return q


def _apply_comment(q: QuestionData, comments: str) -> None:
    id_match = _ID.search(comments)
    if id_match:
        q.meta["idnumber"] = id_match.group(1).replace("\\]", "]").strip()
    tags = [t.replace("\\]", "]").strip() for t in _TAG.findall(comments)]
    if tags:
        q.meta["tags"] = tags


def _parts(answer_text: str, separator: str) -> list[str]:
    parts = [p.strip() for p in answer_text.split(separator)]
    if parts and parts[0] == "":
        parts = parts[1:]
    return parts


def _multichoice(q: QuestionData, answer_text: str) -> None:
    single = "=" in answer_text
    parts = _parts(answer_text.replace("=", "~="), "~")
    ids: list[str] = []
    weights: list[float] = []
    q.choices = []
    for index, part in enumerate(parts):
        where = f"answer {index + 1}"
        if part.startswith("="):
            weight, rest = _weight(part[1:].lstrip(), 1.0, where)
        else:
            weight, rest = _weight(part, 0.0, where)
        text_part, _, feedback_part = rest.partition("#")
        text = _text(text_part, q, f"text of {where}")
        if not text:
            raise InteropError(f"{where} is empty")
        choice = choice_with_feedback(index, text, _text(feedback_part, q, f"feedback of {where}"))
        q.choices.append(choice)
        ids.append(choice["id"])
        weights.append(weight)
    q.type = "single_choice" if single else "multiple_response"
    q.answer = choice_answer_from_weights(q, ids=ids, weights=weights, single=single)


def _matching(q: QuestionData, answer_text: str) -> None:
    matching = MatchingChoices()
    for index, part in enumerate(_parts(answer_text, "=")):
        if "->" not in part:
            raise InteropError(f"matching pair {index + 1} has no '->'")
        left_raw, right_raw = part.split("->", 1)
        right_text = _restore(right_raw).strip()
        if not right_text:
            raise InteropError(f"matching pair {index + 1} has nothing after '->'")
        # An empty left side is an extra wrong answer, as in Moodle.
        matching.add(_text(left_raw, q, f"text of pair {index + 1}"), right_text)
    matching.apply(q, parts="pairs")


def _true_false(q: QuestionData, answer_text: str) -> None:
    bits = answer_text.split("#", 2)
    correct = _restore(bits[0]).strip() in ("T", "TRUE")
    wrong = _text(bits[1], q, "feedback for a wrong answer") if len(bits) > 1 else ""
    right = _text(bits[2], q, "feedback for the right answer") if len(bits) > 2 else ""
    q.type = "true_false"
    q.answer = {"correct": correct}
    feedback = {"true": right, "false": wrong} if correct else {"true": wrong, "false": right}
    feedback = {k: v for k, v in feedback.items() if v}
    if feedback:
        q.meta["answer_feedback"] = feedback


def _short_answer(q: QuestionData, answer_text: str) -> None:
    answers: list[tuple[str, float, str]] = []
    for index, part in enumerate(_parts(answer_text, "=")):
        where = f"answer {index + 1}"
        weight, rest = _weight(part, 1.0, where)
        text_part, _, feedback_part = rest.partition("#")
        _, text = _split_format(text_part, q.text_format)
        answers.append((text, weight, _text(feedback_part, q, f"feedback of {where}")))
    if not answers:
        raise InteropError("the short-answer question has no answer")
    text_answer_from_weights(q, answers)
    with_blank = single_blank(q.stem)
    if with_blank is not None:
        q.type, q.stem = "cloze", with_blank
    else:
        q.type = "short_answer"


def _numeric(q: QuestionData, body: str) -> None:
    other = ""
    if "~" in body:
        body, other_raw = body.split("~", 1)
        other = _text(other_raw.partition("#")[2], q, "feedback for other answers")
    candidates: list[dict[str, Any]] = []
    for index, part in enumerate(_parts(body, "=")):
        where = f"answer {index + 1}"
        weight, rest = _weight(part, 1.0, where)
        value_part, _, feedback_part = rest.partition("#")
        value_text = _restore(value_part).strip()
        range_at, colon_at = value_text.find("..", 1), value_text.find(":", 1)
        if range_at > 0:  # {#low..high}
            low, high = parse_number(value_text[:range_at]), parse_number(value_text[range_at + 2 :])
            if high < low:
                raise InteropError(f"the range {value_text} on {where} ends below its start")
            value, tolerance = parse_number(fmt_number((low + high) / 2)), parse_number(fmt_number((high - low) / 2))
        elif colon_at > 0:  # {#value:tolerance}
            value, tolerance = parse_number(value_text[:colon_at]), parse_number(value_text[colon_at + 1 :])
        else:
            value, tolerance = parse_number(value_text), 0
        if tolerance < 0:
            raise InteropError(f"the tolerance on {where} is negative")
        fb = _text(feedback_part, q, f"feedback of {where}")
        candidates.append({"value": value, "tolerance": tolerance, "weight": weight, "feedback": fb})
    numeric_answer_from_candidates(q, candidates, other)


# --- writing -----------------------------------------------------------------------------------


def write(questions: list[QuestionData]) -> ExportResult:
    chunks: list[str] = []
    notes: list[Issue] = []
    category = ""
    exported = 0
    for q in questions:
        label = q.title or q.stem[:60]
        if q.type == "ordering":
            notes.append(Issue(reason="ordering questions do not exist in GIFT (use Moodle XML); not exported", question=label))
            continue
        if q.type == "embedded_answers":
            notes.append(
                Issue(
                    reason="GIFT holds one gap per question; embedded answers with several gaps need Moodle XML; not exported",
                    question=label,
                )
            )
            continue
        wanted = export_category(q)
        if wanted != category:
            chunks.append(f"$CATEGORY: {wanted}")
            category = wanted

        def add_note(reason: str, label: str = label) -> None:
            notes.append(Issue(reason=reason, question=label))

        chunks.append(_write_question(q, add_note))
        exported += 1
    text = "\n\n".join(chunks) + "\n" if chunks else ""
    return ExportResult(text=text, notes=notes, exported=exported)


def _write_question(q: QuestionData, add_note: Note) -> str:
    lines: list[str] = []
    marks = []
    if q.meta.get("idnumber"):
        marks.append(f"[id:{str(q.meta['idnumber']).replace(']', chr(92) + ']')}]")
    marks += [f"[tag:{str(t).replace(']', chr(92) + ']')}]" for t in q.meta.get("tags") or []]
    if marks:
        lines.append("// " + " ".join(marks))
    if q.points is not None and float(q.points) != 1.0:
        add_note(f"GIFT has no points; the question's {fmt_number(q.points)} points are not written")
    for key, what in (("combined_feedback", "correct/incorrect feedback"), ("hints", "hints")):
        if q.meta.get(key):
            add_note(f"GIFT has no {what}; they are not written")

    head = f"::{escape(q.title)}::" if q.title else ""
    marker = "" if q.text_format == "moodle" else f"[{q.text_format}]"
    block = _answer_block(q, add_note)
    before, after = q.stem, ""
    if q.stem.count(BLANK) == 1:
        b, a = q.stem.split(BLANK)
        if a.strip():  # a blank at the very end stays written out, or it would be lost on reading
            before, after = b, a
    lines.append(head + marker + escape(before) + block + escape(after))
    return "\n".join(lines)


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _general(q: QuestionData, indent: str) -> str:
    if not q.explanation:
        return ""
    return f"{indent}####{escape(q.explanation)}" + ("\n" if indent else "")


def _answer_block(q: QuestionData, add_note: Note) -> str:
    feedback = q.meta.get("answer_feedback") or {}
    if q.type == "description":
        # No answer block is what makes it a description; GIFT has then no place for feedback.
        if q.explanation:
            add_note("GIFT descriptions have no general feedback; it is not written")
        return ""
    if q.type in ("single_choice", "multiple_response"):
        weights = choice_weights(q)
        rows = []
        for choice in q.choices:
            weight = weights[choice["id"]]
            if q.type == "single_choice" and choice["id"] == q.answer["correct"]:
                prefix = "=%100%" if choice["text"].startswith("%") else "="
            elif weight == 0 and not choice["text"].startswith("%"):
                prefix = "~"
            else:  # an explicit weight also keeps a text starting with "%" from being read as one
                prefix = f"~%{fmt_percent(weight)}%"
            rows.append(f"\t{prefix}{escape(choice['text'])}{_feedback(choice.get('feedback') or '')}\n")
        return "{\n" + "".join(rows) + _general(q, "\t") + "}"
    if q.type == "true_false":
        correct = bool(q.answer["correct"])
        right = feedback.get("true" if correct else "false") or ""
        wrong = feedback.get("false" if correct else "true") or ""
        text = "TRUE" if correct else "FALSE"
        if wrong:
            text += f"#{escape(wrong)}"
        elif right:
            text += "#"
        if right:
            text += f"#{escape(right)}"
        return "{" + text + _general(q, "") + "}"
    if q.type in ("short_answer", "cloze"):
        if q.answer.get("case_sensitive") or q.meta.get("case_sensitive"):
            add_note("GIFT short answers ignore case; the case-sensitive setting is not written")
        rows = []
        for accepted in q.answer["accepted"]:
            weight = text_weight(q, accepted)
            prefix = "=" if weight == 1.0 and not accepted.startswith("%") else f"=%{fmt_percent(weight)}%"
            rows.append(f"\t{prefix}{escape(accepted)}{_feedback(feedback.get(accepted) or '')}\n")
        if q.meta.get("other_feedback"):
            rows.append(f"\t=%0%*{_feedback(q.meta['other_feedback'])}\n")
        return "{\n" + "".join(rows) + _general(q, "\t") + "}"
    if q.type == "numeric":
        if q.answer.get("unit"):
            add_note(f"GIFT numeric answers have no unit; {q.answer['unit']!r} is not written")
        rows = []
        for index, cand in enumerate(numeric_candidates(q)):
            weight = float(cand.get("weight", 1.0))
            prefix = "=" if weight == 1.0 else f"=%{fmt_percent(weight)}%"
            value = f"{fmt_number(cand['value'])}:{fmt_number(cand.get('tolerance', 0))}"
            rows.append(f"\t{prefix}{value}{_feedback(feedback.get(str(index)) or '')}\n")
        if q.meta.get("other_feedback"):
            rows.append(f"\t~{_feedback(q.meta['other_feedback'])}\n")
        return "{#\n" + "".join(rows) + _general(q, "\t") + "}"
    if q.type == "essay":
        settings = q.choices if isinstance(q.choices, dict) else {}
        if any(settings.get(k) for k in ("word_limit", "response_template")) or settings.get("response_lines") not in (None, 15):
            add_note("GIFT essays have no response settings (word limit, box size, template); they are not written")
        if settings.get("attachments") not in (None, "none"):
            add_note("GIFT essays have no attachment settings; the essay is written without its attached-file option")
        if q.answer.get("grader_info") or q.answer.get("rubric"):
            add_note("GIFT essays have no marking guide or rubric; they are not written")
        return "{" + _general(q, "") + "}"
    if q.type == "matching":
        right = {r["id"]: r["text"] for r in q.choices["right"]}
        rows = [f"\t={escape(left['text'])} -> {escape(right[q.answer['pairs'][left['id']]])}\n" for left in q.choices["left"]]
        used = set(q.answer["pairs"].values())
        rows += [f"\t= -> {escape(r['text'])}\n" for r in q.choices["right"] if r["id"] not in used]
        return "{\n" + "".join(rows) + _general(q, "\t") + "}"
    raise InteropError(f"cannot write a {q.type} question in GIFT")
