"""Concepts of great-power politics and of statecraft that a sentence describes without naming them (issue 13): a great
power dictating its neighbours' security arrangements is a sphere of influence, keeping any one state from dominating a
continent the balance of power, conceding to an aggressor to avoid war appeasement, stopping the spread of a rival's
influence containment; weaponising energy supplies is economic coercion; blending covert or conventional force with
cyberattacks and disinformation is hybrid warfare. Two concepts one sentence may describe at once (letting a great power
dictate its neighbours' alignments is a sphere of influence and may be appeasement) are never offered beside each
other, and a sentence that cues of two concepts of one kind match is not asked."""

from __future__ import annotations

import pytest

from tests.quizzes.test_generation_concepts2 import _asked as asked_concepts

GREAT_POWER_POLITICS = {
    "sphere of influence",
    "balance of power",
    "security dilemma",
    "appeasement",
    "containment",
    "isolationism",
    "détente",
    "collective security",
}
STATECRAFT = {"economic coercion", "public diplomacy", "gunboat diplomacy", "arms embargo"}
WAYS_OF_WAR = {"war of attrition", "war of manoeuvre", "guerrilla warfare", "hybrid warfare"}
OPENING = "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "


def _asked(text: str) -> dict[str, tuple[str, set[str]]]:
    """Concept asked -> (the stem, the options), the sentence after an opening about the Alliance."""
    return asked_concepts(OPENING + text)


# (concept, sentence, asked): made-up sentences describing the concept in other words, and near misses that share its
# words but describe something else or name the concept.
CUES = [
    # sphere of influence: a great power dictating the security arrangements of its neighbours
    (
        "sphere of influence",
        "Letting Moscow dictate the security arrangements of Central Europe would reward aggression.",
        True,
    ),
    ("sphere of influence", "The West should not let Beijing dictate the foreign policy of its neighbours.", True),
    ("sphere of influence", "Moscow claims a right to veto its neighbours' alliances and foreign policies.", True),
    ("sphere of influence", "For decades Washington treated Central America as its backyard.", True),
    ("sphere of influence", "The Kremlin regards the former Soviet republics as its exclusive domain.", True),
    ("sphere of influence", "The Allies refused to let Washington dictate the security policy of the Alliance.", False),
    ("sphere of influence", "NATO will not allow Russia to dictate the terms of a ceasefire.", False),
    ("sphere of influence", "The United States should not dictate the defence policies of its allies.", False),
    ("sphere of influence", "Moscow claims a right to veto its neighbours' alliances within its sphere of influence.", False),
    # balance of power: no single state dominating
    ("balance of power", "Britain long sought to prevent any single state from dominating the European continent.", True),
    ("balance of power", "The Congress of Vienna redrew the map so that no single state could dominate Europe.", True),
    ("balance of power", "The regulator must prevent any single company from dominating the market.", False),
    ("balance of power", "The treaty was meant to balance the power of the great states.", False),
    # appeasement: concessions to an aggressor to avoid war
    ("appeasement", "Britain and France made concessions to Hitler in the hope of avoiding another war.", True),
    ("appeasement", "Western leaders gave in to the dictator's territorial demands to avoid a wider war.", True),
    ("appeasement", "Ukraine made concessions to Russia in the grain deal.", False),
    ("appeasement", "The union gave in to the company's demands after a long strike.", False),
    # containment: stopping the spread of a rival's influence
    ("containment", "American strategy after 1947 aimed to prevent the spread of Soviet influence in Western Europe.", True),
    ("containment", "Washington worked for decades to halt the expansion of communism in Asia.", True),
    ("containment", "The treaty seeks to prevent the spread of nuclear weapons to new states.", False),
    ("containment", "The alliance sought to contain the spread of Soviet influence in Western Europe.", False),
    # economic coercion: energy or trade as a weapon
    ("economic coercion", "Moscow has long weaponised gas supplies against its neighbours.", True),
    ("economic coercion", "Moscow used its gas exports as a political weapon against its neighbours.", True),
    ("economic coercion", "In 2009 Russia cut off gas supplies to Ukraine to pressure Kyiv.", True),
    ("economic coercion", "Russia cut gas supplies to Europe after the pipeline explosion.", False),
    ("economic coercion", "Russian missiles struck Ukraine's energy grid during the winter.", False),
    ("economic coercion", "Europe must reduce its dependence on Russian gas supplies.", False),
    # hybrid warfare: force blended with cyberattacks, disinformation and subversion
    (
        "hybrid warfare",
        "The campaign in Crimea blended disinformation and cyberattacks with unmarked soldiers who seized key buildings.",
        True,
    ),
    ("hybrid warfare", "The Kremlin combines conventional military pressure with cyberattacks and election interference.", True),
    ("hybrid warfare", "Russia has employed cyberattacks to disrupt the power grids of its neighbours.", False),
    ("hybrid warfare", "The brigade combined artillery fire with infantry assaults.", False),
    ("hybrid warfare", "Russia's hybrid warfare combines cyberattacks with covert forces.", False),
]


@pytest.mark.parametrize(("concept", "sentence", "asked"), CUES)
def test_each_new_cue_asks_its_concept_on_a_paraphrase_and_not_on_a_near_miss(concept, sentence, asked):
    assert (concept in _asked(sentence)) is asked


def test_a_sphere_of_influence_is_never_offered_beside_appeasement_containment_the_security_dilemma_or_the_balance_of_power():
    stem, options = _asked("Letting Moscow dictate the security arrangements of Central Europe would reward aggression.")[
        "sphere of influence"
    ]
    assert "dictate the security arrangements" in stem
    assert options <= GREAT_POWER_POLITICS and len(options) == 4
    # Blind reviews 51 and 52: Russia pressing the Allies to bar Ukraine can be read as a security dilemma (the reading
    # has Moscow see NATO's enlargement as a threat), so that concept is no option beside it either.
    assert not options & {"appeasement", "containment", "security dilemma"}
    # Blind review 58: both reviewers found the balance of power defensible for Russia pressing the Allies to rule out
    # Ukraine's membership (a realist reads it as keeping NATO from tipping the balance), so it is no option either way.
    assert "balance of power" not in options
    _, options = _asked("Britain long sought to prevent any single state from dominating the European continent.")["balance of power"]
    assert "sphere of influence" not in options
    _, options = _asked("Britain and France made concessions to Hitler in the hope of avoiding another war.")["appeasement"]
    assert "sphere of influence" not in options
    _, options = _asked("Washington worked for decades to halt the expansion of communism in Asia.")["containment"]
    assert not options & {"sphere of influence", "balance of power"}


def test_a_new_kind_offers_its_own_concepts_only():
    _, options = _asked("Moscow used its gas exports as a political weapon against its neighbours.")["economic coercion"]
    assert options == STATECRAFT
    _, options = _asked("The Kremlin combines conventional military pressure with cyberattacks and election interference.")[
        "hybrid warfare"
    ]
    assert options == WAYS_OF_WAR


def test_a_sentence_two_concepts_of_one_kind_describe_is_not_asked():
    # The sentence is appeasement (giving in to demands to avoid war) and a sphere of influence (letting a great power
    # dictate its neighbours' foreign policy): no single best answer.
    assert not _asked(
        "Western leaders gave in to Moscow's demands to avoid a war, letting it dictate the foreign policy of its neighbours."
    )
