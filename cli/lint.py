"""`tutor lint` without the command line: check files, optionally fix them."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pitfall_tutor.rules import ALL_RULES
from pitfall_tutor.rules.engine.config import ConfigFinder, Settings
from pitfall_tutor.rules.engine.engine import (
    IO_ERROR,
    FileResult,
    lint_bytes,
    lint_text,
    tool_finding,
)
from pitfall_tutor.rules.engine.findings import Finding
from pitfall_tutor.rules.engine.fixes import fix_text
from pitfall_tutor.rules.questions import page_url

from .discovery import discover

STDIN = "-"


@dataclass
class Checked:
    """One file's findings, plus what fixing it did."""

    result: FileResult
    settings: Settings
    fixed_text: str | None = None  # set when fixes changed the text
    fixes_applied: int = 0
    write_error: str | None = None

    def url(self, finding: Finding) -> str | None:
        if finding.tool:
            return None
        return page_url(finding.question, finding.rule, self.settings.docs_url)


@dataclass
class LintRun:
    checked: list[Checked] = field(default_factory=list)
    path_errors: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[tuple[Checked, Finding]]:
        return [(item, finding) for item in self.checked for finding in item.result.findings]


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    unsafe_fixes: bool = False
    write: bool = True  # False for --diff: compute fixes, touch nothing
    config: Path | None = None
    stdin_filename: str | None = None


def display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run_lint(paths: Sequence[str], options: Options, stdin: bytes | None = None) -> LintRun:
    configs = ConfigFinder(options.config)
    run = LintRun()
    if stdin is not None:
        name = options.stdin_filename or STDIN
        where = Path(name) if options.stdin_filename else Path.cwd() / "stdin.py"
        run.checked.append(_check(stdin, name, where, configs, options, on_disk=False))
    on_disk = [Path(path) for path in paths if path != STDIN]
    found = discover(on_disk, configs)
    run.path_errors.extend(found.errors)
    for file in found.files:
        shown = display_path(file)
        try:
            data = file.read_bytes()
        except OSError as exc:
            settings = configs.for_path(file).overridden(options.select, options.ignore)
            message = f"cannot read file: {exc.strerror or exc}"
            result = FileResult(shown, [tool_finding(shown, IO_ERROR, message)])
            run.checked.append(Checked(result, settings))
            continue
        run.checked.append(_check(data, shown, file, configs, options, on_disk=True))
    return run


def _check(
    data: bytes, shown: str, file: Path, configs: ConfigFinder, options: Options, on_disk: bool
) -> Checked:
    settings = configs.for_path(file).overridden(options.select, options.ignore)
    rules = settings.rules(ALL_RULES, file)
    result = lint_bytes(data, shown, rules, settings.severity)
    checked = Checked(result, settings)
    source = result.source
    if not options.fix or source is None or not any(f.fix for f in result.findings):
        return checked

    def relint(text: str) -> list[Finding]:
        return lint_text(text, shown, rules, settings.severity)

    fixed, applied, remaining = fix_text(source.text, relint, unsafe=options.unsafe_fixes)
    if applied and fixed != source.text:
        checked.fixed_text = fixed
        checked.fixes_applied = applied
        if options.write and on_disk:
            checked.write_error = write_atomically(file, data, source.encode(fixed))
        if checked.write_error is None:
            result.findings = remaining
    return checked


def write_atomically(path: Path, original: bytes, new: bytes) -> str | None:
    """Replace the file through a temporary file and a rename, keeping its mode.

    Refuses (returns why) when the file changed on disk since it was read.
    """
    path = path.resolve()  # write through a symlink, not over it
    try:
        if path.read_bytes() != original:
            return "file changed on disk while it was being fixed; not written"
        mode = path.stat().st_mode
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(new)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, mode & 0o7777)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"could not write fixes: {exc.strerror or exc}"
    return None
