/* byline-photo.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photos for the portal: probing, thumbnails, preparing an upload copy
 * (upright, at most max_edge pixels on its long side, without location or
 * other metadata) and saving pasted image data. Decoding and encoding go
 * through GdkPixbuf's loaders (libjpeg-turbo, libpng); JPEGs are decoded
 * at 1/2, 1/4 or 1/8 scale when that is enough, so a 24 MP photo never
 * exists at full size in memory (byline-photo-decode.c). Headers and
 * metadata are read and stripped in byline-photo-header.c.
 *
 * What a prepared photo is, by input:
 * - JPEG/PNG/GIF/WebP no larger than max_edge, upright: the original image
 *   data, byte for byte, without metadata (Exif, XMP, IPTC, comments, text
 *   chunks, trailers), keeping the colour profile. Nothing is recompressed.
 * - larger, or with an EXIF orientation other than 1: decoded, scaled,
 *   turned upright and saved again, as JPEG, or as PNG when it has
 *   transparent pixels (never flattened onto a background). With the
 *   orientation tag gone, the pixels themselves must be upright, so that
 *   the photo shows the right way up wherever it ends (the file as
 *   uploaded, the sizes WordPress makes from it, feeds), whatever the
 *   portal does with orientation.
 * - animated GIF, PNG or WebP: kept as it is (metadata stripped), whatever
 *   its size, since saving it again would lose the animation.
 */

#define G_LOG_DOMAIN "byline-photo"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "byline-error.h"
#include "byline-photo.h"
#include "byline-photo-private.h"

/* Files are read into memory to be checked and copied; larger ones are
 * refused first. */
#define MAX_FILE_SIZE     (G_GUINT64_CONSTANT (256) << 20)
/* gdk-pixbuf writes a colour profile correctly only in one JPEG segment. */
#define MAX_JPEG_ICC_SIZE 0xffef
static GFileInputStream *
open_photo (GFile         *file,
            const char    *name,
            guint64       *size,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GError *local_error = NULL;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream != NULL)
    info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                           cancellable, &local_error);
  if (info == NULL)
    {
      _byline_photo_set_io_error (error, local_error, "Could not read", name);
      return NULL;
    }

  *size = g_file_info_get_size (info);
  return g_steal_pointer (&stream);
}

static gboolean
uses_alpha (GdkPixbuf *pixbuf)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return FALSE;

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride + 3;

      for (int x = 0; x < width; x++, p += 4)
        {
          if (*p != 255)
            return TRUE;
        }
    }

  return FALSE;
}

/* The decoded photo's colour profile (base64, as GdkPixbuf passes it),
 * if it can go with the re-encoded RGB pixels: a profile for grey or CMYK
 * data would be wrong once GdkPixbuf has converted them to RGB. */
static const char *
reusable_icc_profile (GdkPixbuf         *pixbuf,
                      BylinePhotoFormat  format)
{
  const char *base64 = gdk_pixbuf_get_option (pixbuf, "icc-profile");
  g_autofree guchar *profile = NULL;
  gsize size = 0;

  if (base64 == NULL)
    return NULL;

  profile = g_base64_decode (base64, &size);
  if (size < 128 || memcmp (profile + 16, "RGB ", 4) != 0)
    return NULL;
  if (format == BYLINE_PHOTO_FORMAT_JPEG && size >= MAX_JPEG_ICC_SIZE)
    {
      g_debug ("Dropping a %" G_GSIZE_FORMAT "-byte colour profile: it needs several "
               "JPEG segments", size);
      return NULL;
    }

  return base64;
}

/* A file name for the copy: the original's name without its extension or
 * leading dots, short enough for a suffix and an extension. */
