/* byline-body-view.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The text view of the article body, in a clamp that keeps it a centred
 * column of comfortable reading width. It draws list bullets and numbers and the
 * bar beside quotes, which are not characters of the buffer. (The headline
 * and lead are a widget anchored on the buffer's first line, so the page
 * scrolls as one while the body stays the scrollable widget and only what
 * is on screen is laid out and drawn: GTK 4.8's text view overlays do not
 * scroll.)
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include "byline-body-view.h"
#include "byline-editor-buffer.h"

#define SIDE_MARGIN 24

struct _BylineBodyView
{
  GtkTextView  parent_instance;

  int          column_width;
};

G_DEFINE_FINAL_TYPE (BylineBodyView, byline_body_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_COLUMN_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
byline_body_view_new (void)
{
  return g_object_new (BYLINE_TYPE_BODY_VIEW, NULL);
}

/**
 * byline_body_view_fit_text_view:
 * @view: a text view anchored in the body (the headline, the lead)
 * @width: the width it gets
 *
 * An anchored child is given its minimum height, which a GTK 4.8 text view
 * only knows once it has been laid out at some height: it stays at zero.
 * Such views are sized from their text instead.
 */
void
byline_body_view_fit_text_view (GtkTextView *view,
                                int          width)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  int height, text_width;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  text_width = width - gtk_text_view_get_left_margin (view) - gtk_text_view_get_right_margin (view);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), *text != '\0' ? text : " ");
  pango_layout_set_width (layout, MAX (1, text_width) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &height);
  height += gtk_text_view_get_top_margin (view) + gtk_text_view_get_bottom_margin (view) +
            gtk_text_view_get_pixels_above_lines (view) + gtk_text_view_get_pixels_below_lines (view);

  gtk_widget_set_size_request (GTK_WIDGET (view), -1, height);
}

/**
 * byline_body_view_child_is_parked:
 * @child: a widget anchored in a text view
 *
 * GTK 4.8 keeps the anchored children of lines that are not on screen
 * allocated just outside the view, at minus their own size, and still
 * snapshots and draws them on every frame: with a dozen photo cards that
 * was most of a keystroke's frame. Cards ask this in their snapshot and
 * draw nothing while parked.
 *
 * Returns: whether @child is parked off screen
 */
gboolean
byline_body_view_child_is_parked (GtkWidget *child)
{
  GtkWidget *parent = gtk_widget_get_parent (child);
  graphene_rect_t bounds;

  /* Not allocated yet (added since the last layout): nothing to draw. */
  if (gtk_widget_get_width (child) == 0 && gtk_widget_get_height (child) == 0)
    return TRUE;
  if (parent == NULL || !gtk_widget_compute_bounds (child, parent, &bounds))
    return FALSE;

  return bounds.origin.x + bounds.size.width <= 0 && bounds.origin.y + bounds.size.height <= 0;
}

int
byline_body_view_get_column_width (BylineBodyView *self)
{
  g_return_val_if_fail (BYLINE_IS_BODY_VIEW (self), 0);

  return self->column_width;
}

static void
byline_body_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  BylineBodyView *self = BYLINE_BODY_VIEW (widget);
  int column = MAX (1, width - 2 * SIDE_MARGIN);

  if (self->column_width != column)
    {
      self->column_width = column;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_WIDTH]);
    }

  GTK_WIDGET_CLASS (byline_body_view_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
byline_body_view_notify_buffer (GObject    *object,
                                GParamSpec *pspec,
                                gpointer    data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (object));

  /* A tag's left margin replaces the view's: lists and quotes are
   * indented from the view's margin. */
  if (BYLINE_IS_EDITOR_BUFFER (buffer))
    byline_editor_buffer_set_indent (BYLINE_EDITOR_BUFFER (buffer), SIDE_MARGIN);
}

