/* byline-wp-auth.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-wp"

#include "config.h"

#include "byline-error.h"
#include "byline-wp-auth.h"

#define CALLBACK_BASE BYLINE_WP_AUTH_SCHEME "://auth/callback"

/**
 * byline_wp_auth_new_state:
 *
 * Returns: (transfer full): a random nonce tying a browser sign-in to the
 *   request Byline made (any other callback is refused)
 */
char *
byline_wp_auth_new_state (void)
{
  return g_strdup_printf ("%08x%08x%08x%08x", g_random_int (), g_random_int (),
                          g_random_int (), g_random_int ());
}

/**
 * byline_wp_auth_app_name:
 *
 * WordPress refuses a second application password with the same name for
 * a user, and lists them in the user's profile: name each sign-in after
 * the computer and the time.
 *
 * Returns: (transfer full): e.g. "Byline on reporter-pc (2026-11-29 08:30)"
 */
char *
byline_wp_auth_app_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");

  return g_strdup_printf ("Byline on %s (%s)", g_get_host_name (), when);
}

/**
 * byline_wp_auth_build_url:
 * @site: a discovered site, with its authorization page
 * @app_name: the name WordPress shows for the new application password
 * @state: from byline_wp_auth_new_state()
 *
 * The page to open in the browser. WordPress 6.1.9 (with the 6.3.2 rule
 * Debian carries) wants a success URL with a scheme and a host: Byline's
 * is `io.github.bylineapp.byline://auth/callback?state=…`, and WordPress
 * adds `site_url`, `user_login` and `password` to it, or `success=false`
 * when the user declines.
 *
 * Returns: (transfer full): the URL, or %NULL with
 *   %BYLINE_ERROR_NO_APP_PASSWORDS when the site has no such page
 */
char *
byline_wp_auth_build_url (BylinePortalSite  *site,
                          const char        *app_name,
                          const char        *state,
                          GError           **error)
{
  g_autofree char *success = NULL;
  g_autofree char *e_name = NULL;
  g_autofree char *e_success = NULL;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (app_name != NULL && state != NULL, NULL);

  if (site->authorization_url == NULL || *site->authorization_url == '\0')
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_NO_APP_PASSWORDS,
                           "The site offers no application authorization page");
      return NULL;
    }

  success = g_strconcat (CALLBACK_BASE "?state=", state, NULL);
  e_name = g_uri_escape_string (app_name, NULL, FALSE);
  e_success = g_uri_escape_string (success, NULL, FALSE);

  return g_strdup_printf ("%s%capp_name=%s&app_id=%s&success_url=%s",
                          site->authorization_url,
                          strchr (site->authorization_url, '?') != NULL ? '&' : '?',
                          e_name, BYLINE_WP_AUTH_APP_ID, e_success);
}

/**
 * byline_wp_auth_is_callback:
 *
 * Whether @uri is a sign-in answer for Byline (its scheme and path).
 */
gboolean
byline_wp_auth_is_callback (const char *uri)
{
  return uri != NULL && g_ascii_strncasecmp (uri, CALLBACK_BASE, strlen (CALLBACK_BASE)) == 0 &&
         (uri[strlen (CALLBACK_BASE)] == '?' || uri[strlen (CALLBACK_BASE)] == '\0');
}

/**
 * byline_wp_auth_parse_callback:
 * @uri: the address the browser sent Byline to
 *
 * Returns: (transfer full): the answer, or %NULL with
 *   %BYLINE_ERROR_CANCELLED (the user declined) or %BYLINE_ERROR_INVALID_INPUT
 */
BylineWpAuthReply *
byline_wp_auth_parse_callback (const char  *uri,
                               GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(BylineWpAuthReply) reply = NULL;
  const char *query;

  g_return_val_if_fail (uri != NULL, NULL);

  if (!byline_wp_auth_is_callback (uri) ||
      (parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL)) == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                           "Not a Byline sign-in answer");
      return NULL;
    }

  query = g_uri_get_query (parsed);
  params = g_uri_parse_params (query != NULL ? query : "", -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                           "The sign-in answer is malformed");
      return NULL;
    }

  if (g_strcmp0 (g_hash_table_lookup (params, "success"), "false") == 0)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED,
                           "The user declined the connection in the browser");
      return NULL;
    }

  reply = g_new0 (BylineWpAuthReply, 1);
  reply->state = g_strdup (g_hash_table_lookup (params, "state"));
  reply->site_url = g_strdup (g_hash_table_lookup (params, "site_url"));
  reply->user_login = g_strdup (g_hash_table_lookup (params, "user_login"));
  reply->password = g_strdup (g_hash_table_lookup (params, "password"));

  /* The parsed copies of the password are wiped with the table. */
  {
    char *raw = g_hash_table_lookup (params, "password");

    if (raw != NULL)
      memset (raw, 0, strlen (raw));
  }

  if (reply->state == NULL || reply->user_login == NULL || reply->password == NULL ||
      *reply->password == '\0')
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                           "The sign-in answer lacks the user name or password");
      return NULL;
    }

  return g_steal_pointer (&reply);
}

void
byline_wp_auth_reply_free (BylineWpAuthReply *reply)
{
  if (reply == NULL)
    return;

  g_free (reply->state);
  g_free (reply->site_url);
  g_free (reply->user_login);
  if (reply->password != NULL)
    {
      memset (reply->password, 0, strlen (reply->password));
      g_free (reply->password);
    }
  g_free (reply);
}
