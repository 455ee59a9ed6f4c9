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

/* The contents of the list @name, checked to be UTF-8 (so without a NUL); @path receives
 * where it was found, @length its size. */
static char *
read_list (const char *name, char **path, gsize *length, GError **error)
{
  *path = resolve (name, error);
  if (!*path)
    return NULL;
  g_autofree char *contents = NULL;
  if (!g_file_get_contents (*path, &contents, length, error))
    return NULL;
  if (!nf_utf8_validate (contents, *length, NULL)) /* tens of thousands of lines at start-up */
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT, "%s: not valid UTF-8", *path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* The line at *@at (before @stop, where the contents' NUL is), ended by a NUL in place of
 * its trailing whitespace (as g_strchomp would), its length in *@length, *@at moved past
 * it; NULL after the last.  Tens of thousands of lines are read when a chain starts. */
static inline char *
next_line (char **at, char *stop, gsize *length)
{
  char *line = *at;
  if (line >= stop)
    return NULL;
  char *end = memchr (line, '\n', stop - line);
  *at = end ? end + 1 : stop;
  if (!end)
    end = stop;
  while (end > line && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';
  *length = end - line;
  return line;
}

typedef gboolean (*LineFunc) (gpointer data, char *line, gsize length, GString *scratch, const char *path,
                              guint number, GError **error);

/* Calls @line_func on each significant line of the file @name. */
static gboolean
for_each_line (const char *name, LineFunc line_func, gpointer data, GError **error)
{
  g_autofree char *path = NULL;
  gsize size = 0;
  g_autofree char *contents = read_list (name, &path, &size, error);
  if (!contents)
    return FALSE;
  g_autoptr (GString) scratch = g_string_sized_new (64);
  guint number = 0;
  gsize length;
  for (char *at = contents, *line; (line = next_line (&at, contents + size, &length));)
    {
      number++;
      if (*line == '\0' || *line == '#')
        continue;
      if (!line_func (data, line, length, scratch, path, number, error))
        return FALSE;
    }
  return TRUE;
}

/* @length bytes of @text folded as nlp_fold_append folds them, into @scratch (its str).
 * ASCII, nearly every line, is only lowered. */
static void
fold_into (GString *scratch, const char *text, gsize length)
{
  g_string_set_size (scratch, length);
  for (gsize k = 0; k < length; k++)
    {
      char ch = text[k];
      if ((guchar) ch >= 0x80)
        {
          g_string_truncate (scratch, 0);
          nlp_fold_append (scratch, text, length);
          return;
        }
      scratch->str[k] = (ch >= 'A' && ch <= 'Z') ? (char) (ch + ('a' - 'A')) : ch;
    }
}

static gboolean
add_word (gpointer set, char *line, gsize length, GString *scratch, G_GNUC_UNUSED const char *path,
          G_GNUC_UNUSED guint number, G_GNUC_UNUSED GError **error)
{
  fold_into (scratch, line, length);
  g_hash_table_add (set, g_memdup2 (scratch->str, scratch->len + 1));
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
fold_line (NlpSortedWords *list, char *line, gsize length, GString **scratch)
{
  for (gsize k = 0; k < length; k++)
    {
      if ((guchar) line[k] >= 0x80)
        goto unicode;
      if (line[k] >= 'A' && line[k] <= 'Z')
        line[k] += 'a' - 'A';
    }
  return line;
unicode:
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
  gsize size = 0, length;
  if (!(list->contents = read_list (name, &path, &size, error)))
    return NULL;
  g_autoptr (GString) scratch = NULL;
  guint n = 0, n_written = G_MAXUINT, allocated = 1024;
  const char **order = g_new (const char *, allocated);
  for (char *at = list->contents, *line; (line = next_line (&at, list->contents + size, &length));)
    {
      if (*line == '#' && n_written == G_MAXUINT && g_str_has_prefix (line, NLP_GENERATED_MARKER))
        n_written = n;
      if (*line == '\0' || *line == '#')
        continue;
      if (n == allocated)
        order = g_renew (const char *, order, allocated *= 2);
      order[n++] = fold_line (list, line, length, &scratch);
    }
  list->n = n;
  list->n_written = MIN (n_written, n);
  if (words_sorted (order, n))
    list->words = list->written = order;
  else
    {
      list->words = g_new (const char *, n);
      sort_words (list->words, order, n, list->n_written);
      list->written = order;
    }
  return g_steal_pointer (&list);
}

void
nlp_sorted_words_index (NlpSortedWords *list)
{
  g_free (list->slots);
  list->n_slots = 16;
  while (list->n_slots < 2 * list->n)
    list->n_slots *= 2;
  /* calloc's fresh pages are mapped on the first read of a slot and again at the first
   * write, two page faults a page: a zero written into each page maps it for writing at once */
  list->slots = g_new0 (guint32, 2 * (gsize) list->n_slots);
  for (gsize at = 0; at < 2 * (gsize) list->n_slots * sizeof *list->slots; at += 4096)
    ((volatile char *) list->slots)[at] = 0;
  guint mask = list->n_slots - 1;
  /* by batches whose slots are asked of the memory together first: a slot a word, at random
   * in a table larger than the cache, each waiting for its slot was most of the time */
  enum { BATCH = 32 };
  guint32 hashes[BATCH];
  for (guint k = 0; k < list->n; k += BATCH)
    {
      guint m = MIN (BATCH, list->n - k);
      for (guint j = 0; j < m; j++)
        {
          hashes[j] = nf_text_fold_hash (list->words[k + j], strlen (list->words[k + j]));
#if defined(__GNUC__)
          __builtin_prefetch (&list->slots[2 * (hashes[j] & mask)]);
#endif
        }
      for (guint j = 0; j < m; j++)
        {
          guint at = hashes[j] & mask;
          while (list->slots[2 * at + 1])
            at = (at + 1) & mask;
          list->slots[2 * at] = hashes[j];
          list->slots[2 * at + 1] = k + j + 1;
        }
    }
}

gboolean
nlp_sorted_words_has (const NlpSortedWords *list, const char *word)
{
  if (list->slots)
    {
      guint32 hash = nf_text_fold_hash (word, strlen (word));
      guint mask = list->n_slots - 1;
      for (guint at = hash & mask; list->slots[2 * at + 1]; at = (at + 1) & mask)
        if (list->slots[2 * at] == hash && strcmp (list->words[list->slots[2 * at + 1] - 1], word) == 0)
          return TRUE;
      return FALSE;
    }
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
  g_free (list->slots);
  g_free (list);
}

/* An entry is one allocation: the NlpEntry, then its canonical name and its key (the table's
 * key points into it), freed with the value; tens of thousands are loaded at a start. */
GHashTable *
nlp_gazetteer_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static const char *const labels[] = {
  NF_LABEL_PERSON, NF_LABEL_LOCATION, NF_LABEL_ORGANIZATION, NF_LABEL_NATIONALITY, NULL,
};

/* @text without the ASCII whitespace around it (as g_strstrip, without moving it). */
static char *
strip (char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  char *end = text + strlen (text);
  while (end > text && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';
  return text;
}

/* "name<TAB>LABEL[<TAB>canonical]", split in place: the name folded into @scratch, *@label
 * and *@canonical (the name when none is given); FALSE for a bad label, with @error set.  A
 * blank name leaves @scratch empty. */
static gboolean
split_entry (char *line, GString *scratch, const char *path, guint number, const char **label_out,
             const char **canonical_out, GError **error)
{
  char *label = strchr (line, '\t');
  char *canonical = label ? strchr (label + 1, '\t') : NULL;
  if (label)
    *label++ = '\0';
  if (canonical)
    *canonical++ = '\0';
  const char *known = NULL;
  if (label)
    label = strip (label);
  for (guint l = 0; label && labels[l] && !known; l++)
    if (strcmp (label, labels[l]) == 0)
      known = labels[l];
  if (!known)
    {
      g_set_error (error, NF_ERROR, NF_ERROR_INVALID_INPUT,
                   "%s:%u: expected 'name<TAB>LABEL[<TAB>canonical]' with LABEL one of "
                   "PERSON, LOCATION, ORGANIZATION, NATIONALITY", path, number);
      return FALSE;
    }
  const char *name = strip (line);
  if (!canonical || !*(canonical = strip (canonical)))
    canonical = (char *) name;
  fold_into (scratch, name, strlen (name));
  *label_out = known;
  *canonical_out = canonical;
  return TRUE;
}

static gboolean
add_entry (gpointer data, char *line, G_GNUC_UNUSED gsize length, GString *scratch, const char *path,
           guint number, GError **error)
{
  GHashTable *table = data;
  const char *label, *canonical;
  if (!split_entry (line, scratch, path, number, &label, &canonical, error))
    return FALSE;
  if (scratch->len == 0 || g_hash_table_contains (table, scratch->str))
    return TRUE;
  gsize canonical_size = strlen (canonical) + 1;
  NlpEntry *entry = g_malloc (sizeof *entry + canonical_size + scratch->len + 1);
  char *strings = (char *) (entry + 1);
  entry->label = label;
  entry->canonical = memcpy (strings, canonical, canonical_size);
  char *key = memcpy (strings + canonical_size, scratch->str, scratch->len + 1);
  g_hash_table_insert (table, key, entry);
  return TRUE;
}

gboolean
nlp_gazetteer_load (GHashTable *table, const char *name, GError **error)
{
  return for_each_line (name, add_entry, table, error);
}

typedef struct {
  NlpGazetteerFunc func;
  gpointer         data;
} Reader;

static gboolean
read_entry (gpointer data, char *line, G_GNUC_UNUSED gsize length, GString *scratch, const char *path, guint number,
            GError **error)
{
  const Reader *reader = data;
  const char *label, *canonical;
  if (!split_entry (line, scratch, path, number, &label, &canonical, error))
    return FALSE;
  if (scratch->len > 0)
    reader->func (scratch->str, scratch->len, label, canonical, reader->data);
  return TRUE;
}

gboolean
nlp_gazetteer_read (const char *name, NlpGazetteerFunc func, gpointer data, GError **error)
{
  Reader reader = { func, data };
  return for_each_line (name, read_entry, &reader, error);
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
