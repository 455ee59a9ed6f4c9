/* format "postgresql": articles, entities and their mentions, quotes, keywords, sources and
 * other annotations in PostgreSQL tables shaped like the sqlite formatter's, with a tsvector
 * column and a GIN index for full-text search.  Articles are upserted by id; each batch is
 * COPY'd into temporary tables and merged in one transaction (libpq) at the run's commit
 * points; skip-existing resumes, skipping ids the database holds. */
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>
#include <newsflow/newsflow.h>

/* The schema; newsflow_schema.version says which one a database has.  Documented, with
 * example queries, in newsflow.chain(5): keep both in step.  @TS@ is the text search
 * configuration ("english"), checked to be a plain identifier before it gets here. */
#define SCHEMA_VERSION 1
static const char schema[] =
  "CREATE TABLE IF NOT EXISTS newsflow_schema (version integer NOT NULL);\n"
  "CREATE TABLE IF NOT EXISTS articles (\n"
  "  id text PRIMARY KEY,\n"
  "  source text NOT NULL,\n"
  "  title text,\n"
  "  authors jsonb NOT NULL,\n"          /* JSON array of strings */
  "  published timestamptz,\n"           /* the instant (shown in the session's time zone) */
  "  published_local text,\n"            /* as the article wrote it, with its offset */
  "  language text,\n"
  "  summary text,\n"
  "  text text,\n"
  "  fields jsonb NOT NULL,\n"           /* every named field */
  "  search tsvector GENERATED ALWAYS AS (\n"
  "    setweight(to_tsvector('@TS@', coalesce(title, '')), 'A') ||\n"
  "    setweight(to_tsvector('@TS@', coalesce(text, '')), 'B')) STORED\n"
  ");\n"
  "CREATE INDEX IF NOT EXISTS articles_search ON articles USING gin (search);\n"
  "CREATE INDEX IF NOT EXISTS articles_published ON articles (published);\n"
  "CREATE TABLE IF NOT EXISTS entities (\n"
  "  id bigserial PRIMARY KEY,\n"
  "  label text NOT NULL,\n"
  "  name text NOT NULL,\n"
  "  UNIQUE (name, label)\n"
  ");\n"
  "CREATE TABLE IF NOT EXISTS mentions (\n"
  "  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  entity_id bigint NOT NULL REFERENCES entities (id),\n"
  "  \"start\" integer NOT NULL,\n"
  "  \"end\" integer NOT NULL,\n"
  "  text text NOT NULL\n"
  ");\n"
  "CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);\n"
  "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);\n"
  "CREATE TABLE IF NOT EXISTS quotes (\n"
  "  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  speaker text,\n"
  "  cue text,\n"
  "  \"start\" integer NOT NULL,\n"
  "  \"end\" integer NOT NULL,\n"
  "  text text NOT NULL,\n"
  "  attrs jsonb NOT NULL\n"
  ");\n"
  "CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);\n"
  "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);\n"
  "CREATE TABLE IF NOT EXISTS keywords (\n"
  "  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  rank integer NOT NULL,\n"
  "  keyword text NOT NULL,\n"
  "  score double precision\n"
  ");\n"
  "CREATE INDEX IF NOT EXISTS keywords_article ON keywords (article_id);\n"
  "CREATE INDEX IF NOT EXISTS keywords_keyword ON keywords (keyword);\n"
  "CREATE TABLE IF NOT EXISTS sources (\n"
  "  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  rank integer NOT NULL,\n"
  "  source text NOT NULL\n"
  ");\n"
  "CREATE INDEX IF NOT EXISTS sources_article ON sources (article_id);\n"
  "CREATE TABLE IF NOT EXISTS annotations (\n"  /* every annotation but entities and quotes */
  "  article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  type text NOT NULL,\n"
  "  \"start\" integer NOT NULL,\n"
  "  \"end\" integer NOT NULL,\n"
  "  text text NOT NULL,\n"
  "  attrs jsonb NOT NULL\n"
  ");\n"
  "CREATE INDEX IF NOT EXISTS annotations_article ON annotations (article_id);\n";

/* Where a batch is COPY'd before it is merged: one temporary table per kind of row, emptied
 * by each commit.  seq numbers the batch's articles, so that an id met twice in one batch
 * keeps its last version (as the upsert across batches does). */