static char *
make_stem (const char *name)
{
  g_autofree char *base = g_path_get_basename (name != NULL ? name : "");
  const char *stem = base;
  char *dot;
  gsize length;

  while (*stem == '.')
    stem++;
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  if (*stem == '\0' || g_str_equal (stem, G_DIR_SEPARATOR_S))
    stem = "photo";

  length = strlen (stem);
  if (length > 200)
    {
      length = 200;
      while (length > 0 && ((guchar) stem[length] & 0xC0) == 0x80)
        length--;
    }

  return g_strndup (stem, length);
}

typedef gboolean (*WriteFunc) (GOutputStream  *stream,
                               gpointer        data,
                               GCancellable   *cancellable,
                               GError        **error);

static gboolean
write_bytes (GOutputStream  *stream,
             gpointer        data,
             GCancellable   *cancellable,
             GError        **error)
{
  GBytes *bytes = data;

  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), NULL, cancellable, error);
}

static void
sync_directory (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/*
 * Writes a new file "STEM.EXT" (or "STEM-2.EXT", …: never replacing one)
 * in @directory: to a temporary file first, synced, then linked under its
 * name, so that the name only ever shows a complete file.
 */
static GFile *
write_new_file (GFile         *directory,
                const char    *stem,
                const char    *extension,
                WriteFunc      write_func,
                gpointer       data,
                guint64       *size,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *directory_name = g_file_get_parse_name (directory);
  g_autofree char *tmp_path = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  GError *local_error = NULL;
  const char *path = g_file_peek_path (directory);
  GStatBuf st;
  int fd;

  if (path == NULL)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                   "“%s” is not a local folder", directory_name);
      return NULL;
    }

  tmp_path = g_build_filename (path, ".byline-photo-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                   "Could not create a file in “%s”: %s", directory_name,
                   g_strerror (saved_errno));
      return NULL;
    }
  stream = g_unix_output_stream_new (fd, TRUE);

  if (!write_func (stream, data, cancellable, &local_error) ||
      !g_output_stream_flush (stream, cancellable, &local_error))
    goto fail;
  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      local_error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                                 g_strerror (saved_errno));
      goto fail;
    }
  if (!g_output_stream_close (stream, cancellable, &local_error))
    goto fail;
  if (g_stat (tmp_path, &st) != 0)
    {
      int saved_errno = errno;

      local_error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                                 g_strerror (saved_errno));
      goto fail;
    }
  *size = st.st_size;

  for (guint i = 1; i < 10000; i++)
    {
      g_autofree char *basename = NULL;
      g_autofree char *final_path = NULL;
      int saved_errno;

      if (i == 1)
        basename = g_strdup_printf ("%s.%s", stem, extension);
      else
        basename = g_strdup_printf ("%s-%u.%s", stem, i, extension);
      final_path = g_build_filename (path, basename, NULL);

      /* link() fails rather than replace an existing file. */
      if (link (tmp_path, final_path) == 0)
        {
          g_unlink (tmp_path);
          sync_directory (path);
          return g_file_new_for_path (final_path);
        }
      saved_errno = errno;
      if (saved_errno == EEXIST)
        continue;

      /* File systems without hard links: check, then rename. */
      if ((saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EOPNOTSUPP ||
           saved_errno == EMLINK) && !g_file_test (final_path, G_FILE_TEST_EXISTS))
        {
          if (g_rename (tmp_path, final_path) == 0)
            {
              sync_directory (path);
              return g_file_new_for_path (final_path);
            }
          saved_errno = errno;
        }

      local_error = g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                                 g_strerror (saved_errno));
      goto fail;
    }

  local_error = g_error_new (G_IO_ERROR, G_IO_ERROR_EXISTS, "too many files named “%s”", stem);

fail:
  g_output_stream_close (stream, NULL, NULL);
  g_unlink (tmp_path);
  _byline_photo_set_io_error (error, local_error, "Could not write a photo in", directory_name);
  return NULL;
}

typedef struct
{
  GdkPixbuf         *pixbuf;
  BylinePhotoFormat  format;
  guint              jpeg_quality;
  const char        *icc_profile;
} SaveData;

