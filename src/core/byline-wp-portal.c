/* byline-wp-portal.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-wp"

#include "config.h"

#include "byline-error.h"
#include "byline-http.h"
#include "byline-multipart-stream.h"
#include "byline-wp-json.h"
#include "byline-wp-portal.h"

/**
 * BylineWpPortal:
 *
 * The WordPress REST API (`wp/v2`) behind #BylinePortal, signed in with an
 * application password (HTTP Basic, sent only to the REST root's origin).
 * The quirks it handles were observed on a real WordPress 6.1: any 401 is
 * bad credentials, capability errors come as 403 (400 on newer versions),
 * `term_exists` carries the existing term's id, comments created by
 * non-moderators start approved, upload metadata must be sent explicitly.
 */

#define POST_FIELDS "id,status,title,excerpt,slug,generated_slug,link,comment_status," \
                    "date_gmt,modified_gmt,author,featured_media,categories,tags"
#define TERM_FIELDS    "id,name,slug,parent,count"
#define COMMENT_FIELDS "id,post,parent,author,author_name,date_gmt,status,content"
#define MAX_PAGES      100

struct _BylineWpPortal
{
  GObject parent_instance;

  /* Owned */
  SoupSession      *session;
  BylinePortalSite *site;
  char             *username;
  char             *authorization;
  BylinePortalUser *user;  /* from the last successful get_user */
};

static void byline_wp_portal_iface_init (BylinePortalInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BylineWpPortal, byline_wp_portal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BYLINE_TYPE_PORTAL,
                                                      byline_wp_portal_iface_init))

static void
wipe_string (char *string)
{
  if (string != NULL)
    {
      memset (string, 0, strlen (string));
      g_free (string);
    }
}

/**
 * byline_wp_portal_new:
 * @session: a session from byline_http_session_new()
 * @site: the site found by byline_wp_portal_discover_async()
 * @username: the WordPress login (or e-mail address)
 * @password: an application password, with or without its spaces
 *
 * Nothing is sent until the first operation; byline_portal_get_user_async()
 * checks the credentials.
 *
 * Returns: (transfer full): a new portal
 */
BylineWpPortal *
byline_wp_portal_new (SoupSession      *session,
                      BylinePortalSite *site,
                      const char       *username,
                      const char       *password)
{
  BylineWpPortal *self;
  g_autofree char *compact = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  char *out;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (site != NULL && site->rest_root != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_object_new (BYLINE_TYPE_WP_PORTAL, NULL);
  self->session = g_object_ref (session);
  self->site = byline_portal_site_ref (site);
  self->username = g_strdup (username);

  /* WordPress shows application passwords in groups of four; the spaces
   * are optional, drop them. */
  compact = g_strdup (password);
  out = compact;
  for (const char *p = password; *p != '\0'; p++)
    if (*p != ' ')
      *out++ = *p;
  *out = '\0';

  pair = g_strconcat (username, ":", compact, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);

  memset (compact, 0, strlen (compact));
  memset (pair, 0, strlen (pair));
  memset (encoded, 0, strlen (encoded));

  return self;
}

/* Cancellation comes back as %BYLINE_ERROR_CANCELLED from the step that
 * noticed it; GTask would otherwise replace every error of a cancelled
 * task with G_IO_ERROR_CANCELLED. */
static GTask *
wp_task_new (gpointer             source_object,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_check_cancellable (task, FALSE);

  return task;
}

/* Requests */

static SoupMessage *
wp_message_new (BylineWpPortal     *self,
                const char         *method,
                const char         *route,
                const char * const *query,
                JsonNode           *body)
{
  g_autofree char *url = byline_wp_build_url (self->site->rest_root, route, query);
  SoupMessage *message = soup_message_new (method, url);

  if (message == NULL)
    return NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  if (body != NULL)
    {
      g_autofree char *json = json_to_string (body, FALSE);
      gsize length = strlen (json);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), length);

      soup_message_set_request_body_from_bytes (message, "application/json; charset=utf-8",
                                                bytes);
    }

  return message;
}

static void
wp_send (BylineWpPortal      *self,
         SoupMessage         *message,
         GTask               *task,
         GAsyncReadyCallback  callback)
{
  if (message == NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "Cannot build a request to %s", self->site->rest_root);
      g_object_unref (task);
      return;
    }

  byline_http_send_async (self->session, message, self->authorization, BYLINE_HTTP_MAX_BODY,
                          BYLINE_HTTP_SEND_NONE, g_task_get_cancellable (task), callback, task);
}

/* Sends and takes ownership of @task, which @callback receives as user_data. */
static void
wp_request (BylineWpPortal      *self,
            const char          *method,
            const char          *route,
            const char * const  *query,
            JsonNode            *body,
            GTask               *task,
            GAsyncReadyCallback  callback)
{
  g_autoptr(SoupMessage) message = wp_message_new (self, method, route, query, body);

  wp_send (self, message, task, callback);
}

/*
 * Reads an answer: its JSON for a 2xx answer with a JSON body; otherwise a
 * %BYLINE_ERROR from byline_http_error_new() with WordPress's code and
 * message. @term_id receives the id a term_exists error carries.
 */
static JsonNode *
wp_response (GAsyncResult  *result,
             SoupMessage  **message_out,
             gint64        *term_id,
             GError       **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;
  g_autofree char *wp_message = NULL;
  const char *content_type;
  guint status;

  if (term_id != NULL)
    *term_id = 0;

  body = byline_http_send_finish (result, &message, error);
  if (body == NULL)
    return NULL;

  status = soup_message_get_status (message);
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message),
                                                        NULL);

  if (status >= 200 && status < 300)
    {
      if (!byline_wp_is_json_content_type (content_type))
        {
          g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                       "The portal answered with %s instead of JSON",
                       content_type != NULL ? content_type : "no content type");
          return NULL;
        }

      node = byline_wp_json_parse (body, error);
      if (node == NULL)
        return NULL;

      if (message_out != NULL)
        *message_out = g_steal_pointer (&message);
      return g_steal_pointer (&node);
    }

  /* Error pages from proxies and PHP fatals are HTML: keep the status. */
  if (byline_wp_is_json_content_type (content_type))
    {
      node = byline_wp_json_parse (body, NULL);
      byline_wp_parse_error (node, &code, &wp_message, term_id);
    }

  g_debug ("%s %s failed: HTTP %u %s", soup_message_get_method (message),
           g_uri_get_path (soup_message_get_uri (message)), status, code ? code : "");

  g_propagate_error (error, byline_http_error_new (status, soup_message_get_reason_phrase (message),
                                                   code, wp_message));
  return NULL;
}

