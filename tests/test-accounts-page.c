/* test-accounts-page.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Accounts page of Preferences against the real WordPress of
 * tests/portal/ (suite "ui"): adding the author's account through the
 * page, seeing who they are and what their role allows, removing it; the
 * browser sign-in; errors the user can act on.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "byline-account-row.h"
#include "byline-preferences-window.h"
#include "byline-secret.h"
#include "byline-test-core.h"
#include "byline-test-utils.h"

static BylineTestPortal *portal;

static gboolean
find_toplevel (gpointer data)
{
  GType *type = data;
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, *type) && gtk_widget_get_mapped (l->data))
      found = TRUE;
  g_list_free (toplevels);

  return found;
}

static GtkWidget *
toplevel_of_type (GType type)
{
  GList *toplevels;
  GtkWidget *window = NULL;

  g_assert_true (byline_test_wait_until (find_toplevel, &type, 5000));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_mapped (l->data))
      window = l->data;
  g_list_free (toplevels);

  return window;
}

static gboolean
button_has_label (GtkWidget *widget,
                  gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
content_has_label (GtkWidget *widget,
                   gpointer   data)
{
  return g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)), data) == 0;
}

static gboolean
row_has_title (GtkWidget *widget,
               gpointer   data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

typedef struct
{
  GtkWidget  *root;
  GType       type;
  gboolean  (*match) (GtkWidget *, gpointer);
  gpointer    data;
  GtkWidget  *found;
} Search;

static gboolean
search_cb (gpointer user_data)
{
  Search *search = user_data;

  search->found = byline_test_find_widget (search->root, search->type, TRUE, search->match,
                                           search->data);
  return search->found != NULL;
}

static GtkWidget *
wait_for_widget (GtkWidget  *root,
                 GType       type,
                 gboolean  (*match) (GtkWidget *, gpointer),
                 gpointer    data,
                 guint       timeout_ms)
{
  Search search = { root, type, match, data, NULL };

  byline_test_wait_until (search_cb, &search, timeout_ms);

  return search.found;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
open_add_page (GtkWidget **preferences_out)
{
  BylineApplication *app = byline_test_get_application ();
  GtkWidget *preferences;
  GtkWidget *content;

  byline_test_open_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = toplevel_of_type (BYLINE_TYPE_PREFERENCES_WINDOW);

  content = wait_for_widget (preferences, ADW_TYPE_BUTTON_CONTENT, content_has_label,
                             (gpointer) "_Add Account", 5000);
  g_assert_nonnull (content);
  click (gtk_widget_get_ancestor (content, GTK_TYPE_BUTTON));

  g_assert_nonnull (wait_for_widget (preferences, ADW_TYPE_ENTRY_ROW, row_has_title,
                                     (gpointer) "Portal Address", 5000));
  *preferences_out = preferences;

  return preferences;
}

static void
check_portal (GtkWidget  *preferences,
              const char *address)
{
  GtkWidget *address_row = wait_for_widget (preferences, ADW_TYPE_ENTRY_ROW, row_has_title,
                                            (gpointer) "Portal Address", 5000);

  gtk_editable_set_text (GTK_EDITABLE (address_row), address);
  click (wait_for_widget (preferences, GTK_TYPE_BUTTON, button_has_label,
                          (gpointer) "_Continue", 5000));
}

static gboolean
status_shown (GtkWidget *widget,
              gpointer   data)
{
  return gtk_label_get_selectable (GTK_LABEL (widget)) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

typedef struct
{
  const char *title;
  const char *subtitle_part;
} RowWanted;

static gboolean
account_row_matches (GtkWidget *widget,
                     gpointer   data)
{
  RowWanted *wanted = data;
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));

  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                    wanted->title) == 0 &&
         subtitle != NULL && strstr (subtitle, wanted->subtitle_part) != NULL;
}

static gboolean
no_accounts (gpointer data)
{
  GtkWidget *preferences = data;

  return g_list_model_get_n_items (G_LIST_MODEL (byline_application_get_accounts (
           byline_test_get_application ()))) == 0 &&
         byline_test_find_widget (preferences, BYLINE_TYPE_ACCOUNT_ROW, TRUE, NULL, NULL) == NULL;
}

static void
remove_through_page (GtkWidget        *preferences,
                     BylineAccountRow *row)
{
  GtkWidget *remove_button;
  GtkWidget *dialog;

  remove_button = byline_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, TRUE, NULL, NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove_button), ==, "Remove Account");
  click (remove_button);

  dialog = toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Remove Account?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");

  g_assert_true (byline_test_wait_until (no_accounts, preferences, 10000));
}

static void
test_add_see_role_remove (void)
{
  GtkWidget *preferences;
  GtkWidget *row;
  BylineAccountStore *accounts = byline_application_get_accounts (byline_test_get_application ());
  RowWanted wanted = {
    "Cẩm Vân", "Author on Cổng thông tin Byline\nCan publish, can upload photos"
  };

  open_add_page (&preferences);
  check_portal (preferences, portal->base_url);

  /* The portal was found: sign in with the author's application password. */
  gtk_editable_set_text (GTK_EDITABLE (wait_for_widget (preferences, ADW_TYPE_ENTRY_ROW,
                                                        row_has_title, (gpointer) "User Name",
                                                        15000)),
                         "author");
  gtk_editable_set_text (GTK_EDITABLE (wait_for_widget (preferences, ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                        row_has_title,
                                                        (gpointer) "Application Password", 5000)),
                         byline_test_portal_user (portal, "author", "app_password"));
  click (wait_for_widget (preferences, GTK_TYPE_BUTTON, button_has_label, (gpointer) "_Sign In",
                          5000));

  /* Back on the list: who they are and what the role allows. */
  row = wait_for_widget (preferences, BYLINE_TYPE_ACCOUNT_ROW, account_row_matches, &wanted,
                         15000);
  g_assert_nonnull (row);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (accounts)), ==, 1);
  g_assert_cmpstr (byline_account_get_username (byline_account_row_get_account (BYLINE_ACCOUNT_ROW (row))),
                   ==, "author");

  remove_through_page (preferences, BYLINE_ACCOUNT_ROW (row));

  byline_test_close_windows ();
}

