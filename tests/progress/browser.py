"""Headless Chromium screenshots of our offline pages, for tests and for people to look at.

Screenshots go to $TUTOR_SHOTS_DIR when set (kept outside the repository), else
to the test's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium is not installed (apt-get install -y chromium); no screenshot taken")


def shots_dir(fallback: Path) -> Path:
    folder = Path(os.environ.get("TUTOR_SHOTS_DIR") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page: Path, target: Path, profile: Path, height: int = 2000) -> Path:
    """Render `page` (a local file) the way a browser shows it, with no network at all."""
    target.unlink(missing_ok=True)
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--screenshot={target}",
        f"--window-size=1280,{height}",
        page.resolve().as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    # A blank 1280-wide page compresses to a few kilobytes; a drawn one is far larger.
    assert target.is_file(), f"Chromium made no screenshot of {page}"
    assert target.stat().st_size > 40_000, f"the screenshot of {page} looks blank"
    return target
