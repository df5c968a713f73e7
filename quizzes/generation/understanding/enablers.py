# ruff: noqa: RUF001, RUF002, RUF003 - the readings use typographic quotes and dashes, so the patterns, docs and comments must too
"""16. What a thing made possible: "The HIMARS systems, known for their precision and range, enabled Ukraine
to launch strikes deep behind Russian lines …" is asked as "What, according to the reading, did the HIMARS
systems enable Ukraine to do?", with what the reading says other things enabled as the wrong options
("Destroy numerous Russian tanks", "Target Russian helicopters and low-altitude aircraft").

A reading needs four such sentences or more: each question takes its two or three wrong options from
sentences that are not asked themselves (first those that cannot be: "The deployment of these systems has
allowed Ukraine to intercept incoming missiles" points back, but its deed stands alone), so no question prints another's key (which would tie them all
into one exclusion group and cost them their sentences' other questions: measured, asking the one held back with
the others' keys as options tied three sentence groups past ``quality.MAX_GROUP`` and lost a dozen questions, and a
matching of the things to their deeds was dropped for printing the others' keys). Nothing is asked of, or offered
from, an umbrella ("NATO’s provision of sophisticated equipment has enabled Ukraine to mount an effective
defense"): what it enabled, every thing under it enabled too, so as a wrong option it would be right.

What a clause made possible is a wrong option too, never asked ("Through the … Trust Fund, Ukraine has received
technical support …, allowing it to respond effectively to Russian cyber threats"; "… has provided Ukraine with
resources to counteract Russian propaganda"): with them, what a thing that is no weapon enabled (NATO's intelligence)
has deeds of its own kind to be asked among.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizzes.generation.builders import Context, QuestionDraft, _one_correct
from quizzes.generation.text import Sentence, digest, normalise_text, word_count
from quizzes.generation.understanding.sentences import (
    _CLAUSE_VERB,
    DISCOURSE_OPENERS,
    _capital,
    _clean,
    _content,
    _finish,
    _lower_first,
    _sentence_draft,
    _sentence_group,
    fragment_stands_alone,
    sentence_stands_alone,
)
from quizzes.models import QuestionType

# "<subject>[, <aside>,] (has) enabled|allowed|helped <whom> to <what>"
_ENABLED = re.compile(
    r"^(?P<subject>[A-Z][^,;:]{2,70}?)(?:,\s[^,;:]{3,90},)?\s+(?P<perfect>has\s+|have\s+)?"
    r"(?P<verb>enabled|allowed|helped|permitted)\s+(?P<whom>[A-Z][\w’'-]*(?:\s+[a-z]+){0,2})\s+to\s+(?P<what>[a-z][^,;:()]{8,90})"
)
# "… to destroy numerous Russian tanks and hindered Russia’s capacity …": the subject's second deed is not what it enabled.
_SECOND_DEED = re.compile(r"\s+and\s+[a-z]+ed\b.*$")
_BASE = {"enabled": "enable", "allowed": "allow", "helped": "help", "permitted": "permit"}
WRONG_OPTIONS = 3
MIN_WRONG_OPTIONS = 2
# The head of an umbrella subject: a provision, supply or support of things rather than one thing.
_UMBRELLA = re.compile(
    r"^(?:the\s+)?(?:\w+(?:[’']s|s[’'])\s+)?(?:provision|supply|support|assistance|aid|help|equipment|weaponry|weapons|deliver(?:y|ies))\b",
    re.I,
)
_UMBRELLA_WORD = re.compile(r"\b(?:provision|supply|support|assistance|aid|help|equipment|weaponry|weapons|deliver(?:y|ies))\b", re.I)
MIN_WHAT_WORDS, MAX_WHAT_WORDS = 3, 14
# What a clause made possible, credited to it with a participle or a purpose: "Ukraine has received technical support
# to enhance its cyber defenses, allowing it to respond effectively to Russian cyber threats", "… has provided Ukraine
# with resources to counteract Russian propaganda". Only ever a wrong option (what made it possible is the whole clause,
# no noun phrase a stem could ask about).
_PARTICIPLE = re.compile(
    r",\s+(?:thereby\s+)?(?:allowing|enabling|permitting)\s+(?P<whom>[A-Z][\w’'-]*(?:\s+[a-z]+){0,2}|it|them)\s+to\s+(?P<what>[a-z][^,;:()]{8,90})"
)
_PROVIDED_WITH = re.compile(
    r"\b(?:provided|supplied|equipped)\s+(?P<whom>[A-Z][\w’'-]*(?:\s+[a-z]+){0,2})\s+with\s+(?P<thing>[a-z][a-z -]{2,40}?)\s+"
    r"to\s+(?P<what>[a-z][^,;:()]{8,90})"
)
# A body named in three words or more ("the Cyber Defence Trust Fund", "the Strategic Communications Centre of
# Excellence"): what its support made possible is that body's, not what all of an alliance's aid did.
MIN_BODY_WORDS = 3


@dataclass(frozen=True)
class Enabled:
    sentence: Sentence
    subject: str  # "The HIMARS systems"
    verb: str  # "enabled"
    perfect: bool  # "has enabled"
    whom: str  # "Ukraine", "Ukrainian forces"
    what: str  # "launch strikes deep behind Russian lines"


def _match_enabled(ctx: Context, sentence: Sentence) -> Enabled | None:
    m = _ENABLED.match(DISCOURSE_OPENERS.sub("", _clean(sentence.text)))
    if m is None:
        return None
    if re.search(r"\b(?:not|only)\b", m.group("whom")):
        return None  # "allowed Ukraine not only to hold … but also to regain …": two deeds, neither alone
    what = _SECOND_DEED.sub("", m.group("what")).strip()
    subject = m.group("subject").strip()
    if _UMBRELLA.match(subject):
        return None
    if not MIN_WHAT_WORDS <= word_count(what) <= MAX_WHAT_WORDS or not fragment_stands_alone(what):
        return None
    return Enabled(sentence, subject, m.group("verb"), bool(m.group("perfect")), m.group("whom"), what)


def find_enabled(ctx: Context) -> list[Enabled]:
    out: list[Enabled] = []
    seen: set[str] = set()
    for sentence in ctx.facts.sentences:
        if not sentence_stands_alone(ctx, sentence):
            continue
        found = _match_enabled(ctx, sentence)
        if found is None or not fragment_stands_alone(found.subject) or normalise_text(found.what) in seen:
            continue
        seen.add(normalise_text(found.what))
        out.append(found)
    return out


def wrong_only_enabled(ctx: Context, asked: list[Enabled]) -> list[Enabled]:
    """What things enabled in sentences that cannot be asked themselves ("The deployment of these systems has
    allowed Ukraine to intercept incoming missiles": the subject points back): the deed still stands alone,
    so it is a fair wrong option, and since it is never asked no other question's key is printed."""
    seen = {normalise_text(e.what) for e in asked}
    out: list[Enabled] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or sentence_stands_alone(ctx, sentence):
            continue
        found = _match_enabled(ctx, sentence)
        # The subject is a noun phrase and no umbrella anywhere in it ("This military assistance has proven
        # critical as it has allowed …" is a clause; what the assistance allowed, every system under it did too).
        if found is None or _CLAUSE_VERB.search(found.subject) or _UMBRELLA_WORD.search(found.subject):
            continue
        if normalise_text(found.what) not in seen:
            seen.add(normalise_text(found.what))
            out.append(found)
    return out


_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|may|should|must|can|not|never)\b", re.I)


