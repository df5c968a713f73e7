"""Server-drawn charts: geometry computed here, drawn by templates/courseware/partials/bar_chart.html."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BAR_MAX = 200  # px of the 400 px wide chart; the rest holds the label and the value


@dataclass(frozen=True)
class Bar:
    """One bar of a server-drawn SVG bar chart: ``value`` is 0..1."""

    label: str
    value: float
    text: str
    y: int
    css: str = ""  # a class for the bar; empty = coloured by level (low / mid / high)

    @property
    def width(self) -> int:
        return round(max(0.0, min(1.0, self.value)) * BAR_MAX)

    @property
    def level(self) -> str:
        if self.css:
            return self.css
        return "low" if self.value < 0.4 else "mid" if self.value < 0.7 else "high"


def chart_bars(items: list[tuple[Any, ...]]) -> dict[str, Any]:
    """Geometry for templates/courseware/partials/bar_chart.html (24 px per bar). Items are
    (label, value 0..1, text shown after the bar[, css class of the bar])."""
    bars = [Bar(str(item[0]), float(item[1]), str(item[2]), i * 24, str(item[3]) if len(item) > 3 else "") for i, item in enumerate(items)]
    return {"bars": bars, "height": max(24, len(bars) * 24)}
