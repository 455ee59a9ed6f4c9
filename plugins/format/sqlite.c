/* format "sqlite": a SQLite database of the run: articles with a full-text index over title
 * and body, entities and their mentions, quotes, keywords, sources, and every other field and
 * annotation; re-running into the same file with mode = append replaces articles by id.
 * Each batch of the run (between its commit points) is one transaction, committed in
 * commit(); skip-existing resumes into the file, skipping the ids it holds. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>
#include <newsflow/newsflow.h>

/* The schema; PRAGMA user_version says which one a file has.  Documented, with example
 * queries, in newsflow.chain(5): keep both in step. */
#define SCHEMA_VERSION 1
static const char schema[] =
  "CREATE TABLE articles (\n"
  "  key INTEGER PRIMARY KEY,\n"        /* stable rowid for the full-text index */
  "  id TEXT NOT NULL UNIQUE,\n"
  "  source TEXT NOT NULL,\n"
  "  title TEXT,\n"
  "  authors TEXT NOT NULL,\n"          /* JSON array of strings */
  "  published TEXT,\n"                 /* ISO 8601 in UTC: 2026-11-25T09:00:00Z */
  "  language TEXT,\n"
  "  summary TEXT,\n"
  "  text TEXT,\n"
  "  fields TEXT NOT NULL\n"            /* JSON object of every named field */
  ");\n"
  "CREATE INDEX articles_published ON articles (published);\n"
  "CREATE TABLE entities (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  label TEXT NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  UNIQUE (name, label)\n"
  ");\n"
  "CREATE TABLE mentions (\n"
  "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  entity_id INTEGER NOT NULL REFERENCES entities (id),\n"
  "  start INTEGER NOT NULL,\n"
  "  end INTEGER NOT NULL,\n"
  "  text TEXT NOT NULL\n"
  ");\n"
  "CREATE INDEX mentions_article ON mentions (article_id);\n"
  "CREATE INDEX mentions_entity ON mentions (entity_id);\n"
  "CREATE TABLE quotes (\n"
  "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  speaker TEXT,\n"
  "  cue TEXT,\n"
  "  start INTEGER NOT NULL,\n"
  "  end INTEGER NOT NULL,\n"
  "  text TEXT NOT NULL,\n"
  "  attrs TEXT NOT NULL\n"             /* JSON object of every attribute */
  ");\n"
  "CREATE INDEX quotes_article ON quotes (article_id);\n"
  "CREATE INDEX quotes_speaker ON quotes (speaker);\n"
  "CREATE TABLE keywords (\n"
  "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  rank INTEGER NOT NULL,\n"
  "  keyword TEXT NOT NULL,\n"
  "  score REAL\n"
  ");\n"
  "CREATE INDEX keywords_article ON keywords (article_id);\n"
  "CREATE INDEX keywords_keyword ON keywords (keyword);\n"
  "CREATE TABLE sources (\n"
  "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  rank INTEGER NOT NULL,\n"
  "  source TEXT NOT NULL\n"
  ");\n"
  "CREATE INDEX sources_article ON sources (article_id);\n"
  "CREATE TABLE annotations (\n"        /* every annotation that is not an entity or a quote */
  "  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,\n"
  "  type TEXT NOT NULL,\n"
  "  start INTEGER NOT NULL,\n"
  "  end INTEGER NOT NULL,\n"
  "  text TEXT NOT NULL,\n"
  "  attrs TEXT NOT NULL\n"
  ");\n"
  "CREATE INDEX annotations_article ON annotations (article_id);\n"
  "PRAGMA user_version = 1;\n";

/* The full-text index, with the tokenizer option (checked to hold only words and numbers). */
static const char fts_table[] =
  "CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'key',"
  " tokenize = '%s');\n";

/* What keeps the full-text index in step with articles.  replace mode creates them only when
 * the run completes, after indexing every article at once ('rebuild'), which is faster than
 * indexing one article at a time. */
static const char fts_triggers[] =
  "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN\n"
  "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.key, new.title, new.text);\n"
  "END;\n"
  "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN\n"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.key, old.title, old.text);\n"
  "END;\n"
  "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN\n"
  "  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.key, old.title, old.text);\n"
  "  INSERT INTO articles_fts (rowid, title, text) VALUES (new.key, new.title, new.text);\n"
  "END;\n";