static guint
header_uint (SoupMessage *message,
             const char  *name)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    name);
  guint64 number = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL))
    return 0;

  return number;
}

/* The Date header: the portal's clock, which "modified_after" compares with. */
static GDateTime *
header_date (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Date");

  return value != NULL ? soup_date_time_new_from_http_string (value) : NULL;
}

/* One request, one parsed record. */

typedef gpointer (*ParseFunc) (JsonNode  *node,
                               GError   **error);

typedef struct
{
  ParseFunc      parse;
  GDestroyNotify free_func;
} RecordKind;

static const RecordKind user_kind = {
  (ParseFunc) byline_wp_parse_user, (GDestroyNotify) byline_portal_user_unref
};
static const RecordKind post_kind = {
  (ParseFunc) byline_wp_parse_post, (GDestroyNotify) byline_portal_post_unref
};
static const RecordKind media_kind = {
  (ParseFunc) byline_wp_parse_media, (GDestroyNotify) byline_portal_media_unref
};
static const RecordKind comment_kind = {
  (ParseFunc) byline_wp_parse_comment, (GDestroyNotify) byline_portal_comment_unref
};
static const RecordKind time_zone_kind = {
  (ParseFunc) byline_wp_parse_time_zone, (GDestroyNotify) g_time_zone_unref
};

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const RecordKind *kind = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  gpointer record;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  record = kind->parse (node, &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, record, kind->free_func);
}

static GTask *
record_task_new (BylineWpPortal      *self,
                 const RecordKind    *kind,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = wp_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) kind, NULL);

  return task;
}

