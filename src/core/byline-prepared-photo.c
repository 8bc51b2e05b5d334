/* byline-prepared-photo.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-photo"

#include "config.h"

#include "byline-prepared-photo.h"

G_DEFINE_BOXED_TYPE (BylinePreparedPhoto, byline_prepared_photo,
                     byline_prepared_photo_copy, byline_prepared_photo_free)

BylinePreparedPhoto *
byline_prepared_photo_copy (const BylinePreparedPhoto *photo)
{
  BylinePreparedPhoto *copy;

  g_return_val_if_fail (photo != NULL, NULL);

  copy = g_memdup2 (photo, sizeof *photo);
  if (copy->file != NULL)
    g_object_ref (copy->file);

  return copy;
}

void
byline_prepared_photo_free (BylinePreparedPhoto *photo)
{
  if (photo == NULL)
    return;

  g_clear_object (&photo->file);
  g_free (photo);
}
