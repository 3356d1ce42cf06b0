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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .completion import kata_formats, kata_names

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

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Subcommands, and kata names (`tutor kata sc<TAB>` gives `scope`)."""
        items = list(super().shell_complete(ctx, incomplete))
        if incomplete.startswith("-"):
            return items
        try:  # typer keeps its click inside; without it, subcommands alone
            from typer._click.shell_completion import CompletionItem
        except ImportError:  # pragma: no cover - another typer layout
            return items
        return items + [CompletionItem(name) for name in kata_names(incomplete)]


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
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Show everything: why interviewers ask, each rule in full."
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", help="text or json.", autocompletion=kata_formats)
]
TopicArgument = Annotated[
    str | None,
    typer.Argument(
        help="The kata (see `tutor kata list`); default: your current one.",
        autocompletion=kata_names,
    ),
]


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"tutor: error: {message}", err=True)
    return typer.Exit(code)


def _workspace(directory: Path | None) -> Workspace:
    from pitfall_tutor.katas.workspace import Workspace, workspace_problem, workspace_root

    root = workspace_root(directory or _from_parent("directory"))
    problem = workspace_problem(root)
    if problem is not None:
        raise _fail(problem)
    return Workspace(root)


# Options given before the subcommand (`tutor kata --dir X scope`), saved by `kata_root`.
_GROUP_OPTIONS: dict[str, Any] = {}


def _from_parent(name: str) -> Any:
    """An option may come before or after the subcommand: both places count."""
    return _GROUP_OPTIONS.get(name)


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
    from pitfall_tutor.katas.runner import Limits, limits_problem

    problem = limits_problem(timeout, memory)
    if problem is not None:
        raise _fail(problem)
    return Limits(timeout=timeout, memory_mb=memory)


@kata_app.callback()
def kata_root(
    ctx: typer.Context,
    directory: DirOption = None,
    edit: EditOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Continue with the first kata you have not passed yet."""
    _GROUP_OPTIONS.update(directory=directory, edit=edit, verbose=verbose)
    if ctx.invoked_subcommand is not None:
        return
    workspace = _workspace(directory)
    progress = _progress(workspace)
    kata = _first_unfinished(progress)
    if kata is None:
        typer.echo("Every kata has passed. Well done! Keep the ideas fresh with `tutor cards`.")
        raise typer.Exit(EXIT_OK)
    from pitfall_tutor.katas.advice import suggestion  # from the learner's history, if kept

    advice = suggestion(workspace_root=workspace.root)
    if advice is not None and f"tutor kata {kata.slug} " not in f"{advice} ":
        typer.echo(f"From your history: {advice}\n")
    _open(kata, workspace, progress, edit, verbose)


@kata_app.command(OPEN, hidden=True)
def open_command(
    topic: Annotated[str, typer.Argument(help="The kata to open.", autocompletion=kata_names)],
    directory: DirOption = None,
    edit: EditOption = False,
    verbose: VerboseOption = False,
    notebook: Annotated[
        bool, typer.Option("--notebook", help="Do it in a Jupyter notebook (.ipynb).")
    ] = False,
) -> None:
    """Open a kata: create its file if needed, show the task, check it."""
    kata = _kata(topic)
    workspace = _workspace(directory)
    edit = edit or bool(_from_parent("edit"))
    verbose = verbose or bool(_from_parent("verbose"))
    _open(kata, workspace, _progress(workspace), edit, verbose, notebook)


