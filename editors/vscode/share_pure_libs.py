"""Move the pure-Python distributions that every bundled/libs/cpXY holds alike into
bundled/libs/common, so the .vsix carries one copy of them instead of five.

A distribution is shared when each version folder has the same `name-version.dist-info`
and its WHEEL says `Root-Is-Purelib: true`; native ones (libcst, PyYAML, pydantic-core)
and those only some versions need (tomli on 3.10) stay per version.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def pure_infos(folder: Path) -> set[str]:
    return {
        info.name
        for info in folder.glob("*.dist-info")
        if "Root-Is-Purelib: true" in (info / "WHEEL").read_text(encoding="utf-8")
    }


def top_level(info: Path) -> set[str]:
    names = set()
    for line in (info / "RECORD").read_text(encoding="utf-8").splitlines():
        first = line.split(",", 1)[0].split("/", 1)[0]
        if first and not first.startswith(".."):
            names.add(first)
    return names


def main(libs: Path) -> None:
    folders = sorted(p for p in libs.iterdir() if p.name.startswith("cp"))
    shared = set.intersection(*(pure_infos(folder) for folder in folders))
    common = libs / "common"
    common.mkdir(exist_ok=True)
    for info in sorted(shared):
        for name in top_level(folders[0] / info):
            if (folders[0] / name).exists():
                shutil.move(str(folders[0] / name), str(common / name))
            for other in folders[1:]:
                target = other / name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
    print(f"bundled/libs/common: {len(shared)} pure-Python distributions shared")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
