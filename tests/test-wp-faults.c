/* test-wp-faults.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fault injection: a SoupServer (in its own thread) plays a broken or
 * hostile portal, and each failure must come back as the right
 * BYLINE_ERROR with nothing half-done, the client still usable. The real
 * WordPress is exercised by test-wp-portal; this cannot replace it.
 */

#include "config.h"

#include "byline-error.h"
#include "byline-http.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

#define USER_JSON "{\"id\":3,\"username\":\"author\",\"name\":\"Cẩm Vân\",\"roles\":[\"author\"]," \
                  "\"capabilities\":{\"edit_posts\":true,\"upload_files\":true}}"
#define HTML_500 "<!DOCTYPE html><html><head><title>WordPress &rsaquo; Error</title></head>" \
                 "<body><p>There has been a critical error on this website.</p></body></html>"

/* What a fake portal saw, read by the test after the request. */
typedef struct
{
  GMutex  lock;
  guint   hits;
  char   *authorization;
  char   *path;
  int     mode;
  int     done;
} Seen;

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->authorization, g_free);
  g_clear_pointer (&seen->path, g_free);
}

static guint
seen_record (Seen              *seen,
             SoupServerMessage *message)
{
  guint hits;

  g_mutex_lock (&seen->lock);
  hits = ++seen->hits;
  g_free (seen->authorization);
  seen->authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "Authorization"));
  g_free (seen->path);
  seen->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (message)));
  g_mutex_unlock (&seen->lock);

  return hits;
}

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

typedef struct
{
  BylineTestServer *server;
  SoupSession      *session;
  BylinePortal     *portal;
  Seen              seen;
} Fixture;

static void
fixture_start (Fixture            *fixture,
               SoupServerCallback  handler,
               int                 mode,
               guint               timeout)
{
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();

  fixture->seen.mode = mode;
  fixture->server = byline_test_server_new (NULL);
  byline_test_server_add_handler (fixture->server, "/", handler, &fixture->seen);
  byline_test_server_start (fixture->server);

  fixture->session = byline_http_session_new (timeout);
  site->rest_root = byline_test_server_url (fixture->server, "/wp-json/");
  fixture->portal = BYLINE_PORTAL (byline_wp_portal_new (fixture->session, site, "author",
                                                         "abcd efgh ijkl mnop qrst uvwx"));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_mutex_init (&fixture->seen.lock);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->portal);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, byline_test_server_free);
  seen_clear (&fixture->seen);
  g_mutex_clear (&fixture->seen.lock);
}

static BylinePortalUser *
get_user (Fixture  *fixture,
          GError  **error)
{
  return RUN (byline_portal_get_user_async (fixture->portal, NULL, byline_test_store_result,
                                            &_result),
              byline_portal_get_user_finish, fixture->portal, _result, error);
}

static BylinePortalPost *
create_post (Fixture  *fixture,
             GError  **error)
{
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();

  changes->title = g_strdup ("Tin bài");
  changes->status = BYLINE_PORTAL_POST_STATUS_DRAFT;

  return RUN (byline_portal_create_post_async (fixture->portal, changes, NULL,
                                               byline_test_store_result, &_result),
              byline_portal_post_finish, fixture->portal, _result, error);
}

/* After a failure the same portal object must work again. */
static void
assert_still_usable (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BylinePortalUser) user = get_user (fixture, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (user->name, ==, "Cẩm Vân");
}

/* Timeouts */

enum { SLOW_FIRST = 1, SLOW_ALWAYS };

static void
slow_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Seen *seen = user_data;
  guint hits = seen_record (seen, message);

  if (seen->mode == SLOW_ALWAYS || hits == 1)
    byline_test_server_respond_later (message, 4000, SOUP_STATUS_OK, "application/json",
                                      USER_JSON);
  else
    respond (message, SOUP_STATUS_OK, "application/json", USER_JSON);
}