static gpointer
record_finish (GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Site and user */

static BylinePortalSite *
byline_wp_portal_get_site (BylinePortal *portal)
{
  return BYLINE_WP_PORTAL (portal)->site;
}

static const char *
byline_wp_portal_get_username (BylinePortal *portal)
{
  return BYLINE_WP_PORTAL (portal)->username;
}

static void
get_user_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineWpPortal *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(BylinePortalUser) user = NULL;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL || (user = byline_wp_parse_user (node, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_clear_pointer (&self->user, byline_portal_user_unref);
  self->user = byline_portal_user_ref (user);

  g_task_return_pointer (task, g_steal_pointer (&user), (GDestroyNotify) byline_portal_user_unref);
}

static void
byline_wp_portal_get_user_async (BylinePortal        *portal,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  static const char * const query[] = { "context", "edit", NULL };
  GTask *task;

  task = record_task_new (self, &user_kind, byline_wp_portal_get_user_async,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_GET, "wp/v2/users/me", query, NULL, task, get_user_cb);
}

static BylinePortalUser *
byline_wp_portal_get_user_finish (BylinePortal  *portal,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return record_finish (result, byline_wp_portal_get_user_async, error);
}

/* Posts */

static void
list_posts_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(BylinePortalPostPage) page = NULL;
  GError *error = NULL;

  node = wp_response (result, &message, NULL, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = byline_portal_post_page_new ();
  page->posts = byline_wp_parse_posts (node, &error);
  if (page->posts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page->page = GPOINTER_TO_UINT (g_task_get_task_data (task));
  page->total = header_uint (message, "X-WP-Total");
  page->total_pages = header_uint (message, "X-WP-TotalPages");
  page->server_date = header_date (message);

  g_task_return_pointer (task, g_steal_pointer (&page),
                         (GDestroyNotify) byline_portal_post_page_unref);
}

static void
byline_wp_portal_list_posts_async (BylinePortal                *portal,
                                   const BylinePortalPostQuery *query,
                                   GCancellable                *cancellable,
                                   GAsyncReadyCallback          callback,
                                   gpointer                     user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) params = NULL;
  g_autofree char *page = NULL;
  g_autofree char *per_page = NULL;
  g_autofree char *author = NULL;
  g_autofree char *modified_after = NULL;
  g_autofree char *offset = NULL;
  GTask *task;

  task = wp_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_wp_portal_list_posts_async);

  page = g_strdup_printf ("%u", MAX (query->page, 1));
  per_page = g_strdup_printf ("%u", query->per_page == 0 ? 10 : MIN (query->per_page, 100));
  g_task_set_task_data (task, GUINT_TO_POINTER (MAX (query->page, 1)), NULL);

  /* context=edit gives raw titles and content and unpublished posts, but
   * leaves out every post the user may not edit; a list of published posts
   * only uses the view context so it shows everyone's. _fields keeps a
   * 100-post page small. */
  if (query->with_content ||
      (query->statuses & ~BYLINE_PORTAL_POST_STATUS_BIT (BYLINE_PORTAL_POST_STATUS_PUBLISH)) != 0)
    g_strv_builder_add_many (builder, "context", "edit", NULL);
  g_strv_builder_add_many (builder, "page", page, "per_page", per_page,
                           "_fields", query->with_content ? POST_FIELDS ",content" : POST_FIELDS,
                           NULL);

  if (query->statuses != 0)
    {
      g_autoptr(GString) statuses = g_string_new (NULL);

      for (guint s = BYLINE_PORTAL_POST_STATUS_DRAFT; s <= BYLINE_PORTAL_POST_STATUS_TRASH; s++)
        {
          if (!(query->statuses & BYLINE_PORTAL_POST_STATUS_BIT (s)))
            continue;
          if (statuses->len > 0)
            g_string_append_c (statuses, ',');
          g_string_append (statuses, byline_portal_post_status_to_string (s));
        }
      g_strv_builder_add_many (builder, "status", statuses->str, NULL);
    }

  if (query->search != NULL && *query->search != '\0')
    g_strv_builder_add_many (builder, "search", query->search, NULL);

  if (query->author > 0)
    {
      author = g_strdup_printf ("%" G_GINT64_FORMAT, query->author);
      g_strv_builder_add_many (builder, "author", author, NULL);
    }

  /* modified_after exists since WordPress 5.7; an older site ignores it and
   * lists the newest posts, which callers filter the same way. Without a
   * zone WordPress would read the time in the site's time zone. */
  if (query->modified_after != NULL)
    {
      g_autofree char *utc = byline_wp_format_date_gmt (query->modified_after);

      modified_after = g_strconcat (utc, "Z", NULL);
      g_strv_builder_add_many (builder, "modified_after", modified_after,
                               "orderby", "modified", "order", "desc", NULL);
    }

  /* WordPress's offset replaces the page; X-WP-Total still counts all. */
  if (query->offset > 0)
    {
      offset = g_strdup_printf ("%u", query->offset);
      g_strv_builder_add_many (builder, "offset", offset, NULL);
    }

  params = g_strv_builder_end (builder);
  wp_request (self, SOUP_METHOD_GET, "wp/v2/posts", (const char * const *) params, NULL,
              task, list_posts_cb);
}

static BylinePortalPostPage *
byline_wp_portal_list_posts_finish (BylinePortal  *portal,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return record_finish (result, byline_wp_portal_list_posts_async, error);
}

static char *
item_route (const char *collection,
            gint64      id)
{
  return g_strdup_printf ("wp/v2/%s/%" G_GINT64_FORMAT, collection, id);
}

static void
byline_wp_portal_get_post_async (BylinePortal        *portal,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  static const char * const query[] = { "context", "edit", NULL };
  g_autofree char *route = item_route ("posts", id);
  GTask *task;

  task = record_task_new (self, &post_kind, byline_portal_post_finish,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_GET, route, query, NULL, task, record_cb);
}

static void
byline_wp_portal_create_post_async (BylinePortal                  *portal,
                                    const BylinePortalPostChanges *changes,
                                    GCancellable                  *cancellable,
                                    GAsyncReadyCallback            callback,
                                    gpointer                       user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(JsonNode) body = byline_wp_post_changes_to_json (changes);
  GTask *task;

  task = record_task_new (self, &post_kind, byline_portal_post_finish,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_POST, "wp/v2/posts", NULL, body, task, record_cb);
}

static void
byline_wp_portal_update_post_async (BylinePortal                  *portal,
                                    gint64                         id,
                                    const BylinePortalPostChanges *changes,
                                    GCancellable                  *cancellable,
                                    GAsyncReadyCallback            callback,
                                    gpointer                       user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(JsonNode) body = byline_wp_post_changes_to_json (changes);
  g_autofree char *route = item_route ("posts", id);
  GTask *task;

  task = record_task_new (self, &post_kind, byline_portal_post_finish,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_POST, route, NULL, body, task, record_cb);
}

static void
byline_wp_portal_trash_post_async (BylinePortal        *portal,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  static const char * const query[] = { "context", "edit", NULL };
  g_autofree char *route = item_route ("posts", id);
  GTask *task;

  /* Without force=true WordPress moves the post to the trash and answers
   * with the post itself. */
  task = record_task_new (self, &post_kind, byline_portal_post_finish,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_DELETE, route, query, NULL, task, record_cb);
}

static BylinePortalPost *
byline_wp_portal_post_finish (BylinePortal  *portal,
                              GAsyncResult  *result,
                              GError       **error)
{
  return record_finish (result, byline_portal_post_finish, error);
}

/* Media */

typedef struct
{
  GFile                *file;
  char                 *title;
  char                 *caption;
  char                 *alt_text;
  char                 *slug;
  BylinePortalProgress  progress;
  gpointer              progress_data;
  SoupMessage          *message;
  gulong                progress_id;
  goffset               sent;
  goffset               total;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  if (data->progress_id != 0)
    g_clear_signal_handler (&data->progress_id, data->message);
  g_clear_object (&data->message);
  g_clear_object (&data->file);
  g_free (data->title);
  g_free (data->caption);
  g_free (data->alt_text);
  g_free (data->slug);
  g_free (data);
}

static void
on_wrote_body_data (SoupMessage *message,
                    guint        chunk_size,
                    UploadData  *data)
{
  data->sent += chunk_size;
  if (data->progress != NULL)
    data->progress (data->sent, data->total, data->progress_data);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  BylinePortalMedia *media;
  GError *error = NULL;

  g_clear_signal_handler (&data->progress_id, data->message);

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL || (media = byline_wp_parse_media (node, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, media, (GDestroyNotify) byline_portal_media_unref);
}

static void
upload_query_info_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineWpPortal *self = g_task_get_source_object (task);
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(BylineMultipartStream) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *basename = NULL;
  const char *content_type;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_CANCELLED, "%s", error->message);
      else
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                                 "Cannot read the photo: %s", error->message);
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                               "The photo is not a regular file");
      return;
    }

  content_type = g_file_info_get_content_type (info);
  mime_type = content_type != NULL ? g_content_type_get_mime_type (content_type) : NULL;
  basename = g_file_get_basename (data->file);

  body = byline_multipart_stream_new ();
  /* Without an explicit title WordPress makes one from the file name and
   * strips its accents ("Ảnh đoàn" → "Anh-doan"). */
  byline_multipart_stream_add_field (body, "title",
                                     data->title != NULL ? data->title : basename);
  if (data->caption != NULL)
    byline_multipart_stream_add_field (body, "caption", data->caption);
  if (data->alt_text != NULL)
    byline_multipart_stream_add_field (body, "alt_text", data->alt_text);
  if (data->slug != NULL)
    byline_multipart_stream_add_field (body, "slug", data->slug);
  byline_multipart_stream_add_file (body, "file", basename,
                                    mime_type != NULL ? mime_type : "application/octet-stream",
                                    data->file, g_file_info_get_size (info));

  data->total = byline_multipart_stream_get_length (body);
  data->message = wp_message_new (self, SOUP_METHOD_POST, "wp/v2/media", NULL, NULL);
  if (data->message == NULL)
    {
      wp_send (self, NULL, g_steal_pointer (&task), upload_cb);
      return;
    }

  soup_message_set_request_body (data->message,
                                 byline_multipart_stream_get_content_type (body),
                                 G_INPUT_STREAM (body), data->total);
  data->progress_id = g_signal_connect (data->message, "wrote-body-data",
                                        G_CALLBACK (on_wrote_body_data), data);

  wp_send (self, data->message, g_steal_pointer (&task), upload_cb);
}

