/* test-wp-json.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pure side of the portal client: WordPress JSON → records (fed with
 * answers captured from the real WordPress, tests/data/wp/), the one
 * error mapping, URLs and addresses.
 */

#include "config.h"

#include "byline-error.h"
#include "byline-http.h"
#include "byline-wp-auth.h"
#include "byline-remote-article.h"
#include "byline-wp-json.h"

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "wp", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  JsonNode *node;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  node = byline_wp_json_parse (bytes, &error);
  g_assert_no_error (error);

  return node;
}

static JsonNode *
parse_string (const char  *json,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return byline_wp_json_parse (bytes, error);
}

static void
test_site_index (void)
{
  g_autoptr(JsonNode) index = load_fixture ("index.json");
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(GError) error = NULL;

  site = byline_wp_parse_site (index, "http://127.0.0.1:18081/wp-json/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (site->rest_root, ==, "http://127.0.0.1:18081/wp-json/");
  g_assert_cmpstr (site->address, ==, "http://127.0.0.1:18081");
  g_assert_cmpstr (site->name, ==, "Cổng thông tin Byline");
  g_assert_cmpstr (site->authorization_url, ==,
                   "http://127.0.0.1:18081/wp-admin/authorize-application.php");
}

static void
test_site_refusals (void)
{
  g_autoptr(JsonNode) no_app = load_fixture ("index-no-app-passwords.json");
  g_autoptr(JsonNode) no_wp = load_fixture ("index-no-wp-v2.json");
  g_autoptr(JsonNode) array = parse_string ("[1, 2]", NULL);
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(GError) error = NULL;

  site = byline_wp_parse_site (no_app, "https://x.vn/wp-json/", &error);
  g_assert_null (site);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NO_APP_PASSWORDS);
  g_clear_error (&error);

  site = byline_wp_parse_site (no_wp, "https://x.vn/wp-json/", &error);
  g_assert_null (site);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NO_REST_API);
  g_clear_error (&error);

  site = byline_wp_parse_site (array, "https://x.vn/wp-json/", &error);
  g_assert_null (site);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

