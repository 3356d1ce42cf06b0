"""`tutor kata ...`: practise one topic until its tests pass and its rules are quiet.

`tutor kata` alone continues with the first kata not yet passed;
`tutor kata scope` opens (and checks) the kata called `scope`. The rule engine
and the runner are imported inside the commands, so `tutor --help` stays quick.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from pitfall_tutor.katas.catalogue import Kata
    from pitfall_tutor.katas.checking import CheckResult
    from pitfall_tutor.katas.progress import Progress, Recorded
    from pitfall_tutor.katas.runner import Limits
    from pitfall_tutor.katas.workspace import Workspace

EXIT_OK, EXIT_NOT_DONE, EXIT_USAGE = 0, 1, 2
OPEN = "open"


class KataGroup(TyperGroup):
    """Treats `tutor kata <topic>` as `tutor kata open <topic>`."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = [OPEN, *args]
        return super().resolve_command(ctx, args)


kata_app = typer.Typer(
    cls=KataGroup,
    help=(
        "Practise one topic until its tests pass and its rules are quiet.\n\n"
        "`tutor kata` continues with the first kata you have not passed; "
        "`tutor kata TOPIC` (e.g. `tutor kata scope`) opens that one. "
        "Your files live in ./tutor-katas/ (or --dir, or $TUTOR_KATA_DIR)."
    ),
    invoke_without_command=True,
    rich_markup_mode=None,
    add_completion=False,
)

DirOption = Annotated[
    Path | None,
    typer.Option("--dir", help="The workspace folder (default ./tutor-katas, or $TUTOR_KATA_DIR)."),
]
EditOption = Annotated[bool, typer.Option("--edit", help="Open the kata's file in $EDITOR.")]
FormatOption = Annotated[str, typer.Option("--format", help="text or json.")]
TopicArgument = Annotated[
    str | None, typer.Argument(help="The kata (see `tutor kata list`); default: your current one.")
]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"tutor: error: {message}", err=True)
    return typer.Exit(code)


def _workspace(directory: Path | None) -> Workspace:
    from pitfall_tutor.katas.workspace import Workspace, workspace_root

    return Workspace(workspace_root(directory))


def _progress(workspace: Workspace) -> Progress:
    from pitfall_tutor.katas.progress import Progress

    progress = Progress(workspace.progress_file)
    for note in progress.notes:
        typer.echo(f"tutor: warning: {note}", err=True)
    return progress


def _kata(topic: str) -> Kata:
    from pitfall_tutor.katas.catalogue import close_matches, find_kata

    kata = find_kata(topic)
    if kata is None:
        guesses = close_matches(topic)
        hint = f" Did you mean {', '.join(guesses)}?" if guesses else ""
        raise _fail(f"no kata called {topic!r}.{hint} See `tutor kata list`.")
    return kata


def _first_unfinished(progress: Progress) -> Kata | None:
    from pitfall_tutor.katas.catalogue import KATAS

    return next((kata for kata in KATAS if not progress.get(kata.slug).passed), None)


def _chosen(topic: str | None, progress: Progress) -> Kata:
    """The named kata, else the one worked on last, else the first not passed."""
    from pitfall_tutor.katas.catalogue import KATAS, find_kata

    if topic is not None:
        return _kata(topic)
    current = find_kata(progress.current) if progress.current else None
    return current or _first_unfinished(progress) or KATAS[0]


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _limits(timeout: float, memory: int) -> Limits:
    from pitfall_tutor.katas.runner import Limits

    if timeout <= 0 or memory <= 0:
        raise _fail("--timeout and --memory must be positive")
    return Limits(timeout=timeout, memory_mb=memory)


@kata_app.callback()
def kata_root(
    ctx: typer.Context,
    directory: DirOption = None,
    edit: EditOption = False,
) -> None:
    """Continue with the first kata you have not passed yet."""
    if ctx.invoked_subcommand is not None:
        return
    workspace = _workspace(directory)
    progress = _progress(workspace)
    kata = _first_unfinished(progress)
    if kata is None:
        typer.echo("Every kata has passed. Well done! Keep the ideas fresh with `tutor cards`.")
        raise typer.Exit(EXIT_OK)
    _open(kata, workspace, progress, edit)


