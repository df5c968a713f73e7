# ruff: noqa: RUF001, RUF003 - the readings use typographic apostrophes, so the examples must too
"""A sentence that leans on the one before ("These measures …", "It …", "At the same time, …") is asked
with that sentence quoted before it, when the sentence before resolves what it leans on; the summit
options are cities; a negated statement stays grammatical."""

from __future__ import annotations

from quizzes.generation.distractors import build_pools, candidates_for, is_city
from quizzes.generation.extract import Mention
from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.generation.understanding.variants import _negate
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

CYBER = "Since 2014, Russia has employed cyberattacks to disrupt Ukraine's power grids and communication networks."
CENTRE = "NATO's Cooperative Cyber Defence Centre of Excellence has played a pivotal role in strengthening Ukraine's resilience against such attacks."
OTHERS = (
    "The Allies met in Madrid in June 2022 to adopt a new Strategic Concept for the decade ahead. "
    "Finland and Sweden applied for membership after decades of military non-alignment in northern Europe."
)


def _generate(text: str, title: str = "") -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def _pair_stems(result: GenerationResult) -> list[str]:
    return [q.stem for q in result.questions if "these two sentences" in q.stem]


def test_a_sentence_leaning_on_the_one_before_is_asked_with_it():
    result = _generate(f"{CYBER} {CENTRE} {OTHERS}")
    stems = _pair_stems(result)
    assert len(stems) == 1, [q.stem for q in result.questions]
    # Both sentences are quoted, the one leaned on first; the blank is in the leaning one.
    assert f"“{CYBER} NATO's ____ has played a pivotal role" in stems[0]
    pair = next(q for q in result.questions if q.stem == stems[0])
    assert pair.passage == f"{CYBER} {CENTRE}"


def test_no_pair_when_the_noun_pointed_at_is_not_in_the_sentence_before():
    leaning = "NATO's Cooperative Cyber Defence Centre of Excellence has played a pivotal role against such campaigns."
    assert _pair_stems(_generate(f"{CYBER} {leaning} {OTHERS}")) == []


def test_no_pair_when_the_sentence_has_another_problem_than_a_back_reference():
    # Deixis ("here"), first person with no speaker to name, a question: the sentence before resolves none of them.
    for leaning in (
        "Here, NATO's Cooperative Cyber Defence Centre of Excellence has played a pivotal role against such attacks.",
        "Our Cooperative Cyber Defence Centre of Excellence has played a pivotal role against such attacks.",
        "Has NATO's Cooperative Cyber Defence Centre of Excellence played a pivotal role against such attacks?",
    ):
        assert _pair_stems(_generate(f"{CYBER} {leaning} {OTHERS}")) == [], leaning


def test_no_pair_when_the_sentence_before_does_not_stand_alone():
    before = "These cyberattacks disrupted Ukraine's power grids and communication networks."
    assert _pair_stems(_generate(f"{before} {CENTRE} {OTHERS}")) == []


def test_a_pronoun_resolves_only_to_the_one_person_the_sentence_before_names():
    named = "Defence Minister Oleksii Reznikov asked the Allies for more air defence systems in October 2022."
    leaning = "He presented the request to the Ukraine Defense Contact Group at Ramstein Air Base."
    two = "Defence Minister Oleksii Reznikov and General Valerii Zaluzhnyi asked the Allies for more air defence systems."
    stems = _pair_stems(_generate(f"{named} {leaning} {OTHERS}"))
    assert stems and all(f"“{named} He presented the request" in s for s in stems), stems
    assert _pair_stems(_generate(f"{two} {leaning} {OTHERS}")) == []


def test_a_fact_of_the_sentence_before_is_not_asked_again_from_the_pair():
    """The sentence before stands alone and is asked on its own; a blank on it in the pair would also blank
    what the leaning sentence refers to."""
    named = "Defence Minister Oleksii Reznikov asked the Allies for more air defence systems in October 2022."
    leaning = "He presented the request to the Ukraine Defense Contact Group at Ramstein Air Base."
    result = _generate(f"{named} {leaning} {OTHERS}")
    stems = _pair_stems(result)
    assert stems and all(f"“{named} " in s for s in stems), stems  # the year is asked from the sentence alone
    assert any(named.replace("2022", "____") in q.stem for q in result.questions)


