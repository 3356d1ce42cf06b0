"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it."""

from __future__ import annotations

import json
from pathlib import Path, PurePath, PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from pitfall_tutor import __version__
from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.findings import Finding, Severity
from pitfall_tutor.rules.engine.results import TOOL_FINDINGS
from pitfall_tutor.rules.questions import question
from pitfall_tutor.rules.questions.learn import learn_link

from ..lint import Checked, LintRun

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _descriptors(docs_url: str | None) -> list[dict[str, Any]]:
    described: list[dict[str, Any]] = []
    for rule in ALL_RULES:
        # A path on the CI runner means nothing to the reader: a URL only from docs-url.
        link = learn_link(rule.question, rule.name, rule.code, docs_url, local=False)
        described.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.message},
                "fullDescription": {"text": rule.explanation},
                "help": {"text": f"{rule.explanation}\n\nMore: `{link.hint}`."},
                **({"helpUri": link.url} if link.url else {}),
                "defaultConfiguration": {"level": LEVEL[rule.severity]},
                "properties": {
                    "question": rule.question,
                    "questionTitle": question(rule.question).title,
                    "fixable": rule.fixable,
                },
            }
        )
    for code, name in TOOL_FINDINGS:
        described.append(
            {
                "id": code,
                "name": name,
                "shortDescription": {"text": name.replace("-", " ")},
                "defaultConfiguration": {"level": "error"},
            }
        )
    return described


def _result(checked: Checked, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    region = {
        "startLine": finding.start.line,
        "startColumn": finding.start.column + 1,
        "endLine": finding.end.line,
        "endColumn": finding.end.column + 1,
    }
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact(finding.path), "region": region}}
        ],
    }
    if finding.related:
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {
                    "artifactLocation": _artifact(finding.path),
                    "region": {
                        "startLine": place.start.line,
                        "startColumn": place.start.column + 1,
                        "endLine": place.end.line,
                        "endColumn": place.end.column + 1,
                    },
                },
                "message": {"text": place.message},
            }
            for number, place in enumerate(finding.related, start=1)
        ]
    if finding.cell is not None:  # a notebook: the region counts lines within this cell
        result["properties"] = {"cell": finding.cell}
    return result


def _artifact(path: str) -> dict[str, str]:
    if PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(PurePosixPath(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def write(run: LintRun, out: TextIO) -> None:
    docs_url = run.checked[0].settings.docs_url if run.checked else None
    rules = _descriptors(docs_url)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pitfall-tutor",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/pitfall-tutor/",
                        "rules": rules,
                    }
                },
                "results": [_result(c, f, index) for c, f in run.findings],
            }
        ],
    }
    # Compact, in one write: with `indent` (or through json.dump) the encoder runs in
    # pure Python, token by token, which cost seconds for 30,000 findings. `jq .` shows it indented.
    out.write(json.dumps(document, ensure_ascii=False))
    out.write("\n")
