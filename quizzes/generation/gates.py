# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Quality gates a question must pass before it is kept, and again over a whole bank.

The same checks run on drafts during generation (a failing draft is dropped) and on stored
questions (``bank_gate_failures``), so a test can prove the kept bank is clean:

- ``definition``: the key fits the type (``quizzes.questiontypes.validate_definition``);
- ``answerable``: the answer can be found in the cited passage alone;
- ``answer_in_stem``: the stem does not give the answer away;
- ``unresolved_reference``: a quoted sentence does not open with This/These/It/Such ...;
- ``options_distinct``: no two options say the same thing;
- ``source_section``: never from a foreign-language abstract, references or a title line;
- ``near_duplicate``: no two stems of a bank are the same after normalisation or fuzzily close.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from quizzes.generation.builders import opens_with_unresolved_reference
from quizzes.generation.facts import QUESTION_SECTION_KINDS
from quizzes.generation.text import contains_term, normalise_text
from quizzes.models import QuestionType
from quizzes.questiontypes import QuestionDefinitionError, validate_definition

NEAR_DUPLICATE_SCORE = 90.0


@dataclass(frozen=True)
class GateItem:
    """What the gates look at, whether the question is a draft or a stored row."""

    ref: Any
    type: str
    stem: str
    choices: Any
    answer: dict[str, Any]
    passage: str
    meta: dict[str, Any]
    section_kind: str
    section_language: str


@dataclass(frozen=True)
class GateFailure:
    ref: Any
    gate: str
    detail: str


def _choice_texts(item: GateItem) -> dict[str, str]:
    if isinstance(item.choices, list):
        return {c["id"]: c["text"] for c in item.choices}
    return {}


def answer_texts(item: GateItem) -> list[list[str]]:
    """Groups of strings; each group must have one member found in the passage."""
    texts = _choice_texts(item)
    if item.meta.get("scenario"):
        return [[e] for e in item.meta.get("rule_evidence", [])] or [["Article 5"]]
    if item.type == QuestionType.SINGLE_CHOICE:
        return [[texts[item.answer["correct"]], *item.meta.get("evidence_any", [])]]
    if item.type == QuestionType.MULTIPLE_RESPONSE:
        return [[texts[c]] for c in item.answer["correct"]]
    if item.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}:
        return [list(item.answer["accepted"])]
    if item.type == QuestionType.TRUE_FALSE:
        original = item.meta.get("tf_original")
        return [[original]] if original else []
    if item.type == QuestionType.MATCHING:
        left = {c["id"]: c["text"] for c in item.choices["left"]}
        right = {c["id"]: c["text"] for c in item.choices["right"]}
        return [[left[a]] for a in item.answer["pairs"]] + [[right[b]] for b in item.answer["pairs"].values()]
    return [[e] for e in item.meta.get("evidence", [])]


def _number_forms(value: float) -> list[str]:
    forms = {f"{value:g}", f"{value:,.0f}" if value == int(value) else f"{value:,}"}
    return [f for f in forms if f]


def check_item(item: GateItem) -> list[GateFailure]:
    failures: list[GateFailure] = []

    def fail(gate: str, detail: str) -> None:
        failures.append(GateFailure(item.ref, gate, detail))

    try:
        validate_definition(type=item.type, choices=item.choices, answer=item.answer)
    except QuestionDefinitionError as exc:
        return [GateFailure(item.ref, "definition", str(exc))]
    if item.section_kind not in QUESTION_SECTION_KINDS or item.section_language != "en":
        fail("source_section", f"generated from a {item.section_kind} section ({item.section_language})")
    if not item.passage.strip():
        fail("answerable", "no source passage")
    # Answerable from the passage alone.
    passage = normalise_text(item.passage)
    groups = answer_texts(item)
    if item.type == QuestionType.NUMERIC and not groups:
        groups = [_number_forms(float(item.answer["value"]))]
    if not groups and item.type not in {QuestionType.TRUE_FALSE}:
        fail("answerable", "no evidence for the answer")
    for group in groups:
        if not any(g and (normalise_text(str(g)) in passage) for g in group):
            fail("answerable", f"none of {group!r} is in the passage")
    if item.type == QuestionType.TRUE_FALSE and item.meta.get("tf_swapped") and contains_term(item.passage, item.meta["tf_swapped"]):
        fail("answerable", "the swapped-in term is in the passage, so the false statement may be true")
    # The answer is not given away by the stem.
    stem_plain = item.stem
    if item.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}:
        for accepted in item.answer["accepted"]:
            # "Which article contains this provision?" accepts a bare "1" for "Article I"; a provision
            # citing "paragraph 1 of this Article" does not give that away, "Article I" would.
            if item.meta.get("section_label") and " " not in accepted.strip():
                continue
            if contains_term(stem_plain, accepted):
                fail("answer_in_stem", f"{accepted!r} appears in the stem")
    elif item.type == QuestionType.SINGLE_CHOICE and not item.meta.get("scenario"):
        correct = _choice_texts(item)[item.answer["correct"]]
        if contains_term(stem_plain, correct):
            fail("answer_in_stem", f"{correct!r} appears in the stem")
    elif item.type == QuestionType.MULTIPLE_RESPONSE and not item.meta.get("scenario"):
        for cid in item.answer["correct"]:
            if contains_term(stem_plain, _choice_texts(item)[cid]):
                fail("answer_in_stem", f"{_choice_texts(item)[cid]!r} appears in the stem")
    elif item.type == QuestionType.NUMERIC:
        for form in _number_forms(float(item.answer["value"])):
            if re.search(r"(?<![\d.,])" + re.escape(form) + r"(?![\d])", stem_plain):
                fail("answer_in_stem", f"{form} appears in the stem")
    # Quoted sentences must stand on their own.
    quoted = item.meta.get("quoted")
    if quoted and opens_with_unresolved_reference(quoted):
        fail("unresolved_reference", f"quoted sentence opens with an unresolved reference: {quoted[:40]!r}")
    # Options distinct.
    if isinstance(item.choices, dict):
        lists = [item.choices["left"], item.choices["right"]]
    elif isinstance(item.choices, list):
        lists = [item.choices]
    else:
        lists = []
    for options in lists:
        normalised = [normalise_text(c["text"]) for c in options]
        if len(set(normalised)) != len(normalised) or not all(normalised):
            fail("options_distinct", "two options are the same after normalisation")
    return failures


