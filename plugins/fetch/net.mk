# fetch "http" and "feed" (libcurl, libxml2).