static void
byline_wp_portal_upload_media_async (BylinePortal         *portal,
                                     GFile                *file,
                                     const char           *title,
                                     const char           *caption,
                                     const char           *alt_text,
                                     const char           *slug,
                                     BylinePortalProgress  progress,
                                     gpointer              progress_data,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  GTask *task;
  UploadData *data;

  task = wp_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_portal_media_finish);

  data = g_new0 (UploadData, 1);
  data->file = g_object_ref (file);
  data->title = g_strdup (title);
  data->caption = g_strdup (caption);
  data->alt_text = g_strdup (alt_text);
  data->slug = g_strdup (slug);
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                           G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           upload_query_info_cb, task);
}

static void
byline_wp_portal_get_media_async (BylinePortal        *portal,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  static const char * const query[] = { "context", "edit", NULL };
  g_autofree char *route = item_route ("media", id);
  GTask *task;

  task = record_task_new (self, &media_kind, byline_portal_media_finish,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_GET, route, query, NULL, task, record_cb);
}

static void
find_media_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *slug = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL || (items = byline_wp_parse_media_list (node, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* WordPress makes slugs unique, so there is one at most; several could
   * only come from a plugin, and then the first (oldest) is the one. */
  if (items->len == 0)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND,
                               "No media item has the slug %s", slug);
      return;
    }

  g_task_return_pointer (task, byline_portal_media_ref (g_ptr_array_index (items, 0)),
                         (GDestroyNotify) byline_portal_media_unref);
}

static void
byline_wp_portal_find_media_async (BylinePortal        *portal,
                                   const char          *slug,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  const char * const query[] = { "slug", slug, "context", "edit", "orderby", "id", "order", "asc",
                                 NULL };
  GTask *task;

  task = wp_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_portal_media_finish);
  g_task_set_task_data (task, g_strdup (slug), g_free);
  wp_request (self, SOUP_METHOD_GET, "wp/v2/media", query, NULL, task, find_media_cb);
}

static BylinePortalMedia *
byline_wp_portal_media_finish (BylinePortal  *portal,
                               GAsyncResult  *result,
                               GError       **error)
{
  return record_finish (result, byline_portal_media_finish, error);
}

/* Lists that span pages: categories, tags, authors and comments */

typedef GPtrArray *(*ParseListFunc) (JsonNode  *node,
                                     gpointer   user_data,
                                     GError   **error);

typedef struct
{
  char           *route;
  GStrv           query;
  ParseListFunc   parse;
  gpointer        parse_data;
  GPtrArray      *items;
  guint           page;
  gboolean        tree;
} PagesData;

