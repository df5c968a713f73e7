"""The export contract of a question (``export_questions --format json`` builds on it)."""

from __future__ import annotations

from typing import Any

from quizzes.models import Question


def question_export_dict(question: Question) -> dict[str, Any]:
    """id, type, stem, choices (where the type has them), answer, explanation, topic, difficulty, status and source."""
    section = question.source_section
    return {
        "id": question.pk,
        "root": question.root_id or question.pk,
        "version": question.version,
        "type": question.type,
        "title": question.title,
        "stem": question.stem,
        "choices": question.choices,
        "answer": question.answer,
        "explanation": question.explanation,
        "topic": question.topic,
        "difficulty": question.difficulty,
        "points": float(question.points),
        "status": question.status,
        "origin": question.origin,
        "source": {
            "reading": section.reading_id if section is not None else (question.bank.reading_id if question.bank_id else None),
            "section": section.pk if section is not None else None,
            "section_heading": section.heading if section is not None else "",
            "passage": question.source_passage,
            "start": question.source_start,
            "end": question.source_end,
        },
    }