@kata_app.command(OPEN, hidden=True)
def open_command(
    topic: Annotated[str, typer.Argument(help="The kata to open.")],
    directory: DirOption = None,
    edit: EditOption = False,
) -> None:
    """Open a kata: create its file if needed, show the task, check it."""
    kata = _kata(topic)
    workspace = _workspace(directory)
    _open(kata, workspace, _progress(workspace), edit)


def _open(kata: Kata, workspace: Workspace, progress: Progress, edit: bool) -> None:
    from pitfall_tutor.katas.catalogue import INSTRUCTIONS, KATAS, done_when, position
    from pitfall_tutor.rules.questions import page_url, question

    created = workspace.place(kata)
    progress.start(kata.slug)
    progress.save()
    item = question(kata.question)
    file = workspace.learner_file(kata)
    typer.echo(
        f"Kata {position(kata)} of {len(KATAS)}: {kata.slug} "
        f"(Q{item.number}. {item.title}; {item.level})"
    )
    state = "created from the starter" if created else "your work so far"
    typer.echo(f"Your file: {_shown(file)} ({state})\n")
    typer.echo(kata.text(INSTRUCTIONS).rstrip() + "\n")
    typer.echo(done_when(kata) + "\n")
    typer.echo(f"Learn more: Q{item.number}. {item.title}: {page_url(item.number)}\n")
    if edit:
        _edit(file)
    typer.echo(f"Checking {_shown(file)}...\n")
    code = _check_and_report(kata, workspace, progress, "text", _limits(10.0, 1024))
    raise typer.Exit(code)


def _edit(file: Path) -> None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        typer.echo(f"Set $EDITOR to open files for you; for now, open {_shown(file)} yourself.")
        return
    try:
        subprocess.run([*shlex.split(editor), str(file)], check=False)
    except OSError as exc:
        typer.echo(f"tutor: warning: could not start {editor!r}: {exc}", err=True)


def _check_and_report(
    kata: Kata,
    workspace: Workspace,
    progress: Progress,
    output_format: str,
    limits: Limits,
) -> int:
    from pitfall_tutor.katas.checking import PASS

    checked = _check(kata, workspace, limits)
    if checked is None:
        return EXIT_USAGE
    result, code = checked
    recorded = _record(kata, progress, result, code)
    entry = progress.get(kata.slug)
    if output_format == "json":
        from pitfall_tutor.katas.report import write_json

        extra = {
            "progress": {
                "attempts": entry.attempts,
                "hints": entry.hints,
                "passed": entry.passed,
                "best_seconds": entry.best_seconds,
            }
        }
        write_json(result, sys.stdout, extra)
    else:
        from pitfall_tutor.katas.report import write_text

        write_text(result, sys.stdout)
        typer.echo("\n" + _next_steps(kata, workspace, progress, result, recorded))
    return EXIT_OK if result.status == PASS else EXIT_NOT_DONE


def _check(kata: Kata, workspace: Workspace, limits: Limits) -> tuple[CheckResult, bytes] | None:
    from pitfall_tutor.katas.checking import check_code

    file = workspace.learner_file(kata)
    try:
        code = file.read_bytes()
    except FileNotFoundError:
        typer.echo(
            f"tutor: error: {_shown(file)} does not exist; run `tutor kata {kata.slug}` "
            "to create it.",
            err=True,
        )
        return None
    except OSError as exc:
        typer.echo(f"tutor: error: cannot read {_shown(file)}: {exc.strerror}", err=True)
        return None
    return check_code(kata, code, _shown(file), limits), code


def _record(kata: Kata, progress: Progress, result: CheckResult, code: bytes) -> Recorded:
    import hashlib

    from pitfall_tutor.katas.catalogue import STARTER

    digest = hashlib.sha256(code).hexdigest()
    untouched = code == kata.text(STARTER).encode("utf-8")
    recorded = progress.record_check(kata.slug, result.status, digest, counts=not untouched)
    progress.save()
    return recorded


