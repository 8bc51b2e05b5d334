/* byline-cli-account.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "byline-cli.h"
#include "byline-error.h"
#include "byline-portal-messages.h"
#include "byline-wp-auth.h"
#include "byline-wp-portal.h"

/* byline-cli account add|list|remove */

static BylinePortalSite *
discover (const char  *url,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_wp_portal_discover_async (byline_cli_get_session (), url, NULL,
                                   byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_wp_portal_discover_finish (result, error);
}

static BylinePortalUser *
sign_in (BylinePortalSite  *site,
         const char        *username,
         const char        *password,
         GError           **error)
{
  g_autoptr(BylineWpPortal) portal = byline_wp_portal_new (byline_cli_get_session (), site,
                                                           username, password);
  g_autoptr(GAsyncResult) result = NULL;

  byline_portal_get_user_async (BYLINE_PORTAL (portal), NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);

  return byline_portal_get_user_finish (BYLINE_PORTAL (portal), result, error);
}

/* The browser flow: WordPress sends the new password to Byline's URI
 * scheme; a terminal has no scheme handler, so the user opens the page
 * (on any computer) and pastes the address the browser was sent to. */
static BylineWpAuthReply *
authorize (BylinePortalSite  *site,
           GError           **error)
{
  g_autofree char *state = byline_wp_auth_new_state ();
  g_autofree char *app_name = byline_wp_auth_app_name ();
  g_autofree char *url = NULL;
  g_autoptr(BylineCliSecret) line = NULL;
  g_autoptr(BylineWpAuthReply) reply = NULL;

  url = byline_wp_auth_build_url (site, app_name, state, error);
  if (url == NULL)
    return NULL;

  fprintf (stderr, "%s\n%s\n%s\n",
           _("Open this address in a browser, sign in and approve Byline:"), url,
           _("Then paste here the io.github.bylineapp.byline:// address the browser was sent to:"));
  line = byline_cli_read_secret_line ();
  if (line == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED, "No answer on stdin");
      return NULL;
    }

  reply = byline_wp_auth_parse_callback (g_strstrip (line), error);
  if (reply == NULL)
    return NULL;

  if (g_strcmp0 (reply->state, state) != 0)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                           _("This answer belongs to another sign-in; start again."));
      return NULL;
    }

  return g_steal_pointer (&reply);
}

static int
account_add (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  gboolean password_stdin = FALSE;
  gboolean browser = FALSE;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The account’s name, for --account"),
      N_("NAME") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The portal’s address"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the portal"), N_("LOGIN") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the application password from standard input"), NULL },
    { "authorize", 0, 0, G_OPTION_ARG_NONE, &browser,
      N_("Approve Byline in the browser instead of giving a password"), NULL },
    { NULL }
  };
  BylineAccountStore *store = byline_cli_get_accounts ();
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(BylinePortalUser) identity = NULL;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(BylineCliSecret) password = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *can = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Add a portal account. The application password is "
                                           "kept in the keyring, never in a file."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", error->message);

  if (name == NULL || url == NULL || password_stdin == browser || (password_stdin && user == NULL))
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli account add --name NAME --url URL "
                              "(--user LOGIN --password-stdin | --authorize)"));

  if (byline_account_store_find (store, name) != NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE,
                            _("An account called “%s” exists already."), name);

  if (!byline_account_store_check_address (store, url, NULL))
    {
      g_autofree char *preset = byline_account_store_get_preset_url (store);

      return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE,
                              _("This computer only allows accounts on %s."), preset);
    }

  if (password_stdin)
    {
      password = byline_cli_read_secret_line ();
      if (password == NULL || *password == '\0')
        return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                                _("No application password on standard input."));
    }

  site = discover (url, &error);
  if (site == NULL)
    return byline_cli_fail_portal (error);

  if (browser)
    {
      g_autoptr(BylineWpAuthReply) reply = authorize (site, &error);

      if (reply == NULL)
        return byline_cli_fail_portal (error);
      if (user != NULL && g_strcmp0 (user, reply->user_login) != 0)
        return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE,
                                _("The browser signed in as “%s”, not “%s”."),
                                reply->user_login, user);
      g_free (user);
      user = g_strdup (reply->user_login);
      password = g_strdup (reply->password);
    }

  /* Only credentials the portal accepts are kept. */
  identity = sign_in (site, user, password, &error);
  if (identity == NULL)
    return byline_cli_fail_portal (error);

  byline_account_store_add_async (store, name, site, user, password, NULL,
                                  byline_cli_store_result, &result);
  byline_cli_wait (&result);
  account = byline_account_store_add_finish (store, result, &error);
  if (account == NULL)
    return byline_cli_fail_portal (error);

  can = byline_portal_caps_describe (identity->caps);
  /* Translators: “account name”: display name (role) on portal name. What the role allows. */
  printf (_("“%s”: %s (%s) on %s. %s.\n"), name, identity->name,
          byline_portal_role_name (byline_portal_user_get_role (identity)),
          byline_account_get_site_name (account), can);

  return BYLINE_CLI_EXIT_OK;
}

static int
account_list (int    argc,
              char **argv)
{
  GListModel *accounts = G_LIST_MODEL (byline_cli_get_accounts ());

  if (argc > 1)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s", _("Usage: byline-cli account list"));

  /* One account per line, tab-separated: name, user name, portal address. */
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, i);

      printf ("%s\t%s\t%s\n", byline_account_get_name (account),
              byline_account_get_username (account), byline_account_get_site_url (account));
    }

  return BYLINE_CLI_EXIT_OK;
}

static int
account_remove (int    argc,
                char **argv)
{
  BylineAccountStore *store = byline_cli_get_accounts ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BylineAccount *account;

  if (argc != 2)
    return byline_cli_fail (BYLINE_CLI_EXIT_USAGE, "%s",
                            _("Usage: byline-cli account remove NAME"));

  account = byline_account_store_find (store, argv[1]);
  if (account == NULL)
    return byline_cli_fail (BYLINE_CLI_EXIT_FAILURE,
                            _("There is no account called “%s”. See “byline-cli account list”."),
                            argv[1]);

  byline_account_store_remove_async (store, account, NULL, byline_cli_store_result, &result);
  byline_cli_wait (&result);
  if (!byline_account_store_remove_finish (store, result, &error))
    return byline_cli_fail_portal (error);

  /* Settings go to dconf asynchronously: make sure they are written. */
  g_settings_sync ();

  return BYLINE_CLI_EXIT_OK;
}

static const BylineCliCommand account_commands[] = {
  { "add", N_("Add an account: the password is kept in the keyring"), account_add },
  { "list", N_("List the accounts, one per line"), account_list },
  { "remove", N_("Remove an account and its password"), account_remove },
  { NULL, NULL, NULL }
};

/**
 * byline_cli_account:
 *
 * `byline-cli account add|list|remove`
 */
int
byline_cli_account (int    argc,
                    char **argv)
{
  int status;

  status = byline_cli_dispatch ("account", _("Usage: byline-cli account add|list|remove …"),
                                account_commands, argc, argv);
  /* Written before the process ends, not at some later idle. */
  g_settings_sync ();

  return status;
}
