/* byline-paste.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-block.h"

G_BEGIN_DECLS

/* Pastes larger than this are refused (the editor falls back to text). */
#define BYLINE_PASTE_MAX_LENGTH (16 * 1024 * 1024)

GPtrArray *byline_paste_sanitize_html (const char  *html,
                                       gsize        length,
                                       GError     **error);
GPtrArray *byline_paste_sanitize_html_file (const char  *html,
                                            gsize        length,
                                            GError     **error);
GPtrArray *byline_paste_plain_text    (const char  *text,
                                       gssize       length);

G_END_DECLS
