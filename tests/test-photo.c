/* test-photo.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photo preparation, probing, thumbnails and saving pasted data. Every
 * test image is made here: GdkPixbuf encodes the pixels, and the metadata
 * a camera or phone writes (Exif with GPS, XMP, IPTC, comments, trailers,
 * PNG text and eXIf chunks, GIF extensions) is assembled byte by byte.
 * When exiftool is installed (build-aux/dev installs it), it reads the
 * prepared files as an independent check that no location is left.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "byline-error.h"
#include "byline-i18n.h"
#include "byline-photo.h"
#include "byline-test-core.h"

/* Quadrant colours: top-left, top-right, bottom-left, bottom-right. */
enum { TL, TR, BL, BR };
static const guint8 quadrant_colors[4][3] = {
  { 220, 30, 30 },
  { 30, 200, 40 },
  { 30, 40, 210 },
  { 230, 220, 40 },
};

/* Latitude 21° 1' 30.50" as the rationals the GPS IFD stores, big-endian:
 * what must not be found in any prepared file. */
static const guint8 gps_latitude[24] = {
  0, 0, 0, 21, 0, 0, 0, 1,
  0, 0, 0, 1, 0, 0, 0, 1,
  0, 0, 0x0B, 0xEA, 0, 0, 0, 100,
};

static char *tmp_dir;

/* Test images */

static GdkPixbuf *
make_quadrants (int      width,
                int      height,
                gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int q = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * channels;

        memcpy (p, quadrant_colors[q], 3);
        if (alpha)
          p[3] = 255;
      }

  return pixbuf;
}

static GBytes *
encode (GdkPixbuf  *pixbuf,
        const char *type)
{
  g_autoptr(GError) error = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, "quality", "92", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, size);
}

static void
put16 (GByteArray *array,
       guint       value)
{
  guint8 b[2] = { value >> 8, value & 0xFF };

  g_byte_array_append (array, b, 2);
}

static void
put32 (GByteArray *array,
       guint32     value)
{
  guint8 b[4] = { value >> 24, (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF };

  g_byte_array_append (array, b, 4);
}

static void
put_entry (GByteArray *array,
           guint       tag,
           guint       type,
           guint32     count,
           guint32     value)
{
  put16 (array, tag);
  put16 (array, type);
  put32 (array, count);
  put32 (array, value);
}

/* A big-endian TIFF structure as cameras write it: IFD0 with Make,
 * Orientation and (optionally) a GPS IFD with latitude and longitude. */
static GByteArray *
make_tiff (guint    orientation,
           gboolean gps)
{
  GByteArray *tiff = g_byte_array_new ();
  guint n = gps ? 3 : 2;
  guint32 make_at = 8 + 2 + n * 12 + 4;
  guint32 gps_at = make_at + 10;
  guint32 lat_at = gps_at + 2 + 5 * 12 + 4;
  guint32 lon_at = lat_at + 24;

  g_byte_array_append (tiff, (const guint8 *) "MM\0\x2a", 4);
  put32 (tiff, 8);
  put16 (tiff, n);
  put_entry (tiff, 0x010F, 2, 10, make_at);
  put_entry (tiff, 0x0112, 3, 1, orientation << 16);
  if (gps)
    put_entry (tiff, 0x8825, 4, 1, gps_at);
  put32 (tiff, 0);
  g_byte_array_append (tiff, (const guint8 *) "BylineCam", 10);

  if (gps)
    {
      put16 (tiff, 5);
      put_entry (tiff, 0x0000, 1, 4, 0x02030000);
      put_entry (tiff, 0x0001, 2, 2, 'N' << 24);
      put_entry (tiff, 0x0002, 5, 3, lat_at);
      put_entry (tiff, 0x0003, 2, 2, 'E' << 24);
      put_entry (tiff, 0x0004, 5, 3, lon_at);
      put32 (tiff, 0);
      g_byte_array_append (tiff, gps_latitude, sizeof gps_latitude);
      put32 (tiff, 105); put32 (tiff, 1);
      put32 (tiff, 51); put32 (tiff, 1);
      put32 (tiff, 1234); put32 (tiff, 100);
    }

  return tiff;
}

static void
append_segment (GByteArray   *jpeg,
                guint         marker,
                const guint8 *data,
                gsize         length)
{
  put16 (jpeg, 0xFF00 | marker);
  put16 (jpeg, length + 2);
  g_byte_array_append (jpeg, data, length);
}

static void
append_exif_segment (GByteArray *jpeg,
                     guint       orientation,
                     gboolean    gps)
{
  g_autoptr(GByteArray) tiff = make_tiff (orientation, gps);
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_byte_array_append (data, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (data, tiff->data, tiff->len);
  append_segment (jpeg, 0xE1, data->data, data->len);
}

#define XMP_PACKET "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF " \
  "xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description " \
  "xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='21,1.508N' " \
  "exif:GPSLongitude='105,51.206E'/></rdf:RDF></x:xmpmeta>"

static void
append_xmp_segment (GByteArray *jpeg)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_byte_array_append (data, (const guint8 *) "http://ns.adobe.com/xap/1.0/", 29);
  g_byte_array_append (data, (const guint8 *) XMP_PACKET, strlen (XMP_PACKET));
  append_segment (jpeg, 0xE1, data->data, data->len);
}

/* A minimal RGB colour profile header: enough for a reader to take it as
 * an RGB profile; its tail is a recognisable pattern. */
static GByteArray *
make_icc_profile (void)
{
  GByteArray *icc = g_byte_array_new ();

  put32 (icc, 132);
  for (guint i = 4; i < 132; i++)
    {
      guint8 b = (guint8) (i * 7 + 3);

      g_byte_array_append (icc, &b, 1);
    }
  memcpy (icc->data + 12, "mntr", 4);
  memcpy (icc->data + 16, "RGB ", 4);
  memcpy (icc->data + 20, "XYZ ", 4);
  memcpy (icc->data + 36, "acsp", 4);

  return icc;
}

static void
append_icc_segment (GByteArray *jpeg)
{
  g_autoptr(GByteArray) icc = make_icc_profile ();
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_byte_array_append (data, (const guint8 *) "ICC_PROFILE\0\1\1", 14);
  g_byte_array_append (data, icc->data, icc->len);
  append_segment (jpeg, 0xE2, data->data, data->len);
}

/* The length of the JFIF segment GdkPixbuf writes right after SOI. */
static gsize
jfif_end (GBytes *encoded)
{
  const guint8 *p = g_bytes_get_data (encoded, NULL);

  g_assert_cmpint (p[2], ==, 0xFF);
  g_assert_cmpint (p[3], ==, 0xE0);
  return 4 + ((p[4] << 8) | p[5]);
}

typedef enum
{
  META_NONE = 0,
  META_EXIF = 1 << 0,
  META_GPS = 1 << 1,
  META_XMP = 1 << 2,
  META_ICC = 1 << 3,
  META_IPTC = 1 << 4,
  META_COMMENT = 1 << 5,
  META_TRAILER = 1 << 6,
} Metadata;

#define META_PHONE (META_EXIF | META_GPS | META_XMP | META_ICC | META_IPTC | META_COMMENT | \
                    META_TRAILER)

