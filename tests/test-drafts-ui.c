/* test-drafts-ui.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Drafts sidebar and the open article as a reporter uses them: a new
 * article appears in the list, the search ignores accents, delete has an
 * Undo, a window closed right after typing keeps what was typed, and the
 * drafts open when Byline was killed come back at the next start. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "byline-article-json.h"
#include "byline-draft-row.h"
#include "byline-drafts-panel.h"
#include "byline-editor.h"
#include "byline-test-utils.h"
#include "byline-window.h"

static BylineDraftsPanel *
find_panel (GtkWindow *window)
{
  return BYLINE_DRAFTS_PANEL (byline_test_find_widget (GTK_WIDGET (window), BYLINE_TYPE_DRAFTS_PANEL,
                                                       FALSE, NULL, NULL));
}

static gboolean
status_page_has_title (GtkWidget *widget,
                       gpointer   data)
{
  return g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean
shows_status_page (GtkWidget  *root,
                   const char *title)
{
  return byline_test_find_widget (root, ADW_TYPE_STATUS_PAGE, TRUE,
                                  status_page_has_title, (gpointer) title) != NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
} PageWait;

static gboolean
page_is_shown (gpointer data)
{
  PageWait *wait = data;

  return shows_status_page (wait->root, wait->title);
}

static gboolean
wait_for_page (GtkWidget  *root,
               const char *title)
{
  PageWait wait = { root, title };

  return byline_test_wait_until (page_is_shown, &wait, 5000);
}

static gboolean
label_has_text (GtkWidget *widget,
                gpointer   data)
{
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
autosave_done (gpointer data)
{
  return !byline_window_is_busy (data);
}

static void
save_draft (BylineDraftStore *store,
            BylineArticle    *article);

static BylineArticle *
seed (BylineDraftStore *store,
      const char       *title,
      const char       *body)
{
  BylineArticle *article = byline_article_new (NULL);

  byline_article_set_title (article, title);
  byline_article_append_block (article, byline_block_new_paragraph (byline_inline_new (body)));
  save_draft (store, article);

  return article;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (byline_draft_store_save_finish (BYLINE_DRAFT_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
save_draft (BylineDraftStore *store,
            BylineArticle    *article)
{
  gboolean done = FALSE;

  byline_draft_store_save_async (store, article, NULL, saved_cb, &done);
  g_assert_true (byline_test_wait_until (is_true, &done, 5000));
}

static BylineDraftStore *
app_store (void)
{
  return byline_application_get_draft_store (byline_test_get_application ());
}

static gboolean
list_is_empty (gpointer data)
{
  return g_list_model_get_n_items (byline_draft_store_get_drafts (app_store ())) == 0;
}

/* Drafts of an earlier test go, through the trash the user would use. */
static void
remove_all_drafts (void)
{
  GListModel *drafts = byline_draft_store_get_drafts (app_store ());

  while (g_list_model_get_n_items (drafts) > 0)
    {
      g_autoptr(BylineDraftSummary) summary = g_list_model_get_item (drafts, 0);

      byline_draft_store_delete_async (app_store (), byline_draft_summary_get_id (summary),
                                       NULL, NULL, NULL);
      byline_test_spin (50);
    }
  g_assert_true (byline_test_wait_until (list_is_empty, NULL, 5000));
}

static gboolean
button_has_label (GtkWidget *widget,
                  gpointer   data)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* ---- tests ---- */

static void
test_empty_states (void)
{
  GtkWindow *window;
  BylineDraftsPanel *panel;

  remove_all_drafts ();
  window = byline_test_open_window ();
  panel = find_panel (window);

  /* Nothing written yet: both sides say so, and say what to do. */
  g_assert_true (wait_for_page (GTK_WIDGET (panel), "No Drafts Yet"));
  g_assert_true (wait_for_page (GTK_WIDGET (window), "Write Your First Article"));
  g_assert_nonnull (byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, TRUE,
                                             button_has_label, (gpointer) "_New Article"));

  byline_test_close_windows ();
}

