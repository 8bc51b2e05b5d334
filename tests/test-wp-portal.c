/* test-wp-portal.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BylineWpPortal against the real WordPress 6.1 of tests/portal/ (suite
 * "portal"): discovery, sign-in per role, posts, photos, terms, notes.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-test-core.h"
#include "byline-wp-auth.h"
#include "byline-wp-portal.h"

static BylineTestPortal *test_portal;
static SoupSession *session;
static BylinePortalSite *site;

static BylinePortalSite *
discover (const char  *address,
          GError     **error)
{
  return RUN (byline_wp_portal_discover_async (session, address, NULL, byline_test_store_result,
                                               &_result),
              byline_wp_portal_discover_finish, _result, error);
}

static BylinePortal *
portal_for (const char *role)
{
  return byline_test_portal_sign_in (test_portal, session, site, role);
}

static BylinePortalUser *
get_user (BylinePortal  *portal,
          GError       **error)
{
  return RUN (byline_portal_get_user_async (portal, NULL, byline_test_store_result, &_result),
              byline_portal_get_user_finish, portal, _result, error);
}

static BylinePortalPost *
create_post (BylinePortal                  *portal,
             const BylinePortalPostChanges *changes,
             GError                       **error)
{
  return RUN (byline_portal_create_post_async (portal, changes, NULL, byline_test_store_result,
                                               &_result),
              byline_portal_post_finish, portal, _result, error);
}

static BylinePortalPost *
update_post (BylinePortal                  *portal,
             gint64                         id,
             const BylinePortalPostChanges *changes,
             GError                       **error)
{
  return RUN (byline_portal_update_post_async (portal, id, changes, NULL,
                                               byline_test_store_result, &_result),
              byline_portal_post_finish, portal, _result, error);
}

static BylinePortalPost *
get_post (BylinePortal  *portal,
          gint64         id,
          GError       **error)
{
  return RUN (byline_portal_get_post_async (portal, id, NULL, byline_test_store_result, &_result),
              byline_portal_post_finish, portal, _result, error);
}

static BylinePortalPost *
trash_post (BylinePortal  *portal,
            gint64         id,
            GError       **error)
{
  return RUN (byline_portal_trash_post_async (portal, id, NULL, byline_test_store_result,
                                              &_result),
              byline_portal_post_finish, portal, _result, error);
}

static BylinePortalPostPage *
list_posts (BylinePortal                *portal,
            const BylinePortalPostQuery *query,
            GError                     **error)
{
  return RUN (byline_portal_list_posts_async (portal, query, NULL, byline_test_store_result,
                                              &_result),
              byline_portal_list_posts_finish, portal, _result, error);
}

static BylinePortalTerm *
ensure_term (BylinePortal          *portal,
             BylinePortalTaxonomy   taxonomy,
             const char            *name,
             gint64                 parent,
             GError               **error)
{
  return RUN (byline_portal_ensure_term_async (portal, taxonomy, name, parent, NULL,
                                               byline_test_store_result, &_result),
              byline_portal_ensure_term_finish, portal, _result, error);
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s %08x", prefix, g_random_int ());
}

/* Discovery */

static void
test_discover_forms_of_address (void)
{
  g_autoptr(GUri) base = g_uri_parse (test_portal->base_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *host_port = g_strdup_printf ("%s:%d", g_uri_get_host (base),
                                                g_uri_get_port (base));
  g_autofree char *wp_json = g_strconcat (test_portal->base_url, "/wp-json/", NULL);
  g_autofree char *endpoint = g_strconcat (test_portal->base_url, "/wp-json/wp/v2/posts", NULL);
  const char *forms[] = {
    host_port,                     /* what a user types: no scheme */
    test_portal->base_url,
    wp_json,
    endpoint,
    test_portal->rest_url_plain,   /* ?rest_route=/ */
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylinePortalSite) found = discover (forms[i], &error);

      g_test_message ("discovering from “%s”", forms[i]);
      g_assert_no_error (error);
      g_assert_cmpstr (found->rest_root, ==, test_portal->rest_url);
      g_assert_cmpstr (found->name, ==, "Cổng thông tin Byline");
      g_assert_cmpstr (found->address, ==, test_portal->base_url);
      g_assert_true (g_str_has_suffix (found->authorization_url,
                                       "/wp-admin/authorize-application.php"));
    }
}

/* (Sites that are not WordPress, or have their REST API closed, are
 * played by a fake server in test-wp-faults.) */
static void
test_discover_unreachable_and_insecure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylinePortalSite) found = NULL;

  found = discover ("http://127.0.0.1:9/", &error);
  g_assert_null (found);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK);
  g_clear_error (&error);

  found = discover ("http://portal.example.vn", &error);
  g_assert_null (found);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INSECURE);
}

/* The same operations through the plain ?rest_route= form of the API,
 * which sites without pretty permalinks only have. */
