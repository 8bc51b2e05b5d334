/* byline-photo-decode.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoding photos within a memory budget, at the smallest scale that
 * serves, and resampling them upright: the part of photo preparation and
 * thumbnails that touches pixels. Decoding goes through GdkPixbuf's
 * loaders (libjpeg-turbo, libpng, …); JPEGs are decoded at 1/2, 1/4 or 1/8
 * scale when that is enough, so a 24 MP photo never exists at full size.
 */

#define G_LOG_DOMAIN "byline-photo"

#include "config.h"

#include "byline-error.h"
#include "byline-photo.h"
#include "byline-photo-private.h"

/* What one decode may hold at once, estimated from the header: decoded
 * pixels (4 bytes each), a progressive JPEG's coefficients (2 bytes each)
 * and the scaled copy. 256 MiB lets a 50 MP PNG through (PNG cannot be
 * decoded at a smaller scale) and turns a crafted 30000 × 30000 header into
 * an error before anything is allocated. */
#define DECODE_BUDGET     (G_GUINT64_CONSTANT (256) << 20)
/* Decoders are fed in pieces so that cancelling takes effect quickly. */
#define CHUNK_SIZE        (256 * 1024)
/* Decodes larger than this take turns, process-wide: thumbnails of an
 * article's photos are loaded together, and five 50 MP PNGs decoding at
 * once would need a gigabyte. A 24 MP JPEG needs about 42 MB. */
#define BIG_DECODE        (G_GUINT64_CONSTANT (64) << 20)

static GMutex big_decode_mutex;

/* Decoded rows the resampling thread lets pile up before it wakes. */
#define WAKE_BATCH        64

const char *
_byline_photo_loader_name (BylinePhotoFormat format)
{
  static const char *names[] = { "jpeg", "png", "gif", "webp" };

  g_assert (format < G_N_ELEMENTS (names));
  return names[format];
}

/* I/O errors become BYLINE_ERROR_STORAGE; cancellation stays as it is,
 * so that callers can tell it apart as they do everywhere in GIO. */
void
_byline_photo_set_io_error (GError     **error,
                            GError      *io_error,
                            const char  *what,
                            const char  *name)
{
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, io_error);
  else
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                   "%s “%s”: %s", what, name, io_error->message);
      g_error_free (io_error);
    }
}

static inline guint
ceil_div (guint a,
          guint b)
{
  return (guint) (((guint64) a + b - 1) / b);
}

/* @width × @height shrunk, keeping its aspect, so that its long side is
 * at most @max_edge; never enlarged. */
static void
fit (guint  width,
     guint  height,
     guint  max_edge,
     guint *out_width,
     guint *out_height)
{
  if (MAX (width, height) <= max_edge)
    {
      *out_width = width;
      *out_height = height;
    }
  else if (width >= height)
    {
      *out_width = max_edge;
      *out_height = MAX (1, ((guint64) height * max_edge + width / 2) / width);
    }
  else
    {
      *out_height = max_edge;
      *out_width = MAX (1, ((guint64) width * max_edge + height / 2) / height);
    }
}

static guint64
plan_bytes (const BylinePhotoHeader *header,
            const BylinePhotoPlan   *plan)
{
  return (guint64) plan->decode_width * plan->decode_height * 4 + header->decoder_extra +
         (guint64) plan->width * plan->height * 4;
}

/* Decides the decoded and scaled sizes for a long side of at most
 * @max_edge, and refuses what would not fit the memory budget. */
