/* byline-account-add-page.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-add-page.h"
#include "byline-error.h"
#include "byline-portal-messages.h"
#include "byline-wp-auth.h"
#include "byline-wp-portal.h"

/**
 * BylineAccountAddPage:
 *
 * Adding a portal account, a subpage of Preferences: the portal's address
 * (checked: is it WordPress, with its REST API and application passwords?),
 * then signing in with an application password or in the browser. Only
 * credentials the portal accepts are kept, in the keyring.
 */

struct _BylineAccountAddPage
{
  GtkBox parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *portal_group;
  AdwEntryRow         *address_row;
  GtkButton           *check_button;
  AdwPreferencesGroup *sign_in_group;
  AdwEntryRow         *username_row;
  AdwPasswordEntryRow *password_row;
  AdwPreferencesGroup *buttons_group;
  GtkButton           *browser_button;
  GtkButton           *sign_in_button;
  GtkSpinner          *spinner;
  GtkLabel            *status_label;

  /* Owned */
  GCancellable        *cancellable;
  BylinePortalSite    *site;
  char                *auth_state;

  /* Borrowed */
  BylineApplication   *application;
  gulong               authorization_id;

  guint                busy : 1;
};

G_DEFINE_FINAL_TYPE (BylineAccountAddPage, byline_account_add_page, GTK_TYPE_BOX)

enum {
  ACCOUNT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void sign_in_with (BylineAccountAddPage *self,
                          const char           *username,
                          const char           *password);

static void
show_status (BylineAccountAddPage *self,
             const char           *message,
             gboolean              is_error)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
show_error (BylineAccountAddPage *self,
            const GError         *error)
{
  g_autofree char *message = byline_portal_error_message (error);

  g_debug ("%s", error->message);
  show_status (self, message, TRUE);
}

static void
set_busy (BylineAccountAddPage *self,
          gboolean              busy)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Take the focus out of the rows about to turn insensitive: GTK 4.8
   * would not tell their text a focus-out, and its cursor would blink on. */
  if (busy && root != NULL)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        gtk_root_set_focus (root, NULL);
    }

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->portal_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->browser_button),
                            !busy && self->site != NULL && self->site->authorization_url != NULL);
  if (busy)
    show_status (self, NULL, FALSE);
}

static void
stop_waiting_for_browser (BylineAccountAddPage *self)
{
  if (self->authorization_id != 0)
    g_clear_signal_handler (&self->authorization_id, self->application);
  g_clear_pointer (&self->auth_state, g_free);
}

static void
forget_site (BylineAccountAddPage *self)
{
  stop_waiting_for_browser (self);
  g_clear_pointer (&self->site, byline_portal_site_unref);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->buttons_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), TRUE);
}

static void
on_back_button_clicked_cb (BylineAccountAddPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
}