static void
test_plain_rest_route (void)
{
  g_autoptr(BylinePortalSite) plain = byline_portal_site_new ();
  g_autoptr(BylineWpPortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalPostQuery query = { .per_page = 1 };

  plain->rest_root = g_strdup (test_portal->rest_url_plain);
  portal = byline_wp_portal_new (session, plain,
                                 byline_test_portal_user (test_portal, "editor", "login"),
                                 byline_test_portal_user (test_portal, "editor", "app_password"));

  user = get_user (BYLINE_PORTAL (portal), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, "editor");

  page = list_posts (BYLINE_PORTAL (portal), &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->posts->len, ==, 1);
  g_assert_cmpuint (page->total, >=, 1);
}

/* Sign-in and capabilities */

static void
test_sign_in_role (gconstpointer data)
{
  const char *role = data;
  g_autoptr(BylinePortal) portal = portal_for (role);
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalCaps expected;

  user = get_user (portal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, byline_test_portal_user (test_portal, role, "login"));
  g_assert_cmpstr (user->name, ==, byline_test_portal_user (test_portal, role, "display_name"));
  g_assert_cmpstr (byline_portal_user_get_role (user), ==, role);
  g_assert_cmpint (user->id, ==, byline_test_portal_user_id (test_portal, role));

  if (g_str_equal (role, "contributor"))
    expected = BYLINE_PORTAL_CAN_EDIT_POSTS;
  else if (g_str_equal (role, "author"))
    expected = BYLINE_PORTAL_CAN_EDIT_POSTS | BYLINE_PORTAL_CAN_PUBLISH | BYLINE_PORTAL_CAN_UPLOAD;
  else
    expected = BYLINE_PORTAL_CAN_EDIT_POSTS | BYLINE_PORTAL_CAN_PUBLISH |
               BYLINE_PORTAL_CAN_UPLOAD | BYLINE_PORTAL_CAN_EDIT_OTHERS |
               BYLINE_PORTAL_CAN_MANAGE_CATEGORIES | BYLINE_PORTAL_CAN_MODERATE_COMMENTS |
               BYLINE_PORTAL_CAN_UNFILTERED_HTML;

  g_assert_cmphex (user->caps, ==, expected);
}

static void
test_sign_in_refused (void)
{
  const char *logins[][2] = {
    { "editor", "aaaa bbbb cccc dddd eeee ffff" },                 /* wrong app password */
    { "editor", "editor-pass" },                                   /* the login password */
    { "nobody", byline_test_portal_user (test_portal, "editor", "app_password") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (logins); i++)
    {
      g_autoptr(BylineWpPortal) portal = byline_wp_portal_new (session, site, logins[i][0],
                                                               logins[i][1]);
      g_autoptr(GError) error = NULL;
      g_autoptr(BylinePortalUser) user = get_user (BYLINE_PORTAL (portal), &error);

      g_assert_null (user);
      g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_AUTH);
      g_assert_cmpstr (error->message, ==, "You are not currently logged in.");
    }
}

static void
test_app_password_with_spaces (void)
{
  const char *password = byline_test_portal_user (test_portal, "author", "app_password");
  GString *spaced = g_string_new (NULL);
  g_autoptr(BylineWpPortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  /* As WordPress shows it: groups of four. */
  for (const char *p = password; *p != '\0'; p++)
    {
      if (p != password && (p - password) % 4 == 0)
        g_string_append_c (spaced, ' ');
      g_string_append_c (spaced, *p);
    }

  portal = byline_wp_portal_new (session, site, "author", spaced->str);
  g_string_free (spaced, TRUE);
  user = get_user (BYLINE_PORTAL (portal), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, "author");
}

/* Signing in through the browser (WordPress's authorization flow) */

static void
test_authorize_in_browser (void)
{
  g_autofree char *state = byline_wp_auth_new_state ();
  g_autofree char *app_name = byline_wp_auth_app_name ();
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;
  g_autoptr(BylineWpAuthReply) reply = NULL;
  g_autoptr(BylineWpPortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  url = byline_wp_auth_build_url (site, app_name, state, &error);
  g_assert_no_error (error);

  callback = byline_test_portal_authorize (test_portal, "author", url, TRUE);
  g_assert_true (byline_wp_auth_is_callback (callback));
  reply = byline_wp_auth_parse_callback (callback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply->state, ==, state);
  g_assert_cmpstr (reply->user_login, ==, "author");
  g_assert_cmpstr (reply->site_url, ==, test_portal->base_url);

  /* The new application password works, and was never typed. */
  portal = byline_wp_portal_new (session, site, reply->user_login, reply->password);
  user = get_user (BYLINE_PORTAL (portal), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->name, ==, "Cẩm Vân");
}

static void
test_authorize_declined (void)
{
  g_autofree char *state = byline_wp_auth_new_state ();
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;
  g_autoptr(BylineWpAuthReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  url = byline_wp_auth_build_url (site, "Byline", state, &error);
  g_assert_no_error (error);

  callback = byline_test_portal_authorize (test_portal, "contributor", url, FALSE);
  g_assert_true (byline_wp_auth_is_callback (callback));
  reply = byline_wp_auth_parse_callback (callback, &error);
  g_assert_null (reply);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED);
}

/* Posts */

#define TITLE_VI "Đoàn công tác của tỉnh kiểm tra, giám sát kết quả thực hiện công tác giảm nghèo năm 2023"
#define CONTENT_VI "<!-- wp:paragraph -->\n<p>Sáng 15/11, đoàn công tác của tỉnh đã làm việc tại huyện Gia Viễn.</p>\n<!-- /wp:paragraph -->"

static void
test_posts_lifecycle (void)
{
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPostChanges) pending = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPostChanges) publish = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPost) created = NULL;
  g_autoptr(BylinePortalPost) fetched = NULL;
  g_autoptr(BylinePortalPost) updated = NULL;
  g_autoptr(BylinePortalPost) refused = NULL;
  g_autoptr(BylinePortalPost) trashed = NULL;
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = unique ("Sapo");
  BylinePortalPostQuery query = { 0 };
  gboolean listed = FALSE;

  changes->title = g_strdup (TITLE_VI);
  changes->content = g_strdup (CONTENT_VI);
  changes->excerpt = g_strdup (marker);
  changes->status = BYLINE_PORTAL_POST_STATUS_DRAFT;

  created = create_post (contributor, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->id, >, 0);
  g_assert_cmpint (created->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  g_assert_cmpstr (created->title, ==, TITLE_VI);
  /* Drafts have no slug yet, only the one WordPress would generate. */
  g_assert_cmpstr (created->slug, ==, "");
  g_assert_cmpstr (created->generated_slug, ==,
                   "doan-cong-tac-cua-tinh-kiem-tra-giam-sat-ket-qua-thuc-hien-cong-tac-giam-ngheo-nam-2023");
  g_assert_cmpint (created->author, ==, byline_test_portal_user_id (test_portal, "contributor"));

  fetched = get_post (contributor, created->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fetched->content, ==, CONTENT_VI);
  g_assert_cmpstr (fetched->excerpt, ==, marker);
  g_assert_nonnull (fetched->modified_gmt);

  /* A contributor may submit for review but not publish. */
  pending->status = BYLINE_PORTAL_POST_STATUS_PENDING;
  pending->title = g_strdup (TITLE_VI " (sửa)");
  updated = update_post (contributor, created->id, pending, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->status, ==, BYLINE_PORTAL_POST_STATUS_PENDING);
  g_assert_cmpstr (updated->title, ==, TITLE_VI " (sửa)");
  g_assert_cmpstr (updated->content, ==, CONTENT_VI);

  publish->status = BYLINE_PORTAL_POST_STATUS_PUBLISH;
  refused = update_post (contributor, created->id, publish, &error);
  g_assert_null (refused);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==,
                   "Sorry, you are not allowed to publish posts in this post type.");
  g_clear_error (&error);

  query.statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING);
  query.search = marker;
  page = list_posts (contributor, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->posts->len; i++)
    {
      BylinePortalPost *post = g_ptr_array_index (page->posts, i);

      g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_PENDING);
      /* Lists leave the content out unless asked. */
      g_assert_null (post->content);
      if (post->id == created->id)
        listed = TRUE;
    }
  g_assert_true (listed);

  trashed = trash_post (contributor, created->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (trashed->status, ==, BYLINE_PORTAL_POST_STATUS_TRASH);

  /* Trashing twice: WordPress answers 410 rest_already_trashed. */
  g_clear_pointer (&trashed, byline_portal_post_unref);
  trashed = trash_post (contributor, created->id, &error);
  g_assert_null (trashed);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND);
}

