/* byline-cli-convert.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-article.h"
#include "byline-cli.h"

G_BEGIN_DECLS

int byline_cli_convert (int    argc,
                        char **argv);
int byline_cli_slug    (int    argc,
                        char **argv);

BylineArticle *byline_cli_read_document (const char  *path,
                                         gboolean    *is_json,
                                         GError     **error);

G_END_DECLS
