"""The learner's workspace: one folder per kata, plus the progress files.

Layout (default `./tutor-katas/`, or `--dir`, or `$TUTOR_KATA_DIR`)::

    progress.json           attempts, hints, times (katas/progress.py)
    cards.json              the flashcard schedule (katas/cards.py)
    scope/scope.py          the one file the learner edits
    scope/README.md         the instructions, with the commands to use
    scope/test_scope.py     a copy of the tests, to read (checks use the original)
    scope/backups/          what `tutor kata reset` replaced

The learner's file is only ever written when it does not exist yet, or by
`reset`, which backs it up first.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .catalogue import INSTRUCTIONS, STARTER, TESTS, Kata, done_when

DEFAULT_DIR = "tutor-katas"
ENVIRONMENT = "TUTOR_KATA_DIR"
TESTS_HEADER = (
    "# A copy of this kata's tests, to read. `tutor kata check` always runs the\n"
    "# original, so editing this file changes nothing.\n\n"
)


def workspace_root(option: Path | None = None) -> Path:
    """--dir beats $TUTOR_KATA_DIR beats ./tutor-katas/."""
    if option is not None:
        return option
    from_environment = os.environ.get(ENVIRONMENT)
    if from_environment:
        return Path(from_environment)
    return Path.cwd() / DEFAULT_DIR


def workspace_problem(root: Path) -> str | None:
    """Why `root` cannot hold a workspace (it, or a folder above it, is a file)."""
    for folder in (root, *root.parents):
        if folder.exists() or folder.is_symlink():
            if not folder.is_dir():
                return f"the kata folder {folder} is not a folder (it is a file); choose another with --dir"
            return None
    return None


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def progress_file(self) -> Path:
        return self.root / "progress.json"

    @property
    def cards_file(self) -> Path:
        return self.root / "cards.json"

    def folder(self, kata: Kata) -> Path:
        return self.root / kata.slug

    def learner_file(self, kata: Kata) -> Path:
        return self.folder(kata) / kata.file_name

    def has(self, kata: Kata) -> bool:
        return self.learner_file(kata).is_file()

    def place(self, kata: Kata) -> bool:
        """Put the kata's files in place; True when the learner's file was created."""
        folder = self.folder(kata)
        folder.mkdir(parents=True, exist_ok=True)
        _write_if_changed(folder / "README.md", readme(kata))
        _write_if_changed(folder / kata.tests_name, TESTS_HEADER + kata.text(TESTS))
        target = self.learner_file(kata)
        if target.exists():
            return False
        target.write_text(kata.text(STARTER), encoding="utf-8")
        return True

    def reset(self, kata: Kata) -> Path | None:
        """Restore the starter; returns the backup of the learner's file, if any."""
        target = self.learner_file(kata)
        backup = None
        if target.exists():
            backups = self.folder(kata) / "backups"
            backups.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            backup = backups / f"{kata.module}-{stamp}.py"
            counter = 1
            while backup.exists():
                counter += 1
                backup = backups / f"{kata.module}-{stamp}-{counter}.py"
            shutil.copy2(target, backup)
            target.unlink()
        self.place(kata)
        return backup


def readme(kata: Kata) -> str:
    from pitfall_tutor.rules.questions import question
    from pitfall_tutor.rules.questions.learn import learn_link

    item = question(kata.question)
    return (
        kata.text(INSTRUCTIONS).rstrip()
        + "\n\n"
        + done_when(kata)
        + "\n\n---\n\n"
        + f"Edit `{kata.file_name}`, then run `tutor kata check {kata.slug}` "
        + "(add `--watch` to re-check on every save).\n"
        + f"Stuck? `tutor kata hint {kata.slug}` shows one more hint each time.\n\n"
        + f"Learn more: Q{item.number}. {item.title}: {learn_link(item.number).text()}\n"
    )


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    path.write_text(text, encoding="utf-8")