def _open(
    kata: Kata,
    workspace: Workspace,
    progress: Progress,
    edit: bool,
    verbose: bool = False,
    notebook: bool = False,
) -> None:
    from pitfall_tutor.katas.catalogue import INSTRUCTIONS, KATAS, done_when, position
    from pitfall_tutor.katas.notebook import checked_file, place_notebook
    from pitfall_tutor.rules.questions import question

    from .kata_screen import height, task_summary, width

    created = place_notebook(workspace, kata) if notebook else workspace.place(kata)
    progress.start(kata.slug)
    progress.save()
    item = question(kata.question)
    file = checked_file(workspace, kata)
    typer.echo(
        f"Kata {position(kata)} of {len(KATAS)}: {kata.slug} "
        f"(Q{item.number}. {item.title}; {item.level})"
    )
    state = "created from the starter" if created else "your work so far"
    typer.echo(f"Your file: {_shown(file)} ({state})\n")
    if verbose:
        typer.echo(kata.text(INSTRUCTIONS).rstrip() + "\n")
        typer.echo(done_when(kata) + "\n")
        typer.echo(f"Learn more: Q{item.number}. {item.title}: {_learn_link(item.number)}\n")
        rows = None
    else:
        task = task_summary(kata, width())
        typer.echo(task + "\n")
        # What is left of the screen after the header, the task, the next steps and the prompt.
        rows = height() - (4 + task.count("\n") + 1) - 3 - 2
    if edit:
        _edit(file)
    code = _check_and_report(
        kata, workspace, progress, "text", _limits(10.0, 1024), verbose=verbose, rows=rows
    )
    raise typer.Exit(code)


def _learn_link(number: int, rule: str = "") -> str:
    """Where the learner reads a question's page: the one link logic decides."""
    from .links import local_learn_link

    return local_learn_link(number, rule)


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
    verbose: bool = False,
    watching: bool = False,
    rows: int | None = None,
) -> int:
    from pitfall_tutor.katas.checking import PASS

    checked = _check(kata, workspace, limits)
    if checked is None:
        return EXIT_USAGE
    result, code = checked
    recorded = _record(kata, progress, result, code)
    entry = progress.get(kata.slug)
    if output_format == "json":
        from pitfall_tutor.cli.kata_report import write_json

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
        if verbose:
            from pitfall_tutor.cli.kata_report import write_text

            from .site.cache import ensure_site

            ensure_site()  # its "learn" links open rendered pages
            write_text(result, sys.stdout)
        else:
            from .kata_screen import write_check

            write_check(result, sys.stdout, rows=rows)
        typer.echo("\n" + _next_steps(kata, workspace, progress, result, recorded, watching))
    return EXIT_OK if result.status == PASS else EXIT_NOT_DONE


def _check(kata: Kata, workspace: Workspace, limits: Limits) -> tuple[CheckResult, bytes] | None:
    from pitfall_tutor.katas.checking import check_code
    from pitfall_tutor.katas.notebook import SUFFIX, cell_sources, checked_file, notebook_script
    from pitfall_tutor.rules.engine.notebook_file import Problem

    file = checked_file(workspace, kata)
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
    if file.suffix == SUFFIX:  # a notebook: its code cells, in order, as one script
        script = notebook_script(code)
        if isinstance(script, Problem):
            typer.echo(f"tutor: error: {_shown(file)}: {script.message}", err=True)
            return None
        result = check_code(kata, script.text.encode("utf-8"), _shown(file), limits)
        result.findings = script.in_cells(result.findings)
        result.cells = cell_sources(code)
        return result, code
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
    kata: Kata,
    workspace: Workspace,
    progress: Progress,
    result: CheckResult,
    recorded: Recorded,
    watching: bool = False,
) -> str:
    from pitfall_tutor.katas.checking import PASS
    from pitfall_tutor.katas.notebook import checked_file
    from pitfall_tutor.katas.progress import format_duration

    entry = progress.get(kata.slug)
    file = _shown(checked_file(workspace, kata))
    if result.status != PASS:
        used = f"{entry.hints} of {len(kata.hints)} hints used"
        if watching:
            return f"Edit {file} and save: it is checked again."
        return (
            f"Next: edit your file, then `tutor kata check {kata.slug}` (or add --watch).\n"
            f"Stuck? `tutor kata hint {kata.slug}` ({used}). Everything in full: --verbose."
        )
    lines = []
    if recorded.seconds is not None:  # the first pass since the kata was placed or reset
        took = format_duration(recorded.seconds)
        attempts = f"{entry.attempts} attempt{'s' * (entry.attempts != 1)}"
        hints = f"{entry.hints} hint{'s' * (entry.hints != 1)}"
        lines.append(f"Kata passed in {took}, with {attempts} and {hints}. {_done_count(progress)}")
    else:
        lines.append(f"Kata passed. {_done_count(progress)}")
    if not watching:  # watch mode shows the bar below, with the keys
        lines.append(_bar(progress))
    lines.append(f"Compare with our solution: `tutor kata solution {kata.slug}`.")
    upcoming = _first_unfinished(progress)
    if upcoming is None:
        lines.append("That was the last one: every kata has passed. Review with `tutor cards`.")
    elif not watching:
        lines.append(f"Next kata: `tutor kata {upcoming.slug}`.")
    from pitfall_tutor.katas.advice import suggestion  # from the learner's history, if kept

    advice = suggestion(workspace_root=workspace.root)
    if advice is not None:
        lines.append(f"From your history: {advice}")
    return "\n".join(lines)


