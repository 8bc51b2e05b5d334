/* drafts-typist.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child of the kill test (test-drafts-kill.c): a reporter typing into a
 * draft, with the real BylineArticle, BylineAutosave and BylineDraftStore on
 * a real main loop. It continues the draft found on disk and appends the
 * characters of a fixed text (kill-text.h) one at a time at a typist's pace,
 * reporting each step on standard output, unbuffered, so that the parent,
 * which SIGKILLs it at a random moment, knows what was typed and when:
 *
 *   R <µs> <n>   ready: the draft on disk had n characters
 *   T <µs> <n>   typed: the article now has n characters
 *   S <µs> <n>   a save of n characters started
 *
 * Times are g_get_monotonic_time(), which parent and child share.
 *
 *   drafts-typist BASE-DIR ARTICLE-ID SEED
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "byline-autosave.h"
#include "byline-draft-store.h"
#include "byline-error.h"
#include "kill-text.h"

typedef struct
{
  BylineArticle  *article;
  BylineAutosave *autosave;
  GRand          *rand;
  guint           n_chars;
} Typist;

static void
report (char   kind,
        guint  n)
{
  char line[64];
  int len = g_snprintf (line, sizeof line, "%c %" G_GINT64_FORMAT " %u\n",
                        kind, g_get_monotonic_time (), n);

  /* One write(2) per line: nothing waits in a buffer when the kill comes. */
  if (write (STDOUT_FILENO, line, len) != len)
    exit (4);
}

static gboolean
type_cb (gpointer user_data)
{
  Typist *t = user_data;
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  GPtrArray *current = byline_article_get_blocks (t->article);
  gunichar ch = byline_kill_text_char_at (t->n_chars);

  for (guint i = 0; i < current->len; i++)
    g_ptr_array_add (blocks, byline_block_ref (g_ptr_array_index (current, i)));

  if (ch == '\n' || blocks->len == 0)
    g_ptr_array_add (blocks, byline_block_new_paragraph (NULL));
  if (ch != '\n')
    {
      BylineBlock *last = g_ptr_array_index (blocks, blocks->len - 1);
      g_autoptr(BylineInline) text = byline_inline_copy (byline_block_get_text (last));
      char utf8[8];
      int len = g_unichar_to_utf8 (ch, utf8);

      byline_inline_append (text, utf8, len);
      g_ptr_array_index (blocks, blocks->len - 1) = byline_block_new_paragraph (g_steal_pointer (&text));
      byline_block_unref (last);
    }

  byline_article_set_blocks (t->article, blocks);
  t->n_chars++;
  report ('T', t->n_chars);

  /* 40–200 ms between keystrokes: a fast typist, about 8 characters a second. */
  g_timeout_add (g_rand_int_range (t->rand, 40, 201), type_cb, t);

  return G_SOURCE_REMOVE;
}

static void
state_cb (BylineAutosave *autosave,
          GParamSpec     *pspec,
          Typist         *t)
{
  if (byline_autosave_get_state (autosave) == BYLINE_AUTOSAVE_SAVING)
    report ('S', t->n_chars);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Typist *t = user_data;
  BylineDraftStore *store = BYLINE_DRAFT_STORE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineArticle) article = NULL;
  g_autofree char *text = NULL;

  article = byline_draft_store_load_finish (store, result, NULL, &error);
  if (article == NULL)
    {
      if (!g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND))
        {
          fprintf (stderr, "drafts-typist: %s\n", error->message);
          exit (3);
        }
      article = byline_article_new (g_object_get_data (G_OBJECT (store), "id"));
    }

  text = byline_kill_text_of_article (article);
  if (!byline_kill_text_is_prefix (text))
    {
      fprintf (stderr, "drafts-typist: the draft is not what was typed\n");
      exit (3);
    }

  t->article = g_steal_pointer (&article);
  t->n_chars = g_utf8_strlen (text, -1);
  t->autosave = byline_autosave_new (store, t->article);
  g_signal_connect (t->autosave, "notify::state", G_CALLBACK (state_cb), t);

  report ('R', t->n_chars);
  g_timeout_add (g_rand_int_range (t->rand, 40, 201), type_cb, t);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(BylineDraftStore) store = NULL;
  Typist t = { 0 };

  if (argc != 4)
    {
      fprintf (stderr, "usage: drafts-typist BASE-DIR ARTICLE-ID SEED\n");
      return 2;
    }

  t.rand = g_rand_new_with_seed (g_ascii_strtoull (argv[3], NULL, 10));
  base = g_file_new_for_path (argv[1]);
  store = byline_draft_store_new (base);
  g_object_set_data_full (G_OBJECT (store), "id", g_strdup (argv[2]), g_free);

  byline_draft_store_load_async (store, argv[2], NULL, loaded_cb, &t);

  /* Runs until killed. */
  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);

  return 0;
}
