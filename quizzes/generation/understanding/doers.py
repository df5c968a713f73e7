"""Who did one act, all of them: "According to the reading, who co-hosted the meeting of the Ukraine Defense Contact
Group on June 4? Select all that apply."

A passive sentence whose agent is a list of named people and nothing else names every one who did the act:
"The meeting was co-hosted by German Defense Minister Boris Pistorius and UK Defense Secretary John Healey." The
select-all's key is that set, so anyone else is surely wrong by the reading; the wrong options are people of the
same kind of office (``Context.distractors``: the reading's own first, the domain pack's of the reading's era), so
the roles alone do not tell the doers apart from the rest.

Precision first, found by shape only:

- the act is running a meeting (``ACTS``: hosted, co-hosted, chaired, moderated …), in the past ("was/were …
  by"): one meeting has one set of hosts; what somebody supported, discussed or said is no single act with a
  complete set of doers, and a signing's same-office options are absurd (any president of the era);
- the agent is two or more people, each with the role the reading gives, joined by "and", commas or "together
  with"; anything else in it ("leaders including …", "such as") makes it a sample, not the set;
- the meeting is a summit the sentence names ("The Vilnius Summit was hosted by …"), or "The meeting" (talks,
  session …) when the sentence before says which body convened or met: the stem then names that body's meeting
  and its day ("the meeting of the Ukraine Defense Contact Group on June 4"), as the sentence before does;
- no word of a doer's role (their country) is in the stem, and at least two fair wrong options remain.
"""

from __future__ import annotations

import re

from quizzes.generation.builders import Context, QuestionDraft, _base
from quizzes.generation.builders.drafts import _all_correct, _as_written
from quizzes.generation.extract import Mention
from quizzes.generation.text import Sentence, contains_term, digest
from quizzes.generation.understanding.sentences import _fact_key, _finish, _sentence_group, fragment_stands_alone
from quizzes.models import QuestionType

# What is done to a meeting by those who run it: each meeting has one set of hosts or chairs, which the sentence
# names in full. Other deeds are left out: a declaration "signed by" two presidents would be offered with any
# presidents of the era (Putin among the signers of a US-Korean declaration), options no reviewer keeps.
ACTS = frozenset(
    {"hosted", "co-hosted", "chaired", "co-chaired", "led", "co-led", "opened", "moderated", "convened", "organised", "organized"}
)
_PASSIVE = re.compile(r"^(?P<subject>.+?)\s+(?:was|were)\s+(?:jointly\s+)?(?P<verb>[a-z-]+)\s+by\s+(?P<agent>.+?)\.$")
# What may stand between the doers of the agent: a list's commas and "and", or "together with".
_JOINERS = re.compile(r"^(?:,?\s+and\s+|,\s+|\s+together\s+with\s+|,\s+together\s+with\s+)$")
# A list that gives examples or a part of the doers.
_SAMPLE = re.compile(r"\b(?:like|such as|including|for example|for instance|among (?:them|others)|others)\b", re.I)
# "The meeting …" after the sentence saying which body met: a meeting is what convening or meeting makes.
_MEETING = re.compile(r"^The\s+(?P<noun>meeting|talks|session|gathering|conference)$")
_MET = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:convened|met|gathered)\b")
MIN_WRONG, WRONG_OPTIONS = 2, 3


def _doers(sentence: Sentence, mentions: list[Mention], at: int, end: int) -> list[Mention] | None:
    """The people the agent (``sentence.text[at:end]``) names, when it names them and nothing else: each with its role."""
    people = sorted((m for m in mentions if m.kind == "person_role" and at <= m.start and m.end <= end), key=lambda m: m.start)
    if len(people) < 2 or len({m.value for m in people}) != len(people):
        return None
    cursor = at
    for i, person in enumerate(people):
        span = person.data.get("role_span")
        if not span:
            return None  # a bare name says nothing of the office the wrong options must share
        begin = min(int(span[0]), person.start)
        if begin < cursor or (begin != cursor if i == 0 else not _JOINERS.match(sentence.text[cursor:begin])):
            return None
        cursor = person.end
    return people if cursor == end else None


def _previous(ctx: Context, sentence: Sentence) -> Sentence | None:
    return next((s for s in ctx.facts.sentences if s.section is sentence.section and s.index == sentence.index - 1), None)


def _meeting_of(ctx: Context, sentence: Sentence, subject: str) -> str:
    """ "the meeting of the Ukraine Defense Contact Group on June 4" for "The meeting" after "Earlier on Wednesday
    (June 4), the Ukraine Defense Contact Group (UDCG) convened at …", or ""."""
    found = _MEETING.match(subject)
    previous = _previous(ctx, sentence)
    if found is None or previous is None or not ctx.facts.stands_alone(previous):
        return ""
    mentions = ctx.facts.mentions.get(previous.start, [])
    body = next((m for m in mentions if m.kind in {"organisation", "summit"} and _MET.match(previous.text[m.end :])), None)
    if body is None:
        return ""
    days = [m for m in mentions if m.kind == "date" and m.data.get("day")]
    day = f" on {days[0].surface}" if len(days) == 1 else ""
    article = "the " if re.search(r"\bthe\s+$", previous.text[: body.start]) else ""
    return f"the {found.group('noun')} of {article}{body.value}{day}"


