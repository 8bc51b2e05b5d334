/* test-publish-faults.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exactly once, proven against the real WordPress of tests/portal/ (suite
 * "portal"). A proxy — a SoupServer in its own thread, between Byline and
 * the portal — breaks one request at a time: it drops the answer after the
 * portal processed the request (the connection closes without it), answers
 * after the client gave up, stops reading an upload halfway, or holds the
 * answer while the test kills the publishing process. Another test kills a
 * child process (publish-child) at every step boundary. After each fault
 * the job runs again, and the portal must hold exactly one post and exactly
 * one media item per photo. The soak (/publish-faults/soak, a test of its
 * own in tests/meson.build) drops 30 % of all answers at random over 20
 * publishes.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-publish-test-utils.h"
#include "byline-wp-portal.h"

#define SOAK_PUBLISHES     20
#define SOAK_DROP_PERCENT  30
#define SHORT_TIMEOUT      5      /* seconds: the client's, for answers that come late */

static BylineTestPortal *test_portal;

/* ---- the proxy ---------------------------------------------------------------- */

typedef enum
{
  ACT_FORWARD,
  ACT_DROP,      /* forward; close the connection instead of answering */
  ACT_LATE,      /* forward; answer after the client's timeout */
  ACT_STALL,     /* stop reading the request's body: the upload times out */
  ACT_HOLD,      /* forward; keep the answer (the test kills the client) */
  ACT_REFUSE,    /* close the connection without forwarding: unreachable */
} Action;

typedef struct
{
  BylineTestServer *server;
  char             *target;       /* the portal's base address */

  GMutex            lock;
  GCond             cond;
  /* Set by the test, read by the server thread */
  guint             act_on;       /* the request (from 1) the action is for */
  Action            action;
  gboolean          act_on_posts; /* only count POST requests for act_on */
  guint             drop_percent; /* drop this share of all answers at random */
  GRand            *rand;
  /* Counted by the server thread */
  guint             n_requests;
  guint             n_posts;
  guint             n_dropped;
  guint             n_held;

  /* Server thread only */
  SoupSession      *session;
  GPtrArray        *kept;         /* messages left paused (stalled, held) */
} Proxy;

static GQuark action_quark;

static void
proxy_set (Proxy  *proxy,
           guint   act_on,
           Action  action,
           gboolean posts_only)
{
  g_mutex_lock (&proxy->lock);
  proxy->act_on = act_on;
  proxy->action = action;
  proxy->act_on_posts = posts_only;
  proxy->n_requests = 0;
  proxy->n_posts = 0;
  proxy->n_held = 0;
  g_mutex_unlock (&proxy->lock);
}

static void
proxy_early_cb (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Proxy *proxy = user_data;
  Action action = ACT_FORWARD;
  gboolean is_post = g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) == 0;
  guint number;

  g_mutex_lock (&proxy->lock);
  proxy->n_requests++;
  if (is_post)
    proxy->n_posts++;
  number = proxy->act_on_posts ? (is_post ? proxy->n_posts : 0) : proxy->n_requests;
  if (proxy->act_on > 0 && number == proxy->act_on)
    action = proxy->action;
  else if (proxy->drop_percent > 0 &&
           (guint) g_rand_int_range (proxy->rand, 0, 100) < proxy->drop_percent)
    action = ACT_DROP;
  if (action == ACT_DROP)
    proxy->n_dropped++;
  g_mutex_unlock (&proxy->lock);

  g_object_set_qdata (G_OBJECT (message), action_quark, GINT_TO_POINTER (action));

  /* Not a byte more of the body is read: the client's send stalls once
   * the socket buffers are full. */
  if (action == ACT_STALL)
    {
      soup_server_message_pause (message);
      g_ptr_array_add (proxy->kept, g_object_ref (message));
    }
}

typedef struct
{
  Proxy             *proxy;
  SoupServerMessage *message;
  SoupMessage       *upstream;
  Action             action;
} Forward;

static void
copy_response_header (const char *name,
                      const char *value,
                      gpointer    user_data)
{
  if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
      g_ascii_strcasecmp (name, "Transfer-Encoding") != 0 &&
      g_ascii_strcasecmp (name, "Content-Encoding") != 0 &&
      g_ascii_strcasecmp (name, "Connection") != 0 &&
      g_ascii_strcasecmp (name, "Keep-Alive") != 0)
    soup_message_headers_append (user_data, name, value);
}

