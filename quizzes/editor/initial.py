"""A stored question as the editor's initial data: the common fields, the type's settings and its
rows (``quizzes.editor.forms`` defines them)."""

from __future__ import annotations

from typing import Any

from quizzes.editor.forms import (
    ACCEPTED,
    ALTERNATIVES,
    CRITERIA,
    GAPS,
    ROWS,
    decimal_or_none,
    plain_number,
)
from quizzes.models import Question, QuestionType
from quizzes.questiontypes import CASE_SENSITIVE, TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT, gap_of_choice


def initial_for(question: Question) -> dict[str, Any]:
    """The form's starting values for ``question``: {"common": ..., "settings": ..., prefix: [rows]}."""
    qtype, choices, answer = question.type, question.choices, question.answer if isinstance(question.answer, dict) else {}
    data: dict[str, Any] = {
        "common": {
            "stem": question.stem,
            "explanation": question.explanation,
            "topic": question.topic,
            "points": question.points,
            "exclusion_group": question.exclusion_group,
        },
        "settings": {},
    }
    if qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
        correct = answer.get("correct")
        right_ids = set(correct) if isinstance(correct, list) else {correct}
        weights = answer.get("weights") or {}
        data[ROWS] = [
            {
                "id": c.get("id", ""),
                "text": c.get("text", ""),
                "correct": c.get("id") in right_ids,
                "credit": round(float(weights[c["id"]]) * 100) if c.get("id") in weights else None,
                "feedback": c.get("feedback", ""),
            }
            for c in choices or []
            if isinstance(c, dict)
        ]
    elif qtype == QuestionType.TRUE_FALSE:
        data["settings"] = {"correct": "true" if answer.get("correct") else "false"}
    elif qtype in (QuestionType.SHORT_ANSWER, QuestionType.CLOZE):
        weights = {k: float(v) for k, v in (answer.get("weights") or {}).items()}
        data["settings"] = {
            "typo_tolerance": bool(answer.get(TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT)),
            "case_sensitive": bool(answer.get(CASE_SENSITIVE, False)),
        }
        data[ACCEPTED] = [{"text": a, "credit": round(weights.get(a, 1.0) * 100)} for a in answer.get("accepted") or []]
    elif qtype == QuestionType.NUMERIC:
        data["settings"] = {
            "value": decimal_or_none(answer.get("value")),
            "tolerance": decimal_or_none(answer.get("tolerance", 0)),
            "unit": answer.get("unit", ""),
        }
        data[ALTERNATIVES] = [
            {
                "value": decimal_or_none(a.get("value")),
                "tolerance": decimal_or_none(a.get("tolerance", 0)),
                "credit": round(float(a.get("weight", 1)) * 100),
            }
            for a in answer.get("alternatives") or []
            if isinstance(a, dict)
        ]
    elif qtype == QuestionType.MATCHING and isinstance(choices, dict):
        pairs = answer.get("pairs") or {}
        right = {c["id"]: c.get("text", "") for c in choices.get("right") or []}
        used = set()
        rows = []
        for c in choices.get("left") or []:
            match = pairs.get(c["id"], "")
            used.add(match)
            rows.append({"left_id": c["id"], "right_id": match, "left": c.get("text", ""), "right": right.get(match, "")})
        rows += [{"left_id": "", "right_id": rid, "left": "", "right": text} for rid, text in right.items() if rid not in used]
        data[ROWS] = rows
    elif qtype == QuestionType.ORDERING:
        texts = {c["id"]: c.get("text", "") for c in choices or [] if isinstance(c, dict)}
        data[ROWS] = [{"id": i, "text": texts.get(i, "")} for i in answer.get("order") or [] if i in texts]
    elif qtype == QuestionType.ESSAY:
        settings = choices if isinstance(choices, dict) else {}
        data["settings"] = {
            "word_limit": settings.get("word_limit"),
            "response_lines": settings.get("response_lines"),
            "response_template": settings.get("response_template", ""),
            "attachments": settings.get("attachments", "none"),
            "attachment_types": settings.get("attachment_types", []),
            "grader_info": answer.get("grader_info", ""),
        }
        data[CRITERIA] = [
            {
                "id": c.get("id", ""),
                "criterion": c.get("criterion", ""),
                "levels": "\n".join(f"{plain_number(lv['points'])} {lv.get('label', '')}".strip() for lv in c.get("levels") or []),
            }
            for c in answer.get("rubric") or []
        ]
    elif qtype == QuestionType.EMBEDDED:
        data[GAPS] = [_gap_initial(n, gap, choices) for n, gap in enumerate(answer.get("gaps") or [], start=1)]
    return data


def _gap_initial(number: int, gap: dict[str, Any], choices: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": gap.get("kind"), "points": gap.get("points", 1)}
    if gap.get("kind") == "text":
        row["answers"] = "\n".join(gap.get("accepted") or [])
    elif gap.get("kind") == "numeric":
        row["value"], row["tolerance"] = decimal_or_none(gap.get("value")), decimal_or_none(gap.get("tolerance", 0))
    else:
        options = [c for c in choices or [] if gap_of_choice(str(c.get("id", ""))) == number]
        row["answers"] = "\n".join(("*" if c["id"] == gap.get("correct") else "") + c.get("text", "") for c in options)
    return row
