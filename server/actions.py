"""Code actions: a quick fix per fixable finding, "suppress on this line", fix-all and
"open question N".

Quick fixes reuse the edits the engine made for the finding. Suppressing reuses
`add_to_comment`, so an existing `# tutor: ignore[...]` is extended in place.
Fix-all runs the same fix loop as `tutor lint --fix` (safe fixes only). The two
that cost a tokenize or several lints are left for `codeAction/resolve` when the
client can resolve edits lazily, so moving the cursor stays cheap.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from pitfall_tutor.rules.engine.findings import Edit, Finding, Position
from pitfall_tutor.rules.engine.fixes import changed_span, fix_text
from pitfall_tutor.rules.engine.suppressions import add_to_comment
from pitfall_tutor.rules.questions import question

from .diagnostics import question_url, text_edits
from .linting import Linted

QUICK_FIX = types.CodeActionKind.QuickFix.value
FIX_ALL = "source.fixAll.tutor"
OPEN_QUESTION = "tutor.openQuestion"
KINDS: list[types.CodeActionKind | str] = [QUICK_FIX, FIX_ALL]


@dataclass(frozen=True)
class ClientSupport:
    document_changes: bool  # versioned edits, which the client drops if the text moved on
    resolve_edits: bool  # the client asks for `edit` later, through codeAction/resolve


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether a kind was asked for: `source` asks for `source.fixAll.tutor`, too."""
    return only is None or any(kind == item or kind.startswith(f"{item}.") for item in only)


def code_actions(
    linted: Linted,
    start: int,
    end: int,
    only: Sequence[str] | None,
    enabled: frozenset[str],
    client: ClientSupport,
) -> list[types.CodeAction]:
    """The actions for the findings that touch [start, end], plus fix-all; edits may be deferred."""
    actions: list[types.CodeAction] = []
    questions: list[types.CodeAction] = []
    seen_questions: set[int] = set()
    positions = linted.positions
    for index, (finding, diagnostic) in enumerate(
        zip(linted.findings, linted.diagnostics, strict=True)
    ):
        first, last = positions.offset(finding.start), positions.offset(finding.end)
        if last < start or first > end:
            continue
        if "fix" in enabled and finding.fix is not None and wanted(QUICK_FIX, only):
            edits = text_edits(finding.fix.edits, positions)
            unsafe = "" if finding.fix.safe else " (unsafe: review the change)"
            actions.append(
                types.CodeAction(
                    title=f"Fix {finding.rule} ({finding.code}){unsafe}",
                    kind=QUICK_FIX,
                    diagnostics=[diagnostic],
                    is_preferred=finding.fix.safe,
                    edit=workspace_edit(linted, edits, client),
                )
            )
        if finding.tool:
            continue  # syntax errors have no rule name to suppress, nor a question
        if "suppress" in enabled and wanted(QUICK_FIX, only):
            action = types.CodeAction(
                title=f"Suppress {finding.rule} on this line",
                kind=QUICK_FIX,
                diagnostics=[diagnostic],
                data=_data(linted, "suppress", index),
            )
            actions.append(action)
        url = question_url(finding, linted.settings.docs_url)
        if (
            "open-question" in enabled
            and url
            and wanted(QUICK_FIX, only)
            and finding.question not in seen_questions
        ):
            seen_questions.add(finding.question)
            item = question(finding.question)
            title = f"Open question {item.number}: {item.title}"
            questions.append(
                types.CodeAction(
                    title=title,
                    kind=QUICK_FIX,
                    diagnostics=[diagnostic],
                    command=types.Command(title=title, command=OPEN_QUESTION, arguments=[url]),
                )
            )
    actions.extend(questions)
    safe_fixes = any(finding.fix is not None and finding.fix.safe for finding in linted.findings)
    if "fix-all" in enabled and safe_fixes and wanted(FIX_ALL, only):
        actions.append(
            types.CodeAction(
                title="Fix all safe tutor findings",
                kind=FIX_ALL,
                data=_data(linted, "fix-all"),
            )
        )
    return actions


