/* test-cli-portal.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * byline-cli's account and post commands against the real WordPress
 * (suite "portal"), run as a user runs them: a separate process with its
 * own settings file (GSettings keyfile backend) and the test keyring. After
 * a whole sign-in cycle with every debug message on, no password may be in
 * the settings, the data or cache directories, or the output.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "byline-http.h"
#include "byline-review.h"
#include "byline-test-core.h"
#include "byline-wp-auth.h"
#include "byline-wp-portal.h"

static BylineTestPortal *portal;
static char *home;
static char *cli;

/* Every secret handed to byline-cli, to look for afterwards. */
static GPtrArray *secrets;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static GString *all_output;

static GSubprocessLauncher *
launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  /* A user's settings on disk, private directories, every debug message. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  return launcher;
}

static Run
run_cli (const char *input,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, cli);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  run.status = g_subprocess_get_exit_status (process);

  g_string_append_printf (all_output, "%s\n%s\n", run.out, run.err);
  g_test_message ("byline-cli %s → %d\n%s%s", (char *) argv->pdata[1], run.status, run.out,
                  run.err);

  return run;
}

/* stderr carries the debug log too; the reason is the last line. */
static const char *
last_line (const char *text)
{
  static char *line;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  g_free (line);
  line = NULL;
  for (guint i = n; i > 0; i--)
    if (*lines[i - 1] != '\0')
      {
        line = g_strdup (lines[i - 1]);
        break;
      }

  return line != NULL ? line : "";
}

static char *
password_of (const char *role)
{
  char *password = g_strconcat (byline_test_portal_user (portal, role, "app_password"), "\n", NULL);

  g_ptr_array_add (secrets, g_strdup (byline_test_portal_user (portal, role, "app_password")));

  return password;
}

static void
test_account_cycle (void)
{
  g_autofree char *author = password_of ("author");
  g_autofree char *editor = password_of ("editor");
  Run run;

  run = run_cli (author, "account", "add", "--name", "tòa soạn", "--url", portal->base_url,
                 "--user", "author", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Cẩm Vân (Author)"));
  g_assert_nonnull (strstr (run.out, "Can publish, can upload photos"));
  run_clear (&run);

  run = run_cli (editor, "account", "add", "--name", "editor", "--url", portal->base_url,
                 "--user", "editor", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run = run_cli (NULL, "account", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("tòa soạn\tauthor\t%s\n"
                                                 "editor\teditor\t%s\n",
                                                 portal->base_url, portal->base_url);

    g_assert_cmpstr (run.out, ==, expected);
  }
  run_clear (&run);

  /* Published posts of anyone, one per line, id first. */
  run = run_cli (NULL, "posts", "list", "--account", "tòa soạn", "--status", "publish",
                 "--search", "Hello world", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "1\tpublish\t"));
  g_assert_true (g_str_has_suffix (run.out, "\tHello world!\n"));
  run_clear (&run);

  /* The stored block markup, byte for byte. */
  run = run_cli (NULL, "post", "get", "1", "--account", "editor", "--to", "markup", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "<!-- wp:paragraph -->\n<p>Welcome to WordPress."));
  run_clear (&run);

  run = run_cli (NULL, "account", "remove", "editor", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run = run_cli (NULL, "account", "remove", "tòa soạn", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run = run_cli (NULL, "account", "list", NULL);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  /* Removed means gone: its name no longer works. */
  run = run_cli (NULL, "posts", "list", "--account", "editor", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (last_line (run.err), "no account called “editor”"));
  run_clear (&run);
}

/* A portal in this process, for what byline-cli has no command for: a
 * reporter writing and answering. */
static BylinePortal *
portal_as (SoupSession *session,
           const char  *role)
{
  g_autoptr(BylinePortalSite) site = byline_portal_site_new ();

  site->rest_root = g_strdup (portal->rest_url);
  site->address = g_strdup (portal->base_url);
  return byline_test_portal_sign_in (portal, session, site, role);
}

static BylinePortalPost *
submit_pending (BylinePortal *reporter,
                const char   *title)
{
  return byline_test_create_post (reporter, title,
                                  "<!-- wp:paragraph -->\n<p>Nội dung bài.</p>\n"
                                  "<!-- /wp:paragraph -->",
                                  BYLINE_PORTAL_POST_STATUS_PENDING);
}

static char *
line_of (const char *out,
         gint64      id)
{
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT "\t", id);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);

  return NULL;
}

