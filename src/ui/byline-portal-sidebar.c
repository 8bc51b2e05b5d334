/* byline-portal-sidebar.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The sidebar below the header: the local Drafts and, for each portal
 * account, the sections its role allows (review queue, my submissions,
 * scheduled, published), each with its count, and under them the list of
 * the section picked. Without accounts only the drafts show, as before.
 *
 * Each account is signed in (its password from the keyring), its user's
 * capabilities read, and its BylinePortalSections kept current: fetched
 * when the window opens, refreshed every minute while it is open and on
 * demand, all of it cancelled with the window's cancellable.
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-error.h"
#include "byline-portal-messages.h"
#include "byline-portal-sidebar.h"

typedef struct
{
  BylinePortalSidebar  *sidebar;       /* borrowed */
  BylineAccount        *account;
  GCancellable         *cancellable;
  BylinePortal         *portal;
  BylinePortalSections *sections;
  GtkWidget            *header;        /* the account's row: its name (and trouble) */
  GtkLabel             *problem;
  GtkWidget            *rows[BYLINE_N_SECTIONS];
  GtkWidget            *panels[BYLINE_N_SECTIONS];
} Entry;

struct _BylinePortalSidebar
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkListBox         *sections_box;
  GtkSeparator       *separator;
  GtkStack           *stack;
  BylineDraftsPanel  *drafts_panel;

  /* Owned */
  BylineApplication  *application;
  BylineAccountStore *accounts;
  BylineDraftStore   *store;
  GCancellable       *cancellable;   /* the window's */
  GPtrArray          *entries;       /* Entry, in the account store's order */
  GtkWidget          *drafts_row;
  GtkLabel           *drafts_count;
};

G_DEFINE_FINAL_TYPE (BylinePortalSidebar, byline_portal_sidebar, GTK_TYPE_WIDGET)

enum {
  POST_ACTIVATED,
  REVIEW_QUEUE_ARRIVALS,
  SECTIONS_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
byline_portal_sidebar_new (void)
{
  return g_object_new (BYLINE_TYPE_PORTAL_SIDEBAR, NULL);
}

/**
 * byline_portal_sidebar_section_name:
 *
 * Returns: the section's name, translated
 */
const char *
byline_portal_sidebar_section_name (BylineSection section)
{
  switch (section)
    {
    case BYLINE_SECTION_REVIEW_QUEUE:
      return _("Review Queue");
    case BYLINE_SECTION_MY_SUBMISSIONS:
      return _("My Submissions");
    case BYLINE_SECTION_SCHEDULED:
      return _("Scheduled");
    case BYLINE_SECTION_PUBLISHED:
    case BYLINE_N_SECTIONS:
    default:
      return _("Published");
    }
}

static const char *
section_icon (BylineSection section)
{
  switch (section)
    {
    case BYLINE_SECTION_REVIEW_QUEUE:
      return "mail-unread-symbolic";
    case BYLINE_SECTION_MY_SUBMISSIONS:
      return "document-send-symbolic";
    case BYLINE_SECTION_SCHEDULED:
      return "alarm-symbolic";
    case BYLINE_SECTION_PUBLISHED:
    case BYLINE_N_SECTIONS:
    default:
      return "emblem-default-symbolic";
    }
}

/* A row: icon, name, count. */
static GtkWidget *
section_row_new (const char  *icon,
                 const char  *name,
                 GtkLabel   **count)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (name);

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  *count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (*count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (*count), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (*count), "section-count");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*count));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, *count, NULL, -1);

  return row;
}

static void
update_drafts_count (BylinePortalSidebar *self)
{
  GListModel *drafts = self->store != NULL ? byline_draft_store_get_drafts (self->store) : NULL;
  g_autofree char *count = g_strdup_printf ("%u", drafts ? g_list_model_get_n_items (drafts) : 0);

  gtk_label_set_label (self->drafts_count, count);
}

static void
update_section_count (GtkWidget *row)
{
  BylineRemotePostList *list = g_object_get_data (G_OBJECT (row), "list");
  GtkLabel *count = g_object_get_data (G_OBJECT (row), "count");
  g_autofree char *text = NULL;

  if (byline_remote_post_list_get_loaded (list))
    text = g_strdup_printf ("%u", byline_remote_post_list_get_total (list));
  else if (byline_remote_post_list_get_error (list) != NULL)
    text = g_strdup ("!");
  else
    text = g_strdup ("…");

  gtk_label_set_label (count, text);
}

static void
update_visibility (BylinePortalSidebar *self)
{
  gboolean any = self->entries->len > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->sections_box), any);
  gtk_widget_set_visible (GTK_WIDGET (self->separator), any);
  if (!any)
    byline_portal_sidebar_select_drafts (self);
}

