"""The learner's own history of pitfalls, kept only with their consent.

Off by default. It is on when the project says `[tool.tutor] history = true`,
or after `tutor progress --enable` (a consent file in the user data folder;
a project's `history = false` still wins). Each `tutor lint` and each file an
editor opens or saves adds, per file and day, how many times each rule fired.
No code and no file contents are kept: a file is known by a hash of its path
(and of its text, to tell versions apart), so the same file checked again on
the same day updates its count instead of adding to it.

The store is one SQLite file (standard library, WAL mode, so concurrent lints
and an editor can all write) with its schema version in `user_version`. A
problem with it is never fatal: a corrupt file is moved aside and a fresh one
started, a locked one skips this run's record, and each is told once as a
note for the caller to show; `tutor progress --forget` deletes it all.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

ENVIRONMENT = "TUTOR_DATA_DIR"
DATABASE = "history.sqlite3"
CONSENT = "history-consent.txt"
SCHEMA = 1
BUSY_SECONDS = 5.0  # how long a writer waits for another before giving up this run
SOURCES = ("lint", "editor")

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,          -- when, ISO 8601 UTC
    day TEXT NOT NULL,         -- the learner's local date
    source TEXT NOT NULL,      -- lint or editor
    files INTEGER NOT NULL,
    findings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS hits (
    day TEXT NOT NULL,
    file TEXT NOT NULL,        -- hash of the file's absolute path
    rule TEXT NOT NULL,
    question INTEGER NOT NULL,
    count INTEGER NOT NULL,
    content TEXT,              -- hash of the text the count was taken from
    run INTEGER NOT NULL,
    PRIMARY KEY (day, file, rule)
);
CREATE INDEX IF NOT EXISTS hits_by_day ON hits (day);
"""


def data_dir() -> Path:
    """$TUTOR_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get(ENVIRONMENT)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("pitfall-tutor", appauthor=False))


def database_path() -> Path:
    return data_dir() / DATABASE


def consented() -> bool:
    """`tutor progress --enable` was run (and not undone by --disable)."""
    return (data_dir() / CONSENT).is_file()


def is_on(project_setting: bool | None) -> bool:
    """The project's `history` setting when it has one, else the learner's consent."""
    return project_setting if project_setting is not None else consented()


def set_consent(on: bool) -> Path:
    consent = data_dir() / CONSENT
    if on:
        consent.parent.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        consent.write_text(
            f"Turned on by `tutor progress --enable` at {stamp}.\n"
            "tutor records, per day and file, how many times each rule fired; no code.\n"
            "Delete this file (or run `tutor progress --disable`) to stop.\n",
            encoding="utf-8",
        )
    else:
        consent.unlink(missing_ok=True)
    return consent


def forget() -> list[Path]:
    """Delete the history (and any copies moved aside); returns what was deleted."""
    folder = data_dir()
    deleted: list[Path] = []
    if not folder.is_dir():
        return deleted
    for path in sorted(folder.glob(DATABASE + "*")):
        try:
            path.unlink()
        except OSError:
            continue
        deleted.append(path)
    return deleted


def hashed(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True)
class FileHits:
    """What one check of one file found, before hashing: nothing of it is stored as is."""

    path: Path
    text: str | None  # hashed to tell versions apart; None when not at hand
    counts: Mapping[tuple[str, int], int]  # (rule, question) -> findings


def count_findings(findings: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """(rule, question) pairs to counts; question 0 (syntax errors and such) is left out."""
    counts: dict[tuple[str, int], int] = {}
    for rule, number in findings:
        if number > 0:
            counts[(rule, number)] = counts.get((rule, number), 0) + 1
    return counts


class HistoryProblem(Exception):
    """The store cannot be used this time; the message says why, once."""


def record(
    source: str,
    files: Sequence[FileHits],
    when: datetime | None = None,
    path: Path | None = None,
) -> list[str]:
    """Add one run; returns notes for the learner (empty when all went well). Never raises."""
    path = path or database_path()
    moment = when or datetime.now(timezone.utc)
    day = moment.astimezone().date().isoformat()
    rows = [
        (day, hashed(str(item.path)), rule, number, count, _content(item.text))
        for item in files
        for (rule, number), count in sorted(item.counts.items())
        if count > 0
    ]
    notes: list[str] = []
    for _ in range(2):  # a second try only after a corrupt file was moved aside
        try:
            with _open(path, notes) as db:
                db.execute("BEGIN IMMEDIATE")
                cursor = db.execute(
                    "INSERT INTO runs (at, day, source, files, findings) VALUES (?, ?, ?, ?, ?)",
                    (
                        moment.isoformat(timespec="seconds"),
                        day,
                        source,
                        len(files),
                        sum(row[4] for row in rows),
                    ),
                )
                run = cursor.lastrowid
                db.executemany(
                    "INSERT INTO hits (day, file, rule, question, count, content, run) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, file, rule) DO UPDATE SET "
                    "count = excluded.count, content = excluded.content, "
                    "question = excluded.question, run = excluded.run",
                    [(*row, run) for row in rows],
                )
                db.execute("COMMIT")
            return notes
        except _Corrupt:
            continue
        except HistoryProblem as problem:
            notes.append(str(problem))
            return notes
    return notes


def _content(text: str | None) -> str | None:
    return hashed(text) if text is not None else None


@dataclass(frozen=True)
class Hits:
    """Counts of one rule on one day, summed over files."""

    day: date
    rule: str
    question: int
    count: int


@dataclass
class Read:
    hits: list[Hits] = field(default_factory=list)
    runs: int = 0
    first_day: date | None = None
    notes: list[str] = field(default_factory=list)


def read(since: date | None = None, path: Path | None = None) -> Read:
    """Every rule's count per day (since `since`); a missing store reads as empty."""
    path = path or database_path()
    result = Read()
    if not path.is_file():
        return result
    for _ in range(2):
        try:
            with _open(path, result.notes, create=False) as db:
                floor = since.isoformat() if since else ""
                rows = db.execute(
                    "SELECT day, rule, question, SUM(count) FROM hits WHERE day >= ? "
                    "GROUP BY day, rule, question ORDER BY day",
                    (floor,),
                ).fetchall()
                runs, first = db.execute("SELECT COUNT(*), MIN(day) FROM runs").fetchone()
            result.hits = [Hits(date.fromisoformat(d), r, int(q), int(c)) for d, r, q, c in rows]
            result.runs = int(runs)
            result.first_day = date.fromisoformat(first) if first else None
            return result
        except _Corrupt:
            if not path.is_file():
                return result
            continue
        except HistoryProblem as problem:
            result.notes.append(str(problem))
            return result
    return result


