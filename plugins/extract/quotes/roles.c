/* roles.c: what the article says each person is (title, words before the name,
 * appositions, ages), so that "the minister" and "the 34-year-old" find their person. */
#include <string.h>

#include "quotes.h"

static const char *const role_stops[] = { "the", "a", "an", "of", "for", "at", "in", "on", "from", "by", "with",
                                          "and", "or", "who", "whose", "which", "that", "to", "as", "his", "her",
                                          "its", "their", NULL };

static gboolean
is_role_stop (const Context *c, guint i)
{
  static guint8 bits[65536 / 8];
  static gsize ready;
  return tok_is_one_of (c, i, role_stops, bits, &ready);
}

/* The age at token @i written "34-year-old" (however the tokenizer split it), or 0; @end
 * receives the byte after it. */
guint
age_at (const Context *c, guint i, gsize *end)
{
  if (i >= c->n || c->tokens[i].kind != NF_TOKEN_NUMBER)
    return 0;
  const char *p = c->text + c->tokens[i].start;
  char *rest;
  guint64 age = g_ascii_strtoull (p, &rest, 10);
  if (age == 0 || age > 120 || rest - p > 3 || (gsize) (rest - c->text) > c->length)
    return 0;
  if (g_ascii_strncasecmp (rest, "-year-old", 9) != 0)
    return 0;
  *end = rest + 9 - c->text;
  return (guint) age;
}

static void
add_role (Context *c, GString *roles, guint i)
{
  if (i >= c->n || c->tokens[i].kind != NF_TOKEN_WORD || is_role_stop (c, i) || tok_in (c, i, c->self->verbs))
    return;
  gsize end = nlp_strip_possessive (c->text, c->tokens[i].start, c->tokens[i].end);
  g_string_truncate (c->scratch, 0);
  nlp_fold_append (c->scratch, c->text + c->tokens[i].start, end - c->tokens[i].start);
  g_string_append_len (roles, c->scratch->str, c->scratch->len);
  g_string_append_c (roles, ' ');
}

/* What the article says each person is, as words a later "the <word>" can refer by: the
 * title ("Finance Minister"), the words before the name ("Rovers manager Henrik Lindqvist",
 * "prosecutor James Whitcombe"), an apposition before or after it ("His barrister, Anjali
 * Rao", "Marcus Bell, a 34-year-old welder", "Whitfield, 61,").  A few words around each
 * mention, once an article. */
void
collect_roles (Context *c)
{
  for (guint k = 0; k < c->names->len; k++)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (!n->person || inside_quote (c, n->start))
        continue;
      GString *roles = g_hash_table_lookup (c->roles, n->canonical);
      if (!roles)
        {
          roles = g_string_new (" ");
          g_hash_table_insert (c->roles, g_strdup (n->canonical), roles);
        }
      if (n->title)
        {
          /* each word between its spaces, and a space (none for an empty one) */
          for (const char *w = n->title; *w;)
            {
              const char *space = strchr (w, ' ');
              gsize length = space ? (gsize) (space - w) : strlen (w);
              if (length)
                {
                  g_string_append_len (roles, w, length);
                  g_string_append_c (roles, ' ');
                }
              w += length + (space != NULL);
            }
        }
      guint first = token_at (c, n->start), last = token_at (c, n->end);
      last = last > first ? last - 1 : first;
      guint sentence = c->tokens[first].sentence;
      /* words before the name, or an apposition ending in a comma right before it */
      guint b = first;
      if (b > 0 && tok_char (c, b - 1) == ',')
        b--;
      for (guint j = b, count = 0; j-- > 0 && count < 6 && c->tokens[j].sentence == sentence; count++)
        {
          gsize age_end;
          guint age = age_at (c, j, &age_end);
          if (tok_in (c, j, c->self->verbs) || (name_at (c, j) && name_at (c, j) != n))
            break; /* "Judge Hellman said Graham Whitlock": her title is not his */
          if (age)
            g_string_append_printf (roles, "%u-year-old ", age);
          else if (c->tokens[j].kind != NF_TOKEN_WORD || is_role_stop (c, j))
            {
              if (c->tokens[j].kind == NF_TOKEN_WORD || tok_char (c, j) == ',')
                break;
              continue;
            }
          add_role (c, roles, j);
        }
      /* an apposition after it: ", 61," or ", a 34-year-old welder whose ..." */
      guint a = last + 1;
      if (a < c->n && tok_char (c, a) == ',')
        for (guint j = a + 1, count = 0; j < c->n && count < 6 && c->tokens[j].sentence == sentence; j++, count++)
          {
            gsize age_end;
            guint age = age_at (c, j, &age_end);
            if (age)
              {
                g_string_append_printf (roles, "%u-year-old ", age);
                while (j + 1 < c->n && c->tokens[j + 1].start < age_end)
                  j++;
                continue;
              }
            if (c->tokens[j].kind == NF_TOKEN_NUMBER && j + 1 < c->n && tok_char (c, j + 1) == ',')
              {
                g_string_append_printf (roles, "%.*s-year-old ", (int) (c->tokens[j].end - c->tokens[j].start),
                                        c->text + c->tokens[j].start);
                break;
              }
            if (c->tokens[j].kind != NF_TOKEN_WORD || tok_in (c, j, c->self->verbs))
              break;
            if (is_role_stop (c, j))
              {
                if (count == 0 && (tok_is (c, j, "a") || tok_is (c, j, "an") || tok_is (c, j, "the")))
                  continue;
                break;
              }
            add_role (c, roles, j);
          }
    }
}

