-- Run by tests/unit/lsp_test.cpp after Neovim opened a file with the infralint client
-- attached: waits for diagnostics and writes them, one per line, to $INFRALINT_NVIM_OUT as
-- `code<TAB>lnum<TAB>col` (0-based line, 0-based byte column: Neovim's own conversion of
-- the server's UTF-16 positions).
local out = os.getenv('INFRALINT_NVIM_OUT')
local got = vim.wait(8000, function() return #vim.diagnostic.get(0) > 0 end, 20)
local lines = {}
if not got then table.insert(lines, 'timeout') end
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%s\t%d\t%d', tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)), d.lnum, d.col))
end
local clients = vim.lsp.get_active_clients()
table.insert(lines, 'clients\t' .. #clients)
vim.fn.writefile(lines, out)
vim.cmd('qa!')
