"""Server-rendered SVG charts: horizontal bars and a line over time.

No JavaScript and no external asset (agencies' networks are often closed, DESIGN.md): the SVG is
inline in the page. Each chart has a <title> and <desc> referenced by aria-labelledby, and the
page shows the same numbers in a table beside it, for screen readers and for printing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_ids = itertools.count(1)

WIDTH = 560
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
VALUE_WIDTH = 60
# Colours of the stylesheet's palette, distinguishable in grey too; the second series is dashed.
COLOURS = ("#1f5fa8", "#c0392b")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]


def _frame(title: str, desc: str, height: int, body: str) -> SafeString:
    n = next(_ids)
    return format_html(
        '<svg class="chart" role="img" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'aria-labelledby="chart-{n}-t chart-{n}-d">'
        '<title id="chart-{n}-t">{title}</title><desc id="chart-{n}-d">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        n=n,
        title=title,
        desc=desc,
        body=mark_safe(body),  # built by the functions below from escaped parts only
    )


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(*, title: str, desc: str, items: Sequence[tuple[str, int]]) -> SafeString:
    """One horizontal bar per item, scaled to the largest value, the value written at its end."""
    height = max(1, len(items)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    top = max([value for _label, value in items] or [0]) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    parts = []
    for i, (label, value) in enumerate(items):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        length = round(span * value / top)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="{COLOURS[0]}"><title>{escape(label)}: {value}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 15}" font-size="12">{value}</text>'
        )
    return _frame(title, desc, height, "".join(parts))


def line_chart(
    *, title: str, desc: str, labels: Sequence[str], series: Sequence[Series]
) -> SafeString:
    """One line per series over the labels (months), with the points marked and a legend."""
    height, left, right, top_pad, bottom = 240, 40, 10, 24, 40
    plot_w, plot_h = WIDTH - left - right, height - top_pad - bottom
    top = max([v for s in series for v in s.values] or [0]) or 1
    step = plot_w / max(1, len(labels) - 1)
    parts = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{WIDTH - right}" y2="{top_pad + plot_h}" '
        'stroke="#888"/>',
        f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{left - 4}" y="{top_pad + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    every = max(1, len(labels) // 12)
    for i, label in enumerate(labels):
        if i % every == 0:
            x = left + i * step
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="11">{escape(label)}</text>'
            )
    for n, s in enumerate(series):
        colour = COLOURS[n % len(COLOURS)]
        points = [
            (left + i * step, top_pad + plot_h - plot_h * v / top) for i, v in enumerate(s.values)
        ]
        dash = ' stroke-dasharray="6 4"' if n else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        for (x, y), v, label in zip(points, s.values, labels, strict=False):
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(s.name)} {escape(label)}: {v}</title></circle>"
            )
        parts.append(
            f'<rect x="{left + n * 160}" y="4" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + n * 160 + 16}" y="14" font-size="12">{escape(s.name)}</text>'
        )
    return _frame(title, desc, height, "".join(parts))
