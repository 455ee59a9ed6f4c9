/* meta-byline.c: people's names from bylines and author metadata.  A byline is cut where
 * names stop (a separator, a date, a digit), split into names ("X and Y", "X und Y",
 * "X y Y", "X et Y", "X, Y & Z"), and each name is cleaned of its label ("By", "Von",
 * "View all posts by", "Zeige alle Beiträge von") and of a trailing date word ("am",
 * "Fr.").  What is not a person's name is refused: e-mail addresses, URLs and domain names,
 * company names (GmbH, e.V., Ltd), profile links ("View my complete profile"), credentials. */
#include <string.h>

#include <newsflow/date.h>

#include "html-private.h"

/* Labels that open a byline, longest first within a language (lower case). */
static const char *const labels[] = {
  "view all posts by", "view all articles by", "show all articles of", "show all articles by", "all posts by",
  "more articles by", "more from", "posted by", "submitted by", "soumis par", "enviado por", "written by", "words by", "text by", "story by", "reported by",
  "updated by", "reviewed by", "edited by", "erstellt von", "artikel von", "beitrag von", "by", "author:", "author", "authors:", "autor:", "autorin:", "autor",
  "autorin", "zeige alle beiträge von", "alle beiträge von", "mehr von", "geschrieben von", "verfasst von",
  "ein beitrag von", "ein artikel von", "eingestellt von", "gespeichert von", "veröffentlicht von", "von", "vom", "voor", "door",
  "tous les articles de", "publié par", "écrit par", "rédigé par", "par", "publicado por", "escrito por", "por",
  "scritto da", "pubblicato da", "di", "af", "av", "przez", "autorem", "auteur:", "auteure:", "interview:",
  "text:", "texte:", "texto:", "testo:", "redaktion:", "text von", "autore:", "tekst:", "автор:", "автор",
  "автори:", "yazar:", "yazan:", "muhabir:", "penulis:", "penulis", "oleh", "reporter:", "kirjoittaja:",
  "forfatter:", "författare:", "szerző:", "autorka:", "συντάκτης:", "作者：", "作者:", "بقلم", NULL
};

/* Credentials, roles and words that are never a name on their own. */
static const char *const not_names[] = {
  "ms", "ma", "md", "rd", "phd", "mba", "cfp", "cpa", "rn", "jr", "sr", "ii", "iii", "fand", "esq",
  "staff", "editor", "editors", "admin", "administrator", "wordpressadmin", "webmaster", "guest", "team",
  "by", "posted by", "written by", "updated", "unknown", "no author", "anonymous", "view my complete profile",
  "afficher mon profil complet", "mein profil vollständig anzeigen", "ver todo mi perfil", "author", "autor",
  "autorin", "auteur", "autore",
  "redaktion", "redaction", "rédaction", "red", "newsroom", "name", "link", "stand", "veröffentlicht", "published",
  "share", "teilen", "follow", "folgen", "publisher", "anónimo", "anonimo", "anonym", "anonyme", "zvg",
  "unbekannt", "weiter", "weitere artikel", "alle beiträge", "alle artikel", "archiv anzeigen", "mehr", "more",
  "read more", "all posts", "text", NULL
};

/* Words after which a name ends ("Lupa am 3. Mai", "Jane Doe on March 3"). */
static const char *const tail_words[] = { "am", "on", "le", "el", "il", "op", "um", "at", "den", "der", "vom", "at", "|", NULL };

/* Legal forms: a company, not a person. */
/* What commenters' names end with in comment lists. */
static const char *const comment_words[] = { "says", "said", "sagt", "schreibt", "écrit", "dice", "dit", "schrieb", NULL };

static const char *const company_words[] = {
  "gmbh", "e.v.", "e.v", "ev", "ag", "kg", "ltd", "ltd.", "inc", "inc.", "llc", "s.a.", "sa", "sarl", "s.l.", "gbr",
  "ug", "plc", "co.", "corp", "corp.", "media", "verlag", "online", "eg", "magazin", "magazine", "verband",
  "bundesverband", "verein", "stiftung", NULL
};

