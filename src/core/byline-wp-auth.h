/* byline-wp-auth.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-portal-types.h"

G_BEGIN_DECLS

/* WordPress's application authorization flow: the user approves Byline in
 * the browser (wp-admin/authorize-application.php) and WordPress sends the
 * new application password back to Byline's URI scheme, so it never has to
 * be copied by hand. */

/* Identifies Byline to WordPress (its "app_id"); the same for every copy. */
#define BYLINE_WP_AUTH_APP_ID  "98d3b813-98bc-469a-b94d-046d5ea4f72e"
/* Registered by the desktop file (x-scheme-handler). */
#define BYLINE_WP_AUTH_SCHEME  "io.github.bylineapp.byline"

typedef struct
{
  char *state;       /* the nonce Byline sent, to match the request */
  char *site_url;
  char *user_login;
  char *password;    /* wiped when freed */
} BylineWpAuthReply;

char              *byline_wp_auth_new_state        (void);
char              *byline_wp_auth_app_name         (void);
char              *byline_wp_auth_build_url        (BylinePortalSite   *site,
                                                    const char         *app_name,
                                                    const char         *state,
                                                    GError            **error);
gboolean           byline_wp_auth_is_callback      (const char         *uri);
BylineWpAuthReply *byline_wp_auth_parse_callback   (const char         *uri,
                                                    GError            **error);
void               byline_wp_auth_reply_free       (BylineWpAuthReply  *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineWpAuthReply, byline_wp_auth_reply_free)

G_END_DECLS
