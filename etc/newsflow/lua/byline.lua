-- byline.lua: normalises the byline of wire copy, for extract "lua".
--
-- Reads the authors the parser found ("By JANE DOE and John Roe, Staff Writer") and the
-- dateline that opens the body ("KYIV, Ukraine, Nov 26 (Reuters) — ...": the parser's
-- "dateline" and "agency" fields, or the first paragraph), and adds one field "byline":
--   { authors = { "Jane Doe", "John Roe" }, outlet = "Reuters", dateline = "KYIV, Ukraine" }
-- Names in capitals get capitalised words (ASCII letters only), roles and outlet names
-- after a comma or "|" go, "and" and "&" split names.  args "CODE=Full name" entries name
-- more outlets; built in: Reuters, AP, AFP.  The article's own authors are left as the
-- parser found them (formatters show both).
--
--   extract "lua" { script = "byline.lua"  args = { "DPA=Deutsche Presse-Agentur" } }

local outlets = { Reuters = "Reuters", AP = "Associated Press", AFP = "Agence France-Presse" }
for code, name in pairs(args) do
  if type(code) == "string" then outlets[code] = name end
end

local roles = { "staff writer", "staff reporter", "correspondent", "reporter", "editor" }

local function is_role(name)
  local lowered = name:lower()
  for _, role in ipairs(roles) do
    if lowered == role or lowered == role .. "s" then return true end
  end
  return false
end

local function trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", " "))
end

local function capitalise(name)
  if name:find("%l") then return name end -- already mixed case: keep it
  return (name:gsub("(%a)(%a*)", function(first, rest)
    return first:upper() .. rest:lower()
  end))
end

-- "JANE DOE, Staff Writer" -> "Jane Doe"; nil when nothing of a name is left.
local function clean(name)
  name = trim(name:gsub("^[Bb][Yy]%s+", ""))
  name = trim(name:gsub("%s*[,|].*$", ""))
  if name == "" or is_role(name) or outlets[name] then return nil end
  return capitalise(name)
end

function process(article)
  local authors = {}
  for _, raw in ipairs(article:authors()) do
    -- Parsers split on " and "; "&" and "and" inside one entry are split here.
    for part in (raw:gsub("%s+&%s+", " and ") .. " and "):gmatch("(.-)%s+and%s+") do
      local name = clean(part)
      if name then authors[#authors + 1] = name end
    end
  end

  local byline = { authors = authors }
  local place, code = article:field("dateline"), article:field("agency")
  if not code then
    -- "PLACE, Region, Date (OUTLET) —" or "PLACE (OUTLET) -" at the start of the body.
    local first = article:paragraphs()[1] or ""
    place, code = first:match("^(%u[^(]-)%s*%(([%a%.]+)%)%s*[—%-]")
  end
  if code and outlets[code] then
    byline.outlet = outlets[code]
    -- The place ends before a date: ", Nov 26", ", March 29", ", 11. März".
    place = place:gsub(",%s*%a+%.?%s+%d+$", ""):gsub(",%s*%d+%.?%s+%S+$", "")
    byline.dateline = trim(place)
  end
  article:set_field("byline", byline)
end
