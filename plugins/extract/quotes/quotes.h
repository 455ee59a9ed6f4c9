/* quotes.h: what the files of extract "quotes" share (private to the plugin, which exports
 * nf_plugin_descriptor only).  One article is processed in a Context, in this order:
 *   marks.c        quotation marks paired per paragraph and over paragraphs (Quote)
 *   names.c        names from the entities extractor or capitalised words, people the tagger
 *                  missed (Name, sorted by position)
 *   cue-names.c    capitalised words next to a speech verb taken as names ("Quinn said")
 *   canonical.c    canonical names: titles and role words off, surnames and misspellings to
 *                  the full name, gender from given names and honorifics
 *   roles.c        what each person is ("the minister", "the 34-year-old")
 *   pronouns.c     people and pronouns in text order (Mention), "he"/"she" resolved
 *   speaker.c      the speaker phrase at a token: name, pronoun, "the spokeswoman", "it"
 *   attribution.c  cues after and before a quotation, fragments, introducing paragraphs
 *   standalone.c   quotations with no cue of their own: the voice goes on, or the subject
 *                  of the sentence before
 *   tokens.c       small tests on tokens shared by all of them
 *   output.c       an item of the "quotes" field, written in GVariant's serialised form
 *   references.c   the people referred to without their name: pronouns, descriptions
 *   quotes.c       the plugin: options, word lists, the pipeline, the output */
#ifndef QUOTES_QUOTES_H
#define QUOTES_QUOTES_H

#include <string.h>

#include <newsflow/newsflow.h>

#include "nlp/lexicon.h"

G_BEGIN_DECLS

typedef struct {
  GHashTable *verbs;
  GHashTable *titles;
  GHashTable *not_names;
  GHashTable *roles;        /* "squad member", "evacuee": before a name, not part of it */
  GHashTable *not_persons;  /* last words of outlets and organisations ("Courier") */
  GHashTable *org_suffixes;
  GHashTable *org_nouns;    /* "the company", "the organisation" */
  GHashTable *demonyms;     /* first four letters of nationalities: "the Spaniard", "the Swede" */
  NlpSortedWords *female, *male; /* given names: 16,000, asked only for a person's gender */
  NlpSortedWords *common_words; /* gazetteers/common-words.txt: words that are never names */
  NlpSortedWords *person_nouns; /* WordNet's nouns for people: "the shortstop", "the rookie" */
  long        min_words;
  gboolean    single_quotes;
  gboolean    references;   /* write "reference" annotations (references.c) */
  /* For each list above, a filter: a bit set by the hash of each of its ASCII words.  A token
   * all ASCII (folding only lowers it) whose bit is not set is not in the list, which most
   * tokens show without being copied, folded or looked up. */
  struct {
    gconstpointer set;      /* the list's GHashTable (female and male: NlpSortedWords) */
    guint8        bits[65536 / 8];
  } filters[10];
  guint8      honorific_bits[65536 / 8]; /* the same for gender_of_word's honorifics */
} Quotes;

typedef struct {
  gsize  start, end;   /* the name */
  char  *canonical;
  char  *title;        /* folded, or NULL */
  gboolean person;
  int    gender;       /* GENDER_* */
} Name;

enum { GENDER_UNKNOWN, GENDER_FEMALE, GENDER_MALE };

/* A person named or referred to by "he"/"she" outside quotations, in text order: what a
 * pronoun is resolved against. */
typedef struct {
  guint    tok;
  guint    sentence;
  gint     name;       /* index into names of the referent, or -1 */
  int      gender;
  gboolean subject;    /* the first person of its sentence, not after a preposition */
} Mention;

typedef struct {
  gsize  open, close;        /* byte offsets of the marks */
  gsize  start, end;         /* the quoted text, trimmed */
  guint  open_tok, close_tok;
  guint  paragraph;
  guint  group;              /* pieces of one quotation share it */
  gboolean single;
  gboolean continues;        /* runs on into the next paragraph */
  gboolean fragment;         /* attributed as words inside a sentence (`called it "…"`) */
  gboolean opens_paragraph;  /* nothing before it in its paragraph */
  gboolean ends_paragraph;   /* nothing but punctuation after it in its paragraph */
  /* attribution */
  gboolean attributed;
  gsize  speaker_start, speaker_end;
  char  *speaker;            /* canonical, or NULL */
  char  *cue;
} Quote;

