# parse "html" (libxml2) and content-type dispatch.
