"""All the understanding questions of a reading, kind by kind."""

from __future__ import annotations

from quizzes.generation.builders import Context, QuestionDraft
from quizzes.generation.understanding.attributed import build_attributed_questions
from quizzes.generation.understanding.blame import build_blame_questions
from quizzes.generation.understanding.causes import build_cause_questions
from quizzes.generation.understanding.concepts import build_described_concept_questions
from quizzes.generation.understanding.debates import build_debate_questions
from quizzes.generation.understanding.deeds import build_deed_questions
from quizzes.generation.understanding.defined_terms import build_defined_term_questions
from quizzes.generation.understanding.definitions import build_definition_questions
from quizzes.generation.understanding.described import build_described_questions
from quizzes.generation.understanding.doers import build_doer_questions
from quizzes.generation.understanding.enablers import build_enabled_questions
from quizzes.generation.understanding.established import build_established_questions
from quizzes.generation.understanding.framing import build_framing_questions
from quizzes.generation.understanding.matching import build_matching_questions
from quizzes.generation.understanding.members import build_member_questions
from quizzes.generation.understanding.models import build_model_questions
from quizzes.generation.understanding.obligations import build_obligation_questions
from quizzes.generation.understanding.positions import build_position_questions
from quizzes.generation.understanding.requirements import build_requirement_questions
from quizzes.generation.understanding.roles import build_role_questions
from quizzes.generation.understanding.said import build_said_questions
from quizzes.generation.understanding.scenarios import build_scenario_questions
from quizzes.generation.understanding.structure import build_structure_questions
from quizzes.generation.understanding.structure_labels import build_label_questions
from quizzes.generation.understanding.structure_lists import build_lead_in_questions
from quizzes.generation.understanding.structure_names import build_name_list_questions
from quizzes.generation.understanding.suppliers import build_supplier_questions
from quizzes.generation.understanding.supported import build_supported_questions


def build_understanding_questions(ctx: Context) -> list[QuestionDraft]:
    """Every understanding question of a reading, each marked with ``meta["understanding"]``."""
    drafts: list[QuestionDraft] = []
    drafts += build_cause_questions(ctx)
    drafts += build_definition_questions(ctx)
    drafts += build_matching_questions(ctx)
    drafts += build_supported_questions(ctx)
    drafts += build_obligation_questions(ctx)
    drafts += build_role_questions(ctx)
    drafts += build_structure_questions(ctx) + build_label_questions(ctx) + build_name_list_questions(ctx) + build_lead_in_questions(ctx)
    drafts += build_member_questions(ctx)
    drafts += build_said_questions(ctx)
    drafts += build_attributed_questions(ctx)
    drafts += build_position_questions(ctx)
    drafts += build_established_questions(ctx)
    drafts += build_enabled_questions(ctx)
    drafts += build_model_questions(ctx)
    drafts += build_described_concept_questions(ctx)
    drafts += build_doer_questions(ctx)
    drafts += build_defined_term_questions(ctx)
    drafts += build_supplier_questions(ctx)
    drafts += build_scenario_questions(ctx)
    drafts += build_framing_questions(ctx)
    drafts += build_requirement_questions(ctx)
    drafts += build_debate_questions(ctx)
    drafts += build_deed_questions(ctx)
    drafts += build_blame_questions(ctx)
    drafts += build_described_questions(ctx)
    return drafts
