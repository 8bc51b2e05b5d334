/* byline-test-core.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-test"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "byline-test-core.h"
#include "byline-wp-portal.h"

static gboolean
wait_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
byline_test_wait_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, wait_timeout_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_nonnull (*result);
}

void
byline_test_store_result (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* The test portal */

static const char *
object_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

BylineTestPortal *
byline_test_portal_get (char **why_not)
{
  static BylineTestPortal *portal;
  const char *path = g_getenv ("BYLINE_TEST_PORTAL");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  JsonObject *object;

  if (portal != NULL)
    return portal;

  if (path == NULL || *path == '\0')
    {
      *why_not = g_strdup ("no test portal: BYLINE_TEST_PORTAL is not set "
                           "(build-aux/dev test starts one)");
      return NULL;
    }

  if (!json_parser_load_from_file (parser, path, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      *why_not = g_strdup_printf ("no test portal: cannot read %s (%s)", path,
                                  error ? error->message : "not an object");
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  if (object_string (object, "base_url") == NULL)
    {
      *why_not = g_strdup_printf ("no test portal: %s has no base_url", path);
      return NULL;
    }

  /* The JSON outlives a stopped portal: make sure it answers. This sync
   * call talks to another process, not to this main context. */
  session = soup_session_new_with_options ("timeout", 10, NULL);
  url = g_strconcat (object_string (object, "base_url"), "/wp-json/?_fields=name", NULL);
  message = soup_message_new (SOUP_METHOD_GET, url);
  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL || soup_message_get_status (message) != SOUP_STATUS_OK)
    {
      *why_not = g_strdup_printf ("no test portal: %s does not answer (%s)", url,
                                  error ? error->message
                                        : soup_message_get_reason_phrase (message));
      return NULL;
    }

  portal = g_new0 (BylineTestPortal, 1);
  portal->root = json_parser_steal_root (parser);
  object = json_node_get_object (portal->root);
  portal->base_url = object_string (object, "base_url");
  portal->rest_url = object_string (object, "rest_url");
  portal->rest_url_plain = object_string (object, "rest_url_plain");
  portal->dir = object_string (object, "dir");

  return portal;
}

BylineTestPortal *
byline_test_portal_require (void)
{
  g_autofree char *why_not = NULL;
  BylineTestPortal *portal = byline_test_portal_get (&why_not);

  if (portal == NULL)
    {
      printf ("1..0 # SKIP %s\n", why_not);
      exit (0);
    }

  return portal;
}

static JsonObject *
portal_user (BylineTestPortal *portal,
             const char       *role)
{
  JsonObject *users = json_object_get_object_member (json_node_get_object (portal->root), "users");

  g_assert_nonnull (users);
  g_assert_true (json_object_has_member (users, role));

  return json_object_get_object_member (users, role);
}

/* @field: "login", "app_password", "password" or "display_name" */
const char *
byline_test_portal_user (BylineTestPortal *portal,
                         const char       *role,
                         const char       *field)
{
  const char *value = object_string (portal_user (portal, role), field);

  g_assert_nonnull (value);

  return value;
}

gint64
byline_test_portal_user_id (BylineTestPortal *portal,
                            const char       *role)
{
  return json_object_get_int_member (portal_user (portal, role), "id");
}

BylinePortalSite *
byline_test_portal_discover (BylineTestPortal *portal,
                             SoupSession      *session)
{
  g_autoptr(GError) error = NULL;
  BylinePortalSite *site;

  site = RUN (byline_wp_portal_discover_async (session, portal->base_url, NULL,
                                               byline_test_store_result, &_result),
              byline_wp_portal_discover_finish, _result, &error);
  g_assert_no_error (error);

  return site;
}

BylinePortal *
byline_test_portal_sign_in (BylineTestPortal *portal,
                            SoupSession      *session,
                            BylinePortalSite *site,
                            const char       *role)
{
  return BYLINE_PORTAL (byline_wp_portal_new (session, site,
                                              byline_test_portal_user (portal, role, "login"),
                                              byline_test_portal_user (portal, role,
                                                                       "app_password")));
}

BylinePortalPost *
byline_test_get_post (BylinePortal *portal,
                      gint64        id)
{
  g_autoptr(GError) error = NULL;
  BylinePortalPost *post;

  post = RUN (byline_portal_get_post_async (portal, id, NULL, byline_test_store_result, &_result),
              byline_portal_post_finish, portal, _result, &error);
  g_assert_no_error (error);

  return post;
}

BylinePortalPost *
byline_test_create_post (BylinePortal           *portal,
                         const char             *title,
                         const char             *content,
                         BylinePortalPostStatus  status)
{
  g_autoptr(BylinePortalPostChanges) changes = byline_portal_post_changes_new ();
  g_autoptr(GError) error = NULL;
  BylinePortalPost *post;

  changes->title = g_strdup (title);
  changes->content = g_strdup (content);
  changes->status = status;
  post = RUN (byline_portal_create_post_async (portal, changes, NULL, byline_test_store_result,
                                               &_result),
              byline_portal_post_finish, portal, _result, &error);
  g_assert_no_error (error);

  return post;
}

guint
byline_test_portal_count (BylineTestPortal *portal,
                          const char       *role,
                          const char       *collection,
                          const char       *search)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 30, NULL);
  g_autofree char *escaped = g_uri_escape_string (search, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%swp/v2/%s?search=%s&per_page=100&context=edit&"
                                          "status=%s&_fields=id", portal->rest_url, collection,
                                          escaped,
                                          g_str_equal (collection, "posts")
                                          ? "draft,pending,publish,future,private" : "inherit");
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);
  g_autofree char *pair = g_strdup_printf ("%s:%s", byline_test_portal_user (portal, role, "login"),
                                           byline_test_portal_user (portal, role, "app_password"));
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", basic, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  /* Another process answers: a synchronous call is fine in a test. */
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);

  return json_array_get_length (json_node_get_array (json_parser_get_root (parser)));
}

