/* lexicon.c: loading the word lists and gazetteers of the entities and quotes extractors. */
#include <string.h>

#include <newsflow/names.h>

#include "lexicon.h"

/* Case-folded @text appended to @out.  Runs of ASCII, most of any English text, are folded in
 * place in one go: this runs for every word the quotes and entities extractors look up. */
void
nlp_fold_append (GString *out, const char *text, gsize length)
{
  const char *end = text + length;
  for (const char *p = text; p < end;)
    {
      const char *run = p;
      while (p < end && (guchar) *p < 0x80)
        p++;
      if (p > run)
        {
          gsize at = out->len;
          g_string_set_size (out, at + (p - run));
          for (char *o = out->str + at; run < p; run++, o++)
            *o = (*run >= 'A' && *run <= 'Z') ? (char) (*run + ('a' - 'A')) : *run;
          continue;
        }
      gunichar u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      if (u == 0x2019 || u == 0x2018)
        g_string_append_c (out, '\'');
      else
        g_string_append_unichar (out, g_unichar_tolower (u));
      p = g_utf8_next_char (p);
    }
}

/* A path the user gave is used as is; a shipped list is looked up in the data directories. */
static char *
resolve (const char *name, GError **error)
{
  if (g_path_is_absolute (name) || g_str_has_prefix (name, "./") || g_str_has_prefix (name, "../")
      || g_file_test (name, G_FILE_TEST_EXISTS))
    return g_strdup (name);
  return nf_data_find (name, error);
}

/* Calls @line_func on each significant line of the file @name. */
static gboolean
for_each_line (const char *name, gboolean (*line_func) (GHashTable *, char *, const char *, guint, GError **),
               GHashTable *table, GError **error)
{
  g_autofree char *path = resolve (name, error);
  if (!path)
    return FALSE;
  g_autofree char *contents = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not valid UTF-8", path);
      return FALSE;
    }
  guint number = 0;
  for (char *line = contents, *next; line && *line; line = next)
    {
      number++;
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      g_strchomp (line);
      if (*line == '\0' || *line == '#')
        continue;
      if (!line_func (table, line, path, number, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_word (GHashTable *set, char *line, G_GNUC_UNUSED const char *path, G_GNUC_UNUSED guint number,
          G_GNUC_UNUSED GError **error)
{
  g_autoptr (GString) key = g_string_new (NULL);
  nlp_fold_append (key, line, strlen (line));
  g_hash_table_add (set, g_string_free (g_steal_pointer (&key), FALSE));
  return TRUE;
}

GHashTable *
nlp_word_set_load (const char *name, GError **error)
{
  g_autoptr (GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!for_each_line (name, add_word, set, error))
    return NULL;
  return g_steal_pointer (&set);
}

gboolean
nlp_word_set_has (GHashTable *set, GString *scratch, const char *text, gsize length)
{
  g_string_truncate (scratch, 0);
  nlp_fold_append (scratch, text, length);
  return g_hash_table_contains (set, scratch->str);
}

gboolean
nlp_word_set_has_text (GHashTable *set, const char *text, gsize length)
{
  char folded[64];
  if (length < sizeof folded)
    {
      gsize k;
      for (k = 0; k < length && (guchar) text[k] < 0x80; k++)
        folded[k] = (text[k] >= 'A' && text[k] <= 'Z') ? (char) (text[k] + ('a' - 'A')) : text[k];
      if (k == length)
        {
          folded[length] = '\0';
          return g_hash_table_contains (set, folded);
        }
    }
  g_autoptr (GString) scratch = g_string_sized_new (2 * length + 1);
  return nlp_word_set_has (set, scratch, text, length);
}

static void
entry_free (gpointer data)
{
  NlpEntry *entry = data;
  g_free (entry->label);
  g_free (entry->canonical);
  g_free (entry);
}

GHashTable *
nlp_gazetteer_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
}

static const char *const labels[] = {
  NF_LABEL_PERSON, NF_LABEL_LOCATION, NF_LABEL_ORGANIZATION, NF_LABEL_NATIONALITY, NULL,
};

static gboolean
add_entry (GHashTable *table, char *line, const char *path, guint number, GError **error)
{
  g_auto (GStrv) fields = g_strsplit (line, "\t", 3);
  const char *label = fields[1] ? g_strstrip (fields[1]) : NULL;
  if (!label || !g_strv_contains (labels, label))
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "%s:%u: expected 'name<TAB>LABEL[<TAB>canonical]' with LABEL one of "
                   "PERSON, LOCATION, ORGANIZATION, NATIONALITY", path, number);
      return FALSE;
    }
  const char *name = g_strstrip (fields[0]);
  const char *canonical = fields[2] && *g_strstrip (fields[2]) ? fields[2] : name;
  if (*name == '\0')
    return TRUE;
  g_autoptr (GString) key = g_string_new (NULL);
  nlp_fold_append (key, name, strlen (name));
  if (g_hash_table_contains (table, key->str))
    return TRUE;
  NlpEntry *entry = g_new (NlpEntry, 1);
  entry->label = g_strdup (label);
  entry->canonical = g_strdup (canonical);
  g_hash_table_insert (table, g_string_free (g_steal_pointer (&key), FALSE), entry);
  return TRUE;
}

gboolean
nlp_gazetteer_load (GHashTable *table, const char *name, GError **error)
{
  return for_each_line (name, add_entry, table, error);
}

gsize
nlp_strip_possessive (const char *text, gsize start, gsize end)
{
  if (end - start > 3 && text[end - 1] == 's' && text[end - 2] == '\'')
    return end - 2;
  if (end - start > 5 && text[end - 1] == 's' && memcmp (text + end - 4, "\xe2\x80\x99", 3) == 0)
    return end - 4;
  if (end - start > 3 && text[end - 1] == '\'' && text[end - 2] == 's')
    return end - 1;
  return end;
}
