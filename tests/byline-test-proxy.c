/* byline-test-proxy.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-test"

#include "config.h"

#include "byline-test-proxy.h"

/* The action decided for a request, from its headers on. */
static GQuark byline_test_proxy_quark (void);
G_DEFINE_QUARK (byline-test-proxy-action, byline_test_proxy)

struct _BylineTestProxy
{
  BylineTestServer *server;
  char             *target;       /* the portal's base address */

  GMutex            lock;
  GCond             cond;
  /* Set by the test, read by the server thread */
  guint                  act_on;       /* the request (from 1) it is for; 0 = all */
  BylineTestProxyAction  action;
  gboolean               act_on_posts; /* count only POST requests */
  guint                  drop_percent; /* drop this share of all answers at random */
  GRand                 *rand;
  /* Counted by the server thread */
  guint             n_requests;
  guint             n_posts;
  guint             n_dropped;
  guint             n_held;

  /* Server thread only */
  SoupSession      *session;
  GPtrArray        *kept;         /* messages left paused (stalled, held) */
};

void
byline_test_proxy_set (BylineTestProxy       *proxy,
                       guint                  act_on,
                       BylineTestProxyAction  action,
                       gboolean               posts_only)
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
  BylineTestProxy *proxy = user_data;
  BylineTestProxyAction action = BYLINE_TEST_PROXY_FORWARD;
  gboolean is_post = g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) == 0;
  guint number;

  g_mutex_lock (&proxy->lock);
  proxy->n_requests++;
  if (is_post)
    proxy->n_posts++;
  number = proxy->act_on_posts ? (is_post ? proxy->n_posts : 0) : proxy->n_requests;
  if (number > 0 && proxy->action != BYLINE_TEST_PROXY_FORWARD &&
      (proxy->act_on == 0 || number == proxy->act_on))
    action = proxy->action;
  else if (proxy->drop_percent > 0 &&
           (guint) g_rand_int_range (proxy->rand, 0, 100) < proxy->drop_percent)
    action = BYLINE_TEST_PROXY_DROP;
  if (action == BYLINE_TEST_PROXY_DROP)
    proxy->n_dropped++;
  g_mutex_unlock (&proxy->lock);

  g_object_set_qdata (G_OBJECT (message), byline_test_proxy_quark (), GINT_TO_POINTER (action));

  /* Not a byte more of the body is read: the client's send stalls once
   * the socket buffers are full. */
  if (action == BYLINE_TEST_PROXY_STALL)
    {
      soup_server_message_pause (message);
      g_ptr_array_add (proxy->kept, g_object_ref (message));
    }
}

typedef struct
{
  BylineTestProxy       *proxy;
  SoupServerMessage     *message;
  SoupMessage           *upstream;
  BylineTestProxyAction  action;
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
  BylineTestProxy *proxy = forward->proxy;
  SoupServerMessage *message = forward->message;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (forward->action == BYLINE_TEST_PROXY_DROP && body != NULL)
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
    case BYLINE_TEST_PROXY_LATE:
      {
        GSource *source = g_timeout_source_new_seconds (BYLINE_TEST_PROXY_LATE_SECONDS);

        /* On the server thread's context, like everything of the server. */
        g_source_set_callback (source, answer_late_cb, g_object_ref (message), g_object_unref);
        g_source_attach (source, g_main_context_get_thread_default ());
        g_source_unref (source);
      }
      break;

    case BYLINE_TEST_PROXY_HOLD:
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
  BylineTestProxy *proxy = user_data;
  BylineTestProxyAction action = GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (message), byline_test_proxy_quark ()));
  GUri *uri = soup_server_message_get_uri (message);
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Forward *forward;

  if (action == BYLINE_TEST_PROXY_REFUSE)
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

BylineTestProxy *
byline_test_proxy_new (const char *target)
{
  BylineTestProxy *proxy = g_new0 (BylineTestProxy, 1);

  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);
  proxy->target = g_strdup (target);
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
  BylineTestProxy *proxy = user_data;

  g_clear_pointer (&proxy->kept, g_ptr_array_unref);
  g_clear_object (&proxy->session);
  return G_SOURCE_REMOVE;
}

void
byline_test_proxy_free (BylineTestProxy *proxy)
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

char *
byline_test_proxy_rest_root (BylineTestProxy *proxy)
{
  return byline_test_server_url (proxy->server, "/wp-json/");
}

void
byline_test_proxy_set_drop_percent (BylineTestProxy *proxy,
                                    guint            percent)
{
  g_mutex_lock (&proxy->lock);
  proxy->drop_percent = percent;
  g_mutex_unlock (&proxy->lock);
}

guint
byline_test_proxy_get_requests (BylineTestProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->n_requests;
  g_mutex_unlock (&proxy->lock);

  return n;
}

guint
byline_test_proxy_get_dropped (BylineTestProxy *proxy)
{
  guint n;

  g_mutex_lock (&proxy->lock);
  n = proxy->n_dropped;
  g_mutex_unlock (&proxy->lock);

  return n;
}

gboolean
byline_test_proxy_wait_held (BylineTestProxy *proxy)
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
