# Public services of libnewsflow beyond the article model (HTTP client, text segmentation,
# field maps, test helpers): each adds its sources and headers here.

# Field maps: the JSON keys holding an article's title, text, date... (fetch "jsonl", parse "json").
nfinclude_HEADERS += core/newsflow/fieldmap.h
core_libnewsflow_la_SOURCES += core/fieldmap.c