typedef enum {
  UPSERT_ARTICLE, DELETE_MENTIONS, DELETE_QUOTES, DELETE_KEYWORDS, DELETE_SOURCES,
  DELETE_ANNOTATIONS, INSERT_ENTITY, SELECT_ENTITY, INSERT_MENTION, INSERT_QUOTE,
  INSERT_KEYWORD, INSERT_SOURCE, INSERT_ANNOTATION, N_STATEMENTS
} Statement;

static const char *const statements[N_STATEMENTS] = {
  [UPSERT_ARTICLE] =
    "INSERT INTO articles (id, source, title, authors, published, language, summary, text, fields) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET "
    "source = excluded.source, title = excluded.title, authors = excluded.authors, "
    "published = excluded.published, language = excluded.language, summary = excluded.summary, "
    "text = excluded.text, fields = excluded.fields",
  [DELETE_MENTIONS] = "DELETE FROM mentions WHERE article_id = ?1",
  [DELETE_QUOTES] = "DELETE FROM quotes WHERE article_id = ?1",
  [DELETE_KEYWORDS] = "DELETE FROM keywords WHERE article_id = ?1",
  [DELETE_SOURCES] = "DELETE FROM sources WHERE article_id = ?1",
  [DELETE_ANNOTATIONS] = "DELETE FROM annotations WHERE article_id = ?1",
  [INSERT_ENTITY] = "INSERT OR IGNORE INTO entities (label, name) VALUES (?1, ?2)",
  [SELECT_ENTITY] = "SELECT id FROM entities WHERE name = ?2 AND label = ?1",
  [INSERT_MENTION] = "INSERT INTO mentions (article_id, entity_id, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
  [INSERT_QUOTE] = "INSERT INTO quotes (article_id, speaker, cue, start, end, text, attrs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [INSERT_KEYWORD] = "INSERT INTO keywords (article_id, rank, keyword, score) VALUES (?1, ?2, ?3, ?4)",
  [INSERT_SOURCE] = "INSERT INTO sources (article_id, rank, source) VALUES (?1, ?2, ?3)",
  [INSERT_ANNOTATION] = "INSERT INTO annotations (article_id, type, start, end, text, attrs) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
};

typedef struct {
  char         *path;       /* what the user named */
  char         *temporary;  /* mode = replace: the file built, renamed to path at the end */
  sqlite3      *db;
  sqlite3_stmt *statements[N_STATEMENTS];
  GHashTable   *entity_ids; /* "label\x1fname" -> id, so each entity is looked up once */
  sqlite3_stmt *has_article;
  gboolean      in_transaction; /* a batch is open */
  GError       *batch_error; /* the open batch was lost (SQLite rolled it back): its error */
  gboolean      resume;     /* skip-existing */
  gboolean      committed;
} SqliteFormatter;

static const NfOption sqlite_options[] = {
  NF_OPTION_STR ("output", "newsflow.db", "The database file."),
  NF_OPTION_CHOICE ("mode", "replace", "replace|append",
                    "replace builds a new database and puts it in place of the file when the run "
                    "completes; append adds to the file (creating it if needed), replacing "
                    "articles whose id is already there."),
  NF_OPTION_INT ("batch", 5000, "Ignored, kept so that older chains still load: each batch of "
                 "the run is one transaction, committed at the run's commit points (newsflow "
                 "--commit-every, --commit-interval)."),
  NF_OPTION_BOOL ("skip-existing", cfg_false, "Resume: append to the database (as mode = append) "
                  "and skip articles whose id it already holds (newsflow --resume sets it)."),
  NF_OPTION_STR ("tokenizer", "porter unicode61 remove_diacritics 2",
                 "The FTS5 tokenizer of the full-text index, fixed when the database is created: the "
                 "default stems English words (\"evacuate\" finds \"evacuated\") and ignores accents; "
                 "\"unicode61 remove_diacritics 2\" matches words exactly, for other languages."),
  NF_OPTION_END
};

static gboolean
db_error (SqliteFormatter *formatter, GError **error)
{
  g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", formatter->path, sqlite3_errmsg (formatter->db));
  return FALSE;
}

static gboolean
exec (SqliteFormatter *formatter, const char *sql, GError **error)
{
  return sqlite3_exec (formatter->db, sql, NULL, NULL, NULL) == SQLITE_OK || db_error (formatter, error);
}