typedef struct {
  const Quotes  *self;
  const char    *text;
  gsize          length;
  const NfToken *tokens;
  guint          n;
  GString       *scratch;
  const guint32 *fold_ids;  /* per token, its fold in folds (the segmentation's) */
  const NfFold  *folds;
  guint8        *list_memo; /* per fold, 2 bits (asked, member) for each of the word lists
                             * tok_in is asked about most: verbs, titles, not_names, roles */
  guint32       *token_bits; /* per token: its bit in the word lists' filters (may_be_in_bit),
                              * or G_MAXUINT32 for a token that is not an ASCII word */
  GArray        *names;    /* Name, sorted by start */
  GArray        *quotes;   /* Quote */
  GArray        *mentions; /* Mention, in text order */
  GArray        *others;   /* gsize pairs: spans of entities that are neither people nor organisations */
  GHashTable    *roles;    /* canonical name -> GString of " role words " (see collect_roles) */
  GHashTable    *lower;    /* folded word -> whether the article writes it in lower case, for
                            * the words refine_name asks about; built on demand */
  GArray        *mention_words; /* guint: the tokens whose fold is_mention_fold (tokens.c), in
                                 * order (made by token_bits_new when set) */
  GArray        *verb_words;    /* guint: the word tokens the filter of the speech verbs lets
                                 * through, in order (made by token_bits_new when set): those
                                 * names_from_cues asks about */
  guint8        *fold_lower;  /* per fold, whether a word token not capitalised has it (made
                               * by token_bits_new when set) */
  guint32       *lower_slots; /* the same from the segmentation's folds: a hash set of the fold
                               * ids (+ 1) of fold_lower, by fold hash; lower_inline or lower_heap */
  guint32        lower_mask;  /* its size - 1 */
  guint32       *lower_heap;
  guint32        lower_inline[512];
  guint          n_folds;
  /* indexes by position (index.c), so that no lookup scans the whole article */
  GArray        *quote_spans;   /* Span of each quotation's marks, by start, max end so far */
  GArray        *other_spans;   /* the same for others */
  GArray        *quote_marks;   /* offsets of the marks of quotations (gsize), sorted */
  guint8        *name_bytes;    /* a bit per byte of text covered by a name */
  guint          names_indexed; /* names looked at for the two below */
  guint          names_sorted;  /* names[0, names_sorted) are sorted by start */
  gsize          name_longest;  /* the longest name among them, in bytes */
  GHashTable    *org_mentions;  /* canonical name -> GArray of the indexes of its mentions as
                                 * an organisation (no dateline) */
  GHashTable    *org_words;     /* folded word -> GPtrArray of the org_mentions arrays of the
                                 * organisations whose folded name contains it */
  GPtrArray     *mid_capitals;  /* capitalised words not opening a sentence, sorted (strcmp) */
  guint          mid_capital_asks; /* questions answered by a scan before mid_capitals is made */
  guint          capital_run_asks; /* add_cue_name's questions answered by a scan (cue-names.c) */
  /* the work done, counted for tests/unit/test-quotes-linear.c */
  guint64        comparisons;   /* pairs of distinct names compared by refine_names */
  guint64        probes;        /* names looked at by name_at */
} Context;

/* A byte span [start, end) and the largest end of the spans sorted before it and itself. */
typedef struct {
  gsize start, end, max_end;
} Span;

/* tokens.c */
guint32 *token_bits_new (const Context *c, guint n_folds);
gboolean tok_may_be_in (const Context *c, guint i, const guint8 *bits);

static inline char
ascii_lower (char ch)
{
  return ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch;
}

/* Whether token @i is @word (lower-case ASCII), in any case.  Called for most tokens
 * against many words ("is the token before a name an object marker?"), hence inline,
 * where the length of a literal @word is known; the first letters are compared first. */
static inline gboolean
tok_is (const Context *c, guint i, const char *word)
{
  const char *text = c->text + c->tokens[i].start;
  gsize length = c->tokens[i].end - c->tokens[i].start;
  return length > 0 && ascii_lower (*text) == ascii_lower (*word) && strlen (word) == length
         && g_ascii_strncasecmp (text, word, length) == 0;
}
gboolean tok_in_lookup (const Context *c, guint i, GHashTable *set, int slot);
gunichar tok_char (const Context *c, guint i);
gboolean is_quote_char (gunichar ch);
guint token_at (const Context *c, gsize pos);
/* Sorts an array of guint ascending and keeps each value once. */
void sort_unique_guints (GArray *array);
gboolean tok_is_word (const Context *c, guint i);
gboolean is_pronoun (const Context *c, guint i);
gboolean set_has (const Context *c, GHashTable *set, const char *text, gsize length);
gboolean word_in (const Context *c, GHashTable *set, const char *word);
gboolean word_in_text (const Context *c, GHashTable *set, const char *word, gsize length);
void filters_init (Quotes *self);
void filter_add (guint8 *bits, const char *folded);

