"""The rendered site in the cache folder, so a local "learn" link opens a real page.

Rendered once per version of the teaching (about a second) on first need: the
first lint or kata screen that shows a link, `tutor docs open`, or, for the
editor server, a background process. Written to a temporary folder and renamed into
place, so a reader never sees half a site.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from pitfall_tutor.rules.questions.learn import site_folder

READY = ".tutor-site"  # the manifest build_site writes last


def site_ready() -> bool:
    return (site_folder() / READY).is_file()


def ensure_site() -> Path | None:
    """The rendered site's folder, rendering it now if needed; None if that fails."""
    folder = site_folder()
    if (folder / READY).is_file():
        return folder
    try:
        from .build import build_site

        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=folder.parent))
        build_site(scratch)
        try:
            os.replace(scratch, folder)
        except OSError:  # another process got there first
            shutil.rmtree(scratch, ignore_errors=True)
        for old in folder.parent.iterdir():  # renders of older teaching
            if old != folder and old.is_dir() and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
    except (ImportError, OSError):
        return None
    return folder if (folder / READY).is_file() else None


_started = threading.Lock()
_once: list[object] = []


def ensure_site_soon() -> None:
    """Render in a separate process, once: the editor server must not wait for it, nor
    share its interpreter lock with a second of Markdown rendering."""
    with _started:
        if _once or site_ready():
            return
        _once.append(True)
        # If it cannot start, links point where `tutor docs open` renders the pages too.
        with contextlib.suppress(OSError):
            subprocess.Popen(
                [sys.executable, "-m", "pitfall_tutor.cli.site.cache"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )


if __name__ == "__main__":
    ensure_site()
