/* byline-photo-info.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BylinePhotoFormat:
 * @BYLINE_PHOTO_FORMAT_JPEG: JPEG (JFIF or Exif)
 * @BYLINE_PHOTO_FORMAT_PNG: PNG, including animated PNG
 * @BYLINE_PHOTO_FORMAT_GIF: GIF, still or animated
 * @BYLINE_PHOTO_FORMAT_WEBP: WebP, lossy or lossless (decoded only where
 *   GdkPixbuf has a WebP loader)
 *
 * The image formats Byline accepts: the ones WordPress takes for upload.
 */
typedef enum
{
  BYLINE_PHOTO_FORMAT_JPEG,
  BYLINE_PHOTO_FORMAT_PNG,
  BYLINE_PHOTO_FORMAT_GIF,
  BYLINE_PHOTO_FORMAT_WEBP,
} BylinePhotoFormat;

const char *byline_photo_format_get_mime_type (BylinePhotoFormat format);
const char *byline_photo_format_get_extension (BylinePhotoFormat format);

#define BYLINE_TYPE_PHOTO_INFO (byline_photo_info_get_type ())

/**
 * BylinePhotoInfo:
 * @format: the file's format, from its content (never from its name)
 * @mime_type: the format's MIME type, a static string
 * @width: the width as the photo is shown, its EXIF orientation applied
 * @height: the height as the photo is shown
 * @orientation: the EXIF orientation (1–8; 1 when the file has none)
 *
 * What byline_photo_probe() reads from the header of a photo.
 */
typedef struct
{
  BylinePhotoFormat  format;
  const char        *mime_type;
  guint              width;
  guint              height;
  guint              orientation;
} BylinePhotoInfo;

GType            byline_photo_info_get_type (void) G_GNUC_CONST;
BylinePhotoInfo *byline_photo_info_copy     (const BylinePhotoInfo *info);
void             byline_photo_info_free     (BylinePhotoInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePhotoInfo, byline_photo_info_free)

G_END_DECLS
