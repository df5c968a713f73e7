# ruff: noqa: RUF001, RUF002, RUF003 - the readings use typographic quotes, dashes and apostrophes, so the patterns and examples must too
"""4a. A sentence rewritten by rule into a statement, and the variants that make it false: a name
swapped for another of its fine category, a year or a count moved, an amount changed, a relation
reversed or the auxiliary negated; each is checked against the whole reading.
"""

from __future__ import annotations

import re

from core.text.words import MONTH_NAMES_PATTERN
from quizzes.generation.builders import Context, other_figures
from quizzes.generation.distractors import format_amount, money_variants, pick
from quizzes.generation.text import YEAR_END, Sentence, contains_term, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _CLAUSE_VERB,
    _IRREGULAR_PAST,
    _MODALS,
    _PLURAL_NOUNS,
    _YEAR,
    DISCOURSE_OPENERS,
    FRONTED_TIME,
    INVERTING,
    _capital,
    _clean,
    _content,
    reading_acronyms,
    same_sort_of_body,
)

_SWAP_KINDS = {"person_role", "organisation", "programme", "system", "summit", "place"}


# What a body's or a document's name says it is ("... Act", "... Centre of Excellence"): a false statement
# swaps it only for a name of the same sort, or the swap is false on its face ("a position established by the
# Military Intelligence Program of 2004": a programme establishes no office; blind review 18, both samples).
_SORT_NOUNS = {
    "act",
    "treaty",
    "convention",
    "agreement",
    "accord",
    "protocol",
    "charter",
    "declaration",
    "program",
    "initiative",
    "strategy",
    "directive",
    "doctrine",
    "plan",
    "fund",
    "facility",
    "mission",
    "operation",
    "force",
    "command",
    "council",
    "commission",
    "committee",
    "agency",
    "office",
    "board",
    "centre",
    "bureau",
    "service",
    "directorate",
    "group",
    "organization",
    "alliance",
    "union",
    "bank",
    "court",
    "assembly",
    "ministry",
    "department",
    "fleet",
}
_SORT_SPELLINGS = {"center": "centre", "programme": "program", "organisation": "organization"}


def name_sort(name: str) -> str:
    """The sort noun of a name of two words or more ("act" for "Intelligence Reform and Terrorism Prevention Act",
    "centre" for "Strategic Communications Centre of Excellence"), or "" when its head says no sort."""
    words = re.split(r"\s+(?:of|on|for)\s+", name.strip(), maxsplit=1)[0].split()
    if len(name.split()) < 2 or not words:
        return ""
    head = words[-1] if not re.fullmatch(r"\(?\d{4}\)?", words[-1]) or len(words) < 2 else words[-2]
    head = head.lower().rstrip("s") if head.lower() not in {"alliance", "force"} else head.lower()
    head = _SORT_SPELLINGS.get(head, head)
    return head if head in _SORT_NOUNS else ""


COUNTRIES_WITH_THE = {"United States", "United Kingdom", "Netherlands", "Czech Republic", "Philippines", "United Arab Emirates"}


_NEGATION = re.compile(r"\b(?:not|no|never|cannot|can't|won't|nor|neither|none)\b|n't\b", re.I)


_ASIDE = re.compile(
    r", (?:which|who) [^,]{4,80}, "
    r"|, (?:led|supported|funded|backed|chaired|hosted|commanded|established|created|signed|announced|adopted) (?:by|at|in|on) [^,]{3,60}, "
)


# Trailing material that compression to subject-verb-object drops: a participle clause
# (", delivering trauma kits …"), an "including" list, a second clause after ", while".
_TRAILING = re.compile(r",\s+(?:including|such as|while|whereas|with|[a-z]+ing)\b.*$")


_PAREN = re.compile(r"\s*\([^()]{1,60}\)")


# A fronted concessive or contrasting clause ("While Ukraine is not yet a member, the Alliance has expanded
# cooperation …", "Despite its silence on X, the confirmation …"): the main clause after it is asserted on
# its own, so dropping the clause keeps the statement true to the sentence.
_CONCESSIVE = re.compile(r"^(?:While|Although|Though|Even though|Whereas|Despite|In spite of) [^,;:]{5,120}, (?P<rest>[a-z].+)$")


