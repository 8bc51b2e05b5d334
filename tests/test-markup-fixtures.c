/* test-markup-fixtures.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WordPress's own block fixtures (tests/data/gutenberg, see its SOURCES.md)
 * through Byline's parser: every post is written back byte for byte; with
 * every block regenerated from the model no text is lost; raw blocks are
 * the exact bytes of the post; supported blocks land in the right fields.
 */

#include "config.h"

#include <libxml/HTMLparser.h>

#include "byline-block-parser.h"
#include "byline-html-reader.h"
#include "byline-markup-test-utils.h"
#include "byline-markup-writer.h"

/* The characters a reader sees in @html, whitespace aside (blocks written
 * by Byline and by the block editor lay whitespace out differently). */
static char *
visible_text (const char *html)
{
  g_autoptr(xmlDoc) doc = byline_html_parse (html, strlen (html), NULL, NULL);
  xmlNode *body = byline_html_get_body (doc);
  xmlChar *content = body != NULL ? xmlNodeGetContent (body) : NULL;
  GString *out = g_string_new (NULL);

  for (const char *p = (const char *) content; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  xmlFree (content);

  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *file;
  void      (*check) (GPtrArray *blocks);
} Expectation;

static BylineBlock *
only_block (GPtrArray       *blocks,
            BylineBlockKind  kind)
{
  BylineBlock *block;

  g_assert_cmpuint (blocks->len, ==, 1);
  block = g_ptr_array_index (blocks, 0);
  g_assert_cmpint (byline_block_get_kind (block), ==, kind);
  return block;
}

static void
assert_span (const BylineInline *text,
             guint               index,
             BylineMarkKind      kind,
             const char         *covered)
{
  const BylineSpan *span = byline_inline_get_span (text, index);

  g_assert_cmpint (span->kind, ==, kind);
  g_assert_cmpint (span->end - span->start, ==, strlen (covered));
  g_assert_cmpint (strncmp (byline_inline_get_text (text) + span->start, covered, strlen (covered)), ==, 0);
}

static void
check_heading_h2 (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_HEADING);

  g_assert_cmpuint (byline_block_get_level (block), ==, 2);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (block)), ==,
                   "A picture is worth a thousand words, or so the saying goes");
}

static void
check_heading_h4_em (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_HEADING);
  const BylineInline *text = byline_block_get_text (block);

  g_assert_cmpuint (byline_block_get_level (block), ==, 4);
  g_assert_cmpstr (byline_inline_get_text (text), ==, "The Inserter Tool");
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 1);
  assert_span (text, 0, BYLINE_MARK_ITALIC, "Inserter");
}

static void
check_image (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_FIGURE);

  g_assert_true (g_str_has_prefix (byline_block_get_url (block), "data:image/png;base64,iVBOR"));
  g_assert_null (byline_block_get_alt (block));
  g_assert_cmpint (byline_block_get_media_id (block), ==, 0);
  g_assert_true (byline_inline_is_empty (byline_block_get_caption (block)));
  g_assert_null (byline_block_get_size_slug (block));
}

static void
check_image_serialized (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_FIGURE);

  g_assert_cmpstr (byline_block_get_url (block), ==, "http://localhost:8888/wp-content/uploads/foo.png");
  g_assert_cmpint (byline_block_get_align (block), ==, BYLINE_ALIGN_NONE);
}

static void
check_image_center_caption (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_FIGURE);

  g_assert_cmpint (byline_block_get_align (block), ==, BYLINE_ALIGN_CENTER);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_caption (block)), ==,
                   "Give it a try. Press the \"really wide\" button on the image toolbar.");
  g_assert_null (byline_block_get_credit (block));
}

static void
check_list_ul (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_LIST);
  const BylineInline *last;

  g_assert_false (byline_block_get_ordered (block));
  g_assert_cmpuint (byline_block_get_n_items (block), ==, 6);
  g_assert_cmpstr (byline_inline_get_text (byline_list_item_get_text (byline_block_get_item (block, 0))), ==,
                   "Text & Headings");
  last = byline_list_item_get_text (byline_block_get_item (block, 5));
  g_assert_cmpstr (byline_inline_get_text (last), ==, "And Lists like this one of course :)");
  assert_span (last, 0, BYLINE_MARK_ITALIC, "Lists");
}