def _done_count(progress: Progress) -> str:
    from pitfall_tutor.katas.catalogue import KATAS

    done = sum(progress.get(kata.slug).passed for kata in KATAS)
    return f"{done} of {len(KATAS)} katas done."


def _done_summary(progress: Progress) -> str:
    """The progress bar and how many katas have passed, for the pass screen and lists."""
    from pitfall_tutor.katas.catalogue import KATAS

    from .kata_screen import progress_bar

    done = sum(progress.get(kata.slug).passed for kata in KATAS)
    return f"{progress_bar(done, len(KATAS))}  ({done} of {len(KATAS)} katas done)"


@kata_app.command("list")
def list_command(
    directory: DirOption = None,
    output_format: FormatOption = "text",
) -> None:
    """Every kata in learning order, with status, attempts and best time."""
    from pitfall_tutor.katas.catalogue import KATAS

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
    typer.echo(_list_text(progress))


def _list_text(progress: Progress) -> str:
    """The list of every kata by level, with a progress bar; coloured on a terminal."""
    from pitfall_tutor.katas.catalogue import KATAS
    from pitfall_tutor.katas.progress import format_duration
    from pitfall_tutor.rules.questions import question

    from .formats.as_text import Painter, use_colour

    paint = Painter(use_colour(sys.stdout))
    styles = {"passed": "fix", "in progress": "warning", "not started": "dim"}
    from .kata_screen import cut, width

    columns = width()
    lines = [_done_summary(progress)]
    level = None
    for number, kata in enumerate(KATAS, start=1):
        item = question(kata.question)
        if item.level != level:
            level = item.level
            lines.append("\n" + paint(level, "path"))
            lines.append(
                f"  {'#':>2}  {'kata':<20}{'question':<10}{'status':<13}{'attempts':>8}  "
                f"{'best time':<10}title"
            )
        entry = progress.get(kata.slug)
        attempts = str(entry.attempts) if entry.attempts else "-"
        status = paint(f"{entry.status:<13}", styles.get(entry.status, "dim"))
        best = format_duration(entry.best_seconds)
        title = cut(kata.title, max(columns - 70, 10))
        lines.append(
            f"  {number:>2}  {kata.slug:<20}{'Q' + str(kata.question):<10}{status}"
            f"{attempts:>8}  {best:<10}{title}".rstrip()
        )
    upcoming = _first_unfinished(progress)
    if upcoming is not None:
        lines.append(f"\nNext: `tutor kata {upcoming.slug}` (or just `tutor kata`).")
    return "\n".join(lines)


