"""A content-hash cache of findings, so unchanged files cost a read and a hash.

Keyed by the file's bytes, the tutor version, the rules' own code, the enabled
rules and the severity settings. Lives in the user cache folder (platformdirs,
so XDG_CACHE_HOME is honoured; TUTOR_CACHE_DIR overrides). A corrupt entry is
deleted and recomputed, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .findings import Edit, Finding, Fix, Position, Severity
from .rule import Rule

FORMAT = 1


def cache_root() -> Path:
    override = os.environ.get("TUTOR_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("pitfall-tutor", appauthor=False))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever the installed rules or engine change (or the version)."""
    from pitfall_tutor import __version__

    digest = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    rules_dir = Path(__file__).resolve().parents[1]
    for path in sorted(rules_dir.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(rules_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


class LintCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_root()) / f"lint-v{FORMAT}"

    @staticmethod
    def key(data: bytes, rules: Sequence[type[Rule]], severity: dict[str, Severity]) -> str:
        digest = hashlib.sha256(code_fingerprint().encode())
        digest.update(",".join(rule.code for rule in rules).encode())
        digest.update(json.dumps({k: v.value for k, v in sorted(severity.items())}).encode())
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def load(self, key: str, path: str) -> list[Finding] | None:
        entry = self._path(key)
        try:
            raw = entry.read_bytes()
        except OSError:
            return None
        try:
            return [_finding(item, path) for item in json.loads(raw)]
        except (ValueError, KeyError, TypeError):
            entry.unlink(missing_ok=True)  # corrupt: never trusted
            return None

    def store(self, key: str, findings: Sequence[Finding]) -> None:
        entry = self._path(key)
        payload = json.dumps([_record(finding) for finding in findings]).encode()
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, entry)
        except OSError:
            pass  # a cache that cannot be written only costs time


def _point(position: Position) -> list[int]:
    return [position.line, position.column]


def _record(finding: Finding) -> dict[str, Any]:
    fix = finding.fix
    return {
        "start": _point(finding.start),
        "end": _point(finding.end),
        "code": finding.code,
        "rule": finding.rule,
        "question": finding.question,
        "severity": finding.severity.value,
        "message": finding.message,
        "tool": finding.tool,
        "cell": finding.cell,
        "fix": None
        if fix is None
        else {
            "safe": fix.safe,
            "edits": [[_point(e.start), _point(e.end), e.content] for e in fix.edits],
        },
    }


def _finding(item: dict[str, Any], path: str) -> Finding:
    fix = item["fix"]
    return Finding(
        path,
        Position(*item["start"]),
        Position(*item["end"]),
        str(item["code"]),
        str(item["rule"]),
        int(item["question"]),
        Severity(item["severity"]),
        str(item["message"]),
        None
        if fix is None
        else Fix(
            bool(fix["safe"]),
            tuple(Edit(Position(*s), Position(*e), str(c)) for s, e, c in fix["edits"]),
        ),
        bool(item["tool"]),
        item.get("cell"),
    )
