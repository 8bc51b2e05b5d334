/* byline-test-proxy.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-test-core.h"

G_BEGIN_DECLS

/* A proxy between Byline and the real test portal, for fault injection: a
 * SoupServer in its own thread forwarding every request, and breaking the
 * ones it is told to. Clients use byline_test_proxy_rest_root() as the
 * portal's REST root. */

typedef enum
{
  BYLINE_TEST_PROXY_FORWARD,
  BYLINE_TEST_PROXY_DROP,    /* forward; close the connection instead of answering */
  BYLINE_TEST_PROXY_LATE,    /* forward; answer after BYLINE_TEST_PROXY_LATE_SECONDS */
  BYLINE_TEST_PROXY_STALL,   /* stop reading the request's body: the upload times out */
  BYLINE_TEST_PROXY_HOLD,    /* forward; keep the answer (the test kills the client) */
  BYLINE_TEST_PROXY_REFUSE,  /* close the connection without forwarding: unreachable */
} BylineTestProxyAction;

#define BYLINE_TEST_PROXY_LATE_SECONDS 8

typedef struct _BylineTestProxy BylineTestProxy;

BylineTestProxy *byline_test_proxy_new        (const char            *target);
void             byline_test_proxy_free       (BylineTestProxy       *proxy);
char            *byline_test_proxy_rest_root  (BylineTestProxy       *proxy);
/* @action applies to request @number (from 1) counted from now, or with
 * @posts_only to the @number-th POST; @number 0 applies it to all. */
void             byline_test_proxy_set        (BylineTestProxy       *proxy,
                                               guint                  number,
                                               BylineTestProxyAction  action,
                                               gboolean               posts_only);
/* Drops this share of all answers at random (a seeded generator). */
void             byline_test_proxy_set_drop_percent (BylineTestProxy *proxy,
                                                     guint            percent);
guint            byline_test_proxy_get_requests (BylineTestProxy     *proxy);
guint            byline_test_proxy_get_dropped  (BylineTestProxy     *proxy);
/* Waits (at most 60 s) until an answer is held; returns whether one is. */
gboolean         byline_test_proxy_wait_held    (BylineTestProxy     *proxy);

G_END_DECLS
