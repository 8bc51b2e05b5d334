/* test-publish-ui.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The publish panel in the window (suite "ui"), against the real test
 * portal with accounts in the test keyring: a contributor is offered
 * "Submit for Review" and told before sending that their photos cannot be
 * uploaded; an author publishes, the sidebar says "Published"; when an
 * editor changed the post meanwhile, the panel asks before overwriting.
 */

#include "config.h"

#include <stdio.h>

#include "byline-publish-panel.h"
#include "byline-publish-test-utils.h"
#include "byline-test-utils.h"
#include "byline-window.h"
#include "byline-wp-portal.h"

static BylineTestPortal *test_portal;
static BylineAccount *author;
static BylineAccount *contributor;

static BylineAccount *
add_account (const char *name,
             const char *role)
{
  BylineApplication *app = byline_test_get_application ();
  BylineAccountStore *accounts = byline_application_get_accounts (app);
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(GError) error = NULL;
  BylineAccount *account;

  site->rest_root = g_strdup (test_portal->rest_url);
  site->address = g_strdup (test_portal->base_url);
  account = RUN (byline_account_store_add_async (accounts, name, site,
                                                 byline_test_portal_user (test_portal, role, "login"),
                                                 byline_test_portal_user (test_portal, role,
                                                                          "app_password"),
                                                 NULL, byline_test_store_result, &_result),
                 byline_account_store_add_finish, accounts, _result, &error);
  g_assert_no_error (error);

  return account;
}

static guint
account_position (BylineAccount *account)
{
  GListModel *accounts = G_LIST_MODEL (byline_application_get_accounts (byline_test_get_application ()));

  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(BylineAccount) other = g_list_model_get_item (accounts, i);

      if (other == account)
        return i;
    }
  g_assert_not_reached ();
}

static gboolean
has_title (GtkWidget *widget,
           gpointer   data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
title_contains (GtkWidget *widget,
                gpointer   data)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

  return title != NULL && strstr (title, data) != NULL;
}

static gboolean
button_label_is (GtkWidget *widget,
                 gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* The header bar's "Publish…", which shows the panel. */
static GtkToggleButton *
publish_toggle (BylineWindow *window)
{
  GtkWidget *toggle = byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, FALSE,
                                               button_label_is, (gpointer) "_Publish…");

  g_assert_nonnull (toggle);
  return GTK_TOGGLE_BUTTON (toggle);
}

static gboolean
label_is (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

typedef struct
{
  BylineWindow       *window;
  BylinePublishPanel *panel;
  BylineArticle      *article;
} Shown;

static gboolean
article_shown (gpointer data)
{
  Shown *shown = data;

  return byline_window_get_article (shown->window) != NULL;
}

static gboolean
panel_ready (gpointer data)
{
  Shown *shown = data;

  return gtk_widget_get_mapped (GTK_WIDGET (shown->panel)) &&
         byline_publish_panel_get_caps (shown->panel) != G_MAXUINT;
}

/* Opens a new seed article (with its three photos) in a window, with the
 * publish panel shown for @account. */
static void
show (Shown         *shown,
      BylineAccount *account,
      const char    *token)
{
  BylineApplication *app = byline_test_get_application ();
  g_autoptr(BylineArticle) article = test_seed_article (token);
  AdwComboRow *account_row;

  test_save (byline_application_get_draft_store (app), article);
  shown->window = BYLINE_WINDOW (byline_test_open_window ());
  byline_window_open_draft (shown->window, byline_article_get_id (article));
  g_assert_true (byline_test_wait_until (article_shown, shown, 5000));
  shown->article = byline_window_get_article (shown->window);

  gtk_toggle_button_set_active (publish_toggle (shown->window), TRUE);
  shown->panel = BYLINE_PUBLISH_PANEL (byline_test_find_widget (GTK_WIDGET (shown->window),
                                                                BYLINE_TYPE_PUBLISH_PANEL,
                                                                FALSE, NULL, NULL));
  account_row = ADW_COMBO_ROW (byline_test_find_widget (GTK_WIDGET (shown->panel),
                                                        ADW_TYPE_COMBO_ROW, FALSE, has_title,
                                                        (gpointer) "Account"));
  adw_combo_row_set_selected (account_row, account_position (account));
  g_assert_true (byline_test_wait_until (panel_ready, shown, 20000));
}

static gboolean
is_suggested (GtkWidget *widget,
              gpointer   data)
{
  return gtk_widget_has_css_class (widget, "suggested-action");
}

static GtkWidget *
send_button (Shown *shown)
{
  /* The suggested button at the foot of the panel. */
  GtkWidget *button = byline_test_find_widget (GTK_WIDGET (shown->panel), GTK_TYPE_BUTTON, TRUE,
                                               is_suggested, NULL);

  g_assert_nonnull (button);

  return button;
}

static void
test_contributor_told_before_sending (void)
{
  g_autofree char *token = g_strdup_printf ("uicong%08x", g_random_int ());
  Shown shown = { 0 };
  GtkWidget *row;

  show (&shown, contributor, token);

  /* As WordPress's editor names it for this role. */
  row = byline_test_find_widget (GTK_WIDGET (shown.panel), ADW_TYPE_ACTION_ROW, TRUE, has_title,
                                 (gpointer) "Submit for Review");
  g_assert_nonnull (row);
  g_assert_null (byline_test_find_widget (GTK_WIDGET (shown.panel), ADW_TYPE_ACTION_ROW, TRUE,
                                          has_title, (gpointer) "Publish"));
  /* Chosen already: what this role sends. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    byline_test_find_widget (row, GTK_TYPE_CHECK_BUTTON, TRUE, NULL, NULL))));

  /* The photos: said before anything is sent, and sending is not offered. */
  g_assert_nonnull (byline_test_find_widget (GTK_WIDGET (shown.panel), ADW_TYPE_ACTION_ROW, TRUE,
                                             title_contains, (gpointer) "cannot upload photos"));
  g_assert_false (gtk_widget_get_sensitive (send_button (&shown)));
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "posts", token), ==, 0);

  byline_test_close_windows ();
}

