/* byline-http.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-http"

#include "config.h"

#include "byline-error.h"
#include "byline-http.h"

#define MAX_REDIRECTS 5
#define READ_CHUNK    (64 * 1024)

/**
 * byline_http_session_new:
 * @timeout_seconds: seconds without progress before a request fails;
 *   0 for %BYLINE_HTTP_DEFAULT_TIMEOUT
 *
 * The one way Byline makes an HTTP session: its user agent, an I/O
 * timeout (libsoup waits forever by default), the system's proxy settings
 * and certificate database. Redirects are followed by
 * byline_http_send_async(), never by the session.
 *
 * Returns: (transfer full): a new session
 */
SoupSession *
byline_http_session_new (guint timeout_seconds)
{
  SoupSession *session;

  if (timeout_seconds == 0)
    timeout_seconds = BYLINE_HTTP_DEFAULT_TIMEOUT;

  session = soup_session_new_with_options ("user-agent", "Byline/" PACKAGE_VERSION
                                                         " (+https://github.com/bylineapp/byline)",
                                           "timeout", timeout_seconds,
                                           "idle-timeout", 60,
                                           NULL);

  /* Byline sends its application password itself, to one origin only;
   * libsoup's auth manager would answer challenges from anywhere. */
  soup_session_remove_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);

  return session;
}

/**
 * byline_http_host_is_loopback:
 * @host: a host name or address literal, as in a URI
 *
 * Whether @host names this computer without a DNS lookup: "localhost",
 * "*.localhost" (RFC 6761), 127.0.0.0/8 or ::1.
 */
gboolean
byline_http_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL || *host == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_str_has_suffix (host, ".localhost") || g_str_has_suffix (host, ".LOCALHOST"))
    return TRUE;

  len = strlen (host);
  if (host[0] == '[' && len > 2 && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * byline_http_check_uri:
 *
 * Byline talks to portals over https only; plain http is allowed to this
 * computer (a test or development portal), where nothing crosses a network.
 *
 * Returns: %TRUE when @uri may be used; otherwise %BYLINE_ERROR_INSECURE
 *   or %BYLINE_ERROR_INVALID_INPUT
 */
gboolean
byline_http_check_uri (GUri    *uri,
                       GError **error)
{
  const char *scheme;

  g_return_val_if_fail (uri != NULL, FALSE);

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "Unsupported URI scheme “%s”", scheme);
      return FALSE;
    }

  if (byline_http_host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INSECURE,
               "Refusing plain http to %s: passwords would cross the network unencrypted",
               g_uri_get_host (uri));
  return FALSE;
}

static int
effective_port_default (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  return port > 0 ? port : effective_port_default (uri);
}

/**
 * byline_http_uri_explicit_port:
 *
 * The port to write in an address built from @uri: -1 (none) for the
 * scheme's default port, which libsoup's URI flags fill in.
 */
int
byline_http_uri_explicit_port (GUri *uri)
{
  g_return_val_if_fail (uri != NULL, -1);

  return g_uri_get_port (uri) == effective_port_default (uri) ? -1 : g_uri_get_port (uri);
}

/**
 * byline_http_same_origin:
 *
 * Whether @a and @b have the same scheme, host and port: the only places
 * Byline sends a portal's credentials to.
 */
gboolean
byline_http_same_origin (GUri *a,
                         GUri *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a) ? g_uri_get_host (a) : "",
                             g_uri_get_host (b) ? g_uri_get_host (b) : "") == 0 &&
         effective_port (a) == effective_port (b);
}

/* WordPress error codes whose meaning does not depend on the HTTP status:
 * newer WordPress answers 400 where 6.1 answers 403, for instance. A code
 * ending in '*' matches by prefix. */