def _subject(ctx: Context, sentence: Sentence, subject: str) -> str:
    """The meeting, as the stem names it: a summit the sentence opens with ("The Vilnius Summit was hosted by …"), or
    a meeting the sentence before reports; "" when the subject is neither."""
    problems = ctx.facts.problems.get(sentence.start, [])
    if problems == ["unresolved reference (the … of an earlier sentence)"]:
        return _meeting_of(ctx, sentence, subject)
    if problems or not fragment_stands_alone(subject):
        return ""
    mentions = ctx.facts.mentions.get(sentence.start, [])
    opening = re.sub(r"^The\s+", "", subject)
    named = any(m.kind == "summit" and m.surface == opening for m in mentions)
    return "the " + opening if named and subject.startswith("The ") else opening if named else ""


def _wrong(ctx: Context, sentence: Sentence, people: list[Mention], key: str, verb: str, context: str) -> list[str]:
    """Wrong options: people of the doers' offices, taken in turn from each doer's pool; none the quoted text names,
    none the reading shows doing the same deed elsewhere."""
    names = [n for m in people for n in m.names]
    pools = [ctx.distractors(m, sentence, key=key, count=WRONG_OPTIONS + 2, avoid=names) for m in people]
    out: list[str] = []
    for rank in range(max(len(p) for p in pools)):
        for pool in pools:
            if rank >= len(pool) or pool[rank] in out or contains_term(context, pool[rank]):
                continue
            if any(contains_term(s.text, pool[rank]) and re.search(rf"\b{re.escape(verb)}\b", s.text) for s in ctx.facts.sentences):
                continue
            out.append(pool[rank])
    return out[:WRONG_OPTIONS]


def build_doer_questions(ctx: Context) -> list[QuestionDraft]:
    out: list[QuestionDraft] = []
    for sentence in ctx.facts.sentences:
        if sentence.section.kind not in {"body", "conclusion", "abstract"} or ctx.facts.speaker(sentence):
            continue
        found = _PASSIVE.match(sentence.text[sentence.lead :])
        if found is None or found.group("verb") not in ACTS or _SAMPLE.search(found.group("agent")):
            continue
        at = sentence.lead + found.start("agent")
        people = _doers(sentence, ctx.facts.mentions.get(sentence.start, []), at, sentence.lead + found.end("agent"))
        if people is None:
            continue
        subject = _subject(ctx, sentence, found.group("subject"))
        if not subject:
            continue
        roles = {w for m in people for w in re.findall(r"[A-Z][\w-]*", str(m.data.get("role", "")))}
        offices = {w for m in people for w in str(m.data.get("office", "")).split()}
        if any(re.search(rf"\b{re.escape(w)}\b", subject) for w in roles - offices):
            continue  # "the German-British talks": the roles name the doers
        # A subject resolved against the sentence before ("The meeting"): the question leans on that sentence too.
        previous = _previous(ctx, sentence) if ctx.facts.problems.get(sentence.start) else None
        context = sentence.text + (" " + previous.text if previous is not None else "")
        key = digest(ctx.reading_key, "doers", sentence.start)
        wrong = _wrong(ctx, sentence, people, key, found.group("verb"), context)
        if len(wrong) < MIN_WRONG:
            continue
        draft = _base(
            ctx,
            sentence,
            QuestionType.MULTIPLE_RESPONSE,
            ("doers", sentence.start),
            stem=f"According to the reading, who {found.group('verb')} {subject}? Select all that apply.",
            answer={},
            topic="people-and-roles",
            fact_key=next((f.key for f in ctx.by_sentence.get(sentence.start, []) if f.mention is people[0]), _fact_key(ctx, sentence)),
            title=f"Who {found.group('verb')} {subject}"[:80],
        )
        if previous is not None:
            # Asked with the sentence it leans on, as a context pair is (``builders.pairs``): the passage cites both,
            # the question is about the second (its exclusion group and the sentence it spans).
            draft.passage = sentence.section.text[previous.start - sentence.section.start : sentence.end - sentence.section.start]
            draft.start = previous.start
            draft.explanation = f"The reading says: “{' '.join(draft.passage.split())}”"
            draft.meta["asks_sentence"] = [sentence.start, sentence.end]
        _all_correct(draft, [_as_written(m, sentence.text) for m in people], wrong)
        notes = ["every person a sentence names as doing one act", "wrong options: people of the same offices"]
        out.append(_finish(draft, kind="doers", group=_sentence_group(ctx, sentence), quality=0.7, notes=notes))
    return out