typedef struct
{
  BylineDraftsPanel *panel;
  const char        *title;
} RowWait;

static gboolean
row_shows_title (gpointer data)
{
  RowWait *wait = data;

  return byline_test_find_widget (GTK_WIDGET (wait->panel), GTK_TYPE_LABEL, TRUE,
                                  label_has_text, (gpointer) wait->title) != NULL;
}

static gboolean
has_n_shown (gpointer data)
{
  BylineDraftsPanel *panel = data;

  return g_list_model_get_n_items (byline_drafts_panel_get_shown (panel)) ==
         GPOINTER_TO_UINT (g_object_get_data (data, "want"));
}

static void
want_shown (BylineDraftsPanel *panel,
            guint              n)
{
  g_object_set_data (G_OBJECT (panel), "want", GUINT_TO_POINTER (n));
  g_assert_true (byline_test_wait_until (has_n_shown, panel, 5000));
}

static gboolean
has_headline_class (GtkWidget *widget,
                    gpointer   data)
{
  return gtk_widget_has_css_class (widget, "headline");
}

static void
test_new_article_appears (void)
{
  GtkWindow *window;
  BylineDraftsPanel *panel;
  GtkWidget *headline;
  BylineArticle *article;
  RowWait wait;

  remove_all_drafts ();
  window = byline_test_open_window ();
  panel = find_panel (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-article", NULL));
  article = byline_window_get_article (BYLINE_WINDOW (window));
  g_assert_nonnull (article);
  want_shown (panel, 1);
  g_assert_cmpstr (byline_drafts_panel_get_selected_id (panel), ==, byline_article_get_id (article));
  wait = (RowWait) { panel, "Untitled Article" };
  g_assert_true (byline_test_wait_until (row_shows_title, &wait, 5000));

  /* Type a headline: the list follows once autosave has saved it. */
  headline = byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, TRUE,
                                      has_headline_class, NULL);
  g_assert_nonnull (headline);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (headline)),
                                    "Lũ quét ở Hà Giang", -1);
  g_assert_cmpstr (byline_article_get_title (article), ==, "Lũ quét ở Hà Giang");
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Lũ quét ở Hà Giang");

  wait = (RowWait) { panel, "Lũ quét ở Hà Giang" };
  g_assert_true (byline_test_wait_until (row_shows_title, &wait, 5000));
  g_assert_nonnull (byline_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, TRUE,
                                             label_has_text, (gpointer) "Saved"));

  byline_test_close_windows ();
}

static void
test_search_ignores_accents (void)
{
  g_autoptr(BylineArticle) poverty = NULL;
  g_autoptr(BylineArticle) storm = NULL;
  g_autoptr(BylineDraftSummary) found = NULL;
  GtkWindow *window;
  BylineDraftsPanel *panel;

  remove_all_drafts ();
  window = byline_test_open_window ();
  panel = find_panel (window);
  poverty = seed (app_store (), "Đoàn công tác kiểm tra", "Kết quả giảm nghèo năm 2023 của huyện.");
  storm = seed (app_store (), "Bão số 3 đổ bộ", "Người dân sơ tán khỏi vùng nguy hiểm.");
  want_shown (panel, 2);

  byline_drafts_panel_set_search (panel, "giam ngheo");
  want_shown (panel, 1);
  found = g_list_model_get_item (byline_drafts_panel_get_shown (panel), 0);
  g_assert_cmpstr (byline_draft_summary_get_id (found), ==, byline_article_get_id (poverty));

  byline_drafts_panel_set_search (panel, "BAO SO 3");
  want_shown (panel, 1);

  byline_drafts_panel_set_search (panel, "động đất");
  want_shown (panel, 0);
  g_assert_true (wait_for_page (GTK_WIDGET (panel), "No Matching Drafts"));

  byline_drafts_panel_set_search (panel, "");
  want_shown (panel, 2);

  byline_test_close_windows ();
}

