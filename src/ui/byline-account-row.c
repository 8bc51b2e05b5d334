/* byline-account-row.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-row.h"
#include "byline-error.h"
#include "byline-portal-messages.h"

/**
 * BylineAccountRow:
 *
 * One portal account in Preferences. It signs in when shown to say who the
 * user is, their role and what it allows ("Can submit articles for review,
 * cannot publish, cannot upload photos"), or why it cannot sign in.
 */

struct _BylineAccountRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkSpinner        *spinner;
  GtkButton         *remove_button;

  /* Owned */
  BylineAccount     *account;
  GCancellable      *cancellable;

  /* Borrowed */
  BylineApplication *application;
};

G_DEFINE_FINAL_TYPE (BylineAccountRow, byline_account_row, ADW_TYPE_ACTION_ROW)

static void
set_checking (BylineAccountRow *self,
              gboolean          checking)
{
  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), checking);
}

static void
show_failure (BylineAccountRow *self,
              const GError     *error)
{
  g_autofree char *message = byline_portal_error_message (error);
  g_autofree char *subtitle = NULL;

  /* Translators: a portal's name, then why the account cannot sign in */
  subtitle = g_strdup_printf (_("%s — %s"), byline_account_get_site_name (self->account), message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BylineAccountRow) self = user_data;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *subtitle = NULL;

  user = byline_portal_get_user_finish (BYLINE_PORTAL (object), result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;

  set_checking (self, FALSE);
  if (user == NULL)
    {
      show_failure (self, error);
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), user->name);
  allowed = byline_portal_caps_describe (user->caps);
  /* Translators: “Editor on Cổng thông tin huyện”, then what the role allows */
  subtitle = g_strdup_printf (_("%s on %s\n%s"),
                              byline_portal_role_name (byline_portal_user_get_role (user)),
                              byline_account_get_site_name (self->account), allowed);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
portal_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BylineAccountRow) self = user_data;
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(GError) error = NULL;

  portal = byline_account_store_open_portal_finish (BYLINE_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;

  if (portal == NULL)
    {
      set_checking (self, FALSE);
      show_failure (self, error);
      return;
    }

  byline_portal_get_user_async (portal, self->cancellable, user_cb, g_object_ref (self));
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!byline_account_store_remove_finish (BYLINE_ACCOUNT_STORE (object), result, &error))
    {
      g_autofree char *message = byline_portal_error_message (error);

      if (ADW_IS_PREFERENCES_WINDOW (window))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window),
                                          adw_toast_new (message));
      return;
    }

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window),
                                      adw_toast_new (_("Account removed")));
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       BylineAccountRow *self)
{
  GtkWidget *window;

  if (g_strcmp0 (response, "remove") != 0)
    return;

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  /* The store outlives the row, which goes away with the account. */
  byline_account_store_remove_async (byline_application_get_accounts (self->application),
                                     self->account, NULL, removed_cb,
                                     window != NULL ? g_object_ref (window) : NULL);
}

static void
on_remove_button_clicked_cb (BylineAccountRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  /* Translators: %s is a user name, %s a portal's name */
  body = g_strdup_printf (_("Byline will forget the account %s on %s and its password. "
                            "Articles already on the portal stay as they are."),
                          byline_account_get_username (self->account),
                          byline_account_get_site_name (self->account));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove Account?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * byline_account_row_new:
 *
 * Returns: (transfer floating): a row that starts checking @account
 */
BylineAccountRow *
byline_account_row_new (BylineApplication *application,
                        BylineAccount     *account)
{
  BylineAccountRow *self;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (BYLINE_IS_ACCOUNT (account), NULL);

  self = g_object_new (BYLINE_TYPE_ACCOUNT_ROW, NULL);
  self->application = application;
  self->account = g_object_ref (account);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), byline_account_get_username (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), byline_account_get_site_name (account));

  set_checking (self, TRUE);
  byline_account_store_open_portal_async (byline_application_get_accounts (application), account,
                                          byline_application_get_session (application),
                                          self->cancellable, portal_cb, g_object_ref (self));

  return self;
}

BylineAccount *
byline_account_row_get_account (BylineAccountRow *self)
{
  g_return_val_if_fail (BYLINE_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}

static void
byline_account_row_dispose (GObject *object)
{
  BylineAccountRow *self = BYLINE_ACCOUNT_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_ACCOUNT_ROW);

  G_OBJECT_CLASS (byline_account_row_parent_class)->dispose (object);
}

static void
byline_account_row_finalize (GObject *object)
{
  BylineAccountRow *self = BYLINE_ACCOUNT_ROW (object);

  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_account_row_parent_class)->finalize (object);
}

static void
byline_account_row_class_init (BylineAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_account_row_dispose;
  object_class->finalize = byline_account_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineAccountRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_button_clicked_cb);
}

static void
byline_account_row_init (BylineAccountRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