static const char staging[] =
  "CREATE TEMP TABLE nf_articles (seq integer, id text, source text, title text, authors jsonb,"
  " published timestamptz, published_local text, language text, summary text, text text,"
  " fields jsonb) ON COMMIT DELETE ROWS;\n"
  "CREATE TEMP TABLE nf_mentions (seq integer, article_id text, label text, name text,"
  " \"start\" integer, \"end\" integer, text text) ON COMMIT DELETE ROWS;\n"
  "CREATE TEMP TABLE nf_quotes (seq integer, article_id text, speaker text, cue text,"
  " \"start\" integer, \"end\" integer, text text, attrs jsonb) ON COMMIT DELETE ROWS;\n"
  "CREATE TEMP TABLE nf_keywords (seq integer, article_id text, rank integer, keyword text,"
  " score double precision) ON COMMIT DELETE ROWS;\n"
  "CREATE TEMP TABLE nf_sources (seq integer, article_id text, rank integer, source text)"
  " ON COMMIT DELETE ROWS;\n"
  "CREATE TEMP TABLE nf_annotations (seq integer, article_id text, type text, \"start\" integer,"
  " \"end\" integer, text text, attrs jsonb) ON COMMIT DELETE ROWS;\n";

typedef enum { ROWS_ARTICLES, ROWS_MENTIONS, ROWS_QUOTES, ROWS_KEYWORDS, ROWS_SOURCES, ROWS_ANNOTATIONS, N_ROWS } Rows;

static const char *const copy_into[N_ROWS] = {
  [ROWS_ARTICLES] = "COPY nf_articles FROM STDIN",
  [ROWS_MENTIONS] = "COPY nf_mentions FROM STDIN",
  [ROWS_QUOTES] = "COPY nf_quotes FROM STDIN",
  [ROWS_KEYWORDS] = "COPY nf_keywords FROM STDIN",
  [ROWS_SOURCES] = "COPY nf_sources FROM STDIN",
  [ROWS_ANNOTATIONS] = "COPY nf_annotations FROM STDIN",
};

/* The batch, from the staging tables into the real ones, in one statement list. */
static const char merge[] =
  /* Rows of an article's earlier version in the same batch. */
  "DELETE FROM nf_mentions s USING nf_articles a WHERE a.id = s.article_id AND a.seq > s.seq;\n"
  "DELETE FROM nf_quotes s USING nf_articles a WHERE a.id = s.article_id AND a.seq > s.seq;\n"
  "DELETE FROM nf_keywords s USING nf_articles a WHERE a.id = s.article_id AND a.seq > s.seq;\n"
  "DELETE FROM nf_sources s USING nf_articles a WHERE a.id = s.article_id AND a.seq > s.seq;\n"
  "DELETE FROM nf_annotations s USING nf_articles a WHERE a.id = s.article_id AND a.seq > s.seq;\n"
  "INSERT INTO articles (id, source, title, authors, published, published_local, language, summary, text, fields)\n"
  "  SELECT DISTINCT ON (id) id, source, title, authors, published, published_local, language, summary, text, fields\n"
  "  FROM nf_articles ORDER BY id, seq DESC\n"
  "  ON CONFLICT (id) DO UPDATE SET source = excluded.source, title = excluded.title,\n"
  "    authors = excluded.authors, published = excluded.published,\n"
  "    published_local = excluded.published_local, language = excluded.language,\n"
  "    summary = excluded.summary, text = excluded.text, fields = excluded.fields;\n"
  /* An article written before: its rows are replaced. */
  "DELETE FROM mentions WHERE article_id IN (SELECT id FROM nf_articles);\n"
  "DELETE FROM quotes WHERE article_id IN (SELECT id FROM nf_articles);\n"
  "DELETE FROM keywords WHERE article_id IN (SELECT id FROM nf_articles);\n"
  "DELETE FROM sources WHERE article_id IN (SELECT id FROM nf_articles);\n"
  "DELETE FROM annotations WHERE article_id IN (SELECT id FROM nf_articles);\n"
  "INSERT INTO entities (label, name) SELECT DISTINCT label, name FROM nf_mentions\n"
  "  ON CONFLICT (name, label) DO NOTHING;\n"
  "INSERT INTO mentions (article_id, entity_id, \"start\", \"end\", text)\n"
  "  SELECT m.article_id, e.id, m.\"start\", m.\"end\", m.text FROM nf_mentions m\n"
  "  JOIN entities e ON e.name = m.name AND e.label = m.label;\n"
  "INSERT INTO quotes (article_id, speaker, cue, \"start\", \"end\", text, attrs)\n"
  "  SELECT article_id, speaker, cue, \"start\", \"end\", text, attrs FROM nf_quotes;\n"
  "INSERT INTO keywords (article_id, rank, keyword, score) SELECT article_id, rank, keyword, score FROM nf_keywords;\n"
  "INSERT INTO sources (article_id, rank, source) SELECT article_id, rank, source FROM nf_sources;\n"
  "INSERT INTO annotations (article_id, type, \"start\", \"end\", text, attrs)\n"
  "  SELECT article_id, type, \"start\", \"end\", text, attrs FROM nf_annotations;\n";

