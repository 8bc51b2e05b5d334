/* byline-thumbnail.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * A photo thumbnail as a GdkPaintable drawn from a cairo surface made once.
 * GTK 4.8's cairo renderer converts every GdkTexture node to a cairo
 * surface on every frame, off-screen ones included (a figure's card is
 * drawn even when parked outside the view): with a dozen photos that was
 * most of a keystroke's frame. A surface made once costs nothing per frame
 * but the blit, which pixman clips.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include "byline-thumbnail.h"

struct _BylineThumbnail
{
  GObject          parent_instance;

  cairo_surface_t *surface;
  int              width;
  int              height;
};

static void byline_thumbnail_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineThumbnail, byline_thumbnail, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      byline_thumbnail_paintable_init))

static void
byline_thumbnail_snapshot (GdkPaintable *paintable,
                           GdkSnapshot  *snapshot,
                           double        width,
                           double        height)
{
  BylineThumbnail *self = BYLINE_THUMBNAIL (paintable);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / self->width, height / self->height);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
byline_thumbnail_get_intrinsic_width (GdkPaintable *paintable)
{
  return BYLINE_THUMBNAIL (paintable)->width;
}

static int
byline_thumbnail_get_intrinsic_height (GdkPaintable *paintable)
{
  return BYLINE_THUMBNAIL (paintable)->height;
}

static GdkPaintableFlags
byline_thumbnail_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
byline_thumbnail_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = byline_thumbnail_snapshot;
  iface->get_intrinsic_width = byline_thumbnail_get_intrinsic_width;
  iface->get_intrinsic_height = byline_thumbnail_get_intrinsic_height;
  iface->get_flags = byline_thumbnail_get_flags;
}

static void
byline_thumbnail_finalize (GObject *object)
{
  BylineThumbnail *self = BYLINE_THUMBNAIL (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (byline_thumbnail_parent_class)->finalize (object);
}

static void
byline_thumbnail_class_init (BylineThumbnailClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = byline_thumbnail_finalize;
}

static void
byline_thumbnail_init (BylineThumbnail *self)
{
}

/**
 * byline_thumbnail_new_for_pixbuf:
 * @pixbuf: a decoded thumbnail, already at display size
 *
 * Returns: (transfer full): a paintable of @pixbuf
 */
BylineThumbnail *
byline_thumbnail_new_for_pixbuf (GdkPixbuf *pixbuf)
{
  BylineThumbnail *self;
  cairo_t *cr;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);

  self = g_object_new (BYLINE_TYPE_THUMBNAIL, NULL);
  self->width = gdk_pixbuf_get_width (pixbuf);
  self->height = gdk_pixbuf_get_height (pixbuf);
  self->surface = cairo_image_surface_create (gdk_pixbuf_get_has_alpha (pixbuf)
                                                ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                              self->width, self->height);
  cr = cairo_create (self->surface);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_paint (cr);
  cairo_destroy (cr);

  return self;
}
