/* byline-account.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-accounts"

#include "config.h"

#include "byline-account.h"

/**
 * BylineAccount:
 *
 * One portal account as kept in the settings: a name the user chose, the
 * portal's address and REST root, and the WordPress user name. The
 * application password is not here: it is in the keyring
 * (see byline-secret.h). Accounts are immutable; BylineAccountStore makes
 * new ones when the settings change.
 */

struct _BylineAccount
{
  GObject parent_instance;

  /* Owned */
  char *id;
  char *name;
  char *site_url;
  char *rest_url;
  char *site_name;
  char *username;
};

G_DEFINE_FINAL_TYPE (BylineAccount, byline_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SITE_URL,
  PROP_REST_URL,
  PROP_SITE_NAME,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * byline_account_new:
 *
 * Returns: (transfer full): a new account record
 */
BylineAccount *
byline_account_new (const char *id,
                    const char *name,
                    const char *site_url,
                    const char *rest_url,
                    const char *site_name,
                    const char *username)
{
  g_return_val_if_fail (id != NULL && name != NULL, NULL);
  g_return_val_if_fail (site_url != NULL && rest_url != NULL && username != NULL, NULL);

  return g_object_new (BYLINE_TYPE_ACCOUNT,
                       "id", id,
                       "name", name,
                       "site-url", site_url,
                       "rest-url", rest_url,
                       "site-name", site_name,
                       "username", username,
                       NULL);
}

const char *
byline_account_get_id (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->id;
}

const char *
byline_account_get_name (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->name;
}

const char *
byline_account_get_site_url (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->site_url;
}

const char *
byline_account_get_rest_url (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->rest_url;
}

/**
 * byline_account_get_site_name:
 *
 * Returns: the portal's own name ("Cổng thông tin huyện Gia Viễn"), or its
 *   address when it has none
 */
const char *
byline_account_get_site_name (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->site_name != NULL && *self->site_name != '\0' ? self->site_name : self->site_url;
}

const char *
byline_account_get_username (BylineAccount *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  return self->username;
}

/**
 * byline_account_dup_site:
 *
 * Returns: (transfer full): the site to sign in to, without asking the
 *   portal again
 */
BylinePortalSite *
byline_account_dup_site (BylineAccount *self)
{
  BylinePortalSite *site;

  g_return_val_if_fail (BYLINE_IS_ACCOUNT (self), NULL);

  site = byline_portal_site_new ();
  site->address = g_strdup (self->site_url);
  site->rest_root = g_strdup (self->rest_url);
  site->name = g_strdup (self->site_name);

  return site;
}

static void
byline_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BylineAccount *self = BYLINE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;
    case PROP_REST_URL:
      g_value_set_string (value, self->rest_url);
      break;
    case PROP_SITE_NAME:
      g_value_set_string (value, byline_account_get_site_name (self));
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_account_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BylineAccount *self = BYLINE_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_SITE_URL:
      self->site_url = g_value_dup_string (value);
      break;
    case PROP_REST_URL:
      self->rest_url = g_value_dup_string (value);
      break;
    case PROP_SITE_NAME:
      self->site_name = g_value_dup_string (value);
      break;
    case PROP_USERNAME:
      self->username = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_account_finalize (GObject *object)
{
  BylineAccount *self = BYLINE_ACCOUNT (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->site_url);
  g_free (self->rest_url);
  g_free (self->site_name);
  g_free (self->username);

  G_OBJECT_CLASS (byline_account_parent_class)->finalize (object);
}

static void
byline_account_class_init (BylineAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_account_finalize;
  object_class->get_property = byline_account_get_property;
  object_class->set_property = byline_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REST_URL] =
    g_param_spec_string ("rest-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE_NAME] =
    g_param_spec_string ("site-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_account_init (BylineAccount *self)
{
}