static void
test_timeout_get (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  fixture_start (fixture, slow_handler, SLOW_FIRST, 1);

  start = g_get_monotonic_time ();
  user = get_user (fixture, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT);
  /* The session's timeout, not the server's 4 s. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3500 * 1000);

  assert_still_usable (fixture);
}

static void
test_timeout_post_outcome_unknown (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, slow_handler, SLOW_FIRST, 1);

  /* The post may have been created: the caller must check, not retry. */
  post = create_post (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME);

  assert_still_usable (fixture);
}

static void
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
}

static void
test_cancel_while_waiting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  fixture_start (fixture, slow_handler, SLOW_ALWAYS, 30);

  g_timeout_add_once (200, cancel_cb, cancellable);
  start = g_get_monotonic_time ();
  user = RUN (byline_portal_get_user_async (fixture->portal, cancellable,
                                            byline_test_store_result, &_result),
              byline_portal_get_user_finish, fixture->portal, _result, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2000 * 1000);
}

/* Broken answers */

enum
{
  BROKEN_CLOSED_MID_BODY = 1,
  BROKEN_HTML_500,
  BROKEN_MALFORMED,
  BROKEN_DEEP,
  BROKEN_WRONG_TYPE,
  BROKEN_EMPTY_200,
  BROKEN_403,
  BROKEN_401,
  BROKEN_502_PROXY,
};

static void
broken_handler (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Seen *seen = user_data;
  guint hits = seen_record (seen, message);

  /* Every second request is a good one, to show recovery. */
  if (hits > 1)
    {
      respond (message, SOUP_STATUS_OK, "application/json", USER_JSON);
      return;
    }

  switch (seen->mode)
    {
    case BROKEN_CLOSED_MID_BODY:
      byline_test_server_respond_raw (message,
                                      "HTTP/1.1 200 OK\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Content-Length: 4000\r\n"
                                      "\r\n"
                                      "{\"id\":3,\"username\":\"author\",\"na", -1);
      break;
    case BROKEN_HTML_500:
      respond (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html", HTML_500);
      break;
    case BROKEN_MALFORMED:
      respond (message, SOUP_STATUS_OK, "application/json", "{\"id\":3,\"username\":");
      break;
    case BROKEN_DEEP:
      {
        g_autofree char *deep = g_strnfill (200000, '[');

        respond (message, SOUP_STATUS_OK, "application/json", deep);
      }
      break;
    case BROKEN_WRONG_TYPE:
      /* A login page or captive portal in front of the site. */
      respond (message, SOUP_STATUS_OK, "text/html; charset=UTF-8",
               "<html><body><form action=\"/login\">Đăng nhập</form></body></html>");
      break;
    case BROKEN_EMPTY_200:
      respond (message, SOUP_STATUS_OK, "application/json", "");
      break;
    case BROKEN_403:
      respond (message, SOUP_STATUS_FORBIDDEN, "application/json; charset=UTF-8",
               "{\"code\":\"rest_cannot_create\",\"message\":\"Xin lỗi, bạn không được phép.\","
               "\"data\":{\"status\":403}}");
      break;
    case BROKEN_401:
      respond (message, SOUP_STATUS_UNAUTHORIZED, "application/json",
               "{\"code\":\"rest_not_logged_in\",\"message\":\"You are not currently logged in.\","
               "\"data\":{\"status\":401}}");
      break;
    case BROKEN_502_PROXY:
      respond (message, SOUP_STATUS_BAD_GATEWAY, "text/html",
               "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_broken_get (Fixture       *fixture,
                 gconstpointer  data)
{
  const int *expected = data;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, broken_handler, expected[0], 5);

  user = get_user (fixture, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, expected[1]);
  g_test_message ("%s", error->message);

  assert_still_usable (fixture);
}

static void
test_closed_mid_body_post (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, broken_handler, BROKEN_CLOSED_MID_BODY, 5);

  post = create_post (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME);

  assert_still_usable (fixture);
}

static void
test_wordpress_messages_kept (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, broken_handler, BROKEN_403, 5);

  /* The site's own (here Vietnamese) words reach the UI. */
  user = get_user (fixture, &error);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Xin lỗi, bạn không được phép.");
}

