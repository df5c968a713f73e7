# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Per-type question builders: facts in, question drafts out (choices, key, provenance).

Every draft carries its source passage (a sentence, or for questions over several facts the
sentences joined with " … "), the passage's offsets in the reading's cleaned text, a topic,
an estimated difficulty and a stable ``key`` so regeneration can recognise it. Options are
listed in a neutral (alphabetical) order with opaque ids; the attempt shuffles them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quizzes.generation.distractors import Pools, format_amount, money_variants, pick, pool_key
from quizzes.generation.extract import Mention, is_demonym, strip_citations
from quizzes.generation.facts import FactDraft, ReadingFacts, topic_of
from quizzes.generation.lexicon import CATEGORY_RULES, Lexicon, cities, countries
from quizzes.generation.review import demerit, names_a_place
from quizzes.generation.standalone import OWN_ARTICLE, zipf
from quizzes.generation.text import SectionText, Sentence, contains_term, digest, normalise_text, word_count
from quizzes.models import QuestionType
from quizzes.questiontypes import BLANK

UNRESOLVED_OPENERS = {"this", "these", "it", "such", "they", "those", "that", "he", "she", "its", "their", "his", "her", "them", "there"}
# A name in at least this share of a reading's sentences is what the reading is about: asking
# for it tests nothing ("____'s war of aggression" in a text about that war).
TRIVIAL_SHARE = 0.1
# A country in this share of the sentences, well ahead of the next one, is the author's or speaker's own.
OWN_COUNTRY_SHARE = 0.06
TOP_NAMES = 4
# Offices whose holder is general knowledge (who was President, Secretary of State, Secretary
# General that year): a question naming the holder tests the news, not the reading.
_TOP_OFFICE = re.compile(r"(?<!Deputy )(?<!Vice )\b(?:President|Prime Minister|Secretary of State|Chancellor|King|Queen|Pope)\W*$")
# An office with its country or organisation ("Ukrainian Defense Minister", "EU Commissioner"): it says who is meant.
_QUALIFIED_OFFICE = re.compile(
    r"\b(?:[A-Z]{2,}|[A-Z][a-z]+(?:an|ian|ish|ese|ch|i))\s+(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:Minister|Secretary|Commissioner|Director|Ambassador|General|Chair(?:man)?|Leader|Admiral|Advisor|Adviser)"
    r"(?:\s+(?:of|for)\s+[\w-]+(?:\s+(?:and\s+)?[\w-]+){0,4})?\W*$"
)

# "Deputy Prime Minister for European and Euro-Atlantic Integration": the remit says who is meant.
_OFFICE_FOR = re.compile(
    r"\b(?:Minister|Secretary|Commissioner|Director|Ambassador|Advisor|Adviser)\s+(?:of|for)\s+[A-Z][\w-]*(?:\s+(?:and\s+)?[\w-]+){0,4}\W*$"
)


def office_trivia(role_text: str) -> bool:
    """Whether naming the holder of this office is general knowledge or ambiguous: a top office,
    or an office without its country or organisation ("Prime Minister", "the Secretary General")."""
    return bool(_TOP_OFFICE.search(role_text) or not (_QUALIFIED_OFFICE.search(role_text) or _OFFICE_FOR.search(role_text)))


COUNTERPARTS = 2
COUNTERPART_SHARE = 0.04
# A well-known city (Paris, Tokyo) as a blank is geography, not the reading.
WELL_KNOWN_CITY_ZIPF = 3.5
# A true statement this short is a slogan anyone can guess ("We're engaged in a serious competition with China").
MIN_TRUE_STATEMENT_WORDS = 12
# A true statement about a household name must carry more of the reading than the name.
MIN_GUESSABLE_TRUE_WORDS = 12
# A statement about a leader everyone knows says something of the reading's own only when it is long.
MIN_HOUSEHOLD_PERSON_TRUE_WORDS = 20
_OFFICE_BEFORE = re.compile(
    r"\b(?:President|Minister|Secretary(?:\s+of\s+[A-Z]\w+)?|Chancellor|General|Commissioner|Director|Ambassador|Premier|"
    r"Chairman|Chair|Leader|Admiral|Senator|correspondent|spokesman|spokeswoman|spokesperson)\W*$"
)
_FIRST_PLURAL = re.compile(r"\b(?:we|our|us|ours|we[’']re|we[’']ve)\b", re.I)
NAMES_PER_SENTENCE = 3
FOCUS_ORDER = ["system", "person_role", "programme", "organisation", "summit", "money", "quantity", "place", "term", "event"]
NOUNS = {
    "person_role": "person",
    "organisation": "organisation",
    "programme": "programme or agreement",
    "summit": "city",
    "money": "amount",
    "term": "term",
    "event": "year",
}
BASE_DIFFICULTY: dict[str, float] = {
    QuestionType.TRUE_FALSE: 0.25,
    QuestionType.SINGLE_CHOICE: 0.35,
    QuestionType.MULTIPLE_RESPONSE: 0.5,
    QuestionType.MATCHING: 0.5,
    QuestionType.NUMERIC: 0.55,
    QuestionType.CLOZE: 0.6,
    QuestionType.SHORT_ANSWER: 0.6,
    QuestionType.ORDERING: 0.65,
}
_COUNTRIES_WITH_THE = {"United States", "United Kingdom", "Netherlands", "Czech Republic", "Baltic states"}
_CURRENCY_NAMES = {"USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling"}


@dataclass
class QuestionDraft:
    type: str
    stem: str
    choices: Any
    answer: dict[str, Any]
    explanation: str
    topic: str
    difficulty: float
    section: SectionText
    passage: str
    start: int
    end: int
    key: str
    fact_key: str | None = None
    title: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    # Exclusion group: drafts from the same sentence or fact, or whose key is printed in the
    # other's text, share one; a bank approves and a quiz draws only one question per group.
    group: str = ""
    # 0..1, higher is better; the notes say why the draft was kept (shown to reviewers).
    quality: float = 0.0
    quality_notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    reading_key: str
    cleaned_text: str
    facts: ReadingFacts
    pools: Pools
    lexicon: Lexicon
    title: str = ""
    by_sentence: dict[int, list[FactDraft]] = field(default_factory=dict)
    # Normalised names not worth asking about in this reading (see ``trivial_names``).
    trivial: set[str] = field(default_factory=set)
    # Normalised name -> the reading's other spellings of it (acronym and long form).
    forms: dict[str, set[str]] = field(default_factory=dict)
    # The span of years the reading speaks of (its era), for distractors of the same period.
    years: tuple[int, int] | None = None
    # Normalised keys of the reading's questions (from a first pass): a distractor that is another
    # question's key would tie the two into one exclusion group, so options avoid them.
    keys_asked: set[str] = field(default_factory=set)
    _frequencies: dict[str, int] = field(default_factory=dict, repr=False)
    _normalised: str = field(default="", repr=False)
    facts_by_key: dict[str, FactDraft] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        grouped: dict[int, list[FactDraft]] = defaultdict(list)
        for fact in self.facts.facts:
            grouped[fact.sentence.start].append(fact)
        self.by_sentence = dict(grouped)
        self.facts_by_key = {f.key: f for f in self.facts.facts}
        self.trivial = trivial_names(self.facts, self.title)
        for fact in self.facts.facts:
            if fact.kind == "acronym":
                short, long = fact.data["short"], fact.data["long"]
                self.forms.setdefault(normalise_text(short), set()).add(long)
                self.forms.setdefault(normalise_text(long), set()).add(short)
        found = [
            int(f.data["year"])
            for f in self.facts.facts
            if f.kind == "event" and f.data.get("year") and 1900 <= int(f.data["year"]) <= 2100
        ]
        self.years = (min(found), max(found)) if found else None

    def from_the_reading(self, sentence: Sentence) -> str:
        """How a stem names the quoted sentence: plainly, or as what its speaker says (speeches, briefings)."""
        who = self.facts.speaker(sentence)
        return f"this sentence (said by {who} in the reading)" if who else "this sentence from the reading"

    def according_to(self, sentence: Sentence) -> str:
        who = self.facts.speaker(sentence)
        return f"According to the reading, {who} said" if who else "According to the reading"

    @property
    def not_distractors(self) -> set[str]:
        """Names never offered as a wrong option: the trivial ones and the keys of the reading's other questions."""
        return self.trivial | self.keys_asked

    def is_trivial(self, mention: Mention) -> bool:
        return any(normalise_text(n) in self.trivial for n in (mention.value, mention.surface))

    def frequency(self, name: str) -> int:
        """How often ``name`` occurs in the reading as a whole word (memoised: asked for every draft)."""
        found = self._frequencies.get(name)
        if found is None:
            if not self._normalised:
                self._normalised = f" {normalise_text(self.cleaned_text)} "
            needle = normalise_text(name)
            found = self._frequencies[name] = self._normalised.count(f" {needle} ") if needle else 0
        return found


