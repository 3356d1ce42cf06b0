"""pitfall-tutor: learn Python through its pitfalls.

The installed package gathers the repository's folders: `rules/` becomes
`pitfall_tutor.rules`, `server/` `pitfall_tutor.server`, `cli/`
`pitfall_tutor.cli` and `katas/` `pitfall_tutor.katas`.
"""

__version__ = "0.1.0"
