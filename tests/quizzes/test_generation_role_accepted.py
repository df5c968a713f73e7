"""A blank on a person accepts the role the reading introduces them with: "____ also noted a broad consensus among
allies …" is answered by "Stoltenberg" and as fairly by "the NATO Secretary General" when the reading calls him
"NATO Secretary General Jens Stoltenberg" (blind review 26, both reviewers marked the seed's two clozes "edit").
Only a role that names one person of the reading, as the reading writes it (or the pack's fuller name of that
office), never a past role, and never when the question's stem already names the role."""

from __future__ import annotations

from typing import Any

from quizzes.generation.builders import Context
from quizzes.generation.builders.cloze import role_answers
from quizzes.generation.distractors import build_pools
from quizzes.generation.pipeline import generate, reading_facts_in_domain
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import grade_answer, normalise_text
from tests.quizzes.seed_readings import seed_lexicon

ALLIES = "Allies are expected to approve a new package of non-lethal aid for Kyiv at the summit in July."
CONSENSUS = "The delegates heard Aino Virtanen describe a broad consensus among allies that Ukraine belongs within the NATO family. "


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _accepted(text: str, gap: str) -> list[str]:
    """The accepted answers of the reading's cloze whose quoted sentence holds ``gap``."""
    [cloze] = [q for q in _questions(text) if q.type == QuestionType.CLOZE and gap in q.stem]
    return list(cloze.answer["accepted"])


def _roles(text: str, person: str, stem: str) -> list[str]:
    """``role_answers`` for a blank on ``person`` in a question with ``stem``."""
    sections = [SectionText(0, "", "body", "en", text, 0)]
    facts = reading_facts_in_domain(sections=sections, cleaned_text=text, lexicon=seed_lexicon())
    pools = build_pools(lexicon=seed_lexicon(), mentions=[])
    ctx = Context(reading_key="k", cleaned_text=text, facts=facts, pools=pools, lexicon=seed_lexicon())
    mention = next(m for found in facts.mentions.values() for m in found if m.value == person)
    return role_answers(ctx, mention, stem)


def _right(accepted: list[str], typed: str) -> bool:
    return grade_answer(type=QuestionType.CLOZE, choices=None, answer={"accepted": accepted}, response=typed).correct


def test_a_blank_on_a_person_accepts_the_role_the_reading_introduces_them_with():
    text = "Finnish Foreign Minister Aino Virtanen opened the conference in Helsinki on 3 May 2023. " + CONSENSUS + ALLIES
    accepted = _accepted(text, "heard ____ describe")
    assert accepted == ["Aino Virtanen", "Virtanen", "Finnish Foreign Minister"]
    # Grading drops a leading article and reads a hyphen as a space: one accepted form serves all three.
    for typed in ("the Finnish Foreign Minister", "Finnish Foreign Minister", "finnish foreign-minister", "Virtanen"):
        assert _right(accepted, typed), typed
    assert not _right(accepted, "Foreign Minister"), "the role without its country is not what the reading says"


def test_the_role_of_an_apposition_is_accepted_whole():
    # "X, the Finnish Foreign Minister," — the role is everything after the article, its country included.
    text = "Aino Virtanen, the Finnish Foreign Minister, opened the conference in Helsinki on 3 May 2023. " + CONSENSUS + ALLIES
    assert "Finnish Foreign Minister" in _accepted(text, "heard ____ describe")


def test_the_packs_fuller_name_of_the_office_is_accepted_with_the_readings_role():
    # The reading says "Secretary General"; the pack knows him as "NATO Secretary General".
    text = (
        "Secretary General Jens Stoltenberg opened the conference in Helsinki on 3 May 2023. "
        "Stoltenberg also described a broad consensus among allies that Ukraine belongs within the NATO family. " + ALLIES
    )
    accepted = _accepted(text, "____ also described")
    assert {"Secretary General", "NATO Secretary General"} <= set(accepted)
    assert _right(accepted, "the NATO Secretary-General")


def test_a_role_another_person_of_the_reading_holds_is_not_accepted():
    # "Defense Minister" alone fits the Ukrainian one too; the Ukrainian's role, with its country, names one person.
    text = (
        "The conference in Helsinki was opened by Defense Minister Aino Virtanen on 3 May 2023. "
        "Ukrainian Defense Minister Lars Berg spoke after her about the summit in July. "
        + CONSENSUS
        + "Lars Berg also described the air defence that Ukraine needs before the winter. "
        + ALLIES
    )
    accepted = _accepted(text, "heard ____ describe")
    assert accepted == ["Aino Virtanen", "Virtanen"]
    assert not _right(accepted, "the Defense Minister")
    # The other way round: "Ukrainian Defense Minister" is no role of Virtanen's, so it names Berg alone.
    assert _roles(text, "Lars Berg", "Complete this sentence: “____ also described the air defence …”") == ["Ukrainian Defense Minister"]


def test_a_role_the_pack_gives_another_person_of_the_reading_is_not_accepted():
    # The reading names Mark Rutte without a role, but the pack knows him as Secretary General too.
    text = (
        "Secretary General Jens Stoltenberg opened the conference in Helsinki on 3 May 2023. "
        "Stoltenberg also described a broad consensus among allies that Ukraine belongs within the NATO family. "
        "Mark Rutte was not at the conference. " + ALLIES
    )
    accepted = _accepted(text, "____ also described")
    assert {"Jens Stoltenberg", "Stoltenberg"} <= set(accepted)
    assert not {"Secretary General", "NATO Secretary General"} & set(accepted)


def test_a_one_word_office_a_past_role_or_a_plural_is_not_accepted():
    president = "President Aino Virtanen opened the conference in Helsinki on 3 May 2023. " + CONSENSUS + ALLIES
    assert _accepted(president, "heard ____ describe") == ["Aino Virtanen", "Virtanen"]
    former = "The former Finnish Foreign Minister Aino Virtanen opened the conference in Helsinki on 3 May 2023. " + CONSENSUS + ALLIES
    assert _accepted(former, "heard ____ describe") == ["Aino Virtanen", "Virtanen"]
    plural = "Nordic Foreign Ministers Aino Virtanen and Lars Berg opened the conference in Helsinki on 3 May 2023. " + CONSENSUS + ALLIES
    assert not any("Ministers" in a for q in _questions(plural) for a in q.answer.get("accepted", []))


def test_a_question_whose_stem_names_the_role_does_not_accept_it():
    text = "Finnish Foreign Minister Aino Virtanen opened the conference in Helsinki on 3 May 2023. " + CONSENSUS + ALLIES
    questions = _questions(text)
    asked_by_role = [
        q for q in questions if "Finnish Foreign Minister" in q.stem and q.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}
    ]
    # The gap right after the role and "Name the person the reading describes as the Finnish Foreign Minister."
    assert len(asked_by_role) == 2
    for q in asked_by_role:
        assert q.answer["accepted"] == ["Aino Virtanen", "Virtanen"], q.stem