static gboolean
answer_late_cb (gpointer user_data)
{
  SoupServerMessage *message = user_data;

  soup_server_message_unpause (message);
  return G_SOURCE_REMOVE;
}

static void
forwarded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Forward *forward = user_data;
  Proxy *proxy = forward->proxy;
  SoupServerMessage *message = forward->message;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (forward->action == ACT_DROP && body != NULL)
    {
      /* The portal did the work; its answer never reaches the client. */
      soup_server_message_unpause (message);
      byline_test_server_respond_raw (message, "", 0);
      goto out;
    }

  if (body == NULL)
    {
      soup_server_message_set_status (message, SOUP_STATUS_BAD_GATEWAY, NULL);
      soup_server_message_unpause (message);
      goto out;
    }

  soup_server_message_set_status (message, soup_message_get_status (forward->upstream),
                                  soup_message_get_reason_phrase (forward->upstream));
  soup_message_headers_foreach (soup_message_get_response_headers (forward->upstream),
                                copy_response_header,
                                soup_server_message_get_response_headers (message));
  content_type = soup_message_headers_get_content_type (
    soup_message_get_response_headers (forward->upstream), NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  switch (forward->action)
    {
    case ACT_LATE:
      {
        GSource *source = g_timeout_source_new_seconds (SHORT_TIMEOUT + 3);

        /* On the server thread's context, like everything of the server. */
        g_source_set_callback (source, answer_late_cb, g_object_ref (message), g_object_unref);
        g_source_attach (source, g_main_context_get_thread_default ());
        g_source_unref (source);
      }
      break;

    case ACT_HOLD:
      g_ptr_array_add (proxy->kept, g_object_ref (message));
      g_mutex_lock (&proxy->lock);
      proxy->n_held++;
      g_cond_broadcast (&proxy->cond);
      g_mutex_unlock (&proxy->lock);
      break;

    default:
      soup_server_message_unpause (message);
    }

out:
  g_object_unref (forward->upstream);
  g_object_unref (forward->message);
  g_free (forward);
}

static void
copy_request_header (const char *name,
                     const char *value,
                     gpointer    user_data)
{
  if (g_ascii_strcasecmp (name, "Host") != 0 &&
      g_ascii_strcasecmp (name, "Content-Length") != 0 &&
      g_ascii_strcasecmp (name, "Accept-Encoding") != 0 &&
      g_ascii_strcasecmp (name, "Connection") != 0)
    soup_message_headers_append (user_data, name, value);
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Proxy *proxy = user_data;
  Action action = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (message), action_quark));
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Forward *forward;

  if (action == ACT_REFUSE)
    {
      byline_test_server_respond_raw (message, "", 0);
      return;
    }

  if (proxy->session == NULL)
    proxy->session = soup_session_new_with_options ("timeout", 120, NULL);

  url = g_strconcat (proxy->target, g_uri_get_path (uri),
                     g_uri_get_query (uri) != NULL ? "?" : "",
                     g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", NULL);

  forward = g_new0 (Forward, 1);
  forward->proxy = proxy;
  forward->message = g_object_ref (message);
  forward->action = action;
  forward->upstream = soup_message_new (soup_server_message_get_method (message), url);
  g_assert_nonnull (forward->upstream);
  soup_message_headers_foreach (headers, copy_request_header,
                                soup_message_get_request_headers (forward->upstream));
  body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  if (g_bytes_get_size (body) > 0)
    /* The whole header: a multipart body's boundary is a parameter. */
    soup_message_set_request_body_from_bytes (forward->upstream,
                                              soup_message_headers_get_one (headers, "Content-Type"),
                                              body);

  soup_server_message_pause (message);
  soup_session_send_and_read_async (proxy->session, forward->upstream, G_PRIORITY_DEFAULT, NULL,
                                    forwarded_cb, forward);
}

