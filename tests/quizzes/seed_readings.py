"""Helpers shared by the generation tests: the seed readings through the real import, and
plain sections for the pure pipeline."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from courseware.ingest.pipeline import parse_reading
from courseware.models import Reading
from courseware.services.readings import reading_import
from demo.readings import DEMO_READINGS
from quizzes.generation.builders import QuestionDraft
from quizzes.generation.lexicon import Lexicon, lexicon_from_data, lexicon_seed_data
from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText, normalise_text

SEEDS = Path(settings.BASE_DIR) / "seeds"
UNSEEN = Path(__file__).parent / "data" / "kfor_reading.txt"


def import_seed_readings() -> list[Reading]:
    """The three seed readings imported exactly as ``load_seeds`` does."""
    return [
        reading_import(data=(SEEDS / name).read_bytes(), filename=name, title=title, kind=kind, generate_questions=False).reading
        for name, kind, title in DEMO_READINGS
    ]


def seed_lexicon() -> Lexicon:
    return lexicon_from_data(lexicon_seed_data())


def parsed_sections(path: Path) -> tuple[str, str, list[SectionText]]:
    """(checksum, cleaned text, sections) of a file, through the import pipeline but without the database."""
    parsed = parse_reading(path.read_bytes(), filename=path.name, max_bytes=10**7)
    sections = [SectionText(s.order, s.heading, s.kind, s.language, s.text, s.start) for s in parsed.sections]
    return parsed.checksum, parsed.cleaned_text, sections


def parsed_title(path: Path) -> str:
    return parse_reading(path.read_bytes(), filename=path.name, max_bytes=10**7).title or ""


def generate_file(path: Path, lexicon: Lexicon | None = None, title: str | None = None) -> GenerationResult:
    """Generation over one file as an import would see it (its title and date included), without the database."""
    parsed = parse_reading(path.read_bytes(), filename=path.name, max_bytes=10**7)
    sections = [SectionText(s.order, s.heading, s.kind, s.language, s.text, s.start) for s in parsed.sections]
    return generate(
        reading_key=parsed.checksum,
        cleaned_text=parsed.cleaned_text,
        sections=sections,
        lexicon=lexicon or seed_lexicon(),
        title=parsed.title or "" if title is None else title,
        published_on=parsed.published_on,
    )


def generate_body(text: str) -> list[QuestionDraft]:
    """The kept questions of a made-up reading: one untitled body section, the seed lexicon (the specification tests'
    readings)."""
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def generate_articles(title: str, articles: list[tuple[str, str]], reading_key: str) -> GenerationResult:
    """Generation over a treaty-like text: a title, then one body section per labelled article, at their offsets."""
    text = f"{title}\n\n" + "\n\n".join(f"{label}\n\n{body}" for label, body in articles)
    sections = [SectionText(0, title, "title", "en", "", 0)]
    at = len(f"{title}\n\n")
    for order, (label, body) in enumerate(articles, start=1):
        start = text.index(body, at)
        sections.append(SectionText(order, label, "body", "en", body, start))
        at = start + len(body)
    return generate(reading_key=reading_key, cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)