def trivial_names(facts: ReadingFacts, title: str) -> set[str]:
    """Names a question should not ask for, computed from this reading alone.

    1. what the title names (the summit of a summit's fact sheet);
    2. a name in at least ``TRIVIAL_SHARE`` of the sentences (the reading's subject);
    3. the country named most, when it is in ``OWN_COUNTRY_SHARE`` of the sentences and at
       least twice as often as the next: the author's or speaker's own country.
    """
    sentences = max(1, len(facts.sentences))
    texts = {s.start: s.text for s in facts.sentences}
    share: dict[str, set[int]] = defaultdict(set)
    countries_seen: dict[str, set[int]] = defaultdict(set)
    out: set[str] = set()
    for start, found in facts.mentions.items():
        for m in found:
            if m.kind in {"date", "money"}:
                continue
            share[normalise_text(m.value)].add(start)
            if m.kind == "place" and m.data.get("place") == "country":
                countries_seen[m.value].add(start)
    title_norm = normalise_text(title)
    for name, starts in share.items():
        if len(starts) / sentences >= TRIVIAL_SHARE and len(starts) >= 4:
            out.add(name)
        if title_norm and name and f" {name} " in f" {title_norm} ":
            out.add(name)
    # The reading's three most named names are what it is about.
    for name, starts in sorted(share.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_NAMES]:
        if len(starts) >= max(4, 0.03 * sentences):
            out.add(name)
    # The country a speaker says "we" and "our" with ("the United States and our Allies") is their own.
    voiced = {
        country: sum(1 for start in starts if _FIRST_PLURAL.search(texts.get(start, ""))) for country, starts in countries_seen.items()
    }
    by_voice = sorted(voiced.items(), key=lambda kv: -kv[1])
    if by_voice and by_voice[0][1] >= 2 and by_voice[0][1] >= 2 * (by_voice[1][1] if len(by_voice) > 1 else 0):
        out.add(normalise_text(by_voice[0][0]))
    ranked = sorted(countries_seen.items(), key=lambda kv: -len(kv[1]))
    if ranked:
        top = len(ranked[0][1])
        runner_up = len(ranked[1][1]) if len(ranked) > 1 else 0
        if top / sentences >= OWN_COUNTRY_SHARE and top >= 2 * runner_up and top >= 3:
            out.add(normalise_text(ranked[0][0]))
    # The main counterpart: the two countries named most, each in a good share of the reading, are
    # its two sides (the speaker's country and its ally or adversary); a blank on either is a guess.
    for country, starts in ranked[:COUNTERPARTS]:
        if len(starts) >= 3 and len(starts) / sentences >= COUNTERPART_SHARE:
            out.add(normalise_text(country))
    # Every spelling of a trivial name is trivial too.
    for found in facts.mentions.values():
        for m in found:
            if normalise_text(m.value) in out:
                out |= {normalise_text(n) for n in m.names}
    return out


# --- helpers --------------------------------------------------------------------------------------


def choice_list(key: str, texts: list[str]) -> list[dict[str, str]]:
    """Options with opaque ids (a hash of the question key and the text), sorted by text."""
    return [{"id": digest(key, t, length=8), "text": t} for t in sorted(texts, key=lambda t: (normalise_text(t), t))]


def quote(sentence: Sentence, spans: list[tuple[int, int, str]] | None = None) -> str:
    """The sentence as shown in a stem: its leading connective left out, replacements applied, citations dropped, whitespace tidied."""
    text = sentence.text
    marks = []
    spans = list(spans or [])
    # Full names for bare parts of a name, where no blank or swap covers them.
    spans += [n for n in sentence.names if not any(s < n[1] and n[0] < e for s, e, _ in spans)]
    for i, (s, e, replacement) in enumerate(sorted(spans, key=lambda x: x[0], reverse=True)):
        if s < sentence.lead:
            continue
        token = f"\x00{i}\x00"
        text = text[:s] + token + text[e:]
        marks.append((token, replacement))
    text = text[sentence.lead :]
    if sentence.lead and text[:1].islower():
        text = text[0].upper() + text[1:]
    text = " ".join(strip_citations(text).split())
    for token, replacement in marks:
        text = text.replace(token, replacement)
    return text


def opens_with_unresolved_reference(text: str) -> bool:
    first = re.match(r"[\W_]*([A-Za-z]+)", text)
    return bool(first and first.group(1).lower() in UNRESOLVED_OPENERS)


def joined_passage(ctx: Context, sentences: list[Sentence]) -> tuple[str, int, int]:
    unique = sorted({s.start: s for s in sentences}.values(), key=lambda s: s.start)
    return " … ".join(s.text for s in unique), unique[0].start, unique[-1].end


def difficulty(ctx: Context, qtype: str, *, answer_names: tuple[str, ...] = (), passage: str = "") -> float:
    value = BASE_DIFFICULTY[qtype]
    if word_count(passage) > 40:
        value += 0.1
    if answer_names and max((ctx.frequency(n) for n in answer_names if n), default=0) >= 3:
        value -= 0.1
    return round(min(0.95, max(0.05, value)), 2)


def _explain(sentence: Sentence) -> str:
    return f"The reading says: “{quote(sentence)}”"


_PERSON_NAME = re.compile(r"[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.-]*){1,2}")


def _surname(mention: Mention, name: str) -> str:
    """A person's surname alone ("Lloyd-Jones" for "Anna Lloyd-Jones"), which students write
    and instructors accept; only for people (or names found as terms that look like a person's) and
    only when the surname is not an everyday word."""
    if mention.kind not in {"person_role", "person", "term"} or not _PERSON_NAME.fullmatch(name):
        return ""
    if mention.kind == "term" and any(zipf(w.lower()) >= 4.0 for w in name.split()):
        return ""  # "Cold War", "Executive Order": a term made of words, not a person
    last = name.split()[-1]
    if re.fullmatch(r"[A-Z][a-z]+-[a-z]+", last):
        return ""  # "Park Min-soo": a Korean given name last, the family name first
    return last if len(last) >= 4 and zipf(last.lower()) < 4.0 else ""


def _accepted(mention: Mention, ctx: Context | None = None) -> list[str]:
    """The key's accepted answers: its names, the pack's aliases and the reading's own long/short forms."""
    names = [mention.value, mention.surface, *mention.aliases]
    if ctx is not None:
        for n in list(names):
            names += sorted(ctx.forms.get(normalise_text(n), ()))
            # A name the pack knows under another spelling ("New START Treaty" = "New START").
            if (term := ctx.lexicon.lookup(n)) is not None:
                names += [term.term, *term.aliases]
    if mention.kind == "place" and mention.value in countries().values():
        names += [s for s, c in countries().items() if c == mention.value and len(s) > 2]
    names += [surname for n in list(names) if (surname := _surname(mention, n))]
    return [n for n in dict.fromkeys(names) if len(normalise_text(n)) >= 2 and "(" not in n]


def _noun(mention: Mention) -> str:
    if mention.kind == "system":
        return (
            CATEGORY_RULES.get(mention.category, ("", "", "weapons system"))[2] if mention.category in CATEGORY_RULES else "weapons system"
        )
    if mention.kind == "place":
        return str(mention.data.get("place", "country"))
    return NOUNS.get(mention.kind, "term")


def _base(
    ctx: Context,
    sentence: Sentence,
    qtype: str,
    key_parts: tuple[Any, ...],
    *,
    stem: str,
    answer: dict[str, Any],
    topic: str,
    fact_key: str,
    title: str,
    answer_names: tuple[str, ...] = (),
    explanation: str | None = None,
    meta: dict[str, Any] | None = None,
) -> QuestionDraft:
    """A draft about one sentence: the sentence is its passage, its explanation (unless given) and sets its difficulty.

    Choices start empty; choice questions fill them with ``_one_correct`` / ``_all_correct`` once the key exists.
    """
    key = digest(ctx.reading_key, qtype, *key_parts, length=32)
    return QuestionDraft(
        type=qtype,
        stem=stem,
        choices=[],
        answer=answer,
        explanation=_explain(sentence) if explanation is None else explanation,
        topic=topic,
        difficulty=difficulty(ctx, qtype, answer_names=answer_names, passage=sentence.text),
        section=sentence.section,
        passage=sentence.text,
        start=sentence.start,
        end=sentence.end,
        key=key,
        fact_key=fact_key,
        title=title,
        meta={} if meta is None else meta,
    )


def _passage_draft(
    ctx: Context,
    qtype: str,
    facts: list[FactDraft],
    key: str,
    *,
    stem: str,
    choices: Any,
    answer: dict[str, Any],
    explanation: str,
    topic: str,
    title: str,
    meta: dict[str, Any] | None = None,
) -> QuestionDraft:
    """A draft over several facts: their sentences joined make the passage; the first fact anchors it."""
    passage, start, end = joined_passage(ctx, [f.sentence for f in facts])
    return QuestionDraft(
        type=qtype,
        stem=stem,
        choices=choices,
        answer=answer,
        explanation=explanation,
        topic=topic,
        difficulty=difficulty(ctx, qtype, passage=passage),
        section=facts[0].sentence.section,
        passage=passage,
        start=start,
        end=end,
        key=key,
        fact_key=facts[0].key,
        title=title,
        meta={} if meta is None else meta,
    )


