/* article.c: NfArticle, the refcounted item that flows through a chain.
 * Plain data with accessors; no locking because one stage owns an article at a time. */
#include "config.h"

#include <string.h>

#include "article-private.h"
#include <newsflow/error.h>
#include <newsflow/safe.h>
#include <newsflow/text.h>

/* The process's shared attribute names.  Bounded, because names can come from untrusted
 * input (the wire form, scripts) and a shared name is never freed: past the bound, names
 * are copied per attribute as before. */
#define MAX_SHARED_ATTR_KEYS 4096

static const char *
attr_key_share (const char *key)
{
  static GMutex lock;
  static GHashTable *shared;
  g_mutex_lock (&lock);
  if (shared == NULL)
    shared = g_hash_table_new (g_str_hash, g_str_equal);
  const char *found = g_hash_table_lookup (shared, key);
  if (found == NULL && g_hash_table_size (shared) < MAX_SHARED_ATTR_KEYS)
    {
      found = g_strdup (key);
      g_hash_table_add (shared, (gpointer) found);
    }
  g_mutex_unlock (&lock);
  return found;
}

/* Names the JSON form gives to core properties; a field may not shadow them. */
static const char *const reserved_names[] = {
  "id", "source", "content_type", "title", "authors", "published", "language",
  "text", "paragraphs", "annotations", NULL,
};

static void
field_clear (gpointer data)
{
  NfField *field = data;
  g_free (field->name);
  g_variant_unref (field->value);
}

/* A container built with GVariantBuilder is a tree of separate GVariants, one per string,
 * dict entry and variant box: about 100 bytes of bookkeeping for each, where the serialised
 * form needs a few: a list of 14,000 quotes (a 6 MB article's) takes 30 MB as a tree and 2.5 MB
 * serialised.  GLib serialises a tree on the first g_variant_get_data and then drops its
 * children; doing it when the value is stored means the article never keeps the tree. */
static GVariant *
serialise_tree (GVariant *value)
{
  if (g_variant_is_container (value))
    (void) g_variant_get_data (value);
  return value;
}

/* Takes the floating reference of @value (or adds one) and serialises it: see above. */
static GVariant *
compact_value (GVariant *value)
{
  return serialise_tree (g_variant_ref_sink (value));
}

/* ---- annotation storage ---- */

/* An attribute's value: a GVariant's reference, or what the pointer holds (an int64, one of
 * the list's strings), which the attribute does not own. */
static void
attr_value_release (gpointer value)
{
  if (nf_attr_is_variant (value))
    g_variant_unref (value);
}

/* Longer strings are not looked up for sharing: they seldom repeat, and the list would keep
 * a replaced one alive until the article goes. */
#define MAX_SHARED_STRING 1024

/* ---- arena ---- */

/* A malloc and a free for each attribute block and shared string were a third of what setting
 * an article's attributes cost; they all go when its annotations go (annotation_list_clear). */
#define ARENA_ALIGN      8       /* pointers and sizes; and two low bits free for the tags */
#define ARENA_FIRST_SIZE 1024    /* a short article's attributes */
#define ARENA_MAX_SIZE   (64 * 1024)

struct _NfArenaChunk {
  NfArenaChunk *previous;
  gsize         used, size;  /* bytes of data */
  /* the data follows, at an offset rounded up to ARENA_ALIGN */
};

#define ARENA_ROUND(n)  (((n) + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1))
#define CHUNK_DATA(c)   ((char *) (c) + ARENA_ROUND (sizeof (NfArenaChunk)))

static gpointer
arena_alloc (NfArena *arena, gsize bytes)
{
  bytes = ARENA_ROUND (bytes);
  NfArenaChunk *chunk = arena->chunk;
  if (chunk == NULL || chunk->size - chunk->used < bytes)
    {
      if (arena->next_size == 0)
        arena->next_size = ARENA_FIRST_SIZE;
      gsize size = MAX (bytes, arena->next_size);
      arena->next_size = MIN (2 * arena->next_size, ARENA_MAX_SIZE);
      chunk = g_malloc (ARENA_ROUND (sizeof (NfArenaChunk)) + size);
      *chunk = (NfArenaChunk) { arena->chunk, 0, size };
      arena->chunk = chunk;
    }
  gpointer block = CHUNK_DATA (chunk) + chunk->used;
  chunk->used += bytes;
  return block;
}

