/* test-publish.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The publish job against the real WordPress 6.1 of tests/portal/ (suite
 * "portal"): the seed article with its three photos as an author
 * (published, captions and alt text on the portal, content valid in the
 * block editor), as a contributor (refused before any request while it
 * has photos; submitted for review without them), scheduled, and updated
 * after someone else changed the post (the conflict is reported; nothing
 * is overwritten until the user says so).
 */

#include "config.h"

#include <stdio.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-publish-test-utils.h"
#include "byline-wp-json.h"
#include "byline-wp-portal.h"

static BylineTestPortal *test_portal;
static SoupSession *session;
static BylinePortalSite *site;
static guint requests;

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *message,
                   gpointer     user_data)
{
  requests++;
}

static BylinePortal *
portal_for (const char *role)
{
  return byline_test_portal_sign_in (test_portal, session, site, role);
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

static BylinePortalTerm *
ensure_term (BylinePortal         *portal,
             BylinePortalTaxonomy  taxonomy,
             const char           *name)
{
  g_autoptr(GError) error = NULL;
  BylinePortalTerm *term;

  term = RUN (byline_portal_ensure_term_async (portal, taxonomy, name, 0, NULL,
                                               byline_test_store_result, &_result),
              byline_portal_ensure_term_finish, portal, _result, &error);
  g_assert_no_error (error);

  return term;
}

static gboolean
array_contains (GArray *ids,
                gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Plain text as WordPress stores it in HTML fields. */
static char *
html_escape (const char *text)
{
  g_auto(GStrv) amp = g_strsplit (text, "&", -1);
  g_autofree char *escaped = g_strjoinv ("&amp;", amp);
  g_auto(GStrv) lt = g_strsplit (escaped, "<", -1);

  return g_strjoinv ("&lt;", lt);
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_author_publishes_seed (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autofree char *token = unique ("xuatban");
  g_autofree char *category_name = unique ("Giảm nghèo");
  g_autoptr(BylinePortalTerm) category = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY,
                                                      category_name);
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autoptr(BylineArticle) article = test_seed_article (token);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) stored = NULL;
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineArticle) reloaded = NULL;
  g_autofree char *escaped_lead = NULL;
  const char *tags[] = { "giảm nghèo", token, NULL };
  guint n_figures = 0;

  g_ptr_array_add (categories, byline_term_new (category->id, category->name));
  byline_article_set_categories (article, categories);
  byline_article_set_tags (article, tags);
  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  test_save (store, article);

  publisher = byline_publisher_new (author, store, article);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  g_assert_cmpint (byline_publisher_get_step (publisher), ==, BYLINE_PUBLISH_STEP_DONE);
  g_assert_cmpfloat (byline_publisher_get_fraction (publisher), ==, 1.0);

  /* What the portal holds, read back independently. */
  stored = byline_test_get_post (editor, post->id);
  g_assert_nonnull (strstr (stored->title, token));
  /* The lead is plain text; WordPress keeps excerpts as HTML. */
  escaped_lead = html_escape (byline_article_get_lead (article));
  g_assert_cmpstr (stored->excerpt, ==, escaped_lead);
  g_assert_cmpint (stored->featured_media, ==, 0);
  g_assert_true (array_contains (stored->categories, category->id));
  g_assert_cmpuint (stored->tags->len, ==, 2);
  g_assert_cmpuint (count_substrings (stored->content, "<!-- wp:image"), ==, 3);
  g_assert_cmpuint (count_substrings (stored->content, "<figcaption"), ==, 3);

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *figure = byline_article_get_block (article, i);
      g_autoptr(BylinePortalMedia) media = NULL;
      g_autofree char *block_id = NULL;
      g_autofree char *caption = NULL;

      if (byline_block_get_kind (figure) != BYLINE_BLOCK_FIGURE)
        continue;
      n_figures++;
      caption = html_escape (byline_inline_get_text (byline_block_get_caption (figure)));

      /* The figure knows its photo on the portal, and nothing is in flight. */
      g_assert_cmpint (byline_block_get_media_id (figure), >, 0);
      g_assert_null (byline_block_get_upload_slug (figure));
      block_id = g_strdup_printf ("\"id\":%" G_GINT64_FORMAT, byline_block_get_media_id (figure));
      g_assert_nonnull (strstr (stored->content, block_id));
      g_assert_nonnull (strstr (stored->content, caption));

      media = RUN (byline_portal_get_media_async (editor, byline_block_get_media_id (figure), NULL,
                                                  byline_test_store_result, &_result),
                   byline_portal_media_finish, editor, _result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (media->caption, ==, caption);
      g_assert_cmpstr (media->alt_text, ==, byline_block_get_alt (figure));
      g_assert_cmpstr (media->source_url, ==, byline_block_get_url (figure));
      g_assert_true (g_str_has_suffix (media->mime_type, "jpeg"));
      /* The file is named after the article, not the draft's copy. */
      g_assert_nonnull (strstr (media->source_url, "doan-cong-tac-cua-tinh"));
    }
  g_assert_cmpuint (n_figures, ==, 3);

  /* One post, one media item per photo. */
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "posts", token), ==, 1);
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "media", token), ==, 3);

  byline_test_assert_wordpress_validates (stored->content);

  /* The draft on disk says where the article is and holds nothing in flight. */
  reloaded = test_load (store, byline_article_get_id (article));
  g_assert_cmpint (byline_article_get_post_id (reloaded), ==, post->id);
  g_assert_cmpint (byline_article_get_remote_status (reloaded), ==, BYLINE_POST_STATUS_PUBLISH);
  g_assert_cmpstr (byline_article_get_site (reloaded), ==, test_portal->rest_url);
  g_assert_cmpint (byline_article_get_post_request (reloaded, NULL, NULL), ==,
                   BYLINE_POST_REQUEST_NONE);
}

