# Tests of the parsers.
