/* byline-figure-card.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A photo in the article body: its thumbnail, the caption readers see
 * under it, alt text for screen readers (with a visible hint while it is
 * missing) and the credit. The card edits a copy of its figure block and
 * hands each new version to the editor, which puts it in the buffer, so
 * changes reach the article and undo like any other edit.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "byline-body-view.h"
#include "byline-figure-card.h"

struct _BylineFigureCard
{
  BylineColumnBin parent_instance;

  /* Template widgets */
  GtkStack    *picture_stack;
  GtkSpinner  *spinner;
  GtkPicture  *picture;
  GtkLabel    *problem_label;
  GtkButton   *up_button;
  GtkButton   *down_button;
  GtkButton   *replace_button;
  GtkButton   *remove_button;
  GtkEntry    *caption_entry;
  GtkEntry    *alt_entry;
  GtkLabel    *alt_hint;
  GtkEntry    *credit_entry;

  /* Owned */
  BylineBlock  *block;
  GdkPaintable *paintable;
  char         *problem;

  guint         build_source;
  guint         updating : 1;
  guint         built : 1;
};

/* Until a card is first on screen it is an empty frame of about its
 * height: building and laying out a dozen cards of entries and buttons was
 * most of the time it took to open a long article. */
static int placeholder_height = 430;

static void build_content (BylineFigureCard *self);

G_DEFINE_FINAL_TYPE (BylineFigureCard, byline_figure_card, BYLINE_TYPE_COLUMN_BIN)

enum {
  CHANGED,
  MOVE,
  REPLACE,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
byline_figure_card_new (BylineBlock *figure)
{
  BylineFigureCard *self;

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (byline_block_get_kind (figure) == BYLINE_BLOCK_FIGURE, NULL);

  self = g_object_new (BYLINE_TYPE_FIGURE_CARD, NULL);
  byline_figure_card_set_block (self, figure);

  return GTK_WIDGET (self);
}

BylineBlock *
byline_figure_card_get_block (BylineFigureCard *self)
{
  g_return_val_if_fail (BYLINE_IS_FIGURE_CARD (self), NULL);

  return self->block;
}

/* A long caption is read from its start while the field is not being
 * edited. */
static void
show_start (BylineFigureCard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *fields[] = { GTK_WIDGET (self->caption_entry), GTK_WIDGET (self->alt_entry),
                          GTK_WIDGET (self->credit_entry) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (focus == NULL || (focus != fields[i] && !gtk_widget_is_ancestor (focus, fields[i])))
      gtk_editable_set_position (GTK_EDITABLE (fields[i]), 0);
}

static void
on_field_focus_leave_cb (GtkEventControllerFocus *controller,
                         BylineFigureCard        *self)
{
  show_start (self);
}

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  GtkEntryBuffer *buffer = gtk_entry_get_buffer (entry);

  if (g_strcmp0 (gtk_entry_buffer_get_text (buffer), text != NULL ? text : "") != 0)
    gtk_entry_buffer_set_text (buffer, text != NULL ? text : "", -1);
}

static void
update_alt_hint (BylineFigureCard *self)
{
  g_autofree char *copy = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->alt_entry)));
  gboolean missing = copy == NULL || *g_strstrip (copy) == '\0';

  gtk_widget_set_visible (GTK_WIDGET (self->alt_hint), missing);
  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (self->alt_entry), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->alt_entry), "warning");
}

/**
 * byline_figure_card_set_block:
 * @self: a card
 * @figure: the figure to show
 *
 * Shows @figure's fields (after undo, say) without reporting a change.
 */
void
byline_figure_card_set_block (BylineFigureCard *self,
                              BylineBlock      *figure)
{
  g_return_if_fail (BYLINE_IS_FIGURE_CARD (self));
  g_return_if_fail (figure != NULL);

  if (self->block != figure)
    {
      g_clear_pointer (&self->block, byline_block_unref);
      self->block = byline_block_ref (figure);
    }
  if (!self->built)
    return;

  self->updating = TRUE;
  set_entry_text (self->caption_entry, byline_inline_get_text (byline_block_get_caption (figure)));
  show_start (self);
  set_entry_text (self->alt_entry, byline_block_get_alt (figure));
  set_entry_text (self->credit_entry, byline_block_get_credit (figure));
  self->updating = FALSE;
  update_alt_hint (self);
}

