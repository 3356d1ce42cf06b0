"""Lint real projects nobody here wrote, and count findings per rule.

Downloads pinned releases from PyPI with `pip download --no-deps` (sdists where
there are any, else wheels), unpacks them into a cache outside the repository,
runs `tutor lint --format json` on each and writes per-rule counts.

    python benchmarks/corpus/run.py                  # counts to benchmarks/corpus/counts.json
    python benchmarks/corpus/run.py --fix-check      # also --fix --unsafe-fixes on a copy

The cache is `$TUTOR_CORPUS_CACHE` or `~/.cache/pitfall-tutor-corpus`.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
# name -> pinned version. The first six are small practice programs and exercise
# solutions; the rest are popular libraries.
PROJECTS = {
    "algorithms": "1.0.1",  # keon/algorithms: data structures and algorithms, one per file
    "pythonds": "1.2.1",  # the textbook "Problem Solving with Algorithms and Data Structures"
    "alex-solver": "1.3",  # someone's leetcode solutions
    "adventkit": "0.2.0",  # Advent of Code solutions
    "advent-of-code-wim": "2025.12",  # one person's Advent of Code solutions, 2015 on
    "algorithms3": "0.1.9",  # data structures and algorithms, exercise style
    "boltons": "26.2.0",
    "requests": "2.34.2",
    "click": "8.5.1",
    "more-itertools": "11.2.1",
}


# How to run a project's own tests (and doctests) from its unpacked folder, where
# they need nothing beyond pytest: folder inside the release, PYTHONPATH, arguments.
OWN_TESTS = {
    "more-itertools": ("more_itertools-11.2.1", ".", ["tests"]),
    "boltons": ("boltons-26.2.0", ".", ["tests"]),
    "algorithms": (
        "algorithms-1.0.1",
        ".",
        ["tests", "algorithms", "--doctest-modules", "--continue-on-collection-errors"],
    ),
}


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "pitfall-tutor-corpus"
    return Path(os.environ.get("TUTOR_CORPUS_CACHE", default))


def fetch(name: str, version: str, cache: Path) -> Path:
    """The unpacked release, downloaded once."""
    target = cache / "src" / f"{name}-{version}"
    if target.is_dir():
        return target
    downloads = cache / "downloads" / f"{name}-{version}"
    downloads.mkdir(parents=True, exist_ok=True)
    if not any(downloads.iterdir()):
        base = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet"]
        spec = f"{name}=={version}"
        sdist = subprocess.run([*base, "--no-binary", ":all:", "-d", str(downloads), spec])
        if sdist.returncode != 0:
            subprocess.run(
                [*base, "--only-binary", ":all:", "-d", str(downloads), spec], check=True
            )
    archive = next(downloads.iterdir())
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as zipped:
            zipped.extractall(partial)
    else:
        with tarfile.open(archive) as tarred:
            tarred.extractall(partial, filter="data")
    partial.rename(target)
    return target


def lint(tutor: list[str], folder: Path) -> list[dict[str, object]]:
    done = subprocess.run(
        [*tutor, "lint", "--format", "json", "--no-cache", str(folder)],
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"tutor lint failed on {folder}: {done.stderr}")
    diagnostics: list[dict[str, object]] = json.loads(done.stdout)["diagnostics"]
    return diagnostics


def fix_check(tutor: list[str], folder: Path, cache: Path) -> dict[str, object]:
    """Apply every fix (unsafe too) to a copy; every changed file must still compile."""
    copy = cache / "fixed" / folder.name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*.py")}
    subprocess.run(
        [*tutor, "lint", "--fix", "--unsafe-fixes", "--no-cache", "-q", str(copy)],
        capture_output=True,
    )
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    broken = []
    for path in changed:
        try:
            compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            broken.append(f"{path}: {exc}")
    result: dict[str, object] = {"changed": len(changed), "broken": broken, "copy": str(copy)}
    name = folder.name.rsplit("-", 1)[0]
    if name in OWN_TESTS and changed:
        inner, pythonpath, arguments = OWN_TESTS[name]
        result["tests_before"] = own_tests(folder / inner, pythonpath, arguments)
        result["tests_after"] = own_tests(copy / inner, pythonpath, arguments)
    return result


def own_tests(folder: Path, pythonpath: str, arguments: list[str]) -> str:
    """The closing line of the project's own test run."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:asyncio",
            *arguments,
        ],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": pythonpath},
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else f"no output (exit {done.returncode})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix-check", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "counts.json")
    args = parser.parse_args()
    cache = cache_dir()
    tutor = [sys.executable, "-m", "pitfall_tutor"]
    counts: dict[str, collections.Counter[str]] = {}
    files: dict[str, int] = {}
    cache.mkdir(parents=True, exist_ok=True)
    findings_out = cache / "findings.jsonl"
    with findings_out.open("w", encoding="utf-8") as sink:
        for name, version in PROJECTS.items():
            folder = fetch(name, version, cache)
            files[name] = sum(1 for _ in folder.rglob("*.py"))
            counter: collections.Counter[str] = collections.Counter()
            for diagnostic in lint(tutor, folder):
                counter[str(diagnostic["rule"])] += 1
                diagnostic["project"] = name
                sink.write(json.dumps(diagnostic) + "\n")
            counts[name] = counter
    total: collections.Counter[str] = sum(counts.values(), collections.Counter())
    report: dict[str, object] = {
        "projects": {name: f"{name}=={version}" for name, version in PROJECTS.items()},
        "python_files": files,
        "total": dict(total.most_common()),
        "per_project": {name: dict(c.most_common()) for name, c in counts.items()},
    }
    if args.fix_check:
        report["fix_check"] = {
            name: fix_check(tutor, cache / "src" / f"{name}-{version}", cache)
            for name, version in PROJECTS.items()
        }
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(
        f"{sum(total.values())} findings in {sum(files.values())} files; details in {findings_out}"
    )
    for rule, count in total.most_common():
        print(f"{count:6d}  {rule}")


if __name__ == "__main__":
    main()