/* The featured photo is one of the article's figures. */
static void
test_featured_photo (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autoptr(BylineArticle) article = test_seed_article (NULL);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  BylineBlock *second = NULL;
  guint n = 0;

  for (guint i = 0; i < byline_article_get_n_blocks (article) && second == NULL; i++)
    if (byline_block_get_kind (byline_article_get_block (article, i)) == BYLINE_BLOCK_FIGURE &&
        ++n == 2)
      second = byline_article_get_block (article, i);
  byline_article_set_featured_figure (article, byline_block_get_figure_id (second));
  byline_article_set_status (article, BYLINE_POST_STATUS_DRAFT);
  test_save (store, article);

  publisher = byline_publisher_new (author, store, article);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  g_assert_cmpint (post->featured_media, ==, byline_block_get_media_id (second));
}

/* A contributor cannot upload: told before any request would fail. */
static void
test_contributor_with_photos_refused (void)
{
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autofree char *token = unique ("congtacvien");
  g_autoptr(BylineArticle) article = test_seed_article (token);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint before;

  byline_article_set_status (article, BYLINE_POST_STATUS_PENDING);
  test_save (store, article);

  publisher = byline_publisher_new (contributor, store, article);
  before = requests;
  post = test_publish (publisher, NULL, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);
  /* Only "who am I" was asked. */
  g_assert_cmpuint (requests - before, ==, 1);
  message = byline_publisher_describe_failure (publisher, error);
  g_assert_nonnull (strstr (message, "cannot upload photos"));
  g_assert_nonnull (strstr (message, "3 photos"));

  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "posts", token), ==, 0);
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "media", token), ==, 0);
  g_assert_cmpint (byline_article_get_post_id (article), ==, 0);
}

/* Without photos a contributor submits for review; publishing is refused
 * before any request. */
static void
test_contributor_submits_for_review (void)
{
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autofree char *token = unique ("guiduyet");
  g_autoptr(BylineArticle) article = test_seed_article (token);
  g_autoptr(GPtrArray) text_only = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) refused = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { token, NULL };
  guint before;

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    if (byline_block_get_kind (byline_article_get_block (article, i)) != BYLINE_BLOCK_FIGURE)
      g_ptr_array_add (text_only, byline_block_ref (byline_article_get_block (article, i)));
  byline_article_set_blocks (article, text_only);
  /* Contributors may create tags. */
  byline_article_set_tags (article, tags);
  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  test_save (store, article);

  publisher = byline_publisher_new (contributor, store, article);
  before = requests;
  refused = test_publish (publisher, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);
  g_assert_cmpuint (requests - before, ==, 1);
  g_clear_error (&error);

  byline_article_set_status (article, BYLINE_POST_STATUS_PENDING);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_PENDING);
  g_assert_cmpuint (post->tags->len, ==, 1);
  g_assert_cmpint (byline_article_get_remote_status (article), ==, BYLINE_POST_STATUS_PENDING);
}

