"""One sentence's question: which type (figure, gap fill, single choice, true/false) suits its
focus mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from quizzes.generation.builders.blanks import guessable_blank, is_household_name
from quizzes.generation.builders.cloze import _cloze, _single
from quizzes.generation.builders.drafts import Context, QuestionDraft, opens_with_unresolved_reference, quote
from quizzes.generation.builders.figures import build_money, build_quantity, build_year_numeric
from quizzes.generation.builders.true_false import _true_false
from quizzes.generation.distractors import is_city, pool_key
from quizzes.generation.extract import is_demonym
from quizzes.generation.facts import FactDraft
from quizzes.generation.review import demerit, names_a_place
from quizzes.generation.text import digest, normalise_text
from quizzes.models import QuestionType
from quizzes.questiontypes import BLANK

# A true statement about a household name must carry more of the reading than the name.
MIN_GUESSABLE_TRUE_WORDS = 12


# A statement about a leader everyone knows says something of the reading's own only when it is long.
MIN_HOUSEHOLD_PERSON_TRUE_WORDS = 20


def build_sentence_question(ctx: Context, fact: FactDraft, avoid_types: frozenset[str] = frozenset()) -> QuestionDraft | None:
    """Cloze, single choice or true/false about the most specific name in a sentence.

    ``avoid_types`` holds the types already used on this sentence, so a second question on it
    asks in another way. The first format a reviewer would accept wins; failing that, the first made
    (which ``quality`` drops with its reason).
    """
    formats = sentence_question_formats(ctx, fact, avoid_types)
    return next((d for d in formats if not demerit(ctx, d)), formats[0] if formats else None)


def sentence_question_formats(ctx: Context, fact: FactDraft, avoid_types: frozenset[str] = frozenset()) -> list[QuestionDraft]:
    """Every format (cloze, single choice, true/false) that asks about ``fact``'s name, best suited first.

    They quote one sentence, so they share its exclusion group: a quiz shows one of them and the bank
    keeps the others as alternatives, as it does for the typed-in and the chosen figure.
    """
    m = fact.mention
    assert m is not None
    sentence = fact.sentence
    if fact.kind == "event":
        return _present(build_year_numeric(ctx, fact))
    rotation = int(digest(ctx.reading_key, sentence.start), 16)
    if fact.kind == "money":
        # Typed in, then chosen among amounts of its size and swapped in a true/false (``build_figure_choice``,
        # ``build_figure_true_false``), as every figure is; those take whole figures only, so a fractional
        # amount ("$4.5 billion") is chosen among amounts here.
        typed = _present(build_money(ctx, fact, 0))
        return typed if re.fullmatch(r"[^\d]*\d[\d,]*(?:\s.*)?", m.surface) else typed + _present(build_money(ctx, fact, 1))
    if fact.kind == "quantity":
        return _present(build_quantity(ctx, fact))
    start, end = m.start, m.end
    if m.kind == "summit":
        # "the Vilnius Summit": the options are cities, so only the city is blanked.
        city_at = m.surface.find(m.value.replace("The ", ""))
        if city_at < 0 or not is_city(m.value):
            return []  # "the Wales Summit": the options are cities, and Wales is not one
        start, end = m.start + city_at, m.start + city_at + len(m.value.replace("The ", ""))
        if m.value.startswith("The ") and re.search(r"\b[Tt]he\s+$", sentence.text[:start]):
            start = sentence.text.rindex("he", 0, start) - 1  # "in The ____" with "The Hague" among the options gives it away
    shown_blank = quote(sentence, [(start, end, BLANK)])
    if opens_with_unresolved_reference(shown_blank):
        return []
    options = ["cloze", "single", "tf"]
    repeats = [(x.start, x.end, BLANK) for x in ctx.facts.mentions.get(sentence.start, []) if x.value == m.value and x.start != m.start]
    if repeats and m.kind == "place" and not guessable_blank(ctx, m, sentence.text):
        # "the efforts by Sweden … allow Sweden's accession": one name in several places is blanked in
        # each, and only options can ask for it (a cloze with three blanks of one answer reads as a riddle).
        shown_all = quote(sentence, [(start, end, BLANK), *repeats])
        return [] if QuestionType.SINGLE_CHOICE in avoid_types else _present(_single(ctx, fact, shown_all))
    if guessable_blank(ctx, m, sentence.text):
        # Anyone who reads the news fills this blank, and swapping a household name makes a statement
        # that general knowledge decides ("Norway is not part of the EU"): at most a true
        # statement long enough to say something of the reading's own.
        if QuestionType.TRUE_FALSE in avoid_types or len(re.findall(r"[A-Za-z0-9]+", sentence.text)) < MIN_GUESSABLE_TRUE_WORDS:
            return []
        if (
            m.kind == "person_role"
            and any(is_household_name(n) for n in (m.value, m.surface, *m.names))
            and len(re.findall(r"[A-Za-z0-9]+", sentence.text)) < MIN_HOUSEHOLD_PERSON_TRUE_WORDS
        ):
            # "Vladimir Putin has been counting on the West to crack" is true for anyone who reads the news.
            return []
        return _present(_true_false(ctx, fact, shown_blank, force_true=True))
    if fact.kind == "term" and pool_key(m).startswith("term:") and m.value[:1].islower():
        # A concept of the domain pack among three others of the pack: a blank on a common word fits
        # several answers, options say which (blind review, issue 13).
        options = ["single", "cloze"]
    elif fact.kind == "term" or (fact.kind == "place" and normalise_text(m.surface) != normalise_text(m.value)):
        # Key terms have no fair distractors; an abbreviated country used as an adjective
        # ("U.S. policies") cannot be swapped for another name and stay grammatical.
        options = ["cloze"]
    if names_a_place(m.value) or is_demonym(m.surface.split()[0]):
        # A blank on a country or a nationality is guessed from the sentence or fits several answers;
        # options of the same continent, or a plausible swap, ask it fairly (see ``review``).
        # It stays as the last resort of a full-length reading's minimum bank.
        rest = [o for o in options if o != "cloze"]
        first = rotation % len(rest) if rest else 0
        options = rest[first:] + rest[:first] + ["cloze"] if rest else options
    else:
        first = rotation % len(options)
        options = options[first:] + options[:first]
    makers: dict[str, tuple[QuestionType, Callable[[Context, FactDraft, str], QuestionDraft | None]]] = {
        "cloze": (QuestionType.CLOZE, _cloze),
        "single": (QuestionType.SINGLE_CHOICE, _single),
        "tf": (QuestionType.TRUE_FALSE, _true_false),
    }
    # A draft a reviewer would turn down (a swap inside a known list) leaves the others standing.
    return [d for kind in options if makers[kind][0] not in avoid_types and (d := makers[kind][1](ctx, fact, shown_blank)) is not None]


def _present(draft: QuestionDraft | None) -> list[QuestionDraft]:
    return [] if draft is None else [draft]
