"""Real headless Neovim, with the snippet from editors/nvim, against `tutor serve`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, TUTOR

NVIM = shutil.which("nvim")

CHECK = r"""
package.path = os.getenv("TUTOR_NVIM_DIR") .. "/?.lua;" .. package.path
require("tutor").setup({ cmd = { os.getenv("TUTOR_BIN"), "serve" }, settings = { debounce = 0 } })
vim.bo.filetype = "python" -- `-u NONE` leaves filetype detection off

local function flagged(code, lnum)
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if lsp.code == code and d.lnum == lnum then
      return d
    end
  end
end

local result = {}
result.found = vim.wait(30000, function() return flagged("TUT071", 0) ~= nil end, 20)
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(result.diagnostics, {
    code = lsp.code, lnum = d.lnum, col = d.col, end_col = d.end_col, source = d.source,
    href = lsp.codeDescription and lsp.codeDescription.href,
  })
end
-- The learner fixes the first line by hand; the editor sends an incremental change.
vim.api.nvim_buf_set_lines(0, 0, 1, false, { "def add(item, bucket=None):" })
result.cleared = vim.wait(30000, function() return flagged("TUT071", 0) == nil end, 20)
result.emoji_line_kept = flagged("TUT071", 5) ~= nil
vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv("TUTOR_RESULT"))
vim.cmd("qa!")
"""

SOURCE = (
    "def add(item, bucket=[]):\n"
    "    bucket.append(item)\n"
    "    return len(bucket)\n"
    "\n\n"
    'def greet(face="😀", seen=[]):\n'
    "    return face, seen\n"
)


@pytest.mark.skipif(NVIM is None, reason="nvim is not on PATH (.ci/run installs it with apt-get)")
def test_neovim_shows_the_diagnostics(tmp_path: Path) -> None:
    assert NVIM is not None
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'cart'\n")
    source = tmp_path / "cart.py"
    source.write_text(SOURCE, encoding="utf-8")
    check = tmp_path / "check.lua"
    check.write_text(CHECK)
    result = tmp_path / "result.json"
    env = {
        **os.environ,
        "TUTOR_NVIM_DIR": str(REPO / "editors" / "nvim"),
        "TUTOR_BIN": str(TUTOR),
        "TUTOR_RESULT": str(result),
    }
    subprocess.run(
        [NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"luafile {check}", str(source)],
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=True,
        capture_output=True,
    )
    seen = json.loads(result.read_text())
    assert seen["found"] is True
    by_line = {d["lnum"]: d for d in seen["diagnostics"] if d["code"] == "TUT071"}
    assert by_line[0]["col"] == 21 and by_line[0]["end_col"] == 23
    assert by_line[0]["source"] == "tutor"
    assert by_line[0]["href"].endswith("/q07-arguments.html#mutable-default-argument")
    # Neovim turns the server's UTF-16 columns into byte columns. After the emoji
    # (4 bytes, 2 UTF-16 units, 1 code point) a server counting code points
    # would put the start one character early.
    assert by_line[5]["col"] == len('def greet(face="😀", seen='.encode())
    assert seen["cleared"] is True
    assert seen["emoji_line_kept"] is True
