/* byline-http.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Seconds without progress before a request fails (libsoup's default is to
 * wait forever). */
#define BYLINE_HTTP_DEFAULT_TIMEOUT 30

/* The largest JSON answer Byline reads (100 posts with their content fit in
 * a few megabytes); anything bigger is refused rather than buffered. */
#define BYLINE_HTTP_MAX_BODY (32 * 1024 * 1024)

typedef enum
{
  BYLINE_HTTP_SEND_NONE = 0,
  /* Stop reading at max_body and return what was read, without an error. */
  BYLINE_HTTP_SEND_TRUNCATE = 1 << 0,
  /* Do not follow redirects; return the 3xx answer itself. */
  BYLINE_HTTP_SEND_NO_REDIRECT = 1 << 1,
} BylineHttpSendFlags;

SoupSession *byline_http_session_new             (guint                 timeout_seconds);

gboolean     byline_http_host_is_loopback        (const char           *host);
gboolean     byline_http_check_uri               (GUri                 *uri,
                                                  GError              **error);
int          byline_http_uri_explicit_port       (GUri                 *uri);
gboolean     byline_http_same_origin             (GUri                 *a,
                                                  GUri                 *b);

GError      *byline_http_error_new               (guint                 status,
                                                  const char           *reason,
                                                  const char           *wp_code,
                                                  const char           *wp_message);
GError      *byline_http_error_from_transport    (const GError         *error,
                                                  gboolean              outcome_unknown);

void         byline_http_send_async              (SoupSession          *session,
                                                  SoupMessage          *message,
                                                  const char           *authorization,
                                                  gsize                 max_body,
                                                  BylineHttpSendFlags   flags,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes      *byline_http_send_finish             (GAsyncResult         *result,
                                                  SoupMessage         **final_message,
                                                  GError              **error);

G_END_DECLS
