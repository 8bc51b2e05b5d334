/* byline-photo.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "byline-photo-info.h"
#include "byline-prepared-photo.h"

G_BEGIN_DECLS

/* WordPress's own "big image" threshold (big_image_size_threshold). */
#define BYLINE_PHOTO_DEFAULT_MAX_EDGE     2560
/* WordPress's default JPEG quality for the sizes it generates. */
#define BYLINE_PHOTO_DEFAULT_JPEG_QUALITY 82
/* Photos declaring more pixels are refused before anything is decoded:
 * 200 MP takes the largest phone sensors (16320 × 12240) and bounds how
 * long a JPEG takes to decode even at 1/8 scale. */
#define BYLINE_PHOTO_MAX_PIXELS           (G_GUINT64_CONSTANT (200000000))

BylinePhotoInfo     *byline_photo_probe                (GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

BylinePreparedPhoto *byline_photo_prepare              (GFile                *source,
                                                        GFile                *directory,
                                                        guint                 max_edge,
                                                        guint                 jpeg_quality,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
void                 byline_photo_prepare_async        (GFile                *source,
                                                        GFile                *directory,
                                                        guint                 max_edge,
                                                        guint                 jpeg_quality,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
BylinePreparedPhoto *byline_photo_prepare_finish       (GAsyncResult         *result,
                                                        GError              **error);

void                 byline_photo_load_thumbnail_async (GFile                *file,
                                                        guint                 size,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GdkPixbuf           *byline_photo_load_thumbnail_finish (GAsyncResult        *result,
                                                         GError             **error);

void                 byline_photo_save_bytes_async     (GBytes               *bytes,
                                                        GFile                *directory,
                                                        const char           *name,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GFile               *byline_photo_save_bytes_finish    (GAsyncResult         *result,
                                                        GError              **error);

char                *byline_photo_describe_error       (const GError         *error,
                                                        const char           *photo_name);

G_END_DECLS
