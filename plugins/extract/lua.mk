# extract "lua" (Lua 5.4 scripts).
plugin_LTLIBRARIES += plugins/extract/extract_lua.la
plugins_extract_extract_lua_la_SOURCES = plugins/extract/lua.c
plugins_extract_extract_lua_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_extract_extract_lua_la_CFLAGS = $(AM_CFLAGS) $(LUA_CFLAGS) -DNF_LUA_DIR=\"$(luadir)\"
plugins_extract_extract_lua_la_LIBADD = $(PLUGIN_LIBADD) $(LUA_LIBS)
