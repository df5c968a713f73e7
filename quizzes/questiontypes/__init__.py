"""Question types: the shape of choices, answer keys and student answers, and each grading rule.

Every entry point (generation, manual authoring, import, API, HTML, grading) relies on this
package, so a rule lives in exactly one place. Each type family has its module (``choice``:
options picked or arranged; ``typed``: cloze, short answer, numeric; ``essay``; ``embedded``),
beside ``base`` (errors, grades, normalisation), ``keys`` (the key's texts) and ``ids`` (option
ids); this module holds the table of rules and the entry points, and re-exports the rest.

Shapes (``choices`` / ``answer`` stored on the question; ``response`` is what a student sends):

=================  ==================================================  =========================================  ==========================
type               choices                                             answer (key)                               response
=================  ==================================================  =========================================  ==========================
single_choice      [{"id", "text", "feedback"?}]                       {"correct": id, "weights"?: {id: f}}       id
multiple_response  [{"id", "text", "feedback"?}]                       {"correct": [id...], "weights"?: {id: f}}  [id...]
true_false         []                                                  {"correct": bool}                          bool
cloze              []  (stem holds one blank ``____``)                 {"accepted": [str...],                     str
                                                                        "typo_tolerance"?: bool}
numeric            []                                                  {"value": n, "tolerance": n, "unit": str,  str (as typed) or number
                                                                        "alternatives"?: [{"value","tolerance",
                                                                        "weight"}]}
matching           {"left": [{"id","text"}], "right": [{"id","text"}]} {"pairs": {left_id: right_id}}             {left_id: right_id}
ordering           [{"id", "text"}]                                    {"order": [id...]}                         [id...]
short_answer       []                                                  {"accepted": [str...],                     str
                                                                        "weights"?: {str: f},
                                                                        "typo_tolerance"?: bool,
                                                                        "case_sensitive"?: bool}
essay              {"word_limit"?: n, "response_lines"?: n,             {"grader_info"?: str,                      str (plain text)
                    "response_template"?: str,                           "rubric"?: [{"id", "criterion",
                    "attachments"?: "none"|"optional"|"required",       "levels": [{"id", "label", "points"}]}]}
                    "attachment_types"?: [kind...] (empty: all)}
description        []                                                  {}                                         none (nothing to answer)
embedded_answers   [{"id": "g<n>-…", "text"}]  (drop-down options;     {"gaps": [gap...]}, one per [[n]] in the   {"<n>": str}
                   the stem holds [[1]], [[2]]… where the gaps go)     stem, see ``_validate_embedded``
=================  ==================================================  =========================================  ==========================

``weights`` are Moodle-style fractions in [-1, 1]; without them the key is all-or-nothing
(single choice) or the partial-credit rule below (multiple response). A grade is a fraction in
[0, 1]; the attempt multiplies it by the question's points.

Typed answers (cloze, short answer) match an accepted answer, aliases included, ignoring case,
accents, punctuation, a leading article and simple plurals; a small typo in a long word is
forgiven unless ``typo_tolerance`` is false (see ``_grade_text``). A numeric answer is kept as
the student typed it ("2,000"), so it is shown back that way. Ordering earns a share for each
item followed by its right successor (Moodle's "relative to the next item"), matching a share
per right pair.

An essay is never graded here: ``grade_answer`` gives it nothing and ``is_manually_marked`` tells
the grading service to wait for an instructor's mark (``quizzes.services.marking``). Its
``choices`` hold the response settings the student sees (word limit, box size, a starting
template); its key holds what only markers see (grader information, the optional rubric).

Embedded answers (Moodle's "multianswer" cloze) hold several gaps in one text, each a typed
answer (the short-answer rules), a number (the numeric rules) or a drop-down (one right option
or weights); a gap's drop-down options are the choices whose id starts ``g<n>-``, so the
student's key-free view of the options (ids and texts) still says which gap they belong to.
Each gap has its share of the question (``points``, Moodle's gap weight) and earns it by its
own rule: partial credit per gap.

A description (Moodle's "description", GIFT's text without an answer block) is text shown
between questions: it takes no answer and is worth nothing, so ``is_scored`` is false, grading
gives it 0 of 0 points and it never counts in a total.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizzes.models import QuestionType
from quizzes.questiontypes.base import (
    BLANK,
    CASE_SENSITIVE,
    GRADING_RULES,
    TYPO_ACCEPTED,
    TYPO_TOLERANCE,
    TYPO_TOLERANCE_DEFAULT,
    AnswerShapeError,
    Grade,
    QuestionDefinitionError,
    normalise_text,
)
from quizzes.questiontypes.choice import (
    _check_matching,
    _check_multi,
    _check_ordering,
    _check_single,
    _check_tf,
    _grade_matching,
    _grade_multi,
    _grade_ordering,
    _grade_single,
    _grade_tf,
    _validate_matching,
    _validate_multi,
    _validate_ordering,
    _validate_single,
    _validate_tf,
)
from quizzes.questiontypes.embedded import (
    GAP_KINDS,
    GAP_MARK,
    _check_embedded,
    _grade_embedded,
    _validate_embedded,
    check_gap_marks,
    gap_numbers,
    gap_of_choice,
)
from quizzes.questiontypes.essay import (
    ATTACHMENT_CHOICES,
    ATTACHMENT_KINDS,
    ATTACHMENTS_NONE,
    ATTACHMENTS_OPTIONAL,
    ATTACHMENTS_REQUIRED,
    AWAITING_MARKING,
    ESSAY_LINES_DEFAULT,
    ESSAY_MAX_CHARS,
    _check_essay,
    _grade_essay,
    _validate_essay,
    essay_needs_a_file,
    essay_settings,
    rubric_max_points,
    rubric_points,
    word_count,
)
from quizzes.questiontypes.ids import OPAQUE_ID_BYTES, choice_ids_of, new_choice_id, with_opaque_choice_ids
from quizzes.questiontypes.keys import key_terms, printed_text, term_printed_in
from quizzes.questiontypes.typed import (
    _check_numeric,
    _check_text,
    _grade_numeric,
    _grade_text,
    _grade_text_v1,
    _validate_numeric,
    _validate_text,
    answer_words,
    number_text,
    number_value,
    typo_allowance,
)


def _validate_description(choices: Any, answer: Any) -> None:
    if choices not in ([], {}, None):
        raise QuestionDefinitionError("a description has no choices")
    if answer:
        raise QuestionDefinitionError("a description has no answer key")


def _check_description(choices: Any, response: Any) -> Any:
    raise AnswerShapeError("a description takes no answer")


def _grade_description(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    return Grade(0.0, False, "")


def is_scored(type: str) -> bool:
    """Whether this type is worth points at all (a description is text between questions)."""
    return type != QuestionType.DESCRIPTION


def is_manually_marked(type: str) -> bool:
    """Whether an instructor, not ``grade_answer``, gives this type's marks."""
    return type == QuestionType.ESSAY