static void
pages_data_free (PagesData *data)
{
  g_free (data->route);
  g_strfreev (data->query);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

static void fetch_page (GTask *task);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PagesData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GError *error = NULL;
  guint total_pages;
  guint n_items;

  node = wp_response (result, &message, NULL, &error);
  if (node == NULL || (items = data->parse (node, data->parse_data, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  n_items = items->len;
  g_ptr_array_extend_and_steal (data->items, g_steal_pointer (&items));

  total_pages = header_uint (message, "X-WP-TotalPages");
  if (data->page < total_pages && data->page < MAX_PAGES && n_items > 0)
    {
      data->page++;
      fetch_page (g_steal_pointer (&task));
      return;
    }

  if (data->tree)
    byline_portal_terms_sort_tree (data->items);

  g_task_return_pointer (task, g_steal_pointer (&data->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
fetch_page (GTask *task)
{
  BylineWpPortal *self = g_task_get_source_object (task);
  PagesData *data = g_task_get_task_data (task);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *page = g_strdup_printf ("%u", data->page);
  g_auto(GStrv) query = NULL;

  g_strv_builder_addv (builder, (const char **) data->query);
  g_strv_builder_add_many (builder, "page", page, "per_page", "100", NULL);
  query = g_strv_builder_end (builder);

  wp_request (self, SOUP_METHOD_GET, data->route, (const char * const *) query, NULL,
              task, page_cb);
}

static GPtrArray *
parse_terms_list (JsonNode  *node,
                  gpointer   user_data,
                  GError   **error)
{
  return byline_wp_parse_terms (node, GPOINTER_TO_INT (user_data), error);
}

static GPtrArray *
parse_comments_list (JsonNode  *node,
                     gpointer   user_data,
                     GError   **error)
{
  return byline_wp_parse_comments (node, error);
}

static GTask *
pages_task_new (BylineWpPortal      *self,
                gpointer             source_tag,
                const char          *route,
                GStrv                query,
                ParseListFunc        parse,
                gpointer             parse_data,
                GDestroyNotify       item_free,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = wp_task_new (self, cancellable, callback, user_data);
  PagesData *data = g_new0 (PagesData, 1);

  g_task_set_source_tag (task, source_tag);
  data->route = g_strdup (route);
  data->query = query;
  data->parse = parse;
  data->parse_data = parse_data;
  data->items = g_ptr_array_new_with_free_func (item_free);
  data->page = 1;
  g_task_set_task_data (task, data, (GDestroyNotify) pages_data_free);

  return task;
}

static void
byline_wp_portal_list_categories_async (BylinePortal        *portal,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  const char * const query[] = { "_fields", TERM_FIELDS, "orderby", "name", NULL };
  GTask *task;

  task = pages_task_new (self, byline_portal_terms_finish, "wp/v2/categories",
                         g_strdupv ((char **) query), parse_terms_list,
                         GINT_TO_POINTER (BYLINE_PORTAL_TAXONOMY_CATEGORY),
                         (GDestroyNotify) byline_portal_term_unref,
                         cancellable, callback, user_data);
  ((PagesData *) g_task_get_task_data (task))->tree = TRUE;
  fetch_page (task);
}

static void
byline_wp_portal_search_tags_async (BylinePortal        *portal,
                                    const char          *search,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GTask *task;

  g_strv_builder_add_many (builder, "_fields", TERM_FIELDS, "orderby", "count", "order", "desc",
                           NULL);
  if (search != NULL && *search != '\0')
    g_strv_builder_add_many (builder, "search", search, NULL);

  task = pages_task_new (self, byline_portal_terms_finish, "wp/v2/tags",
                         g_strv_builder_end (builder), parse_terms_list,
                         GINT_TO_POINTER (BYLINE_PORTAL_TAXONOMY_TAG),
                         (GDestroyNotify) byline_portal_term_unref,
                         cancellable, callback, user_data);
  fetch_page (task);
}

static GPtrArray *
byline_wp_portal_terms_finish (BylinePortal  *portal,
                               GAsyncResult  *result,
                               GError       **error)
{
  return record_finish (result, byline_portal_terms_finish, error);
}

static const char *
taxonomy_collection (BylinePortalTaxonomy taxonomy)
{
  return taxonomy == BYLINE_PORTAL_TAXONOMY_CATEGORY ? "categories" : "tags";
}

/* WordPress's include=1,2,3; its own pages hold 100 at most. */
static char *
join_ids (const gint64 *ids,
          guint         n_ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);

  return g_string_free (out, FALSE);
}

/* The records of ROUTE with the given ids, over as many pages as they take. */
static void
get_included (BylineWpPortal      *self,
              gpointer             source_tag,
              const char          *route,
              const char * const  *query,
              const gint64        *ids,
              guint                n_ids,
              ParseListFunc        parse,
              gpointer             parse_data,
              GDestroyNotify       item_free,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *include = join_ids (ids, n_ids);
  GTask *task;

  g_strv_builder_addv (builder, (const char **) query);
  g_strv_builder_add_many (builder, "include", include, NULL);
  task = pages_task_new (self, source_tag, route, g_strv_builder_end (builder), parse,
                         parse_data, item_free, cancellable, callback, user_data);

  /* Without include WordPress would list every record. */
  if (n_ids == 0)
    {
      PagesData *data = g_task_get_task_data (task);

      g_task_return_pointer (task, g_steal_pointer (&data->items),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  fetch_page (task);
}

static void
byline_wp_portal_get_terms_async (BylinePortal         *portal,
                                  BylinePortalTaxonomy  taxonomy,
                                  const gint64         *ids,
                                  guint                 n_ids,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autofree char *route = g_strconcat ("wp/v2/", taxonomy_collection (taxonomy), NULL);
  static const char * const query[] = { "_fields", TERM_FIELDS, NULL };

  get_included (BYLINE_WP_PORTAL (portal), byline_portal_terms_finish, route, query, ids, n_ids,
                parse_terms_list, GINT_TO_POINTER (taxonomy),
                (GDestroyNotify) byline_portal_term_unref, cancellable, callback, user_data);
}

static GPtrArray *
parse_users_list (JsonNode  *node,
                  gpointer   user_data,
                  GError   **error)
{
  return byline_wp_parse_users (node, error);
}

static void
byline_wp_portal_get_authors_async (BylinePortal        *portal,
                                    const gint64        *ids,
                                    guint                n_ids,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  /* Anyone who may write posts may list authors (who=authors); a plain
   * users query would only show people with published posts, and
   * users/ID refuses the others. */
  static const char * const query[] = { "who", "authors", "_fields", "id,name", NULL };

  get_included (BYLINE_WP_PORTAL (portal), byline_portal_get_authors_finish, "wp/v2/users",
                query, ids, n_ids, parse_users_list, NULL,
                (GDestroyNotify) byline_portal_user_unref, cancellable, callback, user_data);
}

static GPtrArray *
byline_wp_portal_get_authors_finish (BylinePortal  *portal,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return record_finish (result, byline_portal_get_authors_finish, error);
}

/* The site's time zone */

static void
byline_wp_portal_get_time_zone_async (BylinePortal        *portal,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  static const char * const query[] = { "_fields", "timezone_string,gmt_offset", NULL };
  GTask *task;

  /* The REST index says it to anyone; the settings route is for
   * administrators only. */
  task = record_task_new (self, &time_zone_kind, byline_wp_portal_get_time_zone_async,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_GET, "", query, NULL, task, record_cb);
}

static GTimeZone *
byline_wp_portal_get_time_zone_finish (BylinePortal  *portal,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return record_finish (result, byline_wp_portal_get_time_zone_async, error);
}

/* Get-or-create a term */

typedef struct
{
  BylinePortalTaxonomy  taxonomy;
  char                 *name;
  gint64                parent;
  GError               *create_error;
} EnsureData;

static void
ensure_data_free (EnsureData *data)
{
  g_free (data->name);
  g_clear_error (&data->create_error);
  g_free (data);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);
  g_autofree char *nx = g_utf8_normalize (x, -1, G_NORMALIZE_NFC);
  g_autofree char *ny = g_utf8_normalize (y, -1, G_NORMALIZE_NFC);

  return g_strcmp0 (g_strstrip (nx), g_strstrip (ny)) == 0;
}

static void
ensure_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsureData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL || (terms = byline_wp_parse_terms (node, data->taxonomy, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (terms, i);

      if (same_name (term->name, data->name) &&
          (data->taxonomy != BYLINE_PORTAL_TAXONOMY_CATEGORY || term->parent == data->parent))
        {
          g_task_return_pointer (task, byline_portal_term_ref (term),
                                 (GDestroyNotify) byline_portal_term_unref);
          return;
        }
    }

  /* Not there, and not allowed to create it: say so. */
  g_task_return_error (task, g_steal_pointer (&data->create_error));
}

static void
ensure_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EnsureData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  BylinePortalTerm *term;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL || (term = byline_wp_parse_term (node, data->taxonomy, &error)) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, term, (GDestroyNotify) byline_portal_term_unref);
}

static void
ensure_created_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineWpPortal *self = g_task_get_source_object (task);
  EnsureData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  BylinePortalTerm *term;
  GError *error = NULL;
  gint64 term_id = 0;

  node = wp_response (result, NULL, &term_id, &error);
  if (node != NULL)
    {
      term = byline_wp_parse_term (node, data->taxonomy, &error);
      if (term == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, term, (GDestroyNotify) byline_portal_term_unref);
      return;
    }

  /* term_exists carries the existing term's id. */
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CONFLICT) && term_id > 0)
    {
      static const char * const query[] = { "_fields", TERM_FIELDS, NULL };
      g_autofree char *route = item_route (taxonomy_collection (data->taxonomy), term_id);

      g_clear_error (&error);
      wp_request (self, SOUP_METHOD_GET, route, query, NULL, g_steal_pointer (&task),
                  ensure_fetched_cb);
      return;
    }

  /* Authors may not create categories but may use existing ones. */
  if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_FORBIDDEN))
    {
      const char * const query[] = { "search", data->name, "per_page", "100",
                                     "_fields", TERM_FIELDS, NULL };
      g_autofree char *route = g_strconcat ("wp/v2/", taxonomy_collection (data->taxonomy), NULL);

      data->create_error = error;
      wp_request (self, SOUP_METHOD_GET, route, query, NULL, g_steal_pointer (&task),
                  ensure_found_cb);
      return;
    }

  g_task_return_error (task, error);
}

