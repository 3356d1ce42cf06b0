"""What `tutor lint` does once its command line is read, by typer or by cli/entry.py.

Kept free of typer so that the fast entry point does not import it.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(
        part.strip() for value in values or [] for part in value.split(",") if part.strip()
    )


def usage_error(message: str) -> int:
    print(f"tutor: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def lint_command(
    paths: list[str] | None,
    select: list[str] | None,
    ignore: list[str] | None,
    output_format: str,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    no_cache: bool,
    jobs: int | None,
    quiet: bool,
    statistics: bool,
    config: Path | None,
    stdin_filename: str | None,
    name: str | None = None,
) -> int:
    """Check, fix or diff; the exit code. 0: clean, 1: findings, 2: usage error."""
    from pitfall_tutor.rules.engine.config import ConfigError

    from .formats import Format
    from .lint import STDIN, Options, run_lint

    try:
        fmt = Format(output_format)
    except ValueError:
        return usage_error(f"unknown format {output_format!r}; use text, json, sarif or github")
    targets = paths or ["."]
    options = Options(
        select=split(select),
        ignore=split(ignore),
        fix=fix or diff or unsafe_fixes,
        unsafe_fixes=unsafe_fixes,
        write=not diff,
        config=config,
        stdin_filename=stdin_filename,
        jobs=jobs,
        no_cache=no_cache,
        fix_edits=fmt in (Format.JSON, Format.SARIF),
    )
    stdin = sys.stdin.buffer.read() if STDIN in targets else None
    try:
        from .progress import ProgressBar

        with ProgressBar(enabled=fmt is Format.TEXT and not quiet) as bar:
            run = run_lint(targets, options, stdin, progress=bar.update)
        run.name = name
    except ConfigError as exc:
        return usage_error(str(exc))
    for message in run.path_errors:
        print(f"tutor: error: {message}", file=sys.stderr)
    if run.path_errors and not run.checked:
        return EXIT_USAGE  # nothing was checked: the error says it all

    if not diff:
        from .learner import record_lint

        for note in record_lint(run, skip_first=stdin is not None):
            print(f"tutor: warning: {note}", file=sys.stderr)
    if diff:
        from .fixdiff import write_diff

        changed = write_diff(run, sys.stdout)
        return EXIT_USAGE if run.path_errors else EXIT_FINDINGS if changed else EXIT_CLEAN
    if stdin is not None and options.fix and fmt is Format.TEXT:
        # Like other fixers: fixed code goes to stdout, findings to stderr.
        stdin_result = run.checked[0]
        fixed = stdin_result.fixed_text
        sys.stdout.write(fixed if fixed is not None else (stdin_result.result.text or ""))
        from .formats.as_text import write as write_text

        write_text(run, sys.stderr, quiet=quiet, statistics=statistics)
    elif fmt is Format.TEXT:
        from .formats.as_text import write as write_text

        write_text(run, sys.stdout, quiet=quiet, statistics=statistics)
    else:
        from .formats import writer

        writer(fmt)(run, sys.stdout)
    if run.path_errors or any(c.write_error for c in run.checked):
        return EXIT_USAGE
    return EXIT_FINDINGS if run.findings else EXIT_CLEAN
