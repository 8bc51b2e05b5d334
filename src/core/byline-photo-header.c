/* byline-photo-header.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading photo headers (size, orientation, decoder memory) without
 * decoding, and copying a photo's image data while dropping its metadata.
 * Both walk the file's own structure (JPEG segments, PNG chunks, GIF blocks,
 * RIFF chunks), so they are cheap and never allocate more than one segment.
 */

#define G_LOG_DOMAIN "byline-photo"

#include "config.h"

#include <string.h>

#include "byline-error.h"
#include "byline-photo-private.h"

/* A view of the photo's bytes: the whole file in memory, or a seekable
 * stream from which only the pieces the parser asks for are read. */
typedef struct
{
  const guint8 *data;
  GInputStream *stream;
  guint64       length;
  const char   *name;
  GCancellable *cancellable;
} Reader;

static gboolean
set_damaged (GError     **error,
             const char  *name,
             const char  *detail)
{
  g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
               "“%s” is damaged: %s", name, detail);
  return FALSE;
}

static gboolean
set_truncated (GError     **error,
               const char  *name)
{
  g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
               "“%s” is truncated: the file ends before its image does", name);
  return FALSE;
}

static gboolean
reader_read (Reader   *reader,
             guint64   offset,
             guint8   *buffer,
             gsize     length,
             GError  **error)
{
  gsize n_read = 0;
  g_autoptr(GError) local_error = NULL;

  if (offset > reader->length || length > reader->length - offset)
    return set_truncated (error, reader->name);

  if (reader->data != NULL)
    {
      memcpy (buffer, reader->data + offset, length);
      return TRUE;
    }

  if (!g_seekable_seek (G_SEEKABLE (reader->stream), offset, G_SEEK_SET,
                        reader->cancellable, &local_error) ||
      !g_input_stream_read_all (reader->stream, buffer, length, &n_read,
                                reader->cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                     "Could not read “%s”: %s", reader->name, local_error->message);
      return FALSE;
    }

  /* The file shrank since its size was read. */
  if (n_read < length)
    return set_truncated (error, reader->name);

  return TRUE;
}

static inline guint
be16 (const guint8 *p)
{
  return (p[0] << 8) | p[1];
}

static inline guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline guint
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static inline guint32
le24 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static inline guint32
le32 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

/* The Orientation tag (0x0112) of IFD0 in a TIFF structure, as found in a
 * JPEG's Exif segment and a PNG's eXIf chunk; 1 when absent or invalid. */
static guint
tiff_orientation (const guint8 *tiff,
                  gsize         length)
{
  gboolean little;
  guint32 ifd;
  guint count;

  if (length < 8)
    return 1;

  if (tiff[0] == 'I' && tiff[1] == 'I')
    little = TRUE;
  else if (tiff[0] == 'M' && tiff[1] == 'M')
    little = FALSE;
  else
    return 1;

#define U16(p) (little ? le16 (p) : be16 (p))
#define U32(p) (little ? le32 (p) : be32 (p))

  if (U16 (tiff + 2) != 42)
    return 1;

  ifd = U32 (tiff + 4);
  if (ifd < 8 || ifd > length - 2)
    return 1;

  count = U16 (tiff + ifd);
  for (guint i = 0; i < count; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;
      guint type;
      guint32 value;

      if (entry + 12 > length)
        break;
      if (U16 (tiff + entry) != 0x0112)
        continue;

      /* SHORT as the standard says; LONG as some writers do. */
      type = U16 (tiff + entry + 2);
      if (type == 3)
        value = U16 (tiff + entry + 8);
      else if (type == 4)
        value = U32 (tiff + entry + 8);
      else
        return 1;

      return value >= 1 && value <= 8 ? value : 1;
    }

#undef U16
#undef U32

  return 1;
}

