"""`tutor report RESULTS...`: one picture of a class from many `tutor lint --format json` files.

Each file is one learner (or repository) at one moment: the learner is the
file's `name` (from `tutor lint --name`) or else its file name, and the moment
is its `timestamp` (or else the file's modification time). The heatmap and the
per-learner sections show each learner's latest result; given results from
several days, the trend shows how the class moved. The page is one file with
inline CSS and SVG, so it opens offline, straight from a CI artifact.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from html import escape
from pathlib import Path
from typing import Any, TextIO

from pitfall_tutor.rules.questions import QUESTIONS, page_url, question

from . import charts

DOT, ARROW = "\u00b7", " \u2192 "


class ReportError(Exception):
    """An input we cannot read; the others still make the report."""


@dataclass(frozen=True)
class Hit:
    """One finding, reduced to what the report shows."""

    path: str
    line: int
    column: int
    code: str
    rule: str
    question: int
    message: str
    url: str | None


@dataclass
class Result:
    """One `tutor lint --format json` file."""

    learner: str
    moment: datetime
    source: Path
    files: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def day(self) -> date:
        return self.moment.date()

    def per_question(self) -> Counter[int]:
        return Counter(hit.question for hit in self.hits if hit.question > 0)


def gather(paths: Iterable[Path]) -> list[Path]:
    """The JSON files named, and those inside folders named (CI artifacts are folders)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def load_result(path: Path) -> Result:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read: {exc}") from None
    except ValueError as exc:
        raise ReportError(f"{path}: not JSON ({exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("version") != 1
        or not isinstance(data.get("diagnostics"), list)
    ):
        raise ReportError(f"{path}: not the output of `tutor lint --format json`")
    name = data.get("name")
    learner = name.strip() if isinstance(name, str) and name.strip() else path.stem
    moment = _moment(data.get("timestamp"), path)
    files = data.get("files")
    hits = [_hit(item) for item in data["diagnostics"] if isinstance(item, dict)]
    return Result(learner, moment, path, files if isinstance(files, int) else 0, hits)


def _moment(value: object, path: Path) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)


def _hit(item: dict[str, Any]) -> Hit:
    def text(key: str) -> str:
        value = item.get(key)
        return value if isinstance(value, str) else ""

    def number(key: str) -> int:
        value = item.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    number_of_question = number("question")
    if not 0 <= number_of_question <= len(QUESTIONS):
        number_of_question = 0
    url = item.get("url")
    return Hit(
        text("path"),
        number("line"),
        number("column"),
        text("code"),
        text("rule"),
        number_of_question,
        text("message"),
        url if isinstance(url, str) else None,
    )


def question_url(number: int, rule: str, linted_url: str | None, docs_url: str | None) -> str:
    """The question page, by the same function `tutor lint` uses for a finding's link.

    A `--docs-url` given to the report wins; a web link recorded at lint time
    comes next; otherwise the page installed here (a runner's file:// path
    would not open on the teacher's machine).
    """
    if docs_url:
        return page_url(number, rule, docs_url)
    if linted_url and linted_url.startswith(("http://", "https://")):
        return linted_url
    return page_url(number, rule)


@dataclass
class Class:
    """Every result, grouped: what the report is drawn from."""

    results: list[Result]

    def __post_init__(self) -> None:
        # One result per learner per day: the latest that day.
        by_key: dict[tuple[str, date], Result] = {}
        for result in sorted(self.results, key=lambda r: (r.learner, r.moment)):
            by_key[(result.learner, result.day)] = result
        self.daily: dict[str, list[Result]] = defaultdict(list)
        for (learner, _), result in sorted(by_key.items()):
            self.daily[learner].append(result)
        self.learners = sorted(self.daily, key=str.casefold)
        self.latest = {learner: self.daily[learner][-1] for learner in self.learners}
        self.days = sorted({day for _, day in by_key})
        self.questions = _shown_questions(self.latest.values())

    def top_rules(self, limit: int = 12) -> list[tuple[str, int, int, int, str]]:
        """(rule, learners, findings, question, code), most learners first."""
        learners: Counter[str] = Counter()
        findings: Counter[str] = Counter()
        about: dict[str, tuple[str, int, str | None]] = {}
        for result in self.latest.values():
            rules = Counter(hit.rule for hit in result.hits if hit.question > 0)
            learners.update(rules.keys())
            findings.update(rules)
            for hit in result.hits:
                about.setdefault(hit.rule, (hit.code, hit.question, hit.url))
        ranked = sorted(learners, key=lambda rule: (-learners[rule], -findings[rule], rule))
        return [
            (rule, learners[rule], findings[rule], about[rule][1], about[rule][0])
            for rule in ranked[:limit]
        ]

    def linted_url(self, rule: str) -> str | None:
        for result in self.latest.values():
            for hit in result.hits:
                if hit.rule == rule:
                    return hit.url
        return None


