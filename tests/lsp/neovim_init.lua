-- Neovim configuration of the editor test: the repository's integrations/neovim plugin, the
-- binary under test. Environment: INFRALINT_SOURCE (the repository), INFRALINT_BINARY.
vim.opt.runtimepath:append(os.getenv('INFRALINT_SOURCE') .. '/integrations/neovim')
vim.cmd('filetype on')
require('infralint').setup({ cmd = { os.getenv('INFRALINT_BINARY'), 'lsp' } })