/* A JPEG as a phone writes it. With @expected, also what a prepared copy
 * that is kept as it is must be: SOI, JFIF, the colour profile and the
 * image data, byte for byte. */
static GBytes *
make_jpeg (GdkPixbuf  *pixbuf,
           guint       orientation,
           Metadata    metadata,
           GBytes    **expected)
{
  g_autoptr(GBytes) encoded = encode (pixbuf, "jpeg");
  g_autoptr(GByteArray) jpeg = g_byte_array_new ();
  g_autoptr(GByteArray) kept = g_byte_array_new ();
  const guint8 *p = g_bytes_get_data (encoded, NULL);
  gsize size = g_bytes_get_size (encoded);
  gsize app0 = jfif_end (encoded);

  g_byte_array_append (jpeg, p, app0);
  g_byte_array_append (kept, p, app0);
  if (metadata & META_EXIF)
    append_exif_segment (jpeg, orientation, metadata & META_GPS);
  if (metadata & META_XMP)
    append_xmp_segment (jpeg);
  if (metadata & META_ICC)
    {
      append_icc_segment (jpeg);
      append_icc_segment (kept);
    }
  if (metadata & META_IPTC)
    {
      static const char iptc[] = "Photoshop 3.0\0"
                                 "8BIM\x04\x04\0\0\0\0\0\x0f\x1c\x02\x5a\0\x0bGia Vien XA";

      append_segment (jpeg, 0xED, (const guint8 *) iptc, sizeof iptc - 1);
    }
  if (metadata & META_COMMENT)
    {
      static const char comment[] = "Taken at 21.0251N 105.8534E";

      append_segment (jpeg, 0xFE, (const guint8 *) comment, sizeof comment - 1);
    }
  g_byte_array_append (jpeg, p + app0, size - app0);
  g_byte_array_append (kept, p + app0, size - app0);
  if (metadata & META_TRAILER)
    {
      static const char trailer[] = "\xFF\xD8\xFF\xE1 second image with GPS 21.0251N";

      g_byte_array_append (jpeg, (const guint8 *) trailer, sizeof trailer - 1);
    }

  if (expected != NULL)
    *expected = g_byte_array_free_to_bytes (g_steal_pointer (&kept));

  return g_byte_array_free_to_bytes (g_steal_pointer (&jpeg));
}

/* memmem() without _GNU_SOURCE. */
static guint8 *
find_bytes (const guint8 *data,
            gsize         size,
            const void   *needle,
            gsize         length)
{
  for (gsize i = 0; length <= size && i <= size - length; i++)
    {
      if (memcmp (data + i, needle, length) == 0)
        return (guint8 *) data + i;
    }

  return NULL;
}

static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xFFFFFFFF;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320 & -(crc & 1));
    }

  return crc ^ 0xFFFFFFFF;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              gsize         length)
{
  gsize at;

  put32 (png, length);
  at = png->len;
  g_byte_array_append (png, (const guint8 *) type, 4);
  g_byte_array_append (png, data, length);
  put32 (png, crc32 (png->data + at, length + 4));
}

/* A PNG with the metadata chunks photo tools write, after IHDR. With
 * @expected, the same without them. */
static GBytes *
make_png (GdkPixbuf  *pixbuf,
          guint       orientation,
          GBytes    **expected)
{
  g_autoptr(GBytes) encoded = encode (pixbuf, "png");
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) kept = g_byte_array_new ();
  g_autoptr(GByteArray) tiff = make_tiff (orientation, TRUE);
  g_autoptr(GByteArray) itxt = g_byte_array_new ();
  static const char text[] = "Location\0Gia Vien, Ninh Binh 21.0251N";
  static const guint8 phys[9] = { 0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1 };
  const guint8 *p = g_bytes_get_data (encoded, NULL);
  gsize size = g_bytes_get_size (encoded);
  gsize ihdr_end = 8 + 25;

  g_byte_array_append (itxt, (const guint8 *) "XML:com.adobe.xmp\0\0\0\0\0", 22);
  g_byte_array_append (itxt, (const guint8 *) XMP_PACKET, strlen (XMP_PACKET));

  g_byte_array_append (png, p, ihdr_end);
  g_byte_array_append (kept, p, ihdr_end);
  append_chunk (png, "eXIf", tiff->data, tiff->len);
  append_chunk (png, "pHYs", phys, sizeof phys);
  append_chunk (kept, "pHYs", phys, sizeof phys);
  append_chunk (png, "tEXt", (const guint8 *) text, sizeof text - 1);
  append_chunk (png, "iTXt", itxt->data, itxt->len);
  g_byte_array_append (png, p + ihdr_end, size - ihdr_end);
  g_byte_array_append (kept, p + ihdr_end, size - ihdr_end);

  if (expected != NULL)
    *expected = g_byte_array_free_to_bytes (g_steal_pointer (&kept));

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static GFile *
write_file (const char *name,
            GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

/* A new empty folder for prepared copies. */
static GFile *
make_output_dir (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "out-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (path));
  return g_file_new_for_path (path);
}

static guint
count_files (GFile *directory)
{
  g_autoptr(GDir) dir = g_dir_open (g_file_peek_path (directory), 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static GBytes *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static gboolean
contains (GBytes     *bytes,
          const void *needle,
          gsize       length)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return find_bytes (data, size, needle, length) != NULL;
}

#define contains_string(bytes, s) contains ((bytes), (s), strlen (s))

/* No trace of where the photo was taken, read as bytes. */
static void
assert_no_location_bytes (GBytes *bytes)
{
  g_assert_false (contains (bytes, gps_latitude, sizeof gps_latitude));
  g_assert_false (contains (bytes, "Exif\0\0", 6));
  g_assert_false (contains_string (bytes, "GPS"));
  g_assert_false (contains_string (bytes, "21.0251N"));
  g_assert_false (contains_string (bytes, "Gia Vien"));
  g_assert_false (contains_string (bytes, "ns.adobe.com"));
  g_assert_false (contains_string (bytes, "Photoshop 3.0"));
}

/* The metadata tags that must not reach the portal (GPS, the camera's
 * IFD0, XMP, IPTC, Photoshop, PNG text) exiftool finds in @file, or %NULL
 * when exiftool is not installed. */
static GPtrArray *
exiftool_private_tags (GFile *file)
{
  g_autofree char *exiftool = g_find_program_in_path ("exiftool");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  const char *argv[] = { NULL, "-j", "-a", "-G1", g_file_peek_path (file), NULL };
  GPtrArray *found;
  JsonObject *tags;
  int status;

  if (exiftool == NULL)
    {
      g_test_message ("exiftool is not installed; checked the bytes only");
      return NULL;
    }

  argv[0] = exiftool;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &status, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  tags = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);

  found = g_ptr_array_new_with_free_func (g_free);
  members = json_object_get_members (tags);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *tag = l->data;

      if (strstr (tag, "GPS") != NULL || g_str_has_prefix (tag, "XMP") ||
          g_str_has_prefix (tag, "IPTC") || g_str_has_prefix (tag, "IFD0") ||
          g_str_has_prefix (tag, "Photoshop") || g_str_has_prefix (tag, "PNG:Location"))
        g_ptr_array_add (found, g_strdup (tag));
    }

  return found;
}

