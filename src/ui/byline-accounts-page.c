/* byline-accounts-page.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-account-add-page.h"
#include "byline-account-row.h"
#include "byline-accounts-page.h"
#include "byline-portal-messages.h"

/**
 * BylineAccountsPage:
 *
 * The Accounts page of Preferences: one row per portal account (its user,
 * role and what the role allows), adding one in a subpage, removing one
 * after a confirmation.
 */

struct _BylineAccountsPage
{
  AdwPreferencesPage parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *accounts_group;
  GtkListBox          *list_box;

  /* Borrowed */
  BylineApplication   *application;
};

G_DEFINE_FINAL_TYPE (BylineAccountsPage, byline_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  BylineAccountsPage *self = user_data;

  return GTK_WIDGET (byline_account_row_new (self->application, BYLINE_ACCOUNT (item)));
}

static void
on_account_added_cb (BylineAccountsPage *self,
                     BylineAccount      *account,
                     const char         *user_name,
                     BylineAccountAddPage *page)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  AdwToast *toast;

  if (window == NULL)
    return;

  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (window));
  /* Translators: %s is a person's name, %s a portal's name */
  toast = adw_toast_new_format (_("Signed in as %s on %s"), user_name,
                                byline_account_get_site_name (account));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
}

static void
on_add_button_clicked_cb (BylineAccountsPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);
  BylineAccountAddPage *page;

  g_return_if_fail (window != NULL);

  page = byline_account_add_page_new (self->application);
  g_signal_connect_object (page, "account-added", G_CALLBACK (on_account_added_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (window), GTK_WIDGET (page));
}

/**
 * byline_accounts_page_new:
 *
 * Returns: (transfer floating): the page
 */
BylineAccountsPage *
byline_accounts_page_new (BylineApplication *application)
{
  BylineAccountsPage *self;
  BylineAccountStore *accounts;
  g_autofree char *preset = NULL;
  GtkWidget *placeholder;

  g_return_val_if_fail (BYLINE_IS_APPLICATION (application), NULL);

  self = g_object_new (BYLINE_TYPE_ACCOUNTS_PAGE, NULL);
  self->application = application;
  accounts = byline_application_get_accounts (application);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (accounts), create_row, self, NULL);

  placeholder = gtk_label_new (_("No accounts yet. Add your portal account to send articles."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  if (byline_account_store_is_url_locked (accounts) &&
      (preset = byline_account_store_get_preset_url (accounts)) != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is the address of a portal */
      description = g_strdup_printf (_("This computer is set up for the portal %s. Sign in with "
                                       "your account there."), preset);
      adw_preferences_group_set_description (self->accounts_group, description);
    }

  return self;
}

static void
byline_accounts_page_dispose (GObject *object)
{
  BylineAccountsPage *self = BYLINE_ACCOUNTS_PAGE (object);

  /* The store outlives the page: stop making rows for it now. */
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_ACCOUNTS_PAGE);

  G_OBJECT_CLASS (byline_accounts_page_parent_class)->dispose (object);
}

static void
byline_accounts_page_class_init (BylineAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_accounts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineAccountsPage, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, BylineAccountsPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);
}

static void
byline_accounts_page_init (BylineAccountsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
