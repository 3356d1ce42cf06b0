"""`tutor report`: a class page and CSV from real `tutor lint --format json` files."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from pitfall_tutor.rules.questions import page_url
from tests.conftest import run_tutor

from .browser import screenshot, shots_dir

MUTABLE = "def add(item, basket=[]):\n    basket.append(item)\n    return basket\n"
GLOBAL = "total = 0\n\ndef bump():\n    global total\n    total += 1\n"
OPEN = "def read(name):\n    return open(name).read()\n"
CLEAN = "def add(a, b):\n    return a + b\n"


def lint_json(folder: Path, out: Path, name: str | None = None, when: str | None = None) -> Path:
    args = ["lint", "--format", "json", "."] + (["--name", name] if name else [])
    result = run_tutor(*args, cwd=folder)
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    if when is not None:  # a run from another day: the only thing we change
        document["timestamp"] = when
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document), encoding="utf-8")
    return out


def learner(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("*.py"):
        old.unlink()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def class_results(tmp_path: Path) -> Path:
    """Three learners linted on two days; Ada fixes her code in between."""
    results = tmp_path / "results"
    code = tmp_path / "code"
    week1, week2 = "2026-11-16T10:00:00+00:00", "2026-11-23T10:00:00+00:00"
    ada = learner(code / "ada", {"cart.py": MUTABLE, "count.py": GLOBAL, "io.py": OPEN})
    lint_json(ada, results / "week1" / "ada.json", "Ada Lovelace", week1)
    learner(ada, {"cart.py": CLEAN, "count.py": GLOBAL})
    lint_json(ada, results / "week2" / "ada.json", "Ada Lovelace", week2)
    bob = learner(code / "bob", {"cart.py": MUTABLE, "more.py": MUTABLE})
    lint_json(bob, results / "week1" / "bob.json", None, week1)
    lint_json(bob, results / "week2" / "bob.json", None, week2)
    cy = learner(code / "cy", {"ok.py": CLEAN})
    lint_json(cy, results / "week2" / "cy <script>.json", None, week2)
    return results


def test_lint_json_keeps_its_shape_and_adds_name_and_timestamp(tmp_path: Path) -> None:
    folder = learner(tmp_path / "x", {"cart.py": MUTABLE})
    named = json.loads(run_tutor("lint", "--format", "json", "--name", "Ada", cwd=folder).stdout)
    assert named["version"] == 1 and named["files"] == 1 and len(named["diagnostics"]) == 2
    assert named["name"] == "Ada"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", named["timestamp"])
    plain = json.loads(run_tutor("lint", "--format", "json", cwd=folder).stdout)
    assert plain["name"] is None
    assert set(named) == {"version", "name", "timestamp", "files", "diagnostics"}


def test_csv_is_the_heatmap_table(class_results: Path) -> None:
    result = run_tutor("report", str(class_results), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    table = {(row["learner"], row["date"]): row for row in rows}
    assert sorted(table) == [
        ("Ada Lovelace", "2026-11-16"),
        ("Ada Lovelace", "2026-11-23"),
        ("bob", "2026-11-16"),
        ("bob", "2026-11-23"),
        ("cy <script>", "2026-11-23"),
    ]
    first, second = table[("Ada Lovelace", "2026-11-16")], table[("Ada Lovelace", "2026-11-23")]
    assert (first["Q7"], first["Q3"], first["Q20"]) == ("2", "1", "2")
    assert (second["Q7"], second["Q3"], second["Q20"]) == ("0", "1", "0")
    assert table[("bob", "2026-11-23")]["findings"] == "4"
    assert table[("cy <script>", "2026-11-23")]["findings"] == "0"


def test_html_page_has_heatmap_top_pitfalls_learners_and_trend(
    class_results: Path, tmp_path: Path
) -> None:
    page = tmp_path / "out" / "report.html"
    result = run_tutor("report", str(class_results), "-o", str(page), "--title", "Cohort 7")
    assert result.returncode == 0, result.stderr
    assert "3 learners from 5 results" in result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<h1>Cohort 7</h1>" in html
    # Offline: nothing is fetched; no script at all.
    assert "<script" not in html and " src=" not in html and "<link" not in html
    assert "cy &lt;script&gt;" in html  # names are escaped
    # The most-hit pitfall links to its question page, as `tutor lint` links it.
    top = html.split("Pitfalls the class hits most", 1)[1].split("</table>", 1)[0]
    first_row = top.split("<tr>")[2]
    assert "mutable-default-argument" in first_row
    assert page_url(7, "mutable-default-argument") in first_row
    # The heatmap: a row per learner, each linked to their section.
    heat = html.split("Learners \u00d7 questions", 1)[1].split("</table>", 1)[0]
    assert heat.count("<tr><td class='who'>") == 3
    assert re.search(r"href='#(learner-\d)'>Ada Lovelace", heat)
    anchor = re.search(r"href='#(learner-\d)'>Ada Lovelace", heat).group(1)  # type: ignore[union-attr]
    section = html.split(f"id='{anchor}'", 1)[1].split("</section>", 1)[0]
    assert "count.py:4:5" in section and "global-statement" in section
    assert "cart.py" not in section  # the latest result: Ada fixed cart.py in week 2
    assert "2 days" in section  # her trend
    # Two dates given: the trend is drawn.
    assert "<h2>Trend</h2>" in html and "<svg" in html


def test_docs_url_points_links_at_a_site(class_results: Path, tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    site = "https://tutor.example.org/{slug}.html#{rule}"
    assert (
        run_tutor("report", str(class_results), "-o", str(page), "--docs-url", site).returncode == 0
    )
    html = page.read_text(encoding="utf-8")
    assert "https://tutor.example.org/q07-arguments.html#mutable-default-argument" in html
    assert "file://" not in html


def test_one_date_has_no_trend_and_old_json_still_reads(tmp_path: Path) -> None:
    folder = learner(tmp_path / "dee", {"cart.py": MUTABLE})
    out = lint_json(folder, tmp_path / "in" / "dee.json")
    document = json.loads(out.read_text())
    del document["name"], document["timestamp"]  # as written before these fields existed
    out.write_text(json.dumps(document))
    page = tmp_path / "r.html"
    assert run_tutor("report", str(out), "-o", str(page)).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert ">dee</a>" in html and "<h2>Trend</h2>" not in html


def test_bad_inputs_are_named_and_the_rest_reported(tmp_path: Path, class_results: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"version": 2, "runs": []}', encoding="utf-8")
    page = tmp_path / "r.html"
    result = run_tutor(
        "report",
        str(class_results),
        str(tmp_path / "broken.json"),
        str(tmp_path / "other.json"),
        str(tmp_path / "missing.json"),
        "-o",
        str(page),
    )
    assert result.returncode == 2
    assert "broken.json: not JSON" in result.stderr
    assert "other.json: not the output of `tutor lint --format json`" in result.stderr
    assert "missing.json: no such file" in result.stderr
    assert "3 learners" in result.stderr and page.is_file()
    assert run_tutor("report", str(class_results), "--format", "pdf").returncode == 2


def test_report_page_in_a_real_browser(class_results: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert run_tutor("report", str(class_results), "-o", str(page)).returncode == 0
    shot = shots_dir(tmp_path) / "report.png"
    screenshot(page, shot, tmp_path / "profile")


def test_source_date_epoch_fixes_the_timestamp(tmp_path: Path) -> None:
    folder = learner(tmp_path / "x", {"cart.py": MUTABLE})
    result = run_tutor("lint", "--format", "json", cwd=folder, env={"SOURCE_DATE_EPOCH": "0"})
    assert json.loads(result.stdout)["timestamp"] == "1970-01-01T00:00:00+00:00"


def test_an_unwritable_target_is_a_clear_error(class_results: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    result = run_tutor("report", str(class_results), "-o", str(blocked / "report.html"))
    assert result.returncode == 2 and "tutor: error: cannot write" in result.stderr
    assert "Traceback" not in result.stderr
    shown = run_tutor("progress", "--html", str(blocked / "me.html"), cwd=tmp_path)
    assert shown.returncode == 2 and "tutor: error: cannot write" in shown.stderr
