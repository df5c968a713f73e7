"""An abbreviation's expansion is marked right only when it spells the abbreviation out (issue 13, answer matching
students find fair; blind review 26): the pack's other names of the thing count as spellings of the expansion, never a
name holding the abbreviation itself ("NATO CCDCOE" spells nothing out). A weapon's model name is not asked spelled out
(blind reviews 41, 44 and 52: "What does HIMARS stand for?" rejected by both reviewers each time)."""

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
    "NATO's Cooperative Cyber Defence Centre of Excellence (CCDCOE) in Tallinn has trained Ukrainian cyber defenders. "
    "Exercises run by the CCDCOE now include Ukrainian teams. "
    "The Alliance also trained Ukrainian soldiers in logistics, medical care and infantry tactics."
)


def _expansions() -> dict[str, list[str]]:
    sections = [SectionText(0, "", "body", "en", TEXT, 0)]
    questions = generate(reading_key=normalise_text(TEXT)[:40], cleaned_text=TEXT, sections=sections, lexicon=seed_lexicon()).questions
    return {q.meta["acronym"]: q.answer["accepted"] for q in questions if q.type == QuestionType.SHORT_ANSWER and q.meta.get("acronym")}


def test_an_expansion_accepts_its_spellings_but_not_a_name_holding_the_abbreviation():
    accepted = _expansions()["CCDCOE"]
    assert "Cooperative Cyber Defence Centre of Excellence" in accepted
    assert not [a for a in accepted if "CCDCOE" in a], accepted


def test_a_weapons_model_name_is_not_asked_spelled_out():
    assert "HIMARS" not in _expansions()