/* exiftool, when installed, finds GPS and other private metadata in
 * @source and none in @prepared: an independent reading of both files. */
static void
assert_location_removed_exiftool (GFile *source,
                                  GFile *prepared)
{
  g_autoptr(GPtrArray) before = exiftool_private_tags (source);
  g_autoptr(GPtrArray) after = NULL;

  if (before == NULL)
    return;

  g_test_message ("exiftool finds %u private tags in the original, first %s", before->len,
                  before->len > 0 ? (const char *) before->pdata[0] : "none");
  g_assert_cmpuint (before->len, >, 0);
  after = exiftool_private_tags (prepared);
  for (guint i = 0; i < after->len; i++)
    g_test_message ("still there: %s", (const char *) after->pdata[i]);
  g_assert_cmpuint (after->len, ==, 0);
}

static GdkPixbuf *
load_pixbuf (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (g_file_peek_path (file), &error);

  g_assert_no_error (error);
  return pixbuf;
}

static void
assert_color_at (GdkPixbuf    *pixbuf,
                 int           x,
                 int           y,
                 const guint8 *rgb)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) +
                    (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) +
                    (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);

  for (int c = 0; c < 3; c++)
    {
      if (ABS ((int) p[c] - (int) rgb[c]) > 16)
        g_error ("pixel (%d, %d) is %u,%u,%u, expected %u,%u,%u", x, y, p[0], p[1], p[2], rgb[0],
                 rgb[1], rgb[2]);
    }
}

/* The quadrant colours seen at the centre of each quadrant, in the order
 * top-left, top-right, bottom-left, bottom-right. */
static void
assert_quadrants (GdkPixbuf   *pixbuf,
                  const guint *expected)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);

  assert_color_at (pixbuf, w / 4, h / 4, quadrant_colors[expected[0]]);
  assert_color_at (pixbuf, 3 * w / 4, h / 4, quadrant_colors[expected[1]]);
  assert_color_at (pixbuf, w / 4, 3 * h / 4, quadrant_colors[expected[2]]);
  assert_color_at (pixbuf, 3 * w / 4, 3 * h / 4, quadrant_colors[expected[3]]);
}

/* Async helpers */

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static BylinePreparedPhoto *
prepare (GFile         *source,
         GFile         *directory,
         guint          max_edge,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_photo_prepare_async (source, directory, max_edge, BYLINE_PHOTO_DEFAULT_JPEG_QUALITY,
                              cancellable, store_result_cb, &result);
  return byline_photo_prepare_finish (wait_for_result (&result), error);
}

static GdkPixbuf *
load_thumbnail (GFile   *file,
                guint    size,
                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_photo_load_thumbnail_async (file, size, NULL, store_result_cb, &result);
  return byline_photo_load_thumbnail_finish (wait_for_result (&result), error);
}

static void
assert_prepared_file (BylinePreparedPhoto *prepared,
                      const char          *basename,
                      const char          *mime_type)
{
  g_autofree char *name = g_file_get_basename (prepared->file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (name, ==, basename);
  g_assert_cmpstr (prepared->mime_type, ==, mime_type);
  info = g_file_query_info (prepared->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_file_info_get_size (info), ==, prepared->size);
}

/* Probing */

static void
test_probe_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (300, 200, FALSE);
  g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 6, META_PHONE, NULL);
  g_autoptr(GFile) file = write_file ("probe.jpg", jpeg);
  g_autoptr(BylinePhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = byline_photo_probe (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->format, ==, BYLINE_PHOTO_FORMAT_JPEG);
  g_assert_cmpstr (info->mime_type, ==, "image/jpeg");
  g_assert_cmpuint (info->orientation, ==, 6);
  /* Shown upright: turned a quarter, so 200 wide and 300 high. */
  g_assert_cmpuint (info->width, ==, 200);
  g_assert_cmpuint (info->height, ==, 300);
}

static void
test_probe_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (120, 80, TRUE);
  g_autoptr(GBytes) png = make_png (pixbuf, 8, NULL);
  g_autoptr(GFile) file = write_file ("probe.png", png);
  g_autoptr(BylinePhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = byline_photo_probe (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->format, ==, BYLINE_PHOTO_FORMAT_PNG);
  g_assert_cmpstr (info->mime_type, ==, "image/png");
  g_assert_cmpuint (info->orientation, ==, 8);
  g_assert_cmpuint (info->width, ==, 80);
  g_assert_cmpuint (info->height, ==, 120);
}

/* A JPEG whose header says 30000 × 30000 and whose image data is cut
 * short: the probe answers from the header alone. */
static GBytes *
make_huge_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (64, 64, FALSE);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  gsize size = g_bytes_get_size (jpeg);
  guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), size);
  guint8 *sof = find_bytes (data, size, "\xFF\xC0", 2);

  g_assert_nonnull (sof);
  sof[5] = 30000 >> 8;
  sof[6] = 30000 & 0xFF;
  sof[7] = 30000 >> 8;
  sof[8] = 30000 & 0xFF;

  return g_bytes_new_take (data, size);
}

