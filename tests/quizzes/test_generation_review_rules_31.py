"""Blind review 31 (issue 13): 40 questions of the outside corpus and 35 of the seeds, two reviewers, fixed seed.
What both reviewers turned down there, as in earlier rounds, is not asked; what they edited for a narrow key is
accepted as they wrote it."""

from __future__ import annotations

import re

from quizzes.generation.builders.cloze import _other_forms
from quizzes.generation.builders.names import _initials
from quizzes.generation.lexicon import countries
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import SEEDS, generate_file, seed_lexicon

MEETING = (
    "The Nordic defence ministers met in Oslo on 14 May 2024 to discuss ammunition deliveries to Ukraine. "
    "Finnish Defence Minister Antti Häkkänen attended the meeting in person. "
    "Swedish Defence Minister Pål Jonson presented the joint procurement plan to the parliament in Stockholm. "
    "The ministers agreed to buy artillery shells together for the coming winter."
)


def _generate(text: str, title: str = "", heading: str = "") -> list:  # type: ignore[type-arg]
    sections = [SectionText(0, heading, "body", "en", text, 0)]
    return generate(
        reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title
    ).questions


def _answers(questions: list) -> str:  # type: ignore[type-arg]
    return " ".join(str(q.answer) + str(q.choices) for q in questions)


def test_a_person_the_reading_names_once_in_passing_is_not_a_name_to_recall():
    assert "Häkkänen" not in _answers(_generate(MEETING))


def test_a_person_the_reading_comes_back_to_is_still_asked_about():
    later = " Häkkänen told the parliament in Helsinki that Finland would pay a third of the cost of the shells."
    assert "Häkkänen" in _answers(_generate(MEETING + later))


def test_a_reading_saying_what_it_examines_gives_no_question():
    text = (
        "The article examines NATO's multi-dimensional response to the Ukraine conflict, analyzing its military and economic "
        "strategies and broader objectives for Ukraine's recovery and Euro-Atlantic integration. "
        "Since 2015, Operation UNIFIER, led by Canada, has provided Ukrainian soldiers with training in infantry tactics. "
        "The Javelin anti-tank missiles allowed Ukrainian infantry to destroy Russian tanks near Kyiv in March 2022."
    )
    questions = _generate(text)
    assert questions, "the other sentences are asked"
    assert not [q for q in questions if "article examines" in q.passage]


def test_a_figure_is_not_changed_for_a_true_or_false_among_two_other_numbers():
    many = (
        "After 800,000 soldiers served in the valley, after 20,744 were injured and 2,461 were lost, the council ended "
        "the long war in the northern valley."
    )
    falses = [q for q in _generate(many) if q.type == QuestionType.TRUE_FALSE and q.meta.get("tf_class") == "figure"]
    assert falses == []
    one = "By 2035, China is on track to have as many as 1,500 nuclear warheads in its arsenal."
    assert [q for q in _generate(one) if q.type == QuestionType.TRUE_FALSE and q.meta.get("tf_class") == "figure"]


def test_a_supported_statement_never_has_a_negated_sentence_or_a_swapped_country_as_a_wrong_option():
    # The seed paper's sections gave "The war has not devastated Ukraine's economy …" and "Allies like Hungary and
    # Denmark have invested …" as wrong options (blind review 31: rejected by both reviewers as mechanical edits).
    supported = [q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("understanding") == "supported"]
    assert supported, "the paper still has statements to support"
    for q in supported:
        wrong = [c["text"] for c in q.choices if c["id"] != q.answer["correct"]]
        assert not [w for w in wrong if re.search(r"\b(?:not|never)\b", w)], wrong
        assert "negated" not in q.meta.get("changes", [])
        for change in q.meta.get("changes", []):
            assert str(change).partition(" → ")[2] not in countries(), change


def test_a_hyphenated_prefix_is_also_accepted_closed_up():
    assert _other_forms("non-lethal aid") == ["nonlethal aid"]
    assert _other_forms("National Anti-Corruption Bureau") == ["National Anticorruption Bureau"]
    assert _other_forms("Patriot") == []


def test_a_chambers_committee_is_also_accepted_without_the_chamber_and_in_its_formal_order():
    assert _other_forms("Senate Foreign Relations Committee") == [
        "Foreign Relations Committee",
        "Senate Committee on Foreign Relations",
    ]
    assert _other_forms("Nuclear Planning Committee") == []


def test_a_cloze_on_a_hyphenated_concept_accepts_what_the_reviewers_wrote():
    text = (
        "Initially, NATO limited its involvement to non-lethal aid, such as medical supplies and body armour, for Ukraine. "
        "The Allies later sent tanks, artillery and air defence systems to Ukraine as the war went on."
    )
    accepted = [q.answer["accepted"] for q in _generate(text) if q.type == QuestionType.CLOZE and "non-lethal aid" in q.answer["accepted"]]
    assert accepted and {"nonlethal aid", "non-lethal assistance", "non-lethal support"} <= set(accepted[0])


def test_a_name_the_pack_lists_as_known_to_every_student_is_not_blanked():
    text = (
        "The ongoing conflict between Russia and Ukraine is the largest war in Europe since the end of the Cold War. "
        "The Javelin anti-tank missiles allowed Ukrainian infantry to destroy Russian tanks near Kyiv in March 2022. "
        "NATO Allies agreed at the Vilnius Summit to strengthen the deterrence and defence posture of the Alliance."
    )
    questions = _generate(text)
    assert questions, "the other names are asked"
    assert not [q for q in questions if "Cold War" in str(q.answer) + str(q.choices)]


def test_a_blank_after_a_possessive_is_not_a_cloze_on_any_name_or_term():
    # The seed paper's "by working with its ____ to strengthen transparency" (the NABU): rejected by both reviewers in
    # blind reviews 28 and 32, since "government" or "anti-corruption agencies" fit the blank as well.
    questions = generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions
    assert [q for q in questions if q.type == QuestionType.CLOZE], "the paper still has clozes"
    assert not [q for q in questions if q.type == QuestionType.CLOZE and re.search(r"\b(?:its|their|his|her) ____", q.stem)]


def test_an_abbreviation_is_spelled_out_by_its_expansions_only_not_by_a_nickname_of_the_body():
    # The pack names the Ukraine Defense Contact Group also "Ramstein group": no expansion of UDCG (blind review 32).
    assert _initials("Ukraine Defence Contact Group") == "udcg"
    assert _initials("High Mobility Artillery Rocket System") == _initials("High Mobility Artillery Rocket Systems")
    [udcg] = [
        q
        for q in generate_file(SEEDS / "000_c7d0d170a110670f.txt").questions
        if q.type == QuestionType.SHORT_ANSWER and "abbreviation UDCG" in q.stem
    ]
    assert udcg.answer["accepted"] == ["Ukraine Defense Contact Group", "Ukraine Defence Contact Group"]


def test_the_schedule_of_an_upcoming_meeting_is_not_asked():
    # The Vilnius news article: "the European Commission plans to unveil …" and "The summit agenda will be released 'in
    # due course' …, as he did in Vilnius and Washington" (blind reviews 31 and 32: rejected by both each time).
    questions = generate_file(SEEDS / "000_c7d0d170a110670f.txt").questions
    assert [q for q in questions if "The Hague" in q.passage], "what was decided (the invitation to The Hague) is asked"
    assert not [q for q in questions if "plans to unveil" in q.passage or "in due course" in q.passage]
