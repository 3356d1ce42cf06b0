"""Wrong: `Path.read_text().splitlines()` loads the whole file, then a list of every line, before counting."""

from pathlib import Path


def count_matching(path, word):
    wanted = word.lower()
    return sum(
        wanted in line.lower() for line in Path(path).read_text(encoding="utf-8").splitlines()
    )