/* Debian's wordpress package, whose block library the validator loads. */
#define WORDPRESS_DIR "/usr/share/wordpress"

void
byline_test_assert_wordpress_validates (const char *markup)
{
  const char *validator = g_getenv ("BYLINE_WP_BLOCK_VALIDATE");
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *jsdom = NULL;
  g_autofree char *script = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (validator != NULL)
    jsdom = g_build_filename (validator, "node_modules", "jsdom", "package.json", NULL);
  if (node == NULL || jsdom == NULL || !g_file_test (jsdom, G_FILE_TEST_EXISTS) ||
      !g_file_test (WORDPRESS_DIR "/wp-includes/js/dist/blocks.js", G_FILE_TEST_EXISTS))
    {
      g_test_message ("not validated: needs node, jsdom and Debian's wordpress "
                      "(build-aux/dev test installs them)");
      return;
    }

  dir = g_dir_make_tmp ("byline-validate-XXXXXX", &error);
  g_assert_no_error (error);
  file = g_build_filename (dir, "post.html", NULL);
  g_file_set_contents (file, markup, -1, &error);
  g_assert_no_error (error);
  script = g_build_filename (validator, "validate.mjs", NULL);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, node, script, "--wp=" WORDPRESS_DIR, "--strict",
                              "--fail-on-freeform", file, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_unlink (file);
  g_rmdir (dir);
  if (!g_subprocess_get_successful (process))
    g_error ("WordPress finds blocks not valid:\n%s\n%s\n%s", out, err, markup);
  g_test_message ("WordPress: %s", out);
}

