-- keywords.lua: tags articles by keyword lists, for extract "lua".
--
-- Each "TAG=word,word,..." entry of args is a tag and the words that earn it; a plain
-- "drop-untagged" entry drops articles that earn no tag.  Words match whole words of the
-- title and body, ignoring ASCII case.  Adds:
--   field "tags"            the tags earned, sorted
--   annotations "keyword"   each match in the body, attrs { tag = ..., keyword = ... }
--
--   extract "lua" {
--     script = "keywords.lua"
--     args = { "agriculture=grain,harvest,farmers", "weather=drought,typhoon,monsoon" }
--   }

-- Built once per worker when the script loads: keyword -> tags.
local tags_of = {}
local drop_untagged = false
for name, value in pairs(args) do
  if type(name) == "string" then
    for word in value:gmatch("[^,]+") do
      word = word:match("^%s*(.-)%s*$"):lower()
      if word ~= "" then
        tags_of[word] = tags_of[word] or {}
        table.insert(tags_of[word], name)
      end
    end
  elseif value == "drop-untagged" then
    drop_untagged = true
  else
    error("unknown argument '" .. value .. "' (expected TAG=word,... or drop-untagged)")
  end
end
if next(tags_of) == nil then
  error("no keywords: give args such as { \"weather=drought,typhoon\" }")
end

-- Keywords in a fixed order, so annotations come out the same on every run.
local keywords = {}
for word in pairs(tags_of) do keywords[#keywords + 1] = word end
table.sort(keywords)

-- A keyword as a Lua pattern matching it as a whole word.
local function whole_word(word)
  return "%f[%w]" .. word:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0") .. "%f[%W]"
end

function process(article)
  local earned = {}
  local title = (article:title() or ""):lower()
  local text = article:text()
  local lowered = text:lower() -- byte for byte, so positions match the text
  for _, word in ipairs(keywords) do
    local pattern = whole_word(word)
    local found = title:find(pattern) ~= nil
    local init = 1
    while true do
      local first, last = lowered:find(pattern, init)
      if not first then break end
      found = true
      for _, tag in ipairs(tags_of[word]) do
        article:annotate("keyword", first, last, { tag = tag, keyword = text:sub(first, last) })
      end
      init = last + 1
    end
    if found then
      for _, tag in ipairs(tags_of[word]) do earned[tag] = true end
    end
  end

  local tags = {}
  for tag in pairs(earned) do tags[#tags + 1] = tag end
  table.sort(tags)
  if #tags == 0 and drop_untagged then
    article:drop("no keyword of the list")
    return
  end
  article:set_field("tags", tags)
end
