"""Lint one file: decode, parse once, walk once with every rule, report.

A rule that raises becomes one `internal-error` finding and the others go on.
Syntax errors are CPython's verdict; LibCST is only asked to parse what the
rules need, and when it cannot (while CPython can) that is said plainly.
"""

from __future__ import annotations

import ast
import functools
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

import libcst as cst

from .context import FileContext, Report
from .findings import Edit, Finding, Fix, Position, Related, Severity
from .fixes import changed_span
from .incremental import IncrementalParser
from .parsing import parse_module
from .positions import LineIndex, PlainState, Wanted, locate, statements_around
from .results import (
    DECODE_ERROR,
    FILE_START,
    INTERNAL_ERROR,
    PARSER_LIMITATION,
    SYNTAX_ERROR,
    TOOL_FINDINGS,
    UNKNOWN_SUPPRESSION,
    FileResult,
    tool_finding,
)
from .reuse import KEPT_KINDS, StatementFindings, statement_at
from .rule import Replacement, Rule
from .source import DecodeProblem, decode_source
from .suppressions import Suppressions, find_suppressions
from .walker import Hook, Walk

T = TypeVar("T")
# Where a rule crashed: (node, its top-level statement), or None after the walk.
Crash = tuple[tuple[cst.CSTNode, cst.CSTNode] | None, BaseException]


def lint_bytes(
    data: bytes,
    path: str,
    rules: Sequence[type[Rule]],
    severity: dict[str, Severity] | None = None,
    fixes: bool = True,
) -> FileResult:
    decoded = decode_source(data)
    if isinstance(decoded, DecodeProblem):
        where = Position(decoded.line, decoded.column)
        return FileResult(path, [tool_finding(path, DECODE_ERROR, decoded.message, where)])
    return FileResult(path, lint_text(decoded.text, path, rules, severity, fixes=fixes), decoded)


def lint_text(
    text: str,
    path: str,
    rules: Sequence[type[Rule]],
    severity: dict[str, Severity] | None = None,
    parse: Callable[[str], cst.Module] = parse_module,
    fixes: bool = True,
) -> list[Finding]:
    """All findings for one file's text, sorted by position.

    `parse` may reuse earlier work (see incremental.py: the editor does).
    `fixes=False` leaves every fix unbuilt (`Fix.built`): where nobody applies or
    shows the edits, building and generating them was most of the cost of a
    file with many findings.
    """
    active = [rule for rule in rules if _may_fire(rule, text)]
    if not active:  # CPython's own parser is the cheap way to check the syntax
        problem = _cpython_syntax_problem(text, path)
        return [] if problem is None else [problem]
    try:
        findings = _run_deep(
            lambda: _lint_with_libcst(text, path, active, severity or {}, parse, fixes)
        )
    except cst.ParserSyntaxError as exc:
        problem = _cpython_syntax_problem(text, path)
        if problem is not None:
            return [problem]
        where = Position(exc.raw_line, exc.raw_column)
        message = (
            "LibCST cannot parse this file although Python can "
            f"({exc.message.splitlines()[0]}); its pitfalls were not checked"
        )
        return [tool_finding(path, PARSER_LIMITATION, message, where, severity=Severity.WARNING)]
    except RecursionError:
        message = "the file is nested too deeply to analyse; its pitfalls were not checked"
        return [tool_finding(path, PARSER_LIMITATION, message, severity=Severity.WARNING)]
    # Newer syntax than this Python knows: LibCST parsed it, so trust the rules.
    return sorted(findings, key=lambda finding: finding.sort_key)


def _may_fire(rule: type[Rule], text: str) -> bool:
    return not rule.needs_text or any(map(text.__contains__, rule.needs_text))


