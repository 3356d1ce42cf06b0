"""`# tutor: ignore[...]` on a line and `# tutor: ignore-file` near the top."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"#\s*tutor:\s*ignore(?!-)(?:\[(?P<names>[^\]]*)\])?")
_FILE = re.compile(r"#\s*tutor:\s*ignore-file\b")
FILE_HEADER_LINES = 20
ALL = "*"


@dataclass
class Suppressions:
    whole_file: bool = False
    by_line: dict[int, set[str]] = field(default_factory=dict)  # line -> names/codes or ALL
    # Every name as written, with its line and 0-based column, for the unknown-name check.
    written: list[tuple[int, int, str]] = field(default_factory=list)

    def unknown(self, known: set[str]) -> list[tuple[int, int, str]]:
        """Names that are no rule name or code: a typo there hides nothing (like ruff's RUF100)."""
        return [entry for entry in self.written if entry[2] not in known]

    def hides(self, line: int, end_line: int, rule: str, code: str) -> bool:
        if self.whole_file:
            return True
        for number in {line, end_line}:
            names = self.by_line.get(number)
            if names and (ALL in names or rule in names or code in names):
                return True
        return False


def find_suppressions(text: str) -> Suppressions:
    found = Suppressions()
    if "tutor:" not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if "tutor:" not in line:
            continue
        if number <= FILE_HEADER_LINES and _FILE.search(line):
            found.whole_file = True
            continue
        match = _LINE.search(line)
        if match:
            names = match.group("names")
            found.by_line[number] = (
                {name.strip() for name in names.split(",") if name.strip()} if names else {ALL}
            )
            if names:
                column = match.start("names")
                for part in names.split(","):
                    if part.strip():
                        found.written.append(
                            (number, column + part.index(part.strip()), part.strip())
                        )
                    column += len(part) + 1
    return found


def add_to_comment(line: str, rule: str) -> str:
    """The line with `rule` added to its ignore comment (or a new comment)."""
    match = _LINE.search(line)
    if match is None:
        body = line.rstrip()
        return f"{body}  # tutor: ignore[{rule}]"
    names = match.group("names")
    if names is None:
        return line
    listed = [name.strip() for name in names.split(",") if name.strip()]
    if rule in listed:
        return line
    listed.append(rule)
    return line[: match.start()] + f"# tutor: ignore[{', '.join(listed)}]" + line[match.end() :]
