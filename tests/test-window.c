/* test-window.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "byline-test-utils.h"
#include "byline-window.h"

/* Built twice: as test-window (English) and, with BYLINE_TEST_VIETNAMESE,
 * as test-window-vi, which runs with LANGUAGE=vi and expects the catalogue. */
#ifdef BYLINE_TEST_VIETNAMESE
# define EMPTY_TITLE "Viết tin bài đầu tiên"
# define ABOUT_LABEL "_Giới thiệu Byline"
#else
# define EMPTY_TITLE "Write Your First Article"
# define ABOUT_LABEL "_About Byline"
#endif

static gboolean
status_page_has_title (GtkWidget *widget,
                       gpointer   data)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static BylineWindow *
open_window (BylineApplication **app_out)
{
  *app_out = byline_test_get_application ();

  return BYLINE_WINDOW (byline_test_open_window ());
}

static gboolean
empty_state_is_shown (gpointer data)
{
  GtkWidget **page = data;

  *page = byline_test_find_widget (page[1], ADW_TYPE_STATUS_PAGE, TRUE,
                                   status_page_has_title, (gpointer) EMPTY_TITLE);
  return *page != NULL;
}

static void
test_window_maps_with_empty_state (void)
{
  BylineApplication *app;
  BylineWindow *window = open_window (&app);
  GtkWidget *found[2] = { NULL, GTK_WIDGET (window) };
  GtkWidget *page;

  /* The leaflet settles its folding at the first allocation; the empty
   * state is what the user sees once the window has its size. */
  g_assert_true (byline_test_wait_until (empty_state_is_shown, found, 5000));
  page = found[0];
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (page)));

  byline_test_close_windows ();
}

static GtkWidget *
find_primary_menu_button (BylineWindow *window)
{
  return byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, TRUE, NULL, NULL);
}

/* Every item of the primary menu must lead somewhere: its action exists and
 * is enabled, and its label is translated. */
static void
test_window_primary_menu_leads_somewhere (void)
{
  BylineApplication *app;
  BylineWindow *window = open_window (&app);
  GtkWidget *button = find_primary_menu_button (window);
  GMenuModel *menu;
  gboolean saw_about = FALSE;
  guint n_items = 0;

  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);

  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      g_assert_nonnull (section);
      for (int i = 0; i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;
          g_autofree char *label = NULL;
          GActionGroup *group;
          const char *dot;

          g_assert_true (g_menu_model_get_item_attribute (section, i, "action", "s", &action));
          g_assert_true (g_menu_model_get_item_attribute (section, i, "label", "s", &label));
          dot = strchr (action, '.');
          g_assert_nonnull (dot);

          /* Menu actions are GActions: app.* on the application, win.* on
           * the window's action map. */
          if (g_str_has_prefix (action, "app."))
            group = G_ACTION_GROUP (app);
          else
            group = G_ACTION_GROUP (window);
          g_assert_true (g_action_group_has_action (group, dot + 1));
          g_assert_true (g_action_group_get_action_enabled (group, dot + 1));

          if (g_str_equal (label, ABOUT_LABEL))
            saw_about = TRUE;
          n_items++;
        }
      g_object_unref (section);
    }

  g_assert_cmpuint (n_items, >=, 2);
  g_assert_true (saw_about);

  byline_test_close_windows ();
}

static gboolean
about_window_is_shown (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      {
        found = TRUE;
        *(AdwAboutWindow **) data = l->data;
      }
  g_list_free (toplevels);

  return found;
}

static void
test_window_about_shows_version (void)
{
  BylineApplication *app;
  AdwAboutWindow *about = NULL;

  open_window (&app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (byline_test_wait_until (about_window_is_shown, &about, 5000));
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));

  byline_test_close_windows ();
}

static gboolean
shortcuts_window_is_shown (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      found = TRUE;
  g_list_free (toplevels);

  return found;
}

static void
test_window_shortcuts_window (void)
{
  BylineApplication *app;
  BylineWindow *window = open_window (&app);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (byline_test_wait_until (shortcuts_window_is_shown, NULL, 5000));

  byline_test_close_windows ();
}

/* The window comes back at the size it was closed with. */
static void
test_window_size_is_remembered (void)
{
  BylineApplication *app;
  BylineWindow *window = open_window (&app);
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  byline_test_spin (100);
  byline_test_close_windows ();

  window = open_window (&app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  byline_test_close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  byline_test_init_ui (&argc, &argv);

  g_test_add_func ("/window/maps-with-empty-state", test_window_maps_with_empty_state);
  g_test_add_func ("/window/primary-menu-leads-somewhere", test_window_primary_menu_leads_somewhere);
  g_test_add_func ("/window/about-shows-version", test_window_about_shows_version);
  g_test_add_func ("/window/shortcuts-window", test_window_shortcuts_window);
  g_test_add_func ("/window/size-is-remembered", test_window_size_is_remembered);

  return g_test_run ();
}
