"""`tutor lint` without the command line: check files, optionally fix them."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from pitfall_tutor.rules.engine.cache import LintCache, StatIndex, path_facts
from pitfall_tutor.rules.engine.config import ConfigFinder, Settings
from pitfall_tutor.rules.engine.findings import Finding
from pitfall_tutor.rules.engine.notebook_file import SUFFIX as NOTEBOOK_SUFFIX
from pitfall_tutor.rules.engine.results import IO_ERROR, FileResult, tool_finding
from pitfall_tutor.rules.engine.source import Decoded, decode_source, source_lines
from pitfall_tutor.rules.questions.learn import LearnLink, learn_link

from .discovery import discover, read_regular

STDIN = "-"


@dataclass
class Checked:
    """One file's findings, plus what fixing it did."""

    result: FileResult
    settings: Settings
    fixed_text: str | None = None  # set when fixes changed the text
    fixes_applied: int = 0
    write_error: str | None = None
    # Notebooks: the source of each cell a finding is in (1-based cell -> text),
    # and what --fix changed (cell -> (before, after)).
    cells: dict[int, str] = field(default_factory=dict)
    cell_fixes: dict[int, tuple[str, str]] = field(default_factory=dict)
    # For the stat index (path, stat before reading, settings digest, cache key): set
    # by a worker that looked the file up by content, taken by the parent.
    indexed: tuple[str, os.stat_result, str, str] | None = None
    cache_key: tuple[str, str] | None = None  # (settings digest, key) from `_check`
    _lines: dict[int | None, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def text_for(self, finding: Finding) -> str | None:
        """The text a finding's lines count in: its cell's, or the file's."""
        if finding.cell is not None:
            return self.cells.get(finding.cell)
        return self.result.text

    def lines_for(self, finding: Finding) -> list[str] | None:
        """`text_for` split into lines (`source_lines`), once per text, not per finding."""
        lines = self._lines.get(finding.cell)
        if lines is None:
            text = self.text_for(finding)
            if text is None:
                return None
            lines = self._lines[finding.cell] = source_lines(text)
        return lines

    def link(self, finding: Finding, local: bool) -> LearnLink | None:
        """The "learn" link (see rules/questions/learn.py); `local` for terminal text."""
        if finding.tool or finding.question <= 0:
            return None
        return learn_link(
            finding.question, finding.rule, finding.code, self.settings.docs_url, local
        )

    def url(self, finding: Finding) -> str | None:
        """The link CI formats print: `docs-url` when set, else none."""
        link = self.link(finding, local=False)
        return link.url if link else None


@dataclass
class LintRun:
    checked: list[Checked] = field(default_factory=list)
    path_errors: list[str] = field(default_factory=list)
    name: str | None = None  # `--name`: whose work this is, for `tutor report`
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

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
    jobs: int | None = None  # None: one per CPU
    no_cache: bool = False
    # Build the fixes' edits even without --fix: the JSON and SARIF outputs show them.
    fix_edits: bool = True


def display_path(path: Path) -> str:
    """The path as the user knows it: relative to here, links not followed."""
    try:
        return path.absolute().relative_to(_folder(os.getcwd())).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=8)
def _folder(name: str) -> Path:
    """The working folder as a Path, parsed once (display_path runs once per file)."""
    return Path(name)


