"""`tutor progress --html FILE`: the learner's progress as one page that opens offline."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from pathlib import Path

from . import charts
from .learner import OFF_TEXT, WEEKS, Overview


def render(view: Overview) -> str:
    with_history = view.history_exists
    rows = view.rows
    passed = sum(row.katas_passed for row in rows)
    katas = sum(len(row.katas) for row in rows)
    known = sum(row.cards_known for row in rows)
    cards = sum(row.cards for row in rows)
    seen = sum(row.seen for row in rows)
    overall = sum(row.mastery(with_history) for row in rows) / len(rows) if rows else 0.0
    body = [
        "<h1>Your progress</h1>",
        f"<p class='sub'>{view.today.isoformat()}. Per interview question: the pitfalls your "
        "code showed, the katas you passed and the flashcards you know.</p>",
        "<div class='cards'>",
        _card(f"{round(overall * 100)}%", "mastery, all questions"),
        _card(f"{passed}/{katas}", "katas passed"),
        _card(f"{known}/{cards}", "cards known"),
        _card(
            seen if with_history else "off", "pitfalls in 4 weeks" if with_history else "history"
        ),
        "</div>",
    ]
    if view.advice:
        body.append(f"<p><b>Next:</b> <span class='mono'>{escape(view.advice)}</span></p>")
    if with_history:
        body.append(_over_time(view))
    body.append(_mastery_table(view))
    body.append(f"<p class='muted'>{escape(_history_line(view))}</p>")
    return charts.page("Your progress: pitfall-tutor", "\n".join(body))


def _card(value: object, label: str) -> str:
    return f"<div class='card'><b>{escape(str(value))}</b><span>{escape(label)}</span></div>"


def _over_time(view: Overview) -> str:
    weeks = [
        (view.today - timedelta(days=7 * (WEEKS - 1 - index))).strftime("%d %b")
        for index in range(WEEKS)
    ]
    totals = [sum(row.weekly[index] for row in view.rows) for index in range(WEEKS)]
    chart = charts.line_chart(
        weeks,
        [("pitfalls found", charts.HEAT[4], totals)],
        width=1100,
        height=220,
        y_label="pitfalls found per week (week ending)",
    )
    return f"<h2>Findings over time</h2>{chart}"


def _mastery_table(view: Overview) -> str:
    with_history = view.history_exists
    head = "<th>question</th><th style='width:260px'>mastery</th>"
    if with_history:
        head += "<th class='num'>pitfalls, 4 weeks</th><th>last 8 weeks</th>"
    head += "<th>katas</th><th class='num'>cards known</th>"
    lines = []
    level = ""
    for row in view.rows:
        if row.level != level:
            level = row.level
            span = 6 if with_history else 4
            lines.append(
                f"<tr><th colspan='{span}' style='background:#fff;padding-top:12px'>"
                f"{escape(level.capitalize())}</th></tr>"
            )
        score = row.mastery(with_history)
        colour = (
            charts.GOOD if score >= 0.75 else charts.HEAT[2] if score >= 0.4 else charts.HEAT[4]
        )
        cells = [
            f"<td>Q{row.number}. {escape(row.title)}</td>",
            "<td><div style='display:flex;gap:8px;align-items:center'>"
            f"{charts.bar(score, colour, f'{round(score * 100)}%')}"
            f"<span class='muted' style='min-width:38px'>{round(score * 100)}%</span></div></td>",
        ]
        if with_history:
            cells.append(f"<td class='num'>{row.seen or '-'}</td>")
            cells.append(f"<td>{charts.sparkline(row.weekly, width=112, height=20)}</td>")
        kata_cell = (
            " ".join(
                f"<span class='tag{' good' if passed else ''}'>{escape(slug)}</span>"
                for slug, passed in row.katas
            )
            or "<span class='muted'>no kata</span>"
        )
        cells.append(f"<td>{kata_cell}</td>")
        cells.append(f"<td class='num'>{row.cards_known}/{row.cards}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return (
        "<h2>Per question</h2><table class='list'><tr>"
        + head
        + "</tr>"
        + "".join(lines)
        + "</table>"
        "<p class='muted'>Mastery is the mean of the signals a question has: katas passed, "
        "cards known and, once your history has seen its pitfalls, code free of them over the "
        "last two weeks (halved with each recent hit).</p>"
    )


def _history_line(view: Overview) -> str:
    if not view.history_on:
        return OFF_TEXT
    if view.first_day is None:
        return "History is on; nothing recorded yet."
    return (
        f"History is on since {view.first_day.isoformat()} ({view.runs} runs; counts only, "
        "no code). `tutor progress --forget` deletes it."
    )


def write_page(view: Overview, target: Path) -> None:
    charts.write_page(target, render(view))