static void
test_posts_pagination (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autofree char *marker = unique ("trang");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  BylinePortalPostQuery query = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
      g_autoptr(GError) error = NULL;
      BylinePortalPost *post;

      changes->title = g_strdup_printf ("Tin %u %s", i, marker);
      changes->status = BYLINE_PORTAL_POST_STATUS_PENDING;
      post = create_post (editor, changes, &error);
      g_assert_no_error (error);
      g_ptr_array_add (keep, post);
    }

  query.statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING) |
                   BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_DRAFT);
  query.search = marker;
  query.per_page = 2;
  query.with_content = TRUE;

  for (query.page = 1; query.page <= 2; query.page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylinePortalPostPage) page = list_posts (editor, &query, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->total, ==, 3);
      g_assert_cmpuint (page->total_pages, ==, 2);
      g_assert_cmpuint (page->page, ==, query.page);
      g_assert_cmpuint (page->posts->len, ==, query.page == 1 ? 2 : 1);
      for (guint i = 0; i < page->posts->len; i++)
        {
          BylinePortalPost *post = g_ptr_array_index (page->posts, i);

          g_assert_nonnull (post->content);
          g_assert_false (g_hash_table_contains (seen, &post->id));
          g_hash_table_add (seen, &post->id);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 3);
}