static Proxy *
proxy_new (void)
{
  Proxy *proxy = g_new0 (Proxy, 1);

  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);
  proxy->target = g_strdup (test_portal->base_url);
  proxy->rand = g_rand_new_with_seed (20231114);
  proxy->kept = g_ptr_array_new_with_free_func (g_object_unref);
  proxy->server = byline_test_server_new (NULL);
  soup_server_add_early_handler (byline_test_server_get_server (proxy->server), NULL,
                                 proxy_early_cb, proxy, NULL);
  byline_test_server_add_handler (proxy->server, NULL, proxy_cb, proxy);
  byline_test_server_start (proxy->server);

  return proxy;
}

static gboolean
release_kept_cb (gpointer user_data)
{
  Proxy *proxy = user_data;

  g_clear_pointer (&proxy->kept, g_ptr_array_unref);
  g_clear_object (&proxy->session);
  return G_SOURCE_REMOVE;
}

static void
proxy_free (Proxy *proxy)
{
  /* What belongs to the server thread is released there, before it quits. */
  g_main_context_invoke (byline_test_server_get_context (proxy->server), release_kept_cb, proxy);
  byline_test_server_free (proxy->server);
  g_rand_free (proxy->rand);
  g_free (proxy->target);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->cond);
  g_free (proxy);
}

static char *
proxy_rest_root (Proxy *proxy)
{
  return byline_test_server_url (proxy->server, "/wp-json/");
}

/* ---- publishing through it ---------------------------------------------------- */

typedef struct
{
  Proxy            *proxy;
  char             *dir;
  BylineDraftStore *store;
  SoupSession      *session;
  BylinePortal     *portal;
  GFile            *work_dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  guint timeout = GPOINTER_TO_UINT (data);

  fixture->proxy = proxy_new ();
  fixture->store = test_store_new (&fixture->dir);
  fixture->session = byline_http_session_new (timeout);
  site->rest_root = proxy_rest_root (fixture->proxy);
  fixture->portal = BYLINE_PORTAL (byline_wp_portal_new (
    fixture->session, site, byline_test_portal_user (test_portal, "author", "login"),
    byline_test_portal_user (test_portal, "author", "app_password")));
  work = g_build_filename (fixture->dir, "work", NULL);
  fixture->work_dir = g_file_new_for_path (work);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->portal);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->work_dir);
  g_clear_pointer (&fixture->proxy, proxy_free);
  g_free (fixture->dir);
}

static BylinePublisher *
publisher_new (Fixture       *fixture,
               BylineArticle *article)
{
  BylinePublisher *publisher = byline_publisher_new (fixture->portal, fixture->store, article);

  byline_publisher_set_work_dir (publisher, fixture->work_dir);
  return publisher;
}

/* A fresh seed article, marked with @token and saved, to be published. */
static BylineArticle *
new_article (Fixture    *fixture,
             const char *token)
{
  BylineArticle *article = test_seed_article (token);
  const char *tags[] = { token, NULL };

  byline_article_set_tags (article, tags);
  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  test_save (fixture->store, article);

  return article;
}

static void
assert_exactly_once (const char *token,
                     guint       photos)
{
  g_assert_cmpuint (test_portal_count (test_portal, "editor", "posts", token), ==, 1);
  g_assert_cmpuint (test_portal_count (test_portal, "editor", "media", token), ==, photos);
}

/* Runs the job until it succeeds, as a reporter pressing "Send" again
 * would; returns how many runs it took. */
static guint
publish_until_done (Fixture       *fixture,
                    BylineArticle *article,
                    guint          max_runs)
{
  g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);

  for (guint run = 1; run <= max_runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylinePortalPost) post = test_publish (publisher, NULL, &error);

      if (post != NULL)
        {
          g_assert_cmpint (post->id, ==, byline_article_get_post_id (article));
          return run;
        }
      g_test_message ("run %u failed: %s", run, error->message);
      /* Only what a broken connection does; never a refusal. */
      g_assert_true (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME) ||
                     g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK) ||
                     g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT) ||
                     g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_SERVER));
    }

  g_error ("not published after %u runs", max_runs);
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

/* How many requests a clean publish of the seed article makes. */
static guint
count_clean_requests (Fixture *fixture)
{
  g_autofree char *token = unique ("sach");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  proxy_set (fixture->proxy, 0, ACT_FORWARD, FALSE);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  g_mutex_lock (&fixture->proxy->lock);
  n = fixture->proxy->n_requests;
  g_mutex_unlock (&fixture->proxy->lock);
  assert_exactly_once (token, 3);

  return n;
}

