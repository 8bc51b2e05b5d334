/* byline-wp-json.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "byline-portal-types.h"

G_BEGIN_DECLS

/* Pure functions between WordPress's REST JSON and Byline's portal records:
 * no I/O, so unit tests feed them fixture files. Parsers never trust types:
 * a wrong type in an optional field is ignored, in a required one it is a
 * %BYLINE_ERROR_PARSE. */

/* Deeper nesting than this is refused before json-glib (which recurses)
 * sees it; WordPress's answers nest about 6 levels. */
#define BYLINE_WP_JSON_MAX_DEPTH 128

JsonNode             *byline_wp_json_parse              (GBytes                        *bytes,
                                                         GError                       **error);
gboolean              byline_wp_is_json_content_type    (const char                    *content_type);

gboolean              byline_wp_parse_error             (JsonNode                      *node,
                                                         char                         **code,
                                                         char                         **message,
                                                         gint64                        *term_id);

BylinePortalSite     *byline_wp_parse_site              (JsonNode                      *index,
                                                         const char                    *rest_root,
                                                         GError                       **error);
BylinePortalUser     *byline_wp_parse_user              (JsonNode                      *node,
                                                         GError                       **error);
BylinePortalPost     *byline_wp_parse_post              (JsonNode                      *node,
                                                         GError                       **error);
GPtrArray            *byline_wp_parse_posts             (JsonNode                      *node,
                                                         GError                       **error);
BylinePortalMedia    *byline_wp_parse_media             (JsonNode                      *node,
                                                         GError                       **error);
GPtrArray            *byline_wp_parse_media_list        (JsonNode                      *node,
                                                         GError                       **error);
BylinePortalTerm     *byline_wp_parse_term              (JsonNode                      *node,
                                                         BylinePortalTaxonomy           taxonomy,
                                                         GError                       **error);
GPtrArray            *byline_wp_parse_terms             (JsonNode                      *node,
                                                         BylinePortalTaxonomy           taxonomy,
                                                         GError                       **error);
BylinePortalComment  *byline_wp_parse_comment           (JsonNode                      *node,
                                                         GError                       **error);
GPtrArray            *byline_wp_parse_comments          (JsonNode                      *node,
                                                         GError                       **error);
GPtrArray            *byline_wp_parse_users             (JsonNode                      *node,
                                                         GError                       **error);
GTimeZone            *byline_wp_parse_time_zone         (JsonNode                      *index,
                                                         GError                       **error);

JsonNode             *byline_wp_post_changes_to_json    (const BylinePortalPostChanges *changes);

char                 *byline_wp_decode_entities         (const char                    *text);

GDateTime            *byline_wp_parse_date_gmt          (const char                    *string);
char                 *byline_wp_format_date_gmt         (GDateTime                     *date);

char                 *byline_wp_build_url               (const char                    *rest_root,
                                                         const char                    *route,
                                                         const char * const            *query);
GUri                 *byline_wp_normalize_address       (const char                    *address,
                                                         GError                       **error);
char                 *byline_wp_find_api_link           (const char                    *link_header);

G_END_DECLS
