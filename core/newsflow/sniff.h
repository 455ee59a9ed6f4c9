/* newsflow/sniff.h: what a stream of bytes is, told from its first bytes rather than its name
 * (collections arrive misnamed, compressed or on standard input): a WARC archive, a feed, a
 * JSON Lines dump, a list of URLs, or a document. */
#ifndef NEWSFLOW_SNIFF_H
#define NEWSFLOW_SNIFF_H

#include <glib.h>

G_BEGIN_DECLS

/* How many leading bytes the sniffers look at; reading more does not change the answer. */
#define NF_SNIFF_SIZE (64 * 1024)

/* The content type of an item whose first bytes are @data (gzip-compressed or not: a gzip
 * stream is inflated as far as @length allows).  Containers, which fetchers read:
 *   "application/warc"       a WARC/1.x record header first
 *   "application/rss+xml"    an <rss> root;  "application/rdf+xml": <rdf:RDF> (RSS 1.0);
 *   "application/atom+xml"   a <feed> root
 *   "application/x-ndjson"   a JSON object on the first line and another line starting with {
 *   "text/uri-list"          nothing but http(s) URLs, one a line
 * documents, which parsers read: "text/html", "application/json", "text/plain"; and
 * "application/octet-stream" for anything else.  @gzip (may be NULL) says whether @data was
 * gzip-compressed. */
const char *nf_sniff_content_type (const guint8 *data, gsize length, gboolean *gzip);

/* The content type a file name says ("a.warc.gz" -> "application/warc", "x.txt" ->
 * "text/plain"); NULL when the name says nothing. */
const char *nf_content_type_from_name (const char *name);

/* Whether @type is a container (WARC, feed, JSON Lines, URL list) rather than a document. */
gboolean    nf_content_type_is_container (const char *type);

G_END_DECLS

#endif /* NEWSFLOW_SNIFF_H */