static void
huge_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  g_autoptr(GIOStream) stream = NULL;
  GOutputStream *out;
  g_autofree char *chunk = NULL;
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Connection: close\r\n\r\n[";

  seen_record (user_data, message);

  /* 64 MB of a JSON array, sent until the client hangs up. */
  stream = soup_server_message_steal_connection (message);
  out = g_io_stream_get_output_stream (stream);
  chunk = g_strnfill (64 * 1024, '1');
  for (gsize i = 1; i < 64 * 1024; i += 2)
    chunk[i] = ',';
  if (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL))
    for (guint i = 0; i < 1024; i++)
      if (!g_output_stream_write_all (out, chunk, 64 * 1024, NULL, NULL, NULL))
        break;
  g_io_stream_close (stream, NULL, NULL);

  g_atomic_int_set (&((Seen *) user_data)->done, TRUE);
}

static gboolean
server_done (gpointer data)
{
  return g_atomic_int_get (&((Seen *) data)->done);
}

static gboolean
wait_for_server_done (Seen *seen)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!server_done (seen) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return server_done (seen);
}

static void
test_huge_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, huge_handler, 0, 10);

  user = get_user (fixture, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "larger than"));

  /* The client hangs up rather than reading the rest: the server's
   * endless write fails once the connection is gone. */
  g_assert_true (wait_for_server_done (&fixture->seen));
}

/* Redirects: credentials never leave the portal's origin */

static Seen other_host_seen;
static guint other_host_port;

static void
other_host_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  seen_record (user_data, message);
  respond (message, SOUP_STATUS_OK, "application/json", USER_JSON);
}

enum { REDIRECT_OTHER_HOST = 1, REDIRECT_SAME_ORIGIN, REDIRECT_TO_PLAIN_HTTP };

static void
redirect_handler (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Seen *seen = user_data;
  g_autofree char *location = NULL;

  seen_record (seen, message);

  if (g_str_has_prefix (path, "/moved/"))
    {
      respond (message, SOUP_STATUS_OK, "application/json", USER_JSON);
      return;
    }

  if (seen->mode == REDIRECT_OTHER_HOST)
    /* "localhost" is another host than "127.0.0.1", though both loop back. */
    location = g_strdup_printf ("http://localhost:%u%s", other_host_port, path);
  else if (seen->mode == REDIRECT_SAME_ORIGIN)
    location = g_strconcat ("/moved", path, NULL);
  else
    location = g_strdup ("http://portal.example.vn/wp-json/wp/v2/users/me");

  soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, location);
}

static void
start_other_host (BylineTestServer **other)
{
  g_mutex_init (&other_host_seen.lock);
  other_host_seen.hits = 0;
  *other = byline_test_server_new (NULL);
  byline_test_server_add_handler (*other, "/", other_host_handler, &other_host_seen);
  byline_test_server_start (*other);
  other_host_port = byline_test_server_port (*other);
}

static void
stop_other_host (BylineTestServer *other)
{
  byline_test_server_free (other);
  seen_clear (&other_host_seen);
  g_mutex_clear (&other_host_seen.lock);
}

static void
test_redirect_other_host (Fixture       *fixture,
                          gconstpointer  data)
{
  BylineTestServer *other = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  start_other_host (&other);
  fixture_start (fixture, redirect_handler, REDIRECT_OTHER_HOST, 5);

  user = get_user (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->seen.hits, ==, 1);
  g_assert_nonnull (fixture->seen.authorization);
  g_assert_true (g_str_has_prefix (fixture->seen.authorization, "Basic "));
  /* The other host was asked, without the application password. */
  g_assert_cmpuint (other_host_seen.hits, ==, 1);
  g_assert_null (other_host_seen.authorization);

  /* A request that changes something is never re-sent elsewhere. */
  post = create_post (fixture, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK);
  g_assert_cmpuint (other_host_seen.hits, ==, 1);

  stop_other_host (other);
}

static void
test_redirect_same_origin (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, redirect_handler, REDIRECT_SAME_ORIGIN, 5);

  user = get_user (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->seen.hits, ==, 2);
  g_assert_cmpstr (fixture->seen.path, ==, "/moved/wp-json/wp/v2/users/me");
  g_assert_nonnull (fixture->seen.authorization);
}

