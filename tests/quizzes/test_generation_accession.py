# ruff: noqa: RUF001 - speech texts use typographic apostrophes
"""A country joining an alliance: what a speech on an
alliance's enlargement is asked, on a small text no reading of the corpus shares."""

from __future__ import annotations

from datetime import date

import pytest

from quizzes.generation.distractors import joining_country
from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Remarks by Governor Alma Reyes on Northern Security"
SPEECH = (
    "The summit in Riga brought the leaders of the Alliance together for two days of talks on air defence. "
    "At the summit, the Allies welcomed NATO’s newest Ally, Finland, and reached agreement to bring Sweden into the Alliance as soon as possible. "
    "This past year, we have celebrated 100 years of unbroken diplomatic relations between the United States and Latvia. "
    "The Allies agreed to spend more on the defence of the eastern flank. "
    "Latvia has kept its defence spending above the target of the Alliance for a decade. "
    "Troops from Latvia and Poland train together on the eastern flank every spring. "
    "Poland and Estonia have bought new air defence systems for their armies. "
    "Estonia hosts a battlegroup led by the United Kingdom on its territory. "
    "The Alliance will hold its next exercise on the coast of the Baltic Sea in the autumn. "
    "The defence ministers will meet again in Brussels to review the new regional plans. "
    "The new plans assign forces to each region of the Alliance for the first time in decades."
)


@pytest.fixture(scope="module")
def speech() -> GenerationResult:
    sections = [SectionText(0, TITLE, "body", "en", SPEECH, 0)]
    return generate(reading_key="accession", cleaned_text=SPEECH, sections=sections, lexicon=seed_lexicon(), title=TITLE)


def _country_choice(result: GenerationResult, key: str):
    return next(
        q
        for q in result.questions
        if q.type == QuestionType.SINGLE_CHOICE
        and q.stem.startswith("Which country")
        and next(c["text"] for c in q.choices if c["id"] == q.answer["correct"]) == key
    )


@pytest.mark.parametrize(
    ("sentence", "key", "joining"),
    [
        ("The Allies welcomed NATO’s newest Ally, Finland, and agreed to bring Sweden into the Alliance.", "Finland", True),
        ("The Allies welcomed NATO’s newest Ally, Finland, and agreed to bring Sweden into the Alliance.", "Sweden", True),
        ("We look forward to welcoming Sweden as NATO’s 32nd Ally.", "Sweden", True),
        ("The talks would allow Sweden’s accession to move forward.", "Sweden", True),
        ("Montenegro joined the Alliance in 2017.", "Montenegro", True),
        # The host of the summit, or a member beside the newcomer, is not the one joining.
        ("A NATO Summit hosted by Lithuania welcomed NATO’s newest Ally, Finland.", "Lithuania", False),
        ("Germany and France supported the accession of Finland.", "Germany", False),
        # A welcome or a bringing together that is no joining.
        ("The President welcomed Poland’s President to the White House.", "Poland", False),
        ("The exercise will bring Poland and Germany together on the Baltic coast.", "Poland", False),
    ],
)
def test_the_country_a_sentence_has_joining_an_alliance_is_the_one_named_at_the_joining(sentence, key, joining):
    assert joining_country(key, sentence) is joining


def test_a_newcomer_is_asked_among_countries_that_have_not_joined_not_among_old_members(speech):
    # Beside long-standing members the newest Ally is the one option that fits (blind reviews 2 and 3); among
    # partners and aspirants (Georgia, Ireland, Moldova, Switzerland …) only the reading decides.
    members = {"Belgium", "Canada", "Germany", "Netherlands", "Albania", "Turkey", "Latvia", "Estonia", "Poland", "Sweden"}
    question = _country_choice(speech, "Finland")
    wrong = {c["text"] for c in question.choices if c["id"] != question.answer["correct"]}
    assert len(wrong) == 3 and not wrong & members, wrong
    assert "newest Ally, ____," in question.stem


