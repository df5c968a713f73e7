"""Summaries of py-spy's raw (collapsed-stack) profiles: where the CPU of the web server and the
workers went during a scenario, by request group, by our own functions and by library.

py-spy leaves out threads it sees idle, so these are mostly CPU profiles; but psycopg waits
for the server's answer in a loop py-spy counts as active, so psycopg frames include the time
spent waiting for PostgreSQL. Compare ``cpu_s`` for the CPU alone.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
OWN_CODE = ("quizzes/", "courseware/", "config/")


def _parse(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks.append((frames.split(";"), int(count)))
    return stacks


def _label(frame: str) -> str:
    """``function (file)`` without the line number, the file shortened to the project or library path."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    file = match.group("file")
    for marker in ("site-packages/", "/work/main/", "python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{match.group('function')} ({file})"


def _library(label: str) -> str:
    file = label.rsplit("(", 1)[-1].rstrip(")")
    if file.startswith(OWN_CODE):
        return file
    return file.split("/", 1)[0] if "/" in file else file


def summarise(path: Path, *, top: int = 25) -> str:
    stacks = _parse(path)
    total = sum(count for _, count in stacks) or 1
    inclusive: Counter[str] = Counter()
    leaf_library: Counter[str] = Counter()
    for frames, count in stacks:
        labels = [_label(f) for f in frames]
        for label in set(labels):
            if label.rsplit("(", 1)[-1].startswith(OWN_CODE):
                inclusive[label] += count
        leaf_library[_library(labels[-1])] += count
    lines = [f"{path.name}: {total} samples", "", "our functions, inclusive % of samples:"]
    lines += [f"  {100 * n / total:5.1f}%  {label}" for label, n in inclusive.most_common(top)]
    lines += ["", "where the CPU was when sampled (leaf frame's library or our file), self %:"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in leaf_library.most_common(15)]
    return "\n".join(lines)


def summarise_all(paths: list[Path]) -> str:
    return "\n\n".join(summarise(path) for path in paths)