def credited_clauses(ctx: Context, known: list[Enabled]) -> list[tuple[Enabled, bool, set[str]]]:
    """What a clause made possible ("…, allowing it to respond effectively to Russian cyber threats"; "… provided
    Ukraine with resources to counteract Russian propaganda"), each with whether the clause names a weapons system
    and the kinds of those it names: wrong options only, never asked. Not when the clause is an umbrella ("the
    supply of advanced weapons systems, allowing Ukraine to …": what all the aid made possible, each thing under it
    did too) unless a body named in three words or more gives the support (a fund's, a centre's: its own deed);
    not a deed that is only possible or denied ("would provide …", "has not allowed …")."""
    seen = {normalise_text(e.what) for e in known}
    out: list[tuple[Enabled, bool, set[str]]] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"}:
            continue
        text = DISCOURSE_OPENERS.sub("", _clean(sentence.text))
        m = _PARTICIPLE.search(text) or _PROVIDED_WITH.search(text)
        if m is None:
            continue
        clause = text[: m.start()] if m.re is _PARTICIPLE else text[: m.end("thing")]
        mentions = ctx.facts.mentions.get(sentence.start, [])
        bodies = [
            x
            for x in mentions
            if x.kind in {"programme", "organisation"} and len(x.surface.split()) >= MIN_BODY_WORDS and x.surface in clause
        ]
        if _HYPOTHETICAL.search(clause) or re.search(r"\b(?:not|only)\b", m.group("whom")):
            continue
        if _UMBRELLA_WORD.search(clause) and not bodies:
            continue
        what = _SECOND_DEED.sub("", m.group("what")).strip()
        if not MIN_WHAT_WORDS <= word_count(what) <= MAX_WHAT_WORDS or not fragment_stands_alone(what):
            continue
        if normalise_text(what) in seen:
            continue
        seen.add(normalise_text(what))
        systems = [x for x in mentions if x.kind == "system" and x.surface in clause]
        kinds = {x.category for x in systems if x.source == "lexicon"}
        subject = bodies[0].surface if bodies else clause
        out.append((Enabled(sentence, subject, "enabled", False, m.group("whom"), what), bool(systems), kinds))
    return out