static GBytes *
make_huge_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (64, 64, FALSE);
  g_autoptr(GBytes) png = encode (pixbuf, "png");
  gsize size = g_bytes_get_size (png);
  guint8 *data = g_memdup2 (g_bytes_get_data (png, NULL), size);
  guint32 crc;

  /* IHDR's width and height, then its CRC recomputed so that only the
   * size is extreme. */
  for (int i = 0; i < 2; i++)
    {
      data[16 + 4 * i] = 0;
      data[17 + 4 * i] = 0;
      data[18 + 4 * i] = 30000 >> 8;
      data[19 + 4 * i] = 30000 & 0xFF;
    }
  crc = crc32 (data + 12, 17);
  data[29] = crc >> 24;
  data[30] = (crc >> 16) & 0xFF;
  data[31] = (crc >> 8) & 0xFF;
  data[32] = crc & 0xFF;

  return g_bytes_new_take (data, size);
}

static void
test_probe_header_only (void)
{
  g_autoptr(GBytes) huge = make_huge_jpeg ();
  const guint8 *data = g_bytes_get_data (huge, NULL);
  const guint8 *sos = find_bytes (data, g_bytes_get_size (huge), "\xFF\xDA", 2);
  g_autoptr(GBytes) head = g_bytes_new_from_bytes (huge, 0, sos - data + 20);
  g_autoptr(GFile) file = write_file ("header-only.jpg", head);
  g_autoptr(BylinePhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = byline_photo_probe (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->width, ==, 30000);
  g_assert_cmpuint (info->height, ==, 30000);
}

static void
test_probe_errors (void)
{
  static const char minutes[] = "Biên bản họp, không phải ảnh.\n";
  g_autoptr(GBytes) text = g_bytes_new_static (minutes, sizeof minutes - 1);
  g_autoptr(GFile) not_image = write_file ("bien-ban.jpg", text);
  g_autoptr(GFile) missing = g_file_new_build_filename (tmp_dir, "missing.jpg", NULL);
  g_autoptr(BylinePhotoInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = byline_photo_probe (not_image, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "bien-ban.jpg"));
  g_clear_error (&error);

  info = byline_photo_probe (missing, NULL, &error);
  g_assert_null (info);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE);
  g_assert_nonnull (strstr (error->message, "missing.jpg"));
}

/* Preparing */

static void
test_prepare_downscale (void)
{
  static const struct {
    int width, height, out_width, out_height;
  } sizes[] = {
    { 4000, 3000, 2560, 1920 },
    { 3000, 4000, 1920, 2560 },
    { 6000, 1000, 2560, 427 },
    { 2561, 1700, 2560, 1699 },
  };
  static const guint upright[] = { TL, TR, BL, BR };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = make_quadrants (sizes[i].width, sizes[i].height, FALSE);
      g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 1, META_NONE, NULL);
      g_autoptr(GFile) file = write_file ("IMG_0423.JPG", jpeg);
      g_autoptr(GFile) out = make_output_dir ();
      g_autoptr(BylinePreparedPhoto) prepared = NULL;
      g_autoptr(GdkPixbuf) result = NULL;
      g_autoptr(GError) error = NULL;

      prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (prepared->reencoded);
      g_assert_cmpuint (prepared->width, ==, sizes[i].out_width);
      g_assert_cmpuint (prepared->height, ==, sizes[i].out_height);
      assert_prepared_file (prepared, "IMG_0423.jpg", "image/jpeg");

      result = load_pixbuf (prepared->file);
      g_assert_cmpint (gdk_pixbuf_get_width (result), ==, sizes[i].out_width);
      g_assert_cmpint (gdk_pixbuf_get_height (result), ==, sizes[i].out_height);
      assert_quadrants (result, upright);
    }
}

static void
test_prepare_orientation (void)
{
  /* Which stored quadrant each orientation shows at the top-left,
   * top-right, bottom-left and bottom-right (EXIF 2.32, tag 0x0112). */
  static const guint shown[9][4] = {
    [1] = { TL, TR, BL, BR },
    [2] = { TR, TL, BR, BL },
    [3] = { BR, BL, TR, TL },
    [4] = { BL, BR, TL, TR },
    [5] = { TL, BL, TR, BR },
    [6] = { BL, TL, BR, TR },
    [7] = { BR, TR, BL, TL },
    [8] = { TR, BR, TL, BL },
  };

  for (guint orientation = 1; orientation <= 8; orientation++)
    {
      g_autoptr(GdkPixbuf) pixbuf = make_quadrants (320, 240, FALSE);
      g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, orientation, META_EXIF | META_GPS, NULL);
      g_autoptr(GFile) file = write_file ("oriented.jpg", jpeg);
      g_autoptr(GFile) out = make_output_dir ();
      g_autoptr(BylinePreparedPhoto) prepared = NULL;
      g_autoptr(GdkPixbuf) result = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      gboolean turned = orientation >= 5;

      prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
      g_assert_no_error (error);
      /* Small, but not upright: only decoding can turn it. */
      g_assert_true (prepared->reencoded == (orientation != 1));
      g_assert_cmpuint (prepared->width, ==, turned ? 240 : 320);
      g_assert_cmpuint (prepared->height, ==, turned ? 320 : 240);

      /* gdk_pixbuf_new_from_file() does not apply orientation: what it
       * shows is what any viewer shows once no tag is left. */
      result = load_pixbuf (prepared->file);
      g_assert_cmpint (gdk_pixbuf_get_width (result), ==, prepared->width);
      g_assert_null (gdk_pixbuf_get_option (result, "orientation"));
      assert_quadrants (result, shown[orientation]);

      bytes = read_file (prepared->file);
      assert_no_location_bytes (bytes);
    }
}

static void
test_prepare_small_jpeg_kept (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (800, 600, FALSE);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 1, META_PHONE, &expected);
  g_autoptr(GFile) file = write_file ("Ảnh hiện trường.jpeg", jpeg);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* The fixture does carry what must go. */
  assert_no_location_bytes (expected);
  g_assert_true (contains (jpeg, gps_latitude, sizeof gps_latitude));

  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (prepared->reencoded);
  g_assert_cmpuint (prepared->width, ==, 800);
  g_assert_cmpuint (prepared->height, ==, 600);
  assert_prepared_file (prepared, "Ảnh hiện trường.jpg", "image/jpeg");

  /* The same image data and colour profile, byte for byte; no Exif, XMP,
   * IPTC, comment or trailer. */
  bytes = read_file (prepared->file);
  g_assert_true (g_bytes_equal (bytes, expected));
  assert_no_location_bytes (bytes);
  assert_location_removed_exiftool (file, prepared->file);
}