/* byline-cli review: the editor's queue, returning with a note, reading
 * notes, approving and scheduling; and post get --to json. */
static void
test_review_commands (void)
{
  g_autofree char *editor_password = password_of ("editor");
  g_autofree char *reporter_password = password_of ("contributor");
  g_autoptr(SoupSession) session = byline_http_session_new (60);
  g_autoptr(BylinePortal) reporter = portal_as (session, "contributor");
  g_autoptr(BylinePortalPost) post = NULL;
  g_autoptr(BylinePortalPost) later = NULL;
  g_autoptr(BylinePortalComment) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("Tin dòng lệnh %08x", g_random_int ());
  g_autofree char *id = NULL;
  g_autofree char *later_id = NULL;
  g_autofree char *line = NULL;
  Run run;

  run = run_cli (editor_password, "account", "add", "--name", "biên tập", "--url", portal->base_url,
                 "--user", "editor", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run = run_cli (reporter_password, "account", "add", "--name", "phóng viên", "--url",
                 portal->base_url, "--user", "contributor", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  post = submit_pending (reporter, title);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, post->id);

  /* The queue, newest first, one per line, id first. */
  run = run_cli (NULL, "review", "list", "--account", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 0);
  line = line_of (run.out, post->id);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (run.out, line));
  {
    g_auto(GStrv) fields = g_strsplit (line, "\t", -1);

    g_assert_cmpuint (g_strv_length (fields), ==, 5);
    g_assert_cmpstr (fields[1], ==, "pending");
    g_assert_cmpstr (fields[3], ==, byline_test_portal_user (portal, "contributor", "display_name"));
    g_assert_cmpstr (fields[4], ==, title);
  }
  run_clear (&run);
  g_clear_pointer (&line, g_free);

  /* As JSON, the article Byline makes of it. */
  run = run_cli (NULL, "post", "get", id, "--account", "biên tập", "--to", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *article;

    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    article = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, title);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (article, "remote"),
                                                 "post_id"), ==, post->id);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (article, "remote"),
                                                    "status"), ==, "pending");
  }
  run_clear (&run);

  /* A reporter cannot return, nor approve. */
  run = run_cli (NULL, "review", "return", id, "--account", "phóng viên", "--note", "x", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (last_line (run.err), "Only editors can return"));
  run_clear (&run);
  run = run_cli (NULL, "review", "approve", id, "--account", "phóng viên", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (last_line (run.err), "cannot publish"));
  run_clear (&run);

  /* Returned with a note the reporter reads (in their list too). */
  run = run_cli (NULL, "review", "return", id, "--account", "biên tập", "--note",
                 "Thêm ảnh & sửa sapo.\nDòng hai.", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("%s\tdraft\n", id);

    g_assert_cmpstr (run.out, ==, expected);
  }
  run_clear (&run);

  run = run_cli (NULL, "review", "list", "--account", "phóng viên", NULL);
  g_assert_cmpint (run.status, ==, 0);
  line = line_of (run.out, post->id);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "\tdraft returned\t"));
  run_clear (&run);
  g_clear_pointer (&line, g_free);

  run = run_cli (NULL, "review", "notes", id, "--account", "phóng viên", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (run.out), "\n", -1);
    g_auto(GStrv) fields = NULL;

    g_assert_cmpuint (g_strv_length (lines), ==, 1);
    fields = g_strsplit (lines[0], "\t", -1);
    g_assert_cmpuint (g_strv_length (fields), ==, 6);
    g_assert_cmpstr (fields[1], ==, "0");
    g_assert_cmpstr (fields[2], ==, "hold");
    g_assert_cmpstr (fields[4], ==, byline_test_portal_user (portal, "editor", "display_name"));
    g_assert_cmpstr (fields[5], ==, "Thêm ảnh & sửa sapo.\\nDòng hai.");

    /* The reporter answers (and resubmits) in Byline. */
    reply = RUN (byline_review_reply_async (reporter, post->id, g_ascii_strtoll (fields[0], NULL, 10),
                                            "Đã sửa.", NULL, byline_test_store_result, &_result),
                 byline_review_reply_finish, _result, NULL, &error);
    g_assert_no_error (error);
  }
  run_clear (&run);

  run = run_cli (NULL, "review", "notes", id, "--account", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\tĐã sửa.\n"));
  {
    g_auto(GStrv) lines = g_strsplit (g_strchomp (run.out), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 2);
  }
  run_clear (&run);

  /* Approved: published, its notes gone. */
  run = run_cli (NULL, "review", "approve", id, "--account", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, id));
  g_assert_nonnull (strstr (run.out, "\tpublish\t"));
  run_clear (&run);
  run = run_cli (NULL, "review", "notes", id, "--account", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  /* Scheduled: 08:00 in the site's zone (Hồ Chí Minh, UTC+7). */
  later = submit_pending (reporter, title);
  later_id = g_strdup_printf ("%" G_GINT64_FORMAT, later->id);
  run = run_cli (NULL, "review", "approve", later_id, "--account", "biên tập", "--date",
                 "2030-01-02 08:00", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, later_id));
  g_assert_nonnull (strstr (run.out, "\tfuture\t2030-01-02 01:00\t"));
  run_clear (&run);

  /* Wrong arguments. */
  run = run_cli (NULL, "review", "approve", "abc", "--account", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run = run_cli (NULL, "review", "approve", later_id, "--account", "biên tập", "--date", "mai", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run = run_cli (NULL, "review", "return", later_id, "--account", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run = run_cli (NULL, "review", "publish", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run = run_cli (NULL, "account", "remove", "biên tập", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run = run_cli (NULL, "account", "remove", "phóng viên", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
}

static void
test_failures_say_why (void)
{
  BylineTestServer *other = byline_test_server_new (NULL);
  g_autofree char *other_url = NULL;
  g_autofree char *editor = password_of ("editor");
  const struct
  {
    const char *url;
    const char *user;
    const char *password;
    int         status;
    const char *reason;
  } cases[] = {
    { portal->base_url, "editor", "aaaa bbbb cccc dddd eeee ffff\n", 1,
      "did not accept the user name or the application password" },
    { NULL /* not WordPress */, "editor", editor, 1, "is not a WordPress site" },
    { "http://portal.example.vn", "editor", editor, 1, "only connects to portals over https" },
    { "https://cong-thong-tin.byline-test.invalid", "editor", editor, 1, "could not reach the portal" },
    { portal->base_url, "editor", "", 2, "No application password on standard input" },
  };

  byline_test_server_start (other);
  other_url = byline_test_server_url (other, "/");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Run run = run_cli (cases[i].password, "account", "add", "--name", "x",
                         "--url", cases[i].url != NULL ? cases[i].url : other_url,
                         "--user", cases[i].user, "--password-stdin", NULL);
      const char *reason = last_line (run.err);

      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_true (g_str_has_prefix (reason, "byline-cli: "));
      g_assert_nonnull (strstr (reason, cases[i].reason));
      run_clear (&run);
    }

  /* Nothing was kept from any of them. */
  {
    Run run = run_cli (NULL, "account", "list", NULL);

    g_assert_cmpstr (run.out, ==, "");
    run_clear (&run);
  }

  {
    Run run = run_cli (NULL, "posts", "list", NULL);

    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
  }

  byline_test_server_free (other);
}

/* `account add --authorize`: the user approves in a browser and pastes the
 * address WordPress sent the browser to. */
static void
test_authorize (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *callback = NULL;
  g_autofree char *line = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rest = NULL;
  GOutputStream *in;
  const char *argv[] = { cli, "account", "add", "--name", "browser", "--url", portal->base_url,
                         "--authorize", NULL };

  launcher = launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  /* The authorization page's address is printed on stderr. */
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (all_output, "%s\n", line);
      if (strstr (line, "/wp-admin/authorize-application.php?") != NULL)
        {
          url = g_strdup (g_strstrip (line));
          break;
        }
      g_clear_pointer (&line, g_free);
    }
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, portal->base_url));

  callback = byline_test_portal_authorize (portal, "contributor", url, TRUE);
  {
    g_autoptr(GUri) uri = g_uri_parse (callback, G_URI_FLAGS_NONE, NULL);
    g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&",
                                                       G_URI_PARAMS_NONE, NULL);

    g_ptr_array_add (secrets, g_strdup (g_hash_table_lookup (params, "password")));
  }

  in = g_subprocess_get_stdin_pipe (process);
  g_output_stream_write_all (in, callback, strlen (callback), NULL, NULL, &error);
  g_output_stream_write_all (in, "\n", 1, NULL, NULL, &error);
  g_output_stream_close (in, NULL, &error);
  g_assert_no_error (error);

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GDataInputStream) stdout_stream =
      g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

    out = g_data_input_stream_read_upto (stdout_stream, "", 0, NULL, NULL, NULL);
    rest = g_data_input_stream_read_upto (err, "", 0, NULL, NULL, NULL);
  }
  g_string_append_printf (all_output, "%s\n%s\n", out, rest);
  g_test_message ("%s%s", out, rest);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "Phóng viên Minh (Contributor)"));
  g_assert_nonnull (strstr (out, "Can submit articles for review, cannot publish, cannot upload photos"));

  {
    Run run = run_cli (NULL, "posts", "list", "--account", "browser", "--status", "publish", NULL);

    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    run = run_cli (NULL, "account", "remove", "browser", NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }
}

