"""A text-mode `open()` without `encoding=` decodes with whatever the machine's locale says."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Invalid, Replacement, Rule
from .engine.syntax import file_open_mode_index


class OpenWithoutEncoding(Rule):
    code = "TUT202"
    name = "open-without-encoding"
    question = 20
    message = "text file opened without `encoding=`: its meaning depends on the machine"
    explanation = (
        "In text mode, `open()` turns bytes into `str` with an encoding. Without "
        "`encoding=` it uses the locale's preferred encoding, which is UTF-8 on most Linux "
        "and macOS machines (even in a bare container's C locale, since Python 3.7 turns "
        "that into UTF-8: PEP 538 and PEP 540) but often a legacy code page such as cp1252 "
        "on Windows. The same script then reads a file fine on your laptop and fails, or "
        "silently garbles accents, elsewhere. Python 3.15 makes UTF-8 the default "
        "everywhere (PEP 686); until your code requires 3.15, name the encoding: "
        "`open(path, encoding='utf-8')`. Binary mode (`'rb'`, `'wb'`) works with bytes "
        "and needs none, and so do devices such as `os.devnull` and `/dev/tty`, which "
        "are not flagged."
    )
    flagged = (
        "from pathlib import Path\n"
        "\n"
        "Path('menu.txt').write_bytes('café'.encode('utf-8'))\n"
        "with open('menu.txt') as file:\n"
        "    print(file.read())\n"
    )
    better = (
        "from pathlib import Path\n"
        "\n"
        "Path('menu.txt').write_bytes('café'.encode('utf-8'))\n"
        "with open('menu.txt', encoding='utf-8') as file:\n"
        "    print(file.read())\n"
    )
    fine_when = (
        "When the file really is in the user's locale encoding (text typed in a local "
        "editor on an old system): then say `encoding='locale'` (3.10+), which states "
        "the intent."
    )
    references = (
        "https://peps.python.org/pep-0686/",
        "https://docs.python.org/3/library/io.html#io-encoding-warning",
    )
    card = (
        "Which encoding does `open(path)` use in text mode when you give none?",
        (
            "The locale's preferred encoding: UTF-8 on most Linux and macOS systems, often "
            "a legacy code page such as cp1252 on Windows. Python 3.15 makes UTF-8 the "
            "default everywhere (PEP 686); until then the same script can garble accents on "
            "another machine. Write `encoding='utf-8'`, and run with `-X "
            "warn_default_encoding` to find the gaps."
        ),
    )
    valid = (
        "with open('notes.txt', encoding='utf-8') as f:\n    text = f.read()\n",
        "with open('photo.jpg', 'rb') as f:\n    data = f.read()\n",
        "with open(path, mode) as f:  # the mode is not known here\n    pass\n",
        "with open(path, 'r', -1, 'latin-1') as f:\n    pass\n",
        "def read(open):\n    return open('x')\n",
        "with open(path, **options) as f:\n    pass\n",
        # Devices: nothing is decoded from a file whose meaning could change.
        "import os\n\nwith open(os.devnull, 'w') as sink:\n    sink.write('x')\n",
        "with open('/dev/tty') as tty:\n    answer = tty.readline()\n",
        "out = open(1, 'w', closefd=False)\n",
    )
    invalid = (
        Invalid(
            "with open('notes.txt') as f:\n    text = f.read()\n",
            fixed="with open('notes.txt', encoding='utf-8') as f:\n    text = f.read()\n",
            unsafe_fixes=True,
        ),
        Invalid(
            'with open(path, "w") as out:  # the report\n    out.write(report)\n',
            fixed='with open(path, "w", encoding="utf-8") as out:  # the report\n'
            "    out.write(report)\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "import io\n\nstream = io.open(\n    name,\n    mode='a',\n)\n",
            fixed="import io\n\nstream = io.open(\n    name,\n    mode='a',\n    encoding='utf-8',\n)\n",
            unsafe_fixes=True,
        ),
        Invalid(
            "from pathlib import Path\n\nwith Path('a.csv').open(newline='') as f:\n    pass\n",
            fixed="from pathlib import Path\n\n"
            "with Path('a.csv').open(newline='', encoding='utf-8') as f:\n    pass\n",
            unsafe_fixes=True,
        ),
    )
    fixable = "unsafe"
    needs_text = ("open(",)
    reach = "statement"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings

    def visit_Call(self, node: cst.Call) -> None:
        mode_at = file_open_mode_index(node, self.context.ancestors, self.bindings)
        if mode_at is None or any(arg.star for arg in node.args):
            return
        keywords = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
        if "encoding" in keywords:
            return
        positional = [arg.value for arg in node.args if arg.keyword is None]
        if len(positional) > mode_at + 2:
            return  # encoding given by position
        target = positional[0] if positional and mode_at > 0 else keywords.get("file")
        if target is not None and is_device(target):
            return  # os.devnull, /dev/tty: no file's text whose meaning could change
        mode = positional[mode_at] if len(positional) > mode_at else keywords.get("mode")
        if mode is not None and (
            not isinstance(mode, cst.SimpleString) or "b" in str(mode.evaluated_value)
        ):
            return  # binary, or a mode we cannot read
        # Unsafe: on a machine whose locale is not UTF-8 the file is read differently.
        self.report(node, fix=lambda: _with_encoding(node), safe=False)


def is_device(target: cst.BaseExpression) -> bool:
    """`os.devnull`, `devnull`, or a `/dev/...` literal: a device, not a text file."""
    if isinstance(target, cst.Attribute):
        return target.attr.value == "devnull"
    if isinstance(target, cst.Name):
        return target.value == "devnull"
    if isinstance(target, cst.Integer):
        return True  # a file descriptor: a stream already set up by someone else
    if isinstance(target, cst.SimpleString):
        value = target.evaluated_value
        return isinstance(value, str) and value.startswith("/dev/")
    return False


def _with_encoding(call: cst.Call) -> Replacement:
    quote = next(
        (arg.value.quote for arg in call.args if isinstance(arg.value, cst.SimpleString)), '"'
    )
    quote = "'" if "'" in quote else '"'
    new_arg = cst.Arg(
        keyword=cst.Name("encoding"),
        value=cst.SimpleString(f"{quote}utf-8{quote}"),
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
    )
    args = list(call.args)
    if not args:
        return Replacement(call, call.with_changes(args=[new_arg]))
    last = args[-1]
    if isinstance(last.comma, cst.Comma):
        # `f(a,\n    b,\n)`: the new argument takes the last comma (and the line break
        # before the closing parenthesis); the old last one gets a separator like the others.
        separator = args[-2].comma if len(args) > 1 else None
        if separator is None and isinstance(
            call.whitespace_before_args, cst.ParenthesizedWhitespace
        ):
            separator = cst.Comma(whitespace_after=call.whitespace_before_args)
        if not isinstance(separator, cst.Comma):
            separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args[-1] = last.with_changes(comma=separator)
        args.append(new_arg.with_changes(comma=last.comma))
    else:
        args[-1] = last.with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            whitespace_after_arg=cst.SimpleWhitespace(""),
        )
        args.append(new_arg.with_changes(whitespace_after_arg=last.whitespace_after_arg))
    return Replacement(call, call.with_changes(args=args))