def _one_correct(draft: QuestionDraft, correct: str, others: list[str]) -> QuestionDraft:
    """Single choice: the options (ids hashed from the draft's key) and the id of the correct one."""
    draft.choices = choice_list(draft.key, [correct, *others])
    draft.answer = {"correct": next(c["id"] for c in draft.choices if c["text"] == correct)}
    return draft


def _all_correct(draft: QuestionDraft, correct: list[str], others: list[str]) -> QuestionDraft:
    """Multiple response: the options and the sorted ids of every correct one."""
    draft.choices = choice_list(draft.key, [*correct, *others])
    draft.answer = {"correct": sorted(c["id"] for c in draft.choices if c["text"] in correct)}
    return draft


# --- sentence-level questions -------------------------------------------------------------------


_MODIFIER = re.compile(r"\s+(?:administration|government|regime|era|campaign|team|cabinet|doctrine|presidency|-led|-backed)\b")


_AFTER_A_NOUN = {
    "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "of", "is", "are", "was", "were", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "might", "must", "said", "says", "which", "that", "who", "as", "but",
    "after", "before", "since", "during", "under", "over", "into", "about", "than", "remains", "remained", "continues",
    "did", "does", "do", "not", "also", "still", "already", "now", "then", "itself", "alone", "together",
}  # fmt: skip


def _used_as_adjective(after: str) -> bool:
    """ "the BBC's Tokyo correspondent": a place followed by a lower-case noun qualifies it; a blank there reads oddly."""
    m = re.match(r"\s+([a-z][a-z-]*)\b", after)
    if not m:
        return False
    word = m.group(1)
    return word not in _AFTER_A_NOUN and not word.endswith(("ed", "s"))


def _countries_of_people(ctx: Context, sentence: Sentence) -> set[str]:
    """Countries of the people the sentence names, as the domain pack knows them."""
    out = set()
    for m in ctx.facts.mentions.get(sentence.start, []):
        for name in (m.value, m.surface):
            term = ctx.lexicon.lookup(name)
            if term is not None and term.country:
                out.add(term.country)
    for term in ctx.lexicon.terms:
        if term.country and any(contains_term(sentence.text, f"{n} administration") for n in term.names):
            out.add(term.country)
    return out


def _focus(ctx: Context, sentence: Sentence, skip: set[str] = frozenset()) -> FactDraft | None:  # type: ignore[assignment]
    best: tuple[int, int, int] | None = None
    chosen = None
    for fact in ctx.by_sentence.get(sentence.start, []):
        if fact.key in skip or (fact.mention is not None and normalise_text(fact.mention.value) in skip):
            continue
        m = fact.mention
        if m is None or fact.kind not in FOCUS_ORDER or m.source == "acronym" or ctx.is_trivial(m) or is_generic_label(m):
            continue
        if fact.kind == "event" and m.data.get("precision") == "day-no-year":
            continue
        if fact.kind != "event" and inside_parentheses(sentence.text, m.start):
            continue
        if m.kind == "place" and m.value in _countries_of_people(ctx, sentence):
            continue  # "the ____ and the Biden administration": the person named gives the country away
        if m.kind == "term" and m.surface[:1].isupper() and re.search(r"[A-Z][\w-]*['’]s\s+$", sentence.text[: m.start]):
            continue  # "the People's Republic of China": the possessive name before it is part of the name
        if m.kind in {"term", "programme", "organisation"} and (
            re.match(r"\s+and\s+[A-Z]", sentence.text[m.end :]) or re.search(r"[A-Z][\w-]*\s+and\s+$", sentence.text[: m.start])
        ):
            continue  # "the Extended Deterrence Strategy and Consultation Group": half of a longer name
        if (
            m.kind in {"term", "programme", "organisation"}
            and m.surface[:1].isupper()
            and re.match(r"\s+(?:for|of|on)\s+[A-Z]", sentence.text[m.end :])
        ):
            continue  # "the U.S.-ROK Agreement for Cooperation …": half of a longer name
        if m.source == "rare-word" and ctx.frequency(m.value) < 2:
            continue  # a rare word used once is the author's wording, not a term of the reading
        if (
            _MODIFIER.match(sentence.text[m.end :])
            or (m.data.get("place") == "city" and re.match(r"['’]s\b", sentence.text[m.end :]))
            or (m.kind == "place" and _used_as_adjective(sentence.text[m.end :]))
        ):
            continue  # "Tehran's nuclear development" means Iran's: a capital standing for its country has two answers  # "the Erdoğan administration": the name qualifies a noun, a swap or blank reads oddly
        # A blank the news fills is asked last: another name of the sentence makes the better cloze.
        rank = (int(guessable_blank(ctx, m, sentence.text)), FOCUS_ORDER.index(fact.kind), m.start)
        if best is None or rank < best:
            best, chosen = rank, fact
    return chosen


# Zipf frequency above which a proper name is a household name (Russia, China, Putin, the EU).
HOUSEHOLD_NAME_ZIPF = 4.0
# A household name in this share of the reading's sentences is what the reading is about.
HOUSEHOLD_SHARE = 0.1
# A sentence this short around a household name is general knowledge, not the reading's fact.
SHORT_SENTENCE_WORDS = 12


def is_household_name(name: str) -> bool:
    return zipf(name.lower()) >= HOUSEHOLD_NAME_ZIPF