static gboolean
word_in (const char *word, gsize length, const char *const *list)
{
  for (const char *const *w = list; *w; w++)
    if (strlen (*w) == length && g_ascii_strncasecmp (word, *w, length) == 0)
      return TRUE;
  return FALSE;
}

/* A domain name or a URL: "tagesschau.de", "www.dw.com", "facebook.com/vegolosi". */
static gboolean
looks_like_domain (const char *name)
{
  if (strstr (name, "://") || strchr (name, '@') || g_str_has_prefix (name, "www.") || strstr (name, "[at]"))
    return TRUE;
  const char *dot = strrchr (name, '.');
  if (dot == NULL || strchr (name, ' '))
    return FALSE;
  gsize tld = 0;
  while (g_ascii_islower (dot[1 + tld]))
    tld++;
  return tld >= 2 && tld <= 12 && dot[1 + tld] == '\0' && dot > name && g_ascii_isalnum (dot[-1]);
}

/* The length of the colon at @text that ends a label, with the spaces French typography
 * puts before it ("Auteur : Jane Doe", a space or a no-break space): 0 when there is none. */
static gsize
label_colon (const char *text)
{
  const char *p = text;
  for (;;)
    if (*p == ' ')
      p++;
    else if (g_str_has_prefix (p, "\xc2\xa0")) /* U+00A0 */
      p += 2;
    else if (g_str_has_prefix (p, "\xe2\x80\xaf")) /* U+202F */
      p += 3;
    else
      break;
  return *p == ':' ? (gsize) (p + 1 - text) : 0;
}

/* How much of @text a label @l (lower case, ASCII or a case fold of the same length) covers,
 * its colon included ("author:" covers "Author :"), or 0 when @text does not open with it. */
static gsize
label_length (const char *text, const char *l)
{
  gsize n = strlen (l);
  if (l[n - 1] == ':')
    return html_ascii_has_prefix (text, l) ? n
           : g_ascii_strncasecmp (text, l, n - 1) == 0 && label_colon (text + n - 1) ? n - 1 + label_colon (text + n - 1)
                                                                                      : 0;
  return html_ascii_has_prefix (text, l) ? n : 0;
}

/* The case fold of the first @n bytes of @name, in @buffer (of @size bytes) when those are
 * ASCII (their fold is their lower case), else a new string in *@folded. */
static const char *
fold_head (const char *name, gsize n, gsize ascii, char *buffer, gsize size, char **folded)
{
  if (n <= ascii && n < size)
    {
      for (gsize i = 0; i < n; i++)
        buffer[i] = html_ascii_lower (name[i]);
      buffer[n] = '\0';
      return buffer;
    }
  return *folded = g_utf8_casefold (name, n);
}

/* Drops a label from the start of @name; TRUE when one was there. */
static gboolean
strip_label (char **name)
{
  gsize length = strlen (*name), ascii = 0;
  while (ascii < MIN (length, 64) && (guchar) (*name)[ascii] < 0x80)
    ascii++;
  for (const char *const *l = labels; *l; l++)
    {
      gsize n = strlen (*l);
      /* The labels' case folds keep their byte length, so the fold's offsets are the name's
       * (a few bytes more: "auteur :" before a colon after a space).  A fold a label, but
       * without an allocation while the name opens in ASCII: this runs a label a name. */
      char buffer[64];
      g_autofree char *folded = NULL;
      const char *head = fold_head (*name, MIN (length, n + 4), ascii, buffer, sizeof buffer, &folded);
      /* Long labels run into the name in some markup ("show all articles ofJane Doe"). */
      if (strncmp (head, *l, n) == 0
          && (head[n] == ' ' || head[n] == ':' || head[n] == '\0' || (*l)[n - 1] == ':' || n >= 12))
        {
          *name += n;
          while (**name == ':' || **name == ' ')
            (*name)++;
          return TRUE;
        }
      /* "Auteur : Jane Doe": a colon after a space. */
      if ((*l)[n - 1] == ':' && strncmp (head, *l, n - 1) == 0 && label_colon (head + n - 1))
        {
          *name += n - 1 + label_colon (head + n - 1);
          while (**name == ' ')
            (*name)++;
          return TRUE;
        }
    }
  return FALSE;
}

