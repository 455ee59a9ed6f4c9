# extract "lua" (Lua 5.4 scripts).