static void
byline_wp_portal_ensure_term_async (BylinePortal         *portal,
                                    BylinePortalTaxonomy  taxonomy,
                                    const char           *name,
                                    gint64                parent,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *route = NULL;
  EnsureData *data;
  GTask *task;

  task = wp_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_wp_portal_ensure_term_async);

  data = g_new0 (EnsureData, 1);
  data->taxonomy = taxonomy;
  data->name = g_strdup (name);
  data->parent = taxonomy == BYLINE_PORTAL_TAXONOMY_CATEGORY ? MAX (parent, 0) : 0;
  g_task_set_task_data (task, data, (GDestroyNotify) ensure_data_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  if (data->parent > 0)
    {
      json_builder_set_member_name (builder, "parent");
      json_builder_add_int_value (builder, data->parent);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* Create first: one request for a new term, two for an existing one,
   * and no window in which another client creates it in between. */
  route = g_strconcat ("wp/v2/", taxonomy_collection (taxonomy), NULL);
  wp_request (self, SOUP_METHOD_POST, route, NULL, body, task, ensure_created_cb);
}

static BylinePortalTerm *
byline_wp_portal_ensure_term_finish (BylinePortal  *portal,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return record_finish (result, byline_wp_portal_ensure_term_async, error);
}

/* Comments */

static gboolean
can_moderate (BylineWpPortal *self)
{
  return self->user != NULL && (self->user->caps & BYLINE_PORTAL_CAN_MODERATE_COMMENTS);
}

static void
byline_wp_portal_list_comments_async (BylinePortal              *portal,
                                      gint64                     post,
                                      BylinePortalCommentStatus  status,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *post_id = g_strdup_printf ("%" G_GINT64_FORMAT, post);
  GTask *task;

  if (post > 0)
    g_strv_builder_add_many (builder, "post", post_id, NULL);
  g_strv_builder_add_many (builder,
                           "status", byline_portal_comment_status_to_string (status),
                           "_fields", COMMENT_FIELDS, "orderby", "date_gmt", "order", "asc",
                           NULL);
  /* Only moderators may ask for raw content; others get 403 for it. */
  if (can_moderate (self))
    g_strv_builder_add_many (builder, "context", "edit", NULL);

  task = pages_task_new (self, byline_portal_list_comments_finish, "wp/v2/comments",
                         g_strv_builder_end (builder), parse_comments_list, NULL,
                         (GDestroyNotify) byline_portal_comment_unref,
                         cancellable, callback, user_data);
  fetch_page (task);
}

static GPtrArray *
byline_wp_portal_list_comments_finish (BylinePortal  *portal,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return record_finish (result, byline_portal_list_comments_finish, error);
}

static JsonNode *
comment_status_body (BylinePortalCommentStatus status)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, byline_portal_comment_status_to_string (status));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct
{
  BylinePortalCommentStatus  wanted;
  gint64                     id;
  GError                    *error;
} CreateCommentData;

static void
create_comment_data_free (CreateCommentData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

static void
comment_discarded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateCommentData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL)
    g_message ("Comment %" G_GINT64_FORMAT " could not be put on hold nor deleted: %s",
               data->id, error->message);

  g_task_return_error (task, g_steal_pointer (&data->error));
}

/* A comment that should be held but is not must not stay: on an article
 * about to be published it would be public. */
static void
discard_comment (GTask  *task,
                 GError *error)
{
  BylineWpPortal *self = g_task_get_source_object (task);
  CreateCommentData *data = g_task_get_task_data (task);
  static const char * const query[] = { "force", "true", NULL };
  g_autofree char *route = item_route ("comments", data->id);

  data->error = error;
  wp_request (self, SOUP_METHOD_DELETE, route, query, NULL, task, comment_discarded_cb);
}

static void
comment_status_set_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CreateCommentData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(BylinePortalComment) comment = NULL;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node != NULL && (comment = byline_wp_parse_comment (node, &error)) != NULL &&
      comment->status != data->wanted)
    error = g_error_new (BYLINE_ERROR, BYLINE_ERROR_FAILED,
                         "Comment %" G_GINT64_FORMAT " came back %s instead of %s", data->id,
                         byline_portal_comment_status_to_string (comment->status),
                         byline_portal_comment_status_to_string (data->wanted));

  if (error != NULL)
    {
      discard_comment (g_steal_pointer (&task), error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&comment),
                         (GDestroyNotify) byline_portal_comment_unref);
}

static void
comment_created_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BylineWpPortal *self = g_task_get_source_object (task);
  CreateCommentData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(BylinePortalComment) comment = NULL;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL || (comment = byline_wp_parse_comment (node, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A post's author gets their own comments approved, and may not ask for
   * another status on creation, but may change it right after. WordPress
   * also ignores a status it does not know and approves instead. */
  if (data->wanted != BYLINE_PORTAL_COMMENT_STATUS_ANY && comment->status != data->wanted)
    {
      g_autoptr(JsonNode) body = comment_status_body (data->wanted);
      g_autofree char *route = item_route ("comments", comment->id);

      data->id = comment->id;
      wp_request (self, SOUP_METHOD_POST, route, NULL, body, g_steal_pointer (&task),
                  comment_status_set_cb);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&comment),
                         (GDestroyNotify) byline_portal_comment_unref);
}