/* @block (@bytes) grown to @new_bytes: in place when it is the last one handed out and the
 * chunk has room, else copied to a new one (the old one stays until the arena goes). */
static gpointer
arena_grow (NfArena *arena, gpointer block, gsize bytes, gsize new_bytes)
{
  NfArenaChunk *chunk = arena->chunk;
  bytes = ARENA_ROUND (bytes);
  if (chunk && (char *) block + bytes == CHUNK_DATA (chunk) + chunk->used
      && chunk->size - chunk->used >= ARENA_ROUND (new_bytes) - bytes)
    {
      chunk->used += ARENA_ROUND (new_bytes) - bytes;
      return block;
    }
  gpointer moved = arena_alloc (arena, new_bytes);
  memcpy (moved, block, bytes);
  return moved;
}

static void
arena_clear (NfArena *arena)
{
  while (arena->chunk)
    {
      NfArenaChunk *previous = arena->chunk->previous;
      g_free (arena->chunk);
      arena->chunk = previous;
    }
  arena->next_size = 0;
}

static NfAnnotationList *
annotation_list_new (void)
{
  return g_new0 (NfAnnotationList, 1);
}

/* Annotation @i: block b holds FIRST_BLOCK << b of them and starts at FIRST_BLOCK * (2^b - 1),
 * so the list grows without ever moving one and finds any in constant time. */
static NfAnnotation *
annotation_list_slot (NfAnnotationList *list, guint i)
{
  guint64 q = (guint64) i / NF_ANNOTATION_FIRST_BLOCK + 1;
  guint b = g_bit_storage (q) - 1;
  guint64 first = (guint64) NF_ANNOTATION_FIRST_BLOCK * ((G_GUINT64_CONSTANT (1) << b) - 1);
  if (list->blocks[b] == NULL)
    list->blocks[b] = g_new (NfAnnotation, (gsize) NF_ANNOTATION_FIRST_BLOCK << b);
  return &list->blocks[b][i - first];
}

static void
annotation_list_clear (NfAnnotationList *list)
{
  for (guint i = 0; i < list->n; i++)
    {
      NfAnnotation *annotation = annotation_list_slot (list, i);
      for (guint k = 0; k < annotation->n_attrs; k++)
        attr_value_release (annotation->attrs[k].value);
    }
  for (guint b = 0; b < NF_ANNOTATION_BLOCKS; b++)
    g_clear_pointer (&list->blocks[b], g_free);
  list->n = 0;
  for (guint i = 0; i < list->strings_size; i++)
    if (list->strings[i].string)
      g_clear_pointer (&list->strings[i].string->variant, g_variant_unref);
  g_clear_pointer (&list->strings, g_free);
  arena_clear (&list->attrs_arena);
  arena_clear (&list->strings_arena);
  list->n_strings = list->strings_size = 0;
  g_clear_pointer (&list->values, g_hash_table_unref);
  g_clear_pointer (&list->keys, g_hash_table_unref);
}

static void
annotation_list_free (NfAnnotationList *list)
{
  annotation_list_clear (list);
  g_free (list);
}

/* The shared strings: an article's annotations repeat a few values thousands of times, and
 * a table of its own costs a fraction of a GHashTable's insert and lookup. */
static guint32
string_hash (const char *string)
{
  guint32 hash = 2166136261u;
  for (const guchar *p = (const guchar *) string; *p; p++)
    hash = (hash ^ *p) * 16777619u;
  return hash;
}

/* The slot of @key (hashed @hash): its own, or the free one where it would go. */
static NfSharedString *
strings_slot (const NfAnnotationList *list, const char *key, guint32 hash)
{
  guint mask = list->strings_size - 1;
  for (guint at = hash & mask;; at = (at + 1) & mask)
    {
      NfSharedString *slot = &list->strings[at];
      if (!slot->string || (slot->hash == hash && strcmp (slot->string->text, key) == 0))
        return slot;
    }
}

static NfAttrString *
strings_lookup (const NfAnnotationList *list, const char *key, guint32 hash)
{
  return list->strings_size ? strings_slot (list, key, hash)->string : NULL;
}

/* Adds a copy of @key (@length bytes of valid UTF-8, not in the list yet) and returns it; the
 * list owns it. */
