"""Give random option ids to questions stored with key-revealing ones (``c1``, ``l1``/``r1``, ``o1…``).

A frozen copy of ``quizzes.services.option_ids`` (migrations must not import app code that may
change later): every version of a question is renamed with one mapping, together with the
responses' answers and option orders and the regrade logs' keys, so no grade changes. Questions
an attempt in progress shows are left alone (the student's open page holds the old ids);
``manage.py reid_option_ids`` renames them once those attempts are submitted.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.db import migrations
from django.db.models import Q

OPAQUE_ID = re.compile(r"[0-9a-f]{8,16}")
TYPES_WITH_IDS = ("single_choice", "multiple_response", "ordering", "matching")


def _sides(choices: Any) -> dict[str, list[str]]:
    if isinstance(choices, dict):
        return {side: [str(c["id"]) for c in choices.get(side) or []] for side in ("left", "right")}
    return {"": [str(c["id"]) for c in choices or [] if isinstance(c, dict) and "id" in c]}


def _rename(value: Any, names: dict[str, str]) -> Any:
    return names.get(value, value) if isinstance(value, str) else value


def _choices(choices: Any, maps: dict[str, dict[str, str]]) -> Any:
    if isinstance(choices, dict):
        return {
            **choices,
            **{side: [{**c, "id": _rename(c["id"], maps[side])} for c in choices.get(side) or []] for side in ("left", "right")},
        }
    return [{**c, "id": _rename(c["id"], maps[""])} for c in choices or []]


def _key(key: Any, maps: dict[str, dict[str, str]]) -> Any:
    if not isinstance(key, dict):
        return key
    out = dict(key)
    if isinstance(out.get("pairs"), dict):
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


def _response(qtype: str, answer: Any, order: Any, maps: dict[str, dict[str, str]]) -> tuple[Any, Any]:
    if qtype == "matching":
        new_answer = (
            {_rename(k, maps["left"]): _rename(v, maps["right"]) for k, v in answer.items()} if isinstance(answer, dict) else answer
        )
        return new_answer, [_rename(i, maps["right"]) for i in order or []]
    names = maps[""]
    new_answer = [_rename(a, names) for a in answer] if isinstance(answer, list) else _rename(answer, names)
    return new_answer, [_rename(i, names) for i in order or []]


def forwards(apps: Any, schema_editor: Any) -> None:
    Question = apps.get_model("quizzes", "Question")
    Response = apps.get_model("quizzes", "Response")
    RegradeLog = apps.get_model("quizzes", "RegradeLog")
    Attempt = apps.get_model("quizzes", "Attempt")
    roots: set[int] = set()
    for pk, root_id, choices in Question.objects.filter(type__in=TYPES_WITH_IDS).values_list("pk", "root_id", "choices"):
        if any(not OPAQUE_ID.fullmatch(i) for ids in _sides(choices).values() for i in ids):
            roots.add(root_id or pk)
    for root in sorted(roots):
        versions = list(Question.objects.filter(Q(pk=root) | Q(root_id=root)).order_by("version"))
        version_ids = [v.pk for v in versions]
        if Attempt.objects.filter(state="in_progress", responses__question_id__in=version_ids).exists():
            continue
        old: dict[str, set[str]] = {}
        for version in versions:
            for side, side_ids in _sides(version.choices).items():
                old.setdefault(side, set()).update(side_ids)
        taken: set[str] = set()
        maps: dict[str, dict[str, str]] = {}
        for side, ids in old.items():
            maps[side] = {}
            for old_id in sorted(ids):
                while (fresh := secrets.token_hex(6)) in taken:
                    pass
                taken.add(fresh)
                maps[side][old_id] = fresh
        types = {}
        for version in versions:
            types[version.pk] = version.type
            Question.objects.filter(pk=version.pk).update(choices=_choices(version.choices, maps), answer=_key(version.answer, maps))
        for response in Response.objects.filter(question_id__in=version_ids).only("pk", "question_id", "answer", "option_order"):
            answer, order = _response(types[response.question_id], response.answer, response.option_order, maps)
            Response.objects.filter(pk=response.pk).update(answer=answer, option_order=order)
        for log in RegradeLog.objects.filter(question_id__in=version_ids).only("pk", "before", "after"):
            before = {**log.before, "answer": _key(log.before["answer"], maps)} if "answer" in log.before else log.before
            after = {**log.after, "answer": _key(log.after["answer"], maps)} if "answer" in log.after else log.after
            RegradeLog.objects.filter(pk=log.pk).update(before=before, after=after)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0004_quiz_source_bank_protect")]

    # Ids are only renamed, never recovered: going back leaves the random ids, which work as well.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
