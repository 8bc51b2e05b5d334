/* test-paste.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pasting into an article: HTML from LibreOffice, Word, Google Docs and a
 * browser (tests/data/paste, Vietnamese content) and hostile HTML reduced
 * to the article's blocks, plain text split into paragraphs; and the
 * markup Byline writes for them passed through WordPress's own kses filter
 * as a contributor's post is (wp_kses_post() from the installed wordpress
 * package, run by PHP), which must leave it unchanged.
 */

#include "config.h"

#include <stdio.h>

#include <gio/gio.h>

#include "byline-error.h"
#include "byline-markup-test-utils.h"
#include "byline-markup-writer.h"
#include "byline-paste.h"

#define WORDPRESS_DIR "/usr/share/wordpress"

static GPtrArray *
paste_fixture (const char *name)
{
  g_autofree char *relative = g_strconcat ("data/paste/", name, NULL);
  gsize length;
  g_autofree char *html = read_test_file (relative, &length);
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks = byline_paste_sanitize_html (html, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (blocks);
  return blocks;
}

static char *
serialize (GPtrArray *blocks)
{
  return byline_markup_serialize_blocks (blocks);
}

static BylineBlock *
block_at (GPtrArray       *blocks,
          guint            index,
          BylineBlockKind  kind)
{
  BylineBlock *block;

  g_assert_cmpuint (index, <, blocks->len);
  block = g_ptr_array_index (blocks, index);
  g_assert_cmpint (byline_block_get_kind (block), ==, kind);
  return block;
}

static const char *
text_of (BylineBlock *block)
{
  return byline_inline_get_text (byline_block_get_text (block));
}

/* Whether @text has a span of @kind over exactly @covered. */
static gboolean
has_mark (const BylineInline *text,
          BylineMarkKind      kind,
          const char         *covered,
          const char         *href)
{
  const char *str = byline_inline_get_text (text);

  for (guint i = 0; i < byline_inline_get_n_spans (text); i++)
    {
      const BylineSpan *span = byline_inline_get_span (text, i);

      if (span->kind == kind && span->end - span->start == strlen (covered) &&
          strncmp (str + span->start, covered, strlen (covered)) == 0 &&
          g_strcmp0 (span->href, href) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Nothing of the source's styling or scripting reaches the article. */
static void
assert_clean (const char *markup)
{
  static const char * const banned[] = {
    "style=", "<script", "onclick", "onerror", "onload", "javascript:", "vbscript:", "data:",
    "o:p", "mso-", "Mso", "<span>", "<font", "<b>", "<i>", "class=\"western\"", "<!--[if",
    "<![", "docs-internal", "file:", "<iframe", "<form", "<input", "<svg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (banned); i++)
    if (strstr (markup, banned[i]) != NULL)
      g_error ("\"%s\" survived in:\n%s", banned[i], markup);
}

static void
test_libreoffice (void)
{
  g_autoptr(GPtrArray) blocks = paste_fixture ("libreoffice.html");
  g_autofree char *markup = serialize (blocks);
  BylineBlock *block, *list, *figure;

  g_test_message ("%s", markup);
  assert_clean (markup);
  g_assert_cmpuint (blocks->len, ==, 5);

  block = block_at (blocks, 0, BYLINE_BLOCK_HEADING);
  g_assert_cmpuint (byline_block_get_level (block), ==, 2);
  g_assert_cmpstr (text_of (block), ==, "Kết quả giảm nghèo năm 2023");

  block = block_at (blocks, 1, BYLINE_BLOCK_PARAGRAPH);
  g_assert_true (g_str_has_prefix (text_of (block), "Trong năm 2023, huyện Gia Viễn đã tích cực chỉ đạo"));
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_BOLD, "Gia Viễn", NULL));
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_ITALIC, "tích cực", NULL));
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_LINK, "Cổng thông tin",
                           "https://giavien.ninhbinh.gov.vn/tin-tuc"));

  list = block_at (blocks, 2, BYLINE_BLOCK_LIST);
  g_assert_true (byline_block_get_ordered (list));
  g_assert_cmpuint (byline_block_get_n_items (list), ==, 2);
  g_assert_nonnull (byline_list_item_get_sublist (byline_block_get_item (list, 1)));

  /* A photo in the document: a local file for the editor to pick up. */
  figure = block_at (blocks, 3, BYLINE_BLOCK_FIGURE);
  g_assert_cmpstr (byline_block_get_local_path (figure), ==, "/home/camvan/Ảnh/doan-cong-tac.jpg");
  g_assert_null (byline_block_get_url (figure));

  block = block_at (blocks, 4, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (text_of (block), ==, "Đồng chí Ngô Hùng Khánh chủ trì làm việc với Đoàn");
}

