/* byline-photo-info.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-photo"

#include "config.h"

#include "byline-photo-info.h"

G_DEFINE_BOXED_TYPE (BylinePhotoInfo, byline_photo_info,
                     byline_photo_info_copy, byline_photo_info_free)

/**
 * byline_photo_format_get_mime_type:
 * @format: a #BylinePhotoFormat
 *
 * Returns: (transfer none): the MIME type WordPress expects for @format
 */
const char *
byline_photo_format_get_mime_type (BylinePhotoFormat format)
{
  switch (format)
    {
    case BYLINE_PHOTO_FORMAT_JPEG:
      return "image/jpeg";
    case BYLINE_PHOTO_FORMAT_PNG:
      return "image/png";
    case BYLINE_PHOTO_FORMAT_GIF:
      return "image/gif";
    case BYLINE_PHOTO_FORMAT_WEBP:
      return "image/webp";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * byline_photo_format_get_extension:
 * @format: a #BylinePhotoFormat
 *
 * Returns: (transfer none): the file name extension Byline gives files of
 *   @format, without the dot
 */
const char *
byline_photo_format_get_extension (BylinePhotoFormat format)
{
  switch (format)
    {
    case BYLINE_PHOTO_FORMAT_JPEG:
      return "jpg";
    case BYLINE_PHOTO_FORMAT_PNG:
      return "png";
    case BYLINE_PHOTO_FORMAT_GIF:
      return "gif";
    case BYLINE_PHOTO_FORMAT_WEBP:
      return "webp";
    default:
      g_return_val_if_reached (NULL);
    }
}

BylinePhotoInfo *
byline_photo_info_copy (const BylinePhotoInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_memdup2 (info, sizeof *info);
}

void
byline_photo_info_free (BylinePhotoInfo *info)
{
  g_free (info);
}
