"""POST bodies of the question editor, as a browser without JavaScript would send them."""

from __future__ import annotations

from typing import Any

COMMON = {"q-stem": "", "q-explanation": "", "q-topic": "aid", "q-points": "1", "q-exclusion_group": ""}


def editor_post(
    qtype: str, *, stem: str, settings: dict[str, Any] | None = None, button: str = "save", **formsets: list[dict[str, Any]]
) -> dict[str, Any]:
    """The editor's fields: ``q-`` common fields, ``s-`` settings, and each formset's rows with
    its management form (rows given as field -> value, ``ORDER`` = position)."""
    data: dict[str, Any] = {**COMMON, "type": qtype, "q-stem": stem, button: "1"}
    for name, value in (settings or {}).items():
        if value is not False:
            data[f"s-{name}"] = "on" if value is True else value
    for prefix, rows in formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for n, row in enumerate(rows):
            for field, value in row.items():
                if value is True:
                    data[f"{prefix}-{n}-{field}"] = "on"
                elif value is not False and value is not None:
                    data[f"{prefix}-{n}-{field}"] = value
    return data
