"""True/false over a sentence: a swapped name makes the false statement, checked against the whole
reading so that no sentence supports it.
"""

from __future__ import annotations

import re

from quizzes.generation.builders.cloze import _CONTENT
from quizzes.generation.builders.drafts import Context, QuestionDraft, _base, _explain, opens_with_unresolved_reference, quote
from quizzes.generation.distractors import pool_key
from quizzes.generation.extract import Mention
from quizzes.generation.facts import FactDraft
from quizzes.generation.standalone import zipf
from quizzes.generation.text import Sentence, contains_term, digest
from quizzes.models import QuestionType

# A true statement this short is a slogan anyone can guess ("We're engaged in a serious competition with China").
MIN_TRUE_STATEMENT_WORDS = 12


_COUNTRIES_WITH_THE = {"United States", "United Kingdom", "Netherlands", "Czech Republic", "Baltic states"}


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(text) if zipf(w.lower()) < 6.0}


def statement_may_be_true(ctx: Context, sentence: Sentence, original: str, swapped: str) -> bool:
    """Whether the reading elsewhere says the swapped statement: another sentence naming ``swapped``
    shares at least half of this sentence's content words (the key's own words left out)."""
    words = _content_words(sentence.text) - _content_words(original)
    if not words:
        return True
    return any(
        other.start != sentence.start
        and contains_term(other.text, swapped)
        and len(words & _content_words(other.text)) >= max(2, len(words) // 2)
        for other in ctx.facts.sentences
    )


def _article_for(word: str) -> str:
    first = word[:1]
    if word[:2].isupper() and len(word) > 1 and word.split()[0].isupper():
        # Acronyms are read letter by letter: "an NSATU", "a NATO-led", "an F-16".
        return "an" if first in "AEFHILMNORSX" else "a"
    return "an" if first.lower() in "aeiou" and not word.lower().startswith(("uni", "use", "eu", "one")) else "a"


def swap_phrase(ctx: Context, fact: FactDraft, candidate: str) -> tuple[int, int, str] | None:
    """The span of the sentence to replace and its replacement, so the false statement stays grammatical:
    the whole role and name of a person, the city of "<City> Summit", the determiner with the name."""
    m = fact.mention
    assert m is not None
    text = fact.sentence.text
    start, end, replacement = m.start, m.end, candidate
    if m.kind == "person_role":
        cand = ctx.pools.names.get(pool_key(m), {}).get(candidate)
        role_span = m.data.get("role_span")
        if role_span and cand is not None and cand.role and cand.surface:
            # The other person's own role and name, as the reading writes them.
            start, replacement = int(role_span[0]), f"{cand.role} {cand.surface}"
        elif role_span or re.search(
            r"\b(?:[A-Z][a-z]+ )?(?:President|Minister|Secretary|Chancellor|General|Commissioner|Director)\W*$", text[:start]
        ):
            return None  # a role written before the name would no longer fit it
    if m.kind == "place" and m.data.get("place") == "city" and re.match(r",\s*[A-Z]", text[end:]):
        return None  # "Geneva, Switzerland": another city before that country would not fit
    if m.kind == "summit":
        city_at = m.surface.find(m.value.replace("The ", ""))
        if city_at < 0:
            return None
        prefix = m.surface[:city_at]
        if m.value.startswith("The ") and prefix.endswith(("The ", "the ")) and not candidate.startswith("The "):
            prefix = prefix[:-4]  # "in The Hague" -> "in Vilnius": the article belongs to the name replaced
        replacement = prefix + candidate.replace("The ", "") + m.surface[city_at + len(m.value.replace("The ", "")) :]
        if text[:start].endswith(("the ", "The ")) or m.surface.startswith(("the ", "The ")):
            pass
        elif not re.match(r"\s+[Ss]ummit", text[end:]) and "ummit" not in m.surface:
            return None
    before = text[:start]
    article = re.search(r"\b(a|an|A|An)\s+$", before)
    if article:
        wanted = _article_for(replacement)
        if article.group(1)[0].isupper():
            wanted = wanted.capitalize()
        return article.start(1), end, f"{wanted} {replacement}"
    the = re.search(r"\b(the|The)\s+$", before)
    if the and replacement.startswith("The "):
        return the.start(1), end, replacement if the.group(1) == "The" else "the" + replacement[3:]
    if the and (m.value.startswith("The ") or m.surface.startswith("The ")) and m.kind == "place":
        return the.start(1), end, replacement  # "in The Hague" -> "in Warsaw": the article is part of the name replaced
    if the and m.kind == "place" and m.data.get("place") == "country" and replacement not in _COUNTRIES_WITH_THE:
        return the.start(1), end, replacement  # "provided by the United States" -> "provided by Slovenia"
    if not the and m.kind == "place" and replacement in _COUNTRIES_WITH_THE and m.value not in _COUNTRIES_WITH_THE:
        replacement = ("The " if start == 0 else "the ") + replacement
    return start, end, replacement


def same_side(ctx: Context, m: Mention, other: str) -> bool:
    """A person is swapped only for one who holds office in the same country, so the false statement
    keeps its roles: never the two sides of one conflict (the victim's leader put in the aggressor's place)."""
    if m.kind != "person_role":
        return True
    mine, theirs = ctx.lexicon.lookup(m.value), ctx.lexicon.lookup(other)
    if mine is None or theirs is None or not mine.country or not theirs.country:
        return mine is None and theirs is None
    return bool(mine.country == theirs.country)


def _true_false(ctx: Context, fact: FactDraft, shown: str, *, force_true: bool = False) -> QuestionDraft | None:
    m = fact.mention
    assert m is not None
    key = digest(ctx.reading_key, "tf", m.start)
    # A statement keyed True is the reading's sentence word for word: reviewers answer it from its
    # familiar ring, not from the reading (17 of 80 in the last blind review). So a name that can be
    # swapped is always asked as a checked false variant; only a household name (``force_true``),
    # which no swap makes surely false, keeps the True form, and only for a long sentence.
    truth = force_true
    swapped = None
    span: tuple[int, int, str] = (m.start, m.end, m.surface)
    if truth and len(re.findall(r"[A-Za-z0-9]+", fact.sentence.text)) < MIN_TRUE_STATEMENT_WORDS:
        return None
    if not truth and len(re.findall(r"(?<![\w-])" + re.escape(m.surface) + r"(?![\w-])", fact.sentence.text)) > 1:
        return None  # the name recurs in the sentence: swapping one occurrence would contradict the other
    if not truth:
        others = ctx.distractors(m, fact.sentence, key=key, count=4)
        for other in others:
            if not same_side(ctx, m, other):
                continue
            candidate_span = swap_phrase(ctx, fact, other)
            if candidate_span is None or statement_may_be_true(ctx, fact.sentence, m.surface, other):
                continue
            written = ctx.pools.names.get(pool_key(m), {}).get(other)
            swapped, span = (
                (written.surface if written and written.surface and written.surface in candidate_span[2] else other),
                candidate_span,
            )
            break
        if swapped is None:
            return None  # no swap that is surely false and still grammatical: better no question
    statement = quote(fact.sentence, [span])
    if opens_with_unresolved_reference(statement):
        return None
    explanation = _explain(fact.sentence) if truth else f"False: the reading names {m.value}, not {swapped}. {_explain(fact.sentence)}"
    return _base(
        ctx,
        fact.sentence,
        QuestionType.TRUE_FALSE,
        ("tf", m.start),
        stem=f"True or false? {ctx.according_to(fact.sentence)}: “{statement}”",
        answer={"correct": truth},
        explanation=explanation,
        topic=fact.topic,
        answer_names=(m.value,),
        fact_key=fact.key,
        title=m.value,
        meta={"quoted": statement, "tf_original": m.surface, "tf_swapped": swapped, "tf_class": pool_key(m)},
    )
