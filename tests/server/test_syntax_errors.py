"""A syntax error mid-typing keeps the hints of the statements the edit did not touch."""

from __future__ import annotations

from tests.server.conftest import Editor, codes

BEFORE = "def first(x=[]):\n    return x\n\n\n"
MIDDLE = "total = 1\n"
AFTER = "\n\ndef last(y={}):\n    return y\n"


async def test_findings_around_a_syntax_error_stay(editor: Editor) -> None:
    uri = editor.open("typing.py", BEFORE + MIDDLE + AFTER)
    good = await editor.diagnostics(uri)
    assert codes(good).count("TUT071") == 2
    # The learner is half way through a line (and a new line) in the middle.
    editor.set_text(uri, BEFORE + "total = (1 +\nmore = \n" + AFTER)
    found = await editor.diagnostics(uri)
    assert sorted(codes(found)) == ["TUT071", "TUT071", "TUT901"]
    moved = [d for d in found if d.code == "TUT071"]
    assert [d.range.start.line for d in moved] == [0, 8], "the last one moved down a line"
    # Once the file parses again, the findings are fresh ones.
    editor.set_text(uri, BEFORE + AFTER)
    assert codes(await editor.diagnostics(uri)) == ["TUT071", "TUT071"]


async def test_an_error_on_a_flagged_line_drops_only_its_finding(editor: Editor) -> None:
    uri = editor.open("typing.py", BEFORE + MIDDLE + AFTER)
    await editor.diagnostics(uri)
    editor.set_text(uri, BEFORE + MIDDLE + AFTER.replace("(y={}):", "(y={}:"))
    assert sorted(codes(await editor.diagnostics(uri))) == ["TUT071", "TUT901"]