/* The person last named before @pos outside quotations whose roles hold @role, within the
 * last dozen sentences: "the star" long after a passing "soul star Peabo Bryson" in a
 * profile of Céline Dion is the one the text is about, not him. */
const Name *
person_with_role (const Context *c, gsize pos, const char *role)
{
  g_autofree char *key = g_strdup_printf (" %s ", role);
  guint here = c->tokens[MIN (token_at (c, pos), c->n - 1)].sentence;
  for (guint k = names_before (c, pos), seen = 0; k-- > 0 && seen < 200;)
    {
      const Name *n = &g_array_index (c->names, Name, k);
      if (n->start >= pos || !n->person)
        continue;
      if (c->tokens[token_at (c, n->start)].sentence + 12 < here)
        break;
      seen++;
      GString *roles = g_hash_table_lookup (c->roles, n->canonical);
      if (roles && strstr (roles->str, key) && !inside_quote (c, n->start))
        return n;
    }
  return NULL;
}

/* A description that stands for a person: a title or role word, an age, a nationality, a
 * word for someone who does something ("the striker"), or a noun WordNet first reads as a
 * person ("the shortstop", "the rookie", "the veteran"). */
gboolean
describes_person (const Context *c, guint head, const char *folded)
{
  gsize length = strlen (folded);
  if (tok_in (c, head, c->self->titles) || tok_in (c, head, c->self->roles))
    return TRUE;
  if (g_str_has_suffix (folded, "-year-old") || (head < c->n && (c->tokens[head].flags & NF_TOKEN_CAPITALIZED)))
    return TRUE; /* "the 34-year-old"; "the Swede", "the Frenchwoman" */
  static const char *const suffixes[] = { "er", "or", "ist", "ian", "man", "woman", "ant", "ent", NULL };
  static const char *const not_people[] = { "letter", "paper", "order", "report", "document", "filing", "government",
                                            "statement", "number", "figure", "chapter", "register", "poster",
                                            "agreement", "department", "parliament", "movement", "council",
                                            "plan", "ban", "river", "tower", "center", "centre", "border",
                                            "sector", "corridor", "quarter", "winter", "summer", NULL };
  if (length < 4 || g_strv_contains (not_people, folded))
    return FALSE;
  if (nlp_sorted_words_has (c->self->person_nouns, folded))
    return TRUE;
  for (const char *const *s = suffixes; *s; s++)
    if (g_str_has_suffix (folded, *s))
      return TRUE;
  return FALSE;
}