static JsonObject *
script_object (const char *html,
               const char *variable,
               JsonParser *parser)
{
  g_autofree char *marker = g_strdup_printf ("var %s = ", variable);
  const char *start = strstr (html, marker);
  const char *end;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (start);
  start += strlen (marker);
  end = strstr (start, "};");
  g_assert_nonnull (end);
  json_parser_load_from_data (parser, start, end - start + 1, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static GBytes *
browse (SoupSession *session,
        SoupMessage *message)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read (session, message, NULL, &error);

  g_assert_no_error (error);

  return body;
}

char *
byline_test_portal_authorize (BylineTestPortal *portal,
                              const char       *role,
                              const char       *authorize_url,
                              gboolean          approve)
{
  g_autoptr(SoupSession) browser = soup_session_new_with_options ("timeout", 30, NULL);
  g_autoptr(SoupMessage) login = NULL;
  g_autoptr(SoupMessage) page = NULL;
  g_autoptr(SoupMessage) create = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) created = NULL;
  g_autoptr(JsonParser) auth_parser = json_parser_new ();
  g_autoptr(JsonParser) api_parser = json_parser_new ();
  g_autoptr(JsonParser) created_parser = json_parser_new ();
  g_autofree char *login_url = g_strconcat (portal->base_url, "/wp-login.php", NULL);
  g_autofree char *create_url = g_strconcat (portal->rest_url,
                                             "wp/v2/users/me/application-passwords", NULL);
  g_autofree char *form = NULL;
  g_autofree char *request = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *auth_app;
  JsonObject *api;
  const char *success;
  const char *password;
  g_autofree char *e_site = NULL;
  g_autofree char *e_login = NULL;
  g_autofree char *e_password = NULL;

  soup_session_add_feature_by_type (browser, SOUP_TYPE_COOKIE_JAR);

  /* Log in with the user's login password, as a person in a browser. */
  form = soup_form_encode ("log", byline_test_portal_user (portal, role, "login"),
                           "pwd", byline_test_portal_user (portal, role, "password"),
                           "wp-submit", "Log In", NULL);
  login = soup_message_new_from_encoded_form (SOUP_METHOD_POST, login_url, g_steal_pointer (&form));
  soup_message_add_flags (login, SOUP_MESSAGE_NO_REDIRECT);
  body = browse (browser, login);
  g_assert_cmpuint (soup_message_get_status (login), ==, SOUP_STATUS_FOUND);

  page = soup_message_new (SOUP_METHOD_GET, authorize_url);
  html = browse (browser, page);
  g_assert_cmpuint (soup_message_get_status (page), ==, SOUP_STATUS_OK);
  text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  auth_app = script_object (text, "authApp", auth_parser);
  api = script_object (text, "wpApiSettings", api_parser);

  if (!approve)
    return g_strdup (json_object_get_string_member (auth_app, "reject"));

  /* auth-app.js: create the password through the REST API, then send the
   * browser to the success URL with the credentials appended. */
  {
    const char *field = strstr (text, "name=\"app_id\" value=\"");
    const char *name_field = strstr (text, "name=\"app_name\"");
    g_autofree char *app_id = NULL;
    g_autofree char *app_name = NULL;

    /* What the page's form holds, as the script reads it. */
    g_assert_nonnull (field);
    field += strlen ("name=\"app_id\" value=\"");
    app_id = g_strndup (field, strcspn (field, "\""));
    g_assert_nonnull (name_field);
    name_field = strstr (name_field, "value=\"");
    g_assert_nonnull (name_field);
    name_field += strlen ("value=\"");
    app_name = g_strndup (name_field, strcspn (name_field, "\""));
    request = g_strdup_printf ("{\"name\": \"%s\", \"app_id\": \"%s\"}", app_name, app_id);
  }
  create = soup_message_new (SOUP_METHOD_POST, create_url);
  soup_message_headers_replace (soup_message_get_request_headers (create), "X-WP-Nonce",
                                json_object_get_string_member (api, "nonce"));
  {
    g_autoptr(GBytes) json = g_bytes_new (request, strlen (request));

    soup_message_set_request_body_from_bytes (create, "application/json", json);
  }
  created = browse (browser, create);
  g_assert_cmpuint (soup_message_get_status (create), ==, SOUP_STATUS_CREATED);
  json_parser_load_from_data (created_parser, g_bytes_get_data (created, NULL),
                              g_bytes_get_size (created), &error);
  g_assert_no_error (error);
  password = json_object_get_string_member (json_node_get_object (json_parser_get_root (created_parser)),
                                            "password");

  success = json_object_get_string_member (auth_app, "success");
  e_site = g_uri_escape_string (json_object_get_string_member (auth_app, "site_url"), NULL, FALSE);
  e_login = g_uri_escape_string (json_object_get_string_member (auth_app, "user_login"), NULL, FALSE);
  e_password = g_uri_escape_string (password, NULL, FALSE);

  return g_strdup_printf ("%s%csite_url=%s&user_login=%s&password=%s", success,
                          strchr (success, '?') != NULL ? '&' : '?', e_site, e_login, e_password);
}

