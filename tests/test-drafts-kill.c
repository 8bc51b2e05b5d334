/* test-drafts-kill.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kill test: drafts-typist types into a draft and autosaves; this
 * program SIGKILLs it at random moments (some while a save is being
 * written), starts it again on the same draft, and checks after every kill
 * that article.json loads, is never corrupt (its text is exactly a prefix
 * of what was typed) and lost at most the last second of typing.
 *
 * Built twice: as the test (100 kills, TAP) and, with BYLINE_KILL_BENCH, as
 * bench-drafts-kill for build-aux/dev bench (1,000 kills, figures).
 * BYLINE_KILLS overrides the number of kills.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "byline-article-json.h"
#include "byline-draft-store.h"
#include "kill-text.h"

#ifdef BYLINE_KILL_BENCH
# define DEFAULT_KILLS 1000
#else
# define DEFAULT_KILLS 100
#endif

/* Kills land uniformly in this window after the typist is ready… */
#define KILL_WINDOW_MS 2000
/* …or, for this share of them, 0–3 ms after a save has started, while
 * the file is being written and renamed. */
#define DURING_SAVE_PERCENT 30
#define MAX_LOSS_US (1000 * 1000)

typedef struct
{
  char   kind;
  gint64 time;
  guint  n;
} Line;

typedef struct
{
  int      fd;
  GString *buffer;
  GArray  *lines;   /* Line */
  gboolean eof;
} Reader;

/* Reads what is available, waiting at most @timeout_ms (-1: forever). */
static void
reader_pump (Reader *r,
             int     timeout_ms)
{
  struct pollfd pfd = { r->fd, POLLIN, 0 };
  char chunk[4096];
  gssize n;
  char *nl;

  if (r->eof)
    return;
  if (poll (&pfd, 1, timeout_ms) <= 0)
    return;

  n = read (r->fd, chunk, sizeof chunk);
  if (n <= 0)
    {
      if (n == 0 || errno != EINTR)
        r->eof = TRUE;
      return;
    }
  g_string_append_len (r->buffer, chunk, n);

  while ((nl = strchr (r->buffer->str, '\n')) != NULL)
    {
      Line line = { 0 };

      *nl = '\0';
      if (sscanf (r->buffer->str, "%c %" G_GINT64_FORMAT " %u", &line.kind, &line.time, &line.n) == 3)
        g_array_append_val (r->lines, line);
      g_string_erase (r->buffer, 0, nl - r->buffer->str + 1);
    }
}

typedef struct
{
  guint  kills;
  guint  during_save;
  guint  corrupt;
  guint  too_much_lost;
  guint  inconsistent;
  gint64 worst_loss;
  gint64 total_loss;
  guint  chars_typed;
} Figures;

/* Reads the draft as the next start would find it, without any repair. */
static gboolean
read_draft (const char  *base,
            const char  *id,
            guint       *n_chars,
            char       **problem)
{
  g_autofree char *path = g_build_filename (base, "drafts", id, "article.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          *n_chars = 0;   /* killed before the first save */
          return TRUE;
        }
      *problem = g_strdup (error->message);
      return FALSE;
    }

  article = byline_article_from_json (contents, length, &error);
  if (article == NULL)
    {
      *problem = g_strdup_printf ("article.json does not load: %s", error->message);
      return FALSE;
    }
  if (g_strcmp0 (byline_article_get_id (article), id) != 0)
    {
      *problem = g_strdup ("article.json holds another article");
      return FALSE;
    }

  text = byline_kill_text_of_article (article);
  if (!byline_kill_text_is_prefix (text))
    {
      *problem = g_strdup ("the text on disk is not what was typed");
      return FALSE;
    }

  *n_chars = g_utf8_strlen (text, -1);
  return TRUE;
}