def _shown_questions(results: Iterable[Result]) -> list[int]:
    """Questions that have a rule, plus any that appear in the results."""
    from pitfall_tutor.rules import ALL_RULES

    numbers = {rule.question for rule in ALL_RULES}
    for result in results:
        numbers.update(result.per_question())
    return sorted(number for number in numbers if 1 <= number <= len(QUESTIONS))


# ---------------------------------------------------------------- CSV


def write_csv(group: Class, out: TextIO) -> None:
    """The heatmap as a table: one row per learner per day, a column per question."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["learner", "date", "files", "findings", *(f"Q{number}" for number in group.questions)]
    )
    for learner in group.learners:
        for result in group.daily[learner]:
            counts = result.per_question()
            writer.writerow(
                [
                    learner,
                    result.day.isoformat(),
                    result.files,
                    len(result.hits),
                    *(counts.get(number, 0) for number in group.questions),
                ]
            )


# ---------------------------------------------------------------- HTML


def render_html(group: Class, title: str, docs_url: str | None) -> str:
    anchors = {learner: f"learner-{index}" for index, learner in enumerate(group.learners, 1)}
    latest = list(group.latest.values())
    total = sum(len(result.hits) for result in latest)
    files = sum(result.files for result in latest)
    clean = sum(not any(hit.question > 0 for hit in result.hits) for result in latest)
    when = (
        group.days[0].isoformat()
        if len(group.days) == 1
        else f"{group.days[0].isoformat()} to {group.days[-1].isoformat()}"
        if group.days
        else "no results"
    )
    body = [
        f"<h1>{escape(title)}</h1>",
        f"<p class='sub'>{len(group.learners)} learners, results from {when}. "
        "Each learner's latest result is shown; every link opens the question's page.</p>",
        "<div class='cards'>",
        _card(len(group.learners), "learners"),
        _card(files, "files checked"),
        _card(total, "findings"),
        _card(round(total / len(latest), 1) if latest else 0, "findings per learner"),
        _card(clean, "learners with no pitfalls"),
        "</div>",
    ]
    body.append(_top_section(group, docs_url))
    if len(group.days) > 1:
        body.append(_trend_section(group))
    body.append(_heatmap_section(group, anchors))
    body.append(_learner_sections(group, anchors, docs_url))
    body.append(
        "<p class='muted'>Made by <span class='mono'>tutor report</span> from "
        f"{len(group.results)} result file{'s' * (len(group.results) != 1)}.</p>"
    )
    return charts.page(title, "\n".join(body))


def _card(value: object, label: str) -> str:
    return f"<div class='card'><b>{escape(str(value))}</b><span>{escape(label)}</span></div>"


def _top_section(group: Class, docs_url: str | None) -> str:
    rows = []
    count = max(len(group.learners), 1)
    for rule, learners, findings, number, code in group.top_rules():
        item = question(number)
        url = question_url(number, rule, group.linted_url(rule), docs_url)
        rows.append(
            "<tr>"
            f"<td><b>{escape(rule)}</b> <span class='muted mono'>{escape(code)}</span></td>"
            f"<td><a href='{escape(url)}'>Q{item.number}. {escape(item.title)}</a></td>"
            f"<td class='num'>{learners}</td>"
            f"<td style='width:180px'>{charts.bar(learners / count, charts.HEAT[4])}</td>"
            f"<td class='num'>{findings}</td>"
            "</tr>"
        )
    if not rows:
        return "<h2>Pitfalls the class hits most</h2><p>No pitfalls found. Well done, everyone.</p>"
    return (
        "<h2>Pitfalls the class hits most</h2>"
        "<table class='list'><tr><th>pitfall</th><th>question page</th>"
        "<th class='num'>learners</th><th>share of the class</th><th class='num'>findings</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _trend_section(group: Class) -> str:
    labels = [day.isoformat() for day in group.days]
    average, with_any = [], []
    per_question: dict[int, list[int]] = {number: [] for number in group.questions}
    for day in group.days:
        that_day = [r for results in group.daily.values() for r in results if r.day == day]
        findings = sum(len(r.hits) for r in that_day)
        average.append(round(findings / len(that_day), 2) if that_day else 0.0)
        with_any.append(len(that_day))
        counts: Counter[int] = Counter()
        for result in that_day:
            counts.update(result.per_question())
        for number in group.questions:
            per_question[number].append(counts.get(number, 0))
    chart = charts.line_chart(
        labels, [("findings per learner", charts.ACCENT, average)], y_label="findings per learner"
    )
    rows = []
    for number, values in per_question.items():
        if not any(values):
            continue
        item = question(number)
        first, last = values[0], values[-1]
        change = "" if first == last else ("down" if last < first else "up")
        rows.append(
            f"<tr><td>Q{number}. {escape(item.title)}</td>"
            f"<td>{charts.sparkline(values, width=max(60, 14 * len(values)))}</td>"
            f"<td class='num'>{first}</td><td class='num'>{last}</td>"
            f"<td>{change}</td></tr>"
        )
    return (
        "<h2>Trend</h2>"
        f"<p class='muted'>{len(group.days)} days with results; learners per day: "
        f"{', '.join(str(n) for n in with_any)}.</p>"
        f"{chart}"
        "<table class='list' style='margin-top:12px'><tr><th>question</th><th>findings per day</th>"
        "<th class='num'>first day</th><th class='num'>last day</th><th></th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _heatmap_section(group: Class, anchors: dict[str, str]) -> str:
    counts = {learner: group.latest[learner].per_question() for learner in group.learners}
    top = max((n for c in counts.values() for n in c.values()), default=0)
    head = "".join(
        f"<th title='{escape(question(number).title)}'>Q{number}</th>" for number in group.questions
    )
    rows = []
    for learner in group.learners:
        cells = []
        for number in group.questions:
            value = counts[learner].get(number, 0)
            step = charts.heat_step(value, top)
            css = "zero" if not value else "hot" if step >= 4 else ""
            cells.append(
                f"<td class='{css}' style='background:{charts.HEAT[step]}' "
                f"title='{escape(learner)}, Q{number}: {value}'>{value or DOT}</td>"
            )
        total = sum(counts[learner].values())
        rows.append(
            f"<tr><td class='who'><a href='#{anchors[learner]}'>{escape(learner)}</a></td>"
            f"{''.join(cells)}<td class='num'>{total}</td></tr>"
        )
    key = "".join(
        f"<li>Q{number}. {escape(question(number).title)}</li>" for number in group.questions
    )
    return (
        "<h2>Learners \u00d7 questions</h2>"
        "<p class='muted'>Findings per question in each learner's latest result.</p>"
        + charts.legend(top)
        + f"<table class='heat'><tr><th class='who'>learner</th>{head}<th>all</th></tr>"
        + "".join(rows)
        + f"</table><ul class='key'>{key}</ul>"
    )


def _learner_sections(group: Class, anchors: dict[str, str], docs_url: str | None) -> str:
    parts = ["<h2>Learners</h2>"]
    for learner in group.learners:
        result = group.latest[learner]
        history = group.daily[learner]
        counts = result.per_question()
        summary = ", ".join(
            f"Q{number} \u00d7{count}" for number, count in sorted(counts.items()) if count
        )
        trend = ""
        if len(history) > 1:
            values = [len(r.hits) for r in history]
            trend = (
                f"<div class='muted'>findings on {len(history)} days: "
                f"{charts.sparkline(values, width=max(40, 12 * len(values)), height=18)} "
                f"{ARROW.join(str(v) for v in values)}</div>"
            )
        rows = []
        for hit in sorted(result.hits, key=lambda h: (h.path, h.line, h.column, h.code)):
            if hit.question > 0:
                url = question_url(hit.question, hit.rule, hit.url, docs_url)
                where = f"<a href='{escape(url)}'>Q{hit.question}</a>"
            else:
                where = "<span class='muted'>file</span>"
            rows.append(
                f"<tr><td class='mono'>{escape(hit.path)}:{hit.line}:{hit.column}</td>"
                f"<td class='mono'>{escape(hit.code)}</td><td>{escape(hit.rule)}</td>"
                f"<td>{escape(hit.message)}</td><td>{where}</td></tr>"
            )
        status = (
            "<span class='tag good'>no pitfalls</span>"
            if not result.hits
            else f"<span class='tag'>{len(result.hits)} finding{'s' * (len(result.hits) != 1)}"
            "</span>"
        )
        table = (
            f"<details><summary>{len(rows)} finding{'s' * (len(rows) != 1)}</summary>"
            "<table class='list'><tr><th>where</th><th>code</th><th>rule</th><th>message</th>"
            "<th>learn</th></tr>" + "".join(rows) + "</table></details>"
            if rows
            else ""
        )
        parts.append(
            f"<section class='learner' id='{anchors[learner]}'>"
            f"<h3>{escape(learner)} {status}</h3>"
            f"<div class='muted'>{result.day.isoformat()}, {result.files} files; "
            f"{escape(summary) if summary else 'nothing to practise'}</div>"
            f"{trend}{table}</section>"
        )
    return "\n".join(parts)


# ---------------------------------------------------------------- the command


@dataclass
class Outcome:
    written: str
    learners: int
    results: int
    errors: list[str]


def make_report(
    inputs: Sequence[Path],
    output: Path | None,
    output_format: str = "html",
    docs_url: str | None = None,
    title: str = "Class report",
    stdout: TextIO | None = None,
) -> Outcome:
    """Read every result, write the page (or CSV); unreadable inputs are listed, not fatal."""
    errors: list[str] = []
    results: list[Result] = []
    for path in gather(inputs):
        try:
            results.append(load_result(path))
        except ReportError as exc:
            errors.append(str(exc))
    group = Class(results)
    if output_format == "csv":
        if output is None:
            assert stdout is not None
            write_csv(group, stdout)
            written = "-"
        else:
            buffer = io.StringIO()
            write_csv(group, buffer)
            charts.write_page(output, buffer.getvalue())
            written = str(output)
    else:
        target = output or Path("report.html")
        text = render_html(group, title, docs_url)
        charts.write_page(target, text)
        written = str(target)
    return Outcome(written, len(group.learners), len(results), errors)
