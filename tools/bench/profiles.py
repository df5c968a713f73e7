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
# Where the work of each request group (and of grading) starts: a frame containing this text.
ENTRY_POINTS = {
    "start": "AttemptStartApi.post",
    "save": "ResponseSaveApi.put",
    "submit": "AttemptSubmitApi.post",
    "page / result / poll": "AttemptDetailApi.get",
    "events": "attempt_events (",
    "grade": "_grade_batch (",
}


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


def _is_own(frame: str) -> bool:
    return bool(re.search(r"\((?:quizzes|courseware|config)/", frame))


def by_entry_point(stacks: list[tuple[list[str], int]], *, top: int = 8) -> list[str]:
    """For each request group: its share of all samples, and where inside it they fell (the
    deepest frame of our code and what it called: usually one query or one library call)."""
    total = sum(count for _, count in stacks) or 1
    lines = []
    for group, marker in ENTRY_POINTS.items():
        parts: Counter[str] = Counter()
        for frames, count in stacks:
            starts = [i for i, frame in enumerate(frames) if marker in frame]
            if not starts:
                continue
            below = frames[starts[0] :]
            own = [i for i, frame in enumerate(below) if _is_own(frame)]
            deepest = own[-1] if own else 0
            # Skip Django's manager proxy so the callee names the queryset method (bulk_update ...).
            rest = [frame for frame in below[deepest + 1 :] if "manager_method" not in frame]
            callee = rest[0] if rest else "(itself)"
            parts[f"{_label_line(below[deepest])} -> {_label_line(callee)}"] += count
        group_total = sum(parts.values())
        if not group_total:
            continue
        lines.append(f"{group}: {100 * group_total / total:.1f}% of all samples")
        lines += [f"  {100 * n / group_total:5.1f}%  {where}" for where, n in parts.most_common(top)]
    return lines


def _label_line(frame: str) -> str:
    """``function (file:line)`` with the file shortened to its last two path parts."""
    match = _FRAME.match(frame.strip())
    if not match:
        return frame.strip()[:80]
    file = "/".join(match.group("file").split("/")[-2:])
    line = f":{match.group('line')}" if match.group("line") else ""
    return f"{match.group('function')} ({file}{line})"


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
    lines = [f"{path.name}: {total} samples", "", "by request group (deepest frame of our code -> what it called):"]
    lines += by_entry_point(stacks)
    lines += ["", "our functions, inclusive % of samples:"]
    lines += [f"  {100 * n / total:5.1f}%  {label}" for label, n in inclusive.most_common(top)]
    lines += ["", "where the CPU was when sampled (leaf frame's library or our file), self %:"]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in leaf_library.most_common(15)]
    return "\n".join(lines)


def summarise_all(paths: list[Path]) -> str:
    return "\n\n".join(summarise(path) for path in paths)
