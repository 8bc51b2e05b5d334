/* bench-portal-review.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review queue with 10,000 articles waiting, against the real test
 * portal (tests/portal/; build-aux/dev bench starts one for bench-portal*
 * programs): the sidebar's panel (BylineRemotePanel over the editor's
 * BylinePortalSections) in a window under Xvfb, as the application shows
 * it. Prints
 *   - the time from asking for the queue to the first frame that shows its
 *     first rows (several runs, each with fresh lists);
 *   - the resident memory at rest with the first page shown, and its peak
 *     while the list is scrolled to the end, page after page, until all
 *     10,000 are held; the requests and time that took.
 * The 10,000 pending posts (of the contributor) are made first, through
 * WordPress's own PHP (the portal script's seed-posts).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "bench-common.h"
#include "byline-application.h"
#include "byline-http.h"
#include "byline-portal-sections.h"
#include "byline-remote-panel.h"
#include "byline-remote-row.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

#define N_POSTS 10000
#define N_RUNS  5

static guint requests;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* A row on screen shows a post: the first page is visible. */
static gboolean
row_shown (GtkWidget *widget)
{
  if (BYLINE_IS_REMOTE_ROW (widget))
    return gtk_widget_get_mapped (widget) &&
           byline_remote_row_get_post (BYLINE_REMOTE_ROW (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (row_shown (child))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget *panel;
  gint64     painted;
} Paint;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Paint *paint = user_data;

  /* The rows were laid out and drawn in the frame before this tick. */
  if (paint->painted == 0 && row_shown (paint->panel))
    {
      paint->painted = g_get_monotonic_time ();
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why_not = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestPortal *test_portal;
  double first[N_RUNS];
  GtkWindow *window;

  test_portal = byline_test_portal_get (&why_not);
  if (test_portal == NULL)
    {
      fprintf (stderr, "bench-portal-review: %s\n", why_not);
      return EXIT_FAILURE;
    }

  gtk_init ();
  adw_init ();
  /* Byline's resources and style, as the application has them. */
  g_type_class_unref (g_type_class_ref (BYLINE_TYPE_APPLICATION));
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  {
    double seconds;
    g_autofree char *n = bench_seed_posts ("bench-portal-review", test_portal, N_POSTS,
                                           "pending", "contributor", &seconds);

    printf ("setup: the contributor has %s pending posts (%.1f s through WordPress's PHP)\n", n,
            seconds);
  }

  session = byline_http_session_new (60);
  g_signal_connect (session, "request-queued", G_CALLBACK (bench_count_request_cb), &requests);
  site = RUN (byline_wp_portal_discover_async (session, test_portal->base_url, NULL,
                                               byline_test_store_result, &_result),
              byline_wp_portal_discover_finish, _result, &error);
  if (site == NULL)
    {
      fprintf (stderr, "bench-portal-review: %s\n", error->message);
      return EXIT_FAILURE;
    }
  portal = byline_test_portal_sign_in (test_portal, session, site, "editor");
  user = RUN (byline_portal_get_user_async (portal, NULL, byline_test_store_result, &_result),
              byline_portal_get_user_finish, portal, _result, &error);
  if (user == NULL)
    {
      fprintf (stderr, "bench-portal-review: %s\n", error->message);
      return EXIT_FAILURE;
    }

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 320, 760);
  gtk_window_present (window);
  spin (300);

  /* First page visible: each run with a fresh list and panel. */
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(BylinePortalSections) sections = byline_portal_sections_new (portal, user, NULL);
      BylineRemotePostList *queue = byline_portal_sections_get_list (sections,
                                                                     BYLINE_SECTION_REVIEW_QUEUE);
      Paint paint = { byline_remote_panel_new (sections, BYLINE_SECTION_REVIEW_QUEUE), 0 };
      gint64 start;

      gtk_window_set_child (window, paint.panel);
      spin (300);

      start = g_get_monotonic_time ();
      byline_remote_post_list_reload (queue);
      gtk_widget_add_tick_callback (paint.panel, tick_cb, &paint, NULL);
      while (paint.painted == 0)
        g_main_context_iteration (NULL, TRUE);

      first[run] = (paint.painted - start) / 1000.0;
      printf ("  run %u: first page visible after %.0f ms (%u of %u posts held)\n", run + 1,
              first[run], g_list_model_get_n_items (G_LIST_MODEL (queue)),
              byline_remote_post_list_get_total (queue));
      gtk_window_set_child (window, NULL);
      spin (100);
    }
  qsort (first, N_RUNS, sizeof (double), bench_compare_doubles);
  printf ("review queue, %d pending posts: first page visible %.0f ms median, %.0f ms worst "
          "of %d runs after the request starts (target <= 500 ms)\n",
          N_POSTS, first[N_RUNS / 2], first[N_RUNS - 1], N_RUNS);

  /* Scrolling to the end: memory above rest. */
  {
    g_autoptr(BylinePortalSections) sections = byline_portal_sections_new (portal, user, NULL);
    BylineRemotePostList *queue = byline_portal_sections_get_list (sections,
                                                                   BYLINE_SECTION_REVIEW_QUEUE);
    GtkWidget *panel = byline_remote_panel_new (sections, BYLINE_SECTION_REVIEW_QUEUE);
    GtkAdjustment *adjustment;
    double idle_mb, peak_mb, end_mb;
    gint64 start;
    guint start_requests;

    gtk_window_set_child (window, panel);
    byline_remote_post_list_reload (queue);
    while (!byline_remote_post_list_get_loaded (queue) || byline_remote_post_list_get_loading (queue))
      g_main_context_iteration (NULL, TRUE);
    spin (500);
    adjustment = gtk_scrollable_get_vadjustment (
      GTK_SCROLLABLE (byline_remote_panel_get_list_view (BYLINE_REMOTE_PANEL (panel))));

    idle_mb = bench_status_mb ("VmRSS:");
    bench_reset_peak_rss ();
    start = g_get_monotonic_time ();
    start_requests = requests;

    /* As a user dragging the scrollbar down: the view reads its last
     * rows, the list fetches the next page. */
    while (byline_remote_post_list_get_has_more (queue) ||
           byline_remote_post_list_get_loading (queue))
      {
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                              gtk_adjustment_get_page_size (adjustment));
        g_main_context_iteration (NULL, TRUE);
        if (byline_remote_post_list_get_error (queue) != NULL)
          {
            fprintf (stderr, "bench-portal-review: %s\n",
                     byline_remote_post_list_get_error (queue)->message);
            return EXIT_FAILURE;
          }
      }
    spin (500);
    peak_mb = bench_status_mb ("VmHWM:");
    end_mb = bench_status_mb ("VmRSS:");

    printf ("scrolled to the end: %u posts held in %.1f s, %u requests\n",
            g_list_model_get_n_items (G_LIST_MODEL (queue)),
            (g_get_monotonic_time () - start) / 1e6, requests - start_requests);
    printf ("memory: %.1f MB at rest with the first page; peak %.1f MB while scrolling "
            "(+%.1f MB, target <= +50 MB); %.1f MB at the end (+%.1f MB)\n",
            idle_mb, peak_mb, peak_mb - idle_mb, end_mb, end_mb - idle_mb);

    gtk_window_set_child (window, NULL);
  }

  gtk_window_destroy (window);

  return EXIT_SUCCESS;
}