static NfAttrString *
strings_add (NfAnnotationList *list, const char *key, gsize length, guint32 hash)
{
  if (2 * (list->n_strings + 1) > list->strings_size)
    {
      NfSharedString *old = list->strings;
      guint old_size = list->strings_size;
      list->strings_size = MAX (64, 2 * old_size);
      list->strings = g_new0 (NfSharedString, list->strings_size);
      for (guint i = 0; i < old_size; i++)
        if (old[i].string)
          *strings_slot (list, old[i].string->text, old[i].hash) = old[i];
      g_free (old);
    }
  NfAttrString *string = arena_alloc (&list->strings_arena, sizeof (NfAttrString) + length + 1);
  string->variant = NULL;
  string->length = length;
  memcpy (string->text, key, length);
  string->text[length] = '\0';
  *strings_slot (list, string->text, hash) = (NfSharedString) { string, hash };
  list->n_strings++;
  return string;
}

/* @value (sunk here) as an attribute keeps it: the list's equal value when it has one, so
 * that a value repeated by thousands of annotations is held once.  GVariants are immutable,
 * so a shared one cannot be told from a copy.  A string becomes one of the list's shared
 * strings (keeping @value, when in normal form, as the GVariant the getters return); a
 * container is serialised instead (compact_value).  Returns an attribute's value: a
 * reference for the caller, or a shared string. */
static gpointer
annotation_list_share (NfAnnotationList *list, GVariant *value)
{
  g_variant_ref_sink (value);
  const GVariantType *type = g_variant_get_type (value);
  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      gsize length;
      const char *text = g_variant_get_string (value, &length);
      if (length > MAX_SHARED_STRING)
        return value;
      guint32 hash = string_hash (text);
      NfAttrString *string = strings_lookup (list, text, hash);
      if (string == NULL)
        {
          string = strings_add (list, text, length, hash);
          if (g_variant_is_normal_form (value))
            string->variant = g_steal_pointer (&value);
        }
      g_clear_pointer (&value, g_variant_unref);
      return nf_attr_pack_string (string);
    }
  if (!g_variant_type_is_basic (type))
    return serialise_tree (value); /* already sunk above: one reference, the caller's */
  if (list->values == NULL)
    list->values = g_hash_table_new_full (g_variant_hash, g_variant_equal,
                                          (GDestroyNotify) g_variant_unref, NULL);
  GVariant *found = g_hash_table_lookup (list->values, value);
  if (found)
    {
      g_variant_unref (value);
      return g_variant_ref (found);
    }
  g_hash_table_add (list->values, g_variant_ref (value));
  return value;
}

/* @key as an attribute keeps it: the process's shared copy, or past its bound the list's. */
static const char *
annotation_list_key (NfAnnotationList *list, const char *key)
{
  for (guint i = 0; i < NF_ANNOTATION_RECENT_KEYS && list->recent_keys[i]; i++)
    if (list->recent_keys[i] == key || (list->recent_keys[i][0] == key[0] && strcmp (list->recent_keys[i], key) == 0))
      return list->recent_keys[i];
  const char *shared = attr_key_share (key);
  if (shared)
    {
      /* shared names live as long as the process: the list may keep them after a clear */
      list->recent_keys[list->next_recent_key] = shared;
      list->next_recent_key = (list->next_recent_key + 1) % NF_ANNOTATION_RECENT_KEYS;
      return shared;
    }
  if (list->keys == NULL)
    list->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *own = g_hash_table_lookup (list->keys, key);
  if (own == NULL)
    {
      own = g_strdup (key);
      g_hash_table_add (list->keys, (gpointer) own);
    }
  return own;
}

NfArticle *
nf_article_new (const char *source)
{
  NfArticle *article = g_new0 (NfArticle, 1);
  article->ref_count = 1;
  /* A file name need not be UTF-8 and may hold control characters: every output must stay
   * valid UTF-8 and a terminal must not receive escape sequences from a name. */
  article->source = nf_safe_is_displayable (source, -1) ? g_strdup (source ? source : "")
                                                        : nf_safe_display (source, -1);
  article->authors = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  article->paragraphs = g_array_new (FALSE, FALSE, sizeof (gsize));
  article->fields = g_array_new (FALSE, FALSE, sizeof (NfField));
  g_array_set_clear_func (article->fields, field_clear);
  article->annotations = annotation_list_new ();
  return article;
}

