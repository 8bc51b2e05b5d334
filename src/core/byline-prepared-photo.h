/* byline-prepared-photo.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "byline-photo-info.h"

G_BEGIN_DECLS

#define BYLINE_TYPE_PREPARED_PHOTO (byline_prepared_photo_get_type ())

/**
 * BylinePreparedPhoto:
 * @file: the prepared copy, ready to upload
 * @format: its format
 * @mime_type: its MIME type, a static string
 * @width: its width in pixels (upright: no orientation left to apply)
 * @height: its height in pixels
 * @size: its size in bytes
 * @reencoded: %TRUE when the pixels were decoded and saved again (scaled,
 *   turned upright or converted); %FALSE when the original's image data was
 *   copied unchanged and only its metadata was removed
 *
 * The result of byline_photo_prepare().
 */
typedef struct
{
  GFile             *file;
  BylinePhotoFormat  format;
  const char        *mime_type;
  guint              width;
  guint              height;
  guint64            size;
  gboolean           reencoded;
} BylinePreparedPhoto;

GType                byline_prepared_photo_get_type (void) G_GNUC_CONST;
BylinePreparedPhoto *byline_prepared_photo_copy     (const BylinePreparedPhoto *photo);
void                 byline_prepared_photo_free     (BylinePreparedPhoto       *photo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePreparedPhoto, byline_prepared_photo_free)

G_END_DECLS
