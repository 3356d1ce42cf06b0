"""Charts for the offline HTML pages: inline SVG and CSS, no script, no network.

`tutor report` and `tutor progress --html` both write one self-contained file
that must open from a USB stick or a CI artifact, so every chart is generated
here as markup rather than drawn by a library fetched at view time.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

# Empty, then five steps from pale amber to deep red.
HEAT = ("#f1f3f5", "#ffe8a3", "#ffc56b", "#ff9a4d", "#f0603a", "#c22f2f")
INK = "#1f2933"
MUTED = "#66727f"
ACCENT = "#2f6fde"
GOOD = "#2e9e5b"

CSS = f"""
* {{ box-sizing: border-box; }}
body {{ font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: {INK}; margin: 0; background: #fafbfc; }}
main {{ max-width: 1220px; margin: 0 auto; padding: 24px 28px 60px; }}
h1 {{ font-size: 26px; margin: 0 0 4px; }}
h2 {{ font-size: 19px; margin: 34px 0 10px; border-bottom: 1px solid #dde2e7; padding-bottom: 4px; }}
h3 {{ font-size: 16px; margin: 0 0 6px; }}
a {{ color: {ACCENT}; text-decoration: none; }}
a:hover {{ text-decoration: underline; }}
.sub {{ color: {MUTED}; margin: 0 0 18px; }}
.cards {{ display: flex; gap: 14px; flex-wrap: wrap; margin: 14px 0; }}
.card {{ background: #fff; border: 1px solid #dde2e7; border-radius: 8px; padding: 10px 16px;
  min-width: 150px; }}
.card b {{ display: block; font-size: 24px; }}
.card span {{ color: {MUTED}; font-size: 13px; }}
table {{ border-collapse: collapse; background: #fff; }}
th, td {{ padding: 4px 8px; text-align: left; vertical-align: top; }}
table.list {{ width: 100%; border: 1px solid #dde2e7; }}
table.list tr + tr td {{ border-top: 1px solid #eef0f3; }}
table.list th {{ background: #f4f6f8; font-weight: 600; font-size: 13px; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.heat {{ border: 1px solid #dde2e7; font-size: 13px; }}
.heat th {{ font-weight: 600; text-align: center; padding: 4px 2px; min-width: 40px; }}
.heat th.who {{ text-align: left; min-width: 160px; }}
.heat td {{ text-align: center; padding: 4px 2px; border: 1px solid #fff;
  font-variant-numeric: tabular-nums; }}
.heat td.who {{ text-align: left; padding: 2px 8px; border: 0; white-space: nowrap; }}
.heat td.zero {{ color: #b8c0c8; }}
.heat td.hot {{ color: #fff; }}
.legend {{ display: flex; gap: 4px; align-items: center; font-size: 12px; color: {MUTED};
  margin: 8px 0; }}
.legend i {{ display: inline-block; width: 22px; height: 12px; border-radius: 2px; }}
.key {{ columns: 2; font-size: 13px; color: {MUTED}; margin: 8px 0 0; padding-left: 18px; }}
.bar {{ position: relative; height: 14px; background: #e9edf1; border-radius: 7px;
  overflow: hidden; min-width: 120px; }}
.bar i {{ position: absolute; left: 0; top: 0; bottom: 0; border-radius: 7px; }}
.learner {{ background: #fff; border: 1px solid #dde2e7; border-radius: 8px; padding: 12px 16px;
  margin: 12px 0; }}
.learner summary {{ cursor: pointer; color: {ACCENT}; margin-top: 6px; }}
.muted {{ color: {MUTED}; }}
.mono {{ font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }}
.tag {{ display: inline-block; font-size: 12px; border-radius: 10px; padding: 0 8px;
  background: #eef2f7; color: {MUTED}; white-space: nowrap; }}
.tag.good {{ background: #e3f4ea; color: {GOOD}; }}
svg text {{ font: 11px system-ui, sans-serif; fill: {MUTED}; }}
@media print {{ .learner {{ break-inside: avoid; }} }}
"""


def page(title: str, body: str) -> str:
    """A whole HTML document; everything it needs is inside it."""
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def heat_step(value: int, top: int) -> int:
    """0 for none, else 1..5 on a square-root scale, so one big count does not
    wash out everyone else's."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(5, round(5 * math.sqrt(value / top))))


def legend(top: int) -> str:
    steps = "".join(f"<i style='background:{colour}'></i>" for colour in HEAT)
    return f"<div class='legend'>none {steps} most ({top})</div>"


def bar(fraction: float, colour: str = ACCENT, label: str = "") -> str:
    """A horizontal bar filled to `fraction` (0..1)."""
    width = max(0.0, min(1.0, fraction)) * 100
    title = f" title='{escape(label)}'" if label else ""
    return f"<div class='bar'{title}><i style='width:{width:.1f}%;background:{colour}'></i></div>"


def sparkline(values: Sequence[float], width: int = 120, height: int = 26) -> str:
    """Bars, one per period, oldest first; an empty period is a thin baseline."""
    if not values:
        return ""
    top = max(values) or 1
    step = width / len(values)
    gap = min(2.0, step / 4)
    parts = []
    for index, value in enumerate(values):
        tall = max(1.5, (height - 2) * value / top) if value else 1.0
        colour = HEAT[heat_step(int(value), int(top))] if value else "#d5dbe1"
        x = index * step + gap / 2
        parts.append(
            f"<rect x='{x:.1f}' y='{height - tall:.1f}' width='{step - gap:.1f}' "
            f"height='{tall:.1f}' fill='{colour}'><title>{value:g}</title></rect>"
        )
    return (
        f"<svg width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        f"role='img' aria-label='trend'>{''.join(parts)}</svg>"
    )


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float]]],
    width: int = 760,
    height: int = 240,
    y_label: str = "",
) -> str:
    """A line per (name, colour, values) over the x `labels`, with a y axis from 0."""
    if not labels:
        return ""
    left, right, top_pad, bottom = 44, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max((value for _, _, values in series for value in values), default=0) or 1
    nice = _nice_ceiling(top)

    def x(index: int) -> float:
        return left + (plot_w * index / (len(labels) - 1) if len(labels) > 1 else plot_w / 2)

    def y(value: float) -> float:
        return top_pad + plot_h * (1 - value / nice)

    parts = []
    for tick in range(5):
        value = nice * tick / 4
        parts.append(
            f"<line x1='{left}' x2='{width - right}' y1='{y(value):.1f}' y2='{y(value):.1f}' "
            "stroke='#e3e7eb'/>"
            f"<text x='{left - 6}' y='{y(value) + 4:.1f}' text-anchor='end'>{value:g}</text>"
        )
    every = max(1, len(labels) // 10)
    for index, label in enumerate(labels):
        if index % every == 0 or index == len(labels) - 1:
            anchor = (
                "start"
                if index == 0 and len(labels) > 1
                else "end"
                if index == len(labels) - 1 and len(labels) > 1
                else "middle"
            )
            parts.append(
                f"<text x='{x(index):.1f}' y='{height - bottom + 16}' "
                f"text-anchor='{anchor}'>{escape(label)}</text>"
            )
    for name, colour, values in series:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(
            f"<polyline points='{points}' fill='none' stroke='{colour}' stroke-width='2.5'/>"
        )
        for index, value in enumerate(values):
            parts.append(
                f"<circle cx='{x(index):.1f}' cy='{y(value):.1f}' r='3.5' fill='{colour}'>"
                f"<title>{escape(name)}, {escape(labels[index])}: {value:g}</title></circle>"
            )
    if y_label:
        parts.append(f"<text x='{left}' y='{height - 6}'>{escape(y_label)}</text>")
    names = "".join(
        f"<tspan fill='{colour}' dx='12'>\u25a0 {escape(name)}</tspan>"
        for name, colour, _ in series
    )
    if len(series) > 1:
        parts.append(f"<text x='{width - right}' y='{height - 6}' text-anchor='end'>{names}</text>")
    return (
        f"<svg width='{width}' height='{height}' viewBox='0 0 {width} {height}' role='img' "
        f"aria-label='{escape(y_label or 'chart')}'>{''.join(parts)}</svg>"
    )


def _nice_ceiling(value: float) -> float:
    """The next 1, 2, 2.5 or 5 times a power of ten at or above `value`."""
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value and magnitude > 1e-9:
        magnitude /= 10
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if factor * magnitude >= value:
            return factor * magnitude
    return 10 * magnitude


def write_page(path: Path, text: str) -> None:
    """Write through a temporary file and a rename: never half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
