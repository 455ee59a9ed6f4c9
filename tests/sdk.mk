# Tests of the plugin SDK: example plugin, test helpers, Lua, introspection.