/* The threaded server */

struct _BylineTestServer
{
  SoupServer   *server;
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  GMutex        mutex;
  GCond         cond;
  guint         port;
  gboolean      tls;
  gboolean      running;
};

BylineTestServer *
byline_test_server_new (GTlsCertificate *certificate)
{
  BylineTestServer *self = g_new0 (BylineTestServer, 1);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->tls = certificate != NULL;

  /* Created on the server's context so its sources attach there. */
  g_main_context_push_thread_default (self->context);
  self->server = soup_server_new ("tls-certificate", certificate, NULL);
  g_main_context_pop_thread_default (self->context);

  return self;
}

void
byline_test_server_add_handler (BylineTestServer   *self,
                                const char         *path,
                                SoupServerCallback  callback,
                                gpointer            user_data)
{
  g_assert_false (self->running);
  soup_server_add_handler (self->server, path, callback, user_data, NULL);
}

static gpointer
server_thread (gpointer data)
{
  BylineTestServer *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);

  g_mutex_lock (&self->mutex);
  self->port = g_uri_get_port (uris->data);
  self->running = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the closed connections' sources finish. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

void
byline_test_server_start (BylineTestServer *self)
{
  self->thread = g_thread_new ("test-server", server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->running)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

SoupServer *
byline_test_server_get_server (BylineTestServer *self)
{
  g_assert_false (self->running);

  return self->server;
}

GMainContext *
byline_test_server_get_context (BylineTestServer *self)
{
  return self->context;
}

guint
byline_test_server_port (BylineTestServer *self)
{
  return self->port;
}

char *
byline_test_server_url (BylineTestServer *self,
                        const char       *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u%s", self->tls ? "https" : "http", self->port, path);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
byline_test_server_free (BylineTestServer *self)
{
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_thread_join (self->thread);
    }
  g_clear_object (&self->server);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

typedef struct
{
  SoupServerMessage *message;
  guint              status;
  char              *content_type;
  char              *body;
} LaterData;

static void
later_data_free (gpointer data)
{
  LaterData *later = data;

  g_object_unref (later->message);
  g_free (later->content_type);
  g_free (later->body);
  g_free (later);
}

static gboolean
respond_later_cb (gpointer data)
{
  LaterData *later = data;

  soup_server_message_set_status (later->message, later->status, NULL);
  soup_server_message_set_response (later->message, later->content_type, SOUP_MEMORY_COPY,
                                    later->body, strlen (later->body));
  soup_server_message_unpause (later->message);

  return G_SOURCE_REMOVE;
}

void
byline_test_server_respond_later (SoupServerMessage *message,
                                  guint              delay_ms,
                                  guint              status,
                                  const char        *content_type,
                                  const char        *body)
{
  LaterData *later = g_new0 (LaterData, 1);
  GSource *source = g_timeout_source_new (delay_ms);

  later->message = g_object_ref (message);
  later->status = status;
  later->content_type = g_strdup (content_type);
  later->body = g_strdup (body);

  soup_server_message_pause (message);
  /* Freed also when the server stops before the answer is due. */
  g_source_set_callback (source, respond_later_cb, later, later_data_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

void
byline_test_server_respond_raw (SoupServerMessage *message,
                                const char        *raw,
                                gssize             length)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  if (length < 0)
    length = strlen (raw);

  /* A failed write only means the client left first. */
  g_output_stream_write_all (out, raw, length, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

void
byline_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      /* A link to a folder is removed, not what it points to. */
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        byline_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
