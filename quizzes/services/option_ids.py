"""Give questions stored with key-revealing option ids (``c1``, ``l1``/``r1``, ``o1…``) random ones.

New questions get random ids when they are imported, written or copied
(``quizzes.questiontypes.with_opaque_choice_ids``). Questions stored before that keep ids that
give the key away to any student who sees them, so they are renamed here (migration
``0005_opaque_option_ids`` runs the same steps once; ``manage.py reid_option_ids`` runs this):

1. Every version of a question is renamed with one mapping, because grading applies the newest
   approved version's key to responses given to older versions.
2. What refers to the old ids is renamed with it: the responses' saved answers and option
   orders, and the keys in the regrade logs. The mapping is one-to-one, so no grade changes.
3. A question that an attempt *in progress* shows is left for later: the student's open page
   still holds the old ids and would send them back. Run the command again once it is submitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from quizzes.models import Attempt, Question, QuestionType, RegradeLog, Response
from quizzes.questiontypes import new_choice_id

# Ids already opaque: generation's digests (8 hex digits) and new_choice_id's (12).
OPAQUE_ID = re.compile(r"[0-9a-f]{8,16}")
TYPES_WITH_IDS = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.ORDERING, QuestionType.MATCHING)


@dataclass
class ReidReport:
    renamed: list[int] = field(default_factory=list)  # roots whose ids were renamed
    in_progress: list[int] = field(default_factory=list)  # roots left alone: an open attempt shows them


def _sides(choices: Any) -> dict[str, list[str]]:
    if isinstance(choices, dict):
        return {side: [str(c["id"]) for c in choices.get(side) or []] for side in ("left", "right")}
    return {"": [str(c["id"]) for c in choices or [] if isinstance(c, dict) and "id" in c]}


def _rename(value: Any, names: dict[str, str]) -> Any:
    return names.get(value, value) if isinstance(value, str) else value


def renamed_choices(choices: Any, maps: dict[str, dict[str, str]]) -> Any:
    if isinstance(choices, dict) and not {"left", "right"} & set(choices):
        return choices  # an essay's settings: no option ids
    if isinstance(choices, dict):
        return {
            **choices,
            **{side: [{**c, "id": _rename(c["id"], maps[side])} for c in choices.get(side) or []] for side in ("left", "right")},
        }
    return [{**c, "id": _rename(c["id"], maps[""])} for c in choices or []]


def renamed_key(key: Any, maps: dict[str, dict[str, str]]) -> Any:
    if not isinstance(key, dict):
        return key
    out = dict(key)
    if "pairs" in out and isinstance(out["pairs"], dict):
        out["pairs"] = {_rename(k, maps["left"]): _rename(v, maps["right"]) for k, v in out["pairs"].items()}
        return out
    names = maps.get("", {})
    if isinstance(out.get("correct"), list):
        out["correct"] = [_rename(c, names) for c in out["correct"]]
    elif "correct" in out:
        out["correct"] = _rename(out["correct"], names)
    if isinstance(out.get("weights"), dict):
        out["weights"] = {_rename(k, names): w for k, w in out["weights"].items()}
    if isinstance(out.get("order"), list):
        out["order"] = [_rename(o, names) for o in out["order"]]
    return out


def renamed_response(qtype: str, answer: Any, order: Any, maps: dict[str, dict[str, str]]) -> tuple[Any, Any]:
    if qtype == QuestionType.MATCHING:
        new_answer = (
            {_rename(k, maps["left"]): _rename(v, maps["right"]) for k, v in answer.items()} if isinstance(answer, dict) else answer
        )
        return new_answer, [_rename(i, maps["right"]) for i in order or []]
    names = maps[""]
    new_answer = [_rename(a, names) for a in answer] if isinstance(answer, list) else _rename(answer, names)
    return new_answer, [_rename(i, names) for i in order or []]


def roots_with_revealing_ids() -> list[int]:
    """Roots of questions any version of which has an option id that is not opaque."""
    roots: set[int] = set()
    for pk, root_id, choices in Question.objects.filter(type__in=TYPES_WITH_IDS).values_list("pk", "root_id", "choices"):
        if any(not OPAQUE_ID.fullmatch(i) for ids in _sides(choices).values() for i in ids):
            roots.add(root_id or pk)
    return sorted(roots)


def option_ids_reid(*, batch_size: int = 200) -> ReidReport:
    """Rename the option ids of every question that still has key-revealing ones (see the module doc)."""
    report = ReidReport()
    roots = roots_with_revealing_ids()
    for start in range(0, len(roots), batch_size):
        batch = roots[start : start + batch_size]
        with transaction.atomic():
            for root in batch:
                if _root_reid(root):
                    report.renamed.append(root)
                else:
                    report.in_progress.append(root)
    return report


def _root_reid(root: int) -> bool:
    versions = list(Question.objects.select_for_update().filter(Q(pk=root) | Q(root_id=root)).order_by("version"))
    version_ids = [v.pk for v in versions]
    if Attempt.objects.filter(state=Attempt.State.IN_PROGRESS, responses__question_id__in=version_ids).exists():
        return False
    old: dict[str, set[str]] = {}
    for version in versions:
        for side, side_ids in _sides(version.choices).items():
            old.setdefault(side, set()).update(side_ids)
    taken: set[str] = set()
    maps: dict[str, dict[str, str]] = {}
    for side, ids in old.items():
        maps[side] = {}
        for old_id in sorted(ids):
            while (fresh := new_choice_id()) in taken:
                pass
            taken.add(fresh)
            maps[side][old_id] = fresh
    for version in versions:
        Question.objects.filter(pk=version.pk).update(
            choices=renamed_choices(version.choices, maps), answer=renamed_key(version.answer, maps)
        )
    types = {v.pk: v.type for v in versions}
    for response in Response.objects.filter(question_id__in=version_ids).only("pk", "question_id", "answer", "option_order"):
        answer, order = renamed_response(types[response.question_id], response.answer, response.option_order, maps)
        Response.objects.filter(pk=response.pk).update(answer=answer, option_order=order)
    for log in RegradeLog.objects.filter(question_id__in=version_ids).only("pk", "before", "after"):
        before = {**log.before, "answer": renamed_key(log.before["answer"], maps)} if "answer" in log.before else log.before
        after = {**log.after, "answer": renamed_key(log.after["answer"], maps)} if "answer" in log.after else log.after
        RegradeLog.objects.filter(pk=log.pk).update(before=before, after=after)
    return True
