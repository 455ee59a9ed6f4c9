/* fetch "warc": WARC/1.0 and 1.1 archives (plain, or .warc.gz with a gzip member per record
 * as Common Crawl ships them), streamed record by record in constant memory.  HTTP
 * responses become articles carrying the target URI, WARC date, HTTP status and headers.
 *
 * No Debian library reads WARC or parses a stored HTTP message from memory, so the two
 * header formats (RFC 822-style "Name: value" lines, much like each other) are read here;
 * gzip is zlib's. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <newsflow/newsflow.h>

#define HEADER_LINE_MAX (64 * 1024) /* longest WARC or HTTP header line */
#define HEADER_LINES_MAX 1000       /* most header lines in one record */

static const char *const record_types[] = {
  "warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation", NULL,
};

typedef struct {
  char   **paths;
  char   **types;    /* the record types to read */
  gsize    max_size;
  gboolean drop_non_2xx; /* non-2xx = "drop" */
  /* Progress by bytes of the files (compressed, as on disk): 0 when not watched or when a
   * source is a stream; the bytes of the files before the one being read. */
  guint64  progress_total;
  guint64  progress_before;
} Warc;

static const NfOption warc_options[] = {
  NF_OPTION_STR_LIST ("paths", NULL,
                      "WARC files to read, plain or gzip-compressed (.warc.gz, one gzip member per record "
                      "or the whole file in one); \"-\" is standard input. Sources given on the command "
                      "line (*.warc, *.warc.gz) replace this list; with neither, the stage reads nothing."),
  NF_OPTION_STR_LIST ("types", "{\"response\"}",
                      "Record types that become items: warcinfo, response, resource, request, metadata, "
                      "revisit, conversion, continuation. Other records are skipped. A response holding an "
                      "HTTP message gives the HTTP body, content type and status; any other record gives "
                      "its block with the record's Content-Type."),
  NF_OPTION_INT ("max-size", 10 * 1024 * 1024,
                 "Largest record block read, in bytes (and largest HTTP body after decoding); a larger "
                 "record is a failed item and reading goes on at the next record."),
  NF_OPTION_CHOICE ("non-2xx", "fail", "fail|drop",
                    "What a response with a status outside 2xx becomes: a failed item (exit status 2), or "
                    "with drop a dropped article whose reason (\"http 404\") the tally counts, as crawls "
                    "want: dead links are not pipeline failures."),
  NF_OPTION_END
};

/* ---- input: a file's bytes, inflated when it is gzip ------------------------------------ */

typedef struct {
  FILE     *file;
  gboolean  seekable;
  gboolean  gzip;
  z_stream  z;
  guint8    in[64 * 1024];
  gsize     in_len, in_pos;
  guint64   in_offset;     /* file offset of in[0] */
  gboolean  in_eof;
  guint8    out[128 * 1024];
  gsize     out_len, out_pos;
  guint64   consumed;      /* bytes handed out so far (the file offset, when plain) */
  guint64   member_start;  /* file offset of the gzip member being inflated */
  guint64   out_member;    /* the member out[] came from */
  gboolean  in_member;     /* inside a member: its end not reached yet */
} Input;

typedef enum { FILL_DATA, FILL_EOF, FILL_ERROR } FillStatus;

static gboolean
input_read_compressed (Input *in, GError **error)
{
  in->in_offset += in->in_len;
  in->in_len = fread (in->in, 1, sizeof in->in, in->file);
  in->in_pos = 0;
  if (in->in_len == 0 && ferror (in->file))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot read: %s", g_strerror (errno));
      return FALSE;
    }
  in->in_eof = in->in_len == 0;
  return TRUE;
}

/* Makes out[] hold at least one unread byte. */
static FillStatus
input_fill (Input *in, GError **error)
{
  if (in->out_pos < in->out_len)
    return FILL_DATA;
  in->out_pos = in->out_len = 0;
  if (!in->gzip)
    {
      in->out_member = in->consumed;
      in->out_len = fread (in->out, 1, sizeof in->out, in->file);
      if (in->out_len > 0)
        return FILL_DATA;
      if (ferror (in->file))
        {
          g_set_error (error, NF_ERROR, NF_ERROR_IO, "cannot read: %s", g_strerror (errno));
          return FILL_ERROR;
        }
      return FILL_EOF;
    }
  for (;;)
    {
      if (in->in_pos == in->in_len)
        {
          if (!input_read_compressed (in, error))
            return FILL_ERROR;
          if (in->in_eof)
            {
              if (!in->in_member)
                return FILL_EOF;
              g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "truncated: the file ends inside the gzip member of the record");
              return FILL_ERROR;
            }
        }
      if (!in->in_member)
        {
          /* Concatenated members: each record of a .warc.gz is its own gzip stream. */
          inflateReset (&in->z);
          in->member_start = in->in_offset + in->in_pos;
          in->in_member = TRUE;
        }
      in->z.next_in = in->in + in->in_pos;
      in->z.avail_in = (uInt) (in->in_len - in->in_pos);
      in->z.next_out = in->out;
      in->z.avail_out = sizeof in->out;
      int status = inflate (&in->z, Z_NO_FLUSH);
      in->in_pos = in->in_len - in->z.avail_in;
      in->out_len = sizeof in->out - in->z.avail_out;
      in->out_member = in->member_start;
      if (status == Z_STREAM_END)
        in->in_member = FALSE;
      else if (status != Z_OK && status != Z_BUF_ERROR)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "corrupt gzip data: %s", in->z.msg ? in->z.msg : "inflate failed");
          in->out_len = 0;
          return FILL_ERROR;
        }
      if (in->out_len > 0)
        return FILL_DATA;
    }
}