typedef struct {
  PGconn     *db;
  char       *where;      /* the server, for messages: "db on host:port" */
  gboolean    replace;    /* mode = replace: the tables are emptied by the first commit */
  guint       batch;      /* articles buffered at most before a transaction */
  gboolean    resume;     /* skip-existing */
  GError     *failure;    /* a batch written between commit points that failed */
  guint       pending;    /* articles in the buffers */
  GString    *rows[N_ROWS]; /* the batch, in COPY text format */
} PgFormatter;

static const NfOption postgresql_options[] = {
  NF_OPTION_STR ("connection", "",
                 "Where to write: a libpq connection string (\"host=db dbname=news user=newsflow\") or URI "
                 "(\"postgresql://newsflow@db/news\"); empty uses libpq's environment (PGHOST, PGPORT, "
                 "PGDATABASE, PGUSER, PGPASSWORD or ~/.pgpass). The tables are created when missing."),
  NF_OPTION_CHOICE ("mode", "append", "append|replace",
                    "append upserts: an article whose id is already in the database is replaced, with its "
                    "entities, quotes and keywords; replace empties newsflow's tables first (in the first "
                    "batch's transaction)."),
  NF_OPTION_INT ("batch", 1000, "Articles buffered at most before they are written: each batch is "
                 "COPY'd and merged in one transaction, and so is what is buffered at each of the "
                 "run's commit points (newsflow --commit-every, --commit-interval)."),
  NF_OPTION_BOOL ("skip-existing", cfg_false, "Resume: keep the tables (as mode = append) and skip "
                  "articles whose id they already hold (newsflow --resume sets it)."),
  NF_OPTION_STR ("text-search", "english",
                 "The PostgreSQL text search configuration of the search column (english, simple, "
                 "german, ...), fixed when the tables are created."),
  NF_OPTION_END
};

static gboolean
pg_error (PgFormatter *formatter, const char *what, GError **error)
{
  g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (formatter->db)));
  g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s: %s", formatter->where, what, message);
  return FALSE;
}

/* Runs @sql (one or more statements); TRUE when all of them succeeded. */
static gboolean
exec (PgFormatter *formatter, const char *sql, GError **error)
{
  PGresult *result = PQexec (formatter->db, sql);
  gboolean ok = TRUE;
  /* PQexec returns the last statement's result; an earlier failure stops the list and is it. */
  ExecStatusType status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQresultErrorMessage (result)));
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", formatter->where, message);
      ok = FALSE;
    }
  PQclear (result);
  return ok;
}

/* ---- rows in COPY text format ---- */

static void
put_text (GString *row, const char *value)
{
  if (row->len && row->str[row->len - 1] != '\n')
    g_string_append_c (row, '\t');
  if (value == NULL)
    {
      g_string_append (row, "\\N");
      return;
    }
  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (row, "\\\\"); break;
      case '\n': g_string_append (row, "\\n"); break;
      case '\r': g_string_append (row, "\\r"); break;
      case '\t': g_string_append (row, "\\t"); break;
      default: g_string_append_c (row, *p); break;
      }
}

static void
put_int (GString *row, gint64 value)
{
  char number[32];
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value);
  put_text (row, number);
}

static void
end_row (GString *row)
{
  g_string_append_c (row, '\n');
}