NfArticle *
nf_article_ref (NfArticle *article)
{
  g_return_val_if_fail (article != NULL, NULL);
  g_atomic_int_inc (&article->ref_count);
  return article;
}

void
nf_article_unref (NfArticle *article)
{
  if (article == NULL || !g_atomic_int_dec_and_test (&article->ref_count))
    return;
  g_free (article->source);
  g_free (article->id);
  g_clear_pointer (&article->raw, g_bytes_unref);
  g_free (article->content_type);
  g_free (article->title);
  g_ptr_array_unref (article->authors);
  g_clear_pointer (&article->published, g_date_time_unref);
  g_free (article->language);
  if (article->text)
    g_string_free (article->text, TRUE);
  g_array_unref (article->paragraphs);
  g_clear_pointer (&article->segmentation, nf_text_unref);
  g_array_unref (article->fields);
  annotation_list_free (article->annotations);
  g_free (article->drop_reason);
  g_free (article->failed_stage);
  g_clear_error (&article->error);
  /* Never notified (the run was aborted): only the user data is released, so that a source
   * waiting for the outcome (a broker's unacknowledged message) delivers the item again. */
  if (article->ended_destroy)
    article->ended_destroy (article->ended_data);
  g_free (article);
}

void
nf_article_set_ended_notify (NfArticle *article, NfArticleEndedFunc func, gpointer user_data,
                             GDestroyNotify destroy)
{
  g_return_if_fail (article != NULL);
  if (article->ended_destroy)
    article->ended_destroy (article->ended_data);
  article->ended = func;
  article->ended_data = user_data;
  article->ended_destroy = destroy;
}

const char *
nf_article_get_source (const NfArticle *article)
{
  return article->source;
}

const char *
nf_article_get_id (NfArticle *article)
{
  /* Derived lazily: most runs never ask, and a hash per article is not free. */
  if (article->id == NULL)
    {
      g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA1, article->source, -1);
      article->id = g_strndup (sha, 16);
    }
  return article->id;
}

/* A copy of @text (@length bytes, or up to its NUL when negative) that is valid UTF-8: every
 * string an article holds is, whoever wrote it.  A plugin's invalid bytes become U+FFFD here
 * rather than break a formatter downstream (JSON writers and GVariant refuse them). */
static char *
utf8_dup (const char *text, gssize length)
{
  if (text == NULL)
    return NULL;
  gsize bytes = length < 0 ? strlen (text) : (gsize) length;
  if (nf_utf8_validate (text, bytes, NULL))
    return g_strndup (text, bytes);
  return g_utf8_make_valid (text, length);
}

void
nf_article_set_id (NfArticle *article, const char *id)
{
  g_free (article->id);
  article->id = utf8_dup (id, -1);
}

guint64
nf_article_get_index (const NfArticle *article)
{
  return article->index;
}

GBytes *
nf_article_get_raw (const NfArticle *article)
{
  return article->raw;
}

void
nf_article_set_raw (NfArticle *article, GBytes *raw, const char *content_type)
{
  if (raw)
    g_bytes_ref (raw);
  g_clear_pointer (&article->raw, g_bytes_unref);
  article->raw = raw;
  nf_article_set_content_type (article, content_type);
}

const char *
nf_article_get_content_type (const NfArticle *article)
{
  return article->content_type;
}

void
nf_article_set_content_type (NfArticle *article, const char *content_type)
{
  g_free (article->content_type);
  article->content_type = g_strdup (content_type);
}

void
nf_article_clear_raw (NfArticle *article)
{
  g_clear_pointer (&article->raw, g_bytes_unref);
}

const char *
nf_article_get_title (const NfArticle *article)
{
  return article->title;
}

void
nf_article_set_title (NfArticle *article, const char *title)
{
  g_free (article->title);
  article->title = utf8_dup (title, -1);
}

const char *const *
nf_article_get_authors (const NfArticle *article)
{
  static const char *const none[] = { NULL };
  /* An empty null-terminated GPtrArray may not have allocated its terminator yet. */
  return article->authors->pdata ? (const char *const *) article->authors->pdata : none;
}

void
nf_article_add_author (NfArticle *article, const char *author)
{
  g_return_if_fail (author != NULL);
  g_ptr_array_add (article->authors, utf8_dup (author, -1));
}