/* Pages by offset, as the sidebar's lists fetch them, and the portal's
 * clock, which their refreshes compare modification times with. */
static void
test_posts_offset_and_clock (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autofree char *marker = unique ("lech");
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_post_unref);
  g_autoptr(BylinePortalPostPage) first = NULL;
  g_autoptr(BylinePortalPostPage) shifted = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  BylinePortalPostQuery query = { 0 };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

      changes->title = g_strdup_printf ("Tin %u %s", i, marker);
      changes->status = BYLINE_PORTAL_POST_STATUS_PENDING;
      g_ptr_array_add (keep, create_post (editor, changes, &error));
      g_assert_no_error (error);
    }

  query.statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING);
  query.search = marker;
  query.per_page = 2;
  first = list_posts (editor, &query, &error);
  g_assert_no_error (error);
  query.offset = 1;
  shifted = list_posts (editor, &query, &error);
  g_assert_no_error (error);

  /* The offset moves the window by one post; the total still counts all. */
  g_assert_cmpuint (first->posts->len, ==, 2);
  g_assert_cmpuint (shifted->posts->len, ==, 2);
  g_assert_cmpuint (shifted->total, ==, 3);
  g_assert_cmpint (((BylinePortalPost *) g_ptr_array_index (first->posts, 1))->id, ==,
                   ((BylinePortalPost *) g_ptr_array_index (shifted->posts, 0))->id);

  /* The portal runs on this machine: its clock is ours. */
  g_assert_nonnull (first->server_date);
  g_assert_cmpint (ABS (g_date_time_difference (first->server_date, now)), <, 60 * G_TIME_SPAN_SECOND);
}

static GPtrArray *
get_terms (BylinePortal         *portal,
           BylinePortalTaxonomy  taxonomy,
           const gint64         *ids,
           guint                 n_ids,
           GError              **error)
{
  return RUN (byline_portal_get_terms_async (portal, taxonomy, ids, n_ids, NULL,
                                             byline_test_store_result, &_result),
              byline_portal_terms_finish, portal, _result, error);
}

/* A post carries term ids; opening it needs their names. */
static void
test_terms_by_ids (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autofree char *first_name = unique ("Thời sự");
  g_autofree char *second_name = unique ("Xã hội");
  g_autofree char *tag_name = unique ("giảm nghèo");
  g_autoptr(BylinePortalTerm) first = NULL;
  g_autoptr(BylinePortalTerm) second = NULL;
  g_autoptr(BylinePortalTerm) tag = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  first = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY, first_name, 0, &error);
  g_assert_no_error (error);
  second = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY, second_name, 0, &error);
  g_assert_no_error (error);
  tag = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_TAG, tag_name, 0, &error);
  g_assert_no_error (error);

  /* A reporter reads them too; an id that does not exist is left out. */
  ids[0] = second->id;
  ids[1] = 999999;
  ids[2] = first->id;
  terms = get_terms (contributor, BYLINE_PORTAL_TAXONOMY_CATEGORY, ids, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, 2);
  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (terms, i);

      g_assert_cmpint (term->taxonomy, ==, BYLINE_PORTAL_TAXONOMY_CATEGORY);
      if (term->id == first->id)
        g_assert_cmpstr (term->name, ==, first_name);
      else
        g_assert_cmpstr (term->name, ==, second_name);
    }
  g_clear_pointer (&terms, g_ptr_array_unref);

  terms = get_terms (contributor, BYLINE_PORTAL_TAXONOMY_TAG, &tag->id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, 1);
  g_assert_cmpstr (((BylinePortalTerm *) g_ptr_array_index (terms, 0))->name, ==, tag_name);
  g_clear_pointer (&terms, g_ptr_array_unref);

  /* No ids, no terms (and not every term of the site). */
  terms = get_terms (contributor, BYLINE_PORTAL_TAXONOMY_TAG, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, 0);
}

/* The review queue shows who wrote each article: an editor reads the
 * names of reporters who never published, and a reporter reads editors'. */
static void
test_authors_by_ids (void)
{
  const char *readers[] = { "editor", "contributor" };
  gint64 ids[] = {
    byline_test_portal_user_id (test_portal, "contributor"),
    byline_test_portal_user_id (test_portal, "editor"),
  };

  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      g_autoptr(BylinePortal) portal = portal_for (readers[r]);
      g_autoptr(GPtrArray) authors = NULL;
      g_autoptr(GError) error = NULL;
      guint found = 0;

      authors = RUN (byline_portal_get_authors_async (portal, ids, G_N_ELEMENTS (ids), NULL,
                                                      byline_test_store_result, &_result),
                     byline_portal_get_authors_finish, portal, _result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (authors->len, ==, 2);
      for (guint i = 0; i < authors->len; i++)
        {
          BylinePortalUser *user = g_ptr_array_index (authors, i);
          const char *role = user->id == ids[0] ? "contributor" : "editor";

          g_assert_cmpstr (user->name, ==,
                           byline_test_portal_user (test_portal, role, "display_name"));
          found++;
        }
      g_assert_cmpuint (found, ==, 2);
    }
}