/* Words that make a phrase of the words around them ("Iberische Weine in Berlin", "Notes
 * from the Field"): prepositions and articles that no name holds (name particles such as "von",
 * "de", "van der" are not among them). */
static const char *const phrase_words[] = {
  "in", "im", "auf", "aus", "bei", "mit", "zum", "zur", "über", "the", "with", "dans", "sur", "avec", "con", "nel",
  "nella", "sobre", NULL
};

/* html_byline_clean_name; *@phrase set when @value was refused for being a phrase. */
/* The next space-separated word from *@cursor (its length in *@length), or NULL at the end. */
static const char *
next_word (const char **cursor, gsize *length)
{
  const char *p = *cursor;
  while (*p == ' ')
    p++;
  if (*p == '\0')
    return NULL;
  const char *end = strchr (p, ' ');
  *length = end ? (gsize) (end - p) : strlen (p);
  *cursor = p + *length;
  return p;
}

static char *
clean_name (const char *value, gboolean *phrase)
{
  *phrase = FALSE;
  if (value == NULL)
    return NULL;
  GString *collapsed = g_string_new (NULL);
  gboolean pending = FALSE;
  html_append_collapsed (collapsed, value, &pending);
  g_autofree char *clean = g_string_free (collapsed, FALSE);
  if (!g_utf8_validate (clean, -1, NULL))
    return NULL;
  char *name = clean;
  /* A social handle alone ("@janedoe") names an account, not a person. */
  if (*name == '@')
    return NULL;
  /* Leading and trailing signs: "© Jane Doe", "Jane Doe →". */
  while (*name && !g_unichar_isalpha (g_utf8_get_char (name)))
    name = g_utf8_next_char (name);
  for (char *end = name + strlen (name); end > name;)
    {
      char *prev = g_utf8_prev_char (end);
      gunichar c = g_utf8_get_char (prev);
      if (g_unichar_isalnum (c) || c == '.' || c == '_')
        break;
      *prev = '\0';
      end = prev;
    }
  for (int i = 0; i < 3 && strip_label (&name); i++)
    ;
  /* " @handle": the name's social account after it ("Jane Doe @janedoe"). */
  const char *cuts[] = { " | ", " • ", " - ", " – ", " — ", " / ", " · ", " (", " @" };
  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      char *at = strstr (name, cuts[i]);
      if (at)
        *at = '\0';
    }
  g_strstrip (name);
  /* Trailing date words: "Lupa am", "Tomas Spahn Fr". */
  for (;;)
    {
      char *space = strrchr (name, ' ');
      if (space == NULL)
        break;
      const char *last = space + 1;
      gsize n = strlen (last);
      while (n > 0 && (last[n - 1] == '.' || last[n - 1] == ','))
        n--;
      if (!word_in (last, n, tail_words) && nf_date_lookup_name (last, n, NULL, NULL) == NF_DATE_NAME_NONE)
        break;
      *space = '\0';
      g_strstrip (name);
    }
  gsize length = strlen (name);
  while (length > 0 && (name[length - 1] == ',' || name[length - 1] == ':' || name[length - 1] == ';'))
    name[--length] = '\0';
  if (*name == '\0' || looks_like_domain (name) || g_utf8_strlen (name, -1) > 60)
    return NULL;
  g_autofree char *lower = g_utf8_casefold (name, -1);
  if (g_strv_contains (not_names, lower))
    return NULL;
  guint words = 0;
  const char *p;
  gsize n;
  for (const char *cursor = name; (p = next_word (&cursor, &n));)
    {
      if (word_in (p, n, company_words) || word_in (p, n, comment_words))
        return NULL;
      if (word_in (p, n, phrase_words) && (words > 0 || p[n] != '\0'))
        {
          /* A lower-case word inside ("Weine in Berlin"), not a name that opens with "The". */
          *phrase = words > 0 && p[n] != '\0' && g_ascii_islower (*p);
          return NULL;
        }
      words++;
    }
  if (words > 5)
    return NULL;
  /* A weekday's name alone ("Friday" of "Friday, 8 February 2019", "الجمعة") dates a line; it
   * names nobody (a month's may: "April", "Jan"). */
  if (words == 1 && nf_date_lookup_name (name, length, NULL, NULL) == NF_DATE_NAME_WEEKDAY)
    return NULL;
  /* Initials ("kj", "GNB") sign a piece but name nobody; news agencies' tags are kept. */
  static const char *const agencies[] = { "dpa", "afp", "ap", "apa", "sda", "kna", "epd", "ddp", "ansa", "efe", "upi", NULL };
  if (words == 1 && length <= 3 && !word_in (name, length, agencies))
    {
      gboolean ascii = TRUE;
      for (const char *q = name; *q && ascii; q++)
        ascii = g_ascii_isalpha (*q);
      if (ascii)
        return NULL;
    }
  for (const char *q = name; *q; q++)
    if (g_ascii_isdigit (*q) || *q == '_' || *q == '@' || *q == '#')
      return NULL;
  return g_strdup (name);
}

