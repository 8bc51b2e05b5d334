/* byline-account-store.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-store.h"
#include "byline-error.h"
#include "byline-secret.h"
#include "byline-wp-json.h"
#include "byline-wp-portal.h"

/**
 * BylineAccountStore:
 *
 * The portal accounts, as a #GListModel of #BylineAccount. Each account's
 * settings live under `/io/github/bylineapp/Byline/accounts/ID/` (schema
 * `io.github.bylineapp.Byline.Account`), the list of ids in the main
 * schema's `accounts` key, the application passwords in the keyring.
 *
 * An administrator may preset the portal's address (`default-portal-url`)
 * and allow only that portal (`portal-url-locked`) for every user of a
 * computer through GSettings defaults; see README.md.
 */

#define ACCOUNT_SCHEMA "io.github.bylineapp.Byline.Account"
#define ACCOUNT_PATH   "/io/github/bylineapp/Byline/accounts/"

struct _BylineAccountStore
{
  GObject parent_instance;

  /* Owned */
  GSettings *settings;
  GPtrArray *accounts;
};

static void byline_account_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineAccountStore, byline_account_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      byline_account_store_list_model_init))

static GSettings *
account_settings_new (BylineAccountStore *self,
                      const char         *id)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autofree char *path = g_strconcat (ACCOUNT_PATH, id, "/", NULL);

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            ACCOUNT_SCHEMA, TRUE);
  g_return_val_if_fail (schema != NULL, NULL);

  /* Same backend as the main settings (the memory one in tests). */
  g_object_get (self->settings, "backend", &backend, NULL);

  return g_settings_new_full (schema, backend, path);
}

static gboolean
valid_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

static BylineAccount *
load_account (BylineAccountStore *self,
              const char         *id)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *name = NULL;
  g_autofree char *site_url = NULL;
  g_autofree char *rest_url = NULL;
  g_autofree char *site_name = NULL;
  g_autofree char *username = NULL;

  if (!valid_id (id) || (settings = account_settings_new (self, id)) == NULL)
    return NULL;

  name = g_settings_get_string (settings, "name");
  site_url = g_settings_get_string (settings, "site-url");
  rest_url = g_settings_get_string (settings, "rest-url");
  site_name = g_settings_get_string (settings, "site-name");
  username = g_settings_get_string (settings, "username");

  /* Half-written or hand-edited entries are left out, not half shown. */
  if (*name == '\0' || *site_url == '\0' || *rest_url == '\0' || *username == '\0')
    {
      g_debug ("Skipping incomplete account %s", id);
      return NULL;
    }

  return byline_account_new (id, name, site_url, rest_url, site_name, username);
}

static BylineAccount *
find_by_id (BylineAccountStore *self,
            const char         *id)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      BylineAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (byline_account_get_id (account), id))
        return account;
    }

  return NULL;
}

static gboolean
same_account (BylineAccount *a,
              BylineAccount *b)
{
  return g_str_equal (byline_account_get_name (a), byline_account_get_name (b)) &&
         g_str_equal (byline_account_get_site_url (a), byline_account_get_site_url (b)) &&
         g_str_equal (byline_account_get_rest_url (a), byline_account_get_rest_url (b)) &&
         g_str_equal (byline_account_get_site_name (a), byline_account_get_site_name (b)) &&
         g_str_equal (byline_account_get_username (a), byline_account_get_username (b));
}

static void
reload (BylineAccountStore *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->settings, "accounts");
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->accounts);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  guint removed = old->len;

  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      BylineAccount *account = NULL;

      /* Keep the objects of unchanged accounts, so views keep their rows. */
      for (guint j = 0; j < old->len; j++)
        {
          BylineAccount *candidate = g_ptr_array_index (old, j);

          if (g_str_equal (byline_account_get_id (candidate), ids[i]))
            {
              g_autoptr(BylineAccount) fresh = load_account (self, ids[i]);

              if (fresh != NULL && same_account (fresh, candidate))
                account = g_object_ref (candidate);
              else if (fresh != NULL)
                account = g_steal_pointer (&fresh);
              break;
            }
        }
      if (account == NULL)
        account = load_account (self, ids[i]);
      if (account == NULL || find_by_id (self, ids[i]) != NULL ||
          g_hash_table_contains (names, byline_account_get_name (account)))
        {
          g_clear_object (&account);
          continue;
        }

      g_hash_table_add (names, (gpointer) byline_account_get_name (account));
      g_ptr_array_add (self->accounts, account);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->accounts->len);
}

