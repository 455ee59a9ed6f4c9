/* text.c: tokens and sentences of an article body, shared by every extractor.
 * Rule-based, in the tradition of Punkt-style splitters: a period ends a sentence unless it
 * belongs to an abbreviation, an initial, a number or an acronym followed by a name. */
#include "config.h"

#include <string.h>

#include <newsflow/text.h>

/* Plain arrays, not GArrays: a token or a sentence is appended in place, without a call. */
struct _NfText {
  gint        ref_count;
  NfToken    *tokens;
  guint       n_tokens, tokens_size;
  guint       n_words;   /* NF_TOKEN_WORD and NF_TOKEN_NUMBER tokens: several stages ask */
  NfSentence *sentences;
  guint       n_sentences, sentences_size;
  const char *text;      /* what was segmented: the folds are made from it on first use */
  /* nf_text_get_fold_ids: made once; folds_state says how far (FOLDS_*), atomically */
  gint        folds_state;
  guint32    *fold_ids;
  NfFold     *folds;
  guint       n_folds;
  char       *fold_text; /* the folded forms, NUL-separated */
};

/* The three lists are in strcmp() order: in_list() searches them by halves. */

/* Titles and similar: their period never ends a sentence. */
static const char *const titles[] = {
  "adm", "amb", "approx", "art", "atty", "brig", "ca", "capt", "cdr", "cf", "cmdr", "cmdt",
  "col", "cpl", "cpt", "dept", "det", "dr", "e.g", "ens", "fig", "fr", "ft", "gen", "gov", "hon",
  "i.e", "insp", "lcpl", "lt", "maj", "messrs", "mr", "mrs", "ms", "msgt", "mt", "no", "nos",
  "nr", "pfc", "pres", "prof", "pvt", "rep", "rev", "sen", "sfc", "sgt", "spc", "ssgt", "st",
  "supt", "tsgt", "univ", "vs", NULL,
};

/* Abbreviations that may also end a sentence ("... of Acme Inc. The company said"). */
static const char *const enders[] = {
  "a.m", "ala", "apr", "ariz", "ark", "aug", "bros", "calif", "co", "colo", "conn", "corp",
  "dec", "del", "etc", "feb", "fla", "ga", "ill", "inc", "ind", "jan", "jr", "jul", "jun", "kan",
  "ky", "la", "llc", "ltd", "mar", "mass", "md", "mich", "minn", "miss", "mo", "mont", "neb",
  "nev", "nov", "oct", "okla", "ore", "p.m", "pa", "plc", "sep", "sept", "sr", "tenn", "tex",
  "va", "vt", "wash", "wis", "wyo", NULL,
};

/* Words that start sentences far more often than they follow an abbreviation. */
static const char *const starters[] = {
  "a", "after", "also", "an", "analysts", "and", "as", "at", "but", "das", "der", "die", "el",
  "for", "he", "her", "his", "however", "i", "if", "in", "it", "its", "la", "le", "les", "los",
  "many", "meanwhile", "most", "officials", "on", "our", "she", "so", "some", "that", "the",
  "their", "there", "these", "they", "this", "those", "we", "when", "while", "yet", "you", NULL,
};

