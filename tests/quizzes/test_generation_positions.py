"""The positions named actors take in a reading, asked as understanding: "Which view does the reading attribute to
Moscow?" among the views the reading gives to other sides, and "Match each actor to the view the reading attributes
to them" when three sides or more hold one (issue 13: the seed paper credits views to Putin, Moscow, the Kremlin,
President Trump, Zelensky and NATO's official position, and the generator asked none of them); and "Which of these
statements does the reading NOT attribute to Jens Stoltenberg?" when a person holds two views or more (the seed news
article credits three to Stoltenberg and one to Stefanishyna, and asked none of them)."""

from __future__ import annotations

from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

STEM = "Which view does the reading attribute to "
MATCHING = "Match each actor to the view the reading attributes to them."

MOSCOW = "Any decision to station Allied troops in Finland would be treated as a hostile act."
TRUMP = "European governments should pay for most of the weapons sent to Kyiv."
NATO = "Membership talks with Ukraine can start only after a ceasefire has held for a year."
ZELENSKY = "Only long-range missiles can keep enemy artillery out of range of Ukrainian cities."

READING = (
    "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "
    "Moscow has repeatedly warned that any decision to station Allied troops in Finland - even on a rotating basis - "
    "would be treated as a hostile act, raising fears of escalation (Smith, 2024). "
    "Russian President Vladimir Putin has stated that Russia's security was threatened by the enlargement of the Alliance. "
    "President Trump has questioned the scale of American aid, arguing that European governments should pay for most "
    "of the weapons sent to Kyiv. "
    "Ukrainian President Volodymyr Zelensky has been a persistent advocate for longer-range weapons, insisting that only "
    "long-range missiles can keep enemy artillery out of range of Ukrainian cities. "
    "As a result, NATO's official position remains that membership talks with Ukraine can start only after a ceasefire "
    "has held for a year, which several Allies regret. "
    "The Alliance also agreed to expand its training mission in Poland."
)


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _asked(questions: list[Any]) -> dict[str, tuple[str, set[str]]]:
    """Actor asked about -> (the view keyed, every option)."""
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(STEM):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[q.stem[len(STEM) : -1]] = (texts[q.answer["correct"]], set(texts.values()))
    return out


def _matched(questions: list[Any]) -> dict[str, str]:
    for q in questions:
        if q.type == QuestionType.MATCHING and q.stem == MATCHING:
            left = {c["id"]: c["text"] for c in q.choices["left"]}
            right = {c["id"]: c["text"] for c in q.choices["right"]}
            return {left[a]: right[b] for a, b in q.answer["pairs"].items()}
    return {}


def test_each_side_s_view_is_asked_among_the_views_the_reading_gives_other_sides():
    asked = _asked(_questions(READING))
    assert asked["Moscow"] == (MOSCOW, {MOSCOW, TRUMP, NATO, ZELENSKY})
    assert asked["NATO"][0] == NATO
    assert asked["President Trump"][0] == TRUMP
    # The views are cut at their first clause's end: no aside between dashes, no ", raising fears", no citation.
    assert all(not any(w in o for w in ("rotating", "raising", "Smith", "which")) for _, options in asked.values() for o in options)


def test_one_side_never_offers_two_views_and_a_view_naming_its_own_side_is_no_key():
    asked = _asked(_questions(READING))
    # Putin and Moscow are one side: Russia. Moscow's view does not name Russia, Putin's does ("Russia's security").
    assert "Vladimir Putin" not in asked
    assert all("Russia's security" not in o for _, options in asked.values() for o in options)
    # Zelensky's view names Ukraine ("Ukrainian cities"): an option, never a key, even with other views to offer.
    assert ZELENSKY in asked["Moscow"][1]
    text = READING.replace("membership talks with Ukraine", "membership talks").replace("President Trump has", "Some observers have")
    asked = _asked(_questions(text))
    assert "Volodymyr Zelensky" not in asked and "Only long-range missiles" in " ".join(asked["Moscow"][1])