static char *
to_json_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static void
add_annotations (PgFormatter *formatter, guint seq, const char *id, JsonArray *annotations)
{
  for (guint i = 0; annotations && i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      const char *type = json_object_get_string_member (annotation, "type");
      const char *text = json_object_get_string_member (annotation, "text");
      gint64 start = json_object_get_int_member (annotation, "start");
      gint64 end = json_object_get_int_member (annotation, "end");
      JsonObject *attrs = json_object_get_object_member (annotation, "attrs");
      g_autofree char *attrs_text = to_json_text (json_object_get_member (annotation, "attrs"));
      GString *row;
      if (strcmp (type, NF_ANNOTATION_ENTITY) == 0)
        {
          const char *label = member_string (attrs, NF_ATTR_LABEL);
          const char *canonical = member_string (attrs, NF_ATTR_CANONICAL);
          row = formatter->rows[ROWS_MENTIONS];
          put_int (row, seq), put_text (row, id), put_text (row, label ? label : "");
          put_text (row, canonical ? canonical : text);
          put_int (row, start), put_int (row, end), put_text (row, text);
        }
      else if (strcmp (type, NF_ANNOTATION_QUOTE) == 0)
        {
          row = formatter->rows[ROWS_QUOTES];
          put_int (row, seq), put_text (row, id), put_text (row, member_string (attrs, NF_ATTR_SPEAKER));
          put_text (row, member_string (attrs, "cue"));
          put_int (row, start), put_int (row, end), put_text (row, text), put_text (row, attrs_text);
        }
      else
        {
          row = formatter->rows[ROWS_ANNOTATIONS];
          put_int (row, seq), put_text (row, id), put_text (row, type);
          put_int (row, start), put_int (row, end), put_text (row, text), put_text (row, attrs_text);
        }
      end_row (row);
    }
}

/* "keywords": a list of strings, or of objects with a phrase (or keyword, or text) and a score. */
static void
add_keywords (PgFormatter *formatter, guint seq, const char *id, JsonNode *keywords)
{
  if (keywords == NULL || !JSON_NODE_HOLDS_ARRAY (keywords))
    return;
  JsonArray *array = json_node_get_array (keywords);
  GString *row = formatter->rows[ROWS_KEYWORDS];
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *keyword = NULL;
      JsonNode *score = NULL;
      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        keyword = json_node_get_string (element);
      else if (JSON_NODE_HOLDS_OBJECT (element))
        {
          JsonObject *object = json_node_get_object (element);
          keyword = member_string (object, "phrase");
          if (keyword == NULL)
            keyword = member_string (object, "keyword");
          if (keyword == NULL)
            keyword = member_string (object, "text");
          score = json_object_get_member (object, "score");
        }
      if (keyword == NULL)
        continue;
      put_int (row, seq), put_text (row, id), put_int (row, i), put_text (row, keyword);
      if (score && JSON_NODE_HOLDS_VALUE (score) && json_node_get_value_type (score) != G_TYPE_STRING)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          put_text (row, g_ascii_dtostr (number, sizeof number, json_node_get_double (score)));
        }
      else
        put_text (row, NULL);
      end_row (row);
    }
}

static void
add_sources (PgFormatter *formatter, guint seq, const char *id, JsonNode *sources)
{
  if (sources == NULL || !JSON_NODE_HOLDS_ARRAY (sources))
    return;
  JsonArray *array = json_node_get_array (sources);
  GString *row = formatter->rows[ROWS_SOURCES];
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *text = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                              ? g_strdup (json_node_get_string (element)) : to_json_text (element);
      put_int (row, seq), put_text (row, id), put_int (row, i), put_text (row, text);
      end_row (row);
    }
}

static void
add_article (PgFormatter *formatter, NfArticle *article)
{
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  JsonObject *object = json_node_get_object (node);
  const char *id = nf_article_get_id (article);
  guint seq = formatter->pending;

  g_autofree char *authors = to_json_text (json_object_get_member (object, "authors"));
  GDateTime *published = nf_article_get_published (article);
  g_autofree char *published_text = published ? nf_date_time_format (published) : NULL;
  JsonObject *fields = json_object_new ();
  for (guint i = 0; i < nf_article_get_n_fields (article); i++)
    {
      const char *name;
      nf_article_get_nth_field (article, i, &name);
      json_object_set_member (fields, name, json_node_copy (json_object_get_member (object, name)));
    }
  g_autoptr (JsonNode) fields_node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (fields_node, fields);
  g_autofree char *fields_text = to_json_text (fields_node);

  GString *row = formatter->rows[ROWS_ARTICLES];
  put_int (row, seq), put_text (row, id), put_text (row, nf_article_get_source (article));
  put_text (row, nf_article_get_title (article)), put_text (row, authors);
  /* The instant goes to timestamptz; the date as the article wrote it (its own offset, or a
   * bare day) is the "published_local" field that the core's date reader sets. */
  const char *published_local = nf_article_get_field_string (article, NF_FIELD_PUBLISHED_LOCAL);
  put_text (row, published_text), put_text (row, published_local ? published_local : published_text);
  put_text (row, nf_article_get_language (article)), put_text (row, member_string (object, NF_FIELD_SUMMARY));
  put_text (row, nf_article_get_text (article)), put_text (row, fields_text);
  end_row (row);
  add_annotations (formatter, seq, id, json_object_get_array_member (object, "annotations"));
  add_keywords (formatter, seq, id, json_object_get_member (object, NF_FIELD_KEYWORDS));
  add_sources (formatter, seq, id, json_object_get_member (object, "sources"));
  formatter->pending++;
}

