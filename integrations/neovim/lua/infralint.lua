-- infralint for Neovim (0.7 and later): starts `infralint lsp` once per root directory and
-- attaches it to the buffers of the formats infralint lints. Usage, with this directory on
-- 'runtimepath':
--   require('infralint').setup()                        -- `infralint` on $PATH
--   require('infralint').setup({ cmd = { '/path/to/infralint', 'lsp' } })
local M = {}

-- Buffers whose file type may hold something infralint lints; the server itself tells the
-- format from the file's name and content, and answers nothing for other files.
local filetypes = {
  dockerfile = true, yaml = true, nginx = true, toml = true, json = true,
}

local function wanted(bufnr)
  local ft = vim.bo[bufnr].filetype
  if not filetypes[ft] then return false end
  local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
  if ft == 'toml' or ft == 'json' then return name:match('^railway%.') ~= nil end
  return true
end

-- The nearest directory above the file holding .infralint.yaml, else .git, else the file's own.
local function root_of(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local config = vim.fn.findfile('.infralint.yaml', dir .. ';')
  if config ~= '' then return vim.fn.fnamemodify(config, ':p:h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then
    return vim.fn.fnamemodify((vim.fn.fnamemodify(git, ':p'):gsub('/$', '')), ':h')
  end
  return dir
end

local clients = {}  -- root directory → client id

function M.attach(bufnr, opts)
  if not wanted(bufnr) then return end
  local root = root_of(bufnr)
  local id = clients[root]
  if not id or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = 'infralint',
      cmd = opts.cmd or { 'infralint', 'lsp' },
      root_dir = root,
      init_options = opts.init_options,
      on_attach = opts.on_attach,
    })
    if not id then return end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(opts)
  opts = opts or {}
  local group = vim.api.nvim_create_augroup('infralint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = vim.tbl_keys(filetypes),
    callback = function(args) M.attach(args.buf, opts) end,
  })
  -- Buffers already open when setup runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) then M.attach(bufnr, opts) end
  end
end

return M