char *
html_byline_clean_name (const char *value)
{
  gboolean phrase;
  return clean_name (value, &phrase);
}

gboolean
html_byline_looks_like_name (const char *name)
{
  /* The words of a page's controls and labels, capitalised beside a date as names are. */
  static const char *const controls[] = { "view", "comments", "comment", "share", "read", "more", "tags", "tag",
                                          "home", "print", "reply", "follow", "menu", "search", "login", "drucken",
                                          "teilen", "kommentare", "kommentar", "lesen", "weiterlesen", "mehr",
                                          "suche", "artikel", "news", "uhr", NULL };
  static const char *const particles[] = { "von", "van", "der", "den", "de", "da", "di", "du", "del", "della", "des",
                                           "la", "le", "zu", "ten", "ter", "bin", "ibn", "al", "el", "dos", "das", NULL };
  guint words = 0, capitals = 0;
  gboolean last_particle = FALSE;
  const char *p;
  gsize n;
  for (const char *cursor = name; (p = next_word (&cursor, &n));)
    {
      gunichar c = g_utf8_get_char_validated (p, n);
      last_particle = word_in (p, n, particles);
      if (word_in (p, n, controls))
        return FALSE;
      if (c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isupper (c))
        capitals++;
      else if (!last_particle)
        return FALSE;
      /* Letters, and . - ' between them; a capital only after a sign or "Mc", "Mac" ("Jean-Luc",
       * "McGregor", "O'Neil"). */
      gunichar before = 0;
      for (const char *q = p; q < p + n; q = g_utf8_next_char (q))
        {
          gunichar d = g_utf8_get_char (q);
          if (!g_unichar_isalpha (d) && d != '.' && d != '-' && d != '\'' && d != 0x2019)
            return FALSE;
          if (q > p && g_unichar_isupper (d) && g_unichar_isalpha (before)
              && !((q - p == 2 && !strncmp (p, "Mc", 2)) || (q - p == 3 && !strncmp (p, "Mac", 3))))
            return FALSE;
          before = d;
        }
      words++;
    }
  return words >= 2 && words <= 4 && capitals >= 2 && !last_particle;
}

