/* test-publish-faults.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exactly once, proven against the real WordPress of tests/portal/ (suite
 * "portal"). A proxy (byline-test-proxy.c: a SoupServer in its own thread,
 * between Byline and the portal) breaks one request at a time: it drops the answer after the
 * portal processed the request (the connection closes without it), answers
 * after the client gave up, stops reading an upload halfway, or holds the
 * answer while the test kills the publishing process. Another test kills a
 * child process (publish-child) at every step boundary. After each fault
 * the job runs again, and the portal must hold exactly one post and exactly
 * one media item per photo. The soak (/publish-faults/soak, a test of its
 * own in tests/meson.build) drops 30 % of all answers at random over 20
 * publishes.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "byline-error.h"
#include "byline-http.h"
#include "byline-publish-test-utils.h"
#include "byline-test-proxy.h"
#include "byline-wp-portal.h"

#define SOAK_PUBLISHES     20
#define SOAK_DROP_PERCENT  30
#define SHORT_TIMEOUT      5      /* seconds: the client's; the proxy's late answers come later */

static BylineTestPortal *test_portal;

/* ---- publishing through it ---------------------------------------------------- */

typedef struct
{
  BylineTestProxy  *proxy;
  char             *dir;
  BylineDraftStore *store;
  SoupSession      *session;
  BylinePortal     *portal;
  GFile            *work_dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *work = NULL;
  guint timeout = GPOINTER_TO_UINT (data);

  fixture->proxy = byline_test_proxy_new (test_portal->base_url);
  fixture->store = test_store_new (&fixture->dir);
  fixture->session = byline_http_session_new (timeout);
  site->rest_root = byline_test_proxy_rest_root (fixture->proxy);
  fixture->portal = byline_test_portal_sign_in (test_portal, fixture->session, site, "author");
  work = g_build_filename (fixture->dir, "work", NULL);
  fixture->work_dir = g_file_new_for_path (work);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->portal);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->work_dir);
  g_clear_pointer (&fixture->proxy, byline_test_proxy_free);
  g_free (fixture->dir);
}

static BylinePublisher *
publisher_new (Fixture       *fixture,
               BylineArticle *article)
{
  BylinePublisher *publisher = byline_publisher_new (fixture->portal, fixture->store, article);

  byline_publisher_set_work_dir (publisher, fixture->work_dir);
  return publisher;
}

/* A fresh seed article, marked with @token and saved, to be published. */
static BylineArticle *
new_article (Fixture    *fixture,
             const char *token)
{
  BylineArticle *article = test_seed_article (token);
  const char *tags[] = { token, NULL };

  byline_article_set_tags (article, tags);
  byline_article_set_status (article, BYLINE_POST_STATUS_PUBLISH);
  test_save (fixture->store, article);

  return article;
}

/* Runs the job until it succeeds, as a reporter pressing "Send" again
 * would; returns how many runs it took. */
static guint
publish_until_done (Fixture       *fixture,
                    BylineArticle *article,
                    guint          max_runs)
{
  g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);

  for (guint run = 1; run <= max_runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylinePortalPost) post = test_publish (publisher, NULL, &error);

      if (post != NULL)
        {
          g_assert_cmpint (post->id, ==, byline_article_get_post_id (article));
          return run;
        }
      g_test_message ("run %u failed: %s", run, error->message);
      /* Only what a broken connection does; never a refusal. */
      g_assert_true (g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME) ||
                     g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_NETWORK) ||
                     g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT) ||
                     g_error_matches (error, BYLINE_ERROR, BYLINE_ERROR_SERVER));
    }

  g_error ("not published after %u runs", max_runs);
}

static char *
unique (const char *prefix)
{
  return g_strdup_printf ("%s-%08x", prefix, g_random_int ());
}

/* How many requests a clean publish of the seed article makes. */
static guint
count_clean_requests (Fixture *fixture)
{
  g_autofree char *token = unique ("sach");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  post = test_publish (publisher, NULL, &error);
  g_assert_no_error (error);
  n = byline_test_proxy_get_requests (fixture->proxy);
  assert_exactly_once_portal (test_portal, token, 3);

  return n;
}