def _next_steps(
    kata: Kata, workspace: Workspace, progress: Progress, result: CheckResult, recorded: Recorded
) -> str:
    from pitfall_tutor.katas.checking import PASS
    from pitfall_tutor.katas.progress import format_duration

    entry = progress.get(kata.slug)
    file = _shown(workspace.learner_file(kata))
    if result.status != PASS:
        used = f"{entry.hints} of {len(kata.hints)} hints used"
        return (
            f"Next: edit {file}, then run `tutor kata check {kata.slug}` "
            f"(or add --watch to re-check on every save).\n"
            f"Stuck? `tutor kata hint {kata.slug}` shows one more hint ({used})."
        )
    lines = []
    if recorded.seconds is not None:  # the first pass since the kata was placed or reset
        took = format_duration(recorded.seconds)
        attempts = f"{entry.attempts} attempt{'s' * (entry.attempts != 1)}"
        hints = f"{entry.hints} hint{'s' * (entry.hints != 1)}"
        lines.append(f"Kata passed in {took}, with {attempts} and {hints}.")
    else:
        lines.append("Kata passed.")
    lines.append(f"Compare with our solution: `tutor kata solution {kata.slug}`.")
    upcoming = _first_unfinished(progress)
    if upcoming is None:
        lines.append("That was the last one: every kata has passed. Review with `tutor cards`.")
    else:
        lines.append(f"Next kata: `tutor kata {upcoming.slug}`.")
    return "\n".join(lines)


@kata_app.command("list")
def list_command(
    directory: DirOption = None,
    output_format: FormatOption = "text",
) -> None:
    """Every kata in learning order, with status, attempts and best time."""
    from pitfall_tutor.katas.catalogue import KATAS
    from pitfall_tutor.katas.progress import format_duration
    from pitfall_tutor.rules.questions import question

    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    progress = _progress(_workspace(directory))
    if output_format == "json":
        import json

        rows = []
        for number, kata in enumerate(KATAS, start=1):
            entry = progress.get(kata.slug)
            rows.append(
                {
                    "position": number,
                    "kata": kata.slug,
                    "question": kata.question,
                    "title": kata.title,
                    "status": entry.status,
                    "attempts": entry.attempts,
                    "hints": entry.hints,
                    "best_seconds": entry.best_seconds,
                }
            )
        typer.echo(json.dumps(rows, indent=2))
        return
    passed = sum(progress.get(kata.slug).passed for kata in KATAS)
    typer.echo(f"Katas: {passed} of {len(KATAS)} passed.")
    level = None
    for number, kata in enumerate(KATAS, start=1):
        item = question(kata.question)
        if item.level != level:
            level = item.level
            typer.echo(f"\n{level}")
            typer.echo(
                f"  {'#':>2}  {'kata':<20}{'question':<10}{'status':<13}{'attempts':>8}  {'best time':<10}title"
            )
        entry = progress.get(kata.slug)
        attempts = str(entry.attempts) if entry.attempts else "-"
        typer.echo(
            f"  {number:>2}  {kata.slug:<20}{'Q' + str(kata.question):<10}{entry.status:<13}"
            f"{attempts:>8}  {format_duration(entry.best_seconds):<10}{kata.title}".rstrip()
        )
    upcoming = _first_unfinished(progress)
    if upcoming is not None:
        typer.echo(f"\nNext: `tutor kata {upcoming.slug}` (or just `tutor kata`).")


@kata_app.command("check")
def check_command(
    topic: TopicArgument = None,
    directory: DirOption = None,
    watch: Annotated[bool, typer.Option("--watch", help="Check again on every save.")] = False,
    output_format: FormatOption = "text",
    timeout: Annotated[float, typer.Option(help="Seconds the tests may run.")] = 10.0,
    memory: Annotated[int, typer.Option(help="Megabytes of memory the tests may use.")] = 1024,
    edit: EditOption = False,
) -> None:
    """Run the kata's tests and rules on your file. Exit 0 only when it passes."""
    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    limits = _limits(timeout, memory)
    workspace = _workspace(directory)
    progress = _progress(workspace)
    kata = _chosen(topic, progress)
    if edit:
        _edit(workspace.learner_file(kata))
    if watch:
        _watch(kata, workspace, progress, output_format, limits)
        return
    raise typer.Exit(_check_and_report(kata, workspace, progress, output_format, limits))


