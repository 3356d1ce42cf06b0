"""Property: rewriting any cells' sources, in any of the layouts notebooks are written
in, reads back as the same notebook with exactly those sources changed, and leaves
every byte outside the changed sources as it was (the file is byte for byte what
its own writer would have written for the new sources)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pitfall_tutor.rules.engine.notebook_file import Notebook, read_notebook

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
sources = st.lists(texts, max_size=4).map("\n".join)
layouts = st.fixed_dictionaries(
    {
        "indent": st.sampled_from([None, 1, 2, 4, "\t"]),
        "ascii": st.booleans(),
        "crlf": st.booleans(),
        "final": st.sampled_from(["", "\n"]),
        "sort": st.booleans(),
    }
)


def dumps(node: object, layout: dict[str, object]) -> bytes:
    text = json.dumps(
        node,
        indent=layout["indent"],  # type: ignore[arg-type]
        ensure_ascii=bool(layout["ascii"]),
        sort_keys=bool(layout["sort"]),
    ) + str(layout["final"])
    if layout["crlf"]:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(
    old=st.lists(st.tuples(sources, st.booleans()), min_size=1, max_size=5),
    new=st.dictionaries(st.integers(0, 4), sources, max_size=3),
    layout=layouts,
)
def test_rewrite_changes_only_the_sources(
    old: list[tuple[str, bool]], new: dict[int, str], layout: dict[str, object]
) -> None:
    cells = [
        {
            "cell_type": "code",
            "execution_count": None,
            "metadata": {"tags": ["x"]},
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["é\n", "\\u00e9"]}],
            "source": text.splitlines(keepends=True) if as_list else text,
        }
        for text, as_list in old
    ]
    node = {"cells": cells, "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4}
    data = dumps(node, layout)
    read = read_notebook(data)
    assert isinstance(read, Notebook)
    changes = {index: text for index, text in new.items() if index < len(cells)}
    written = read.with_sources(changes)  # raises if it would not read back the same
    back = json.loads(written)
    for index, cell in enumerate(back["cells"]):
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        unchanged = "".join(node["cells"][index]["source"])
        assert text == changes.get(index, unchanged)
        assert isinstance(source, list) == old[index][1] or not source
    # Byte for byte what the same writer would have written for the new sources:
    # nothing outside them moved, in this layout.
    for index, text in changes.items():
        if text != old[index][0]:
            cells[index]["source"] = text.splitlines(keepends=True) if old[index][1] else text
    assert written == dumps(node, layout)