def rewrite_statement(text: str) -> tuple[str, list[str]] | None:
    """The sentence said differently by rule, with what was done; None when no rule applies.

    The rules only drop or move words, so the statement stays true to the sentence: a discourse
    marker dropped, a fronted concessive clause ("While …,", "Despite …,") dropped, parentheses
    (acronyms, asides) dropped, a non-restrictive "which/who" clause dropped, and a fronted date ("In 2008, X did Y") moved to the end ("X did Y in 2008").
    """
    text = _clean(text)
    done: list[str] = []
    if DISCOURSE_OPENERS.match(text):
        text = DISCOURSE_OPENERS.sub("", text)
        done.append("discourse marker dropped")
    if (
        (m := _CONCESSIVE.match(text))
        and word_count(m.group("rest")) >= 8
        # A main clause runs on past four words before any comma, with a verb; a short run is a list item the
        # comma closed ("Despite sanctions, losses, and unrest, Russia …" would leave "Losses, and unrest, …").
        and word_count(first := m.group("rest").split(", ", 1)[0]) > 4
        and _CLAUSE_VERB.search(first)
    ):
        text = _capital(m.group("rest"))
        done.append("concessive clause dropped")
    if _PAREN.search(text):
        text = _PAREN.sub("", text)
        done.append("parentheses dropped")
    if _ASIDE.search(text):
        text = _ASIDE.sub(" ", text, count=1)
        done.append("aside dropped")
    if (m := _TRAILING.search(text)) and word_count(text[: m.start()]) >= 8:
        text = text[: m.start()]
        done.append("compressed to its main clause")
    if (m := FRONTED_TIME.match(text)) and not re.search(r", |\s?[—–]\s?", m.group("rest")):
        adverbial = m.group("adv")
        text = f"{_capital(m.group('rest'))} {adverbial[:1].lower() + adverbial[1:]}"
        done.append("date moved to the end")
    if not done:
        return None
    return _capital(text.strip()) + ".", done


def _said_elsewhere(ctx: Context, sentence: Sentence, variant: str, changed: str) -> bool:
    """Whether some sentence of the reading might support the variant: it names the swapped-in
    element together with other content of the statement."""
    rest = _content(variant) - _content(changed)
    return any(contains_term(other.text, changed) and len(_content(other.text) & rest) >= 2 for other in ctx.facts.sentences)


_ADVERBS = {"also", "already", "still", "now", "recently", "repeatedly", "often", "always", "never", "be"}


_IRREGULAR_PARTICIPLES = (
    "led",
    "taken",
    "given",
    "made",
    "begun",
    "become",
    "brought",
    "built",
    "sent",
    "set",
    "held",
    "won",
    "lost",
    "paid",
    "told",
    "written",
    "seen",
    "chosen",
    "drawn",
    "fought",
    "sought",
    "spent",
    "struck",
    "undertaken",
    "withdrawn",
    "shown",
    "known",
    "grown",
    "put",
    "kept",
    "met",
)


_SUBORDINATOR = re.compile(r"^(?:While|Although|Though|If|When|As|Since|Because|After|Before|Unless|Whereas|Despite|Once)\b")
# "What began as a partnership …", "Whoever signs …": the first verb is the free relative's, not the claim's.
_FREE_RELATIVE = re.compile(r"^(?:What|Whatever|Who|Whoever|Where|Wherever|When|Whenever|How|Why)\b")
# "We’re", "It’s", "They’ve", "I’d": a pronoun with its auxiliary contracted; the verb after it takes no "did not".
# A name's "’s" is its possessive ("Russia’s Foreign Minister"), so only pronouns are read as contracted.
_CONTRACTED_AUXILIARY = re.compile(r"(?:I|We|You|They|It|He|She|That|There|Who|What)[’'](?:re|ve|s|ll|d|m)", re.I)


def _negate(statement: str) -> str | None:
    if _NEGATION.search(statement) or _SUBORDINATOR.match(statement) or _FREE_RELATIVE.match(statement):
        return None  # negating a negative reads as a trick; a fronted clause may hold the auxiliary
    tokens = statement.split(" ")
    for i, token in enumerate(tokens[:12]):
        if token.endswith(","):
            return None
        if i > 0 and token in INVERTING and tokens[i - 1].lower() not in {"which", "who", "that"}:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            # Only a verb is negated ("has not provided", "must not take", "was not signed"):
            # "is not a Russian collapse" or "has not also pledged" read as tricks.
            if token in _MODALS and re.fullmatch(r"[a-z]+", following) and following not in _ADVERBS:
                return " ".join([*tokens[: i + 1], "not", *tokens[i + 1 :]])
            if re.fullmatch(r"[a-z]+(?:ed|en)|" + "|".join(_IRREGULAR_PARTICIPLES), following) and following not in {"been"}:
                return " ".join([*tokens[: i + 1], "not", *tokens[i + 1 :]])
            return None
        coordinated = any(
            a == "and" and b[-1:] == token[-1:] and _base_form(b) is not None
            for a, b in zip(tokens[i + 1 :], tokens[i + 2 :], strict=False)
        )  # "builds and operates": one "does not" cannot govern both
        if i > 0 and not coordinated and (base := _base_form(token)) is not None and _plain_subject(tokens[:i]):
            # No auxiliary: "NATO provided X" -> "NATO did not provide X", "NRO builds" -> "NRO does not build".
            auxiliary = "did" if not token.endswith("s") or token in _IRREGULAR_PAST else "does"
            return " ".join([*tokens[:i], auxiliary, "not", base, *tokens[i + 1 :]])
    return None


