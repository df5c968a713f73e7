# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Which mention of a sentence to blank, and the blanks that give themselves away: general
knowledge (top offices, household names, well-known cities), enumerations, generic labels.
"""

from __future__ import annotations

import re
from functools import cache

from quizzes.generation.builders.drafts import Context
from quizzes.generation.extract import Mention, is_demonym
from quizzes.generation.extract.mentions import OFFICE_WORDS, ORG_WORDS, PROGRAMME_WORDS
from quizzes.generation.facts import FactDraft
from quizzes.generation.lexicon import cities, countries
from quizzes.generation.standalone import _dictionary_word, zipf
from quizzes.generation.text import Sentence, contains_term, normalise_text, word_count

# Offices whose holder is general knowledge (who was President, Secretary of State, Secretary
# General that year): a question naming the holder tests the news, not the reading.
# NATO's and the UN's Secretary General too, as the review sets aside "Name the NATO Secretary General" (review._TOP_OFFICE).
_TOP_OFFICE = re.compile(
    r"(?<!Deputy )(?<!Vice )\b(?:President|Prime Minister|Secretary of State|Chancellor|King|Queen|Pope|"
    # "Belarusian dictator ____" (Lukashenka; blind review 81: who rules Belarus, not what the reading says).
    r"[Dd]ictator|[Ss]trongman|[Aa]utocrat|"
    r"(?:NATO|UN|United Nations)\s+Secretary[- ]General)\W*$"
)


# An office with its country or organisation ("Ukrainian Defense Minister", "EU Commissioner"): it says who is meant.
_QUALIFIED_OFFICE = re.compile(
    r"\b(?:[A-Z]{2,}|[A-Z][a-z]+(?:an|ian|ish|ese|ch|i))\s+(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:Minister|Secretary|Commissioner|Director|Ambassador|General|Chair(?:man)?|Leader|Admiral|Advisor|Adviser)"
    r"(?:\s+(?:of|for)\s+[\w-]+(?:\s+(?:and\s+)?[\w-]+){0,4})?\W*$"
)


# "Deputy Prime Minister for European and Euro-Atlantic Integration": the remit says who is meant.
# A portfolio every government has ("Minister of Defence", "Minister for Foreign Affairs") says nothing of whose: the
# readout's "Name the person the reading describes as the Minister of Defence" (Australia's, a fresh reading's blind
# review 70, both reviewers) could be any country's.
_OFFICE_FOR = re.compile(
    r"\b(?:Minister|Secretary|Commissioner|Director|Ambassador|Advisor|Adviser)\s+(?:of|for)\s+"
    r"(?!(?:the\s+)?(?:Defen[cs]e|Foreign Affairs|Finance|Interior|Home Affairs|Justice|Health|Economy|State|Trade|Energy)\W*$)"
    r"[A-Z][\w-]*(?:\s+(?:and\s+)?[\w-]+){0,4}\W*$"
)


def office_trivia(role_text: str) -> bool:
    """Whether naming the holder of this office is general knowledge or ambiguous: a top office,
    or an office without its country or organisation ("Prime Minister", "the Secretary General")."""
    return bool(_TOP_OFFICE.search(role_text) or not (_QUALIFIED_OFFICE.search(role_text) or _OFFICE_FOR.search(role_text)))


# A well-known city (Paris, Tokyo) as a blank is geography, not the reading.
WELL_KNOWN_CITY_ZIPF = 3.5


_OFFICE_BEFORE = re.compile(
    r"\b(?:President|Minister|Secretary(?:\s+of\s+[A-Z]\w+)?|Chancellor|General|Commissioner|Director|Ambassador|Premier|"
    r"Chairman|Chair|Leader|Admiral|Senator|correspondent|spokesman|spokeswoman|spokesperson|[Dd]ictator|[Ss]trongman|[Aa]utocrat)\W*$"
)


FOCUS_ORDER = ["system", "person_role", "programme", "organisation", "summit", "money", "quantity", "place", "term", "event"]


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


# A person's name, then "from/of/at (the)": the organisation that follows is their employer (blind review round 11).
_AFFILIATION = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+,? (?:from|of|at) (?:the )?$")


def _focus(ctx: Context, sentence: Sentence, skip: set[str] = frozenset()) -> FactDraft | None:  # type: ignore[assignment]
    best: tuple[int, int, int] | None = None
    chosen = None
    for fact in ctx.by_sentence.get(sentence.start, []):
        if fact.key in skip or (fact.mention is not None and normalise_text(fact.mention.value) in skip):
            continue
        m = fact.mention
        if m is None or fact.kind not in FOCUS_ORDER or ctx.is_trivial(m) or is_generic_label(m):
            continue
        if m.source == "acronym" and not _spelled_out_once(ctx, m):
            continue
        if fact.kind == "event" and m.data.get("precision") == "day-no-year":
            continue
        if fact.kind == "event" and ctx.facts.quoted_with_date(sentence):
            continue  # the stem prints the reading's date ("said … on 11 July 2023"): a year or a date is no key beside it
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
        if m.kind == "organisation" and _AFFILIATION.search(sentence.text[: m.start]):
            continue  # "expert Bruce Bennett from the RAND Corporation": where a quoted expert works is no fact of the reading
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


def _spelled_out_once(ctx: Context, m: Mention) -> bool:
    """ "the National Anti-Corruption Bureau (NABU)", and NABU never again: the abbreviation is not worth
    learning (``review``: abbreviation_used_once), but the body the sentence names is, so the name and
    its abbreviation are blanked whole. An abbreviation the reading goes on using is
    ``names.build_acronym_questions``' to ask."""
    long, short = str(m.data.get("long", "")), str(m.data.get("short", ""))
    if "/" in short or long.isupper():
        return False  # "TOP SECRET/SENSITIVE COMPARTMENTED INFORMATION (TS/SCI)": a marking, not a body
    return bool(long and short) and long in m.surface and short in m.surface and ctx.frequency(short) < 2


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


