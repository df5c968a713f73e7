# ruff: noqa: RUF001, RUF003 - the readings use typographic quotes and dashes, so the patterns and comments must too
"""6. Who does what: "According to the reading, which of these builds and operates satellites …?"

From a sentence that opens with a named body the reading spells out or knows ("NRO builds and
operates satellites and ground stations …", "Operation UNIFIER has provided Ukrainian soldiers
with training …") and goes on with what that body does. The options are other bodies of the
same kind that the reading itself shows doing something, written the way the key is written
(an abbreviation among abbreviations); one whose own deeds share words with this one could be
right as well and is left out, and so is every name of the key's sentence, the reading's
subject (a name in most of its sentences) and an umbrella body (a department, a community).

Nothing is asked of a sentence that says what a body *should* do (a modal), what somebody *said*,
or that leaves a pronoun in the deed; and nothing when fewer than three fair options remain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _one_correct
from quizzes.generation.text import Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _MODALS,
    _PLURAL_NOUNS,
    DISCOURSE_OPENERS,
    _clean,
    _content,
    _finish,
    _sentence_draft,
    _sentence_group,
    _subject,
    body_sort,
    fragment_stands_alone,
    reading_acronyms,
    sentence_stands_alone,
)
from quizzes.models import QuestionType

ROLE_KINDS = {"organisation", "programme"}
# An abbreviation opening a sentence ("NRO builds …", "The DNI coordinates …").
_LEADING_ACRONYM = re.compile(r"^(?:The\s+)?(?P<acr>[A-Z][A-Z&]{1,9})\b(?![’'(-])")
# What a body does: a finite verb in the present or past, or a perfect ("has provided"), after an adverb at most.
_DEED = re.compile(
    r"^(?:(?:also|now|historically|currently|still|already|jointly|primarily|mainly|regularly|directly)\s+)?"
    r"(?P<verb>(?:has|have|had)\s+[a-z]+(?:ed|en|t)|is|are|was|were|[a-z]{3,}(?:es|s|ed))\b"
)
# Verbs that report speech or a view, or that only state membership: not a role.
_NOT_A_DEED = re.compile(
    r"^(?:(?:has|have|had)\s+)?(?:said|says|stated|states|noted|notes|told|tells|added|adds|argued|argues|believes|believed|"
    r"warned|warns|claimed|claims|announced|announces|includes|included|comprises|comprised|consists|consisted|is|was|"
    r"remains|remained|seems|seemed|appears|appeared|serves|served|acts|acted|functions|functioned)\b"
)
# A list bullet before the name ("• NGA produces …").
_BULLET = re.compile(r"^[•▪◦*–-]\s*")
# A body that contains the others, or a whole government department: true of nearly any deed of its parts.
_UMBRELLA = re.compile(r"\b(?:Community|Department|Ministry|Government|Administration|Cabinet|Congress|Parliament)\b")
_PRONOUN = re.compile(r"\b(?:it|its|they|their|them|he|his|she|her|this|these|those|such)\b", re.I)
MIN_DEED_WORDS, MAX_DEED_WORDS = 5, 32
# A word in this share of a reading's sentences is its vocabulary, not what sets one deed apart.
COMMON_WORD_SHARE = 0.08


@dataclass(frozen=True)
class Role:
    sentence: Sentence
    name: str  # as the sentence writes it: "NRO", "Operation UNIFIER"
    long: str  # the full name, to tell umbrella bodies apart ("" when the reading gives none)
    kind: str  # "organisation" or "programme"
    deed: str  # "builds and operates satellites and ground stations …"
    usable: bool  # the deed can be shown on its own as a stem (else the body is only an option for others)


def _opening_name(ctx: Context, sentence: Sentence, text: str) -> tuple[str, str, str, int] | None:
    """(name as written, full name, kind, where the rest of ``text`` starts) of the body the sentence opens with."""
    acronyms = reading_acronyms(ctx)
    if (m := _LEADING_ACRONYM.match(text)) and m.group("acr") in acronyms:
        long, kind = acronyms[m.group("acr")]
        if kind in ROLE_KINDS:
            return m.group("acr"), long, kind, m.end()
    mention = _subject(ctx, sentence)
    if mention is None or mention.kind not in ROLE_KINDS:
        return None
    at = text.find(mention.surface)
    if at < 0 or not re.fullmatch(r"(?:The\s+)?", text[:at]):
        return None
    long = next((lf for short, (lf, _) in acronyms.items() if short == mention.surface), mention.value)
    return mention.surface, long, mention.kind, at + len(mention.surface)


def find_roles(ctx: Context) -> list[Role]:
    """Every sentence that opens with a named body and a verb: the deeds to ask about, and the bodies
    the reading shows acting (a definition "DIA serves as …" included) to offer as options."""
    out: list[Role] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"}:
            continue
        text = _BULLET.sub("", DISCOURSE_OPENERS.sub("", _clean(sentence.text)))
        opening = _opening_name(ctx, sentence, text)
        if opening is None:
            continue
        name, long, kind, end = opening
        rest = text[end:].strip()
        if rest[:1] in {"’", "'", ",", "("} or (m := _DEED.match(rest)) is None or m.group("verb") in _PLURAL_NOUNS:
            continue  # "NATO’s support …", "NRO, with …", "IC elements are …": no deed the sentence opens with
        deed = rest
        usable = (
            not _NOT_A_DEED.match(rest)
            and m.group("verb").split()[0].lower() not in _MODALS
            and sentence_stands_alone(ctx, sentence)
            and MIN_DEED_WORDS <= word_count(deed) <= MAX_DEED_WORDS
            and fragment_stands_alone(deed)
            and not _PRONOUN.search(deed)
            and deed.count("(") == deed.count(")")
        )
        out.append(Role(sentence, name, long, kind, deed, usable))
    return out


def reading_vocabulary(ctx: Context) -> set[str]:
    """Content words in ``COMMON_WORD_SHARE`` of the reading's sentences or more: its own vocabulary
    ("intelligence" in a primer on intelligence), which does not set one deed apart from another."""
    counts: dict[str, int] = {}
    for sentence in ctx.facts.sentences:
        for word in _content(sentence.text):
            counts[word] = counts.get(word, 0) + 1
    floor = max(3, COMMON_WORD_SHARE * len(ctx.facts.sentences))
    return {w for w, n in counts.items() if n >= floor}


def _fair_options(ctx: Context, role: Role, roles: list[Role], vocabulary: set[str]) -> list[str]:
    """Other bodies of the reading, of the key's kind and written as the key is, that the reading shows doing
    something else; none named in the key's sentence, none doing something like this deed."""
    key_is_acronym = role.name.isupper()
    words = _content(role.deed) - vocabulary
    doing_alike = {normalise_text(r.name) for r in roles if len(_content(r.deed) & words) >= 2}
    options: list[str] = []
    for other in roles:
        norm = normalise_text(other.name)
        if (
            other.kind != role.kind
            or body_sort(other.name, other.long) != body_sort(role.name, role.long)
            or other.name.isupper() != key_is_acronym
            or norm == normalise_text(role.name)
            or norm in doing_alike
            or norm in ctx.trivial
            or _UMBRELLA.search(other.long or other.name)
            or contains_term(role.sentence.text, other.name)
            or (other.long and contains_term(role.sentence.text, other.long))
        ):
            continue
        options.append(other.name)
    unique = list(dict.fromkeys(options))
    return sorted(unique, key=lambda o: digest(ctx.reading_key, "role", role.name, o))[:3]


