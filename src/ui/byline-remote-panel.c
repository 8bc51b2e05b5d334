/* byline-remote-panel.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * One of the portal's lists in the sidebar (the review queue, the
 * reporter's submissions, scheduled, published): a search done by the
 * portal, and a GtkListView over the section's BylineRemotePostList, which
 * fetches the next page as the view reads its last rows, so scrolling
 * through 10,000 posts only ever holds the pages seen. Picking a post
 * emits "post-activated"; the window opens it.
 */

#define G_LOG_DOMAIN "byline-review"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-portal-messages.h"
#include "byline-remote-panel.h"
#include "byline-remote-row.h"

/* Relative times ("5 minutes ago") are refreshed this often. */
#define REFRESH_SECONDS 30

struct _BylineRemotePanel
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkListView          *list_view;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *error_page;

  /* Owned */
  BylinePortalSections *sections;
  BylineRemotePostList *list;
  GtkSingleSelection   *selection;
  GPtrArray            *rows;          /* BylineRemoteRow */
  guint                 refresh_source;
  BylineSection         section;

  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (BylineRemotePanel, byline_remote_panel, GTK_TYPE_WIDGET)

enum {
  POST_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_page (BylineRemotePanel *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const GError *error = byline_remote_post_list_get_error (self->list);
  const char *page;

  if (n_items > 0)
    page = "list";
  else if (error != NULL && !byline_remote_post_list_get_loading (self->list))
    {
      g_autofree char *message = byline_portal_error_message (error);

      adw_status_page_set_description (self->error_page, message);
      page = "error";
    }
  else if (!byline_remote_post_list_get_loaded (self->list) ||
           byline_remote_post_list_get_loading (self->list))
    page = "loading";
  else if (byline_remote_post_list_get_search (self->list) != NULL)
    page = "no-results";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
on_selection_changed_cb (BylineRemotePanel  *self,
                         guint               position,
                         guint               n_items,
                         GtkSingleSelection *selection)
{
  BylineRemotePost *post;

  if (self->syncing)
    return;

  post = gtk_single_selection_get_selected_item (selection);
  if (post != NULL)
    g_signal_emit (self, signals[POST_ACTIVATED], 0, post);
}

static void
on_activate_cb (BylineRemotePanel *self,
                guint              position,
                GtkListView       *view)
{
  byline_remote_panel_activate (self, position);
}

static void
on_search_changed_cb (BylineRemotePanel *self,
                      GtkSearchEntry    *entry)
{
  byline_remote_post_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_page (self);
}

static void
on_stop_search_cb (BylineRemotePanel *self,
                   GtkSearchEntry    *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_retry_clicked_cb (BylineRemotePanel *self,
                     GtkButton         *button)
{
  byline_remote_post_list_reload (self->list);
  update_page (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              BylineRemotePanel        *self)
{
  GtkWidget *row = byline_remote_row_new (self->section);

  gtk_list_item_set_child (item, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 BylineRemotePanel        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL)
    g_ptr_array_remove_fast (self->rows, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             BylineRemotePanel        *self)
{
  byline_remote_row_set_post (BYLINE_REMOTE_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item),
                              byline_portal_sections_get_time_zone (self->sections));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               BylineRemotePanel        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  /* Rows do not keep posts the list dropped alive. */
  if (row != NULL)
    byline_remote_row_set_post (BYLINE_REMOTE_ROW (row), NULL, NULL);
}

static void
rebind_rows (BylineRemotePanel *self)
{
  GTimeZone *zone = byline_portal_sections_get_time_zone (self->sections);

  for (guint i = 0; i < self->rows->len; i++)
    {
      BylineRemoteRow *row = g_ptr_array_index (self->rows, i);
      BylineRemotePost *post = byline_remote_row_get_post (row);

      if (post != NULL)
        byline_remote_row_set_post (row, post, zone);
    }
}

static gboolean
refresh_cb (gpointer user_data)
{
  BylineRemotePanel *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < self->rows->len; i++)
    byline_remote_row_update_time (g_ptr_array_index (self->rows, i), now);

  return G_SOURCE_CONTINUE;
}

static void
set_texts (BylineRemotePanel *self)
{
  const char *placeholder = NULL;
  const char *title = NULL;
  const char *description = NULL;
  const char *icon = NULL;

  switch (self->section)
    {
    case BYLINE_SECTION_REVIEW_QUEUE:
      placeholder = _("Search the review queue");
      icon = "emblem-ok-symbolic";
      title = _("Nothing to Review");
      description = _("Articles reporters submit for review appear here");
      break;

    case BYLINE_SECTION_MY_SUBMISSIONS:
      placeholder = _("Search my submissions");
      icon = "document-send-symbolic";
      title = _("No Submissions");
      description = _("Articles you submit for review stay here until they are published");
      break;

    case BYLINE_SECTION_SCHEDULED:
      placeholder = _("Search scheduled articles");
      icon = "alarm-symbolic";
      title = _("Nothing Scheduled");
      description = _("Articles approved for a later time wait here");
      break;

    case BYLINE_SECTION_PUBLISHED:
    case BYLINE_N_SECTIONS:
    default:
      placeholder = _("Search published articles");
      icon = "emblem-default-symbolic";
      title = _("Nothing Published Yet");
      description = _("The portal’s published articles appear here");
      break;
    }

  g_object_set (self->search_entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  adw_status_page_set_icon_name (self->empty_page, icon);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

/**
 * byline_remote_panel_new:
 * @sections: an account's lists
 * @section: the one to show (the role has it)
 *
 * Returns: (transfer full): a new panel
 */
GtkWidget *
byline_remote_panel_new (BylinePortalSections *sections,
                         BylineSection         section)
{
  BylineRemotePanel *self;
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_val_if_fail (BYLINE_IS_PORTAL_SECTIONS (sections), NULL);
  g_return_val_if_fail (byline_portal_sections_get_list (sections, section) != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_REMOTE_PANEL, NULL);
  self->sections = g_object_ref (sections);
  self->section = section;
  self->list = g_object_ref (byline_portal_sections_get_list (sections, section));

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::error", G_CALLBACK (update_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sections, "notify::time-zone", G_CALLBACK (rebind_rows), self,
                           G_CONNECT_SWAPPED);

  set_texts (self);
  update_page (self);

  return GTK_WIDGET (self);
}

/**
 * byline_remote_panel_get_sections:
 *
 * Returns: (transfer none): the account's lists
 */
BylinePortalSections *
byline_remote_panel_get_sections (BylineRemotePanel *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_PANEL (self), NULL);

  return self->sections;
}

BylineSection
byline_remote_panel_get_section (BylineRemotePanel *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_PANEL (self), BYLINE_SECTION_PUBLISHED);

  return self->section;
}

/**
 * byline_remote_panel_get_list_view:
 *
 * Returns: (transfer none): the list view (for tests and benchmarks)
 */
GtkListView *
byline_remote_panel_get_list_view (BylineRemotePanel *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_PANEL (self), NULL);

  return self->list_view;
}

/**
 * byline_remote_panel_set_search:
 * @text: what to search for on the portal
 */
void
byline_remote_panel_set_search (BylineRemotePanel *self,
                                const char        *text)
{
  g_return_if_fail (BYLINE_IS_REMOTE_PANEL (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Now rather than after the entry's delay. */
  on_search_changed_cb (self, self->search_entry);
}

/**
 * byline_remote_panel_activate:
 * @position: a row
 *
 * Opens the post at @position, as clicking it does.
 */
void
byline_remote_panel_activate (BylineRemotePanel *self,
                              guint              position)
{
  g_autoptr(BylineRemotePost) post = NULL;

  g_return_if_fail (BYLINE_IS_REMOTE_PANEL (self));

  post = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (post == NULL)
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
  g_signal_emit (self, signals[POST_ACTIVATED], 0, post);
}

/**
 * byline_remote_panel_get_page:
 *
 * Returns: what the panel shows: "list", "loading", "empty",
 *   "no-results" or "error"
 */
const char *
byline_remote_panel_get_page (BylineRemotePanel *self)
{
  g_return_val_if_fail (BYLINE_IS_REMOTE_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
byline_remote_panel_dispose (GObject *object)
{
  BylineRemotePanel *self = BYLINE_REMOTE_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_REMOTE_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->sections);

  G_OBJECT_CLASS (byline_remote_panel_parent_class)->dispose (object);
}

static void
byline_remote_panel_finalize (GObject *object)
{
  BylineRemotePanel *self = BYLINE_REMOTE_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_remote_panel_parent_class)->finalize (object);
}

static void
byline_remote_panel_class_init (BylineRemotePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_remote_panel_dispose;
  object_class->finalize = byline_remote_panel_finalize;

  /**
   * BylineRemotePanel::post-activated:
   * @post: the post
   *
   * The user picked a post to open.
   */
  signals[POST_ACTIVATED] =
    g_signal_new ("post-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BYLINE_TYPE_REMOTE_POST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-remote-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineRemotePanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineRemotePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineRemotePanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineRemotePanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, BylineRemotePanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BylineRemotePanel, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_set_css_name (widget_class, "bylineremotepanel");

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
}

static void
byline_remote_panel_init (BylineRemotePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Rows are held: GTK 4.8 may drop a list item's child before its
   * teardown (as in the drafts panel). */
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}