static void
test_drop_each_response (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n = count_clean_requests (fixture);

  /* users/me, the tag, 3 × upload, the post. */
  g_assert_cmpuint (n, >=, 6);
  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *token = unique ("mat");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
      g_autoptr(BylinePortalPost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("dropping the answer to request %u of %u", k, n);
      proxy_set (fixture->proxy, k, ACT_DROP, FALSE);
      post = test_publish (publisher, NULL, &error);
      if (post == NULL)
        {
          g_test_message ("failed as expected: %s", error->message);
          /* Saved in the draft: a new process would find the same. */
          g_clear_object (&article);
          article = test_load (fixture->store,
                               byline_article_get_id (byline_publisher_get_article (publisher)));
          proxy_set (fixture->proxy, 0, ACT_FORWARD, FALSE);
          g_assert_cmpuint (publish_until_done (fixture, article, 2), ==, 1);
        }
      else
        {
          /* libsoup sends a GET again by itself when a kept-alive
           * connection closes before the answer; never a POST. */
          g_test_message ("request %u was sent again by libsoup", k);
          g_assert_cmpuint (k, ==, 1);
        }
      assert_exactly_once (token, 3);
    }
}

/* Every request that creates something gets its answer after the client
 * gave up waiting. */
static void
test_answer_too_late (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint k = 1; k <= 4; k++)
    {
      g_autofree char *token = unique ("tre");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
      g_autoptr(BylinePortalPost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("answering creating request %u too late", k);
      /* POSTs: the tag, 3 uploads, the post. */
      proxy_set (fixture->proxy, k + 1, ACT_LATE, TRUE);
      post = test_publish (publisher, NULL, &error);
      g_assert_null (post);
      g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME);

      proxy_set (fixture->proxy, 0, ACT_FORWARD, FALSE);
      g_assert_cmpuint (publish_until_done (fixture, article, 1), ==, 1);
      assert_exactly_once (token, 3);
    }
}

/* A photo large enough to stall in the socket buffers: random pixels, no
 * scaling (the publisher is told photos may be this large). */
static char *
make_large_photo (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3000, 2000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, "lon.jpg", NULL);

  for (int y = 0; y < 2000; y++)
    for (int x = 0; x < 3000 * 3; x++)
      pixels[y * stride + x] = g_rand_int_range (rand, 0, 256);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "95", NULL);
  g_assert_no_error (error);

  return path;
}

static void
test_timeout_mid_upload (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *token = unique ("treo");
  g_autofree char *photo = make_large_photo (fixture->dir);
  g_autoptr(BylineArticle) article = byline_article_new (NULL);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Ảnh lớn %s", token);
  g_autofree char *caption = g_strdup_printf ("Chú thích %s", token);
  BylineBlock *figure = byline_block_new_figure (NULL);

  byline_block_set_local_path (figure, photo);
  byline_block_set_caption (figure, byline_inline_new (caption));
  byline_block_set_alt (figure, "Ảnh lớn");
  byline_article_set_title (article, title);
  byline_article_append_block (article, figure);
  byline_article_set_status (article, BYLINE_POST_STATUS_DRAFT);
  test_save (fixture->store, article);

  publisher = publisher_new (fixture, article);
  byline_publisher_set_photo_options (publisher, 4096, 95);
  /* POSTs: the upload is the first. */
  proxy_set (fixture->proxy, 1, ACT_STALL, TRUE);
  post = test_publish (publisher, NULL, &error);
  g_assert_null (post);
  /* Cut off while sending: the portal never saw the whole request. */
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT);
  g_assert_cmpuint (test_portal_count (test_portal, "editor", "media", token), ==, 0);
  /* Its slug stays recorded all the same, to be looked up first. */
  g_assert_nonnull (byline_block_get_upload_slug (byline_article_get_block (article, 0)));

  /* Again, with a client patient enough for the portal to process 6 MP. */
  proxy_set (fixture->proxy, 0, ACT_FORWARD, FALSE);
  {
    g_autoptr(SoupSession) patient = byline_http_session_new (120);
    g_autoptr(BylinePortal) portal = BYLINE_PORTAL (byline_wp_portal_new (
      patient, byline_portal_get_site (fixture->portal),
      byline_test_portal_user (test_portal, "author", "login"),
      byline_test_portal_user (test_portal, "author", "app_password")));
    g_autoptr(BylinePublisher) again = byline_publisher_new (portal, fixture->store, article);

    byline_publisher_set_work_dir (again, fixture->work_dir);
    byline_publisher_set_photo_options (again, 4096, 95);
    g_clear_error (&error);
    post = test_publish (again, NULL, &error);
    g_assert_no_error (error);
  }
  assert_exactly_once (token, 1);
}