def _names_a_weapon(ctx: Context, item: Enabled, *, back: bool) -> bool:
    """Whether the thing that enabled is a weapons system (any the sentence names in its subject, or the sentence
    before's when the subject points back), found by the pack or by rule."""
    subject = normalise_text(item.subject)
    return any(
        m.kind == "system" and (back or normalise_text(m.surface) in subject)
        for s in _with_the_one_before(ctx, item.sentence, back=back)
        for m in ctx.facts.mentions.get(s.start, [])
    )


def _with_the_one_before(ctx: Context, sentence: Sentence, *, back: bool) -> list[Sentence]:
    """The sentence, and the one before it in its section when its subject points back."""
    if not back:
        return [sentence]
    return [sentence] + [s for s in ctx.facts.sentences if s.section.order == sentence.section.order and s.index == sentence.index - 1]


def _system_categories(ctx: Context, sentence: Sentence, *, back: bool) -> set[str]:
    """The kinds of the systems a sentence names ("air-defence"), and the one before's when its subject points back;
    only the lexicon's kinds (a system found by a rule has the bare kind "system", which tells nothing)."""
    sentences = _with_the_one_before(ctx, sentence, back=back)
    return {m.category for s in sentences for m in ctx.facts.mentions.get(s.start, []) if m.kind == "system" and m.source == "lexicon"}