static gboolean
jpeg_is_sof (guint marker)
{
  /* C4 (DHT), C8 (reserved) and CC (DAC) share the range. */
  return marker >= 0xC0 && marker <= 0xCF &&
         marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/* Bytes of DCT coefficients libjpeg keeps for the whole image when it
 * cannot decode in one pass (progressive or non-interleaved files): two
 * bytes per coefficient, whatever scale the output is decoded at. */
static gboolean
jpeg_coefficient_bytes (const guint8  *sof,
                        guint          n_components,
                        guint          width,
                        guint          height,
                        guint64       *bytes)
{
  guint h_max = 1, v_max = 1;
  guint64 total = 0;

  for (guint i = 0; i < n_components; i++)
    {
      guint h = sof[6 + 3 * i + 1] >> 4, v = sof[6 + 3 * i + 1] & 0xF;

      if (h < 1 || h > 4 || v < 1 || v > 4)
        return FALSE;
      h_max = MAX (h_max, h);
      v_max = MAX (v_max, v);
    }

  for (guint i = 0; i < n_components; i++)
    {
      guint h = sof[6 + 3 * i + 1] >> 4, v = sof[6 + 3 * i + 1] & 0xF;
      guint64 blocks_w = ((guint64) width * h + 8 * h_max - 1) / (8 * h_max);
      guint64 blocks_h = ((guint64) height * v + 8 * v_max - 1) / (8 * v_max);

      total += blocks_w * blocks_h * 64 * 2;
    }

  *bytes = total;
  return TRUE;
}

static gboolean
read_jpeg_header (Reader             *reader,
                  BylinePhotoHeader  *header,
                  GError            **error)
{
  g_autofree guint8 *segment = g_malloc (G_MAXUINT16);
  g_autofree guint8 *sof = NULL;
  guint n_components = 0;
  gboolean progressive = FALSE;
  gboolean seen_exif = FALSE;
  guint64 pos = 2;

  /* The markers libjpeg reads before it decodes: everything up to the
   * first SOS. The first SOF gives the size, the first Exif segment the
   * orientation. */
  for (;;)
    {
      guint8 marker[4];
      guint marker_type;
      gsize length;

      if (!reader_read (reader, pos, marker, 2, error))
        return FALSE;
      if (marker[0] != 0xFF)
        return set_damaged (error, reader->name, "a JPEG marker is missing");

      marker_type = marker[1];
      if (marker_type == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker_type == 0x01 || (marker_type >= 0xD0 && marker_type <= 0xD7))
        {
          pos += 2;
          continue;
        }
      if (marker_type == 0x00 || marker_type == 0xD8 || marker_type == 0xD9)
        return set_damaged (error, reader->name, "the JPEG header is incomplete");

      if (!reader_read (reader, pos + 2, marker + 2, 2, error))
        return FALSE;
      length = be16 (marker + 2);
      if (length < 2)
        return set_damaged (error, reader->name, "a JPEG segment has an invalid length");
      length -= 2;

      if (jpeg_is_sof (marker_type) && sof == NULL)
        {
          if (length < 6)
            return set_damaged (error, reader->name, "the JPEG frame header is too short");
          sof = g_malloc (length);
          if (!reader_read (reader, pos + 4, sof, length, error))
            return FALSE;

          n_components = sof[5];
          header->height = be16 (sof + 1);
          header->width = be16 (sof + 3);
          if (n_components == 0 || length < 6 + 3 * n_components)
            return set_damaged (error, reader->name, "the JPEG frame header is invalid");
          /* A height of 0 announces a DNL marker, which libjpeg refuses. */
          if (header->width == 0 || header->height == 0)
            return set_damaged (error, reader->name, "the JPEG frame has no size");
          progressive = marker_type == 0xC2 || marker_type == 0xC6 ||
                        marker_type == 0xCA || marker_type == 0xCE;
        }
      else if (marker_type == 0xE1 && !seen_exif && length >= 14)
        {
          /* XMP shares the marker: look at the signature first. */
          if (!reader_read (reader, pos + 4, segment, 6, error))
            return FALSE;
          if (memcmp (segment, "Exif\0\0", 6) == 0)
            {
              if (!reader_read (reader, pos + 4, segment, length, error))
                return FALSE;
              seen_exif = TRUE;
              header->orientation = tiff_orientation (segment + 6, length - 6);
            }
        }
      else if (marker_type == 0xDA)
        {
          guint8 n_scan_components;

          if (sof == NULL)
            return set_damaged (error, reader->name,
                                "the JPEG image data comes before its frame header");
          if (!reader_read (reader, pos + 4, &n_scan_components, 1, error))
            return FALSE;

          /* A first scan without every component means several scans, so
           * libjpeg buffers the whole image's coefficients, as it does for
           * progressive files. */
          if (progressive || n_scan_components < n_components)
            {
              if (!jpeg_coefficient_bytes (sof, n_components, header->width, header->height,
                                           &header->decoder_extra))
                return set_damaged (error, reader->name, "the JPEG sampling factors are invalid");
            }
          return TRUE;
        }

      pos += 4 + length;
    }
}

static gboolean
read_png_header (Reader             *reader,
                 BylinePhotoHeader  *header,
                 GError            **error)
{
  guint8 ihdr[25];
  guint64 pos;

  if (!reader_read (reader, 8, ihdr, sizeof ihdr, error))
    return FALSE;
  if (be32 (ihdr) != 13 || memcmp (ihdr + 4, "IHDR", 4) != 0)
    return set_damaged (error, reader->name, "the PNG header chunk is missing");

  header->width = be32 (ihdr + 8);
  header->height = be32 (ihdr + 12);
  if (header->width == 0 || header->height == 0 ||
      header->width > G_MAXINT32 || header->height > G_MAXINT32)
    return set_damaged (error, reader->name, "the PNG size is invalid");

  /* Ancillary chunks that matter here come before the image data. */
  for (pos = 8 + sizeof ihdr;;)
    {
      guint8 chunk[8];
      guint32 length;

      if (!reader_read (reader, pos, chunk, sizeof chunk, error))
        return FALSE;
      length = be32 (chunk);
      if (length > G_MAXINT32)
        return set_damaged (error, reader->name, "a PNG chunk has an invalid length");

      if (memcmp (chunk + 4, "IDAT", 4) == 0 || memcmp (chunk + 4, "IEND", 4) == 0)
        return TRUE;

      if (memcmp (chunk + 4, "eXIf", 4) == 0 && length <= G_MAXUINT16)
        {
          g_autofree guint8 *exif = g_malloc (length);

          if (!reader_read (reader, pos + 8, exif, length, error))
            return FALSE;
          header->orientation = tiff_orientation (exif, length);
        }
      else if (memcmp (chunk + 4, "acTL", 4) == 0 && length >= 8)
        {
          guint8 actl[4];

          if (!reader_read (reader, pos + 8, actl, sizeof actl, error))
            return FALSE;
          header->animated = be32 (actl) > 1;
        }

      pos += 12 + (guint64) length;
    }
}

static gboolean
read_gif_header (Reader             *reader,
                 BylinePhotoHeader  *header,
                 GError            **error)
{
  guint8 screen[4];

  if (!reader_read (reader, 6, screen, sizeof screen, error))
    return FALSE;

  header->width = le16 (screen);
  header->height = le16 (screen + 2);
  if (header->width == 0 || header->height == 0)
    return set_damaged (error, reader->name, "the GIF size is invalid");

  return TRUE;
}

static gboolean
read_webp_header (Reader             *reader,
                  BylinePhotoHeader  *header,
                  GError            **error)
{
  guint8 chunk[8 + 10] = { 0 };
  gsize n = MIN (sizeof chunk, reader->length - 12);

  /* A tiny lossless file may end before 18 bytes of its first chunk. */
  if (!reader_read (reader, 12, chunk, n, error))
    return FALSE;
  if (n < 8 + (memcmp (chunk, "VP8L", 4) == 0 ? 5 : 10))
    return set_truncated (error, reader->name);

  if (memcmp (chunk, "VP8 ", 4) == 0)
    {
      /* Frame tag (3 bytes), start code, then 14-bit width and height. */
      if (chunk[11] != 0x9D || chunk[12] != 0x01 || chunk[13] != 0x2A)
        return set_damaged (error, reader->name, "the WebP frame header is invalid");
      header->width = le16 (chunk + 14) & 0x3FFF;
      header->height = le16 (chunk + 16) & 0x3FFF;
    }
  else if (memcmp (chunk, "VP8L", 4) == 0)
    {
      guint32 bits = le32 (chunk + 9);

      if (chunk[8] != 0x2F)
        return set_damaged (error, reader->name, "the WebP lossless header is invalid");
      header->width = (bits & 0x3FFF) + 1;
      header->height = ((bits >> 14) & 0x3FFF) + 1;
    }
  else if (memcmp (chunk, "VP8X", 4) == 0)
    {
      header->animated = (chunk[8] & 0x02) != 0;
      header->width = le24 (chunk + 12) + 1;
      header->height = le24 (chunk + 15) + 1;
    }
  else
    return set_damaged (error, reader->name, "the WebP image chunk is missing");

  if (header->width == 0 || header->height == 0)
    return set_damaged (error, reader->name, "the WebP size is invalid");

  return TRUE;
}

static gboolean
read_header (Reader             *reader,
             BylinePhotoHeader  *header,
             GError            **error)
{
  guint8 magic[12] = { 0 };
  gsize n = MIN (reader->length, sizeof magic);

  memset (header, 0, sizeof *header);
  header->orientation = 1;

  if (!reader_read (reader, 0, magic, n, error))
    return FALSE;

  if (n >= 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF)
    {
      header->format = BYLINE_PHOTO_FORMAT_JPEG;
      return read_jpeg_header (reader, header, error);
    }
  if (n >= 8 && memcmp (magic, "\x89PNG\r\n\x1a\n", 8) == 0)
    {
      header->format = BYLINE_PHOTO_FORMAT_PNG;
      return read_png_header (reader, header, error);
    }
  if (n >= 6 && (memcmp (magic, "GIF87a", 6) == 0 || memcmp (magic, "GIF89a", 6) == 0))
    {
      header->format = BYLINE_PHOTO_FORMAT_GIF;
      return read_gif_header (reader, header, error);
    }
  if (n >= 12 && memcmp (magic, "RIFF", 4) == 0 && memcmp (magic + 8, "WEBP", 4) == 0)
    {
      header->format = BYLINE_PHOTO_FORMAT_WEBP;
      return read_webp_header (reader, header, error);
    }

  g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
               "“%s” is not a JPEG, PNG, GIF or WebP image", reader->name);
  return FALSE;
}