/* The longest ASCII word the filters know: longer ones are always asked of the lists. */
enum { FILTER_WORD_MAX = 64 };

/* The filter's bit for @length bytes of ASCII @text in lower case, in *@bit: the top 16 bits
 * of the hash of its fold (nf_text_fold_hash), which the segmentation's folds carry, so a
 * token's bit is read, not worked out; FALSE when the text is not all ASCII or is longer
 * than FILTER_WORD_MAX. */
static inline gboolean
may_be_in_bit (const char *text, gsize length, guint *bit)
{
  char lower[FILTER_WORD_MAX];
  if (length > sizeof lower)
    return FALSE;
  for (gsize k = 0; k < length; k++)
    {
      guchar ch = (guchar) text[k];
      if (ch >= 0x80)
        return FALSE;
      lower[k] = (char) (ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
    }
  *bit = nf_text_fold_hash (lower, length) >> 16;
  return TRUE;
}

/* FALSE when the fold of @length bytes of @text is surely no word of the list of filter
 * @bits: the text is ASCII (which folding only lowers) and its bit is not set.  TRUE: it
 * may be (then ask the list).  Asked of most tokens, hence inline. */
static inline gboolean
may_be_in (const guint8 *bits, const char *text, gsize length)
{
  guint bit;
  if (!bits || !may_be_in_bit (text, length, &bit))
    return TRUE;
  return (bits[bit >> 3] >> (bit & 7)) & 1;
}
gboolean tok_is_one_of (const Context *c, guint i, const char *const *words, guint8 *bits, gsize *ready);

/* Whether word token @i is in the word list @set (folded).  Asked of nearly every token
 * (is it a speech verb? a title?): the filter bit of the token, worked out once an
 * article, turns most of them away here, without a call; the rest is tok_in_lookup.
 * @slot: the list's slot in Context.list_memo, which is also its filter's (filters_init
 * puts the four lists asked most first, in this order), or -1. */
static inline gboolean
tok_in (const Context *c, guint i, GHashTable *set)
{
  if (c->tokens[i].kind != NF_TOKEN_WORD)
    return FALSE;
  const Quotes *q = c->self;
  int slot = set == q->verbs ? 0 : set == q->titles ? 1 : set == q->not_names ? 2 : set == q->roles ? 3 : -1;
  if (slot >= 0 && c->token_bits && q->filters[slot].set == set)
    {
      guint32 bit = c->token_bits[i];
      if (bit != G_MAXUINT32 && !((q->filters[slot].bits[bit >> 3] >> (bit & 7)) & 1))
        return FALSE;
    }
  return tok_in_lookup (c, i, set, slot);
}

/* The slots of the word lists in Quotes.filters (filters_init's order; the first four are
 * also the slots of Context.list_memo). */
enum {
  FILTER_VERBS, FILTER_TITLES, FILTER_NOT_NAMES, FILTER_ROLES, FILTER_NOT_PERSONS,
  FILTER_ORG_SUFFIXES, FILTER_ORG_NOUNS, FILTER_DEMONYMS, FILTER_FEMALE, FILTER_MALE,
};

/* Whether @bit is set in filter @bits. */
static inline gboolean
filter_has (const guint8 *bits, guint bit)
{
  return (bits[bit >> 3] >> (bit & 7)) & 1;
}

/* The filter of the word list @set, or NULL. */
static inline const guint8 *
set_filter (const Quotes *self, GHashTable *set)
{
  for (guint k = 0; k < G_N_ELEMENTS (self->filters); k++)
    if (self->filters[k].set == set)
      return self->filters[k].bits;
  return NULL;
}
gboolean is_object_marker (const Context *c, guint i);
guint    main_clause_first (const Context *c, guint first, guint limit);
gboolean is_cue_adverb (const Context *c, guint i);

/* index.c */
void index_quotes (Context *c);
void index_others (Context *c);
void index_clear (Context *c);
void index_name_added (Context *c, const Name *n);
void index_names_sorted (Context *c);
guint names_first_from (const Context *c, gsize pos);
gboolean names_all_sorted (const Context *c);
guint names_before (const Context *c, gsize pos);
guint mentions_from (const Context *c, guint tok);
const Name *organisation_containing (const Context *c, gsize pos, const char *word);
gboolean inside_quote (const Context *c, gsize pos);
gboolean marks_quote (const Context *c, gsize pos);
gboolean covered_by_other (const Context *c, gsize start, gsize end);
gboolean covered_by_name (const Context *c, gsize start, gsize end);
const Name *name_at (const Context *c, guint i);
gboolean capitalised_inside_sentence_text (const Context *c, const char *word, gsize length);

/* marks.c */
void find_quotes (Context *c, NfArticle *article);
gboolean opens_sentence (const Context *c, const Quote *q);
guint count_words (const Context *c, const Quote *q);
gboolean looks_like_title (const Context *c, const Quote *q);
gboolean looks_like_term (const Context *c, const Quote *q);

/* names.c */
void add_name (Context *c, gsize start, gsize end, const char *canonical, const char *title, gboolean person);
gboolean names_from_entities (Context *c, NfArticle *article);

/* A capitalised word (not all capitals) that is no title nor a word never in a name; asked
 * of every token, the flags first. */
static inline gboolean
is_name_token (const Context *c, guint i)
{
  const NfToken *t = &c->tokens[i];
  return t->kind == NF_TOKEN_WORD && (t->flags & NF_TOKEN_CAPITALIZED) && !(t->flags & NF_TOKEN_ALL_CAPS)
         && !tok_in (c, i, c->self->not_names) && !tok_in (c, i, c->self->titles);
}
void names_from_capitals (Context *c);
gint compare_names (gconstpointer a, gconstpointer b);
void names_supplement (Context *c);

/* cue-names.c */
void names_from_cues (Context *c);

/* canonical.c */
int gender_of_word (const Context *c, const char *word);
int gender_of_text (const Context *c, const char *word, gsize length);
int tok_gender (const Context *c, guint i);
const char *last_word (const char *name);
void refine_names (Context *c);

/* pronouns.c */
/* The names that share a canonical name, as chains: @next[k] (c->names->len of them) is the
 * next name after k with the canonical name of k, or G_MAXUINT; the table maps each
 * canonical name to its first (GUINT_TO_POINTER). */
GHashTable *names_by_canonical (const Context *c, guint *next);
const Name *person_before (const Context *c, gsize pos, const char *title_word);
void build_mentions (Context *c);
const Name *salient_person (const Context *c, guint tok);
const Name *previous_speaker (const Context *c, const Quote *quote, guint tok);
const Name *person_named_next (const Context *c, guint tok);
const Name *pronoun_referent (const Context *c, guint i);
const Name *person_referent (const Context *c, guint tok, int gender);

/* roles.c */
guint age_at (const Context *c, guint i, gsize *end);
void collect_roles (Context *c);
const Name *person_with_role (const Context *c, gsize pos, const char *role);
gboolean describes_person (const Context *c, guint head, const char *folded);

/* speaker.c */
gboolean is_dateline_outlet (const Context *c, const Name *n);
gboolean speaker_at (Context *c, guint i, guint limit, Quote *q, guint *last);

/* attribution.c */
gboolean attribution_after (Context *c, Quote *q, guint limit);
gboolean attribution_before (Context *c, Quote *q, guint sentence_first);
gboolean is_statement_word (const Context *c, guint i);
gboolean attribute_to_subject (Context *c, Quote *q, guint sentence_first, guint verb);
gboolean attribution_reported (Context *c, Quote *q, guint sentence_first);
gboolean attribution_intro (Context *c, Quote *q, const NfSentence *sentences);
void attribute_quotes (Context *c, const NfSentence *sentences);

/* output.c: {"text": <@length bytes of @text>, "speaker": <ms>, "cue": <ms>}, serialised
 * (floating; the strings valid UTF-8, @text without NUL) */
GVariant *quote_item_new (const char *text, gsize length, const char *speaker, const char *cue);

/* The "quotes" field ("aa{sv}") written item by item into one buffer, the same bytes as a
 * GVariantBuilder of the items would serialise. */
typedef struct {
  GByteArray *body;  /* the items, each at a multiple of 8 */
  GArray     *ends;  /* gsize: where each item ends */
} QuoteList;
QuoteList *quote_list_new (void);
/* an item as quote_item_new would make it (the same conditions) */
void quote_list_add (QuoteList *list, const char *text, gsize length, const char *speaker, const char *cue);
/* an item made otherwise (serialised: its bytes are copied) */
void quote_list_add_value (QuoteList *list, GVariant *item);
/* the field (floating); frees @list */
GVariant *quote_list_end (QuoteList *list);
void quote_list_free (QuoteList *list);

/* references.c: the "reference" annotations of the people referred to without their name */
void write_references (Context *c, NfArticle *article);

/* standalone.c */
gboolean other_person_between (const Context *c, const Quote *p, const Quote *q);
void attribution_standalone (Context *c, Quote *q);
void attribute_unattributed (Context *c);

G_END_DECLS

#endif /* QUOTES_QUOTES_H */
