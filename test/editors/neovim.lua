-- Drives a headless Neovim that loaded the README's configuration (nvim -u config.lua) as a
-- person would: opens a broken sendmail.mc, waits for the server's diagnostics, asks for a
-- hover, applies a quick fix through vim.lsp.buf.code_action (the choice made by a stand-in for
-- the menu) and saves, then runs the README's :SendmailRoute. Writes what it saw as JSON to
-- $SENDMAIL_NVIM_RESULT and quits; works from Neovim 0.7 on.
local dir = os.getenv('SENDMAIL_NVIM_DIR')
local out = { messages = {}, actions = {} }

-- Record what the server shows (window/showMessage) instead of printing it.
vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(out.messages, result) end

local function wait(what, ms, cond)
  if not vim.wait(ms, cond, 50) then error('timed out waiting for ' .. what) end
end

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(list, { lnum = d.lnum, col = d.col, code = d.code, message = d.message }) end
  return list
end

local function find(code)
  for _, d in ipairs(vim.diagnostic.get(0)) do if d.code == code then return d end end
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/sendmail.mc'))
  out.filetype = vim.bo.filetype
  wait('diagnostics', 20000, function() return find('mc.unknown-feature') ~= nil end)
  out.diagnostics = codes()
  local typo = find('mc.unknown-feature')

  local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = typo.lnum, character = 1 },
  }, 10000)
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then out.hover = r.result.contents.value or r.result.contents end
  end

  vim.api.nvim_win_set_cursor(0, { typo.lnum + 1, typo.col })
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(out.actions, title)
      if title:find('mailertable', 1, true) then return on_choice(item, i) end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  wait('the quick fix', 10000, function()
    return vim.api.nvim_buf_get_lines(0, typo.lnum, typo.lnum + 1, false)[1]:find('`mailertable\'', 1, true) ~= nil
  end)
  out.fixed = vim.api.nvim_buf_get_lines(0, typo.lnum, typo.lnum + 1, false)[1]
  vim.cmd('write')
  wait('the fixed file checked', 20000, function() return find('mc.unknown-feature') == nil end)
  out.after = codes()

  vim.cmd('SendmailRoute postmaster@example.com')
  wait('Test route', 170000, function() return #out.messages > 0 end)
end

local ok, err = pcall(run)
out.ok = ok
if not ok then out.error = tostring(err) end
out.version = vim.version and vim.version() or nil
vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('SENDMAIL_NVIM_RESULT'))
vim.cmd('qa!')
