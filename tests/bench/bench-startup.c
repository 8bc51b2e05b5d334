/* bench-startup.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Start-up time: from spawning a process to Byline's first painted frame
 * (the window's frame clock "after-paint"), and the resident memory at that
 * moment. Runs the real application five times in fresh processes and prints
 * each run and the median. Target (issue 2): <= 400 ms and <= 100 MB with the
 * cairo renderer under Xvfb on a 2-core machine.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "byline-application.h"
#include "byline-i18n.h"

#define N_RUNS 5

static gint64 spawned_at;

static double
rss_mb (void)
{
  g_autofree char *statm = NULL;
  long pages = 0;

  if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    sscanf (statm, "%*d %ld", &pages);

  return pages * (double) sysconf (_SC_PAGESIZE) / (1024.0 * 1024.0);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  double ms = (g_get_monotonic_time () - spawned_at) / 1000.0;

  printf ("%.1f %.1f\n", ms, rss_mb ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  g_application_quit (app);
}

static void
window_realize_cb (GtkWidget    *window,
                   GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), app);
}

static int
run_child (void)
{
  g_autoptr(BylineApplication) app = NULL;

  spawned_at = g_ascii_strtoll (g_getenv ("BYLINE_BENCH_SPAWNED_AT"), NULL, 10);

  byline_i18n_init ();
  app = byline_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  double ms[N_RUNS], mb[N_RUNS];

  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return run_child ();

  printf ("startup: process spawn -> first painted frame (cairo renderer), %d runs\n", N_RUNS);

  for (int i = 0; i < N_RUNS; i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *now = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) env = g_get_environ ();
      const char *child_argv[] = { argv[0], "--child", NULL };
      int status;

      now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
      env = g_environ_setenv (env, "BYLINE_BENCH_SPAWNED_AT", now, TRUE);
      if (!g_spawn_sync (NULL, (char **) child_argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, NULL, &status, &error) ||
          sscanf (out, "%lf %lf", &ms[i], &mb[i]) != 2)
        {
          fprintf (stderr, "run %d failed: %s\n", i + 1, error ? error->message : out);
          return EXIT_FAILURE;
        }
      printf ("  run %d: %.0f ms, %.1f MB RSS\n", i + 1, ms[i], mb[i]);
    }

  qsort (ms, N_RUNS, sizeof (double), compare_doubles);
  qsort (mb, N_RUNS, sizeof (double), compare_doubles);
  printf ("startup median: %.0f ms to first frame, %.1f MB RSS (target <= 400 ms, <= 100 MB)\n",
          ms[N_RUNS / 2], mb[N_RUNS / 2]);

  return EXIT_SUCCESS;
}