static void
run_once (const char *base,
          const char *id,
          GRand      *rand,
          guint      *on_disk,
          Figures    *fig)
{
  g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (rand));
  const char *argv[] = { TYPIST_PATH, base, id, seed, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  Reader r = { -1, g_string_new (NULL), g_array_new (FALSE, TRUE, sizeof (Line)), FALSE };
  gboolean during_save = g_rand_int_range (rand, 0, 100) < DURING_SAVE_PERCENT;
  gint64 ready_time = 0, kill_at, t_kill, deadline;
  guint ready_n = 0, required, last_n, n_disk = 0;
  GPid pid;
  int status;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &r.fd, NULL, &error))
    g_error ("could not start the typist: %s", error->message);

  /* Ready: it loaded the draft. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!r.eof && g_get_monotonic_time () < deadline)
    {
      Line *first;

      reader_pump (&r, 100);
      first = r.lines->len > 0 ? &g_array_index (r.lines, Line, 0) : NULL;
      if (first != NULL && first->kind == 'R')
        {
          ready_time = first->time;
          ready_n = first->n;
          break;
        }
    }
  if (ready_time == 0)
    g_error ("the typist did not start (kill %u)", fig->kills + 1);
  if (ready_n != *on_disk)
    fig->inconsistent++;

  if (during_save)
    {
      guint seen = r.lines->len;
      gboolean saving = FALSE;

      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while (!saving && !r.eof && g_get_monotonic_time () < deadline)
        {
          reader_pump (&r, 50);
          for (; seen < r.lines->len; seen++)
            if (g_array_index (r.lines, Line, seen).kind == 'S')
              saving = TRUE;
        }
      g_usleep (g_rand_int_range (rand, 0, 3001));
      fig->during_save++;
    }
  else
    {
      kill_at = ready_time + (gint64) g_rand_int_range (rand, 0, KILL_WINDOW_MS + 1) * 1000;
      while (!r.eof && g_get_monotonic_time () < kill_at)
        reader_pump (&r, MAX (1, (kill_at - g_get_monotonic_time ()) / 1000));
    }

  t_kill = g_get_monotonic_time ();
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  while (!r.eof)
    reader_pump (&r, -1);
  close (r.fd);
  fig->kills++;

  /* Everything typed a second or more before the kill must be on disk. */
  required = ready_n;
  last_n = ready_n;
  for (guint i = 0; i < r.lines->len; i++)
    {
      Line *line = &g_array_index (r.lines, Line, i);

      if (line->kind != 'T')
        continue;
      if (line->time <= t_kill - MAX_LOSS_US)
        required = line->n;
      last_n = line->n;
    }
  fig->chars_typed += last_n - ready_n;

  if (!read_draft (base, id, &n_disk, &problem))
    {
      fig->corrupt++;
      g_printerr ("kill %u: CORRUPT: %s\n", fig->kills, problem);
      /* Go on from what the next start recovers. */
      n_disk = *on_disk;
    }
  else
    {
      gint64 loss = 0;

      if (n_disk > last_n)
        {
          fig->corrupt++;
          g_printerr ("kill %u: more on disk (%u) than typed (%u)\n", fig->kills, n_disk, last_n);
        }
      for (guint i = 0; i < r.lines->len; i++)
        {
          Line *line = &g_array_index (r.lines, Line, i);

          if (line->kind == 'T' && line->n > n_disk)
            {
              loss = t_kill - line->time;
              break;
            }
        }
      if (n_disk < required)
        {
          fig->too_much_lost++;
          g_printerr ("kill %u: lost %.0f ms of typing (%u of %u characters on disk)\n",
                      fig->kills, loss / 1000.0, n_disk, last_n);
        }
      fig->worst_loss = MAX (fig->worst_loss, loss);
      fig->total_loss += loss;
    }

  *on_disk = n_disk;
  g_string_free (r.buffer, TRUE);
  g_array_unref (r.lines);
}

static void
run_kills (guint    n_kills,
           Figures *fig)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = g_dir_make_tmp ("byline-kill-XXXXXX", &error);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *rm = NULL;
  GRand *rand = g_rand_new ();
  guint on_disk = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < n_kills; i++)
    run_once (base, id, rand, &on_disk, fig);

  rm = g_strdup_printf ("rm -rf '%s'", base);
  if (system (rm) != 0)
    g_printerr ("could not remove %s\n", base);
  g_rand_free (rand);
}

static guint
n_kills_wanted (void)
{
  const char *env = g_getenv ("BYLINE_KILLS");

  return env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : DEFAULT_KILLS;
}

#ifdef BYLINE_KILL_BENCH

int
main (int   argc,
      char *argv[])
{
  Figures fig = { 0 };
  gint64 start = g_get_monotonic_time ();

  run_kills (n_kills_wanted (), &fig);

  printf ("kill test: %u SIGKILLs (%u while a save was being written), %u characters typed in %.0f s\n",
          fig.kills, fig.during_save, fig.chars_typed, (g_get_monotonic_time () - start) / 1e6);
  printf ("  corrupt drafts: %u\n", fig.corrupt);
  printf ("  kills that lost more than 1 s of typing: %u\n", fig.too_much_lost);
  printf ("  restarts that did not find the draft as left: %u\n", fig.inconsistent);
  printf ("  worst loss: %.0f ms, mean loss: %.0f ms\n",
          fig.worst_loss / 1000.0, fig.kills ? fig.total_loss / 1000.0 / fig.kills : 0.0);

  return fig.corrupt == 0 && fig.too_much_lost == 0 && fig.inconsistent == 0 ? 0 : 1;
}

#else

static void
test_kill (void)
{
  Figures fig = { 0 };

  run_kills (n_kills_wanted (), &fig);

  g_test_message ("%u SIGKILLs (%u while a save was being written), %u characters typed; "
                  "worst loss %.0f ms, mean %.0f ms",
                  fig.kills, fig.during_save, fig.chars_typed,
                  fig.worst_loss / 1000.0, fig.kills ? fig.total_loss / 1000.0 / fig.kills : 0.0);
  g_assert_cmpuint (fig.corrupt, ==, 0);
  g_assert_cmpuint (fig.too_much_lost, ==, 0);
  g_assert_cmpuint (fig.inconsistent, ==, 0);
  g_assert_cmpint (fig.worst_loss, <=, MAX_LOSS_US);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drafts/kill", test_kill);

  return g_test_run ();
}

#endif
