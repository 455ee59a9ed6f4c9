/* date.c: the lenient date reader (newsflow/date.h).  The text is cut into tokens (numbers,
 * words, single signs), then a few shapes are matched at each token: year-month-day, numeric
 * day-month-year, day and month name, month name and day, year and month name and day,
 * CJK 年月日 (with a Japanese era or a Minguo year); a time and a zone may follow.  Month and
 * weekday names come from CLDR through ICU (udat_getSymbols), one table for all of newsflow:
 * each language's names are loaded once per process, on first use, and only read after. */
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "newsflow/date.h"
#include "newsflow/article.h"
#include "newsflow/text.h"

/* The languages whose names the reader knows, and the ICU locales that write them.  The
 * first N_DETECTED are extract "language"'s: their names are read in a text of any language.
 * The others' only in a text said to be in that language (a page's lang), because their
 * short names are words of the detected languages as often ("Mei", "Juni", "Sab").  Arabic
 * also reads the Levantine and Maghrebi month names beside the Egyptian ones and the Arabic-
 * script Gregorian months of Persian and Urdu; Ukrainian reads its Cyrillic neighbours'.
 * Those two also read a word in their script in a text whose language is another (an Arabic
 * page under a template's lang="en"; Russian's own names excepted). */
#define N_LOCALES 5
static const struct { const char *language; const char *locales[N_LOCALES]; } languages[] = {
  { "en", { "en" } }, { "de", { "de" } }, { "fr", { "fr" } }, { "es", { "es" } }, { "it", { "it" } },
  { "pt", { "pt" } }, { "nl", { "nl" } }, { "sv", { "sv" } }, { "da", { "da" } }, { "nb", { "nb" } },
  { "fi", { "fi" } }, { "pl", { "pl" } }, { "cs", { "cs" } }, { "ru", { "ru" } }, { "tr", { "tr" } },
  { "ro", { "ro" } }, { "hu", { "hu" } }, { "el", { "el" } },
  /* read only in their own language's text (or script, the first two) */
  { "ar", { "ar", "ar_SY", "ar_DZ", "fa", "ur" } }, { "uk", { "uk", "bg", "sr", "mk", "be" } },
  { "id", { "id" } }, { "ms", { "ms" } },
  { "hi", { "hi" } }, { "bg", { "bg" } }, { "hr", { "hr" } }, { "sr", { "sr_Latn", "sr" } }, { "bs", { "bs" } },
  { "sk", { "sk" } }, { "sl", { "sl" } }, { "lt", { "lt" } }, { "lv", { "lv" } }, { "et", { "et" } },
  { "ca", { "ca" } }, { "gl", { "gl" } }, { "eu", { "eu" } }, { "he", { "he" } }, { "fa", { "fa" } },
  { "ur", { "ur" } }, { "bn", { "bn" } }, { "mk", { "mk" } }, { "be", { "be" } }, { "sq", { "sq" } },
  { "sw", { "sw" } }, { "az", { "az" } }, { "kk", { "kk" } }, { "ka", { "ka" } }, { "hy", { "hy" } },
  { "mr", { "mr" } }, { "ne", { "ne" } }, { "ta", { "ta" } }, { "fil", { "fil" } }, { "tl", { "fil" } },
  { "th", { "th" } }, { "is", { "is" } }, { "af", { "af" } }, { "cy", { "cy" } }, { "ga", { "ga" } }, { "mt", { "mt" } },
};
#define N_LANGUAGES G_N_ELEMENTS (languages)
#define N_DETECTED  18
#define ARABIC      18
#define UKRAINIAN   19
#define RUSSIAN     13

/* A name of several words ("كانون الثاني", Thai's "มิ.ย."): its words after the first. */
typedef struct {
  char **rest;
  int    kind_value; /* kind << 8 | value */
} Phrase;

typedef struct {
  GHashTable *names;      /* casefolded name without a trailing dot -> kind << 8 | value */
  GHashTable *phrases;    /* first word of a name of several words -> GPtrArray of Phrase
                           * (most words first), or NULL when the language has none */
  char       *months[13]; /* full names, casefolded, for prefix matches (detected languages) */
  /* A bit for the first two bytes (the second 0 for a one-byte name) of every name and full
   * month: a word that matches, whole or as a month's prefix, starts with one of these pairs.
   * Most words a reader asks about (every capitalised word of an article) start with none,
   * so they are turned away without hashing or scanning the months. */
  guint8      pairs[65536 / 8];
} Names;

static inline guint
pair_of (const char *folded)
{
  return (guint) (guchar) folded[0] << 8 | (folded[0] ? (guchar) folded[1] : 0);
}

static inline void
add_pair (Names *names, const char *folded)
{
  guint pair = pair_of (folded);
  names->pairs[pair >> 3] |= (guint8) (1u << (pair & 7));
}

static inline gboolean
has_pair (const Names *names, const char *folded)
{
  guint pair = pair_of (folded);
  return (names->pairs[pair >> 3] >> (pair & 7)) & 1;
}

/* A letter of a word: letters and the marks that write vowels in Devanagari or Thai. */
static gboolean
word_char (gunichar c)
{
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static void
phrase_free (gpointer data)
{
  Phrase *phrase = data;
  g_strfreev (phrase->rest);
  g_free (phrase);
}

static gint
by_words (gconstpointer a, gconstpointer b)
{
  const Phrase *x = *(Phrase *const *) a, *y = *(Phrase *const *) b;
  return (int) g_strv_length (y->rest) - (int) g_strv_length (x->rest);
}

/* A name of a language read only in its own text (@whole FALSE): cut into words at anything
 * not a letter ("كانون الثاني", "авг."); a single word of one or two letters ("M" for
 * Monday) is a letter of the text as often and is dropped, as a name with a digit. */
static void
add_words (Names *names, const char *folded, int kind_value)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  for (const char *p = folded; *p;)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isdigit (c))
        {
          g_ptr_array_unref (words);
          return;
        }
      if (!word_char (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      const char *start = p;
      while (*p && word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      g_ptr_array_add (words, g_strndup (start, p - start));
    }
  const char *first = words->len ? g_ptr_array_index (words, 0) : NULL;
  if (first && words->len == 1 && g_utf8_strlen (first, -1) >= 3 && !g_hash_table_contains (names->names, first))
    {
      add_pair (names, first);
      g_hash_table_insert (names->names, g_strdup (first), GINT_TO_POINTER (kind_value));
    }
  else if (first && words->len > 1)
    {
      if (names->phrases == NULL)
        names->phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
      GPtrArray *list = g_hash_table_lookup (names->phrases, first);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (phrase_free);
          g_hash_table_insert (names->phrases, g_strdup (first), list);
        }
      Phrase *phrase = g_new0 (Phrase, 1);
      phrase->rest = g_new0 (char *, words->len);
      for (guint w = 1; w < words->len; w++)
        phrase->rest[w - 1] = g_strdup (g_ptr_array_index (words, w));
      phrase->kind_value = kind_value;
      g_ptr_array_add (list, phrase);
    }
  g_ptr_array_unref (words);
}