static void
test_drop_each_response (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n = count_clean_requests (fixture);

  /* users/me, the tag, 3 × upload, the post. */
  g_assert_cmpuint (n, >=, 6);
  for (guint k = 1; k <= n; k++)
    {
      g_autofree char *token = unique ("mat");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
      g_autoptr(BylinePortalPost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("dropping the answer to request %u of %u", k, n);
      byline_test_proxy_set (fixture->proxy, k, BYLINE_TEST_PROXY_DROP, FALSE);
      post = test_publish (publisher, NULL, &error);
      if (post == NULL)
        {
          g_test_message ("failed as expected: %s", error->message);
          /* Saved in the draft: a new process would find the same. */
          g_clear_object (&article);
          article = test_load (fixture->store,
                               byline_article_get_id (byline_publisher_get_article (publisher)));
          byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
          g_assert_cmpuint (publish_until_done (fixture, article, 2), ==, 1);
        }
      else
        {
          /* libsoup sends a GET again by itself when a kept-alive
           * connection closes before the answer; never a POST. */
          g_test_message ("request %u was sent again by libsoup", k);
          g_assert_cmpuint (k, ==, 1);
        }
      assert_exactly_once_portal (test_portal, token, 3);
    }
}

/* Every request that creates something gets its answer after the client
 * gave up waiting. */
static void
test_answer_too_late (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint k = 1; k <= 4; k++)
    {
      g_autofree char *token = unique ("tre");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
      g_autoptr(BylinePortalPost) post = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("answering creating request %u too late", k);
      /* POSTs: the tag, 3 uploads, the post. */
      byline_test_proxy_set (fixture->proxy, k + 1, BYLINE_TEST_PROXY_LATE, TRUE);
      post = test_publish (publisher, NULL, &error);
      g_assert_null (post);
      g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME);

      byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
      g_assert_cmpuint (publish_until_done (fixture, article, 1), ==, 1);
      assert_exactly_once_portal (test_portal, token, 3);
    }
}

/* A photo large enough to stall in the socket buffers: random pixels, no
 * scaling (the publisher is told photos may be this large). */
static char *
make_large_photo (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 3000, 2000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, "lon.jpg", NULL);

  for (int y = 0; y < 2000; y++)
    for (int x = 0; x < 3000 * 3; x++)
      pixels[y * stride + x] = g_rand_int_range (rand, 0, 256);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "95", NULL);
  g_assert_no_error (error);

  return path;
}

static void
test_timeout_mid_upload (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *token = unique ("treo");
  g_autofree char *photo = make_large_photo (fixture->dir);
  g_autoptr(BylineArticle) article = byline_article_new (NULL);
  g_autoptr(BylinePublisher) publisher = NULL;
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Ảnh lớn %s", token);
  g_autofree char *caption = g_strdup_printf ("Chú thích %s", token);
  BylineBlock *figure = byline_block_new_figure (NULL);

  byline_block_set_local_path (figure, photo);
  byline_block_set_caption (figure, byline_inline_new (caption));
  byline_block_set_alt (figure, "Ảnh lớn");
  byline_article_set_title (article, title);
  byline_article_append_block (article, figure);
  byline_article_set_status (article, BYLINE_POST_STATUS_DRAFT);
  test_save (fixture->store, article);

  publisher = publisher_new (fixture, article);
  byline_publisher_set_photo_options (publisher, 4096, 95);
  /* POSTs: the upload is the first. */
  byline_test_proxy_set (fixture->proxy, 1, BYLINE_TEST_PROXY_STALL, TRUE);
  post = test_publish (publisher, NULL, &error);
  g_assert_null (post);
  /* Cut off while sending: the portal never saw the whole request. */
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_TIMEOUT);
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "media", token), ==, 0);
  /* Its slug stays recorded all the same, to be looked up first. */
  g_assert_nonnull (byline_block_get_upload_slug (byline_article_get_block (article, 0)));

  /* Again, with a client patient enough for the portal to process 6 MP. */
  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  {
    g_autoptr(SoupSession) patient = byline_http_session_new (120);
    g_autoptr(BylinePortal) portal = BYLINE_PORTAL (byline_wp_portal_new (
      patient, byline_portal_get_site (fixture->portal),
      byline_test_portal_user (test_portal, "author", "login"),
      byline_test_portal_user (test_portal, "author", "app_password")));
    g_autoptr(BylinePublisher) again = byline_publisher_new (portal, fixture->store, article);

    byline_publisher_set_work_dir (again, fixture->work_dir);
    byline_publisher_set_photo_options (again, 4096, 95);
    g_clear_error (&error);
    post = test_publish (again, NULL, &error);
    g_assert_no_error (error);
  }
  assert_exactly_once_portal (test_portal, token, 1);
}