static const struct
{
  const char  *code;
  BylineError  error;
} wp_codes[] = {
  { "rest_not_logged_in", BYLINE_ERROR_AUTH },
  { "incorrect_password", BYLINE_ERROR_AUTH },
  { "invalid_username", BYLINE_ERROR_AUTH },
  { "invalid_email", BYLINE_ERROR_AUTH },
  { "application_passwords_disabled*", BYLINE_ERROR_NO_APP_PASSWORDS },
  { "rest_cannot_*", BYLINE_ERROR_FORBIDDEN },
  { "rest_forbidden*", BYLINE_ERROR_FORBIDDEN },
  { "rest_comment_closed", BYLINE_ERROR_FORBIDDEN },
  { "rest_comment_draft_post", BYLINE_ERROR_FORBIDDEN },
  { "rest_comment_invalid_status", BYLINE_ERROR_FORBIDDEN },
  { "rest_no_route", BYLINE_ERROR_NOT_FOUND },
  { "rest_*_invalid_id", BYLINE_ERROR_NOT_FOUND },
  { "rest_term_invalid", BYLINE_ERROR_NOT_FOUND },
  { "rest_already_trashed", BYLINE_ERROR_NOT_FOUND },
  { "term_exists", BYLINE_ERROR_CONFLICT },
  { "comment_duplicate", BYLINE_ERROR_CONFLICT },
  { "rest_upload_sideload_error", BYLINE_ERROR_INVALID_INPUT },
  { "rest_upload_no_data", BYLINE_ERROR_INVALID_INPUT },
  { "rest_upload_invalid_disposition", BYLINE_ERROR_INVALID_INPUT },
  { "rest_upload_no_content_disposition", BYLINE_ERROR_INVALID_INPUT },
  { "rest_upload_no_content_type", BYLINE_ERROR_INVALID_INPUT },
  { "rest_invalid_param", BYLINE_ERROR_INVALID_INPUT },
  { "rest_missing_callback_param", BYLINE_ERROR_INVALID_INPUT },
  { "rest_invalid_json", BYLINE_ERROR_INVALID_INPUT },
  { "rest_trash_not_supported", BYLINE_ERROR_INVALID_INPUT },
  { "comment_flood", BYLINE_ERROR_INVALID_INPUT },
};

static gboolean
code_matches (const char *pattern,
              const char *code)
{
  const char *star = strchr (pattern, '*');

  if (star == NULL)
    return g_str_equal (pattern, code);

  /* "prefix*" or "prefix*suffix" */
  return strncmp (code, pattern, star - pattern) == 0 &&
         strlen (code) >= strlen (pattern) - 1 &&
         g_str_has_suffix (code + (star - pattern), star + 1);
}

/**
 * byline_http_error_new:
 * @status: the HTTP status of the answer
 * @reason: (nullable): its reason phrase
 * @wp_code: (nullable): WordPress's error `code`, when the body was one
 * @wp_message: (nullable): WordPress's error `message`
 *
 * The one place where an HTTP status and a WordPress error code become a
 * %BYLINE_ERROR code. The message is WordPress's own (already in the site's
 * language) so the UI can show it under its translated explanation, or
 * "HTTP status reason" when the portal gave none.
 *
 * Returns: (transfer full): a new error
 */
GError *
byline_http_error_new (guint       status,
                       const char *reason,
                       const char *wp_code,
                       const char *wp_message)
{
  BylineError code = BYLINE_ERROR_FAILED;
  gboolean mapped = FALSE;
  g_autofree char *message = NULL;

  if (wp_message != NULL && *wp_message != '\0')
    message = g_strdup (wp_message);
  else
    message = g_strdup_printf ("HTTP %u %s", status,
                               reason != NULL ? reason : soup_status_get_phrase (status));

  /* WordPress 6.1 reports any failed Basic sign-in as rest_not_logged_in or
   * a capability error, always with 401: every 401 means bad credentials. */
  if (status == SOUP_STATUS_UNAUTHORIZED)
    return g_error_new_literal (BYLINE_ERROR, BYLINE_ERROR_AUTH, message);

  /* A proxy or web server refusing the size never reaches WordPress. */
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    return g_error_new_literal (BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE, message);

  for (guint i = 0; wp_code != NULL && i < G_N_ELEMENTS (wp_codes); i++)
    {
      if (code_matches (wp_codes[i].code, wp_code))
        {
          code = wp_codes[i].error;
          mapped = TRUE;
          break;
        }
    }

  if (!mapped)
    {
      if (status == SOUP_STATUS_FORBIDDEN)
        code = BYLINE_ERROR_FORBIDDEN;
      else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
        code = BYLINE_ERROR_NOT_FOUND;
      else if (status == SOUP_STATUS_CONFLICT)
        code = BYLINE_ERROR_CONFLICT;
      else if (status == SOUP_STATUS_REQUEST_TIMEOUT || status == SOUP_STATUS_GATEWAY_TIMEOUT)
        code = BYLINE_ERROR_TIMEOUT;
      else if (status >= 500 && status < 600)
        code = BYLINE_ERROR_SERVER;
      else if (status >= 400 && status < 500)
        code = BYLINE_ERROR_INVALID_INPUT;
      else if (status >= 300 && status < 400)
        code = BYLINE_ERROR_NETWORK;
    }

  return g_error_new_literal (BYLINE_ERROR, code, message);
}

