/* test-cli-convert.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * byline-cli convert and slug as a script uses them: formats in and out,
 * standard input, exit codes and one-line errors.
 */

#include "config.h"

#include <gio/gio.h>

#include "byline-article-json.h"
#include "byline-markup-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

static void
run_cli (Run        *run,
         const char *input,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stdin_bytes = g_bytes_new (input, input != NULL ? strlen (input) : 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("BYLINE_CLI"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  cli = g_subprocess_newv ((const char * const *) argv->pdata,
                           G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (cli, stdin_bytes, NULL, &out, &err, &error);
  g_assert_no_error (error);

  run->status = g_subprocess_get_exit_status (cli);
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);
}

static void
test_markup_converts_to_itself (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "gutenberg", "large-post.html", NULL);
  g_autofree char *post = read_test_file ("data/gutenberg/large-post.html", NULL);
  g_auto(Run) run = { 0, };

  run_cli (&run, NULL, "convert", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, post);
}

static void
test_json_round_trip_from_stdin (void)
{
  const char *post = "<!-- wp:heading {\"level\":3} -->\n<h3>Hỗ trợ nhà ở</h3>\n<!-- /wp:heading -->\n\n"
                     "<!-- wp:gallery -->\n<figure></figure>\n<!-- /wp:gallery -->";
  g_auto(Run) json = { 0, };
  g_auto(Run) back = { 0, };
  g_auto(Run) text = { 0, };
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  run_cli (&json, post, "convert", "--to=json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  article = byline_article_from_json (json.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (byline_article_get_n_blocks (article), ==, 2);
  g_assert_cmpint (byline_block_get_kind (byline_article_get_block (article, 0)), ==, BYLINE_BLOCK_HEADING);

  run_cli (&back, json.out, "convert", "-", NULL);
  g_assert_cmpint (back.status, ==, 0);
  g_assert_cmpstr (back.out, ==, post);

  run_cli (&text, json.out, "convert", "--from", "json", "--to", "text", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.out, ==, "Hỗ trợ nhà ở\n");
}

static void
test_html_is_cleaned (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "paste", "word.html", NULL);
  g_auto(Run) run = { 0, };

  run_cli (&run, NULL, "convert", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "<!-- wp:heading {\"level\":1} -->\n<h1>Đoàn công tác"));
  g_assert_null (strstr (run.out, "mso-"));
}

static void
test_errors (void)
{
  g_auto(Run) missing = { 0, };
  g_auto(Run) format = { 0, };
  g_auto(Run) invalid = { 0, };
  g_auto(Run) bad_json = { 0, };
  g_auto(Run) two = { 0, };

  run_cli (&missing, NULL, "convert", "/khong/co/tep.html", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_true (g_str_has_prefix (missing.err, "byline-cli: "));
  g_assert_nonnull (strstr (missing.err, "/khong/co/tep.html"));

  run_cli (&format, NULL, "convert", "--to=pdf", NULL);
  g_assert_cmpint (format.status, ==, 2);

  run_cli (&invalid, "<p>Vi\xe1\xbb t</p><!-- wp:a /-->", "convert", NULL);
  g_assert_cmpint (invalid.status, ==, 1);
  g_assert_nonnull (strstr (invalid.err, "UTF-8"));

  run_cli (&bad_json, "{\"format\": 1, \"blocks\": 3}", "convert", NULL);
  g_assert_cmpint (bad_json.status, ==, 1);
  g_assert_cmpuint (strlen (bad_json.out), ==, 0);

  run_cli (&two, NULL, "convert", "a", "b", NULL);
  g_assert_cmpint (two.status, ==, 2);
}

static void
test_slug (void)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) empty = { 0, };
  g_auto(Run) none = { 0, };

  run_cli (&run, NULL, "slug", "Đoàn công tác", "của tỉnh: giảm nghèo 2023", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "doan-cong-tac-cua-tinh-giam-ngheo-2023\n");

  run_cli (&empty, NULL, "slug", NULL);
  g_assert_cmpint (empty.status, ==, 2);

  run_cli (&none, NULL, "slug", "!!!", NULL);
  g_assert_cmpint (none.status, ==, 1);
}

/* Every command says how to use it, each argument once. */
static void
test_help (void)
{
  const char *commands[] = { "convert", "slug", "publish", "review", "posts", "post", "account" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0, };

      run_cli (&run, NULL, commands[i], "--help", NULL);
      g_test_message ("%s --help: %s", commands[i], run.out);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Usage"));
      g_assert_null (strstr (run.out, "DRAFT-ID|FILE DRAFT-ID|FILE"));
      g_assert_null (strstr (run.out, "[FILE] [FILE]"));
    }

  {
    g_auto(Run) review = { 0, };

    run_cli (&review, NULL, "review", "--help", NULL);
    g_assert_nonnull (strstr (review.out, "approve"));
    g_assert_nonnull (strstr (review.out, "return"));
    g_assert_nonnull (strstr (review.out, "notes"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/convert/markup-to-itself", test_markup_converts_to_itself);
  g_test_add_func ("/cli/convert/json-round-trip", test_json_round_trip_from_stdin);
  g_test_add_func ("/cli/convert/html-cleaned", test_html_is_cleaned);
  g_test_add_func ("/cli/convert/errors", test_errors);
  g_test_add_func ("/cli/slug", test_slug);
  g_test_add_func ("/cli/help", test_help);

  return g_test_run ();
}