static void
test_word (void)
{
  g_autoptr(GPtrArray) blocks = paste_fixture ("word.html");
  g_autofree char *markup = serialize (blocks);
  BylineBlock *block, *list, *sublist, *figure;

  g_test_message ("%s", markup);
  assert_clean (markup);
  g_assert_cmpuint (blocks->len, ==, 5);

  block = block_at (blocks, 0, BYLINE_BLOCK_HEADING);
  g_assert_cmpuint (byline_block_get_level (block), ==, 1);

  block = block_at (blocks, 1, BYLINE_BLOCK_PARAGRAPH);
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_BOLD, "Lê Thị Lựu", NULL));
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_ITALIC,
                           "kết quả thực hiện công tác giảm nghèo", NULL));
  g_assert_nonnull (strstr (text_of (block), "Sở Lao động- TB&XH làm Trưởng đoàn đã về kiểm tra"));

  /* Word's mso-list paragraphs: one list, nested by level, bullets gone. */
  list = block_at (blocks, 2, BYLINE_BLOCK_LIST);
  g_assert_false (byline_block_get_ordered (list));
  g_assert_cmpuint (byline_block_get_n_items (list), ==, 2);
  g_assert_cmpstr (byline_inline_get_text (byline_list_item_get_text (byline_block_get_item (list, 0))), ==,
                   "Toàn huyện có 777 hộ nghèo, chiếm 1,92%");
  sublist = byline_list_item_get_sublist (byline_block_get_item (list, 0));
  g_assert_nonnull (sublist);
  g_assert_cmpstr (byline_inline_get_text (byline_list_item_get_text (byline_block_get_item (sublist, 0))), ==,
                   "Giảm 155 hộ so với năm 2022");

  figure = block_at (blocks, 3, BYLINE_BLOCK_FIGURE);
  g_assert_cmpstr (byline_block_get_alt (figure), ==, "Đồng chí Ngô Hùng Khánh chủ trì làm việc với Đoàn");
  g_assert_true (g_str_has_suffix (byline_block_get_local_path (figure), "clip_image002.jpg"));

  /* The javascript: link keeps its words, loses the link. */
  block = block_at (blocks, 4, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (text_of (block), ==, "Xem thêm tại giavien.ninhbinh.gov.vn và đây.");
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (block)), ==, 1);
}

static void
test_google_docs (void)
{
  g_autoptr(GPtrArray) blocks = paste_fixture ("google-docs.html");
  g_autofree char *markup = serialize (blocks);
  BylineBlock *block, *list, *figure;
  const BylineInline *text;

  g_test_message ("%s", markup);
  assert_clean (markup);
  g_assert_cmpuint (blocks->len, ==, 5);

  /* The document-wide <b style="font-weight:normal"> makes nothing bold. */
  block = block_at (blocks, 0, BYLINE_BLOCK_HEADING);
  g_assert_cmpstr (text_of (block), ==, "Hỗ trợ nhà ở cho hộ nghèo");
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (block)), ==, 0);

  block = block_at (blocks, 1, BYLINE_BLOCK_PARAGRAPH);
  text = byline_block_get_text (block);
  g_assert_cmpuint (byline_inline_get_n_spans (text), ==, 3);
  g_assert_true (has_mark (text, BYLINE_MARK_BOLD, "hỗ trợ nhà ở", NULL));
  g_assert_true (has_mark (text, BYLINE_MARK_ITALIC, "năm 2023", NULL));
  g_assert_true (has_mark (text, BYLINE_MARK_SUPERSCRIPT, "1", NULL));

  list = block_at (blocks, 2, BYLINE_BLOCK_LIST);
  g_assert_cmpuint (byline_block_get_n_items (list), ==, 2);
  g_assert_true (has_mark (byline_list_item_get_text (byline_block_get_item (list, 1)),
                           BYLINE_MARK_STRIKETHROUGH, "8 nhà đang sửa chữa", NULL));

  figure = block_at (blocks, 3, BYLINE_BLOCK_FIGURE);
  g_assert_true (g_str_has_prefix (byline_block_get_url (figure), "https://lh7-us.googleusercontent.com/"));

  block = block_at (blocks, 4, BYLINE_BLOCK_PARAGRAPH);
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_LINK, "Cổng thông tin huyện",
                           "https://www.google.com/url?q=https://giavien.ninhbinh.gov.vn/&sa=D&source=editors"));
}

