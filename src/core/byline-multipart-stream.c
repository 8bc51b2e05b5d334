/* byline-multipart-stream.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-http"

#include "config.h"

#include "byline-multipart-stream.h"

/**
 * BylineMultipartStream:
 *
 * A multipart/form-data request body whose length is known in advance and
 * whose files are read from disk as the body is sent, never loaded into
 * memory (libsoup's own multipart API takes files as GBytes). Fields and
 * part headers are small and kept in memory.
 *
 * Reads happen wherever GIO runs them (a worker thread for async reads);
 * the parts must all be added before the first read.
 */

typedef struct
{
  GBytes *bytes;  /* a memory part, or NULL for a file part */
  GFile  *file;
  goffset size;
} Part;

struct _BylineMultipartStream
{
  GInputStream parent_instance;

  /* Owned */
  GArray       *parts;
  char         *boundary;
  char         *content_type;
  GInputStream *current_file;

  /* Reading position */
  guint         index;
  goffset       offset;

  guint         closed : 1;
};

G_DEFINE_FINAL_TYPE (BylineMultipartStream, byline_multipart_stream, G_TYPE_INPUT_STREAM)

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->bytes, g_bytes_unref);
  g_clear_object (&part->file);
}

static void
add_text (BylineMultipartStream *self,
          char                  *text)
{
  Part part = { 0 };
  gsize len = strlen (text);

  part.bytes = g_bytes_new_take (text, len);
  part.size = len;
  g_array_append_val (self->parts, part);
}

/* Quoted-string values in part headers: the name and the filename. */
static char *
quote (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\' || *p == '\r' || *p == '\n')
        g_string_append_c (s, '_');
      else
        g_string_append_c (s, *p);
    }

  return g_string_free (s, FALSE);
}

static void
ensure_closed (BylineMultipartStream *self)
{
  if (self->closed)
    return;

  self->closed = TRUE;
  add_text (self, g_strdup_printf ("--%s--\r\n", self->boundary));
}

/**
 * byline_multipart_stream_new:
 *
 * Returns: (transfer full): an empty body with a random boundary
 */
BylineMultipartStream *
byline_multipart_stream_new (void)
{
  return g_object_new (BYLINE_TYPE_MULTIPART_STREAM, NULL);
}

/**
 * byline_multipart_stream_add_field:
 *
 * Adds a text field (UTF-8).
 */
void
byline_multipart_stream_add_field (BylineMultipartStream *self,
                                   const char            *name,
                                   const char            *value)
{
  g_autofree char *qname = NULL;

  g_return_if_fail (BYLINE_IS_MULTIPART_STREAM (self));
  g_return_if_fail (!self->closed);
  g_return_if_fail (name != NULL && value != NULL);

  qname = quote (name);
  add_text (self, g_strdup_printf ("--%s\r\n"
                                   "Content-Disposition: form-data; name=\"%s\"\r\n"
                                   "\r\n"
                                   "%s\r\n",
                                   self->boundary, qname, value));
}

/**
 * byline_multipart_stream_add_file:
 * @filename: the name announced to the server; made ASCII-safe here
 *   (WordPress rejects RFC 5987 `filename*=`)
 * @size: the file's size in bytes, as queried by the caller
 *
 * Adds a file part, read from @file while the body is sent.
 */
