/* byline-test-utils.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-test"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "byline-i18n.h"
#include "byline-test-core.h"
#include "byline-test-utils.h"

static char *test_data_home;

static void
remove_test_data_home (void)
{
  if (test_data_home != NULL)
    byline_test_remove_tree (test_data_home);
}

void
byline_test_init_ui (int    *argc,
                     char ***argv)
{
  const char *display = g_getenv ("DISPLAY");
  const char *wayland = g_getenv ("WAYLAND_DISPLAY");

  if ((display == NULL || *display == '\0') && (wayland == NULL || *wayland == '\0'))
    {
      printf ("1..0 # SKIP no display (run the ui suite through build-aux/dev test)\n");
      exit (0);
    }

  /* Each test program gets its own drafts folder: drafts and the session
   * of one must not reopen in another. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *data_home = g_dir_make_tmp ("byline-test-data-XXXXXX", &error);

    g_assert_no_error (error);
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    test_data_home = g_steal_pointer (&data_home);
    atexit (remove_test_data_home);
  }

  gtk_test_init (argc, argv, NULL);

  /* gtk_test_init() forces the C locale; a test that checks translations
   * needs a UTF-8 locale for LANGUAGE to be honoured. */
  if (g_getenv ("LANGUAGE") != NULL)
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  byline_i18n_init ();
}

BylineApplication *
byline_test_get_application (void)
{
  static BylineApplication *app;

  /* One application per test process, as in real life; tests open and close
   * windows on it. Non-unique: test programs may share a session bus. */
  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = byline_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) |
                               G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
      /* Keep the application alive between windows, as a running one is. */
      g_application_hold (G_APPLICATION (app));
    }

  return app;
}

static gboolean
active_window_is_mapped (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (data);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

GtkWindow *
byline_test_open_window (void)
{
  BylineApplication *app = byline_test_get_application ();

  g_application_activate (G_APPLICATION (app));
  g_assert_true (byline_test_wait_until (active_window_is_mapped, app, 5000));

  return gtk_application_get_active_window (GTK_APPLICATION (app));
}

void
byline_test_close_windows (void)
{
  BylineApplication *app = byline_test_get_application ();
  GList *windows;

  /* Closed as a user closes them, so they save their state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_destroy (l->data);

  byline_test_spin (50);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
byline_test_wait_until (gboolean (*condition) (gpointer data),
                        gpointer data,
                        guint    timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id;

  id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);
  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return condition (data);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
byline_test_spin (guint ms)
{
  byline_test_wait_until (never, NULL, ms);
}

GtkWidget *
byline_test_find_widget (GtkWidget *root,
                         GType      type,
                         gboolean   mapped_only,
                         gboolean (*match) (GtkWidget *widget,
                                            gpointer   data),
                         gpointer   data)
{
  if (mapped_only && !gtk_widget_get_mapped (root))
    return NULL;

  if (g_type_is_a (G_OBJECT_TYPE (root), type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = byline_test_find_widget (child, type, mapped_only, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}
