"""Computing a column row by row with `iterrows()`: slow, and writes to `row` are lost."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.syntax import walk_with_ancestors

_CELL_SETTERS = frozenset({"loc", "at", "iloc", "iat"})


class IterrowsColumnLoop(Rule):
    code = "TUT192"
    name = "iterrows-column-loop"
    question = 19
    message = "a column computed row by row with `iterrows()`: write one vectorised expression"
    explanation = (
        "`DataFrame.iterrows()` builds a new Series object for every row, so a loop over "
        "it runs at Python speed and is often hundreds of times slower than the same "
        "computation on whole columns, `df['total'] = df['price'] * df['qty']`, or "
        "`np.where(...)` for a condition. Worse, each `row` is a copy: assigning "
        "`row['total'] = ...` changes the copy and the DataFrame never sees it. Work "
        "column-wise, or at least collect values in a list and assign the column once."
    )
    flagged = (
        "import pandas as pd\n"
        "\n"
        "df = pd.DataFrame({'price': [2.0, 3.0], 'qty': [4, 5]})\n"
        "for idx, row in df.iterrows():\n"
        "    df.loc[idx, 'total'] = row['price'] * row['qty']\n"
        "print(df)\n"
    )
    better = (
        "import pandas as pd\n"
        "\n"
        "df = pd.DataFrame({'price': [2.0, 3.0], 'qty': [4, 5]})\n"
        "df['total'] = df['price'] * df['qty']\n"
        "print(df)\n"
    )
    fine_when = (
        "A loop over a few rows that calls out to something that is not vectorised "
        "anyway (an API per row, a file per row); even then `itertuples()` is faster "
        "and keeps dtypes."
    )
    references = (
        "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.iterrows.html",
        "https://pandas.pydata.org/docs/user_guide/basics.html#iteration",
    )
    card = (
        ("Why is computing a column with `for i, row in df.iterrows():` a pitfall twice over?"),
        (
            "Speed: each row becomes a new Series, so the loop runs at Python speed, often "
            "hundreds of times slower than one expression on whole columns. Correctness: "
            "`row` is a copy, so `row['total'] = ...` changes nothing in the frame. Write "
            "`df['total'] = df['price'] * df['qty']`, or `np.where` for a condition."
        ),
    )
    valid = (
        "import pandas as pd\n\ndf['total'] = df['price'] * df['qty']\n",
        "import pandas as pd\n\nfor idx, row in df.iterrows():\n    print(idx, row['name'])\n",
        "import pandas as pd\n\nfor idx, row in df.iterrows():\n    other.loc[idx, 'seen'] = True"
        "  # another frame\n",
        "for idx, row in table.iterrows():\n    table.loc[idx, 'x'] = 1  # no pandas import\n",
        "import pandas as pd\n\nnames = []\nfor _, row in df.iterrows():\n    names.append(row['n'])\n"
        "print(names)\n",
    )
    invalid = (
        "import pandas as pd\n\nfor idx, row in df.iterrows():\n"
        "    df.loc[idx, 'total'] = row['price'] * row['qty']\n",
        "import pandas as pd\n\nfor _, row in df.iterrows():\n    row['total'] = row['price'] * 2\n",
        "import pandas as pd\n\ndef add_total(df):\n    totals = []\n"
        "    for _, row in df.iterrows():\n        totals.append(row['price'] * row['qty'])\n"
        "    df['total'] = totals\n    return df\n",
        "import pandas as pd\n\nfor i, r in df.iterrows():\n    df.at[i, 'big'] = r.size > 10\n",
    )
    needs_text = ("iterrows",)
    # Module-wide: an import of pandas inside any earlier function counts.
    reach = "module"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.uses_pandas = False

    def visit_Import(self, node: cst.Import) -> None:
        self.uses_pandas = self.uses_pandas or any(
            alias.evaluated_name == "pandas" for alias in node.names
        )

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = node.module
        if isinstance(module, cst.Name) and module.value == "pandas" and not node.relative:
            self.uses_pandas = True

    def visit_For(self, node: cst.For) -> None:
        call = node.iter
        if not self.uses_pandas or not isinstance(call, cst.Call) or call.args:
            return
        func = call.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "iterrows"):
            return
        frame = func.value
        if not isinstance(frame, cst.Name):
            return
        row = _row_name(node.target)
        appended: set[str] = set()
        for target in _assignment_targets(node.body):
            if not isinstance(target, cst.Subscript):
                continue
            owner = target.value
            if row is not None and _is_name(owner, row):
                self.report(
                    call,
                    f"`{row}` is a copy of the row: assigning to it does not change "
                    f"`{frame.value}`; compute the column on whole columns instead",
                )
                return
            if (
                isinstance(owner, cst.Attribute)
                and owner.attr.value in _CELL_SETTERS
                and _is_name(owner.value, frame.value)
            ):
                self.report(call)
                return
        for inner, _ in walk_with_ancestors(node.body):
            if (
                isinstance(inner, cst.Call)
                and isinstance(inner.func, cst.Attribute)
                and inner.func.attr.value == "append"
                and isinstance(inner.func.value, cst.Name)
            ):
                appended.add(inner.func.value.value)
        if appended and self._column_from(node, frame.value, appended):
            self.report(call)

    def _column_from(self, loop: cst.For, frame: str, appended: set[str]) -> bool:
        """Right after the loop, `frame[...] = collected` with a list appended in it."""
        ancestors = self.context.ancestors
        block = ancestors[-1] if ancestors else None
        if not isinstance(block, (cst.IndentedBlock, cst.Module)):
            return False
        statements: Sequence[cst.BaseStatement] = block.body
        at = list(statements).index(loop)
        for statement in statements[at + 1 : at + 3]:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if not isinstance(small, cst.Assign) or not isinstance(small.value, cst.Name):
                    continue
                if small.value.value not in appended:
                    continue
                for target in small.targets:
                    if not isinstance(target.target, cst.Subscript):
                        continue
                    owner = target.target.value
                    if isinstance(owner, cst.Attribute) and owner.attr.value in _CELL_SETTERS:
                        owner = owner.value
                    if _is_name(owner, frame):
                        return True
        return False


def _row_name(target: cst.BaseExpression) -> str | None:
    if isinstance(target, cst.Tuple) and len(target.elements) == 2:
        row = target.elements[1].value
        if isinstance(row, cst.Name):
            return row.value
    return None


def _assignment_targets(body: cst.BaseSuite) -> list[cst.BaseExpression]:
    return [
        node.target
        for node, _ in walk_with_ancestors(body)
        if isinstance(node, (cst.AssignTarget, cst.AugAssign))
    ]


def _is_name(node: cst.CSTNode, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name