void
nf_article_set_authors (NfArticle *article, const char *const *authors)
{
  g_ptr_array_set_size (article->authors, 0);
  for (const char *const *author = authors; author && *author; author++)
    nf_article_add_author (article, *author);
}

GDateTime *
nf_article_get_published (const NfArticle *article)
{
  return article->published;
}

void
nf_article_set_published (NfArticle *article, GDateTime *published)
{
  if (published)
    g_date_time_ref (published);
  g_clear_pointer (&article->published, g_date_time_unref);
  article->published = published;
}

char *
nf_date_time_format (GDateTime *date)
{
  /* GLib's ISO 8601 writes "+01" for an offset, which RFC 3339 readers (and Python before
   * 3.11) refuse. */
  g_autofree char *seconds = g_date_time_get_microsecond (date)
    ? g_date_time_format (date, "%Y-%m-%dT%H:%M:%S.%f") : g_date_time_format (date, "%Y-%m-%dT%H:%M:%S");
  if (g_date_time_get_utc_offset (date) == 0)
    return g_strconcat (seconds, "Z", NULL);
  g_autofree char *offset = g_date_time_format (date, "%:z");
  return g_strconcat (seconds, offset, NULL);
}

const char *
nf_article_get_language (const NfArticle *article)
{
  return article->language;
}

void
nf_article_set_language (NfArticle *article, const char *language)
{
  g_free (article->language);
  article->language = utf8_dup (language, -1);
}

const char *
nf_article_get_text (const NfArticle *article)
{
  return article->text ? article->text->str : NULL;
}

gsize
nf_article_get_text_length (const NfArticle *article)
{
  return article->text ? article->text->len : 0;
}

gboolean
nf_article_has_text (const NfArticle *article)
{
  return article->text != NULL;
}

void
nf_article_set_paragraphs (NfArticle *article, const char *const *paragraphs, gssize n)
{
  if (article->text)
    g_string_truncate (article->text, 0);
  else
    article->text = g_string_new (NULL);
  g_array_set_size (article->paragraphs, 0);
  annotation_list_clear (article->annotations);
  g_clear_pointer (&article->segmentation, nf_text_unref);
  for (gssize i = 0; paragraphs && (n < 0 ? paragraphs[i] != NULL : i < n); i++)
    nf_article_add_paragraph (article, paragraphs[i], -1);
}

void
nf_article_add_paragraph (NfArticle *article, const char *paragraph, gssize length)
{
  g_return_if_fail (paragraph != NULL);
  if (article->text == NULL)
    article->text = g_string_new (NULL);
  g_clear_pointer (&article->segmentation, nf_text_unref);
  gssize bytes = length < 0 ? (gssize) strlen (paragraph) : length;
  /* Grow the text ahead, to at least 2 KB (a short article): GString grows a new string from
   * a few bytes by doubling, a realloc and a copy at each step, and parsers add a dozen
   * paragraphs an article. */
  gsize need = article->text->len + 2 + (gsize) bytes;
  if (need >= article->text->allocated_len)
    {
      gsize len = article->text->len;
      g_string_set_size (article->text, MAX (need, 2047));
      g_string_truncate (article->text, len);
    }
  if (article->text->len > 0)
    g_string_append_len (article->text, "\n\n", 2);
  gsize start = article->text->len;
  if (nf_utf8_validate (paragraph, bytes, NULL))
    g_string_append_len (article->text, paragraph, bytes);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (paragraph, bytes);
      g_string_append (article->text, valid);
    }
  gsize span[2] = { start, article->text->len };
  g_array_append_vals (article->paragraphs, span, 2);
}

guint
nf_article_get_n_paragraphs (const NfArticle *article)
{
  return article->paragraphs->len / 2;
}

void
nf_article_get_paragraph_span (const NfArticle *article, guint i, gsize *start, gsize *end)
{
  g_return_if_fail (i < nf_article_get_n_paragraphs (article));
  if (start)
    *start = g_array_index (article->paragraphs, gsize, 2 * i);
  if (end)
    *end = g_array_index (article->paragraphs, gsize, 2 * i + 1);
}

const NfText *
nf_article_get_segmentation (NfArticle *article)
{
  if (article->segmentation == NULL)
    article->segmentation = nf_text_segment (nf_article_get_text (article), nf_article_get_text_length (article));
  return article->segmentation;
}

