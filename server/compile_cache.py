"""The methods attrs and dataclasses write while the server starts, compiled once and kept.

lsprotocol's classes (attrs) and libcst's nodes (dataclasses) are built when
the server starts, about 1,500 of them, and both libraries write each class's
methods as source text and compile it there and then: close to half of the
start's CPU (issue 17). The texts are the same from one start to the next, so
their compiled code is kept in the user cache folder, as a `.pyc` keeps a
module's, keyed by a digest of all that `compile` reads: the text, its file
name, the future flags in force, the optimisation level and the Python.

A text not in the file is compiled as before. The file keeps one start's
texts and is rewritten only when many were new (the first start, an upgrade):
a few differ at every start, since attrs puts the process's string hash into
each `__hash__`. A file that cannot be read or written is ignored, as a
`__pycache__` folder is.

Only while the server's modules load (`compiled_from_cache`, before any other
thread runs): `builtins.compile`, and the `exec` dataclasses calls on its
texts, go through the cache; both are put back after.
"""

from __future__ import annotations
import __future__

import builtins
import contextlib
import dataclasses
import hashlib
import logging
import marshal
import mmap
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any, BinaryIO

log = logging.getLogger(__name__)

FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
REWRITE_SHARE = 10  # rewrite the file when more than a tenth of the texts were new

_compile = builtins.compile
_exec = builtins.exec


def cache_file() -> Path:
    """Beside the lint cache (TUTOR_CACHE_DIR, else the user cache folder), one per Python."""
    from pitfall_tutor.rules.engine.cache import cache_root  # free of LibCST

    return cache_root() / "server" / f"compiled-{sys.implementation.cache_tag}.marshal"


class CompileCache:
    """Compiled code by digest of what compiled it; counts what it had to compile.

    The file is mapped, not read: an index of digests, then the marshalled code
    objects one after another. Each start reads only what it finds, and
    leaves no megabytes of freed buffers behind in the allocator.
    """

    def __init__(self, mapped: mmap.mmap | None = None) -> None:
        self.mapped = mapped
        self.base, self.index = _index(mapped) if mapped is not None else (0, {})
        self.used: dict[bytes, bytes | None] = {}  # None: at its place in the mapped file
        self.compiled = 0

    def _stored(self, key: bytes) -> bytes | None:
        if key in self.used:
            return self.used[key] or self._mapped(key)
        return self._mapped(key)

    def _mapped(self, key: bytes) -> bytes | None:
        where = self.index.get(key)
        if where is None or self.mapped is None:
            return None
        try:
            start, end = where
            return self.mapped[self.base + start : self.base + end]
        except (TypeError, ValueError):  # a damaged index
            return None

    def code(self, source: str, filename: str, flags: int, optimize: int) -> CodeType:
        if optimize == -1:
            optimize = sys.flags.optimize
        what = f"{sys.version}\0{flags}\0{optimize}\0{filename}\0{source}"
        key = hashlib.blake2b(what.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        data = self._stored(key)  # the same text comes back often within a start, too
        if data is not None:
            try:
                code = marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                code = None
            if isinstance(code, CodeType):
                self.used.setdefault(key, None if key in self.index else data)
                return code
        compiled: CodeType = _compile(source, filename, "exec", flags, True, optimize)
        self.used[key] = marshal.dumps(compiled)
        self.compiled += 1
        return compiled

    def entries(self) -> dict[bytes, bytes]:
        """What this start used, to be kept for the next."""
        return {key: data or self._mapped(key) or b"" for key, data in self.used.items()}

    def compile(  # the signature of builtins.compile
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **extra: Any,
    ) -> Any:
        if not dont_inherit:  # the caller's future flags, as compile itself would take them
            flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
        cacheable = isinstance(source, str) and isinstance(filename, str) and mode == "exec"
        if cacheable and not flags & ~FUTURE_FLAGS and not extra:
            return self.code(source, filename, flags, optimize)
        return _compile(source, filename, mode, flags, True, optimize, **extra)

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /, **extra: Any) -> None:
        if isinstance(source, str) and not extra:
            flags = sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
            source = self.code(source, "<string>", flags, -1)
        _exec(source, globals, locals, **extra)


def _index(mapped: mmap.mmap) -> tuple[int, dict[bytes, tuple[int, int]]]:
    """Where the code starts, and each digest's place after that; {} for a file that is not one."""
    try:
        size = int.from_bytes(mapped[:8], "little")
        index = marshal.loads(mapped[8 : 8 + size])
    except (EOFError, ValueError, TypeError):
        return 0, {}
    return 8 + size, index if isinstance(index, dict) else {}


def open_mapped(path: Path) -> mmap.mmap | None:
    try:
        with path.open("rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty
        return None


def write_layout(stream: BinaryIO, entries: dict[bytes, bytes]) -> None:
    """8 bytes of index size, the index (digest -> start, end), then every code's bytes,
    written piece by piece (one 2 MB buffer would raise glibc's mmap threshold for good)."""
    index: dict[bytes, tuple[int, int]] = {}
    offset = 0
    for key, data in entries.items():
        index[key] = (offset, offset + len(data))
        offset += len(data)
    table = marshal.dumps(index)
    stream.write(len(table).to_bytes(8, "little") + table)
    for data in entries.values():
        stream.write(data)


def save(path: Path, entries: dict[bytes, bytes]) -> None:
    """Atomically: a reader sees the old file or the new one, never half of one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError as exc:
        log.debug("could not keep the compiled classes in %s: %s", path, exc)
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            write_layout(stream, entries)
        os.replace(temporary, path)
    except OSError as exc:
        log.debug("could not keep the compiled classes in %s: %s", path, exc)
        with contextlib.suppress(OSError):
            os.unlink(temporary)


@contextlib.contextmanager
def compiled_from_cache(path: Path | None = None) -> Iterator[CompileCache]:
    """Within: attrs' and dataclasses' method texts are compiled through the cache in `path`."""
    path = cache_file() if path is None else path
    cache = CompileCache(open_mapped(path))
    try:
        builtins.compile = cache.compile
        vars(dataclasses)["exec"] = cache.exec  # shadows the builtin for dataclasses alone
        try:
            yield cache
        finally:
            builtins.compile = _compile
            vars(dataclasses).pop("exec", None)
        if cache.compiled * REWRITE_SHARE > len(cache.used):
            save(path, cache.entries())
    finally:
        if cache.mapped is not None:
            cache.mapped.close()
    log.debug("compiled %d of %d generated texts", cache.compiled, len(cache.used))
