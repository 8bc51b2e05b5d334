/* byline-error.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BYLINE_ERROR (byline_error_quark ())

/**
 * BylineError:
 * @BYLINE_ERROR_FAILED: anything not covered below
 * @BYLINE_ERROR_NETWORK: the portal could not be reached (DNS, refused, reset, offline)
 * @BYLINE_ERROR_TIMEOUT: the portal did not answer in time
 * @BYLINE_ERROR_TLS: the portal's certificate could not be verified
 * @BYLINE_ERROR_INSECURE: plain HTTP to a host that is not loopback
 * @BYLINE_ERROR_AUTH: the credentials were refused (any HTTP 401)
 * @BYLINE_ERROR_FORBIDDEN: the account lacks the capability for this action
 * @BYLINE_ERROR_NOT_FOUND: the post, photo or route does not exist
 * @BYLINE_ERROR_CONFLICT: someone else changed the post since it was loaded
 * @BYLINE_ERROR_TOO_LARGE: the server refused the size of the request (413)
 * @BYLINE_ERROR_SERVER: the server failed (5xx, HTML error page)
 * @BYLINE_ERROR_PARSE: an answer or a file could not be understood
 * @BYLINE_ERROR_STORAGE: reading or writing local files failed
 * @BYLINE_ERROR_INVALID_INPUT: the input given by the user or caller is not acceptable
 * @BYLINE_ERROR_NOT_WORDPRESS: the address is not a WordPress site
 * @BYLINE_ERROR_NO_REST_API: the site has its REST API disabled
 * @BYLINE_ERROR_NO_APP_PASSWORDS: the site refuses application passwords
 * @BYLINE_ERROR_CANCELLED: the operation was cancelled by the user
 * @BYLINE_ERROR_UNKNOWN_OUTCOME: a request was sent but its answer was lost
 * @BYLINE_ERROR_NO_SPACE: the disk is full (or the user's quota is used up)
 *
 * Error codes of the core. Messages in #GError are for developers and logs;
 * the UI maps codes to translated sentences that tell the user what to do.
 */
typedef enum
{
  BYLINE_ERROR_FAILED,
  BYLINE_ERROR_NETWORK,
  BYLINE_ERROR_TIMEOUT,
  BYLINE_ERROR_TLS,
  BYLINE_ERROR_INSECURE,
  BYLINE_ERROR_AUTH,
  BYLINE_ERROR_FORBIDDEN,
  BYLINE_ERROR_NOT_FOUND,
  BYLINE_ERROR_CONFLICT,
  BYLINE_ERROR_TOO_LARGE,
  BYLINE_ERROR_SERVER,
  BYLINE_ERROR_PARSE,
  BYLINE_ERROR_STORAGE,
  BYLINE_ERROR_INVALID_INPUT,
  BYLINE_ERROR_NOT_WORDPRESS,
  BYLINE_ERROR_NO_REST_API,
  BYLINE_ERROR_NO_APP_PASSWORDS,
  BYLINE_ERROR_CANCELLED,
  BYLINE_ERROR_UNKNOWN_OUTCOME,
  BYLINE_ERROR_NO_SPACE,
} BylineError;

GQuark byline_error_quark (void);

G_END_DECLS
