/* byline-drafts-panel.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The sidebar's Drafts: every local draft, newest first, with a search that
 * ignores accents and case ("giam ngheo" finds "giảm nghèo") over headline,
 * lead and body. Selecting a draft emits "draft-activated"; the window opens
 * it. The list itself is the store's GListModel, so it follows every save,
 * delete and restore.
 */

#define G_LOG_DOMAIN "byline-drafts"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "byline-draft-row.h"
#include "byline-drafts-panel.h"
#include "byline-outbox.h"

/* Relative times ("5 minutes ago") are refreshed this often. */
#define REFRESH_SECONDS 30

struct _BylineDraftsPanel
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;

  /* Owned */
  BylineDraftStore   *store;
  BylineOutbox       *outbox;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GPtrArray          *rows;          /* BylineDraftRow, borrowed */
  char               *query;
  char               *selected_id;
  guint               refresh_source;
  guint               sync_source;

  guint               syncing : 1;
};

G_DEFINE_FINAL_TYPE (BylineDraftsPanel, byline_drafts_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED_ID,
  N_PROPS
};

enum {
  DRAFT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
byline_drafts_panel_new (void)
{
  return g_object_new (BYLINE_TYPE_DRAFTS_PANEL, NULL);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  BylineDraftsPanel *self = user_data;

  if (self->query == NULL || *self->query == '\0')
    return TRUE;

  return byline_draft_summary_matches (item, self->query);
}

static void
update_page (BylineDraftsPanel *self)
{
  GListModel *all = self->store ? byline_draft_store_get_drafts (self->store) : NULL;
  const char *page;

  if (all == NULL || g_list_model_get_n_items (all) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    page = "no-results";
  else
    page = "list";

  gtk_stack_set_visible_child_name (self->stack, page);
}

static guint
find_shown (BylineDraftsPanel *self,
            const char        *id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(BylineDraftSummary) summary = g_list_model_get_item (model, i);

      if (g_str_equal (byline_draft_summary_get_id (summary), id))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Shows the selection of selected_id, wherever the list moved it. */
static void
sync_selection (BylineDraftsPanel *self)
{
  guint position = find_shown (self, self->selected_id);

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  /* A new article comes in at the top, above the rows in view: the list
   * keeps what it showed, so the row the editor now shows could be out of
   * sight. (GTK 4.8 has no gtk_list_view_scroll_to(); this is its action.) */
  if (position == 0)
    {
      /* The action stops once any part of the row shows; the first row is
       * shown whole, with the top of the list. */
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
  else if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

static gboolean
sync_selection_cb (gpointer user_data)
{
  BylineDraftsPanel *self = user_data;

  self->sync_source = 0;
  sync_selection (self);

  return G_SOURCE_REMOVE;
}

static void
on_items_changed_cb (BylineDraftsPanel *self,
                     guint              position,
                     guint              removed,
                     guint              added,
                     GListModel        *model)
{
  /* Not from inside items-changed: the list view has not seen the change
   * yet when this handler runs. */
  if (self->sync_source == 0)
    self->sync_source = g_idle_add (sync_selection_cb, self);
  update_page (self);
}

static void
on_selection_changed_cb (BylineDraftsPanel  *self,
                         guint               position,
                         guint               n_items,
                         GtkSingleSelection *selection)
{
  BylineDraftSummary *summary;
  const char *id;

  if (self->syncing)
    return;

  summary = gtk_single_selection_get_selected_item (selection);
  if (summary == NULL)
    return;   /* the list moving under the selection; sync puts it back */

  id = byline_draft_summary_get_id (summary);
  if (g_strcmp0 (id, self->selected_id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
  g_signal_emit (self, signals[DRAFT_ACTIVATED], 0, id);
}

static void
on_search_changed_cb (BylineDraftsPanel *self,
                      GtkSearchEntry    *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
on_stop_search_cb (BylineDraftsPanel *self,
                   GtkSearchEntry    *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              BylineDraftsPanel        *self)
{
  GtkWidget *row = byline_draft_row_new ();

  gtk_list_item_set_child (item, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
teardown_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 BylineDraftsPanel        *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  if (row != NULL)
    g_ptr_array_remove_fast (self->rows, row);
}

static void
update_row_outbox_state (BylineDraftsPanel *self,
                         BylineDraftRow    *row)
{
  BylineDraftSummary *summary = byline_draft_row_get_summary (row);
  BylineOutboxItem *item = NULL;

  if (self->outbox != NULL && summary != NULL)
    item = byline_outbox_lookup (self->outbox, byline_draft_summary_get_id (summary));
  byline_draft_row_set_outbox_state (row, item != NULL ? (int) byline_outbox_item_get_state (item)
                                                       : -1);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             BylineDraftsPanel        *self)
{
  byline_draft_row_set_summary (BYLINE_DRAFT_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
  update_row_outbox_state (self, BYLINE_DRAFT_ROW (gtk_list_item_get_child (item)));
}

static void
refresh_outbox_states (BylineDraftsPanel *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    update_row_outbox_state (self, g_ptr_array_index (self->rows, i));
}

static void
on_outbox_items_changed_cb (GListModel        *items,
                            guint              position,
                            guint              removed,
                            guint              added,
                            BylineDraftsPanel *self)
{
  /* Each item says when its state changes; the rows follow. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BylineOutboxItem) item = g_list_model_get_item (items, i);

      g_signal_connect_object (item, "notify::state", G_CALLBACK (refresh_outbox_states), self,
                               G_CONNECT_SWAPPED);
    }
  refresh_outbox_states (self);
}

/**
 * byline_drafts_panel_set_outbox:
 * @outbox: the application's outbox
 *
 * The rows then say which articles wait to be sent ("Waiting for network").
 */
void
byline_drafts_panel_set_outbox (BylineDraftsPanel *self,
                                BylineOutbox      *outbox)
{
  GListModel *items;

  g_return_if_fail (BYLINE_IS_DRAFTS_PANEL (self));
  g_return_if_fail (BYLINE_IS_OUTBOX (outbox));

  if (!g_set_object (&self->outbox, outbox))
    return;

  items = byline_outbox_get_items (outbox);
  g_signal_connect_object (items, "items-changed", G_CALLBACK (on_outbox_items_changed_cb), self, 0);
  on_outbox_items_changed_cb (items, 0, 0, g_list_model_get_n_items (items), self);
}

/**
 * byline_drafts_panel_refresh_times:
 * @self: a panel
 * @now: the current time
 *
 * Updates the relative times of the rows shown ("2 minutes ago").
 */
void
byline_drafts_panel_refresh_times (BylineDraftsPanel *self,
                                   GDateTime         *now)
{
  g_return_if_fail (BYLINE_IS_DRAFTS_PANEL (self));
  g_return_if_fail (now != NULL);

  for (guint i = 0; i < self->rows->len; i++)
    byline_draft_row_update_time (g_ptr_array_index (self->rows, i), now);
}

static gboolean
refresh_cb (gpointer user_data)
{
  BylineDraftsPanel *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  byline_drafts_panel_refresh_times (self, now);

  return G_SOURCE_CONTINUE;
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  BylineDraftsPanel *self = BYLINE_DRAFTS_PANEL (user_data);
  BylineDraftSummary *summary = gtk_single_selection_get_selected_item (self->selection);

  if (summary == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "win.delete-article", "s",
                                     byline_draft_summary_get_id (summary));
}

BylineDraftStore *
byline_drafts_panel_get_store (BylineDraftsPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFTS_PANEL (self), NULL);

  return self->store;
}

/**
 * byline_drafts_panel_set_store:
 * @self: a panel
 * @store: (nullable): the drafts to show
 */
void
byline_drafts_panel_set_store (BylineDraftsPanel *self,
                               BylineDraftStore  *store)
{
  g_return_if_fail (BYLINE_IS_DRAFTS_PANEL (self));
  g_return_if_fail (store == NULL || BYLINE_IS_DRAFT_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  gtk_filter_list_model_set_model (self->filtered,
                                   store ? byline_draft_store_get_drafts (store) : NULL);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * byline_drafts_panel_get_selected_id:
 * @self: a panel
 *
 * Returns: (nullable): the id of the draft shown as selected
 */
const char *
byline_drafts_panel_get_selected_id (BylineDraftsPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFTS_PANEL (self), NULL);

  return self->selected_id;
}

/**
 * byline_drafts_panel_select:
 * @self: a panel
 * @id: (nullable): the draft open in the window, or %NULL for none
 *
 * Shows @id as selected, now or as soon as it is listed, without emitting
 * "draft-activated".
 */
void
byline_drafts_panel_select (BylineDraftsPanel *self,
                            const char        *id)
{
  g_return_if_fail (BYLINE_IS_DRAFTS_PANEL (self));

  if (g_strcmp0 (self->selected_id, id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ID]);
    }
  sync_selection (self);
}

/**
 * byline_drafts_panel_set_search:
 * @self: a panel
 * @text: what to search for
 */
void
byline_drafts_panel_set_search (BylineDraftsPanel *self,
                                const char        *text)
{
  g_return_if_fail (BYLINE_IS_DRAFTS_PANEL (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Filter now rather than after the entry's delay. */
  on_search_changed_cb (self, self->search_entry);
}

/**
 * byline_drafts_panel_get_shown:
 * @self: a panel
 *
 * Returns: (transfer none): the drafts the list shows (after the search)
 */
GListModel *
byline_drafts_panel_get_shown (BylineDraftsPanel *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFTS_PANEL (self), NULL);

  return G_LIST_MODEL (self->selection);
}

static void
byline_drafts_panel_dispose (GObject *object)
{
  BylineDraftsPanel *self = BYLINE_DRAFTS_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->sync_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_DRAFTS_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_object (&self->outbox);

  G_OBJECT_CLASS (byline_drafts_panel_parent_class)->dispose (object);
}

static void
byline_drafts_panel_finalize (GObject *object)
{
  BylineDraftsPanel *self = BYLINE_DRAFTS_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->query);
  g_free (self->selected_id);

  G_OBJECT_CLASS (byline_drafts_panel_parent_class)->finalize (object);
}

static void
byline_drafts_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BylineDraftsPanel *self = BYLINE_DRAFTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTED_ID:
      g_value_set_string (value, self->selected_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_drafts_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BylineDraftsPanel *self = BYLINE_DRAFTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      byline_drafts_panel_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_drafts_panel_class_init (BylineDraftsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_drafts_panel_dispose;
  object_class->finalize = byline_drafts_panel_finalize;
  object_class->get_property = byline_drafts_panel_get_property;
  object_class->set_property = byline_drafts_panel_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, BYLINE_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_ID] =
    g_param_spec_string ("selected-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BylineDraftsPanel::draft-activated:
   * @id: the draft's id
   *
   * The user picked a draft to open.
   */
  signals[DRAFT_ACTIVATED] =
    g_signal_new ("draft-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/byline-drafts-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineDraftsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineDraftsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BylineDraftsPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_set_css_name (widget_class, "bylinedraftspanel");

  g_type_ensure (ADW_TYPE_STATUS_PAGE);
}

static void
byline_drafts_panel_init (BylineDraftsPanel *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *shortcuts;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Rows are held: GTK 4.8 may drop a list item's child before its
   * teardown, which then cannot find it to take it off this list. */
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (teardown_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Delete moves the selected draft to the trash (Undo brings it back);
   * only while the list has the focus, where it cannot mean "delete a
   * character". */
  shortcuts = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_callback_action_new (delete_shortcut_cb, self, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  self->refresh_source = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
  update_page (self);
}