@cache
def _names_a_people(word: str) -> bool:
    """ "Korean", "Turkish", "Ukrainian": a demonym-shaped word beginning a word of a country's name ("North Korea")."""
    if is_demonym(word):
        return True
    return bool(re.match(r"^[A-Z][a-z]+(?:ian|ish|ese|an|ic|i)$", word)) and any(
        part.startswith(word[:4]) for name in countries() for part in name.split()
    )


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
    if m.kind == "programme" and m.value.startswith("Operation "):
        return False  # a code name is everyday words by design ("Operation Allies Refuge", "Operation Desert Storm"): one operation
    words = [w for w in re.findall(r"[A-Za-z]+", m.surface) if w.lower() not in {"of", "the", "and", "for"}]
    if len(words) >= 3 and _institution_head(m.surface) and not any(_inflected_verb(w) or w in OFFICE_WORDS for w in words):
        # Three words and more under the head of a body or an instrument ("Nuclear Regulatory Commission",
        # "Black Sea Fleet", "Energy Reorganization Act") name one thing; the labels reviewers turned down
        # were two everyday words ("Flagship Projects", "Summit Allies") or a title without such a head.
        return False
    if m.kind == "term" and len(m.surface.split()) >= 4:
        return True  # a long capitalised run is a title ("Quantum Computing While Mitigating Risks"), not a term
    if not words or any(c.isdigit() for c in m.surface) or any(w.isupper() and len(w) > 1 for w in words):
        return False
    if len(words) >= 2 and any(w in cities() or w in countries() for w in words):
        return False  # a place in the name ("Berlin Wall") makes it a proper name, not a label of everyday words
    if (
        len(words) == 2
        and m.category != "person"
        and " of " not in m.surface
        and any(not _dictionary_word(w.lower()) and not _names_a_people(w) for w in words)
    ):
        # So does a word no dictionary holds in a name of two words ("Baltic Way"); not a people's name ("Korean War" after "North Korea"
        # is guessed from the sentence), a person's ("North Korean leader ____" is anyone's who reads the news) nor
        # a state's formal name ("Republic of Korea", which a typed answer would give as "South Korea").
        return False
    return all(zipf(w.lower()) >= 3.3 for w in words)


# Head words of a body or an instrument beyond the extractor's own (``ORG_WORDS``, ``PROGRAMME_WORDS``).
_MORE_HEADS = {"Administration", "Convention", "Conference", "Force", "Law", "Protocol", "Directive", "Board", "Court"}


def _institution_head(name: str) -> bool:
    """Whether a name's head (its last word, or the word before "of": "Office of Defense …") names a body or an instrument."""
    head_part = name.split(" of ")[0].split()
    return bool(head_part) and head_part[-1] in ORG_WORDS | PROGRAMME_WORDS | _MORE_HEADS


def _inflected_verb(word: str) -> bool:
    """ "Announces", "Mitigating": a verb in a capitalised run makes it a headline or a title, not a name (so does
    an office: "President Biden Signs National Security Memorandum")."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word.lower())
    # "-ing" words are too often nouns in names ("Shipping", "Training"): only "-s" and "-ed" forms count.
    return bool(lemmas) and set(lemmas) == {"VERB"} and word.lower().endswith(("s", "ed"))


def inside_parentheses(text: str, start: int) -> bool:
    """Whether ``start`` falls inside a parenthesis (a document's title, a gloss): blanks there cut a title in two."""
    return text.rfind("(", 0, start) > text.rfind(")", 0, start)
