"""`--format json`: one object, 1-based lines and columns counted in characters."""

from __future__ import annotations

import json
from typing import Any, TextIO

from pitfall_tutor.rules.engine.findings import Finding, finding_json

from ..lint import Checked, LintRun

VERSION = 1


def diagnostic(checked: Checked, finding: Finding) -> dict[str, Any]:
    """`url` is the `docs-url` page (null without one); `explain` works anywhere."""
    link = checked.link(finding, local=False)
    return {
        **finding_json(finding, link.url if link else None),
        "explain": link.hint if link else None,
    }


def write(run: LintRun, out: TextIO) -> None:
    document = {
        "version": VERSION,
        "files": len(run.checked),
        "diagnostics": [diagnostic(checked, finding) for checked, finding in run.findings],
    }
    json.dump(document, out, indent=2, ensure_ascii=False)
    out.write("\n")