_NAME = r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+)?[A-Z][\w.'’-]*)*"
# "with Indo-Pacific partners and the ____": the name is coordinated with a named group of others.
_NAMED_GROUP = r"[A-Z][\w.'’-]*\s+[a-z]+s"
_LIST_BEFORE = re.compile(
    rf"(?:{_NAME}\s*,\s*(?:and\s+|or\s+)|(?:{_NAME}|{_NAMED_GROUP})\s+(?:and|or)\s+|{_NAME}\s*,\s*{_NAME}\s*,\s*)(?:the\s+)?$"
)
_LIST_AFTER = re.compile(rf"^(?:\s*,?\s*(?:and|or)\s+{_NAME}|\s*,\s*{_NAME}\s*,)")


def in_enumeration(text: str, start: int, end: int) -> bool:
    """Whether a name is one item of a list of names ("with ____, India, Japan, and the United States"):
    there the reading's own membership is asked, not the obvious actor of the sentence."""
    return bool(_LIST_BEFORE.search(text[:start]) or _LIST_AFTER.match(text[end:]))


# Words of a conflict's telling: with them a household name is the obvious aggressor or victim.
_CONFLICT_WORDS = re.compile(
    r"\b(?:brutal\w*|aggress\w*|assault\w*|invad\w*|invasion\w*|atrocit\w*|war|wars|attack\w*|occup\w*|destabiliz\w*|"
    r"destabilis\w*|crimes?|craven|annex\w*|threat\w*|adversar\w*|sanction\w*)\b",
    re.I,
)


# A sentence that passes judgement ("Unfortunately, ____ has shown …", "____ still wrongly believes"):
# the name it judges is the one everyone expects.
_JUDGEMENT = re.compile(r"\b(?:wrongly|unfortunately|refus\w*|blame\w*|condemn\w*|accus\w*|deplor\w*)\b", re.I)


def guessable_blank(ctx: Context, m: Mention, text: str) -> bool:
    """A blank filled from general knowledge rather than the reading:

    - a household name (Russia, Putin, the EU) that is not one item of a list of names and is either
      one the reading keeps naming, or the actor of a conflict's telling or of a judgement ("Russia's
      brutal assault against ____", "Unfortunately, ____ has refused every offer of talks");
      a household name the reading names now and then, plainly, is its fact;
    - a person named right after an office everyone knows the holder of, or one without its
      country or organisation ("Secretary of State ____", "Prime Minister ____", "correspondent, ____");
    - a well-known city ("a think tank in ____" → Tokyo).
    """
    if (
        m.kind in {"place", "person_role", "organisation"}
        and any(is_household_name(n) for n in (m.value, m.surface, *m.names))
        and not in_enumeration(text, m.start, m.end)
        and (
            ctx.frequency(m.value) >= HOUSEHOLD_SHARE * max(1, len(ctx.facts.sentences))
            or _CONFLICT_WORDS.search(text)
            or _JUDGEMENT.search(text)
            # A short sentence gives nothing of the reading's own to go on ("The United States is not part of the ____").
            or word_count(text) <= SHORT_SENTENCE_WORDS
            # A leader everyone knows is the expected actor of any sentence about their country's policy.
            or m.kind == "person_role"
        )
    ):
        return True
    before = text[: m.start]
    named = m.kind in {"person_role", "person"} or (m.kind == "term" and re.fullmatch(r"(?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+", m.surface))
    if named and _OFFICE_BEFORE.search(before) and office_trivia(before):
        return True
    if m.kind == "place" and m.data.get("place") == "country":
        city = re.search(r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?),\s*$", before)
        if city and city.group(1) in cities():
            return True  # "Vienna, ____": the city names its country
    return m.kind == "place" and m.data.get("place") == "city" and zipf(m.value.lower()) >= WELL_KNOWN_CITY_ZIPF


def is_generic_label(m: Mention) -> bool:
    """A rule-found name made only of everyday words ("Flagship Projects", "Summit Allies"): asking
    for it tests the wording, not a fact. Lexicon terms, acronym long forms, people and places pass."""
    if m.source in {"lexicon", "acronym", "person", "money", "date", "place", "summit", "quantity", "rare-word"} or m.kind in {
        "person_role",
        "place",
        "money",
        "date",
    }:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", m.surface) if w.lower() not in {"of", "the", "and", "for"}]
    if m.kind == "term" and len(m.surface.split()) >= 4:
        return True  # a long capitalised run is a title ("Quantum Computing While Mitigating Risks"), not a term
    if not words or any(c.isdigit() for c in m.surface) or any(w.isupper() and len(w) > 1 for w in words):
        return False
    if len(words) >= 2 and any(w in cities() or w in countries() for w in words):
        return False  # a place in the name ("Berlin Wall") makes it a proper name, not a label of everyday words
    return all(zipf(w.lower()) >= 3.3 for w in words)


def inside_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` falls inside a parenthesis (a document's title, a gloss): blanks there cut a title in two."""
    return text.rfind("(", 0, start) > text.rfind(")", 0, start)


def _year_span(m: Mention) -> tuple[int, int] | None:
    year = m.data.get("year")
    if not year:
        return None
    idx = m.surface.rfind(str(year))
    return (m.start + idx, m.start + idx + 4) if idx >= 0 else None


# Years a student answers without the reading: the year of speaking as a subject ("____ is the ninth
# consecutive year"), and the date of a named war or crisis ("the end of the Korean War in ____").
_YEAR_NOT_FROM_THE_READING = re.compile(
    r"^\W*(?:As\s+)?____\s+(?:is|will be|marks|progresses|unfolds|begins|continues|draws)\b|\b(?:[A-Z][\w-]+\s+)+(?:War|Revolution|Crisis|Wars)\s+(?:in|of)\s+____"
)


def build_year_numeric(ctx: Context, fact: FactDraft) -> QuestionDraft | None:
    m = fact.mention
    assert m is not None
    span = _year_span(m)
    if span is None:
        return None
    sentence = fact.sentence
    shown = quote(sentence, [(span[0], span[1], BLANK)])
    if opens_with_unresolved_reference(shown) or str(m.data["year"]) in shown:
        return None
    if _YEAR_NOT_FROM_THE_READING.search(shown):
        return None
    stem = f"Which year is missing from {ctx.from_the_reading(sentence)}? “{shown}”"
    return _base(
        ctx,
        sentence,
        QuestionType.NUMERIC,
        ("year", span[0]),
        stem=stem,
        answer={"value": m.data["year"], "tolerance": 0, "unit": "year"},
        topic=fact.topic,
        fact_key=fact.key,
        title=f"Year: {m.data['year']}",
        meta={"evidence": [str(m.data["year"])], "quoted": shown},
    )


def build_money(ctx: Context, fact: FactDraft, variant: int) -> QuestionDraft | None:
    m = fact.mention
    assert m is not None
    sentence = fact.sentence
    amount, currency, scale = m.data["amount"], m.data["currency"], m.data["scale"]
    number_match = re.search(r"\d[\d,]*(?:\.\d+)?", m.surface)
    if number_match is None:
        return None
    if re.search(r"\b(?:the number of|the figure of|a figure of)\s+$", sentence.text[: m.start]):
        return None  # "If you take the number of $1 trillion, as many say, …": a premise, not the reading's figure
    if variant == 0:
        shown = quote(sentence, [(m.start, m.end, BLANK)])
        unit = f"{scale} {currency}".strip()
        stem = f"What amount, in {(scale + ' ') if scale else ''}{_CURRENCY_NAMES.get(currency, currency)}, is missing from {ctx.from_the_reading(sentence)}? “{shown}”"
        approximate = bool(m.data.get("qualifier"))
        return _base(
            ctx,
            sentence,
            QuestionType.NUMERIC,
            ("money", m.start),
            stem=stem,
            answer={"value": amount, "tolerance": round(amount * 0.05, 3) if approximate else 0, "unit": unit},
            topic=fact.topic,
            fact_key=fact.key,
            title=f"Amount: {m.surface}",
            meta={"evidence": [number_match.group(0)], "quoted": shown},
        )
    key = digest(ctx.reading_key, "money-choice", m.start)
    others = [format_amount(v, like=m.surface) for v in money_variants(amount=amount, key=key, count=3)]
    if len(others) < 3:
        return None
    shown = quote(sentence, [(m.start, m.end, BLANK)])
    draft = _base(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("money-choice", m.start),
        stem=f"Which amount completes {ctx.from_the_reading(sentence)}? “{shown}”",
        answer={},
        topic=fact.topic,
        fact_key=fact.key,
        title=f"Amount: {m.surface}",
        meta={"quoted": shown},
    )
    return _one_correct(draft, m.surface, others)


def build_quantity(ctx: Context, fact: FactDraft) -> QuestionDraft | None:
    """A counted thing or a percentage: "What number is missing …? “… as many as ____ nuclear warheads …”"."""
    m = fact.mention
    assert m is not None
    sentence = fact.sentence
    # A transcript's correction in brackets ("Ninety — [98] percent"): the blank stands without them.
    shown = quote(sentence, [(m.start, m.end, BLANK)]).replace(f"[{BLANK}]", BLANK)
    if m.surface in shown:
        return None  # the same number again in the sentence would give it away
    amount = float(m.data["amount"])
    approximate = bool(m.data.get("qualifier"))
    unit = str(m.data.get("unit", ""))
    what = "percentage" if unit in {"percent", "per cent", "%"} else "number"
    # A rank is answered as a plain number (the numeric answer reads "32", not "32nd").
    hint = " Answer with a number (5 for fifth)." if m.data.get("ordinal") else ""
    return _base(
        ctx,
        sentence,
        QuestionType.NUMERIC,
        ("quantity", m.start),
        stem=f"What {what} is missing from {ctx.from_the_reading(sentence)}? “{shown}”{hint}",
        answer={
            "value": int(amount) if amount == int(amount) else amount,
            "tolerance": round(amount * 0.05, 3) if approximate else 0,
            "unit": unit,
        },
        topic=fact.topic,
        fact_key=fact.key,
        title=f"Figure: {m.surface} {unit}",
        meta={"evidence": [m.surface], "quoted": shown},
    )


def build_sentence_question(ctx: Context, fact: FactDraft, avoid_types: frozenset[str] = frozenset()) -> QuestionDraft | None:
    """Cloze, single choice or true/false about the most specific name in a sentence.

    ``avoid_types`` holds the types already used on this sentence, so a second question on it
    asks in another way.
    """
    m = fact.mention
    assert m is not None
    sentence = fact.sentence
    if fact.kind == "event":
        return build_year_numeric(ctx, fact)
    rotation = int(digest(ctx.reading_key, sentence.start), 16)
    if fact.kind == "money":
        return build_money(ctx, fact, rotation % 2)
    if fact.kind == "quantity":
        return build_quantity(ctx, fact)
    start, end = m.start, m.end
    if m.kind == "summit":
        # "the Vilnius Summit": the options are cities, so only the city is blanked.
        city_at = m.surface.find(m.value.replace("The ", ""))
        if city_at < 0:
            return None
        start, end = m.start + city_at, m.start + city_at + len(m.value.replace("The ", ""))
    shown_blank = quote(sentence, [(start, end, BLANK)])
    if opens_with_unresolved_reference(shown_blank):
        return None
    options = ["cloze", "single", "tf"]
    repeats = [(x.start, x.end, BLANK) for x in ctx.facts.mentions.get(sentence.start, []) if x.value == m.value and x.start != m.start]
    if repeats and m.kind == "place" and not guessable_blank(ctx, m, sentence.text):
        # "the efforts by Sweden … allow Sweden's accession": one name in several places is blanked in
        # each, and only options can ask for it (a cloze with three blanks of one answer reads as a riddle).
        shown_all = quote(sentence, [(start, end, BLANK), *repeats])
        return None if QuestionType.SINGLE_CHOICE in avoid_types else _single(ctx, fact, shown_all)
    if guessable_blank(ctx, m, sentence.text):
        # Anyone who reads the news fills this blank, and swapping a household name makes a statement
        # that general knowledge decides ("Norway is not part of the EU"): at most a true
        # statement long enough to say something of the reading's own.
        if QuestionType.TRUE_FALSE in avoid_types or len(re.findall(r"[A-Za-z0-9]+", sentence.text)) < MIN_GUESSABLE_TRUE_WORDS:
            return None
        if (
            m.kind == "person_role"
            and any(is_household_name(n) for n in (m.value, m.surface, *m.names))
            and len(re.findall(r"[A-Za-z0-9]+", sentence.text)) < MIN_HOUSEHOLD_PERSON_TRUE_WORDS
        ):
            # "Vladimir Putin has been counting on the West to crack" is true for anyone who reads the news.
            return None
        return _true_false(ctx, fact, shown_blank, force_true=True)
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
    fallback: QuestionDraft | None = None
    for kind in options:
        qtype, maker = makers[kind]
        if qtype in avoid_types:
            continue
        draft = maker(ctx, fact, shown_blank)
        # A draft a reviewer would turn down (a swap inside a known list) gives way to another type.
        if draft is not None and not demerit(ctx, draft):
            return draft
        fallback = fallback or draft
    return fallback


def stem_hints_key(key: str, shown: str) -> bool:
    """Whether the rest of the sentence repeats an uncommon word of the key ("… the ____ as the
    backbone of the chemical weapons ban" for the Chemical Weapons Convention)."""
    rest = {w.lower() for w in _CONTENT.findall(shown.replace(BLANK, " "))}
    return any(w.lower() in rest and zipf(w.lower()) < 4.0 for w in _CONTENT.findall(key))


# What students leave out of a name and instructors accept: the owning organisation before it ("NATO
# Force Model" -> "Force Model") and a generic last word after an acronym ("New START Treaty" -> "New START").
_OWNER_PREFIX = re.compile(r"^(?:NATO|EU|UN|U\.S\.|US|UK)\s+(?P<rest>[A-Z][\w-]*(?:\s+[\w-]+)+)$")
_GENERIC_SUFFIX = re.compile(r"^(?P<rest>.*\b[A-Z]{3,}\b.*?)\s+(?:Treaty|Agreement|Programme|Program|Initiative|Act)$")


def shorter_forms(name: str) -> list[str]:
    """Shorter names a student may fairly write for ``name`` (see ``_OWNER_PREFIX``, ``_GENERIC_SUFFIX``)."""
    return [m.group("rest") for pattern in (_OWNER_PREFIX, _GENERIC_SUFFIX) if (m := pattern.match(name))]


def _cloze(ctx: Context, fact: FactDraft, shown: str) -> QuestionDraft | None:
    m = fact.mention
    assert m is not None
    accepted = _accepted(m, ctx)
    accepted += [short for name in accepted for short in shorter_forms(name) if short not in accepted]
    if not accepted or any(contains_term(shown.replace(BLANK, " "), a) for a in accepted) or stem_hints_key(m.value, shown):
        return None
    return _base(
        ctx,
        fact.sentence,
        QuestionType.CLOZE,
        ("cloze", m.start),
        stem=f"Complete {ctx.from_the_reading(fact.sentence)} with the missing name or term: “{shown}”",
        answer={"accepted": accepted},
        topic=fact.topic,
        answer_names=tuple(accepted),
        fact_key=fact.key,
        title=m.value,
        meta={"quoted": shown},
    )


def _single(ctx: Context, fact: FactDraft, shown: str) -> QuestionDraft | None:
    m = fact.mention
    assert m is not None
    key = digest(ctx.reading_key, "single", m.start)
    others = pick(
        pools=ctx.pools,
        mention=m,
        sentence=fact.sentence.text,
        key=key,
        count=3,
        lexicon=ctx.lexicon,
        years=ctx.years,
        exclude=ctx.not_distractors,
    )
    if len(others) < 3 or stem_hints_key(m.value, shown):
        return None
    draft = _base(
        ctx,
        fact.sentence,
        QuestionType.SINGLE_CHOICE,
        ("single", m.start),
        stem=f"Which {_noun(m)} completes {ctx.from_the_reading(fact.sentence)}? “{shown}”",
        answer={},
        topic=fact.topic,
        answer_names=(m.value,),
        fact_key=fact.key,
        title=m.value,
        meta={"quoted": shown, "evidence_any": list(m.names)},
    )
    return _one_correct(draft, _as_written(m, fact.sentence.text), others)


def _as_written(m: Mention, sentence: str) -> str:
    """The canonical name, unless the reading spells it otherwise ("Rustem Umyerov"): then its spelling."""
    spelled_otherwise = m.kind == "person_role" and len(m.surface.split()) >= 2 and not contains_term(sentence, m.value)
    return m.surface if spelled_otherwise else m.value


_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")


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
        others = pick(
            pools=ctx.pools,
            mention=m,
            sentence=fact.sentence.text,
            key=key,
            count=4,
            lexicon=ctx.lexicon,
            years=ctx.years,
            exclude=ctx.not_distractors,
        )
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


# --- lists: multiple response --------------------------------------------------------------------

_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?)$")


def sentence_lists(ctx: Context, sentence: Sentence) -> list[list[FactDraft]]:
    facts = sorted(
        (
            f
            for f in ctx.by_sentence.get(sentence.start, [])
            if f.mention is not None and f.kind in {"system", "place", "organisation", "person_role", "summit"}
        ),
        key=lambda f: f.mention.start if f.mention else 0,
    )
    lists: list[list[FactDraft]] = []
    current: list[FactDraft] = []
    for fact in facts:
        m = fact.mention
        assert m is not None
        if current:
            prev = current[-1].mention
            assert prev is not None
            same = prev.kind == m.kind and prev.data.get("place") == m.data.get("place")
            if same and _LIST_GLUE.match(sentence.text[prev.end : m.start]):
                current.append(fact)
                continue
            if len(current) >= 2:
                lists.append(current)
        current = [fact]
    if len(current) >= 2:
        lists.append(current)
    return lists


def build_list_question(ctx: Context, items: list[FactDraft]) -> QuestionDraft | None:
    sentence = items[0].sentence
    first, last = items[0].mention, items[-1].mention
    assert first is not None and last is not None
    # The option shows the name as the sentence writes it ("IMF") when the canonical form is not there.
    names = [
        f.mention.value if contains_term(sentence.text, f.mention.value) else f.mention.surface for f in items if f.mention is not None
    ]
    if len({normalise_text(n) for n in names}) != len(names) or any(ctx.is_trivial(f.mention) for f in items if f.mention is not None):
        return None
    shown = quote(sentence, [(first.start, last.end, BLANK)])
    if opens_with_unresolved_reference(shown):
        return None
    key = digest(ctx.reading_key, "list", first.start)
    others = pick(
        pools=ctx.pools,
        mention=first,
        sentence=sentence.text,
        key=key,
        count=max(2, 5 - len(names)),
        avoid=names,
        lexicon=ctx.lexicon,
        years=ctx.years,
        exclude=ctx.not_distractors,
    )
    if len(others) < 2:
        return None
    noun = _noun(first)
    plural = {"person": "people", "city": "cities", "country": "countries", "weapons system": "weapons systems"}.get(noun, noun + "s")
    draft = _base(
        ctx,
        sentence,
        QuestionType.MULTIPLE_RESPONSE,
        ("list", first.start),
        stem=f"Which {plural} belong in the blank of {ctx.from_the_reading(sentence)}? Select all that apply. “{shown}”",
        answer={},
        topic=items[0].topic,
        fact_key=items[0].key,
        title=", ".join(names),
        meta={"quoted": shown},
    )
    return _all_correct(draft, names, others)


# --- questions over several facts ------------------------------------------------------------------


def _unique(facts: list[FactDraft], kind: str, value: Callable[[FactDraft], str] = lambda f: f.value) -> list[FactDraft]:
    seen: dict[str, FactDraft] = {}
    for fact in facts:
        if fact.kind == kind:
            seen.setdefault(normalise_text(value(fact)), fact)
    return list(seen.values())


# Zipf frequency above which an abbreviation is met in general text (CIA, NPT, DNI, NRO, NDAA): asking
# what it stands for tests what a student of the field already knows, not the reading. Blind reviews
# (issue 13) turned down 11 of 15 such questions on abbreviations at 2.1 or more as trivial; the rarer
# ones (NCG 1.8, HIMARS 1.1) they kept.
WELL_KNOWN_ACRONYM_ZIPF = 2.0
_STATE_NAME = re.compile(r"\b(?:Republic|Kingdom|Federation|Union|States|Emirates)\b")


def well_known_acronym(ctx: Context, short: str, long: str) -> bool:
    """An abbreviation any newspaper reader expands: frequent as a word, a country's formal name
    (ROK, DPRK), or a long form made only of everyday words (EO = Executive Order)."""
    if zipf(short.lower()) >= WELL_KNOWN_ACRONYM_ZIPF or _STATE_NAME.search(long):
        return True
    if any(c.isdigit() for c in short) or "/" in short:
        return False
    words = [w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in {"of", "the", "and", "for", "on", "in"}]
    return len(words) <= 2 and all(zipf(w.lower()) >= 4.3 for w in words)


# An expansion this long, or holding a list ("Intelligence, Surveillance and Reconnaissance"), is a name
# nobody needs to recall; a numbered one ("PDD-61", "Presidential Decision Directive-61") spells itself.
LONGEST_EXPANSION_WORDS = 5


def long_or_numbered_acronym(short: str, long: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z]+", long) if w.lower() not in {"of", "the", "and", "for", "on", "in"}]
    return any(c.isdigit() for c in short) or "," in long or len(words) > LONGEST_EXPANSION_WORDS


def build_acronym_questions(ctx: Context) -> list[QuestionDraft]:
    out = []
    acronyms = [
        f
        for f in _unique(ctx.facts.facts, "acronym")
        if not well_known_acronym(ctx, f.data["short"], f.data["long"]) and not long_or_numbered_acronym(f.data["short"], f.data["long"])
    ]
    for fact in acronyms:
        short, long = fact.data["short"], fact.data["long"]
        accepted = [long]
        if long.endswith("s"):
            accepted.append(long[:-1])
        term = ctx.lexicon.lookup(short)
        if term and normalise_text(term.term) != normalise_text(short):
            accepted.append(term.term)
        accepted += [a for a in (term.aliases if term else ()) if len(a) > len(short) + 3]
        out.append(
            _base(
                ctx,
                fact.sentence,
                QuestionType.SHORT_ANSWER,
                ("acronym", short),
                stem=f"What does the abbreviation {short} stand for, as spelled out in the reading?",
                answer={"accepted": list(dict.fromkeys(accepted))},
                topic=fact.topic,
                fact_key=fact.key,
                title=short,
                meta={"acronym": short},
            )
        )
    if len(acronyms) >= 3:
        chosen = sorted(acronyms, key=lambda f: digest(ctx.reading_key, "acr-match", f.value))[:5]
        out.append(
            _matching(
                ctx,
                "acronyms",
                chosen,
                [(f.data["short"], f.data["long"]) for f in chosen],
                "Match each abbreviation used in the reading to its full name.",
                "organisations",
            )
        )
    return out


def _matching(ctx: Context, name: str, facts: list[FactDraft], pairs: list[tuple[str, str]], stem: str, topic: str) -> QuestionDraft:
    key = digest(ctx.reading_key, "matching", name, length=32)
    left = choice_list(key + "L", [a for a, _ in pairs])
    right = choice_list(key + "R", list(dict.fromkeys(b for _, b in pairs)))
    lid = {c["text"]: c["id"] for c in left}
    rid = {c["text"]: c["id"] for c in right}
    return _passage_draft(
        ctx,
        QuestionType.MATCHING,
        facts,
        key,
        stem=stem,
        choices={"left": left, "right": right},
        answer={"pairs": {lid[a]: rid[b] for a, b in pairs}},
        explanation="The reading says: "
        + " … ".join(f"“{quote(s)}”" for s in sorted({f.sentence.start: f.sentence for f in facts}.values(), key=lambda s: s.start)),
        topic=topic,
        title=stem,
        meta={"evidence": [t for pair in pairs for t in pair]},
    )


def qualified_role(ctx: Context, m: Mention, role: str) -> str:
    """The role with its organisation or country when the reading leaves them out ("the Secretary
    General") and the pack's entry for the person says them ("NATO Secretary General")."""
    term = ctx.lexicon.lookup(m.value)
    description = term.description.strip() if term else ""
    if description and len(description) <= 60 and description.lower().endswith(role.lower()) and len(description) > len(role):
        return description
    return role


def build_person_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    persons = [
        f
        for f in _unique(ctx.facts.facts, "person_role")
        if (f.mention and f.mention.data.get("role") and f.mention.source != "lexicon") or (f.mention and f.mention.data.get("role_span"))
    ]
    persons = [f for f in persons if f.mention is not None and f.mention.data.get("role_span")]
    for fact in persons:
        m = fact.mention
        assert m is not None
        role = qualified_role(ctx, m, str(m.data["role"]))
        if office_trivia(role):
            continue
        # "the President" alone does not say who is meant; "the Ukrainian President" does.
        if contains_term(role, m.value) or len(role.split()) < 2:
            continue
        key = digest(ctx.reading_key, "person", m.value)
        others = pick(
            pools=ctx.pools,
            mention=m,
            sentence=fact.sentence.text,
            key=key,
            count=3,
            lexicon=ctx.lexicon,
            years=ctx.years,
            exclude=ctx.not_distractors,
        )
        if int(key, 16) % 2 == 0 and len(others) == 3:
            draft = _base(
                ctx,
                fact.sentence,
                QuestionType.SINGLE_CHOICE,
                ("person", m.value),
                stem=f"Who does the reading describe as the {role}?",
                answer={},
                topic="people-and-roles",
                answer_names=(m.value,),
                fact_key=fact.key,
                title=m.value,
                meta={"evidence_any": list(m.names)},
            )
            draft = _one_correct(draft, _as_written(m, fact.sentence.text), others)
        else:
            accepted = [n for n in dict.fromkeys((m.value, m.surface, *m.aliases)) if len(n) > 2]
            draft = _base(
                ctx,
                fact.sentence,
                QuestionType.SHORT_ANSWER,
                ("person", m.value),
                stem=f"Name the person the reading describes as the {role}.",
                answer={"accepted": accepted},
                topic="people-and-roles",
                answer_names=(m.value,),
                fact_key=fact.key,
                title=m.value,
            )
        out.append(draft)
    # Only roles that say who is meant ("Prime Minister", not "Minister") pair a person unambiguously.
    distinct_roles = list(
        {
            normalise_text(f.mention.data["role"]): f
            for f in persons
            if f.mention is not None and len(str(f.mention.data["role"]).split()) >= 2
        }.values()
    )
    if len(distinct_roles) >= 3:
        chosen = sorted(distinct_roles, key=lambda f: digest(ctx.reading_key, "person-match", f.value))[:5]
        # Names as the reading writes them ("Rustem Umyerov"), so the passage answers the question.
        pairs = [(f.mention.surface, f.mention.data["role"]) for f in chosen if f.mention is not None]
        out.append(_matching(ctx, "persons", chosen, pairs, "Match each person to the role the reading gives them.", "people-and-roles"))
    return out


def build_system_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    systems = _unique(ctx.facts.facts, "system")
    described = list({normalise_text(str(f.data.get("descriptor"))): f for f in systems if f.data.get("descriptor")}.values())
    if len(described) >= 3:
        chosen = sorted(described, key=lambda f: digest(ctx.reading_key, "system-match", f.value))[:5]
        pairs = [(f.value, str(f.data["descriptor"])) for f in chosen]
        out.append(
            _matching(ctx, "systems", chosen, pairs, "Match each weapons system to the way the reading describes it.", "weapons-systems")
        )
    if len(systems) >= 2:
        chosen = sorted(systems, key=lambda f: digest(ctx.reading_key, "system-multi", f.value))[:4]
        names = [f.value for f in chosen]
        absent = [
            t.term
            for t in ctx.lexicon.terms
            if t.kind == "system"
            and not any(contains_term(ctx.cleaned_text, n) for n in t.names)
            and normalise_text(t.term) not in {normalise_text(n) for n in names}
        ]
        absent = sorted(absent, key=lambda t: digest(ctx.reading_key, "system-multi", t))[:3]
        if len(absent) >= 2:
            draft = _passage_draft(
                ctx,
                QuestionType.MULTIPLE_RESPONSE,
                chosen,
                digest(ctx.reading_key, "system-multi", length=32),
                stem="Which of these weapons systems does the reading name? Select all that apply.",
                choices=[],
                answer={},
                explanation="The reading names " + ", ".join(sorted(names)) + "; the others do not appear in it.",
                topic="weapons-systems",
                title="Systems named in the reading",
            )
            out.append(_all_correct(draft, names, absent))
    return out


def build_programme_questions(ctx: Context) -> list[QuestionDraft]:
    out = []
    for fact in _unique(ctx.facts.facts, "programme"):
        m = fact.mention
        leader = m.data.get("leader") if m else None
        if not m or not leader:
            continue
        accepted = [leader, *[s for s, c in countries().items() if c == countries().get(leader) and len(s) > 2]]
        out.append(
            _base(
                ctx,
                fact.sentence,
                QuestionType.SHORT_ANSWER,
                ("leader", m.value),
                stem=f"According to the reading, which country leads {m.value}?",
                answer={"accepted": list(dict.fromkeys(accepted))},
                topic="aid-and-finance",
                fact_key=fact.key,
                title=m.value,
            )
        )
    return out


# --- chronology --------------------------------------------------------------------------------------

_LABEL_STOP = {
    "with",
    "by",
    "since",
    "and",
    "that",
    "which",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "been",
    "when",
    "after",
    "before",
    "from",
    "during",
    "into",
    "as",
    "while",
    "until",
    "for",
}


_EVENT_NOUN = re.compile(
    r"(?:tion|sion|ment|ure|al)s?\W*$|^(?:war|attack|attacks|summit|crisis|collapse|coup|strike|deal|invasion|election|treaty|accord|ceasefire|revolution|uprising|disaster|talks)\W*$",
    re.I,
)


def event_label(sentence: Sentence, m: Mention) -> str | None:
    """A short label for a dated event, or None when the sentence does not date an event.

    1. "<noun phrase> in <date>": the noun phrase ("Russia's annexation of Crimea").
    2. "In/Since/On <date>, <clause>" or "<clause> in/by <date>": the clause without its date,
       short appositives and citations, cut to 14 words.
    A date introduced otherwise ("continues into 2025") is not an event.
    """
    before = sentence.text[: m.start]
    preposition = re.search(r"\b(in|In|since|Since|by|By|on|On)\s+(?:early\s+|late\s+|mid-)?$", before)
    if preposition is None:
        return None
    label = None
    if preposition.group(1).lower() == "in":
        words = before[: preposition.start()].split()
        picked: list[str] = []
        for word in reversed(words):
            if word.endswith((",", ";", ":", "(")) or word.lower() in _LABEL_STOP or word in {"-", "–", "—"}:
                break
            picked.insert(0, word)
            if len(picked) >= 10:
                break
        while picked and picked[0].lower() in {"the", "a", "an"}:
            picked = picked[1:]
        # A noun phrase is an event only when it names one ("Russia's annexation of Crimea", "the Cold War"),
        # not an actor ("Senate Select Committee on Intelligence").
        if len(picked) >= 2 and any(w[:1].islower() and _EVENT_NOUN.search(w) for w in picked):
            label = " ".join(picked)
        elif len(picked) >= 2:
            return None
    if label is None:
        rest = sentence.text[: preposition.start()] + sentence.text[m.end :]
        rest = strip_citations(rest)
        rest = re.sub(r",\s*(?:led|aided|brokered|provided|supported) by [^,]+,", "", rest)
        rest = re.sub(r"^\W*(?:Notably|However|Additionally|Meanwhile|Furthermore|Also|Earlier|Later)?\W*", "", rest)
        rest = re.sub(r"\s+([,.;])", r"\1", rest).strip(" ,;.")
        words = rest.split()
        if len(words) < 4:
            return None
        if len(words) > 14:
            # Cut at the last clause boundary within 14 words, never mid-phrase with "…" (reviewers edit
            # options that stop mid-sentence); with no boundary there the event has no short label.
            cuts = [
                i
                for i in range(5, 14)
                if words[i - 1].endswith((",", ";")) or words[i].lower() in {"which", "who", "while", "and", "after"}
            ]
            if not cuts:
                return None
            words = words[: cuts[-1]]
        label = " ".join(words).rstrip(",;.")
    label = label[:1].upper() + label[1:]
    if re.search(r"\b(?:1[89]|20)\d\d\b", label) or opens_with_unresolved_reference(label):
        return None
    return label


def build_ordering_questions(ctx: Context) -> list[QuestionDraft]:
    events: list[tuple[tuple[int, int, int], str, FactDraft]] = []
    for fact in ctx.facts.facts:
        m = fact.mention
        if fact.kind != "event" or m is None or not m.data.get("year"):
            continue
        label = event_label(fact.sentence, m)
        if label:
            events.append(((m.data["year"], m.data.get("month") or 0, m.data.get("day") or 0), label, fact))
    out: list[QuestionDraft] = []
    groups: list[tuple[str, str, list[tuple[tuple[int, int, int], str, FactDraft]]]] = [
        ("reading", "Put these events from the reading in chronological order, earliest first.", events)
    ]
    by_section: dict[int, list[tuple[tuple[int, int, int], str, FactDraft]]] = defaultdict(list)
    for item in events:
        by_section[item[2].sentence.section.order].append(item)
    for order, items in sorted(by_section.items()):
        heading = items[0][2].sentence.section.heading
        groups.append((f"section-{order}", f"Put these events from the section “{heading}” in chronological order, earliest first.", items))
    for name, stem, items in groups:
        chosen: dict[tuple[int, int], tuple[tuple[int, int, int], str, FactDraft]] = {}
        labels: set[str] = set()
        for item in sorted(items, key=lambda it: digest(ctx.reading_key, name, it[1])):
            sort_key = item[0][:2]
            # Events of the same year need months to be ordered; a bare year never ties with a dated one.
            if (
                any(k[0] == sort_key[0] and (k[1] == 0 or sort_key[1] == 0 or k == sort_key) for k in chosen)
                or normalise_text(item[1]) in labels
            ):
                continue
            chosen[sort_key] = item
            labels.add(normalise_text(item[1]))
            if len(chosen) == 4:
                break
        if len(chosen) < 3:
            continue
        ordered = [chosen[k] for k in sorted(chosen)]
        key = digest(ctx.reading_key, "ordering", name, length=32)
        choices = choice_list(key, [it[1] for it in ordered])
        ids = {c["text"]: c["id"] for c in choices}
        out.append(
            _passage_draft(
                ctx,
                QuestionType.ORDERING,
                [it[2] for it in ordered],
                key,
                stem=stem,
                choices=choices,
                answer={"order": [ids[it[1]] for it in ordered]},
                explanation="In order: " + "; ".join(f"{it[2].mention.surface if it[2].mention else ''}: {it[1]}" for it in ordered),
                topic="history",
                title=stem,
                meta={"evidence": [str(it[0][0]) for it in ordered]},
            )
        )
    return out


_NUMBERED_HEADING = re.compile(r"^(?P<label>(?:Article|Section|Chapter|Part|Title|Annex|Pillar)\s+[0-9IVXLC]+)\b")


PROVISIONS_PER_SECTION = 2
_FINAL_CLAUSE = re.compile(
    r"\b(?:deposited|equally authentic|archives|Depositary|depositaries|instruments of ratification|proposed amendment|signature|registered)\b",
    re.I,
)


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, c in enumerate(numeral):
        v = values[c]
        total += -v if i + 1 < len(numeral) and values[numeral[i + 1]] > v else v
    return total


def build_section_questions(ctx: Context) -> list[QuestionDraft]:
    """ "Which article of the reading says …?": a provision located among the reading's own numbered headings.

    Only for readings split into at least four sections headed "Article I", "Section 2" …; the
    options are other headings of the same kind, so every distractor is of the key's class.
    One question per section, from its first sentence that stands alone and states something.
    """
    labelled: dict[str, list[Sentence]] = {}
    kinds: dict[str, str] = {}
    for sentence in ctx.facts.sentences:
        m = _NUMBERED_HEADING.match(sentence.section.heading.strip())
        if m:
            label = m.group("label")
            labelled.setdefault(label, []).append(sentence)
            kinds[label] = label.split()[0].lower()
    if len(labelled) < 4 or len(set(kinds.values())) != 1:
        return []
    noun = next(iter(kinds.values()))
    out: list[QuestionDraft] = []
    for label, sentences in labelled.items():
        candidates = [
            s
            for s in sentences
            if all(p == OWN_ARTICLE for p in ctx.facts.problems.get(s.start, []))
            and 12 <= word_count(s.text) <= 60
            and not _NUMBERED_HEADING.match(s.text)
            and not _FINAL_CLAUSE.search(s.text)
            # A sentence naming an article itself would point at the answer or confuse it.
            and not any(contains_term(quote(s), other) for other in labelled)
        ]
        for sentence in candidates[:PROVISIONS_PER_SECTION]:
            out += _section_question(ctx, sentence, label, noun)
    return out


# A treaty's own name as a heading or title line ("Treaty on the Non-Proliferation of Nuclear Weapons").
_DOCUMENT_NAME = re.compile(
    r"^[#*\s]*(?P<name>(?:The\s+)?(?:[A-Z][\w.-]*\s+){0,6}(?:Treaty|Convention|Charter|Agreement|Protocol|Declaration|Pact|Accord)\b[^\n.;:]{0,140}?)[*\s]*$",
    re.M,
)


def document_name(ctx: Context) -> str:
    """The document a provision is in, named as the reading names it ("the Treaty on the Non-Proliferation
    of Nuclear Weapons"), so a stem says which treaty it asks about; "the reading" when it names none in English."""
    for text in (ctx.title, ctx.cleaned_text[:3000]):
        for m in _DOCUMENT_NAME.finditer(text or ""):
            name = m.group("name").strip()
            if re.search(r"\b(?:of|on|for|between|banning|to|the)\b", name) or len(name.split()) >= 3:
                return name if name.startswith("The ") else f"the {name}"
    return "the reading"


def _section_question(ctx: Context, sentence: Sentence, label: str, noun: str) -> list[QuestionDraft]:
    """ "Which article of the reading says this?" for one sentence of the article ``label``.

    A short answer, not a choice among headings: printed as options, every heading would be the
    key of another question of the bank and they would all have to share one group. The passage
    shows the heading with the sentence, so the answer is in the cited text.
    """
    shown = quote(sentence)
    number = label.split()[1]
    accepted = [label, number]
    if re.fullmatch(r"[IVXLC]+", number):
        arabic = _roman(number)
        accepted += [f"{label.split()[0]} {arabic}", str(arabic)]
    heading_at = ctx.cleaned_text.rfind(label, 0, sentence.start)
    if heading_at < 0 or heading_at < sentence.section.start - len(sentence.section.heading) - 20:
        return []
    draft = _base(
        ctx,
        sentence,
        QuestionType.SHORT_ANSWER,
        ("section", label, sentence.start),
        stem=f"Which {noun} of {document_name(ctx)} contains this provision? “{shown}”",
        answer={"accepted": list(dict.fromkeys(accepted))},
        topic=topic_of(kind="treaty_rule", sentence=sentence, packs=ctx.facts.packs),
        fact_key=next((f.key for f in ctx.by_sentence.get(sentence.start, [])), ""),
        title=f"{label}: {shown[:60]}",
        explanation=f"{label} of the reading says: “{shown}”",
        meta={"section_label": label},
    )
    draft.passage, draft.start = f"{label} … {sentence.text}", heading_at
    return [draft]


_PLAIN_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


# A bound before the figure decides which other figures make the statement false: "more than 5,500"
# stays true of 4,100, so a lower bound needs a larger figure, an upper bound a smaller one, and an
# estimate ("about 2,000") one far enough off that it is not the same estimate.
_LOWER_BOUND = re.compile(r"\b(?:more than|over|at least|above|exceeding|upwards of|in excess of)\s*$", re.IGNORECASE)
_UPPER_BOUND = re.compile(r"\b(?:fewer than|less than|under|below|up to|as many as|no more than|at most|nearly|almost)\s*$", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:about|approximately|around|roughly|some|an estimated|estimated|close to)\s*$", re.IGNORECASE)


_YEAR_BOUND = re.compile(r"\b(?:by|before|until|no later than|since)\s*$", re.IGNORECASE)


def _bound_before(quoted: str, *, year: bool = False) -> str:
    before = quoted.split(BLANK, 1)[0]
    if year:
        return "down" if _YEAR_BOUND.search(before) else ""
    if _LOWER_BOUND.search(before):
        return "up"
    if _UPPER_BOUND.search(before):
        return "down"
    if _ESTIMATE.search(before):
        return "far"
    return ""


def _other_figure(value: float, *, year: bool, percent: bool, key: str, bound: str = "") -> int | None:
    """A different figure of the same kind and size: a year a few years off, a percentage or a count
    off by a plausible share (so the false statement is decided by the reading, not by common sense);
    ``bound`` ("up", "down", "far") keeps it false under a qualifier before the figure."""
    if value != int(value) or value <= 0:
        return None
    n = int(value)
    if year:
        # "By 2035" stays true of 2040 and "since 2001" of 2003: under such a bound only an earlier year is false.
        steps = [-5, -3, -2] if bound == "down" else [-5, -3, -2, 2, 3, 5]
        return n + sorted(steps, key=lambda s: digest(key, s))[0]
    if percent and n <= 10:
        options = [v for v in (n - 2, n - 1, n + 1, n + 2) if v >= 1 and (bound != "up" or v > n) and (bound != "down" or v < n)]
        return sorted(options, key=lambda v: digest(key, v))[0] if options and bound != "far" else None
    if n < 4:
        return None
    factors = {"up": [1.5, 2.0], "down": [0.5, 0.75], "far": [0.5, 2.0]}.get(bound, [0.5, 0.75, 1.5, 2.0])
    factor = sorted(factors, key=lambda f: digest(key, f))[0]
    other = n * factor
    digits = len(str(int(other)))
    other = round(other, -max(0, digits - 2))  # as round as the figures a reading prints
    other = int(other)
    return other if other != n and other > 0 and not (percent and other > 100) else None


def _figure_source(ctx: Context, numeric: QuestionDraft) -> tuple[list[str], str, Sentence, str] | None:
    """What another format of a numeric question is built from: the figure as the reading writes it,
    the quoted sentence with its one blank, the sentence and the unit; None when the numeric question
    is not a plain figure in one blank or a reviewer would turn it down."""
    evidence = [str(e) for e in numeric.meta.get("evidence", [])]
    quoted = str(numeric.meta.get("quoted", ""))
    if not evidence or not _PLAIN_FIGURE.fullmatch(evidence[0]) or quoted.count(BLANK) != 1 or demerit(ctx, numeric):
        return None
    sentence = next((s for s in ctx.facts.sentences if s.start == numeric.start), None)
    if sentence is None:
        return None
    return evidence, quoted, sentence, str(numeric.answer.get("unit", ""))


def build_figure_true_false(ctx: Context, numeric: QuestionDraft) -> QuestionDraft | None:
    """True or false on a figure the reading gives, stated with another figure of the same kind
    ("By 2030, the PRC is on track to have as many as 1,500 nuclear warheads"): always false, decided
    only by the reading, and never absurd (the swap is a figure, not a name from another class)."""
    source = _figure_source(ctx, numeric)
    if source is None:
        return None
    evidence, quoted, sentence, unit = source
    other = _other_figure(
        float(numeric.answer["value"]),
        year=unit == "year",
        percent=unit in {"percent", "per cent", "%"},
        key=numeric.key,
        bound=_bound_before(quoted, year=unit == "year"),
    )
    if other is None:
        return None
    written = f"{other:,}" if "," in evidence[0] or (unit != "year" and other >= 10_000) else str(other)
    if re.search(r"(?<![\d,.])" + re.escape(written) + r"(?![\d])", ctx.cleaned_text):
        return None  # the reading gives that figure somewhere: the statement might be true of something else
    statement = quoted.replace(BLANK, written)
    return _base(
        ctx,
        sentence,
        QuestionType.TRUE_FALSE,
        ("tf-figure", numeric.start, evidence[0]),
        stem=f"True or false? {ctx.according_to(sentence)}: “{statement}”",
        answer={"correct": False},
        explanation=f"False: the reading gives {evidence[0]}, not {written}. {_explain(sentence)}",
        topic=numeric.topic,
        fact_key=numeric.fact_key or "",
        title=f"Figure: {evidence[0]} (true or false)",
        meta={"quoted": statement, "tf_original": evidence[0], "tf_swapped": written, "tf_class": "figure"},
    )


def _other_figures(value: float, *, year: bool, percent: bool, key: str, count: int) -> list[int]:
    """``count`` different figures of the same kind and size as ``value`` (options of a figure question):
    years a few years off, small percentages a point or two off, counts off by a plausible share."""
    if value != int(value) or value <= 0:
        return []
    n = int(value)
    if year:
        candidates = [n + s for s in (-7, -5, -4, -3, -2, -1, 1, 2, 3, 5)]
    elif percent and n <= 10:
        candidates = [v for v in (n - 2, n - 1, n + 1, n + 2, n + 3) if v >= 1]
    elif n < 4:
        return []
    else:
        candidates = []
        for factor in (0.5, 0.75, 1.5, 2.0, 3.0):
            other = n * factor
            digits = len(str(int(other)))
            candidates.append(int(round(other, -max(0, digits - 2))))
        candidates = [c for c in candidates if c > 0 and not (percent and c > 100)]
    unique = [c for c in dict.fromkeys(candidates) if c != n]
    return sorted(unique, key=lambda v: digest(key, "figure-option", v))[:count]


def build_figure_choice(ctx: Context, numeric: QuestionDraft) -> QuestionDraft | None:
    """The figure of a numeric question asked as a choice among four figures of the same kind and size
    (the reading's figure and three it never prints): another format for the same fact, in the numeric
    question's exclusion group, so a quiz takes one of the two."""
    source = _figure_source(ctx, numeric)
    if source is None:
        return None
    evidence, quoted, sentence, unit = source
    year = unit == "year"
    others = _other_figures(
        float(numeric.answer["value"]), year=year, percent=unit in {"percent", "per cent", "%"}, key=numeric.key, count=8
    )
    if year and ctx.years:
        # No year after the latest the reading speaks of: a treaty of 1968 offered "1972" is absurd.
        others = [o for o in others if o <= ctx.years[1]]

    def written(value: int) -> str:
        return f"{value:,}" if "," in evidence[0] or (not year and value >= 10_000) else str(value)

    # A figure the reading prints elsewhere could be the right answer to another reading of the blank.
    others = [o for o in others if not re.search(r"(?<![\d,.])" + re.escape(written(o)) + r"(?![\d])", ctx.cleaned_text)][:3]
    if len(others) < 3:
        return None
    what = "year" if year else "percentage" if unit in {"percent", "per cent", "%"} else "figure"
    draft = _base(
        ctx,
        sentence,
        QuestionType.SINGLE_CHOICE,
        ("figure-choice", numeric.start, evidence[0]),
        stem=f"Which {what} completes {ctx.from_the_reading(sentence)}? “{quoted}”",
        answer={},
        topic=numeric.topic,
        fact_key=numeric.fact_key or "",
        title=f"Figure: {evidence[0]} (choice)",
        meta={"quoted": quoted, "evidence": evidence, "figure_choice": True},
    )
    options = sorted([evidence[0], *(written(o) for o in others)], key=lambda t: float(t.replace(",", "")))
    draft.choices = [{"id": digest(draft.key, t, length=8), "text": t} for t in options]  # in numeric order, not by text
    draft.answer = {"correct": next(c["id"] for c in draft.choices if c["text"] == evidence[0])}
    return draft