static gboolean
in_sorted_list (const char *const *list, gsize n, const char *word, gsize length)
{
  char lower[16];
  if (length == 0 || length >= sizeof lower)
    return FALSE;
  /* (g_ascii_tolower is a call a byte: this is asked of every period's word) */
  for (gsize i = 0; i < length; i++)
    lower[i] = word[i] >= 'A' && word[i] <= 'Z' ? (char) (word[i] + ('a' - 'A')) : word[i];
  lower[length] = '\0';
  gsize low = 0, high = n;
  while (low < high)
    {
      gsize middle = (low + high) / 2;
      int order = strcmp (list[middle], lower);
      if (order == 0)
        return TRUE;
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return FALSE;
}

#define in_list(list, word, length) in_sorted_list ((list), G_N_ELEMENTS (list) - 1, (word), (length))

gboolean
nf_text_is_abbreviation (const char *word, gsize length)
{
  if (length > 0 && word[length - 1] == '.')
    length--;
  if (g_utf8_strlen (word, length) == 1)
    return g_unichar_isupper (g_utf8_get_char (word));
  return in_list (titles, word, length) || in_list (enders, word, length);
}

/* ---- tokens ---- */

/* ASCII fast paths: most news text is ASCII, and each of these answers exactly as the GLib
 * call it stands before would for a character below 0x80 (test-text checks all 128). */

/* The character at @p: one byte below 0x80 without a call. */
static inline gunichar
char_at (const char *p)
{
  return (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char (p);
}

static inline gboolean
is_letter (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c);
  return g_unichar_isalpha (c) || g_unichar_ismark (c);
}

static inline gboolean
is_digit (gunichar c)
{
  return c < 0x80 ? g_ascii_isdigit (c) : g_unichar_isdigit (c);
}

static gboolean
is_joiner (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010;
}

/* Unicode punctuation categories only: g_unichar_ispunct also accepts symbols ($, %, +). */
static gboolean
is_punctuation (gunichar c)
{
  if (c < 0x80)
    return c != 0 && strchr ("!\"#%&'()*,-./:;?@[\\]_{}", (int) c) != NULL;
  switch (g_unichar_type (c))
    {
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

static NfTokenFlags
flags_of_counts (gboolean first_upper, guint letters, guint upper)
{
  NfTokenFlags flags = first_upper ? NF_TOKEN_CAPITALIZED : 0;
  if (letters >= 2 && upper == letters)
    flags |= NF_TOKEN_ALL_CAPS;
  return flags;
}

static NfTokenFlags
case_flags (const char *start, const char *end)
{
  guint letters = 0, upper = 0;
  gboolean first_upper = FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isalpha (*p))
            continue;
          gboolean is_upper = g_ascii_isupper (*p);
          if (letters == 0)
            first_upper = is_upper;
          letters++;
          upper += is_upper;
          continue;
        }
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalpha (c))
        continue;
      if (letters == 0)
        first_upper = g_unichar_isupper (c) || g_unichar_istitle (c);
      letters++;
      upper += g_unichar_isupper (c);
    }
  return flags_of_counts (first_upper, letters, upper);
}

/* A word from @p: letters with inner joiners, or an acronym "U.S." with its final period;
 * its case in @flags. */
static const char *
scan_word (const char *p, const char *end, NfTokenFlags *flags)
{
  const char *start = p;
  /* Acronym: single letters each followed by a period.  Most words have a letter second,
   * which ends the test at once. */
  const char *q = p;
  guint letters = 0;
  if ((guchar) *p >= 0x80 || (p + 1 < end && p[1] == '.'))
    while (q < end && is_letter (char_at (q)))
      {
        const char *after = g_utf8_next_char (q);
        if (after >= end || *after != '.')
          break;
        letters++;
        q = after + 1;
      }
  if (letters >= 2)
    {
      *flags = case_flags (start, q);
      return q;
    }

  /* Most words are ASCII letters ending at an ASCII character that is no joiner: scanned and
   * their case counted in one pass. */
  p = start;
  const guint16 *table = g_ascii_table;
  guint16 seen = 0;
  for (; p < end; p++)
    {
      /* one look at GLib's table (0 above 0x7f), its answers gathered: whether any letter
       * is lower case is all the case takes, but for the rare word without one */
      guint16 type = table[(guchar) *p];
      if (!(type & G_ASCII_ALNUM))
        break;
      seen |= type;
    }
  /* the word starts with a letter: an ASCII one is its first letter */
  gboolean first_upper = (guint) (guchar) *start - 'A' < 26;
  if (p >= end || ((guchar) *p < 0x80 && !is_joiner ((guchar) *p)))
    {
      /* an ASCII letter is upper or lower case: without a lower-case one, all are upper */
      if (seen & G_ASCII_LOWER)
        *flags = flags_of_counts (first_upper, 0, 0);
      else
        {
          letters = 0;
          for (const char *r = start; r < p; r++)
            letters += (table[(guchar) *r] & G_ASCII_ALPHA) != 0;
          *flags = flags_of_counts (first_upper, letters, letters);
        }
      return p;
    }
  while (p < end)
    {
      gunichar c = char_at (p);
      const char *next = g_utf8_next_char (p);
      if (is_letter (c) || is_digit (c))
        p = next;
      else if (is_joiner (c) && p > start && next < end && is_letter (char_at (next)))
        p = next;
      else
        break;
    }
  *flags = case_flags (start, p);
  return p;
}

static const char *
scan_number (const char *p, const char *end)
{
  while (p < end)
    {
      gunichar c = char_at (p);
      const char *next = g_utf8_next_char (p);
      if (is_digit (c) || is_letter (c))
        p = next;
      else if ((c == '.' || c == ',' || c == ':') && next < end && is_digit (char_at (next)))
        p = next;
      else
        break;
    }
  return p;
}