static gboolean
write_pixbuf (GOutputStream  *stream,
              gpointer        data,
              GCancellable   *cancellable,
              GError        **error)
{
  SaveData *save = data;
  g_autofree char *quality = g_strdup_printf ("%u", save->jpeg_quality);
  char *keys[3] = { NULL };
  char *values[3] = { NULL };
  guint n = 0;

  if (save->format == BYLINE_PHOTO_FORMAT_JPEG)
    {
      keys[n] = (char *) "quality";
      values[n++] = quality;
    }
  if (save->icc_profile != NULL)
    {
      keys[n] = (char *) "icc-profile";
      values[n++] = (char *) save->icc_profile;
    }

  return gdk_pixbuf_save_to_streamv (save->pixbuf, stream,
                                     _byline_photo_loader_name (save->format), keys, values,
                                     cancellable, error);
}

/**
 * byline_photo_probe:
 * @file: a photo
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the header of @file (a few kilobytes, whatever the photo's size):
 * its format from its content, its size as shown and its EXIF orientation.
 * Blocks on disk: call it from a worker thread or the command line.
 *
 * Errors are %BYLINE_ERROR_INVALID_INPUT when @file is not a JPEG, PNG,
 * GIF or WebP image or its header is damaged or truncated, and
 * %BYLINE_ERROR_STORAGE when it cannot be read.
 *
 * Returns: (transfer full): what the header says, or %NULL on error
 */
BylinePhotoInfo *
byline_photo_probe (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = NULL;
  BylinePhotoHeader header;
  BylinePhotoInfo *info;
  guint64 size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  stream = open_photo (file, name, &size, cancellable, error);
  if (stream == NULL ||
      !_byline_photo_read_header_from_stream (G_INPUT_STREAM (stream), size, name, &header,
                                              cancellable, error))
    return NULL;

  info = g_new0 (BylinePhotoInfo, 1);
  info->format = header.format;
  info->mime_type = byline_photo_format_get_mime_type (header.format);
  info->orientation = header.orientation;
  info->width = header.orientation >= 5 ? header.height : header.width;
  info->height = header.orientation >= 5 ? header.width : header.height;

  return info;
}

/**
 * byline_photo_prepare:
 * @source: the photo
 * @directory: a local folder for the prepared copy
 * @max_edge: the longest side allowed, in pixels (the `photo-max-edge`
 *   setting; %BYLINE_PHOTO_DEFAULT_MAX_EDGE)
 * @jpeg_quality: 1–100, for photos saved again as JPEG (the
 *   `photo-jpeg-quality` setting; %BYLINE_PHOTO_DEFAULT_JPEG_QUALITY)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the copy of @source that is uploaded to the portal into
 * @directory, under @source's name with the extension of its format
 * (never replacing a file: "-2", "-3"… are added). See the top of this file
 * for what the copy is. Blocks: use byline_photo_prepare_async() from the
 * main thread.
 *
 * Errors name the photo and are %BYLINE_ERROR_INVALID_INPUT (not an image,
 * damaged, truncated, no decoder), %BYLINE_ERROR_TOO_LARGE (more pixels or
 * bytes than Byline decodes; found from the header, before decoding),
 * %BYLINE_ERROR_STORAGE (reading or writing failed) or
 * %G_IO_ERROR_CANCELLED. Nothing is left in @directory on error.
 *
 * Returns: (transfer full): the prepared copy, or %NULL on error
 */
