/* lexicon.c: loading the word lists and gazetteers of the entities and quotes extractors. */
#include <stdlib.h>
#include <string.h>

#include <newsflow/names.h>
#include <newsflow/safe.h>

#include "lexicon.h"

/* The core's folding (newsflow/text.h), so the lists and the shared token folds agree. */
void
nlp_fold_append (GString *out, const char *text, gsize length)
{
  nf_text_fold_append (out, text, length);
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

/* The contents of the list @name, checked to be UTF-8; @path receives where it was found. */
static char *
read_list (const char *name, char **path, GError **error)
{
  *path = resolve (name, error);
  if (!*path)
    return NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  if (!g_file_get_contents (*path, &contents, &length, error))
    return NULL;
  if (!nf_utf8_validate (contents, length, NULL)) /* tens of thousands of lines at start-up */
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not valid UTF-8", *path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* Calls @line_func on each significant line of the file @name. */
static gboolean
for_each_line (const char *name, gboolean (*line_func) (GHashTable *, char *, const char *, guint, GError **),
               GHashTable *table, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = read_list (name, &path, error);
  if (!contents)
    return FALSE;
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

/* The folded copy of @text: one allocation for ASCII, most of the lists (tens of thousands
 * of lines are loaded when a chain starts). */
static char *
fold_dup (const char *text, gsize length)
{
  gsize k = 0;
  while (k < length && (guchar) text[k] < 0x80)
    k++;
  if (k == length)
    return g_ascii_strdown (text, length);
  GString *folded = g_string_sized_new (2 * length + 1);
  nlp_fold_append (folded, text, length);
  return g_string_free (folded, FALSE);
}

static gboolean
add_word (GHashTable *set, char *line, G_GNUC_UNUSED const char *path, G_GNUC_UNUSED guint number,
          G_GNUC_UNUSED GError **error)
{
  g_hash_table_add (set, fold_dup (line, strlen (line)));
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

/* @text folded into @folded (64 bytes) when it is short ASCII, as nlp_fold_append would fold
 * it, without an allocation; NULL when it is not (the caller folds into a GString). */
static const char *
fold_short_ascii (const char *text, gsize length, char folded[64])
{
  if (length >= 64)
    return NULL;
  for (gsize k = 0; k < length; k++)
    {
      if ((guchar) text[k] >= 0x80)
        return NULL;
      folded[k] = (text[k] >= 'A' && text[k] <= 'Z') ? (char) (text[k] + ('a' - 'A')) : text[k];
    }
  folded[length] = '\0';
  return folded;
}

gboolean
nlp_word_set_has_text (GHashTable *set, const char *text, gsize length)
{
  char stack[64];
  const char *folded = fold_short_ascii (text, length, stack);
  if (folded)
    return g_hash_table_contains (set, folded);
  g_autoptr (GString) scratch = g_string_sized_new (2 * length + 1);
  return nlp_word_set_has (set, scratch, text, length);
}

static int
compare_words (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* @line folded as nlp_fold_append folds it: ASCII in place (nearly every line), another in
 * place too unless its fold is longer (a few capitals are), which then goes to list->longer. */
static const char *
fold_line (NlpSortedWords *list, char *line, GString **scratch)
{
  char *p = line;
  for (; *p && (guchar) *p < 0x80; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p += 'a' - 'A';
  if (!*p)
    return line;
  gsize length = (p - line) + strlen (p);
  if (!*scratch)
    *scratch = g_string_sized_new (2 * length + 1);
  g_string_truncate (*scratch, 0);
  nlp_fold_append (*scratch, line, length);
  if ((*scratch)->len <= length)
    {
      memcpy (line, (*scratch)->str, (*scratch)->len + 1);
      return line;
    }
  if (!list->longer)
    list->longer = g_string_chunk_new (256);
  return g_string_chunk_insert_len (list->longer, (*scratch)->str, (*scratch)->len);
}

static gboolean
words_sorted (const char *const *words, guint n)
{
  for (guint i = 1; i < n; i++)
    if (strcmp (words[i - 1], words[i]) > 0)
      return FALSE;
  return TRUE;
}

/* The @n words of @order sorted into @out: the two sorted parts of a list a script extended
 * (above and below its marker, @n_first and the rest) are merged in one pass; anything else
 * (a list a user wrote) is sorted. */
static void
sort_words (const char **out, const char *const *order, guint n, guint n_first)
{
  const char *const *a = order, *const *b = order + n_first;
  guint n_a = n_first, n_b = n - n_first;
  if (!words_sorted (a, n_a) || !words_sorted (b, n_b))
    {
      memcpy (out, order, n * sizeof *out);
      qsort (out, n, sizeof *out, compare_words);
      return;
    }
  guint i = 0, j = 0, k = 0;
  while (i < n_a && j < n_b)
    out[k++] = strcmp (a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < n_a)
    out[k++] = a[i++];
  while (j < n_b)
    out[k++] = b[j++];
}

NlpSortedWords *
nlp_sorted_words_load (const char *name, GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr (NlpSortedWords) list = g_new0 (NlpSortedWords, 1);
  if (!(list->contents = read_list (name, &path, error)))
    return NULL;
  g_autoptr (GString) scratch = NULL;
  GPtrArray *order = g_ptr_array_new ();
  guint n_written = G_MAXUINT;
  for (char *line = list->contents, *next; line && *line; line = next)
    {
      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      if (n_written == G_MAXUINT && g_str_has_prefix (line, NLP_GENERATED_MARKER))
        {
          n_written = order->len;
          continue;
        }
      g_strchomp (line);
      if (*line == '\0' || *line == '#')
        continue;
      g_ptr_array_add (order, (gpointer) fold_line (list, line, &scratch));
    }
  list->n = order->len;
  list->n_written = MIN (n_written, list->n);
  const char **file_order = (const char **) g_ptr_array_free (order, FALSE);
  if (words_sorted (file_order, list->n))
    list->words = list->written = file_order;
  else
    {
      list->words = g_new (const char *, list->n);
      sort_words (list->words, file_order, list->n, list->n_written);
      list->written = file_order;
    }
  return g_steal_pointer (&list);
}

gboolean
nlp_sorted_words_has (const NlpSortedWords *list, const char *word)
{
  return list->n > 0 && bsearch (&word, list->words, list->n, sizeof *list->words, compare_words) != NULL;
}

gboolean
nlp_sorted_words_has_text (const NlpSortedWords *list, const char *text, gsize length)
{
  char stack[64];
  const char *folded = fold_short_ascii (text, length, stack);
  if (folded)
    return nlp_sorted_words_has (list, folded);
  g_autoptr (GString) scratch = g_string_sized_new (2 * length + 1);
  nlp_fold_append (scratch, text, length);
  return nlp_sorted_words_has (list, scratch->str);
}

void
nlp_sorted_words_free (NlpSortedWords *list)
{
  if (!list)
    return;
  if (list->written != list->words)
    g_free (list->written);
  g_free (list->words);
  g_free (list->contents);
  if (list->longer)
    g_string_chunk_free (list->longer);
  g_free (list);
}

static void
entry_free (gpointer data)
{
  NlpEntry *entry = data;
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

/* "name<TAB>LABEL[<TAB>canonical]", split in place */
static gboolean
add_entry (GHashTable *table, char *line, const char *path, guint number, GError **error)
{
  char *label = strchr (line, '\t');
  char *canonical = label ? strchr (label + 1, '\t') : NULL;
  if (label)
    *label++ = '\0';
  if (canonical)
    *canonical++ = '\0';
  const char *known = NULL;
  for (guint l = 0; label && labels[l] && !known; l++)
    if (strcmp (g_strstrip (label), labels[l]) == 0)
      known = labels[l];
  if (!known)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "%s:%u: expected 'name<TAB>LABEL[<TAB>canonical]' with LABEL one of "
                   "PERSON, LOCATION, ORGANIZATION, NATIONALITY", path, number);
      return FALSE;
    }
  const char *name = g_strstrip (line);
  if (!canonical || !*g_strstrip (canonical))
    canonical = (char *) name;
  if (*name == '\0')
    return TRUE;
  char *key = fold_dup (name, strlen (name));
  if (g_hash_table_contains (table, key))
    {
      g_free (key);
      return TRUE;
    }
  NlpEntry *entry = g_new (NlpEntry, 1);
  entry->label = known;
  entry->canonical = g_strdup (canonical);
  g_hash_table_insert (table, key, entry);
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
