# etc/: the default chain and example chains, installed under $(sysconfdir)/newsflow.
chain_DATA = etc/newsflow/default.chain etc/newsflow/mixed.chain
# Scaling out on NATS JetStream (docs/scale-out.md): producer, workers, sink.
chain_DATA += etc/newsflow/nats-producer.chain etc/newsflow/nats-worker.chain etc/newsflow/nats-sink.chain
EXTRA_DIST += $(chain_DATA)
# Example Lua scripts for extract "lua" (found by bare name: script = "keywords.lua").
luadir = $(chaindir)/lua
dist_lua_DATA = etc/newsflow/lua/keywords.lua etc/newsflow/lua/byline.lua
include etc/nlp.mk
include etc/extract.mk
include etc/quotes.mk
