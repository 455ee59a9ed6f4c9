# Public services of libnewsflow beyond the article model (HTTP client, text segmentation,
# field maps, test helpers): each adds its sources and headers here.

# Field selection and flattening for formatters (json, csv): newsflow/fields.h.
core_libnewsflow_la_SOURCES += core/fields.c
nfinclude_HEADERS += core/newsflow/fields.h