_IRREGULAR_BASE = {
    "led": "lead",
    "took": "take",
    "gave": "give",
    "made": "make",
    "began": "begin",
    "became": "become",
    "brought": "bring",
    "built": "build",
    "sent": "send",
    "held": "hold",
    "won": "win",
    "left": "leave",
    "paid": "pay",
    "sought": "seek",
    "spent": "spend",
    "fought": "fight",
    "met": "meet",
    "withdrew": "withdraw",
    "undertook": "undertake",
    "oversaw": "oversee",
}


_REPORTING = {
    "highlighted",
    "highlights",
    "said",
    "says",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "underscored",
    "reaffirmed",
    "affirmed",
    "announced",
    "stated",
    "welcomed",
    "recognized",
    "recognised",
    "acknowledged",
    "expressed",
    "argued",
    "argues",
}


_SUBJECT_FUNCTION_WORDS = {"the", "a", "an", "of", "and", "for", "on", "in"}


_SUBJECT_WORDS = re.compile(r"(?:[A-Z][\w’'.-]*|the|a|an|of|and|for|on|in|[a-z]+’s|[a-z]+'s)")


def _plain_subject(tokens: list[str]) -> bool:
    """A short subject of names and determiners ("NATO", "The European Union", "Ukraine's allies" is not);
    never one holding a contracted auxiliary ("We’re engaged" is no subject and verb to negate with "did not")."""
    return (
        1 <= len(tokens) <= 7
        and tokens[0][:1].isupper()
        # A subject ends on a noun or name: after "The" the next word is the subject's own ("The discussions
        # aim …" is never "The does not discussion aim …").
        and tokens[-1].lower() not in _SUBJECT_FUNCTION_WORDS
        and all(_SUBJECT_WORDS.fullmatch(t) and not _CONTRACTED_AUXILIARY.fullmatch(t) for t in tokens)
    )


def _base_form(verb: str) -> str | None:
    """The base form of a past or third-person verb, checked against the English word list; None if unsure."""
    from quizzes.generation.standalone import zipf

    if verb in _IRREGULAR_BASE:
        return _IRREGULAR_BASE[verb]
    if verb in _REPORTING:
        return None  # "did not highlight that …" denies the speaking, not the fact
    if not re.fullmatch(r"[a-z]{4,}", verb) or verb in _PLURAL_NOUNS:
        return None
    if verb.endswith("ied"):
        candidates = [verb[:-3] + "y"]
    elif verb.endswith("ed"):
        candidates = [verb[:-1], verb[:-2]] + ([verb[:-3]] if verb[-3] == verb[-4] else [])
    elif verb.endswith("ies"):
        candidates = [verb[:-3] + "y"]
    elif verb.endswith("es"):
        candidates = [verb[:-1], verb[:-2]]
    elif verb.endswith("s") and not verb.endswith("ss"):
        candidates = [verb[:-1]]
    else:
        return None
    # The first candidate that is a common English word ("provided" -> "provide", "trained" -> "train").
    return next((c for c in candidates if zipf(c) >= 3.0), None)


Variant = tuple[str, str, str]  # (text, what changed, the original element)


def _variants(ctx: Context, sentence: Sentence, statement: str, latest_year: int = 0) -> list[Variant]:
    """False variants of the statement, each one change away from it and checked against the reading."""
    key = digest(ctx.reading_key, "supported", sentence.start)
    out = _name_variants(ctx, sentence, statement, key)
    out += _acronym_variants(ctx, sentence, statement, key)
    out += _year_variants(ctx, sentence, statement, key, latest_year)
    out += _count_variants(ctx, sentence, statement, key)
    out += _amount_variants(ctx, sentence, statement, key)
    reversed_relation = _reversed_variant(ctx, sentence, statement)
    if reversed_relation is not None:
        out.append(reversed_relation)
    if negated := _negate(statement):
        out.append((negated, "negated", ""))
    return out