/* ---- fields ---- */

gboolean
nf_article_is_reserved_field (const char *name)
{
  return g_strv_contains (reserved_names, name);
}

static NfField *
find_field (GArray *fields, const char *name)
{
  for (guint i = 0; fields && i < fields->len; i++)
    {
      NfField *field = &g_array_index (fields, NfField, i);
      if (strcmp (field->name, name) == 0)
        return field;
    }
  return NULL;
}

static void
fields_set (GArray *fields, const char *name, GVariant *value)
{
  NfField *field = find_field (fields, name);
  compact_value (value);
  if (field)
    {
      g_variant_unref (field->value);
      field->value = value;
      return;
    }
  NfField added = { g_strdup (name), value };
  g_array_append_val (fields, added);
}

void
nf_article_set_field (NfArticle *article, const char *name, GVariant *value)
{
  g_return_if_fail (name != NULL && value != NULL);
  if (nf_article_is_reserved_field (name))
    {
      g_critical ("nf_article_set_field: '%s' is a reserved name", name);
      g_variant_unref (g_variant_ref_sink (value));
      return;
    }
  fields_set (article->fields, name, value);
}

GVariant *
nf_article_get_field (const NfArticle *article, const char *name)
{
  NfField *field = find_field (article->fields, name);
  return field ? field->value : NULL;
}

gboolean
nf_article_remove_field (NfArticle *article, const char *name)
{
  for (guint i = 0; i < article->fields->len; i++)
    if (strcmp (g_array_index (article->fields, NfField, i).name, name) == 0)
      {
        g_array_remove_index (article->fields, i);
        return TRUE;
      }
  return FALSE;
}

guint
nf_article_get_n_fields (const NfArticle *article)
{
  return article->fields->len;
}

GVariant *
nf_article_get_nth_field (const NfArticle *article, guint i, const char **name)
{
  g_return_val_if_fail (i < article->fields->len, NULL);
  NfField *field = &g_array_index (article->fields, NfField, i);
  if (name)
    *name = field->name;
  return field->value;
}

void
nf_article_set_field_string (NfArticle *article, const char *name, const char *value)
{
  g_autofree char *valid = utf8_dup (value ? value : "", -1);
  nf_article_set_field (article, name, g_variant_new_take_string (g_steal_pointer (&valid)));
}

void
nf_article_set_field_int (NfArticle *article, const char *name, gint64 value)
{
  nf_article_set_field (article, name, g_variant_new_int64 (value));
}

void
nf_article_set_field_double (NfArticle *article, const char *name, double value)
{
  nf_article_set_field (article, name, g_variant_new_double (value));
}

void
nf_article_set_field_bool (NfArticle *article, const char *name, gboolean value)
{
  nf_article_set_field (article, name, g_variant_new_boolean (value));
}

void
nf_article_set_field_strv (NfArticle *article, const char *name, const char *const *values, gssize n)
{
  g_autoptr (GPtrArray) valid = g_ptr_array_new_with_free_func (g_free);
  for (gssize i = 0; values && (n < 0 ? values[i] != NULL : i < n); i++)
    g_ptr_array_add (valid, utf8_dup (values[i], -1));
  nf_article_set_field (article, name, g_variant_new_strv ((const char *const *) valid->pdata, valid->len));
}

