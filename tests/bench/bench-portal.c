/* bench-portal.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listing 1,000 posts from the real test portal (tests/portal/), as the
 * review queue and the Published list do: 10 pages of 100, published posts
 * of one author, with BylineWpPortal. Prints the wall time, the number of
 * HTTP requests and the peak resident memory while listing, for the list
 * fields alone and with the posts' content. The posts are created first,
 * through WordPress's own PHP (much faster than 1,000 REST calls).
 *
 * Needs the test portal's JSON in BYLINE_TEST_PORTAL (build-aux/dev bench
 * starts a portal for it).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "byline-http.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

#define N_POSTS  1000
#define PER_PAGE 100
#define N_RUNS   3

static guint requests;

typedef struct
{
  double ms;
  double peak_mb;
  double before_mb;
  guint  requests;
  guint  posts;
} Figures;

static Figures
list_all (BylinePortal *portal,
          gint64        author,
          gboolean      with_content)
{
  Figures figures = { 0 };
  gint64 start;

  bench_reset_peak_rss ();
  figures.before_mb = bench_status_mb ("VmRSS:");
  requests = 0;
  start = g_get_monotonic_time ();

  for (guint page = 1; page <= N_POSTS / PER_PAGE; page++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(BylinePortalPostPage) posts = NULL;
      g_autoptr(GError) error = NULL;
      BylinePortalPostQuery query = {
        .statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PUBLISH),
        .author = author,
        .page = page,
        .per_page = PER_PAGE,
        .with_content = with_content,
      };

      byline_portal_list_posts_async (portal, &query, NULL, byline_test_store_result, &result);
      byline_test_wait_result (&result);
      posts = byline_portal_list_posts_finish (portal, result, &error);
      if (posts == NULL)
        {
          fprintf (stderr, "bench-portal: page %u failed: %s\n", page, error->message);
          exit (EXIT_FAILURE);
        }
      figures.posts += posts->posts->len;
    }

  figures.ms = (g_get_monotonic_time () - start) / 1000.0;
  figures.peak_mb = bench_status_mb ("VmHWM:");
  figures.requests = requests;

  return figures;
}

static int
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  double x = ((const Figures *) a)->ms, y = ((const Figures *) b)->ms;

  return (x > y) - (x < y);
}

static void
measure (BylinePortal *portal,
         gint64        author,
         gboolean      with_content)
{
  Figures runs[N_RUNS];
  const char *what = with_content ? "list fields + content" : "list fields";

  for (guint i = 0; i < N_RUNS; i++)
    {
      runs[i] = list_all (portal, author, with_content);
      printf ("  %s, run %u: %.0f ms, %u requests, %u posts, peak RSS %.1f MB "
              "(%.1f MB before)\n",
              what, i + 1, runs[i].ms, runs[i].requests, runs[i].posts, runs[i].peak_mb,
              runs[i].before_mb);
    }

  qsort (runs, N_RUNS, sizeof (Figures), compare_figures);
  printf ("list %u posts (%u pages x %u, %s): median %.0f ms wall, %u requests, "
          "peak RSS %.1f MB (+%.1f MB while listing)\n",
          runs[N_RUNS / 2].posts, N_POSTS / PER_PAGE, PER_PAGE, what, runs[N_RUNS / 2].ms,
          runs[N_RUNS / 2].requests, runs[N_RUNS / 2].peak_mb,
          runs[N_RUNS / 2].peak_mb - runs[N_RUNS / 2].before_mb);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why_not = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(BylineWpPortal) portal = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestPortal *test_portal;

  test_portal = byline_test_portal_get (&why_not);
  if (test_portal == NULL)
    {
      printf ("bench-portal: skipped, %s\n", why_not);
      return EXIT_SUCCESS;
    }

  printf ("portal: list %d posts from the real WordPress at %s\n", N_POSTS,
          test_portal->base_url);
  {
    double seconds;
    g_autofree char *n = bench_seed_posts ("bench-portal", test_portal, N_POSTS, "publish",
                                           "editor", &seconds);

    printf ("setup: the editor has %s published posts (%.1f s through WordPress's PHP)\n", n,
            seconds);
  }

  session = byline_http_session_new (0);
  g_signal_connect (session, "request-queued", G_CALLBACK (bench_count_request_cb), &requests);

  byline_wp_portal_discover_async (session, test_portal->base_url, NULL,
                                   byline_test_store_result, &result);
  byline_test_wait_result (&result);
  site = byline_wp_portal_discover_finish (result, &error);
  if (site == NULL)
    {
      fprintf (stderr, "bench-portal: discovery failed: %s\n", error->message);
      return EXIT_FAILURE;
    }

  portal = byline_wp_portal_new (session, site,
                                 byline_test_portal_user (test_portal, "editor", "login"),
                                 byline_test_portal_user (test_portal, "editor", "app_password"));

  measure (BYLINE_PORTAL (portal), byline_test_portal_user_id (test_portal, "editor"), FALSE);
  measure (BYLINE_PORTAL (portal), byline_test_portal_user_id (test_portal, "editor"), TRUE);

  return EXIT_SUCCESS;
}
