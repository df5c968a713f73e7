"""`python manage.py generation_sample --corpus tests/corpus --seed 2026 --count 40 [--json]`

Generates question banks over a folder of readings in memory (nothing is saved) and prints a
fixed-seed random sample across them for a blind review: reading, type, stem, options, key and
the passage each question comes from. The same seed and the same code give the same sample.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from courseware.ingest.pipeline import parse_reading
from quizzes.generation.builders import QuestionDraft
from quizzes.generation.lexicon import lexicon_from_data, lexicon_seed_data
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType

READABLE = {".md", ".txt", ".html", ".htm", ".pdf", ".docx"}


def reading_files(corpus: Path) -> list[Path]:
    """The readings a manifest lists, or every readable file of the folder (README excluded)."""
    manifest = corpus / "manifest.json"
    if manifest.exists():
        return [corpus / entry["file"] for entry in json.loads(manifest.read_text(encoding="utf-8"))]
    return sorted(p for p in corpus.iterdir() if p.suffix.lower() in READABLE and p.stem.lower() != "readme")


def key_text(q: QuestionDraft) -> str:
    """The key as a reviewer reads it."""
    answer, choices = q.answer, q.choices
    if q.type in {QuestionType.CLOZE, QuestionType.SHORT_ANSWER}:
        return " / ".join(answer["accepted"])
    if q.type == QuestionType.SINGLE_CHOICE:
        return next(c["text"] for c in choices if c["id"] == answer["correct"])
    if q.type == QuestionType.MULTIPLE_RESPONSE:
        return "; ".join(c["text"] for c in choices if c["id"] in answer["correct"])
    if q.type == QuestionType.TRUE_FALSE:
        swapped = q.meta.get("tf_swapped")
        return "True" if answer["correct"] else f"False ({q.meta.get('tf_original')} → {swapped})" if swapped else "False"
    if q.type == QuestionType.NUMERIC:
        shown = (
            f"{answer['value']:g} {answer.get('unit', '')}".strip()
            if isinstance(answer["value"], float)
            else f"{answer['value']} {answer.get('unit', '')}".strip()
        )
        # What the grading accepts, as the reviewer must know it: "280 billion USD (± 14)".
        return f"{shown} (± {answer['tolerance']:g})" if answer.get("tolerance") else shown
    if q.type == QuestionType.MATCHING:
        left = {c["id"]: c["text"] for c in choices["left"]}
        right = {c["id"]: c["text"] for c in choices["right"]}
        return "; ".join(f"{left[a]} → {right[b]}" for a, b in answer["pairs"].items())
    if q.type == QuestionType.ORDERING:
        texts = {c["id"]: c["text"] for c in choices}
        return " < ".join(texts[i] for i in answer["order"])
    return json.dumps(answer)


def options_text(q: QuestionDraft) -> str:
    if isinstance(q.choices, list) and q.type != QuestionType.ORDERING:
        return " | ".join(c["text"] for c in q.choices)
    if isinstance(q.choices, dict):
        return " | ".join(c["text"] for c in q.choices["left"]) + " ‖ " + " | ".join(c["text"] for c in q.choices["right"])
    if q.type == QuestionType.ORDERING:
        return " | ".join(c["text"] for c in q.choices)
    return ""


def sample(
    questions: dict[str, list[QuestionDraft]], *, seed: int, count: int, group_mates: bool = False
) -> list[tuple[str, QuestionDraft]]:
    """``count`` questions drawn with ``seed``: readings in turn (shuffled), a random question of each, until enough.

    Like a quiz draw, the sample never takes two questions of one exclusion group (two questions on
    one sentence would give each other away), so a reviewer judges what a student could be shown.
    ``group_mates`` lifts that rule: a bank smaller than ``count`` groups still gives ``count``
    questions, each of which a quiz could show on its own.
    """
    rng = random.Random(seed)
    pools = {name: rng.sample(qs, len(qs)) for name, qs in sorted(questions.items()) if qs}
    order = sorted(pools)
    rng.shuffle(order)
    out: list[tuple[str, QuestionDraft]] = []
    groups: set[tuple[str, str]] = set()
    while len(out) < count and any(pools.values()):
        for name in order:
            while pools[name] and len(out) < count:
                q = pools[name].pop()
                if q.group and (name, q.group) in groups and not group_mates:
                    continue
                groups.add((name, q.group))
                out.append((name, q))
                break
    return out


class Command(BaseCommand):
    help = "Generate over a folder of readings in memory and print a fixed-seed sample of questions for a blind review."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--corpus", default="tests/corpus", help="folder of readings (a manifest.json there lists them)")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--count", type=int, default=40)
        parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
        parser.add_argument(
            "--group-mates",
            action="store_true",
            help="may take two questions of one exclusion group (a bank with fewer groups than --count)",
        )

    def handle(self, *args: Any, corpus: str, seed: int, count: int, json: bool, group_mates: bool, **options: Any) -> None:
        folder = Path(corpus)
        if not folder.is_dir():
            raise CommandError(f"No folder {folder}.")
        lexicon = lexicon_from_data(lexicon_seed_data())
        banks: dict[str, list[QuestionDraft]] = {}
        for path in reading_files(folder):
            parsed = parse_reading(path.read_bytes(), filename=path.name, max_bytes=10**7)
            sections = [SectionText(s.order, s.heading, s.kind, s.language, s.text, s.start) for s in parsed.sections]
            result = generate(
                reading_key=parsed.checksum,
                cleaned_text=parsed.cleaned_text,
                sections=sections,
                lexicon=lexicon,
                title=parsed.title or "",
                published_on=parsed.published_on,
            )
            banks[path.name] = result.questions
        rows: list[dict[str, Any]] = [
            {
                "n": i,
                "reading": name,
                "type": str(q.type),
                "stem": q.stem,
                "options": options_text(q),
                "key": key_text(q),
                "passage": q.passage,
                "quality": q.quality,
            }
            for i, (name, q) in enumerate(sample(banks, seed=seed, count=count, group_mates=group_mates), start=1)
        ]
        if json:
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            self.stdout.write(
                f"{row['n']:>2}. [{row['reading']}] {row['type']} (quality {row['quality']:.2f})\n"
                f"    Q: {row['stem']}\n"
                + (f"    Options: {row['options']}\n" if row["options"] else "")
                + f"    Key: {row['key']}\n    Passage: {row['passage'][:400]}\n"
            )
        self.stdout.write(f"{len(rows)} questions from {sum(1 for b in banks.values() if b)} readings (seed {seed}).")


def _dumps(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1)