/* Scheduled dates are chosen in the site's time zone, which any user may
 * read (the settings route is the administrator's). */
static void
test_site_time_zone (void)
{
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;

  zone = RUN (byline_portal_get_time_zone_async (contributor, NULL, byline_test_store_result,
                                                 &_result),
              byline_portal_get_time_zone_finish, contributor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==,
                   g_getenv ("BYLINE_PORTAL_TZ") ? g_getenv ("BYLINE_PORTAL_TZ")
                                                 : "Asia/Ho_Chi_Minh");
}

/* The user's own recent posts, newest change first: what the publisher
 * looks through after a creation whose answer was lost. */
static void
test_posts_modified_after (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPost) older = NULL;
  g_autoptr(BylinePortalPost) newer = NULL;
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalPostQuery query = { 0 };
  gboolean found_newer = FALSE;

  changes->title = unique ("Tin cũ");
  changes->status = BYLINE_PORTAL_POST_STATUS_DRAFT;
  older = create_post (author, changes, &error);
  g_assert_no_error (error);

  /* modified_gmt counts whole seconds. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  cutoff = g_date_time_add_seconds (older->modified_gmt, 1);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  g_free (changes->title);
  changes->title = unique ("Tin mới");
  newer = create_post (author, changes, &error);
  g_assert_no_error (error);

  query.statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_DRAFT) |
                   BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PENDING);
  query.author = byline_test_portal_user_id (test_portal, "author");
  query.modified_after = cutoff;
  query.per_page = 100;
  page = list_posts (author, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->posts->len; i++)
    {
      BylinePortalPost *post = g_ptr_array_index (page->posts, i);

      g_assert_cmpint (post->id, !=, older->id);
      g_assert_true (g_date_time_compare (post->modified_gmt, cutoff) > 0);
      if (post->id == newer->id)
        found_newer = TRUE;
      if (i > 0)
        {
          BylinePortalPost *before = g_ptr_array_index (page->posts, i - 1);

          g_assert_true (g_date_time_compare (before->modified_gmt, post->modified_gmt) >= 0);
        }
    }
  g_assert_true (found_newer);
}

static void
test_posts_published_by_others (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(BylinePortalPostPage) page = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalPostQuery query = {
    .statuses = BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PUBLISH),
    .search = "Hello world",
  };

  /* The administrator's post, which the author may read but not edit. */
  page = list_posts (author, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->posts->len, ==, 1);
  g_assert_cmpint (((BylinePortalPost *) g_ptr_array_index (page->posts, 0))->id, ==, 1);
  g_assert_cmpstr (((BylinePortalPost *) g_ptr_array_index (page->posts, 0))->title, ==,
                   "Hello world!");
}

/* Photos */

typedef struct
{
  goffset sent;
  goffset total;
  guint   calls;
} Progress;

static void
progress_cb (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (sent, >=, progress->sent);
  g_assert_cmpint (sent, <=, total);
  progress->sent = sent;
  progress->total = total;
  progress->calls++;
}

static GFile *
make_photo (const char *name,
            int         width,
            int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-photo-XXXXXX", &error);
  g_autofree char *path = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  g_assert_no_error (error);
  /* Noise, so the JPEG has a realistic size. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[y * stride + x] = g_random_int_range (0, 256);

  path = g_build_filename (dir, name, NULL);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
delete_photo (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static BylinePortalMedia *
upload (BylinePortal  *portal,
        GFile         *file,
        const char    *title,
        const char    *caption,
        const char    *alt_text,
        Progress      *progress,
        GCancellable  *cancellable,
        GError       **error)
{
  return RUN (byline_portal_upload_media_async (portal, file, title, caption, alt_text,
                                                NULL, progress ? progress_cb : NULL, progress,
                                                cancellable, byline_test_store_result,
                                                &_result),
              byline_portal_media_finish, portal, _result, error);
}

static void
test_media_upload_with_metadata (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  guint32 tag = g_random_int ();
  g_autofree char *name = g_strdup_printf ("Ảnh đoàn công tác %08x.jpg", tag);
  g_autofree char *stored = g_strdup_printf ("/Anh-doan-cong-tac-%08x.jpg", tag);
  g_autoptr(GFile) photo = make_photo (name, 800, 600);
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(BylinePortalMedia) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (photo, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  Progress progress = { 0 };

  media = upload (author, photo, "Ảnh đoàn công tác", "Đoàn công tác làm việc tại xã Gia Phú",
                  "Các thành viên đoàn công tác trong hội trường", &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (media->id, >, 0);

  /* Progress covered the whole body, file included. */
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpint (progress.sent, ==, progress.total);
  g_assert_cmpint (progress.total, >, g_file_info_get_size (info));

  /* A second, independent read: all set by the one upload request. */
  again = RUN (byline_portal_get_media_async (author, media->id, NULL, byline_test_store_result,
                                              &_result),
               byline_portal_media_finish, author, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->title, ==, "Ảnh đoàn công tác");
  g_assert_cmpstr (again->caption, ==, "Đoàn công tác làm việc tại xã Gia Phú");
  g_assert_cmpstr (again->alt_text, ==, "Các thành viên đoàn công tác trong hội trường");
  g_assert_cmpstr (again->mime_type, ==, "image/jpeg");
  g_assert_cmpuint (again->width, ==, 800);
  g_assert_cmpuint (again->height, ==, 600);
  /* The ASCII file name Byline sent, as WordPress stored it. */
  g_assert_true (g_str_has_suffix (again->source_url, stored));

  delete_photo (photo);
}

