# Tests of the other extractors.
