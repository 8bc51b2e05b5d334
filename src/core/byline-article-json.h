/* byline-article-json.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "byline-article.h"

G_BEGIN_DECLS

#define BYLINE_ARTICLE_FORMAT 1

JsonNode      *byline_article_to_json_node   (BylineArticle  *article);
char          *byline_article_to_json        (BylineArticle  *article,
                                              gboolean        pretty,
                                              gsize          *length);
BylineArticle *byline_article_from_json_node (JsonNode       *node,
                                              GError        **error);
BylineArticle *byline_article_from_json      (const char     *data,
                                              gssize          length,
                                              GError        **error);

G_END_DECLS