static void
test_browser (void)
{
  g_autoptr(GPtrArray) blocks = paste_fixture ("browser.html");
  g_autofree char *markup = serialize (blocks);
  BylineBlock *block, *figure, *quote;

  g_test_message ("%s", markup);
  assert_clean (markup);
  g_assert_null (strstr (markup, "Quảng cáo ẩn"));
  g_assert_null (strstr (markup, "adsbygoogle"));
  g_assert_cmpuint (blocks->len, ==, 6);

  block_at (blocks, 0, BYLINE_BLOCK_HEADING);
  block = block_at (blocks, 2, BYLINE_BLOCK_PARAGRAPH);
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_LINK, "Xem thêm",
                           "https://baoninhbinh.example.vn/giam-ngheo.html"));

  figure = block_at (blocks, 3, BYLINE_BLOCK_FIGURE);
  g_assert_cmpstr (byline_block_get_url (figure), ==, "https://cdn.baoninhbinh.example.vn/2023/11/15/doan-cong-tac.jpg");
  g_assert_cmpstr (byline_block_get_alt (figure), ==, "Đoàn công tác kiểm tra hộ nghèo");
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_caption (figure)), ==,
                   "Đoàn Công tác của tỉnh kiểm tra một số hộ nghèo.");

  quote = block_at (blocks, 4, BYLINE_BLOCK_QUOTE);
  g_assert_cmpuint (byline_block_get_n_paragraphs (quote), ==, 1);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_citation (quote)), ==, "Đồng chí Lê Thị Lựu");

  block = block_at (blocks, 5, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (text_of (block), ==, "Cẩm Vân, Trung tâm VHTT&TT");
}

static void
test_hostile (void)
{
  g_autoptr(GPtrArray) blocks = paste_fixture ("hostile.html");
  g_autofree char *markup = serialize (blocks);
  BylineBlock *block;

  g_test_message ("%s", markup);
  assert_clean (markup);
  /* Only the two alerts written as text are left, as text. */
  for (guint n = 1; n <= 20; n++)
    {
      g_autofree char *call = g_strdup_printf ("alert(%u)", n);

      if (n != 18 && n != 20)
        g_assert_null (strstr (markup, call));
    }
  g_assert_null (strstr (markup, "<a href=\"/"));
  g_assert_null (strstr (markup, "Bật JavaScript"));
  g_assert_null (strstr (markup, "Mẫu"));
  g_assert_cmpuint (blocks->len, ==, 4);

  /* Only the mailto: link is left. */
  block = block_at (blocks, 0, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (block)), ==, 1);
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_LINK, "hộp thư",
                           "mailto:toasoan@giavien.example.vn"));

  /* Escaped markup stays text. */
  block = block_at (blocks, 1, BYLINE_BLOCK_PARAGRAPH);
  g_assert_true (has_mark (byline_block_get_text (block), BYLINE_MARK_BOLD, "Chữ đậm", NULL));
  g_assert_nonnull (strstr (text_of (block), "<script>alert(18)</script> là chữ thường."));
  block = block_at (blocks, 2, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpstr (text_of (block), ==, "<!-- wp:html --><script>alert(20)</script><!-- /wp:html -->");
}

static void
test_invalid_utf8_kept (void)
{
  static const char html[] = "<p>Vi\xe1\xbb\x87t <b>Nam</b> \xff\xfe h\xe1</p>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = byline_paste_sanitize_html (html, sizeof html - 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (text_of (g_ptr_array_index (blocks, 0)), ==, "Việt Nam \xef\xbf\xbd\xef\xbf\xbd h\xef\xbf\xbd");
}

/* An HTML file with its photos beside it: relative images are kept as
 * local paths (a paste drops them: they point nowhere). */
static void
test_file_with_local_images (void)
{
  static const char html[] =
    "<h1>Tin</h1><figure><img src=\"anh/h%E1%BB%99i-ngh%E1%BB%8B.jpg\" alt=\"Hội nghị\">"
    "<figcaption>Đồng chí chủ trì</figcaption></figure>"
    "<p><img src=\"/tuyet-doi.jpg\"><img src=\"data:image/png;base64,AAAA\">"
    "<img src=\"file:///tmp/anh.jpg\"><img src=\"https://example.vn/a.jpg\"></p>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) from_file = byline_paste_sanitize_html_file (html, strlen (html), &error);
  g_autoptr(GPtrArray) pasted = byline_paste_sanitize_html (html, strlen (html), &error);
  guint figures = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < from_file->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (from_file, i);

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      figures++;
      if (figures == 1)
        {
          g_assert_cmpstr (byline_block_get_local_path (block), ==, "anh/hội-nghị.jpg");
          g_assert_cmpstr (byline_inline_get_text (byline_block_get_caption (block)), ==,
                           "Đồng chí chủ trì");
          g_assert_cmpstr (byline_block_get_alt (block), ==, "Hội nghị");
        }
    }
  /* The relative photo, the file: one and the web one; not "/…" or data:. */
  g_assert_cmpuint (figures, ==, 3);

  figures = 0;
  for (guint i = 0; i < pasted->len; i++)
    if (byline_block_get_kind (g_ptr_array_index (pasted, i)) == BYLINE_BLOCK_FIGURE)
      figures++;
  g_assert_cmpuint (figures, ==, 2);
}

