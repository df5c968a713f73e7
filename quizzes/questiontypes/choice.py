"""Types answered by picking or arranging the options shown: single choice, multiple response,
true/false, matching and ordering.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from quizzes.questiontypes.base import AnswerShapeError, Grade, QuestionDefinitionError, _choice_ids, _clamp


def _validate_single(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices)
    if len(ids) < 2:
        raise QuestionDefinitionError("a single-choice question needs at least two choices")
    if answer.get("correct") not in ids:
        raise QuestionDefinitionError("the correct choice must be one of the choices")


def _check_single(choices: Any, response: Any) -> Any:
    if not isinstance(response, str) or response not in _choice_ids(choices):
        raise AnswerShapeError("answer must be the id of one of the choices")
    return response


def _grade_single(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    weights = answer.get("weights")
    fraction = _clamp(float(weights.get(response, 0.0))) if weights else float(response == answer["correct"])
    return Grade(fraction, math.isclose(fraction, 1.0))


def _validate_multi(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices)
    correct = answer.get("correct")
    if not isinstance(correct, list) or not correct or not set(correct) <= set(ids):
        raise QuestionDefinitionError("the correct choices must be a non-empty subset of the choices")
    if len(ids) < 2:
        raise QuestionDefinitionError("a multiple-response question needs at least two choices")


def _check_multi(choices: Any, response: Any) -> Any:
    ids = set(_choice_ids(choices))
    if not isinstance(response, list) or not all(isinstance(r, str) and r in ids for r in response):
        raise AnswerShapeError("answer must be a list of choice ids")
    if len(set(response)) != len(response):
        raise AnswerShapeError("answer lists a choice twice")
    return sorted(response)


def _grade_multi(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    chosen = set(response)
    weights = answer.get("weights")
    if weights:
        fraction = _clamp(sum(float(weights.get(c, 0.0)) for c in chosen))
    else:
        # Each right choice earns 1/|correct|; each wrong choice costs the same; never below 0.
        correct = set(answer["correct"])
        unit = 1.0 / len(correct)
        fraction = _clamp(unit * len(chosen & correct) - unit * len(chosen - correct))
    full = chosen == set(answer["correct"]) if not weights else math.isclose(fraction, 1.0)
    return Grade(fraction, full)


def _validate_tf(choices: Any, answer: Any) -> None:
    if not isinstance(answer.get("correct"), bool):
        raise QuestionDefinitionError("a true/false key is a boolean")


def _check_tf(choices: Any, response: Any) -> Any:
    if not isinstance(response, bool):
        raise AnswerShapeError("answer must be true or false")
    return response


def _grade_tf(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    ok = response is answer["correct"]
    return Grade(1.0 if ok else 0.0, ok)


def _validate_matching(choices: Any, answer: Any) -> None:
    if not isinstance(choices, dict):
        raise QuestionDefinitionError("matching choices are {left: [...], right: [...]}")
    left, right = _choice_ids(choices.get("left")), _choice_ids(choices.get("right"))
    pairs = answer.get("pairs")
    if not isinstance(pairs, dict) or set(pairs) != set(left) or not set(pairs.values()) <= set(right):
        raise QuestionDefinitionError("pairs must map every left item to a right item")
    if len(left) < 2:
        raise QuestionDefinitionError("matching needs at least two pairs")


def _check_matching(choices: Any, response: Any) -> Any:
    left, right = set(_choice_ids(choices["left"])), set(_choice_ids(choices["right"]))
    if not isinstance(response, dict) or not set(response) <= left or not all(isinstance(v, str) and v in right for v in response.values()):
        raise AnswerShapeError("answer must map left item ids to right item ids")
    return dict(sorted(response.items()))


def _grade_matching(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    pairs = answer["pairs"]
    right = sum(1 for k, v in pairs.items() if response.get(k) == v)
    fraction = right / len(pairs)
    return Grade(fraction, right == len(pairs))


def _validate_ordering(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices)
    if len(ids) < 2 or sorted(answer.get("order") or []) != sorted(ids):
        raise QuestionDefinitionError("the order must list every item once")


def _check_ordering(choices: Any, response: Any) -> Any:
    ids = _choice_ids(choices)
    if not isinstance(response, list) or sorted(map(str, response)) != sorted(ids) or not all(isinstance(r, str) for r in response):
        raise AnswerShapeError("answer must list every item id exactly once")
    return response


def _grade_ordering(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    # Partial credit as Moodle's "relative to the next item": each adjacent pair the student
    # placed in the right relative order earns an equal share.
    order = answer["order"]
    position = {item: i for i, item in enumerate(response)}
    pairs = list(itertools.pairwise(order))
    right = sum(1 for a, b in pairs if position[a] < position[b] and position[b] - position[a] == 1)
    fraction = right / len(pairs) if pairs else 1.0
    return Grade(fraction, list(response) == list(order))
