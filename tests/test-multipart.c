/* test-multipart.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photo uploads: the multipart body streamed from disk, as libsoup's own
 * parser reads it, with progress, cancellation and bounded memory.
 */

#if defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define BYLINE_UNDER_ASAN 1   /* clang does not define __SANITIZE_ADDRESS__ */
# endif
#endif

#include "config.h"

#include <stdio.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-multipart-stream.h"
#include "byline-test-core.h"
#include "byline-wp-portal.h"

static GFile *
write_temp_file (const char *name,
                 gsize       size,
                 char      **checksum)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("byline-multipart-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  FILE *out;
  guchar block[64 * 1024];

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  out = fopen (path, "wb");
  g_assert_nonnull (out);
  for (gsize written = 0; written < size; )
    {
      gsize n = MIN (sizeof block, size - written);

      for (gsize i = 0; i < n; i++)
        block[i] = (guchar) g_random_int ();
      g_assert_cmpuint (fwrite (block, 1, n, out), ==, n);
      g_checksum_update (sum, block, n);
      written += n;
    }
  fclose (out);

  if (checksum != NULL)
    *checksum = g_strdup (g_checksum_get_string (sum));

  return g_file_new_for_path (path);
}

static void
delete_temp_file (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);

  g_file_delete (file, NULL, NULL);
  g_file_delete (dir, NULL, NULL);
}