BylinePreparedPhoto *
byline_photo_prepare (GFile         *source,
                      GFile         *directory,
                      guint          max_edge,
                      guint          jpeg_quality,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) stripped = NULL;
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *basename = NULL;
  BylinePreparedPhoto *prepared;
  BylinePhotoHeader header;
  GError *local_error = NULL;
  gboolean fits, animated;
  guint64 size, written;
  gsize length = 0;
  BylinePhotoPlan plan;

  g_return_val_if_fail (G_IS_FILE (source), NULL);
  g_return_val_if_fail (G_IS_FILE (directory), NULL);
  g_return_val_if_fail (max_edge > 0, NULL);
  g_return_val_if_fail (jpeg_quality >= 1 && jpeg_quality <= 100, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (source);
  stream = open_photo (source, name, &size, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* The header alone says whether the photo can be prepared, before the
   * file is read: a 30000 × 30000 JPEG is refused here. */
  if (!_byline_photo_read_header_from_stream (G_INPUT_STREAM (stream), size, name, &header,
                                              cancellable, error) ||
      !_byline_photo_plan (&header, max_edge, name, &plan, error))
    return NULL;

  if (size > MAX_FILE_SIZE)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE,
                   "“%s” is %" G_GUINT64_FORMAT " MB; Byline reads photos up to %"
                   G_GUINT64_FORMAT " MB", name, size >> 20, MAX_FILE_SIZE >> 20);
      return NULL;
    }

  data = g_malloc (MAX (size, 1));
  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, &local_error) ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), data, size, &length, cancellable,
                                &local_error))
    {
      _byline_photo_set_io_error (error, local_error, "Could not read", name);
      return NULL;
    }
  g_clear_object (&stream);

  /* From here on, what counts is the bytes in memory: the file may have
   * changed since its header was read. */
  if (!_byline_photo_read_header (data, length, name, &header, error) ||
      !_byline_photo_plan (&header, max_edge, name, &plan, error))
    return NULL;

  fits = MAX (header.width, header.height) <= max_edge && header.orientation == 1;
  if (fits || header.animated || header.format == BYLINE_PHOTO_FORMAT_GIF)
    stripped = g_byte_array_sized_new (length);
  if (!_byline_photo_scan (data, length, header.format, name, &animated, stripped, error))
    return NULL;
  animated |= header.animated;
  basename = g_file_get_basename (source);
  stem = make_stem (basename);

  if (fits || animated)
    {
      g_autoptr(GBytes) bytes = NULL;

      /* Decoded all the same, so that a photo that cannot be decoded is
       * refused here rather than shown broken on the portal. */
      if (!_byline_photo_check_decodes (&header, data, length, name, cancellable, error))
        return NULL;
      g_clear_pointer (&data, g_free);

      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&stripped));
      file = write_new_file (directory, stem, byline_photo_format_get_extension (header.format),
                             write_bytes, bytes, &written, cancellable, error);
      if (file == NULL)
        return NULL;

      prepared = g_new0 (BylinePreparedPhoto, 1);
      prepared->format = header.format;
      prepared->width = header.width;
      prepared->height = header.height;
      prepared->reencoded = FALSE;
    }
  else
    {
      SaveData save = { 0 };

      scaled = _byline_photo_decode_scaled (&header, &plan, data, length, NULL, name, cancellable,
                                            error);
      if (scaled == NULL)
        return NULL;
      g_clear_pointer (&data, g_free);

      /* Transparency survives as PNG; everything else becomes JPEG. */
      save.pixbuf = scaled;
      save.format = uses_alpha (scaled) ? BYLINE_PHOTO_FORMAT_PNG : BYLINE_PHOTO_FORMAT_JPEG;
      save.jpeg_quality = jpeg_quality;
      save.icc_profile = reusable_icc_profile (scaled, save.format);

      file = write_new_file (directory, stem, byline_photo_format_get_extension (save.format),
                             write_pixbuf, &save, &written, cancellable, error);
      if (file == NULL)
        return NULL;

      prepared = g_new0 (BylinePreparedPhoto, 1);
      prepared->format = save.format;
      prepared->width = gdk_pixbuf_get_width (scaled);
      prepared->height = gdk_pixbuf_get_height (scaled);
      prepared->reencoded = TRUE;
    }

  prepared->file = g_steal_pointer (&file);
  prepared->mime_type = byline_photo_format_get_mime_type (prepared->format);
  prepared->size = written;

  return prepared;
}