def _names(stem: str) -> frozenset[str]:
    """The names and numbers a stem asks about: what makes two templated stems different questions."""
    tokens = re.findall(r"[\w’'-]+", stem)
    return frozenset(normalise_text(t) for t in tokens[1:] if t[:1].isupper() or t[:1].isdigit())


def is_near_duplicate(a: str, b: str) -> bool:
    """Same text once normalised, or fuzzily close (``NEAR_DUPLICATE_SCORE``) while naming the same things.

    "What does CCDCOE stand for?" and "What does EADRCC stand for?" are 90% alike as strings
    but ask about different names, so they are different questions.
    """
    na, nb = normalise_text(a), normalise_text(b)
    if na == nb:
        return True
    return fuzz.ratio(na, nb, score_cutoff=NEAR_DUPLICATE_SCORE) >= NEAR_DUPLICATE_SCORE and _names(a) == _names(b)


def near_duplicates(items: list[GateItem]) -> list[GateFailure]:
    """Items whose stem repeats (exactly or nearly) the stem of an earlier item of the same type that was kept.

    Two types asking about one sentence ("What number is missing …" typed in, "Which figure completes …"
    chosen) are two formats of a question, not a repeat: they share an exclusion group, so a quiz shows
    one of them and the bank offers both.
    """
    kept: list[tuple[str, str, str, frozenset[str]]] = []
    failures = []
    for item in items:
        norm, names = normalise_text(item.stem), _names(item.stem)
        twin = next(
            (
                stem
                for qtype, stem, other, other_names in kept
                if qtype == item.type
                and (
                    norm == other
                    or (names == other_names and fuzz.ratio(norm, other, score_cutoff=NEAR_DUPLICATE_SCORE) >= NEAR_DUPLICATE_SCORE)
                )
            ),
            None,
        )
        if twin is not None:
            failures.append(GateFailure(item.ref, "near_duplicate", f"stem repeats an earlier one: {twin[:60]!r}"))
        else:
            kept.append((item.type, item.stem, norm, names))
    return failures


def filter_items(items: Iterable[GateItem]) -> tuple[list[GateItem], list[GateFailure]]:
    """Keep the items that pass every gate; the first of near-duplicates wins."""
    kept: list[GateItem] = []
    dropped: list[GateFailure] = []
    for item in items:
        failures = check_item(item)
        if failures:
            dropped += failures
        else:
            kept.append(item)
    duplicates = near_duplicates(kept)
    gone = {id(f.ref) for f in duplicates}
    return [i for i in kept if id(i.ref) not in gone], dropped + duplicates


def bank_gate_failures(questions: Iterable[Any]) -> list[GateFailure]:
    """Run every gate over stored questions (the current versions of a bank)."""
    items = []
    for q in questions:
        section = q.source_section
        items.append(
            GateItem(
                ref=q.pk,
                type=q.type,
                stem=q.stem,
                choices=q.choices,
                answer=q.answer,
                passage=q.source_passage,
                meta=q.meta or {},
                section_kind=section.kind if section else "",
                section_language=section.language if section else "",
            )
        )
    failures = [f for item in items for f in check_item(item)]
    return failures + near_duplicates(items)