static void
test_schedule (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autoptr(BylineArticle) article = test_seed_article (NULL);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) stored = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) hanoi = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(GError) error = NULL;

  /* Two days ahead, at 07:30 in Hanoi, as a reporter picks it. */
  later = g_date_time_add_days (now, 2);
  when = g_date_time_new (hanoi, g_date_time_get_year (later), g_date_time_get_month (later),
                          g_date_time_get_day_of_month (later), 7, 30, 0);
  byline_article_set_date (article, when);
  byline_article_set_status (article, BYLINE_POST_STATUS_FUTURE);
  test_save (store, article);

  publisher = byline_publisher_new (author, store, article);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_FUTURE);

  stored = byline_test_get_post (editor, post->id);
  g_assert_cmpint (stored->status, ==, BYLINE_PORTAL_POST_STATUS_FUTURE);
  g_assert_nonnull (stored->date_gmt);
  g_assert_true (g_date_time_equal (stored->date_gmt, when));
}

/* A date that has passed cannot be scheduled: refused before any request. */
static void
test_schedule_in_the_past_refused (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autoptr(BylineArticle) article = test_seed_article (NULL);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GDateTime) yesterday = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_days (yesterday, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  byline_article_set_date (article, when);
  byline_article_set_status (article, BYLINE_POST_STATUS_FUTURE);
  test_save (store, article);
  publisher = byline_publisher_new (author, store, article);
  post = test_publish (publisher, NULL, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  message = byline_publisher_describe_failure (publisher, error);
  g_assert_nonnull (strstr (message, "future"));
}

/* The editor changes the post on the portal; the reporter's next update
 * stops and says so, the portal keeps the editor's change, and only an
 * explicit overwrite replaces it. */
static void
test_conflict (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(BylineDraftStore) store = test_store_new (NULL);
  g_autofree char *token = unique ("xungdot");
  g_autoptr(BylineArticle) article = test_seed_article (token);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) changed = NULL;
  g_autoptr(BylinePortalPost) refused = NULL;
  g_autoptr(BylinePortalPost) stored = NULL;
  g_autoptr(BylinePortalPost) overwritten = NULL;
  g_autoptr(BylinePortalPostChanges) theirs = byline_portal_post_changes_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *their_title = g_strdup_printf ("Biên tập viên sửa %s", token);
  g_autofree char *my_title = g_strdup_printf ("Phóng viên sửa %s", token);
  g_autofree char *message = NULL;

  byline_article_set_status (article, BYLINE_POST_STATUS_DRAFT);
  test_save (store, article);
  publisher = byline_publisher_new (author, store, article);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);

  /* modified_gmt has whole seconds: the editor's change is a second later. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  theirs->title = g_strdup (their_title);
  changed = RUN (byline_portal_update_post_async (editor, post->id, theirs, NULL,
                                                  byline_test_store_result, &_result),
                 byline_portal_post_finish, editor, _result, &error);
  g_assert_no_error (error);

  byline_article_set_title (article, my_title);
  refused = test_publish (publisher, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT);
  g_assert_nonnull (byline_publisher_get_conflict (publisher));
  g_assert_cmpstr (byline_publisher_get_conflict (publisher)->title, ==, their_title);
  message = byline_publisher_describe_failure (publisher, error);
  g_assert_nonnull (strstr (message, "changed"));
  g_clear_error (&error);

  stored = byline_test_get_post (editor, post->id);
  g_assert_cmpstr (stored->title, ==, their_title);
  /* Nothing is left in flight: the update was never sent. */
  g_assert_cmpint (byline_article_get_post_request (article, NULL, NULL), ==,
                   BYLINE_POST_REQUEST_NONE);

  /* The reporter chooses to overwrite. */
  byline_publisher_set_flags (publisher, BYLINE_PUBLISH_FLAGS_OVERWRITE);
  overwritten = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (overwritten->title, ==, my_title);
  g_clear_pointer (&stored, byline_portal_post_unref);
  stored = byline_test_get_post (editor, post->id);
  g_assert_cmpstr (stored->title, ==, my_title);
  /* Still one post: the update did not create another. */
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "posts", token), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_portal = byline_test_portal_require ();
  session = byline_http_session_new (60);
  g_signal_connect (session, "request-queued", G_CALLBACK (request_queued_cb), NULL);
  site = byline_test_portal_discover (test_portal, session);

  g_test_add_func ("/publish/author-publishes-seed", test_author_publishes_seed);
  g_test_add_func ("/publish/featured-photo", test_featured_photo);
  g_test_add_func ("/publish/contributor-with-photos-refused", test_contributor_with_photos_refused);
  g_test_add_func ("/publish/contributor-submits-for-review", test_contributor_submits_for_review);
  g_test_add_func ("/publish/schedule", test_schedule);
  g_test_add_func ("/publish/schedule-in-the-past-refused", test_schedule_in_the_past_refused);
  g_test_add_func ("/publish/conflict", test_conflict);

  return g_test_run ();
}