static void
add_symbols (Names *names, UDateFormat *format, UDateFormatSymbolType type, NfDateNameKind kind, gboolean detected)
{
  int count = udat_countSymbols (format, type);
  for (int i = 0; i < count; i++)
    {
      UChar buffer[64];
      UErrorCode status = U_ZERO_ERROR;
      int32_t n = udat_getSymbols (format, type, i, buffer, G_N_ELEMENTS (buffer), &status);
      if (U_FAILURE (status) || n <= 0 || n >= (int32_t) G_N_ELEMENTS (buffer))
        continue;
      g_autofree char *utf8 = g_utf16_to_utf8 ((const gunichar2 *) buffer, n, NULL, NULL, NULL);
      if (utf8 == NULL)
        continue;
      char *folded = g_utf8_casefold (utf8, -1);
      gsize len = strlen (folded);
      while (len > 0 && folded[len - 1] == '.')
        folded[--len] = '\0';
      /* ICU's weekdays run Sunday (1) .. Saturday (7), slot 0 empty; months January = 0. */
      int value = kind == NF_DATE_NAME_MONTH ? i + 1 : (i == 1 ? 7 : i - 1);
      if (len == 0 || (kind == NF_DATE_NAME_MONTH && value > 12) || (kind == NF_DATE_NAME_WEEKDAY && (i < 1 || i > 7)))
        {
          g_free (folded);
          continue;
        }
      if (!detected)
        {
          add_words (names, folded, kind << 8 | value);
          g_free (folded);
          continue;
        }
      if (kind == NF_DATE_NAME_MONTH && (type == UDAT_MONTHS || type == UDAT_STANDALONE_MONTHS)
          && names->months[value] == NULL)
        {
          names->months[value] = g_strdup (folded);
          add_pair (names, folded);
        }
      add_pair (names, folded);
      if (!g_hash_table_contains (names->names, folded))
        g_hash_table_insert (names->names, folded, GINT_TO_POINTER (kind << 8 | value));
      else
        g_free (folded);
    }
}

/* The names of one language, read from ICU on first use: a reader that asks about English
 * and the article's language (extract "dates") does not pay for opening the other
 * languages' date formats.  Gregorian names always: a Persian or Thai page's own calendar's
 * months are not turned into Gregorian ones. */
static const Names *
names_of (guint l)
{
  static Names *loaded[N_LANGUAGES];
  if (g_once_init_enter (&loaded[l]))
    {
      static const struct { UDateFormatSymbolType type; NfDateNameKind kind; } symbols[] = {
        { UDAT_MONTHS, NF_DATE_NAME_MONTH },           { UDAT_SHORT_MONTHS, NF_DATE_NAME_MONTH },
        { UDAT_STANDALONE_MONTHS, NF_DATE_NAME_MONTH }, { UDAT_STANDALONE_SHORT_MONTHS, NF_DATE_NAME_MONTH },
        { UDAT_WEEKDAYS, NF_DATE_NAME_WEEKDAY },       { UDAT_SHORT_WEEKDAYS, NF_DATE_NAME_WEEKDAY },
        { UDAT_STANDALONE_WEEKDAYS, NF_DATE_NAME_WEEKDAY },
      };
      Names *names = g_new0 (Names, 1);
      names->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      gboolean detected = l < N_DETECTED;
      for (guint k = 0; k < N_LOCALES && languages[l].locales[k]; k++)
        {
          g_autofree char *locale = g_strconcat (languages[l].locales[k], detected ? NULL : "@calendar=gregorian", NULL);
          UErrorCode status = U_ZERO_ERROR;
          UDateFormat *format = udat_open (UDAT_DEFAULT, UDAT_DEFAULT, locale, NULL, 0, NULL, 0, &status);
          if (U_FAILURE (status) || format == NULL)
            continue;
          for (guint s = 0; s < G_N_ELEMENTS (symbols); s++)
            add_symbols (names, format, symbols[s].type, symbols[s].kind, detected);
          udat_close (format);
        }
      if (names->phrases)
        {
          GHashTableIter iter;
          gpointer list;
          g_hash_table_iter_init (&iter, names->phrases);
          while (g_hash_table_iter_next (&iter, NULL, &list))
            g_ptr_array_sort (list, by_words);
        }
      g_once_init_leave (&loaded[l], names);
    }
  return loaded[l];
}

static int
language_index (const char *language)
{
  if (language == NULL)
    return -1;
  gsize n = 0;
  while (g_ascii_isalpha (language[n]))
    n++;
  if (n == 2 && g_ascii_strncasecmp (language, "no", 2) == 0)
    return 9; /* nb */
  for (guint l = 0; l < N_LANGUAGES; l++)
    if (strlen (languages[l].language) == n && g_ascii_strncasecmp (language, languages[l].language, n) == 0)
      return (int) l;
  return -1;
}

/* The table of a word's script when its text's language has none of its own: Arabic script
 * (UTF-8 lead bytes of U+0600..06FF), Cyrillic (U+0400..04FF) but in Russian text. */
