"""The reading's date (issue 13): "today", "tomorrow", "last night" say which day only with it.

A sentence that counts from the day it was said or published ("Tomorrow will be the very first meeting of …") is
out of every stem while the reading's date is unknown: a student cannot tell which day is meant. When the import
found the date (front matter or dateline, ``Reading.published_on``), generation is told it through every entry
point (the service behind imports, ``generate_questions`` and ``load_seeds``; ``generation_sample``; the tests'
``generate_file``), and such a sentence is quoted with the date in the stem, the day itself never blanked.
"""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from courseware.services.readings import reading_import
from quizzes.generation import bank_generate_for_reading
from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.service import lexicon_load_seed
from quizzes.generation.standalone import DATED, sentence_problems
from quizzes.generation.text import SectionText
from quizzes.models import Question
from tests.quizzes.seed_readings import generate_file, seed_lexicon

FRONT_MATTER = """---
date: '2023-07-11'
title: "Press Briefing by Press Secretary Dana Holt and Budget Director Omar Vance"
---

"""

BRIEFING = """MS. HOLT: Good morning, everyone. Omar Vance will start with the week ahead.

MR. VANCE: Thank you. Tomorrow will be the very first meeting of the Harbor Pilots Council.

The Riverside Council reviews the Annual Harbor Programme every spring with the port authorities.

The Pilot Exchange Plan sends harbor pilots to the partner ports each autumn.

The city signed a water agreement with the Riverside Council in March after two years of talks.

Ferry traffic across the estuary doubled after the Coastal Ferry Compact took effect.
"""

DATED_STEM = (
    "Complete this sentence (said by Omar Vance in the reading, on 11 July 2023) with the missing name or term: "
    "“Tomorrow will be the very first meeting of the ____.”"
)