@kata_app.command("check")
def check_command(
    topic: TopicArgument = None,
    directory: DirOption = None,
    watch: Annotated[bool, typer.Option("--watch", help="Check again on every save.")] = False,
    output_format: FormatOption = "text",
    timeout: Annotated[float, typer.Option(help="Seconds the tests may run.")] = 10.0,
    memory: Annotated[int, typer.Option(help="Megabytes of memory the tests may use.")] = 1024,
    edit: EditOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Run the kata's tests and rules on your file. Exit 0 only when it passes."""
    verbose = verbose or bool(_from_parent("verbose"))
    if output_format not in ("text", "json"):
        raise _fail(f"unknown format {output_format!r}; use text or json")
    limits = _limits(timeout, memory)
    workspace = _workspace(directory)
    progress = _progress(workspace)
    kata = _chosen(topic, progress)
    if edit:
        from pitfall_tutor.katas.notebook import checked_file

        _edit(checked_file(workspace, kata))
    if watch:
        _watch(kata, workspace, progress, output_format, limits, verbose)
        return
    raise typer.Exit(
        _check_and_report(kata, workspace, progress, output_format, limits, verbose=verbose)
    )


def _watch(
    kata: Kata,
    workspace: Workspace,
    progress: Progress,
    output_format: str,
    limits: Limits,
    verbose: bool = False,
) -> None:
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        raise _fail(
            "--watch needs the watchfiles package: pip install 'pitfall-tutor[watch]'"
        ) from None
    from .kata_watch import echo, single_keys

    text = output_format == "text"
    try:
        with single_keys() as key:
            interactive = text and sys.stdin.isatty()
            current: Kata | None = kata
            while current is not None:  # each screen starts with the kata's header and task
                current = _watch_one(
                    current, workspace, progress, output_format, limits, verbose, key, interactive
                )
    except KeyboardInterrupt:
        pass  # Ctrl-C, during a check or while waiting, ends the watch as quietly as `q`
    if text:
        echo("\nStopped watching.")


def _watch_one(
    kata: Kata,
    workspace: Workspace,
    progress: Progress,
    output_format: str,
    limits: Limits,
    verbose: bool,
    key: Callable[[], str | None],
    interactive: bool,
) -> Kata | None:
    """Watches one kata's file; returns the kata to watch next, or None to stop."""

    from pitfall_tutor.katas.notebook import checked_file

    from .kata_watch import changes, echo, footer

    file = checked_file(workspace, kata)  # the notebook, when the kata is done in one
    if not file.exists():  # watching needs a file (and a folder) to watch: start the kata
        workspace.place(kata)
        progress.start(kata.slug)
        progress.save()
    text = output_format == "text"
    clear = text and sys.stdout.isatty()
    passed = False

    def snapshot() -> bytes | None:
        try:
            return file.read_bytes()
        except OSError:
            return None

    def recheck() -> bytes | None:
        nonlocal passed
        if clear:
            typer.echo("\x1b[2J\x1b[H", nl=False)
        rows = None
        if text:
            from .kata_screen import height

            # Header, task, check, next steps and the three footer rows.
            rows = height() - _intro(kata, workspace) - 3 - 4
        seen = snapshot()
        code = _check_and_report(
            kata,
            workspace,
            progress,
            output_format,
            limits,
            verbose=verbose,
            watching=True,
            rows=rows,
        )
        passed = code == EXIT_OK
        return seen

    def announce() -> None:
        if text:
            echo("\n" + footer(_shown(file), passed, _bar(progress), interactive))

    checked = recheck()
    watching = False
    # An empty batch says the watcher is running; a save made before it started
    # is caught by comparing bytes.
    for changed in changes(file.parent, file.name):
        if changed or (not watching and snapshot() != checked):
            checked = recheck()
            announce()
        elif not watching:
            announce()
        watching = True
        pressed = key()
        if pressed == "q":
            return None
        if pressed == "h":
            echo()
            _show_hints(kata, progress, only_new=True)
            announce()
        elif pressed == "l":
            echo()
            echo(_list_text(progress))
            announce()
        elif pressed == "n":
            upcoming = _first_unfinished(progress)
            if not passed:
                echo(f"\n{kata.slug} has not passed yet: `n` opens the next kata after a pass.")
            elif upcoming is None:
                echo("\nEvery kata has passed. Well done! Keep the ideas fresh with `tutor cards`.")
                return None
            else:
                workspace.place(upcoming)
                progress.start(upcoming.slug)
                progress.save()
                return upcoming
    return None


def _intro(kata: Kata, workspace: Workspace) -> int:
    """The header and task of a kata, as its first screen starts; returns the rows used."""
    from pitfall_tutor.katas.catalogue import KATAS, position
    from pitfall_tutor.rules.questions import question

    from .kata_screen import task_summary, width

    item = question(kata.question)
    typer.echo(
        f"Kata {position(kata)} of {len(KATAS)}: {kata.slug} "
        f"(Q{item.number}. {item.title}; {item.level})"
    )
    typer.echo(f"Your file: {_shown(workspace.learner_file(kata))}\n")
    task = task_summary(kata, width())
    typer.echo(task + "\n")
    return 4 + task.count("\n") + 1


def _bar(progress: Progress) -> str:
    from pitfall_tutor.katas.catalogue import KATAS

    from .kata_screen import progress_bar

    return progress_bar(sum(progress.get(kata.slug).passed for kata in KATAS), len(KATAS))


@kata_app.command("hint")
def hint_command(topic: TopicArgument = None, directory: DirOption = None) -> None:
    """Show one more hint each time (they get more specific)."""
    workspace = _workspace(directory)
    progress = _progress(workspace)
    _show_hints(_chosen(topic, progress), progress)


def _show_hints(kata: Kata, progress: Progress, only_new: bool = False) -> None:
    """Reveals one more hint and shows them all (or, in watch mode, just the new one)."""
    import textwrap

    hints = kata.hints
    before = progress.get(kata.slug).hints
    shown = progress.reveal_hint(kata.slug, len(hints))
    progress.save()
    first = max(shown - 1, 0) if only_new and shown > before else 0
    for number, text in enumerate(hints[:shown], start=1):
        if number <= first:
            continue
        typer.echo(f"Hint {number} of {len(hints)} for {kata.slug}:")
        typer.echo(textwrap.fill(text, 88, initial_indent="  ", subsequent_indent="  ") + "\n")
    if only_new:
        if shown >= len(hints):
            typer.echo("That was the last hint.")
        return
    if shown < len(hints):
        typer.echo(f"Run `tutor kata hint {kata.slug}` again for a more specific hint.")
    else:
        typer.echo(
            "That was the last hint. Once the kata passes, compare with our solution: "
            f"`tutor kata solution {kata.slug}`."
        )


@kata_app.command("reset")
def reset_command(
    topic: Annotated[
        str, typer.Argument(help="The kata to start over.", autocompletion=kata_names)
    ],
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
    topic: Annotated[
        str, typer.Argument(help="The kata whose solution to show.", autocompletion=kata_names)
    ],
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
    from .formats.as_text import Painter, use_colour

    paint = Painter(use_colour(sys.stdout))
    typer.echo(paint(f"Progress in {_shown(workspace.root)}/", "path"))
    typer.echo("  " + _bar(progress))
    passed_text = paint(f"{len(passed)} of {len(KATAS)} katas", "fix")
    typer.echo(f"  passed:      {passed_text} ({', '.join(per_level)})")
    if started:
        typer.echo(f"  in progress: {paint(', '.join(started), 'warning')}")
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

        from pitfall_tutor.cli.kata_report import as_json

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
                from pitfall_tutor.cli.kata_report import write_text

                starter, solution = verdict.starter, verdict.solution
                if starter is not None and starter.status != "fail":
                    write_text(starter, sys.stdout)
                if solution is not None and solution.status != "pass":
                    write_text(solution, sys.stdout)
        bad = sum(not verdict.ok for verdict in verdicts)
        skipped = sum(verdict.skipped is not None for verdict in verdicts)
        typer.echo(f"\n{len(verdicts) - bad - skipped} verified, {bad} broken, {skipped} skipped.")
    raise typer.Exit(EXIT_OK if all(verdict.ok for verdict in verdicts) else EXIT_NOT_DONE)