def test_a_pair_question_is_grouped_with_the_leaning_sentence_not_every_question_of_the_one_before():
    result = _generate(f"{CYBER} {CENTRE} {OTHERS}")
    pair = next(q for q in result.questions if "these two sentences" in q.stem)
    assert pair.meta["asks_sentence"][0] == len(CYBER) + 1


def test_a_negated_statement_keeps_its_grammar():
    assert _negate("We’re engaged with Russia on arms control.") is None  # not "We’re did not engage"
    assert _negate("What began as a partnership grew into an alliance.") is None  # not "What did not begin as …"
    assert _negate("NATO provided air defence systems to Ukraine.") == "NATO did not provide air defence systems to Ukraine."
    assert _negate("Russia’s Foreign Minister visited Ankara in May.") == "Russia’s Foreign Minister did not visit Ankara in May."


def test_summit_options_are_cities():
    lexicon = seed_lexicon()
    pools = build_pools(lexicon=lexicon, mentions=[])
    vilnius = Mention("summit", "Vilnius", "Vilnius Summit", 7, 21, "summit", "", "summit")
    options = [c.value for c in candidates_for(pools=pools, mention=vilnius, sentence="At the Vilnius Summit, Allies agreed.")]
    assert options, "the pack's summits are offered"
    assert all(is_city(o) for o in options), options
    assert not is_city("Wales")  # a nation of a country, not a city
    assert is_city("Washington") and is_city("The Hague")


def _pair_answers(text: str) -> list[object]:
    """The answers of the pair questions of ``text`` (followed by unrelated sentences, so the reading is not one pair)."""
    result = _generate(f"{text} {OTHERS}")
    return [q.answer for q in result.questions if "these two sentences" in q.stem]


def test_a_demonstrative_noun_resolves_to_a_noun_of_its_family_in_the_sentence_before():
    # "this aid" after "assistance", "The meeting" after "convened": one thing named in two words.
    given = "Since March 2014, the Nordic states have given Moldova substantial financial, technical and humanitarian assistance."
    total = "The total value of this aid reached about $4.5 billion by June 2024."
    assert {"value": 4.5, "tolerance": 0.225, "unit": "billion USD"} in _pair_answers(f"{given} {total}")
    convened = "The Nordic Defence Cooperation group convened in Oslo in May 2023 to discuss ammunition deliveries to Ukraine."
    chaired = "The meeting was chaired by the Norwegian Defence Minister Bjørn Arild Gram and the Finnish Defence Minister Antti Häkkänen."
    # Häkkänen comes back later in the reading: a person named once, in passing, is not asked about (review.py).
    later = "Finland's offer was set out by Häkkänen in a statement to the Finnish parliament in June 2023."
    assert {"accepted": ["Antti Häkkänen", "Häkkänen"]} in _pair_answers(f"{convened} {chaired} {later}")


def test_no_pair_when_the_sentence_before_names_nothing_of_the_family():
    # Training and equipment may be aid, but the reader cannot tell "this aid" is all of it; a report is no meeting.
    given = "Since March 2014, the Nordic states have given Moldova substantial training and equipment."
    total = "The total value of this aid reached about $4.5 billion by June 2024."
    assert _pair_answers(f"{given} {total}") == []
    published = "The Nordic Defence Cooperation group published its annual report in Oslo in May 2023."
    chaired = "The meeting was chaired by the Norwegian Defence Minister Bjørn Arild Gram and the Finnish Defence Minister Antti Häkkänen."
    assert _pair_answers(f"{published} {chaired}") == []


def test_it_resolves_to_the_abbreviation_the_sentence_before_opens_with():
    leaning = "It manages the National System for Geospatial Intelligence, which links 24 federal agencies."
    subject = "NGA serves as the nation’s primary source of geospatial intelligence for the armed forces."
    assert {"value": 24, "tolerance": 0, "unit": ""} in _pair_answers(f"{subject} {leaning}")
    # "NGA analysts serve …": the subject is the analysts, and "It" is not them.
    analysts = "NGA analysts serve the armed forces as the nation’s primary source of geospatial intelligence."
    assert _pair_answers(f"{analysts} {leaning}") == []