static gboolean
article_on_portal (gpointer data)
{
  Shown *shown = data;

  return byline_article_get_post_id (shown->article) > 0 &&
         byline_article_get_remote_status (shown->article) == BYLINE_POST_STATUS_PUBLISH;
}

static gboolean
sidebar_says_published (gpointer data)
{
  Shown *shown = data;

  return byline_test_find_widget (GTK_WIDGET (shown->window), GTK_TYPE_LABEL, TRUE, label_is,
                                  (gpointer) "Published") != NULL;
}

static GtkWindow *
find_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  return dialog;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
title_on_portal (gpointer data)
{
  Shown *shown = data;
  const char *title = g_object_get_data (G_OBJECT (shown->article), "expected-title");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%swp/v2/posts/%" G_GINT64_FORMAT "?_fields=title",
                                          test_portal->rest_url,
                                          byline_article_get_post_id (shown->article));
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *rendered = NULL;

  byline_test_spin (200);
  /* Another process answers: a synchronous call is fine here. */
  body = soup_session_send_and_read (session, message, NULL, NULL);
  if (body != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      JsonObject *title_object = json_object_get_object_member (object, "title");

      if (title_object != NULL)
        rendered = json_object_get_string_member_with_default (title_object, "rendered", NULL);
    }

  return rendered != NULL && strstr (rendered, title) != NULL;
}

static void
test_author_publishes_then_conflict (void)
{
  g_autofree char *token = g_strdup_printf ("uitac%08x", g_random_int ());
  g_autofree char *mine = g_strdup_printf ("Phóng viên sửa %s", token);
  Shown shown = { 0 };
  GtkWindow *dialog;

  show (&shown, author, token);
  g_assert_true (gtk_widget_get_sensitive (send_button (&shown)));
  gtk_widget_activate (send_button (&shown));

  g_assert_true (byline_test_wait_until (article_on_portal, &shown, 60000));
  g_assert_true (byline_test_wait_until (sidebar_says_published, &shown, 5000));
  assert_exactly_once_portal (test_portal, token, 3);

  /* An editor changes the post; the reporter edits and sends again. */
  {
    g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(BylinePortal) editor = NULL;
    g_autoptr(BylinePortalPostChanges) theirs = byline_portal_post_changes_new ();
    g_autoptr(BylinePortalPost) post = NULL;
    g_autoptr(GError) error = NULL;

    site->rest_root = g_strdup (test_portal->rest_url);
    editor = BYLINE_PORTAL (byline_wp_portal_new (session, site, "editor",
                                                  byline_test_portal_user (test_portal, "editor",
                                                                           "app_password")));
    byline_test_spin (1100);
    theirs->title = g_strdup_printf ("Biên tập viên sửa %s", token);
    post = RUN (byline_portal_update_post_async (editor, byline_article_get_post_id (shown.article),
                                                 theirs, NULL, byline_test_store_result, &_result),
                byline_portal_post_finish, editor, _result, &error);
    g_assert_no_error (error);
  }
  byline_article_set_title (shown.article, mine);
  gtk_toggle_button_set_active (publish_toggle (shown.window), TRUE);
  byline_test_spin (300);
  gtk_widget_activate (send_button (&shown));

  /* Asked, not overwritten. */
  g_assert_true (byline_test_wait_until (dialog_shown, NULL, 30000));
  dialog = find_dialog ();
  g_object_set_data (G_OBJECT (shown.article), "expected-title", (gpointer) "Biên tập viên sửa");
  g_assert_true (title_on_portal (&shown));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "overwrite");
  g_object_set_data_full (G_OBJECT (shown.article), "expected-title", g_strdup (mine), g_free);
  g_assert_true (byline_test_wait_until (title_on_portal, &shown, 60000));
  assert_exactly_once_portal (test_portal, token, 3);

  byline_test_close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  byline_test_init_ui (&argc, &argv);

  test_portal = byline_test_portal_require ();
  if (g_strcmp0 (g_getenv ("BYLINE_TEST_KEYRING"), "1") != 0)
    {
      printf ("1..0 # SKIP no test keyring (build-aux/dev test provides one)\n");
      return 0;
    }

  author = add_account ("phóng viên", "author");
  contributor = add_account ("cộng tác viên", "contributor");

  g_test_add_func ("/publish-ui/contributor-told-before-sending", test_contributor_told_before_sending);
  g_test_add_func ("/publish-ui/author-publishes-then-conflict", test_author_publishes_then_conflict);

  status = g_test_run ();

  {
    BylineAccountStore *accounts = byline_application_get_accounts (byline_test_get_application ());
    g_autoptr(GError) error = NULL;

    RUN (byline_account_store_remove_async (accounts, author, NULL, byline_test_store_result, &_result),
         byline_account_store_remove_finish, accounts, _result, &error);
    RUN (byline_account_store_remove_async (accounts, contributor, NULL, byline_test_store_result,
                                            &_result),
         byline_account_store_remove_finish, accounts, _result, &error);
  }

  return status;
}