def test_a_view_about_the_asked_country_is_no_wrong_option_for_it():
    text = READING.replace("pay for most of the weapons sent to Kyiv", "stop buying gas from Moscow by the end of the decade")
    asked = _asked(_questions(text))
    # Moscow may share it or hold the opposite: neither is safely someone else's view.
    assert "European governments should stop buying gas from Moscow by the end of the decade." not in asked["Moscow"][1]
    assert asked["Moscow"][1] == {MOSCOW, NATO, ZELENSKY}


def test_an_organisation_s_position_is_no_wrong_option_for_one_of_its_members():
    asked = _asked(_questions(READING))
    # NATO's official position is the United States' too: not offered as what President Trump holds, nor the reverse.
    assert NATO not in asked["President Trump"][1] and TRUMP not in asked["NATO"][1]


def test_three_sides_with_a_view_as_written_are_matched_to_it():
    matched = _matched(_questions(READING))
    assert matched["NATO"] == NATO and matched["President Trump"] == TRUMP
    assert matched["Vladimir Putin"] == "Russia's security was threatened by the enlargement of the Alliance."


def test_it_is_resolved_only_from_what_the_actor_advocates():
    text = READING.replace(
        "insisting that only long-range missiles can keep enemy artillery out of range of Ukrainian cities",
        "insisting that it is the only way to keep enemy artillery out of range of Ukrainian cities",
    ).replace("advocate for longer-range weapons", "advocate for a no-fly zone")
    options = _asked(_questions(text))["Moscow"][1]
    assert "A no-fly zone is the only way to keep enemy artillery out of range of Ukrainian cities." in options
    text = text.replace("advocate for a no-fly zone", "advocate for longer-range weapons")  # plural: "it" is not them
    assert not any("only way" in o for o in _asked(_questions(text))["Moscow"][1])


def test_a_view_that_leans_on_its_sentence_is_not_shown():
    text = READING.replace("arguing that European governments", "arguing that this means European governments")
    asked = _asked(_questions(text))
    assert "President Trump" not in asked and not any("European governments" in o for _, options in asked.values() for o in options)


def test_fewer_than_three_sides_ask_nothing():
    text = READING.replace("Moscow has repeatedly warned", "Observers have repeatedly warned").replace(
        "Russian President Vladimir Putin has stated", "Some analysts have stated"
    )
    text = text.replace("Ukrainian President Volodymyr Zelensky has been", "Many Ukrainians have been")
    questions = _questions(text)
    assert not _asked(questions) and not _matched(questions)


# What the reading does NOT attribute to a person: their statements are the wrong options, the key is someone else's.
NOT_STEM = "Which of these statements does the reading NOT attribute to "
PACKAGE = "At the Brussels meeting, a new training mission will be launched to improve air defence in the east."
CONSENSUS = "There is a broad consensus among allies that Moldova deserves closer cooperation with the Alliance."
NO_VETO = "No outside power can veto the plans the Alliance draws up for the eastern flank."
SYBIHA = "Several European capitals have offered to host the next round of talks on security guarantees."

ANNOUNCED = (
    "Allies gathered in Brussels for a meeting of defence ministers. "
    "The meeting was opened by NATO Secretary General Mark Rutte.\n\n"
    "During his remarks, Rutte indicated that at the Brussels meeting, a new training mission will be launched to improve "
    "air defence in the east and to speed up the delivery of spare parts to the front. "
    "The cost of the mission was not given.\n\n"
    "Rutte also noted a broad consensus among allies that Moldova deserves closer cooperation with the Alliance. "
    "Membership remains a separate question. "
    "He stressed that no outside power can veto the plans the Alliance draws up for the eastern flank, underscoring Allied unity.\n\n"
    "A Ukrainian diplomat, Andrii Sybiha, who leads the country's foreign ministry, has added that several European "
    "capitals have offered to host the next round of talks on security guarantees."
)


def _not_attributed(questions: list[Any]) -> dict[str, tuple[str, set[str]]]:
    """Person asked about -> (the statement keyed, every option)."""
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(NOT_STEM):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[q.stem[len(NOT_STEM) : -1]] = (texts[q.answer["correct"]], set(texts.values()))
    return out


