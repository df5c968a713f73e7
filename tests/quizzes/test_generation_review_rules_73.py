"""What both reviewers of blind review 73 turned down or edited (issue 13), on news items and releases about Open
Skies, the Colonial Pipeline attack, the end of declared chemical stockpiles and UNIFIL nobody had run the generator
on: a ransomware gang read as a weapons system, "the Convention" left unnamed, years counted to the article's own day,
a commentator's employer, and more member states than there are countries."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body, seed_lexicon


def _generate_result(text: str):  # type: ignore[no-untyped-def]
    from quizzes.generation.pipeline import generate
    from quizzes.generation.text import SectionText

    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key="review-73", cleaned_text=text, sections=sections, lexicon=seed_lexicon())


def test_a_group_named_after_what_it_is_is_asked_as_a_group_not_a_weapons_system():
    text = (
        "The company paid the ransom within several hours, and upon receipt of it an IT tool was provided to the company "
        "by DarkSide to restore the system. The FBI and various media sources identified the criminal hacking group "
        "DarkSide as the responsible party for the attack on the pipeline."
    )
    questions = generate_body(text)
    assert not [q.stem for q in questions if "weapons system" in q.stem]
    asked = [q for q in questions if q.type == QuestionType.CLOZE and "criminal hacking group ____" in q.stem]
    assert asked and asked[0].answer["accepted"][0] == "DarkSide", [q.stem for q in questions]


def test_the_convention_a_reading_named_in_full_is_quoted_with_its_full_name():
    """ "Four countries have yet to join the Convention." was quoted as it stands (which convention?). A head word the
    reading gives one full name is shown with it wherever a stem quotes the sentence (``quote`` applies the span); a
    head word with two names ("the Security Council", "the North Atlantic Council") is left alone."""
    from quizzes.generation.builders.drafts import quote

    text = (
        "The Organisation for the Prohibition of Chemical Weapons confirmed that the last chemical weapon declared by the "
        "States Parties to the Chemical Weapons Convention was verified as destroyed at a plant in Kentucky in July 2023. "
        "The Convention entered into force in April 1997, four years after it was opened for signature in Paris. "
        "The Security Council and the North Atlantic Council both welcomed the news, and the Council will meet again in May."
    )
    facts = _generate_result(text).facts
    quoted = {s.text[:12]: quote(s) for s in facts.sentences}
    assert quoted["The Conventi"].startswith("The Chemical Weapons Convention entered into force in April 1997"), quoted
    assert "and the Council will meet" in quoted["The Security"], quoted


def test_years_counted_to_the_article_s_own_day_are_not_asked_but_a_rule_s_interval_is():
    text = (
        "The Security Council voted unanimously to renew the mandate of the force, in order to preserve the stability and "
        "calm in its area of operations in the south, which has already lasted for an unprecedented 11 years. "
        "25 years after the entry into force of the Treaty, a conference shall be convened to decide whether the Treaty "
        "shall continue in force indefinitely, or shall be extended for an additional fixed period or periods."
    )
    numbers = {q.answer["value"] for q in generate_body(text) if q.type == QuestionType.NUMERIC}
    assert 11 not in numbers
    assert 25 in numbers, numbers


def test_where_a_commentator_works_is_not_asked():
    text = (
        "Writing on Twitter, Steven Pifer, non-resident fellow at the Brookings Institution's Arms Control and "
        "Non-Proliferation Initiative, called the withdrawal from the Treaty on Open Skies one more blow to arms control."
    )
    keys = {k for q in generate_body(text) if q.type == QuestionType.CLOZE for k in q.answer["accepted"]}
    assert "Brookings Institution" not in keys


def test_a_count_of_member_states_is_never_offered_or_stated_above_the_number_of_countries():
    text = (
        "The implementing body of the Chemical Weapons Convention, which entered into force in 1997, is an organisation of "
        "193 member states that oversees the global endeavour to permanently eliminate chemical weapons everywhere."
    )
    questions = generate_body(text)
    figures = [q for q in questions if q.stem.startswith("Which figure") or q.meta.get("tf_original") == "193"]
    assert figures, [q.stem for q in questions]
    for q in figures:
        offered = [int(c["text"].replace(",", "")) for c in q.choices] if q.choices else [int(q.meta["tf_swapped"])]
        assert max(offered) <= 195, (q.stem, offered)
