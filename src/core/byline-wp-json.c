/* byline-wp-json.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-wp"

#include "config.h"

#include <libsoup/soup.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-wp-json.h"

/* Type-checked accessors: json-glib's own getters emit criticals on a type
 * mismatch, and a portal's JSON is input, not a promise. */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static gboolean
node_is_value (JsonNode *node,
               GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = member (object, name);

  return node_is_value (node, G_TYPE_STRING) ? json_node_get_string (node) : NULL;
}

static gboolean
node_get_int (JsonNode *node,
              gint64   *out)
{
  if (node_is_value (node, G_TYPE_INT64))
    {
      *out = json_node_get_int (node);
      return TRUE;
    }

  /* Some plugins turn ids into strings ("12"). */
  if (node_is_value (node, G_TYPE_STRING))
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      gint64 value = g_ascii_strtoll (s, &end, 10);

      if (*s != '\0' && end != NULL && *end == '\0')
        {
          *out = value;
          return TRUE;
        }
    }

  return FALSE;
}

static gint64
get_int (JsonObject *object,
         const char *name,
         gint64      fallback)
{
  gint64 value;

  return node_get_int (member (object, name), &value) ? value : fallback;
}

static gboolean
get_bool (JsonObject *object,
          const char *name)
{
  JsonNode *node = member (object, name);

  return node_is_value (node, G_TYPE_BOOLEAN) && json_node_get_boolean (node);
}

/**
 * byline_wp_decode_entities:
 * @text: (nullable): text from WordPress
 *
 * Names of terms are stored HTML-escaped ("Văn hóa &amp; Xã hội"), raw
 * titles and excerpts of posts by authors too (kses), and rendered titles
 * carry entities ("&#8211;"): decoded for display and editing.
 *
 * Returns: (transfer full) (nullable): the text with its entities decoded
 */
char *
byline_wp_decode_entities (const char *text)
{
  static const struct
  {
    const char *name;
    const char *value;
  } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
    { "apos;", "'" }, { "nbsp;", "\u00a0" },
  };
  GString *out;

  if (text == NULL || strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; )
    {
      gboolean done = FALSE;

      if (*p == '&' && p[1] == '#')
        {
          const char *digits = p + 2;
          int base = 10;
          char *end = NULL;
          guint64 code;

          if (*digits == 'x' || *digits == 'X')
            {
              base = 16;
              digits++;
            }
          code = g_ascii_strtoull (digits, &end, base);
          if (end != digits && *end == ';' && code > 0 && code <= 0x10FFFF &&
              g_unichar_validate ((gunichar) code))
            {
              g_string_append_unichar (out, (gunichar) code);
              p = end + 1;
              done = TRUE;
            }
        }
      else if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (named); i++)
            if (g_str_has_prefix (p + 1, named[i].name))
              {
                g_string_append (out, named[i].value);
                p += 1 + strlen (named[i].name);
                done = TRUE;
                break;
              }
        }

      if (!done)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* WordPress sends titles, captions and content as {"raw", "rendered"}
 * (raw only with context=edit), a few fields as plain strings. */
static char *
get_text (JsonObject *object,
          const char *name,
          gboolean   *is_rendered)
{
  JsonNode *node = member (object, name);
  JsonObject *inner;
  const char *text;

  if (is_rendered != NULL)
    *is_rendered = FALSE;

  if (node_is_value (node, G_TYPE_STRING))
    return g_strdup (json_node_get_string (node));

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  inner = json_node_get_object (node);
  if ((text = get_string (inner, "raw")) != NULL)
    return g_strdup (text);

  if ((text = get_string (inner, "rendered")) != NULL)
    {
      if (is_rendered != NULL)
        *is_rendered = TRUE;
      return g_strdup (text);
    }

  return NULL;
}

static GArray *
get_ids (JsonObject *object,
         const char *name)
{
  JsonArray *array = get_array (object, name);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      gint64 id;

      if (node_get_int (json_array_get_element (array, i), &id))
        g_array_append_val (ids, id);
    }

  return ids;
}

static JsonObject *
require_object (JsonNode    *node,
                const char  *what,
                GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "Expected a JSON object for %s", what);
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
require_id (JsonObject  *object,
            const char  *what,
            gint64      *id,
            GError     **error)
{
  if (!node_get_int (member (object, "id"), id) || *id <= 0)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "The %s has no valid id", what);
      return FALSE;
    }

  return TRUE;
}

