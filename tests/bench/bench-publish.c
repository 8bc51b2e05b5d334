/* bench-publish.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Publishing (issue 7, publish benchmark b; benchmark a, preparing one
 * photo, is bench-photo): the seed article with 10 photos of 24 MP (6000 ×
 * 4000, about 7 MB each, photo-like content) published by an author to the
 * local test portal (tests/portal/) with BylinePublisher, as the Publish
 * button does: each photo prepared (scaled to 2560 px, JPEG 82) while the
 * previous one uploads, uploaded with its caption and alt text, then the
 * post. Prints the total wall time, Byline's own CPU time (user + system,
 * all its threads) and its share of the wall time (target <= 10 %: the
 * portal's work is the rest), the peak resident memory of the publishing
 * (VmHWM, reset first), and the number of HTTP requests.
 *
 * Needs the test portal's JSON in BYLINE_TEST_PORTAL (build-aux/dev bench
 * starts a portal for it).
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-common.h"
#include "byline-http.h"
#include "byline-markup-test-utils.h"
#include "byline-publisher.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

#define N_PHOTOS 10
#define WIDTH    6000
#define HEIGHT   4000

static guint requests;

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
drop_debug (const char     *domain,
            GLogLevelFlags  level,
            const char     *message,
            gpointer        user_data)
{
  if ((level & G_LOG_LEVEL_DEBUG) == 0)
    g_log_default_handler (domain, level, message, user_data);
}

int
main (int   argc,
      char *argv[])
{
  BylineTestPortal *test_portal;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylineDraftStore) store = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *photos = NULL;
  guint64 originals = 0, sent = 0, total = 0;
  double start_cpu, cpu, wall, setup_start;
  gint64 start;
  guint figures = 0, seed_photos = 0;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  /* The seed article is read from tests/data, as the tests read it. */
  g_setenv ("G_TEST_SRCDIR", SOURCE_DIR "/tests", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* A benchmark prints figures, not the debug log g_test_init() enables:
   * its log handler prints debug messages whatever
   * g_log_set_debug_enabled() says. */
  g_log_set_default_handler (drop_debug, NULL);
  test_portal = byline_test_portal_require ();

  dir = g_dir_make_tmp ("bench-publish-XXXXXX", &error);
  g_assert_no_error (error);
  photos = g_build_filename (dir, "photos", NULL);
  g_mkdir (photos, 0700);

  /* The seed article, with its three photos and seven more, 24 MP each. */
  setup_start = g_get_monotonic_time ();
  article = build_seed_article (FALSE);
  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    if (byline_block_get_kind (byline_article_get_block (article, i)) == BYLINE_BLOCK_FIGURE)
      seed_photos++;
  for (guint i = seed_photos; i < N_PHOTOS; i++)
    {
      BylineBlock *figure = byline_block_new_figure (NULL);
      g_autofree char *caption = g_strdup_printf ("Ảnh %u: quang cảnh buổi làm việc tại xã", i + 1);

      byline_block_set_caption (figure, byline_inline_new (caption));
      byline_block_set_alt (figure, caption);
      byline_article_append_block (article, figure);
    }
  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *block = byline_article_get_block (article, i);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      GStatBuf st;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      name = g_strdup_printf ("DSC_%04u.jpg", 100 + figures);
      path = g_build_filename (photos, name, NULL);
      bench_generate_photo (path, WIDTH, HEIGHT, 11 * (figures + 1));
      g_stat (path, &st);
      originals += st.st_size;
      byline_block_set_local_path (block, path);
      figures++;
    }
  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  printf ("setup: %u photos of %u × %u, %.1f MB in all, made in %.1f s\n", figures, WIDTH, HEIGHT,
          originals / 1e6, (g_get_monotonic_time () - setup_start) / 1e6);

  /* A draft like the app's, on disk (photos stay where they are: the
   * draft store copies them in when the editor saves; not measured). */
  base = g_file_new_for_path (dir);
  store = byline_draft_store_new (base);

  session = byline_http_session_new (120);
  g_signal_connect (session, "request-queued", G_CALLBACK (bench_count_request_cb), &requests);
  site = byline_portal_site_new ();
  site->rest_root = g_strdup (test_portal->rest_url);
  portal = byline_test_portal_sign_in (test_portal, session, site, "author");
  publisher = byline_publisher_new (portal, store, article);

  bench_reset_peak_rss ();
  requests = 0;
  start_cpu = cpu_seconds ();
  start = g_get_monotonic_time ();

  byline_publisher_run_async (publisher, NULL, byline_test_store_result, &result);
  /* Uploads of 24 MP photos take WordPress seconds each: wait patiently. */
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  post = byline_publisher_run_finish (publisher, result, &error);

  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - start_cpu;
  if (post == NULL)
    {
      fprintf (stderr, "bench-publish: publishing failed: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < byline_publisher_get_n_photos (publisher); i++)
    {
      guint64 photo_total;

      byline_publisher_get_photo (publisher, i, NULL, NULL, &photo_total);
      total += photo_total;
    }
  byline_publisher_get_progress (publisher, &sent, NULL);

  printf ("published post %" G_GINT64_FORMAT " (%s) with %u photos\n", post->id,
          byline_portal_post_status_to_string (post->status), figures);
  printf ("wall time:        %.1f s\n", wall);
  printf ("Byline CPU time:  %.2f s (user + system, all threads)\n", cpu);
  printf ("Byline's share:   %.1f %% of the wall time (target <= 10 %%)\n", 100 * cpu / wall);
  printf ("peak RSS:         %.1f MB (publishing only; %.1f MB now)\n", bench_status_mb ("VmHWM:"),
          bench_status_mb ("VmRSS:"));
  printf ("HTTP requests:    %u\n", requests);
  printf ("bytes uploaded:   %.1f MB (from %.1f MB of originals; %.1f MB per second)\n",
          total / 1e6, originals / 1e6, total / 1e6 / wall);

  byline_test_remove_tree (dir);

  return EXIT_SUCCESS;
}
