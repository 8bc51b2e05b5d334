/* byline-wp-portal.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "byline-portal.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_WP_PORTAL (byline_wp_portal_get_type ())

G_DECLARE_FINAL_TYPE (BylineWpPortal, byline_wp_portal, BYLINE, WP_PORTAL, GObject)

BylineWpPortal   *byline_wp_portal_new              (SoupSession          *session,
                                                     BylinePortalSite     *site,
                                                     const char           *username,
                                                     const char           *password);

void              byline_wp_portal_discover_async   (SoupSession          *session,
                                                     const char           *address,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
BylinePortalSite *byline_wp_portal_discover_finish  (GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