def _watch(
    kata: Kata, workspace: Workspace, progress: Progress, output_format: str, limits: Limits
) -> None:
    try:
        from watchfiles import watch
    except ImportError:
        raise _fail(
            "--watch needs the watchfiles package: pip install 'pitfall-tutor[watch]'"
        ) from None
    file = workspace.learner_file(kata)
    clear = output_format == "text" and sys.stdout.isatty()

    def snapshot() -> bytes | None:
        try:
            return file.read_bytes()
        except OSError:
            return None

    def recheck() -> bytes | None:
        if clear:
            typer.echo("\x1b[2J\x1b[H", nl=False)
        seen = snapshot()
        _check_and_report(kata, workspace, progress, output_format, limits)
        return seen

    def announce() -> None:
        if output_format == "text":
            typer.echo(f"\nWatching {_shown(file)}; every save checks it again. Ctrl-C stops.")
        sys.stdout.flush()

    def is_the_file(_change: object, path: str) -> bool:
        return Path(path).name == file.name

    try:
        checked = recheck()
        watching = False
        # With yield_on_timeout, an empty batch says the watcher is running; only then is
        # "Watching" true, and a save made before it started is caught by comparing bytes.
        for changes in watch(
            file.parent,
            watch_filter=is_the_file,
            debounce=300,
            rust_timeout=500,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if changes or (not watching and snapshot() != checked):
                checked = recheck()
                announce()
            elif not watching:
                announce()
            watching = True
    except KeyboardInterrupt:
        pass  # Ctrl-C during a check ends the watch just as cleanly
    if output_format == "text":
        typer.echo("\nStopped watching.")


@kata_app.command("hint")
def hint_command(topic: TopicArgument = None, directory: DirOption = None) -> None:
    """Show one more hint each time (they get more specific)."""
    import textwrap

    workspace = _workspace(directory)
    progress = _progress(workspace)
    kata = _chosen(topic, progress)
    hints = kata.hints
    shown = progress.reveal_hint(kata.slug, len(hints))
    progress.save()
    for number, text in enumerate(hints[:shown], start=1):
        typer.echo(f"Hint {number} of {len(hints)} for {kata.slug}:")
        typer.echo(textwrap.fill(text, 88, initial_indent="  ", subsequent_indent="  ") + "\n")
    if shown < len(hints):
        typer.echo(f"Run `tutor kata hint {kata.slug}` again for a more specific hint.")
    else:
        typer.echo(
            "That was the last hint. Once the kata passes, compare with our solution: "
            f"`tutor kata solution {kata.slug}`."
        )


@kata_app.command("reset")
def reset_command(
    topic: Annotated[str, typer.Argument(help="The kata to start over.")],
    directory: DirOption = None,
) -> None:
    """Restore the starter file (your version is backed up first)."""
    kata = _kata(topic)
    workspace = _workspace(directory)
    progress = _progress(workspace)
    backup = workspace.reset(kata)
    progress.start(kata.slug, restart=True)
    progress.save()
    if backup is not None:
        typer.echo(f"Saved your version as {_shown(backup)}.")
    typer.echo(
        f"Restored the starter in {_shown(workspace.learner_file(kata))}; the clock restarts now."
    )


@kata_app.command("solution")
def solution_command(
    topic: Annotated[str, typer.Argument(help="The kata whose solution to show.")],
    directory: DirOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Show it even though the kata has not passed yet.")
    ] = False,
) -> None:
    """Show our reference solution once your kata has passed."""
    from pitfall_tutor.katas.catalogue import SOLUTION

    kata = _kata(topic)
    workspace = _workspace(directory)
    progress = _progress(workspace)
    entry = progress.get(kata.slug)
    if not entry.passed and not force:
        raise _fail(
            f"{kata.slug} has not passed yet, so its solution stays hidden; try "
            f"`tutor kata hint {kata.slug}`. To look anyway: "
            f"`tutor kata solution {kata.slug} --force`.",
            EXIT_NOT_DONE,
        )
    if not entry.passed:
        typer.echo(
            "tutor: warning: showing the solution before your kata passes; reading it "
            "teaches less than finding it. (Noted in your progress.)",
            err=True,
        )
        entry.solution_viewed = True
        progress.save()
    typer.echo(
        f"# Reference solution for the {kata.slug} kata. Yours may differ and be just as good.\n"
    )
    typer.echo(kata.text(SOLUTION).rstrip())


