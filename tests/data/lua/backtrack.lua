-- backtrack.lua: a pattern that backtracks for hours inside one C call (string.find), where
-- the instruction hook never fires; timeout-ms must stop it (hostile-lua.sh). gmatch, match
-- and gsub with a function are tried on the other articles, which must still work.
function process(article)
  local title = article:title()
  if title:find("glacier") then
    local subject = ("a"):rep(400)
    return subject:find(".-.-.-.-b")
  end
  local words = 0
  for _ in title:gmatch("%a+") do words = words + 1 end
  local first = title:match("^(%S+)")
  local upper = title:gsub("%a+", function (w) return w:upper() end)
  local mapped = title:gsub("(%a)", { a = "A" })
  article:set_field("pattern_check", words .. " " .. tostring(first ~= nil) .. " " .. #upper .. " " .. #mapped)
end