static void
test_plain_text (void)
{
  g_autoptr(GPtrArray) blank_separated =
    byline_paste_plain_text ("\r\nNgày 14/11, Đoàn công tác\r\nđã về kiểm tra.\r\n\r\n\r\nTrong năm 2023 <b>không</b> phải HTML.\r\n\r\n", -1);
  g_autoptr(GPtrArray) line_separated =
    byline_paste_plain_text ("Dòng một\nDòng hai\n   \nDòng ba", -1);
  g_autoptr(GPtrArray) one_per_line =
    byline_paste_plain_text ("Một\rHai\nBa", -1);
  g_autoptr(GPtrArray) empty = byline_paste_plain_text ("  \n\n ", -1);
  g_autoptr(GPtrArray) invalid = byline_paste_plain_text ("Vi\xe1\xbb", -1);
  g_autofree char *markup = serialize (blank_separated);

  g_assert_cmpuint (blank_separated->len, ==, 2);
  g_assert_cmpstr (text_of (g_ptr_array_index (blank_separated, 0)), ==, "Ngày 14/11, Đoàn công tác\nđã về kiểm tra.");
  g_assert_cmpstr (text_of (g_ptr_array_index (blank_separated, 1)), ==, "Trong năm 2023 <b>không</b> phải HTML.");
  g_assert_nonnull (strstr (markup, "Đoàn công tác<br>đã về"));
  g_assert_nonnull (strstr (markup, "&lt;b&gt;không&lt;/b&gt;"));

  /* A blank line between text: blank-line separated. */
  g_assert_cmpuint (line_separated->len, ==, 2);
  g_assert_cmpstr (text_of (g_ptr_array_index (line_separated, 0)), ==, "Dòng một\nDòng hai");

  g_assert_cmpuint (one_per_line->len, ==, 3);
  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (invalid->len, ==, 1);
}

/* ---- kses -------------------------------------------------------------- */

static char *
run_kses (const char *markup)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "data", "wp-kses-post.php", NULL);
  const char *argv[] = { "php", script, WORDPRESS_DIR, NULL };
  g_autoptr(GSubprocess) php = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;

  php = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                 G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (php, markup, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (php))
    g_error ("PHP failed: %s", err);

  return out;
}

static void
assert_survives_kses (const char *what,
                      const char *markup)
{
  g_autofree char *filtered = run_kses (markup);

  g_test_message ("%s", what);
  g_assert_cmpstr (filtered, ==, markup);
}

static void
test_kses_leaves_pastes_unchanged (void)
{
  static const char * const fixtures[] = {
    "libreoffice.html", "word.html", "google-docs.html", "browser.html", "hostile.html",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GPtrArray) blocks = paste_fixture (fixtures[i]);
      g_autofree char *markup = serialize (blocks);

      assert_survives_kses (fixtures[i], markup);
    }
}

static void
test_kses_leaves_articles_unchanged (void)
{
  g_autoptr(BylineArticle) uploaded = build_seed_article (TRUE);
  g_autoptr(BylineArticle) local = build_seed_article (FALSE);
  g_autofree char *uploaded_markup = byline_markup_serialize (uploaded);
  g_autofree char *local_markup = byline_markup_serialize (local);
  g_autoptr(GPtrArray) blocks = build_all_kinds ();
  g_autofree char *all_kinds = serialize (blocks);

  assert_survives_kses ("seed article, photos uploaded", uploaded_markup);
  assert_survives_kses ("seed article, photos local", local_markup);
  assert_survives_kses ("every block kind and mark", all_kinds);
}

static void
skip_kses (void)
{
  g_test_skip ("needs php and Debian's wordpress package (build-aux/dev test installs them)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *php = g_find_program_in_path ("php");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paste/libreoffice", test_libreoffice);
  g_test_add_func ("/paste/word", test_word);
  g_test_add_func ("/paste/google-docs", test_google_docs);
  g_test_add_func ("/paste/browser", test_browser);
  g_test_add_func ("/paste/hostile", test_hostile);
  g_test_add_func ("/paste/invalid-utf8", test_invalid_utf8_kept);
  g_test_add_func ("/paste/plain-text", test_plain_text);
  g_test_add_func ("/paste/file-with-local-images", test_file_with_local_images);

  if (php != NULL && g_file_test (WORDPRESS_DIR "/wp-includes/kses.php", G_FILE_TEST_EXISTS))
    {
      g_test_add_func ("/paste/kses/pastes-unchanged", test_kses_leaves_pastes_unchanged);
      g_test_add_func ("/paste/kses/articles-unchanged", test_kses_leaves_articles_unchanged);
    }
  else
    {
      g_test_add_func ("/paste/kses", skip_kses);
    }

  return g_test_run ();
}
