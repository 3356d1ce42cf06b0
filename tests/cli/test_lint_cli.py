"""`tutor lint` through its installed entry point, on real files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.conftest import REPO, run_tutor

# Read only: the fix is safe only when the function never changes the default or lets it out.
BAD = "def add(item, bucket=[]):\n    print(item, bucket)\n"
CLEAN = "def add(item, bucket=None):\n    return [item] if bucket is None else bucket + [item]\n"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_text_output_shows_location_code_snippet_and_link(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD)
    result = run_tutor("lint", "cart.py", cwd=tmp_path, env={"CI": ""})
    assert result.returncode == 1
    out = result.stdout
    assert "cart.py:1:22: TUT071 mutable-default-argument" in out
    assert "1 | def add(item, bucket=[]):" in out
    assert "^^" in out
    # The learn link opens the rendered page, which exists once the lint has run.
    [link] = [line for line in out.splitlines() if "= learn:" in line]
    url = link[link.index("file://") :]
    assert url.startswith("file://") and "q07-arguments.html#mutable-default-argument" in url
    page = Path(url.removeprefix("file://").partition("#")[0])
    assert page.is_file() and 'id="mutable-default-argument"' in page.read_text(encoding="utf-8")
    assert "\x1b[" not in out  # NO_COLOR and piped: plain


def test_the_snippet_is_the_finding_s_line_after_a_form_feed(tmp_path: Path) -> None:
    """Python does not start a line at a form feed; the snippet must not either."""
    write(tmp_path, "cart.py", "x = 1  # \x0c page break\n" + BAD)
    out = run_tutor("lint", "--no-cache", "cart.py", cwd=tmp_path, env={"CI": ""}).stdout
    assert "cart.py:2:22: TUT071" in out
    assert "2 | def add(item, bucket=[]):" in out


def test_on_ci_the_text_link_is_a_command_that_works_anywhere(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD)
    out = run_tutor("lint", "cart.py", cwd=tmp_path, env={"CI": "true"}).stdout
    assert "= learn: Q7. " in out and "`tutor explain TUT071`" in out and "file://" not in out


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    write(tmp_path, "ok.py", CLEAN)
    result = run_tutor("lint", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no pitfalls found" in result.stdout


def test_json_output_schema(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD)
    write(tmp_path, "ok.py", CLEAN)
    result = run_tutor("lint", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["files"] == 2
    [diagnostic] = document["diagnostics"]
    assert diagnostic["path"] == "cart.py"
    assert (diagnostic["line"], diagnostic["column"]) == (1, 22)
    assert (diagnostic["end_line"], diagnostic["end_column"]) == (1, 24)
    assert diagnostic["code"] == "TUT071"
    assert diagnostic["rule"] == "mutable-default-argument"
    assert diagnostic["question"] == 7
    assert diagnostic["severity"] == "warning"
    # A CI format: no path of the runner, but a command that works anywhere.
    assert diagnostic["url"] is None and diagnostic["explain"] == "tutor explain TUT071"
    assert diagnostic["fix"]["safe"] is True
    assert diagnostic["fix"]["edits"]


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    write(tmp_path, "emoji.py", "def f(label='🙂', xs=[]):\n    return xs\n")
    document = json.loads(run_tutor("lint", "--format", "json", cwd=tmp_path).stdout)
    assert document["diagnostics"][0]["column"] == 21  # 24 if it counted bytes


def test_fix_rewrites_file_keeping_mode_and_second_run_is_clean(tmp_path: Path) -> None:
    path = write(tmp_path, "cart.py", "# keep me\n" + BAD)
    path.chmod(0o751)
    result = run_tutor("lint", "--fix", "cart.py", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Fixed 1 problem" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# keep me\ndef add(item, bucket=None):\n    if bucket is None:\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o751
    assert run_tutor("lint", "cart.py", cwd=tmp_path).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cart.py")]


def test_diff_shows_fix_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "cart.py", BAD)
    result = run_tutor("lint", "--diff", "cart.py", cwd=tmp_path)
    assert result.returncode == 1
    assert "-def add(item, bucket=[]):" in result.stdout
    assert "+def add(item, bucket=None):" in result.stdout
    assert path.read_text(encoding="utf-8") == BAD


def test_stdin_is_linted_and_fixed_to_stdout(tmp_path: Path) -> None:
    result = run_tutor("lint", "-", "--format", "json", input=BAD, cwd=tmp_path)
    assert json.loads(result.stdout)["diagnostics"][0]["path"] == "-"
    fixed = run_tutor("lint", "-", "--fix", input=BAD, cwd=tmp_path)
    assert fixed.stdout.startswith("def add(item, bucket=None):")


def test_select_ignore_and_unknown_rule(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD + "f = open('x')\n")
    only = json.loads(
        run_tutor("lint", "--format", "json", "--select", "TUT201", cwd=tmp_path).stdout
    )
    assert {d["rule"] for d in only["diagnostics"]} == {"open-without-with"}
    rest = json.loads(
        run_tutor(
            "lint",
            "--format",
            "json",
            "--select",
            "TUT071,TUT201",
            "--ignore",
            "TUT201",
            cwd=tmp_path,
        ).stdout
    )
    assert {d["rule"] for d in rest["diagnostics"]} == {"mutable-default-argument"}
    bad = run_tutor("lint", "--select", "no-such-rule", cwd=tmp_path)
    assert bad.returncode == 2
    assert "unknown rule 'no-such-rule'" in bad.stderr


def test_missing_path_is_exit_2_but_others_still_checked(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD)
    result = run_tutor("lint", "cart.py", "nope.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "nope.py: no such file or directory" in result.stderr
    assert "TUT071" in result.stdout


def test_walk_skips_venvs_gitignored_and_excluded(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "generated/\n*_tmp.py\n")
    write(tmp_path, "pyproject.toml", '[tool.tutor]\nexclude = ["vendored/"]\n')
    write(tmp_path, "src/real.py", BAD)
    for skipped in (
        "generated/a.py",
        "x_tmp.py",
        "vendored/b.py",
        "env/lib/c.py",
        "__pycache__/d.py",
    ):
        write(tmp_path, skipped, BAD)
    write(tmp_path, "env/pyvenv.cfg", "home = /usr\n")
    document = json.loads(run_tutor("lint", "--format", "json", cwd=tmp_path).stdout)
    assert document["files"] == 1
    assert {d["path"] for d in document["diagnostics"]} == {"src/real.py"}


def test_statistics_and_quiet(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD + BAD.replace("add", "add2"))
    stats = run_tutor("lint", "--statistics", "--quiet", cwd=tmp_path).stdout
    assert "     2  TUT071  [*] mutable-default-argument" in stats
    assert "|" not in stats


def test_github_format(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD)
    out = run_tutor("lint", "--format", "github", cwd=tmp_path).stdout
    assert out.startswith(
        "::warning file=cart.py,line=1,col=22,endLine=1,endColumn=24,"
        "title=TUT071 mutable-default-argument::mutable default"
    )


def test_sarif_format(tmp_path: Path) -> None:
    write(tmp_path, "cart.py", BAD)
    document = json.loads(run_tutor("lint", "--format", "sarif", cwd=tmp_path).stdout)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    [result] = run["results"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "TUT071"
    described = rules[result["ruleIndex"]]
    assert "helpUri" not in described  # no docs-url: no path of the CI runner either
    assert "`tutor explain TUT071`" in described["help"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "cart.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startColumn"] == 22


def test_rules_json_lists_every_rule() -> None:
    rows = json.loads(run_tutor("rules", "--format", "json").stdout)
    names = {row["name"] for row in rows}
    assert {
        "mutable-default-argument",
        "open-without-with",
        "eq-without-hash",
        "list-membership-in-loop",
        "global-statement",
    } <= names
    assert set(rows[0]) == {"code", "name", "question", "severity", "fixable"}


def test_explain_rule_and_question() -> None:
    rule = run_tutor("explain", "TUT071")
    assert rule.returncode == 0
    assert "def log(message, history=None):" in rule.stdout  # the better example
    page = run_tutor("explain", "q7")
    assert page.stdout.startswith("# Q7.")
    assert "mutable-default-argument" in page.stdout
    assert run_tutor("explain", "q21").returncode == 2


def test_python_dash_m_and_version() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "pitfall_tutor", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("tutor ")


def test_make_demo_examples_have_findings() -> None:
    result = run_tutor("lint", "examples", cwd=REPO)
    assert result.returncode == 1
    assert "clean_code.py" not in result.stdout
    assert os.path.exists(REPO / "examples" / "clean_code.py")


def test_fix_refuses_read_only_files(tmp_path: Path) -> None:
    path = write(tmp_path, "cart.py", BAD)
    path.chmod(0o444)
    result = run_tutor("lint", "--fix", "cart.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "read-only; not written" in result.stdout
    assert path.read_text(encoding="utf-8") == BAD


def test_symlinked_file_is_shown_under_its_own_name(tmp_path: Path) -> None:
    real = write(tmp_path, "real/cart.py", BAD)
    (tmp_path / "link.py").symlink_to(real)
    document = json.loads(run_tutor("lint", "--format", "json", "link.py", cwd=tmp_path).stdout)
    assert [d["path"] for d in document["diagnostics"]] == ["link.py"]


def test_a_folder_named_explicitly_is_checked_even_if_a_parent_ignores_it(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "versions/\n*.log\n")
    write(tmp_path, "versions/3.11/lib/a.py", BAD)
    write(tmp_path, "versions/3.11/lib/b.log", "x")
    named = json.loads(run_tutor("lint", "--format", "json", "versions/3.11", cwd=tmp_path).stdout)
    assert named["files"] == 1
    walked = json.loads(run_tutor("lint", "--format", "json", ".", cwd=tmp_path).stdout)
    assert walked["files"] == 0


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`tutor lint | head -1`: far more output than a pipe holds, and the reader leaves."""
    import subprocess

    from tests.conftest import TUTOR

    (tmp_path / "many.py").write_text("def f(a=[]): pass\n" * 3000, encoding="utf-8")
    env = {**os.environ, "TUTOR_CACHE_DIR": str(tmp_path / "cache")}
    for command in (["lint", "many.py"], ["lint", "--format", "json", "many.py"]):
        process = subprocess.Popen(
            [str(TUTOR), *command],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(100)
        process.stdout.close()
        errors = process.stderr.read().decode()
        assert process.wait(timeout=120) == 1
        assert errors == ""
