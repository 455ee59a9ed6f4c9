# Tests of the formatters.
