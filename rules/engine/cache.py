"""A content-hash cache of findings, so unchanged files cost a read and a hash.

Keyed by every input of the result: the file's bytes; what the rules learn
from its path (`path_facts`: whether it is a test file); the tutor version and
the rules' own code; the enabled rules and the severity settings; the Python
that compiles it (syntax errors depend on it) and the LibCST that parses it. Lives in the user cache folder (platformdirs,
so XDG_CACHE_HOME is honoured; TUTOR_CACHE_DIR overrides). A corrupt entry is
deleted and recomputed, never trusted.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Edit, Finding, Fix, Position, Related, Severity
from .paths import is_test_path

if TYPE_CHECKING:
    from .config import Settings
    from .rule import Rule

# 2: related places; 3: path facts in the key; 4: notebook cells; 5: stat index;
# 6: LibCST known by its files, and the index's digests by selection
FORMAT = 6


def path_facts(path: str) -> str:
    """What findings depend on in a file's path. A rule that starts to read
    something else from `context.path` must add it here, or the cache would
    serve one file's findings for another with the same bytes."""
    return f"test={is_test_path(path)}"


def cache_root() -> Path:
    """The user cache folder (platformdirs: XDG_CACHE_HOME is honoured); TUTOR_CACHE_DIR overrides."""
    override = os.environ.get("TUTOR_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("pitfall-tutor", appauthor=False))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Changes whenever the installed rules or engine change (or the version)."""
    from pitfall_tutor import __version__

    python = ".".join(map(str, sys.version_info[:3]))
    digest = hashlib.sha256(f"{__version__}:{FORMAT}:{python}:{_parser_files()}".encode())
    rules_dir = Path(__file__).resolve().parents[1]
    for path in sorted(rules_dir.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(rules_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _parser_files() -> str:
    """The installed LibCST, by its version file's and native parser's size and
    mtime: any reinstall changes them, and finding them does not import LibCST."""
    spec = importlib.util.find_spec("libcst")
    if spec is None or spec.origin is None:
        return "no-libcst"
    folder = Path(spec.origin).parent
    stats = []
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if entry.name == "_version.py" or entry.name.startswith("native"):
            info = entry.stat()
            stats.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return ",".join(stats)


class LintCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_root()) / f"lint-v{FORMAT}"

    @staticmethod
    def key(
        data: bytes, rules: Sequence[type[Rule]], severity: dict[str, Severity], path: str
    ) -> str:
        return LintCache.key_for(LintCache.settings_digest(rules, severity, path), data)

    @staticmethod
    def settings_digest(
        rules: Sequence[type[Rule]], severity: dict[str, Severity], path: str
    ) -> str:
        """Every input of the key but the file's bytes (the stat index compares it)."""
        digest = hashlib.sha256(code_fingerprint().encode())
        digest.update(path_facts(path).encode() + b"\0")
        digest.update(",".join(rule.code for rule in rules).encode())
        digest.update(json.dumps({k: v.value for k, v in sorted(severity.items())}).encode())
        return digest.hexdigest()

    @staticmethod
    def key_for(settings_digest: str, data: bytes) -> str:
        digest = hashlib.sha256(settings_digest.encode() + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def load(self, key: str, path: str, need_fixes: bool = True) -> list[Finding] | None:
        """The findings stored under `key`; None if absent, or if `need_fixes` and an
        entry was stored without building its fixes (so the lint is done again)."""
        entry = self._path(key)
        try:
            raw = entry.read_bytes()
        except OSError:
            return None
        try:
            found = [_finding(item, path) for item in json.loads(raw)]
        except (ValueError, KeyError, TypeError):
            entry.unlink(missing_ok=True)  # corrupt: never trusted
            return None
        if need_fixes and any(f.fix is not None and not f.fix.built for f in found):
            return None
        return found

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


# A file modified less than this before it was read is not indexed (the next run
# checks its bytes): file systems keep mtimes in ticks of up to two seconds (FAT),
# and an edit within the tick of the read would leave size and mtime as they were.
RACY_NS = 2_000_000_000


class StatIndex:
    """One run's files by path, size and mtime_ns, with their findings: a warm run
    neither reads nor hashes an unchanged file, and loads one file, not one per file.

    An entry answers only while the file's size and mtime_ns and the settings
    digest (config, rules, tutor and Python versions: everything in the key but
    the bytes) are what they were; otherwise the content-hash cache decides. A
    file written in the `RACY_NS` before it was read gets no entry until a later
    run. One index per set of targets (and working folder), replaced atomically.
    """

    def __init__(self, cache: LintCache, targets: Sequence[str]) -> None:
        name = hashlib.sha256("\0".join([os.getcwd(), *targets]).encode()).hexdigest()[:32]
        self.path = cache.root / "index" / f"{name}.index"  # JSON
        self.old: dict[str, list[Any]] = {}
        self.new: dict[str, list[Any]] = {}
        self.old_digests: dict[str, str] = {}
        self.digests: dict[str, str] = {}
        try:
            loaded = json.loads(self.path.read_bytes())
            if loaded.get("fingerprint") == code_fingerprint():
                old, digests = dict(loaded["files"]), dict(loaded["digests"])
                if all(isinstance(v, str) for v in digests.values()):
                    self.old, self.old_digests = old, digests
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # absent or unreadable: every file is looked up by content

    def settings_digest(self, settings: Settings, file: Path, shown: str) -> str:
        """`LintCache.settings_digest` of the rules `settings` enable for `file`.

        Remembered by the settings' own words (select, ignore, the per-file
        ignores that match, severities, path facts): while the rules' code is
        unchanged (the index's fingerprint), those words pick the same rules, so
        a run whose files are all unchanged loads neither the rules nor LibCST."""
        words = json.dumps(
            [
                settings.select,
                settings.ignore,
                settings.ignored_for(file),
                sorted((name, level.value) for name, level in settings.severity.items()),
                path_facts(shown),
            ]
        )
        digest = self.digests.get(words) or self.old_digests.get(words)
        if digest is None:
            from pitfall_tutor.rules import ALL_RULES

            rules = settings.rules(ALL_RULES, file)
            digest = LintCache.settings_digest(rules, settings.severity, shown)
        self.digests[words] = digest
        return digest

    def get(
        self, path: str, stat: os.stat_result, digest: str, shown: str, need_fixes: bool
    ) -> list[Finding] | None:
        entry = self.old.get(path)
        if entry is None or entry[:3] != [stat.st_size, stat.st_mtime_ns, digest]:
            return None
        try:
            found = [_finding(item, shown) for item in entry[4]]
        except (ValueError, KeyError, TypeError, IndexError):
            return None
        if need_fixes and any(f.fix is not None and not f.fix.built for f in found):
            return None
        self.new[path] = entry
        return found

    def put(
        self, path: str, stat: os.stat_result, digest: str, key: str, found: Sequence[Finding]
    ) -> None:
        if time.time_ns() - stat.st_mtime_ns < RACY_NS:
            return  # written just now: a same-size edit in the same tick would look unchanged
        records = [_record(finding) for finding in found]
        self.new[path] = [stat.st_size, stat.st_mtime_ns, digest, key, records]

    def save(self) -> None:
        """Write the entries this run used or made, if they differ from the old ones."""
        if self.new == self.old and self.digests == self.old_digests:
            return
        payload = json.dumps(
            {"fingerprint": code_fingerprint(), "files": self.new, "digests": self.digests}
        ).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, self.path)
        except OSError:
            pass  # an index that cannot be written only costs time


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
            "edits": [[_point(e.start), _point(e.end), e.content] for e in fix.edits]
            if fix.built
            else None,
        },
        "related": [[_point(r.start), _point(r.end), r.message] for r in finding.related],
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
        else Fix(bool(fix["safe"]), (), built=False)
        if fix["edits"] is None
        else Fix(
            bool(fix["safe"]),
            tuple(Edit(Position(*s), Position(*e), str(c)) for s, e, c in fix["edits"]),
        ),
        bool(item["tool"]),
        cell=item.get("cell"),
        related=tuple(
            Related(Position(*s), Position(*e), str(m)) for s, e, m in item.get("related", ())
        ),
    )