static void
test_redirect_to_plain_http (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  fixture_start (fixture, redirect_handler, REDIRECT_TO_PLAIN_HTTP, 5);

  user = get_user (fixture, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INSECURE);
}

/* Uploads refused by size */

static void
too_large_handler (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Seen *seen = user_data;
  guint hits = seen_record (seen, message);

  if (hits == 1)
    respond (message, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "text/html",
             "<html><head><title>413 Request Entity Too Large</title></head>"
             "<body><center><h1>413 Request Entity Too Large</h1></center></body></html>");
  else
    respond (message, SOUP_STATUS_CREATED, "application/json",
             "{\"id\":9,\"title\":{\"raw\":\"Ảnh\"},\"caption\":{\"raw\":\"Chú thích\"},"
             "\"alt_text\":\"Mô tả\",\"mime_type\":\"image/jpeg\"}");
}

static void
test_upload_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content = g_strnfill (256 * 1024, 'x');

  fixture_start (fixture, too_large_handler, 0, 10);

  file = g_file_new_tmp ("byline-XXXXXX.jpg", &io, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (io)), content,
                             strlen (content), NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (io), NULL, NULL);

  media = RUN (byline_portal_upload_media_async (fixture->portal, file, "Ảnh", "Chú thích",
                                                 "Mô tả", NULL, NULL, NULL, NULL,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, fixture->portal, _result, &error);
  g_assert_null (media);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The same file can be sent again. */
  media = RUN (byline_portal_upload_media_async (fixture->portal, file, "Ảnh", "Chú thích",
                                                 "Mô tả", NULL, NULL, NULL, NULL,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, fixture->portal, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (media->id, ==, 9);
  g_assert_cmpstr (media->caption, ==, "Chú thích");

  g_file_delete (file, NULL, NULL);
}

/* TLS and DNS */

static void
test_tls_untrusted (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "tls", "self-signed.pem",
                                                NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = byline_http_session_new (5);
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(BylineWpPortal) portal = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(BylinePortalSite) found = NULL;
  g_autofree char *url = NULL;
  BylineTestServer *server;
  Seen seen = { 0 };

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);

  g_mutex_init (&seen.lock);
  server = byline_test_server_new (certificate);
  byline_test_server_add_handler (server, "/", other_host_handler, &seen);
  byline_test_server_start (server);

  site->rest_root = byline_test_server_url (server, "/wp-json/");
  portal = byline_wp_portal_new (session, site, "author", "secret");
  user = RUN (byline_portal_get_user_async (BYLINE_PORTAL (portal), NULL,
                                            byline_test_store_result, &_result),
              byline_portal_get_user_finish, BYLINE_PORTAL (portal), _result, &error);
  g_assert_null (user);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TLS);
  g_clear_error (&error);
  /* No bypass: the request never reached the handler. */
  g_assert_cmpuint (seen.hits, ==, 0);

  url = byline_test_server_url (server, "/");
  found = RUN (byline_wp_portal_discover_async (session, url, NULL, byline_test_store_result,
                                                &_result),
               byline_wp_portal_discover_finish, _result, &error);
  g_assert_null (found);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TLS);

  byline_test_server_free (server);
  seen_clear (&seen);
  g_mutex_clear (&seen.lock);
}

static void
test_dns_failure (void)
{
  g_autoptr(SoupSession) session = byline_http_session_new (15);
  g_autoptr(BylinePortalSite) found = NULL;
  g_autoptr(GError) error = NULL;

  /* .invalid never resolves (RFC 6761). */
  found = RUN (byline_wp_portal_discover_async (session, "cong-thong-tin.byline-test.invalid",
                                                NULL, byline_test_store_result, &_result),
               byline_wp_portal_discover_finish, _result, &error);
  g_assert_null (found);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK);
}

/* Discovery against sites that are not (usable) WordPress */

enum
{
  SITE_NOT_WORDPRESS = 1,
  SITE_REST_DISABLED,
  SITE_NO_APP_PASSWORDS,
  SITE_PLAIN_PERMALINKS,
  SITE_LINK_HEADER,
  SITE_WORDPRESS_NO_API,
};