static JsonArray *
require_array (JsonNode    *node,
               const char  *what,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "Expected a JSON array of %s", what);
      return NULL;
    }

  return json_node_get_array (node);
}

/* Rejects nesting deeper than BYLINE_WP_JSON_MAX_DEPTH without recursing. */
static gboolean
check_depth (const char *data,
             gsize       size,
             GError    **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > BYLINE_WP_JSON_MAX_DEPTH)
            {
              g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                           "The answer nests deeper than %d levels", BYLINE_WP_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * byline_wp_json_parse:
 * @bytes: an answer's body
 *
 * Parses @bytes as JSON, refusing empty input and absurd nesting.
 *
 * Returns: (transfer full): the root node, or %NULL with %BYLINE_ERROR_PARSE
 */
JsonNode *
byline_wp_json_parse (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  /* A UTF-8 byte order mark is legal JSON input for some servers. */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (size == 0)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "The answer is empty");
      return NULL;
    }

  if (!check_depth (data, size, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                   "The answer is not valid JSON: %s", local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "The answer is empty");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/**
 * byline_wp_is_json_content_type:
 *
 * Whether a Content-Type header announces JSON (application/json or any
 * application/…+json).
 */
gboolean
byline_wp_is_json_content_type (const char *content_type)
{
  g_autofree char *type = NULL;
  const char *semicolon;

  if (content_type == NULL)
    return FALSE;

  semicolon = strchr (content_type, ';');
  type = g_strstrip (g_ascii_strdown (content_type,
                                      semicolon ? semicolon - content_type : -1));

  return g_str_equal (type, "application/json") ||
         (g_str_has_prefix (type, "application/") && g_str_has_suffix (type, "+json"));
}

/**
 * byline_wp_parse_error:
 * @code: (out) (optional) (transfer full): WordPress's error code
 * @message: (out) (optional) (transfer full): its message
 * @term_id: (out) (optional): `data.term_id` of a term_exists error, else 0
 *
 * Reads a WordPress error body: {"code", "message", "data": {"status"}}.
 *
 * Returns: %TRUE when @node is one
 */
gboolean
byline_wp_parse_error (JsonNode  *node,
                       char     **code,
                       char     **message,
                       gint64    *term_id)
{
  JsonObject *object;
  const char *wp_code;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  wp_code = get_string (object, "code");
  if (wp_code == NULL)
    return FALSE;

  if (code != NULL)
    *code = g_strdup (wp_code);
  if (message != NULL)
    *message = g_strdup (get_string (object, "message"));
  if (term_id != NULL)
    *term_id = get_int (get_object (object, "data"), "term_id", 0);

  return TRUE;
}

static gboolean
has_string (JsonArray  *array,
            const char *string)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (node_is_value (node, G_TYPE_STRING) && g_str_equal (json_node_get_string (node), string))
        return TRUE;
    }

  return FALSE;
}

/**
 * byline_wp_parse_site:
 * @index: the REST index (`/wp-json/`)
 * @rest_root: the address @index came from
 *
 * Returns: (transfer full): the site, or %NULL with %BYLINE_ERROR_PARSE,
 *   %BYLINE_ERROR_NO_REST_API (no wp/v2 namespace) or
 *   %BYLINE_ERROR_NO_APP_PASSWORDS (application passwords unavailable)
 */
BylinePortalSite *
byline_wp_parse_site (JsonNode    *index,
                      const char  *rest_root,
                      GError     **error)
{
  g_autoptr(BylinePortalSite) site = NULL;
  JsonObject *object;
  JsonObject *app_passwords;
  const char *home;

  g_return_val_if_fail (rest_root != NULL, NULL);

  if (!(object = require_object (index, "the REST index", error)))
    return NULL;

  if (get_array (object, "namespaces") == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                           "The REST index lists no namespaces");
      return NULL;
    }

  if (!has_string (get_array (object, "namespaces"), "wp/v2"))
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_NO_REST_API,
                           "The site's REST API has no wp/v2 namespace");
      return NULL;
    }

  /* WordPress lists application passwords here only when they are
   * available: https (or a 'local' site) and not disabled by a filter. */
  app_passwords = get_object (get_object (object, "authentication"), "application-passwords");
  if (app_passwords == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_NO_APP_PASSWORDS,
                           "The site does not offer application passwords");
      return NULL;
    }

  site = byline_portal_site_new ();
  site->rest_root = g_strdup (rest_root);
  home = get_string (object, "home");
  if (home == NULL)
    home = get_string (object, "url");
  site->address = g_strdup (home);
  site->name = g_strdup (get_string (object, "name"));
  site->description = g_strdup (get_string (object, "description"));
  site->authorization_url = g_strdup (get_string (get_object (app_passwords, "endpoints"),
                                                  "authorization"));

  return g_steal_pointer (&site);
}

