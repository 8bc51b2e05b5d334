/* byline-secret.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-accounts"

#include "config.h"

#include "byline-error.h"
#include "byline-secret.h"

/**
 * byline_secret_get_schema:
 *
 * Application passwords live in the keyring (the Secret Service, or the
 * secret portal inside Flatpak) under this schema, found by the portal's
 * REST root and the user name. They are never written anywhere else.
 */
const SecretSchema *
byline_secret_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.bylineapp.Byline.Portal",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "site", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "user", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

static GHashTable *
attributes_new (const char *site,
                const char *username)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "site", (gpointer) site);
  g_hash_table_insert (attributes, (gpointer) "user", (gpointer) username);

  return attributes;
}

static GError *
keyring_error (GError *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    mapped = g_error_new_literal (BYLINE_ERROR, BYLINE_ERROR_CANCELLED, error->message);
  else
    mapped = g_error_new (BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                          "The keyring is not available: %s", error->message);
  g_error_free (error);

  return mapped;
}

static GTask *
secret_task_new (gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Cancellation comes back as BYLINE_ERROR_CANCELLED from keyring_error(). */
  g_task_set_check_cancellable (task, FALSE);

  return task;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, keyring_error (error));
}

/**
 * byline_secret_store_async:
 * @site: the portal's REST root, as kept in the account's settings
 * @label: what keyring managers (Seahorse) show for the item
 *
 * Stores or replaces the application password for @username on @site.
 */
void
byline_secret_store_async (const char          *site,
                           const char          *username,
                           const char          *label,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (site != NULL && username != NULL && label != NULL && password != NULL);

  task = secret_task_new (byline_secret_store_async, cancellable, callback, user_data);
  attributes = attributes_new (site, username);
  secret_password_storev (byline_secret_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, password, cancellable, store_cb, task);
}

gboolean
byline_secret_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * byline_secret_lookup_async:
 *
 * Looks up the application password for @username on @site.
 */
void
byline_secret_lookup_async (const char          *site,
                            const char          *username,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (site != NULL && username != NULL);

  task = secret_task_new (byline_secret_lookup_async, cancellable, callback, user_data);
  attributes = attributes_new (site, username);
  secret_password_lookupv (byline_secret_get_schema (), attributes, cancellable, lookup_cb, task);
}

/**
 * byline_secret_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the password, to free with
 *   byline_secret_free(); %NULL without an error when there is none
 */
char *
byline_secret_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * byline_secret_clear_async:
 *
 * Removes the application password for @username on @site, if any.
 */
void
byline_secret_clear_async (const char          *site,
                           const char          *username,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (site != NULL && username != NULL);

  task = secret_task_new (byline_secret_clear_async, cancellable, callback, user_data);
  attributes = attributes_new (site, username);
  secret_password_clearv (byline_secret_get_schema (), attributes, cancellable, clear_cb, task);
}

gboolean
byline_secret_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * byline_secret_free:
 *
 * Wipes and frees a password from byline_secret_lookup_finish().
 */
void
byline_secret_free (char *password)
{
  secret_password_free (password);
}
