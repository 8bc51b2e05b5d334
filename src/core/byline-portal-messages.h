/* byline-portal-messages.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "byline-portal-types.h"

G_BEGIN_DECLS

/* Translated sentences about portals for people, shared by the application
 * and byline-cli (neither shows a core GError's developer message alone). */

char       *byline_portal_error_message  (const GError     *error);
const char *byline_portal_role_name      (const char       *role);
char       *byline_portal_caps_describe  (BylinePortalCaps  caps);

G_END_DECLS