/* An HTML file as a newsroom's script would have it: headline, paragraphs,
 * three photos beside it with their captions. */
static char *
write_html_article (const char *dir,
                    const char *token,
                    const char *extra)
{
  static const char * const photos[] = { "hoi-nghi.jpg", "kiem-tra-ho-ngheo.jpg", "phat-bieu.jpg" };
  g_autofree char *photo_dir = g_build_filename (dir, "ảnh", NULL);
  g_autofree char *path = g_build_filename (dir, "bai-viet.html", NULL);
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (photo_dir, 0700);
  g_string_append_printf (html, "<html><body><h1>Đoàn công tác kiểm tra giảm nghèo %s</h1>\n"
                                "<p>Ngày 14/11, Đoàn công tác của tỉnh đã về kiểm tra.%s</p>\n",
                          token, extra);
  for (guint i = 0; i < G_N_ELEMENTS (photos); i++)
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "photos", photos[i], NULL);
      g_autofree char *target = g_build_filename (photo_dir, photos[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (target, contents, length, &error);
      g_assert_no_error (error);
      g_string_append_printf (html, "<figure><img src=\"ảnh/%s\" alt=\"Ảnh %u\">"
                                    "<figcaption>Chú thích ảnh %u %s</figcaption></figure>\n"
                                    "<p>Đoạn %u.</p>\n", photos[i], i + 1, i + 1, token, i + 1);
    }
  g_string_append (html, "</body></html>\n");
  g_file_set_contents (path, html->str, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static void
test_publish (void)
{
  g_autofree char *author = password_of ("author");
  g_autofree char *contributor = password_of ("contributor");
  g_autofree char *dir = g_build_filename (home, "nhap", NULL);
  g_autofree char *token = g_strdup_printf ("cli%08x", g_random_int ());
  g_autofree char *file = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *draft_id = NULL;
  g_auto(GStrv) lines = NULL;
  Run run;

  run = run_cli (author, "account", "add", "--name", "phóng viên", "--url", portal->base_url,
                 "--user", "author", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run = run_cli (contributor, "account", "add", "--name", "cộng tác viên", "--url",
                 portal->base_url, "--user", "contributor", "--password-stdin", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  g_mkdir_with_parents (dir, 0700);
  file = write_html_article (dir, token, "");

  /* A contributor is told before anything is sent. */
  run = run_cli (NULL, "publish", file, "--account", "cộng tác viên", "--status", "pending", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "cannot upload photos"));
  run_clear (&run);
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "posts", token), ==, 0);

  run = run_cli (NULL, "publish", file, "--account", "phóng viên", "--status", "publish",
                 "--tag", token, "--featured", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_ascii_string_to_unsigned (lines[0], 10, 1, G_MAXINT64, NULL, NULL));
  g_assert_true (g_str_has_prefix (lines[1], portal->base_url));
  post_id = g_strdup (lines[0]);
  /* Progress on standard error, and the draft the file became. */
  g_assert_nonnull (strstr (run.err, "Photo 3 of 3 is on the portal"));
  {
    const char *at = strstr (run.err, "Draft ");

    g_assert_nonnull (at);
    draft_id = g_strndup (at + 6, 36);
    g_assert_true (g_uuid_string_is_valid (draft_id));
  }
  run_clear (&run);
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "posts", token), ==, 1);
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "media", token), ==, 3);

  /* The file changed; run again: the same post is updated, no photo is
   * sent twice. */
  g_free (file);
  file = write_html_article (dir, token, " Đã sửa.");
  run = run_cli (NULL, "publish", file, "--account", "phóng viên", "--status", "publish", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, post_id));
  g_assert_null (strstr (run.err, "Photo 1 of"));
  run_clear (&run);
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "posts", token), ==, 1);
  g_assert_cmpuint (byline_test_portal_count (portal, "editor", "media", token), ==, 3);

  /* The draft by its id, as scripts resume it. */
  run = run_cli (NULL, "publish", draft_id, "--account", "phóng viên", "--status", "publish", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, post_id));
  run_clear (&run);

  run = run_cli (NULL, "post", "get", post_id, "--account", "phóng viên", "--to", "markup", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Đã sửa."));
  g_assert_nonnull (strstr (run.out, "<figcaption class=\"wp-element-caption\">Chú thích ảnh 2"));
  run_clear (&run);

  /* Usage mistakes are told as such. */
  run = run_cli (NULL, "publish", file, "--account", "phóng viên", "--status", "future", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--date"));
  run_clear (&run);
  run = run_cli (NULL, "publish", "khong-co-tep.html", "--account", "phóng viên", "--status",
                 "draft", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run = run_cli (NULL, "account", "remove", "phóng viên", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run = run_cli (NULL, "account", "remove", "cộng tác viên", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
}

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n > 0 && i + n <= length; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static void
scan_dir (const char *path,
          GPtrArray  *found)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          scan_dir (child, found);
          continue;
        }

      if (!g_file_get_contents (child, &contents, &length, NULL))
        continue;

      for (guint i = 0; i < secrets->len; i++)
        if (contains (contents, length, g_ptr_array_index (secrets, i)))
          g_ptr_array_add (found, g_strdup_printf ("%s in %s", (char *) g_ptr_array_index (secrets, i),
                                                   child));
    }
}

static void
add_encoded_forms (void)
{
  guint n = secrets->len;

  /* As sent (HTTP Basic) and as WordPress shows it (groups of four). */
  for (guint i = 0; i < n; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);
      GString *spaced = g_string_new (NULL);

      for (guint j = 0; secret[j] != '\0'; j++)
        {
          if (j > 0 && j % 4 == 0)
            g_string_append_c (spaced, ' ');
          g_string_append_c (spaced, secret[j]);
        }
      g_ptr_array_add (secrets, g_string_free (spaced, FALSE));
      g_ptr_array_add (secrets, g_strndup (secret, 12));
    }
  for (guint i = 0; i < n; i++)
    {
      const char *roles[] = { "author", "editor", "contributor" };

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_autofree char *pair = g_strdup_printf ("%s:%s", roles[r],
                                                   (char *) g_ptr_array_index (secrets, i));

          g_ptr_array_add (secrets, g_base64_encode ((const guchar *) pair, strlen (pair)));
        }
    }
}

