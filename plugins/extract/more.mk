# extract "keywords", "summary", "language", "dates", "dedupe", "filter".