static void
check_paragraph_deprecated (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_PARAGRAPH);
  const BylineInline *text = byline_block_get_text (block);

  g_assert_cmpstr (byline_inline_get_text (text), ==, "Unwrapped is still valid.");
  assert_span (text, 0, BYLINE_MARK_ITALIC, "still");
}

static void
check_quote (GPtrArray *blocks)
{
  BylineBlock *block = only_block (blocks, BYLINE_BLOCK_QUOTE);

  g_assert_cmpuint (byline_block_get_n_paragraphs (block), ==, 1);
  g_assert_true (g_str_has_prefix (byline_inline_get_text (byline_block_get_paragraph (block, 0)),
                                   "The editor will endeavour to create a new page"));
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_citation (block)), ==, "Matt Mullenweg, 2017");
}

static void
check_separator (GPtrArray *blocks)
{
  only_block (blocks, BYLINE_BLOCK_SEPARATOR);
}

static void
check_freeform (GPtrArray *blocks)
{
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (g_ptr_array_index (blocks, 0))), ==,
                   "Testing freeform block with some");
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, 1)), ==, BYLINE_BLOCK_RAW);
  g_assert_null (byline_block_get_raw_name (g_ptr_array_index (blocks, 1)));
}

static const Expectation supported[] = {
  { "core__heading__h2.html", check_heading_h2 },
  { "core__heading__h2.serialized.html", check_heading_h2 },
  { "core__heading__h4-em.html", check_heading_h4_em },
  { "core__heading__h4-em.serialized.html", check_heading_h4_em },
  { "core__image.html", check_image },
  { "core__image.serialized.html", check_image_serialized },
  { "core__image__center-caption.serialized.html", check_image_center_caption },
  { "core__list__ul.html", check_list_ul },
  { "core__list__ul.serialized.html", check_list_ul },
  { "core__paragraph__deprecated.serialized.html", check_paragraph_deprecated },
  { "core__quote__style-1.html", check_quote },
  { "core__separator.html", check_separator },
  { "core__separator.serialized.html", check_separator },
  { "core__freeform__undelimited.serialized.html", check_freeform },
};

/* Fixtures whose one block carries what the model cannot hold (colours,
 * links around images, a list type, a citation paragraph, …) or is of a
 * kind Byline does not edit: kept raw. */
static const struct
{
  const char *prefix;
  const char *name;
} kept_raw[] = {
  { "core__columns", "core/columns" }, { "core__cover", "core/cover" },
  { "core__embed", "core/embed" }, { "core__file", "core/file" },
  { "core__gallery", "core/gallery" }, { "core__heading__h2-color", "core/heading" },
  { "core__html", "core/html" }, { "core__image__attachment-link", "core/image" },
  { "core__image__custom-link", "core/image" }, { "core__image__center-caption.html", "core/image" },
  { "core__list__deprecated-v2", "core/list" }, { "core__paragraph__align-right", "core/paragraph" },
  { "core__preformatted", "core/preformatted" }, { "core__pullquote", "core/pullquote" },
  { "core__quote__style-1.serialized", "core/quote" }, { "core__table", "core/table" },
  { "core__verse", "core/verse" }, { "core__video", "core/video" },
};

static void
strip_sources (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    byline_block_set_source (g_ptr_array_index (blocks, i), NULL, 0);
}

static gboolean
has_delimiters (const char *post,
                gsize       length)
{
  g_autoptr(BylineBlockTokenizer) tokenizer = byline_block_tokenizer_new (post, length);
  BylineBlockToken token;

  return byline_block_tokenizer_next (tokenizer, &token);
}