static BylinePortalMedia *
find_media (BylinePortal  *portal,
            const char    *slug,
            GError       **error)
{
  return RUN (byline_portal_find_media_async (portal, slug, NULL, byline_test_store_result,
                                              &_result),
              byline_portal_media_finish, portal, _result, error);
}

/* The slug Byline gives an upload finds it again, as the publisher does
 * after an upload whose answer was lost. */
static void
test_media_find_by_slug (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(GFile) photo = make_photo ("anh-tim.jpg", 64, 48);
  g_autofree char *slug = g_strdup_printf ("byline-%08x%08x", g_random_int (), g_random_int ());
  g_autofree char *missing = g_strconcat (slug, "-none", NULL);
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(BylinePortalMedia) found = NULL;
  g_autoptr(GError) error = NULL;

  media = RUN (byline_portal_upload_media_async (author, photo, "Ảnh tìm lại", "Chú thích", "Mô tả",
                                                 slug, NULL, NULL, NULL,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, author, _result, &error);
  g_assert_no_error (error);

  found = find_media (author, slug, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, media->id);
  g_assert_cmpstr (found->source_url, ==, media->source_url);
  g_assert_cmpstr (found->alt_text, ==, "Mô tả");

  g_clear_pointer (&found, byline_portal_media_unref);
  found = find_media (author, missing, &error);
  g_assert_null (found);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND);

  delete_photo (photo);
}

static void
test_media_title_defaults_to_file_name (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(GFile) photo = make_photo ("Hội nghị tổng kết.jpg", 64, 48);
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  /* Without a title Byline still sends one, so the accents survive. */
  media = upload (editor, photo, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (media->title, ==, "Hội nghị tổng kết.jpg");

  delete_photo (photo);
}

static void
test_media_contributor_cannot_upload (void)
{
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autoptr(GFile) photo = make_photo ("anh.jpg", 64, 48);
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  media = upload (contributor, photo, "Ảnh", "Chú thích", "Mô tả", NULL, NULL, &error);
  g_assert_null (media);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);

  delete_photo (photo);
}

static void
cancel_on_progress_cb (goffset  sent,
                       goffset  total,
                       gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_media_upload_cancelled (void)
{
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autoptr(GFile) photo = make_photo ("lon.jpg", 2000, 1500);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  media = RUN (byline_portal_upload_media_async (author, photo, "Ảnh lớn", NULL, NULL, NULL,
                                                 cancel_on_progress_cb, cancellable, cancellable,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, author, _result, &error);
  g_assert_null (media);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED);

  delete_photo (photo);
}

/* Categories and tags */

static void
test_categories_get_or_create (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(BylinePortal) author = portal_for ("author");
  g_autofree char *name = unique ("Tin tức giảm nghèo");
  g_autofree char *child_name = unique ("Thời sự");
  g_autoptr(BylinePortalTerm) created = NULL;
  g_autoptr(BylinePortalTerm) existing = NULL;
  g_autoptr(BylinePortalTerm) child = NULL;
  g_autoptr(BylinePortalTerm) by_author = NULL;
  g_autoptr(BylinePortalTerm) refused = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *upper = NULL;
  int parent_at = -1, child_at = -1;

  created = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY, name, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->name, ==, name);
  g_assert_true (g_str_has_prefix (created->slug, "tin-tuc-giam-ngheo-"));

  /* term_exists: the same term comes back, not a second one. */
  existing = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY, name, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (existing->id, ==, created->id);

  child = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY, child_name, created->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (child->parent, ==, created->id);

  /* Authors cannot create categories but can find existing ones. */
  upper = g_utf8_strup (name, -1);
  by_author = ensure_term (author, BYLINE_PORTAL_TAXONOMY_CATEGORY, upper, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_author->id, ==, created->id);

  refused = ensure_term (author, BYLINE_PORTAL_TAXONOMY_CATEGORY, "Chuyên mục mới của tác giả", 0,
                         &error);
  g_assert_null (refused);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);
  g_clear_error (&error);

  all = RUN (byline_portal_list_categories_async (editor, NULL, byline_test_store_result,
                                                  &_result),
             byline_portal_terms_finish, editor, _result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (all, i);

      g_assert_cmpint (term->taxonomy, ==, BYLINE_PORTAL_TAXONOMY_CATEGORY);
      if (term->id == created->id)
        {
          parent_at = i;
          g_assert_cmpuint (term->depth, ==, 0);
        }
      if (term->id == child->id)
        {
          child_at = i;
          g_assert_cmpuint (term->depth, ==, 1);
        }
    }
  g_assert_cmpint (parent_at, >=, 0);
  g_assert_cmpint (child_at, ==, parent_at + 1);
}