static void
test_user_roles_and_caps (void)
{
  const struct
  {
    const char       *fixture;
    const char       *role;
    const char       *name;
    BylinePortalCaps  caps;
  } cases[] = {
    { "users-me-contributor.json", "contributor", "Phóng viên Minh",
      BYLINE_PORTAL_CAN_EDIT_POSTS },
    { "users-me-author.json", "author", "Cẩm Vân",
      BYLINE_PORTAL_CAN_EDIT_POSTS | BYLINE_PORTAL_CAN_PUBLISH | BYLINE_PORTAL_CAN_UPLOAD },
    { "users-me-editor.json", "editor", "Biên tập viên Hà",
      BYLINE_PORTAL_CAN_EDIT_POSTS | BYLINE_PORTAL_CAN_PUBLISH | BYLINE_PORTAL_CAN_UPLOAD |
      BYLINE_PORTAL_CAN_EDIT_OTHERS | BYLINE_PORTAL_CAN_MANAGE_CATEGORIES |
      BYLINE_PORTAL_CAN_MODERATE_COMMENTS | BYLINE_PORTAL_CAN_UNFILTERED_HTML },
    { "users-me-administrator.json", "administrator", "Quản trị",
      BYLINE_PORTAL_CAN_EDIT_POSTS | BYLINE_PORTAL_CAN_PUBLISH | BYLINE_PORTAL_CAN_UPLOAD |
      BYLINE_PORTAL_CAN_EDIT_OTHERS | BYLINE_PORTAL_CAN_MANAGE_CATEGORIES |
      BYLINE_PORTAL_CAN_MODERATE_COMMENTS | BYLINE_PORTAL_CAN_UNFILTERED_HTML },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = load_fixture (cases[i].fixture);
      g_autoptr(BylinePortalUser) user = NULL;
      g_autoptr(GError) error = NULL;

      user = byline_wp_parse_user (node, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (byline_portal_user_get_role (user), ==, cases[i].role);
      g_assert_cmpstr (user->name, ==, cases[i].name);
      g_assert_cmphex (user->caps, ==, cases[i].caps);
      g_assert_cmpint (user->id, >, 0);
    }
}

static void
test_user_without_edit_context (void)
{
  g_autoptr(JsonNode) node = parse_string ("{\"id\": 3, \"name\": \"\", \"slug\": \"author\"}", NULL);
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(JsonNode) no_id = parse_string ("{\"name\": \"x\"}", NULL);
  g_autoptr(GError) error = NULL;

  /* No capabilities means allowed nothing, never everything. */
  user = byline_wp_parse_user (node, &error);
  g_assert_no_error (error);
  g_assert_cmphex (user->caps, ==, BYLINE_PORTAL_CAN_NONE);
  g_assert_nonnull (user->roles);
  g_assert_null (byline_portal_user_get_role (user));

  g_clear_pointer (&user, byline_portal_user_unref);
  user = byline_wp_parse_user (no_id, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

static void
test_post_created (void)
{
  g_autoptr(JsonNode) node = load_fixture ("post-created-draft.json");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  post = byline_wp_parse_post (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->id, ==, 4);
  g_assert_cmpint (post->status, ==, BYLINE_PORTAL_POST_STATUS_DRAFT);
  g_assert_cmpstr (post->title, ==,
                   "Đoàn công tác của tỉnh kiểm tra, giám sát kết quả thực hiện công tác giảm nghèo năm 2023");
  /* Raw block markup, not the rendered HTML. */
  g_assert_true (g_str_has_prefix (post->content, "<!-- wp:paragraph -->\n<p>Sáng 15/11"));
  g_assert_cmpstr (post->excerpt, ==, "Sapo của bài");
  g_assert_cmpstr (post->slug, ==, "");
  g_assert_cmpstr (post->generated_slug, ==,
                   "doan-cong-tac-cua-tinh-kiem-tra-giam-sat-ket-qua-thuc-hien-cong-tac-giam-ngheo-nam-2023");
  g_assert_cmpstr (post->link, ==, "http://127.0.0.1:18081/?p=4");
  g_assert_cmpstr (post->comment_status, ==, "open");
  g_assert_cmpint (post->author, ==, 4);
  g_assert_cmpint (post->featured_media, ==, 0);
  g_assert_cmpuint (post->categories->len, ==, 1);
  g_assert_cmpint (g_array_index (post->categories, gint64, 0), ==, 1);
  g_assert_cmpuint (post->tags->len, ==, 0);
  g_assert_nonnull (post->modified_gmt);
  g_assert_cmpint (g_date_time_get_hour (post->modified_gmt), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (post->modified_gmt), ==, 22);
  g_assert_cmpint (g_date_time_get_utc_offset (post->modified_gmt), ==, 0);
}

static void
test_posts_list (void)
{
  g_autoptr(JsonNode) node = load_fixture ("posts-list.json");
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalPost *hello;

  posts = byline_wp_parse_posts (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (posts->len, ==, 2);
  hello = g_ptr_array_index (posts, 1);
  g_assert_cmpstr (hello->title, ==, "Hello world!");
  g_assert_cmpint (hello->status, ==, BYLINE_PORTAL_POST_STATUS_PUBLISH);
  /* Left out by _fields. */
  g_assert_null (hello->content);
}

static void
test_post_odd_types (void)
{
  g_autoptr(JsonNode) node = load_fixture ("post-odd-types.json");
  g_autoptr(JsonNode) list = parse_string ("[{\"id\": 1}, {\"id\": \"abc\"}]", NULL);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;

  post = byline_wp_parse_post (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (post->id, ==, 42);
  g_assert_cmpstr (post->title, ==, "Tiêu đề – rendered & only");
  g_assert_null (post->content);
  g_assert_cmpstr (post->excerpt, ==, "Sapo");
  g_assert_null (post->date_gmt);
  g_assert_nonnull (post->modified_gmt);
  g_assert_cmpint (post->author, ==, 3);
  g_assert_cmpint (post->featured_media, ==, 0);
  g_assert_cmpuint (post->categories->len, ==, 2);
  g_assert_cmpint (g_array_index (post->categories, gint64, 1), ==, 2);
  g_assert_cmpuint (post->tags->len, ==, 0);
  g_assert_null (post->slug);

  /* One bad item makes the whole list unusable: no half lists. */
  posts = byline_wp_parse_posts (list, &error);
  g_assert_null (posts);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

static void
test_media (void)
{
  g_autoptr(JsonNode) node = load_fixture ("media-created.json");
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;

  media = byline_wp_parse_media (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (media->id, ==, 5);
  g_assert_cmpstr (media->title, ==, "Ảnh đoàn công tác");
  g_assert_cmpstr (media->caption, ==, "Chú thích ảnh");
  g_assert_cmpstr (media->alt_text, ==, "Mô tả thay thế");
  g_assert_cmpstr (media->description, ==, "");
  g_assert_cmpstr (media->mime_type, ==, "image/jpeg");
  g_assert_cmpstr (media->source_url, ==,
                   "http://127.0.0.1:18081/wp-content/uploads/2026/11/Anh-doan.jpg");
  g_assert_cmpuint (media->width, ==, 64);
  g_assert_cmpuint (media->height, ==, 48);
}

/* A post from the portal as a local article linked to it ("open theirs"). */
static void
test_post_as_article (void)
{
  g_autoptr(JsonNode) node = load_fixture ("post-created-draft.json");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  post = byline_wp_parse_post (node, &error);
  g_assert_no_error (error);
  /* As an author's kses leaves it. */
  g_free (post->title);
  post->title = g_strdup ("Sở LĐ-TB&amp;XH kiểm tra");

  article = byline_remote_article_new_detached (post, "http://127.0.0.1:18081/wp-json/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (byline_article_get_title (article), ==, "Sở LĐ-TB&XH kiểm tra");
  g_assert_cmpstr (byline_article_get_lead (article), ==, "Sapo của bài");
  g_assert_cmpuint (byline_article_get_n_blocks (article), ==, 1);
  g_assert_cmpint (byline_article_get_post_id (article), ==, 4);
  g_assert_cmpstr (byline_article_get_modified_gmt (article), ==, "2026-11-29T00:22:45");
  g_assert_cmpint (byline_article_get_remote_status (article), ==, BYLINE_POST_STATUS_DRAFT);
  g_assert_cmpstr (byline_article_get_site (article), ==, "http://127.0.0.1:18081/wp-json/");
}

/* A lookup by the slug an upload was given: a list of one, or none. */
static void
test_media_by_slug (void)
{
  g_autoptr(JsonNode) node = load_fixture ("media-by-slug.json");
  g_autoptr(JsonNode) empty = json_from_string ("[]", NULL);
  g_autoptr(JsonNode) not_a_list = json_from_string ("{\"id\":4}", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalMedia *media;

  items = byline_wp_parse_media_list (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  media = g_ptr_array_index (items, 0);
  g_assert_cmpint (media->id, ==, 4);
  g_assert_cmpstr (media->source_url, ==,
                   "http://127.0.0.1:18081/wp-content/uploads/2026/11/red.jpg");
  g_assert_cmpstr (media->alt_text, ==, "Mô tả");
  /* Raw, as stored: kses turned the "&" of an author's caption into "&amp;". */
  g_assert_cmpstr (media->caption, ==, "Chú thích <b>ảnh</b> &amp; khác");
  g_clear_pointer (&items, g_ptr_array_unref);

  items = byline_wp_parse_media_list (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = byline_wp_parse_media_list (not_a_list, &error);
  g_assert_null (items);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

static void
test_terms_tree (void)
{
  g_autoptr(JsonNode) node = load_fixture ("categories.json");
  g_autoptr(JsonNode) entities = load_fixture ("category-entities.json");
  g_autoptr(JsonNode) tags = load_fixture ("tags-search.json");
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GPtrArray) tag_list = NULL;
  g_autoptr(BylinePortalTerm) term = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalTerm *t;

  terms = byline_wp_parse_terms (node, BYLINE_PORTAL_TAXONOMY_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (terms->len, ==, 3);

  /* The answer lists the child first; the tree puts it under its parent. */
  byline_portal_terms_sort_tree (terms);
  t = g_ptr_array_index (terms, 0);
  g_assert_cmpstr (t->name, ==, "Tin tức giảm nghèo");
  g_assert_cmpuint (t->depth, ==, 0);
  t = g_ptr_array_index (terms, 1);
  g_assert_cmpstr (t->name, ==, "Thời sự");
  g_assert_cmpint (t->parent, ==, 2);
  g_assert_cmpuint (t->depth, ==, 1);
  t = g_ptr_array_index (terms, 2);
  g_assert_cmpstr (t->name, ==, "Uncategorized");
  g_assert_cmpuint (t->depth, ==, 0);

  term = byline_wp_parse_term (entities, BYLINE_PORTAL_TAXONOMY_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (term->name, ==, "Văn hóa & Xã hội");
  g_assert_cmpstr (term->slug, ==, "van-hoa-xa-hoi");

  tag_list = byline_wp_parse_terms (tags, BYLINE_PORTAL_TAXONOMY_TAG, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tag_list->len, ==, 1);
  g_assert_cmpint (((BylinePortalTerm *) g_ptr_array_index (tag_list, 0))->taxonomy, ==,
                   BYLINE_PORTAL_TAXONOMY_TAG);
}

static BylinePortalTerm *
make_term (gint64      id,
           gint64      parent,
           const char *name)
{
  BylinePortalTerm *term = byline_portal_term_new ();

  term->id = id;
  term->parent = parent;
  term->name = g_strdup (name);

  return term;
}

static void
test_terms_tree_cycles_and_orphans (void)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_portal_term_unref);
  /* Top level by name (the orphan included), then the cycle as it came. */
  const char *expected[] = { "An Giang", "Bắc Ninh", "Cà Mau", "Hà Nội", "Đà Nẵng", "Huế" };

  g_ptr_array_add (terms, make_term (1, 0, "Hà Nội"));
  g_ptr_array_add (terms, make_term (2, 99, "Bắc Ninh"));  /* parent not listed */
  g_ptr_array_add (terms, make_term (3, 4, "Đà Nẵng"));    /* 3 → 4 → 3 */
  g_ptr_array_add (terms, make_term (4, 3, "Huế"));
  g_ptr_array_add (terms, make_term (5, 0, "An Giang"));
  g_ptr_array_add (terms, make_term (6, 0, "Cà Mau"));

  byline_portal_terms_sort_tree (terms);

  /* Nothing lost, each once. */
  g_assert_cmpuint (terms->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *t = g_ptr_array_index (terms, i);

      g_assert_cmpstr (t->name, ==, expected[i]);
      g_assert_cmpuint (t->depth, ==, 0);
    }
}

static void
test_comments (void)
{
  g_autoptr(JsonNode) editor = load_fixture ("comment-created-hold.json");
  g_autoptr(JsonNode) contributor = load_fixture ("comments-contributor.json");
  g_autoptr(BylinePortalComment) note = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalComment *c;

  note = byline_wp_parse_comment (editor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (note->status, ==, BYLINE_PORTAL_COMMENT_STATUS_HOLD);
  g_assert_cmpstr (note->content, ==, "GHI CHÚ-1: thêm ảnh & sửa sapo");
  g_assert_false (note->content_is_html);
  g_assert_cmpstr (note->author_name, ==, "Biên tập viên Hà");
  g_assert_cmpint (note->author, ==, 2);

  /* Without moderate_comments only the rendered HTML comes. */
  seen = byline_wp_parse_comments (contributor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  c = g_ptr_array_index (seen, 0);
  g_assert_true (c->content_is_html);
  g_assert_cmpstr (c->content, ==, "<p>GHI CHÚ-1: thêm ảnh &#038; sửa sapo</p>\n");
  g_assert_cmpint (c->id, ==, note->id);
  g_assert_nonnull (c->date_gmt);
}

/* Who wrote the posts of a list: id and name only. */
static void
test_users_authors (void)
{
  g_autoptr(JsonNode) node = load_fixture ("users-authors.json");
  g_autoptr(JsonNode) comment = load_fixture ("comment-created-hold.json");
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalUser *user;

  users = byline_wp_parse_users (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);
  user = g_ptr_array_index (users, 1);
  g_assert_cmpint (user->id, ==, 4);
  g_assert_cmpstr (user->name, ==, "Phóng viên Minh");
  g_assert_cmpuint (user->caps, ==, BYLINE_PORTAL_CAN_NONE);

  g_clear_pointer (&users, g_ptr_array_unref);
  users = byline_wp_parse_users (comment, &error);
  g_assert_null (users);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

/* The site's zone, in which scheduled dates are chosen and shown. */
static void
test_time_zone (void)
{
  g_autoptr(JsonNode) named = load_fixture ("index-time-zone.json");
  g_autoptr(JsonNode) offset = load_fixture ("index-time-zone-offset.json");
  g_autoptr(JsonNode) index = load_fixture ("index.json");
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) noon_utc = g_date_time_new_utc (2023, 11, 15, 5, 0, 0);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GError) error = NULL;

  zone = byline_wp_parse_time_zone (named, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Asia/Ho_Chi_Minh");
  local = g_date_time_to_timezone (noon_utc, zone);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 12);
  g_clear_pointer (&zone, g_time_zone_unref);
  g_clear_pointer (&local, g_date_time_unref);

  /* "UTC+5:30" in the settings: an offset, given as a string. */
  zone = byline_wp_parse_time_zone (offset, &error);
  g_assert_no_error (error);
  local = g_date_time_to_timezone (noon_utc, zone);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 30);
  g_clear_pointer (&zone, g_time_zone_unref);

  /* An index asked without the fields says nothing usable. */
  zone = byline_wp_parse_time_zone (index, &error);
  g_assert_null (zone);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

static void
test_error_bodies_and_mapping (void)
{
  const struct
  {
    const char  *fixture;
    guint        status;
    const char  *code;
    int          error;
  } cases[] = {
    { "error-not-logged-in.json", 401, "rest_not_logged_in", BYLINE_ERROR_AUTH },
    { "error-cannot-publish.json", 403, "rest_cannot_publish", BYLINE_ERROR_FORBIDDEN },
    { "error-contributor-upload.json", 403, "rest_cannot_create", BYLINE_ERROR_FORBIDDEN },
    /* Newer WordPress answers the same upload refusal with 400. */
    { "error-contributor-upload.json", 400, "rest_cannot_create", BYLINE_ERROR_FORBIDDEN },
    { "error-invalid-id.json", 404, "rest_post_invalid_id", BYLINE_ERROR_NOT_FOUND },
    { "error-term-exists.json", 400, "term_exists", BYLINE_ERROR_CONFLICT },
    { "error-rest-disabled.json", 401, "rest_cannot_access", BYLINE_ERROR_AUTH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = load_fixture (cases[i].fixture);
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GError) error = NULL;
      gint64 term_id = -1;

      g_assert_true (byline_wp_parse_error (node, &code, &message, &term_id));
      g_assert_cmpstr (code, ==, cases[i].code);
      g_assert_cmpint (term_id, ==, g_str_equal (code, "term_exists") ? 2 : 0);

      error = byline_http_error_new (cases[i].status, NULL, code, message);
      g_assert_error (error, BYLINE_ERROR, cases[i].error);
      /* WordPress's own words, for the UI to show. */
      g_assert_cmpstr (error->message, ==, message);
    }
}

static void
test_status_mapping (void)
{
  const struct
  {
    guint        status;
    const char  *code;
    int          error;
  } cases[] = {
    { 401, NULL, BYLINE_ERROR_AUTH },
    { 401, "rest_cannot_create", BYLINE_ERROR_AUTH },       /* anonymous create */
    { 403, NULL, BYLINE_ERROR_FORBIDDEN },
    { 403, "rest_forbidden_context", BYLINE_ERROR_FORBIDDEN },
    { 403, "rest_comment_closed", BYLINE_ERROR_FORBIDDEN },
    { 404, NULL, BYLINE_ERROR_NOT_FOUND },
    { 404, "rest_no_route", BYLINE_ERROR_NOT_FOUND },
    { 410, "rest_already_trashed", BYLINE_ERROR_NOT_FOUND },
    { 409, "comment_duplicate", BYLINE_ERROR_CONFLICT },
    { 413, NULL, BYLINE_ERROR_TOO_LARGE },
    { 413, "rest_upload_unknown_error", BYLINE_ERROR_TOO_LARGE },
    { 400, "rest_invalid_param", BYLINE_ERROR_INVALID_INPUT },
    { 400, "rest_upload_invalid_disposition", BYLINE_ERROR_INVALID_INPUT },
    { 400, "comment_flood", BYLINE_ERROR_INVALID_INPUT },
    { 500, "rest_upload_sideload_error", BYLINE_ERROR_INVALID_INPUT },
    { 501, "rest_trash_not_supported", BYLINE_ERROR_INVALID_INPUT },
    { 500, NULL, BYLINE_ERROR_SERVER },
    { 500, "rest_upload_unknown_error", BYLINE_ERROR_SERVER },
    { 502, NULL, BYLINE_ERROR_SERVER },
    { 503, NULL, BYLINE_ERROR_SERVER },
    { 504, NULL, BYLINE_ERROR_TIMEOUT },
    { 418, NULL, BYLINE_ERROR_INVALID_INPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = byline_http_error_new (cases[i].status, NULL, cases[i].code, NULL);

      g_test_message ("HTTP %u %s", cases[i].status, cases[i].code);
      g_assert_error (error, BYLINE_ERROR, cases[i].error);
      /* Without a WordPress message, the status stands in. */
      g_assert_true (g_str_has_prefix (error->message, "HTTP "));
    }
}

static void
test_transport_mapping (void)
{
  const struct
  {
    GQuark       domain;
    int          code;
    gboolean     sent;
    int          error;
  } cases[] = {
    { 0 /* G_IO_ERROR */, G_IO_ERROR_TIMED_OUT, FALSE, BYLINE_ERROR_TIMEOUT },
    { 0, G_IO_ERROR_TIMED_OUT, TRUE, BYLINE_ERROR_UNKNOWN_OUTCOME },
    { 0, G_IO_ERROR_CONNECTION_REFUSED, FALSE, BYLINE_ERROR_NETWORK },
    { 0, G_IO_ERROR_PARTIAL_INPUT, TRUE, BYLINE_ERROR_UNKNOWN_OUTCOME },
    { 0, G_IO_ERROR_CANCELLED, TRUE, BYLINE_ERROR_CANCELLED },
    { 1 /* G_RESOLVER_ERROR */, G_RESOLVER_ERROR_NOT_FOUND, FALSE, BYLINE_ERROR_NETWORK },
    { 2 /* G_TLS_ERROR */, G_TLS_ERROR_BAD_CERTIFICATE, FALSE, BYLINE_ERROR_TLS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? G_IO_ERROR
                    : cases[i].domain == 1 ? G_RESOLVER_ERROR : G_TLS_ERROR;
      g_autoptr(GError) cause = g_error_new_literal (domain, cases[i].code, "cause");
      g_autoptr(GError) error = byline_http_error_from_transport (cause, cases[i].sent);

      g_assert_error (error, BYLINE_ERROR, cases[i].error);
    }
}

static void
test_malformed_json (void)
{
  g_autofree char *deep = NULL;
  g_autoptr(JsonNode) ok = NULL;
  const char *bad[] = { "", "   ", "{", "<!DOCTYPE html><html>", "{\"id\": 1,}", "\xff\xfe" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_string (bad[i], &error);

      g_assert_null (node);
      g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
      g_clear_error (&error);
    }

  /* Nesting that would recurse json-glib a million times deep. */
  deep = g_strnfill (1000000, '[');
  {
    g_autoptr(JsonNode) node = parse_string (deep, &error);

    g_assert_null (node);
    g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
    g_clear_error (&error);
  }

  /* Brackets inside strings do not count. */
  {
    g_autofree char *brackets = g_strnfill (500, '[');
    g_autofree char *json = g_strdup_printf ("{\"title\": \"%s\\\"[\"}", brackets);
    g_autoptr(JsonNode) node = parse_string (json, &error);

    g_assert_no_error (error);
    g_assert_nonnull (node);
  }

  ok = parse_string ("\xef\xbb\xbf{\"id\": 1}", &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (ok));
}

static void
test_post_changes_json (void)
{
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(BylinePortalPostChanges) nothing = byline_portal_post_changes_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autofree char *json = NULL;
  g_autofree char *empty_json = NULL;
  gint64 tag = 7;

  changes->title = g_strdup ("Tiêu đề");
  changes->status = BYLINE_PORTAL_POST_STATUS_FUTURE;
  changes->date_gmt = g_date_time_new_utc (2023, 11, 15, 1, 30, 0);
  changes->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (changes->tags, tag);
  changes->featured_media = 0;

  node = byline_wp_post_changes_to_json (changes);
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"title\":\"Tiêu đề\",\"status\":\"future\","
                   "\"date_gmt\":\"2023-11-15T01:30:00\",\"tags\":[7],\"featured_media\":0}");

  /* Nothing set, nothing sent: an update never clears what it did not touch. */
  empty = byline_wp_post_changes_to_json (nothing);
  empty_json = json_to_string (empty, FALSE);
  g_assert_cmpstr (empty_json, ==, "{}");
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) date = byline_wp_parse_date_gmt ("2023-11-15T01:30:00");
  g_autoptr(GTimeZone) hanoi = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *formatted = NULL;

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 0);
  g_assert_null (byline_wp_parse_date_gmt (NULL));
  g_assert_null (byline_wp_parse_date_gmt ("0000-00-00T00:00:00"));
  g_assert_null (byline_wp_parse_date_gmt ("hôm qua"));

  /* Scheduling from a Vietnamese office: 08:30 in Hà Nội is 01:30 GMT. */
  if (hanoi != NULL)
    {
      local = g_date_time_new (hanoi, 2023, 11, 15, 8, 30, 0);
      formatted = byline_wp_format_date_gmt (local);
      g_assert_cmpstr (formatted, ==, "2023-11-15T01:30:00");
    }
}

static void
test_build_url (void)
{
  const char *posts[] = { "status", "draft,pending", "search", "giảm nghèo & việc làm", NULL };
  const struct
  {
    const char         *root;
    const char         *route;
    const char * const *query;
    const char         *expected;
  } cases[] = {
    { "https://portal.example.vn/wp-json/", "wp/v2/users/me", NULL,
      "https://portal.example.vn/wp-json/wp/v2/users/me" },
    { "https://portal.example.vn/tin/wp-json/", "wp/v2/posts", posts,
      "https://portal.example.vn/tin/wp-json/wp/v2/posts?status=draft%2Cpending"
      "&search=gi%E1%BA%A3m%20ngh%C3%A8o%20%26%20vi%E1%BB%87c%20l%C3%A0m" },
    { "https://portal.example.vn/?rest_route=/", "wp/v2/posts/12", NULL,
      "https://portal.example.vn/?rest_route=/wp/v2/posts/12" },
    { "http://127.0.0.1:18081/?rest_route=/", "wp/v2/posts", posts,
      "http://127.0.0.1:18081/?rest_route=/wp/v2/posts&status=draft%2Cpending"
      "&search=gi%E1%BA%A3m%20ngh%C3%A8o%20%26%20vi%E1%BB%87c%20l%C3%A0m" },
    { "https://portal.example.vn/index.php?lang=vi&rest_route=/", "wp/v2/tags", NULL,
      "https://portal.example.vn/index.php?lang=vi&rest_route=/wp/v2/tags" },
    { "https://portal.example.vn/wp-json/", "", NULL, "https://portal.example.vn/wp-json/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = byline_wp_build_url (cases[i].root, cases[i].route, cases[i].query);

      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static void
test_normalize_address (void)
{
  const struct
  {
    const char  *typed;
    const char  *expected;
    int          error;
  } cases[] = {
    { "portal.example.vn", "https://portal.example.vn/", 0 },
    { "  Portal.Example.VN/tin-tuc  ", "https://portal.example.vn/tin-tuc/", 0 },
    { "https://portal.example.vn/wp-json/", "https://portal.example.vn/", 0 },
    { "https://portal.example.vn/wp-json/wp/v2/posts?x=1", "https://portal.example.vn/", 0 },
    { "https://portal.example.vn/?rest_route=/", "https://portal.example.vn/", 0 },
    { "https://portal.example.vn/index.php", "https://portal.example.vn/", 0 },
    { "https://portal.example.vn:443/", "https://portal.example.vn/", 0 },
    { "https://portal.example.vn:8443", "https://portal.example.vn:8443/", 0 },
    { "127.0.0.1:18081", "http://127.0.0.1:18081/", 0 },
    { "localhost/wordpress", "http://localhost/wordpress/", 0 },
    { "http://[::1]:8080/", "http://[::1]:8080/", 0 },
    { "http://portal.example.vn", NULL, BYLINE_ERROR_INSECURE },
    { "http://192.168.1.10/", NULL, BYLINE_ERROR_INSECURE },
    { "ftp://portal.example.vn", NULL, BYLINE_ERROR_INVALID_INPUT },
    { "", NULL, BYLINE_ERROR_INVALID_INPUT },
    { "https://", NULL, BYLINE_ERROR_INVALID_INPUT },
    { "cổng thông tin", NULL, BYLINE_ERROR_INVALID_INPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = byline_wp_normalize_address (cases[i].typed, &error);

      g_test_message ("“%s”", cases[i].typed);
      if (cases[i].expected != NULL)
        {
          g_autofree char *string = NULL;

          g_assert_no_error (error);
          string = g_uri_to_string (uri);
          g_assert_cmpstr (string, ==, cases[i].expected);
        }
      else
        {
          g_assert_null (uri);
          g_assert_error (error, BYLINE_ERROR, cases[i].error);
        }
    }
}

static void
test_api_link (void)
{
  const struct
  {
    const char *header;
    const char *expected;
  } cases[] = {
    { "<https://portal.example.vn/wp-json/>; rel=\"https://api.w.org/\"",
      "https://portal.example.vn/wp-json/" },
    { "<https://portal.example.vn/?p=12>; rel=shortlink, "
      "<https://portal.example.vn/wp-json/wp/v2/pages/12>; rel=\"alternate\"; type=\"application/json\", "
      "<https://portal.example.vn/wp-json/>; rel=\"https://api.w.org/\"",
      "https://portal.example.vn/wp-json/" },
    { "<https://portal.example.vn/?rest_route=/>; rel=https://api.w.org/",
      "https://portal.example.vn/?rest_route=/" },
    { "<https://portal.example.vn/feed/>; rel=\"alternate\"", NULL },
    { "garbage <", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = byline_wp_find_api_link (cases[i].header);

      g_assert_cmpstr (root, ==, cases[i].expected);
    }
}

static void
test_loopback_and_schemes (void)
{
  const struct
  {
    const char *uri;
    gboolean    allowed;
  } cases[] = {
    { "https://portal.example.vn/", TRUE },
    { "http://127.0.0.1:18081/", TRUE },
    { "http://127.1.2.3/", TRUE },
    { "http://localhost/", TRUE },
    { "http://wp.localhost/", TRUE },
    { "http://[::1]/", TRUE },
    { "http://portal.example.vn/", FALSE },
    { "http://10.0.0.1/", FALSE },
    { "http://127.0.0.1.example.vn/", FALSE },
    { "http://localhost.example.vn/", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (cases[i].uri, G_URI_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (uri);
      g_assert_cmpint (byline_http_check_uri (uri, &error), ==, cases[i].allowed);
      if (!cases[i].allowed)
        g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INSECURE);
    }
}

static void
test_same_origin (void)
{
  g_autoptr(GUri) a = g_uri_parse ("https://portal.example.vn/wp-json/", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) b = g_uri_parse ("https://PORTAL.example.vn:443/x", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) c = g_uri_parse ("https://cdn.example.vn/wp-json/", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) d = g_uri_parse ("http://portal.example.vn/wp-json/", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) e = g_uri_parse ("https://portal.example.vn:8443/", G_URI_FLAGS_NONE, NULL);

  g_assert_true (byline_http_same_origin (a, b));
  g_assert_false (byline_http_same_origin (a, c));
  g_assert_false (byline_http_same_origin (a, d));
  g_assert_false (byline_http_same_origin (a, e));
}

static void
test_session_factory (void)
{
  g_autoptr(SoupSession) session = byline_http_session_new (0);
  g_autoptr(SoupSession) quick = byline_http_session_new (2);

  g_assert_cmpuint (soup_session_get_timeout (session), ==, BYLINE_HTTP_DEFAULT_TIMEOUT);
  g_assert_cmpuint (soup_session_get_timeout (quick), ==, 2);
  g_assert_true (g_str_has_prefix (soup_session_get_user_agent (session), "Byline/"));
  g_assert_false (soup_session_has_feature (session, SOUP_TYPE_AUTH_MANAGER));
}

static void
test_auth_url (void)
{
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(BylinePortalSite) bare = byline_portal_site_new ();
  g_autofree char *url = NULL;
  g_autofree char *none = NULL;
  g_autoptr(GError) error = NULL;

  site->authorization_url = g_strdup ("https://portal.example.vn/wp-admin/authorize-application.php");
  url = byline_wp_auth_build_url (site, "Byline (máy tòa soạn)", "abc123", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==,
                   "https://portal.example.vn/wp-admin/authorize-application.php"
                   "?app_name=Byline%20%28m%C3%A1y%20t%C3%B2a%20so%E1%BA%A1n%29"
                   "&app_id=" BYLINE_WP_AUTH_APP_ID
                   "&success_url=io.github.bylineapp.byline%3A%2F%2Fauth%2Fcallback%3Fstate%3Dabc123");

  none = byline_wp_auth_build_url (bare, "Byline", "abc123", &error);
  g_assert_null (none);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NO_APP_PASSWORDS);
}

static void
test_auth_callback (void)
{
  g_autoptr(BylineWpAuthReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad[] = {
    "https://evil.example/auth/callback?state=s&user_login=a&password=b",
    "io.github.bylineapp.byline://auth/callbackX?state=s&user_login=a&password=b",
    "io.github.bylineapp.byline://auth/callback?state=s&user_login=a",
    "io.github.bylineapp.byline://auth/callback?user_login=a&password=b",
  };

  reply = byline_wp_auth_parse_callback ("io.github.bylineapp.byline://auth/callback?state=s1"
                                         "&site_url=https%3A%2F%2Fportal.example.vn"
                                         "&user_login=c%E1%BA%A9m.v%C3%A2n"
                                         "&password=AbCd%20EfGh%20IjKl", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply->state, ==, "s1");
  g_assert_cmpstr (reply->site_url, ==, "https://portal.example.vn");
  g_assert_cmpstr (reply->user_login, ==, "cẩm.vân");
  g_assert_cmpstr (reply->password, ==, "AbCd EfGh IjKl");
  g_clear_pointer (&reply, byline_wp_auth_reply_free);

  reply = byline_wp_auth_parse_callback ("io.github.bylineapp.byline://auth/callback?state=s1"
                                         "&success=false", &error);
  g_assert_null (reply);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      reply = byline_wp_auth_parse_callback (bad[i], &error);
      g_assert_null (reply);
      g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-json/site/index", test_site_index);
  g_test_add_func ("/wp-json/site/refusals", test_site_refusals);
  g_test_add_func ("/wp-json/user/roles-and-caps", test_user_roles_and_caps);
  g_test_add_func ("/wp-json/user/without-edit-context", test_user_without_edit_context);
  g_test_add_func ("/wp-json/post/created", test_post_created);
  g_test_add_func ("/wp-json/post/list", test_posts_list);
  g_test_add_func ("/wp-json/post/odd-types", test_post_odd_types);
  g_test_add_func ("/wp-json/post/changes", test_post_changes_json);
  g_test_add_func ("/wp-json/media", test_media);
  g_test_add_func ("/wp-json/media-by-slug", test_media_by_slug);
  g_test_add_func ("/wp-json/post-as-article", test_post_as_article);
  g_test_add_func ("/wp-json/terms/tree", test_terms_tree);
  g_test_add_func ("/wp-json/terms/tree-cycles-and-orphans", test_terms_tree_cycles_and_orphans);
  g_test_add_func ("/wp-json/comments", test_comments);
  g_test_add_func ("/wp-json/users/authors", test_users_authors);
  g_test_add_func ("/wp-json/site/time-zone", test_time_zone);
  g_test_add_func ("/wp-json/errors/bodies-and-mapping", test_error_bodies_and_mapping);
  g_test_add_func ("/wp-json/errors/status-mapping", test_status_mapping);
  g_test_add_func ("/wp-json/errors/transport-mapping", test_transport_mapping);
  g_test_add_func ("/wp-json/malformed", test_malformed_json);
  g_test_add_func ("/wp-json/dates", test_dates);
  g_test_add_func ("/wp-json/build-url", test_build_url);
  g_test_add_func ("/wp-json/normalize-address", test_normalize_address);
  g_test_add_func ("/wp-json/api-link", test_api_link);
  g_test_add_func ("/wp-auth/url", test_auth_url);
  g_test_add_func ("/wp-auth/callback", test_auth_callback);
  g_test_add_func ("/http/loopback-and-schemes", test_loopback_and_schemes);
  g_test_add_func ("/http/same-origin", test_same_origin);
  g_test_add_func ("/http/session-factory", test_session_factory);

  return g_test_run ();
}