gboolean
_byline_photo_plan (const BylinePhotoHeader  *header,
                    guint                     max_edge,
                    const char               *name,
                    BylinePhotoPlan          *plan,
                    GError                  **error)
{
  guint64 pixels = (guint64) header->width * header->height;

  if (pixels > BYLINE_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE,
                   "“%s” is %u × %u pixels, more than the %u megapixels Byline accepts",
                   name, header->width, header->height,
                   (guint) (BYLINE_PHOTO_MAX_PIXELS / 1000000));
      return FALSE;
    }

  plan->decode_width = header->width;
  plan->decode_height = header->height;
  fit (header->width, header->height, max_edge, &plan->width, &plan->height);

  if (header->format == BYLINE_PHOTO_FORMAT_JPEG)
    {
      guint denominator = 1;

      /* libjpeg decodes at 1/2, 1/4 or 1/8 scale for a fraction of the
       * time and memory; take the smallest that still covers the result
       * (gdk-pixbuf's loader picks the same one from the size asked). */
      while (denominator < 8 &&
             ceil_div (header->width, denominator * 2) >= plan->width &&
             ceil_div (header->height, denominator * 2) >= plan->height)
        denominator *= 2;

      plan->decode_width = ceil_div (header->width, denominator);
      plan->decode_height = ceil_div (header->height, denominator);

      /* With a very large max_edge setting, a huge photo is decoded
       * smaller rather than refused. */
      while (denominator < 8 && plan_bytes (header, plan) > DECODE_BUDGET)
        {
          denominator *= 2;
          plan->decode_width = ceil_div (header->width, denominator);
          plan->decode_height = ceil_div (header->height, denominator);
          fit (plan->decode_width, plan->decode_height, max_edge, &plan->width, &plan->height);
        }
    }

  if (plan_bytes (header, plan) > DECODE_BUDGET)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE,
                   "“%s” (%u × %u pixels) would need about %" G_GUINT64_FORMAT " MB to decode; "
                   "Byline allows %" G_GUINT64_FORMAT " MB",
                   name, header->width, header->height, plan_bytes (header, plan) >> 20,
                   DECODE_BUDGET >> 20);
      return FALSE;
    }

  return TRUE;
}

/*
 * Resampling while decoding: a baseline JPEG's rows come out of libjpeg
 * top to bottom, so a second thread can scale (and turn) the rows already
 * decoded while the decoder works on the next ones. Decoding a 24 MP photo
 * is bound by entropy decoding (110–120 ms for a 7 MB file on the project's
 * machine, at any scale), and this hides the 40–65 ms of resampling behind
 * it on a machine with 2 cores.
 */
typedef struct
{
  /* Set before decoding */
  const BylinePhotoHeader *header;
  const BylinePhotoPlan   *plan;
  gboolean                 overlap;

  /* Decoding thread only */
  gboolean                 mismatch;

  /* The resampler and its thread, set up once the decoder has allocated
   * its pixbuf; the thread runs until all rows are done or decoding ends */
  BylinePhotoResampler    *resampler;
  GThread                 *thread;
  GMutex                   mutex;
  GCond                    cond;
  guint                    rows_decoded;  /* under mutex */
  guint                    wake_at;       /* under mutex: rows_decoded the thread waits for */
  gboolean                 decoded;       /* under mutex: the decoder is done */
  guint                    rows_done;     /* resampling thread; read after join */
} Decoding;

static gpointer
resample_thread (gpointer data)
{
  Decoding *decoding = data;
  guint height = decoding->plan->height;
  guint y = 0;

  while (y < height)
    {
      guint needed = _byline_photo_resampler_rows_needed (decoding->resampler, y);
      guint available, last;

      /* Woken once a batch of rows is there rather than for each row:
       * fewer switches between the threads when they share a core. */
      g_mutex_lock (&decoding->mutex);
      while (decoding->rows_decoded < needed && !decoding->decoded)
        {
          decoding->wake_at = MIN (needed + WAKE_BATCH, decoding->plan->decode_height);
          g_cond_wait (&decoding->cond, &decoding->mutex);
        }
      available = decoding->rows_decoded;
      g_mutex_unlock (&decoding->mutex);

      /* Decoding stopped short (an error, or cancelled): nothing more will
       * come, and the decoding thread takes it from here. */
      if (available < needed)
        break;

      last = y + 1;
      while (last < height &&
             _byline_photo_resampler_rows_needed (decoding->resampler, last) <= available)
        last++;
      _byline_photo_resampler_run (decoding->resampler, y, last);
      y = last;
    }

  decoding->rows_done = y;
  return NULL;
}