static void
test_categories_all_pages (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = unique ("Xã");

  /* More than one page of 100. */
  for (guint i = 0; i < 105; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %03u", prefix, i);
      g_autoptr(BylinePortalTerm) term = ensure_term (editor, BYLINE_PORTAL_TAXONOMY_CATEGORY,
                                                      name, 0, &error);

      g_assert_no_error (error);
    }

  all = RUN (byline_portal_list_categories_async (editor, NULL, byline_test_store_result,
                                                  &_result),
             byline_portal_terms_finish, editor, _result, &error);
  g_assert_no_error (error);
  {
    guint found = 0;

    for (guint i = 0; i < all->len; i++)
      if (g_str_has_prefix (((BylinePortalTerm *) g_ptr_array_index (all, i))->name, prefix))
        found++;
    g_assert_cmpuint (found, ==, 105);
  }
}

static void
test_tags_get_or_create (void)
{
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autofree char *name = unique ("Giảm nghèo 2023");
  g_autoptr(BylinePortalTerm) created = NULL;
  g_autoptr(BylinePortalTerm) again = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* Contributors may create tags (not categories). */
  created = ensure_term (contributor, BYLINE_PORTAL_TAXONOMY_TAG, name, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->taxonomy, ==, BYLINE_PORTAL_TAXONOMY_TAG);
  g_assert_cmpstr (created->name, ==, name);

  again = ensure_term (contributor, BYLINE_PORTAL_TAXONOMY_TAG, name, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->id, ==, created->id);

  found = RUN (byline_portal_search_tags_async (contributor, name + strlen ("Giảm nghèo 2023 "),
                                                NULL, byline_test_store_result, &_result),
               byline_portal_terms_finish, contributor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((BylinePortalTerm *) g_ptr_array_index (found, 0))->id, ==, created->id);
}

/* Notes on an article (comments), as the return-with-a-note flow uses them */

