# Tests of the entities and quotes extractors and the text services.
