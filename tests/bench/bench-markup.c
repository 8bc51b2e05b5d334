/* bench-markup.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses and serializes WordPress's performance-suite post
 * (tests/data/gutenberg/large-post.html, 1,436 blocks, 372 kB) and prints
 * the median time of several runs and the peak memory it took. WordPress's
 * own JavaScript parser takes about 0.8 s on it on the project's machines;
 * the target is 10× faster (parse + serialize ≤ 80 ms, aim ≤ 20 ms) with a
 * peak of at most 20× the input size.
 *
 * Usage: bench-markup [FILE] [RUNS]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline-block-parser.h"
#include "byline-markup-writer.h"

static gsize
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  return line != NULL ? strtoul (line + strlen (field), NULL, 10) : 0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *default_path = g_build_filename (SOURCE_DIR, "tests", "data", "gutenberg",
                                                    "large-post.html", NULL);
  const char *path = argc > 1 ? argv[1] : default_path;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 21;
  g_autofree char *post = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) write_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) regenerate_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_times = g_array_new (FALSE, FALSE, sizeof (double));
  gsize length, rss_before, peak;
  guint n_blocks = 0;

  if (!g_file_get_contents (path, &post, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  rss_before = status_kb ("VmRSS:");

  for (guint i = 0; i < runs + 1; i++)
    {
      g_autoptr(GPtrArray) blocks = NULL;
      g_autofree char *again = NULL;
      g_autofree char *regenerated = NULL;
      gint64 t0, t1, t2, t3;

      t0 = g_get_monotonic_time ();
      blocks = byline_markup_parse_blocks (post, length, &error);
      t1 = g_get_monotonic_time ();
      if (blocks == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      again = byline_markup_serialize_blocks (blocks);
      t2 = g_get_monotonic_time ();
      if (strcmp (again, post) != 0)
        {
          g_printerr ("the post was not written back byte for byte\n");
          return 1;
        }

      /* Every block written from the model, as after editing them all. */
      for (guint j = 0; j < blocks->len; j++)
        byline_block_set_source (g_ptr_array_index (blocks, j), NULL, 0);
      t3 = g_get_monotonic_time ();
      regenerated = byline_markup_serialize_blocks (blocks);
      t3 = g_get_monotonic_time () - t3;

      n_blocks = blocks->len;
      /* The first run warms caches up and is not counted. */
      if (i == 0)
        continue;
      g_array_append_val (parse_times, (double) { (t1 - t0) / 1000.0 });
      g_array_append_val (write_times, (double) { (t2 - t1) / 1000.0 });
      g_array_append_val (regenerate_times, (double) { t3 / 1000.0 });
      g_array_append_val (total_times, (double) { (t2 - t0) / 1000.0 });
    }

  peak = status_kb ("VmHWM:");

  printf ("bench-markup: %s (%" G_GSIZE_FORMAT " bytes, %u top-level blocks), median of %u runs\n",
          path, length, n_blocks, runs);
  printf ("  parse:                         %8.2f ms\n", median (parse_times));
  printf ("  serialize (unchanged post):    %8.2f ms\n", median (write_times));
  printf ("  parse + serialize:             %8.2f ms\n", median (total_times));
  printf ("  serialize (every block edited): %7.2f ms\n", median (regenerate_times));
  printf ("  peak RSS delta:                %8.2f MB (%.1f× the input)\n",
          (peak - rss_before) / 1024.0, (peak - rss_before) * 1024.0 / length);

  return 0;
}