static void
test_comments_notes (void)
{
  g_autoptr(BylinePortal) editor = portal_for ("editor");
  g_autoptr(BylinePortal) contributor = portal_for ("contributor");
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalUser) editor_user = NULL;
  g_autoptr(BylinePortalComment) note = NULL;
  g_autoptr(BylinePortalComment) reply = NULL;
  g_autoptr(BylinePortalComment) approved = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GError) error = NULL;
  gboolean deleted;

  changes->title = unique ("Bài cần trả lại");
  changes->status = BYLINE_PORTAL_POST_STATUS_PENDING;
  post = create_post (contributor, changes, &error);
  g_assert_no_error (error);

  /* Knowing the editor moderates, the portal asks for "hold" directly. */
  editor_user = get_user (editor, &error);
  g_assert_no_error (error);
  note = RUN (byline_portal_create_comment_async (editor, post->id, 0, "GHI CHÚ: thêm ảnh, sửa sapo",
                                                  BYLINE_PORTAL_COMMENT_STATUS_HOLD, NULL,
                                                  byline_test_store_result, &_result),
              byline_portal_comment_finish, editor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (note->status, ==, BYLINE_PORTAL_COMMENT_STATUS_HOLD);
  g_assert_cmpstr (note->content, ==, "GHI CHÚ: thêm ảnh, sửa sapo");
  g_assert_false (note->content_is_html);

  /* The reporter reads held notes on their own post, as HTML. */
  seen = RUN (byline_portal_list_comments_async (contributor, post->id,
                                                 BYLINE_PORTAL_COMMENT_STATUS_HOLD, NULL,
                                                 byline_test_store_result, &_result),
              byline_portal_list_comments_finish, contributor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpint (((BylinePortalComment *) g_ptr_array_index (seen, 0))->id, ==, note->id);
  g_assert_true (((BylinePortalComment *) g_ptr_array_index (seen, 0))->content_is_html);
  g_assert_nonnull (strstr (((BylinePortalComment *) g_ptr_array_index (seen, 0))->content,
                            "GHI CHÚ"));

  /* And on all their articles at once, as the sidebar marks returned ones. */
  g_clear_pointer (&seen, g_ptr_array_unref);
  seen = RUN (byline_portal_list_comments_async (contributor, 0, BYLINE_PORTAL_COMMENT_STATUS_HOLD,
                                                 NULL, byline_test_store_result, &_result),
              byline_portal_list_comments_finish, contributor, _result, &error);
  g_assert_no_error (error);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < seen->len; i++)
      {
        BylinePortalComment *comment = g_ptr_array_index (seen, i);

        /* Never another reporter's articles. */
        g_assert_cmpint (comment->post, !=, 0);
        if (comment->id == note->id)
          found = TRUE;
      }
    g_assert_true (found);
  }

  /* Their reply starts approved (post author) and is put on hold at once. */
  reply = RUN (byline_portal_create_comment_async (contributor, post->id, note->id,
                                                   "TRẢ LỜI: đã sửa",
                                                   BYLINE_PORTAL_COMMENT_STATUS_HOLD, NULL,
                                                   byline_test_store_result, &_result),
               byline_portal_comment_finish, contributor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply->parent, ==, note->id);
  g_assert_cmpint (reply->status, ==, BYLINE_PORTAL_COMMENT_STATUS_HOLD);

  approved = RUN (byline_portal_set_comment_status_async (editor, reply->id,
                                                          BYLINE_PORTAL_COMMENT_STATUS_APPROVED,
                                                          NULL, byline_test_store_result,
                                                          &_result),
                  byline_portal_comment_finish, editor, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (approved->status, ==, BYLINE_PORTAL_COMMENT_STATUS_APPROVED);

  deleted = RUN (byline_portal_delete_comment_async (editor, note->id, TRUE, NULL,
                                                     byline_test_store_result, &_result),
                 byline_portal_delete_comment_finish, editor, _result, &error);
  g_assert_no_error (error);
  g_assert_true (deleted);

  deleted = RUN (byline_portal_delete_comment_async (editor, note->id, TRUE, NULL,
                                                     byline_test_store_result, &_result),
                 byline_portal_delete_comment_finish, editor, _result, &error);
  g_assert_false (deleted);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  static const char *roles[] = { "administrator", "editor", "author", "contributor" };

  g_test_init (&argc, &argv, NULL);

  test_portal = byline_test_portal_require ();
  session = byline_http_session_new (60);
  site = byline_test_portal_discover (test_portal, session);

  g_test_add_func ("/wp-portal/discover/forms-of-address", test_discover_forms_of_address);
  g_test_add_func ("/wp-portal/discover/unreachable-and-insecure",
                   test_discover_unreachable_and_insecure);
  g_test_add_func ("/wp-portal/discover/plain-rest-route", test_plain_rest_route);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wp-portal/sign-in/%s", roles[i]);

      g_test_add_data_func (path, roles[i], test_sign_in_role);
    }
  g_test_add_func ("/wp-portal/sign-in/refused", test_sign_in_refused);
  g_test_add_func ("/wp-portal/sign-in/password-with-spaces", test_app_password_with_spaces);
  g_test_add_func ("/wp-portal/authorize/approved", test_authorize_in_browser);
  g_test_add_func ("/wp-portal/authorize/declined", test_authorize_declined);
  g_test_add_func ("/wp-portal/posts/lifecycle", test_posts_lifecycle);
  g_test_add_func ("/wp-portal/posts/pagination", test_posts_pagination);
  g_test_add_func ("/wp-portal/posts/published-by-others", test_posts_published_by_others);
  g_test_add_func ("/wp-portal/posts/modified-after", test_posts_modified_after);
  g_test_add_func ("/wp-portal/posts/offset-and-clock", test_posts_offset_and_clock);
  g_test_add_func ("/wp-portal/media/upload-with-metadata", test_media_upload_with_metadata);
  g_test_add_func ("/wp-portal/media/find-by-slug", test_media_find_by_slug);
  g_test_add_func ("/wp-portal/media/title-defaults-to-file-name",
                   test_media_title_defaults_to_file_name);
  g_test_add_func ("/wp-portal/media/contributor-cannot-upload",
                   test_media_contributor_cannot_upload);
  g_test_add_func ("/wp-portal/media/upload-cancelled", test_media_upload_cancelled);
  g_test_add_func ("/wp-portal/terms/categories", test_categories_get_or_create);
  g_test_add_func ("/wp-portal/terms/categories-all-pages", test_categories_all_pages);
  g_test_add_func ("/wp-portal/terms/tags", test_tags_get_or_create);
  g_test_add_func ("/wp-portal/terms/by-ids", test_terms_by_ids);
  g_test_add_func ("/wp-portal/authors/by-ids", test_authors_by_ids);
  g_test_add_func ("/wp-portal/site/time-zone", test_site_time_zone);
  g_test_add_func ("/wp-portal/comments/notes", test_comments_notes);

  return g_test_run ();
}