static int
script_index (const char *word, int index)
{
  guchar b = (guchar) word[0];
  if (b >= 0xD8 && b <= 0xDB)
    return ARABIC;
  if ((b == 0xD0 || b == 0xD1) && index != RUSSIAN)
    return UKRAINIAN;
  return -1;
}

/* A word asked about, case-folded only when some language's names may hold it: the first
 * two bytes of the folded word are known beforehand when the word's are ASCII. */
typedef struct {
  const char *word;
  gssize      length;
  const char *folded;
  char       *allocated;
  gboolean    pair_known;
  guint       pair;
  char        ascii[48];
} Query;

static const char *
query_folded (Query *q)
{
  if (q->folded)
    return q->folded;
  /* An ASCII word (most) is case-folded on the stack: for ASCII, case folding is lowering
   * (and, as g_utf8_casefold, it stops at a NUL). */
  gssize k = 0;
  while (k < q->length && q->word[k] && !((guchar) q->word[k] & 0x80))
    {
      q->ascii[k] = g_ascii_tolower (q->word[k]);
      k++;
    }
  if (k == q->length || !q->word[k])
    {
      q->ascii[k] = '\0';
      q->folded = q->ascii;
    }
  else
    q->folded = q->allocated = g_utf8_casefold (q->word, q->length);
  return q->folded;
}

static NfDateNameKind
lookup_in (guint l, Query *q, int *value)
{
  const Names *names = names_of (l);
  if (q->pair_known)
    {
      if (!((names->pairs[q->pair >> 3] >> (q->pair & 7)) & 1))
        return NF_DATE_NAME_NONE;
    }
  else if (!has_pair (names, query_folded (q)))
    return NF_DATE_NAME_NONE;
  const char *folded = query_folded (q);
  gpointer found = g_hash_table_lookup (names->names, folded);
  if (found)
    {
      *value = GPOINTER_TO_INT (found) & 0xff;
      return GPOINTER_TO_INT (found) >> 8;
    }
  gsize n = strlen (folded);
  if (g_utf8_strlen (folded, -1) < 3)
    return NF_DATE_NAME_NONE;
  int match = 0;
  for (int m = 1; m <= 12; m++)
    if (names->months[m] && names->months[m][0] == folded[0] && strncmp (names->months[m], folded, n) == 0)
      {
        if (match)
          return NF_DATE_NAME_NONE; /* ambiguous prefix */
        match = m;
      }
  if (match)
    {
      *value = match;
      return NF_DATE_NAME_MONTH;
    }
  return NF_DATE_NAME_NONE;
}

NfDateNameKind
nf_date_lookup_name (const char *word, gssize length, const char *language, int *value)
{
  if (word == NULL)
    return NF_DATE_NAME_NONE;
  if (length < 0)
    length = strlen (word);
  while (length > 0 && word[length - 1] == '.')
    length--;
  if (length == 0 || length > 40)
    return NF_DATE_NAME_NONE;
  Query q = { .word = word, .length = length };
  /* most words: their first two bytes ASCII, which folding lowers and nothing after them
   * changes, so most languages turn them away before they are folded */
  guchar b0 = (guchar) word[0], b1 = length > 1 ? (guchar) word[1] : 0;
  if (!((b0 | b1) & 0x80))
    {
      q.pair_known = TRUE;
      q.pair = (guint) (guchar) g_ascii_tolower (b0) << 8 | (b0 ? (guchar) g_ascii_tolower (b1) : 0);
    }
  int dummy;
  if (value == NULL)
    value = &dummy;
  int index = language_index (language);
  NfDateNameKind kind = NF_DATE_NAME_NONE;
  if (index >= N_DETECTED)
    {
      /* A language read only in its own text: its names, then those of any language. */
      kind = lookup_in ((guint) index, &q, value);
      if (kind)
        goto done;
    }
  int own = index < N_DETECTED ? index : -1;
  int first = language && own < 0 ? 0 : own; /* an unknown language: English, then every other one */
  if (first >= 0)
    {
      kind = lookup_in ((guint) first, &q, value);
      if (kind || (language && first == 0 && own == 0))
        goto script;
      if (language && own >= 0)
        {
          /* A known language other than English: English names are common there too. */
          kind = lookup_in (0, &q, value);
          goto script;
        }
    }
  for (guint l = 0; l < N_DETECTED && !kind; l++)
    kind = lookup_in (l, &q, value);
script:
  if (!kind && (b0 & 0x80) && index < N_DETECTED)
    {
      int other = script_index (word, index);
      if (other >= 0)
        kind = lookup_in ((guint) other, &q, value);
    }
done:
  g_free (q.allocated);
  return kind;
}

/* ---- tokens ---- */

typedef enum { T_NUM, T_WORD, T_SIGN } TokenKind;

typedef struct {
  TokenKind kind;
  gsize     start, end;  /* bytes in the text */
  int       digits;      /* T_NUM: number of digits */
  int       value;       /* T_NUM: value when digits <= 9 */
  gunichar  sign;        /* T_SIGN */
  gboolean  space_before;
} Token;

/* The signs of CJK dates and times, each as the sign a shape looks for: Korean 년 월 일 as
 * 年 月 日, simplified 时 as 時; 0 for another character.  They are signs, not letters, so
 * that "2020年6月7日" is numbers apart by signs. */
static gunichar
cjk_date_sign (gunichar c)
{
  switch (c)
    {
    case 0x5E74: case 0xB144: return 0x5E74; /* 年 년 */
    case 0x6708: case 0xC6D4: return 0x6708; /* 月 월 */
    case 0x65E5: case 0xC77C: return 0x65E5; /* 日 일 */
    case 0x6642: case 0x65F6: return 0x6642; /* 時 时 */
    case 0x5206: return 0x5206;              /* 分 */
    case 0x79D2: return 0x79D2;              /* 秒 */
    default: return 0;
    }
}

/* The value of a decimal digit of another script a date is written in (Arabic-Indic,
 * Persian, Devanagari, Bengali, full-width), or -1. */
static int
other_digit (gunichar c)
{
  static const gunichar zeros[] = { 0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10 };
  if (c < 0x0660)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (zeros); i++)
    if (c >= zeros[i] && c <= zeros[i] + 9)
      return (int) (c - zeros[i]);
  return -1;
}