static void
on_accounts_changed (GSettings          *settings,
                     const char         *key,
                     BylineAccountStore *self)
{
  reload (self);
}

/**
 * byline_account_store_new:
 * @settings: the application's main settings (schema io.github.bylineapp.Byline)
 *
 * Returns: (transfer full): the store, loaded
 */
BylineAccountStore *
byline_account_store_new (GSettings *settings)
{
  BylineAccountStore *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (BYLINE_TYPE_ACCOUNT_STORE, NULL);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed::accounts", G_CALLBACK (on_accounts_changed),
                           self, 0);
  reload (self);

  return self;
}

/**
 * byline_account_store_find:
 *
 * Returns: (transfer none) (nullable): the account called @name
 */
BylineAccount *
byline_account_store_find (BylineAccountStore *self,
                           const char         *name)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      BylineAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (byline_account_get_name (account), name))
        return account;
    }

  return NULL;
}

/**
 * byline_account_store_get_preset_url:
 *
 * Returns: (transfer full) (nullable): the portal address an administrator
 *   set for this computer, or %NULL
 */
char *
byline_account_store_get_preset_url (BylineAccountStore *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (BYLINE_IS_ACCOUNT_STORE (self), NULL);

  url = g_strstrip (g_settings_get_string (self->settings, "default-portal-url"));

  return *url != '\0' ? g_steal_pointer (&url) : NULL;
}

/**
 * byline_account_store_is_url_locked:
 *
 * Returns: whether accounts may only be added for the preset portal
 */
gboolean
byline_account_store_is_url_locked (BylineAccountStore *self)
{
  g_autofree char *preset = NULL;

  g_return_val_if_fail (BYLINE_IS_ACCOUNT_STORE (self), FALSE);

  preset = byline_account_store_get_preset_url (self);

  return preset != NULL && g_settings_get_boolean (self->settings, "portal-url-locked");
}

static char *
normalized (const char *address)
{
  g_autoptr(GUri) uri = byline_wp_normalize_address (address, NULL);

  return uri != NULL ? g_uri_to_string (uri) : NULL;
}

/**
 * byline_account_store_check_address:
 *
 * Whether an account may be added for @address on this computer: always,
 * unless an administrator allowed only the preset portal.
 *
 * Returns: %TRUE, or %FALSE with %BYLINE_ERROR_INVALID_INPUT
 */
gboolean
byline_account_store_check_address (BylineAccountStore  *self,
                                    const char          *address,
                                    GError             **error)
{
  g_autofree char *preset = NULL;
  g_autofree char *want = NULL;
  g_autofree char *have = NULL;

  g_return_val_if_fail (BYLINE_IS_ACCOUNT_STORE (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!byline_account_store_is_url_locked (self))
    return TRUE;

  preset = byline_account_store_get_preset_url (self);
  want = normalized (preset);
  have = normalized (address);
  if (want != NULL && g_strcmp0 (want, have) == 0)
    return TRUE;

  g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
               "Only the portal %s may be used on this computer", preset);
  return FALSE;
}

/**
 * byline_account_store_suggest_name:
 *
 * Returns: (transfer full): an unused account name like "user@host"
 */
char *
byline_account_store_suggest_name (BylineAccountStore *self,
                                   const char         *username,
                                   const char         *site_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *base = NULL;
  char *name;

  g_return_val_if_fail (BYLINE_IS_ACCOUNT_STORE (self), NULL);
  g_return_val_if_fail (username != NULL && site_url != NULL, NULL);

  uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  base = g_strdup_printf ("%s@%s", username,
                          uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                                      : site_url);
  name = g_strdup (base);
  for (guint n = 2; byline_account_store_find (self, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, n);
    }

  return name;
}