static void
test_layout (void)
{
  g_autoptr(BylineMultipartStream) body = byline_multipart_stream_new ();
  g_autoptr(GFile) file = write_temp_file ("a.jpg", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *read_back = NULL;
  const char *boundary;
  goffset length;
  gsize n_read = 0;

  g_file_replace_contents (file, "JPEG", 4, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  byline_multipart_stream_add_field (body, "title", "Ảnh \"đẹp\"");
  byline_multipart_stream_add_field (body, "caption", "Dòng 1\r\nDòng 2");
  byline_multipart_stream_add_file (body, "file", "Ảnh đoàn.jpg", "image/jpeg", file, 4);

  boundary = strstr (byline_multipart_stream_get_content_type (body), "boundary=");
  g_assert_nonnull (boundary);
  g_assert_true (g_str_has_prefix (byline_multipart_stream_get_content_type (body),
                                   "multipart/form-data; "));
  boundary += strlen ("boundary=");

  g_string_append_printf (expected,
                          "--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
                          "Ảnh \"đẹp\"\r\n"
                          "--%s\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\n"
                          "Dòng 1\r\nDòng 2\r\n"
                          "--%s\r\nContent-Disposition: form-data; name=\"file\"; "
                          "filename=\"Anh-doan.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                          "JPEG\r\n--%s--\r\n",
                          boundary, boundary, boundary, boundary);

  length = byline_multipart_stream_get_length (body);
  g_assert_cmpint (length, ==, expected->len);

  read_back = g_malloc0 (length + 16);
  g_input_stream_read_all (G_INPUT_STREAM (body), read_back, length + 16, &n_read, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_read, ==, expected->len);
  g_assert_cmpstr (read_back, ==, expected->str);

  delete_temp_file (file);
}

static void
test_ascii_filename (void)
{
  const char *cases[][2] = {
    { "Ảnh đoàn công tác.jpg", "Anh-doan-cong-tac.jpg" },
    { "ĐÀ NẴNG 2023.JPG", "DA-NANG-2023.JPG" },
    { "ảnh (1).jpeg", "anh-1.jpeg" },
    { "a\"b\\c;d.png", "a-b-c-d.png" },
    { "   .jpg", "photo.jpg" },
    { "", "photo" },
    { "照片.jpg", "photo.jpg" },
    { "bad\xff.jpg", "bad" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ascii = byline_multipart_ascii_filename (cases[i][0]);

      g_assert_cmpstr (ascii, ==, cases[i][1]);
    }
}

static void
test_file_shrinks (void)
{
  g_autoptr(BylineMultipartStream) body = byline_multipart_stream_new ();
  g_autoptr(GFile) file = write_temp_file ("short.jpg", 1000, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = g_malloc (1 << 20);
  gsize n_read;

  /* Announced bigger than it is (it shrank after being measured). */
  byline_multipart_stream_add_file (body, "file", "short.jpg", "image/jpeg", file, 5000);
  g_input_stream_read_all (G_INPUT_STREAM (body), buffer, 1 << 20, &n_read, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);

  delete_temp_file (file);
}

/* A fake media endpoint that parses what it receives with libsoup's own
 * multipart parser, or discards it without keeping it in memory. */

typedef struct
{
  GMutex   lock;
  gboolean discard;
  char    *title;
  char    *caption;
  char    *alt_text;
  char    *filename;
  char    *file_type;
  char    *file_checksum;
  goffset  received;
} Received;

static void
got_chunk_cb (SoupServerMessage *message,
              GBytes            *chunk,
              Received          *received)
{
  g_mutex_lock (&received->lock);
  received->received += g_bytes_get_size (chunk);
  g_mutex_unlock (&received->lock);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *message,
                    Received          *received)
{
  if (received->discard)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (message), FALSE);
      g_signal_connect (message, "got-chunk", G_CALLBACK (got_chunk_cb), received);
    }
}

static char *
part_text (SoupMultipart *multipart,
           guint          index)
{
  SoupMessageHeaders *headers;
  GBytes *bytes;

  g_assert_true (soup_multipart_get_part (multipart, index, &headers, &bytes));

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
media_handler (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Received *received = user_data;
  static const char answer[] = "{\"id\":12,\"title\":{\"raw\":\"Ảnh\"},\"alt_text\":\"\"}";

  if (!received->discard)
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
      g_autoptr(SoupMultipart) multipart = NULL;
      SoupMessageHeaders *headers;
      GBytes *file;
      GHashTable *params = NULL;
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (message),
                                                   body);
      g_assert_nonnull (multipart);
      g_assert_cmpint (soup_multipart_get_length (multipart), ==, 4);

      g_mutex_lock (&received->lock);
      received->title = part_text (multipart, 0);
      received->caption = part_text (multipart, 1);
      received->alt_text = part_text (multipart, 2);
      g_assert_true (soup_multipart_get_part (multipart, 3, &headers, &file));
      g_assert_true (soup_message_headers_get_content_disposition (headers, NULL, &params));
      received->filename = g_strdup (g_hash_table_lookup (params, "filename"));
      received->file_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
      g_checksum_update (sum, g_bytes_get_data (file, NULL), g_bytes_get_size (file));
      received->file_checksum = g_strdup (g_checksum_get_string (sum));
      g_mutex_unlock (&received->lock);
      g_hash_table_destroy (params);
    }

  soup_server_message_set_status (message, SOUP_STATUS_CREATED, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    answer, strlen (answer));
}

typedef struct
{
  goffset sent;
  goffset total;
  guint   calls;
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (goffset  sent,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (sent, >, progress->sent);
  progress->sent = sent;
  progress->total = total;
  progress->calls++;
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

static BylineTestServer *
start_media_server (Received      *received,
                    BylinePortal **portal_out)
{
  BylineTestServer *server = byline_test_server_new (NULL);
  g_autoptr(SoupSession) session = byline_http_session_new (30);
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();

  byline_test_server_add_handler (server, "/", media_handler, received);
  /* Connected before the server's thread runs. */
  g_signal_connect (byline_test_server_get_server (server), "request-started",
                    G_CALLBACK (request_started_cb), received);
  byline_test_server_start (server);

  site->rest_root = byline_test_server_url (server, "/wp-json/");
  *portal_out = BYLINE_PORTAL (byline_wp_portal_new (session, site, "author", "pw"));

  return server;
}

static void
received_clear (Received *received)
{
  g_free (received->title);
  g_free (received->caption);
  g_free (received->alt_text);
  g_free (received->filename);
  g_free (received->file_type);
  g_free (received->file_checksum);
  g_mutex_clear (&received->lock);
}

static void
test_upload_parsed_by_libsoup (void)
{
  Received received = { 0 };
  g_autoptr(BylinePortal) portal = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(GFile) file = write_temp_file ("Ảnh đoàn công tác.jpg", 300 * 1024 + 7, &checksum);
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestServer *server;
  Progress progress = { 0 };

  g_mutex_init (&received.lock);
  server = start_media_server (&received, &portal);

  media = RUN (byline_portal_upload_media_async (portal, file, "Ảnh đoàn công tác",
                                                 "Đoàn công tác làm việc tại xã", "Mô tả ảnh",
                                                 NULL, progress_cb, &progress, NULL,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, portal, _result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (media->id, ==, 12);

  g_assert_cmpstr (received.title, ==, "Ảnh đoàn công tác");
  g_assert_cmpstr (received.caption, ==, "Đoàn công tác làm việc tại xã");
  g_assert_cmpstr (received.alt_text, ==, "Mô tả ảnh");
  g_assert_cmpstr (received.filename, ==, "Anh-doan-cong-tac.jpg");
  g_assert_cmpstr (received.file_checksum, ==, checksum);
  g_assert_cmpint (progress.sent, ==, progress.total);
  g_assert_cmpint (progress.total, >, 300 * 1024);
  g_assert_cmpuint (progress.calls, >, 1);

  byline_test_server_free (server);
  received_clear (&received);
  delete_temp_file (file);
}

static gsize
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);

  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

/* "5" resets the peak resident set size (Linux 4.0+). */
static gboolean
reset_peak_rss (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fputs ("5", f) >= 0;
  return fclose (f) == 0 && ok;
}

static void
test_upload_streams_from_disk (void)
{
  Received received = { .discard = TRUE };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(GFile) file = write_temp_file ("lon.jpg", 64 * 1024 * 1024, NULL);
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestServer *server;
  Progress progress = { 0 };
  gsize before, after;

#if defined(__SANITIZE_ADDRESS__) || defined(BYLINE_UNDER_ASAN)
  /* AddressSanitizer keeps freed buffers in quarantine: RSS grows anyway. */
  g_test_skip ("peak memory is not meaningful under AddressSanitizer");
  delete_temp_file (file);
  return;
#endif

  if (!reset_peak_rss ())
    {
      g_test_skip ("cannot reset the peak RSS (/proc/self/clear_refs)");
      delete_temp_file (file);
      return;
    }

  g_mutex_init (&received.lock);
  server = start_media_server (&received, &portal);

  reset_peak_rss ();
  before = peak_rss_kb ();
  media = RUN (byline_portal_upload_media_async (portal, file, "Ảnh lớn", NULL, NULL,
                                                 NULL, progress_cb, &progress, NULL,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, portal, _result, &error);
  after = peak_rss_kb ();
  g_assert_no_error (error);

  /* All 64 MB went out, yet the process never held the file in memory. */
  g_assert_cmpint (received.received, ==, progress.total);
  g_assert_cmpint (progress.total, >, 64 * 1024 * 1024);
  g_test_message ("peak RSS grew by %" G_GSIZE_FORMAT " kB for a 64 MB upload", after - before);
  g_assert_cmpuint (after - before, <, 16 * 1024);

  byline_test_server_free (server);
  received_clear (&received);
  delete_temp_file (file);
}

static void
test_upload_cancelled (void)
{
  Received received = { .discard = TRUE };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(GFile) file = write_temp_file ("huy.jpg", 16 * 1024 * 1024, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestServer *server;
  Progress progress = { .cancel_at_first = cancellable };

  g_mutex_init (&received.lock);
  server = start_media_server (&received, &portal);

  media = RUN (byline_portal_upload_media_async (portal, file, "Ảnh", NULL, NULL,
                                                 NULL, progress_cb, &progress, cancellable,
                                                 byline_test_store_result, &_result),
               byline_portal_media_finish, portal, _result, &error);
  g_assert_null (media);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED);
  /* Stopped early, not after sending everything. */
  g_assert_cmpint (progress.sent, <, progress.total);

  byline_test_server_free (server);
  received_clear (&received);
  delete_temp_file (file);
}

static void
test_upload_missing_file (void)
{
  Received received = { 0 };
  g_autoptr(BylinePortal) portal = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/ảnh.jpg");
  g_autoptr(BylinePortalMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  BylineTestServer *server;

  g_mutex_init (&received.lock);
  server = start_media_server (&received, &portal);

  media = RUN (byline_portal_upload_media_async (portal, file, "Ảnh", NULL, NULL, NULL, NULL,
                                                 NULL, NULL, byline_test_store_result, &_result),
               byline_portal_media_finish, portal, _result, &error);
  g_assert_null (media);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE);
  g_assert_null (received.title);

  byline_test_server_free (server);
  received_clear (&received);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/multipart/layout", test_layout);
  g_test_add_func ("/multipart/ascii-filename", test_ascii_filename);
  g_test_add_func ("/multipart/file-shrinks", test_file_shrinks);
  g_test_add_func ("/multipart/upload-parsed-by-libsoup", test_upload_parsed_by_libsoup);
  g_test_add_func ("/multipart/upload-streams-from-disk", test_upload_streams_from_disk);
  g_test_add_func ("/multipart/upload-cancelled", test_upload_cancelled);
  g_test_add_func ("/multipart/upload-missing-file", test_upload_missing_file);

  return g_test_run ();
}