/* Where the record starting at the next byte is: its gzip member, or its byte offset. */
static guint64
input_record_offset (Input *in)
{
  return in->gzip ? in->out_member : in->consumed;
}

/* Reads through the next '\n' into @line (without it, nor a '\r' before it).  Lines longer
 * than @max are cut to @max bytes and flagged. */
typedef enum { LINE_OK, LINE_TOO_LONG, LINE_EOF, LINE_PARTIAL, LINE_ERROR } LineStatus;

static LineStatus
input_read_line (Input *in, GString *line, gsize max, GError **error)
{
  g_string_truncate (line, 0);
  gboolean any = FALSE, too_long = FALSE;
  for (;;)
    {
      FillStatus fill = input_fill (in, error);
      if (fill == FILL_ERROR)
        return LINE_ERROR;
      if (fill == FILL_EOF)
        return any ? LINE_PARTIAL : LINE_EOF;
      any = TRUE;
      const guint8 *from = in->out + in->out_pos;
      gsize available = in->out_len - in->out_pos;
      const guint8 *newline = memchr (from, '\n', available);
      gsize take = newline ? (gsize) (newline - from) : available;
      gsize room = line->len < max ? max - line->len : 0;
      if (take > room)
        too_long = TRUE;
      g_string_append_len (line, (const char *) from, MIN (take, room));
      gsize step = take + (newline != NULL);
      in->out_pos += step;
      in->consumed += step;
      if (newline)
        {
          if (line->len > 0 && line->str[line->len - 1] == '\r')
            g_string_truncate (line, line->len - 1);
          return too_long ? LINE_TOO_LONG : LINE_OK;
        }
    }
}

/* Reads @length bytes into @dest (or drops them when @dest is NULL); returns how many
 * were there before the end of the input, or -1 on an error. */
static gint64
input_read_block (Input *in, GByteArray *dest, guint64 length, GError **error)
{
  guint64 done = 0;
  while (done < length)
    {
      FillStatus fill = input_fill (in, error);
      if (fill == FILL_ERROR)
        return -1;
      if (fill == FILL_EOF)
        break;
      gsize take = (gsize) MIN ((guint64) (in->out_len - in->out_pos), length - done);
      if (dest)
        g_byte_array_append (dest, in->out + in->out_pos, (guint) take);
      in->out_pos += take;
      in->consumed += take;
      done += take;
    }
  return (gint64) done;
}

static void
input_restart_at (Input *in, guint64 offset)
{
  fseeko (in->file, (off_t) offset, SEEK_SET);
  clearerr (in->file);
  in->in_len = in->in_pos = 0;
  in->in_offset = offset;
  in->in_eof = FALSE;
  in->out_len = in->out_pos = 0;
  in->in_member = FALSE;
}

/* After corrupt gzip data: the next gzip member from @from on that inflates to the start
 * of a WARC record.  Needs a seekable file. */
static gboolean
input_resync_gzip (Input *in, guint64 from)
{
  if (!in->seekable)
    return FALSE;
  g_autofree guint8 *buffer = g_malloc (64 * 1024);
  guint64 position = from;
  for (;;)
    {
      if (fseeko (in->file, (off_t) position, SEEK_SET) != 0)
        return FALSE;
      gsize n = fread (buffer, 1, 64 * 1024, in->file);
      if (n < 3)
        return FALSE;
      gsize i;
      for (i = 0; i + 2 < n; i++)
        if (buffer[i] == 0x1f && buffer[i + 1] == 0x8b && buffer[i + 2] == 0x08)
          break;
      if (i + 2 >= n)
        {
          position += n - 2;
          continue;
        }
      guint64 candidate = position + i;
      input_restart_at (in, candidate);
      if (input_fill (in, NULL) == FILL_DATA && in->out_len - in->out_pos >= 5
          && memcmp (in->out + in->out_pos, "WARC/", 5) == 0)
        return TRUE;
      position = candidate + 1;
    }
}

