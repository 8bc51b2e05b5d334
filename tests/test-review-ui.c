/* test-review-ui.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The review queue in the window, against the real WordPress (suite "ui",
 * under Xvfb with the test keyring): an editor's account shows its
 * sections with their counts, a submitted article is opened from the
 * queue, a word fixed in the editor, approved with the Approve action, and
 * leaves the queue; a new submission raises a notification (asserted as
 * the request that reaches the notification service on the session bus);
 * the reporter's account sees the returned article with its note, may
 * answer it, and is never offered Approve.
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "byline-editor.h"
#include "byline-http.h"
#include "byline-portal-sidebar.h"
#include "byline-review-banner.h"
#include "byline-review.h"
#include "byline-test-core.h"
#include "byline-test-utils.h"
#include "byline-window.h"
#include "byline-wp-portal.h"

static BylineTestPortal *test_portal;
static SoupSession *session;
static BylinePortalSite *site;

/* ---- a notification service of our own ---- */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  char *app_id;
  char *id;
  char *title;
  char *body;
} Notification;

static GPtrArray *notifications;
/* Held: the bus connection owns the name only as long as it lives. */
static GDBusConnection *notification_bus;

static void
notification_free (Notification *n)
{
  g_free (n->app_id);
  g_free (n->id);
  g_free (n->title);
  g_free (n->body);
  g_free (n);
}

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *path,
                         const char            *interface,
                         const char            *method,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_str_equal (method, "AddNotification"))
    {
      Notification *n = g_new0 (Notification, 1);
      g_autoptr(GVariant) fields = NULL;

      g_variant_get (parameters, "(ss@a{sv})", &n->app_id, &n->id, &fields);
      g_variant_lookup (fields, "title", "s", &n->title);
      g_variant_lookup (fields, "body", "s", &n->body);
      g_ptr_array_add (notifications, n);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* Plays org.gtk.Notifications (GNOME Shell's) on the test's private bus:
 * the application's notifications arrive here as they would there. */
static void
own_notification_service (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  GDBusConnection *bus;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result;

  bus = notification_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, NULL, NULL, &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);   /* primary owner */
}

/* ---- helpers ---- */

static BylinePortal *
portal_for (const char *role)
{
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  portal = byline_test_portal_sign_in (test_portal, session, site, role);
  user = RUN (byline_portal_get_user_async (portal, NULL, byline_test_store_result, &_result),
              byline_portal_get_user_finish, portal, _result, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&portal);
}

static BylinePortalPost *
submit (BylinePortal *reporter,
        const char   *title)
{
  return byline_test_create_post (reporter, title,
                                  "<!-- wp:paragraph -->\n<p>Đoàn công tác đã kiểm tra kết qủa "
                                  "giảm nghèo năm 2023.</p>\n<!-- /wp:paragraph -->",
                                  BYLINE_PORTAL_POST_STATUS_PENDING);
}

static char *
add_account (const char *name,
             const char *role)
{
  BylineApplication *app = byline_test_get_application ();
  BylineAccountStore *accounts = byline_application_get_accounts (app);
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = RUN (byline_account_store_add_async (accounts, name, site,
                                                 byline_test_portal_user (test_portal, role, "login"),
                                                 byline_test_portal_user (test_portal, role,
                                                                          "app_password"),
                                                 NULL, byline_test_store_result, &_result),
                 byline_account_store_add_finish, accounts, _result, &error);
  g_assert_no_error (error);

  return g_strdup (byline_account_get_id (account));
}

static BylinePortalSidebar *
find_sidebar (BylineWindow *window)
{
  return BYLINE_PORTAL_SIDEBAR (byline_test_find_widget (GTK_WIDGET (window),
                                                         BYLINE_TYPE_PORTAL_SIDEBAR, FALSE,
                                                         NULL, NULL));
}

typedef struct
{
  BylinePortalSidebar *sidebar;
  const char          *account_id;
  BylineSection        section;
} SectionWait;

static gboolean
section_loaded (gpointer data)
{
  SectionWait *wait = data;
  BylinePortalSections *sections = byline_portal_sidebar_get_sections (wait->sidebar,
                                                                       wait->account_id);
  BylineRemotePostList *list;

  if (sections == NULL)
    return FALSE;
  list = byline_portal_sections_get_list (sections, wait->section);

  return list != NULL && byline_remote_post_list_get_loaded (list) &&
         !byline_remote_post_list_get_loading (list);
}

static BylineRemotePostList *
wait_section (BylinePortalSidebar *sidebar,
              const char          *account_id,
              BylineSection        section)
{
  SectionWait wait = { sidebar, account_id, section };

  g_assert_true (byline_test_wait_until (section_loaded, &wait, 30000));

  return byline_portal_sections_get_list (byline_portal_sidebar_get_sections (sidebar, account_id),
                                          section);
}

static gboolean
has_class (GtkWidget *widget,
           gpointer   data)
{
  return gtk_widget_has_css_class (widget, data);
}

static const char *
count_shown (BylinePortalSidebar  *sidebar,
             BylinePortalSections *sections,
             BylineSection         section)
{
  GtkWidget *row = byline_portal_sidebar_get_section_row (sidebar, sections, section);
  GtkWidget *label = byline_test_find_widget (row, GTK_TYPE_LABEL, FALSE, has_class,
                                              (gpointer) "section-count");

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

typedef struct
{
  BylineWindow *window;
  const char   *title;
} ArticleWait;

static gboolean
article_open (gpointer data)
{
  ArticleWait *wait = data;
  BylineArticle *article = byline_window_get_article (wait->window);

  return article != NULL && g_strcmp0 (byline_article_get_title (article), wait->title) == 0 &&
         !byline_window_is_busy (wait->window);
}

/* Opens @post from @section as a click on its row does. */
static void
open_from (BylineWindow         *window,
           BylinePortalSections *sections,
           BylineSection         section,
           BylinePortalPost     *post)
{
  BylinePortalSidebar *sidebar = find_sidebar (window);
  BylineRemotePanel *panel = byline_portal_sidebar_get_panel (sidebar, sections, section);
  BylineRemotePostList *list = byline_portal_sections_get_list (sections, section);
  ArticleWait wait = { window, post->title };
  guint position;

  byline_portal_sidebar_select_section (sidebar, sections, section);
  byline_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  g_assert_cmpstr (byline_remote_panel_get_page (panel), ==, "list");
  g_assert_nonnull (byline_remote_post_list_find (list, post->id, &position));
  byline_remote_panel_activate (panel, position);
  g_assert_true (byline_test_wait_until (article_open, &wait, 30000));
}

static gboolean
action_enabled (BylineWindow *window,
                const char   *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

static gboolean
is_approve (GtkWidget *widget,
            gpointer   data)
{
  return g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.approve") == 0;
}

/* The Approve button, shown or not. */
static GtkWidget *
approve_button (BylineWindow *window)
{
  GtkWidget *button = byline_test_find_widget (GTK_WIDGET (window), ADW_TYPE_SPLIT_BUTTON, FALSE,
                                               is_approve, NULL);

  g_assert_nonnull (button);
  return button;
}

typedef struct
{
  BylineWindow         *window;
  BylineRemotePostList *queue;
  gint64                id;
} ApprovalWait;

/* Published, and (when the answer came back) moved out of the queue. */
static gboolean
approval_shown (gpointer data)
{
  ApprovalWait *wait = data;
  BylineArticle *article = byline_window_get_article (wait->window);

  return article != NULL && byline_article_get_remote_status (article) == BYLINE_POST_STATUS_PUBLISH &&
         byline_remote_post_list_find (wait->queue, wait->id, NULL) == NULL;
}

static gboolean
notified (gpointer data)
{
  for (guint i = 0; i < notifications->len; i++)
    {
      Notification *n = g_ptr_array_index (notifications, i);

      if (n->body != NULL && strstr (n->body, data) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Replaces the first @from in the editor's body with @to, as typing does. */
static void
edit_body (BylineWindow *window,
           const char   *from,
           const char   *to)
{
  BylineEditor *editor = BYLINE_EDITOR (byline_test_find_widget (GTK_WIDGET (window),
                                                                 BYLINE_TYPE_EDITOR, TRUE,
                                                                 NULL, NULL));
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (byline_editor_get_body_buffer (editor));
  GtkTextIter start, match_start, match_end;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, from, 0, &match_start, &match_end, NULL));
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &match_start, &match_end);
  gtk_text_buffer_insert (buffer, &match_start, to, -1);
  gtk_text_buffer_end_user_action (buffer);
}

static gboolean
article_says (gpointer data)
{
  const char **wait = data;
  BylineArticle *article = byline_window_get_article ((BylineWindow *) wait[0]);
  g_autofree char *text = article != NULL ? byline_article_get_plain_text (article) : NULL;

  return text != NULL && strstr (text, wait[1]) != NULL;
}

/* ---- the tests ---- */

static char *editor_account;

/* Submitted → in the queue (counted) → opened → a word fixed → approved:
 * published with the fix, out of the queue, Approve gone. */
static void
test_queue_open_approve (void)
{
  g_autoptr(BylinePortal) reporter = portal_for ("contributor");
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autofree char *title = g_strdup_printf ("Đoàn công tác kiểm tra giảm nghèo %08x",
                                            g_random_int ());
  g_autoptr(BylinePortalPost) post = submit (reporter, title);
  g_autoptr(BylinePortalPost) live = NULL;
  BylineWindow *window;
  BylinePortalSidebar *sidebar;
  BylinePortalSections *sections;
  BylineRemotePostList *queue;
  g_autofree char *expected_count = NULL;
  const char *wait_text[2];

  editor_account = add_account ("Tòa soạn", "editor");
  window = BYLINE_WINDOW (byline_test_open_window ());
  sidebar = find_sidebar (window);
  queue = wait_section (sidebar, editor_account, BYLINE_SECTION_REVIEW_QUEUE);
  sections = byline_portal_sidebar_get_sections (sidebar, editor_account);

  /* Counted as the portal counts. */
  {
    g_autoptr(BylinePortalPostPage) page = NULL;
    g_autoptr(GError) error = NULL;
    BylinePortalPostQuery query = {
      .statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING),
      .per_page = 1,
    };

    page = RUN (byline_portal_list_posts_async (editor, &query, NULL, byline_test_store_result,
                                                &_result),
                byline_portal_list_posts_finish, editor, _result, &error);
    g_assert_no_error (error);
    expected_count = g_strdup_printf ("%u", page->total);
    g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, page->total);
    g_assert_cmpstr (count_shown (sidebar, sections, BYLINE_SECTION_REVIEW_QUEUE), ==,
                     expected_count);
  }

  /* Nothing to approve while no article of the portal is open. */
  g_assert_false (gtk_widget_get_visible (approve_button (window)));
  g_assert_false (action_enabled (window, "approve"));

  open_from (window, sections, BYLINE_SECTION_REVIEW_QUEUE, post);
  g_assert_true (gtk_widget_get_visible (approve_button (window)));
  g_assert_true (action_enabled (window, "approve"));
  g_assert_true (action_enabled (window, "schedule"));
  g_assert_true (action_enabled (window, "return-to-reporter"));
  g_assert_true (action_enabled (window, "preview"));

  edit_body (window, "kết qủa", "kết quả");
  wait_text[0] = (const char *) window;
  wait_text[1] = "kết quả giảm nghèo";
  g_assert_true (byline_test_wait_until (article_says, wait_text, 5000));

  g_action_group_activate_action (G_ACTION_GROUP (window), "approve", NULL);
  {
    ApprovalWait wait = { window, queue, post->id };

    g_assert_true (byline_test_wait_until (approval_shown, &wait, 30000));
  }

  live = byline_test_get_post (editor, post->id);
  g_assert_cmpint (live->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_assert_nonnull (strstr (live->content, "kết quả giảm nghèo năm 2023"));
  g_assert_null (byline_remote_post_list_find (queue, post->id, NULL));
  g_assert_nonnull (byline_remote_post_list_find (byline_portal_sections_get_list (sections,
                                                                                   BYLINE_SECTION_PUBLISHED),
                                                  post->id, NULL));
  g_assert_false (gtk_widget_get_visible (approve_button (window)));
}

/* A new submission, seen by the refresh, is announced once. */
typedef struct
{
  BylineRemotePostList *list;
  guint                 total;
  gint64                id;
} CountWait;


static gboolean
count_settled (gpointer data)
{
  CountWait *wait = data;

  return !byline_remote_post_list_get_loading (wait->list) &&
         byline_remote_post_list_get_total (wait->list) == wait->total &&
         byline_remote_post_list_find (wait->list, wait->id, NULL) != NULL;
}

static void
test_arrival_notified (void)
{
  g_autoptr(BylinePortal) reporter = portal_for ("contributor");
  g_autofree char *title = g_strdup_printf ("Tin mới gửi duyệt %08x", g_random_int ());
  g_autoptr(BylinePortalPost) post = NULL;
  BylineWindow *window = BYLINE_WINDOW (gtk_application_get_active_window (
    GTK_APPLICATION (byline_test_get_application ())));
  Notification *n = NULL;

  g_assert_nonnull (window);
  /* The refresh compares with the portal's clock to the second. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  post = submit (reporter, title);
  g_action_group_activate_action (G_ACTION_GROUP (window), "refresh-portal", NULL);
  if (!byline_test_wait_until (notified, title, 30000))
    {
      BylinePortalSections *sections = byline_portal_sidebar_get_sections (find_sidebar (window),
                                                                           editor_account);
      BylineRemotePostList *queue = byline_portal_sections_get_list (sections,
                                                                     BYLINE_SECTION_REVIEW_QUEUE);

      /* What the queue made of it, to tell a lost change from a lost count. */
      g_error ("no notification; the queue counts %u, holds %u, has more: %d, holds the post: %d",
               byline_remote_post_list_get_total (queue),
               g_list_model_get_n_items (G_LIST_MODEL (queue)),
               byline_remote_post_list_get_has_more (queue),
               byline_remote_post_list_find (queue, post->id, NULL) != NULL);
    }

  for (guint i = 0; i < notifications->len && n == NULL; i++)
    if (strstr (((Notification *) g_ptr_array_index (notifications, i))->body, title) != NULL)
      n = g_ptr_array_index (notifications, i);
  g_assert_cmpstr (n->app_id, ==, APP_ID);
  g_assert_cmpstr (n->id, ==, "review-queue");
  g_assert_cmpstr (n->title, ==, "1 New Article to Review");

  /* The count beside the queue is the portal's: the new article counted
   * once, not by the changes and again by the recount beside them. */
  {
    g_autoptr(BylinePortal) editor = portal_for ("editor");
    g_autoptr(BylinePortalPostPage) page = NULL;
    g_autoptr(GError) error = NULL;
    BylinePortalSidebar *sidebar = find_sidebar (window);
    BylinePortalSections *sections = byline_portal_sidebar_get_sections (sidebar, editor_account);
    BylineRemotePostList *queue = byline_portal_sections_get_list (sections,
                                                                   BYLINE_SECTION_REVIEW_QUEUE);
    BylinePortalPostQuery query = {
      .statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING),
      .per_page = 1,
    };
    CountWait wait = { queue, 0, post->id };

    page = RUN (byline_portal_list_posts_async (editor, &query, NULL, byline_test_store_result,
                                                &_result),
                byline_portal_list_posts_finish, editor, _result, &error);
    g_assert_no_error (error);
    wait.total = page->total;
    g_assert_true (byline_test_wait_until (count_settled, &wait, 10000));
    /* And it stays so once every answer is in. */
    byline_test_spin (1000);
    g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, page->total);
    g_assert_nonnull (byline_remote_post_list_find (queue, post->id, NULL));
  }
}

