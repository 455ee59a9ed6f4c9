/* entities/passes.c: the word tests the label passes (states.c, groups.c, roles.c) share. */
#include <string.h>

#include "passes.h"
#include "nlp/lexicon.h"

gboolean
entities_tok_is (const EntitiesTokens *t, guint i, const char *word)
{
  if (i >= t->n)
    return FALSE;
  gsize length = t->tokens[i].end - t->tokens[i].start;
  /* the first byte first: most tokens differ there, and strlen is then not needed */
  return length > 0 && t->text[t->tokens[i].start] == *word && strlen (word) == length && memcmp (t->text + t->tokens[i].start, word, length) == 0;
}

gboolean
entities_tok_in (const EntitiesTokens *t, guint i, const char *const *words)
{
  if (i >= t->n || t->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  /* "Minister's" is "minister" */
  gsize length = nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end) - t->tokens[i].start;
  if (length > 32)
    return FALSE;
  char folded[33];
  for (gsize k = 0; k < length; k++)
    folded[k] = g_ascii_tolower (t->text[t->tokens[i].start + k]);
  folded[length] = '\0';
  for (const char *const *w = words; *w; w++)
    if (strcmp (folded, *w) == 0)
      return TRUE;
  return FALSE;
}

gboolean
entities_tok_possessive (const EntitiesTokens *t, guint i)
{
  return i < t->n && nlp_strip_possessive (t->text, t->tokens[i].start, t->tokens[i].end) < t->tokens[i].end;
}

/* ---- the "entities" field ---------------------------------------------------------------- */

typedef struct {
  char  *name;
  GPtrArray *labels;  /* const char *, label names, static */
  GArray    *counts;  /* gint64 per label */
  gint64 total;
} ListItem;

struct _EntitiesList {
  GHashTable *by_name;  /* name -> ListItem */
  GPtrArray  *order;    /* ListItem, in order of first mention */
};

/* g_variant_builder_add (b, "{sv}", ...) parses its format string on every call; this is
 * the same without the parsing, which shows in profiles at thousands of articles/s. */
static void
add_entry (GVariantBuilder *builder, const char *key, GVariant *value)
{
  g_variant_builder_add_value (builder, g_variant_new_dict_entry (g_variant_new_string (key),
                                                                  g_variant_new_variant (value)));
}

static void
list_item_free (gpointer data)
{
  ListItem *item = data;
  g_free (item->name);
  g_ptr_array_unref (item->labels);
  g_array_unref (item->counts);
  g_free (item);
}

EntitiesList *
entities_list_new (void)
{
  EntitiesList *list = g_new0 (EntitiesList, 1);
  list->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  list->order = g_ptr_array_new_with_free_func (list_item_free);
  return list;
}

void
entities_list_add (EntitiesList *list, const char *name, const char *label)
{
  ListItem *item = g_hash_table_lookup (list->by_name, name);
  if (!item)
    {
      item = g_new0 (ListItem, 1);
      item->name = g_strdup (name);
      item->labels = g_ptr_array_new ();
      item->counts = g_array_new (FALSE, TRUE, sizeof (gint64));
      g_hash_table_insert (list->by_name, item->name, item);
      g_ptr_array_add (list->order, item);
    }
  guint k;
  for (k = 0; k < item->labels->len; k++)
    if (g_ptr_array_index (item->labels, k) == label)
      break;
  if (k == item->labels->len)
    {
      gint64 zero = 0;
      g_ptr_array_add (item->labels, (gpointer) label);
      g_array_append_val (item->counts, zero);
    }
  g_array_index (item->counts, gint64, k)++;
  item->total++;
}

GVariant *
entities_list_end (EntitiesList *list)
{
  GVariantBuilder builder;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < list->order->len; i++)
    {
      const ListItem *item = g_ptr_array_index (list->order, i);
      /* the label most of its mentions carry; on a tie the first one's */
      guint best = 0;
      for (guint k = 1; k < item->labels->len; k++)
        if (g_array_index (item->counts, gint64, k) > g_array_index (item->counts, gint64, best))
          best = k;
      GVariantBuilder entry;
      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      add_entry (&entry, "name", g_variant_new_string (item->name));
      add_entry (&entry, "label", g_variant_new_string (g_ptr_array_index (item->labels, best)));
      add_entry (&entry, "mentions", g_variant_new_int64 (item->total));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&entry));
    }
  g_hash_table_unref (list->by_name);
  g_ptr_array_unref (list->order);
  g_free (list);
  return g_variant_builder_end (&builder);
}
