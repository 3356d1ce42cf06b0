"""Fix building, made cheap for files with many findings, still gives the same edits.

`many_fixes.expected.json` was written by the engine before fix building was
sped up (per-finding codegen through libcst's own state, a character loop for
the changed span, `deep_replace` for the new parameter); every edit must stay
byte for byte what it was. The JSON writer must write what `json.dump` wrote.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.engine import lint_text
from pitfall_tutor.rules.engine.findings import finding_json
from pitfall_tutor.rules.engine.fixes import changed_span
from tests.conftest import run_tutor

DATA = Path(__file__).parent.parent / "data" / "fix_building"


def test_fixes_are_the_edits_the_per_finding_path_built() -> None:
    text = (DATA / "many_fixes.py").read_text(encoding="utf-8")
    expected = json.loads((DATA / "many_fixes.expected.json").read_text(encoding="utf-8"))
    found = [finding_json(f, None) for f in lint_text(text, "many_fixes.py", ALL_RULES)]
    assert sum(1 for finding in found if finding["fix"]) > 80  # a control: many fixes
    assert found == expected


def _loop_span(old: str, new: str) -> tuple[int, int]:
    """The character loop changed_span replaced."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def test_changed_span_is_the_character_loop() -> None:
    rng = random.Random(17)
    for _ in range(3000):
        alphabet = "ab\n"[: rng.randint(1, 3)]
        common = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        old = common + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) + common
        new = common + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) + common
        assert changed_span(old, new) == _loop_span(old, new), (old, new)


def test_json_output_of_many_findings_is_one_compact_document(tmp_path: Path) -> None:
    (tmp_path / "many.py").write_text((DATA / "many_fixes.py").read_text(encoding="utf-8"))
    env = {"TUTOR_CACHE_DIR": str(tmp_path / "cache"), "SOURCE_DATE_EPOCH": "0"}
    for fmt in ("json", "sarif"):
        shown = run_tutor("lint", "--no-cache", "--format", fmt, "many.py", cwd=tmp_path, env=env)
        document = json.loads(shown.stdout)
        assert shown.stdout == json.dumps(document, ensure_ascii=False) + "\n"
        assert len(document["diagnostics" if fmt == "json" else "runs"]) > 0
