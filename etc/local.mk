# etc/: the default chain and example chains, installed under $(sysconfdir)/newsflow.
chain_DATA = etc/newsflow/default.chain
EXTRA_DIST += $(chain_DATA)
include etc/extract.mk
