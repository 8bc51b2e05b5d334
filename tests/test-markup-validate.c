/* test-markup-validate.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every block Byline writes must open as valid in the block editor. This
 * asks WordPress itself: tests/tools/wp-block-validate/validate.mjs runs the block editor's
 * own parser and block definitions from the installed wordpress package
 * (/usr/share/wordpress, 6.1) under Node.js + jsdom, in --strict mode (no
 * silent fixes or deprecations either). Checked: one block of every kind
 * and mark, the seed article with its three captioned photos (uploaded and
 * not yet uploaded), every paste fixture, and every supported block of
 * WordPress's own fixtures as Byline rewrites it.
 *
 * build-aux/dev test installs jsdom into the build tree
 * ($BYLINE_WP_BLOCK_VALIDATE/node_modules) from tests/tools/wp-block-validate's lock file.
 */

#include "config.h"

#include <stdio.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "byline-block-parser.h"
#include "byline-markup-test-utils.h"
#include "byline-markup-writer.h"
#include "byline-paste.h"

#define WORDPRESS_DIR "/usr/share/wordpress"

static char *tmp_dir;

static char *
write_case (const char *name,
            const char *markup)
{
  g_autofree char *file = g_strconcat (name, ".html", NULL);
  char *path = g_build_filename (tmp_dir, file, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, markup, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
seed_markup (gboolean uploaded)
{
  g_autoptr(BylineArticle) article = build_seed_article (uploaded);

  return byline_markup_serialize (article);
}

/* The blocks of @relative that Byline edits, rewritten from the model. */
static void
add_rewritten (GString    *out,
               const char *relative)
{
  gsize length;
  g_autofree char *post = read_test_file (relative, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = byline_markup_parse_blocks (post, length, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);

      if (byline_block_get_kind (block) == BYLINE_BLOCK_RAW)
        continue;
      if (out->len > 0)
        g_string_append (out, "\n\n");
      byline_markup_write_block (out, block);
    }
}

static char *
fixtures_rewritten (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "gutenberg", "blocks", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GString *out = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *relative = g_build_filename ("data", "gutenberg", "blocks", name, NULL);

      add_rewritten (out, relative);
    }
  add_rewritten (out, "data/gutenberg/large-post.html");

  return g_string_free (out, FALSE);
}

static char *
paste_markup (const char *name)
{
  g_autofree char *relative = g_strconcat ("data/paste/", name, NULL);
  gsize length;
  g_autofree char *html = read_test_file (relative, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = byline_paste_sanitize_html (html, length, &error);

  g_assert_no_error (error);
  return byline_markup_serialize_blocks (blocks);
}

static void
test_wordpress_validates (gconstpointer data)
{
  const char *validator_dir = data;
  g_autofree char *script = g_build_filename (validator_dir, "validate.mjs", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all_kinds = build_all_kinds ();
  g_autoptr(GSubprocess) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *results;
  guint n_blocks = 0;
  static const char * const pastes[] = {
    "libreoffice.html", "word.html", "google-docs.html", "browser.html", "hostile.html",
  };

  g_ptr_array_add (argv, g_strdup ("node"));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup ("--wp=" WORDPRESS_DIR));
  g_ptr_array_add (argv, g_strdup ("--strict"));
  g_ptr_array_add (argv, g_strdup ("--fail-on-freeform"));
  g_ptr_array_add (argv, g_strdup ("--json"));

  {
    g_autofree char *markup = byline_markup_serialize_blocks (all_kinds);
    g_autofree char *seed_uploaded = seed_markup (TRUE);
    g_autofree char *seed_local = seed_markup (FALSE);
    g_autofree char *rewritten = fixtures_rewritten ();

    g_ptr_array_add (argv, write_case ("every-kind", markup));
    g_ptr_array_add (argv, write_case ("seed-uploaded", seed_uploaded));
    g_ptr_array_add (argv, write_case ("seed-local", seed_local));
    g_ptr_array_add (argv, write_case ("wordpress-fixtures-rewritten", rewritten));
    for (guint i = 0; i < G_N_ELEMENTS (pastes); i++)
      {
        g_autofree char *pasted = paste_markup (pastes[i]);
        g_autofree char *name = g_strdup_printf ("paste-%.*s", (int) (strlen (pastes[i]) - 5), pastes[i]);

        g_ptr_array_add (argv, write_case (name, pasted));
      }
  }
  g_ptr_array_add (argv, NULL);

  node = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (node, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);

  json_parser_load_from_data (parser, out, -1, &error);
  if (error != NULL)
    g_error ("validate.mjs did not answer JSON: %s\n%s\n%s", error->message, out, err);

  results = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, argv->len - 7);
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      JsonObject *summary = json_object_get_object_member (result, "summary");
      const char *file = json_object_get_string_member (result, "file");

      g_test_message ("%s: %" G_GINT64_FORMAT " blocks, %" G_GINT64_FORMAT " valid", file,
                      json_object_get_int_member (summary, "blocks"),
                      json_object_get_int_member (summary, "valid"));
      n_blocks += json_object_get_int_member (summary, "blocks");
      if (!json_object_get_boolean_member (result, "ok"))
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(JsonNode) node_result = json_node_new (JSON_NODE_OBJECT);
          g_autofree char *dump = NULL;
          g_autofree char *contents = NULL;

          json_node_set_object (node_result, result);
          json_generator_set_root (generator, node_result);
          json_generator_set_pretty (generator, TRUE);
          dump = json_generator_to_data (generator, NULL);
          g_file_get_contents (file, &contents, NULL, NULL);
          g_error ("WordPress finds blocks not valid in %s:\n%s\n%s", file, dump, contents);
        }
    }

  /* The seed article alone is ~12 blocks; the rewritten fixtures ~600. */
  g_assert_cmpuint (n_blocks, >, 1000);
  g_assert_true (g_subprocess_get_successful (node));
}

int
main (int   argc,
      char *argv[])
{
  const char *validator_dir = g_getenv ("BYLINE_WP_BLOCK_VALIDATE");
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *jsdom = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (validator_dir != NULL)
    jsdom = g_build_filename (validator_dir, "node_modules", "jsdom", "package.json", NULL);
  if (node == NULL || jsdom == NULL || !g_file_test (jsdom, G_FILE_TEST_EXISTS) ||
      !g_file_test (WORDPRESS_DIR "/wp-includes/js/dist/blocks.js", G_FILE_TEST_EXISTS))
    {
      printf ("1..0 # SKIP needs node, jsdom and Debian's wordpress package (build-aux/dev test installs them)\n");
      return 0;
    }

  tmp_dir = g_dir_make_tmp ("byline-validate-XXXXXX", NULL);
  g_test_add_data_func ("/markup/wordpress-validates", validator_dir, test_wordpress_validates);
  status = g_test_run ();

  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (tmp_dir);

  return status;
}