static gboolean
banner_shows (gpointer data)
{
  return byline_review_banner_get_n_notes (data) > 0;
}

static gboolean
post_flagged (gpointer data)
{
  return byline_remote_post_get_has_notes (data);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static gboolean
is_pending (gpointer data)
{
  BylineArticle *article = byline_window_get_article (data);

  return article != NULL && byline_article_get_remote_status (article) == BYLINE_POST_STATUS_PENDING;
}

/* The reporter: the returned article, marked, opens with the editor's note
 * above it; no Approve anywhere; the answer resubmits it. */
static void
test_reporter_sees_note (void)
{
  g_autoptr(BylinePortal) reporter = portal_for ("contributor");
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autofree char *title = g_strdup_printf ("Bài bị trả lại %08x", g_random_int ());
  g_autoptr(BylinePortalPost) post = submit (reporter, title);
  g_autoptr(BylinePortalPost) returned = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reporter_account = NULL;
  BylineWindow *window = BYLINE_WINDOW (gtk_application_get_active_window (
    GTK_APPLICATION (byline_test_get_application ())));
  BylinePortalSidebar *sidebar = find_sidebar (window);
  BylinePortalSections *sections;
  BylineRemotePostList *mine;
  BylineReviewBanner *banner;
  AdwMessageDialog *dialog;
  GtkTextView *view;

  returned = RUN (byline_review_return_async (editor, post->id, "Thêm ảnh & sửa sapo <b>ngay</b>.",
                                              NULL, byline_test_store_result, &_result),
                  byline_review_return_finish, _result, &error);
  g_assert_no_error (error);

  reporter_account = add_account ("Phóng viên", "contributor");
  mine = wait_section (sidebar, reporter_account, BYLINE_SECTION_MY_SUBMISSIONS);
  sections = byline_portal_sidebar_get_sections (sidebar, reporter_account);
  g_assert_null (byline_portal_sections_get_list (sections, BYLINE_SECTION_REVIEW_QUEUE));
  g_assert_null (byline_portal_sidebar_get_section_row (sidebar, sections,
                                                        BYLINE_SECTION_REVIEW_QUEUE));
  g_assert_true (byline_test_wait_until (post_flagged,
                                         byline_remote_post_list_find (mine, post->id, NULL),
                                         30000));

  open_from (window, sections, BYLINE_SECTION_MY_SUBMISSIONS, post);
  banner = BYLINE_REVIEW_BANNER (byline_test_find_widget (GTK_WIDGET (window),
                                                          BYLINE_TYPE_REVIEW_BANNER, FALSE,
                                                          NULL, NULL));
  g_assert_true (byline_test_wait_until (banner_shows, banner, 30000));
  g_assert_cmpstr (byline_review_banner_get_text (banner), ==, "Thêm ảnh & sửa sapo ngay.");
  g_assert_nonnull (strstr (byline_review_banner_get_title (banner),
                            byline_test_portal_user (test_portal, "editor", "display_name")));

  /* A reporter never sees Approve. */
  g_assert_false (gtk_widget_get_visible (approve_button (window)));
  g_assert_false (action_enabled (window, "approve"));
  g_assert_false (action_enabled (window, "schedule"));
  g_assert_false (action_enabled (window, "return-to-reporter"));
  g_assert_true (action_enabled (window, "reply-to-note"));

  /* The answer, through the dialog. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reply-to-note", NULL);
  byline_test_spin (100);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reply"));
  view = GTK_TEXT_VIEW (byline_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, FALSE,
                                                 NULL, NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Đã thêm ảnh.", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reply"));
  adw_message_dialog_response (dialog, "reply");
  g_assert_true (byline_test_wait_until (is_pending, window, 60000));

  thread = RUN (byline_review_list_notes_async (editor, post->id, NULL, byline_test_store_result,
                                                &_result),
                byline_review_list_notes_finish, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thread->len, ==, 2);
  g_assert_cmpstr (((BylinePortalComment *) g_ptr_array_index (thread, 1))->content, ==,
                   "Đã thêm ảnh.");

  byline_test_close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  /* The notifications go to org.gtk.Notifications, which the test plays. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  byline_test_init_ui (&argc, &argv);

  test_portal = byline_test_portal_require ();
  if (g_strcmp0 (g_getenv ("BYLINE_TEST_KEYRING"), "1") != 0)
    {
      printf ("1..0 # SKIP no test keyring (build-aux/dev test provides one)\n");
      return 0;
    }

  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) notification_free);
  own_notification_service ();

  session = byline_http_session_new (60);
  site = byline_test_portal_discover (test_portal, session);

  /* In order: one window, two accounts. */
  g_test_add_func ("/review-ui/queue-open-approve", test_queue_open_approve);
  g_test_add_func ("/review-ui/arrival-notified", test_arrival_notified);
  g_test_add_func ("/review-ui/reporter-sees-note", test_reporter_sees_note);

  return g_test_run ();
}
