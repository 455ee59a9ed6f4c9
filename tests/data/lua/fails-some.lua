-- fails-some.lua: a script with a bug that only some articles reach (tests/integration/lua-errors.sh).
-- Articles whose title mentions a typhoon or a marathon hit a runtime error on line 9;
-- every other article gets a "checked" field.
local watch = { "typhoon", "marathon" }

function process(article)
  local title = article:title():lower()
  for _, word in ipairs(watch) do
    if title:find(word) then local missing = nil; return missing.oops end
  end
  article:set_field("checked", true)
end
