"""The one place that decides a finding's "learn" link, for every surface.

- `docs-url` set: the hosted page, everywhere.
- On the learner's machine (terminal text, editor, kata screens): the rendered
  HTML page in the cache folder, which `tutor docs open` and the CLI render on
  first need (`pitfall_tutor.cli.site.cache`).
- In CI formats (GitHub, SARIF, JSON), and in terminal text when $CI is set
  (`local=False`): no URL, because a path on the runner means nothing to the
  reader; the hint `tutor explain TUT071` works anywhere pitfall-tutor is installed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..engine.cache import cache_root
from . import HERE, page_url, question

PACKAGE = HERE.parents[1]  # the folder that holds rules/ (or pitfall_tutor/rules when installed)


@dataclass(frozen=True)
class LearnLink:
    url: str | None  # a page that opens in a browser, when there is one
    hint: str  # a command that explains the same thing anywhere: `tutor explain TUT071`

    def text(self) -> str:
        return self.url or f"`{self.hint}`"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def learn_link(
    number: int, rule: str = "", code: str = "", docs_url: str | None = None, local: bool = True
) -> LearnLink:
    """The link for a finding of `rule` (`code`) about question `number`."""
    item = question(number)
    hint = f"tutor explain {code or rule or f'q{item.number}'}"
    if docs_url:
        return LearnLink(page_url(number, rule, docs_url), hint)
    if local:
        page = site_folder() / f"{item.slug}.html"
        return LearnLink(page.as_uri() + (f"#{rule}" if rule else ""), hint)
    return LearnLink(None, hint)


def site_folder() -> Path:
    """Where this version of the teaching is rendered: a new folder whenever a source changes."""
    return cache_root() / "site" / _sources_fingerprint()


@lru_cache(maxsize=1)
def _sources_fingerprint() -> str:
    from pitfall_tutor import __version__

    digest = hashlib.sha256(__version__.encode())
    patterns: tuple[str, ...] = ("rules/questions/*.md", "rules/*.py", "katas/q*/*.toml")
    patterns += ("katas/q*/*.md", "cli/site/*.py", "cli/site/assets/*", "cli/explain.py")
    for pattern in patterns:
        for path in sorted(PACKAGE.glob(pattern)):
            stat = path.stat()
            digest.update(f"{pattern}:{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