def _cpython_syntax_problem(text: str, path: str) -> Finding | None:
    try:
        compile(text, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        line = exc.lineno or 1
        column = max((exc.offset or 1) - 1, 0)
        start = Position(line, column)
        end = start
        if exc.end_lineno and exc.end_offset and exc.end_lineno >= line:
            end = max(start, Position(exc.end_lineno, max(exc.end_offset - 1, 0)))
        return tool_finding(path, SYNTAX_ERROR, f"syntax error: {exc.msg}", start, end)
    except ValueError as exc:  # NUL bytes on older Pythons
        return tool_finding(path, SYNTAX_ERROR, f"syntax error: {exc}")
    except (RecursionError, MemoryError):
        message = "the file is nested too deeply for Python to compile"
        return tool_finding(path, SYNTAX_ERROR, message)
    return None


def _run_deep(work: Callable[[], T]) -> T:
    """Run `work`; if it overflows the stack, retry on a thread with a big one."""
    try:
        return work()
    except RecursionError:
        pass
    outcome: dict[str, Any] = {}

    def target() -> None:
        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, 60_000))
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed back to the caller
            outcome["error"] = exc
        finally:
            sys.setrecursionlimit(old_limit)

    old_size = threading.stack_size()
    threading.stack_size(512 * 1024 * 1024)
    try:
        thread = threading.Thread(target=target, name="tutor-deep-lint")
        thread.start()
    finally:
        threading.stack_size(old_size)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def _lint_with_libcst(
    text: str,
    path: str,
    rules: Sequence[type[Rule]],
    severity: dict[str, Severity],
    parse: Callable[[str], cst.Module],
    fixes: bool = True,
) -> list[Finding]:
    module = parse(text)
    memo = _memo_of(parse)
    local = [rule for rule in rules if rule.reach == "statement"]
    if memo is None:
        to_walk: list[cst.BaseStatement] = list(module.body)
    else:
        facts = _module_facts(module, text, path, local, severity, fixes, memo)
        to_walk = memo.to_walk(module, facts)
    context = FileContext(path, text, module)
    if memo is not None and len(to_walk) < len(module.body):
        walking = set(to_walk)
        context.unwalked = tuple(
            memo.shape(module, statement, text)
            for statement in module.body
            if statement not in walking
        )
    crashed: dict[Rule, Crash] = {}
    instances = [rule(context) for rule in rules]
    wide = [instance for instance in instances if type(instance).reach != "statement"]
    if wide:  # module-wide rules see the whole tree, through their own hooks only
        walk = _walk_for(wide, crashed)
        context.ancestors = walk.ancestors
        try:
            walk.run(module)
        finally:
            walk.release()
    narrow = [instance for instance in instances if type(instance).reach == "statement"]
    if narrow and to_walk:
        walk = _walk_for(narrow, crashed)
        context.ancestors = walk.ancestors
        try:
            for statement in to_walk:
                walk.run(statement, (module,))
        finally:
            walk.release()
    context.current = None
    context.ancestors = []
    for instance in instances:
        if instance not in crashed:
            try:
                instance.finish()
            except Exception as exc:
                crashed[instance] = (None, exc)
    reports = [report for report in context.reports if report.rule not in crashed]
    found: list[tuple[Report | None, Finding]]
    try:
        found, tool = _findings(context, reports, crashed, severity, fixes)
    finally:
        # Rules hold the context and its reports hold the rules: break the cycle
        # so the tree is freed at once rather than by the cyclic collector.
        context.reports.clear()
    suppressed = find_suppressions(text)
    if memo is not None:
        if any(instance in crashed for instance in narrow):
            # A crash silences the rule in the whole file: keep nothing, say it as a full lint.
            kept_any = memo.kept > 0
            memo.forget()
            if kept_any:
                return _lint_with_libcst(text, path, rules, severity, parse, fixes)
        else:
            found = _keep_statement_findings(module, memo, to_walk, found)
    findings = [
        finding
        for _, finding in found
        if not suppressed.hides(finding.start.line, finding.end.line, finding.rule, finding.code)
    ]
    return findings + tool + _unknown_suppressions(path, suppressed)


def _memo_of(parse: Callable[[str], cst.Module]) -> StatementFindings | None:
    """The document's kept findings, when `parse` is a document's incremental parser."""
    owner = getattr(parse, "__self__", None)
    return owner.findings if isinstance(owner, IncrementalParser) else None