/* ---- accounts ---- */

/* Entries are shared with their requests (GRcBox): a removed account's
 * entry is detached from the sidebar at once, its requests cancelled, and
 * freed when the last of them comes back. */
static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->sections);
  g_clear_object (&entry->portal);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->account);
}

static Entry *
entry_ref (Entry *entry)
{
  return g_rc_box_acquire (entry);
}

static void
entry_unref (Entry *entry)
{
  g_rc_box_release_full (entry, (GDestroyNotify) entry_clear);
}

static void
entry_detach (Entry *entry)
{
  BylinePortalSidebar *self = entry->sidebar;

  g_cancellable_cancel (entry->cancellable);
  if (entry->sections != NULL)
    {
      g_signal_handlers_disconnect_by_data (entry->sections, self);
      byline_portal_sections_set_refresh_interval (entry->sections, 0);
    }
  for (guint i = 0; i < BYLINE_N_SECTIONS; i++)
    {
      if (entry->rows[i] != NULL)
        gtk_list_box_remove (self->sections_box, entry->rows[i]);
      if (entry->panels[i] != NULL)
        {
          g_signal_handlers_disconnect_by_data (entry->panels[i], self);
          gtk_stack_remove (self->stack, entry->panels[i]);
        }
      entry->rows[i] = NULL;
      entry->panels[i] = NULL;
    }
  if (entry->header != NULL)
    gtk_list_box_remove (self->sections_box, entry->header);
  entry->header = NULL;
  entry->problem = NULL;
  entry->sidebar = NULL;
  entry_unref (entry);
}

static Entry *
find_entry (BylinePortalSidebar *self,
            const char          *account_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_str_equal (byline_account_get_id (entry->account), account_id))
        return entry;
    }

  return NULL;
}

static Entry *
find_entry_for_sections (BylinePortalSidebar  *self,
                         BylinePortalSections *sections)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->sections == sections)
        return entry;
    }

  return NULL;
}

static void
show_problem (Entry        *entry,
              const GError *error)
{
  g_autofree char *message = byline_portal_error_message (error);

  /* Translators: under an account in the sidebar; %s says why, with what
   * to do */
  g_autofree char *text = g_strdup_printf (_("Not connected. %s"), message);

  g_message ("Account %s: %s", byline_account_get_name (entry->account), error->message);
  gtk_label_set_label (entry->problem, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry->problem), text);
  gtk_widget_set_visible (GTK_WIDGET (entry->problem), TRUE);
}

static void
on_post_activated_cb (BylinePortalSidebar *self,
                      BylineRemotePost    *post,
                      BylineRemotePanel   *panel)
{
  g_signal_emit (self, signals[POST_ACTIVATED], 0, byline_remote_panel_get_sections (panel), post);
}

static void
on_arrivals_cb (BylinePortalSections *sections,
                guint                 count,
                const char           *title,
                BylinePortalSidebar  *self)
{
  g_signal_emit (self, signals[REVIEW_QUEUE_ARRIVALS], 0, sections, count, title);
}

/* Where the account's rows go: after the rows of the accounts before it. */
static int
entry_position (BylinePortalSidebar *self,
                Entry               *entry)
{
  int position = 1;   /* after Drafts */

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *other = g_ptr_array_index (self->entries, i);

      if (other == entry)
        break;
      position++;
      for (guint s = 0; s < BYLINE_N_SECTIONS; s++)
        position += other->rows[s] != NULL;
    }

  return position + 1;
}