/* A sign read in its ASCII form: the Arabic comma, the full-width colon, slash, dot, hyphen
 * and comma ("１５：０６"); else @c itself. */
static gunichar
ascii_sign (gunichar c)
{
  switch (c)
    {
    case 0x060C: case 0xFF0C: return ',';
    case 0xFF1A: return ':';
    case 0xFF0F: return '/';
    case 0xFF0E: return '.';
    case 0xFF0D: return '-';
    default: return c;
    }
}

static int
digit_value (gunichar c)
{
  return c < 0x80 ? (g_ascii_isdigit (c) ? (int) (c - '0') : -1) : other_digit (c);
}

/* Whether @c is of a script written without spaces between words (Han, kana, Hangul): a
 * date may follow such a word directly ("发布于2020年6月7日"). */
static gboolean
unspaced_script (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
         || script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL;
}

/* The text cut into tokens. */
static GArray *
tokenize (const char *text, gsize length)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  gboolean space = TRUE;
  const char *end = text + length;
  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          space = TRUE;
          continue;
        }
      const char *next = g_utf8_next_char (p);
      Token token = { 0 };
      token.start = p - text;
      token.space_before = space;
      if (nf_unichar_is_space (c))
        {
          space = TRUE;
          p = next;
          continue;
        }
      space = FALSE;
      int digit = digit_value (c);
      gunichar cjk;
      if (digit >= 0)
        {
          token.kind = T_NUM;
          const char *q = p;
          while (q < end)
            {
              gunichar d = (guchar) *q < 0x80 ? (gunichar) *q : g_utf8_get_char_validated (q, end - q);
              if ((digit = digit_value (d)) < 0)
                break;
              if (token.digits < 9)
                token.value = token.value * 10 + digit;
              token.digits++;
              q = g_utf8_next_char (q);
            }
          next = q;
        }
      else if ((cjk = c < 0x5000 ? 0 : cjk_date_sign (c)))
        {
          token.kind = T_SIGN;
          token.sign = cjk;
        }
      else if (g_unichar_isalpha (c))
        {
          token.kind = T_WORD;
          const char *q = next;
          while (q < end)
            {
              if ((guchar) *q < 0x80)
                {
                  if (!g_ascii_isalpha (*q))
                    break;
                  q++;
                  continue;
                }
              gunichar d = g_utf8_get_char_validated (q, end - q);
              if (d == (gunichar) -1 || d == (gunichar) -2 || !word_char (d) || other_digit (d) >= 0
                  || (d >= 0x5000 && cjk_date_sign (d)))
                break;
              q = g_utf8_next_char (q);
            }
          next = q;
        }
      else
        {
          token.kind = T_SIGN;
          token.sign = c < 0x80 ? c : ascii_sign (c);
        }
      token.end = next - text;
      g_array_append_val (tokens, token);
      p = next;
    }
  return tokens;
}

typedef struct {
  const char *text;
  const Token *tokens;
  guint n;
  const char *language;
  int language_index;
} Scan;

static const Token *
tok (const Scan *s, guint i)
{
  return i < s->n ? &s->tokens[i] : NULL;
}

static gboolean
is_sign (const Scan *s, guint i, gunichar c)
{
  const Token *t = tok (s, i);
  return t && t->kind == T_SIGN && t->sign == c;
}

static gboolean
is_num (const Scan *s, guint i, int min_digits, int max_digits)
{
  const Token *t = tok (s, i);
  return t && t->kind == T_NUM && t->digits >= min_digits && t->digits <= max_digits;
}

/* Whether word token @i is one of @words (lower case ASCII). */
static gboolean
is_word (const Scan *s, guint i, const char *const *words)
{
  const Token *t = tok (s, i);
  if (t == NULL || t->kind != T_WORD)
    return FALSE;
  gsize n = t->end - t->start;
  for (const char *const *w = words; *w; w++)
    if (strlen (*w) == n && g_ascii_strncasecmp (s->text + t->start, *w, n) == 0)
      return TRUE;
  return FALSE;
}

/* A name of several words at word token @i (Arabic's "كانون الثاني", Thai's "มิ.ย."), in
 * the table of the text's language or of the word's script: its kind, and the tokens it
 * takes in *@taken. */
static NfDateNameKind
phrase_at (const Scan *s, guint i, int *value, guint *taken)
{
  const Token *t = tok (s, i);
  const char *word = s->text + t->start;
  int l = s->language_index >= N_DETECTED ? s->language_index : -1;
  if (l < 0 && ((guchar) word[0] & 0x80))
    l = script_index (word, s->language_index);
  if (l < 0)
    return NF_DATE_NAME_NONE;
  const Names *names = names_of ((guint) l);
  if (names->phrases == NULL)
    return NF_DATE_NAME_NONE;
  g_autofree char *folded = g_utf8_casefold (word, t->end - t->start);
  GPtrArray *list = g_hash_table_lookup (names->phrases, folded);
  for (guint p = 0; list && p < list->len; p++)
    {
      const Phrase *phrase = g_ptr_array_index (list, p);
      guint j = i + 1;
      char **rest = phrase->rest;
      for (; *rest; rest++, j++)
        {
          while (is_sign (s, j, '.'))
            j++;
          const Token *w = tok (s, j);
          if (w == NULL || w->kind != T_WORD)
            break;
          g_autofree char *next = g_utf8_casefold (s->text + w->start, w->end - w->start);
          if (strcmp (next, *rest) != 0)
            break;
        }
      if (*rest == NULL)
        {
          *value = phrase->kind_value & 0xff;
          *taken = j - i;
          return phrase->kind_value >> 8;
        }
    }
  return NF_DATE_NAME_NONE;
}

/* The month or weekday named at word token @i, the tokens it takes in *@taken. */
static NfDateNameKind
name_at (const Scan *s, guint i, int *value, guint *taken)
{
  const Token *t = tok (s, i);
  *taken = 1;
  if (t == NULL || t->kind != T_WORD)
    return NF_DATE_NAME_NONE;
  NfDateNameKind kind = phrase_at (s, i, value, taken);
  if (kind)
    return kind;
  return nf_date_lookup_name (s->text + t->start, t->end - t->start, s->language, value);
}