/* The portal cannot be reached at all: nothing is lost, and the next run
 * goes through. */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *token = unique ("mang");
  g_autoptr(BylineArticle) article = new_article (fixture, token);
  g_autoptr(BylinePublisher) publisher = publisher_new (fixture, article);
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(GError) error = NULL;

  /* After the tag and two photos. */
  byline_test_proxy_set (fixture->proxy, 4, BYLINE_TEST_PROXY_REFUSE, TRUE);
  post = test_publish (publisher, NULL, &error);
  g_assert_null (post);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_UNKNOWN_OUTCOME);
  g_assert_cmpuint (byline_test_portal_count (test_portal, "editor", "media", token), ==, 2);

  byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
  g_assert_cmpuint (publish_until_done (fixture, article, 1), ==, 1);
  assert_exactly_once_portal (test_portal, token, 3);
}

/* ---- killing the process ------------------------------------------------------------ */

typedef struct
{
  GSubprocess *process;
  GDataInputStream *out;
} Child;

static void
child_start (Child      *child,
             Fixture    *fixture,
             const char *article_id,
             guint       kill_at)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *rest_root = byline_test_proxy_rest_root (fixture->proxy);
  g_autofree char *kill_text = g_strdup_printf ("%u", kill_at);
  g_autofree char *password = g_strconcat (byline_test_portal_user (test_portal, "author", "app_password"),
                                           "\n", NULL);
  g_autoptr(GError) error = NULL;
  GOutputStream *in;

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", fixture->dir, TRUE);
  child->process = g_subprocess_launcher_spawn (launcher, &error, PUBLISH_CHILD_PATH, fixture->dir,
                                                article_id, rest_root,
                                                byline_test_portal_user (test_portal, "author", "login"),
                                                kill_text, NULL);
  g_assert_no_error (error);
  in = g_subprocess_get_stdin_pipe (child->process);
  g_output_stream_write_all (in, password, strlen (password), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (in, NULL, NULL);
  child->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child->process));
}

/* Reads the child's report until it ends; returns its last line. */
static char *
child_wait (Child *child,
            guint *boundaries)
{
  g_autofree char *last = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  *boundaries = 0;
  while ((line = g_data_input_stream_read_line_utf8 (child->out, NULL, NULL, &error)) != NULL)
    {
      if (line[0] == 'B')
        (*boundaries)++;
      g_free (last);
      last = line;
    }
  g_assert_no_error (error);
  g_subprocess_wait (child->process, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&last);
}

static void
child_clear (Child *child)
{
  g_clear_object (&child->out);
  g_clear_object (&child->process);
}

static void
test_kill_at_each_boundary (Fixture       *fixture,
                            gconstpointer  data)
{
  guint n_boundaries = 0;

  /* A clean run first, to know the boundaries. */
  {
    g_autofree char *token = unique ("ranh");
    g_autoptr(BylineArticle) article = new_article (fixture, token);
    g_autofree char *last = NULL;
    Child child = { 0 };

    child_start (&child, fixture, byline_article_get_id (article), 0);
    last = child_wait (&child, &n_boundaries);
    g_assert_true (g_str_has_prefix (last, "D "));
    child_clear (&child);
    assert_exactly_once_portal (test_portal, token, 3);
  }
  /* site, then per photo "sending" and the answer, then the post's. */
  g_assert_cmpuint (n_boundaries, ==, 1 + 2 * 3 + 2);

  for (guint k = 1; k <= n_boundaries; k++)
    {
      g_autofree char *token = unique ("giet");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autoptr(BylineArticle) after = NULL;
      g_autofree char *last = NULL;
      Child child = { 0 };
      guint seen;

      g_test_message ("killing the publisher at boundary %u of %u", k, n_boundaries);
      child_start (&child, fixture, byline_article_get_id (article), k);
      last = child_wait (&child, &seen);
      g_assert_cmpuint (seen, ==, k);
      g_assert_false (g_subprocess_get_if_exited (child.process));
      g_assert_cmpint (g_subprocess_get_term_sig (child.process), ==, SIGKILL);
      child_clear (&child);

      /* Another process continues from what is on disk. */
      child_start (&child, fixture, byline_article_get_id (article), 0);
      g_clear_pointer (&last, g_free);
      last = child_wait (&child, &seen);
      g_assert_true (g_str_has_prefix (last, "D "));
      child_clear (&child);
      assert_exactly_once_portal (test_portal, token, 3);

      after = test_load (fixture->store, byline_article_get_id (article));
      g_assert_cmpint (byline_article_get_post_request (after, NULL, NULL), ==,
                       BYLINE_POST_REQUEST_NONE);
    }
}

