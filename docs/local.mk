# docs/: man pages, guides and the sample collection.
dist_man_MANS += docs/newsflow.1 docs/newsflow.chain.5
EXTRA_DIST += docs/examples docs/architecture.md docs/training.md
EXTRA_DIST += docs/security.md