def _module_facts(
    module: cst.Module,
    text: str,
    path: str,
    local: Sequence[type[Rule]],
    severity: dict[str, Severity],
    fixes: bool,
    memo: StatementFindings,
) -> Hashable:
    """What statement-local findings may depend on beyond their statement (see reuse.py)."""
    return (
        path,
        fixes,
        tuple(sorted(severity.items())),
        module.default_indent,
        module.default_newline,
        tuple(module.code_for_node(line) for line in module.header),
        tuple((rule.name, rule.text_facts(text, path)) for rule in local),
        tuple(memo.shape(module, statement, text) for statement in module.body),
    )


def _walk_for(instances: Sequence[Rule], crashed: dict[Rule, Crash]) -> Walk:
    visits, leaves = _hook_names(tuple(type(instance) for instance in instances))
    context = instances[0].context

    def bound(table: _HookNames) -> dict[type[cst.CSTNode], Hook]:
        return {
            kind: _guarded(
                context, [(instances[i], getattr(instances[i], m)) for i, m in hooks], crashed
            )
            for kind, hooks in table.items()
        }

    return Walk(bound(visits), bound(leaves))


# Per node type, which rules (by index) hook it, with which method.
_HookNames = dict[type[cst.CSTNode], list[tuple[int, str]]]


@functools.cache
def _hook_names(rules: tuple[type[Rule], ...]) -> tuple[_HookNames, _HookNames]:
    """The visit and leave tables for a list of rules, worked out once per list."""
    visits: _HookNames = defaultdict(list)
    leaves: _HookNames = defaultdict(list)
    for index, rule in enumerate(rules):
        hooks = rule.hooks()
        for kind, table in (("visit", visits), ("leave", leaves)):
            for node_name in hooks[kind]:
                table[getattr(cst, node_name)].append((index, f"{kind}_{node_name}"))
    return dict(visits), dict(leaves)


def _keep_statement_findings(
    module: cst.Module,
    memo: StatementFindings,
    walked: list[cst.BaseStatement],
    found: list[tuple[Report | None, Finding]],
) -> list[tuple[Report | None, Finding]]:
    """Remember the statement rules' findings in the walked defs and classes, and add
    those kept from earlier versions."""
    starts = memo.first_lines(module)
    body = module.body
    per_statement: dict[cst.CSTNode, list[Finding]] = defaultdict(list)
    for report, finding in found:
        if report is None or type(report.rule).reach != "statement":
            continue
        top = report.top
        if top is module:  # reported late without `top=`: find it by its line
            top = body[statement_at(finding.start.line, body, starts)]
        per_statement[top].append(finding)
    memo.keep(walked, per_statement, starts)
    kept = [(None, finding) for finding in memo.kept_findings(starts)]
    walked_kept = {
        id(finding)
        for statement in walked
        if isinstance(statement, KEPT_KINDS)
        for finding in per_statement.get(statement, [])
    }
    return [pair for pair in found if id(pair[1]) not in walked_kept] + kept


def _guarded(
    context: FileContext,
    pairs: Sequence[tuple[Rule, Hook]],
    crashed: dict[Rule, Crash],
) -> Hook:
    """One hook for a node type that runs every rule's method for it; a rule that
    raises is remembered in `crashed` and not called again in this file."""

    def hook(node: cst.CSTNode) -> None:
        context.current = node
        for rule, method in pairs:
            if crashed and rule in crashed:
                continue
            try:
                method(node)
            except RecursionError:
                raise
            except Exception as exc:
                crashed[rule] = ((node, context.top()), exc)

    return hook


