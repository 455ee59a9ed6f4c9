# Tests of the fetchers.