/* ---- the batch ---- */

static gboolean
copy_rows (PgFormatter *formatter, Rows which, GError **error)
{
  GString *rows = formatter->rows[which];
  if (rows->len == 0)
    return TRUE;
  PGresult *result = PQexec (formatter->db, copy_into[which]);
  gboolean started = PQresultStatus (result) == PGRES_COPY_IN;
  PQclear (result);
  if (!started)
    return pg_error (formatter, "COPY", error);
  if (PQputCopyData (formatter->db, rows->str, (int) rows->len) != 1
      || PQputCopyEnd (formatter->db, NULL) != 1)
    return pg_error (formatter, "COPY", error);
  gboolean ok = TRUE;
  while ((result = PQgetResult (formatter->db)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK && ok)
        {
          g_autofree char *message = g_strchomp (g_strdup (PQresultErrorMessage (result)));
          g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: COPY: %s", formatter->where, message);
          ok = FALSE;
        }
      PQclear (result);
    }
  return ok;
}

static void
clear_rows (PgFormatter *formatter)
{
  for (int i = 0; i < N_ROWS; i++)
    g_string_truncate (formatter->rows[i], 0);
  formatter->pending = 0;
}

/* Writes the batch in one transaction: all of it, or (rolled back) none of it. */
static gboolean
write_batch (PgFormatter *formatter, GError **error)
{
  if (formatter->pending == 0 && !formatter->replace)
    return TRUE;
  gboolean ok = exec (formatter, "BEGIN", error);
  if (ok && formatter->replace)
    ok = exec (formatter, "TRUNCATE articles, mentions, quotes, keywords, sources, annotations, entities", error);
  for (int i = 0; ok && i < N_ROWS; i++)
    ok = copy_rows (formatter, i, error);
  ok = ok && exec (formatter, merge, error) && exec (formatter, "COMMIT", error);
  if (!ok)
    {
      PGresult *result = PQexec (formatter->db, "ROLLBACK");
      PQclear (result);
    }
  else
    formatter->replace = FALSE;
  clear_rows (formatter);
  return ok;
}

/* ---- plugin callbacks ---- */

static void
postgresql_free (gpointer instance)
{
  PgFormatter *formatter = instance;
  /* An open transaction (a run that did not complete) is rolled back by the server. */
  if (formatter->db)
    PQfinish (formatter->db);
  for (int i = 0; i < N_ROWS; i++)
    if (formatter->rows[i])
      g_string_free (formatter->rows[i], TRUE);
  g_free (formatter->where);
  g_clear_error (&formatter->failure);
  g_free (formatter);
}

/* Creates the tables when missing (under a lock, so that two runs starting together do not
 * race), or checks that the database holds newsflow's schema. */
static gboolean
prepare_schema (PgFormatter *formatter, const char *text_search, GError **error)
{
  g_autoptr (GString) sql = g_string_new (schema);
  g_string_replace (sql, "@TS@", text_search, 0);
  g_autofree char *version = g_strdup_printf (
    "INSERT INTO newsflow_schema SELECT %d WHERE NOT EXISTS (SELECT 1 FROM newsflow_schema);", SCHEMA_VERSION);
  if (!exec (formatter, "BEGIN; SELECT pg_advisory_xact_lock(4242014)", error)
      || !exec (formatter, sql->str, error) || !exec (formatter, version, error))
    {
      PQclear (PQexec (formatter->db, "ROLLBACK"));
      return FALSE;
    }
  PGresult *result = PQexec (formatter->db, "SELECT max(version) FROM newsflow_schema");
  int found = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 ? atoi (PQgetvalue (result, 0, 0)) : -1;
  PQclear (result);
  if (found != SCHEMA_VERSION)
    {
      PQclear (PQexec (formatter->db, "ROLLBACK"));
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: not a newsflow database (schema version %d, expected %d)",
                   formatter->where, found, SCHEMA_VERSION);
      return FALSE;
    }
  return exec (formatter, "COMMIT", error) && exec (formatter, staging, error);
}

