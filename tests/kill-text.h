/* kill-text.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-article.h"

G_BEGIN_DECLS

/* What the kill test's typist types: a Vietnamese text repeated without
 * end, "\n" starting a new paragraph. Character i is always the same, so a
 * draft is right exactly when its text is a prefix of this sequence. */
gunichar  byline_kill_text_char_at      (guint64        index);
char     *byline_kill_text_of_article   (BylineArticle *article);
gboolean  byline_kill_text_is_prefix    (const char    *text);

G_END_DECLS