/* Adding */

typedef struct
{
  char             *name;
  BylinePortalSite *site;
  char             *site_url;
  char             *username;
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->name);
  g_clear_pointer (&data->site, byline_portal_site_unref);
  g_free (data->site_url);
  g_free (data->username);
  g_free (data);
}

static void
add_stored_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccountStore *self = g_task_get_source_object (task);
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) new_ids = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *id = NULL;
  BylineAccount *account;
  GError *error = NULL;

  if (!byline_secret_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  uuid = g_uuid_string_random ();
  id = g_strdelimit (g_strdup (uuid), "-", '_');
  settings = account_settings_new (self, id);
  g_settings_delay (settings);
  g_settings_set_string (settings, "name", data->name);
  g_settings_set_string (settings, "site-url", data->site_url);
  g_settings_set_string (settings, "rest-url", data->site->rest_root);
  g_settings_set_string (settings, "site-name", data->site->name != NULL ? data->site->name : "");
  g_settings_set_string (settings, "username", data->username);
  g_settings_apply (settings);

  ids = g_settings_get_strv (self->settings, "accounts");
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) ids);
  g_strv_builder_add (builder, id);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "accounts", (const char * const *) new_ids);

  /* changed::accounts may come later (dconf): load it now. */
  if (find_by_id (self, id) == NULL)
    reload (self);

  account = find_by_id (self, id);
  if (account == NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                               "The account could not be saved in the settings");
      return;
    }

  g_debug ("Added account %s (%s on %s)", data->name, data->username, data->site_url);
  g_task_return_pointer (task, g_object_ref (account), g_object_unref);
}

/**
 * byline_account_store_add_async:
 * @name: the account's name, unique among the accounts
 * @site: the site from byline_wp_portal_discover_async()
 * @password: the application password, checked by the caller (sign-in)
 *
 * Stores the password in the keyring, then the account in the settings.
 * Fails with %BYLINE_ERROR_INVALID_INPUT for a name in use, an account
 * that exists already, or a portal this computer does not allow, and with
 * %BYLINE_ERROR_STORAGE when the keyring cannot be reached (nothing is
 * saved then).
 */
void
byline_account_store_add_async (BylineAccountStore  *self,
                                const char          *name,
                                BylinePortalSite    *site,
                                const char          *username,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  AddData *data;
  const char *site_url;

  g_return_if_fail (BYLINE_IS_ACCOUNT_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (site != NULL && site->rest_root != NULL);
  g_return_if_fail (username != NULL && password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_account_store_add_async);
  g_task_set_check_cancellable (task, FALSE);

  site_url = site->address != NULL ? site->address : site->rest_root;

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "The account needs a name");
      return;
    }

  if (byline_account_store_find (self, name) != NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "An account called “%s” exists already", name);
      return;
    }

  for (guint i = 0; i < self->accounts->len; i++)
    {
      BylineAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_str_equal (byline_account_get_rest_url (account), site->rest_root) &&
          g_str_equal (byline_account_get_username (account), username))
        {
          g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                                   "%s on %s is already the account “%s”", username, site_url,
                                   byline_account_get_name (account));
          return;
        }
    }

  if (!byline_account_store_check_address (self, site_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (AddData, 1);
  data->name = g_strdup (name);
  data->site = byline_portal_site_ref (site);
  data->site_url = g_strdup (site_url);
  data->username = g_strdup (username);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);

  /* Translators: the label of a password in the keyring (Seahorse);
   * the first %s is a user name, the second a portal's name or address */
  label = g_strdup_printf (_("Byline: %s on %s"), username,
                           site->name != NULL && *site->name != '\0' ? site->name : site_url);
  byline_secret_store_async (site->rest_root, username, label, password, cancellable,
                             add_stored_cb, g_steal_pointer (&task));
}

/**
 * byline_account_store_add_finish:
 *
 * Returns: (transfer full): the new account
 */
