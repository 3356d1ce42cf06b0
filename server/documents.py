"""The editor's open documents, split into lines the way LSP splits them.

pygls applies incremental edits on `str.splitlines`, which also breaks lines at
form feeds, `\\x1c`-`\\x1e`, `\\x85`, U+2028 and U+2029. A form feed is ordinary
whitespace in Python code, and the others can sit inside strings, so an edit
after one would land on the wrong line. LSP breaks lines only at `\\n`, `\\r\\n`
and `\\r`; these classes do the same.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote

from pygls.workspace import TextDocument, Workspace

_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LSP_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lsp_lines(text: str) -> list[str]:
    """Lines with their endings, broken only where LSP breaks them."""
    if not _OTHER_BREAKS.search(text):
        return text.splitlines(keepends=True)
    return _LSP_LINE.findall(text)


class LspTextDocument(TextDocument):
    @property
    def lines(self) -> Sequence[str]:
        return lsp_lines(self.source)


class LspWorkspace(Workspace):
    """A pygls workspace whose documents use LSP line breaks."""

    def _create_text_document(
        self,
        doc_uri: str,
        source: str | None = None,
        version: int | None = None,
        language_id: str | None = None,
    ) -> TextDocument:
        return LspTextDocument(
            doc_uri,
            source=source,
            version=version,
            language_id=language_id,
            sync_kind=self._sync_kind,
            position_codec=self.position_codec,
        )

    def update_text_document(self, text_doc: Any, change: Any) -> None:
        """A change to a document that was never opened has nothing to apply to: ignored."""
        if unquote(text_doc.uri) not in self._text_documents:
            return
        super().update_text_document(text_doc, change)

    @classmethod
    def replacing(cls, old: Workspace) -> LspWorkspace:
        """The workspace pygls built at initialize, rebuilt with LSP line breaks."""
        return cls(old.root_uri, old._sync_kind, list(old.folders.values()), old.position_encoding)