/* ---- records ---------------------------------------------------------------------------- */

typedef struct {
  guint64    offset;
  GPtrArray *names;   /* header names and values, in order */
  GPtrArray *values;
  guint64    length;  /* Content-Length */
} Record;

static const char *
record_header (const Record *record, const char *name)
{
  for (guint i = 0; i < record->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (record->names, i), name) == 0)
      return g_ptr_array_index (record->values, i);
  return NULL;
}

static gboolean
is_version_line (const char *line)
{
  return strcmp (line, "WARC/1.0") == 0 || strcmp (line, "WARC/1.1") == 0;
}

/* Header lines "Name: value" (with folded continuation lines) up to a blank line, into
 * @names/@values. */
static void
flush_folded (GPtrArray *values, GString **folded)
{
  if (*folded == NULL)
    return;
  g_free (values->pdata[values->len - 1]);
  values->pdata[values->len - 1] = g_string_free (g_steal_pointer (folded), FALSE);
}

static gboolean
read_header_lines (Input *in, GString *line, GPtrArray *names, GPtrArray *values, GError **error)
{
  g_autoptr (GString) folded = NULL; /* the last value, while folded lines continue it */
  for (guint count = 0;; count++)
    {
      LineStatus status = input_read_line (in, line, HEADER_LINE_MAX, error);
      if (status == LINE_ERROR)
        return FALSE;
      if (status == LINE_EOF || status == LINE_PARTIAL)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "truncated: the file ends inside the record header");
          return FALSE;
        }
      if (status == LINE_TOO_LONG)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "header line longer than %d bytes", HEADER_LINE_MAX);
          return FALSE;
        }
      if (line->len == 0)
        {
          flush_folded (values, &folded);
          return TRUE;
        }
      if (count >= HEADER_LINES_MAX)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "more than %d header lines", HEADER_LINES_MAX);
          return FALSE;
        }
      if ((line->str[0] == ' ' || line->str[0] == '\t') && values->len > 0)
        {
          /* Appended in place: joining a copy per folded line would be quadratic. */
          if (folded == NULL)
            folded = g_string_new (g_ptr_array_index (values, values->len - 1));
          g_string_append_c (folded, ' ');
          g_string_append (folded, g_strstrip (line->str));
          continue;
        }
      flush_folded (values, &folded);
      char *colon = strchr (line->str, ':');
      if (colon == NULL || colon == line->str)
        {
          g_autofree char *shown = g_utf8_make_valid (line->str, MIN (line->len, 60));
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "malformed header line \"%s\"", shown);
          return FALSE;
        }
      g_ptr_array_add (names, g_strndup (line->str, colon - line->str));
      g_ptr_array_add (values, g_strstrip (g_strdup (colon + 1)));
    }
}

static gboolean
parse_length (const char *text, guint64 *length)
{
  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  char *end;
  errno = 0;
  *length = g_ascii_strtoull (text, &end, 10);
  return errno == 0 && *end == '\0';
}

/* The record header from its version line on; the version line may already be in @line
 * (found by resynchronisation). */
static gboolean
read_record_header (Input *in, GString *line, gboolean have_version, Record *record, GError **error)
{
  if (!have_version)
    {
      /* Tolerate extra blank lines between records. */
      LineStatus status;
      do
        status = input_read_line (in, line, HEADER_LINE_MAX, error);
      while (status == LINE_OK && line->len == 0);
      if (status == LINE_ERROR)
        return FALSE;
      if (status == LINE_EOF)
        return TRUE; /* record->length stays G_MAXUINT64: no record */
      if (!is_version_line (line->str))
        {
          g_autofree char *shown = g_utf8_make_valid (line->str, MIN (line->len, 40));
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                       "not a WARC record: expected a WARC/1.0 or WARC/1.1 line, found \"%s\"", shown);
          return FALSE;
        }
    }
  if (!read_header_lines (in, line, record->names, record->values, error))
    return FALSE;
  const char *length = record_header (record, "Content-Length");
  if (!parse_length (length, &record->length))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s Content-Length%s%s%s",
                   length ? "invalid" : "no", length ? " \"" : "", length ? length : "", length ? "\"" : "");
      record->length = G_MAXUINT64;
      return FALSE;
    }
  return TRUE;
}

/* After a damaged record: the next line that opens a record, left in @line. */
static gboolean
resync_to_version_line (Input *in, GString *line, guint64 *offset)
{
  for (;;)
    {
      guint64 start = in->consumed;
      if (input_fill (in, NULL) != FILL_DATA)
        return FALSE;
      guint64 member = in->out_member;
      LineStatus status = input_read_line (in, line, HEADER_LINE_MAX, NULL);
      if (status == LINE_EOF || status == LINE_ERROR)
        return FALSE;
      if (status == LINE_OK && is_version_line (line->str))
        {
          *offset = in->gzip ? member : start;
          return TRUE;
        }
    }
}