/* White space below 0x80 without a call: the same answer as nf_unichar_is_space(). */
static inline gboolean
is_space (gunichar c)
{
  return c < 0x80 ? c == ' ' || c - '\t' <= '\r' - '\t' : nf_unichar_is_space (c);
}

static inline NfToken *
push_token (NfText *segmentation)
{
  if (segmentation->n_tokens == segmentation->tokens_size)
    {
      segmentation->tokens_size = MAX (64, 2 * segmentation->tokens_size);
      segmentation->tokens = g_renew (NfToken, segmentation->tokens, segmentation->tokens_size);
    }
  return &segmentation->tokens[segmentation->n_tokens++];
}

static void
tokenize (NfText *segmentation, const char *text, gsize length)
{
  const char *p = text, *end = text + length;
  guint paragraph = 0, newlines = 0;
  while (p < end)
    {
      gunichar c = char_at (p);
      if (is_space (c))
        {
          newlines += c == '\n';
          p = g_utf8_next_char (p);
          continue;
        }
      if (newlines >= 2 && segmentation->n_tokens > 0)
        paragraph++;
      newlines = 0;

      NfToken token = { .start = p - text, .paragraph = paragraph };
      const char *token_end;
      if (is_letter (c))
        {
          token.kind = NF_TOKEN_WORD;
          token_end = scan_word (p, end, &token.flags);
        }
      else if (is_digit (c))
        {
          token.kind = NF_TOKEN_NUMBER;
          token_end = scan_number (p, end);
        }
      else
        {
          token.kind = is_punctuation (c) ? NF_TOKEN_PUNCT : NF_TOKEN_SYMBOL;
          token_end = g_utf8_next_char (p);
        }
      token.end = token_end - text;
      segmentation->n_words += token.kind == NF_TOKEN_WORD || token.kind == NF_TOKEN_NUMBER;
      *push_token (segmentation) = token;
      p = token_end;
    }
}

/* ---- sentences ---- */

