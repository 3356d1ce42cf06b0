"""`python -m build`: an sdist and a wheel that hold the whole package and install cleanly.

Built from the committed copy of the working tree (conftest.py), so the build
neither sees nor writes into the checkout. The wheel is then installed into a
fresh virtual environment and used as a learner would.
"""

from __future__ import annotations

import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from pitfall_tutor import __version__
from pitfall_tutor.katas.catalogue import KATAS
from pitfall_tutor.rules.questions import QUESTIONS
from tests.toolchain.conftest import BIN, run, working_tree_files

pytestmark = pytest.mark.slow

DIST_INFO = f"pitfall_tutor-{__version__}.dist-info"
# Repository folder -> installed package folder, longest prefix first (cli/root is the top).
LAYOUT = {
    "cli/root/": "pitfall_tutor/",
    "rules/": "pitfall_tutor/rules/",
    "server/": "pitfall_tutor/server/",
    "cli/": "pitfall_tutor/cli/",
    "katas/": "pitfall_tutor/katas/",
}
BAD = "def add(item, bucket=[]):\n    bucket.append(item)\n    print(bucket)\n"


@pytest.fixture(scope="module")
def dist(checkout_copy: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    source, _ = checkout_copy
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", out, source])
    return out


def wheel_of(dist: Path) -> Path:
    (wheel,) = dist.glob("*.whl")
    return wheel


def installed_name(repo_path: str) -> str | None:
    for prefix, package in LAYOUT.items():
        if repo_path.startswith(prefix):
            return package + repo_path[len(prefix) :]
    return None


def test_build_makes_one_sdist_and_one_wheel(dist: Path) -> None:
    assert sorted(path.name for path in dist.iterdir()) == [
        f"pitfall_tutor-{__version__}-py3-none-any.whl",
        f"pitfall_tutor-{__version__}.tar.gz",
    ]
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        names = {name.partition("/")[2] for name in sdist.getnames()}
    assert {"pyproject.toml", "README.md", "PKG-INFO"} <= names


def test_the_wheel_holds_only_the_package_and_its_metadata(dist: Path) -> None:
    names = zipfile.ZipFile(wheel_of(dist)).namelist()
    outside = [name for name in names if name.split("/")[0] not in ("pitfall_tutor", DIST_INFO)]
    assert outside == []
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert f"{DIST_INFO}/entry_points.txt" in names


def test_the_wheel_holds_every_source_and_data_file(dist: Path) -> None:
    """Every file of the package folders, pages and katas included: none left behind."""
    names = set(zipfile.ZipFile(wheel_of(dist)).namelist())
    expected = {
        installed
        for path in working_tree_files(Path(__file__).resolve().parents[2])
        if (installed := installed_name(path)) is not None
    }
    assert len(expected) > 100
    assert sorted(expected - names) == []
    for item in QUESTIONS:
        assert f"pitfall_tutor/rules/questions/{item.slug}.md" in names
    for kata in KATAS:
        for part in ("instructions.md", "kata.toml", "starter.py", "solution.py", "tests.py"):
            assert f"pitfall_tutor/katas/{kata.folder.name}/{part}" in names


def test_twine_check_passes(dist: Path) -> None:
    checked = run([BIN / "twine", "check", "--strict", *sorted(dist.iterdir())])
    assert checked.stdout.count("PASSED") == 2


def test_the_wheel_works_in_a_fresh_environment(dist: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", wheel_of(dist)], timeout=900)
    tutor = env_dir / "bin" / "tutor"
    work = tmp_path / "work"
    work.mkdir()
    env = {"TUTOR_CACHE_DIR": str(tmp_path / "cache"), "CI": ""}

    where = run([python, "-c", "import pitfall_tutor; print(pitfall_tutor.__file__)"], cwd=work)
    assert str(env_dir) in where.stdout  # the installed copy, not the checkout

    (work / "cart.py").write_text(BAD, encoding="utf-8")
    lint = run([tutor, "lint", "cart.py"], cwd=work, env=env, check=False)
    assert lint.returncode == 1, lint.stderr
    assert "cart.py:1:22: TUT071 mutable-default-argument" in lint.stdout
    # The link opens the question's page, rendered by the installed copy into the cache.
    [link] = [line for line in lint.stdout.splitlines() if "= learn:" in line]
    page = Path(link[link.index("file://") + len("file://") :].partition("#")[0])
    assert page.is_relative_to(tmp_path / "cache") and page.name == "q07-arguments.html"
    assert 'id="mutable-default-argument"' in page.read_text(encoding="utf-8")

    explain = run([tutor, "explain", "q7"], cwd=work, env=env)
    assert explain.stdout.startswith("# Q7. How are arguments passed")
    assert "mutable-default-argument" in explain.stdout

    katas = run([tutor, "kata", "list"], cwd=work, env=env)
    for kata in KATAS:
        assert kata.slug in katas.stdout

    site = run([tutor, "docs", "build", "site"], cwd=work, env=env)
    assert "Wrote" in site.stdout
    assert (work / "site" / "assets" / "search.js").is_file()
