"""Alternatives a section lays out one by one (``understanding.scenarios``): each matched to what its own paragraph
says it would bring or depend on, and a consequence said of an alternative itself asked among the other alternatives.
Never what an alternative *is*, nor a consequence that repeats a word of its name (blind review 16: scenarios asked by
descriptions that paraphrase them)."""

from __future__ import annotations

from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

HEADING = "Possible scenarios for the shelf dispute"
INTRO = (
    "The dispute over the northern shelf remains unresolved after a decade of talks between the two coastal states. "
    "Several scenarios could determine how the dispute ends, each with distinct consequences for the region."
)
BOUNDARY = (
    "One possible scenario is a negotiated maritime boundary, in which the coastal states divide the shelf along an agreed median line. "
    "This scenario would likely involve a joint commission to settle the remaining claims. "
    "However, this scenario carries serious risks, as a divided shelf could encourage illegal fishing in the unpatrolled zones."
)
STANDOFF = (
    "Another potential scenario is a prolonged standoff in which neither state gives up its claim and the dispute continues for years. "
    "Norway, fearing higher costs, may seek a separate arrangement with both states. "
    "It would then lower the quotas of the fishing fleets. "
    "A drawn-out dispute would raise insurance costs for shipping companies, further deterring investment in the region."
)
ARBITRATION = (
    "A third scenario involves international arbitration, in which both states submit their claims to a tribunal. "
    "In this scenario, the result would depend on whether both governments accept a binding ruling."
)
ANNEXATION = (
    "Another possibility is a unilateral annexation, in which the stronger state seizes the disputed waters. "
    "It would isolate the stronger state from world markets."
)
MATCH_STEM = "Match each scenario to the consequence or condition the reading gives for it."


def _questions(*paragraphs: str) -> list[Any]:
    text = "\n\n".join((INTRO, *paragraphs))
    sections = [SectionText(0, HEADING, "body", "en", text, 0)]
    return generate(
        reading_key="scenarios", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title="The shelf dispute"
    ).questions


def _pairs(questions: list[Any]) -> dict[str, str]:
    [matching] = [q for q in questions if q.stem == MATCH_STEM]
    left = {c["id"]: c["text"] for c in matching.choices["left"]}
    right = {c["id"]: c["text"] for c in matching.choices["right"]}
    return {left[a]: right[b] for a, b in matching.answer["pairs"].items()}


def _choices(questions: list[Any]) -> dict[str, tuple[str, set[str]]]:
    """Stem -> (key, options) of the single choices among the scenarios."""
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("Which of these scenarios"):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[q.stem] = (texts[q.answer["correct"]], set(texts.values()))
    return out


def test_each_alternative_is_matched_to_what_its_own_paragraph_says_it_brings_or_needs():
    pairs = _pairs(_questions(BOUNDARY, STANDOFF, ARBITRATION, ANNEXATION))
    assert pairs == {
        # "this scenario carries serious risks, as a divided shelf could …": the risk, its subject restating the scenario left out.
        "A negotiated maritime boundary": "Could encourage illegal fishing in the unpatrolled zones",
        # "A drawn-out dispute would …": a common-noun subject sharing a word with the scenario's description restates it;
        # the consequence of the consequence ("further deterring …") is left out.
        "A prolonged standoff": "Would raise insurance costs for shipping companies",
        "International arbitration": "The result would depend on whether both governments accept a binding ruling",
        "A unilateral annexation": "Would isolate the stronger state from world markets",
    }


def test_a_consequence_said_of_the_alternative_itself_is_asked_among_the_other_alternatives():
    choices = _choices(_questions(BOUNDARY, STANDOFF, ARBITRATION, ANNEXATION))
    names = {"A negotiated maritime boundary", "A prolonged standoff", "International arbitration", "A unilateral annexation"}
    # Only "this scenario … could" and "It would …": a restated subject ("a drawn-out dispute") pairs one to one in a
    # matching but is the reader's inference, and a clause ("the result would depend …") reads as no predicate.
    assert choices == {
        "Which of these scenarios does the reading say could encourage illegal fishing in the unpatrolled zones?": (
            "A negotiated maritime boundary",
            names,
        ),
        "Which of these scenarios does the reading say would isolate the stronger state from world markets?": (
            "A unilateral annexation",
            names,
        ),
    }


def test_what_an_alternative_is_and_what_someone_else_does_are_not_its_consequences():
    pairs = _pairs(_questions(BOUNDARY, STANDOFF, ARBITRATION, ANNEXATION))
    shown = " ".join(pairs.values())
    assert "commission" not in shown  # "This scenario would likely involve a joint commission": what it is, not what it brings
    assert "quotas" not in shown  # "It would then lower the quotas" follows a sentence about Norway: "it" is Norway


def test_a_consequence_repeating_a_word_of_its_alternatives_name_leaves_that_alternative_out():
    arbitration = ARBITRATION.replace("the result would depend", "the arbitral award would depend")
    pairs = _pairs(_questions(BOUNDARY, STANDOFF, arbitration, ANNEXATION))
    # "arbitral award" for "international arbitration" would give the pair away.
    assert set(pairs) == {"A negotiated maritime boundary", "A prolonged standoff", "A unilateral annexation"}


def test_two_alternatives_are_no_enumeration_and_ask_nothing():
    questions = _questions(BOUNDARY, ANNEXATION)
    assert not [q for q in questions if q.stem == MATCH_STEM] and not _choices(questions)


def test_fewer_than_three_alternatives_with_a_consequence_ask_nothing():
    # The arbitration and annexation paragraphs say nothing of what their scenarios would bring.
    bare_arbitration = ARBITRATION.split(" In this scenario")[0]
    bare_annexation = ANNEXATION.split(" It would")[0]
    questions = _questions(BOUNDARY, STANDOFF, bare_arbitration, bare_annexation)
    assert not [q for q in questions if q.stem == MATCH_STEM]


def test_each_pair_asked_again_as_a_single_choice_stays_beside_the_matching_in_its_group():
    standoff = STANDOFF.replace("A drawn-out dispute would raise", "This scenario could raise")
    arbitration = ARBITRATION.split(" In this scenario")[0] + " It would bind both governments to a ruling without appeal."
    joint_zone = (
        "The final option would be a joint development zone, in which the states share the revenue of the shelf. "
        "It would attract foreign oil companies to the coast."
    )
    questions = _questions(BOUNDARY, standoff, arbitration, ANNEXATION, joint_zone)
    [matching] = [q for q in questions if q.stem == MATCH_STEM]
    choices = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("Which of these scenarios")]
    # Five consequences asked among the alternatives, each a pair the matching shows (one group: a quiz shows one of
    # them). They quote only sentences the matching quotes, so the group spans one passage, not six sentences: none is
    # dropped to keep the group within its cap of four sentences.
    assert len(_pairs(questions)) == 5
    assert len(choices) == 5
    assert {q.group for q in choices} == {matching.group}
