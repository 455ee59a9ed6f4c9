-- tutorial.lua: the Lua example of docs/writing-plugins.md.  Drops articles shorter than
-- args.min words (default 50), counts the words of the others and marks every number.
local min = tonumber(args.min or "50")

function process(article)
  local text = article:text()
  local words = 0
  for _ in text:gmatch("%S+") do words = words + 1 end
  if words < min then
    article:drop(("only %d words"):format(words))
    return
  end
  article:set_field("words", words)
  -- () captures positions: a number runs from first to last - 1, minus a final , or .
  for first, last in text:gmatch("()%d[%d,.]*()") do
    last = last - 1
    if text:sub(last, last):find("[,.]") then last = last - 1 end
    article:annotate("number", first, last, { value = text:sub(first, last) })
  end
end
