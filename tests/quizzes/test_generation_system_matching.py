"""Matchings of named systems with their descriptions (``builders.names``): asked only when the pairing has one answer."""

from __future__ import annotations

from quizzes.generation.builders import QuestionDraft
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon


def system_matchings(text: str) -> list[QuestionDraft]:
    sections = [SectionText(0, "Weapons for the front", "body", "en", text, 0)]
    result = generate(reading_key="systems", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title="Weapons for the front")
    drafts = [*result.questions, *(getattr(d.ref, "ref", d.ref) for d in result.dropped)]
    return [d for d in drafts if d.type == QuestionType.MATCHING and d.stem.startswith("Match each weapons system")]


def test_systems_are_matched_with_their_descriptions_only_when_each_is_of_another_class():
    # Three air-defence systems: "air defense system", "missile defense system" and "surface-to-air missiles" each fit
    # any of them, so the pairing would have more than one answer.
    text = (
        "NATO Allies supplied Stinger surface-to-air missiles to the infantry brigades of Ukraine in the north. "
        "NATO Allies later delivered the Patriot missile defense system to protect Kyiv from Russia's ballistic missiles. "
        "NATO Allies also sent the IRIS-T air defense system to guard the power plants of the south. "
        "NATO Allies shipped Javelin anti-tank missiles to the armoured units of Ukraine on the eastern front. "
    )
    assert system_matchings(text) == []


def test_systems_of_three_classes_are_matched_with_their_descriptions():
    text = (
        "NATO Allies supplied Stinger surface-to-air missiles to the infantry brigades of Ukraine in the north. "
        "NATO Allies shipped Javelin anti-tank missiles to the armoured units of Ukraine on the eastern front. "
        "NATO Allies delivered Caesar self-propelled howitzers to the artillery regiments facing Russia in the south. "
    )
    [matching] = system_matchings(text)
    left = {c["text"] for c in matching.choices["left"]}
    assert left == {"Stinger", "Javelin", "Caesar"}