/*
 * _byline_photo_read_header_from_stream:
 * @stream: a seekable stream at any position
 * @size: the file's size in bytes
 *
 * Reads the header through @stream, seeking over what it does not need
 * (a JPEG's Exif thumbnail or colour profile), so that probing a 30 MB
 * photo reads a few kilobytes.
 */
gboolean
_byline_photo_read_header_from_stream (GInputStream       *stream,
                                       guint64             size,
                                       const char         *name,
                                       BylinePhotoHeader  *header,
                                       GCancellable       *cancellable,
                                       GError            **error)
{
  Reader reader = {
    .stream = stream,
    .length = size,
    .name = name,
    .cancellable = cancellable,
  };

  g_assert (G_IS_SEEKABLE (stream));

  return read_header (&reader, header, error);
}

gboolean
_byline_photo_read_header (const guint8       *data,
                           gsize               length,
                           const char         *name,
                           BylinePhotoHeader  *header,
                           GError            **error)
{
  Reader reader = {
    .data = data,
    .length = length,
    .name = name,
  };

  return read_header (&reader, header, error);
}

/* Segments a prepared JPEG keeps: the JFIF header (when it carries no
 * thumbnail), the colour profile and Adobe's colour transform flag, which
 * change how the pixels look. Every other APPn segment (Exif with GPS and
 * its thumbnail, XMP, IPTC, MPF and the images it points to, maker data)
 * and comments go. Tables, frame and scan headers stay. */
