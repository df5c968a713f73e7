"""More concepts of the field that a sentence describes without naming them (issue 13): interdiction (the paper's
HIMARS striking deep behind Russian lines at command centres, supply depots and logistics), asked among strike missions
only (close air support, counter-battery fire, suppression of enemy air defences): a way of war such as manoeuvre
warfare, which also strikes deep, would be a defensible answer beside it; and burden sharing told as the other Allies'
rising defence spending (a Vilnius press briefing: "increased defense spending by non-U.S. Allies")."""

from __future__ import annotations

from typing import Any

import pytest

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

STEM = "Which concept does this sentence from the reading describe?"
STRIKE_MISSIONS = {"interdiction", "close air support", "counter-battery fire", "suppression of enemy air defences"}
OPENING = "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "


def _asked(text: str) -> dict[str, tuple[str, set[str]]]:
    """Concept asked -> (the stem, the options)."""
    sections = [SectionText(0, "", "body", "en", text, 0)]
    questions: list[Any] = generate(
        reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()
    ).questions
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(STEM):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[texts[q.answer["correct"]]] = (q.stem, set(texts.values()))
    return out


# (concept, sentence, asked): the readings' sentences, paraphrases, and near misses that describe another thing or name
# the concept.
CUES = [
    # The open door policy and collective defence have no cue: a sentence describing them states a rule the reading's
    # scenarios apply (article5.py), and a concept question quoting it would give the scenarios' verdict away.
    (
        "open door policy",
        "The decision about membership remains a process-driven matter, with Ukraine and the alliance members ultimately "
        "determining the path forward.",
        False,
    ),
    ("collective defence", "Article 5 means that an attack on one Ally is an attack on all.", False),
    # interdiction: deep strikes on supplies and logistics (the paper's HIMARS)
    (
        "interdiction",
        "The HIMARS systems, known for their precision and range, enabled Ukraine to launch strikes deep behind Russian "
        "lines, targeting key command centers, supply depots, and logistical networks.",
        True,
    ),
    ("interdiction", "Long-range missiles let Kyiv hit ammunition depots and supply routes far behind the front lines.", True),
    ("interdiction", "Ukrainian artillery struck Russian trenches along the front lines near Bakhmut.", False),
    ("interdiction", "Drones carried out strikes deep behind Russian lines against air defence radars.", False),
    ("interdiction", "Ukraine says its strikes deep behind enemy lines interdict Russian supply convoys.", False),
    # burden sharing: the other Allies' rising defence spending (a Vilnius press briefing)
    ("burden sharing", "2023 is the ninth consecutive year of increased defense spending by non-U.S. Allies.", True),
    ("burden sharing", "The report welcomes rising defence spending by European Allies since 2014.", True),
    ("burden sharing", "Moscow announced increased defense spending by the Russian state for the coming year.", False),
]


@pytest.mark.parametrize(("concept", "sentence", "asked"), CUES)
def test_each_new_cue_asks_its_concept_on_the_sentence_it_was_written_for_and_on_a_paraphrase(concept, sentence, asked):
    assert (concept in _asked(OPENING + sentence)) is asked


def test_interdiction_is_offered_among_strike_missions_only():
    stem, options = _asked(OPENING + CUES[2][1])["interdiction"]
    assert "strikes deep behind Russian lines" in stem
    assert options == STRIKE_MISSIONS
