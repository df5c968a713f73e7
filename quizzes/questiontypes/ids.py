"""Option ids: random, so that the ids students see (and send back) say nothing about the key."""

from __future__ import annotations

import copy
import secrets
from collections.abc import Collection
from typing import Any

from quizzes.models import QuestionType
from quizzes.questiontypes.embedded import gap_of_choice

# --- option ids ------------------------------------------------------------------------------------

OPAQUE_ID_BYTES = 6


def new_choice_id() -> str:
    """A fresh option id: random, so it says nothing about the key, the file order or the other column."""
    return secrets.token_hex(OPAQUE_ID_BYTES)


def _renamed(value: Any, names: dict[str, str]) -> Any:
    return names.get(value, value) if isinstance(value, str) else value


def with_opaque_choice_ids(*, type: str, choices: Any, answer: dict[str, Any], keep: Collection[str] = ()) -> tuple[Any, dict[str, Any]]:
    """``choices`` and ``answer`` with every option id not in ``keep`` replaced by a random one.

    Students see option ids (they send them back as answers), so an id must not carry the key:
    imported ``l1``↔``r1``, ``o1…oN`` in key order or ``c1`` first would let a student answer
    from the ids alone. ``keep`` holds the ids an earlier version of the same question already
    had: responses and regrades refer to them, so an edit keeps them. Types without option ids
    come back unchanged. Call it after ``validate_definition``.
    """
    taken: set[str] = set(keep)

    def fresh() -> str:
        while (candidate := new_choice_id()) in taken:
            pass
        taken.add(candidate)
        return candidate

    def rename(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
        names = {str(c["id"]): (str(c["id"]) if c["id"] in keep else fresh()) for c in items}
        return [{**c, "id": names[str(c["id"])]} for c in items], names

    key = copy.deepcopy(answer)
    if type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.ORDERING):
        renamed, names = rename(list(choices))
        if isinstance(key.get("correct"), list):
            key["correct"] = [_renamed(c, names) for c in key["correct"]]
        elif "correct" in key:
            key["correct"] = _renamed(key["correct"], names)
        if isinstance(key.get("weights"), dict):
            key["weights"] = {_renamed(k, names): w for k, w in key["weights"].items()}
        if isinstance(key.get("order"), list):
            key["order"] = [_renamed(o, names) for o in key["order"]]
        return renamed, key
    if type == QuestionType.EMBEDDED:
        # The gap number stays in the id (the student sees which drop-down an option is in
        # anyway); the rest is random like any other option id.
        names = {}
        for c in choices or []:
            old_id = str(c["id"])
            names[old_id] = old_id if old_id in keep else f"g{gap_of_choice(old_id)}-{fresh()}"
        for gap in key.get("gaps") or []:
            if "correct" in gap:
                gap["correct"] = _renamed(gap["correct"], names)
            if isinstance(gap.get("weights"), dict) and gap.get("kind") == "choice":
                gap["weights"] = {_renamed(k, names): w for k, w in gap["weights"].items()}
        return [{**c, "id": names[str(c["id"])]} for c in choices or []], key
    if type == QuestionType.MATCHING:
        # Each column is named on its own, so nothing links a left id to its right partner.
        left, left_names = rename(list(choices["left"]))
        right, right_names = rename(list(choices["right"]))
        key["pairs"] = {_renamed(k, left_names): _renamed(v, right_names) for k, v in key["pairs"].items()}
        return {**choices, "left": left, "right": right}, key
    return choices, key


def choice_ids_of(*, choices: Any) -> set[str]:
    """Every option id of a question's choices (both columns of a matching question)."""
    items = [*choices.get("left", []), *choices.get("right", [])] if isinstance(choices, dict) else choices
    return {str(c["id"]) for c in items or [] if isinstance(c, dict) and "id" in c}