/* ---- HTTP payloads ---------------------------------------------------------------------- */

typedef struct {
  int        status;
  char      *reason;
  GPtrArray *names;
  GPtrArray *values;
  gsize      body_start;
} HttpResponse;

static void
http_response_clear (HttpResponse *http)
{
  g_free (http->reason);
  g_clear_pointer (&http->names, g_ptr_array_unref);
  g_clear_pointer (&http->values, g_ptr_array_unref);
}

static const char *
http_header (const HttpResponse *http, const char *name)
{
  for (guint i = 0; i < http->names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (http->names, i), name) == 0)
      return g_ptr_array_index (http->values, i);
  return NULL;
}

/* Status line and headers of a stored HTTP response ("HTTP/1.1 200 OK", lines ending in
 * CRLF or LF, a blank line, the body). */
static gboolean
parse_http_response (const guint8 *data, gsize length, HttpResponse *http, GError **error)
{
  http->names = g_ptr_array_new_with_free_func (g_free);
  http->values = g_ptr_array_new_with_free_func (g_free);
  gsize position = 0;
  for (guint number = 0;; number++)
    {
      const guint8 *newline = memchr (data + position, '\n', length - position);
      if (newline == NULL)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                               "malformed HTTP response: the headers do not end with a blank line");
          return FALSE;
        }
      gsize end = newline - data;
      gsize stop = end > position && data[end - 1] == '\r' ? end - 1 : end;
      g_autofree char *line = g_strndup ((const char *) data + position, stop - position);
      position = end + 1;
      if (number == 0)
        {
          /* "HTTP/1.1 200 OK" */
          char *space = strchr (line, ' ');
          if (!g_str_has_prefix (line, "HTTP/") || space == NULL || !g_ascii_isdigit (space[1])
              || !g_ascii_isdigit (space[2]) || !g_ascii_isdigit (space[3])
              || (space[4] != '\0' && space[4] != ' '))
            {
              g_autofree char *shown = g_utf8_make_valid (line, MIN (strlen (line), 40));
              g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                           "malformed HTTP response: status line \"%s\"", shown);
              return FALSE;
            }
          http->status = (space[1] - '0') * 100 + (space[2] - '0') * 10 + (space[3] - '0');
          http->reason = g_strdup (space[4] ? g_strstrip (space + 5) : "");
          continue;
        }
      if (*line == '\0')
        break;
      if ((*line == ' ' || *line == '\t') && http->values->len > 0)
        continue; /* obsolete folding: the continuation adds nothing we use */
      char *colon = strchr (line, ':');
      if (colon == NULL || colon == line)
        continue; /* real servers send junk lines; browsers ignore them too */
      g_ptr_array_add (http->names, g_strndup (line, colon - line));
      g_ptr_array_add (http->values, g_strstrip (g_strdup (colon + 1)));
    }
  http->body_start = position;
  return TRUE;
}

