/* test-review.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Editors reviewing reporters' articles, against the real WordPress 6.1 of
 * tests/portal/ (suite "portal"): the sidebar's lists (paged, counted,
 * kept current by incremental refreshes), opening a post as a working copy
 * (blocks Byline does not edit kept byte for byte), returning an article
 * with a note the reporter reads and answers, and notes that never become
 * public. Run alone (not in parallel with other portal tests): it counts
 * the portal's pending posts.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "byline-block-parser.h"
#include "byline-draft-store.h"
#include "byline-error.h"
#include "byline-http.h"
#include "byline-markup-test-utils.h"
#include "byline-markup-writer.h"
#include "byline-portal-sections.h"
#include "byline-remote-article.h"
#include "byline-review.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

static BylineTestPortal *test_portal;
static SoupSession *session;
static BylinePortalSite *site;

#define STATUS(s) BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_##s)

/* ---- helpers ---- */

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s %08x", prefix, g_random_int ());
}

/* A portal signed in as @role, its user (and capabilities) read. */
static BylinePortal *
portal_for (const char        *role,
            BylinePortalUser **user_out)
{
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  portal = byline_test_portal_sign_in (test_portal, session, site, role);
  user = RUN (byline_portal_get_user_async (portal, NULL, byline_test_store_result, &_result),
              byline_portal_get_user_finish, portal, _result, &error);
  g_assert_no_error (error);
  if (user_out != NULL)
    *user_out = g_steal_pointer (&user);

  return g_steal_pointer (&portal);
}

static BylinePortalPost *
update_post (BylinePortal            *portal,
             gint64                   id,
             BylinePortalPostChanges *changes)
{
  g_autoptr(GError) error = NULL;
  BylinePortalPost *post;

  post = RUN (byline_portal_update_post_async (portal, id, changes, NULL,
                                               byline_test_store_result, &_result),
              byline_portal_post_finish, portal, _result, &error);
  g_assert_no_error (error);

  return post;
}

static BylinePortalPost *
set_status (BylinePortal           *portal,
            gint64                  id,
            BylinePortalPostStatus  status)
{
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

  /* The trash is not a status one sets. */
  if (status == BYLINE_PORTAL_POST_STATUS_TRASH)
    {
      g_autoptr(GError) error = NULL;
      BylinePortalPost *post;

      post = RUN (byline_portal_trash_post_async (portal, id, NULL, byline_test_store_result,
                                                  &_result),
                  byline_portal_post_finish, portal, _result, &error);
      g_assert_no_error (error);
      return post;
    }

  changes->status = status;
  return update_post (portal, id, changes);
}

/* What the portal itself counts, asked directly. */
static guint
portal_count (BylinePortal *portal,
              guint         statuses,
              gint64        author)
{
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalPostQuery query = { .statuses = statuses, .author = author, .per_page = 1 };

  page = RUN (byline_portal_list_posts_async (portal, &query, NULL, byline_test_store_result,
                                              &_result),
              byline_portal_list_posts_finish, portal, _result, &error);
  g_assert_no_error (error);

  return page->posts->len == 0 ? 0 : page->total;
}

static gboolean
list_settled (BylineRemotePostList *list)
{
  return byline_remote_post_list_get_loaded (list) && !byline_remote_post_list_get_loading (list);
}

static void
wait_list (BylineRemotePostList *list)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* One turn first: a load may be waiting for the main loop to start. */
  g_main_context_iteration (NULL, FALSE);
  while (!list_settled (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (list_settled (list));
  g_assert_null (byline_remote_post_list_get_error (list));
}

typedef struct
{
  BylineRemotePostList *list;
  guint                 n_items;
} Growth;

static gboolean
list_grew (gpointer data)
{
  Growth *growth = data;

  return g_list_model_get_n_items (G_LIST_MODEL (growth->list)) >= growth->n_items &&
         !byline_remote_post_list_get_loading (growth->list);
}

/* Reads the last row, as a list view scrolled to the end does, and waits
 * for the next page it brings. */
static void
read_last_row (BylineRemotePostList *list,
               guint                 expected)
{
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GObject) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  Growth growth = { list, expected };
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!list_grew (&growth) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
}

static void
wait_sections (BylinePortalSections *sections)
{
  for (guint i = 0; i < BYLINE_N_SECTIONS; i++)
    if (byline_portal_sections_get_list (sections, i) != NULL)
      wait_list (byline_portal_sections_get_list (sections, i));
}

static void
refresh (BylinePortalSections *sections)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = RUN (byline_portal_sections_refresh_async (sections, NULL, byline_test_store_result,
                                                  &_result),
            byline_portal_sections_refresh_finish, sections, _result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  wait_sections (sections);
}

static gint64
item_id (GListModel *model,
         guint       position)
{
  g_autoptr(BylineRemotePost) item = g_list_model_get_item (model, position);

  g_assert_nonnull (item);
  return byline_remote_post_get_id (item);
}

static gboolean
spin_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return done (data);
}

static GPtrArray *
list_notes (BylinePortal *portal,
            gint64        post_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *notes;

  notes = RUN (byline_review_list_notes_async (portal, post_id, NULL, byline_test_store_result,
                                               &_result),
               byline_review_list_notes_finish, _result, &error);
  g_assert_no_error (error);

  return notes;
}

static BylinePortalPost *
return_post (BylinePortal  *portal,
             gint64         post_id,
             const char    *note,
             GError       **error)
{
  return RUN (byline_review_return_async (portal, post_id, note, NULL, byline_test_store_result,
                                          &_result),
              byline_review_return_finish, _result, error);
}

