/* byline-account-store.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "byline-account.h"
#include "byline-portal.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_ACCOUNT_STORE (byline_account_store_get_type ())

G_DECLARE_FINAL_TYPE (BylineAccountStore, byline_account_store, BYLINE, ACCOUNT_STORE, GObject)

BylineAccountStore *byline_account_store_new                (GSettings            *settings);
BylineAccount      *byline_account_store_find               (BylineAccountStore   *self,
                                                             const char           *name);
char               *byline_account_store_get_preset_url     (BylineAccountStore   *self);
gboolean            byline_account_store_is_url_locked      (BylineAccountStore   *self);
gboolean            byline_account_store_check_address      (BylineAccountStore   *self,
                                                             const char           *address,
                                                             GError              **error);
char               *byline_account_store_suggest_name       (BylineAccountStore   *self,
                                                             const char           *username,
                                                             const char           *site_url);

void                byline_account_store_add_async          (BylineAccountStore   *self,
                                                             const char           *name,
                                                             BylinePortalSite     *site,
                                                             const char           *username,
                                                             const char           *password,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
BylineAccount      *byline_account_store_add_finish         (BylineAccountStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                byline_account_store_remove_async       (BylineAccountStore   *self,
                                                             BylineAccount        *account,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            byline_account_store_remove_finish      (BylineAccountStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                byline_account_store_open_portal_async  (BylineAccountStore   *self,
                                                             BylineAccount        *account,
                                                             SoupSession          *session,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
BylinePortal       *byline_account_store_open_portal_finish (BylineAccountStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
