/* byline-portal-messages.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-portal"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-error.h"
#include "byline-portal-messages.h"

/* Whether the error's message is the portal's own words (WordPress's
 * "message"), worth showing under Byline's explanation. */
static gboolean
carries_portal_message (const GError *error)
{
  switch (error->code)
    {
    case BYLINE_ERROR_AUTH:
    case BYLINE_ERROR_FORBIDDEN:
    case BYLINE_ERROR_NOT_FOUND:
    case BYLINE_ERROR_CONFLICT:
    case BYLINE_ERROR_TOO_LARGE:
    case BYLINE_ERROR_SERVER:
    case BYLINE_ERROR_INVALID_INPUT:
      return !g_str_has_prefix (error->message, "HTTP ");
    default:
      return FALSE;
    }
}

/**
 * byline_portal_error_message:
 * @error: a %BYLINE_ERROR from the portal client or the accounts
 *
 * What happened and what to do next, in the user's language, followed by
 * the portal's own message when it gave one.
 *
 * Returns: (transfer full): a sentence or two
 */
char *
byline_portal_error_message (const GError *error)
{
  const char *sentence;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != BYLINE_ERROR)
    return g_strdup (_("Something went wrong. Try again."));

  switch ((BylineError) error->code)
    {
    case BYLINE_ERROR_NETWORK:
      sentence = _("Byline could not reach the portal. Check the address and the network "
                   "connection.");
      break;
    case BYLINE_ERROR_TIMEOUT:
      sentence = _("The portal did not answer in time. Try again in a moment.");
      break;
    case BYLINE_ERROR_TLS:
      sentence = _("The portal’s security certificate could not be verified, so Byline did not "
                   "connect. Check the address, or ask the portal’s administrator to fix the "
                   "certificate.");
      break;
    case BYLINE_ERROR_INSECURE:
      sentence = _("Byline only connects to portals over https, so that passwords never cross "
                   "the network unencrypted. Use the portal’s https:// address.");
      break;
    case BYLINE_ERROR_AUTH:
      sentence = _("The portal did not accept the user name or the application password. Check "
                   "both, or create a new application password in your profile on the portal.");
      break;
    case BYLINE_ERROR_FORBIDDEN:
      sentence = _("Your account on the portal is not allowed to do this. Ask an editor or the "
                   "portal’s administrator.");
      break;
    case BYLINE_ERROR_NOT_FOUND:
      sentence = _("The portal no longer has this item.");
      break;
    case BYLINE_ERROR_CONFLICT:
      sentence = _("This already exists on the portal, or someone changed it in the meantime.");
      break;
    case BYLINE_ERROR_TOO_LARGE:
      sentence = _("The portal refused the file because it is too large. Use a smaller photo.");
      break;
    case BYLINE_ERROR_SERVER:
      sentence = _("The portal had an internal error. Try again later, or tell the portal’s "
                   "administrator.");
      break;
    case BYLINE_ERROR_PARSE:
      sentence = _("The portal’s answer could not be understood. The address may lead to a login "
                   "page or another site.");
      break;
    case BYLINE_ERROR_STORAGE:
      sentence = _("Byline could not use the keyring or the disk. Make sure the keyring is "
                   "available and unlocked.");
      break;
    case BYLINE_ERROR_INVALID_INPUT:
      sentence = _("The request was not accepted.");
      break;
    case BYLINE_ERROR_NOT_WORDPRESS:
      sentence = _("This address is not a WordPress site. Check the portal’s address.");
      break;
    case BYLINE_ERROR_NO_REST_API:
      sentence = _("This WordPress site has its REST API turned off. Ask the portal’s "
                   "administrator to turn it on for Byline.");
      break;
    case BYLINE_ERROR_NO_APP_PASSWORDS:
      sentence = _("This WordPress site does not allow application passwords. Ask the portal’s "
                   "administrator to allow them (the site needs https).");
      break;
    case BYLINE_ERROR_CANCELLED:
      sentence = _("Cancelled.");
      break;
    case BYLINE_ERROR_UNKNOWN_OUTCOME:
      sentence = _("The connection was lost after the request was sent: it may or may not have "
                   "reached the portal. Check the portal before trying again.");
      break;
    case BYLINE_ERROR_FAILED:
    default:
      sentence = _("Something went wrong. Try again.");
      break;
    }

  if (carries_portal_message (error))
    /* Translators: %s is an explanation, “%s” the portal's own message */
    return g_strdup_printf (_("%s The portal said: “%s”"), sentence, error->message);

  return g_strdup (sentence);
}

/**
 * byline_portal_role_name:
 * @role: (nullable): a WordPress role ("contributor", "editor", …)
 *
 * Returns: the role's name for people; an unknown (custom) role as it is
 */
const char *
byline_portal_role_name (const char *role)
{
  if (role == NULL)
    return _("No role");
  if (g_str_equal (role, "administrator"))
    return C_("portal role", "Administrator");
  if (g_str_equal (role, "editor"))
    return C_("portal role", "Editor");
  if (g_str_equal (role, "author"))
    return C_("portal role", "Author");
  if (g_str_equal (role, "contributor"))
    return C_("portal role", "Contributor");
  if (g_str_equal (role, "subscriber"))
    return C_("portal role", "Subscriber");

  return role;
}

/**
 * byline_portal_caps_describe:
 *
 * What an account may do, in plain words: "Can submit articles for
 * review, cannot publish, cannot upload photos".
 *
 * Returns: (transfer full): the sentence
 */
char *
byline_portal_caps_describe (BylinePortalCaps caps)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GString) sentence = g_string_new (NULL);
  gunichar first;

  if (caps & BYLINE_PORTAL_CAN_PUBLISH)
    g_ptr_array_add (parts, (gpointer) _("can publish"));
  else if (caps & BYLINE_PORTAL_CAN_EDIT_POSTS)
    {
      g_ptr_array_add (parts, (gpointer) _("can submit articles for review"));
      g_ptr_array_add (parts, (gpointer) _("cannot publish"));
    }
  else
    g_ptr_array_add (parts, (gpointer) _("cannot write articles"));

  if (caps & BYLINE_PORTAL_CAN_UPLOAD)
    g_ptr_array_add (parts, (gpointer) _("can upload photos"));
  else
    g_ptr_array_add (parts, (gpointer) _("cannot upload photos"));

  if (caps & BYLINE_PORTAL_CAN_EDIT_OTHERS)
    g_ptr_array_add (parts, (gpointer) _("can edit and approve others’ articles"));

  if (caps & BYLINE_PORTAL_CAN_MANAGE_CATEGORIES)
    g_ptr_array_add (parts, (gpointer) _("can create categories"));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (sentence, C_("list separator", ", "));
      g_string_append (sentence, g_ptr_array_index (parts, i));
    }

  /* Capitalize the first letter, whatever the language. */
  first = g_utf8_get_char (sentence->str);
  {
    char upper[8] = { 0 };
    int len = g_unichar_to_utf8 (g_unichar_totitle (first), upper);

    g_string_erase (sentence, 0, g_utf8_next_char (sentence->str) - sentence->str);
    g_string_prepend_len (sentence, upper, len);
  }

  return g_string_free (g_steal_pointer (&sentence), FALSE);
}