static gboolean
is_terminal (const char *text, const NfToken *token)
{
  if (token->kind != NF_TOKEN_PUNCT)
    return FALSE;
  gunichar c = char_at (text + token->start);
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static gboolean
is_closer (const char *text, const NfToken *token)
{
  if (token->kind != NF_TOKEN_PUNCT)
    return FALSE;
  gunichar c = char_at (text + token->start);
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019
         || c == 0xBB || c == 0x201C /* German closing „…“ */;
}

static gboolean
is_starter_word (const char *text, const NfToken *token)
{
  return token->kind == NF_TOKEN_WORD && in_list (starters, text + token->start, token->end - token->start);
}

/* Whether the sentence may end after tokens[i] (a terminal mark or an acronym), given that
 * the next token after the closing marks is tokens[next]. */
static gboolean
ends_sentence (const char *text, const NfToken *tokens, guint i, const NfToken *next)
{
  const NfToken *token = &tokens[i];
  if (next->kind == NF_TOKEN_WORD && !(next->flags & NF_TOKEN_CAPITALIZED))
    return FALSE; /* "... the U.S. economy", "\"Why?\" she asked" */
  if (next->kind == NF_TOKEN_PUNCT && strchr (",;:", text[next->start]))
    return FALSE; /* "of Norwalk, Conn., says", "the U.S., China and Japan": no sentence opens so */

  gboolean period = token->kind == NF_TOKEN_PUNCT && text[token->start] == '.';
  if (token->kind == NF_TOKEN_WORD) /* an acronym ending in a period */
    return is_starter_word (text, next) || next->kind == NF_TOKEN_PUNCT;
  if (!period || i == 0)
    return TRUE;

  const NfToken *before = &tokens[i - 1];
  if (before->kind == NF_TOKEN_NUMBER && before->end == token->start)
    return TRUE;
  if (before->kind != NF_TOKEN_WORD || before->end != token->start)
    return TRUE;
  const char *word = text + before->start;
  gsize length = before->end - before->start;
  if (g_utf8_strlen (word, length) == 1 && g_unichar_isupper (g_utf8_get_char (word)))
    return FALSE; /* an initial: "J. R. R. Tolkien" */
  if (in_list (titles, word, length))
    return FALSE;
  if (in_list (enders, word, length))
    return is_starter_word (text, next) || next->kind == NF_TOKEN_PUNCT;
  return TRUE;
}

static void
close_sentence (NfText *segmentation, guint first, guint last)
{
  NfToken *tokens = segmentation->tokens;
  NfSentence sentence = {
    .start = tokens[first].start,
    .end = tokens[last].end,
    .first_token = first,
    .n_tokens = last - first + 1,
    .paragraph = tokens[first].paragraph,
  };
  guint index = segmentation->n_sentences;
  for (guint t = first; t <= last; t++)
    tokens[t].sentence = index;
  tokens[first].flags |= NF_TOKEN_SENTENCE_START;
  if (segmentation->n_sentences == segmentation->sentences_size)
    {
      segmentation->sentences_size = MAX (16, 2 * segmentation->sentences_size);
      segmentation->sentences = g_renew (NfSentence, segmentation->sentences, segmentation->sentences_size);
    }
  segmentation->sentences[segmentation->n_sentences++] = sentence;
}

static void
split_sentences (NfText *segmentation, const char *text)
{
  const NfToken *tokens = segmentation->tokens;
  guint n = segmentation->n_tokens, first = 0;
  for (guint i = 0; i < n; i++)
    {
      gboolean last_of_paragraph = i + 1 == n || tokens[i + 1].paragraph != tokens[i].paragraph;
      if (last_of_paragraph)
        {
          close_sentence (segmentation, first, i);
          first = i + 1;
          continue;
        }
      gboolean acronym = tokens[i].kind == NF_TOKEN_WORD && text[tokens[i].end - 1] == '.';
      if (!is_terminal (text, &tokens[i]) && !acronym)
        continue;
      /* Take the rest of "?!", "...", and closing quotes or brackets into the sentence. */
      guint j = i + 1;
      while (j < n && tokens[j].paragraph == tokens[i].paragraph
             && (is_terminal (text, &tokens[j]) || is_closer (text, &tokens[j]))
             && tokens[j].start == tokens[j - 1].end)
        j++;
      if (j >= n || tokens[j].paragraph != tokens[i].paragraph)
        {
          /* the paragraph ends with the closing marks: close the sentence here, since the
           * paragraph-end check above will not see its last token again */
          close_sentence (segmentation, first, j - 1);
          first = j;
          i = j - 1;
          continue;
        }
      if (ends_sentence (text, tokens, i, &tokens[j]))
        {
          close_sentence (segmentation, first, j - 1);
          first = j;
        }
      i = j - 1;
    }
}

NfText *
nf_text_segment (const char *text, gsize length)
{
  NfText *segmentation = g_new0 (NfText, 1);
  segmentation->ref_count = 1;
  /* about a token in five bytes of news text, and a sentence in 25 tokens */
  segmentation->tokens_size = length / 5 + 1;
  segmentation->tokens = g_new (NfToken, segmentation->tokens_size);
  segmentation->sentences_size = length / 125 + 1;
  segmentation->sentences = g_new (NfSentence, segmentation->sentences_size);
  segmentation->text = text;
  if (text)
    {
      tokenize (segmentation, text, length);
      split_sentences (segmentation, text);
    }
  return segmentation;
}

NfText *
nf_text_ref (NfText *segmentation)
{
  g_atomic_int_inc (&segmentation->ref_count);
  return segmentation;
}

void
nf_text_unref (NfText *segmentation)
{
  if (segmentation == NULL || !g_atomic_int_dec_and_test (&segmentation->ref_count))
    return;
  g_free (segmentation->tokens);
  g_free (segmentation->sentences);
  g_free (segmentation->fold_ids);
  g_free (segmentation->folds);
  g_free (segmentation->fold_text);
  g_free (segmentation);
}

const NfToken *
nf_text_get_tokens (const NfText *segmentation, guint *n_tokens)
{
  if (n_tokens)
    *n_tokens = segmentation->n_tokens;
  return segmentation->tokens;
}

const NfSentence *
nf_text_get_sentences (const NfText *segmentation, guint *n_sentences)
{
  if (n_sentences)
    *n_sentences = segmentation->n_sentences;
  return segmentation->sentences;
}

guint
nf_text_count_words (const NfText *segmentation)
{
  return segmentation->n_words;
}

/* ---- case-folded tokens ---- */

/* the out-of-line copy of the header's inline definition, for calls not inlined */
extern guint64 nf_load_bytes (const char *p, gsize n, guchar fill);

void
nf_text_fold_append (GString *out, const char *text, gsize length)
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

#define BYTES_OF(c) (G_GUINT64_CONSTANT (0x0101010101010101) * (c))
#define FOLD_HASH_K G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)

/* The hash is taken over 8-byte pieces of the folded form (zeros past its end), so that the
 * ASCII pass of make_folds folds and hashes a piece in a few operations. */

/* The 8 bytes at @p, or the @n (1 to 7) there and zeros */
static inline guint64
load_piece (const char *p, gsize n)
{
  guint64 piece;
  if (n < 8)
    return nf_load_bytes (p, n, 0);
  memcpy (&piece, p, 8);
  return piece;
}
static inline guint64
fold_hash_begin (gsize length)
{
  return (G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ length) * FOLD_HASH_K;
}

static inline guint64
fold_hash_step (guint64 state, guint64 piece)
{
  state = (state ^ piece) * FOLD_HASH_K;
  return state ^ (state >> 29);
}

guint32
nf_text_fold_hash (const char *folded, gsize length)
{
  guint64 state = fold_hash_begin (length);
  for (gsize i = 0; i < length; i += 8)
    state = fold_hash_step (state, load_piece (folded + i, length - i));
  return (guint32) (state >> 32);
}

/* @piece (8 ASCII bytes) with A-Z in lower case: a byte's top bit marks it at or past 'A'
 * after one addition and past 'Z' after another (no carry: every byte is below 0x80). */
static inline guint64
ascii_lower (guint64 piece)
{
  guint64 from_a = piece + BYTES_OF (0x80 - 'A'), past_z = piece + BYTES_OF (0x80 - 'Z' - 1);
  return piece | ((from_a & ~past_z & BYTES_OF (0x80)) >> 2);
}

/* The folds while they are made: the forms' offsets in one growing buffer, and an
 * open-addressing table of index + 1 (0: free) keyed by the hash. */
typedef struct {
  GString *store;
  NfFold  *folds;  /* text is an offset in store until the end: the store moves as it grows */
  guint    n_folds, folds_size;
  guint64 *heads;  /* per fold, its first 8 bytes (zeros past its end): most compare there */
  guint32 *slots;
  guint    n_slots; /* a power of two, at most half full */
} FoldBuilder;

static void
fold_slots_grow (FoldBuilder *b)
{
  guint n_slots = b->n_slots * 2;
  guint32 *slots = g_new0 (guint32, n_slots);
  for (guint k = 0; k < b->n_folds; k++)
    {
      guint at = b->folds[k].hash & (n_slots - 1);
      while (slots[at])
        at = (at + 1) & (n_slots - 1);
      slots[at] = k + 1;
    }
  g_free (b->slots);
  b->slots = slots;
  b->n_slots = n_slots;
}

/* memcmp (@a, @b, @n) == 0 without the call, for the short words most tokens are */
static inline gboolean
same_bytes (const char *a, const char *b, gsize n)
{
  for (gsize k = 0; k < n; k += 8)
    if (load_piece (a + k, n - k) != load_piece (b + k, n - k))
      return FALSE;
  return TRUE;
}

/* The id of @length bytes of @text folded, a new one when the form is new. */
static guint32
fold_intern (FoldBuilder *b, const char *p, gsize length)
{
  /* folded at the end of the store: kept when new, dropped when already there */
  GString *store = b->store;
  gsize at = store->len;
  if (at + length + 9 >= store->allocated_len)
    g_string_set_size (store, at + length + 9); /* (room: the ASCII pass writes 8 at a time) */
  store->len = at;
  char *dst = store->str + at;
  /* ASCII, nearly every token: folded and hashed 8 bytes at a time (where a piece is stored
   * back in memory order: elsewhere all goes the general way) */
  guint64 state = fold_hash_begin (length), head = 0;
  gsize k = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 0 : length + 1;
  for (; k < length; k += 8)
    {
      guint64 piece = load_piece (p + k, length - k);
      if (piece & BYTES_OF (0x80))
        break;
      piece = ascii_lower (piece);
      memcpy (dst + k, &piece, 8);
      state = fold_hash_step (state, piece);
      if (k == 0)
        head = piece;
    }
  gsize folded_length = length;
  guint32 hash;
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN && k >= length)
    {
      store->len = at + length;
      hash = (guint32) (state >> 32);
    }
  else
    {
      nf_text_fold_append (store, p, length);
      folded_length = store->len - at;
      hash = nf_text_fold_hash (store->str + at, folded_length);
      head = load_piece (store->str + at, folded_length);
    }
  const char *folded = store->str + at;
  guint slot = hash & (b->n_slots - 1);
  for (; b->slots[slot]; slot = (slot + 1) & (b->n_slots - 1))
    {
      guint32 id = b->slots[slot] - 1;
      const NfFold *f = &b->folds[id];
      if (f->hash == hash && f->length == folded_length && b->heads[id] == head
          && (folded_length <= 8 || same_bytes (store->str + GPOINTER_TO_SIZE (f->text) + 8, folded + 8, folded_length - 8)))
        {
          store->len = at;
          return b->slots[slot] - 1;
        }
    }
  store->str[store->len++] = '\0';
  if (b->n_folds == b->folds_size)
    {
      b->folds_size *= 2;
      b->folds = g_renew (NfFold, b->folds, b->folds_size);
      b->heads = g_renew (guint64, b->heads, b->folds_size);
    }
  b->heads[b->n_folds] = head;
  b->folds[b->n_folds] = (NfFold) { GSIZE_TO_POINTER (at), folded_length, hash };
  b->slots[slot] = ++b->n_folds;
  if (2 * b->n_folds > b->n_slots)
    fold_slots_grow (b);
  return b->n_folds - 1;
}