def test_a_person_s_statements_are_the_wrong_options_of_what_the_reading_does_not_attribute_to_them():
    asked = _not_attributed(_questions(ANNOUNCED))
    # Rutte holds no country's office, so no "Which view does the reading attribute to …?" asks him; his three
    # statements are still his, and the one statement of someone else is what the reading does not attribute to him.
    assert asked == {"Mark Rutte": (SYBIHA, {SYBIHA, PACKAGE, CONSENSUS, NO_VETO})}


def test_indicating_that_credits_a_view():
    text = ANNOUNCED.replace(" and to speed up the delivery of spare parts to the front", "")
    assert PACKAGE in _not_attributed(_questions(text))["Mark Rutte"][1]


def test_two_purposes_of_a_view_too_long_to_show_keep_the_first():
    # "… to improve air defence in the east and to speed up the delivery of spare parts to the front" is too long to
    # show: the first purpose is. With a plural noun after "to" it is one list, not two purposes, and it is left out.
    assert PACKAGE in _not_attributed(_questions(ANNOUNCED))["Mark Rutte"][1]
    text = ANNOUNCED.replace("improve air defence in the east and to speed up", "allies in the east and to partners that speed up")
    assert not any("training mission" in o for o in _not_attributed(_questions(text))["Mark Rutte"][1])


def test_noting_a_consensus_credits_that_the_consensus_exists():
    # Rutte noted a consensus among allies that Moldova deserves it, not that Moldova deserves it.
    options = _not_attributed(_questions(ANNOUNCED))["Mark Rutte"][1]
    assert CONSENSUS in options and "Moldova deserves closer cooperation with the Alliance." not in options


def test_he_is_the_person_whose_view_the_paragraph_gave_last_when_nobody_else_is_named():
    assert NO_VETO in _not_attributed(_questions(ANNOUNCED))["Mark Rutte"][1]
    # Another person named in between, or a new paragraph: "He" is not resolved.
    for other in ("Zelensky", "Bruce Bennett"):  # a person of the lexicon, or a name of no English word
        text = ANNOUNCED.replace("Membership remains a separate question.", f"Membership remains a question for {other}.")
        assert NO_VETO not in _not_attributed(_questions(text))["Mark Rutte"][1]
    text = ANNOUNCED.replace("Membership remains a separate question. ", "Membership remains a separate question.\n\n")
    assert NO_VETO not in _not_attributed(_questions(text))["Mark Rutte"][1]


def test_an_aside_on_who_the_actor_is_does_not_hide_them():
    text = ANNOUNCED.replace(", who leads the country's foreign ministry, has added", " has added")
    assert _not_attributed(_questions(text))["Mark Rutte"][0] == SYBIHA
    assert _not_attributed(_questions(ANNOUNCED))["Mark Rutte"][0] == SYBIHA


def test_the_key_is_never_an_organisation_s_position_nor_a_view_of_the_person_s_own_side():
    # NATO's position may be its Secretary General's too; Zelensky speaks for Sybiha's side.
    nato = "NATO's official position is that"
    text = ANNOUNCED.replace("A Ukrainian diplomat, Andrii Sybiha, who leads the country's foreign ministry, has added that", nato)
    assert "Mark Rutte" not in _not_attributed(_questions(text))
    text = (
        "NATO Allies met in Brussels to discuss support for Ukraine. "
        "Andrii Sybiha has stated that a ceasefire must not freeze the front line for years. "
        "Sybiha also argued that Western arms factories should train engineers from Ukrainian universities. "
        "Volodymyr Zelensky has warned that long-range missiles alone will not end the war in the east."
    )
    assert "Andrii Sybiha" not in _not_attributed(_questions(text))
    asked = _not_attributed(_questions(text + " Moscow has warned that any deployment of Western trainers would be a hostile act."))
    assert asked["Andrii Sybiha"][0] == "Any deployment of Western trainers would be a hostile act."


def test_one_statement_of_a_person_asks_nothing_about_them():
    text = ANNOUNCED.replace("He stressed that", "Observers stressed that").replace("Rutte also noted", "Observers also noted")
    assert "Mark Rutte" not in _not_attributed(_questions(text))
