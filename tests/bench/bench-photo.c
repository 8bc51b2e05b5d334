/* bench-photo.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Photo preparation (issue 7, publish benchmark a): preparing a 24 MP JPEG
 * for upload (long edge 2560, JPEG quality 82), as byline_photo_prepare()
 * does before each photo is sent to the portal. Target: <= 150 ms and
 * <= 100 MB peak on the project's 2-core machine.
 *
 *   bench-photo [PHOTO.jpg]
 *
 * Without an argument it generates a 6000 × 4000 test photo (smooth
 * shapes, texture at several scales and sensor-like noise, saved at quality
 * 92: about 7 MB, in the range of a camera's "fine" JPEG; flat test images
 * decode several times faster than photos and would flatter the figures).
 * Each measurement runs in a fresh process that prepares the photo several
 * times and reports its peak resident memory (VmHWM): the figures are per
 * prepare, median of the runs, and the peak of a process doing only that.
 * For comparison it also measures, when they are installed, GdkPixbuf
 * without scale-at-load, ImageMagick and libvips on the same photo.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "bench-common.h"
#include "byline-photo.h"

#define N_RUNS          7
#define N_EXTERNAL_RUNS 3

static const char *self;

/* Measuring */

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), bench_compare_doubles);
  return values[n / 2];
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* Child processes: one kind of work, N times; prints each time in ms,
 * then "peak MB" and a description of the result. */

static int
child_prepare (const char *path,
               const char *out_dir,
               int         n)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) directory = g_file_new_for_path (out_dir);
  g_autoptr(BylinePreparedPhoto) prepared = NULL;

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      double start = now_ms ();

      g_clear_pointer (&prepared, byline_prepared_photo_free);
      prepared = byline_photo_prepare (source, directory, BYLINE_PHOTO_DEFAULT_MAX_EDGE,
                                       BYLINE_PHOTO_DEFAULT_JPEG_QUALITY, NULL, &error);
      if (prepared == NULL)
        g_error ("%s", error->message);
      printf ("%.1f\n", now_ms () - start);
      if (i + 1 < n)
        g_file_delete (prepared->file, NULL, NULL);
    }

  printf ("peak %.1f\n", bench_status_mb ("VmHWM:"));
  printf ("%u × %u %s, %.0f kB, %s\n", prepared->width, prepared->height, prepared->mime_type,
          prepared->size / 1000.0, prepared->reencoded ? "re-encoded" : "kept as it is");
  g_file_delete (prepared->file, NULL, NULL);

  return EXIT_SUCCESS;
}

static void
thumbnail_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GdkPixbuf **thumbnail = user_data;
  g_autoptr(GError) error = NULL;

  *thumbnail = byline_photo_load_thumbnail_finish (result, &error);
  if (*thumbnail == NULL)
    g_error ("%s", error->message);
}

static int
child_thumbnail (const char *path,
                 int         n)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkPixbuf) thumbnail = NULL;

  for (int i = 0; i < n; i++)
    {
      double start = now_ms ();

      g_clear_object (&thumbnail);
      byline_photo_load_thumbnail_async (file, 256, NULL, thumbnail_ready_cb, &thumbnail);
      while (thumbnail == NULL)
        g_main_context_iteration (NULL, TRUE);
      printf ("%.1f\n", now_ms () - start);
    }

  printf ("peak %.1f\n", bench_status_mb ("VmHWM:"));
  printf ("%d × %d\n", gdk_pixbuf_get_width (thumbnail), gdk_pixbuf_get_height (thumbnail));

  return EXIT_SUCCESS;
}

/* What GdkPixbuf does when asked naively: decode at full size, scale with
 * its bilinear filter, save. */