def _file(tmp_path: Path, text: str, name: str = "briefing.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stems(result: GenerationResult, words: str) -> list[str]:
    return [q.stem for q in result.questions if words in q.passage]


def generated(text: str, *, title: str = "Harbor plans move ahead", published_on: date | None = date(2023, 7, 11)) -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(
        reading_key="dated", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title, published_on=published_on
    )


# --- the plumbing: the date the import finds reaches the stem --------------------------------------------------------


def test_a_sentence_counting_from_the_readings_day_is_quoted_with_the_date_the_import_found(tmp_path):
    result = generate_file(_file(tmp_path, FRONT_MATTER + BRIEFING))
    assert result.facts.published_on == date(2023, 7, 11)
    assert _stems(result, "Tomorrow will be") == [DATED_STEM]


def test_without_a_date_the_same_sentence_stays_out(tmp_path):
    undated = FRONT_MATTER.replace("date: '2023-07-11'\n", "") + BRIEFING
    result = generate_file(_file(tmp_path, undated))
    assert result.facts.published_on is None
    assert _stems(result, "Tomorrow will be") == []
    sentence = next(s for s in result.facts.sentences if "Tomorrow will be" in s.text)
    assert "deixis (Tomorrow)" in result.facts.problems[sentence.start]
    # The rest of the bank is the same either way.
    assert _stems(result, "Coastal Ferry Compact") == _stems(
        generate_file(_file(tmp_path, FRONT_MATTER + BRIEFING)), "Coastal Ferry Compact"
    )


@pytest.mark.django_db
def test_an_imported_reading_keeps_its_date_and_its_bank_quotes_the_sentence_with_it():
    # The service behind imports, ``generate_questions`` and ``load_seeds`` reads ``Reading.published_on``.
    lexicon_load_seed()
    reading = reading_import(data=(FRONT_MATTER + BRIEFING).encode(), filename="briefing.md", generate_questions=False).reading
    assert reading.published_on == date(2023, 7, 11)
    bank_generate_for_reading(reading=reading)
    stems = [q.stem for q in Question.objects.filter(bank__reading=reading) if "Tomorrow will be" in q.source_passage]
    assert stems == [DATED_STEM]


@pytest.mark.django_db
def test_an_imported_reading_without_a_date_leaves_the_sentence_out():
    lexicon_load_seed()
    undated = FRONT_MATTER.replace("date: '2023-07-11'\n", "") + BRIEFING
    reading = reading_import(data=undated.encode(), filename="briefing.md", generate_questions=False).reading
    assert reading.published_on is None
    bank_generate_for_reading(reading=reading)
    assert Question.objects.filter(bank__reading=reading).exists()
    assert not Question.objects.filter(bank__reading=reading, source_passage__contains="Tomorrow will be").exists()


@pytest.mark.django_db
def test_the_blind_review_sampler_dates_the_stem_as_an_import_would(tmp_path):
    _file(tmp_path, FRONT_MATTER + BRIEFING)
    out = StringIO()
    call_command("generation_sample", corpus=str(tmp_path), seed=1, count=20, json=True, group_mates=True, stdout=out)
    assert [r["stem"] for r in json.loads(out.getvalue()) if "Tomorrow will be" in r["passage"]] == [DATED_STEM]


# --- the stem's wording ---------------------------------------------------------------------------------------------

NEWS = (
    "Yesterday, the Riverside Council approved $45 million for the new container terminal at the Eastgate Docks. "
    "The Port Security Initiative trains harbor pilots and customs officers every year. "
    "The Pilot Exchange Plan sends harbor pilots to the partner ports each autumn. "
    "Ferry traffic across the estuary doubled after the Coastal Ferry Compact took effect."
)


def test_a_reading_without_a_speaker_says_the_day_it_was_published():
    stems = _stems(generated(NEWS), "Yesterday, the Riverside Council")
    assert (
        "What amount, in million US dollars, is missing from this sentence from the reading (published on 11 July 2023)? "
        "“Yesterday, the Riverside Council approved ____ for the new container terminal at the Eastgate Docks.”"
    ) in stems
    assert any(
        s.startswith("True or false? According to the reading (published on 11 July 2023): “Yesterday, the Riverside") for s in stems
    )


def test_a_speakers_sentence_says_who_said_it_and_on_which_day():
    text = (
        "MR. VANCE: Yesterday, we approved $45 million for the new container terminal at the Eastgate Docks.\n"
        + NEWS[NEWS.index("The Port") :]
    )
    stems = _stems(generated(text, title="Press Briefing by Budget Director Omar Vance"), "Yesterday, we approved")
    assert any(
        s.startswith("True or false? According to the reading, Omar Vance said on 11 July 2023: “Yesterday, we approved $") for s in stems
    )
    assert all("(said by Omar Vance in the reading, on 11 July 2023)" in s for s in stems if not s.startswith("True or false?"))


def test_the_day_and_the_year_are_never_the_key_beside_the_printed_date():
    text = "Yesterday, the Riverside Council ratified the Eastgate Harbor Accord, first drafted in 2019 by the port authorities. " + NEWS
    questions = [q for q in generated(text).questions if "ratified" in q.passage]
    assert questions, "the accord is asked"
    for q in questions:
        assert q.meta.get("unit") != "year" and "2019" not in json.dumps(q.answer) + json.dumps(q.choices)


# --- what the date does not resolve ----------------------------------------------------------------------------------


def test_only_the_relative_day_is_resolved_any_other_problem_keeps_the_sentence_out():
    text = "Tomorrow, he will open the first meeting of the Harbor Pilots Council in Eastgate. " + NEWS
    result = generated(text)
    assert _stems(result, "Harbor Pilots Council") == []
    assert sentence_problems("Tomorrow, he will open the first meeting of the Harbor Pilots Council.", dated=True) == [
        "unresolved pronoun (he)",
        DATED,
    ]


def test_a_weekday_without_its_date_stays_out_whatever_the_readings_date():
    # "on Thursday" said on a Tuesday may be two days ahead or five back: the reading's date does not say which.
    assert "deixis (a weekday without its date)" in sentence_problems(
        "The Harbor Authority will open the Northgate Terminal on Thursday with twelve new cranes.", dated=True
    )
    for dated in (
        "The Harbor Authority opened the Westgate Terminal on Thursday (June 5) with twelve new cranes.",
        "The Harbor Authority opened the Westgate Terminal on Thursday, 13 July 2023, with twelve new cranes.",
        "Pilots from the partner ports meet at the Harbor Pilots Council on Mondays to plan the week.",
        "The Harbor Authority closed the Westgate Terminal for the Good Friday holiday with the port authorities.",
    ):
        assert sentence_problems(dated) == [], dated


def test_a_noun_with_its_relative_clause_and_an_apposition_is_no_sentence():
    # "A nation which stands today as …, a proud member of the ____ and of NATO": which nation the sentence before says.
    fragment = (
        "A city which stands today as a gateway of trade and travel, a proud member of the Hanseatic League and of the Baltic Ports Union."
    )
    assert "a fragment leaning on the previous sentence" in sentence_problems(fragment)
    assert sentence_problems("A city that loses its harbor, as Eastgate did in 1990, must find another trade to live on.") == []
    assert _stems(generated(fragment + " " + NEWS), "Hanseatic League") == []
