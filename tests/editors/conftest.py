"""Fixtures for the VS Code end-to-end test: one code-server, one browser, one workspace.

Starting code-server and loading the workbench costs about 20 s, so the module shares one
session; each test leaves the workbench usable for the next. A failing test leaves a
screenshot and the logs in build/e2e-artifacts/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from tests.editors.codeserver import ARTIFACTS, VSIX, CodeServer, Workbench, browser, missing

WORKSPACE = REPO / "tests" / "data" / "vscode-workspace"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    report = yield
    if report.when == "call":  # type: ignore[attr-defined]
        item.stash[FAILED] = report.failed  # type: ignore[attr-defined]
    return report


FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="module")
def code_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CodeServer]:
    reason = missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the VS Code end-to-end test, but {reason}")
        pytest.skip(f"VS Code end-to-end test: {reason}")
    root = tmp_path_factory.mktemp("code-server")
    workspace = root / "workspace"
    shutil.copytree(WORKSPACE, workspace)
    server = CodeServer(root, workspace)
    server.write_settings()
    server.install(VSIX)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "pitfall-tutor-output.log").write_text(
            server.extension_logs(), encoding="utf-8"
        )
        shutil.copy(root / "code-server.log", ARTIFACTS / "code-server.log")


@pytest.fixture(scope="module")
def workbench(code_server: CodeServer) -> Iterator[Workbench]:
    with browser(code_server.root) as driver:
        bench = Workbench(driver, code_server)
        bench.load_seconds = bench.load()
        yield bench


@pytest.fixture
def window(workbench: Workbench, request: pytest.FixtureRequest) -> Iterator[Workbench]:
    """The shared workbench; a screenshot of it when the test fails."""
    yield workbench
    if request.node.stash.get(FAILED, False):
        workbench.screenshot(request.node.name)
