/* html-speed.c: how much parse "html" costs over libxml2's own parse, measured in one
 * process on the same pages, in CPU time of this thread (so neighbours on a shared machine
 * do not count).  Run by html-quality.sh; built by make check (or make tests/bench/html-speed).
 *
 *   html-speed [--runs N] [--phases] FILE.html...
 *
 * prints "<pages> <bare seconds> <ours seconds>": the fastest of N (3) passes over all
 * pages of (bare) htmlCtxtReadMemory + xmlFreeDoc with parse "html"'s options, and (ours)
 * what parse "html" does to a page: decode to UTF-8, parse, read metadata, extract the
 * body, free.  The two alternate page by page so that both see the same caches.
 * --phases adds a second line, the seconds of each of ours's phases in the fastest pass:
 * "decode <s> parse <s> meta <s> content <s> free <s>".
 *
 *   html-speed [--model NAME] ...       ours with that block model (block-model = NAME)
 *   html-speed --blocks FILE.html...    no timing: for each page, a line per block of its
 *                                       body, "<page>\t<features>\t<text>" (blocks.c's
 *                                       features, the model off), html-train.py's input;
 *                                       <page> is the file's name up to its first dot */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html-private.h"

static double
thread_seconds (void)
{
  struct timespec t;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void
bare_parse (const char *data, gsize length)
{
  htmlParserCtxtPtr context = htmlNewParserCtxt ();
  htmlDocPtr doc = htmlCtxtReadMemory (context, data, (int) length, NULL, "UTF-8",
                                       HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                       | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
  htmlFreeParserCtxt (context);
  if (doc)
    xmlFreeDoc (doc);
}

enum { PHASE_DECODE, PHASE_PARSE, PHASE_META, PHASE_CONTENT, PHASE_FREE, N_PHASES };
static const char *const phase_names[N_PHASES] = { "decode", "parse", "meta", "content", "free" };

/* Adds the time since *@mark to @phases[@phase] and moves the mark. */
static void
phase_end (double *phases, int phase, double *mark)
{
  double now = thread_seconds ();
  phases[phase] += now - *mark;
  *mark = now;
}

static void
our_parse (const char *data, gsize length, const HtmlOptions *options, double *phases)
{
  double mark = thread_seconds ();
  gsize text_length;
  g_autofree char *charset = NULL;
  g_autofree char *copy = NULL;
  const char *text = html_decode_view ((const guint8 *) data, length, "text/html", &text_length, &charset, &copy, NULL);
  phase_end (phases, PHASE_DECODE, &mark);
  if (text == NULL)
    return;
  gboolean too_deep;
  htmlDocPtr doc = html_parse_utf8 (text, text_length, NULL, &too_deep);
  phase_end (phases, PHASE_PARSE, &mark);
  if (doc == NULL)
    return;
  HtmlMeta *meta = html_meta_new ();
  html_meta_read (doc, meta);
  phase_end (phases, PHASE_META, &mark);
  GPtrArray *paragraphs = html_extract_content (doc, options, meta);
  phase_end (phases, PHASE_CONTENT, &mark);
  g_ptr_array_unref (paragraphs);
  html_meta_free (meta);
  xmlFreeDoc (doc);
  g_clear_pointer (&copy, g_free);
  g_clear_pointer (&charset, g_free);
  phase_end (phases, PHASE_FREE, &mark);
}

/* --blocks: the features of each page's blocks, as html-quality.sh's run gets its body
 * (min-length 0, as there). */
static int
dump_blocks (char **names, int pages, GBytes **files, HtmlOptions *options)
{
  options->min_length = 0;
  options->block_dump = g_string_new (NULL);
  for (int i = 0; i < pages; i++)
    {
      g_autofree char *base = g_path_get_basename (names[i]);
      char *dot = strchr (base, '.');
      if (dot)
        *dot = '\0';
      g_string_truncate (options->block_dump, 0);
      gsize length;
      const char *data = g_bytes_get_data (files[i], &length);
      gsize text_length;
      g_autofree char *charset = NULL, *copy = NULL;
      const char *text = html_decode_view ((const guint8 *) data, length, "text/html", &text_length, &charset, &copy, NULL);
      htmlDocPtr doc = text ? html_parse_utf8 (text, text_length, NULL, &(gboolean) { 0 }) : NULL;
      if (doc == NULL)
        continue;
      HtmlMeta *meta = html_meta_new ();
      html_meta_read (doc, meta);
      g_ptr_array_unref (html_extract_content (doc, options, meta));
      html_meta_free (meta);
      xmlFreeDoc (doc);
      g_auto (GStrv) lines = g_strsplit (options->block_dump->str, "\n", -1);
      for (char **line = lines; *line; line++)
        if (**line)
          printf ("%s\t%s\n", base, *line);
    }
  g_string_free (options->block_dump, TRUE);
  for (int i = 0; i < pages; i++)
    g_bytes_unref (files[i]);
  g_free (files);
  return 0;
}

int
main (int argc, char **argv)
{
  int first = 1, runs = 3;
  gboolean show_phases = FALSE, blocks = FALSE;
  const char *model_name = NULL;
  for (;;)
    if (argc > first + 1 && strcmp (argv[first], "--runs") == 0)
      runs = MAX (1, atoi (argv[first + 1])), first += 2;
    else if (argc > first + 1 && strcmp (argv[first], "--model") == 0)
      model_name = argv[first + 1], first += 2;
    else if (argc > first && strcmp (argv[first], "--phases") == 0)
      show_phases = TRUE, first++;
    else if (argc > first && strcmp (argv[first], "--blocks") == 0)
      blocks = TRUE, first++;
    else
      break;
  xmlInitParser ();
  int pages = argc - first;
  GBytes **files = g_new0 (GBytes *, MAX (pages, 1));
  for (int i = 0; i < pages; i++)
    {
      g_autoptr (GError) error = NULL;
      char *data;
      gsize length;
      if (!g_file_get_contents (argv[first + i], &data, &length, &error))
        {
          g_printerr ("html-speed: %s\n", error->message);
          return 1;
        }
      files[i] = g_bytes_new_take (data, length);
    }
  /* parse "html"'s defaults, min-length aside (the fallback passes are part of the cost). */
  HtmlOptions options = { .favor = HTML_FAVOR_BALANCED, .keep_tables = TRUE, .min_length = 250 };
  if (blocks)
    return dump_blocks (argv + first, pages, files, &options);
  g_autoptr (GError) error = NULL;
  HtmlBlockModel *model = model_name && *model_name ? html_block_model_load (model_name, &error) : NULL;
  if (model_name && *model_name && model == NULL)
    {
      g_printerr ("html-speed: %s\n", error->message);
      return 1;
    }
  options.block_model = model;
  double best_bare = G_MAXDOUBLE, best_ours = G_MAXDOUBLE, best_phases[N_PHASES] = { 0 };
  for (int run = 0; run < runs; run++)
    {
      double bare = 0, ours = 0, phases[N_PHASES] = { 0 };
      for (int i = 0; i < pages; i++)
        {
          gsize length;
          const char *data = g_bytes_get_data (files[i], &length);
          double start = thread_seconds ();
          bare_parse (data, length);
          double middle = thread_seconds ();
          our_parse (data, length, &options, phases);
          ours += thread_seconds () - middle;
          bare += middle - start;
        }
      best_bare = MIN (best_bare, bare);
      if (ours < best_ours)
        memcpy (best_phases, phases, sizeof phases);
      best_ours = MIN (best_ours, ours);
    }
  printf ("%d %.6f %.6f\n", pages, best_bare, best_ours);
  if (show_phases)
    {
      for (int p = 0; p < N_PHASES; p++)
        printf ("%s%s %.6f", p ? " " : "", phase_names[p], best_phases[p]);
      printf ("\n");
    }
  for (int i = 0; i < pages; i++)
    g_bytes_unref (files[i]);
  g_free (files);
  html_block_model_free (model);
  return 0;
}