/* The portal cannot be reached at all: nothing is lost, and the next run
 * goes through. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *token = unique ("mang");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  /* After the tag and two photos. */
  proxy_set (fixture->proxy, 4, ACT_REFUSE, TRUE);
  post = test_publish (publisher, NULL, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME);
  g_assert_cmpuint (test_portal_count (test_portal, "editor", "media", token), ==, 2);

  proxy_set (fixture->proxy, 0, ACT_FORWARD, FALSE);
  g_assert_cmpuint (publish_until_done (fixture, article, 1), ==, 1);
  assert_exactly_once (token, 3);
}

/* ---- killing the process ------------------------------------------------------------ */

typedef struct
{
  GSubprocess *process;
  GDataInputStream *out;
} Child;

static void
child_start (Child      *child,
             Fixture    *fixture,
             const char *article_id,
             guint       kill_at)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *rest_root = proxy_rest_root (fixture->proxy);
  g_autofree char *kill_text = g_strdup_printf ("%u", kill_at);
  g_autofree char *password = g_strconcat (byline_test_portal_user (test_portal, "author", "app_password"),
                                           "\n", NULL);
  g_autoptr(GError) error = NULL;
  GOutputStream *in;

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", fixture->dir, TRUE);
  child->process = g_subprocess_launcher_spawn (launcher, &error, PUBLISH_CHILD_PATH, fixture->dir,
                                                article_id, rest_root,
                                                byline_test_portal_user (test_portal, "author", "login"),
                                                kill_text, NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (child->process);
  g_output_stream_write_all (in, password, strlen (password), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, NULL);
  child->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child->process));
}

/* Reads the child's report until it ends; returns its last line. */
static char *
child_wait (Child *child,
            guint *boundaries)
{
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  *boundaries = 0;
  while ((line = g_data_input_stream_read_line_utf8 (child->out, NULL, NULL, &error)) != NULL)
    {
      if (line[0] == 'B')
        (*boundaries)++;
      g_free (last);
      last = line;
    }
  g_assert_no_error (error);
  g_subprocess_wait (child->process, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&last);
}

static void
child_clear (Child *child)
{
  g_clear_object (&child->out);
  g_clear_object (&child->process);
}

static void
test_kill_at_each_boundary (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n_boundaries = 0;

  /* A clean run first, to know the boundaries. */
  {
    g_autofree char *token = unique ("ranh");
    g_autoptr(BylineArticle) article = new_article (fixture, token);
    g_autofree char *last = NULL;
    Child child = { 0 };

    child_start (&child, fixture, byline_article_get_id (article), 0);
    last = child_wait (&child, &n_boundaries);
    g_assert_true (g_str_has_prefix (last, "D "));
    child_clear (&child);
    assert_exactly_once (token, 3);
  }
  /* site, then per photo "sending" and the answer, then the post's. */
  g_assert_cmpuint (n_boundaries, ==, 1 + 2 * 3 + 2);

  for (guint k = 1; k <= n_boundaries; k++)
    {
      g_autofree char *token = unique ("giet");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autoptr(BylineArticle) after = NULL;
      g_autofree char *last = NULL;
      Child child = { 0 };
      guint seen;

      g_test_message ("killing the publisher at boundary %u of %u", k, n_boundaries);
      child_start (&child, fixture, byline_article_get_id (article), k);
      last = child_wait (&child, &seen);
      g_assert_cmpuint (seen, ==, k);
      g_assert_false (g_subprocess_get_if_exited (child.process));
      g_assert_cmpint (g_subprocess_get_term_sig (child.process), ==, SIGKILL);
      child_clear (&child);

      /* Another process continues from what is on disk. */
      child_start (&child, fixture, byline_article_get_id (article), 0);
      g_clear_pointer (&last, g_free);
      last = child_wait (&child, &seen);
      g_assert_true (g_str_has_prefix (last, "D "));
      child_clear (&child);
      assert_exactly_once (token, 3);

      after = test_load (fixture->store, byline_article_get_id (article));
      g_assert_cmpint (byline_article_get_post_request (after, NULL, NULL), ==,
                       BYLINE_POST_REQUEST_NONE);
    }
}