/* The number of a numbered item: its place among the items of its list. */
static guint
item_number (GtkTextBuffer         *buffer,
             guint                  line,
             const BylineLineStyle *style)
{
  guint number = 1;

  /* Lists are short; the walk stops at the list's start in any case. */
  for (int l = (int) line - 1; l >= 0; l--)
    {
      GtkTextIter iter;
      BylineLineStyle other;

      gtk_text_buffer_get_iter_at_line (buffer, &iter, l);
      byline_editor_buffer_get_line_style (BYLINE_EDITOR_BUFFER (buffer), &iter, &other);
      if (other.kind != BYLINE_LINE_LIST_ITEM || other.level < style->level)
        break;
      if (other.level == style->level)
        {
          if (!!other.ordered != !!style->ordered && style->level == 0)
            break;
          number++;
        }
    }

  return number;
}

/* Only the line's position from the layout's line heights: asking where a
 * character is would lay out lines from inside the snapshot, which makes
 * GTK redo the allocation of anchored widgets mid-frame. */
static void
snapshot_marker (BylineBodyView        *self,
                 GtkSnapshot           *snapshot,
                 GtkTextIter           *line_start,
                 const BylineLineStyle *style,
                 const GdkRGBA         *color)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = NULL;
  int margin = gtk_text_view_get_left_margin (view);
  int y, height, text_width, text_x;
  static const char * const bullets[] = { "•", "◦", "▪" };

  gtk_text_view_get_line_yrange (view, line_start, &y, &height);

  if (style->kind == BYLINE_LINE_QUOTE || style->kind == BYLINE_LINE_CITATION)
    {
      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (margin + 6, y, 3, height));
      return;
    }

  if (style->ordered)
    text = g_strdup_printf ("%u.", item_number (buffer, gtk_text_iter_get_line (line_start), style));
  else
    text = g_strdup (bullets[style->level % G_N_ELEMENTS (bullets)]);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  /* The item's text starts at its tag's left margin (see the buffer). */
  text_x = margin + 28 + 24 * (int) style->level;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (text_x - 8 - text_width, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
byline_body_view_snapshot_layer (GtkTextView      *view,
                                 GtkTextViewLayer  layer,
                                 GtkSnapshot      *snapshot)
{
  BylineBodyView *self = BYLINE_BODY_VIEW (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible;
  GtkTextIter iter, last;
  GdkRGBA color, bar;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (view));
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (layer != GTK_TEXT_VIEW_LAYER_ABOVE_TEXT || !BYLINE_IS_EDITOR_BUFFER (buffer))
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  bar = color;
  bar.alpha *= 0.3f;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_line_at_y (view, &iter, visible.y, NULL);
  gtk_text_view_get_line_at_y (view, &last, visible.y + visible.height, NULL);

  while (gtk_text_iter_get_line (&iter) <= gtk_text_iter_get_line (&last))
    {
      BylineLineStyle style;

      byline_editor_buffer_get_line_style (BYLINE_EDITOR_BUFFER (buffer), &iter, &style);
      if (style.kind == BYLINE_LINE_LIST_ITEM)
        snapshot_marker (self, snapshot, &iter, &style, &color);
      else if (style.kind == BYLINE_LINE_QUOTE || style.kind == BYLINE_LINE_CITATION)
        snapshot_marker (self, snapshot, &iter, &style, &bar);

      if (!gtk_text_iter_forward_line (&iter))
        break;
    }
}

static void
byline_body_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BylineBodyView *self = BYLINE_BODY_VIEW (object);

  switch (prop_id)
    {
    case PROP_COLUMN_WIDTH:
      g_value_set_int (value, self->column_width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_body_view_class_init (BylineBodyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->get_property = byline_body_view_get_property;
  widget_class->size_allocate = byline_body_view_size_allocate;
  text_view_class->snapshot_layer = byline_body_view_snapshot_layer;

  properties[PROP_COLUMN_WIDTH] =
    g_param_spec_int ("column-width", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "textview");
}

static void
byline_body_view_init (BylineBodyView *self)
{
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self), SIDE_MARGIN);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self), SIDE_MARGIN);
  g_signal_connect (self, "notify::buffer", G_CALLBACK (byline_body_view_notify_buffer), NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self), "body");
}