const char *
nf_article_get_field_string (const NfArticle *article, const char *name)
{
  GVariant *value = nf_article_get_field (article, name);
  if (value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_get_string (value, NULL);
  return NULL;
}

gint64
nf_article_get_field_int (const NfArticle *article, const char *name, gint64 fallback)
{
  GVariant *value = nf_article_get_field (article, name);
  if (value && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (value);
  if (value && g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return g_variant_get_int32 (value);
  return fallback;
}

/* ---- annotations ---- */

/* @type interned: g_intern_string takes a process-wide lock and hashes the name, while an
 * article's annotations have a handful of types, so the list remembers the last few. */
static const char *
annotation_list_type (NfAnnotationList *list, const char *type)
{
  for (guint i = 0; i < NF_ANNOTATION_RECENT_TYPES && list->recent_types[i]; i++)
    if (list->recent_types[i] == type || (list->recent_types[i][0] == type[0] && strcmp (list->recent_types[i], type) == 0))
      return list->recent_types[i];
  const char *interned = g_intern_string (type);
  /* interned strings live as long as the process: the list may keep them after a clear */
  list->recent_types[list->next_recent_type] = interned;
  list->next_recent_type = (list->next_recent_type + 1) % NF_ANNOTATION_RECENT_TYPES;
  return interned;
}

NfAnnotation *
nf_article_add_annotation (NfArticle *article, const char *type, gsize start, gsize end)
{
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (start <= end && end <= nf_article_get_text_length (article), NULL);
  NfAnnotationList *list = article->annotations;
  g_return_val_if_fail (list->n < G_MAXUINT, NULL);
  NfAnnotation *annotation = annotation_list_slot (list, list->n++);
  *annotation = (NfAnnotation) {
    .type = annotation_list_type (list, type), .start = start, .end = end, .list = list,
  };
  return annotation;
}

guint
nf_article_get_n_annotations (const NfArticle *article)
{
  return article->annotations->n;
}

NfAnnotation *
nf_article_get_annotation (const NfArticle *article, guint i)
{
  g_return_val_if_fail (i < article->annotations->n, NULL);
  return annotation_list_slot (article->annotations, i);
}

const char *
nf_annotation_get_type (const NfAnnotation *annotation)
{
  return annotation->type;
}

gsize
nf_annotation_get_start (const NfAnnotation *annotation)
{
  return annotation->start;
}

gsize
nf_annotation_get_end (const NfAnnotation *annotation)
{
  return annotation->end;
}

static NfAttr *
find_attr (const NfAnnotation *annotation, const char *key)
{
  /* the first byte first: the names of an annotation mostly differ there */
  for (guint i = 0; i < annotation->n_attrs; i++)
    if (annotation->attrs[i].key[0] == key[0] && strcmp (annotation->attrs[i].key, key) == 0)
      return &annotation->attrs[i];
  return NULL;
}

/* Sets @key to @value (a GVariant, whose reference it takes, or an int64 in the pointer). */
static void
annotation_put (NfAnnotation *annotation, const char *key, gpointer value)
{
  NfAttr *attr = find_attr (annotation, key);
  if (attr)
    {
      attr_value_release (attr->value);
      attr->value = value;
      return;
    }
  const char *shared = annotation_list_key (annotation->list, key);
  /* room for two, then doubled: the block holds n_attrs rounded up to a power of two, so
   * its size needs no field of its own, and an annotation's second attribute (most have
   * two or three) costs no reallocation */
  guint n = annotation->n_attrs;
  NfArena *arena = &annotation->list->attrs_arena;
  if (n == 0)
    annotation->attrs = arena_alloc (arena, 2 * sizeof (NfAttr));
  else if (n >= 2 && (n & (n - 1)) == 0)
    annotation->attrs = arena_grow (arena, annotation->attrs, n * sizeof (NfAttr), 2 * (gsize) n * sizeof (NfAttr));
  annotation->attrs[annotation->n_attrs++] = (NfAttr) { shared, value };
}

void
nf_annotation_set_attr (NfAnnotation *annotation, const char *key, GVariant *value)
{
  g_return_if_fail (key != NULL && value != NULL);
  annotation_put (annotation, key, annotation_list_share (annotation->list, value));
}

void
nf_annotation_set_attr_string (NfAnnotation *annotation, const char *key, const char *value)
{
  g_return_if_fail (key != NULL);
  /* Most values are already in the list ("PERSON", "said", a name said again): no GVariant
   * is made for them at all. */
  if (value == NULL)
    value = "";
  NfAnnotationList *list = annotation->list;
  guint32 hash = string_hash (value);
  NfAttrString *found = strings_lookup (list, value, hash);
  if (found)
    {
      annotation_put (annotation, key, nf_attr_pack_string (found));
      return;
    }
  gsize length = strlen (value);
  if (length > MAX_SHARED_STRING || !nf_utf8_validate (value, length, NULL))
    {
      /* not shared, or made valid first (the valid form may be in the list): the general way */
      nf_annotation_set_attr (annotation, key, g_variant_new_take_string (utf8_dup (value, -1)));
      return;
    }
  /* Valid and not in the list, as just seen: added without validating or looking it up
   * again, and without a GVariant (what nf_annotation_set_attr would do, at a fraction of
   * the cost). */
  annotation_put (annotation, key, nf_attr_pack_string (strings_add (list, value, length, hash)));
}

void
nf_annotation_set_attr_int64 (NfAnnotation *annotation, const char *key, gint64 value)
{
  g_return_if_fail (key != NULL);
  if (value >= NF_ATTR_INT_MIN && value <= NF_ATTR_INT_MAX)
    annotation_put (annotation, key, nf_attr_pack_int (value));
  else
    annotation_put (annotation, key, g_variant_ref_sink (g_variant_new_int64 (value)));
}

/* @attr's value as a GVariant, made from an int64 kept in the pointer or a shared string the
 * first time one is asked for and kept (in the attribute, in the string), so that it stays
 * valid as the getters promise.  The annotation is const to the caller; the exchange keeps
 * two readers of one article from leaking one (the runner never lets two threads at an
 * article, but a plugin's helper thread might). */
static GVariant *
attr_variant (const NfAttr *attr)
{
  gpointer *slot = (gpointer *) &attr->value;
  gpointer value = g_atomic_pointer_get (slot);
  if (nf_attr_is_string (value))
    {
      NfAttrString *string = nf_attr_get_string (value);
      slot = (gpointer *) &string->variant;
      value = g_atomic_pointer_get (slot);
      if (value)
        return value;
      GVariant *made = g_variant_ref_sink (g_variant_new_string (string->text));
      if (g_atomic_pointer_compare_and_exchange (slot, NULL, made))
        return made;
      g_variant_unref (made);
      return g_atomic_pointer_get (slot);
    }
  if (!nf_attr_is_int (value))
    return value;
  GVariant *made = g_variant_ref_sink (g_variant_new_int64 (nf_attr_get_int (value)));
  if (g_atomic_pointer_compare_and_exchange (slot, value, made))
    return made;
  g_variant_unref (made);
  return g_atomic_pointer_get (slot);
}

GVariant *
nf_annotation_get_attr (const NfAnnotation *annotation, const char *key)
{
  NfAttr *attr = find_attr (annotation, key);
  return attr ? attr_variant (attr) : NULL;
}

const char *
nf_annotation_get_attr_string (const NfAnnotation *annotation, const char *key)
{
  NfAttr *attr = find_attr (annotation, key);
  if (attr && nf_attr_is_string (attr->value))
    return nf_attr_get_string (attr->value)->text;
  GVariant *value = attr && nf_attr_is_variant (attr->value) ? attr->value : NULL;
  /* Asked for most annotations by the extractors after the one that set them (quotes reads
   * every entity's): g_variant_is_of_type and g_variant_get_string (which tests the type
   * three times more) cost ~1,300 instructions a call.  classify answers 's' for type "s"
   * only, and the serialised bytes of a string in normal form are its NUL-terminated text,
   * which is what g_variant_get_string returns for it (normal form is a flag for the
   * trusted values newsflow makes; one read from the wire is checked once, then flagged);
   * another goes through GLib's check, which answers "". */
  if (!value || g_variant_classify (value) != G_VARIANT_CLASS_STRING)
    return NULL;
  if (g_variant_is_normal_form (value))
    return g_variant_get_data (value);
  return g_variant_get_string (value, NULL);
}

guint
nf_annotation_get_n_attrs (const NfAnnotation *annotation)
{
  return annotation->n_attrs;
}

GVariant *
nf_annotation_get_nth_attr (const NfAnnotation *annotation, guint i, const char **key)
{
  g_return_val_if_fail (i < nf_annotation_get_n_attrs (annotation), NULL);
  if (key)
    *key = annotation->attrs[i].key;
  return attr_variant (&annotation->attrs[i]);
}

/* ---- outcome ---- */

void
nf_article_drop (NfArticle *article, const char *reason)
{
  g_free (article->drop_reason);
  article->drop_reason = g_strdup (reason ? reason : "dropped");
}

gboolean
nf_article_is_dropped (const NfArticle *article)
{
  return article->drop_reason != NULL;
}

const char *
nf_article_get_drop_reason (const NfArticle *article)
{
  return article->drop_reason;
}

gboolean
nf_article_is_failed (const NfArticle *article)
{
  return article->error != NULL;
}

const char *
nf_article_get_failed_stage (const NfArticle *article)
{
  return article->failed_stage;
}

const GError *
nf_article_get_error (const NfArticle *article)
{
  return article->error;
}