static void
on_address_row_changed_cb (BylineAccountAddPage *self)
{
  /* A different address is a different site: check it again. */
  if (self->site != NULL && !self->busy)
    {
      forget_site (self);
      show_status (self, NULL, FALSE);
    }
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BylineAccountAddPage) self = user_data;
  g_autoptr(BylinePortalSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  site = byline_wp_portal_discover_finish (result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (site == NULL)
    {
      show_error (self, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }

  self->site = g_steal_pointer (&site);
  /* Translators: a portal's name and its address */
  description = g_strdup_printf (_("%s · %s"),
                                 self->site->name != NULL && *self->site->name != '\0'
                                   ? self->site->name : self->site->address,
                                 self->site->address);
  adw_preferences_group_set_description (self->sign_in_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->check_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_group), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->buttons_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->browser_button),
                            self->site->authorization_url != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}

static void
on_check_cb (BylineAccountAddPage *self)
{
  BylineAccountStore *accounts = byline_application_get_accounts (self->application);
  g_autofree char *address = NULL;

  if (self->busy)
    return;

  address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  if (*address == '\0')
    {
      show_status (self, _("Enter the address of your portal."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }

  if (!byline_account_store_check_address (accounts, address, NULL))
    {
      g_autofree char *preset = byline_account_store_get_preset_url (accounts);
      g_autofree char *message = NULL;

      /* Translators: %s is a portal's address */
      message = g_strdup_printf (_("This computer only allows accounts on %s."), preset);
      show_status (self, message, TRUE);
      return;
    }

  forget_site (self);
  set_busy (self, TRUE);
  byline_wp_portal_discover_async (byline_application_get_session (self->application), address,
                                   self->cancellable, discover_cb, g_object_ref (self));
}

static void
on_username_row_entry_activated_cb (BylineAccountAddPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

typedef struct
{
  BylineAccountAddPage *page;
  BylinePortal         *portal;
  char                 *password;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->page);
  g_clear_object (&sign_in->portal);
  if (sign_in->password != NULL)
    {
      memset (sign_in->password, 0, strlen (sign_in->password));
      g_free (sign_in->password);
    }
  g_free (sign_in);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignIn, sign_in_free)

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  BylineAccountAddPage *self = sign_in->page;
  g_autoptr(BylineAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  BylinePortalUser *user = g_object_get_data (G_OBJECT (sign_in->portal), "byline-user");

  account = byline_account_store_add_finish (BYLINE_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (account == NULL)
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[ACCOUNT_ADDED], 0, account, user->name);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SignIn) sign_in = user_data;
  BylineAccountAddPage *self = sign_in->page;
  BylineAccountStore *accounts = byline_application_get_accounts (self->application);
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *username;

  user = byline_portal_get_user_finish (sign_in->portal, result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;

  if (user == NULL)
    {
      set_busy (self, FALSE);
      show_error (self, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  username = byline_portal_get_username (sign_in->portal);
  g_object_set_data_full (G_OBJECT (sign_in->portal), "byline-user",
                          byline_portal_user_ref (user), (GDestroyNotify) byline_portal_user_unref);
  name = byline_account_store_suggest_name (accounts, username, self->site->address);
  {
    SignIn *pending = g_steal_pointer (&sign_in);

    byline_account_store_add_async (accounts, name, self->site, username, pending->password,
                                    self->cancellable, added_cb, pending);
  }
}

/* Checks the credentials with the portal, then keeps them. */
static void
sign_in_with (BylineAccountAddPage *self,
              const char           *username,
              const char           *password)
{
  SignIn *sign_in;

  g_assert (self->site != NULL);

  set_busy (self, TRUE);
  sign_in = g_new0 (SignIn, 1);
  sign_in->page = g_object_ref (self);
  sign_in->password = g_strdup (password);
  sign_in->portal = BYLINE_PORTAL (byline_wp_portal_new (
    byline_application_get_session (self->application), self->site, username, password));
  byline_portal_get_user_async (sign_in->portal, self->cancellable, signed_in_cb, sign_in);
}

static void
on_sign_in_cb (BylineAccountAddPage *self)
{
  g_autofree char *username = NULL;
  const char *password;

  if (self->busy || self->site == NULL)
    return;

  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*username == '\0')
    {
      show_status (self, _("Enter your user name on the portal."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }

  if (*password == '\0')
    {
      show_status (self, _("Enter an application password from your profile on the portal, "
                           "or sign in with the browser."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  stop_waiting_for_browser (self);
  sign_in_with (self, username, password);
}

static gboolean
on_authorization_received_cb (BylineApplication    *application,
                              const char           *uri,
                              BylineAccountAddPage *self)
{
  g_autoptr(BylineWpAuthReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_param = NULL;

  if (self->auth_state == NULL)
    return FALSE;

  reply = byline_wp_auth_parse_callback (uri, &error);
  if (reply == NULL)
    {
      /* A refusal carries our state too (WordPress adds success=false). */
      state_param = g_strconcat ("state=", self->auth_state, NULL);
      if (strstr (uri, state_param) == NULL)
        return FALSE;

      stop_waiting_for_browser (self);
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
        show_status (self, _("Byline was not approved in the browser. Try again, or use an "
                             "application password."), TRUE);
      else
        show_error (self, error);
      return TRUE;
    }

  if (g_strcmp0 (reply->state, self->auth_state) != 0)
    return FALSE;

  stop_waiting_for_browser (self);
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), reply->user_login);
  sign_in_with (self, reply->user_login, reply->password);

  return TRUE;
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* No browser: the page already shows the address to open by hand. */
  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_debug ("Could not open the browser: %s", error->message);
}

static void
on_browser_button_clicked_cb (BylineAccountAddPage *self)
{
  g_autofree char *app_name = byline_wp_auth_app_name ();
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (self->busy || self->site == NULL)
    return;

  stop_waiting_for_browser (self);
  self->auth_state = byline_wp_auth_new_state ();
  url = byline_wp_auth_build_url (self->site, app_name, self->auth_state, &error);
  if (url == NULL)
    {
      show_error (self, error);
      return;
    }

  self->authorization_id = g_signal_connect (self->application, "authorization-received",
                                             G_CALLBACK (on_authorization_received_cb), self);

  /* Translators: %s is the address of the portal's authorization page */
  message = g_strdup_printf (_("Approve Byline in your browser; Byline continues by itself "
                               "afterwards. If no browser opened, open this address: %s"), url);
  show_status (self, message, FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME,
                     self->cancellable, show_uri_cb, NULL);
}

/**
 * byline_account_add_page_new:
 *
 * Returns: (transfer floating): the page, with the address an
 *   administrator preset (read-only when locked)
 */
BylineAccountAddPage *
byline_account_add_page_new (BylineApplication *application)
{
  BylineAccountAddPage *self;
  BylineAccountStore *accounts;
  g_autofree char *preset = NULL;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);

  self = g_object_new (BYLINE_TYPE_ACCOUNT_ADD_PAGE, NULL);
  self->application = application;
  accounts = byline_application_get_accounts (application);

  preset = byline_account_store_get_preset_url (accounts);
  if (preset != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), preset);
  if (byline_account_store_is_url_locked (accounts))
    {
      gtk_editable_set_editable (GTK_EDITABLE (self->address_row), FALSE);
      adw_preferences_group_set_description (self->portal_group,
                                             _("This computer is set up for this portal."));
    }

  return self;
}

static void
byline_account_add_page_dispose (GObject *object)
{
  BylineAccountAddPage *self = BYLINE_ACCOUNT_ADD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  stop_waiting_for_browser (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_ACCOUNT_ADD_PAGE);

  G_OBJECT_CLASS (byline_account_add_page_parent_class)->dispose (object);
}

static void
byline_account_add_page_finalize (GObject *object)
{
  BylineAccountAddPage *self = BYLINE_ACCOUNT_ADD_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->site, byline_portal_site_unref);

  G_OBJECT_CLASS (byline_account_add_page_parent_class)->finalize (object);
}

static void
byline_account_add_page_class_init (BylineAccountAddPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_account_add_page_dispose;
  object_class->finalize = byline_account_add_page_finalize;

  /**
   * BylineAccountAddPage::account-added:
   * @account: the new account
   * @user_name: the user's display name on the portal
   */
  signals[ACCOUNT_ADDED] =
    g_signal_new ("account-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BYLINE_TYPE_ACCOUNT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-account-add-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, portal_group);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, sign_in_group);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, buttons_group);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, browser_button);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountAddPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_address_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_username_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_browser_button_clicked_cb);
}

static void
byline_account_add_page_init (BylineAccountAddPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