static const struct
{
  const char       *capability;
  BylinePortalCaps  flag;
} capabilities[] = {
  { "edit_posts", BYLINE_PORTAL_CAN_EDIT_POSTS },
  { "publish_posts", BYLINE_PORTAL_CAN_PUBLISH },
  { "upload_files", BYLINE_PORTAL_CAN_UPLOAD },
  { "edit_others_posts", BYLINE_PORTAL_CAN_EDIT_OTHERS },
  { "manage_categories", BYLINE_PORTAL_CAN_MANAGE_CATEGORIES },
  { "moderate_comments", BYLINE_PORTAL_CAN_MODERATE_COMMENTS },
  { "unfiltered_html", BYLINE_PORTAL_CAN_UNFILTERED_HTML },
};

/**
 * byline_wp_parse_user:
 * @node: `users/me?context=edit`
 *
 * Returns: (transfer full): the user with roles and capabilities
 */
BylinePortalUser *
byline_wp_parse_user (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(BylinePortalUser) user = NULL;
  g_autoptr(GStrvBuilder) roles = NULL;
  JsonObject *object;
  JsonObject *caps;
  JsonArray *array;

  if (!(object = require_object (node, "the user", error)))
    return NULL;

  user = byline_portal_user_new ();
  if (!require_id (object, "user", &user->id, error))
    return NULL;

  user->username = g_strdup (get_string (object, "username"));
  user->name = g_strdup (get_string (object, "name"));
  if (user->name == NULL || *user->name == '\0')
    {
      g_free (user->name);
      user->name = g_strdup (user->username);
    }

  roles = g_strv_builder_new ();
  array = get_array (object, "roles");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *role = json_array_get_element (array, i);

      if (node_is_value (role, G_TYPE_STRING))
        g_strv_builder_add (roles, json_node_get_string (role));
    }
  user->roles = g_strv_builder_end (roles);

  /* Without context=edit there are no capabilities: the user then
   * appears to be allowed nothing, which is the safe reading. */
  caps = get_object (object, "capabilities");
  for (guint i = 0; i < G_N_ELEMENTS (capabilities); i++)
    if (get_bool (caps, capabilities[i].capability))
      user->caps |= capabilities[i].flag;

  return g_steal_pointer (&user);
}

/**
 * byline_wp_parse_post:
 *
 * Returns: (transfer full): the post
 */
BylinePortalPost *
byline_wp_parse_post (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(BylinePortalPost) post = NULL;
  JsonObject *object;

  if (!(object = require_object (node, "the post", error)))
    return NULL;

  post = byline_portal_post_new ();
  if (!require_id (object, "post", &post->id, error))
    return NULL;

  post->status = byline_portal_post_status_from_string (get_string (object, "status"));
  {
    gboolean rendered;
    g_autofree char *title = get_text (object, "title", &rendered);

    post->title = rendered ? byline_wp_decode_entities (title) : g_steal_pointer (&title);
  }
  post->excerpt = get_text (object, "excerpt", NULL);

  /* Rendered content is HTML for readers, not block markup: keep only raw. */
  {
    JsonObject *content = get_object (object, "content");

    post->content = g_strdup (get_string (content, "raw"));
  }

  post->slug = g_strdup (get_string (object, "slug"));
  post->generated_slug = g_strdup (get_string (object, "generated_slug"));
  post->link = g_strdup (get_string (object, "link"));
  post->comment_status = g_strdup (get_string (object, "comment_status"));
  post->date_gmt = byline_wp_parse_date_gmt (get_string (object, "date_gmt"));
  post->modified_gmt = byline_wp_parse_date_gmt (get_string (object, "modified_gmt"));
  post->author = get_int (object, "author", 0);
  post->featured_media = get_int (object, "featured_media", 0);
  post->categories = get_ids (object, "categories");
  post->tags = get_ids (object, "tags");

  return g_steal_pointer (&post);
}