/* Undoes "Transfer-Encoding: chunked" (crawlers that store the bytes as sent keep it). */
static GBytes *
dechunk (const guint8 *data, gsize length, GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_sized_new ((guint) length);
  gsize position = 0;
  for (;;)
    {
      const guint8 *newline = memchr (data + position, '\n', length - position);
      if (newline == NULL)
        break; /* ended without the last chunk: keep what came, as browsers do */
      char *end;
      guint64 size = g_ascii_strtoull ((const char *) data + position, &end, 16);
      if (end == (const char *) data + position)
        {
          g_set_error_literal (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "malformed chunked HTTP body");
          return NULL;
        }
      position = newline - data + 1;
      if (size == 0)
        break;
      if (size > length - position)
        size = length - position;
      g_byte_array_append (out, data + position, (guint) size);
      position += size;
      while (position < length && (data[position] == '\r' || data[position] == '\n'))
        position++;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Undoes "Content-Encoding: gzip" or "deflate", within @max_size. */
static GBytes *
decompress (const guint8 *data, gsize length, gsize max_size, GError **error)
{
  z_stream z = { 0 };
  if (inflateInit2 (&z, 15 + 32) != Z_OK) /* +32: gzip or zlib header, detected */
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_FAILED, "cannot start zlib");
      return NULL;
    }
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint8 chunk[64 * 1024];
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) length;
  int status;
  do
    {
      z.next_out = chunk;
      z.avail_out = sizeof chunk;
      status = inflate (&z, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "cannot decode the compressed HTTP body: %s",
                       z.msg ? z.msg : "inflate failed");
          inflateEnd (&z);
          return NULL;
        }
      g_byte_array_append (out, chunk, sizeof chunk - z.avail_out);
      if (out->len > max_size)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_TOO_LARGE,
                       "HTTP body larger than max-size (%" G_GSIZE_FORMAT " bytes) once decompressed", max_size);
          inflateEnd (&z);
          return NULL;
        }
    }
  while (status == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
  inflateEnd (&z);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

/* Headers as an a{ss} field, repeated names joined with ", " (RFC 9110 5.3). */
static GVariant *
headers_variant (GPtrArray *names, GPtrArray *values)
{
  /* Linear in the number of lines: a stored response may carry 300,000 header lines. */
  g_autoptr (GPtrArray) merged_names = g_ptr_array_new ();
  g_autoptr (GPtrArray) merged_values = g_ptr_array_new_with_free_func (string_free);
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *value = g_ptr_array_index (values, i);
      char *key = g_ascii_strdown (name, -1);
      gpointer slot;
      if (g_hash_table_lookup_extended (index, key, NULL, &slot))
        {
          GString *joined = g_ptr_array_index (merged_values, GPOINTER_TO_UINT (slot));
          g_string_append (joined, ", ");
          g_string_append (joined, value);
          g_free (key);
        }
      else
        {
          g_hash_table_insert (index, key, GUINT_TO_POINTER (merged_names->len));
          g_ptr_array_add (merged_names, (gpointer) name);
          g_ptr_array_add (merged_values, g_string_new (value));
        }
    }
  GVariantBuilder builder;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < merged_names->len; i++)
    {
      g_autofree char *name = g_utf8_make_valid (g_ptr_array_index (merged_names, i), -1);
      GString *joined = g_ptr_array_index (merged_values, i);
      g_autofree char *value = g_utf8_make_valid (joined->str, joined->len);
      g_variant_builder_add (&builder, "{ss}", name, value);
    }
  return g_variant_builder_end (&builder);
}

static const char *
sniff_content_type (const guint8 *data, gsize length)
{
  gsize i = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  if (i < length && data[i] == '<')
    return "text/html";
  if (i < length && (data[i] == '{' || data[i] == '['))
    return "application/json";
  /* UTF-8 in the first 4 KiB (a character cut at the 4 KiB mark allowed) is text. */
  const char *end;
  gsize probe = MIN (length, 4096);
  if (g_utf8_validate_len ((const char *) data, probe, &end)
      || (probe == 4096 && (gsize) (end - (const char *) data) + 4 > probe))
    return "text/plain";
  return "application/octet-stream";
}

/* An HTTP response record's article: the body as raw bytes, typed by the HTTP header. */
static gboolean
fill_from_http (Warc *warc, NfArticle *article, GBytes *block, GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (block, &length);
  HttpResponse http = { 0 };
  if (!parse_http_response (data, length, &http, error))
    {
      http_response_clear (&http);
      return FALSE;
    }
  nf_article_set_field_int (article, "http_status", http.status);
  nf_article_set_field (article, "http_headers", headers_variant (http.names, http.values));
  if ((http.status < 200 || http.status > 299) && warc->drop_non_2xx)
    {
      g_autofree char *reason = g_strdup_printf ("http %d: %s", http.status, http.reason);
      nf_article_drop (article, reason);
      http_response_clear (&http);
      return TRUE;
    }
  if (http.status < 200 || http.status > 299)
    {
      const char *location = http_header (&http, "Location");
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "HTTP %d %s%s%s", http.status, http.reason,
                   location ? ", redirect to " : "", location ? location : "");
      http_response_clear (&http);
      return FALSE;
    }
  g_autoptr (GBytes) body = g_bytes_new_from_bytes (block, http.body_start, length - http.body_start);
  const char *transfer = http_header (&http, "Transfer-Encoding");
  if (transfer && g_ascii_strcasecmp (transfer, "chunked") == 0)
    {
      gsize n;
      const guint8 *chunked = g_bytes_get_data (body, &n);
      GBytes *plain = dechunk (chunked, n, error);
      if (plain == NULL)
        {
          http_response_clear (&http);
          return FALSE;
        }
      g_bytes_unref (body);
      body = plain;
    }
  const char *encoding = http_header (&http, "Content-Encoding");
  if (encoding && (g_ascii_strcasecmp (encoding, "gzip") == 0 || g_ascii_strcasecmp (encoding, "x-gzip") == 0
                   || g_ascii_strcasecmp (encoding, "deflate") == 0))
    {
      gsize n;
      const guint8 *compressed = g_bytes_get_data (body, &n);
      GBytes *plain = decompress (compressed, n, warc->max_size, error);
      if (plain == NULL)
        {
          http_response_clear (&http);
          return FALSE;
        }
      g_bytes_unref (body);
      body = plain;
    }
  gsize body_length;
  const guint8 *body_data = g_bytes_get_data (body, &body_length);
  const char *type = http_header (&http, "Content-Type");
  nf_article_set_raw (article, body, type && *type ? type : sniff_content_type (body_data, body_length));
  http_response_clear (&http);
  return TRUE;
}