static void
add_sections (BylinePortalSidebar *self,
              Entry               *entry)
{
  int position = entry_position (self, entry);

  for (guint s = 0; s < BYLINE_N_SECTIONS; s++)
    {
      BylineRemotePostList *list = byline_portal_sections_get_list (entry->sections, s);
      GtkLabel *count;
      g_autofree char *page = NULL;

      if (list == NULL)
        continue;

      entry->rows[s] = section_row_new (section_icon (s), byline_portal_sidebar_section_name (s),
                                        &count);
      g_object_set_data (G_OBJECT (entry->rows[s]), "list", list);
      g_object_set_data (G_OBJECT (entry->rows[s]), "count", count);
      g_object_set_data (G_OBJECT (entry->rows[s]), "entry", entry);
      g_object_set_data (G_OBJECT (entry->rows[s]), "section", GUINT_TO_POINTER (s));
      g_signal_connect_object (list, "notify::total", G_CALLBACK (update_section_count),
                               entry->rows[s], G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::loaded", G_CALLBACK (update_section_count),
                               entry->rows[s], G_CONNECT_SWAPPED);
      g_signal_connect_object (list, "notify::error", G_CALLBACK (update_section_count),
                               entry->rows[s], G_CONNECT_SWAPPED);
      update_section_count (entry->rows[s]);
      gtk_list_box_insert (self->sections_box, entry->rows[s], position++);

      entry->panels[s] = byline_remote_panel_new (entry->sections, s);
      g_signal_connect_object (entry->panels[s], "post-activated",
                               G_CALLBACK (on_post_activated_cb), self, G_CONNECT_SWAPPED);
      page = g_strdup_printf ("%s/%u", byline_account_get_id (entry->account), s);
      gtk_stack_add_named (self->stack, entry->panels[s], page);
    }

  g_signal_connect_object (entry->sections, "review-queue-arrivals", G_CALLBACK (on_arrivals_cb),
                           self, 0);
  byline_portal_sections_set_refresh_interval (entry->sections,
                                               BYLINE_PORTAL_SIDEBAR_REFRESH_SECONDS);
  byline_portal_sections_start (entry->sections);
  g_signal_emit (self, signals[SECTIONS_READY], 0, entry->sections);
}

static void open_account (BylinePortalSidebar *self,
                          Entry               *entry);

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Entry *entry = user_data;
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = byline_portal_get_user_finish (BYLINE_PORTAL (object), result, &error);
  if (entry->sidebar == NULL)
    ;  /* the account was removed meanwhile */
  else if (user == NULL)
    show_problem (entry, error);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (entry->problem), FALSE);
      entry->sections = byline_portal_sections_new (entry->portal, user, entry->cancellable);
      add_sections (entry->sidebar, entry);
    }

  entry_unref (entry);
}

static void
portal_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Entry *entry = user_data;
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(GError) error = NULL;

  portal = byline_account_store_open_portal_finish (BYLINE_ACCOUNT_STORE (object), result, &error);
  if (entry->sidebar == NULL)
    ;
  else if (portal == NULL)
    show_problem (entry, error);
  else
    {
      g_set_object (&entry->portal, portal);
      byline_portal_get_user_async (portal, entry->cancellable, user_cb, entry_ref (entry));
    }

  entry_unref (entry);
}

static void
open_account (BylinePortalSidebar *self,
              Entry               *entry)
{
  /* The session is made on first use (see BylineApplication). */
  byline_account_store_open_portal_async (self->accounts, entry->account,
                                          byline_application_get_session (self->application),
                                          entry->cancellable, portal_cb, entry_ref (entry));
}

static void
add_account (BylinePortalSidebar *self,
             BylineAccount       *account,
             guint                index)
{
  Entry *entry = g_rc_box_new0 (Entry);
  GtkWidget *box;
  GtkWidget *name;

  entry->sidebar = self;
  entry->account = g_object_ref (account);
  entry->cancellable = g_cancellable_new ();
  if (self->cancellable != NULL)
    g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             entry->cancellable, G_CONNECT_SWAPPED);
  g_ptr_array_insert (self->entries, index, entry);

  entry->header = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (entry->header), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (entry->header), FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  name = gtk_label_new (byline_account_get_name (account));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  entry->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (entry->problem, 0);
  gtk_label_set_wrap (entry->problem, TRUE);
  gtk_label_set_lines (entry->problem, 3);
  gtk_label_set_ellipsize (entry->problem, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (entry->problem), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (entry->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (entry->problem), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (entry->problem));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (entry->header), box);
  gtk_widget_add_css_class (entry->header, "account-header");
  gtk_list_box_insert (self->sections_box, entry->header, entry_position (self, entry) - 1);

  open_account (self, entry);
}

static void
on_accounts_changed_cb (BylinePortalSidebar *self,
                        guint                position,
                        guint                removed,
                        guint                added,
                        GListModel          *accounts)
{
  guint n = g_list_model_get_n_items (accounts);

  /* Entries follow the store: those gone are dropped (their requests
   * cancelled), new ones signed in, the others left as they are. */
  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);
      gboolean kept = FALSE;

      for (guint j = 0; j < n && !kept; j++)
        {
          g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, j);

          kept = g_str_equal (byline_account_get_id (account), byline_account_get_id (entry->account));
        }
      if (!kept)
        {
          if (gtk_stack_get_visible_child (self->stack) != GTK_WIDGET (self->drafts_panel))
            byline_portal_sidebar_select_drafts (self);
          g_ptr_array_remove_index (self->entries, i - 1);
        }
    }

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(BylineAccount) account = g_list_model_get_item (accounts, j);

      if (find_entry (self, byline_account_get_id (account)) == NULL)
        add_account (self, account, MIN (j, self->entries->len));
    }

  update_visibility (self);
}