char *
html_byline_from_date_line (const char *text)
{
  static const char *const separators[] = { " | ", " / ", " - ", " – ", " — ", " · ", " • ", "|", NULL };
  if (text == NULL || strlen (text) > 120 || !strpbrk (text, "0123456789"))
    return NULL;
  /* No separator, no parts: known before the costly search for a date. */
  gboolean parted = strchr (text, '\t') != NULL;
  for (const char *const *sep = separators; *sep && !parted; sep++)
    parted = strstr (text, *sep) != NULL;
  if (!parted)
    return NULL;
  NfDate date;
  if (!nf_date_find (text, -1, NULL, &date, NULL, NULL))
    return NULL;
  /* The parts between separators: one of them the date, one the name. */
  g_autofree char *copy = g_strdup (text);
  for (const char *const *sep = separators; *sep; sep++)
    for (char *at = strstr (copy, *sep); at; at = strstr (at, *sep))
      {
        /* Each separator becomes one tab (its bytes blanked after). */
        *at = '\t';
        memset (at + 1, ' ', strlen (*sep) - 1);
      }
  if (!strchr (copy, '\t'))
    return NULL;
  g_auto (GStrv) parts = g_strsplit (copy, "\t", 8);
  gboolean dated = FALSE;
  char *name = NULL;
  for (char **part = parts; *part; part++)
    {
      g_strstrip (*part);
      if (strpbrk (*part, "0123456789"))
        {
          dated = dated || nf_date_find (*part, -1, NULL, &date, NULL, NULL);
          continue;
        }
      g_autofree char *clean = html_byline_clean_name (*part);
      if (name == NULL && clean && html_byline_looks_like_name (clean))
        name = g_steal_pointer (&clean);
    }
  if (!dated)
    g_clear_pointer (&name, g_free);
  return name;
}

/* Cuts @text where another role's credit follows the byline ("Text: Jana Muster, Fotos: Max
 * Beispiel", "Text von Jana Muster Illustration von Max Beispiel", "By Jane Doe Photos by
 * John Roe"): a picture's credit is no byline. */
static void
cut_credit (char *text)
{
  static const char *const credits[] = { "foto", "fotos", "photo", "photos", "photography", "bild", "bilder",
                                         "video", "illustration", "illustrationen", "illustrations", "grafik",
                                         "fotografía", "fotografia", NULL };
  static const char *const links[] = { ":", " von ", " by ", " de ", " di ", NULL };
  /* The scan starts at the second byte (a credit follows a space or a comma): an empty
   * @text (a byline element with no text, or one cut at its first byte by a digit or a
   * date) has none, and its NUL is the last byte of the copy. */
  if (*text == '\0')
    return;
  for (char *q = text + 1; *q; q++)
    {
      if ((q[-1] != ' ' && q[-1] != ',') || !g_ascii_isalpha (*q))
        continue;
      for (const char *const *c = credits; *c; c++)
        {
          gsize n = strlen (*c);
          if (g_ascii_strncasecmp (q, *c, n) != 0)
            continue;
          for (const char *const *l = links; *l; l++)
            if (g_ascii_strncasecmp (q + n, *l, strlen (*l)) == 0)
              {
                *q = '\0';
                return;
              }
        }
    }
}

