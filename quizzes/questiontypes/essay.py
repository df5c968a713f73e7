"""Essays: response settings, word counts and rubrics; an instructor marks them
(``quizzes.services.marking``), grading never does.
"""

from __future__ import annotations

from typing import Any

from quizzes.questiontypes.base import AnswerShapeError, Grade, QuestionDefinitionError

ESSAY_MAX_CHARS = 50_000
ESSAY_LINES_DEFAULT = 15
AWAITING_MARKING = "awaiting marking"

# Whether the student may attach a file to their essay (one file; ``quizzes.attachments``).
ATTACHMENTS_NONE, ATTACHMENTS_OPTIONAL, ATTACHMENTS_REQUIRED = "none", "optional", "required"
ATTACHMENT_CHOICES = (ATTACHMENTS_NONE, ATTACHMENTS_OPTIONAL, ATTACHMENTS_REQUIRED)
# The kinds of file an essay may take, by content (``quizzes.attachments.attachment_kind``).
ATTACHMENT_KINDS = ("pdf", "docx", "odt", "txt", "png", "jpeg")
_SETTINGS = {"word_limit", "response_lines", "response_template", "attachments", "attachment_types"}


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


def _positive_int_or_none(value: Any, name: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise QuestionDefinitionError(f"{name} is a whole number from 1, or empty")


def _validate_essay(choices: Any, answer: Any) -> None:
    if choices in ([], None):
        choices = {}
    if not isinstance(choices, dict):
        raise QuestionDefinitionError(
            "essay settings are an object: {word_limit, response_lines, response_template, attachments, attachment_types}"
        )
    unknown = set(choices) - _SETTINGS
    if unknown:
        raise QuestionDefinitionError(f"unknown essay settings: {', '.join(sorted(unknown))}")
    _positive_int_or_none(choices.get("word_limit"), "word_limit")
    _positive_int_or_none(choices.get("response_lines"), "response_lines")
    if not isinstance(choices.get("response_template", ""), str):
        raise QuestionDefinitionError("response_template is text")
    if choices.get("attachments", ATTACHMENTS_NONE) not in ATTACHMENT_CHOICES:
        raise QuestionDefinitionError(f"attachments is one of {', '.join(ATTACHMENT_CHOICES)}")
    kinds = choices.get("attachment_types", [])
    if not isinstance(kinds, list) or any(k not in ATTACHMENT_KINDS for k in kinds) or len(set(kinds)) != len(kinds):
        raise QuestionDefinitionError(f"attachment_types is a list of distinct file kinds from {', '.join(ATTACHMENT_KINDS)} (empty: all)")
    if not isinstance(answer.get("grader_info", ""), str):
        raise QuestionDefinitionError("grader_info is text")
    rubric_max_points(answer.get("rubric") or [])


def rubric_max_points(rubric: Any) -> float:
    """The most a rubric gives (each criterion's best level), or QuestionDefinitionError if it is malformed."""
    if not isinstance(rubric, list):
        raise QuestionDefinitionError("a rubric is a list of criteria")
    total = 0.0
    criterion_ids: set[str] = set()
    for criterion in rubric:
        if not isinstance(criterion, dict) or not isinstance(criterion.get("id"), str) or not str(criterion.get("criterion", "")).strip():
            raise QuestionDefinitionError("each rubric criterion needs an id and a description")
        if criterion["id"] in criterion_ids:
            raise QuestionDefinitionError("rubric criterion ids must be unique")
        criterion_ids.add(criterion["id"])
        levels = criterion.get("levels")
        if not isinstance(levels, list) or not levels:
            raise QuestionDefinitionError(f"criterion {criterion['criterion']!r} needs at least one level")
        level_ids: set[str] = set()
        best = 0.0
        for level in levels:
            points = level.get("points") if isinstance(level, dict) else None
            if not isinstance(level, dict) or not isinstance(level.get("id"), str) or level["id"] in level_ids:
                raise QuestionDefinitionError(f"the levels of {criterion['criterion']!r} need unique ids")
            if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
                raise QuestionDefinitionError(f"each level of {criterion['criterion']!r} gives a number of points from 0")
            level_ids.add(level["id"])
            best = max(best, float(points))
        total += best
    return total


def rubric_points(rubric: list[dict[str, Any]], chosen: dict[str, str]) -> float:
    """The points of one level chosen per criterion; ValueError names a criterion left out or a level unknown."""
    total = 0.0
    for criterion in rubric:
        level_id = chosen.get(criterion["id"])
        level = next((lv for lv in criterion["levels"] if lv["id"] == level_id), None)
        if level is None:
            raise ValueError(f"Choose a level for “{criterion['criterion']}”.")
        total += float(level["points"])
    return total


def essay_settings(choices: Any) -> dict[str, Any]:
    """An essay's response settings with their defaults, as the student's editor uses them."""
    given = choices if isinstance(choices, dict) else {}
    return {
        "word_limit": given.get("word_limit"),
        "response_lines": given.get("response_lines") or ESSAY_LINES_DEFAULT,
        "response_template": given.get("response_template") or "",
        "attachments": given.get("attachments") or ATTACHMENTS_NONE,
        # Empty in the question: every kind; here always the list a student may choose from.
        "attachment_types": list(given.get("attachment_types") or ATTACHMENT_KINDS),
    }


def essay_needs_a_file(question_type: str, choices: Any) -> bool:
    """Whether a question is an essay that asks for a file attached to the response."""
    return question_type == "essay" and essay_settings(choices)["attachments"] == ATTACHMENTS_REQUIRED


def _check_essay(choices: Any, response: Any) -> Any:
    if not isinstance(response, str):
        raise AnswerShapeError("answer must be text")
    if len(response) > ESSAY_MAX_CHARS:
        raise AnswerShapeError(f"answer is longer than {ESSAY_MAX_CHARS} characters")
    limit = essay_settings(choices)["word_limit"]
    words = word_count(response)
    if limit and words > limit:
        raise AnswerShapeError(f"answer has {words} words; the limit is {limit}")
    # Line breaks are the student's paragraphs: only the ends are trimmed.
    return response.strip()


def _grade_essay(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    return Grade(0.0, False, AWAITING_MARKING)