static void
on_loader_area_prepared (GdkPixbufLoader *loader,
                         Decoding        *decoding)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  if (!decoding->overlap || decoding->mismatch || gdk_pixbuf_get_has_alpha (pixbuf) ||
      (guint) gdk_pixbuf_get_width (pixbuf) != decoding->plan->decode_width ||
      (guint) gdk_pixbuf_get_height (pixbuf) != decoding->plan->decode_height)
    return;

  decoding->resampler = _byline_photo_resampler_new (pixbuf, decoding->header->orientation,
                                                     decoding->plan->width,
                                                     decoding->plan->height);
  if (decoding->resampler == NULL)
    return;

  decoding->thread = g_thread_try_new ("byline-resample", resample_thread, decoding, NULL);
  if (decoding->thread == NULL)
    g_clear_pointer (&decoding->resampler, _byline_photo_resampler_free);
}

static void
on_loader_area_updated (GdkPixbufLoader *loader,
                        int              x,
                        int              y,
                        int              width,
                        int              height,
                        Decoding        *decoding)
{
  if (decoding->thread == NULL)
    return;

  /* gdk-pixbuf's JPEG loader reports the last row it wrote as y (with
   * the number of rows as height), so y + 1 rows are done; for a loader
   * that reports the first row, y + 1 is merely cautious. */
  g_mutex_lock (&decoding->mutex);
  decoding->rows_decoded = MAX (decoding->rows_decoded, (guint) y + 1);
  if (decoding->rows_decoded >= decoding->wake_at)
    g_cond_signal (&decoding->cond);
  g_mutex_unlock (&decoding->mutex);
}

/* Lets the resampling thread finish (all rows when @success) and joins it. */
static void
decoding_end (Decoding *decoding,
              gboolean  success)
{
  if (decoding->thread == NULL)
    return;

  g_mutex_lock (&decoding->mutex);
  if (success)
    decoding->rows_decoded = G_MAXUINT;
  decoding->decoded = TRUE;
  g_cond_signal (&decoding->cond);
  g_mutex_unlock (&decoding->mutex);

  g_thread_join (g_steal_pointer (&decoding->thread));
}

static void
on_loader_size_prepared (GdkPixbufLoader *loader,
                         int              width,
                         int              height,
                         Decoding        *decoding)
{
  /* The memory estimate rests on the header Byline read; a decoder that
   * sees another size gets the smallest output and the decode fails. */
  if ((guint) width != decoding->header->width || (guint) height != decoding->header->height)
    {
      decoding->mismatch = TRUE;
      gdk_pixbuf_loader_set_size (loader, 1, 1);
      return;
    }

  if (decoding->plan->decode_width != (guint) width ||
      decoding->plan->decode_height != (guint) height)
    gdk_pixbuf_loader_set_size (loader, decoding->plan->decode_width,
                                decoding->plan->decode_height);
}

/* Decodes from @data or @stream with GdkPixbuf's loader for the format
 * found in the header (never another one, whatever the content sniffs as),
 * at the size @decoding->plan decided. */
static GdkPixbuf *
decode (Decoding      *decoding,
        const guint8  *data,
        gsize          length,
        GInputStream  *stream,
        const char    *name,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree guint8 *buffer = NULL;
  const BylinePhotoHeader *header = decoding->header;
  const BylinePhotoPlan *plan = decoding->plan;
  GError *local_error = NULL;
  GdkPixbuf *pixbuf;
  gsize offset = 0;

  loader = gdk_pixbuf_loader_new_with_type (_byline_photo_loader_name (header->format),
                                            &local_error);
  if (loader == NULL)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "“%s” is a %s file, which cannot be decoded on this system: %s", name,
                   byline_photo_format_get_mime_type (header->format), local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared), decoding);
  g_signal_connect (loader, "area-prepared", G_CALLBACK (on_loader_area_prepared), decoding);
  g_signal_connect (loader, "area-updated", G_CALLBACK (on_loader_area_updated), decoding);

  if (stream != NULL)
    buffer = g_malloc (CHUNK_SIZE);

  for (;;)
    {
      const guint8 *chunk;
      gsize n;

      if (stream != NULL)
        {
          gssize n_read = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable,
                                               &local_error);

          if (n_read < 0)
            {
              _byline_photo_set_io_error (error, local_error, "Could not read", name);
              goto fail;
            }
          chunk = buffer;
          n = n_read;
        }
      else
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          chunk = data + offset;
          n = MIN (CHUNK_SIZE, length - offset);
          offset += n;
        }

      if (n == 0)
        break;

      if (!gdk_pixbuf_loader_write (loader, chunk, n, &local_error))
        {
          g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                       "“%s” could not be decoded: %s", name, local_error->message);
          g_error_free (local_error);
          goto fail;
        }
      if (decoding->mismatch)
        {
          g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                       "“%s” is damaged: its decoder sees another size than its header", name);
          goto fail;
        }
    }

  if (!gdk_pixbuf_loader_close (loader, &local_error))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "“%s” could not be decoded: %s", name,
                   local_error ? local_error->message : "no reason given");
      g_clear_error (&local_error);
      decoding_end (decoding, FALSE);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL ||
      (guint) gdk_pixbuf_get_width (pixbuf) != plan->decode_width ||
      (guint) gdk_pixbuf_get_height (pixbuf) != plan->decode_height ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "“%s” could not be decoded: no image came out", name);
      decoding_end (decoding, FALSE);
      return NULL;
    }

  decoding_end (decoding, TRUE);
  return g_object_ref (pixbuf);