static void
sqlite_free (gpointer instance)
{
  SqliteFormatter *formatter = instance;
  for (guint i = 0; i < N_STATEMENTS; i++)
    sqlite3_finalize (formatter->statements[i]);
  sqlite3_finalize (formatter->has_article);
  /* An open transaction (a run that did not complete) is rolled back by closing. */
  sqlite3_close (formatter->db);
  g_clear_error (&formatter->batch_error);
  if (formatter->temporary && !formatter->committed)
    unlink (formatter->temporary);
  g_free (formatter->temporary);
  g_free (formatter->path);
  g_clear_pointer (&formatter->entity_ids, g_hash_table_unref);
  g_free (formatter);
}

/* Creates the schema in a new database, or checks that an existing one has it. */
static gboolean
prepare_schema (SqliteFormatter *formatter, const char *tokenizer, GError **error)
{
  g_autofree char *fts = g_strdup_printf (fts_table, tokenizer);
  sqlite3_stmt *statement = NULL;
  if (sqlite3_prepare_v2 (formatter->db, "SELECT (SELECT count(*) FROM sqlite_master), "
                          "(SELECT user_version FROM pragma_user_version)", -1, &statement, NULL) != SQLITE_OK
      || sqlite3_step (statement) != SQLITE_ROW)
    {
      sqlite3_finalize (statement);
      return db_error (formatter, error);
    }
  int objects = sqlite3_column_int (statement, 0), version = sqlite3_column_int (statement, 1);
  sqlite3_finalize (statement);
  if (objects == 0)
    return exec (formatter, "BEGIN", error) && exec (formatter, schema, error) && exec (formatter, fts, error)
           && (formatter->temporary || exec (formatter, fts_triggers, error))
           && exec (formatter, "COMMIT", error);
  if (version != SCHEMA_VERSION)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO,
                   "%s: not a newsflow database (schema version %d, expected %d)",
                   formatter->path, version, SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_init (NfStage *stage, GError **error)
{
  cfg_t *config = nf_stage_get_config (stage);
  const char *path = cfg_getstr (config, "output");
  gboolean resume = cfg_getbool (config, "skip-existing");
  gboolean append = resume || strcmp (cfg_getstr (config, "mode"), "append") == 0;
  if (strcmp (path, "-") == 0 || *path == '\0')
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "output must be a file: a database cannot go to standard output");
      return FALSE;
    }
  /* It goes into the table definition between quotes: words and numbers only. */
  const char *tokenizer = cfg_getstr (config, "tokenizer");
  for (const char *p = tokenizer; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != ' ' && *p != '_')
      {
        g_set_error (error, NF_ERROR, NF_ERROR_CHAIN,
                     "tokenizer: '%s' is not an FTS5 tokenizer (words and numbers, such as "
                     "\"porter unicode61 remove_diacritics 2\")", tokenizer);
        return FALSE;
      }
  if (cfg_getint (config, "batch") < 1)
    {
      g_set_error_literal (error, NF_ERROR, NF_ERROR_CHAIN, "batch must be at least 1");
      return FALSE;
    }

  SqliteFormatter *formatter = g_new0 (SqliteFormatter, 1);
  formatter->path = g_strdup (path);
  formatter->resume = resume;
  formatter->entity_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* What can be known up front fails the chain before any article, with the system's reason
   * (SQLite would only say "unable to open database file"). */
  struct stat existing;
  g_autofree char *dir = g_path_get_dirname (path);
  int reason = 0;
  if (stat (path, &existing) == 0)
    {
      if (S_ISDIR (existing.st_mode))
        reason = EISDIR;
      else if (!S_ISREG (existing.st_mode))
        reason = EINVAL;
      else if (access (path, R_OK | W_OK) != 0)
        reason = errno;
    }
  else if (errno != ENOENT)
    reason = errno;
  else if (access (dir, W_OK | X_OK) != 0)
    reason = errno;
  if (reason != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path,
                   reason == EINVAL ? "not a regular file" : g_strerror (reason));
      sqlite_free (formatter);
      return FALSE;
    }
  const char *open_path = path;
  if (!append)
    {
      g_autofree char *base = g_path_get_basename (path);
      /* With the PID, like nf_output_open: a later run removes it if this one dies. */
      formatter->temporary = g_strdup_printf ("%s/.%s.partial-%d-XXXXXX", dir, base, (int) getpid ());
      int fd = g_mkstemp (formatter->temporary);
      if (fd < 0)
        {
          g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", path, g_strerror (errno));
          g_clear_pointer (&formatter->temporary, g_free);
          sqlite_free (formatter);
          return FALSE;
        }
      /* mkstemp makes the file private; give the database a normal file's permissions. */
      mode_t mask = umask (0);
      umask (mask);
      fchmod (fd, 0666 & ~mask);
      close (fd);
      open_path = formatter->temporary;
    }
  if (sqlite3_open_v2 (open_path, &formatter->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      db_error (formatter, error);
      sqlite_free (formatter);
      return FALSE;
    }
  sqlite3_extended_result_codes (formatter->db, 1);
  /* Someone reading the database while a long-running chain appends to it (a dashboard, the
   * sqlite3 shell) holds its lock for a moment: wait for it rather than fail the batch. */
  sqlite3_busy_timeout (formatter->db, 10000);
  /* replace builds a private file that is renamed only when complete: it is synced once at
   * the end, and its journal (for rolling back a failed batch) stays in memory.  append
   * writes the user's file in place: each batch is a durable transaction. */
  const char *pragmas = append ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                               : "PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;";
  gboolean ok = exec (formatter, pragmas, error) && prepare_schema (formatter, cfg_getstr (config, "tokenizer"), error);
  for (guint i = 0; ok && i < N_STATEMENTS; i++)
    if (sqlite3_prepare_v3 (formatter->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &formatter->statements[i], NULL) != SQLITE_OK)
      ok = db_error (formatter, error);
  if (ok && resume
      && sqlite3_prepare_v3 (formatter->db, "SELECT 1 FROM articles WHERE id = ?1", -1,
                             SQLITE_PREPARE_PERSISTENT, &formatter->has_article, NULL) != SQLITE_OK)
    ok = db_error (formatter, error);
  if (!ok)
    {
      sqlite_free (formatter);
      return FALSE;
    }
  nf_stage_set_instance (stage, formatter);
  return TRUE;
}

