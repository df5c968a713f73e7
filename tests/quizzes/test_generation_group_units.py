"""A group's size (``quality.MAX_GROUP``) is the sentences it spans: a question that quotes several sentences, all of
them among those a matching of its group quotes (one of the matching's pairs asked again as a single choice), adds no
sentence to the group, and never takes the matching with it when the group must shed its weakest sentence.

The drafts here are made up: a matching over three pairs (six sentences), single choices asking its pairs, and
questions on other sentences of the reading, all in one builder group, as the scenario builder groups them."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from quizzes.generation.builders import QuestionDraft
from quizzes.generation.quality import MAX_GROUP, _prune, _relations
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType

SECTION = SectionText(0, "Possible outcomes", "body", "en", "", 0)
# A short reading: no minimum bank to refill, so only the group's cap drops anything.
CTX: Any = SimpleNamespace(facts=SimpleNamespace(sections=[]))
SENTENCES = [
    "One option is a border treaty.",
    "This option could calm the fishing fleets.",
    "Another option is a joint patrol.",
    "It would cost the navy two ships.",
    "A third option is arbitration.",
    "It could take a decade.",
]


def _draft(qtype: str, stem: str, passage: list[str], start: int, quality: float, key: str, **extra: Any) -> QuestionDraft:
    draft = QuestionDraft(
        qtype, stem, extra.get("choices"), extra.get("answer", {}), "", "t", 0.5, SECTION, " … ".join(passage), start, start + 50, key
    )
    draft.group, draft.quality = "outcomes", quality
    return draft


def _matching(quality: float = 0.75) -> QuestionDraft:
    names, outcomes = ["A border treaty", "A joint patrol", "Arbitration"], ["Calm fleets", "Cost two ships", "Take a decade"]
    choices = {
        "left": [{"id": f"l{i}", "text": t} for i, t in enumerate(names)],
        "right": [{"id": f"r{i}", "text": t} for i, t in enumerate(outcomes)],
    }
    answer = {"pairs": {f"l{i}": f"r{i}" for i in range(3)}}
    return _draft(
        QuestionType.MATCHING, "Match each option to its consequence.", SENTENCES, 0, quality, "matching", choices=choices, answer=answer
    )


def _pair(index: int, quality: float) -> QuestionDraft:
    """A single choice on the matching's pair ``index``, quoting the two sentences the matching quotes for it (its
    options are left out: the builder group already joins it to the matching)."""
    opener, consequence = SENTENCES[2 * index], SENTENCES[2 * index + 1]
    return _draft(
        QuestionType.SINGLE_CHOICE,
        f"Which option {consequence.split(' ', 1)[1]}",
        [opener, consequence],
        100 * index,
        quality,
        f"pair{index}",
    )


def _elsewhere(n: int, quality: float, sentence: str = "") -> QuestionDraft:
    """A question on a sentence of its own further on."""
    return _draft(
        QuestionType.CLOZE,
        f"Complete the sentence {n}.",
        [sentence or f"Sentence {n} of the reading."],
        1000 + 100 * n,
        quality,
        f"other{n}",
    )


def _kept(drafts: list[QuestionDraft]) -> set[str]:
    alive, _ = _prune(CTX, drafts, set(range(len(drafts))), _relations(drafts))
    return {drafts[i].key for i in alive}


def test_a_pair_of_the_matching_asked_again_adds_no_sentence_to_the_group():
    # The matching, its three pairs asked again (the first starting where the matching does) and three other sentences:
    # four sentences, within the cap; counted by where each question starts they would be six.
    drafts = [_matching(), _pair(0, 0.72), _pair(1, 0.72), _pair(2, 0.72), *(_elsewhere(n, 0.7) for n in range(MAX_GROUP - 1))]
    assert _kept(drafts) == {d.key for d in drafts}


def test_a_weak_pair_asked_again_does_not_take_the_matching_with_it():
    # Five sentences (the matching's and four others): one must go. The weakest question is a pair asked again, but
    # it adds nothing to the count; the weakest of the other sentences goes, and the matching keeps its pairs.
    drafts = [_matching(), _pair(1, 0.6), _pair(2, 0.6), _elsewhere(0, 0.65), *(_elsewhere(n, 0.7) for n in range(1, MAX_GROUP))]
    assert _kept(drafts) == {d.key for d in drafts} - {"other0"}


def test_a_question_on_one_sentence_the_matching_quotes_still_counts_as_its_own_sentence():
    # A cloze on "It would cost the navy two ships" asks a word of that sentence, not the pairing: it is a sentence of
    # the group like any other, and the weakest sentence of the five goes.
    drafts = [_matching(), _elsewhere(0, 0.65, SENTENCES[3]), *(_elsewhere(n, 0.7) for n in range(1, MAX_GROUP))]
    assert _kept(drafts) == {d.key for d in drafts} - {"other0"}