static void
test_prepare_gps_removed_when_reencoded (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (3000, 2000, FALSE);
  g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 1, META_PHONE, NULL);
  g_autoptr(GFile) file = write_file ("gps.jpg", jpeg);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(GByteArray) icc = make_icc_profile ();
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prepared->reencoded);
  g_assert_cmpuint (prepared->width, ==, 2560);

  bytes = read_file (prepared->file);
  assert_no_location_bytes (bytes);
  assert_location_removed_exiftool (file, prepared->file);
  /* The colour profile goes with the pixels. */
  g_assert_true (contains (bytes, icc->data, icc->len));
}

static void
test_prepare_small_png_kept (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (400, 300, TRUE);
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) png = make_png (pixbuf, 1, &expected);
  g_autoptr(GFile) file = write_file ("chart.png", png);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (prepared->reencoded);
  assert_prepared_file (prepared, "chart.png", "image/png");

  bytes = read_file (prepared->file);
  g_assert_true (g_bytes_equal (bytes, expected));
  assert_no_location_bytes (bytes);
  assert_location_removed_exiftool (file, prepared->file);
}

static void
test_prepare_transparent_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (3000, 1500, TRUE);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GdkPixbuf) result = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *p;

  /* The left half transparent, its hidden colour bright red. */
  for (int y = 0; y < 1500; y++)
    for (int x = 0; x < 1500; x++)
      {
        guint8 *q = pixels + (gsize) y * stride + (gsize) x * 4;

        q[0] = 255;
        q[1] = q[2] = q[3] = 0;
      }
  png = encode (pixbuf, "png");
  file = write_file ("logo.png", png);

  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prepared->reencoded);
  assert_prepared_file (prepared, "logo.png", "image/png");
  g_assert_cmpuint (prepared->width, ==, 2560);
  g_assert_cmpuint (prepared->height, ==, 1280);

  result = load_pixbuf (prepared->file);
  g_assert_true (gdk_pixbuf_get_has_alpha (result));
  /* Still transparent, not flattened onto black or white. */
  p = gdk_pixbuf_read_pixels (result) + 640 * gdk_pixbuf_get_rowstride (result) + 400 * 4;
  g_assert_cmpuint (p[3], ==, 0);
  assert_color_at (result, 3 * 2560 / 4, 1280 / 4, quadrant_colors[TR]);
  /* Along the edge, the hidden red does not bleed into the green. */
  for (int x = 1276; x < 1284; x++)
    {
      p = gdk_pixbuf_read_pixels (result) + 320 * gdk_pixbuf_get_rowstride (result) + x * 4;
      if (p[3] >= 64)
        g_assert_cmpint (ABS ((int) p[0] - quadrant_colors[TR][0]), <=, 8);
    }
}

static void
test_prepare_opaque_png_becomes_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (3000, 2000, FALSE);
  g_autoptr(GBytes) png = make_png (pixbuf, 1, NULL);
  g_autoptr(GFile) file = write_file ("scan.png", png);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GdkPixbuf) result = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  static const guint upright[] = { TL, TR, BL, BR };

  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prepared->reencoded);
  assert_prepared_file (prepared, "scan.jpg", "image/jpeg");
  g_assert_cmpuint (prepared->width, ==, 2560);
  g_assert_cmpuint (prepared->height, ==, 1707);

  result = load_pixbuf (prepared->file);
  assert_quadrants (result, upright);
  bytes = read_file (prepared->file);
  assert_no_location_bytes (bytes);
}

/* A GIF of @n_frames frames of 1 × 1 pixel on a 2 × 2 screen, with a
 * comment and an XMP packet; with @expected, the same without those. */
static GBytes *
make_gif (guint     n_frames,
          GBytes  **expected)
{
  static const guint8 head[] = {
    'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0,
  };
  static const guint8 loop[] = {
    0x21, 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0, 0,
  };
  static const guint8 frame[] = {
    0x21, 0xF9, 4, 0, 10, 0, 0, 0,
    0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0,
  };
  static const char comment[] = "Gia Vien 21.02N";
  static const char xmp[] = "<x:xmpmeta exif:GPSLatitude='21,1.508N'/>";
  g_autoptr(GByteArray) gif = g_byte_array_new ();
  g_autoptr(GByteArray) kept = g_byte_array_new ();
  guint8 b;

  g_byte_array_append (gif, head, sizeof head);
  g_byte_array_append (kept, head, sizeof head);
  g_byte_array_append (gif, loop, sizeof loop);
  g_byte_array_append (kept, loop, sizeof loop);

  /* Comment extension: one sub-block, then the terminator. */
  g_byte_array_append (gif, (const guint8 *) "\x21\xFE", 2);
  b = strlen (comment);
  g_byte_array_append (gif, &b, 1);
  g_byte_array_append (gif, (const guint8 *) comment, b);
  g_byte_array_append (gif, (const guint8 *) "", 1);

  /* Application extension "XMP DataXMP" with the packet. */
  g_byte_array_append (gif, (const guint8 *) "\x21\xFF\x0b" "XMP DataXMP", 14);
  b = strlen (xmp);
  g_byte_array_append (gif, &b, 1);
  g_byte_array_append (gif, (const guint8 *) xmp, b);
  g_byte_array_append (gif, (const guint8 *) "", 1);
  for (guint i = 0; i < n_frames; i++)
    {
      g_byte_array_append (gif, frame, sizeof frame);
      g_byte_array_append (kept, frame, sizeof frame);
    }
  g_byte_array_append (gif, (const guint8 *) ";", 1);
  g_byte_array_append (kept, (const guint8 *) ";", 1);

  if (expected != NULL)
    *expected = g_byte_array_free_to_bytes (g_steal_pointer (&kept));

  return g_byte_array_free_to_bytes (g_steal_pointer (&gif));
}