fail:
  /* Closing a loader twice is harmless; dropping an open one warns. */
  gdk_pixbuf_loader_close (loader, NULL);
  decoding_end (decoding, FALSE);
  return NULL;
}

/* Decodes and resamples to @plan's size, upright; the colour profile
 * stays attached as the "icc-profile" option. */
GdkPixbuf *
_byline_photo_decode_scaled (const BylinePhotoHeader  *header,
                             const BylinePhotoPlan    *plan,
                             const guint8             *data,
                             gsize                     length,
                             GInputStream             *stream,
                             const char               *name,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_autoptr(GdkPixbuf) decoded = NULL;
  GdkPixbuf *scaled = NULL;
  const char *icc_profile;
  gboolean big = plan_bytes (header, plan) > BIG_DECODE;
  Decoding decoding = {
    .header = header,
    .plan = plan,
    .overlap = header->format == BYLINE_PHOTO_FORMAT_JPEG && header->decoder_extra == 0 &&
               g_get_num_processors () > 1,
  };

  g_mutex_init (&decoding.mutex);
  g_cond_init (&decoding.cond);
  if (big)
    g_mutex_lock (&big_decode_mutex);
  decoded = decode (&decoding, data, length, stream, name, cancellable, error);
  if (decoded != NULL && decoding.resampler != NULL)
    {
      /* What the thread had no time for (or was not told about). */
      _byline_photo_resampler_run (decoding.resampler, decoding.rows_done, plan->height);
      scaled = _byline_photo_resampler_finish (g_steal_pointer (&decoding.resampler));
    }
  else if (decoded != NULL)
    scaled = _byline_photo_resample (decoded, header->orientation, plan->width, plan->height);
  if (big)
    g_mutex_unlock (&big_decode_mutex);
  g_mutex_clear (&decoding.mutex);
  g_cond_clear (&decoding.cond);

  if (decoded == NULL)
    {
      g_clear_pointer (&decoding.resampler, _byline_photo_resampler_free);
      return NULL;
    }

  if (scaled == NULL)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE,
                   "Not enough memory to scale “%s”", name);
      return NULL;
    }

  icc_profile = gdk_pixbuf_get_option (decoded, "icc-profile");
  if (icc_profile != NULL)
    gdk_pixbuf_set_option (scaled, "icc-profile", icc_profile);

  return scaled;
}

/* Decodes only to see that it can be, at the smallest scale there is. */
gboolean
_byline_photo_check_decodes (const BylinePhotoHeader  *header,
                             const guint8             *data,
                             gsize                     length,
                             const char               *name,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  g_autoptr(GdkPixbuf) decoded = NULL;
  Decoding decoding = { .header = header };
  gboolean big;
  BylinePhotoPlan plan;

  if (!_byline_photo_plan (header, 1, name, &plan, error))
    return FALSE;

  decoding.plan = &plan;
  big = plan_bytes (header, &plan) > BIG_DECODE;
  if (big)
    g_mutex_lock (&big_decode_mutex);
  decoded = decode (&decoding, data, length, NULL, name, cancellable, error);
  if (big)
    g_mutex_unlock (&big_decode_mutex);

  return decoded != NULL;
}