/**
 * byline_portal_sidebar_setup:
 * @application: the application, with the accounts and the drafts
 * @cancellable: the window's: cancelling it stops every request and
 *   refresh
 *
 * Shows the drafts and signs in to each account.
 */
void
byline_portal_sidebar_setup (BylinePortalSidebar *self,
                             BylineApplication   *application,
                             GCancellable        *cancellable)
{
  g_return_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self));
  g_return_if_fail (BYLINE_IS_APPLICATION (application));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->application == NULL);

  self->application = g_object_ref (application);
  self->store = g_object_ref (byline_application_get_draft_store (application));
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  byline_drafts_panel_set_store (self->drafts_panel, self->store);
  g_signal_connect_object (byline_draft_store_get_drafts (self->store), "items-changed",
                           G_CALLBACK (update_drafts_count), self, G_CONNECT_SWAPPED);
  update_drafts_count (self);

  self->accounts = g_object_ref (byline_application_get_accounts (application));
  g_signal_connect_object (self->accounts, "items-changed", G_CALLBACK (on_accounts_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_accounts_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->accounts)),
                          G_LIST_MODEL (self->accounts));
}

BylineDraftsPanel *
byline_portal_sidebar_get_drafts_panel (BylinePortalSidebar *self)
{
  g_return_val_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self), NULL);

  return self->drafts_panel;
}

/**
 * byline_portal_sidebar_get_sections:
 * @account_id: an account's id
 *
 * Returns: (transfer none) (nullable): the account's sections, once it is
 *   signed in
 */
BylinePortalSections *
byline_portal_sidebar_get_sections (BylinePortalSidebar *self,
                                    const char          *account_id)
{
  Entry *entry;

  g_return_val_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  entry = find_entry (self, account_id);

  return entry != NULL ? entry->sections : NULL;
}

/**
 * byline_portal_sidebar_find_sections:
 * @site: a portal's REST root, as a working copy names it
 *
 * Returns: (transfer none) (nullable): the signed-in account on that
 *   portal that may do the most there (an editor's before a reporter's)
 */
BylinePortalSections *
byline_portal_sidebar_find_sections (BylinePortalSidebar *self,
                                     const char          *site)
{
  BylinePortalSections *best = NULL;

  g_return_val_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self), NULL);

  for (guint i = 0; site != NULL && i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      BylinePortalSite *portal_site;

      if (entry->sections == NULL)
        continue;
      portal_site = byline_portal_get_site (entry->portal);
      if (g_strcmp0 (portal_site->rest_root, site) != 0)
        continue;
      if (best == NULL ||
          (byline_portal_sections_get_user (entry->sections)->caps & BYLINE_PORTAL_CAN_PUBLISH &&
           !(byline_portal_sections_get_user (best)->caps & BYLINE_PORTAL_CAN_PUBLISH)))
        best = entry->sections;
    }

  return best;
}

/**
 * byline_portal_sidebar_get_panel:
 *
 * Returns: (transfer none) (nullable): the list shown for that section
 */
BylineRemotePanel *
byline_portal_sidebar_get_panel (BylinePortalSidebar  *self,
                                 BylinePortalSections *sections,
                                 BylineSection         section)
{
  Entry *entry;

  g_return_val_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self), NULL);
  g_return_val_if_fail (section < BYLINE_N_SECTIONS, NULL);

  entry = find_entry_for_sections (self, sections);

  return entry != NULL && entry->panels[section] != NULL
         ? BYLINE_REMOTE_PANEL (entry->panels[section]) : NULL;
}

/**
 * byline_portal_sidebar_get_section_row:
 *
 * Returns: (transfer none) (nullable): the section's row (with its count)
 */
GtkWidget *
byline_portal_sidebar_get_section_row (BylinePortalSidebar  *self,
                                       BylinePortalSections *sections,
                                       BylineSection         section)
{
  Entry *entry;

  g_return_val_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self), NULL);
  g_return_val_if_fail (section < BYLINE_N_SECTIONS, NULL);

  entry = find_entry_for_sections (self, sections);

  return entry != NULL ? entry->rows[section] : NULL;
}

void
byline_portal_sidebar_select_drafts (BylinePortalSidebar *self)
{
  g_return_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self));

  gtk_list_box_select_row (self->sections_box, GTK_LIST_BOX_ROW (self->drafts_row));
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->drafts_panel));
}