static gboolean
jpeg_keeps_segment (guint         marker,
                    const guint8 *data,
                    gsize         length)
{
  if (marker == 0xE0)
    return length >= 14 && memcmp (data, "JFIF\0", 5) == 0 && data[12] == 0 && data[13] == 0;
  if (marker == 0xE2)
    return length >= 14 && memcmp (data, "ICC_PROFILE\0", 12) == 0;
  if (marker == 0xEE)
    return length >= 5 && memcmp (data, "Adobe", 5) == 0;
  if ((marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE)
    return FALSE;

  return TRUE;
}

static gboolean
scan_jpeg (const guint8  *data,
           gsize          length,
           const char    *name,
           GByteArray    *out,
           GError       **error)
{
  gboolean seen_frame = FALSE, seen_scan = FALSE;
  gsize pos = 2;

  if (out != NULL)
    g_byte_array_append (out, data, 2);

  for (;;)
    {
      guint marker;
      gsize end;

      if (pos + 2 > length)
        return set_truncated (error, name);
      if (data[pos] != 0xFF)
        return set_damaged (error, name, "a JPEG marker is missing");

      marker = data[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0xD9)
        {
          if (!seen_scan)
            return set_damaged (error, name, "the JPEG file has no image data");
          /* Whatever follows the end of the image (the MPF images phones
           * append, vendor trailers) is not copied. */
          if (out != NULL)
            g_byte_array_append (out, data + pos, 2);
          return TRUE;
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          if (out != NULL)
            g_byte_array_append (out, data + pos, 2);
          pos += 2;
          continue;
        }
      if (marker == 0x00 || marker == 0xD8)
        return set_damaged (error, name, "a JPEG marker is invalid");

      if (pos + 4 > length)
        return set_truncated (error, name);
      if (be16 (data + pos + 2) < 2)
        return set_damaged (error, name, "a JPEG segment has an invalid length");
      end = pos + 2 + be16 (data + pos + 2);
      if (end > length)
        return set_truncated (error, name);

      if (out != NULL && jpeg_keeps_segment (marker, data + pos + 4, end - pos - 4))
        g_byte_array_append (out, data + pos, end - pos);
      if (jpeg_is_sof (marker))
        seen_frame = TRUE;
      pos = end;

      if (marker == 0xDA)
        {
          gsize start = pos;

          if (!seen_frame)
            return set_damaged (error, name, "the JPEG image data comes before its frame header");
          seen_scan = TRUE;

          /* Entropy-coded data runs to the next marker: an 0xFF that is
           * neither a stuffed 0xFF 0x00 nor a restart marker. */
          for (;;)
            {
              const guint8 *ff = memchr (data + pos, 0xFF, length - pos);
              guint next;

              if (ff == NULL || (gsize) (ff - data) + 1 >= length)
                return set_truncated (error, name);
              pos = ff - data;
              next = data[pos + 1];
              if (next == 0x00 || (next >= 0xD0 && next <= 0xD7))
                pos += 2;
              else if (next == 0xFF)
                pos += 1;
              else
                break;
            }

          if (out != NULL)
            g_byte_array_append (out, data + start, pos - start);
        }
    }
}

/* PNG chunks a prepared PNG keeps: the critical ones, those that change
 * how pixels look (transparency, colour, gamma, profile, background) or
 * their physical size, and animation. Text (tEXt, zTXt, iTXt with XMP),
 * eXIf, tIME and private chunks go. */
static gboolean
png_keeps_chunk (const guint8 *type)
{
  static const char keep[][5] = {
    "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB",
    "cICP", "mDCv", "cLLi", "bKGD", "pHYs", "acTL", "fcTL", "fdAT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    {
      if (memcmp (type, keep[i], 4) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
scan_png (const guint8  *data,
          gsize          length,
          const char    *name,
          GByteArray    *out,
          GError       **error)
{
  gboolean seen_data = FALSE;
  gsize pos = 8;

  if (out != NULL)
    g_byte_array_append (out, data, 8);

  for (;;)
    {
      guint32 chunk_length;
      gsize end;

      if (pos + 12 > length)
        return set_truncated (error, name);
      chunk_length = be32 (data + pos);
      if (chunk_length > G_MAXINT32)
        return set_damaged (error, name, "a PNG chunk has an invalid length");
      if (chunk_length > length - pos - 12)
        return set_truncated (error, name);
      end = pos + 12 + chunk_length;

      if (out != NULL && png_keeps_chunk (data + pos + 4))
        g_byte_array_append (out, data + pos, end - pos);

      if (memcmp (data + pos + 4, "IDAT", 4) == 0)
        seen_data = TRUE;
      else if (memcmp (data + pos + 4, "IEND", 4) == 0)
        return seen_data ? TRUE : set_damaged (error, name, "the PNG file has no image data");

      pos = end;
    }
}

/* The end of a run of GIF data sub-blocks starting at @pos, or 0. */
static gsize
gif_skip_sub_blocks (const guint8 *data,
                     gsize         length,
                     gsize         pos)
{
  for (;;)
    {
      guint size;

      if (pos >= length)
        return 0;
      size = data[pos];
      pos += 1 + size;
      if (size == 0)
        return pos <= length ? pos : 0;
    }
}

static gboolean
scan_gif (const guint8  *data,
          gsize          length,
          const char    *name,
          gboolean      *animated,
          GByteArray    *out,
          GError       **error)
{
  guint n_frames = 0;
  gsize pos = 13;

  if (length < 13)
    return set_truncated (error, name);
  if (data[10] & 0x80)
    pos += 3 << ((data[10] & 0x07) + 1);
  if (pos > length)
    return set_truncated (error, name);
  if (out != NULL)
    g_byte_array_append (out, data, pos);

  for (;;)
    {
      gboolean keep = TRUE;
      gsize end;

      if (pos >= length)
        return set_truncated (error, name);

      if (data[pos] == 0x3B)
        {
          if (n_frames == 0)
            return set_damaged (error, name, "the GIF file has no image");
          if (out != NULL)
            g_byte_array_append (out, data + pos, 1);
          *animated = n_frames > 1;
          return TRUE;
        }
      else if (data[pos] == 0x2C)
        {
          gsize image_data = pos + 10;

          if (image_data > length)
            return set_truncated (error, name);
          if (data[pos + 9] & 0x80)
            image_data += 3 << ((data[pos + 9] & 0x07) + 1);
          /* Past the LZW minimum code size byte. */
          end = gif_skip_sub_blocks (data, length, image_data + 1);
          n_frames++;
        }
      else if (data[pos] == 0x21)
        {
          if (pos + 2 > length)
            return set_truncated (error, name);
          end = gif_skip_sub_blocks (data, length, pos + 2);

          /* Comments and application data (XMP among them) go; the loop
           * count, frame timing, plain text and colour profile stay. */
          if (data[pos + 1] == 0xFE)
            keep = FALSE;
          else if (data[pos + 1] == 0xFF)
            keep = end != 0 && pos + 14 <= length && data[pos + 2] == 11 &&
                   (memcmp (data + pos + 3, "NETSCAPE2.0", 11) == 0 ||
                    memcmp (data + pos + 3, "ANIMEXTS1.0", 11) == 0 ||
                    memcmp (data + pos + 3, "ICCRGBG1012", 11) == 0);
        }
      else
        return set_damaged (error, name, "a GIF block is invalid");

      if (end == 0)
        return set_truncated (error, name);
      if (out != NULL && keep)
        g_byte_array_append (out, data + pos, end - pos);
      pos = end;
    }
}

static gboolean
scan_webp (const guint8  *data,
           gsize          length,
           const char    *name,
           GByteArray    *out,
           GError       **error)
{
  static const char keep[][5] = { "VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP" };
  gboolean seen_image = FALSE;
  guint64 end;
  gsize pos = 12;

  end = 8 + (guint64) le32 (data + 4);
  if (end > length)
    return set_truncated (error, name);
  if (out != NULL)
    g_byte_array_append (out, data, 12);

  while (pos < end)
    {
      guint32 chunk_length;
      guint64 chunk_end;
      gboolean kept = FALSE;

      if (pos + 8 > end)
        return set_damaged (error, name, "a WebP chunk is incomplete");
      chunk_length = le32 (data + pos + 4);
      chunk_end = pos + 8 + (guint64) chunk_length + (chunk_length & 1);
      /* The last chunk's padding byte is sometimes missing. */
      if (chunk_end > end + (chunk_length & 1))
        return set_truncated (error, name);
      chunk_end = MIN (chunk_end, end);

      for (guint i = 0; i < G_N_ELEMENTS (keep) && !kept; i++)
        kept = memcmp (data + pos, keep[i], 4) == 0;
      if (memcmp (data + pos, "VP8 ", 4) == 0 || memcmp (data + pos, "VP8L", 4) == 0 ||
          memcmp (data + pos, "ANMF", 4) == 0)
        seen_image = TRUE;

      if (out != NULL && kept)
        {
          gsize at = out->len;

          g_byte_array_append (out, data + pos, chunk_end - pos);
          /* The extended header announces the chunks that are gone. */
          if (memcmp (data + pos, "VP8X", 4) == 0 && chunk_length >= 1)
            out->data[at + 8] &= ~(0x08 | 0x04);
        }
      pos = chunk_end;
    }

  if (!seen_image)
    return set_damaged (error, name, "the WebP file has no image data");

  if (out != NULL)
    {
      guint32 riff_length = out->len - 8;

      out->data[4] = riff_length & 0xFF;
      out->data[5] = (riff_length >> 8) & 0xFF;
      out->data[6] = (riff_length >> 16) & 0xFF;
      out->data[7] = (riff_length >> 24) & 0xFF;
    }

  return TRUE;
}

/*
 * _byline_photo_scan:
 * @data: the whole file
 * @format: its format, from _byline_photo_read_header()
 * @animated: (out): set when the file holds more than one frame
 * @stripped: (nullable): receives the file without its metadata
 *
 * Walks the whole file's structure: fails when it is truncated (no JPEG
 * EOI, PNG IEND, GIF trailer, or a short RIFF chunk) or its structure is
 * broken, and copies what a prepared photo keeps into @stripped.
 */
gboolean
_byline_photo_scan (const guint8       *data,
                    gsize               length,
                    BylinePhotoFormat   format,
                    const char         *name,
                    gboolean           *animated,
                    GByteArray         *stripped,
                    GError            **error)
{
  g_assert (data != NULL);
  g_assert (animated != NULL);

  *animated = FALSE;

  switch (format)
    {
    case BYLINE_PHOTO_FORMAT_JPEG:
      return scan_jpeg (data, length, name, stripped, error);
    case BYLINE_PHOTO_FORMAT_PNG:
      return scan_png (data, length, name, stripped, error);
    case BYLINE_PHOTO_FORMAT_GIF:
      return scan_gif (data, length, name, animated, stripped, error);
    case BYLINE_PHOTO_FORMAT_WEBP:
      return scan_webp (data, length, name, stripped, error);
    default:
      g_assert_not_reached ();
    }
}
