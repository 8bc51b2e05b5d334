/* bench-common.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the photo, publish and portal benchmarks share: photo-like test
 * images, memory figures from /proc, counting HTTP requests, sorting
 * figures, and seeding the test portal with posts.
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "byline-test-core.h"

/* Photo-like content, deterministic: flat or noise-only images would be
 * far smaller or larger than a camera's. */

static inline guint32
bench_hash (guint32 x,
            guint32 y,
            guint32 seed)
{
  guint32 h = x * 374761393u + y * 668265263u + seed * 2246822519u;

  h = (h ^ (h >> 13)) * 1274126177u;
  return h ^ (h >> 16);
}

/* Smoothly interpolated random values on a grid of @cell pixels. */
static inline double
bench_value_noise (int     x,
                   int     y,
                   int     cell,
                   guint32 seed)
{
  int cx = x / cell, cy = y / cell;
  double fx = (double) (x % cell) / cell, fy = (double) (y % cell) / cell;
  double a = (bench_hash (cx, cy, seed) & 0xFFFF) / 65535.0;
  double b = (bench_hash (cx + 1, cy, seed) & 0xFFFF) / 65535.0;
  double c = (bench_hash (cx, cy + 1, seed) & 0xFFFF) / 65535.0;
  double d = (bench_hash (cx + 1, cy + 1, seed) & 0xFFFF) / 65535.0;

  fx = fx * fx * (3 - 2 * fx);
  fy = fy * fy * (3 - 2 * fy);
  return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy - 0.5;
}

/* A JPEG (quality 92) of @width × @height; each @seed gives another
 * picture, seed 1 the one bench-photo has always measured. */
static inline void
bench_generate_photo (const char *path,
                      int         width,
                      int         height,
                      guint32     seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * 3;
        double l = 120 + 50.0 * y / height + 90 * bench_value_noise (x, y, 700, seed) +
                   45 * bench_value_noise (x, y, 160, seed + 1) +
                   48 * bench_value_noise (x, y, 31, seed + 2) +
                   28 * bench_value_noise (x, y, 7, seed + 3) +
                   16 * bench_value_noise (x, y, 3, seed + 4) +
                   8 * (((int) (bench_hash (x, y, seed + 8) & 0xFF) - 128) / 128.0);
        double u = 60 * bench_value_noise (x, y, 900, seed + 5) +
                   25 * bench_value_noise (x, y, 120, seed + 6);
        double v = 60 * bench_value_noise (x, y, 800, seed + 7) +
                   20 * bench_value_noise (x, y, 150, seed + 8);

        p[0] = CLAMP ((int) (l + 1.4 * v), 0, 255);
        p[1] = CLAMP ((int) (l - 0.34 * u - 0.71 * v), 0, 255);
        p[2] = CLAMP ((int) (l + 1.77 * u), 0, 255);
      }

  if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "92", NULL))
    g_error ("Could not save the test photo: %s", error->message);
}

/* Memory */

/* A line of /proc/self/status in MB ("VmRSS:", "VmHWM:"); -1 when unknown. */
static inline double
bench_status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen (field), NULL) / 1024.0;
}

/* "5" resets the peak (Linux 4.0+), so that VmHWM is what follows. */
static inline void
bench_reset_peak_rss (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

/* Figures */

/* For qsort() and g_array_sort() of doubles. */
static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Connected to a SoupSession's "request-queued" with a guint counter. */
static inline void
bench_count_request_cb (SoupSession *session,
                        SoupMessage *message,
                        gpointer     user_data)
{
  (*(guint *) user_data)++;
}

/* The test portal */

/* Brings @role's posts of @status on the test portal to @count, through
 * WordPress's own PHP (much faster than as many REST calls); returns the
 * number it says there are. Exits when that fails: there is nothing to
 * measure then. */
static inline char *
bench_seed_posts (const char       *bench,
                  BylineTestPortal *portal,
                  guint             count,
                  const char       *status,
                  const char       *role,
                  double           *seconds)
{
  g_autofree char *script = g_build_filename (portal->dir, "seed.php", NULL);
  g_autofree char *number = g_strdup_printf ("%u", count);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "php", script, number, status, role, NULL };
  gint64 start = g_get_monotonic_time ();
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &wait_status, &error) ||
      !g_spawn_check_wait_status (wait_status, &error))
    {
      fprintf (stderr, "%s: seeding the posts failed: %s\n", bench, error->message);
      exit (EXIT_FAILURE);
    }

  *seconds = (g_get_monotonic_time () - start) / 1e6;
  return g_strdup (g_strstrip (out));
}