static gboolean
undo_button_shown (gpointer data)
{
  GtkWidget **button = data;

  *button = byline_test_find_widget (button[1], GTK_TYPE_BUTTON, TRUE, button_has_label, (gpointer) "_Undo");
  return *button != NULL;
}

static gboolean
article_is_open (gpointer data)
{
  GtkWindow *window = data;
  BylineArticle *article = byline_window_get_article (BYLINE_WINDOW (window));

  return article != NULL && g_str_equal (byline_article_get_id (article),
                                         g_object_get_data (G_OBJECT (window), "want-id"));
}

static void
test_delete_and_undo (void)
{
  g_autoptr(BylineArticle) keep = NULL;
  g_autoptr(BylineArticle) doomed = NULL;
  g_autofree char *folder = NULL;
  GtkWidget *undo[2] = { NULL, NULL };
  GtkWindow *window;
  BylineDraftsPanel *panel;
  const char *id;

  remove_all_drafts ();
  window = byline_test_open_window ();
  panel = find_panel (window);
  keep = seed (app_store (), "Giữ lại", "chữ");
  doomed = seed (app_store (), "Sẽ xoá rồi hoàn tác", "nội dung quan trọng");
  id = byline_article_get_id (doomed);
  want_shown (panel, 2);

  /* Open it, then delete it from its row's trash button. */
  byline_window_open_draft (BYLINE_WINDOW (window), id);
  g_object_set_data_full (G_OBJECT (window), "want-id", g_strdup (id), g_free);
  g_assert_true (byline_test_wait_until (article_is_open, window, 5000));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-article", "s", id));
  want_shown (panel, 1);
  g_assert_null (byline_window_get_article (BYLINE_WINDOW (window)));
  folder = g_build_filename (g_get_user_data_dir (), BASE_ID, "drafts", id, NULL);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  /* The toast's Undo brings it back, and opens it again. */
  undo[1] = GTK_WIDGET (window);
  g_assert_true (byline_test_wait_until (undo_button_shown, undo, 5000));
  g_signal_emit_by_name (undo[0], "clicked");
  want_shown (panel, 2);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_true (byline_test_wait_until (article_is_open, window, 5000));
  g_assert_cmpstr (byline_article_get_title (byline_window_get_article (BYLINE_WINDOW (window))),
                   ==, "Sẽ xoá rồi hoàn tác");

  byline_test_close_windows ();
}

static gboolean
window_is_gone (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (byline_test_get_application ())) == NULL;
}

/* Closing the window a moment after typing keeps what was typed. */
static void
test_close_saves_at_once (void)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(BylineArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  BylineArticle *article;

  remove_all_drafts ();
  window = byline_test_open_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-article", NULL));
  article = byline_window_get_article (BYLINE_WINDOW (window));
  g_assert_true (byline_test_wait_until (autosave_done, window, 5000));
  path = g_build_filename (g_get_user_data_dir (), BASE_ID, "drafts",
                           byline_article_get_id (article), "article.json", NULL);

  byline_article_set_lead (article, "Câu cuối cùng trước giờ tan sở");
  gtk_window_close (window);
  g_assert_true (byline_test_wait_until (window_is_gone, NULL, 5000));

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  on_disk = byline_article_from_json (contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_article_get_lead (on_disk), ==, "Câu cuối cùng trước giờ tan sở");
}

static void
test_damaged_draft_is_said (void)
{
  g_autoptr(BylineArticle) article = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window;

  remove_all_drafts ();
  window = byline_test_open_window ();
  article = seed (app_store (), "Sắp hỏng", "chữ");
  path = g_build_filename (g_get_user_data_dir (), BASE_ID, "drafts",
                           byline_article_get_id (article), "article.json", NULL);
  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"ti", -1, NULL));

  byline_window_open_draft (BYLINE_WINDOW (window), byline_article_get_id (article));
  g_assert_true (wait_for_page (GTK_WIDGET (window), "This Draft Is Damaged"));
  g_assert_null (byline_window_get_article (BYLINE_WINDOW (window)));

  byline_test_close_windows ();
}