static int
child_pixbuf_full (const char *path,
                   const char *out_dir,
                   int         n)
{
  g_autofree char *out = g_build_filename (out_dir, "full.jpg", NULL);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GdkPixbuf) scaled = NULL;
      g_autoptr(GError) error = NULL;
      double start = now_ms ();
      int w, h;

      pixbuf = gdk_pixbuf_new_from_file (path, &error);
      if (pixbuf == NULL)
        g_error ("%s", error->message);
      w = gdk_pixbuf_get_width (pixbuf);
      h = gdk_pixbuf_get_height (pixbuf);
      scaled = gdk_pixbuf_scale_simple (pixbuf, 2560, (int) lround (h * 2560.0 / w),
                                        GDK_INTERP_BILINEAR);
      g_clear_object (&pixbuf);
      if (!gdk_pixbuf_save (scaled, out, "jpeg", &error, "quality", "82", NULL))
        g_error ("%s", error->message);
      printf ("%.1f\n", now_ms () - start);
    }

  printf ("peak %.1f\n", bench_status_mb ("VmHWM:"));
  printf ("2560 px wide JPEG\n");
  g_unlink (out);

  return EXIT_SUCCESS;
}

/* The libjpeg-turbo decode at half size that preparation starts with, on
 * its own: the part of the time no resampler or encoder can win back. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  gdk_pixbuf_loader_set_size (loader, (width + 1) / 2, (height + 1) / 2);
}

static int
child_decode_half (const char *path,
                   int         n)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, NULL))
    g_error ("cannot read %s", path);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("jpeg", NULL);
      g_autoptr(GError) error = NULL;
      double start = now_ms ();

      g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
      if (!gdk_pixbuf_loader_write (loader, (const guchar *) data, length, &error) ||
          !gdk_pixbuf_loader_close (loader, &error))
        g_error ("%s", error->message);
      printf ("%.1f\n", now_ms () - start);
    }

  printf ("peak %.1f\n", bench_status_mb ("VmHWM:"));
  printf ("decoded at 1/2 scale\n");

  return EXIT_SUCCESS;
}

static int
run_child (int   argc,
           char *argv[])
{
  const char *mode = argv[2];
  const char *path = argv[3];
  const char *out_dir = argv[4];
  int n = atoi (argv[5]);

  if (g_str_equal (mode, "prepare"))
    return child_prepare (path, out_dir, n);
  if (g_str_equal (mode, "thumbnail"))
    return child_thumbnail (path, n);
  if (g_str_equal (mode, "pixbuf-full"))
    return child_pixbuf_full (path, out_dir, n);
  if (g_str_equal (mode, "decode-half"))
    return child_decode_half (path, n);

  g_error ("unknown mode %s", mode);
}

typedef struct
{
  double  median_ms;
  double  peak_mb;
  char   *what;
} Figures;

static gboolean
measure_child (const char *mode,
               const char *path,
               const char *out_dir,
               Figures    *figures,
               gboolean    print_runs)
{
  g_autofree char *n = g_strdup_printf ("%d", N_RUNS);
  const char *argv[] = { self, "--child", mode, path, out_dir, n, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  double ms[N_RUNS];
  int status;
  guint i;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "%s failed: %s\n", mode, error->message);
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (i = 0; i < N_RUNS && lines[i] != NULL; i++)
    {
      ms[i] = g_ascii_strtod (lines[i], NULL);
      if (print_runs)
        printf ("  run %u: %.0f ms\n", i + 1, ms[i]);
    }
  g_assert (i == N_RUNS && g_str_has_prefix (lines[i], "peak "));
  figures->peak_mb = g_ascii_strtod (lines[i] + 5, NULL);
  figures->what = g_strdup (lines[i + 1]);
  figures->median_ms = median (ms, N_RUNS);

  return TRUE;
}

/* Another program, N times: wall time and its peak RSS from wait4(). */
static gboolean
measure_program (const char **argv,
                 Figures     *figures)
{
  double ms[N_EXTERNAL_RUNS];
  double peak = 0;

  for (int i = 0; i < N_EXTERNAL_RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      struct rusage usage;
      double start = now_ms ();
      GPid pid;
      int status;

      if (!g_spawn_async (NULL, (char **) argv, NULL,
                          G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                          G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error))
        return FALSE;
      if (wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
        return FALSE;
      ms[i] = now_ms () - start;
      peak = MAX (peak, usage.ru_maxrss / 1024.0);
    }

  figures->median_ms = median (ms, N_EXTERNAL_RUNS);
  figures->peak_mb = peak;
  return TRUE;
}

static void
print_baseline (const char    *label,
                const Figures *figures)
{
  printf ("  %-52s %6.0f ms  %6.1f MB\n", label, figures->median_ms, figures->peak_mb);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *work_dir = NULL;
  g_autofree char *photo = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *magick = NULL;
  g_autofree char *vipsthumbnail = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylinePhotoInfo) info = NULL;
  g_autoptr(GFile) file = NULL;
  Figures prepared = { 0 }, figures = { 0 };
  GStatBuf st;

  self = argv[0];
  if (argc == 6 && g_str_equal (argv[1], "--child"))
    return run_child (argc, argv);

  work_dir = g_dir_make_tmp ("byline-bench-photo-XXXXXX", &error);
  g_assert_no_error (error);
  out_dir = g_build_filename (work_dir, "out", NULL);
  g_mkdir (out_dir, 0700);

  if (argc > 1)
    photo = g_strdup (argv[1]);
  else
    {
      photo = g_build_filename (work_dir, "photo-24mp.jpg", NULL);
      bench_generate_photo (photo, 6000, 4000, 1);
    }

  file = g_file_new_for_path (photo);
  info = byline_photo_probe (file, NULL, &error);
  if (info == NULL || g_stat (photo, &st) != 0)
    g_error ("Cannot read %s: %s", photo, error ? error->message : "");

  printf ("photo: prepare a %.0f MP JPEG for upload (%u × %u, %.1f MB%s) → long edge %d, "
          "JPEG quality %d; %d runs\n",
          info->width * (double) info->height / 1e6, info->width, info->height,
          st.st_size / 1e6, argc > 1 ? "" : ", generated", BYLINE_PHOTO_DEFAULT_MAX_EDGE,
          BYLINE_PHOTO_DEFAULT_JPEG_QUALITY, N_RUNS);

  if (!measure_child ("prepare", photo, out_dir, &prepared, TRUE))
    return EXIT_FAILURE;
  printf ("  result: %s\n", prepared.what);

  printf ("compared on this machine (median, peak RSS of the process):\n");
  if (measure_child ("decode-half", photo, out_dir, &figures, FALSE))
    print_baseline ("GdkPixbuf decode alone at 1/2 scale (lower bound)", &figures);
  g_clear_pointer (&figures.what, g_free);
  if (measure_child ("thumbnail", photo, out_dir, &figures, FALSE))
    print_baseline ("byline_photo_load_thumbnail (256 px)", &figures);
  g_clear_pointer (&figures.what, g_free);
  if (measure_child ("pixbuf-full", photo, out_dir, &figures, FALSE))
    print_baseline ("GdkPixbuf without scale-at-load (full decode)", &figures);
  g_clear_pointer (&figures.what, g_free);

  magick = g_find_program_in_path ("convert");
  if (magick != NULL)
    {
      g_autofree char *out = g_build_filename (out_dir, "magick.jpg", NULL);
      const char *args[] = { magick, photo, "-resize", "2560x2560", "-quality", "82", out, NULL };

      if (measure_program (args, &figures))
        print_baseline ("ImageMagick convert -resize (incl. process start)", &figures);
    }

  vipsthumbnail = g_find_program_in_path ("vipsthumbnail");
  if (vipsthumbnail != NULL)
    {
      g_autofree char *out = g_build_filename (out_dir, "vips.jpg[Q=82]", NULL);
      const char *args[] = { vipsthumbnail, photo, "-s", "2560", "-o", out, NULL };

      if (measure_program (args, &figures))
        print_baseline ("libvips vipsthumbnail -s 2560 (incl. process start)", &figures);
    }

  printf ("photo median: %.0f ms per prepare, %.1f MB peak RSS (target <= 150 ms, <= 100 MB)\n",
          prepared.median_ms, prepared.peak_mb);

  g_free (prepared.what);
  remove_dir (out_dir);
  if (argc == 1)
    g_unlink (photo);
  g_rmdir (work_dir);

  return EXIT_SUCCESS;
}
