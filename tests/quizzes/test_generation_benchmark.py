"""How long generating one reading of about 6,000 words takes on one core: prints figures, asserts
only that the work was done (never a time threshold in a test).

Run: `.venv/bin/python -m pytest tests/quizzes/test_generation_benchmark.py -m benchmark -s`

CPU time (``time.process_time``) is what "on one core" means and does not count waiting for a
shared machine; wall time is printed beside it. A process loads the word lists (wordfreq,
lemminflect) and the gazetteers once: a worker does it at start (``generation_warm_up``), and the
warm-up is timed on its own here.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from django.conf import settings

from courseware.ingest.pipeline import parse_reading
from quizzes.generation.pipeline import generate, generation_warm_up
from quizzes.generation.text import SectionText
from tests.quizzes.seed_readings import seed_lexicon

READINGS = [
    Path(settings.BASE_DIR) / "seeds" / "002_d5b0e1543fdd7663.txt",
    Path(settings.BASE_DIR) / "tests" / "corpus" / "whitehouse-press-briefing-vilnius-2023.md",
]
RUNS = 5


@pytest.mark.benchmark
@pytest.mark.parametrize("path", READINGS, ids=lambda p: p.name)
def test_generating_a_6000_word_reading(path):
    parsed = parse_reading(path.read_bytes(), filename=path.name, max_bytes=10**7)
    sections = [SectionText(s.order, s.heading, s.kind, s.language, s.text, s.start) for s in parsed.sections]
    lexicon = seed_lexicon()
    started = time.process_time()
    generation_warm_up()
    warm_up = time.process_time() - started
    cpu, wall, counts = [], [], []
    for _ in range(RUNS):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        result = generate(
            reading_key=parsed.checksum,
            cleaned_text=parsed.cleaned_text,
            sections=sections,
            lexicon=lexicon,
            title=parsed.title or "",
        )
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
        counts.append(len(result.questions))
    print(
        f"\n[benchmark] generation, {path.name} ({len(parsed.cleaned_text.split())} words, {counts[-1]} questions): "
        f"warm-up {warm_up:.2f} s CPU; first run {cpu[0]:.2f} s CPU ({wall[0]:.2f} s wall); then median {statistics.median(cpu[1:]):.2f} s CPU "
        f"({statistics.median(wall[1:]):.2f} s wall), max {max(cpu[1:]):.2f} s CPU"
    )
    assert counts[0] > 0 and len(set(counts)) == 1, "every run generates the same bank"
