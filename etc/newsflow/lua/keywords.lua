-- keywords.lua: tags articles by keyword lists, for extract "lua".
--
-- Each "TAG=word,word,..." entry of args is a tag and the words that earn it; a plain
-- "drop-untagged" entry drops articles that earn no tag.  Keywords are single words and
-- match whole words of the title and body, ignoring ASCII case.  Adds:
--   field "tags"            the tags earned, sorted
--   annotations "keyword"   each match in the body, attrs { tag = ..., keyword = ... }
--
--   extract "lua" {
--     script = "keywords.lua"
--     args = { "agriculture=grain,harvest,farmers", "weather=drought,typhoon,monsoon" }
--   }

-- Built once per worker when the script loads: keyword -> tags.
local WORD = "[%w\128-\255][%w\128-\255'%-]*" -- letters (any UTF-8), digits, inner ' and -
local tags_of = {}
local drop_untagged = false
for name, value in pairs(args) do
  if type(name) == "string" then
    for word in value:gmatch("[^,]+") do
      word = word:match("^%s*(.-)%s*$"):lower()
      if not word:find("^" .. WORD .. "$") or word:find("['%-]$") then
        error("keyword '" .. word .. "' of tag " .. name .. " is not one word")
      end
      tags_of[word] = tags_of[word] or {}
      table.insert(tags_of[word], name)
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
for _, tags in pairs(tags_of) do table.sort(tags) end

-- Calls found(first, last, word) for each word of s (positions as string.find gives them).
local WORD_AT = "()(" .. WORD .. ")()"
local function each_word(s, found)
  for first, word, after in s:gmatch(WORD_AT) do
    local last = after - 1
    if word:find("['%-]$") then -- "farmers'" is "farmers"
      word = word:gsub("['%-]+$", "")
      last = first + #word - 1
    end
    found(first, last, word)
  end
end

local NONE = {}

-- One pass over the words, whatever the number of keywords.
function process(article)
  local earned = {}
  each_word((article:title() or ""):lower(), function(_, _, word)
    for _, tag in ipairs(tags_of[word] or NONE) do earned[tag] = true end
  end)
  local text = article:text()
  each_word(text:lower(), function(first, last, word) -- byte for byte: positions match text
    for _, tag in ipairs(tags_of[word] or NONE) do
      earned[tag] = true
      article:annotate("keyword", first, last, { tag = tag, keyword = text:sub(first, last) })
    end
  end)

  local tags = {}
  for tag in pairs(earned) do tags[#tags + 1] = tag end
  table.sort(tags)
  if #tags == 0 and drop_untagged then
    article:drop("no keyword of the list")
    return
  end
  article:set_field("tags", tags)
end