static gboolean
wait_held (Proxy *proxy)
{
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  gboolean held;

  g_mutex_lock (&proxy->lock);
  while (proxy->n_held == 0 && g_cond_wait_until (&proxy->cond, &proxy->lock, end))
    ;
  held = proxy->n_held > 0;
  g_mutex_unlock (&proxy->lock);

  return held;
}

/* The worst moment to die: the portal has done the work, its answer is on
 * its way, the draft does not know yet. */
static void
test_kill_while_answer_held (Fixture       *fixture,
                             gconstpointer  data)
{
  /* POSTs: the tag, 3 uploads, the post. */
  for (guint k = 2; k <= 5; k++)
    {
      g_autofree char *token = unique ("giu");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autofree char *last = NULL;
      Child child = { 0 };
      guint seen;

      g_test_message ("killing the publisher while the answer to POST %u is held", k);
      proxy_set (fixture->proxy, k, ACT_HOLD, TRUE);
      child_start (&child, fixture, byline_article_get_id (article), 0);
      g_assert_true (wait_held (fixture->proxy));
      g_subprocess_send_signal (child.process, SIGKILL);
      last = child_wait (&child, &seen);
      g_assert_cmpint (g_subprocess_get_term_sig (child.process), ==, SIGKILL);
      child_clear (&child);

      proxy_set (fixture->proxy, 0, ACT_FORWARD, FALSE);
      child_start (&child, fixture, byline_article_get_id (article), 0);
      g_clear_pointer (&last, g_free);
      last = child_wait (&child, &seen);
      g_assert_true (g_str_has_prefix (last, "D "));
      child_clear (&child);
      assert_exactly_once (token, 3);
    }
}

/* ---- the soak ------------------------------------------------------------------------ */

static void
test_soak (Fixture       *fixture,
           gconstpointer  data)
{
  guint runs = 0;
  guint dropped;

  g_mutex_lock (&fixture->proxy->lock);
  fixture->proxy->drop_percent = SOAK_DROP_PERCENT;
  g_mutex_unlock (&fixture->proxy->lock);

  for (guint i = 0; i < SOAK_PUBLISHES; i++)
    {
      g_autofree char *token = unique ("ngam");
      g_autoptr(BylineArticle) article = new_article (fixture, token);

      runs += publish_until_done (fixture, article, 100);
      assert_exactly_once (token, 3);
    }

  g_mutex_lock (&fixture->proxy->lock);
  dropped = fixture->proxy->n_dropped;
  g_mutex_unlock (&fixture->proxy->lock);
  printf ("# soak: %u publishes in %u runs, %u answers dropped (%u %%), 0 duplicates\n",
          SOAK_PUBLISHES, runs, dropped, SOAK_DROP_PERCENT);
  g_assert_cmpuint (dropped, >, SOAK_PUBLISHES);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_portal = byline_test_portal_require ();
  action_quark = g_quark_from_static_string ("byline-test-proxy-action");

#define ADD(path, timeout, func) \
  g_test_add ("/publish-faults/" path, Fixture, GUINT_TO_POINTER (timeout), fixture_setup, func, \
              fixture_teardown)
  ADD ("drop-each-response", 60, test_drop_each_response);
  ADD ("answer-too-late", SHORT_TIMEOUT, test_answer_too_late);
  ADD ("timeout-mid-upload", SHORT_TIMEOUT, test_timeout_mid_upload);
  ADD ("unreachable", 60, test_unreachable);
  ADD ("kill-at-each-boundary", 60, test_kill_at_each_boundary);
  ADD ("kill-while-answer-held", 60, test_kill_while_answer_held);
  ADD ("soak", 60, test_soak);
#undef ADD

  return g_test_run ();
}