static gboolean
postgresql_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  long batch = cfg_getint (config, "batch");
  const char *text_search = cfg_getstr (config, "text-search");
  if (batch < 1)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "batch must be at least 1");
      return FALSE;
    }
  /* It goes into the table definition as a literal: a plain name, nothing else. */
  for (const char *p = text_search; *p || p == text_search; p++)
    if (!(g_ascii_islower (*p) || *p == '_' || (p > text_search && g_ascii_isdigit (*p))))
      {
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                     "text-search: '%s' is not a text search configuration name (english, simple, ...)", text_search);
        return FALSE;
      }

  PgFormatter *formatter = g_new0 (PgFormatter, 1);
  formatter->batch = (guint) batch;
  formatter->resume = cfg_getbool (config, "skip-existing");
  formatter->replace = !formatter->resume && strcmp (cfg_getstr (config, "mode"), "replace") == 0;
  for (int i = 0; i < N_ROWS; i++)
    formatter->rows[i] = g_string_new (NULL);
  formatter->db = PQconnectdb (cfg_getstr (config, "connection"));
  formatter->where = g_strdup_printf ("postgresql %s on %s:%s", PQdb (formatter->db) ? PQdb (formatter->db) : "?",
                                      PQhost (formatter->db) ? PQhost (formatter->db) : "?",
                                      PQport (formatter->db) ? PQport (formatter->db) : "?");
  gboolean ok = TRUE;
  if (PQstatus (formatter->db) != CONNECTION_OK)
    ok = pg_error (formatter, "cannot connect", error);
  else if (PQsetClientEncoding (formatter->db, "UTF8") != 0)
    ok = pg_error (formatter, "client encoding", error);
  else
    {
      g_autofree char *check = g_strdup_printf ("SELECT '%s'::regconfig", text_search);
      ok = exec (formatter, "SET client_min_messages = warning", error)
           && exec (formatter, check, error) && prepare_schema (formatter, text_search, error);
    }
  if (!ok)
    {
      postgresql_free (formatter);
      return FALSE;
    }
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

static gboolean
postgresql_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, G_GNUC_UNUSED GError **error)
{
  PgFormatter *formatter = nf_stage_get_instance (stage);
  add_article (formatter, article);
  /* Memory stays bounded between commit points; a failure is the commit's to report. */
  if (formatter->pending >= formatter->batch)
    {
      g_autoptr (GError) local = NULL;
      if (!write_batch (formatter, &local) && formatter->failure == NULL)
        formatter->failure = g_steal_pointer (&local);
    }
  return TRUE;
}

/* The commit point: what is buffered, written in one transaction.  When it (or a batch
 * written since the last commit point) failed, the run fails those articles. */
static gboolean
postgresql_commit (NfStage *stage, GError **error)
{
  PgFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->failure)
    {
      clear_rows (formatter);
      g_propagate_error (error, g_steal_pointer (&formatter->failure));
      return FALSE;
    }
  return write_batch (formatter, error);
}

static gboolean
postgresql_has_article (NfStage *stage, const char *id)
{
  PgFormatter *formatter = nf_stage_get_instance (stage);
  if (!formatter->resume)
    return FALSE;
  const char *values[] = { id };
  PGresult *result = PQexecParams (formatter->db, "SELECT 1 FROM articles WHERE id = $1", 1, NULL,
                                   values, NULL, NULL, 0);
  gboolean found = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0;
  PQclear (result);
  return found;
}

static gboolean
postgresql_finish (NfStage *stage, GError **error)
{
  return postgresql_commit (stage, error);
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "postgresql",
  .summary = "Writes PostgreSQL tables: articles with full-text search (tsvector, GIN), entities, quotes, keywords",
  .options = postgresql_options,
  .init = postgresql_init,
  .process = postgresql_process,
  .commit = postgresql_commit,
  .has_article = postgresql_has_article,
  .finish = postgresql_finish,
  .free = postgresql_free,
);