typedef struct
{
  GFile *source;
  GFile *directory;
  guint  max_edge;
  guint  jpeg_quality;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->source);
  g_clear_object (&data->directory);
  g_free (data);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  BylinePreparedPhoto *prepared;
  GError *error = NULL;

  prepared = byline_photo_prepare (data->source, data->directory, data->max_edge,
                                   data->jpeg_quality, cancellable, &error);
  if (prepared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, prepared, (GDestroyNotify) byline_prepared_photo_free);
}

/**
 * byline_photo_prepare_async:
 * @source: the photo
 * @directory: a local folder for the prepared copy
 * @max_edge: the longest side allowed, in pixels
 * @jpeg_quality: 1–100, for photos saved again as JPEG
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Runs byline_photo_prepare() in a worker thread. Cancelling stops the
 * work and leaves nothing behind; once the copy is written, it is returned
 * even if @cancellable was cancelled meanwhile, so that no file is left
 * that nobody knows about.
 */
void
byline_photo_prepare_async (GFile               *source,
                            GFile               *directory,
                            guint                max_edge,
                            guint                jpeg_quality,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PrepareData *data;

  g_return_if_fail (G_IS_FILE (source));
  g_return_if_fail (G_IS_FILE (directory));
  g_return_if_fail (max_edge > 0);
  g_return_if_fail (jpeg_quality >= 1 && jpeg_quality <= 100);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (PrepareData, 1);
  data->source = g_object_ref (source);
  data->directory = g_object_ref (directory);
  data->max_edge = max_edge;
  data->jpeg_quality = jpeg_quality;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_photo_prepare_async);
  g_task_set_name (task, "[byline] prepare photo");
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * byline_photo_prepare_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the prepared copy, or %NULL on error
 */
BylinePreparedPhoto *
byline_photo_prepare_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == byline_photo_prepare_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GFile *file;
  guint  size;
} ThumbnailData;

static void
thumbnail_data_free (ThumbnailData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static void
load_thumbnail_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ThumbnailData *data = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *name = g_file_get_parse_name (data->file);
  BylinePhotoHeader header;
  GError *error = NULL;
  GError *seek_error = NULL;
  GdkPixbuf *thumbnail;
  guint64 size;
  BylinePhotoPlan plan;

  stream = open_photo (data->file, name, &size, cancellable, &error);
  if (stream == NULL ||
      !_byline_photo_read_header_from_stream (G_INPUT_STREAM (stream), size, name, &header,
                                              cancellable, &error) ||
      !_byline_photo_plan (&header, data->size, name, &plan, &error))
    goto fail;

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, &seek_error))
    {
      _byline_photo_set_io_error (&error, seek_error, "Could not read", name);
      goto fail;
    }

  /* Streamed from the file: a thumbnail never holds the whole file, and a
   * JPEG is decoded at 1/8 of its size when that is enough. */
  thumbnail = _byline_photo_decode_scaled (&header, &plan, NULL, 0, G_INPUT_STREAM (stream),
                                           name, cancellable, &error);
  if (thumbnail == NULL)
    goto fail;

  g_task_return_pointer (task, thumbnail, g_object_unref);
  return;

fail:
  g_task_return_error (task, error);
}

/**
 * byline_photo_load_thumbnail_async:
 * @file: a photo
 * @size: the longest side of the thumbnail, in pixels (device pixels:
 *   multiply by the scale factor)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Decodes a thumbnail of @file in a worker thread: upright, at most @size
 * pixels on its long side (never enlarged), decoded at the smallest scale
 * the format allows. Errors are those of byline_photo_prepare().
 */
void
byline_photo_load_thumbnail_async (GFile               *file,
                                   guint                size,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ThumbnailData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (size > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ThumbnailData, 1);
  data->file = g_object_ref (file);
  data->size = size;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_photo_load_thumbnail_async);
  g_task_set_name (task, "[byline] load photo thumbnail");
  g_task_set_task_data (task, data, (GDestroyNotify) thumbnail_data_free);
  g_task_run_in_thread (task, load_thumbnail_thread);
}