/**
 * byline_http_error_from_transport:
 * @error: an error from libsoup or GIO
 * @outcome_unknown: whether a request that changes something had been sent
 *   completely before @error happened
 *
 * Maps a failure to talk to the server. When a creating or changing request
 * was sent but its answer was lost, the change may or may not have
 * happened: that is %BYLINE_ERROR_UNKNOWN_OUTCOME, so callers check before
 * retrying instead of creating duplicates.
 *
 * Returns: (transfer full): a %BYLINE_ERROR
 */
GError *
byline_http_error_from_transport (const GError *error,
                                  gboolean      outcome_unknown)
{
  BylineError code = BYLINE_ERROR_NETWORK;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == BYLINE_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (BYLINE_ERROR, BYLINE_ERROR_CANCELLED, error->message);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (BYLINE_ERROR, BYLINE_ERROR_TLS,
                        "TLS failed: %s", error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (BYLINE_ERROR, BYLINE_ERROR_NETWORK,
                        "Could not resolve the host: %s", error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = BYLINE_ERROR_TIMEOUT;
  else if (error->domain == SOUP_SESSION_ERROR &&
           (error->code == SOUP_SESSION_ERROR_PARSING ||
            error->code == SOUP_SESSION_ERROR_ENCODING))
    code = BYLINE_ERROR_PARSE;

  if (outcome_unknown)
    return g_error_new (BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME,
                        "The request was sent but its answer was lost: %s", error->message);

  return g_error_new_literal (BYLINE_ERROR, code, error->message);
}

typedef struct
{
  SoupSession         *session;
  SoupMessage         *message;
  GUri                *auth_origin;
  char                *authorization;
  GInputStream        *stream;
  GByteArray          *body;
  gsize                max_body;
  BylineHttpSendFlags  flags;
  guint                redirects;
  gulong               wrote_body_id;
  guint                request_sent : 1;
  guint                unsafe : 1;
} SendData;

static void
send_data_disconnect (SendData *data)
{
  if (data->message != NULL && data->wrote_body_id != 0)
    g_clear_signal_handler (&data->wrote_body_id, data->message);
}

static void
send_data_free (SendData *data)
{
  send_data_disconnect (data);
  g_clear_object (&data->session);
  g_clear_object (&data->message);
  g_clear_pointer (&data->auth_origin, g_uri_unref);
  if (data->authorization != NULL)
    {
      /* Credentials do not linger in freed memory. */
      memset (data->authorization, 0, strlen (data->authorization));
      g_free (data->authorization);
    }
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

static void send_message (GTask *task);

static void
on_wrote_body (SoupMessage *message,
               SendData    *data)
{
  data->request_sent = TRUE;
}

static void
fail_transport (GTask        *task,
                const GError *error)
{
  SendData *data = g_task_get_task_data (task);

  g_task_return_error (task, byline_http_error_from_transport (error,
                                                               data->unsafe && data->request_sent));
}

static void
finish_body (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->body)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

/* Closing a response stream early makes libsoup read the rest of the body
 * to reuse the connection, which never ends for an endless answer; a
 * cancelled close drops the connection instead. */
static void
abandon_stream (GInputStream *stream)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, cancellable, close_cb, NULL);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fail_transport (task, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, close_cb, NULL);
      finish_body (task);
      return;
    }

  if (data->body->len + size > data->max_body)
    {
      /* Stop reading: never buffer an answer without bound. */
      abandon_stream (data->stream);
      if (data->flags & BYLINE_HTTP_SEND_TRUNCATE)
        {
          g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL),
                               data->max_body - data->body->len);
          finish_body (task);
        }
      else
        {
          g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                                   "The answer is larger than %" G_GSIZE_FORMAT " bytes",
                                   data->max_body);
        }
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), size);
  read_next (task);
}

static void
read_next (GTask *task)
{
  SendData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb,
                                   g_object_ref (task));
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  /* Credentials are re-added by send_message() for the right origin only. */
  if (g_ascii_strcasecmp (name, "Authorization") != 0 &&
      g_ascii_strcasecmp (name, "Cookie") != 0 &&
      g_ascii_strcasecmp (name, "Host") != 0)
    soup_message_headers_append (user_data, name, value);
}