static void
test_prepare_gif (void)
{
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) animated = make_gif (2, &expected);
  g_autoptr(GBytes) still = make_gif (1, NULL);
  g_autoptr(GFile) animated_file = write_file ("animated.gif", animated);
  g_autoptr(GFile) still_file = write_file ("still.gif", still);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Larger than the limit of 1 pixel, yet kept: scaling would lose the
   * animation. Only its comment and XMP go. */
  prepared = prepare (animated_file, out, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (prepared->reencoded);
  assert_prepared_file (prepared, "animated.gif", "image/gif");
  bytes = read_file (prepared->file);
  g_assert_true (g_bytes_equal (bytes, expected));
  g_clear_pointer (&prepared, byline_prepared_photo_free);

  /* A still one is scaled like any photo. */
  prepared = prepare (still_file, out, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (prepared->reencoded);
  g_assert_cmpuint (prepared->width, ==, 1);
  g_assert_cmpuint (prepared->height, ==, 1);
}

static void
test_prepare_webp (void)
{
  /* A lossless 1 × 1 black WebP (its VP8L chunk as libwebp writes it),
   * with an EXIF chunk announced in a VP8X header. */
  static const guint8 webp[] = {
    'R', 'I', 'F', 'F', 60, 0, 0, 0, 'W', 'E', 'B', 'P',
    'V', 'P', '8', 'X', 10, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    'V', 'P', '8', 'L', 14, 0, 0, 0,
    0x2F, 0, 0, 0, 0, 0x07, 0x10, 0x11, 0xFD, 0x0F, 0x44, 0x44, 0xFF, 0x03,
    'E', 'X', 'I', 'F', 8, 0, 0, 0, 'M', 'M', 0, 0x2A, 'G', 'P', 'S', 0,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (webp, sizeof webp);
  g_autoptr(GFile) file = write_file ("web.webp", bytes);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(BylinePhotoInfo) info = NULL;
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("webp", NULL);
  g_autoptr(GError) error = NULL;

  info = byline_photo_probe (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->format, ==, BYLINE_PHOTO_FORMAT_WEBP);
  g_assert_cmpuint (info->width, ==, 1);
  g_assert_cmpuint (info->height, ==, 1);

  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
  if (loader == NULL)
    {
      /* Without a WebP loader, refused with the reason, nothing written. */
      g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "web.webp"));
      g_assert_cmpuint (count_files (out), ==, 0);
    }
  else
    {
      g_autoptr(GBytes) copy = NULL;

      gdk_pixbuf_loader_close (loader, NULL);
      g_assert_no_error (error);
      g_assert_false (prepared->reencoded);
      copy = read_file (prepared->file);
      g_assert_false (contains_string (copy, "EXIF"));
      g_assert_false (contains_string (copy, "GPS"));
      /* The extended header no longer announces EXIF, the size is right. */
      g_assert_cmpuint (((const guint8 *) g_bytes_get_data (copy, NULL))[20] & 0x08, ==, 0);
      g_assert_cmpuint (((const guint8 *) g_bytes_get_data (copy, NULL))[4] + 8, ==,
                        g_bytes_get_size (copy));
    }
}

typedef struct
{
  const char *name;
  GBytes     *bytes;
  int         code;
} BadPhoto;

static GBytes *
make_broken_huffman_jpeg (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (64, 64, FALSE);
  g_autoptr(GBytes) jpeg = encode (pixbuf, "jpeg");
  gsize size = g_bytes_get_size (jpeg);
  guint8 *data = g_memdup2 (g_bytes_get_data (jpeg, NULL), size);
  guint8 *dht = find_bytes (data, size, "\xFF\xC4", 2);

  /* Code counts adding up to far more than 256 codes. */
  g_assert_nonnull (dht);
  memset (dht + 5, 0xFF, 16);

  return g_bytes_new_take (data, size);
}

static GBytes *
make_broken_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (64, 64, FALSE);
  g_autoptr(GBytes) png = encode (pixbuf, "png");
  gsize size = g_bytes_get_size (png);
  guint8 *data = g_memdup2 (g_bytes_get_data (png, NULL), size);
  guint8 *idat = find_bytes (data, size, "IDAT", 4);

  /* Compressed image data that zlib refuses. */
  g_assert_nonnull (idat);
  memset (idat + 4, 0xA5, 16);

  return g_bytes_new_take (data, size);
}

static GPtrArray *
make_bad_photos (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (800, 600, FALSE);
  g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 1, META_EXIF, NULL);
  GPtrArray *photos = g_ptr_array_new_with_free_func (g_free);
  BadPhoto *bad;

#define STATIC_BYTES(s) g_bytes_new_static ((s), sizeof (s) - 1)
#define ADD(n, b, c) \
  bad = g_new0 (BadPhoto, 1); bad->name = n; bad->bytes = b; bad->code = c; \
  g_ptr_array_add (photos, bad)

  ADD ("notes.jpg", STATIC_BYTES ("Nội dung phỏng vấn\n"), BYLINE_ERROR_INVALID_INPUT);
  ADD ("empty.jpg", STATIC_BYTES (""), BYLINE_ERROR_INVALID_INPUT);
  ADD ("cut.jpg", g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) * 3 / 5),
       BYLINE_ERROR_INVALID_INPUT);
  ADD ("garbled.jpg", STATIC_BYTES ("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00 garbage, not a JPEG"),
       BYLINE_ERROR_INVALID_INPUT);
  ADD ("huffman.jpg", make_broken_huffman_jpeg (), BYLINE_ERROR_INVALID_INPUT);
  ADD ("zlib.png", make_broken_png (), BYLINE_ERROR_INVALID_INPUT);
  ADD ("huge.jpg", make_huge_jpeg (), BYLINE_ERROR_TOO_LARGE);
  ADD ("huge.png", make_huge_png (), BYLINE_ERROR_TOO_LARGE);

#undef ADD
#undef STATIC_BYTES

  return photos;
}

static void
free_bad_photo_bytes (GPtrArray *photos)
{
  for (guint i = 0; i < photos->len; i++)
    g_bytes_unref (((BadPhoto *) photos->pdata[i])->bytes);
}

/* Runs in a child process whose address space is capped at 1 GiB more
 * than it uses: decoding a 30000 × 30000 photo (2.7 GB as RGB) would abort
 * it, and the test with it. */
static void
test_prepare_bad_photos_subprocess (void)
{
  g_autoptr(GPtrArray) photos = make_bad_photos ();
  g_autoptr(GFile) out = make_output_dir ();
  g_autofree char *status = NULL;
  struct rlimit limit;
  guint64 vm_size = 0;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmSize:");
  g_assert_nonnull (line);
  vm_size = g_ascii_strtoull (line + 7, NULL, 10) * 1024;
  limit.rlim_cur = limit.rlim_max = vm_size + (G_GUINT64_CONSTANT (1) << 30);
  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);

  for (guint i = 0; i < photos->len; i++)
    {
      BadPhoto *bad = photos->pdata[i];
      g_autoptr(GFile) file = write_file (bad->name, bad->bytes);
      g_autoptr(BylinePreparedPhoto) prepared = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad->name);
      prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
      g_assert_null (prepared);
      g_assert_error (error, BYLINE_ERROR, bad->code);
      g_assert_nonnull (strstr (error->message, bad->name));
      /* Nothing half-written is left behind. */
      g_assert_cmpuint (count_files (out), ==, 0);
    }

  free_bad_photo_bytes (photos);
}

