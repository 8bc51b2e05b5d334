/* byline-column-bin.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A widget anchored in the article body (the header, a photo card) as
 * wide as the text column. GtkTextView gives anchored children their
 * minimum width, and takes the widest one as its own minimum; the body's
 * scrolled window therefore does not follow its child's minimum width
 * (hscrollbar-policy external), the view is allocated the visible width,
 * and the column, computed from that, shrinks with the window.
 *
 * It also draws nothing while GtkTextView keeps it parked off screen, and
 * has a placeholder height while it has no child yet (cards are built when
 * first on screen).
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include "byline-body-view.h"
#include "byline-column-bin.h"

typedef struct
{
  GtkWidget *child;
  int        width;
  int        placeholder_height;
} BylineColumnBinPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (BylineColumnBin, byline_column_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static BylineColumnBinPrivate *
priv (BylineColumnBin *self)
{
  return byline_column_bin_get_instance_private (self);
}

GtkWidget *
byline_column_bin_get_child (BylineColumnBin *self)
{
  g_return_val_if_fail (BYLINE_IS_COLUMN_BIN (self), NULL);

  return priv (self)->child;
}

void
byline_column_bin_set_child (BylineColumnBin *self,
                             GtkWidget       *child)
{
  BylineColumnBinPrivate *p;

  g_return_if_fail (BYLINE_IS_COLUMN_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  p = priv (self);
  if (p->child == child)
    return;

  g_clear_pointer (&p->child, gtk_widget_unparent);
  if (child != NULL)
    {
      p->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/**
 * byline_column_bin_set_width:
 * @self: a bin
 * @width: the natural width, the text column's
 */
void
byline_column_bin_set_width (BylineColumnBin *self,
                             int              width)
{
  g_return_if_fail (BYLINE_IS_COLUMN_BIN (self));

  if (priv (self)->width == width)
    return;

  priv (self)->width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
byline_column_bin_set_placeholder_height (BylineColumnBin *self,
                                          int              height)
{
  g_return_if_fail (BYLINE_IS_COLUMN_BIN (self));

  if (priv (self)->placeholder_height == height)
    return;

  priv (self)->placeholder_height = height;
  if (priv (self)->child == NULL)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
byline_column_bin_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  BylineColumnBinPrivate *p = priv (BYLINE_COLUMN_BIN (widget));
  int child_min = 0, child_nat = 0;

  if (p->child == NULL)
    {
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? p->width : p->placeholder_height;
      return;
    }

  gtk_widget_measure (p->child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && p->width > 0)
    {
      *minimum = MAX (child_min, p->width);
      *natural = *minimum;
    }
  else
    {
      *minimum = child_min;
      *natural = child_nat;
    }
}

static void
byline_column_bin_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  BylineColumnBinPrivate *p = priv (BYLINE_COLUMN_BIN (widget));

  if (p->child != NULL)
    gtk_widget_allocate (p->child, width, height, baseline, NULL);
}

static void
byline_column_bin_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BylineColumnBinPrivate *p = priv (BYLINE_COLUMN_BIN (widget));

  if (p->child != NULL && !byline_body_view_child_is_parked (widget))
    gtk_widget_snapshot_child (widget, p->child, snapshot);
}

static void
byline_column_bin_dispose (GObject *object)
{
  BylineColumnBinPrivate *p = priv (BYLINE_COLUMN_BIN (object));

  g_clear_pointer (&p->child, gtk_widget_unparent);

  G_OBJECT_CLASS (byline_column_bin_parent_class)->dispose (object);
}

static void
byline_column_bin_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, priv (BYLINE_COLUMN_BIN (object))->child);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_column_bin_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_CHILD:
      byline_column_bin_set_child (BYLINE_COLUMN_BIN (object), g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_column_bin_class_init (BylineColumnBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_column_bin_dispose;
  object_class->get_property = byline_column_bin_get_property;
  object_class->set_property = byline_column_bin_set_property;
  widget_class->measure = byline_column_bin_measure;
  widget_class->size_allocate = byline_column_bin_size_allocate;
  widget_class->snapshot = byline_column_bin_snapshot;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_column_bin_init (BylineColumnBin *self)
{
}