void
byline_multipart_stream_add_file (BylineMultipartStream *self,
                                  const char            *name,
                                  const char            *filename,
                                  const char            *content_type,
                                  GFile                 *file,
                                  goffset                size)
{
  g_autofree char *qname = NULL;
  g_autofree char *ascii = NULL;
  Part part = { 0 };

  g_return_if_fail (BYLINE_IS_MULTIPART_STREAM (self));
  g_return_if_fail (!self->closed);
  g_return_if_fail (name != NULL && filename != NULL && content_type != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (size >= 0);

  qname = quote (name);
  ascii = byline_multipart_ascii_filename (filename);
  add_text (self, g_strdup_printf ("--%s\r\n"
                                   "Content-Disposition: form-data; name=\"%s\"; "
                                   "filename=\"%s\"\r\n"
                                   "Content-Type: %s\r\n"
                                   "\r\n",
                                   self->boundary, qname, ascii, content_type));

  part.file = g_object_ref (file);
  part.size = size;
  g_array_append_val (self->parts, part);

  add_text (self, g_strdup ("\r\n"));
}

/**
 * byline_multipart_stream_get_length:
 *
 * Closes the body (no more parts) and returns its exact length.
 */
goffset
byline_multipart_stream_get_length (BylineMultipartStream *self)
{
  goffset length = 0;

  g_return_val_if_fail (BYLINE_IS_MULTIPART_STREAM (self), -1);

  ensure_closed (self);
  for (guint i = 0; i < self->parts->len; i++)
    length += g_array_index (self->parts, Part, i).size;

  return length;
}

/**
 * byline_multipart_stream_get_content_type:
 *
 * Returns: "multipart/form-data; boundary=…"
 */
const char *
byline_multipart_stream_get_content_type (BylineMultipartStream *self)
{
  g_return_val_if_fail (BYLINE_IS_MULTIPART_STREAM (self), NULL);

  return self->content_type;
}

/**
 * byline_multipart_ascii_filename:
 * @filename: a file name in UTF-8, e.g. "Ảnh đoàn công tác.jpg"
 *
 * WordPress only parses `filename="…"` and turns accents into ASCII anyway
 * ("Anh-doan-cong-tac.jpg"): transliterate, keep letters, digits, dots,
 * dashes and underscores, and turn the rest into single dashes.
 *
 * Returns: (transfer full): an ASCII file name, never empty
 */
char *
byline_multipart_ascii_filename (const char *filename)
{
  g_autofree char *ascii = NULL;
  GString *out;
  gboolean dash = FALSE;

  g_return_val_if_fail (filename != NULL, NULL);

  /* g_str_to_ascii() leaves đ/Đ as '?' in the C locale. */
  {
    GString *flat = g_string_new (NULL);

    for (const char *p = filename; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char_validated (p, -1);

        if (c == (gunichar) -1 || c == (gunichar) -2)
          break;
        if (c == 0x0111)
          g_string_append_c (flat, 'd');
        else if (c == 0x0110)
          g_string_append_c (flat, 'D');
        else
          g_string_append_unichar (flat, c);
      }
    ascii = g_str_to_ascii (flat->str, "C");
    g_string_free (flat, TRUE);
  }

  out = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '-')
        {
          g_string_append_c (out, *p);
          dash = *p == '-';
        }
      else if (!dash && out->len > 0)
        {
          g_string_append_c (out, '-');
          dash = TRUE;
        }
    }

  /* No dash just before the extension or at the end. */
  {
    char *dot;

    while (out->len > 0 && out->str[out->len - 1] == '-')
      g_string_truncate (out, out->len - 1);
    while ((dot = strstr (out->str, "-.")) != NULL)
      g_string_erase (out, dot - out->str, 1);
  }

  if (out->len == 0 || out->str[0] == '.')
    g_string_prepend (out, "photo");

  return g_string_free (out, FALSE);
}

static gssize
byline_multipart_stream_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  BylineMultipartStream *self = BYLINE_MULTIPART_STREAM (stream);

  ensure_closed (self);

  while (self->index < self->parts->len)
    {
      Part *part = &g_array_index (self->parts, Part, self->index);
      gsize left = part->size - self->offset;
      gssize n;

      if (left == 0)
        {
          g_clear_object (&self->current_file);
          self->index++;
          self->offset = 0;
          continue;
        }

      count = MIN (count, left);

      if (part->bytes != NULL)
        {
          const char *data = g_bytes_get_data (part->bytes, NULL);

          memcpy (buffer, data + self->offset, count);
          self->offset += count;
          return count;
        }

      if (self->current_file == NULL)
        {
          self->current_file = G_INPUT_STREAM (g_file_read (part->file, cancellable, error));
          if (self->current_file == NULL)
            return -1;
        }

      n = g_input_stream_read (self->current_file, buffer, count, cancellable, error);
      if (n < 0)
        return -1;
      if (n == 0)
        {
          /* The announced length is already on the wire: a file that
           * shrank cannot be sent as a valid body. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "The file became shorter while it was being sent");
          return -1;
        }

      self->offset += n;
      return n;
    }

  return 0;
}

static gboolean
byline_multipart_stream_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  BylineMultipartStream *self = BYLINE_MULTIPART_STREAM (stream);

  if (self->current_file != NULL)
    {
      g_autoptr(GInputStream) file = g_steal_pointer (&self->current_file);

      return g_input_stream_close (file, cancellable, error);
    }

  return TRUE;
}

static void
byline_multipart_stream_finalize (GObject *object)
{
  BylineMultipartStream *self = BYLINE_MULTIPART_STREAM (object);

  g_clear_object (&self->current_file);
  g_clear_pointer (&self->parts, g_array_unref);
  g_free (self->boundary);
  g_free (self->content_type);

  G_OBJECT_CLASS (byline_multipart_stream_parent_class)->finalize (object);
}

static void
byline_multipart_stream_class_init (BylineMultipartStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = byline_multipart_stream_finalize;

  stream_class->read_fn = byline_multipart_stream_read;
  stream_class->close_fn = byline_multipart_stream_close;
}

static void
byline_multipart_stream_init (BylineMultipartStream *self)
{
  self->parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_array_set_clear_func (self->parts, (GDestroyNotify) part_clear);

  /* 128 random bits: no photo or caption will contain it. */
  self->boundary = g_strdup_printf ("byline-%08x%08x%08x%08x",
                                    g_random_int (), g_random_int (),
                                    g_random_int (), g_random_int ());
  self->content_type = g_strdup_printf ("multipart/form-data; boundary=%s", self->boundary);
}