/* Month first for numeric days: US English only. */
static gboolean
month_first (const char *language)
{
  if (language == NULL || g_ascii_strncasecmp (language, "en", 2) != 0)
    return FALSE;
  if (language[2] == '\0')
    return TRUE;
  return g_ascii_strncasecmp (language + 3, "us", 2) == 0 || g_ascii_strncasecmp (language + 3, "ph", 2) == 0;
}

static int
full_year (const Token *t)
{
  if (t->digits == 4)
    return t->value;
  if (t->digits == 2)
    return t->value < 70 ? 2000 + t->value : 1900 + t->value;
  return 0;
}

static gboolean
valid_day (int y, int m, int d)
{
  return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31 && g_date_valid_dmy (d, m, y);
}

/* Skips an ordinal ending glued to a day ("7th", "1er", "7." , "1º"). */
static guint
skip_ordinal (const Scan *s, guint i)
{
  static const char *const endings[] = { "st", "nd", "rd", "th", "er", "e", "o", "a", NULL };
  const Token *t = tok (s, i);
  if (t && !t->space_before && is_word (s, i, endings))
    return i + 1;
  if (t && !t->space_before && (is_sign (s, i, 0xBA) || is_sign (s, i, 0xAA)))
    return i + 1;
  return i;
}

/* A zone name and its offset in seconds: RFC 2822's and the common ones. */
static gboolean
zone_offset (const Scan *s, guint i, int *offset)
{
  static const struct { const char *name; int hours_x4; } zones[] = {
    { "z", 0 }, { "utc", 0 }, { "gmt", 0 }, { "ut", 0 }, { "wet", 0 }, { "west", 4 }, { "bst", 4 },
    { "cet", 4 }, { "cest", 8 }, { "mez", 4 }, { "mesz", 8 }, { "eet", 8 }, { "eest", 12 }, { "msk", 12 },
    { "est", -20 }, { "edt", -16 }, { "cst", -24 }, { "cdt", -20 }, { "mst", -28 }, { "mdt", -24 },
    { "pst", -32 }, { "pdt", -28 }, { "akst", -36 }, { "akdt", -32 }, { "hst", -40 },
    { "jst", 36 }, { "kst", 36 }, { "aest", 40 }, { "aedt", 44 }, { "acst", 38 }, { "awst", 32 },
    { "nzst", 48 }, { "nzdt", 52 }, { "ist", 22 }, { "sgt", 32 }, { "hkt", 32 },
  };
  const Token *t = tok (s, i);
  if (t == NULL || t->kind != T_WORD)
    return FALSE;
  gsize n = t->end - t->start;
  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    if (strlen (zones[z].name) == n && g_ascii_strncasecmp (s->text + t->start, zones[z].name, n) == 0)
      {
        *offset = zones[z].hours_x4 * 900;
        return TRUE;
      }
  return FALSE;
}

/* "+01:00", "+0100", "+01", "-05:30" at token @i: the tokens taken, 0 if none. */
static guint
numeric_offset (const Scan *s, guint i, int *offset)
{
  int sign;
  if (is_sign (s, i, '+'))
    sign = 1;
  else if (is_sign (s, i, '-') || is_sign (s, i, 0x2212))
    sign = -1;
  else
    return 0;
  const Token *t = tok (s, i + 1);
  if (t == NULL || t->kind != T_NUM || t->space_before)
    return 0;
  int hours, minutes = 0;
  guint taken = 2;
  if (t->digits == 4)
    hours = t->value / 100, minutes = t->value % 100;
  else if (t->digits <= 2)
    {
      hours = t->value;
      if (is_sign (s, i + 2, ':') && is_num (s, i + 3, 2, 2))
        minutes = tok (s, i + 3)->value, taken = 4;
    }
  else
    return 0;
  if (hours > 14 || minutes > 59)
    return 0;
  *offset = sign * (hours * 3600 + minutes * 60);
  return taken;
}

/* A time after a date at token @i ("T15:06", ", 3:06 pm", "um 15.06 Uhr", "15h06") and a
 * zone: the tokens taken, 0 when there is none (the date stays a day). */