@dataclass(frozen=True)
class TypeRule:
    validate: Callable[[Any, dict[str, Any]], None]
    check: Callable[[Any, Any], Any]
    grade: Callable[[Any, dict[str, Any], Any], Grade]
    answer_schema: dict[str, Any]


RULES: dict[str, TypeRule] = {
    QuestionType.SINGLE_CHOICE: TypeRule(_validate_single, _check_single, _grade_single, {"type": "string", "description": "a choice id"}),
    QuestionType.MULTIPLE_RESPONSE: TypeRule(
        _validate_multi, _check_multi, _grade_multi, {"type": "array", "items": {"type": "string"}, "description": "choice ids"}
    ),
    QuestionType.TRUE_FALSE: TypeRule(_validate_tf, _check_tf, _grade_tf, {"type": "boolean"}),
    QuestionType.CLOZE: TypeRule(_validate_text, _check_text, _grade_text, {"type": "string", "description": "the missing term"}),
    QuestionType.NUMERIC: TypeRule(
        _validate_numeric,
        _check_numeric,
        _grade_numeric,
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": "a number, best sent as the text the student typed (2000, 2,000, 2 000, 280,5); kept and shown back as typed",
        },
    ),
    QuestionType.MATCHING: TypeRule(
        _validate_matching,
        _check_matching,
        _grade_matching,
        {"type": "object", "additionalProperties": {"type": "string"}, "description": "left item id -> right item id"},
    ),
    QuestionType.ORDERING: TypeRule(
        _validate_ordering,
        _check_ordering,
        _grade_ordering,
        {"type": "array", "items": {"type": "string"}, "description": "item ids in order"},
    ),
    QuestionType.SHORT_ANSWER: TypeRule(_validate_text, _check_text, _grade_text, {"type": "string"}),
    QuestionType.ESSAY: TypeRule(
        _validate_essay, _check_essay, _grade_essay, {"type": "string", "description": "plain text, within the word limit"}
    ),
    QuestionType.EMBEDDED: TypeRule(
        _validate_embedded,
        _check_embedded,
        _grade_embedded,
        {"type": "object", "additionalProperties": {"type": "string"}, "description": "gap number -> typed text or drop-down option id"},
    ),
    QuestionType.DESCRIPTION: TypeRule(
        _validate_description,
        _check_description,
        _grade_description,
        {"type": "string", "maxLength": 0, "description": "nothing: a description takes no answer (send null)"},
    ),
}