def _findings(
    context: FileContext,
    reports: list[Report],
    crashed: dict[Rule, Crash],
    severity: dict[str, Severity],
    build_fixes: bool = True,
) -> tuple[list[tuple[Report | None, Finding]], list[Finding]]:
    """Each report's finding (before suppressions), and the crashes' findings."""
    if not reports and not crashed:
        return [], []  # most files: no need to index their lines
    fixes: dict[int, Replacement] = {}
    for report in reports:
        if build_fixes and report.fix is not None and report.rule not in crashed:
            try:
                fixes[id(report)] = report.fix()
            except Exception as exc:
                crashed[report.rule] = ((report.node, report.top), exc)
    reports = [report for report in reports if report.rule not in crashed]
    module = context.module
    # Reports in the same statement share one code generation (positions.py).
    groups: dict[tuple[cst.CSTNode, cst.CSTNode | None], Wanted] = {}
    for report in reports:
        chain = report.ancestors
        if report.current is not None:
            chain = (*chain, report.current)
        if report.node in chain:  # a report about the visited node or one above it
            chain = chain[: chain.index(report.node) + 1]
        nearer = statements_around(module, chain) if report.top is not module else []
        key = (report.top, nearer[0][0] if nearer else None)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Wanted(report.top, [], nearer)
        group.nodes.append(report.node)
        group.nodes.extend(node for node, _ in report.related)
        if id(report) in fixes:
            group.nodes.append(fixes[id(report)].node)
    for place, _ in crashed.values():
        if place is not None:
            groups.setdefault((place[1], None), Wanted(place[1], [])).nodes.append(place[0])
    lines = LineIndex(context.text)
    spans = locate(module, context.text, lines, list(groups.values()))
    findings: list[tuple[Report | None, Finding]] = []
    for report in reports:
        rule = report.rule
        start, end = spans.ranges[report.node]
        fix = None
        replacement = fixes.get(id(report))
        if replacement is not None:
            fix = _fix_for(context, report, replacement, spans.emitted[replacement.node], lines)
        elif report.fix is not None and not build_fixes:
            fix = Fix(report.safe, (), built=False)
        finding = Finding(
            context.path,
            start,
            end,
            rule.code,
            rule.name,
            rule.question,
            severity.get(rule.name, rule.severity),
            report.message,
            fix,
            related=tuple(Related(*spans.ranges[node], note) for node, note in report.related),
        )
        findings.append((report, finding))
    tool: list[Finding] = []
    for rule, (spot, error) in crashed.items():
        where = spans.ranges[spot[0]][0] if spot is not None else FILE_START
        message = (
            f"rule {rule.name} ({rule.code}) crashed on this file: "
            f"{type(error).__name__}: {error}; the other rules still ran"
        )
        tool.append(tool_finding(context.path, INTERNAL_ERROR, message, where))
    return findings, tool


def _unknown_suppressions(path: str, suppressed: Suppressions) -> list[Finding]:
    if not suppressed.written:
        return []
    from pitfall_tutor.rules import ALL_RULES

    known = {name for rule in ALL_RULES for name in (rule.name, rule.code)}
    known |= {part for kind in TOOL_FINDINGS for part in kind}
    found = []
    for line, column, name in suppressed.unknown(known):
        message = f"`{name}` is not a rule name or code, so this ignore comment hides nothing"
        where = Position(line, column)
        end = Position(line, column + len(name))
        found.append(tool_finding(path, UNKNOWN_SUPPRESSION, message, where, end, Severity.WARNING))
    return found


def _fix_for(
    context: FileContext,
    report: Report,
    replacement: Replacement,
    emitted: tuple[int, int],
    lines: LineIndex,
) -> Fix:
    first, last = emitted
    old = context.text[first:last]
    if isinstance(replacement.new, cst.RemovalSentinel):
        new = ""
    else:
        state = PlainState(
            default_indent=context.module.default_indent,
            default_newline=context.module.default_newline,
            indent_tokens=context.indent_at(replacement.node, report.ancestors),
        )
        replacement.new._codegen(state)
        new = "".join(state.tokens)
    # Shrink the edit to what really changes, so fixes rarely overlap.
    prefix, suffix = changed_span(old, new)
    edit = Edit(
        lines.position(first + prefix),
        lines.position(last - suffix),
        new[prefix : len(new) - suffix],
    )
    return Fix(report.safe, (edit,))