static void
test_prepare_bad_photos (void)
{
  g_test_trap_subprocess ("/photo/prepare/bad-photos/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_prepare_cancel (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (4000, 3000, FALSE);
  g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 1, META_NONE, NULL);
  g_autoptr(GFile) file = write_file ("cancelled.jpg", jpeg);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BylinePreparedPhoto) prepared = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled before it starts. */
  g_cancellable_cancel (cancellable);
  prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, cancellable, &error);
  g_assert_null (prepared);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled right after it starts, wherever the worker is by then
   * (opening, reading, decoding, writing). */
  g_cancellable_reset (cancellable);
  byline_photo_prepare_async (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, 82, cancellable,
                              store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  prepared = byline_photo_prepare_finish (wait_for_result (&result), &error);
  g_assert_null (prepared);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpuint (count_files (out), ==, 0);
  g_assert_null (byline_photo_describe_error (error, "cancelled.jpg"));
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static GFile *big_jpeg (void);

/* Cancelled at various moments while a 24 MP photo is read, decoded (with
 * rows resampled in a second thread), scaled or written: it either
 * finishes or stops cleanly, never hangs, never leaves a partial file. */
static void
test_prepare_cancel_while_working (void)
{
  static const guint delays_ms[] = { 2, 10, 25, 50, 100, 200 };
  g_autoptr(GFile) file = big_jpeg ();
  guint n_cancelled = 0;

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr(GFile) out = make_output_dir ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(BylinePreparedPhoto) prepared = NULL;
      g_autoptr(GError) error = NULL;

      byline_photo_prepare_async (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, 82, cancellable,
                                  store_result_cb, &result);
      g_timeout_add (delays_ms[i], cancel_cb, cancellable);
      prepared = byline_photo_prepare_finish (wait_for_result (&result), &error);
      /* Let the timeout run if the work finished first. */
      while (!g_cancellable_is_cancelled (cancellable))
        g_main_context_iteration (NULL, TRUE);

      g_test_message ("cancelled after %u ms: %s", delays_ms[i],
                      prepared == NULL ? "stopped" : "had finished");
      if (prepared == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_cmpuint (count_files (out), ==, 0);
          n_cancelled++;
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (prepared->height, ==, 2560);
          g_assert_cmpuint (count_files (out), ==, 1);
        }
    }

  /* Reading and decoding take far longer than 2 ms. */
  g_assert_cmpuint (n_cancelled, >=, 1);
}

static void
test_prepare_never_replaces (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (200, 100, FALSE);
  g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 1, META_NONE, NULL);
  g_autoptr(GFile) file = write_file ("same.jpg", jpeg);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(BylinePreparedPhoto) prepared = NULL;
      g_autofree char *expected = i == 1 ? g_strdup ("same.jpg") :
                                           g_strdup_printf ("same-%u.jpg", i);

      prepared = prepare (file, out, BYLINE_PHOTO_DEFAULT_MAX_EDGE, NULL, &error);
      g_assert_no_error (error);
      assert_prepared_file (prepared, expected, "image/jpeg");
    }
  g_assert_cmpuint (count_files (out), ==, 3);
}

/* Thumbnails */

static const char *big_jpeg_path;

/* 6000 × 4000, stored sideways (orientation 6) as a phone held upright
 * writes it. Made once. */
static GFile *
big_jpeg (void)
{
  if (big_jpeg_path == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = make_quadrants (6000, 4000, FALSE);
      g_autoptr(GBytes) jpeg = make_jpeg (pixbuf, 6, META_EXIF, NULL);
      g_autoptr(GFile) file = write_file ("big-24mp.jpg", jpeg);

      big_jpeg_path = g_strdup (g_file_peek_path (file));
    }

  return g_file_new_for_path (big_jpeg_path);
}

static void
test_thumbnail_jpeg (void)
{
  static const guint rotated[] = { BL, TL, BR, TR };
  g_autoptr(GFile) file = big_jpeg ();
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;

  thumbnail = load_thumbnail (file, 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 171);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 256);
  assert_quadrants (thumbnail, rotated);
}

static guint64
proc_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, field);
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* In a fresh process: the peak resident memory while a thumbnail of the
 * 24 MP JPEG is made grows by far less than the 72 MB its pixels take at
 * full size (or the 18 MB at half size): it is decoded at 1/8 scale. */
static void
test_thumbnail_memory_subprocess (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("BYLINE_TEST_BIG_JPEG"));
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  FILE *clear_refs;
  guint64 before;

  /* Threads and loaders set up outside the measurement. */
  thumbnail = load_thumbnail (file, 64, &error);
  g_assert_no_error (error);
  g_clear_object (&thumbnail);

  /* Writing 5 resets the peak (VmHWM) to the current resident size. */
  clear_refs = fopen ("/proc/self/clear_refs", "w");
  if (clear_refs == NULL || fputs ("5", clear_refs) < 0 || fclose (clear_refs) != 0)
    {
      g_test_skip ("cannot reset the peak resident size");
      return;
    }
  before = proc_status_kb ("VmRSS:");

  thumbnail = load_thumbnail (file, 256, &error);
  g_assert_no_error (error);
  g_test_message ("peak grew by %" G_GUINT64_FORMAT " kB",
                  proc_status_kb ("VmHWM:") - before);
  g_assert_cmpuint (proc_status_kb ("VmHWM:") - before, <, 12 * 1024);
}

