"""Questions beyond recall: cause and effect, chronology, definitions, cross-section matching and
"which statement does the reading support".

Filled in by the generation-v2 work (issue 13, item 7); ``build_all`` calls it after the
Article 5 scenarios.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizzes.generation.builders import Context, QuestionDraft


def build_understanding_questions(ctx: Context) -> list[QuestionDraft]:
    """Every understanding question of a reading; none yet."""
    return []