def build_enabled_questions(ctx: Context) -> list[QuestionDraft]:
    found = find_enabled(ctx)
    extra = wrong_only_enabled(ctx, found)
    credited = credited_clauses(ctx, [*found, *extra])
    if not found or len(found) + len(extra) + len(credited) < MIN_WRONG_OPTIONS + 2:
        return []
    kinds = [_system_categories(ctx, e.sentence, back=False) for e in found]
    kinds += [_system_categories(ctx, e.sentence, back=True) for e in extra]
    kinds += [k for _, _, k in credited]
    items = [*found, *extra, *(e for e, _, _ in credited)]
    weapons = [_names_a_weapon(ctx, e, back=False) for e in found] + [_names_a_weapon(ctx, e, back=True) for e in extra]
    weapons += [w for _, w, _ in credited]

    def fair(asked: int, option: int) -> bool:
        # Not another wording of the same deed, and not a deed of a thing of the same kind: what the Patriots
        # allowed ("intercept incoming missiles") may be true of the Stingers too, both air-defence systems.
        # And a weapon's deed only for a weapon: "intercept incoming missiles" offered for what NATO's intelligence
        # enabled was "the wrong kind of option" (blind review 19).
        return (
            len(_content(items[option].what) & _content(items[asked].what)) < 2
            and not kinds[asked] & kinds[option]
            and weapons[asked] == weapons[option]
        )

    # Held back as wrong options (never asked): the deeds of sentences that cannot be asked, then, while a
    # question lacks two fair wrong options, the askable one with the fewest (ties in a hash order).
    ranked = sorted(range(len(found)), key=lambda i: digest(ctx.reading_key, "enabled", found[i].sentence.start))
    held = list(range(len(found), len(items)))
    while True:
        options = {i: [o for o in held if fair(i, o)] for i in ranked if i not in held}
        short = [i for i in options if len(options[i]) < MIN_WRONG_OPTIONS]
        if not short:
            break
        held.append(min(short, key=lambda i: (len(options[i]), ranked.index(i))))
    out: list[QuestionDraft] = []
    for i, chosen in options.items():
        item = found[i]
        wrong = [_capital(items[o].what) for o in chosen[:WRONG_OPTIONS]]
        if len(wrong) < MIN_WRONG_OPTIONS:
            continue
        subject = _lower_first(ctx, item.sentence, item.subject)
        stem = (
            f"What, according to the reading, {'has' if item.perfect else 'did'} {subject} "
            f"{item.verb if item.perfect else _BASE[item.verb]} {item.whom} to do?"
        )
        draft = _sentence_draft(
            ctx,
            item.sentence,
            QuestionType.SINGLE_CHOICE,
            ("enabled", item.sentence.start),
            stem=stem,
            answer={},
            title=f"Enabled: {item.subject[:60]}",
        )
        _one_correct(draft, _capital(item.what), wrong)
        notes = [f"what the reading says {item.subject} {item.verb}", "options: what the reading says other things enabled"]
        group = _sentence_group(ctx, item.sentence)
        out.append(_finish(draft, kind="enabled", group=group, quality=0.75, notes=notes, evidence_any=[item.what]))
        if weapons[i]:
            # A weapon credited with a weapon of another class's deed is false by the reading; what a clause made
            # possible may be what a thing that is no weapon did too ("the intelligence provided by NATO has enabled
            # Ukraine to respond effectively to Russian cyber threats": blind review 37, rejected by both).
            out.append(_false_statement(ctx, item, subject, items[chosen[0]].what, group))
    return out


def _false_statement(ctx: Context, item: Enabled, subject: str, wrong: str, group: str) -> QuestionDraft:
    """The same question as a statement keyed False: the weapon credited with the first wrong option's deed, which the
    reading gives to a weapon of another class (``fair``), so it is false by the reading and not true in passing. Worded
    by the reading's own verb and tense, never the sentence itself, so no word-for-word ring gives it away; one group
    with the single choice, so a quiz shows one of the two."""
    verb = f"has {item.verb}" if item.perfect else item.verb
    stem = f"True or false? According to the reading, {subject} {verb} {item.whom} to {wrong}."
    draft = _sentence_draft(
        ctx,
        item.sentence,
        QuestionType.TRUE_FALSE,
        ("enabled-false", item.sentence.start),
        stem=stem,
        answer={"correct": False},
        title=f"Enabled (true or false): {item.subject[:50]}",
    )
    draft.meta["tf_original"], draft.meta["tf_swapped"] = item.what, wrong
    notes = [f"what the reading says {item.subject} {item.verb}, stated with another thing's deed", "false by the reading"]
    return _finish(draft, kind="enabled", group=group, quality=0.6, notes=notes, evidence_any=[item.what])