def _data(linted: Linted, action: str, index: int = -1) -> dict[str, Any]:
    return {
        "uri": linted.uri,
        "version": linted.version,
        "generation": linted.generation,
        "action": action,
        "index": index,
    }


def deferred(action: types.CodeAction) -> bool:
    """Whether the action still needs `resolve` to get its edit."""
    return action.edit is None and action.command is None and isinstance(action.data, dict)


def resolve(linted: Linted, action: types.CodeAction, client: ClientSupport) -> types.CodeAction:
    """Fill in the edit of a deferred action (runs on the lint thread: it may lint)."""
    data = action.data if isinstance(action.data, dict) else {}
    edit: Edit | None = None
    if data.get("action") == "suppress":
        index = data.get("index", -1)
        if isinstance(index, int) and 0 <= index < len(linted.findings):
            edit = suppression_edit(linted.snapshot.text, linted.findings[index])
    elif data.get("action") == "fix-all":
        edit = fix_all_edit(linted)
    edits = [] if edit is None else text_edits([edit], linted.positions)
    action.edit = workspace_edit(linted, edits, client)
    return action


def workspace_edit(
    linted: Linted, edits: list[types.TextEdit], client: ClientSupport
) -> types.WorkspaceEdit:
    if client.document_changes:
        document = types.OptionalVersionedTextDocumentIdentifier(
            uri=linted.uri, version=linted.version
        )
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
        )
    return types.WorkspaceEdit(changes={linted.uri: list(edits)})


# The edits themselves


def suppression_edit(text: str, finding: Finding) -> Edit | None:
    """Add the rule to the ignore comment of the finding's first line (or its last line
    when the first ends inside a string or a backslash continuation)."""
    lines = text.split("\n")
    candidates = list(dict.fromkeys((finding.start.line, finding.end.line)))
    commentable = _comment_lines(text, max(candidates))
    for number in candidates:
        if number > len(lines) or (commentable is not None and number not in commentable):
            continue
        line = lines[number - 1]
        body = line[:-1] if line.endswith("\r") else line
        new = add_to_comment(body, finding.rule)
        if new == body:
            return None  # already suppressed there
        return _minimal_edit(body, new, number)
    return None


def _comment_lines(text: str, last_line: int) -> set[int] | None:
    """The lines (up to `last_line`) that end outside strings and continuations, where a
    comment may go; None when the text cannot be tokenized."""
    found: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            row = token.start[0]
            if row > last_line:
                break
            if token.type in (tokenize.NEWLINE, tokenize.NL):
                found.add(row)
    except (tokenize.TokenError, SyntaxError):
        return None
    return found


def _minimal_edit(old: str, new: str, line: int) -> Edit:
    prefix, suffix = changed_span(old, new)
    return Edit(
        Position(line, prefix), Position(line, len(old) - suffix), new[prefix : len(new) - suffix]
    )


def fix_all_edit(linted: Linted) -> Edit | None:
    """Every safe fix, applied by the fix loop of `tutor lint --fix`, as one edit."""
    cached = linted.extras.get("fix-all")
    if cached is not None:
        return cached if isinstance(cached, Edit) else None
    text = linted.snapshot.text
    fixed, applied, _ = fix_text(text, linted.relint, unsafe=False)
    edit = None
    if applied and fixed != text:
        first, old_end, new_end = _changed_span(text, fixed)
        positions = linted.positions
        edit = Edit(
            positions.engine_position(first),
            positions.engine_position(old_end),
            fixed[first:new_end],
        )
    linted.extras["fix-all"] = edit if edit is not None else False
    return edit


def _changed_span(old: str, new: str) -> tuple[int, int, int]:
    """Where `new` differs from `old`: start, end in old, end in new (never inside CRLF)."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if prefix and old[prefix - 1] == "\r":
        prefix -= 1
    cut = len(old) - suffix
    if suffix and old[cut] == "\n" and cut > 0 and old[cut - 1] == "\r":
        suffix -= 1
    return prefix, len(old) - suffix, len(new) - suffix
