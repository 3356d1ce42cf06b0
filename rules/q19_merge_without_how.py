"""`pd.merge(a, b)` without `how=`: an inner join drops unmatched rows without a word."""

from __future__ import annotations

import libcst as cst

from .engine.context import FileContext
from .engine.rule import Rule
from .engine.syntax import enclosing_scope

# Keywords only pandas' merge takes: with one of them, `x.merge(...)` is pandas.
_MERGE_KEYWORDS = frozenset(
    {"on", "left_on", "right_on", "left_index", "right_index", "suffixes", "indicator", "validate"}
)


class MergeWithoutHow(Rule):
    code = "TUT191"
    name = "merge-without-how"
    question = 19
    message = "merge without `how=`: the default inner join silently drops unmatched rows"
    explanation = (
        "`merge` defaults to an inner join: rows whose key has no partner on the other "
        "side disappear from the result, with no warning. Sometimes that is what you want, "
        "often it is a bug found weeks later as a total that does not add up. Say which "
        "join you mean, `how='inner'`, `'left'`, `'right'` or `'outer'`, and consider "
        "`validate='one_to_one'` (or `'many_to_one'`) and `indicator=True` to check the "
        "keys match the way you expect."
    )
    flagged = (
        "import pandas as pd\n"
        "\n"
        "orders = pd.DataFrame({'id': [1, 2], 'amount': [5, 7]})\n"
        "customers = pd.DataFrame({'id': [1], 'name': ['Ann']})\n"
        "print(pd.merge(orders, customers, on='id'))\n"
    )
    better = (
        "import pandas as pd\n"
        "\n"
        "orders = pd.DataFrame({'id': [1, 2], 'amount': [5, 7]})\n"
        "customers = pd.DataFrame({'id': [1], 'name': ['Ann']})\n"
        "print(pd.merge(orders, customers, on='id', how='left', validate='many_to_one'))\n"
    )
    fine_when = (
        "When an inner join is what you want, write `how='inner'`: the rule is about "
        "saying it, not about avoiding it."
    )
    references = (
        "https://pandas.pydata.org/docs/reference/api/pandas.merge.html",
        "https://pandas.pydata.org/docs/user_guide/merging.html",
    )
    card = (
        ("What are the default join types of `merge`, `DataFrame.join` and `concat` in pandas?"),
        (
            "`merge` does an inner join (unmatched rows vanish); `DataFrame.join` does a "
            "left join on the other frame's index; `concat` uses `join='outer'`, keeping "
            "every column and filling gaps with NaN. Say `how=` (or `join=`) out loud, and "
            "check keys with `validate=` and `indicator=True`."
        ),
    )
    valid = (
        "import pandas as pd\n\nresult = pd.merge(orders, customers, on='id', how='left')\n",
        "import pandas as pd\n\nresult = orders.merge(customers, how='inner', on='id')\n",
        "import heapq\n\nmerged = heapq.merge(a, b)  # no pandas here\n",
        "import pandas as pd\nimport heapq\n\nmerged = list(heapq.merge(a, b))\n",
        "import pandas as pd\n\nboth = pd.merge(left, right, 'outer', 'id')  # how given by position\n",
        "import pandas as pd\n\nresult = pd.merge(left, right, **options)\n",
    )
    invalid = (
        "import pandas as pd\n\nresult = pd.merge(orders, customers, on='id')\n",
        "import pandas as pd\n\ndef report(orders, customers):\n"
        "    return orders.merge(customers, left_on='customer_id', right_on='id')\n",
        "import pandas as pd\n\norders = pd.read_csv('orders.csv')\nfull = orders.merge(customers)\n",
        "from pandas import merge\n\nboth = merge(left, right)\n",
    )
    needs_text = ("pandas",)
    # Module-wide: an import of pandas inside any earlier function counts.
    reach = "module"

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.bindings = context.bindings
        self.pandas: set[str] = set()  # names of the pandas module
        self.merge_functions: set[str] = set()  # `from pandas import merge`

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            if alias.evaluated_name == "pandas":
                self.pandas.add(alias.evaluated_alias or "pandas")

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = node.module
        if not isinstance(module, cst.Name) or module.value != "pandas" or node.relative:
            return
        if isinstance(node.names, cst.ImportStar):
            self.merge_functions.add("merge")
            return
        for alias in node.names:
            if alias.evaluated_name == "merge":
                self.merge_functions.add(alias.evaluated_alias or "merge")

    def visit_Call(self, node: cst.Call) -> None:
        if not (self.pandas or self.merge_functions):
            return
        func = node.func
        if isinstance(func, cst.Name):
            if func.value not in self.merge_functions:
                return
            how_position = 2
        elif isinstance(func, cst.Attribute) and func.attr.value == "merge":
            owner = func.value
            if isinstance(owner, cst.Name) and owner.value in self.pandas:
                how_position = 2
            elif self._is_data_frame_merge(node, owner):
                how_position = 1
            else:
                return
        else:
            return
        positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
        if any(arg.star for arg in node.args) or len(positional) > how_position:
            return
        if any(arg.keyword is not None and arg.keyword.value == "how" for arg in node.args):
            return
        self.report(node)

    def _is_data_frame_merge(self, call: cst.Call, owner: cst.BaseExpression) -> bool:
        """`df.merge(...)`: pandas-only keywords, or `df` made by a pandas function."""
        if any(
            arg.keyword is not None and arg.keyword.value in _MERGE_KEYWORDS for arg in call.args
        ):
            return True
        if not isinstance(owner, cst.Name):
            return False
        scope = enclosing_scope(self.context.ancestors, self.context.module)
        found = self.bindings.of(scope).get(owner.value, [])
        return bool(found) and all(self._from_pandas(binding.value) for binding in found)

    def _from_pandas(self, value: cst.BaseExpression | None) -> bool:
        """`pd.read_csv(...)`, `pd.DataFrame(...)`, `pd.merge(...)`: a call on the module."""
        if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute):
            return False
        owner = value.func.value
        return isinstance(owner, cst.Name) and owner.value in self.pandas