/**
 * byline_photo_load_thumbnail_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the thumbnail, or %NULL on error
 */
GdkPixbuf *
byline_photo_load_thumbnail_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_photo_load_thumbnail_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GBytes *bytes;
  GFile  *directory;
  char   *name;
} SaveBytesData;

static void
save_bytes_data_free (SaveBytesData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->directory);
  g_free (data->name);
  g_free (data);
}

static void
save_bytes_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SaveBytesData *data = task_data;
  g_autofree char *stem = make_stem (data->name);
  BylinePhotoHeader header;
  GError *error = NULL;
  GFile *file;
  guint64 size;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (data->bytes, &length);

  /* Only image data Byline can use gets a file, named for its real
   * format whatever the name given. */
  if (!_byline_photo_read_header (bytes, length, data->name, &header, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  file = write_new_file (data->directory, stem,
                         byline_photo_format_get_extension (header.format),
                         write_bytes, data->bytes, &size, cancellable, &error);
  if (file == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file, g_object_unref);
}

/**
 * byline_photo_save_bytes_async:
 * @bytes: image data, such as a pasted texture saved as PNG
 * @directory: a local folder, such as the draft's
 * @name: a name for the photo; its extension is replaced by the one of
 *   the format found in @bytes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Writes @bytes unchanged to a new file in @directory, in a worker thread,
 * completely or not at all (see byline_photo_prepare() for the naming);
 * once written, the file is returned even if @cancellable was cancelled
 * meanwhile.
 * Fails with %BYLINE_ERROR_INVALID_INPUT when @bytes are not a JPEG, PNG,
 * GIF or WebP image.
 */
void
byline_photo_save_bytes_async (GBytes              *bytes,
                               GFile               *directory,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveBytesData *data;

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (G_IS_FILE (directory));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SaveBytesData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->directory = g_object_ref (directory);
  data->name = g_strdup (name);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_photo_save_bytes_async);
  g_task_set_name (task, "[byline] save photo");
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) save_bytes_data_free);
  g_task_run_in_thread (task, save_bytes_thread);
}

/**
 * byline_photo_save_bytes_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new file, or %NULL on error
 */
GFile *
byline_photo_save_bytes_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        byline_photo_save_bytes_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * byline_photo_describe_error:
 * @error: an error from the functions above
 * @photo_name: the photo as the user knows it, usually its file name
 *
 * Turns @error into a sentence for the user that names the photo and
 * says what to do.
 *
 * Returns: (transfer full) (nullable): a translated message, or %NULL when
 *   the operation was cancelled and there is nothing to say
 */
char *
byline_photo_describe_error (const GError *error,
                             const char   *photo_name)
{
  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (photo_name != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_CANCELLED))
    return NULL;

  if (error->domain == BYLINE_ERROR)
    {
      switch ((BylineError) error->code)
        {
        case BYLINE_ERROR_INVALID_INPUT:
          /* Translators: %s is the photo's file name. */
          return g_strdup_printf (_("“%s” is not a photo Byline can read. Save it again as JPEG "
                                    "or PNG and add it once more."), photo_name);

        case BYLINE_ERROR_TOO_LARGE:
          /* Translators: %s is the photo's file name. */
          return g_strdup_printf (_("“%s” is too large for Byline to prepare. Export it at a "
                                    "smaller size, for example 6000 pixels on its long side, "
                                    "and add it again."), photo_name);

        case BYLINE_ERROR_STORAGE:
          /* Translators: %s is the photo's file name. */
          return g_strdup_printf (_("Byline could not read or save “%s”. Check that the photo "
                                    "is still there and that the disk is not full, then try "
                                    "again."), photo_name);

        default:
          break;
        }
    }

  /* Translators: %s is the photo's file name. */
  return g_strdup_printf (_("Byline could not prepare “%s”. Try adding it again."), photo_name);
}