@kata_app.command("progress")
def progress_command(directory: DirOption = None, output_format: FormatOption = "text") -> None:
    """A summary of everything: passed, in progress, attempts, hints and time."""
    from pitfall_tutor.katas.catalogue import KATAS
    from pitfall_tutor.katas.progress import format_duration
    from pitfall_tutor.rules.questions import LEVELS, question

    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    workspace = _workspace(directory)
    progress = _progress(workspace)
    entries = {kata.slug: progress.get(kata.slug) for kata in KATAS}
    passed = [slug for slug, entry in entries.items() if entry.passed]
    started = [slug for slug, entry in entries.items() if entry.status == "in progress"]
    attempts = sum(entry.attempts for entry in entries.values())
    hints = sum(entry.hints for entry in entries.values())
    viewed = sum(entry.solution_viewed for entry in entries.values())
    best = [entry.best_seconds for entry in entries.values() if entry.best_seconds is not None]
    upcoming = _first_unfinished(progress)
    if output_format == "json":
        import json
        from dataclasses import asdict

        summary = {
            "workspace": str(workspace.root),
            "passed": passed,
            "in_progress": started,
            "total": len(KATAS),
            "attempts": attempts,
            "hints": hints,
            "solutions_viewed": viewed,
            "best_seconds_total": sum(best),
            "next": upcoming.slug if upcoming else None,
            "katas": {slug: asdict(entry) for slug, entry in entries.items()},
        }
        typer.echo(json.dumps(summary, indent=2))
        return
    per_level = []
    for _, name in LEVELS:
        katas = [kata for kata in KATAS if question(kata.question).level == name]
        if katas:
            done = sum(entries[kata.slug].passed for kata in katas)
            per_level.append(f"{name} {done}/{len(katas)}")
    typer.echo(f"Progress in {_shown(workspace.root)}/")
    typer.echo(f"  passed:      {len(passed)} of {len(KATAS)} katas ({', '.join(per_level)})")
    if started:
        typer.echo(f"  in progress: {', '.join(started)}")
    typer.echo(f"  attempts:    {attempts}; hints used: {hints}; solutions viewed early: {viewed}")
    typer.echo(
        f"  time:        {format_duration(sum(best)) if best else '-'} (best times added up)"
    )
    if upcoming is not None:
        typer.echo(f"Next: `tutor kata {upcoming.slug}`")
    else:
        typer.echo("Every kata has passed. Keep the ideas fresh with `tutor cards`.")


@kata_app.command("verify")
def verify_command(
    topics: Annotated[
        list[str] | None, typer.Argument(help="Katas to verify; default: all.")
    ] = None,
    output_format: FormatOption = "text",
    timeout: Annotated[float, typer.Option(help="Seconds each check may run.")] = 10.0,
) -> None:
    """Prove every starter fails and every reference solution passes (for maintainers)."""
    from pitfall_tutor.katas.catalogue import KATAS
    from pitfall_tutor.katas.verify import verify_all

    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    katas = [_kata(topic) for topic in topics] if topics else list(KATAS)
    verdicts = verify_all(katas, _limits(timeout, 1024))
    if output_format == "json":
        import json

        from pitfall_tutor.katas.report import as_json

        rows = [
            {
                "kata": verdict.kata.slug,
                "ok": verdict.ok,
                "skipped": verdict.skipped,
                "problems": verdict.problems,
                "starter": as_json(verdict.starter) if verdict.starter else None,
                "solution": as_json(verdict.solution) if verdict.solution else None,
                "misconceptions": [
                    {
                        "name": item.misconception.name,
                        "why": item.misconception.why,
                        "failed": item.ok,
                        "caught_by": item.by,
                        "rules": item.rules,
                        "status": item.result.status,
                    }
                    for item in verdict.caught
                ],
            }
            for verdict in verdicts
        ]
        typer.echo(json.dumps(rows, indent=2))
    else:
        for verdict in verdicts:
            from pitfall_tutor.katas.verify import describe

            typer.echo("\n".join(describe(verdict)))
            if not verdict.ok:
                from pitfall_tutor.katas.report import write_text

                starter, solution = verdict.starter, verdict.solution
                if starter is not None and starter.status != "fail":
                    write_text(starter, sys.stdout)
                if solution is not None and solution.status != "pass":
                    write_text(solution, sys.stdout)
        bad = sum(not verdict.ok for verdict in verdicts)
        skipped = sum(verdict.skipped is not None for verdict in verdicts)
        typer.echo(f"\n{len(verdicts) - bad - skipped} verified, {bad} broken, {skipped} skipped.")
    raise typer.Exit(EXIT_OK if all(verdict.ok for verdict in verdicts) else EXIT_NOT_DONE)
