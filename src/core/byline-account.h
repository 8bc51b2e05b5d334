/* byline-account.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-portal-types.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ACCOUNT (byline_account_get_type ())

G_DECLARE_FINAL_TYPE (BylineAccount, byline_account, BYLINE, ACCOUNT, GObject)

BylineAccount    *byline_account_new           (const char    *id,
                                                const char    *name,
                                                const char    *site_url,
                                                const char    *rest_url,
                                                const char    *site_name,
                                                const char    *username);
const char       *byline_account_get_id        (BylineAccount *self);
const char       *byline_account_get_name      (BylineAccount *self);
const char       *byline_account_get_site_url  (BylineAccount *self);
const char       *byline_account_get_rest_url  (BylineAccount *self);
const char       *byline_account_get_site_name (BylineAccount *self);
const char       *byline_account_get_username  (BylineAccount *self);
BylinePortalSite *byline_account_dup_site      (BylineAccount *self);

G_END_DECLS