/**
 * byline_figure_card_set_thumbnail:
 * @self: a card
 * @paintable: (nullable): the thumbnail, or %NULL while it loads or when
 *   it cannot be shown
 * @problem: (nullable): why it cannot be shown
 */
void
byline_figure_card_set_thumbnail (BylineFigureCard *self,
                                  GdkPaintable     *paintable,
                                  const char       *problem)
{
  g_return_if_fail (BYLINE_IS_FIGURE_CARD (self));

  if (paintable != self->paintable)
    g_set_object (&self->paintable, paintable);
  if (problem != self->problem)
    {
      g_free (self->problem);
      self->problem = g_strdup (problem);
    }
  if (!self->built)
    return;

  gtk_picture_set_paintable (self->picture, paintable);
  if (paintable != NULL)
    {
      gtk_stack_set_visible_child_name (self->picture_stack, "picture");
      gtk_spinner_stop (self->spinner);
    }
  else if (problem != NULL)
    {
      gtk_label_set_label (self->problem_label, problem);
      gtk_stack_set_visible_child_name (self->picture_stack, "problem");
      gtk_spinner_stop (self->spinner);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->picture_stack, "loading");
      gtk_spinner_start (self->spinner);
    }
}

/**
 * byline_figure_card_get_entry:
 * @self: a card
 * @field: "caption", "alt" or "credit"
 *
 * Returns: (transfer none): the entry of that field
 */
GtkWidget *
byline_figure_card_get_entry (BylineFigureCard *self,
                              const char       *field)
{
  g_return_val_if_fail (BYLINE_IS_FIGURE_CARD (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  build_content (self);
  if (g_str_equal (field, "caption"))
    return GTK_WIDGET (self->caption_entry);
  if (g_str_equal (field, "alt"))
    return GTK_WIDGET (self->alt_entry);
  if (g_str_equal (field, "credit"))
    return GTK_WIDGET (self->credit_entry);

  g_return_val_if_reached (NULL);
}

static void
on_entry_changed_cb (GtkEditable      *editable,
                     BylineFigureCard *self)
{
  g_autoptr(BylineBlock) block = NULL;
  const char *text = gtk_editable_get_text (editable);

  if (editable == GTK_EDITABLE (self->alt_entry))
    update_alt_hint (self);
  if (self->updating)
    return;

  block = byline_block_copy (self->block);
  if (editable == GTK_EDITABLE (self->caption_entry))
    {
      if (g_strcmp0 (byline_inline_get_text (byline_block_get_caption (block)), text) == 0)
        return;
      byline_block_set_caption (block, byline_inline_new (text));
    }
  else if (editable == GTK_EDITABLE (self->alt_entry))
    {
      byline_block_set_alt (block, *text != '\0' ? text : NULL);
    }
  else
    {
      byline_block_set_credit (block, *text != '\0' ? text : NULL);
    }

  if (byline_block_equal (block, self->block))
    return;

  g_clear_pointer (&self->block, byline_block_unref);
  self->block = byline_block_ref (block);
  g_signal_emit (self, signals[CHANGED], 0, block);
}

static void
on_up_clicked_cb (GtkButton        *button,
                  BylineFigureCard *self)
{
  g_signal_emit (self, signals[MOVE], 0, -1);
}

static void
on_down_clicked_cb (GtkButton        *button,
                    BylineFigureCard *self)
{
  g_signal_emit (self, signals[MOVE], 0, 1);
}

static void
on_replace_clicked_cb (GtkButton        *button,
                       BylineFigureCard *self)
{
  g_signal_emit (self, signals[REPLACE], 0);
}

static void
on_remove_clicked_cb (GtkButton        *button,
                      BylineFigureCard *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
byline_figure_card_dispose (GObject *object)
{
  BylineFigureCard *self = BYLINE_FIGURE_CARD (object);
  g_clear_handle_id (&self->build_source, g_source_remove);
  /* The bin lets go of the frame before the template's children go. */
  byline_column_bin_set_child (BYLINE_COLUMN_BIN (self), NULL);
  if (self->built)
    gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_FIGURE_CARD);
  g_clear_pointer (&self->block, byline_block_unref);
  g_clear_object (&self->paintable);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (byline_figure_card_parent_class)->dispose (object);
}

static void
label_from_tooltip (GtkButton *button)
{
  /* Icon buttons are named for screen readers by what their tooltip says. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_widget_get_tooltip_text (GTK_WIDGET (button)),
                                  -1);
}

static gboolean
build_cb (gpointer data)
{
  BylineFigureCard *self = data;

  self->build_source = 0;
  build_content (self);
  return G_SOURCE_REMOVE;
}

static void
byline_figure_card_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BylineFigureCard *self = BYLINE_FIGURE_CARD (widget);

  if (!self->built)
    {
      /* On screen for the first time: its content comes before the next
       * frame is drawn. */
      if (self->build_source == 0 && !byline_body_view_child_is_parked (widget))
        self->build_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, build_cb, self, NULL);
      return;
    }

  GTK_WIDGET_CLASS (byline_figure_card_parent_class)->snapshot (widget, snapshot);
}

