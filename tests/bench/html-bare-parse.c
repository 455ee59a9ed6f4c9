/* html-bare-parse.c: the yardstick for parse "html"'s speed — libxml2 parsing the same
 * pages in one process and nothing else (no decoding, metadata or content extraction),
 * with the options parse "html" uses.  Built and run by html-quality.sh:
 *
 *   html-bare-parse FILE.html...    prints "<pages> <CPU seconds> <wall seconds>" for the
 *                                   parses alone (newsflow --stats gives wall time)
 *
 * Files are read into memory before the clock starts; each page is parsed and freed. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libxml/HTMLparser.h>

static char *
slurp (const char *path, long *length)
{
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return NULL;
  char *data = NULL;
  if (fseek (f, 0, SEEK_END) == 0 && (*length = ftell (f)) >= 0 && fseek (f, 0, SEEK_SET) == 0
      && (data = malloc (*length + 1)) != NULL)
    {
      if (fread (data, 1, *length, f) != (size_t) *length)
        {
          free (data);
          data = NULL;
        }
      else
        data[*length] = '\0';
    }
  fclose (f);
  return data;
}

static double
seconds (clockid_t clock)
{
  struct timespec t;
  clock_gettime (clock, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  xmlInitParser ();
  double cpu = 0, wall = 0;
  int pages = 0;
  for (int i = 1; i < argc; i++)
    {
      long length;
      char *data = slurp (argv[i], &length);
      if (data == NULL)
        {
          fprintf (stderr, "html-bare-parse: cannot read %s\n", argv[i]);
          return 1;
        }
      double cpu_start = seconds (CLOCK_PROCESS_CPUTIME_ID), wall_start = seconds (CLOCK_MONOTONIC);
      htmlParserCtxtPtr context = htmlNewParserCtxt ();
      htmlDocPtr doc = htmlCtxtReadMemory (context, data, (int) length, NULL, "UTF-8",
                                           HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                                           | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC
                                           | HTML_PARSE_COMPACT);
      htmlFreeParserCtxt (context);
      if (doc)
        xmlFreeDoc (doc);
      cpu += seconds (CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
      wall += seconds (CLOCK_MONOTONIC) - wall_start;
      pages++;
      free (data);
    }
  printf ("%d %.6f %.6f\n", pages, cpu, wall);
  return 0;
}