def build_role_questions(ctx: Context) -> list[QuestionDraft]:
    roles = find_roles(ctx)
    if not any(r.usable for r in roles):
        return []
    vocabulary = reading_vocabulary(ctx)
    out: list[QuestionDraft] = []
    asked: set[str] = set()
    for role in roles:
        key = normalise_text(role.name)
        if not role.usable or key in ctx.trivial or _UMBRELLA.search(role.long or role.name) or key in asked:
            continue
        others = _fair_options(ctx, role, roles, vocabulary)
        if len(others) < 3 or any(contains_term(role.deed, o) for o in [role.name, *others]):
            continue
        asked.add(key)  # one question per body: two would print each other's key among their options
        draft = _sentence_draft(
            ctx,
            role.sentence,
            QuestionType.SINGLE_CHOICE,
            ("role", role.sentence.start),
            stem=f"According to the reading, which of these {role.deed}?",
            answer={},
            title=f"Role: {role.name}",
        )
        _one_correct(draft, role.name, others)
        notes = [f"what a named {role.kind} does, as the reading says", "options: other bodies of the reading shown doing something else"]
        out.append(
            _finish(
                draft, kind="definition", group=_sentence_group(ctx, role.sentence), quality=0.75, notes=notes, evidence_any=[role.name]
            )
        )
    return out
