/* byline-body-view.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The text view of the article body. It keeps the text in a centred column
 * of comfortable reading width, carries the headline and lead above the
 * text as an overlay that scrolls with it (the page scrolls as one, while
 * the body stays the scrollable widget, so only what is on screen is laid
 * out and drawn), and draws list bullets and numbers and the bar beside
 * quotes, which are not characters of the buffer.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include "byline-body-view.h"
#include "byline-editor-buffer.h"

#define MAX_COLUMN 720
#define SIDE_MARGIN 24
#define HEADER_GAP 8

struct _BylineBodyView
{
  GtkTextView  parent_instance;

  /* Borrowed: an overlay child */
  GtkWidget   *header;
  GPtrArray   *fitted;      /* GtkTextView in the header */

  int          column_width;
  int          header_x;
  int          header_y;
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
 * byline_body_view_set_header:
 * @self: a body view
 * @header: the widget to show above the text (headline and lead)
 */
void
byline_body_view_set_header (BylineBodyView *self,
                             GtkWidget      *header)
{
  g_return_if_fail (BYLINE_IS_BODY_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (header));
  g_return_if_fail (self->header == NULL);

  self->header = header;
  gtk_text_view_add_overlay (GTK_TEXT_VIEW (self), header, 0, 0);
}

/**
 * byline_body_view_add_fitted:
 * @self: a body view
 * @view: a text view inside the header
 *
 * A text view in an overlay is given its minimum height, which GTK 4.8
 * only knows once the view has been laid out at some height: it stays at
 * zero. The body view sizes such views from their text instead.
 */
void
byline_body_view_add_fitted (BylineBodyView *self,
                             GtkTextView    *view)
{
  g_return_if_fail (BYLINE_IS_BODY_VIEW (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  g_ptr_array_add (self->fitted, view);
}

static void
fit_text_view (GtkTextView *view,
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
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  int column = MAX (1, MIN (width - 2 * SIDE_MARGIN, MAX_COLUMN));
  int side = MAX (0, (width - column) / 2);

  if (gtk_text_view_get_left_margin (view) != side)
    gtk_text_view_set_left_margin (view, side);
  if (BYLINE_IS_EDITOR_BUFFER (gtk_text_view_get_buffer (view)))
    byline_editor_buffer_set_indent (BYLINE_EDITOR_BUFFER (gtk_text_view_get_buffer (view)), side);
  if (gtk_text_view_get_right_margin (view) != width - column - side)
    gtk_text_view_set_right_margin (view, MAX (0, width - column - side));

  if (self->header != NULL)
    {
      int header_height = 0;

      gtk_widget_set_size_request (self->header, column, -1);
      for (guint i = 0; i < self->fitted->len; i++)
        fit_text_view (g_ptr_array_index (self->fitted, i), column);
      gtk_widget_measure (self->header, GTK_ORIENTATION_VERTICAL, column,
                          NULL, &header_height, NULL, NULL);
      if (gtk_text_view_get_top_margin (view) != header_height + HEADER_GAP)
        gtk_text_view_set_top_margin (view, header_height + HEADER_GAP);
      if (self->header_x != side || self->header_y != -(header_height + HEADER_GAP))
        {
          self->header_x = side;
          self->header_y = -(header_height + HEADER_GAP);
          gtk_text_view_move_overlay (view, self->header, self->header_x, self->header_y);
        }
    }

  if (self->column_width != column)
    {
      self->column_width = column;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_WIDTH]);
    }

  GTK_WIDGET_CLASS (byline_body_view_parent_class)->size_allocate (widget, width, height, baseline);
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
  GdkRectangle location;
  int margin = gtk_text_view_get_left_margin (view);
  int text_width, text_height;
  static const char * const bullets[] = { "•", "◦", "▪" };

  gtk_text_view_get_iter_location (view, line_start, &location);

  if (style->kind == BYLINE_LINE_QUOTE || style->kind == BYLINE_LINE_CITATION)
    {
      int y, height;

      gtk_text_view_get_line_yrange (view, line_start, &y, &height);
      gtk_snapshot_append_color (snapshot, color,
                                 &GRAPHENE_RECT_INIT (margin + 6, y, 3, height));
      return;
    }

  if (style->ordered)
    text = g_strdup_printf ("%u.", item_number (buffer, gtk_text_iter_get_line (line_start), style));
  else
    text = g_strdup (bullets[style->level % G_N_ELEMENTS (bullets)]);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (location.x - 8 - text_width, location.y));
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
byline_body_view_finalize (GObject *object)
{
  BylineBodyView *self = BYLINE_BODY_VIEW (object);

  g_clear_pointer (&self->fitted, g_ptr_array_unref);

  G_OBJECT_CLASS (byline_body_view_parent_class)->finalize (object);
}

static void
byline_body_view_class_init (BylineBodyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->finalize = byline_body_view_finalize;
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
  self->fitted = g_ptr_array_new ();
  gtk_widget_add_css_class (GTK_WIDGET (self), "body");
}
