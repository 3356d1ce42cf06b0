"""Pick up to ten findings per rule from the last corpus run and join the hand judgments.

    python benchmarks/corpus/run.py       # lint the corpus first
    python benchmarks/corpus/sample.py    # writes judged.csv and precision.md

The pick is deterministic (findings sorted by project, file and line, then
evenly spaced), so the same run gives the same sample. Wrong findings judged
on earlier runs are listed too, with whether the rules are now silent there.
"""

from __future__ import annotations

import collections
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from judgments import FALSE, JUDGED  # noqa: E402
from run import cache_dir  # noqa: E402

PER_RULE = 10


def main() -> None:
    cache = cache_dir()
    source = str(cache / "src") + "/"
    by_rule: dict[str, list[tuple[str, int, str]]] = collections.defaultdict(list)
    for line in (cache / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        key = (str(item["path"]).removeprefix(source), int(item["line"]), str(item["rule"]))
        by_rule[key[2]].append(key)
    current = {key for keys in by_rule.values() for key in keys}
    rows = []
    table = []
    for rule, keys in sorted(by_rule.items()):
        keys.sort()
        picked = (
            keys
            if len(keys) <= PER_RULE
            else [keys[i * len(keys) // PER_RULE] for i in range(PER_RULE)]
        )
        verdicts: collections.Counter[str] = collections.Counter()
        for key in dict.fromkeys(picked):
            verdict, reason = JUDGED.get(key, ("UNJUDGED", ""))
            verdicts[verdict] += 1
            rows.append([*key, verdict, reason, "sampled"])
        judged = sum(verdicts.values()) - verdicts["UNJUDGED"]
        precision = f"{verdicts['TRUE'] / judged:.0%}" if judged else "-"
        table.append(
            f"| {rule} | {len(keys)} | {judged} | {verdicts['TRUE']} | {verdicts['DEBATABLE']} "
            f"| {verdicts['FALSE']} | {precision} |"
        )
    for key, (verdict, reason) in sorted(JUDGED.items()):
        if verdict == FALSE and key not in current:
            rows.append([*key, verdict, reason, "earlier run; silent now"])
        elif verdict == FALSE:
            rows.append([*key, verdict, reason, "earlier run; STILL FIRES"])
    with (HERE / "judged.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "line", "rule", "verdict", "reason", "sample"])
        writer.writerows(rows)
    header = (
        "| rule | findings | judged | TRUE | DEBATABLE | FALSE | precision (TRUE/judged) |\n"
        "|---|---|---|---|---|---|---|"
    )
    report = "\n".join([header, *table]) + "\n"
    (HERE / "precision.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
