"""Concepts of interventions (issue 13), a pack of their own (``seeds/packs/interventions``): a counterterrorism mission
that grows into counterinsurgency and nation building is mission creep, asked among the other ways an intervention goes
or ends (exit strategy, peacekeeping, humanitarian intervention). The pack is recognised on readings about terrorists,
insurgents or interventions, not on the seed readings about NATO and Ukraine; and "mission" alone does not name mission
creep (``named_by``), while "creep" does."""

from __future__ import annotations

import pytest

from quizzes.generation.packs import load_packs, packs_for_text
from tests.quizzes.seed_readings import SEEDS, parsed_sections
from tests.quizzes.test_generation_concepts2 import _asked

INTERVENTIONS = {"mission creep", "exit strategy", "peacekeeping", "humanitarian intervention", "counterinsurgency", "nation building"}
# A reading of the domain: terrorists, troops, a withdrawal and a mission are what the pack recognises it by.
OPENING = (
    "The last troops left Kabul after twenty years, and the withdrawal ended the longest deployment in the country's history. "
    "Terrorists had planned the attacks of 2001 from Afghanistan, and counterterrorism was the mission's first purpose. "
)

CUES = [
    (
        "Washington saw a mission of counterterrorism in Afghanistan — getting the terrorists and stopping attacks — morph "
        "into a counterinsurgency, nation building — trying to create a democratic, cohesive, and unified Afghanistan.",
        True,
    ),
    ("The peacekeeping mission in Somalia slowly grew into a costly war against the warlords.", True),
    ("A training mission for the Iraqi army expanded into a full-scale occupation of the country.", True),
    ("The operation in Libya turned into a civil war that lasted a decade.", True),
    # Near misses: a mission that turned into a success, or one that ended; one kept from growing, or that did not; a
    # mission that helped an army grow; a force, not a war; a sentence that names the creep (review of the change).
    ("The rescue mission turned into a triumph for the special forces.", False),
    ("The mission ended when the last transport plane left the airport.", False),
    ("Our mission was to keep the dispute from turning into a war.", False),
    ("The mission never grew into nation building.", False),
    ("We must ensure this mission does not turn into an occupation.", False),
    ("The mission helped the Afghan army grow into a counterinsurgency force.", False),
    ("The training mission grew into a counterinsurgency force of three thousand men.", False),
    ("Critics warned of mission creep as the counterterrorism mission grew into nation building.", False),
]


@pytest.mark.parametrize(("sentence", "asked"), CUES)
def test_mission_creep_is_asked_on_a_mission_that_grows_into_a_war_and_not_on_a_near_miss(sentence, asked):
    found = _asked(OPENING + sentence)
    assert ("mission creep" in found) is asked, found
    if asked:
        _, options = found["mission creep"]
        # The other ways an intervention goes, none the sentence names: counterinsurgency and nation building are
        # options only where the sentence does not say them.
        assert options <= INTERVENTIONS and len(options) == 4
        assert not {o for o in options if o != "mission creep" and o.split()[0] in sentence.lower()}


def test_the_interventions_pack_is_recognised_on_a_reading_about_a_war_on_terrorists_and_not_on_the_seeds():
    pack = {p.id: p for p in load_packs()}["interventions"]
    assert pack.recognises(OPENING + CUES[0][0])
    assert not pack.recognises("NATO Allies met in Brussels to discuss support for Ukraine and the eastern flank.")
    for seed in sorted(SEEDS.glob("*.txt")):
        _, cleaned, _ = parsed_sections(seed)
        assert [p.id for p in packs_for_text(cleaned)] == ["security-studies"], seed.name