void
byline_portal_sidebar_select_section (BylinePortalSidebar  *self,
                                      BylinePortalSections *sections,
                                      BylineSection         section)
{
  GtkWidget *row;

  g_return_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self));

  row = byline_portal_sidebar_get_section_row (self, sections, section);
  if (row != NULL)
    gtk_list_box_select_row (self->sections_box, GTK_LIST_BOX_ROW (row));
}

static void
on_row_selected_cb (BylinePortalSidebar *self,
                    GtkListBoxRow       *row,
                    GtkListBox          *box)
{
  Entry *entry;
  BylineSection section;

  if (row == NULL)
    return;

  if (GTK_WIDGET (row) == self->drafts_row)
    {
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->drafts_panel));
      return;
    }

  entry = g_object_get_data (G_OBJECT (row), "entry");
  section = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "section"));
  if (entry != NULL && entry->panels[section] != NULL)
    gtk_stack_set_visible_child (self->stack, entry->panels[section]);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BylinePortalSections *sections = BYLINE_PORTAL_SECTIONS (object);
  g_autoptr(GError) error = NULL;

  if (!byline_portal_sections_refresh_finish (sections, result, &error) &&
      g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return;

  for (guint s = 0; s < BYLINE_N_SECTIONS; s++)
    {
      BylineRemotePostList *list = byline_portal_sections_get_list (sections, s);

      if (list == NULL)
        continue;
      if (byline_remote_post_list_get_error (list) != NULL ||
          !byline_remote_post_list_get_loaded (list))
        byline_remote_post_list_reload (list);
      else
        byline_remote_post_list_recount (list);
    }
}

/**
 * byline_portal_sidebar_refresh:
 *
 * Brings every list up to date now (what the Refresh button does), and
 * signs in again to accounts that could not be reached.
 */
void
byline_portal_sidebar_refresh (BylinePortalSidebar *self)
{
  g_return_if_fail (BYLINE_IS_PORTAL_SIDEBAR (self));

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->sections == NULL)
        {
          /* Only one that failed: the others are still signing in. */
          if (gtk_widget_get_visible (GTK_WIDGET (entry->problem)))
            {
              gtk_widget_set_visible (GTK_WIDGET (entry->problem), FALSE);
              open_account (self, entry);
            }
          continue;
        }

      /* Changes since the last look, then the counts, which notice posts
       * deleted for good (those leave no change behind). One after the
       * other: a count taken while the changes are on their way counts a
       * new post, and the changes would count it again. */
      byline_portal_sections_refresh_async (entry->sections, entry->cancellable, refreshed_cb,
                                            NULL);
    }
}

static void
byline_portal_sidebar_dispose (GObject *object)
{
  BylinePortalSidebar *self = BYLINE_PORTAL_SIDEBAR (object);
  GtkWidget *child;

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_PORTAL_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->accounts);
  g_clear_object (&self->store);
  g_clear_object (&self->application);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (byline_portal_sidebar_parent_class)->dispose (object);
}

static void
byline_portal_sidebar_class_init (BylinePortalSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_portal_sidebar_dispose;

  /**
   * BylinePortalSidebar::post-activated:
   * @sections: the account's sections
   * @post: the post picked
   */
  signals[POST_ACTIVATED] =
    g_signal_new ("post-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, BYLINE_TYPE_PORTAL_SECTIONS, BYLINE_TYPE_REMOTE_POST);

  /**
   * BylinePortalSidebar::review-queue-arrivals:
   * @sections: the account's sections
   * @count: how many articles came into its review queue
   * @title: the newest one's headline
   */
  signals[REVIEW_QUEUE_ARRIVALS] =
    g_signal_new ("review-queue-arrivals",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, BYLINE_TYPE_PORTAL_SECTIONS, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * BylinePortalSidebar::sections-ready:
   * @sections: an account's sections, signed in and being fetched
   */
  signals[SECTIONS_READY] =
    g_signal_new ("sections-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BYLINE_TYPE_PORTAL_SECTIONS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-portal-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, BylinePortalSidebar, sections_box);
  gtk_widget_class_bind_template_child (widget_class, BylinePortalSidebar, separator);
  gtk_widget_class_bind_template_child (widget_class, BylinePortalSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, BylinePortalSidebar, drafts_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_set_css_name (widget_class, "bylineportalsidebar");

  g_type_ensure (BYLINE_TYPE_DRAFTS_PANEL);
}

static void
byline_portal_sidebar_init (BylinePortalSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_detach);
  self->drafts_row = section_row_new ("document-edit-symbolic", _("Drafts"), &self->drafts_count);
  gtk_list_box_append (self->sections_box, self->drafts_row);
  gtk_list_box_select_row (self->sections_box, GTK_LIST_BOX_ROW (self->drafts_row));
}