/* An anonymous visitor's GET (sync: the portal is another process). */
static char *
visit (const char *path,
       guint      *status)
{
  g_autoptr(SoupSession) visitor = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *url = g_strconcat (test_portal->base_url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (visitor, message, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (message);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* ---- the lists ---- */

static BylinePortalPost *
post_at (GPtrArray *posts,
         guint      i)
{
  return g_ptr_array_index (posts, i);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

/* Pages by offset as the list is read, and changes applied in place:
 * removed, inserted, moved. The administrator's private posts stand for
 * any list (nothing else in the tests makes them). */
static void
test_list_pages_and_changes (void)
{
  g_autoptr(BylinePortalUser) admin_user = NULL;
  g_autoptr(BylinePortal) admin = portal_for ("administrator", &admin_user);
  g_autoptr(BylineRemotePostList) list = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  BylinePortalPostQuery query = { .statuses = STATUS (PRIVATE), .author = admin_user->id,
                                  .per_page = 3 };
  g_autoptr(BylinePortalPostPage) old = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;
  guint items_changed = 0;

  /* A fresh start: earlier runs on this portal left private posts. */
  query.per_page = 100;
  old = RUN (byline_portal_list_posts_async (admin, &query, NULL, byline_test_store_result, &_result),
             byline_portal_list_posts_finish, admin, _result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < old->posts->len; i++)
    byline_portal_post_unref (set_status (admin, post_at (old->posts, i)->id,
                                          BYLINE_PORTAL_POST_STATUS_TRASH));
  query.per_page = 3;

  /* Seven posts, a day apart: the list shows the newest first. */
  for (guint day = 1; day <= 7; day++)
    {
      g_autoptr(BylinePortalPostChanges) new_post = byline_portal_post_changes_new ();

      new_post->title = g_strdup_printf ("Ngày %u", day);
      new_post->status = BYLINE_PORTAL_POST_STATUS_PRIVATE;
      new_post->date_gmt = g_date_time_new_utc (2020, 1, day, 8, 0, 0);
      g_ptr_array_add (posts, RUN (byline_portal_create_post_async (admin, new_post, NULL,
                                                                    byline_test_store_result,
                                                                    &_result),
                                   byline_portal_post_finish, admin, _result, &error));
      g_assert_no_error (error);
    }

  list = byline_remote_post_list_new (admin, &query, NULL);
  model = G_LIST_MODEL (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  byline_remote_post_list_reload (list);
  wait_list (list);

  /* One page held, all of them counted. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (byline_remote_post_list_get_total (list), ==, 7);
  g_assert_true (byline_remote_post_list_get_has_more (list));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (item_id (model, i), ==,
                     post_at (posts, 6 - i)->id);

  /* Reading the last rows (as a list view scrolled there does) brings the
   * next page, and the next, until there is no more. */
  read_last_row (list, 6);
  read_last_row (list, 7);
  g_assert_false (byline_remote_post_list_get_has_more (list));
  for (guint i = 0; i < 7; i++)
    g_assert_cmpint (item_id (model, i), ==,
                     post_at (posts, 6 - i)->id);

  /* Day 6 leaves (a draft now), day 8 arrives, day 3 is re-dated to day 9. */
  g_ptr_array_add (changes, set_status (admin, post_at (posts, 5)->id,
                                        BYLINE_PORTAL_POST_STATUS_DRAFT));
  {
    g_autoptr(BylinePortalPostChanges) new_post = byline_portal_post_changes_new ();
    g_autoptr(BylinePortalPostChanges) redate = byline_portal_post_changes_new ();

    new_post->title = g_strdup ("Ngày 8");
    new_post->status = BYLINE_PORTAL_POST_STATUS_PRIVATE;
    new_post->date_gmt = g_date_time_new_utc (2020, 1, 8, 8, 0, 0);
    g_ptr_array_add (changes, RUN (byline_portal_create_post_async (admin, new_post, NULL,
                                                                    byline_test_store_result,
                                                                    &_result),
                                   byline_portal_post_finish, admin, _result, &error));
    g_assert_no_error (error);

    redate->date_gmt = g_date_time_new_utc (2020, 1, 9, 8, 0, 0);
    g_ptr_array_add (changes, update_post (admin, post_at (posts, 2)->id,
                                          redate));
  }

  {
    gulong id = g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed),
                                  &items_changed);
    guint arrived = byline_remote_post_list_apply_changes (list, changes);

    g_signal_handler_disconnect (list, id);
    g_assert_cmpuint (arrived, ==, 1);
  }
  g_assert_cmpuint (items_changed, >=, 3);
  g_assert_cmpuint (byline_remote_post_list_get_total (list), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  {
    /* Newest first: 9 (was 3), 8, 7, 5, 4, 2, 1. */
    const guint expected[] = { 2, 7, 6, 4, 3, 1, 0 };

    for (guint i = 0; i < 7; i++)
      {
        gint64 id = expected[i] == 7 ? post_at (changes, 1)->id
                                     : post_at (posts, expected[i])->id;

        g_assert_cmpint (item_id (model, i), ==, id);
      }
  }

  /* The same changes again change nothing. */
  g_assert_cmpuint (byline_remote_post_list_apply_changes (list, changes), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);

  /* And the portal agrees once the list is read again. */
  byline_remote_post_list_reload (list);
  wait_list (list);
  g_assert_cmpuint (byline_remote_post_list_get_total (list), ==, 7);
  g_assert_cmpint (item_id (model, 0), ==, post_at (posts, 2)->id);
}

typedef struct
{
  guint  count;
  char  *title;
} Arrivals;

static void
on_arrivals (BylinePortalSections *sections,
             guint                 count,
             const char           *title,
             Arrivals             *arrivals)
{
  arrivals->count += count;
  g_free (arrivals->title);
  arrivals->title = g_strdup (title);
}

/* What each role sees, counted right, and kept current by refreshes that
 * ask only for what changed. */
static void
test_sections_by_role (void)
{
  g_autoptr(BylinePortalUser) editor_user = NULL;
  g_autoptr(BylinePortalUser) reporter_user = NULL;
  g_autoptr(BylinePortal) editor = portal_for ("editor", &editor_user);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", &reporter_user);
  g_autoptr(BylinePortalSections) desk = NULL;
  g_autoptr(BylinePortalSections) mine = NULL;
  g_autoptr(BylinePortalPost) first = NULL;
  g_autoptr(BylinePortalPost) second = NULL;
  g_autoptr(BylinePortalPost) published = NULL;
  g_autofree char *first_title = unique ("Tin gửi duyệt");
  g_autofree char *second_title = unique ("Tin gửi duyệt");
  BylineRemotePostList *queue;
  BylineRemotePostList *submitted;
  Arrivals arrivals = { 0 };
  guint before;

  desk = byline_portal_sections_new (editor, editor_user, NULL);
  mine = byline_portal_sections_new (reporter, reporter_user, NULL);

  /* A reporter has no review queue; an editor has every section. */
  g_assert_null (byline_portal_sections_get_list (mine, BYLINE_SECTION_REVIEW_QUEUE));
  g_assert_nonnull (byline_portal_sections_get_list (mine, BYLINE_SECTION_MY_SUBMISSIONS));
  for (guint i = 0; i < BYLINE_N_SECTIONS; i++)
    g_assert_nonnull (byline_portal_sections_get_list (desk, i));

  g_signal_connect (desk, "review-queue-arrivals", G_CALLBACK (on_arrivals), &arrivals);
  byline_portal_sections_start (desk);
  byline_portal_sections_start (mine);
  wait_sections (desk);
  wait_sections (mine);

  queue = byline_portal_sections_get_list (desk, BYLINE_SECTION_REVIEW_QUEUE);
  submitted = byline_portal_sections_get_list (mine, BYLINE_SECTION_MY_SUBMISSIONS);
  before = byline_remote_post_list_get_total (queue);
  g_assert_cmpuint (before, ==, portal_count (editor, STATUS (PENDING), 0));
  g_assert_cmpuint (byline_remote_post_list_get_total (submitted), ==,
                    portal_count (reporter, STATUS (PENDING) | STATUS (DRAFT), reporter_user->id));
  g_assert_cmpstr (g_time_zone_get_identifier (byline_portal_sections_get_time_zone (desk)), ==,
                   g_getenv ("BYLINE_PORTAL_TZ") ? g_getenv ("BYLINE_PORTAL_TZ")
                                                 : "Asia/Ho_Chi_Minh");

  /* The reporter submits two articles; the desk's next refresh has them. */
  first = byline_test_create_post (reporter, first_title, NULL,
                                   BYLINE_PORTAL_POST_STATUS_PENDING);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  second = byline_test_create_post (reporter, second_title, NULL,
                                    BYLINE_PORTAL_POST_STATUS_PENDING);
  refresh (desk);
  refresh (mine);

  g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, before + 2);
  g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==,
                    portal_count (editor, STATUS (PENDING), 0));
  g_assert_cmpint (item_id (G_LIST_MODEL (queue), 0), ==, second->id);
  g_assert_cmpint (item_id (G_LIST_MODEL (queue), 1), ==, first->id);
  g_assert_cmpuint (arrivals.count, ==, 2);
  g_assert_cmpstr (arrivals.title, ==, second_title);
  g_assert_nonnull (byline_remote_post_list_find (submitted, first->id, NULL));

  /* Who wrote them is shown. */
  {
    BylineRemotePost *item = byline_remote_post_list_find (queue, first->id, NULL);

    g_assert_true (spin_until ((gboolean (*) (gpointer)) byline_remote_post_get_author_name,
                               item));
    g_assert_cmpstr (byline_remote_post_get_author_name (item), ==,
                     byline_test_portal_user (test_portal, "contributor", "display_name"));
  }

  /* Published elsewhere (another editor, the web): it moves sections. */
  published = set_status (editor, first->id, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  arrivals.count = 0;
  refresh (desk);
  refresh (mine);
  g_assert_null (byline_remote_post_list_find (queue, first->id, NULL));
  g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, before + 1);
  g_assert_cmpint (item_id (G_LIST_MODEL (byline_portal_sections_get_list (desk,
                                                                           BYLINE_SECTION_PUBLISHED)), 0),
                   ==, first->id);
  g_assert_null (byline_remote_post_list_find (submitted, first->id, NULL));
  g_assert_nonnull (byline_remote_post_list_find (byline_portal_sections_get_list (mine,
                                                                                   BYLINE_SECTION_PUBLISHED),
                                                  first->id, NULL));
  g_assert_cmpuint (arrivals.count, ==, 0);

  /* A refresh with nothing new changes nothing. */
  refresh (desk);
  g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, before + 1);
  g_assert_cmpuint (arrivals.count, ==, 0);

  byline_portal_post_unref (set_status (editor, second->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  byline_portal_post_unref (set_status (editor, first->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  g_free (arrivals.title);
}

/* ---- returning with a note ---- */

static gboolean
has_notes (gpointer data)
{
  return byline_remote_post_get_has_notes (data);
}

#define NOTE "Thêm ảnh & sửa sapo: \"trích dẫn\" <script>alert('x')</script>\nDòng hai."

/* The editor returns; the reporter sees the note (as text, never markup)
 * on the article in their submissions, answers and resubmits; the editor
 * reads the answer. */
static void
test_return_note_reply (void)
{
  g_autoptr(BylinePortalUser) reporter_user = NULL;
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", &reporter_user);
  g_autofree char *title = unique ("Bài cần trả lại");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) returned = NULL;
  g_autoptr(BylinePortalPost) again = NULL;
  g_autoptr(BylinePortalSections) mine = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GPtrArray) thread = NULL;
  g_autoptr(BylinePortalComment) reply = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalComment *note;
  BylineRemotePost *item;

  post = byline_test_create_post (reporter, title,
                                  "<!-- wp:paragraph -->\n<p>Bản thảo.</p>\n<!-- /wp:paragraph -->",
                                  BYLINE_PORTAL_POST_STATUS_PENDING);

  returned = return_post (editor, post->id, NOTE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (returned->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);

  /* In the reporter's submissions, marked as returned. */
  mine = byline_portal_sections_new (reporter, reporter_user, NULL);
  byline_portal_sections_start (mine);
  wait_sections (mine);
  item = byline_remote_post_list_find (byline_portal_sections_get_list (mine,
                                                                        BYLINE_SECTION_MY_SUBMISSIONS),
                                       post->id, NULL);
  g_assert_nonnull (item);
  g_assert_cmpint (byline_remote_post_get_status (item), ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  g_assert_true (spin_until (has_notes, item));

  /* The reporter gets only HTML from WordPress: it is read into text. */
  seen = list_notes (reporter, post->id);
  g_assert_cmpuint (seen->len, ==, 1);
  note = g_ptr_array_index (seen, 0);
  g_assert_cmpint (note->status, ==, BYLINE_PORTAL_COMMENT_STATUS_HOLD);
  g_assert_cmpstr (note->author_name, ==, byline_test_portal_user (test_portal, "editor",
                                                                   "display_name"));
  g_assert_false (note->content_is_html);
  g_test_message ("the reporter reads: %s", note->content);
  g_assert_true (g_str_has_prefix (note->content, "Thêm ảnh & sửa sapo: "));
  g_assert_nonnull (strstr (note->content, "trích dẫn"));
  g_assert_nonnull (strstr (note->content, "\nDòng hai."));
  g_assert_null (strchr (note->content, '<'));
  g_assert_null (strstr (note->content, "alert"));
  g_assert_null (strstr (note->content, "&#"));

  /* Answering resubmits: WordPress takes comments on pending posts only. */
  reply = RUN (byline_review_reply_async (reporter, post->id, note->id, "Đã thêm ảnh, sửa sapo.",
                                          NULL, byline_test_store_result, &_result),
               byline_review_reply_finish, _result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply->status, ==, BYLINE_PORTAL_COMMENT_STATUS_HOLD);
  g_assert_cmpint (reply->parent, ==, note->id);
  again = byline_test_get_post (reporter, post->id);
  g_assert_cmpint (again->status, ==, BYLINE_PORTAL_POST_STATUS_PENDING);

  /* The editor sees both, held, with the reporter's words. */
  thread = list_notes (editor, post->id);
  g_assert_cmpuint (thread->len, ==, 2);
  g_assert_cmpint (((BylinePortalComment *) g_ptr_array_index (thread, 0))->id, ==, note->id);
  g_assert_cmpint (((BylinePortalComment *) g_ptr_array_index (thread, 1))->id, ==, reply->id);
  g_assert_cmpstr (((BylinePortalComment *) g_ptr_array_index (thread, 1))->content, ==,
                   "Đã thêm ảnh, sửa sapo.");
  for (guint i = 0; i < thread->len; i++)
    g_assert_cmpint (((BylinePortalComment *) g_ptr_array_index (thread, i))->status, ==,
                     BYLINE_PORTAL_COMMENT_STATUS_HOLD);

  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* A draft, or a post with comments closed, can be returned too; it ends as
 * it was found apart from its status. Published posts cannot. */
static void
test_return_draft_and_closed (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", NULL);
  g_autofree char *title = unique ("Bài nháp");
  g_autoptr(BylinePortalPost) draft = NULL;
  g_autoptr(BylinePortalPost) closed = NULL;
  g_autoptr(BylinePortalPost) returned = NULL;
  g_autoptr(BylinePortalPost) public_post = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GError) error = NULL;

  draft = byline_test_create_post (reporter, title, NULL, BYLINE_PORTAL_POST_STATUS_DRAFT);
  returned = return_post (editor, draft->id, "Viết thêm phần kết.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (returned->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  seen = list_notes (reporter, draft->id);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (((BylinePortalComment *) g_ptr_array_index (seen, 0))->content, ==,
                   "Viết thêm phần kết.");
  g_clear_pointer (&seen, g_ptr_array_unref);
  g_clear_pointer (&returned, byline_portal_post_unref);

  {
    g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

    changes->title = unique ("Bài đóng bình luận");
    changes->status = BYLINE_PORTAL_POST_STATUS_PENDING;
    changes->comment_status = g_strdup ("closed");
    closed = RUN (byline_portal_create_post_async (reporter, changes, NULL,
                                                   byline_test_store_result, &_result),
                  byline_portal_post_finish, reporter, _result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (closed->comment_status, ==, "closed");
  }
  returned = return_post (editor, closed->id, "Thiếu nguồn tin.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (returned->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  g_assert_cmpstr (returned->comment_status, ==, "closed");
  seen = list_notes (reporter, closed->id);
  g_assert_cmpuint (seen->len, ==, 1);

  /* Published posts are not returned (their notes would be public). */
  public_post = byline_test_create_post (editor, title, NULL, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_clear_pointer (&returned, byline_portal_post_unref);
  returned = return_post (editor, public_post->id, "Không được.", &error);
  g_assert_null (returned);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* An empty note is no note. */
  returned = return_post (editor, draft->id, "  \n ", &error);
  g_assert_null (returned);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);

  byline_portal_post_unref (set_status (editor, draft->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  byline_portal_post_unref (set_status (editor, closed->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  byline_portal_post_unref (set_status (editor, public_post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* Returns @post with a note, which the reporter answers and (as the
 * reporter may before publication) approves: an approved comment is what
 * a published post would show. */
static BylinePortalComment *
return_and_tamper (BylinePortal *editor,
                   BylinePortal *reporter,
                   gint64        post_id,
                   const char   *secret,
                   const char   *answer)
{
  g_autoptr(BylinePortalPost) returned = NULL;
  g_autoptr(BylinePortalComment) reply = NULL;
  g_autoptr(BylinePortalComment) approved = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalComment *note;

  returned = return_post (editor, post_id, secret, &error);
  g_assert_no_error (error);
  notes = list_notes (reporter, post_id);
  g_assert_cmpuint (notes->len, ==, 1);
  note = g_ptr_array_index (notes, 0);

  reply = RUN (byline_review_reply_async (reporter, post_id, note->id, answer, NULL,
                                          byline_test_store_result, &_result),
               byline_review_reply_finish, _result, NULL, &error);
  g_assert_no_error (error);

  approved = RUN (byline_portal_set_comment_status_async (reporter, note->id,
                                                          BYLINE_PORTAL_COMMENT_STATUS_APPROVED,
                                                          NULL, byline_test_store_result, &_result),
                  byline_portal_comment_finish, reporter, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (approved->status, ==, BYLINE_PORTAL_COMMENT_STATUS_APPROVED);

  return byline_portal_comment_ref (note);
}

static guint
clear_notes (BylinePortal *editor,
             gint64        post_id,
             GDateTime    *before)
{
  g_autoptr(GError) error = NULL;
  guint deleted;

  deleted = RUN (byline_review_clear_notes_async (editor, post_id, before, NULL,
                                                  byline_test_store_result, &_result),
                 byline_review_clear_notes_finish, _result, &error);
  g_assert_no_error (error);

  return deleted;
}

/* Every public place a comment shows: REST (list, item, embedded), the
 * post's page, the site's and the post's comment feeds. Returns how many
 * of them carry @text. */
static guint
count_public (gint64      post_id,
              gint64      note_id,
              const char *text)
{
  g_autofree char *list = g_strdup_printf ("/wp-json/wp/v2/comments?post=%" G_GINT64_FORMAT, post_id);
  g_autofree char *item = g_strdup_printf ("/wp-json/wp/v2/comments/%" G_GINT64_FORMAT, note_id);
  g_autofree char *embed = g_strdup_printf ("/wp-json/wp/v2/posts/%" G_GINT64_FORMAT "?_embed=replies",
                                            post_id);
  g_autofree char *page = g_strdup_printf ("/?p=%" G_GINT64_FORMAT, post_id);
  g_autofree char *feed = g_strdup_printf ("/?p=%" G_GINT64_FORMAT "&feed=rss2", post_id);
  const char *places[] = { list, item, embed, page, "/?feed=comments-rss2", "/comments/feed/",
                           feed };
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      guint status;
      g_autofree char *body = visit (places[i], &status);

      g_test_message ("anonymous GET %s: HTTP %u, %zu bytes", places[i], status, strlen (body));
      /* The published post and its feeds are there for anyone. */
      if (places[i] != item)
        g_assert_cmpuint (status, ==, 200);
      if (strstr (body, text) != NULL)
        {
          g_test_message ("  carries %s", text);
          found++;
        }
    }

  return found;
}

/* Notes are removed before publication, and anything that raced it right
 * after: an anonymous visitor finds none on REST, the post's page or any
 * comment feed, even a note the reporter approved. */
static void
test_notes_never_public (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", NULL);
  g_autofree char *title = unique ("Bài sắp đăng");
  g_autofree char *secret = unique ("GHI-CHU-NOI-BO");
  g_autofree char *answer = unique ("TRA-LOI-NOI-BO");
  g_autofree char *control_secret = unique ("GHI-CHU-KIEM-CHUNG");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) control = NULL;
  g_autoptr(BylinePortalPost) live = NULL;
  g_autoptr(BylinePortalComment) note = NULL;
  g_autoptr(BylinePortalComment) control_note = NULL;
  g_autoptr(GPtrArray) left = NULL;
  const char *content = "<!-- wp:paragraph -->\n<p>Nội dung.</p>\n<!-- /wp:paragraph -->";

  /* The control: published without clearing, the approved note shows.
   * This is what the check below would find if clearing failed. */
  control = byline_test_create_post (reporter, title, content, BYLINE_PORTAL_POST_STATUS_PENDING);
  control_note = return_and_tamper (editor, reporter, control->id, control_secret, answer);
  live = set_status (editor, control->id, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_assert_cmpuint (count_public (control->id, control_note->id, control_secret), >, 0);

  /* Swept after the fact: what was dated up to the publication goes. */
  g_assert_cmpuint (clear_notes (editor, control->id, live->modified_gmt), >=, 2);
  g_assert_cmpuint (count_public (control->id, control_note->id, control_secret), ==, 0);
  g_clear_pointer (&live, byline_portal_post_unref);

  /* As approving does it: cleared, published, swept. */
  post = byline_test_create_post (reporter, title, content, BYLINE_PORTAL_POST_STATUS_PENDING);
  note = return_and_tamper (editor, reporter, post->id, secret, answer);
  g_assert_cmpuint (clear_notes (editor, post->id, NULL), ==, 2);
  live = set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_assert_cmpuint (clear_notes (editor, post->id, live->modified_gmt), ==, 0);

  g_assert_cmpuint (count_public (post->id, note->id, secret), ==, 0);
  g_assert_cmpuint (count_public (post->id, note->id, answer), ==, 0);
  left = list_notes (editor, post->id);
  g_assert_cmpuint (left->len, ==, 0);

  byline_portal_post_unref (set_status (editor, control->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* ---- opening a post as a working copy ---- */

static char *store_dir;

static BylinePortalPost *approve (BylinePortal     *portal,
                                  BylineDraftStore *store,
                                  BylineArticle    *article,
                                  GDateTime        *date,
                                  GError          **error);

static BylineDraftStore *
new_store (void)
{
  g_autoptr(GFile) dir = NULL;
  g_autofree char *path = g_build_filename (store_dir, "drafts", NULL);

  dir = g_file_new_for_path (path);
  return byline_draft_store_new (dir);
}

static BylineArticle *
open_remote (BylinePortal      *portal,
             BylineDraftStore  *store,
             gint64             post_id,
             BylineRemoteCopy  *copy)
{
  g_autoptr(GError) error = NULL;
  BylineArticle *article;

  article = RUN (byline_remote_article_open_async (portal, store, post_id, NULL,
                                                   byline_test_store_result, &_result),
                 byline_remote_article_open_finish, _result, copy, &error);
  g_assert_no_error (error);

  return article;
}

static char *
fixture_block (const char *name)
{
  g_autofree char *relative = g_strdup_printf ("data/gutenberg/blocks/%s.serialized.html", name);
  g_autofree char *markup = read_test_file (relative, NULL);

  return g_strdup (g_strchomp (markup));
}

#define PARAGRAPH(text) "<!-- wp:paragraph -->\n<p>" text "</p>\n<!-- /wp:paragraph -->"

/* A post written in WordPress's editor, with blocks Byline does not edit:
 * its working copy writes it back byte for byte, and an edited paragraph
 * changes that paragraph only. */
static void
test_open_keeps_blocks (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylineDraftStore) store = new_store ();
  g_autofree char *gallery = fixture_block ("core__gallery");
  g_autofree char *columns = fixture_block ("core__columns");
  g_autofree char *table = fixture_block ("core__table");
  g_autofree char *embed = fixture_block ("core__embed");
  g_autofree char *content = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *title = unique ("Bài nhiều khối");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  BylineRemoteCopy copy;
  guint raw = 0;
  gboolean replaced = FALSE;

  content = g_strjoin ("\n\n", PARAGRAPH ("Mở đầu bài viết."), gallery,
                       PARAGRAPH ("Đoàn công tác đã kiểm tra kết qủa giảm nghèo."), columns, table,
                       embed, PARAGRAPH ("Kết thúc."), NULL);
  post = byline_test_create_post (editor, title, content, BYLINE_PORTAL_POST_STATUS_PENDING);
  /* An editor's content is stored as sent (unfiltered_html). */
  {
    g_autoptr(BylinePortalPost) stored = byline_test_get_post (editor, post->id);

    g_assert_cmpstr (stored->content, ==, content);
  }

  article = open_remote (editor, store, post->id, &copy);
  g_assert_cmpint (copy, ==, BYLINE_REMOTE_COPY_NEW);
  g_assert_cmpstr (byline_article_get_title (article), ==, title);
  g_assert_cmpint (byline_article_get_post_id (article), ==, post->id);
  g_assert_cmpint (byline_article_get_remote_status (article), ==, BYLINE_POST_STATUS_PENDING);
  g_assert_false (byline_remote_article_is_edited (article));

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    if (byline_block_get_kind (byline_article_get_block (article, i)) == BYLINE_BLOCK_RAW)
      raw++;
  g_assert_cmpuint (raw, ==, 4);

  written = byline_markup_serialize (article);
  g_assert_cmpstr (written, ==, content);

  /* The reviewer fixes a typo in the second paragraph. */
  blocks = g_ptr_array_copy (byline_article_get_blocks (article),
                             (GCopyFunc) byline_block_ref, NULL);
  g_ptr_array_set_free_func (blocks, (GDestroyNotify) byline_block_unref);
  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = byline_block_get_plain_text (block);

      if (byline_block_get_kind (block) == BYLINE_BLOCK_PARAGRAPH &&
          g_str_has_prefix (text, "Đoàn công tác"))
        {
          BylineInline *fixed = byline_inline_new ("Đoàn công tác đã kiểm tra kết quả giảm nghèo.");

          g_ptr_array_index (blocks, i) = byline_block_new_paragraph (fixed);
          byline_block_unref (block);
          replaced = TRUE;
        }
    }
  g_assert_true (replaced);
  byline_article_set_blocks (article, blocks);
  g_assert_true (byline_remote_article_is_edited (article));

  edited = byline_markup_serialize (article);
  expected = g_strjoin ("\n\n", PARAGRAPH ("Mở đầu bài viết."), gallery,
                        PARAGRAPH ("Đoàn công tác đã kiểm tra kết quả giảm nghèo."), columns, table,
                        embed, PARAGRAPH ("Kết thúc."), NULL);
  g_assert_cmpstr (edited, ==, expected);

  /* Approved: the portal holds exactly that. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BylinePortalPost) live = approve (editor, store, article, NULL, &error);
    g_autoptr(BylinePortalPost) stored = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (live->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
    stored = byline_test_get_post (editor, post->id);
    g_assert_cmpstr (stored->content, ==, expected);
  }

  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* Opening again finds the working copy: kept while the post is the same,
 * refreshed when only the portal changed it, never overwritten when it
 * was edited here. */
static void
test_open_again (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylineDraftStore) store = new_store ();
  g_autofree char *title = unique ("Bài mở lại");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylineArticle) first = NULL;
  g_autoptr(BylineArticle) second = NULL;
  g_autoptr(BylineArticle) third = NULL;
  g_autoptr(BylineArticle) fourth = NULL;
  g_autoptr(GError) error = NULL;
  BylineRemoteCopy copy;
  gboolean saved;

  post = byline_test_create_post (editor, title, PARAGRAPH ("Một."),
                                  BYLINE_PORTAL_POST_STATUS_PENDING);
  first = open_remote (editor, store, post->id, &copy);
  g_assert_cmpint (copy, ==, BYLINE_REMOTE_COPY_NEW);

  second = open_remote (editor, store, post->id, &copy);
  g_assert_cmpint (copy, ==, BYLINE_REMOTE_COPY_UNCHANGED);
  g_assert_cmpstr (byline_article_get_id (second), ==, byline_article_get_id (first));

  /* Changed on the portal, not here: the copy follows. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  {
    g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

    changes->title = g_strconcat (title, " (sửa trên web)", NULL);
    byline_portal_post_unref (update_post (editor, post->id, changes));
  }
  third = open_remote (editor, store, post->id, &copy);
  g_assert_cmpint (copy, ==, BYLINE_REMOTE_COPY_UPDATED);
  g_assert_true (g_str_has_suffix (byline_article_get_title (third), "(sửa trên web)"));

  /* Edited here and changed there: what was typed here stays. */
  byline_article_set_lead (third, "Sapo viết trong Byline.");
  saved = RUN (byline_draft_store_save_async (store, third, NULL, byline_test_store_result,
                                              &_result),
               byline_draft_store_save_finish, store, _result, &error);
  g_assert_no_error (error);
  g_assert_true (saved);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  {
    g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

    changes->title = g_strconcat (title, " (sửa lần nữa)", NULL);
    byline_portal_post_unref (update_post (editor, post->id, changes));
  }
  fourth = open_remote (editor, store, post->id, &copy);
  g_assert_cmpint (copy, ==, BYLINE_REMOTE_COPY_DIVERGED);
  g_assert_cmpstr (byline_article_get_lead (fourth), ==, "Sapo viết trong Byline.");
  g_assert_true (g_str_has_suffix (byline_article_get_title (fourth), "(sửa trên web)"));

  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* Categories and tags come by name. */
static void
test_fetch_with_terms (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autofree char *category_name = unique ("Giảm nghèo");
  g_autofree char *tag_name = unique ("Gia Viễn");
  g_autoptr(BylinePortalTerm) category = NULL;
  g_autoptr(BylinePortalTerm) tag = NULL;
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) fetched = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *categories;

  category = RUN (byline_portal_ensure_term_async (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY,
                                                   category_name, 0, NULL,
                                                   byline_test_store_result, &_result),
                  byline_portal_ensure_term_finish, editor, _result, &error);
  g_assert_no_error (error);
  tag = RUN (byline_portal_ensure_term_async (editor, BYLINE_PORTAL_TAXONOMY_TAG, tag_name, 0,
                                              NULL, byline_test_store_result, &_result),
             byline_portal_ensure_term_finish, editor, _result, &error);
  g_assert_no_error (error);

  changes->title = unique ("Bài có chuyên mục");
  changes->excerpt = g_strdup ("Sapo của bài.");
  changes->status = BYLINE_PORTAL_POST_STATUS_PENDING;
  changes->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (changes->categories, category->id);
  changes->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (changes->tags, tag->id);
  post = RUN (byline_portal_create_post_async (editor, changes, NULL, byline_test_store_result,
                                               &_result),
              byline_portal_post_finish, editor, _result, &error);
  g_assert_no_error (error);

  article = RUN (byline_remote_article_fetch_async (editor, post->id, NULL,
                                                    byline_test_store_result, &_result),
                 byline_remote_article_fetch_finish, _result, &fetched, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fetched->id, ==, post->id);
  g_assert_cmpstr (byline_article_get_lead (article), ==, "Sapo của bài.");
  categories = byline_article_get_categories (article);
  g_assert_cmpuint (categories->len, ==, 1);
  g_assert_cmpint (((BylineTerm *) g_ptr_array_index (categories, 0))->id, ==, category->id);
  g_assert_cmpstr (((BylineTerm *) g_ptr_array_index (categories, 0))->name, ==, category_name);
  g_assert_cmpstr (byline_article_get_tags (article)[0], ==, tag_name);

  /* A post that is not there. */
  g_clear_object (&article);
  article = RUN (byline_remote_article_fetch_async (editor, 999999, NULL,
                                                    byline_test_store_result, &_result),
                 byline_remote_article_fetch_finish, _result, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND);

  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* ---- approving ---- */

static BylinePortalPost *
approve (BylinePortal     *portal,
         BylineDraftStore *store,
         BylineArticle    *article,
         GDateTime        *date,
         GError          **error)
{
  g_autoptr(BylinePublisher) publisher = byline_publisher_new (portal, store, article);
  g_autofree char *work = g_build_filename (store_dir, "uploads", NULL);
  g_autoptr(GFile) work_dir = g_file_new_for_path (work);

  byline_publisher_set_work_dir (publisher, work_dir);
  return RUN (byline_review_approve_async (publisher, store, date, NULL, byline_test_store_result,
                                           &_result),
              byline_review_approve_finish, _result, error);
}

/* A reporter's article, written and submitted in Byline (the publisher,
 * with the reporter's account). */
static BylinePortalPost *
submit (BylinePortal     *reporter,
        BylineDraftStore *store,
        const char       *title)
{
  g_autoptr(BylineArticle) article = byline_article_new (NULL);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  BylinePortalPost *post;

  byline_article_set_title (article, title);
  byline_article_set_lead (article, "Sáng 15/11, đoàn công tác của tỉnh làm việc tại huyện Gia Viễn.");
  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new (
    "Trong năm 2023, huyện Gia Viễn đã tích cực chỉ đạo triển khai công tác giảm nghèo.")));
  g_ptr_array_add (blocks, byline_block_new_heading (2, byline_inline_new ("Kết quả giảm nghèo")));
  g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new (
    "Toàn huyện khởi công 79/81 căn nhà, hoàn thành 71 nhà.")));
  byline_article_set_blocks (article, blocks);
  byline_article_set_status (article, BYLINE_POST_STATUS_PENDING);

  publisher = byline_publisher_new (reporter, store, article);
  post = RUN (byline_publisher_run_async (publisher, NULL, byline_test_store_result, &_result),
              byline_publisher_run_finish, publisher, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_PENDING);

  return post;
}

/* Replaces @from with @to in the first paragraph that has it. */
static void
edit_word (BylineArticle *article,
           const char    *from,
           const char    *to)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  gboolean done = FALSE;

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *block = byline_article_get_block (article, i);
      g_autofree char *text = byline_block_get_plain_text (block);
      char *at = strstr (text, from);

      if (!done && at != NULL && byline_block_get_kind (block) == BYLINE_BLOCK_PARAGRAPH)
        {
          g_autofree char *edited = g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to,
                                                     at + strlen (from));

          g_ptr_array_add (blocks, byline_block_new_paragraph (byline_inline_new (edited)));
          done = TRUE;
        }
      else
        g_ptr_array_add (blocks, byline_block_ref (block));
    }

  g_assert_true (done);
  byline_article_set_blocks (article, blocks);
}

/* The whole path: submitted in Byline, in the queue (counted right),
 * opened, a word fixed, approved: published with the fix, valid for the
 * block editor, moved from the queue to Published. Then scheduled, and
 * returned with a note, answered, approved with no note left public. */
static void
test_approve_paths (void)
{
  g_autoptr(BylinePortalUser) editor_user = NULL;
  g_autoptr(BylinePortal) editor = portal_for ("editor", &editor_user);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", NULL);
  g_autoptr(BylineDraftStore) reporter_store = new_store ();
  g_autoptr(BylineDraftStore) store = new_store ();
  g_autoptr(BylinePortalSections) desk = NULL;
  g_autoptr(BylinePortalPost) submitted = NULL;
  g_autoptr(BylinePortalPost) published = NULL;
  g_autoptr(BylinePortalPost) stored = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  g_autofree char *title = unique ("Đoàn công tác kiểm tra giảm nghèo");
  g_autoptr(GError) error = NULL;
  BylineRemotePostList *queue;
  BylineRemoteCopy copy;
  Arrivals arrivals = { 0 };
  guint before;

  desk = byline_portal_sections_new (editor, editor_user, NULL);
  g_signal_connect (desk, "review-queue-arrivals", G_CALLBACK (on_arrivals), &arrivals);
  byline_portal_sections_start (desk);
  wait_sections (desk);
  queue = byline_portal_sections_get_list (desk, BYLINE_SECTION_REVIEW_QUEUE);
  before = byline_remote_post_list_get_total (queue);

  submitted = submit (reporter, reporter_store, title);
  refresh (desk);
  g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, before + 1);
  g_assert_cmpint (item_id (G_LIST_MODEL (queue), 0), ==, submitted->id);
  g_assert_cmpuint (arrivals.count, ==, 1);

  article = open_remote (editor, store, submitted->id, &copy);
  g_assert_cmpint (copy, ==, BYLINE_REMOTE_COPY_NEW);
  g_assert_cmpstr (byline_article_get_title (article), ==, title);
  edit_word (article, "khởi công 79/81 căn nhà", "khởi công 79/81 căn nhà đại đoàn kết");

  published = approve (editor, store, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (published->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_assert_cmpint (byline_article_get_remote_status (article), ==, BYLINE_POST_STATUS_PUBLISH);
  g_assert_false (byline_remote_article_is_edited (article));

  stored = byline_test_get_post (editor, submitted->id);
  g_assert_nonnull (strstr (stored->content, "khởi công 79/81 căn nhà đại đoàn kết"));
  g_assert_cmpstr (byline_article_get_lead (article), ==,
                   "Sáng 15/11, đoàn công tác của tỉnh làm việc tại huyện Gia Viễn.");
  byline_test_assert_wordpress_validates (stored->content);

  /* It moves sections at once (the window applies the answer). */
  g_ptr_array_add (moved, byline_portal_post_ref (published));
  byline_portal_sections_apply_changes (desk, moved);
  g_assert_null (byline_remote_post_list_find (queue, submitted->id, NULL));
  g_assert_cmpuint (byline_remote_post_list_get_total (queue), ==, before);
  g_assert_nonnull (byline_remote_post_list_find (byline_portal_sections_get_list (desk,
                                                                                   BYLINE_SECTION_PUBLISHED),
                                                  submitted->id, NULL));

  /* Scheduled for the day after tomorrow, 08:00 in the site's zone. */
  {
    g_autofree char *next_title = unique ("Tin hẹn giờ");
    g_autoptr(BylinePortalPost) next = submit (reporter, reporter_store, next_title);
    g_autoptr(BylineArticle) copy_article = open_remote (editor, store, next->id, NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now (byline_portal_sections_get_time_zone (desk));
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
    g_autoptr(GDateTime) when = g_date_time_new (byline_portal_sections_get_time_zone (desk),
                                                 g_date_time_get_year (later),
                                                 g_date_time_get_month (later),
                                                 g_date_time_get_day_of_month (later), 8, 0, 0);
    g_autoptr(BylinePortalPost) scheduled = approve (editor, store, copy_article, when, &error);

    g_assert_no_error (error);
    g_assert_cmpint (scheduled->status, ==, BYLINE_PORTAL_POST_STATUS_FUTURE);
    g_assert_true (g_date_time_equal (scheduled->date_gmt, when));
    refresh (desk);
    g_assert_nonnull (byline_remote_post_list_find (byline_portal_sections_get_list (desk,
                                                                                     BYLINE_SECTION_SCHEDULED),
                                                    next->id, NULL));
    g_assert_null (byline_remote_post_list_find (queue, next->id, NULL));
    byline_portal_post_unref (set_status (editor, next->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  }

  /* Returned with a note, answered, approved: nothing of it is public. */
  {
    g_autofree char *third_title = unique ("Tin trả lại");
    g_autofree char *secret = unique ("GHI-CHU-DUYET");
    g_autofree char *answer = unique ("TRA-LOI-DUYET");
    g_autoptr(BylinePortalPost) third = submit (reporter, reporter_store, third_title);
    g_autoptr(BylinePortalComment) note = return_and_tamper (editor, reporter, third->id, secret,
                                                             answer);
    g_autoptr(BylineArticle) copy_article = open_remote (editor, store, third->id, NULL);
    g_autoptr(BylinePortalPost) live = NULL;
    g_autoptr(GPtrArray) thread = list_notes (editor, third->id);

    /* The editor read the answer before approving. */
    g_assert_cmpuint (thread->len, ==, 2);
    g_assert_cmpstr (((BylinePortalComment *) g_ptr_array_index (thread, 1))->content, ==, answer);

    live = approve (editor, store, copy_article, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (live->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
    g_assert_cmpuint (count_public (third->id, note->id, secret), ==, 0);
    g_assert_cmpuint (count_public (third->id, note->id, answer), ==, 0);
    byline_portal_post_unref (set_status (editor, third->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  }

  byline_portal_post_unref (set_status (editor, submitted->id, BYLINE_PORTAL_POST_STATUS_TRASH));
  g_free (arrivals.title);
}

/* Someone changed the post after it was opened: nothing is published. */
static void
test_approve_conflict (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", NULL);
  g_autoptr(BylineDraftStore) reporter_store = new_store ();
  g_autoptr(BylineDraftStore) store = new_store ();
  g_autofree char *title = unique ("Bài bị sửa");
  g_autoptr(BylinePortalPost) post = submit (reporter, reporter_store, title);
  g_autoptr(BylineArticle) article = open_remote (editor, store, post->id, NULL);
  g_autoptr(BylinePortalPost) approved = NULL;
  g_autoptr(BylinePortalPost) now = NULL;
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(GError) error = NULL;

  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  changes->title = g_strconcat (title, " (phóng viên sửa)", NULL);
  byline_portal_post_unref (update_post (reporter, post->id, changes));

  approved = approve (editor, store, article, NULL, &error);
  g_assert_null (approved);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT);
  now = byline_test_get_post (editor, post->id);
  g_assert_cmpint (now->status, ==, BYLINE_PORTAL_POST_STATUS_PENDING);
  g_assert_true (g_str_has_suffix (now->title, "(phóng viên sửa)"));
  /* The working copy is not left saying it was approved. */
  g_assert_cmpint (byline_article_get_status (article), ==, BYLINE_POST_STATUS_PENDING);

  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

/* Published in wp-admin while the editor had it open, then commented on:
 * approving must not take the readers' comments for notes and delete them. */
static void
test_approve_published_meanwhile (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor", NULL);
  g_autoptr(BylinePortal) reporter = portal_for ("contributor", NULL);
  g_autoptr(BylineDraftStore) reporter_store = new_store ();
  g_autoptr(BylineDraftStore) store = new_store ();
  g_autofree char *title = unique ("Bài đã đăng nơi khác");
  g_autoptr(BylinePortalPost) post = submit (reporter, reporter_store, title);
  g_autoptr(BylineArticle) article = open_remote (editor, store, post->id, NULL);
  g_autoptr(BylinePortalComment) comment = NULL;
  g_autoptr(BylinePortalPost) approved = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GError) error = NULL;

  /* WordPress keeps the time of a change to the second. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_PUBLISH));
  comment = RUN (byline_portal_create_comment_async (editor, post->id, 0, "Bạn đọc: bài hay.",
                                                     BYLINE_PORTAL_COMMENT_STATUS_APPROVED, NULL,
                                                     byline_test_store_result, &_result),
                 byline_portal_comment_finish, editor, _result, &error);
  g_assert_no_error (error);

  approved = approve (editor, store, article, NULL, &error);
  g_assert_null (approved);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT);
  g_clear_error (&error);

  comments = RUN (byline_portal_list_comments_async (editor, post->id,
                                                     BYLINE_PORTAL_COMMENT_STATUS_ANY, NULL,
                                                     byline_test_store_result, &_result),
                  byline_portal_list_comments_finish, editor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpint (((BylinePortalComment *) comments->pdata[0])->id, ==, comment->id);

  /* "Publish my version": the edits go out, the comment stays. */
  {
    g_autoptr(BylinePublisher) publisher = byline_publisher_new (editor, store, article);
    g_autofree char *work = g_build_filename (store_dir, "uploads", NULL);
    g_autoptr(GFile) work_dir = g_file_new_for_path (work);

    byline_publisher_set_work_dir (publisher, work_dir);
    byline_publisher_set_flags (publisher, BYLINE_PUBLISH_FLAGS_OVERWRITE);
    approved = RUN (byline_review_approve_async (publisher, store, NULL, NULL,
                                                 byline_test_store_result, &_result),
                    byline_review_approve_finish, _result, &error);
    g_assert_no_error (error);
    g_assert_cmpint (approved->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  }
  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = RUN (byline_portal_list_comments_async (editor, post->id,
                                                     BYLINE_PORTAL_COMMENT_STATUS_ANY, NULL,
                                                     byline_test_store_result, &_result),
                  byline_portal_list_comments_finish, editor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);

  byline_portal_post_unref (set_status (editor, post->id, BYLINE_PORTAL_POST_STATUS_TRASH));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  test_portal = byline_test_portal_require ();
  session = byline_http_session_new (60);
  site = byline_test_portal_discover (test_portal, session);
  store_dir = g_dir_make_tmp ("byline-review-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/review/list/pages-and-changes", test_list_pages_and_changes);
  g_test_add_func ("/review/sections/by-role", test_sections_by_role);
  g_test_add_func ("/review/return/note-and-reply", test_return_note_reply);
  g_test_add_func ("/review/return/draft-and-closed", test_return_draft_and_closed);
  g_test_add_func ("/review/notes/never-public", test_notes_never_public);
  g_test_add_func ("/review/open/keeps-blocks", test_open_keeps_blocks);
  g_test_add_func ("/review/open/again", test_open_again);
  g_test_add_func ("/review/open/fetch-with-terms", test_fetch_with_terms);
  g_test_add_func ("/review/approve/paths", test_approve_paths);
  g_test_add_func ("/review/approve/conflict", test_approve_conflict);
  g_test_add_func ("/review/approve/published-meanwhile", test_approve_published_meanwhile);

  status = g_test_run ();

  byline_test_remove_tree (store_dir);
  g_free (store_dir);
  g_clear_pointer (&site, byline_portal_site_unref);
  g_clear_object (&session);

  return status;
}