/* The worst moment to die: the portal has done the work, its answer is on
 * its way, the draft does not know yet. */
static void
test_kill_while_answer_held (Fixture       *fixture,
                             gconstpointer  data)
{
  /* POSTs: the tag, 3 uploads, the post. */
  for (guint k = 2; k <= 5; k++)
    {
      g_autofree char *token = unique ("giu");
      g_autoptr(BylineArticle) article = new_article (fixture, token);
      g_autofree char *last = NULL;
      Child child = { 0 };
      guint seen;

      g_test_message ("killing the publisher while the answer to POST %u is held", k);
      byline_test_proxy_set (fixture->proxy, k, BYLINE_TEST_PROXY_HOLD, TRUE);
      child_start (&child, fixture, byline_article_get_id (article), 0);
      g_assert_true (byline_test_proxy_wait_held (fixture->proxy));
      g_subprocess_send_signal (child.process, SIGKILL);
      last = child_wait (&child, &seen);
      g_assert_cmpint (g_subprocess_get_term_sig (child.process), ==, SIGKILL);
      child_clear (&child);

      byline_test_proxy_set (fixture->proxy, 0, BYLINE_TEST_PROXY_FORWARD, FALSE);
      child_start (&child, fixture, byline_article_get_id (article), 0);
      g_clear_pointer (&last, g_free);
      last = child_wait (&child, &seen);
      g_assert_true (g_str_has_prefix (last, "D "));
      child_clear (&child);
      assert_exactly_once_portal (test_portal, token, 3);
    }
}

/* ---- the soak ------------------------------------------------------------------------ */

static void
test_soak (Fixture       *fixture,
           gconstpointer  data)
{
  guint runs = 0;
  guint dropped;

  byline_test_proxy_set_drop_percent (fixture->proxy, SOAK_DROP_PERCENT);

  for (guint i = 0; i < SOAK_PUBLISHES; i++)
    {
      g_autofree char *token = unique ("ngam");
      g_autoptr(BylineArticle) article = new_article (fixture, token);

      runs += publish_until_done (fixture, article, 100);
      assert_exactly_once_portal (test_portal, token, 3);
    }

  dropped = byline_test_proxy_get_dropped (fixture->proxy);
  printf ("# soak: %u publishes in %u runs, %u answers dropped (%u %%), 0 duplicates\n",
          SOAK_PUBLISHES, runs, dropped, SOAK_DROP_PERCENT);
  g_assert_cmpuint (dropped, >, SOAK_PUBLISHES);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_portal = byline_test_portal_require ();

#define ADD(path, timeout, func) \
  g_test_add ("/publish-faults/" path, Fixture, GUINT_TO_POINTER (timeout), fixture_setup, func, \
              fixture_teardown)
  ADD ("drop-each-response", 60, test_drop_each_response);
  ADD ("answer-too-late", SHORT_TIMEOUT, test_answer_too_late);
  ADD ("timeout-mid-upload", SHORT_TIMEOUT, test_timeout_mid_upload);
  ADD ("unreachable", 60, test_unreachable);
  ADD ("kill-at-each-boundary", 60, test_kill_at_each_boundary);
  ADD ("kill-while-answer-held", 60, test_kill_while_answer_held);
  ADD ("soak", 60, test_soak);
#undef ADD

  return g_test_run ();
}
