/* byline-text.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *byline_text_normalize         (const char *text,
                                        gssize      length);
char    *byline_text_slugify           (const char *text);
char    *byline_text_remove_accents    (const char *text);
char    *byline_text_search_key        (const char *text);
gboolean byline_text_search_matches    (const char *haystack_key,
                                        const char *query);
guint    byline_text_count_words       (const char *text);
guint    byline_text_reading_minutes   (guint       words);
char    *byline_text_format_date_line  (GDateTime  *date);
char    *byline_text_format_relative_time (GDateTime *time,
                                           GDateTime *now);
char    *byline_text_format_word_count (guint       words);

G_END_DECLS
