/* byline-multipart-stream.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BYLINE_TYPE_MULTIPART_STREAM (byline_multipart_stream_get_type ())

G_DECLARE_FINAL_TYPE (BylineMultipartStream, byline_multipart_stream,
                      BYLINE, MULTIPART_STREAM, GInputStream)

BylineMultipartStream *byline_multipart_stream_new              (void);
void                   byline_multipart_stream_add_field        (BylineMultipartStream *self,
                                                                 const char            *name,
                                                                 const char            *value);
void                   byline_multipart_stream_add_file         (BylineMultipartStream *self,
                                                                 const char            *name,
                                                                 const char            *filename,
                                                                 const char            *content_type,
                                                                 GFile                 *file,
                                                                 goffset                size);
goffset                byline_multipart_stream_get_length       (BylineMultipartStream *self);
const char            *byline_multipart_stream_get_content_type (BylineMultipartStream *self);

char                  *byline_multipart_ascii_filename          (const char            *filename);

G_END_DECLS