static void
test_errors_say_what_to_do (void)
{
  GtkWidget *preferences;

  open_add_page (&preferences);

  check_portal (preferences, "http://portal.example.vn");
  g_assert_nonnull (wait_for_widget (preferences, GTK_TYPE_LABEL, status_shown,
                                     (gpointer) "Use the portal’s https:// address", 5000));

  check_portal (preferences, portal->base_url);
  gtk_editable_set_text (GTK_EDITABLE (wait_for_widget (preferences, ADW_TYPE_ENTRY_ROW,
                                                        row_has_title, (gpointer) "User Name",
                                                        15000)),
                         "editor");
  gtk_editable_set_text (GTK_EDITABLE (wait_for_widget (preferences, ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                        row_has_title,
                                                        (gpointer) "Application Password", 5000)),
                         "editor-pass");
  click (wait_for_widget (preferences, GTK_TYPE_BUTTON, button_has_label, (gpointer) "_Sign In",
                          5000));
  /* The login password is not an application password. */
  g_assert_nonnull (wait_for_widget (preferences, GTK_TYPE_LABEL, status_shown,
                                     (gpointer) "create a new application password", 15000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (byline_application_get_accounts (
                      byline_test_get_application ()))), ==, 0);

  byline_test_close_windows ();
}

static void
test_sign_in_with_browser (void)
{
  GtkWidget *preferences;
  GtkWidget *status;
  GtkWidget *row;
  const char *text;
  g_autofree char *callback = NULL;
  g_autoptr(GFile) answer = NULL;
  RowWanted wanted = {
    "Phóng viên Minh",
    "Contributor on Cổng thông tin Byline\n"
    "Can submit articles for review, cannot publish, cannot upload photos"
  };

  open_add_page (&preferences);
  check_portal (preferences, portal->base_url);
  click (wait_for_widget (preferences, GTK_TYPE_BUTTON, button_has_label,
                          (gpointer) "Sign In with _Browser", 15000));

  /* No browser here: the page shows the address to open. */
  status = wait_for_widget (preferences, GTK_TYPE_LABEL, status_shown,
                            (gpointer) "/wp-admin/authorize-application.php?", 5000);
  g_assert_nonnull (status);
  text = strstr (gtk_label_get_text (GTK_LABEL (status)), portal->base_url);
  g_assert_nonnull (text);

  /* The reporter approves; WordPress sends the browser to Byline's scheme,
   * which the desktop delivers to the running application. */
  callback = byline_test_portal_authorize (portal, "contributor", text, TRUE);
  answer = g_file_new_for_uri (callback);
  g_application_open (G_APPLICATION (byline_test_get_application ()), &answer, 1, "");

  row = wait_for_widget (preferences, BYLINE_TYPE_ACCOUNT_ROW, account_row_matches, &wanted,
                         15000);
  g_assert_nonnull (row);

  remove_through_page (preferences, BYLINE_ACCOUNT_ROW (row));

  byline_test_close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  byline_test_init_ui (&argc, &argv);

  portal = byline_test_portal_require ();
  if (g_strcmp0 (g_getenv ("BYLINE_TEST_KEYRING"), "1") != 0)
    {
      printf ("1..0 # SKIP no test keyring (build-aux/dev test provides one)\n");
      return 0;
    }

  g_test_add_func ("/accounts-page/add-see-role-remove", test_add_see_role_remove);
  g_test_add_func ("/accounts-page/errors-say-what-to-do", test_errors_say_what_to_do);
  g_test_add_func ("/accounts-page/sign-in-with-browser", test_sign_in_with_browser);

  return g_test_run ();
}