static gboolean
byline_figure_card_focus (GtkWidget        *widget,
                          GtkDirectionType  direction)
{
  build_content (BYLINE_FIGURE_CARD (widget));
  return GTK_WIDGET_CLASS (byline_figure_card_parent_class)->focus (widget, direction);
}

static void
build_content (BylineFigureCard *self)
{
  int height;

  if (self->built)
    return;

  self->built = TRUE;
  g_clear_handle_id (&self->build_source, g_source_remove);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->caption_entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect (self->alt_entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect (self->credit_entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect (self->up_button, "clicked", G_CALLBACK (on_up_clicked_cb), self);
  g_signal_connect (self->down_button, "clicked", G_CALLBACK (on_down_clicked_cb), self);
  g_signal_connect (self->replace_button, "clicked", G_CALLBACK (on_replace_clicked_cb), self);
  g_signal_connect (self->remove_button, "clicked", G_CALLBACK (on_remove_clicked_cb), self);

  label_from_tooltip (self->up_button);
  label_from_tooltip (self->down_button);
  label_from_tooltip (self->replace_button);
  label_from_tooltip (self->remove_button);

  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_leave_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), focus);
  }

  byline_figure_card_set_thumbnail (self, self->paintable, self->problem);
  if (self->block != NULL)
    byline_figure_card_set_block (self, self->block);

  /* The next placeholders take the height real cards have. */
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, MAX (1, gtk_widget_get_width (GTK_WIDGET (self))),
                      NULL, &height, NULL, NULL);
  if (height > 0)
    placeholder_height = height;
}

static void
byline_figure_card_class_init (BylineFigureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_figure_card_dispose;

  /**
   * BylineFigureCard::changed:
   * @figure: the figure as the writer changed it
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, BYLINE_TYPE_BLOCK);
  /**
   * BylineFigureCard::move:
   * @direction: -1 up, 1 down
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REPLACE] = g_signal_new ("replace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  widget_class->snapshot = byline_figure_card_snapshot;
  widget_class->focus = byline_figure_card_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/byline-figure-card.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, picture_stack);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, spinner);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, picture);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, problem_label);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, up_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, down_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, replace_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, remove_button);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, caption_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, alt_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, alt_hint);
  gtk_widget_class_bind_template_child (widget_class, BylineFigureCard, credit_entry);

  gtk_widget_class_set_css_name (widget_class, "figurecard");
}

static void
byline_figure_card_init (BylineFigureCard *self)
{
  byline_column_bin_set_placeholder_height (BYLINE_COLUMN_BIN (self), placeholder_height);
}