typedef gpointer (*ParseFunc) (JsonNode *node,
                               gpointer  user_data,
                               GError  **error);

static GPtrArray *
parse_list (JsonNode       *node,
            const char     *what,
            ParseFunc       parse,
            gpointer        user_data,
            GDestroyNotify  free_func,
            GError        **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;

  if (!(array = require_array (node, what, error)))
    return NULL;

  items = g_ptr_array_new_full (json_array_get_length (array), free_func);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = parse (json_array_get_element (array, i), user_data, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

static gpointer
parse_post_cb (JsonNode *node,
               gpointer  user_data,
               GError  **error)
{
  return byline_wp_parse_post (node, error);
}

/**
 * byline_wp_parse_posts:
 *
 * Returns: (transfer full) (element-type BylinePortalPost): the posts
 */
GPtrArray *
byline_wp_parse_posts (JsonNode  *node,
                       GError   **error)
{
  return parse_list (node, "posts", parse_post_cb, NULL,
                     (GDestroyNotify) byline_portal_post_unref, error);
}

/**
 * byline_wp_parse_media:
 *
 * Returns: (transfer full): the media item
 */
BylinePortalMedia *
byline_wp_parse_media (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(BylinePortalMedia) media = NULL;
  JsonObject *object;
  JsonObject *details;

  if (!(object = require_object (node, "the media item", error)))
    return NULL;

  media = byline_portal_media_new ();
  if (!require_id (object, "media item", &media->id, error))
    return NULL;

  media->title = get_text (object, "title", NULL);
  media->caption = get_text (object, "caption", NULL);
  media->alt_text = g_strdup (get_string (object, "alt_text"));
  media->description = get_text (object, "description", NULL);
  media->mime_type = g_strdup (get_string (object, "mime_type"));
  media->source_url = g_strdup (get_string (object, "source_url"));

  details = get_object (object, "media_details");
  media->width = CLAMP (get_int (details, "width", 0), 0, G_MAXUINT);
  media->height = CLAMP (get_int (details, "height", 0), 0, G_MAXUINT);

  return g_steal_pointer (&media);
}

static gpointer
parse_media_cb (JsonNode *node,
                gpointer  user_data,
                GError  **error)
{
  return byline_wp_parse_media (node, error);
}

/**
 * byline_wp_parse_media_list:
 *
 * Returns: (transfer full) (element-type BylinePortalMedia): the media items
 */
GPtrArray *
byline_wp_parse_media_list (JsonNode  *node,
                            GError   **error)
{
  return parse_list (node, "media items", parse_media_cb, NULL,
                     (GDestroyNotify) byline_portal_media_unref, error);
}

/**
 * byline_wp_parse_term:
 *
 * Returns: (transfer full): the category or tag
 */
BylinePortalTerm *
byline_wp_parse_term (JsonNode              *node,
                      BylinePortalTaxonomy   taxonomy,
                      GError               **error)
{
  g_autoptr(BylinePortalTerm) term = NULL;
  JsonObject *object;

  if (!(object = require_object (node, "the term", error)))
    return NULL;

  term = byline_portal_term_new ();
  if (!require_id (object, "term", &term->id, error))
    return NULL;

  term->taxonomy = taxonomy;
  term->name = byline_wp_decode_entities (get_string (object, "name"));
  term->slug = g_strdup (get_string (object, "slug"));
  term->parent = get_int (object, "parent", 0);
  term->count = CLAMP (get_int (object, "count", 0), 0, G_MAXUINT);

  if (term->name == NULL)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE, "The term has no name");
      return NULL;
    }

  return g_steal_pointer (&term);
}

static gpointer
parse_term_cb (JsonNode *node,
               gpointer  user_data,
               GError  **error)
{
  return byline_wp_parse_term (node, GPOINTER_TO_INT (user_data), error);
}