def test_the_second_country_of_the_sentence_is_asked_as_a_choice_too_in_the_same_group(speech):
    # Its blank and its swap are turned down (a country), so the sentence's choice format asks it as well.
    finland, sweden = _country_choice(speech, "Finland"), _country_choice(speech, "Sweden")
    assert "bring ____ into the Alliance" in sweden.stem
    assert sweden.group == finland.group
    assert "Finland" not in {c["text"] for c in sweden.choices}


def test_a_newcomer_of_the_readings_own_year_is_not_asked_every_student_knows_it():
    # Dated July 2023, the speech is about the year Finland joined (2023) and Sweden was about to (2024): blind reviews 50,
    # 53, 54, 59 and 60 turned both blanks down as general knowledge (both reviewers in review 60). Undated, the fixture
    # above still asks them: nothing says the accessions are the news of the reading's day.
    sections = [SectionText(0, TITLE, "body", "en", SPEECH, 0)]
    dated = generate(
        reading_key="accession", cleaned_text=SPEECH, sections=sections, lexicon=seed_lexicon(), title=TITLE, published_on=date(2023, 7, 12)
    )
    asked = {
        next(c["text"] for c in q.choices if c["id"] == q.answer["correct"])
        for q in dated.questions
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("Which country")
    }
    assert not asked & {"Finland", "Sweden"}, asked
    assert any(f.gate == "accession_everyone_knows" for f in dated.dropped)
    # Dated years before those accessions, the same words are the reading's to tell: the choice is asked again.
    earlier = generate(
        reading_key="accession", cleaned_text=SPEECH, sections=sections, lexicon=seed_lexicon(), title=TITLE, published_on=date(2015, 7, 12)
    )
    assert _country_choice(earlier, "Finland")


def test_a_full_length_bank_short_of_its_minimum_takes_back_only_as_many_newcomers_as_it_needs_best_first(monkeypatch):
    # A reading that must give MIN_BANK questions and cannot without them takes the known newcomers back one at a time,
    # the best first, and no more than it needs; a draft turned down for any other reason stays out, and none is listed
    # both kept and dropped. (The speech counts as full length here, its minimum one more than it keeps.)
    from quizzes.generation import review

    sections = [SectionText(0, TITLE, "body", "en", SPEECH, 0)]

    def dated_bank():
        return generate(
            reading_key="accession",
            cleaned_text=SPEECH,
            sections=sections,
            lexicon=seed_lexicon(),
            title=TITLE,
            published_on=date(2023, 7, 12),
        )

    short = dated_bank()
    soft = [f.ref for f in short.dropped if f.gate == "accession_everyone_knows"]
    assert len(soft) >= 2, [f.gate for f in short.dropped]
    monkeypatch.setattr(review, "FULL_LENGTH_WORDS", 10)
    monkeypatch.setattr(review, "MIN_BANK", len(short.questions) + 1)
    refilled = dated_bank()
    assert len(refilled.questions) == len(short.questions) + 1
    back = [q for q in refilled.questions if q.stem not in {k.stem for k in short.questions}]
    assert [q.stem for q in back] == [max(soft, key=lambda d: (d.quality, [-ord(c) for c in d.key])).stem]
    assert [f.ref.stem for f in refilled.dropped if f.gate == "accession_everyone_knows"] == [
        d.stem for d in soft if d.stem != back[0].stem
    ]
    kept = {id(q) for q in refilled.questions}
    assert not [f for f in refilled.dropped if id(f.ref) in kept]
    assert len({id(f.ref) for f in refilled.dropped}) == len(refilled.dropped)


def test_an_undated_reading_is_not_dated_by_the_years_it_mentions():
    # "In 2023 the Allies met …" is no date of the reading: the accessions may be history to it, and are still asked.
    text = SPEECH + " In 2023 the defence ministers met again in Vilnius to review the plans."
    sections = [SectionText(0, TITLE, "body", "en", text, 0)]
    undated = generate(reading_key="accession", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)
    assert _country_choice(undated, "Finland")
    assert not any(f.gate == "accession_everyone_knows" for f in undated.dropped)