/* Returns TRUE when the task continues with a new message. */
static gboolean
follow_redirect (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) next = NULL;
  g_autoptr(GUri) target = NULL;
  g_autoptr(GError) error = NULL;
  const char *location;
  const char *method = soup_message_get_method (data->message);

  location = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                           "Location");
  if (location == NULL)
    return FALSE;

  if (++data->redirects > MAX_REDIRECTS)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NETWORK,
                               "Too many redirects (last to %s)", location);
      return TRUE;
    }

  /* A request with a body is not re-sent elsewhere: it could create twice. */
  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NETWORK,
                               "The portal redirected a %s request to %s", method, location);
      return TRUE;
    }

  target = g_uri_parse_relative (soup_message_get_uri (data->message), location,
                                 SOUP_HTTP_URI_FLAGS, &error);
  if (target == NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NETWORK,
                               "The portal redirected to an invalid address: %s", error->message);
      return TRUE;
    }

  next = soup_message_new_from_uri (method, target);
  soup_message_headers_foreach (soup_message_get_request_headers (data->message),
                                copy_header, soup_message_get_request_headers (next));

  g_debug ("Redirected to %s://%s%s", g_uri_get_scheme (target), g_uri_get_host (target),
           g_uri_get_path (target));

  send_data_disconnect (data);
  g_set_object (&data->message, next);
  send_message (task);

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      fail_transport (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  g_debug ("%s %s → %u", soup_message_get_method (data->message),
           g_uri_get_path (soup_message_get_uri (data->message)), status);

  if (is_redirect (status) && !(data->flags & BYLINE_HTTP_SEND_NO_REDIRECT))
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, close_cb, NULL);
      g_clear_object (&data->stream);
      if (follow_redirect (task))
        return;
      /* No Location: hand the 3xx to the caller as it is. */
    }

  data->body = g_byte_array_new ();
  if (data->stream == NULL)
    {
      finish_body (task);
      return;
    }
  read_next (task);
}

static void
send_message (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_request_headers (data->message);
  GUri *uri = soup_message_get_uri (data->message);
  g_autoptr(GError) error = NULL;

  if (!byline_http_check_uri (uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Follow redirects here, not in libsoup, to decide per hop where the
   * credentials may go. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);

  soup_message_headers_remove (headers, "Authorization");
  if (data->authorization != NULL && byline_http_same_origin (uri, data->auth_origin))
    soup_message_headers_replace (headers, "Authorization", data->authorization);

  data->request_sent = FALSE;
  data->wrote_body_id = g_signal_connect (data->message, "wrote-body",
                                          G_CALLBACK (on_wrote_body), data);

  soup_session_send_async (data->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, g_object_ref (task));
}

/**
 * byline_http_send_async:
 * @session: a session from byline_http_session_new()
 * @message: the request
 * @authorization: (nullable): the Authorization header value, sent only to
 *   @message's origin, never to another host after a redirect
 * @max_body: the most bytes of answer to read
 * @flags: #BylineHttpSendFlags
 *
 * Sends @message and reads its whole answer, whatever its status. Plain
 * http to a non-loopback host is refused (%BYLINE_ERROR_INSECURE), also
 * when a redirect leads there. GET and HEAD follow up to 5 redirects;
 * other methods are never re-sent. Transport failures are mapped with
 * byline_http_error_from_transport().
 */
void
byline_http_send_async (SoupSession         *session,
                        SoupMessage         *message,
                        const char          *authorization,
                        gsize                max_body,
                        BylineHttpSendFlags  flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;
  const char *method;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_http_send_async);
  /* Report cancellation as BYLINE_ERROR_CANCELLED, not GIO's error. */
  g_task_set_check_cancellable (task, FALSE);

  method = soup_message_get_method (message);
  data = g_new0 (SendData, 1);
  data->session = g_object_ref (session);
  data->message = g_object_ref (message);
  data->auth_origin = g_uri_ref (soup_message_get_uri (message));
  data->authorization = g_strdup (authorization);
  data->max_body = max_body;
  data->flags = flags;
  data->unsafe = g_strcmp0 (method, SOUP_METHOD_GET) != 0 &&
                 g_strcmp0 (method, SOUP_METHOD_HEAD) != 0 &&
                 g_strcmp0 (method, SOUP_METHOD_OPTIONS) != 0;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  send_message (task);
}

/**
 * byline_http_send_finish:
 * @final_message: (out) (optional) (transfer full): the message that got
 *   the answer (another one than the request's after a redirect)
 *
 * Returns: (transfer full): the answer's body
 */
GBytes *
byline_http_send_finish (GAsyncResult  *result,
                         SoupMessage  **final_message,
                         GError       **error)
{
  GTask *task = G_TASK (result);
  GBytes *body;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == byline_http_send_async, NULL);

  body = g_task_propagate_pointer (task, error);
  if (body != NULL && final_message != NULL)
    {
      SendData *data = g_task_get_task_data (task);

      *final_message = g_object_ref (data->message);
    }

  return body;
}
