"""Plausible answers for each question type, from what a student sees (and, for data
preparation, from the answer key).

Imported by the locust process, which has no Django: this module must stay free of Django
and of the application's models, so the type names are plain strings here. The shapes are
the ones ``quizzes.questiontypes`` defines.
"""

from __future__ import annotations

import random
from typing import Any


def _ids(items: Any) -> list[str]:
    return [item["id"] for item in items if isinstance(item, dict) and "id" in item]


def answer_guess(*, type: str, choices: Any, rng: random.Random) -> Any:
    """An answer of the right shape for ``type`` that a student might give, right or wrong."""
    if type == "single_choice":
        return rng.choice(_ids(choices))
    if type == "multiple_response":
        ids = _ids(choices)
        return sorted(rng.sample(ids, rng.randint(1, len(ids))))
    if type == "true_false":
        return rng.random() < 0.5
    if type == "numeric":
        return rng.choice([1, 5, 10, 40, 100, 280, 2014, 2022])
    if type == "matching":
        left, right = _ids(choices.get("left", [])), _ids(choices.get("right", []))
        rng.shuffle(right)
        return dict(zip(left, right, strict=False))
    if type == "ordering":
        ids = _ids(choices)
        rng.shuffle(ids)
        return ids
    # cloze and short answer: a typed term
    return rng.choice(["NATO", "Article 5", "Vilnius", "HIMARS", "Stoltenberg", "Ukraine"])


def answer_correct(*, type: str, key: dict[str, Any]) -> Any:
    """The answer that earns full credit, read from the question's answer key."""
    if type in {"single_choice", "multiple_response", "true_false"}:
        return key["correct"]
    if type in {"cloze", "short_answer"}:
        return key["accepted"][0]
    if type == "numeric":
        return key["value"]
    if type == "matching":
        return dict(key["pairs"])
    if type == "ordering":
        return list(key["order"])
    raise ValueError(f"unknown question type {type!r}")