def rule_counts(since: date, path: Path | None = None) -> dict[str, int]:
    """How many times each rule fired since `since` (for the editor's hover)."""
    totals: dict[str, int] = {}
    for item in read(since, path).hits:
        totals[item.rule] = totals.get(item.rule, 0) + item.count
    return totals


def month_ago(today: date | None = None) -> date:
    return (today or date.today()) - timedelta(days=30)


class _Corrupt(Exception):
    """The file was not a database; it has been moved aside (a note says where)."""


class _open:
    """A connection ready for use: WAL, schema in place, closed on exit.

    Corruption moves the file aside and raises _Corrupt (so the caller can try
    once more on a fresh file); a lock or anything else raises HistoryProblem.
    """

    def __init__(self, path: Path, notes: list[str], create: bool = True) -> None:
        self.path = path
        self.notes = notes
        self.create = create
        self.db: sqlite3.Connection | None = None

    def __enter__(self) -> sqlite3.Connection:
        import sqlite3

        try:
            if self.create:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA:
                raise HistoryProblem(
                    f"history at {self.path} was written by a newer tutor (schema {version}); "
                    "not using it"
                )
            if version < SCHEMA:
                self._create_schema(self.db)
            if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                self.db.execute("PRAGMA journal_mode=WAL")
            # No fsync: a history of counts may lose its last runs if the machine
            # loses power, and a file damaged that way is moved aside; a synced
            # commit and checkpoint would cost every lint 20-40 ms.
            self.db.execute("PRAGMA synchronous=OFF")
            return self.db
        except BaseException as error:
            self._close()
            raise self._translate(error) from error

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        try:
            if error is not None and self.db is not None and self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except Exception:
            pass
        self._close()
        if error is not None and not isinstance(error, (_Corrupt, HistoryProblem)):
            raise self._translate(error) from error

    def _create_schema(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA:  # another writer may have
            for statement in _SCHEMA_SQL.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA}")
        db.execute("COMMIT")

    def _close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _translate(self, error: BaseException) -> BaseException:
        import sqlite3

        if isinstance(error, (_Corrupt, HistoryProblem)) or not isinstance(error, Exception):
            return error
        text = str(error)
        if isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            return HistoryProblem(
                f"history at {self.path} is locked by another program; this run was not recorded"
            )
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.OperationalError
        ):
            return self._move_aside(text)
        if isinstance(error, sqlite3.OperationalError) and "malformed" in text:
            return self._move_aside(text)
        return HistoryProblem(f"history at {self.path} cannot be used ({text}); not recording")

    def _move_aside(self, why: str) -> BaseException:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            self.path.replace(target)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError:
            return HistoryProblem(f"history at {self.path} is damaged ({why}); not recording")
        self.notes.append(
            f"history at {self.path} was damaged ({why}); moved it to {target.name} "
            "and started a new one"
        )
        return _Corrupt()