static void
test_no_password_anywhere (void)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (secrets->len, >=, 3);
  add_encoded_forms ();

  /* Settings, data and cache of the processes, and all they printed with
   * G_MESSAGES_DEBUG=all. */
  scan_dir (home, found);
  for (guint i = 0; i < secrets->len; i++)
    if (strstr (all_output->str, g_ptr_array_index (secrets, i)) != NULL)
      g_ptr_array_add (found, g_strdup_printf ("%s in the output",
                                               (char *) g_ptr_array_index (secrets, i)));

  for (guint i = 0; i < found->len; i++)
    g_test_message ("found %s", (char *) g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);

  /* The scan did look at the settings file and the debug log. */
  {
    g_autofree char *keyfile = g_build_filename (home, "config", "glib-2.0", "settings",
                                                 "keyfile", NULL);

    g_assert_true (g_file_test (keyfile, G_FILE_TEST_EXISTS));
    g_assert_nonnull (strstr (all_output->str, "-DEBUG"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  portal = byline_test_portal_require ();
  if (g_strcmp0 (g_getenv ("BYLINE_TEST_KEYRING"), "1") != 0)
    {
      printf ("1..0 # SKIP no test keyring (build-aux/dev test provides one)\n");
      return 0;
    }

  cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "byline-cli", NULL);
  home = g_dir_make_tmp ("byline-cli-XXXXXX", &error);
  g_assert_no_error (error);
  secrets = g_ptr_array_new_with_free_func (g_free);
  all_output = g_string_new (NULL);

  /* In order: the last test checks what the others left behind. */
  g_test_add_func ("/cli-portal/account-cycle", test_account_cycle);
  g_test_add_func ("/cli-portal/review", test_review_commands);
  g_test_add_func ("/cli-portal/failures-say-why", test_failures_say_why);
  g_test_add_func ("/cli-portal/authorize", test_authorize);
  g_test_add_func ("/cli-portal/publish", test_publish);
  g_test_add_func ("/cli-portal/no-password-anywhere", test_no_password_anywhere);

  status = g_test_run ();

  byline_test_remove_tree (home);
  g_free (home);

  return status;
}