static void
make_folds (NfText *segmentation)
{
  guint n = segmentation->n_tokens;
  /* about one distinct form in two tokens of a short article, far fewer in a long one */
  guint n_slots = 64;
  while (n_slots < n && n_slots < 8192)
    n_slots *= 2;
  FoldBuilder b = {
    .store = g_string_sized_new (4 * (gsize) n + 16),
    .folds_size = n_slots / 2,
    .folds = g_new (NfFold, n_slots / 2),
    .heads = g_new (guint64, n_slots / 2),
    .slots = g_new0 (guint32, n_slots),
    .n_slots = n_slots,
  };
  guint32 *ids = g_new (guint32, (gsize) n + 1);
  for (guint i = 0; i < n; i++)
    {
      const NfToken *t = &segmentation->tokens[i];
      ids[i] = fold_intern (&b, segmentation->text + t->start, t->end - t->start);
    }
  ids[n] = 0;
  for (guint k = 0; k < b.n_folds; k++)
    b.folds[k].text = b.store->str + GPOINTER_TO_SIZE (b.folds[k].text);
  g_free (b.slots);
  g_free (b.heads);
  segmentation->fold_ids = ids;
  segmentation->folds = b.folds;
  segmentation->n_folds = b.n_folds;
  segmentation->fold_text = g_string_free (b.store, FALSE);
}

