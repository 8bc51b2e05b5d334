/* byline-portal-article.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-article.h"
#include "byline-portal-types.h"

G_BEGIN_DECLS

BylinePostStatus  byline_portal_article_status (BylinePortalPostStatus   status);
BylineArticle    *byline_portal_article_new    (BylinePortalPost        *post,
                                                const char              *site,
                                                GError                 **error);

G_END_DECLS