static guint
match_time (const Scan *s, guint i, NfDate *date)
{
  static const char *const joiners[] = { "t", "at", "um", "à", "a", "alle", "om", "kl", "klo", "o", "às", "las", "в", "о", NULL };
  guint j = i;
  for (int skips = 0; skips < 3; skips++)
    {
      if (is_sign (s, j, ',') || is_sign (s, j, '-') || is_sign (s, j, '|') || is_sign (s, j, '/')
          || is_sign (s, j, 0x2013) || is_sign (s, j, 0xB7) || is_sign (s, j, '@') || is_word (s, j, joiners))
        j++;
      else
        break;
    }
  if (!is_num (s, j, 1, 2))
    return 0;
  int hour = tok (s, j)->value, minute, second = 0, micro = 0;
  guint k;
  if (is_sign (s, j + 1, 0x6642) && is_num (s, j + 2, 1, 2) && is_sign (s, j + 3, 0x5206))
    {
      /* 15時06分, 15时6分30秒 */
      minute = tok (s, j + 2)->value;
      k = j + 4;
      if (is_num (s, k, 1, 2) && is_sign (s, k + 1, 0x79D2))
        second = tok (s, k)->value, k += 2;
      if (hour > 23 || minute > 59 || second > 59)
        return 0;
      date->has_time = TRUE;
      date->hour = hour, date->minute = minute, date->second = second, date->microsecond = 0;
      return k - i;
    }
  if ((is_sign (s, j + 1, ':') || is_word (s, j + 1, (const char *const[]) { "h", NULL })
       || (is_sign (s, j + 1, '.') && !tok (s, j + 1)->space_before))
      && is_num (s, j + 2, 2, 2) && !tok (s, j + 2)->space_before)
    {
      minute = tok (s, j + 2)->value;
      k = j + 3;
    }
  else
    return 0;
  if (is_sign (s, k, ':') && is_num (s, k + 1, 2, 2) && !tok (s, k + 1)->space_before)
    {
      second = tok (s, k + 1)->value;
      k += 2;
      if ((is_sign (s, k, '.') || is_sign (s, k, ',')) && is_num (s, k + 1, 1, 9) && !tok (s, k + 1)->space_before)
        {
          const Token *f = tok (s, k + 1);
          micro = f->value;
          for (int d = f->digits; d < 6; d++)
            micro *= 10;
          for (int d = f->digits; d > 6; d--)
            micro /= 10;
          k += 2;
        }
    }
  if (is_word (s, k, (const char *const[]) { "pm", "am", NULL })
      || (is_word (s, k, (const char *const[]) { "p", "a", NULL }) && is_sign (s, k + 1, '.')
          && is_word (s, k + 2, (const char *const[]) { "m", NULL })))
    {
      gboolean pm = g_ascii_tolower (s->text[tok (s, k)->start]) == 'p';
      if (hour < 1 || hour > 12)
        return 0;
      hour = hour % 12 + (pm ? 12 : 0);
      k += is_word (s, k, (const char *const[]) { "pm", "am", NULL }) ? 1 : 3;
      if (is_sign (s, k, '.'))
        k++;
    }
  else if (is_word (s, k, (const char *const[]) { "uhr", "h", NULL }))
    k++;
  if (hour > 23 || minute > 59 || second > 60)
    return 0;
  date->has_time = TRUE;
  date->hour = hour, date->minute = minute, date->second = second == 60 ? 59 : second;
  date->microsecond = micro;
  int offset = 0;
  guint taken;
  if (zone_offset (s, k, &offset))
    {
      date->has_offset = TRUE, date->offset = offset;
      k++;
      int extra;
      if ((taken = numeric_offset (s, k, &extra)))
        date->offset += extra, k += taken;
    }
  else if ((taken = numeric_offset (s, k, &offset)))
    {
      date->has_offset = TRUE, date->offset = offset;
      k += taken;
    }
  else if (is_sign (s, k, '(') && zone_offset (s, k + 1, &offset) && is_sign (s, k + 2, ')'))
    {
      date->has_offset = TRUE, date->offset = offset;
      k += 3;
    }
  return k - i;
}

static gboolean
date_sign (gunichar c)
{
  return c == '-' || c == '/' || c == '.' || c == 0x2010 || c == 0x2011;
}

/* A year shortened with an apostrophe after a month's name ("14 Feb ’20", "Feb 14, '20"):
 * the apostrophe says the two digits are a year.  Sets @date's year; returns the token after
 * it, 0 when there is none. */
static guint
short_year (const Scan *s, guint j, NfDate *date)
{
  if ((is_sign (s, j, '\'') || is_sign (s, j, 0x2019)) && is_num (s, j + 1, 2, 2) && !tok (s, j + 1)->space_before)
    {
      date->year = full_year (tok (s, j + 1));
      return j + 2;
    }
  return 0;
}

/* The year of a CJK date at token @i: "2020" before 年, or a Japanese era's or Taiwan's
 * Minguo year ("令和2年" and "民國109年" are 2020, "令和元年" 2019).  Sets @date's year;
 * returns the index of the 年 token, 0 when there is none. */
static guint
cjk_year (const Scan *s, guint i, NfDate *date)
{
  static const struct { const char *name; int start; } eras[] = {
    { "令和", 2018 }, { "平成", 1988 }, { "民國", 1911 }, { "民国", 1911 },
  };
  const Token *t = tok (s, i);
  if (t->kind == T_NUM)
    {
      if (t->digits != 4 || !is_sign (s, i + 1, 0x5E74))
        return 0;
      date->year = t->value;
      return i + 1;
    }
  if (t->kind != T_WORD || t->end - t->start < 6 || (guchar) s->text[t->start] < 0x80)
    return 0;
  /* The era's name ends the word: Japanese runs the words before it on ("では令和"). */
  const char *word = s->text + t->start;
  gsize n = t->end - t->start;
  static const char first_year[] = "元";
  gboolean first = n > strlen (first_year) && memcmp (word + n - strlen (first_year), first_year, strlen (first_year)) == 0;
  if (first)
    n -= strlen (first_year);
  for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
    {
      gsize m = strlen (eras[e].name);
      if (n < m || memcmp (word + n - m, eras[e].name, m) != 0)
        continue;
      if (first && is_sign (s, i + 1, 0x5E74))
        {
          date->year = eras[e].start + 1;
          return i + 1;
        }
      if (!first && is_num (s, i + 1, 1, 3) && is_sign (s, i + 2, 0x5E74))
        {
          date->year = eras[e].start + tok (s, i + 1)->value;
          return i + 2;
        }
    }
  return 0;
}

/* The year, a month's name and the day, as Hungarian and Lithuanian write them ("2020.
 * június 7.", "2020 m. birželio 7 d.") at year token @i: the token after the day, 0 if none.
 * Not in English text, where a sentence may end with a year and the next begin with a month. */
static guint
year_name_day (const Scan *s, guint i, NfDate *date)
{
  guint j = i + 1;
  if (is_sign (s, j, '.') && !tok (s, j)->space_before)
    j++;
  else if (is_word (s, j, (const char *const[]) { "m", NULL }) && is_sign (s, j + 1, '.'))
    j += 2;
  else
    return 0;
  if (s->language_index == 0)
    return 0;
  int month;
  guint taken;
  if (name_at (s, j, &month, &taken) != NF_DATE_NAME_MONTH)
    return 0;
  j += taken;
  if (is_sign (s, j, '.'))
    j++;
  if (!is_num (s, j, 1, 2))
    return 0;
  date->year = tok (s, i)->value, date->month = month, date->day = tok (s, j)->value;
  return j + 1;
}

/* A word for "year" after the year ("31 мая 2012 г.", "7 czerwca 2020 r.", "2020 року"),
 * read with the date so that a time after it is the date's: the token after it. */