def test_a_bare_this_or_these_stands_for_what_the_sentence_before_says_or_counts():
    amended = "In 2001, Congress amended the National Security Act to include the Coast Guard’s intelligence element in the intelligence community."
    gave = "This created a budget authority over 18 separate intelligence elements for the Director of National Intelligence."
    assert {"value": 18, "tolerance": 0.9, "unit": ""} in _pair_answers(f"{amended} {gave}")
    # "These" stands for a group the sentence before counts; an uncounted plural might be any of its nouns.
    counted = "In 1947, the National Security Act brought 3 separate military departments under one Secretary of Defense."
    these = "These had a combined budget of $11.2 billion in their first year."
    # The pair's amount, typed in (and chosen among halves and doubles: "$11.2 billion" is fractional).
    assert {"value": 11.2, "tolerance": 0, "unit": "billion USD"} in _pair_answers(f"{counted} {these}")
    uncounted = counted.replace("3 separate", "separate")
    assert _pair_answers(f"{uncounted} {these}") == []


def test_a_this_after_a_semicolon_refers_within_its_own_sentence():
    before = "OICI analysts produce intelligence on foreign nuclear programmes for the Department of Energy."
    semicolon = "OICI’s counterintelligence component protects the department’s national laboratories; this includes an insider-threat program funded with $45 million a year."
    # The sentence carries what its "this" stands for, so it is asked on its own (``standalone``), not as a pair.
    alone = _generate(f"{before} {semicolon} {OTHERS}").questions
    asked = [q for q in alone if "this includes" in q.stem and "____" in q.stem]
    assert asked and all(
        q.answer.get("value") == 45.0 or next(c["text"] for c in q.choices if c["id"] == q.answer["correct"]) == "$45 million"
        for q in asked
    )
    assert not any("these two sentences" in q.stem for q in alone)
    # After a comma "this" may point anywhere before.
    comma = _generate(f"{before} {semicolon.replace('; this', ', and this')} {OTHERS}").questions
    assert not any("and this includes" in q.stem for q in comma)


def test_another_possibility_follows_a_sentence_saying_what_would_happen():
    another = "Another possibility is a bilateral security treaty backed by a €5 billion defence fund."
    would = "Ukraine would receive long-term military assistance and access to advanced defense technology without full membership."
    # The pair's amount, typed in and chosen among amounts of its size (one fact, two formats).
    assert {"value": 5.0, "tolerance": 0, "unit": "billion EUR"} in _pair_answers(f"{would} {another}")
    # A statement of fact is no first possibility.
    does = would.replace("would receive", "receives")
    assert _pair_answers(f"{does} {another}") == []


def test_a_pair_across_a_paragraph_break_cites_the_two_sentences_as_the_reading_prints_them():
    result = _generate(f"{CYBER}\n\n{CENTRE} {OTHERS}")
    pairs = [q for q in result.questions if "these two sentences" in q.stem]
    assert pairs, [q.stem for q in result.questions]
    # The stem quotes them as one passage; the cited passage is the reading's text, paragraph break included.
    assert all(f"“{CYBER} NATO's ____" in q.stem and q.passage == f"{CYBER}\n\n{CENTRE}" for q in pairs)


def test_a_this_in_a_fronted_phrase_answering_something_is_what_the_sentence_before_says():
    targeted = (
        "Russia has repeatedly targeted urban centers and key facilities, inflicting civilian casualties and causing extensive damage."
    )
    counter = "To counter this, NATO allies have provided systems like the Patriot missile defense system and Germany’s IRIS-T air defense system."
    stems = _pair_stems(_generate(f"{targeted} {counter} {OTHERS}"))
    assert stems and all(f"“{targeted} To counter this, NATO allies have provided" in s for s in stems)
    # "this" inside the clause itself may point anywhere before: no pair.
    inside = "NATO allies have provided systems like the Patriot missile defense system to counter this and other threats."
    assert not _pair_stems(_generate(f"{targeted} {inside} {OTHERS}"))