static void
count_frame (GdkFrameClock *clock,
             guint         *frames)
{
  (*frames)++;
}

static gboolean
has_article (gpointer data)
{
  return byline_window_get_article (data) != NULL;
}

/* A window left alone with an article open draws nothing, so it costs no
 * CPU: the spinner of the page shown while a draft loads once kept the
 * frame clock ticking (~4 % of a core) long after the page was gone. */
static void
test_idle_draws_nothing (void)
{
  g_autoptr(BylineArticle) article = NULL;
  GdkFrameClock *clock;
  GtkWindow *window;
  guint frames = 0;
  gulong handler;

  remove_all_drafts ();
  /* The caret stops blinking only after 10 s: not what is measured here. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  window = byline_test_open_window ();
  article = seed (app_store (), "Bài để yên", "Không ai gõ gì.");
  byline_window_open_draft (BYLINE_WINDOW (window), byline_article_get_id (article));
  g_assert_true (byline_test_wait_until (has_article, window, 5000));
  byline_test_spin (1000);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "update", G_CALLBACK (count_frame), &frames);
  byline_test_spin (1500);
  g_signal_handler_disconnect (clock, handler);

  g_test_message ("%u frames in 1.5 s of idle", frames);
  g_assert_cmpuint (frames, ==, 0);

  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", TRUE, NULL);
  byline_test_close_windows ();
}

/* After a crash the drafts that were open come back with their content,
 * with no question asked. Run in a fresh process: the session is read
 * when the application starts. */
static void
test_session_after_kill (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *base_path = g_build_filename (g_get_user_data_dir (), BASE_ID, NULL);
      g_autoptr(GFile) base = g_file_new_for_path (base_path);
      g_autoptr(BylineDraftStore) store = byline_draft_store_new (base);
      g_autoptr(BylineArticle) article = NULL;
      const char *open[2] = { NULL, NULL };
      gboolean done = FALSE;
      GtkWindow *window;

      /* What a killed Byline leaves: a draft and the session naming it. */
      article = seed (store, "Đang viết dở khi mất điện", "Đoạn đã gõ.");
      open[0] = byline_article_get_id (article);
      byline_draft_store_save_session_async (store, open, NULL, saved_cb, &done);
      g_assert_true (byline_test_wait_until (is_true, &done, 5000));

      window = byline_test_open_window ();
      g_object_set_data_full (G_OBJECT (window), "want-id", g_strdup (open[0]), g_free);
      g_assert_true (byline_test_wait_until (article_is_open, window, 5000));
      g_assert_cmpstr (byline_article_get_title (byline_window_get_article (BYLINE_WINDOW (window))),
                       ==, "Đang viết dở khi mất điện");
      g_assert_cmpstr (byline_drafts_panel_get_selected_id (find_panel (window)), ==, open[0]);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  byline_test_init_ui (&argc, &argv);

  g_test_add_func ("/drafts-ui/session-after-kill", test_session_after_kill);
  g_test_add_func ("/drafts-ui/empty-states", test_empty_states);
  g_test_add_func ("/drafts-ui/new-article-appears", test_new_article_appears);
  g_test_add_func ("/drafts-ui/search-ignores-accents", test_search_ignores_accents);
  g_test_add_func ("/drafts-ui/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/drafts-ui/close-saves-at-once", test_close_saves_at_once);
  g_test_add_func ("/drafts-ui/damaged-draft-is-said", test_damaged_draft_is_said);
  g_test_add_func ("/drafts-ui/idle-draws-nothing", test_idle_draws_nothing);

  return g_test_run ();
}