static guint
skip_year_word (const Scan *s, guint k)
{
  if (is_word (s, k, (const char *const[]) { "г", "р", "r", NULL }) && is_sign (s, k + 1, '.'))
    return k + 2;
  if (is_word (s, k, (const char *const[]) { "года", "году", "року", "roku", NULL }))
    return k + 1;
  return k;
}

/* Whether number token @i follows a word of a script written without spaces ("于2020年"). */
static gboolean
after_unspaced_word (const Scan *s, guint i)
{
  const Token *prev = tok (s, i - 1);
  if (prev->kind != T_WORD || (guchar) s->text[prev->end - 1] < 0x80)
    return FALSE;
  return unspaced_script (g_utf8_get_char (g_utf8_prev_char (s->text + prev->end)));
}

/* The date shapes at token @i: the tokens taken (the time included), 0 if none. */
static guint
match_at (const Scan *s, guint i, NfDate *date)
{
  memset (date, 0, sizeof *date);
  const Token *t = tok (s, i);
  int value = 0;
  guint k = 0;
  guint y = cjk_year (s, i, date);
  if (y && is_num (s, y + 1, 1, 2) && is_sign (s, y + 2, 0x6708) && is_num (s, y + 3, 1, 2) && is_sign (s, y + 4, 0x65E5))
    {
      /* 2020年6月7日, 2020년 6월 7일, 令和2年6月7日 */
      date->month = tok (s, y + 1)->value, date->day = tok (s, y + 3)->value;
      k = y + 5;
    }
  else if (t->kind == T_NUM && t->digits == 4 && tok (s, i + 1) && tok (s, i + 1)->kind == T_SIGN
           && date_sign (tok (s, i + 1)->sign) && is_num (s, i + 2, 1, 2) && is_sign (s, i + 3, tok (s, i + 1)->sign)
           && is_num (s, i + 4, 1, 2)
           && ((!tok (s, i + 2)->space_before && !tok (s, i + 4)->space_before)
               /* "2020. 6. 7.": Korean and Hungarian put a space after each dot */
               || (tok (s, i + 1)->sign == '.' && !tok (s, i + 1)->space_before && !tok (s, i + 3)->space_before)))
    {
      /* 2020-06-07, 2020/06/07, 2020.06.07, 2020. 6. 7. */
      date->year = t->value, date->month = tok (s, i + 2)->value, date->day = tok (s, i + 4)->value;
      k = i + 5;
    }
  else if (t->kind == T_NUM && t->digits <= 2 && tok (s, i + 1) && tok (s, i + 1)->kind == T_SIGN
           && date_sign (tok (s, i + 1)->sign) && is_num (s, i + 2, 1, 2)
           && is_sign (s, i + 3, tok (s, i + 1)->sign) && (is_num (s, i + 4, 4, 4) || is_num (s, i + 4, 2, 2))
           && ((!tok (s, i + 2)->space_before && !tok (s, i + 4)->space_before)
               /* "4. 2. 2022": German typography puts a space after each dot */
               || (tok (s, i + 1)->sign == '.' && !tok (s, i + 1)->space_before && !tok (s, i + 3)->space_before
                   && is_num (s, i + 4, 4, 4)))
           && !(tok (s, i + 5) && tok (s, i + 5)->kind == T_NUM && !tok (s, i + 5)->space_before))
    {
      /* 07.06.2020, 6/7/2020, 07-06-20, 7. 6. 2020 */
      int a = t->value, b = tok (s, i + 2)->value;
      gboolean mf = tok (s, i + 1)->sign != '.' && month_first (s->language);
      if (a > 12 && b <= 12)
        mf = FALSE;
      else if (b > 12 && a <= 12)
        mf = TRUE;
      date->year = full_year (tok (s, i + 4));
      date->month = mf ? a : b, date->day = mf ? b : a;
      k = i + 5;
      /* "7.6.20 15:06" reads well; a bare "7.6.20" after a number is a version or a score */
    }
  else if (t->kind == T_NUM && t->digits == 4 && (k = year_name_day (s, i, date)))
    ;
  else if (t->kind == T_NUM && t->digits <= 2)
    {
      /* 7 June 2020, 7. Juni 2020, 7th of June, 2020, 7 de junio de 2020 */
      guint j = skip_ordinal (s, i + 1);
      if (is_sign (s, j, '.'))
        j++;
      if (is_word (s, j, (const char *const[]) { "of", "de", "del", NULL }))
        j++;
      guint taken;
      if (name_at (s, j, &value, &taken) == NF_DATE_NAME_MONTH)
        {
          date->day = t->value, date->month = value;
          j += taken;
          if (is_sign (s, j, '.'))
            j++;
          if (is_sign (s, j, ','))
            j++;
          if (is_word (s, j, (const char *const[]) { "de", "del", NULL }))
            j++;
          if (is_num (s, j, 4, 4))
            {
              date->year = tok (s, j)->value;
              k = j + 1;
            }
          else if ((k = short_year (s, j, date)))
            ;
          else if (is_num (s, j, 2, 2) && (tok (s, j + 1) == NULL || is_sign (s, j + 1, ')') || is_sign (s, j + 1, ']')))
            {
              /* "( Pescasseroli, 14 Gennaio 20 )": two digits that end the date's text, not a
               * count that goes on ("7. Juni 20 Teilnehmer") nor an hour ("7 June 20:00"). */
              date->year = full_year (tok (s, j));
              k = j + 1;
            }
        }
    }
  else if (t->kind == T_WORD && name_at (s, i, &value, &k) == NF_DATE_NAME_MONTH)
    {
      /* June 7, 2020; Jun. 7th 2020; Sun, 07 Jun 2020 handled by the day-first branch */
      guint j = i + k;
      k = 0;
      if (is_sign (s, j, '.'))
        j++;
      if (is_num (s, j, 1, 2))
        {
          date->month = value, date->day = tok (s, j)->value;
          j = skip_ordinal (s, j + 1);
          if (is_sign (s, j, ','))
            j++;
          NfDate at = { 0 };
          guint taken;
          if (is_num (s, j, 4, 4))
            {
              date->year = tok (s, j)->value;
              k = j + 1;
            }
          else if ((k = short_year (s, j, date)))
            ;
          else if (tok (s, j) && tok (s, j)->space_before && (taken = match_time (s, j, &at))
                   && is_num (s, j + taken, 4, 4) && tok (s, j + taken)->space_before)
            {
              /* asctime and Unix date(1): "Mon Jan  4 09:34:00 2021", "Jan 04 09:34 CET 2021" */
              date->year = tok (s, j + taken)->value;
              date->has_time = TRUE, date->hour = at.hour, date->minute = at.minute;
              date->second = at.second, date->microsecond = at.microsecond;
              date->has_offset = at.has_offset, date->offset = at.offset;
              k = j + taken + 1;
              if (valid_day (date->year, date->month, date->day) && !(tok (s, k) && tok (s, k)->kind == T_NUM && !tok (s, k)->space_before))
                return k - i;
              return 0;
            }
        }
    }
  if (k == 0)
    return 0;
  /* Thai pages count the years of the Buddhist era (2563 is 2020). */
  if (date->year >= 2500 && date->year < 2700 && s->language_index >= 0
      && strcmp (languages[s->language_index].language, "th") == 0)
    date->year -= 543;
  if (!valid_day (date->year, date->month, date->day))
    return 0;
  /* A year glued to more digits is not a year ("2020123"); after 日 a time may follow
   * unspaced ("2020年6月7日15時6分"). */
  if (tok (s, k) && tok (s, k)->kind == T_NUM && !tok (s, k)->space_before && tok (s, k - 1)->kind == T_NUM)
    return 0;
  k = skip_year_word (s, k);
  return (k - i) + match_time (s, k, date);
}