static gboolean
wants_type (Warc *warc, const char *type)
{
  return type && g_strv_contains ((const char *const *) warc->types, type);
}

/* The record's article: WARC metadata as fields, then the payload. */
static gboolean
push_record (Warc *warc, NfSink *sink, const char *path, const Record *record, GBytes *block)
{
  const char *type = record_header (record, "WARC-Type");
  const char *uri = record_header (record, "WARC-Target-URI");
  g_autofree char *where = g_strdup_printf ("%s@%" G_GUINT64_FORMAT, path, record->offset);
  g_autofree char *clean_uri = uri ? g_utf8_make_valid (uri, -1) : NULL;
  if (clean_uri && clean_uri[0] == '<' && clean_uri[strlen (clean_uri) - 1] == '>')
    { /* WARC 1.0 examples wrap the URI in angle brackets */
      memmove (clean_uri, clean_uri + 1, strlen (clean_uri));
      clean_uri[strlen (clean_uri) - 1] = '\0';
    }
  NfArticle *article = nf_article_new (clean_uri && *clean_uri ? clean_uri : where);
  const char *id = record_header (record, "WARC-Record-ID");
  if (id)
    {
      g_autofree char *clean = g_utf8_make_valid (id, -1);
      g_strdelimit (clean, "<>", ' ');
      nf_article_set_id (article, g_strstrip (clean));
    }
  if (clean_uri && *clean_uri)
    nf_article_set_field_string (article, "url", clean_uri);
  nf_article_set_field_string (article, "warc_type", type);
  const char *date = record_header (record, "WARC-Date");
  if (date)
    {
      g_autofree char *clean = g_utf8_make_valid (date, -1);
      nf_article_set_field_string (article, "warc_date", clean);
    }
  nf_article_set_field_string (article, "warc_file", path);
  nf_article_set_field_int (article, "warc_offset", (gint64) record->offset);

  const char *block_type = record_header (record, "Content-Type");
  g_autoptr (GError) error = NULL;
  gboolean ok = TRUE;
  if (strcmp (type, "response") == 0 && block_type && g_str_has_prefix (block_type, "application/http"))
    ok = fill_from_http (warc, article, block, &error);
  else
    nf_article_set_raw (article, block, block_type ? block_type : "application/octet-stream");
  if (!ok)
    {
      g_autofree char *source = g_strdup (nf_article_get_source (article));
      nf_article_unref (article);
      g_prefix_error (&error, "record at byte %" G_GUINT64_FORMAT " of %s: ", record->offset, path);
      return nf_sink_push_failed (sink, source, error);
    }
  return nf_sink_push (sink, article);
}

static gboolean
push_damage (NfSink *sink, const char *path, guint64 offset, const GError *error)
{
  g_autofree char *where = g_strdup_printf ("%s@%" G_GUINT64_FORMAT, path, offset);
  g_autoptr (GError) located = g_error_new (error->domain, error->code, "record at byte %" G_GUINT64_FORMAT ": %s",
                                            offset, error->message);
  return nf_sink_push_failed (sink, where, located);
}

static void
record_reset (Record *record, guint64 offset)
{
  g_ptr_array_set_size (record->names, 0);
  g_ptr_array_set_size (record->values, 0);
  record->offset = offset;
  record->length = G_MAXUINT64;
}