static void
byline_wp_portal_create_comment_async (BylinePortal              *portal,
                                       gint64                     post,
                                       gint64                     parent,
                                       const char                *content,
                                       BylinePortalCommentStatus  status,
                                       GCancellable              *cancellable,
                                       GAsyncReadyCallback        callback,
                                       gpointer                   user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  CreateCommentData *data;
  GTask *task;

  task = wp_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_portal_comment_finish);
  data = g_new0 (CreateCommentData, 1);
  data->wanted = status;
  g_task_set_task_data (task, data, (GDestroyNotify) create_comment_data_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "post");
  json_builder_add_int_value (builder, post);
  if (parent > 0)
    {
      json_builder_set_member_name (builder, "parent");
      json_builder_add_int_value (builder, parent);
    }
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  if (status != BYLINE_PORTAL_COMMENT_STATUS_ANY && can_moderate (self))
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, byline_portal_comment_status_to_string (status));
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  wp_request (self, SOUP_METHOD_POST, "wp/v2/comments", NULL, body, task, comment_created_cb);
}

static void
byline_wp_portal_set_comment_status_async (BylinePortal              *portal,
                                           gint64                     id,
                                           BylinePortalCommentStatus  status,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  g_autoptr(JsonNode) body = comment_status_body (status);
  g_autofree char *route = item_route ("comments", id);
  GTask *task;

  task = record_task_new (self, &comment_kind, byline_portal_comment_finish,
                          cancellable, callback, user_data);
  wp_request (self, SOUP_METHOD_POST, route, NULL, body, task, record_cb);
}

static BylinePortalComment *
byline_wp_portal_comment_finish (BylinePortal  *portal,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return record_finish (result, byline_portal_comment_finish, error);
}

static void
delete_comment_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = wp_response (result, NULL, NULL, &error);
  if (node == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
byline_wp_portal_delete_comment_async (BylinePortal        *portal,
                                       gint64               id,
                                       gboolean             force,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (portal);
  const char * const query[] = { "force", force ? "true" : "false", NULL };
  g_autofree char *route = item_route ("comments", id);
  GTask *task;

  task = wp_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_wp_portal_delete_comment_async);
  wp_request (self, SOUP_METHOD_DELETE, route, query, NULL, task, delete_comment_cb);
}

static gboolean
byline_wp_portal_delete_comment_finish (BylinePortal  *portal,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_wp_portal_delete_comment_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Discovery */

typedef struct
{
  SoupSession *session;
  GPtrArray   *candidates;   /* REST roots to try, in order */
  guint        next;
  GError      *rest_error;   /* a WordPress error from a REST root */
  guint        looks_like_wordpress : 1;
} DiscoverData;

static void
discover_data_free (DiscoverData *data)
{
  g_clear_object (&data->session);
  g_clear_pointer (&data->candidates, g_ptr_array_unref);
  g_clear_error (&data->rest_error);
  g_free (data);
}

static void try_next_root (GTask *task);

static void
add_candidate (DiscoverData *data,
               char         *root)
{
  for (guint i = 0; i < data->candidates->len; i++)
    if (g_str_equal (g_ptr_array_index (data->candidates, i), root))
      {
        g_free (root);
        return;
      }

  g_ptr_array_add (data->candidates, root);
}

static void
index_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DiscoverData *data = g_task_get_task_data (task);
  const char *root = g_ptr_array_index (data->candidates, data->next - 1);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *wp_message = NULL;
  BylinePortalSite *site;
  guint status;

  body = byline_http_send_finish (result, &message, &error);
  if (body == NULL)
    {
      /* The site answered its home page: a failure here is the network's
       * or this route's; report it only if nothing else works. */
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED) ||
          g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_INSECURE) ||
          g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_TLS))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      try_next_root (g_steal_pointer (&task));
      return;
    }

  status = soup_message_get_status (message);
  if (byline_wp_is_json_content_type (soup_message_headers_get_content_type (
        soup_message_get_response_headers (message), NULL)))
    node = byline_wp_json_parse (body, NULL);

  if (status == SOUP_STATUS_OK && node != NULL)
    {
      site = byline_wp_parse_site (node, root, &error);
      if (site != NULL)
        {
          g_task_return_pointer (task, site, (GDestroyNotify) byline_portal_site_unref);
          return;
        }
      /* A REST index without wp/v2 or application passwords is definite. */
      if (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NO_REST_API) ||
          g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NO_APP_PASSWORDS))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (byline_wp_parse_error (node, &code, &wp_message, NULL))
    {
      /* A WordPress error on the REST root: the API is there but closed
       * (rest_disabled, rest_cannot_access, rest_login_required…). */
      g_debug ("REST root %s answered %u %s", root, status, code);
      data->looks_like_wordpress = TRUE;
      if (data->rest_error == NULL)
        data->rest_error = g_error_new (BYLINE_ERROR, BYLINE_ERROR_NO_REST_API,
                                        "The site's REST API is disabled: %s",
                                        wp_message != NULL ? wp_message : code);
    }

  try_next_root (g_steal_pointer (&task));
}

