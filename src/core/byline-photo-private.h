/* byline-photo-private.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include "byline-photo-info.h"

G_BEGIN_DECLS

/* What Byline reads from a photo's header before it decodes anything. */
typedef struct
{
  BylinePhotoFormat format;
  guint             width;          /* as stored, before the orientation */
  guint             height;
  guint             orientation;    /* EXIF 1–8 */
  guint64           decoder_extra;  /* bytes the decoder holds besides its output */
  guint             animated : 1;
} BylinePhotoHeader;

gboolean   _byline_photo_read_header_from_stream (GInputStream       *stream,
                                                  guint64             size,
                                                  const char         *name,
                                                  BylinePhotoHeader  *header,
                                                  GCancellable       *cancellable,
                                                  GError            **error);
gboolean   _byline_photo_read_header             (const guint8       *data,
                                                  gsize               length,
                                                  const char         *name,
                                                  BylinePhotoHeader  *header,
                                                  GError            **error);
gboolean   _byline_photo_scan                    (const guint8       *data,
                                                  gsize               length,
                                                  BylinePhotoFormat   format,
                                                  const char         *name,
                                                  gboolean           *animated,
                                                  GByteArray         *stripped,
                                                  GError            **error);

/* Sizes decided for one decode (byline-photo-decode.c). */
typedef struct
{
  guint decode_width;   /* what the loader produces, as stored */
  guint decode_height;
  guint width;          /* after scaling, still as stored */
  guint height;
} BylinePhotoPlan;

const char *_byline_photo_loader_name   (BylinePhotoFormat         format);
void        _byline_photo_set_io_error  (GError                  **error,
                                         GError                   *io_error,
                                         const char               *what,
                                         const char               *name);
gboolean    _byline_photo_plan          (const BylinePhotoHeader  *header,
                                         guint                     max_edge,
                                         const char               *name,
                                         BylinePhotoPlan          *plan,
                                         GError                  **error);
GdkPixbuf  *_byline_photo_decode_scaled (const BylinePhotoHeader  *header,
                                         const BylinePhotoPlan    *plan,
                                         const guint8             *data,
                                         gsize                     length,
                                         GInputStream             *stream,
                                         const char               *name,
                                         GCancellable             *cancellable,
                                         GError                  **error);
gboolean    _byline_photo_check_decodes (const BylinePhotoHeader  *header,
                                         const guint8             *data,
                                         gsize                     length,
                                         const char               *name,
                                         GCancellable             *cancellable,
                                         GError                  **error);

typedef struct _BylinePhotoResampler BylinePhotoResampler;

BylinePhotoResampler *_byline_photo_resampler_new         (GdkPixbuf            *source,
                                                           guint                 orientation,
                                                           guint                 width,
                                                           guint                 height);
guint                 _byline_photo_resampler_rows_needed (BylinePhotoResampler *self,
                                                           guint                 y);
void                  _byline_photo_resampler_run         (BylinePhotoResampler *self,
                                                           guint                 first,
                                                           guint                 last);
GdkPixbuf            *_byline_photo_resampler_finish      (BylinePhotoResampler *self);
void                  _byline_photo_resampler_free        (BylinePhotoResampler *self);
GdkPixbuf            *_byline_photo_resample              (GdkPixbuf            *source,
                                                           guint                 orientation,
                                                           guint                 width,
                                                           guint                 height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePhotoResampler, _byline_photo_resampler_free)

G_END_DECLS
