/* byline-test-core.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "byline-portal.h"

G_BEGIN_DECLS

/* Headless helpers shared by the core, portal and ui suites. */

/* Runs an async call and returns what its finish function returns,
 * spinning the main context meanwhile; short, as tests use it on every
 * other line: RUN (foo_async (…, NULL, byline_test_store_result, &_result),
 * foo_finish, obj, _result, &error). */
#define RUN(call, finish, ...)                                                  \
  ({                                                                            \
    g_autoptr(GAsyncResult) _result = NULL;                                     \
    call;                                                                       \
    byline_test_wait_result (&_result);                                         \
    finish (__VA_ARGS__);                                                       \
  })

/* Iterates the default main context until *@result is set (by
 * byline_test_store_result()) or 30 s pass; fails the test on timeout. */
void          byline_test_wait_result            (GAsyncResult  **result);
/* A GAsyncReadyCallback storing a reference to the result in user_data,
 * a GAsyncResult **. */
void          byline_test_store_result           (GObject        *object,
                                                  GAsyncResult   *result,
                                                  gpointer        user_data);

/* The running test portal: the JSON of tests/portal/byline-test-portal
 * named by $BYLINE_TEST_PORTAL, when its web server answers. */
typedef struct
{
  JsonNode   *root;
  const char *base_url;
  const char *rest_url;
  const char *rest_url_plain;
  const char *dir;
} BylineTestPortal;

BylineTestPortal *byline_test_portal_get         (char          **why_not);
/* Prints a TAP skip with the reason and exits when there is no portal. */
BylineTestPortal *byline_test_portal_require     (void);
const char       *byline_test_portal_user        (BylineTestPortal *portal,
                                                  const char       *role,
                                                  const char       *field);
gint64            byline_test_portal_user_id     (BylineTestPortal *portal,
                                                  const char       *role);
/* The test portal's site, discovered through @session; fails the test
 * when it cannot be. */
BylinePortalSite *byline_test_portal_discover    (BylineTestPortal *portal,
                                                  SoupSession      *session);
/* A BylineWpPortal signed in as @role with its application password; no
 * request is made. */
BylinePortal     *byline_test_portal_sign_in     (BylineTestPortal *portal,
                                                  SoupSession      *session,
                                                  BylinePortalSite *site,
                                                  const char       *role);
/* Post @id as @portal reads it; fails the test on an error. */
BylinePortalPost *byline_test_get_post           (BylinePortal     *portal,
                                                  gint64            id);
/* A new post as @portal writes it; fails the test on an error. */
BylinePortalPost *byline_test_create_post        (BylinePortal           *portal,
                                                  const char             *title,
                                                  const char             *content,
                                                  BylinePortalPostStatus  status);
/* How many posts ("posts") or media items ("media") of any status match
 * @search, counted by @role with a GET on the REST API itself (not
 * through Byline). */
guint             byline_test_portal_count       (BylineTestPortal *portal,
                                                  const char       *role,
                                                  const char       *collection,
                                                  const char       *search);
/* WordPress's own block parser (tests/tools/wp-block-validate, strict)
 * must open @markup in the block editor without a complaint. Needs
 * Node.js, jsdom and Debian's wordpress package, which build-aux/dev test
 * installs; without them the check is skipped with a message. */
void              byline_test_assert_wordpress_validates (const char *markup);
/* Plays the user's browser on WordPress's authorization page (logging in
 * as @role, then doing what wp-admin/js/auth-app.js does on "approve" or
 * "reject") and returns the address WordPress sends the browser to. */
char             *byline_test_portal_authorize   (BylineTestPortal *portal,
                                                  const char       *role,
                                                  const char       *authorize_url,
                                                  gboolean          approve);

/* Removes a temporary folder and what it holds, without following links. */
void              byline_test_remove_tree        (const char       *path);

/* A SoupServer on 127.0.0.1 running in its own thread and main context,
 * so clients can use any API from the test's thread. Handlers run in the
 * server thread. */
typedef struct _BylineTestServer BylineTestServer;

BylineTestServer *byline_test_server_new         (GTlsCertificate   *certificate);
void              byline_test_server_add_handler (BylineTestServer  *server,
                                                  const char        *path,
                                                  SoupServerCallback callback,
                                                  gpointer           user_data);
void              byline_test_server_start       (BylineTestServer  *server);
/* For connecting signals before byline_test_server_start(). */
SoupServer       *byline_test_server_get_server  (BylineTestServer  *server);
char             *byline_test_server_url         (BylineTestServer  *server,
                                                  const char        *path);
guint             byline_test_server_port        (BylineTestServer  *server);
/* The server thread's main context, for objects that must live there. */
GMainContext     *byline_test_server_get_context (BylineTestServer  *server);
void              byline_test_server_free        (BylineTestServer  *server);

/* In a handler: answer after @delay_ms without blocking the server thread. */
void              byline_test_server_respond_later (SoupServerMessage *message,
                                                    guint              delay_ms,
                                                    guint              status,
                                                    const char        *content_type,
                                                    const char        *body);
/* In a handler: take over the connection, write @raw (a whole HTTP answer,
 * possibly cut short) and close it. */
void              byline_test_server_respond_raw (SoupServerMessage *message,
                                                  const char        *raw,
                                                  gssize             length);

G_END_DECLS