/* Reads every record of one opened file.  Returns FALSE when the run is stopping. */
static gboolean
read_records (Warc *warc, NfStage *stage, NfSink *sink, const char *path, Input *in)
{
  Record record = {
    .names = g_ptr_array_new_with_free_func (g_free),
    .values = g_ptr_array_new_with_free_func (g_free),
  };
  g_autoptr (GString) line = g_string_new (NULL);
  gboolean going = TRUE, have_version = FALSE;
  guint64 resync_offset = 0;
  while (going && !nf_stage_is_cancelled (stage))
    {
      if (warc->progress_total)
        nf_sink_set_input_bytes (sink, warc->progress_before + (guint64) MAX (ftello (in->file), 0),
                                 warc->progress_total);
      g_autoptr (GError) error = NULL;
      FillStatus fill = have_version ? FILL_DATA : input_fill (in, &error);
      if (fill == FILL_EOF)
        break;
      record_reset (&record, have_version ? resync_offset : input_record_offset (in));
      gboolean damaged = fill == FILL_ERROR;
      gboolean header_ok = !damaged && read_record_header (in, line, have_version, &record, &error);
      have_version = FALSE;
      if (header_ok && record.length == G_MAXUINT64)
        break; /* only blank lines were left */

      gint64 got = 0;
      guint64 next_at = G_MAXUINT64; /* where a record found in place of the trailer starts */
      guint64 block_start = G_MAXUINT64;
      gboolean overran = FALSE;      /* the block was read to its length, and no trailer followed */
      g_autoptr (GByteArray) block = NULL;
      if (header_ok)
        {
          const char *type = record_header (&record, "WARC-Type");
          gboolean wanted = wants_type (warc, type);
          gboolean fits = record.length <= warc->max_size;
          if (wanted && fits)
            block = g_byte_array_sized_new ((guint) record.length);
          block_start = in->consumed;
          got = input_read_block (in, block, record.length, &error);
          if (got >= 0 && (guint64) got < record.length)
            error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT,
                                 "truncated: the file ends %" G_GINT64_FORMAT " bytes into a block of %" G_GUINT64_FORMAT,
                                 got, record.length);
          else if (got >= 0)
            {
              /* Two CRLFs close every record; anything else means the length is wrong.  When
               * it was too short, the next record may start right here: keep its first line. */
              guint64 at = input_fill (in, NULL) == FILL_DATA ? input_record_offset (in) : 0;
              LineStatus first = input_read_line (in, line, 16, &error);
              gboolean closed = first == LINE_OK && line->len == 0;
              if (closed)
                {
                  at = input_fill (in, NULL) == FILL_DATA ? input_record_offset (in) : 0;
                  LineStatus second = input_read_line (in, line, 16, &error);
                  closed = (second == LINE_OK && line->len == 0) || second == LINE_EOF;
                }
              if (!closed && is_version_line (line->str))
                next_at = at;
              overran = !closed && next_at == G_MAXUINT64;
              if (!closed && error == NULL)
                error = g_error_new (NF_ERROR, NF_ERROR_INVALID_INPUT,
                                     "the record does not end with two CRLFs after its Content-Length "
                                     "(%" G_GUINT64_FORMAT " bytes): the length is wrong or the record is damaged",
                                     record.length);
            }
          if (error == NULL && wanted && !fits)
            {
              g_autoptr (GError) too_large = g_error_new (NF_ERROR, NF_ERROR_TOO_LARGE,
                                                          "%" G_GUINT64_FORMAT " bytes, larger than max-size (%"
                                                          G_GSIZE_FORMAT " bytes)", record.length, warc->max_size);
              going = push_damage (sink, path, record.offset, too_large);
              continue;
            }
          if (error == NULL)
            {
              if (wanted)
                {
                  g_autoptr (GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&block));
                  going = push_record (warc, sink, path, &record, bytes);
                }
              continue;
            }
        }

      /* A damaged record: report it, then look for the next one. */
      going = push_damage (sink, path, record.offset, error);
      if (!going)
        break;
      gboolean gzip_damage = in->gzip && g_error_matches (error, NF_ERROR, NF_ERROR_INVALID_INPUT)
                             && g_str_has_prefix (error->message, "corrupt gzip data");
      if (g_str_has_prefix (error->message, "truncated"))
        break;
      if (gzip_damage)
        {
          if (!input_resync_gzip (in, in->member_start + 1))
            break;
          continue;
        }
      if (error->domain == NF_ERROR && error->code == NF_ERROR_IO)
        break;
      if (next_at != G_MAXUINT64)
        {
          have_version = TRUE;
          resync_offset = next_at;
          continue;
        }
      /* A Content-Length too large: the block ran into the next record and swallowed its
       * version line, so searching on from here would lose that record too. Search again
       * from where the block began (plain files), or from the next gzip member (one per
       * record); a stream that cannot be rewound searches on. */
      if (overran && in->seekable && in->gzip && input_resync_gzip (in, record.offset + 1))
        continue;
      if (overran && in->seekable && !in->gzip)
        {
          input_restart_at (in, block_start);
          in->consumed = block_start;
        }
      have_version = resync_to_version_line (in, line, &resync_offset);
      if (!have_version)
        break;
    }
  g_ptr_array_unref (record.names);
  g_ptr_array_unref (record.values);
  return going;
}

