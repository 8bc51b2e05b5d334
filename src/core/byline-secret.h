/* byline-secret.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* A password from the keyring: wiped from memory when freed. */
typedef char BylineSecretPassword;

const SecretSchema *byline_secret_get_schema   (void) G_GNUC_CONST;

void                byline_secret_store_async  (const char           *site,
                                                const char           *username,
                                                const char           *label,
                                                const char           *password,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean            byline_secret_store_finish (GAsyncResult         *result,
                                                GError              **error);

void                byline_secret_lookup_async  (const char          *site,
                                                 const char          *username,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char               *byline_secret_lookup_finish (GAsyncResult        *result,
                                                 GError             **error);

void                byline_secret_clear_async  (const char           *site,
                                                const char           *username,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean            byline_secret_clear_finish (GAsyncResult         *result,
                                                GError              **error);

void                byline_secret_free         (char                 *password);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineSecretPassword, byline_secret_free)

G_END_DECLS