/**
 * byline_wp_parse_terms:
 *
 * Returns: (transfer full) (element-type BylinePortalTerm): the terms
 */
GPtrArray *
byline_wp_parse_terms (JsonNode              *node,
                       BylinePortalTaxonomy   taxonomy,
                       GError               **error)
{
  return parse_list (node, "terms", parse_term_cb, GINT_TO_POINTER (taxonomy),
                     (GDestroyNotify) byline_portal_term_unref, error);
}

/**
 * byline_wp_parse_comment:
 *
 * Returns: (transfer full): the comment
 */
BylinePortalComment *
byline_wp_parse_comment (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(BylinePortalComment) comment = NULL;
  JsonObject *object;

  if (!(object = require_object (node, "the comment", error)))
    return NULL;

  comment = byline_portal_comment_new ();
  if (!require_id (object, "comment", &comment->id, error))
    return NULL;

  comment->post = get_int (object, "post", 0);
  comment->parent = get_int (object, "parent", 0);
  comment->author = get_int (object, "author", 0);
  comment->author_name = g_strdup (get_string (object, "author_name"));
  comment->date_gmt = byline_wp_parse_date_gmt (get_string (object, "date_gmt"));
  comment->status = byline_portal_comment_status_from_string (get_string (object, "status"));
  /* Only moderators get "raw"; others read HTML the UI must sanitize. */
  comment->content = get_text (object, "content", &comment->content_is_html);

  return g_steal_pointer (&comment);
}

static gpointer
parse_comment_cb (JsonNode *node,
                  gpointer  user_data,
                  GError  **error)
{
  return byline_wp_parse_comment (node, error);
}

/**
 * byline_wp_parse_comments:
 *
 * Returns: (transfer full) (element-type BylinePortalComment): the comments
 */
GPtrArray *
byline_wp_parse_comments (JsonNode  *node,
                          GError   **error)
{
  return parse_list (node, "comments", parse_comment_cb, NULL,
                     (GDestroyNotify) byline_portal_comment_unref, error);
}

static gpointer
parse_user_cb (JsonNode *node,
               gpointer  user_data,
               GError  **error)
{
  return byline_wp_parse_user (node, error);
}

/**
 * byline_wp_parse_users:
 * @node: a `users` list
 *
 * Returns: (transfer full) (element-type BylinePortalUser): the users
 */
GPtrArray *
byline_wp_parse_users (JsonNode  *node,
                       GError   **error)
{
  return parse_list (node, "users", parse_user_cb, NULL,
                     (GDestroyNotify) byline_portal_user_unref, error);
}

/**
 * byline_wp_parse_time_zone:
 * @index: the REST index (`/wp-json/`), at least its `timezone_string`
 *   and `gmt_offset`
 *
 * WordPress names the site's zone ("Asia/Ho_Chi_Minh") or, when the
 * administrator picked a fixed offset ("UTC+7"), leaves the name empty and
 * gives the offset in hours, possibly fractional, as a number or a string.
 *
 * Returns: (transfer full): the zone, or %NULL with %BYLINE_ERROR_PARSE
 */
GTimeZone *
byline_wp_parse_time_zone (JsonNode  *index,
                           GError   **error)
{
  JsonObject *object;
  JsonNode *offset;
  const char *name;
  double hours = 0;

  if (!(object = require_object (index, "the REST index", error)))
    return NULL;

  name = get_string (object, "timezone_string");
  if (name != NULL && *name != '\0')
    {
      GTimeZone *zone = g_time_zone_new_identifier (name);

      if (zone != NULL)
        return zone;
    }

  offset = member (object, "gmt_offset");
  if (node_is_value (offset, G_TYPE_INT64))
    hours = json_node_get_int (offset);
  else if (node_is_value (offset, G_TYPE_DOUBLE))
    hours = json_node_get_double (offset);
  else if (node_is_value (offset, G_TYPE_STRING))
    {
      const char *text = json_node_get_string (offset);
      char *end = NULL;

      hours = g_ascii_strtod (text, &end);
      if (end == text || *end != '\0')
        offset = NULL;
    }
  else
    offset = NULL;

  if (offset == NULL || hours < -14 || hours > 14)
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                           "The REST index gives no usable time zone");
      return NULL;
    }

  return g_time_zone_new_offset ((gint32) (hours * 3600));
}