char *
html_byline_signed (const char *text, gboolean only_label)
{
  /* Labels that say "the author" and nothing else: "by" and "von" open other sentences. */
  static const char *const signs[] = {
    "written by", "words by", "text by", "story by", "reported by", "author:", "autor:", "autorin:", "auteur:",
    "auteure:", "autore:", "text:", "texte:", "text von", "ein beitrag von", "ein artikel von", "geschrieben von",
    "verfasst von", "écrit par", "rédigé par", "escrito por", "scritto da", "redaktion:", NULL
  };
  if (text == NULL || strnlen (text, 201) > 200)
    return NULL;
  while (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')
    text++;
  /* This runs on the elements of the article: an ASCII case-blind compare, no copies, and
   * only the labels that open with the text's first byte (they are all in lower case). */
  gboolean found = FALSE;
  char first = g_ascii_tolower (*text);
  for (const char *const *l = signs; *l && !found; l++)
    {
      if ((*l)[0] != first)
        continue;
      gsize n = label_length (text, *l);
      found = n > 0 && (text[n] == ' ' || text[n] == ':' || (*l)[strlen (*l) - 1] == ':');
    }
  if (!found || only_label)
    return found ? g_strdup ("") : NULL;
  /* "Autorin: Jana Muster, Projektleiterin in Tunis": the name before a role. */
  g_autofree char *copy = g_strdup (text);
  cut_credit (copy);
  char *comma = strchr (copy, ',');
  if (comma)
    *comma = '\0';
  char *name = html_byline_clean_name (copy);
  if (name && !html_byline_looks_like_name (name))
    g_clear_pointer (&name, g_free);
  return name;
}

/* g_ascii_strncasecmp() that also takes a capital of Latin-1's letters for its small
 * letter when @lower has it first ("Écrit par" for "écrit par": U+00C0-U+00DE are two bytes
 * each, C3 80-9E, 0x20 below their small letters). */
static int
latin_strncasecmp (const char *text, const char *lower, gsize n)
{
  if (n >= 2 && text[0] == '\xc3' && lower[0] == '\xc3' && (guchar) text[1] >= 0x80 && (guchar) text[1] <= 0x9e
      && (guchar) text[1] != 0x97 && ((guchar) text[1] | 0x20) == (guchar) lower[1])
    return g_ascii_strncasecmp (text + 2, lower + 2, n - 2);
  return g_ascii_strncasecmp (text, lower, n);
}

gboolean
html_byline_is_label (const char *text)
{
  /* Words that name the author and nothing else, alone in an element or a field's label. */
  static const char *const alone[] = {
    "author", "authors", "author(s)", "autor", "autorin", "autoren", "autor(en)", "autor/in", "autor*in", "auteur",
    "auteure", "auteurs", "auteur(s)", "autore", "autori", "verfasser", "verfasserin", "by", "von", "written by",
    "words by", "text by", "story by", "reported by", "geschrieben von", "verfasst von", "text von",
    "ein beitrag von", "ein artikel von", "écrit par", "rédigé par", "escrito por", "scritto da", NULL
  };
  /* This runs on every element with one short text: no copies, the first letter first. */
  if (text == NULL)
    return FALSE;
  while (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')
    text++;
  char first = g_ascii_tolower (*text);
  if (first != 'a' && first != 'b' && first != 'v' && first != 'w' && first != 's' && first != 'r' && first != 'g'
      && first != 't' && first != 'e' && first != '\xc3')
    return FALSE;
  gsize n = strnlen (text, 41);
  if (n > 40)
    return FALSE;
  while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\n' || text[n - 1] == '\t' || text[n - 1] == '\r'))
    n--;
  /* "Author:", "Auteur :": the colon and the spaces before it. */
  if (n > 0 && text[n - 1] == ':')
    {
      n--;
      for (;;)
        if (n > 0 && text[n - 1] == ' ')
          n--;
        else if (n >= 2 && !strncmp (text + n - 2, "\xc2\xa0", 2)) /* U+00A0 */
          n -= 2;
        else if (n >= 3 && !strncmp (text + n - 3, "\xe2\x80\xaf", 3)) /* U+202F */
          n -= 3;
        else
          break;
    }
  for (const char *const *l = alone; *l; l++)
    if (strlen (*l) == n && latin_strncasecmp (text, *l, n) == 0)
      return TRUE;
  return FALSE;
}

gboolean
html_byline_is_labelled (const char *text)
{
  /* Labels that open a byline in running text; short words that open other sentences too
   * ("di", "af") are left out. */
  static const char *const visible[] = {
    "by", "von", "par", "por", "door", "written by", "words by", "text by", "story by", "reported by",
    "ein artikel von", "ein beitrag von", "geschrieben von", "verfasst von", "écrit par", "escrito por",
    "scritto da", "author:", "autor:", "autorin:", "auteur:", "text:", NULL
  };
  /* A signature's dashes before the label ("— by Jane Doe", "---- by Jane Doe"). */
  for (;;)
    if (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r' || *text == '-')
      text++;
    else if (g_str_has_prefix (text, "\xe2\x80\x93") || g_str_has_prefix (text, "\xe2\x80\x94")
             || g_str_has_prefix (text, "\xe2\x80\x95")) /* – — ― */
      text += 3;
    else
      break;
  for (const char *const *l = visible; *l; l++)
    {
      gsize n = label_length (text, *l);
      if (n == 0 || (text[n] != ' ' && (*l)[strlen (*l) - 1] != ':'))
        continue;
      const char *next = text + n;
      while (*next == ' ')
        next++;
      /* A name follows: a capital, or nothing yet (the name is in the next element). */
      return *next == '\0' || g_unichar_isupper (g_utf8_get_char_validated (next, -1));
    }
  return FALSE;
}

static gboolean
contains_name (GPtrArray *list, const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_utf8_collate (g_ptr_array_index (list, i), name) == 0)
      return TRUE;
  return FALSE;
}

void
html_byline_add_name (GPtrArray *list, const char *value)
{
  g_autofree char *name = html_byline_clean_name (value);
  if (name && !contains_name (list, name))
    g_ptr_array_add (list, g_steal_pointer (&name));
}

/* Adds @value's name to @parts and counts it in *@count; *@phrase set when it is refused for
 * being a phrase. */
static void
add_part (GPtrArray *parts, const char *value, gboolean *phrase, guint *count)
{
  (*count)++;
  gboolean refused_phrase;
  char *name = clean_name (value, &refused_phrase);
  *phrase = *phrase || refused_phrase;
  if (name)
    g_ptr_array_add (parts, name);
}

/* The words that join names in a byline. */
static gboolean
is_joiner (const char *word, gsize n)
{
  static const char *const joiners[] = { "and", "und", "et", "y", "e", "en", "og", "och", "i", "with", "&", NULL };
  return word_in (word, n, joiners);
}

void
html_byline_add_names (GPtrArray *list, const char *text, gboolean visible)
{
  if (text == NULL)
    return;
  if (visible && g_utf8_strlen (text, -1) > 120)
    return;
  g_autofree char *copy = g_strdup (text);
  if (visible)
    {
      /* "By Jane Doe | Updated March 3, 2025": the names come before the first separator,
       * digit or date. */
      NfDate date;
      gsize start;
      if (nf_date_find (copy, -1, NULL, &date, &start, NULL))
        copy[start] = '\0';
      for (char *p = copy; *p; p++)
        if (g_ascii_isdigit (*p) || *p == '|' || *p == '\n')
          {
            *p = '\0';
            break;
          }
      const char *cuts[] = { " • ", " · ", " - ", " – ", " — " };
      cut_credit (copy);
      for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
        {
          char *at = strstr (copy, cuts[i]);
          if (at)
            *at = '\0';
        }
      /* An interview's line names both sides ("Jane Doe im Gespräch mit John Roe"): split
       * there as at a comma. */
      static const char *const talks[] = { " im gespräch mit ", " im interview mit ", " in conversation with ",
                                           " en conversation avec ", " en conversación con ", " in conversazione con ",
                                           NULL };
      for (char *at = strchr (copy, ' '); at; at = strchr (at + 1, ' '))
        for (const char *const *t = talks; *t; t++)
          if (g_ascii_strncasecmp (at, *t, strlen (*t)) == 0)
            {
              memset (at, ' ', strlen (*t) - 1);
              *at = ',';
              break;
            }
    }
  /* Split at , ; & and at joining words. */
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean phrase = FALSE;
  guint n_parts = 0;
  GString *part = g_string_new (NULL);
  const char *p = copy;
  while (*p)
    {
      if (*p == ',' || *p == ';' || *p == '&' || *p == '/')
        {
          /* "dpa/lno" and "Jane Doe, MS" stay one: a slash only splits between spaces. */
          if (*p == '/' && !(p > copy && p[-1] == ' ' && p[1] == ' '))
            {
              g_string_append_c (part, *p++);
              continue;
            }
          add_part (parts, part->str, &phrase, &n_parts);
          g_string_truncate (part, 0);
          p++;
          continue;
        }
      if (*p == ' ')
        {
          const char *word = p + 1;
          const char *end = word;
          while (*end && *end != ' ')
            end++;
          if (*end == ' ' && is_joiner (word, end - word) && part->len > 0)
            {
              add_part (parts, part->str, &phrase, &n_parts);
              g_string_truncate (part, 0);
              p = end;
              continue;
            }
        }
      g_string_append_c (part, *p++);
    }
  add_part (parts, part->str, &phrase, &n_parts);
  g_string_free (part, TRUE);
  /* A metadata "author" that lists a phrase among three parts or more ("Iberische Weine in
   * Berlin, Tapas, Vinho Iberico") holds the page's keywords, not its authors; one that names a
   * person and a newspaper ("Jane Doe, The Daily Planet") keeps the person. */
  if (phrase && !visible && n_parts >= 3)
    return;
  for (guint i = 0; i < parts->len; i++)
    if (!contains_name (list, g_ptr_array_index (parts, i)))
      g_ptr_array_add (list, g_strdup (g_ptr_array_index (parts, i)));
}

/* @text's letters and digits only, case folded, without a trailing top-level domain
 * ("TOUR-MAGAZIN.de" -> "tourmagazin", "Stars Insider" -> "starsinsider"). */
static char *
letters_only (const char *text)
{
  const char *dot = strrchr (text, '.');
  gsize length = strlen (text);
  if (dot && dot > text && !strchr (dot, ' '))
    {
      gsize tld = strlen (dot + 1);
      gboolean letters = tld >= 2 && tld <= 6;
      for (const char *p = dot + 1; *p && letters; p++)
        letters = g_ascii_isalpha (*p);
      if (letters)
        length = dot - text;
    }
  g_autofree char *folded = g_utf8_casefold (text, length);
  GString *out = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

void
html_byline_drop_text (GPtrArray *list, const char *text)
{
  /* Nothing to drop from an empty list: no folding of @text (most lists are empty). */
  if (text == NULL || list->len == 0)
    return;
  g_autofree char *t = letters_only (text);
  for (guint i = list->len; i-- > 0;)
    {
      g_autofree char *a = letters_only (g_ptr_array_index (list, i));
      if (*a && strcmp (a, t) == 0)
        g_ptr_array_remove_index (list, i);
    }
}

void
html_byline_drop_site_names (GPtrArray *list, const char *const *names)
{
  for (guint i = list->len; i-- > 0;)
    {
      const char *author = g_ptr_array_index (list, i);
      g_autofree char *a = g_utf8_casefold (author, -1);
      g_autofree char *a_letters = letters_only (author);
      /* A one-word handle ("StarsInsider", "NMB-Media", "hejfish") inside the site's name is
       * the site's.  Not its host: a blog host's user ("creeny.wordpress.com") is its author. */
      gboolean handle = !strchr (author, ' ') && strlen (a_letters) >= 5;
      gboolean drop = FALSE;
      for (const char *const *n = names; *n && !drop; n++)
        {
          g_autofree char *b = g_utf8_casefold (*n, -1);
          g_autofree char *b_letters = letters_only (*n);
          /* The site's name, or more than it ("Deutsche Welle (www.dw.com)"), or the same
           * but for spaces, signs and a domain ("TOUR Magazin", "TOUR-MAGAZIN.de"); a
           * person's blog named after them ("Daniel Lemire's blog") keeps its author. */
          drop = *b && (strcmp (a, b) == 0 || (strlen (b) > 3 && strstr (a, b))
                        || (*b_letters && strcmp (a_letters, b_letters) == 0)
                        || (handle && strstr (b_letters, a_letters)));
        }
      if (drop)
        g_ptr_array_remove_index (list, i);
    }
}

void
html_byline_drop_handles (GPtrArray *list, const char *text)
{
  /* Nothing to drop from an empty list: no folding of @text (most lists are empty). */
  if (text == NULL || list->len == 0)
    return;
  g_autofree char *t = letters_only (text);
  for (guint i = list->len; i-- > 0;)
    {
      const char *author = g_ptr_array_index (list, i);
      g_autofree char *a = letters_only (author);
      if (!strchr (author, ' ') && strlen (a) >= 5 && strstr (t, a))
        g_ptr_array_remove_index (list, i);
    }
}