static gboolean
push_file (Warc *warc, NfStage *stage, NfSink *sink, const char *path)
{
  g_autoptr (GError) error = NULL;
  FILE *file = strcmp (path, "-") == 0 ? fdopen (dup (0), "rb") : fopen (path, "rb");
  if (file == NULL)
    {
      error = g_error_new (NF_ERROR, NF_ERROR_IO, "cannot open: %s", g_strerror (errno));
      return nf_sink_push_failed (sink, path, error);
    }
  struct stat info;
  if (fstat (fileno (file), &info) == 0 && S_ISDIR (info.st_mode))
    {
      fclose (file);
      error = g_error_new_literal (NF_ERROR, NF_ERROR_IO, "a directory, not a WARC file");
      return nf_sink_push_failed (sink, path, error);
    }
  Input *in = g_new0 (Input, 1);
  in->file = file;
  in->seekable = S_ISREG (info.st_mode);
  /* gzip or not by the first bytes, not the name: stdin and misnamed files work too. */
  guint8 magic[2];
  gsize n = fread (magic, 1, 2, file);
  in->gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  /* The bytes read stay the first ones of the stream. */
  if (in->gzip)
    {
      memcpy (in->in, magic, n);
      in->in_len = n;
    }
  else
    {
      memcpy (in->out, magic, n);
      in->out_len = n;
    }
  gboolean going = TRUE;
  if (in->gzip && inflateInit2 (&in->z, 15 + 16) != Z_OK)
    {
      error = g_error_new_literal (NF_ERROR, NF_ERROR_FAILED, "cannot start zlib");
      going = nf_sink_push_failed (sink, path, error);
    }
  else
    {
      going = read_records (warc, stage, sink, path, in);
      if (in->gzip)
        inflateEnd (&in->z);
    }
  fclose (file);
  g_free (in);
  return going;
}

/* ---- plugin callbacks ---- */

static void
warc_free (gpointer instance)
{
  Warc *warc = instance;
  g_strfreev (warc->paths);
  g_strfreev (warc->types);
  g_free (warc);
}

static gboolean
warc_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long max_size = cfg_getint (config, "max-size");
  if (max_size <= 0 || (unsigned long) max_size > G_MAXUINT32)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "max-size must be between 1 and %u, not %ld",
                   G_MAXUINT32, max_size);
      return FALSE;
    }
  for (unsigned int i = 0; i < cfg_size (config, "types"); i++)
    if (!g_strv_contains (record_types, cfg_getnstr (config, "types", i)))
      {
        g_autofree char *valid = g_strjoinv (", ", (char **) record_types);
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN, "types: unknown WARC record type \"%s\" (valid: %s)",
                     cfg_getnstr (config, "types", i), valid);
        return FALSE;
      }
  Warc *warc = g_new0 (Warc, 1);
  warc->max_size = (gsize) max_size;
  GPtrArray *types = g_ptr_array_new ();
  for (unsigned int i = 0; i < cfg_size (config, "types"); i++)
    g_ptr_array_add (types, g_strdup (cfg_getnstr (config, "types", i)));
  g_ptr_array_add (types, NULL);
  warc->types = (char **) g_ptr_array_free (types, FALSE);
  const char *const *sources = nf_stage_get_sources (stage);
  if (sources)
    warc->paths = g_strdupv ((char **) sources);
  else
    {
      GPtrArray *paths = g_ptr_array_new ();
      for (unsigned int i = 0; i < cfg_size (config, "paths"); i++)
        g_ptr_array_add (paths, g_strdup (cfg_getnstr (config, "paths", i)));
      g_ptr_array_add (paths, NULL);
      warc->paths = (char **) g_ptr_array_free (paths, FALSE);
    }
  warc->drop_non_2xx = strcmp (cfg_getstr (config, "non-2xx"), "drop") == 0;
  nf_stage_set_instance (stage, warc);
  return TRUE;
}

static gboolean
warc_fetch (NfStage *stage, NfSink *sink, G_GNUC_UNUSED GError **error)
{
  Warc *warc = nf_stage_get_instance (stage);
  warc->progress_before = 0;
  warc->progress_total = nf_sink_wants_progress (sink) ? nf_paths_total_bytes ((const char *const *) warc->paths) : 0;
  for (char **path = warc->paths; *path; path++)
    {
      if (nf_stage_is_cancelled (stage) || !push_file (warc, stage, sink, *path))
        break;
      struct stat info;
      if (warc->progress_total && stat (*path, &info) == 0)
        warc->progress_before += info.st_size;
    }
  return TRUE;
}

/* Command-line *.warc and *.warc.gz files are ours when this stage comes before "files" in
 * the chain (sources go to the first fetcher that accepts them). */
/* What the core routes here by its bytes: a WARC (plain or gzip) named or on standard input. */
static const char *const warc_types[] = { "application/warc", NULL };

static gboolean
warc_accepts_source (const char *source)
{
  g_autofree char *lower = g_ascii_strdown (source, -1);
  return strstr (lower, "://") == NULL
         && (g_str_has_suffix (lower, ".warc") || g_str_has_suffix (lower, ".warc.gz"));
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FETCH,
  .name = "warc",
  .summary = "Reads WARC archives (plain or .warc.gz) record by record; HTTP responses become items",
  .options = warc_options,
  .content_types = warc_types,
  .accepts_source = warc_accepts_source,
  .init = warc_init,
  .fetch = warc_fetch,
  .free = warc_free,
);