/* Binds @values (a printf-like list: 's' text or NULL, 'i' gint64, 'd' double, 'n' null)
 * and runs the statement to completion. */
static gboolean
run (SqliteFormatter *formatter, Statement which, GError **error, const char *types, ...)
{
  sqlite3_stmt *statement = formatter->statements[which];
  va_list args;
  va_start (args, types);
  for (int i = 0; types[i]; i++)
    switch (types[i])
      {
      case 's':
        sqlite3_bind_text (statement, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
        break;
      case 'i':
        sqlite3_bind_int64 (statement, i + 1, va_arg (args, gint64));
        break;
      case 'd':
        sqlite3_bind_double (statement, i + 1, va_arg (args, double));
        break;
      default:
        sqlite3_bind_null (statement, i + 1);
        break;
      }
  va_end (args);
  int status;
  while ((status = sqlite3_step (statement)) == SQLITE_ROW)
    ;
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return status == SQLITE_DONE || db_error (formatter, error);
}

static gboolean
entity_id (SqliteFormatter *formatter, const char *label, const char *name, gint64 *id, GError **error)
{
  g_autofree char *key = g_strconcat (label, "\x1f", name, NULL);
  gpointer cached;
  if (g_hash_table_lookup_extended (formatter->entity_ids, key, NULL, &cached))
    {
      *id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }
  if (!run (formatter, INSERT_ENTITY, error, "ss", label, name))
    return FALSE;
  sqlite3_stmt *select = formatter->statements[SELECT_ENTITY];
  sqlite3_bind_text (select, 1, label, -1, SQLITE_STATIC);
  sqlite3_bind_text (select, 2, name, -1, SQLITE_STATIC);
  gboolean found = sqlite3_step (select) == SQLITE_ROW;
  if (found)
    *id = sqlite3_column_int64 (select, 0);
  sqlite3_reset (select);
  sqlite3_clear_bindings (select);
  if (!found)
    return db_error (formatter, error);
  g_hash_table_insert (formatter->entity_ids, g_steal_pointer (&key), GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

static char *
to_json_text (JsonNode *node)
{
  return node ? json_to_string (node, FALSE) : g_strdup ("null");
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static gboolean
write_annotations (SqliteFormatter *formatter, const char *id, JsonArray *annotations, GError **error)
{
  for (guint i = 0; i < json_array_get_length (annotations); i++)
    {
      JsonObject *annotation = json_array_get_object_element (annotations, i);
      const char *type = json_object_get_string_member (annotation, "type");
      const char *text = json_object_get_string_member (annotation, "text");
      gint64 start = json_object_get_int_member (annotation, "start");
      gint64 end = json_object_get_int_member (annotation, "end");
      JsonObject *attrs = json_object_get_object_member (annotation, "attrs");
      g_autofree char *attrs_text = to_json_text (json_object_get_member (annotation, "attrs"));
      gboolean ok;
      if (strcmp (type, NF_ANNOTATION_ENTITY) == 0)
        {
          const char *label = member_string (attrs, NF_ATTR_LABEL);
          const char *canonical = member_string (attrs, NF_ATTR_CANONICAL);
          gint64 entity = 0;
          ok = entity_id (formatter, label ? label : "", canonical ? canonical : text, &entity, error)
               && run (formatter, INSERT_MENTION, error, "siiis", id, entity, start, end, text);
        }
      else if (strcmp (type, NF_ANNOTATION_QUOTE) == 0)
        ok = run (formatter, INSERT_QUOTE, error, "sssiiss", id, member_string (attrs, NF_ATTR_SPEAKER),
                  member_string (attrs, "cue"), start, end, text, attrs_text);
      else
        ok = run (formatter, INSERT_ANNOTATION, error, "ssiiss", id, type, start, end, text, attrs_text);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* "keywords": a list of strings, or of objects with a phrase (or keyword, or text) and a score. */
static gboolean
write_keywords (SqliteFormatter *formatter, const char *id, JsonNode *keywords, GError **error)
{
  if (keywords == NULL || !JSON_NODE_HOLDS_ARRAY (keywords))
    return TRUE;
  JsonArray *array = json_node_get_array (keywords);
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
      gboolean ok = score && JSON_NODE_HOLDS_VALUE (score) && json_node_get_value_type (score) != G_TYPE_STRING
                    ? run (formatter, INSERT_KEYWORD, error, "sisd", id, (gint64) i, keyword, json_node_get_double (score))
                    : run (formatter, INSERT_KEYWORD, error, "sisn", id, (gint64) i, keyword);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_sources (SqliteFormatter *formatter, const char *id, JsonNode *sources, GError **error)
{
  if (sources == NULL || !JSON_NODE_HOLDS_ARRAY (sources))
    return TRUE;
  JsonArray *array = json_node_get_array (sources);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *text = JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
                              ? g_strdup (json_node_get_string (element)) : to_json_text (element);
      if (!run (formatter, INSERT_SOURCE, error, "sis", id, (gint64) i, text))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_article (SqliteFormatter *formatter, NfArticle *article, GError **error)
{
  g_autoptr (JsonNode) node = nf_article_to_json (article);
  JsonObject *object = json_node_get_object (node);
  const char *id = nf_article_get_id (article);

  g_autofree char *authors = to_json_text (json_object_get_member (object, "authors"));
  GDateTime *published = nf_article_get_published (article);
  g_autoptr (GDateTime) utc = published ? g_date_time_to_utc (published) : NULL;
  g_autofree char *published_text = utc ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
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

  return run (formatter, UPSERT_ARTICLE, error, "sssssssss", id, nf_article_get_source (article),
              nf_article_get_title (article), authors, published_text, nf_article_get_language (article),
              member_string (object, NF_FIELD_SUMMARY), nf_article_get_text (article), fields_text)
         /* An article written before (append, or the same id twice): its rows are replaced. */
         && run (formatter, DELETE_MENTIONS, error, "s", id)
         && run (formatter, DELETE_QUOTES, error, "s", id)
         && run (formatter, DELETE_KEYWORDS, error, "s", id)
         && run (formatter, DELETE_SOURCES, error, "s", id)
         && run (formatter, DELETE_ANNOTATIONS, error, "s", id)
         && write_annotations (formatter, id, json_object_get_array_member (object, "annotations"), error)
         && write_keywords (formatter, id, json_object_get_member (object, NF_FIELD_KEYWORDS), error)
         && write_sources (formatter, id, json_object_get_member (object, "sources"), error);
}

/* The open batch is gone (rolled back by us or by SQLite): so are the entities it added. */
static void
batch_ended (SqliteFormatter *formatter)
{
  formatter->in_transaction = FALSE;
  g_hash_table_remove_all (formatter->entity_ids);
}

static gboolean
sqlite_process (NfStage *stage, G_GNUC_UNUSED gpointer worker, NfArticle *article, GError **error)
{
  SqliteFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->batch_error)
    {
      g_propagate_error (error, g_error_copy (formatter->batch_error));
      return FALSE;
    }
  if (!formatter->in_transaction)
    {
      if (!exec (formatter, "BEGIN", error))
        return FALSE;
      formatter->in_transaction = TRUE;
    }
  /* A savepoint per article: one that fails leaves nothing behind, the batch goes on. */
  if (!exec (formatter, "SAVEPOINT article", error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  if (write_article (formatter, article, &local))
    return exec (formatter, "RELEASE article", error);
  if (sqlite3_get_autocommit (formatter->db))
    {
      /* Some errors (a full disk, out of memory) make SQLite roll back the whole
       * transaction: the batch's earlier articles are lost too, and commit says so. */
      formatter->batch_error = g_error_copy (local);
      batch_ended (formatter);
    }
  else
    {
      sqlite3_exec (formatter->db, "ROLLBACK TO article; RELEASE article", NULL, NULL, NULL);
      g_hash_table_remove_all (formatter->entity_ids); /* ids the savepoint added are gone */
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* The batch's transaction, committed; on failure rolled back, so that the file holds
 * exactly the batches committed before. */
static gboolean
sqlite_commit (NfStage *stage, GError **error)
{
  SqliteFormatter *formatter = nf_stage_get_instance (stage);
  if (formatter->batch_error)
    {
      if (!sqlite3_get_autocommit (formatter->db))
        sqlite3_exec (formatter->db, "ROLLBACK", NULL, NULL, NULL);
      batch_ended (formatter);
      g_propagate_error (error, g_steal_pointer (&formatter->batch_error));
      return FALSE;
    }
  if (!formatter->in_transaction)
    return TRUE;
  if (exec (formatter, "COMMIT", error))
    {
      formatter->in_transaction = FALSE;
      return TRUE;
    }
  if (!sqlite3_get_autocommit (formatter->db))
    sqlite3_exec (formatter->db, "ROLLBACK", NULL, NULL, NULL);
  batch_ended (formatter);
  return FALSE;
}

static gboolean
sqlite_has_article (NfStage *stage, const char *id)
{
  SqliteFormatter *formatter = nf_stage_get_instance (stage);
  if (!formatter->resume)
    return FALSE;
  sqlite3_stmt *statement = formatter->has_article;
  sqlite3_bind_text (statement, 1, id, -1, SQLITE_STATIC);
  gboolean found = sqlite3_step (statement) == SQLITE_ROW;
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return found;
}

static gboolean
sqlite_finish (NfStage *stage, GError **error)
{
  SqliteFormatter *formatter = nf_stage_get_instance (stage);
  if (!sqlite_commit (stage, error))
    return FALSE;
  /* A new database is indexed now, at once; a file appended to had its index kept up to
   * date, and only has its segments merged, for faster queries.  That merge is optional:
   * when it fails (a full disk) it is rolled back and the file keeps every batch committed,
   * so finish does not fail for it (a failing finish means "the output is not kept"). */
  if (formatter->temporary
      ? !(exec (formatter, "BEGIN", error)
          && exec (formatter, "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')", error)
          && exec (formatter, fts_triggers, error) && exec (formatter, "COMMIT", error))
      : FALSE)
    return FALSE;
  if (formatter->temporary == NULL)
    sqlite3_exec (formatter->db, "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')", NULL, NULL, NULL);
  for (guint i = 0; i < N_STATEMENTS; i++)
    g_clear_pointer (&formatter->statements[i], sqlite3_finalize);
  g_clear_pointer (&formatter->has_article, sqlite3_finalize);
  if (sqlite3_close (formatter->db) != SQLITE_OK)
    return db_error (formatter, error);
  formatter->db = NULL;
  if (formatter->temporary == NULL)
    return TRUE;
  /* Synchronous writes were off while building: make the file durable before it appears. */
  int fd = open (formatter->temporary, O_RDONLY);
  if (fd < 0 || fsync (fd) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", formatter->path, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return FALSE;
    }
  close (fd);
  if (rename (formatter->temporary, formatter->path) != 0)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_IO, "%s: %s", formatter->path, g_strerror (errno));
      return FALSE;
    }
  formatter->committed = TRUE;
  return TRUE;
}

NF_PLUGIN_DEFINE (
  .kind = NF_PLUGIN_FORMAT,
  .name = "sqlite",
  .summary = "Writes a SQLite database: articles with full-text search, entities, quotes, keywords, sources",
  .options = sqlite_options,
  .init = sqlite_init,
  .process = sqlite_process,
  .commit = sqlite_commit,
  .has_article = sqlite_has_article,
  .finish = sqlite_finish,
  .free = sqlite_free,
);