static void
test_thumbnail_memory (void)
{
  g_autoptr(GFile) file = big_jpeg ();

  g_setenv ("BYLINE_TEST_BIG_JPEG", g_file_peek_path (file), TRUE);
  g_test_trap_subprocess ("/photo/thumbnail/memory/subprocess", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_thumbnail_png_and_errors (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (1000, 800, TRUE);
  g_autoptr(GBytes) png = make_png (pixbuf, 1, NULL);
  g_autoptr(GFile) file = write_file ("thumb.png", png);
  g_autoptr(GBytes) text = g_bytes_new_static ("not a photo", 11);
  g_autoptr(GFile) not_image = write_file ("thumb-text.png", text);
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  g_autoptr(GError) error = NULL;
  static const guint upright[] = { TL, TR, BL, BR };

  thumbnail = load_thumbnail (file, 256, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 205);
  assert_quadrants (thumbnail, upright);
  g_clear_object (&thumbnail);

  /* Never enlarged. */
  thumbnail = load_thumbnail (file, 4096, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 1000);
  g_clear_object (&thumbnail);

  thumbnail = load_thumbnail (not_image, 256, &error);
  g_assert_null (thumbnail);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "thumb-text.png"));
}

/* Saving pasted image data */

static GFile *
save_bytes (GBytes      *bytes,
            GFile       *directory,
            const char  *name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  byline_photo_save_bytes_async (bytes, directory, name, NULL, store_result_cb, &result);
  return byline_photo_save_bytes_finish (wait_for_result (&result), error);
}

static void
test_save_bytes (void)
{
  g_autoptr(GdkPixbuf) pixbuf = make_quadrants (64, 48, TRUE);
  g_autoptr(GBytes) png = encode (pixbuf, "png");
  g_autoptr(GBytes) text = g_bytes_new_static ("<html>not an image</html>", 25);
  g_autoptr(GFile) out = make_output_dir ();
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GFile) third = NULL;
  g_autoptr(GFile) none = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *second_name = NULL;

  /* Named for what the data is, whatever name was given. */
  first = save_bytes (png, out, "Ảnh dán.jpg", &error);
  g_assert_no_error (error);
  first_name = g_file_get_basename (first);
  g_assert_cmpstr (first_name, ==, "Ảnh dán.png");
  written = read_file (first);
  g_assert_true (g_bytes_equal (written, png));

  /* Never replaces a file. */
  second = save_bytes (png, out, "Ảnh dán.png", &error);
  g_assert_no_error (error);
  second_name = g_file_get_basename (second);
  g_assert_cmpstr (second_name, ==, "Ảnh dán-2.png");

  /* Only a name, never a path. */
  third = save_bytes (png, out, "../escape.png", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_has_parent (third, out));

  none = save_bytes (text, out, "page.png", &error);
  g_assert_null (none);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_cmpuint (count_files (out), ==, 3);
}

/* Messages for the user */

static void
test_describe_error (void)
{
  g_autoptr(GError) invalid = g_error_new (BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT, "x");
  g_autoptr(GError) large = g_error_new (BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE, "x");
  g_autoptr(GError) storage = g_error_new (BYLINE_ERROR, BYLINE_ERROR_STORAGE, "x");
  g_autoptr(GError) cancelled = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autofree char *invalid_text = byline_photo_describe_error (invalid, "IMG_0423.jpg");
  g_autofree char *large_text = byline_photo_describe_error (large, "IMG_0423.jpg");
  g_autofree char *storage_text = byline_photo_describe_error (storage, "IMG_0423.jpg");

  g_assert_cmpstr (invalid_text, ==, "“IMG_0423.jpg” is not a photo Byline can read. "
                   "Save it again as JPEG or PNG and add it once more.");
  g_assert_nonnull (strstr (large_text, "“IMG_0423.jpg” is too large"));
  g_assert_nonnull (strstr (storage_text, "“IMG_0423.jpg”"));
  g_assert_null (byline_photo_describe_error (cancelled, "IMG_0423.jpg"));
}

static void
test_describe_error_vietnamese_subprocess (void)
{
  g_autoptr(GError) invalid = g_error_new (BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT, "x");
  g_autofree char *text = NULL;

  g_setenv ("LANG", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "vi", TRUE);
  byline_i18n_init ();

  text = byline_photo_describe_error (invalid, "IMG_0423.jpg");
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "“IMG_0423.jpg”"));
  g_assert_nonnull (strstr (text, "ảnh"));
}

static void
test_describe_error_vietnamese (void)
{
  g_test_trap_subprocess ("/photo/describe-error/vietnamese/subprocess", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("byline-test-photo-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/photo/probe/jpeg", test_probe_jpeg);
  g_test_add_func ("/photo/probe/png", test_probe_png);
  g_test_add_func ("/photo/probe/header-only", test_probe_header_only);
  g_test_add_func ("/photo/probe/errors", test_probe_errors);
  g_test_add_func ("/photo/prepare/downscale", test_prepare_downscale);
  g_test_add_func ("/photo/prepare/orientation", test_prepare_orientation);
  g_test_add_func ("/photo/prepare/small-jpeg-kept", test_prepare_small_jpeg_kept);
  g_test_add_func ("/photo/prepare/gps-removed-when-reencoded",
                   test_prepare_gps_removed_when_reencoded);
  g_test_add_func ("/photo/prepare/small-png-kept", test_prepare_small_png_kept);
  g_test_add_func ("/photo/prepare/transparent-png", test_prepare_transparent_png);
  g_test_add_func ("/photo/prepare/opaque-png-becomes-jpeg", test_prepare_opaque_png_becomes_jpeg);
  g_test_add_func ("/photo/prepare/gif", test_prepare_gif);
  g_test_add_func ("/photo/prepare/webp", test_prepare_webp);
  g_test_add_func ("/photo/prepare/bad-photos", test_prepare_bad_photos);
  g_test_add_func ("/photo/prepare/bad-photos/subprocess", test_prepare_bad_photos_subprocess);
  g_test_add_func ("/photo/prepare/cancel", test_prepare_cancel);
  g_test_add_func ("/photo/prepare/cancel-while-working", test_prepare_cancel_while_working);
  g_test_add_func ("/photo/prepare/never-replaces", test_prepare_never_replaces);
  g_test_add_func ("/photo/thumbnail/jpeg", test_thumbnail_jpeg);
  g_test_add_func ("/photo/thumbnail/memory", test_thumbnail_memory);
  g_test_add_func ("/photo/thumbnail/memory/subprocess", test_thumbnail_memory_subprocess);
  g_test_add_func ("/photo/thumbnail/png-and-errors", test_thumbnail_png_and_errors);
  g_test_add_func ("/photo/save-bytes", test_save_bytes);
  g_test_add_func ("/photo/describe-error", test_describe_error);
  g_test_add_func ("/photo/describe-error/vietnamese", test_describe_error_vietnamese);
  g_test_add_func ("/photo/describe-error/vietnamese/subprocess",
                   test_describe_error_vietnamese_subprocess);

  status = g_test_run ();

  byline_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
