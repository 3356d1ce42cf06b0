-- pitfall-tutor in Neovim's built-in LSP client (Neovim 0.7 and newer).
--
-- Save this file as ~/.config/nvim/lua/tutor.lua (or anywhere on 'runtimepath'
-- under lua/), then in init.lua:
--
--   require("tutor").setup()
--
-- or, with a tutor from a particular virtual environment and some settings:
--
--   require("tutor").setup({
--     cmd = { vim.fn.expand("~/venvs/tutor/bin/tutor"), "serve" },
--     settings = {
--       ignore = { "global-statement" },           -- any [tool.tutor] key:
--       severity = { ["open-without-with"] = "error" }, -- select, ignore, severity, docs-url
--       debounce = 150,                            -- ms after the last edit (default 250)
--       ["code-actions"] = { suppress = false },   -- fix, suppress, fix-all, open-question
--     },
--   })
--
-- Hover (K) shows the rule's explanation and its interview question; quick
-- fixes, "suppress on this line", "fix all" and "open question" come from
-- vim.lsp.buf.code_action(). A pyproject.toml with [tool.tutor] still applies:
-- the settings here act like `tutor lint` flags on top of it.

local M = {}

local defaults = {
  cmd = { "tutor", "serve" },
  settings = {},
  root_markers = { "pyproject.toml", "setup.cfg", "setup.py", ".git" },
}

local started = {} -- root folder -> client id (Neovim 0.7, which has no vim.lsp.start)

local function root_for(path, markers)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while true do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. "/" .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return vim.fn.fnamemodify(path, ":p:h")
    end
    dir = parent
  end
end

local function client_config(opts, root)
  -- An empty Lua table would be sent as a JSON array; send an object.
  local settings = next(opts.settings) and opts.settings or vim.empty_dict()
  return {
    name = "tutor",
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = { settings = settings },
    settings = { tutor = settings }, -- answers workspace/configuration
  }
end

local function attach(bufnr, opts)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return
  end
  local root = root_for(name, opts.root_markers)
  if vim.lsp.start then -- Neovim 0.8+: reuses the client of the same name and root
    vim.lsp.start(client_config(opts, root), { bufnr = bufnr })
    return
  end
  local id = started[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(client_config(opts, root))
    started[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

function M.setup(opts)
  opts = vim.tbl_deep_extend("force", defaults, opts or {})
  local group = vim.api.nvim_create_augroup("pitfall_tutor", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = "python",
    callback = function(args)
      attach(args.buf, opts)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "python" then
      attach(bufnr, opts)
    end
  end
end

return M
