"""Fixes are built only where someone applies or shows them.

`tutor lint`'s text output only says that a finding can be fixed (and how
safely), so it lints with `fixes=False`; JSON, SARIF, --fix, --diff, the
server and the katas build them. A cache entry written without them never
answers a run that needs them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_text
from tests.conftest import run_tutor

FIXABLE = (
    "def add(item, bucket=[]):\n    bucket.append(item)\n    return bucket\n\n"
    "def tally(counts={}):\n    return counts\n"
)


def test_unbuilt_fixes_say_the_same_as_built_ones_but_the_edits() -> None:
    built = lint_text(FIXABLE, "cart.py", ALL_RULES)
    unbuilt = lint_text(FIXABLE, "cart.py", ALL_RULES, fixes=False)
    assert [f.fix for f in built if f.fix is not None], "a control: some fixes exist"
    assert len(built) == len(unbuilt)
    for full, lazy in zip(built, unbuilt, strict=True):
        assert (full.code, full.start, full.end, full.message) == (
            lazy.code,
            lazy.start,
            lazy.end,
            lazy.message,
        )
        assert (full.fix is None) == (lazy.fix is None)
        if full.fix is not None and lazy.fix is not None:
            assert full.fix.built and full.fix.edits
            assert not lazy.fix.built and lazy.fix.edits == ()
            assert full.fix.safe == lazy.fix.safe


def test_json_after_a_text_run_still_has_the_fixes(tmp_path: Path) -> None:
    (tmp_path / "cart.py").write_text(FIXABLE)
    env = {"TUTOR_CACHE_DIR": str(tmp_path / "cache")}
    text = run_tutor("lint", "cart.py", cwd=tmp_path, env=env)
    assert text.returncode == 1 and "[*]" in text.stdout  # fixable, said without the edits
    assert list((tmp_path / "cache").rglob("*.json")), "a control: the text run was cached"
    shown = run_tutor("lint", "--format", "json", "cart.py", cwd=tmp_path, env=env)
    found = json.loads(shown.stdout)["diagnostics"]
    fixes = [finding["fix"] for finding in found if finding["code"] == "TUT071"]
    assert len(fixes) == 2 and all(fix is not None and fix["edits"] for fix in fixes)
    again = run_tutor("lint", "cart.py", cwd=tmp_path, env=env)
    assert again.stdout == text.stdout
