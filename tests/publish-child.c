/* publish-child.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child of the publish kill test (test-publish-faults.c): it publishes
 * one draft with the real BylinePublisher, BylineDraftStore and
 * BylineWpPortal on a real main loop, and reports each step boundary the
 * job records (BylinePublisher::recorded) on standard output, unbuffered:
 *
 *   B <n> <what>   boundary n (from 1) is on disk
 *   D <post id>    the post is on the portal and recorded
 *   E <code> <message>   the run failed
 *
 * With KILL-AT > 0 it SIGKILLs itself the moment boundary KILL-AT is on
 * disk, before anything else happens: the state a crash or a power cut
 * there leaves. The parent may also SIGKILL it from outside at any time.
 *
 *   publish-child BASE-DIR ARTICLE-ID REST-ROOT LOGIN KILL-AT < APP-PASSWORD
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-publisher.h"
#include "byline-wp-portal.h"

static guint boundaries;
static guint kill_at;

static void
say (const char *line)
{
  gsize len = strlen (line);

  /* One write(2) per line: nothing waits in a buffer when the kill comes. */
  if (write (STDOUT_FILENO, line, len) != (gssize) len)
    exit (4);
}

static void
recorded_cb (BylinePublisher *publisher,
             const char      *what,
             gpointer         user_data)
{
  g_autofree char *line = g_strdup_printf ("B %u %s\n", ++boundaries, what);

  say (line);
  if (boundaries == kill_at)
    raise (SIGKILL);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  post = byline_publisher_run_finish (BYLINE_PUBLISHER (object), result, &error);
  if (post != NULL)
    line = g_strdup_printf ("D %" G_GINT64_FORMAT "\n", post->id);
  else
    line = g_strdup_printf ("E %d %s\n", error->code, error->message);
  say (line);
  g_main_loop_quit (user_data);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  BylinePublisher *publisher;

  article = byline_draft_store_load_finish (BYLINE_DRAFT_STORE (object), result, NULL, &error);
  if (article == NULL)
    {
      g_printerr ("cannot load the draft: %s\n", error->message);
      exit (3);
    }

  publisher = byline_publisher_new (BYLINE_PORTAL (g_object_get_data (G_OBJECT (object), "portal")),
                                    BYLINE_DRAFT_STORE (object), article);
  g_object_set_data_full (G_OBJECT (object), "publisher", publisher, g_object_unref);
  g_signal_connect (publisher, "recorded", G_CALLBACK (recorded_cb), NULL);
  byline_publisher_run_async (publisher, NULL, done_cb, loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GFile) base = NULL;
  g_autoptr(BylineDraftStore) store = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(BylineWpPortal) portal = NULL;
  char password[256];

  if (argc != 6 || fgets (password, sizeof password, stdin) == NULL)
    {
      g_printerr ("usage: publish-child BASE-DIR ARTICLE-ID REST-ROOT LOGIN KILL-AT < APP-PASSWORD\n");
      return 2;
    }
  password[strcspn (password, "\r\n")] = '\0';
  kill_at = strtoul (argv[5], NULL, 10);

  base = g_file_new_for_path (argv[1]);
  store = byline_draft_store_new (base);
  session = byline_http_session_new (30);
  site->rest_root = g_strdup (argv[3]);
  portal = byline_wp_portal_new (session, site, argv[4], password);
  g_object_set_data (G_OBJECT (store), "portal", portal);

  byline_draft_store_load_async (store, argv[2], NULL, loaded_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