static char *
fixture_text (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "wp", name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  return text;
}

static void
site_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Seen *seen = user_data;
  const char *rest_route = query != NULL ? g_hash_table_lookup (query, "rest_route") : NULL;
  gboolean is_index = g_str_equal (path, "/wp-json/") || g_str_equal (path, "/api/") ||
                      rest_route != NULL;

  seen_record (seen, message);

  if (!is_index)
    {
      if (g_str_equal (path, "/") && seen->mode == SITE_LINK_HEADER)
        soup_message_headers_append (soup_server_message_get_response_headers (message), "Link",
                                     "<http://127.0.0.1:1/feed/>; rel=\"alternate\", "
                                     "</api/>; rel=\"https://api.w.org/\"");
      if (g_str_equal (path, "/"))
        respond (message, SOUP_STATUS_OK, "text/html",
                 seen->mode == SITE_WORDPRESS_NO_API
                   ? "<html><link rel='stylesheet' href='/wp-content/themes/x/style.css'></html>"
                   : "<html><body>Trang chủ UBND huyện</body></html>");
      else
        respond (message, SOUP_STATUS_NOT_FOUND, "text/html", "<h1>404</h1>");
      return;
    }

  switch (seen->mode)
    {
    case SITE_NOT_WORDPRESS:
    case SITE_WORDPRESS_NO_API:
      /* Many sites answer any path with their home page. */
      respond (message, g_str_equal (path, "/wp-json/") ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_OK,
               "text/html", "<html><body>Trang chủ</body></html>");
      break;
    case SITE_REST_DISABLED:
      {
        g_autofree char *json = fixture_text ("error-rest-disabled.json");

        respond (message, SOUP_STATUS_UNAUTHORIZED, "application/json", json);
      }
      break;
    case SITE_NO_APP_PASSWORDS:
      {
        g_autofree char *json = fixture_text ("index-no-app-passwords.json");

        respond (message, SOUP_STATUS_OK, "application/json", json);
      }
      break;
    case SITE_PLAIN_PERMALINKS:
    case SITE_LINK_HEADER:
      if (g_str_equal (path, "/wp-json/"))
        {
          respond (message, SOUP_STATUS_NOT_FOUND, "text/html", "<h1>404</h1>");
        }
      else
        {
          g_autofree char *json = fixture_text ("index.json");

          respond (message, SOUP_STATUS_OK, "application/json", json);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_discover_site (gconstpointer data)
{
  const int *expected = data;
  g_autoptr(SoupSession) session = byline_http_session_new (5);
  g_autoptr(BylinePortalSite) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  BylineTestServer *server;
  Seen seen = { 0 };

  g_mutex_init (&seen.lock);
  seen.mode = expected[0];
  server = byline_test_server_new (NULL);
  byline_test_server_add_handler (server, "/", site_handler, &seen);
  byline_test_server_start (server);

  address = g_strdup_printf ("127.0.0.1:%u", byline_test_server_port (server));
  found = RUN (byline_wp_portal_discover_async (session, address, NULL, byline_test_store_result,
                                                &_result),
               byline_wp_portal_discover_finish, _result, &error);

  if (expected[1] != 0)
    {
      g_assert_null (found);
      g_assert_error (error, BYLINE_ERROR, expected[1]);
      g_test_message ("%s", error->message);
    }
  else
    {
      g_autofree char *root = NULL;

      g_assert_no_error (error);
      if (expected[0] == SITE_LINK_HEADER)
        root = byline_test_server_url (server, "/api/");
      else
        root = byline_test_server_url (server, "/?rest_route=/");
      g_assert_cmpstr (found->rest_root, ==, root);
      g_assert_cmpstr (found->name, ==, "Cổng thông tin Byline");
    }

  byline_test_server_free (server);
  seen_clear (&seen);
  g_mutex_clear (&seen.lock);
}

/* A note that should be held but is not (a plugin approving comments, a
 * refused status change) must not be left on an article that may be
 * published: it is deleted and the creation fails. */
enum
{
  HOLD_REFUSED,
  HOLD_IGNORED,
};

typedef struct
{
  GMutex   lock;
  int      mode;
  GString *requests;
} CommentSeen;

static void
comment_handler (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  CommentSeen *seen = user_data;
  const char *method = soup_server_message_get_method (message);
  const char *approved = "{\"id\":7,\"post\":5,\"parent\":0,\"author\":3,"
                         "\"status\":\"approved\",\"content\":{\"raw\":\"GHI CHÚ\"}}";

  g_mutex_lock (&seen->lock);
  g_string_append_printf (seen->requests, "%s %s\n", method, path);
  g_mutex_unlock (&seen->lock);

  if (g_str_equal (path, "/wp-json/wp/v2/comments") && g_str_equal (method, "POST"))
    respond (message, 201, "application/json", approved);
  else if (g_str_equal (path, "/wp-json/wp/v2/comments/7") && g_str_equal (method, "POST"))
    {
      if (seen->mode == HOLD_REFUSED)
        respond (message, 403, "application/json",
                 "{\"code\":\"rest_cannot_edit\",\"message\":\"Sorry.\","
                 "\"data\":{\"status\":403}}");
      else
        respond (message, 200, "application/json", approved);
    }
  else if (g_str_equal (path, "/wp-json/wp/v2/comments/7") && g_str_equal (method, "DELETE"))
    respond (message, 200, "application/json", "{\"deleted\":true,\"previous\":{\"id\":7}}");
  else
    respond (message, 404, "application/json",
             "{\"code\":\"rest_no_route\",\"message\":\"No route.\",\"data\":{\"status\":404}}");
}

static void
test_comment_not_held (gconstpointer data)
{
  CommentSeen seen = { .mode = GPOINTER_TO_INT (data) };
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(SoupSession) session = byline_http_session_new (5);
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(BylinePortalComment) comment = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestServer *server;

  g_mutex_init (&seen.lock);
  seen.requests = g_string_new (NULL);
  server = byline_test_server_new (NULL);
  byline_test_server_add_handler (server, "/", comment_handler, &seen);
  byline_test_server_start (server);
  site->rest_root = byline_test_server_url (server, "/wp-json/");
  portal = BYLINE_PORTAL (byline_wp_portal_new (session, site, "author",
                                                "abcd efgh ijkl mnop qrst uvwx"));

  comment = RUN (byline_portal_create_comment_async (portal, 5, 0, "GHI CHÚ",
                                                     BYLINE_PORTAL_COMMENT_STATUS_HOLD, NULL,
                                                     byline_test_store_result, &_result),
                 byline_portal_comment_finish, portal, _result, &error);
  g_assert_null (comment);
  g_assert_nonnull (error);
  if (seen.mode == HOLD_REFUSED)
    g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN);

  g_mutex_lock (&seen.lock);
  g_assert_cmpstr (seen.requests->str, ==,
                   "POST /wp-json/wp/v2/comments\n"
                   "POST /wp-json/wp/v2/comments/7\n"
                   "DELETE /wp-json/wp/v2/comments/7\n");
  g_mutex_unlock (&seen.lock);

  g_clear_object (&portal);
  byline_test_server_free (server);
  g_string_free (seen.requests, TRUE);
  g_mutex_clear (&seen.lock);
}

static void
add_fixture_test (const char *path,
                  void (*func) (Fixture *, gconstpointer),
                  const int  *data)
{
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  static const int closed[] = { BROKEN_CLOSED_MID_BODY, BYLINE_ERROR_NETWORK };
  static const int html_500[] = { BROKEN_HTML_500, BYLINE_ERROR_SERVER };
  static const int proxy_502[] = { BROKEN_502_PROXY, BYLINE_ERROR_SERVER };
  static const int malformed[] = { BROKEN_MALFORMED, BYLINE_ERROR_PARSE };
  static const int deep[] = { BROKEN_DEEP, BYLINE_ERROR_PARSE };
  static const int wrong_type[] = { BROKEN_WRONG_TYPE, BYLINE_ERROR_PARSE };
  static const int empty[] = { BROKEN_EMPTY_200, BYLINE_ERROR_PARSE };
  static const int forbidden[] = { BROKEN_403, BYLINE_ERROR_FORBIDDEN };
  static const int unauthorized[] = { BROKEN_401, BYLINE_ERROR_AUTH };
  static const int not_wp[] = { SITE_NOT_WORDPRESS, BYLINE_ERROR_NOT_WORDPRESS };
  static const int wp_no_api[] = { SITE_WORDPRESS_NO_API, BYLINE_ERROR_NO_REST_API };
  static const int disabled[] = { SITE_REST_DISABLED, BYLINE_ERROR_NO_REST_API };
  static const int no_app[] = { SITE_NO_APP_PASSWORDS, BYLINE_ERROR_NO_APP_PASSWORDS };
  static const int plain[] = { SITE_PLAIN_PERMALINKS, 0 };
  static const int link[] = { SITE_LINK_HEADER, 0 };

  g_test_init (&argc, &argv, NULL);

  add_fixture_test ("/wp-faults/timeout/get", test_timeout_get, NULL);
  add_fixture_test ("/wp-faults/timeout/post-outcome-unknown", test_timeout_post_outcome_unknown,
                    NULL);
  add_fixture_test ("/wp-faults/cancel-while-waiting", test_cancel_while_waiting, NULL);
  add_fixture_test ("/wp-faults/closed-mid-body/get", test_broken_get, closed);
  add_fixture_test ("/wp-faults/closed-mid-body/post", test_closed_mid_body_post, NULL);
  add_fixture_test ("/wp-faults/html-500", test_broken_get, html_500);
  add_fixture_test ("/wp-faults/proxy-502", test_broken_get, proxy_502);
  add_fixture_test ("/wp-faults/malformed-json", test_broken_get, malformed);
  add_fixture_test ("/wp-faults/deep-json", test_broken_get, deep);
  add_fixture_test ("/wp-faults/huge-json", test_huge_answer, NULL);
  add_fixture_test ("/wp-faults/wrong-content-type", test_broken_get, wrong_type);
  add_fixture_test ("/wp-faults/empty-answer", test_broken_get, empty);
  add_fixture_test ("/wp-faults/403", test_broken_get, forbidden);
  add_fixture_test ("/wp-faults/401", test_broken_get, unauthorized);
  add_fixture_test ("/wp-faults/wordpress-message-kept", test_wordpress_messages_kept, NULL);
  add_fixture_test ("/wp-faults/redirect/other-host", test_redirect_other_host, NULL);
  add_fixture_test ("/wp-faults/redirect/same-origin", test_redirect_same_origin, NULL);
  add_fixture_test ("/wp-faults/redirect/to-plain-http", test_redirect_to_plain_http, NULL);
  add_fixture_test ("/wp-faults/upload-413", test_upload_too_large, NULL);
  g_test_add_data_func ("/wp-faults/comment-not-held/refused", GINT_TO_POINTER (HOLD_REFUSED),
                        test_comment_not_held);
  g_test_add_data_func ("/wp-faults/comment-not-held/ignored", GINT_TO_POINTER (HOLD_IGNORED),
                        test_comment_not_held);
  g_test_add_func ("/wp-faults/tls-untrusted", test_tls_untrusted);
  g_test_add_func ("/wp-faults/dns-failure", test_dns_failure);
  g_test_add_data_func ("/wp-faults/discover/not-wordpress", not_wp, test_discover_site);
  g_test_add_data_func ("/wp-faults/discover/wordpress-without-api", wp_no_api,
                        test_discover_site);
  g_test_add_data_func ("/wp-faults/discover/rest-disabled", disabled, test_discover_site);
  g_test_add_data_func ("/wp-faults/discover/no-app-passwords", no_app, test_discover_site);
  g_test_add_data_func ("/wp-faults/discover/rest-route-fallback", plain, test_discover_site);
  g_test_add_data_func ("/wp-faults/discover/link-header", link, test_discover_site);

  return g_test_run ();
}