static void
add_ids (JsonBuilder *builder,
         const char  *name,
         GArray      *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/**
 * byline_wp_post_changes_to_json:
 *
 * The request body for creating or updating a post: only the fields that
 * @changes sets.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
byline_wp_post_changes_to_json (const BylinePortalPostChanges *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (changes != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "title", changes->title);
  add_string (builder, "content", changes->content);
  add_string (builder, "excerpt", changes->excerpt);
  add_string (builder, "slug", changes->slug);
  add_string (builder, "comment_status", changes->comment_status);
  add_string (builder, "status", byline_portal_post_status_to_string (changes->status));
  if (changes->date_gmt != NULL)
    {
      g_autofree char *date = byline_wp_format_date_gmt (changes->date_gmt);

      add_string (builder, "date_gmt", date);
    }
  if (changes->categories != NULL)
    add_ids (builder, "categories", changes->categories);
  if (changes->tags != NULL)
    add_ids (builder, "tags", changes->tags);
  if (changes->featured_media >= 0)
    {
      json_builder_set_member_name (builder, "featured_media");
      json_builder_add_int_value (builder, changes->featured_media);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * byline_wp_parse_date_gmt:
 * @string: (nullable): WordPress's "2023-11-15T01:30:00" (UTC, no zone)
 *
 * Returns: (transfer full) (nullable): the time in UTC, or %NULL
 */
GDateTime *
byline_wp_parse_date_gmt (const char *string)
{
  g_autoptr(GTimeZone) utc = NULL;

  if (string == NULL || *string == '\0' || g_str_has_prefix (string, "0000-00-00"))
    return NULL;

  utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (string, utc);
}

/**
 * byline_wp_format_date_gmt:
 *
 * Returns: (transfer full): @date in UTC as WordPress's `date_gmt` wants it
 */
char *
byline_wp_format_date_gmt (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
}

/**
 * byline_wp_build_url:
 * @rest_root: a REST root: ".../wp-json/" or ".../?rest_route=/"
 * @route: a route without leading slash, e.g. "wp/v2/posts/12"
 * @query: (nullable) (array zero-terminated=1): name, value, name, value…
 *
 * Builds an endpoint's address in the root's style: pretty permalinks
 * append the route to the path, plain ones put it in `rest_route`.
 *
 * Returns: (transfer full): the URL
 */
char *
byline_wp_build_url (const char         *rest_root,
                     const char         *route,
                     const char * const *query)
{
  g_autoptr(GUri) root = NULL;
  g_autoptr(GString) params = g_string_new (NULL);
  g_autofree char *path = NULL;
  const char *root_query;

  g_return_val_if_fail (rest_root != NULL, NULL);
  g_return_val_if_fail (route != NULL, NULL);

  root = g_uri_parse (rest_root, SOUP_HTTP_URI_FLAGS, NULL);
  g_return_val_if_fail (root != NULL, NULL);

  root_query = g_uri_get_query (root);
  if (root_query != NULL && (g_str_has_prefix (root_query, "rest_route=") ||
                             strstr (root_query, "&rest_route=") != NULL))
    {
      g_auto(GStrv) pairs = g_strsplit (root_query, "&", -1);
      g_autofree char *escaped = g_uri_escape_string (route, "/", FALSE);

      for (guint i = 0; pairs[i] != NULL; i++)
        {
          if (*pairs[i] == '\0')
            continue;
          if (params->len > 0)
            g_string_append_c (params, '&');
          if (g_str_has_prefix (pairs[i], "rest_route="))
            g_string_append_printf (params, "rest_route=/%s", escaped);
          else
            g_string_append (params, pairs[i]);
        }
      path = g_strdup (g_uri_get_path (root));
    }
  else
    {
      const char *base = g_uri_get_path (root);

      path = g_strconcat (base, g_str_has_suffix (base, "/") ? "" : "/", route, NULL);
      if (root_query != NULL)
        g_string_append (params, root_query);
    }

  for (guint i = 0; query != NULL && query[i] != NULL && query[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = g_uri_escape_string (query[i], NULL, FALSE);
      g_autofree char *value = g_uri_escape_string (query[i + 1], NULL, FALSE);

      if (params->len > 0)
        g_string_append_c (params, '&');
      g_string_append_printf (params, "%s=%s", name, value);
    }

  {
    g_autoptr(GUri) uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (root), NULL,
                                       g_uri_get_host (root),
                                       byline_http_uri_explicit_port (root), path,
                                       params->len > 0 ? params->str : NULL, NULL);

    return g_uri_to_string (uri);
  }
}

/**
 * byline_wp_normalize_address:
 * @address: what the user typed: "portal.example.vn", "https://…/news/",
 *   "…/wp-json/", "…/?rest_route=/" …
 *
 * Turns a typed address into the site's base address: https unless the host
 * is this computer, no `/wp-json/…` tail, query or fragment, and a path
 * ending in "/".
 *
 * Returns: (transfer full): the address, or %NULL with
 *   %BYLINE_ERROR_INVALID_INPUT or %BYLINE_ERROR_INSECURE
 */
GUri *
byline_wp_normalize_address (const char  *address,
                             GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  char *tail;

  g_return_val_if_fail (address != NULL, NULL);

  text = g_strstrip (g_strdup (address));
  if (*text == '\0')
    {
      g_set_error_literal (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT, "The address is empty");
      return NULL;
    }

  if (strstr (text, "://") == NULL)
    {
      g_autoptr(GUri) probe = NULL;
      g_autofree char *guess = g_strconcat ("http://", text, NULL);

      /* Without a scheme: https, except to this computer, where a test or
       * development portal usually has no certificate. */
      probe = g_uri_parse (guess, SOUP_HTTP_URI_FLAGS, NULL);
      if (probe != NULL && byline_http_host_is_loopback (g_uri_get_host (probe)))
        with_scheme = g_steal_pointer (&guess);
      else
        with_scheme = g_strconcat ("https://", text, NULL);
    }
  else
    {
      with_scheme = g_strdup (text);
    }

  uri = g_uri_parse (with_scheme, SOUP_HTTP_URI_FLAGS | G_URI_FLAGS_SCHEME_NORMALIZE,
                     &local_error);
  if (uri == NULL)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "“%s” is not a web address: %s", text, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "“%s” is not a web address (scheme %s)", text, scheme);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      strchr (g_uri_get_host (uri), ' ') != NULL)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "“%s” has no host name", text);
      return NULL;
    }

  if (!byline_http_check_uri (uri, error))
    return NULL;

  path = g_strdup (g_uri_get_path (uri));
  if ((tail = strstr (path, "/wp-json")) != NULL &&
      (tail[8] == '\0' || tail[8] == '/'))
    tail[1] = '\0';
  if (g_str_has_suffix (path, "/index.php"))
    path[strlen (path) - strlen ("index.php")] = '\0';
  if (!g_str_has_suffix (path, "/"))
    {
      char *slashed = g_strconcat (path, "/", NULL);

      g_free (path);
      path = slashed;
    }

  {
    g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);
    g_autofree char *lower_host = g_ascii_strdown (g_uri_get_host (uri), -1);

    return g_uri_build (G_URI_FLAGS_ENCODED, lower_scheme, NULL, lower_host,
                        byline_http_uri_explicit_port (uri), path, NULL, NULL);
  }
}

/**
 * byline_wp_find_api_link:
 * @link_header: (nullable): a Link header, possibly several comma-separated links
 *
 * Finds WordPress's REST root in `Link: <…/wp-json/>; rel="https://api.w.org/"`.
 *
 * Returns: (transfer full) (nullable): the REST root
 */
char *
byline_wp_find_api_link (const char *link_header)
{
  const char *p = link_header;

  while (p != NULL && *p != '\0')
    {
      const char *open = strchr (p, '<');
      const char *close;
      const char *next;
      g_autofree char *params = NULL;

      if (open == NULL || (close = strchr (open, '>')) == NULL)
        return NULL;

      /* The link's parameters run to the next "<" (the next link). */
      next = strchr (close, '<');
      params = g_strndup (close + 1,
                          next != NULL ? (gsize) (next - close - 1) : strlen (close + 1));

      if (strstr (params, "rel=\"https://api.w.org/\"") != NULL ||
          strstr (params, "rel=https://api.w.org/") != NULL)
        return g_strndup (open + 1, close - open - 1);

      p = next;
    }

  return NULL;
}