static gboolean
find_in (const char *text, gsize length, const char *language, NfDate *date, gsize *start, gsize *end, gboolean whole)
{
  if (text == NULL)
    return FALSE;
  /* A date in a 4 kB value is not a date field; long text is searched in its first 64 kB. */
  if (length > 65536)
    length = 65536;
  g_autoptr (GArray) tokens = tokenize (text, length);
  Scan s = { text, (const Token *) tokens->data, tokens->len, language, language_index (language) };
  for (guint i = 0; i < s.n; i++)
    {
      const Token *t = tok (&s, i);
      if (whole && i > 0)
        {
          /* Only a weekday and punctuation may come before the date. */
          const Token *prev = tok (&s, i - 1);
          int value;
          guint taken;
          if (prev->kind == T_NUM || (prev->kind == T_WORD && name_at (&s, i - 1, &value, &taken) != NF_DATE_NAME_WEEKDAY))
            return FALSE;
        }
      /* A date starts at a token boundary: not inside "A4-2020-01" or "x2020". */
      if (i > 0 && !t->space_before && t->kind != T_SIGN && tok (&s, i - 1)->kind != T_SIGN
          && !(t->kind == T_NUM && after_unspaced_word (&s, i)))
        continue;
      if (t->kind == T_SIGN)
        continue;
      NfDate found;
      guint taken = match_at (&s, i, &found);
      if (taken == 0)
        continue;
      if (whole)
        for (guint j = i + taken; j < s.n; j++)
          if (tok (&s, j)->kind != T_SIGN)
            return FALSE;
      *date = found;
      if (start)
        *start = t->start;
      if (end)
        *end = tok (&s, i + taken - 1)->end;
      return TRUE;
    }
  return FALSE;
}

gboolean
nf_date_find (const char *text, gssize length, const char *language, NfDate *date, gsize *start, gsize *end)
{
  g_return_val_if_fail (date != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  return find_in (text, length < 0 ? strlen (text) : (gsize) length, language, date, start, end, FALSE);
}

gboolean
nf_date_parse (const char *text, const char *language, NfDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);
  if (text == NULL)
    return FALSE;
  return find_in (text, strlen (text), language, date, NULL, NULL, TRUE);
}

GDateTime *
nf_date_to_utc (const NfDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  if (!date->has_time)
    return NULL;
  g_autoptr (GTimeZone) zone = date->has_offset ? g_time_zone_new_offset (date->offset) : g_time_zone_new_utc ();
  g_autoptr (GDateTime) local = g_date_time_new (zone, date->year, date->month, date->day, date->hour, date->minute,
                                                 date->second + date->microsecond / 1e6);
  return local ? g_date_time_to_utc (local) : NULL;
}

char *
nf_date_format_local (const NfDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "%04d-%02d-%02d", date->year, date->month, date->day);
  if (!date->has_time)
    return g_string_free (out, FALSE);
  g_string_append_printf (out, "T%02d:%02d:%02d", date->hour, date->minute, date->second);
  if (date->microsecond)
    g_string_append_printf (out, ".%06d", date->microsecond);
  if (date->has_offset)
    {
      if (date->offset == 0)
        g_string_append_c (out, 'Z');
      else
        {
          int a = ABS (date->offset);
          g_string_append_printf (out, "%c%02d:%02d", date->offset < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
        }
    }
  return g_string_free (out, FALSE);
}

void
nf_date_set_published (NfArticle *article, const NfDate *date)
{
  g_return_if_fail (article != NULL && date != NULL);
  g_autoptr (GDateTime) utc = nf_date_to_utc (date);
  nf_article_set_published (article, utc);
  g_autofree char *local = nf_date_format_local (date);
  nf_article_set_field_string (article, "published_local", local);
}

gboolean
nf_date_get_published_day (const NfArticle *article, GDate *day)
{
  g_return_val_if_fail (article != NULL && day != NULL, FALSE);
  const char *local = nf_article_get_field_string (article, "published_local");
  NfDate date;
  g_date_clear (day, 1);
  if (local && nf_date_parse (local, NULL, &date))
    {
      g_date_set_dmy (day, date.day, date.month, date.year);
      return TRUE;
    }
  GDateTime *published = nf_article_get_published (article);
  if (published == NULL)
    return FALSE;
  g_date_set_dmy (day, g_date_time_get_day_of_month (published), g_date_time_get_month (published),
                  g_date_time_get_year (published));
  return TRUE;
}