/* The folds are made once a segmentation, on first use, and not under g_once_init_enter():
 * that takes GLib's one process-wide mutex, and g_once_init_leave() broadcasts its one
 * condition, a futex system call, so every article cost a system call and the workers
 * contended for one lock.  In the runner a segmentation is asked by one thread at a time
 * (an article is a worker's until it is handed, under the ring's lock, to the in-order
 * thread), but the header lets any thread ask and a plugin may share one by reference, so
 * the guard is the segmentation's own atomic state: whoever moves it from NONE to MAKING
 * makes the folds and publishes them by storing READY; a thread that finds MAKING yields
 * until READY, which only threads sharing one segmentation ever do, for one folding's time.
 * Once READY, an ask costs an atomic load (a plain load on common machines) and no call. */
enum { FOLDS_NONE, FOLDS_MAKING, FOLDS_READY };

const guint32 *
nf_text_get_fold_ids (const NfText *segmentation, const NfFold **folds, guint *n_folds)
{
  /* computed on first use: the cache is the segmentation's, not part of what it says */
  NfText *mutable = (NfText *) segmentation;
  if (g_atomic_int_get (&mutable->folds_state) != FOLDS_READY)
    {
      if (g_atomic_int_compare_and_exchange (&mutable->folds_state, FOLDS_NONE, FOLDS_MAKING))
        {
          make_folds (mutable);
          g_atomic_int_set (&mutable->folds_state, FOLDS_READY);
        }
      else
        while (g_atomic_int_get (&mutable->folds_state) != FOLDS_READY)
          g_thread_yield ();
    }
  if (folds)
    *folds = segmentation->folds;
  if (n_folds)
    *n_folds = segmentation->n_folds;
  return segmentation->fold_ids;
}
