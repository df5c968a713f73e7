"""An abbreviation's expansion is marked right only when it spells the abbreviation out (issue 13, answer matching
students find fair; blind review 26): the pack's other names of the thing count as spellings of the expansion, never a
name holding the abbreviation itself ("M142 HIMARS" spells nothing out)."""

from __future__ import annotations

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

TEXT = (
    "NATO Allies have supported Ukraine against Russia's invasion since 2022 with weapons and training. "
    "One of the most impactful contributions has been the deployment of the HIMARS (High Mobility Artillery Rocket "
    "Systems) provided by the United States. "
    "The HIMARS systems, known for their precision and range, enabled Ukraine to launch strikes deep behind Russian lines. "
    "The Alliance also trained Ukrainian soldiers in logistics, medical care and infantry tactics."
)


def test_the_expansion_of_himars_accepts_its_spellings_but_not_a_model_name():
    sections = [SectionText(0, "", "body", "en", TEXT, 0)]
    questions = generate(reading_key=normalise_text(TEXT)[:40], cleaned_text=TEXT, sections=sections, lexicon=seed_lexicon()).questions
    [expansion] = [q for q in questions if q.type == QuestionType.SHORT_ANSWER and "abbreviation HIMARS" in q.stem]
    accepted = expansion.answer["accepted"]
    assert "High Mobility Artillery Rocket Systems" in accepted and "High Mobility Artillery Rocket System" in accepted
    assert not [a for a in accepted if "HIMARS" in a], accepted