def _name_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    out: list[Variant] = []
    frequent = max(4, len(ctx.facts.sentences) // 8)
    for mention in ctx.facts.mentions.get(sentence.start, []):
        if mention.kind not in _SWAP_KINDS or mention.source == "acronym":
            continue
        if mention.kind == "place" and (
            mention.data.get("place") != "country" or normalise_text(mention.surface) != normalise_text(mention.value)
        ):
            continue  # a city, or "U.S. involvement": an abbreviation used as an adjective takes no other name
        if ctx.frequency(mention.surface) >= frequent:
            continue  # the reading's own subject: any swap for it is obviously false
        if mention.kind == "person_role" and (mention.data.get("role_span") or len(mention.surface.split()) < 2):
            continue  # "Ukrainian President Donald Trump": a printed role gives a swapped person away
        found = list(re.finditer(r"(?<![\w-])" + re.escape(mention.surface) + r"(?![\w-])", statement))
        if len(found) != 1:
            continue
        before, after = statement[: found[0].start()], statement[found[0].end() :]
        if mention.kind == "place" and before.endswith(("the ", "The ")):
            continue  # "the Netherlands" -> "the Poland": not a clean swap
        if mention.kind in {"organisation", "programme"} and (
            re.search(r"[A-Z][\w’'-]*\s+(?:and|of|for|on)\s+$", before) or re.match(r"\s+(?:and|of|for|on)\s+[A-Z]", after)
        ):
            continue  # the tail of a longer name ("Intelligence Reform and Terrorism Prevention Act")
        in_list = bool(re.search(r"(?:,|\band|\bor)\s+$", before) or re.match(r"\s*(?:,\s+\w|and\b|or\b)", after))
        if in_list and len(re.findall(r",|\band\b|\bor\b", statement)) >= 3:
            continue  # one member of a long list: the others give the odd one away
        sort = name_sort(mention.surface) if mention.kind in {"organisation", "programme"} else ""
        alts = pick(pools=ctx.pools, mention=mention, sentence=sentence.text, key=key, count=4 if sort else 2, lexicon=ctx.lexicon)
        for alt in [a for a in alts if not sort or name_sort(a) == sort][:2]:
            shown = f"{'the' if before else 'The'} {alt}" if mention.kind == "place" and alt in COUNTRIES_WITH_THE else alt
            variant = before + shown + after
            if not _said_elsewhere(ctx, sentence, variant, alt):
                out.append((variant, f"{mention.surface} → {alt}", mention.surface))
    return out


def _acronym_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    """Another acronym the reading spells out for the same kind of thing ("DIA" for "NRO")."""
    out: list[Variant] = []
    # Countries spelled as acronyms ("ROK") are not bodies: another body's acronym is no fair swap.
    acronyms = {a: v for a, v in reading_acronyms(ctx).items() if not _is_country(v[0])}
    for short, (_, kind) in acronyms.items():
        found = list(re.finditer(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", statement))
        if len(found) != 1 or not kind:
            continue
        others = sorted(
            (a for a in acronyms if a != short and same_sort_of_body(acronyms, short, a) and not contains_term(sentence.text, a)),
            key=lambda a: digest(key, short, a),
        )
        for alt in others[:2]:
            variant = statement[: found[0].start()] + alt + statement[found[0].end() :]
            if not _said_elsewhere(ctx, sentence, variant, alt):
                out.append((variant, f"{short} → {alt}", short))
    return out


def _is_country(name: str) -> bool:
    from quizzes.generation.lexicon import countries

    return (
        name in countries() or name in countries().values() or bool(re.match(r"(?:Republic|Kingdom|Democratic|People’s|People's) ", name))
    )


def _year_variants(ctx: Context, sentence: Sentence, statement: str, key: str, latest: int) -> list[Variant]:
    out: list[Variant] = []
    for year in dict.fromkeys(_YEAR.findall(statement)):
        if statement.count(year) != 1:
            continue
        for step in (int(digest(key, year), 16) % 3 + 2, -(int(digest(key, year, "down"), 16) % 3 + 2)):
            moved = str(int(year) - step)
            if int(moved) > max(latest, int(year)):
                continue  # a year after everything the reading reports is obviously wrong
            variant = re.sub(r"(?<![\d,.-])" + year + YEAR_END, moved, statement)
            if not _said_elsewhere(ctx, sentence, variant, moved):
                out.append((variant, f"{year} → {moved}", year))
                break
    return out


def _count_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    out: list[Variant] = []
    for hit in re.finditer(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\w,.-]*\d)(?!\s*(?:%|percent|per cent))", statement):
        number = hit.group(1)
        count = int(number.replace(",", ""))
        # Only a count of something ("1,200 soldiers"): not an identifier ("Executive Order 12333").
        if not re.match(r"\s+[a-z]{3,}", statement[hit.end(1) :]) or re.search(r"[A-Z][\w.]*\s+$", statement[: hit.start(1)]):
            continue
        month_next = re.match(_MONTH_AFTER, statement[hit.end(1) :])
        if _YEAR.fullmatch(number) or count < 100 or month_next:
            continue  # a day of the month or a small count: changing it tests nothing
        # Never a multiple of the figure (blind review 11: "more than 5,500 Americans" -> "11,000" gives itself away).
        others = other_figures(float(count), year=False, percent=False, key=f"{key}:{number}", count=1)
        if not others:
            continue
        changed = others[0]
        shown = f"{changed:,}" if "," in number or changed >= 10000 else str(changed)
        variant = statement[: hit.start(1)] + shown + statement[hit.end(1) :]
        if not _said_elsewhere(ctx, sentence, variant, shown):
            out.append((variant, f"{number} → {shown}", number))
    for hit in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?)(?=\s*(?:%|percent\b|per cent\b))", statement):
        number = hit.group(1)
        share = float(number)
        shown = f"{share * 2 if share <= 40 else share / 2:g}"
        variant = statement[: hit.start(1)] + shown + statement[hit.end(1) :]
        if not _said_elsewhere(ctx, sentence, variant, shown):
            out.append((variant, f"{number}% → {shown}%", number))
    return out


def _amount_variants(ctx: Context, sentence: Sentence, statement: str, key: str) -> list[Variant]:
    out: list[Variant] = []
    for mention in ctx.facts.mentions.get(sentence.start, []):
        if mention.kind != "money" or statement.count(mention.surface) != 1 or not mention.data.get("amount"):
            continue
        for amount in money_variants(amount=float(mention.data["amount"]), key=key, count=1):
            shown = format_amount(amount, like=mention.surface)
            variant = statement.replace(mention.surface, shown)
            if shown != mention.surface and not _said_elsewhere(ctx, sentence, variant, shown):
                out.append((variant, f"{mention.surface} → {shown}", mention.surface))
    return out


def _reversed_variant(ctx: Context, sentence: Sentence, statement: str) -> Variant | None:
    present = {m.group(0) for m in _ANTONYM_WORDS.finditer(statement)}
    for word, opposite in _ANTONYMS.items():
        if word not in present:
            continue
        found = list(re.finditer(r"(?<![\w-])" + word + r"(?![\w-])", statement))
        if len(found) == 1:
            variant = statement[: found[0].start()] + opposite + statement[found[0].end() :]
            # One reversed relation per statement, and only if no sentence says the reversed thing.
            return None if _said_elsewhere(ctx, sentence, variant, opposite) else (variant, f"{word} → {opposite}", word)
    return None


_MONTH_AFTER = rf"\s+(?:{MONTH_NAMES_PATTERN})\b"


# Relations whose reversal keeps the sentence grammatical and makes it say the opposite.
_ANTONYM_PAIRS = [
    ("increased", "decreased"),
    ("increase", "decrease"),
    ("increasing", "decreasing"),
    ("strengthened", "weakened"),
    ("strengthen", "weaken"),
    ("strengthening", "weakening"),
    ("expanded", "reduced"),
    ("higher", "lower"),
    ("larger", "smaller"),
    ("supported", "opposed"),
    ("approved", "rejected"),
    ("accepted", "rejected"),
    ("long-term", "short-term"),
    ("rose", "fell"),
    ("raised", "lowered"),
    ("accelerated", "slowed"),
    ("lethal", "non-lethal"),
    ("offensive", "defensive"),
]


_ANTONYMS = {**dict(_ANTONYM_PAIRS), **{b: a for a, b in _ANTONYM_PAIRS if b not in {"rejected"}}}


_ANTONYM_WORDS = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _ANTONYMS), key=len, reverse=True)) + r")(?![\w-])")