def validate_definition(*, type: str, choices: Any, answer: Any) -> None:
    """Raise QuestionDefinitionError if the key does not fit the type."""
    if type not in RULES:
        raise QuestionDefinitionError(f"unknown question type {type!r}")
    if not isinstance(answer, dict):
        raise QuestionDefinitionError("the answer key must be an object")
    RULES[type].validate(choices, answer)


def check_answer(*, type: str, choices: Any, response: Any) -> Any:
    """Return the answer in canonical form, or raise AnswerShapeError."""
    return RULES[type].check(choices, response)


def grade_answer(*, type: str, choices: Any, answer: dict[str, Any], response: Any, rules: int = GRADING_RULES) -> Grade:
    """Grade one response; an unanswered (None) or malformed response earns nothing.

    ``rules`` is the version of the matching rules to apply (see GRADING_RULES): a response
    graded once is regraded by the rules it was first graded with, so a change of rules never
    changes a grade a student has already seen.
    """
    if response is None:
        return Grade(0.0, False, "not answered")
    try:
        canonical = check_answer(type=type, choices=choices, response=response)
    except AnswerShapeError as exc:
        return Grade(0.0, False, str(exc))
    if rules < 2 and type in (QuestionType.CLOZE, QuestionType.SHORT_ANSWER):
        return _grade_text_v1(choices, answer, canonical)
    return RULES[type].grade(choices, answer, canonical)


__all__ = [
    "ATTACHMENTS_NONE",
    "ATTACHMENTS_OPTIONAL",
    "ATTACHMENTS_REQUIRED",
    "ATTACHMENT_CHOICES",
    "ATTACHMENT_KINDS",
    "AWAITING_MARKING",
    "BLANK",
    "CASE_SENSITIVE",
    "ESSAY_LINES_DEFAULT",
    "ESSAY_MAX_CHARS",
    "GAP_KINDS",
    "GAP_MARK",
    "GRADING_RULES",
    "OPAQUE_ID_BYTES",
    "RULES",
    "TYPO_ACCEPTED",
    "TYPO_TOLERANCE",
    "TYPO_TOLERANCE_DEFAULT",
    "AnswerShapeError",
    "Grade",
    "QuestionDefinitionError",
    "TypeRule",
    "answer_words",
    "check_answer",
    "check_gap_marks",
    "choice_ids_of",
    "essay_needs_a_file",
    "essay_settings",
    "gap_numbers",
    "gap_of_choice",
    "grade_answer",
    "is_manually_marked",
    "is_scored",
    "key_terms",
    "new_choice_id",
    "normalise_text",
    "number_text",
    "number_value",
    "printed_text",
    "rubric_max_points",
    "rubric_points",
    "term_printed_in",
    "typo_allowance",
    "validate_definition",
    "with_opaque_choice_ids",
    "word_count",
]