static void
try_next_root (GTask *task)
{
  DiscoverData *data = g_task_get_task_data (task);
  static const char * const query[] = {
    "_fields", "name,description,url,home,namespaces,authentication", NULL
  };
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (data->next >= data->candidates->len)
    {
      if (data->rest_error != NULL)
        g_task_return_error (task, g_steal_pointer (&data->rest_error));
      else if (data->looks_like_wordpress)
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NO_REST_API,
                                 "The site runs WordPress but its REST API does not answer");
      else
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_WORDPRESS,
                                 "The site is not a WordPress site");
      g_object_unref (task);
      return;
    }

  url = byline_wp_build_url (g_ptr_array_index (data->candidates, data->next++), "", query);
  message = url != NULL ? soup_message_new (SOUP_METHOD_GET, url) : NULL;
  if (message == NULL)
    {
      try_next_root (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");

  byline_http_send_async (data->session, message, NULL, 4 * 1024 * 1024, BYLINE_HTTP_SEND_NONE,
                          g_task_get_cancellable (task), index_cb, task);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return data != NULL && g_strstr_len (data, size, needle) != NULL;
}

static void
home_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DiscoverData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link_root = NULL;
  g_autofree char *base = NULL;
  GUri *uri;
  const char *path;

  body = byline_http_send_finish (result, &message, &error);
  if (body == NULL)
    {
      /* Unreachable (DNS, refused, TLS, timeout): nothing else will work. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  link_root = byline_wp_find_api_link (
    soup_message_headers_get_list (soup_message_get_response_headers (message), "Link"));
  if (link_root != NULL)
    {
      g_autoptr(GUri) resolved = g_uri_parse_relative (soup_message_get_uri (message), link_root,
                                                       SOUP_HTTP_URI_FLAGS, NULL);

      data->looks_like_wordpress = TRUE;
      if (resolved != NULL)
        add_candidate (data, g_uri_to_string (resolved));
    }

  if (bytes_contain (body, "/wp-content/") || bytes_contain (body, "/wp-includes/"))
    data->looks_like_wordpress = TRUE;

  /* After redirects (http → https, a www. host), probe where we landed. */
  uri = soup_message_get_uri (message);
  path = g_uri_get_path (uri);
  {
    const char *slash = strrchr (path, '/');
    g_autofree char *dir = slash != NULL ? g_strndup (path, slash - path + 1) : g_strdup ("/");
    g_autoptr(GUri) base_uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (uri), NULL,
                                            g_uri_get_host (uri),
                                            byline_http_uri_explicit_port (uri), dir,
                                            NULL, NULL);

    base = g_uri_to_string (base_uri);
  }
  add_candidate (data, g_strconcat (base, "wp-json/", NULL));
  add_candidate (data, g_strconcat (base, "?rest_route=/", NULL));

  try_next_root (g_steal_pointer (&task));
}

/**
 * byline_wp_portal_discover_async:
 * @session: a session from byline_http_session_new()
 * @address: what the user typed: "portal.example.vn", with or without
 *   scheme, path or `/wp-json/`
 *
 * Finds a WordPress site's REST root — from the `Link: rel="https://api.w.org/"`
 * header of its home page, then `/wp-json/`, then `?rest_route=/` — and
 * checks that it offers application passwords.
 *
 * Fails with %BYLINE_ERROR_INVALID_INPUT or %BYLINE_ERROR_INSECURE for the
 * address itself, a transport error when the site cannot be reached,
 * %BYLINE_ERROR_NOT_WORDPRESS, %BYLINE_ERROR_NO_REST_API or
 * %BYLINE_ERROR_NO_APP_PASSWORDS.
 */
void
byline_wp_portal_discover_async (SoupSession         *session,
                                 const char          *address,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  DiscoverData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (address != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = wp_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_wp_portal_discover_async);

  base = byline_wp_normalize_address (address, &error);
  if (base == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (DiscoverData, 1);
  data->session = g_object_ref (session);
  data->candidates = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) discover_data_free);

  message = soup_message_new_from_uri (SOUP_METHOD_GET, base);
  /* The home page's headers are what matters; a little of the page helps
   * tell WordPress without a REST API from another system. */
  byline_http_send_async (session, message, NULL, 256 * 1024, BYLINE_HTTP_SEND_TRUNCATE,
                          cancellable, home_cb, g_steal_pointer (&task));
}

/**
 * byline_wp_portal_discover_finish:
 *
 * Returns: (transfer full): the site
 */
BylinePortalSite *
byline_wp_portal_discover_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_wp_portal_discover_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
byline_wp_portal_finalize (GObject *object)
{
  BylineWpPortal *self = BYLINE_WP_PORTAL (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->site, byline_portal_site_unref);
  g_clear_pointer (&self->user, byline_portal_user_unref);
  g_free (self->username);
  wipe_string (self->authorization);

  G_OBJECT_CLASS (byline_wp_portal_parent_class)->finalize (object);
}

static void
byline_wp_portal_class_init (BylineWpPortalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = byline_wp_portal_finalize;
}

static void
byline_wp_portal_init (BylineWpPortal *self)
{
}

static void
byline_wp_portal_iface_init (BylinePortalInterface *iface)
{
  iface->get_site = byline_wp_portal_get_site;
  iface->get_username = byline_wp_portal_get_username;
  iface->get_user_async = byline_wp_portal_get_user_async;
  iface->get_user_finish = byline_wp_portal_get_user_finish;
  iface->list_posts_async = byline_wp_portal_list_posts_async;
  iface->list_posts_finish = byline_wp_portal_list_posts_finish;
  iface->get_post_async = byline_wp_portal_get_post_async;
  iface->create_post_async = byline_wp_portal_create_post_async;
  iface->update_post_async = byline_wp_portal_update_post_async;
  iface->trash_post_async = byline_wp_portal_trash_post_async;
  iface->post_finish = byline_wp_portal_post_finish;
  iface->upload_media_async = byline_wp_portal_upload_media_async;
  iface->get_media_async = byline_wp_portal_get_media_async;
  iface->find_media_async = byline_wp_portal_find_media_async;
  iface->media_finish = byline_wp_portal_media_finish;
  iface->list_categories_async = byline_wp_portal_list_categories_async;
  iface->search_tags_async = byline_wp_portal_search_tags_async;
  iface->terms_finish = byline_wp_portal_terms_finish;
  iface->ensure_term_async = byline_wp_portal_ensure_term_async;
  iface->ensure_term_finish = byline_wp_portal_ensure_term_finish;
  iface->list_comments_async = byline_wp_portal_list_comments_async;
  iface->list_comments_finish = byline_wp_portal_list_comments_finish;
  iface->create_comment_async = byline_wp_portal_create_comment_async;
  iface->set_comment_status_async = byline_wp_portal_set_comment_status_async;
  iface->comment_finish = byline_wp_portal_comment_finish;
  iface->delete_comment_async = byline_wp_portal_delete_comment_async;
  iface->delete_comment_finish = byline_wp_portal_delete_comment_finish;
  iface->get_terms_async = byline_wp_portal_get_terms_async;
  iface->get_authors_async = byline_wp_portal_get_authors_async;
  iface->get_authors_finish = byline_wp_portal_get_authors_finish;
  iface->get_time_zone_async = byline_wp_portal_get_time_zone_async;
  iface->get_time_zone_finish = byline_wp_portal_get_time_zone_finish;
}