static void
assert_raw_blocks_in_order (const char *post,
                            GPtrArray  *blocks)
{
  const char *cursor = post;

  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);
      const char *found;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_RAW)
        continue;
      found = strstr (cursor, byline_block_get_raw_markup (block));
      g_assert_nonnull (found);
      cursor = found + byline_block_get_raw_length (block);
    }
}

/* What every fixture must satisfy; returns the blocks. */
static GPtrArray *
check_fixture (const char *relative)
{
  gsize length;
  g_autofree char *post = read_test_file (relative, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = byline_markup_parse_blocks (post, length, &error);
  g_autoptr(GPtrArray) regenerated = NULL;
  g_autofree char *again = NULL;
  g_autofree char *rewritten = NULL;
  g_autofree char *text_before = NULL;
  g_autofree char *text_after = NULL;

  g_test_message ("%s", relative);
  g_assert_no_error (error);

  /* Unchanged: byte for byte, but for classic content (no block
   * delimiters), which is converted to blocks. */
  again = byline_markup_serialize_blocks (blocks);
  if (has_delimiters (post, length))
    g_assert_cmpstr (again, ==, post);

  /* Raw blocks are the post's own bytes, in order. */
  assert_raw_blocks_in_order (post, blocks);

  /* Every block regenerated from the model: the same text. */
  regenerated = byline_markup_parse_blocks (post, length, &error);
  g_assert_no_error (error);
  strip_sources (regenerated);
  rewritten = byline_markup_serialize_blocks (regenerated);
  text_before = visible_text (post);
  text_after = visible_text (rewritten);
  g_assert_cmpstr (text_after, ==, text_before);

  return g_steal_pointer (&blocks);
}

static void
test_block_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "gutenberg", "blocks", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_supported = 0, n_raw = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".html"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, ==, 48);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *relative = g_build_filename ("data", "gutenberg", "blocks", file, NULL);
      g_autoptr(GPtrArray) blocks = check_fixture (relative);
      gboolean checked = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (supported); j++)
        if (g_str_equal (file, supported[j].file))
          {
            supported[j].check (blocks);
            checked = TRUE;
            n_supported++;
          }
      for (guint j = 0; j < G_N_ELEMENTS (kept_raw) && !checked; j++)
        if (g_str_has_prefix (file, kept_raw[j].prefix))
          {
            BylineBlock *block = only_block (blocks, BYLINE_BLOCK_RAW);

            g_assert_cmpstr (byline_block_get_raw_name (block), ==, kept_raw[j].name);
            checked = TRUE;
            n_raw++;
          }
      if (!checked)
        g_error ("no expectation for %s", file);
    }

  g_assert_cmpuint (n_supported + n_raw, ==, names->len);
}

static void
test_large_post (void)
{
  g_autoptr(GPtrArray) blocks = check_fixture ("data/gutenberg/large-post.html");
  guint counts[BYLINE_BLOCK_RAW + 1] = { 0, };

  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);

      counts[byline_block_get_kind (block)]++;
      /* The paragraphs kept raw hold links that open in a new tab. */
      if (byline_block_get_kind (block) == BYLINE_BLOCK_RAW)
        {
          g_assert_cmpstr (byline_block_get_raw_name (block), ==, "core/paragraph");
          g_assert_nonnull (strstr (byline_block_get_raw_markup (block), "target=\"_blank\""));
        }
    }

  g_assert_cmpuint (counts[BYLINE_BLOCK_HEADING], ==, 202);
  g_assert_cmpuint (counts[BYLINE_BLOCK_LIST], ==, 95);
  g_assert_cmpuint (counts[BYLINE_BLOCK_QUOTE], ==, 91);
  g_assert_cmpuint (counts[BYLINE_BLOCK_FIGURE], ==, 17);
  g_assert_cmpuint (counts[BYLINE_BLOCK_PARAGRAPH] + counts[BYLINE_BLOCK_RAW], ==, 638 - 91);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markup/fixtures/blocks", test_block_fixtures);
  g_test_add_func ("/markup/fixtures/large-post", test_large_post);

  return g_test_run ();
}