def run_lint(
    paths: Sequence[str],
    options: Options,
    stdin: bytes | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> LintRun:
    """Lint every path; files are spread over `options.jobs` processes."""
    configs = ConfigFinder(options.config)
    run = LintRun()
    if stdin is not None:
        name = options.stdin_filename or STDIN
        where = Path(name) if options.stdin_filename else Path.cwd() / "stdin.py"
        run.checked.append(_check(stdin, name, where, configs, options, None))
    on_disk = [Path(path) for path in paths if path != STDIN]
    found = discover(on_disk, configs)
    run.path_errors.extend(found.errors)
    for folder, message in found.unreadable:
        settings = configs.for_path(folder).overridden(options.select, options.ignore)
        shown = display_path(folder)
        run.checked.append(
            Checked(FileResult(shown, [tool_finding(shown, IO_ERROR, message)]), settings)
        )
    _start_worker(options)
    assert _worker is not None
    cache = _worker[2]
    # A folder's walk is where the index pays; files named one by one (pre-commit,
    # an editor's save) are few and change from run to run: one index per list would
    # only fill the cache folder.
    walks = any(path.is_dir() for path in on_disk)
    index = StatIndex(cache, [str(path) for path in on_disk]) if cache and walks else None
    # Unchanged files are answered here from the index; only the rest go to the workers.
    seen: dict[tuple[int, str], tuple[Settings, Settings, str]] = {}
    known = [_indexed(file, index, seen) if index is not None else None for file in found.files]
    todo = [file for file, checked in zip(found.files, known, strict=True) if checked is None]
    jobs = min(options.jobs or os.cpu_count() or 1, len(todo) // MIN_FILES_PER_JOB)
    if jobs > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with ProcessPoolExecutor(jobs, context, _start_worker, (options, os.getpid())) as pool:
            results = pool.map(_check_path, todo, chunksize=CHUNK)
            _collect(run, _in_order(known, results, index), len(found.files), progress)
    else:
        _collect(run, _in_order(known, map(_check_path, todo), index), len(found.files), progress)
    if index is not None:
        index.save()
    return run


def _in_order(
    known: list[Checked | None], results: Iterable[Checked], index: StatIndex | None
) -> Iterator[Checked]:
    """The files in discovery order: index answers where there are some, else the next
    worker result (noted in the index)."""
    fresh = iter(results)
    for checked in known:
        if checked is None:
            checked = next(fresh)
            if index is not None and checked.indexed is not None:
                index.put(*checked.indexed, checked.result.findings)
                checked.indexed = None
        yield checked


def _indexed(
    file: Path, index: StatIndex, seen: dict[tuple[int, str], tuple[Settings, Settings, str]]
) -> Checked | None:
    """The file's findings from the stat index, when it is unchanged since they were found.

    `seen` keeps the settings and their digest per folder settings and path facts
    (when no per-file ignores make the rules depend on the file itself). The
    digest comes from the index (`StatIndex.settings_digest`), so that a run of
    unchanged files loads neither the rules nor LibCST."""
    assert _worker is not None
    options, configs, cache = _worker
    if cache is None or file.suffix == NOTEBOOK_SUFFIX:
        return None
    try:
        status = os.stat(file)
    except OSError:
        return None
    base = configs.for_path(file)
    shown = display_path(file)
    facts = path_facts(shown)
    known = seen.get((id(base), facts))
    if known is not None and known[0] is base:
        settings, digest = known[1], known[2]
    else:
        settings = base.overridden(options.select, options.ignore)
        digest = index.settings_digest(settings, file, shown)
        if not settings.per_file_ignores:
            seen[(id(base), facts)] = (base, settings, digest)
    need_fixes = options.fix or options.fix_edits
    found = index.get(str(file.absolute()), status, digest, shown, need_fixes)
    if found is None:
        return None
    decoded = None
    if found:  # the text is shown beside the findings
        try:
            source = decode_source(read_regular(file))
        except OSError:
            return None
        decoded = source if isinstance(source, Decoded) else None
    return Checked(FileResult(shown, found, decoded), settings)


MIN_FILES_PER_JOB = 16  # below this, starting processes costs more than it saves
CHUNK = 8
_worker: tuple[Options, ConfigFinder, LintCache | None] | None = None
_parent: int | None = None  # in a worker process: the pid of the `tutor` that started it
PR_SET_PDEATHSIG = 1


def _start_worker(options: Options, parent: int | None = None) -> None:
    global _worker, _parent  # one per process: config and cache state live for its lifetime
    if parent is not None:
        _parent = parent
        _die_with_parent()
        relax_collector()
    cache = None if options.no_cache or options.fix else LintCache()
    _worker = (options, ConfigFinder(options.config), cache)


def relax_collector() -> None:
    """In a `tutor lint` process: run the cyclic collector far less often.

    A big file's lint holds millions of LibCST nodes, which the engine frees by
    reference counting; the default thresholds rescanned them again and again
    (measured: 30,000 findings as JSON, 16.5 s CPU -> 10.8 s). Not for library
    callers, whose process is not ours to tune."""
    gc.set_threshold(100_000, 50, 100)


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its parent dies (kill -9 or not)."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if not _parent_alive():  # it died before we asked
        os._exit(1)


def _collect(
    run: LintRun,
    results: Iterable[Checked],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    for done, checked in enumerate(results, start=1):
        run.checked.append(checked)
        if progress is not None:
            progress(done, total)


def _check_path(file: Path) -> Checked:
    assert _worker is not None
    options, configs, cache = _worker
    shown = display_path(file)
    status = None
    try:
        if cache is not None:
            status = os.stat(file)  # before reading: a later write changes it
        data = read_regular(file)
    except OSError as exc:
        settings = configs.for_path(file).overridden(options.select, options.ignore)
        message = f"cannot read file: {exc.strerror or exc}"
        return Checked(FileResult(shown, [tool_finding(shown, IO_ERROR, message)]), settings)
    checked = _check(data, shown, file, configs, options, cache, on_disk=True)
    if status is not None and checked.cache_key:
        digest = checked.cache_key[0]
        checked.indexed = (str(file.absolute()), status, digest, checked.cache_key[1])
    checked.cache_key = None
    if not checked.result.findings and checked.fixed_text is None:
        checked.result.source = None  # nothing to show: do not ship the text back
    return checked


def _check(
    data: bytes,
    shown: str,
    file: Path,
    configs: ConfigFinder,
    options: Options,
    cache: LintCache | None,
    on_disk: bool = False,
) -> Checked:
    settings = configs.for_path(file).overridden(options.select, options.ignore)
    from pitfall_tutor.rules import ALL_RULES  # LibCST and the rules: only to lint
    from pitfall_tutor.rules.engine.engine import lint_bytes, lint_text
    from pitfall_tutor.rules.engine.fixes import fix_text

    rules = settings.rules(ALL_RULES, file)
    if shown.endswith(NOTEBOOK_SUFFIX):
        from .notebooks import check_notebook

        return check_notebook(data, shown, file, settings, rules, options, cache, on_disk)
    digest = cache.settings_digest(rules, settings.severity, shown) if cache is not None else ""
    key = cache.key_for(digest, data) if cache is not None else ""
    fixes = options.fix or options.fix_edits
    cached = cache.load(key, shown, need_fixes=fixes) if cache is not None else None
    if cached is not None:
        source = decode_source(data) if cached else None
        decoded = source if isinstance(source, Decoded) else None
        return Checked(FileResult(shown, cached, decoded), settings, cache_key=(digest, key))
    result = lint_bytes(data, shown, rules, settings.severity, fixes=fixes)
    if cache is not None:
        cache.store(key, result.findings)
    checked = Checked(result, settings, cache_key=(digest, key) if cache is not None else None)
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
        else:
            checked.fixes_applied = 0  # "Fixed N" counts only what was written
    return checked


def write_atomically(path: Path, original: bytes, new: bytes) -> str | None:
    """Replace the file through a temporary file and a rename, keeping its mode,
    owner and group.

    Refuses (returns why) when the file changed on disk since it was read, when
    it is read-only, when it has other hard links (a rename would split them:
    the other names would keep the old text) and when its owner or group cannot
    be kept. A rename would otherwise replace it regardless.
    """
    path = path.resolve()  # write through a symlink, not over it
    if not _parent_alive():
        return "tutor was stopped; not written"
    try:
        if read_regular(path) != original:
            return "file changed on disk while it was being fixed; not written"
        info = path.stat()
        mode = info.st_mode
        if not mode & stat.S_IWUSR:
            return "file is read-only; not written"
        if info.st_nlink > 1:
            return (
                f"file has {info.st_nlink} hard links; writing it would split them, so it "
                "was not written (see the fixes with --diff)"
            )
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(new)
                out.flush()
                os.fsync(out.fileno())
            if hasattr(os, "chown"):
                own = os.stat(temporary)
                if (own.st_uid, own.st_gid) != (info.st_uid, info.st_gid):
                    try:
                        os.chown(temporary, info.st_uid, info.st_gid)
                    except PermissionError:
                        Path(temporary).unlink(missing_ok=True)
                        return (
                            f"cannot keep the file's owner and group "
                            f"({info.st_uid}:{info.st_gid}); not written"
                        )
            os.chmod(temporary, mode & 0o7777)
            if not _parent_alive():
                Path(temporary).unlink(missing_ok=True)
                return "tutor was stopped; not written"
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"could not write fixes: {exc.strerror or exc}"
    return None


def _parent_alive() -> bool:
    """In a worker: whether the `tutor` that started it still runs. Always True in
    the main process. A worker whose parent died must not start a write."""
    return _parent is None or os.getppid() == _parent
