"""Shared pieces of the GIFT, Moodle XML and Aiken readers and writers.

Every reader turns a file into ``QuestionData`` already in our type shapes (see
``quizzes.questiontypes``); every writer turns ``QuestionData`` back into text. Whatever a
format cannot carry is reported as a note, never dropped silently.

Extras that have no column of their own live in ``Question.meta``:

=================== =====================================================================
key                 meaning
=================== =====================================================================
format              text format of the stem and its parts: moodle, html, plain, markdown
                    (our own questions without it are plain text)
idnumber, tags      Moodle's question idnumber and tags
category            Moodle category path the question came from ($course$/top/A/B)
answer_feedback     feedback per answer that is not a choice: true_false {"true","false"},
                    short_answer/cloze {accepted text: feedback}, numeric {"0": main,
                    "1".. alternatives}
other_feedback      feedback for "any other answer" (Moodle's ``*`` answer)
case_sensitive      Moodle's "case matters" short answers, from before the key held it (the key's
                    ``case_sensitive`` is read first; imports now set the key)
combined_feedback   Moodle XML correct / partiallycorrect / incorrect feedback
hints               Moodle XML hints, kept for export only
moodle              Moodle XML options that differ from the defaults we write
=================== =====================================================================

Choice-level feedback sits in the choice dicts (``{"id", "text", "feedback"}``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import nh3

from quizzes.media import attribute_filter
from quizzes.questiontypes import BLANK, normalise_text

BLANK_RUN = re.compile(r"_{4,}")
TEXT_FORMATS = ("moodle", "html", "plain", "markdown")
DEFAULT_FORMAT = "plain"  # what our own (generated, hand-written) questions are
TOPIC_MAX = 60
TITLE_MAX = 200
MAX_IMPORT_BYTES = 20 * 1024 * 1024

NOT_UTF8 = (
    "The file is not UTF-8 text: byte 0x{byte:02X} at line {line} is not valid UTF-8{guess}. "
    "Save the file with UTF-8 encoding and import it again."
)
TOO_LARGE = "The file is larger than {limit} MB."
NO_QUESTIONS = "The file holds no questions."


class InteropError(ValueError):
    """A question (or a whole file) cannot be imported; the message is shown to the instructor."""


@dataclass
class Issue:
    """An error (question not imported) or a note (imported, but something did not map exactly)."""

    reason: str
    line: int | None = None
    question: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.line is not None:
            out["line"] = self.line
        if self.question:
            out["question"] = self.question
        out["reason"] = self.reason
        return out


@dataclass
class QuestionData:
    """One question between a file and the database, in our type shapes."""

    type: str
    stem: str
    choices: Any = field(default_factory=list)
    answer: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    explanation: str = ""
    topic: str = ""
    points: Decimal | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # Files the text refers to as @@PLUGINFILE@@/<name> (quizzes.media), by name: read from and
    # written to Moodle XML's base64 <file> elements; checked and stored by the import service.
    files: dict[str, bytes] = field(default_factory=dict)
    # Where it came from, for messages.
    line: int | None = None
    label: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def text_format(self) -> str:
        return str(self.meta.get("format") or DEFAULT_FORMAT)


@dataclass
class ParseResult:
    questions: list[QuestionData] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    # Set when the reader stopped early: the file holds more than the ``limit`` it was given.
    over_limit: bool = False

    def reached(self, limit: int | None) -> bool:
        """True (and remembered) once more than ``limit`` questions were read, imported or refused;
        readers check it before each question so their work is bounded by the limit, not the file."""
        if limit is not None and len(self.questions) + len(self.errors) > limit:
            self.over_limit = True
        return self.over_limit


@dataclass
class ExportResult:
    text: str
    notes: list[Issue] = field(default_factory=list)
    exported: int = 0


@dataclass
class ImportReport:
    """What an import did: how many questions it created, which it refused and why, and
    what it imported only approximately."""

    imported: int = 0
    errors: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    question_ids: list[int] = field(default_factory=list)
    bank_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "errors": [e.as_dict() for e in self.errors],
            "notes": [n.as_dict() for n in self.notes],
        }


# --- decoding ---------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 text with Unix line endings, or InteropError saying why the file is refused.

    Moodle refuses files that are not UTF-8 rather than guess; so do we, but we say which byte
    is wrong and what the encoding probably is.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise InteropError(TOO_LARGE.format(limit=MAX_IMPORT_BYTES // (1024 * 1024)))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InteropError(NOT_UTF8.format(byte=data[exc.start], line=line, guess=_guess_encoding(data))) from exc
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return f" (perhaps it is {best.encoding})" if best is not None and best.encoding != "utf_8" else ""


# --- text -----------------------------------------------------------------------------------


def sanitise(text: str, fmt: str) -> str:
    """Clean HTML with nh3 where the format lets HTML through.

    Plain text is shown escaped, so it is stored as written (``AT&T`` stays ``AT&T``);
    markdown only goes through nh3 when it embeds tags, because nh3 would escape ``>`` quotes.
    """
    if fmt in ("html", "moodle") or (fmt == "markdown" and "<" in text):
        return nh3.clean(text, attribute_filter=attribute_filter)
    return text


_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str, fmt: str) -> str:
    """The visible text of a stem, for names and for formats without markup."""
    import html

    if fmt in ("html", "moodle", "markdown"):
        text = html.unescape(_TAG.sub(" ", text))
    return " ".join(text.split())


def default_name(stem: str, fmt: str) -> str:
    """Moodle needs a question name; derive it from the stem as Moodle does."""
    name = plain_text(stem, fmt).replace(BLANK, "_")
    return name[:80].rstrip() or "Question"


def fmt_number(value: float | int | Decimal) -> str:
    """Shortest stable text for a number: 280, 2.5, 33.33333, -0.1."""
    number = float(value)
    if not math.isfinite(number):
        raise InteropError(f"{value!r} is not a finite number")
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return format(number, ".15g")


def fmt_percent(fraction: float) -> str:
    """A Moodle grade fraction as a percentage with at most five decimals (33.33333)."""
    pct = round(float(fraction) * 100, 5)
    text = f"{pct:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def parse_number(text: str) -> int | float:
    try:
        number = float(text.strip())
    except ValueError as exc:
        raise InteropError(f"{text.strip()!r} is not a number") from exc
    if not math.isfinite(number):
        raise InteropError(f"{text.strip()!r} is not a finite number")
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def parse_percent(text: str, *, where: str) -> float:
    """A Moodle percentage (100, 33.33333, -50) as a fraction in [-1, 1]."""
    try:
        pct = float(text.strip())
    except ValueError as exc:
        raise InteropError(f"invalid grade fraction {text.strip()!r} on {where}") from exc
    if not math.isfinite(pct) or pct < -100 or pct > 100:
        raise InteropError(f"invalid grade fraction {text.strip()!r} on {where}: it must be between -100% and 100%")
    return round(pct / 100, 7)


# --- categories ------------------------------------------------------------------------------

_CONTEXT_TOKEN = re.compile(r"^\$[a-z0-9]+\$$")


def category_segments(path: str) -> list[str]:
    """Moodle writes a "/" inside a category name as "//"."""
    marker = "\ue000"
    return [part.replace(marker, "/").strip() for part in path.replace("//", marker).split("/")]


def category_topic(path: str) -> str:
    """Our topic for a Moodle category: its last named level ($course$ and top are context)."""
    names = [s for s in category_segments(path) if s and not _CONTEXT_TOKEN.match(s) and s != "top"]
    return names[-1] if names else ""


def export_category(q: QuestionData) -> str:
    """The category a question is written under: where it came from, unless its topic changed since."""
    category = str(q.meta.get("category") or "")
    if category and category_topic(category) == q.topic:
        return category
    if q.topic:
        return "$course$/top/" + q.topic.replace("/", "//")
    return "$course$/top" if category else ""


def apply_category(q: QuestionData, category: str | None) -> None:
    if not category:
        return
    q.meta["category"] = category
    topic = category_topic(category)
    if len(topic) > TOPIC_MAX:
        q.notes.append(f"the category name is longer than {TOPIC_MAX} characters; the topic keeps its first {TOPIC_MAX}")
        topic = topic[:TOPIC_MAX]
    q.topic = topic


# --- grading shapes --------------------------------------------------------------------------


def choice_id(prefix: str, index: int) -> str:
    return f"{prefix}{index + 1}"


def choice_with_feedback(index: int, text: str, feedback: str) -> dict[str, str]:
    """An imported choice; feedback is only stored when the file gives some."""
    choice = {"id": choice_id("c", index), "text": text}
    if feedback:
        choice["feedback"] = feedback
    return choice


@dataclass
class MatchingChoices:
    """The left and right columns of an imported matching question, collected pair by pair.

    GIFT and Moodle XML describe matching the same way (pairs, right answers may repeat, an
    empty left side is an extra wrong answer), so both parsers build the key here.
    """

    left: list[dict[str, str]] = field(default_factory=list)
    right: list[dict[str, str]] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)

    def add(self, left_text: str, right_text: str) -> None:
        right_id = next((r["id"] for r in self.right if r["text"] == right_text), None)
        if right_id is None:
            right_id = choice_id("r", len(self.right))
            self.right.append({"id": right_id, "text": right_text})
        if left_text:
            left_id = choice_id("l", len(self.left))
            self.left.append({"id": left_id, "text": left_text})
            self.pairs[left_id] = right_id

    def apply(self, q: QuestionData, *, parts: str) -> None:
        """Make ``q`` this matching question, or InteropError when fewer than two ``parts`` have a left side."""
        if len(self.left) < 2:
            raise InteropError(f"a matching question needs at least two {parts}, it has {len(self.left)}")
        q.type = "matching"
        q.choices = {"left": self.left, "right": self.right}
        q.answer = {"pairs": self.pairs}


def multi_default_weights(correct: list[str], ids: list[str]) -> dict[str, float]:
    """Our partial-credit rule for multiple response written as Moodle weights: each right
    choice earns 1/n, each wrong choice costs 1/n (so the grade is the same in Moodle)."""
    unit = 1.0 / len(correct)
    return {cid: (unit if cid in correct else -unit) for cid in ids}


def choice_answer_from_weights(q: QuestionData, *, ids: list[str], weights: list[float], single: bool) -> dict[str, Any]:
    """Our answer key for a multiple-choice question from Moodle fractions, or InteropError."""
    if len(ids) < 2:
        raise InteropError(f"a multiple-choice question needs at least two choices, it has {len(ids)}")
    if single:
        full = [cid for cid, w in zip(ids, weights, strict=True) if math.isclose(w, 1.0, abs_tol=1e-6)]
        if not full:
            raise InteropError("the multiple-choice question has no fully correct (100%) answer")
        key: dict[str, Any] = {"correct": full[0]}
        if len(full) > 1:
            q.notes.append("several answers were worth 100%; all keep full credit through weights")
        if any(not math.isclose(w, 0.0, abs_tol=1e-9) for cid, w in zip(ids, weights, strict=True) if cid != full[0]):
            key["weights"] = {cid: w for cid, w in zip(ids, weights, strict=True) if not math.isclose(w, 0.0, abs_tol=1e-9)}
        return key
    correct = [cid for cid, w in zip(ids, weights, strict=True) if w > 0]
    total = sum(w for w in weights if w > 0)
    if not correct or not math.isclose(total, 1.0, abs_tol=1e-3):
        raise InteropError(f"the correct answers' grades add up to {fmt_percent(total)}%, not 100%: no fully correct answer")
    key = {"correct": correct}
    default = multi_default_weights(correct, ids)
    if not all(math.isclose(w, default[cid], abs_tol=1e-6) for cid, w in zip(ids, weights, strict=True)):
        key["weights"] = {cid: w for cid, w in zip(ids, weights, strict=True) if not math.isclose(w, 0.0, abs_tol=1e-9)}
    return key


def choice_weights(q: QuestionData) -> dict[str, float]:
    """Moodle fractions for every choice of a single/multiple-choice question."""
    ids = [c["id"] for c in q.choices]
    weights = q.answer.get("weights")
    if q.type == "multiple_response":
        if weights:
            return {cid: float(weights.get(cid, 0.0)) for cid in ids}
        return multi_default_weights(list(q.answer["correct"]), ids)
    out = {cid: float((weights or {}).get(cid, 0.0)) for cid in ids}
    out[q.answer["correct"]] = 1.0
    return out


def text_weight(q: QuestionData, accepted: str) -> float:
    weights = q.answer.get("weights") or {}
    if accepted in weights:
        return float(weights[accepted])
    by_norm = {normalise_text(k): float(v) for k, v in weights.items()}
    return by_norm.get(normalise_text(accepted), 1.0)


def numeric_candidates(q: QuestionData) -> list[dict[str, Any]]:
    main = {"value": q.answer["value"], "tolerance": q.answer.get("tolerance", 0), "weight": 1.0}
    return [main, *list(q.answer.get("alternatives") or [])]


def numeric_answer_from_candidates(q: QuestionData, candidates: list[dict[str, Any]], other: str) -> None:
    """Our numeric key from (value, tolerance, weight, feedback) candidates; the first 100% one is the main answer."""
    if not candidates:
        raise InteropError("the numeric question has no answer")
    main_index = next((i for i, c in enumerate(candidates) if abs(float(c["weight"]) - 1.0) < 1e-6), None)
    if main_index is None:
        raise InteropError("the numeric question has no fully correct (100%) answer")
    ordered = [candidates[main_index], *[c for i, c in enumerate(candidates) if i != main_index]]
    main = ordered[0]
    q.type = "numeric"
    q.answer = {"value": main["value"], "tolerance": main["tolerance"], "unit": q.answer.get("unit", "")}
    if len(ordered) > 1:
        q.answer["alternatives"] = [{"value": c["value"], "tolerance": c["tolerance"], "weight": c["weight"]} for c in ordered[1:]]
    feedback = {str(i): str(c["feedback"]) for i, c in enumerate(ordered) if c["feedback"]}
    if feedback:
        q.meta["answer_feedback"] = feedback
    if other:
        q.meta["other_feedback"] = other


def text_answer_from_weights(q: QuestionData, answers: list[tuple[str, float, str]]) -> None:
    """Fill a short-answer/cloze key from (text, fraction, feedback); ``*`` is "any other answer"."""
    accepted: list[str] = []
    weights: dict[str, float] = {}
    feedback: dict[str, str] = {}
    for text, weight, fb in answers:
        if text == "*":
            q.meta["other_feedback"] = fb
            if weight > 0:
                q.notes.append(f"the catch-all answer '*' earned {fmt_percent(weight)}%; any other answer now earns nothing")
            continue
        if text in accepted:
            q.notes.append(f"the answer {text!r} was listed twice; the first one is kept")
            continue
        accepted.append(text)
        if not math.isclose(weight, 1.0, abs_tol=1e-9):
            weights[text] = weight
        if fb:
            feedback[text] = fb
    if not accepted:
        raise InteropError("the question has no accepted answer")
    if not any(text_weight_value(weights, a) >= 1.0 - 1e-6 for a in accepted):
        raise InteropError("the question has no fully correct (100%) answer")
    q.answer = {"accepted": accepted}
    if weights:
        q.answer["weights"] = weights
    if feedback:
        q.meta["answer_feedback"] = feedback


def text_weight_value(weights: dict[str, float], accepted: str) -> float:
    return float(weights.get(accepted, 1.0))


def single_blank(stem: str) -> str | None:
    """The stem with its one blank written as ``____``, or None when it has none or several."""
    if len(BLANK_RUN.findall(stem)) != 1:
        return None
    return BLANK_RUN.sub(BLANK, stem)