BylineAccount *
byline_account_store_add_finish (BylineAccountStore  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removing */

static void
remove_cleared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccountStore *self = g_task_get_source_object (task);
  BylineAccount *account = g_task_get_task_data (task);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) new_ids = NULL;
  g_auto(GStrv) keys = NULL;
  GError *error = NULL;

  /* The password goes first: a failure leaves the account as it was. */
  if (!byline_secret_clear_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  settings = account_settings_new (self, byline_account_get_id (account));
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  ids = g_settings_get_strv (self->settings, "accounts");
  builder = g_strv_builder_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    if (!g_str_equal (ids[i], byline_account_get_id (account)))
      g_strv_builder_add (builder, ids[i]);
  new_ids = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "accounts", (const char * const *) new_ids);

  if (find_by_id (self, byline_account_get_id (account)) != NULL)
    reload (self);

  g_debug ("Removed account %s", byline_account_get_name (account));
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_account_store_remove_async:
 *
 * Forgets @account: its password in the keyring, then its settings. The
 * posts on the portal are not touched.
 */
void
byline_account_store_remove_async (BylineAccountStore  *self,
                                   BylineAccount       *account,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_ACCOUNT_STORE (self));
  g_return_if_fail (BYLINE_IS_ACCOUNT (account));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_account_store_remove_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (account), g_object_unref);

  byline_secret_clear_async (byline_account_get_rest_url (account),
                             byline_account_get_username (account),
                             cancellable, remove_cleared_cb, task);
}

gboolean
byline_account_store_remove_finish (BylineAccountStore  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Opening a portal */

static void
open_lookup_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineAccount *account = g_object_get_data (G_OBJECT (task), "account");
  SoupSession *session = g_task_get_task_data (task);
  g_autoptr(BylineSecretPassword) password = NULL;
  g_autoptr(BylinePortalSite) site = NULL;
  GError *error = NULL;

  password = byline_secret_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (password == NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_AUTH,
                               "No password for %s in the keyring",
                               byline_account_get_name (account));
      return;
    }

  site = byline_account_dup_site (account);
  g_task_return_pointer (task,
                         byline_wp_portal_new (session, site,
                                               byline_account_get_username (account), password),
                         g_object_unref);
}

/**
 * byline_account_store_open_portal_async:
 * @session: a session from byline_http_session_new()
 *
 * Reads the account's password from the keyring and makes the portal
 * connection (nothing is sent yet). Fails with %BYLINE_ERROR_AUTH when the
 * keyring has no password for it.
 */
void
byline_account_store_open_portal_async (BylineAccountStore  *self,
                                        BylineAccount       *account,
                                        SoupSession         *session,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (BYLINE_IS_ACCOUNT_STORE (self));
  g_return_if_fail (BYLINE_IS_ACCOUNT (account));
  g_return_if_fail (SOUP_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_account_store_open_portal_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (session), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "account", g_object_ref (account), g_object_unref);

  byline_secret_lookup_async (byline_account_get_rest_url (account),
                              byline_account_get_username (account),
                              cancellable, open_lookup_cb, task);
}

/**
 * byline_account_store_open_portal_finish:
 *
 * Returns: (transfer full): the portal, signed in as the account's user
 */
BylinePortal *
byline_account_store_open_portal_finish (BylineAccountStore  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GListModel */

static GType
byline_account_store_get_item_type (GListModel *model)
{
  return BYLINE_TYPE_ACCOUNT;
}

static guint
byline_account_store_get_n_items (GListModel *model)
{
  return BYLINE_ACCOUNT_STORE (model)->accounts->len;
}

static gpointer
byline_account_store_get_item (GListModel *model,
                               guint       position)
{
  BylineAccountStore *self = BYLINE_ACCOUNT_STORE (model);

  if (position >= self->accounts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
byline_account_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = byline_account_store_get_item_type;
  iface->get_n_items = byline_account_store_get_n_items;
  iface->get_item = byline_account_store_get_item;
}

static void
byline_account_store_finalize (GObject *object)
{
  BylineAccountStore *self = BYLINE_ACCOUNT_STORE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_account_store_parent_class)->finalize (object);
}

static void
byline_account_store_class_init (BylineAccountStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_account_store_finalize;
}

static void
byline_account_store_init (BylineAccountStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}
