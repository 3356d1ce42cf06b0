"""Write the site: every page, the search index and the two assets.

The output is the same for the same sources (no dates), so a hosted copy only
changes when the teaching does. A manifest remembers what the last build
wrote: a rebuild removes pages that no longer exist and leaves the folder's
other files (a CNAME, say) alone; a folder that holds other things and no
manifest is refused rather than mixed into.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from .layout import page_html
from .pages import Page, collect_pages, link_targets
from .render import highlight_css, plain_text, render

ASSETS = Path(__file__).resolve().parent / "assets"
ASSET_NAMES = ("style.css", "search.js")
MANIFEST = ".tutor-site"
INDEX_JSON = "search-index.json"
INDEX_SCRIPT = "search-index.js"
# The pages load the index as a script, because browsers refuse fetch() on file:// pages.
INDEX_GLOBAL = "TUTOR_SEARCH_INDEX"


class SiteError(Exception):
    """The output folder cannot take the site; the CLI exits with code 2."""


def search_index(pages: list[Page]) -> list[dict[str, Any]]:
    return [
        {
            "title": page.title,
            "url": page.path,
            "kind": page.kind,
            "keywords": " ".join(page.keywords),
            "text": plain_text(page.markdown),
        }
        for page in pages
    ]


def site_files(pages: list[Page]) -> dict[str, str]:
    """Every file of the site by its path relative to the root."""
    targets = link_targets()
    files = {page.path: page_html(page, render(page, targets)) for page in pages}
    index = json.dumps(search_index(pages), ensure_ascii=False, separators=(",", ":"))
    files[INDEX_JSON] = index + "\n"
    files[INDEX_SCRIPT] = f"window.{INDEX_GLOBAL} = {index};\n"
    for name in ASSET_NAMES:
        files[f"assets/{name}"] = (ASSETS / name).read_text(encoding="utf-8")
    files["assets/highlight.css"] = highlight_css()
    return files


def build_site(out: Path) -> list[str]:
    """Write the site into `out` (created if needed); returns the paths written."""
    previous = _previous_build(out)
    files = site_files(collect_pages())
    for stale in previous - set(files):
        (out / stale).unlink(missing_ok=True)
    for name, text in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    (out / MANIFEST).write_text("".join(f"{name}\n" for name in sorted(files)), encoding="utf-8")
    return sorted(files)


def _previous_build(out: Path) -> set[str]:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out}: not a folder")
    if not out.exists():
        return set()
    manifest = out / MANIFEST
    if manifest.is_file():
        names = manifest.read_text(encoding="utf-8").splitlines()
        # Only plain relative names inside the folder: a hand-edited manifest cannot reach out.
        return {name for name in names if name and _inside(name)}
    if any(out.iterdir()):
        raise SiteError(
            f"{out}: not empty and not built by `tutor docs build`; choose a new or empty folder"
        )
    return set()


def _inside(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute() and ".." not in path.parts and "\\" not in name and ":" not in name
    )
