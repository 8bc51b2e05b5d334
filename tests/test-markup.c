/* test-markup.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WordPress block markup both ways: every block kind and inline mark written
 * and read back with Vietnamese text, the delimiter grammar, blocks kept
 * raw byte for byte, round trips of whole posts, classic posts, and hostile
 * input (deep nesting, unterminated comments, invalid UTF-8, huge posts).
 */

#include "config.h"

#include "byline-article-json.h"
#include "byline-block-parser.h"
#include "byline-error.h"
#include "byline-markup-test-utils.h"
#include "byline-markup-writer.h"
#include "byline-paste.h"

static char *
write_one (BylineBlock *block)
{
  g_autoptr(GString) out = g_string_new (NULL);

  byline_markup_write_block (out, block);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GPtrArray *
parse_ok (const char *markup)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *blocks = byline_markup_parse_blocks (markup, strlen (markup), &error);

  g_assert_no_error (error);
  g_assert_nonnull (blocks);
  return blocks;
}

/* Parses @markup, which must be one block, and checks that the unchanged
 * block is written back byte for byte. */
static BylineBlock *
parse_one (const char *markup)
{
  g_autoptr(GPtrArray) blocks = parse_ok (markup);
  g_autofree char *again = byline_markup_serialize_blocks (blocks);

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpstr (again, ==, markup);
  return byline_block_ref (g_ptr_array_index (blocks, 0));
}

/* Writes @block, reads it back, and checks the result holds the same. */
static BylineBlock *
round_trip (BylineBlock *block)
{
  g_autofree char *markup = write_one (block);
  BylineBlock *back = parse_one (markup);

  g_test_message ("%s", markup);
  g_assert_cmpint (byline_block_get_kind (back), ==, byline_block_get_kind (block));
  if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
    g_assert_true (byline_block_equal (back, block));
  return back;
}

static BylineInline *
rich_text (void)
{
  BylineInline *inl = byline_inline_new ("Trong năm 2023, huyện Gia Viễn đã tích cực chỉ đạo "
                                         "triển khai H2O và x2 cũ mới\nxem tại đây.");

  mark_text (inl, BYLINE_MARK_BOLD, "Gia Viễn", NULL);
  mark_text (inl, BYLINE_MARK_ITALIC, "tích cực", NULL);
  mark_text (inl, BYLINE_MARK_SUBSCRIPT, "2O", NULL);
  mark_text (inl, BYLINE_MARK_SUPERSCRIPT, "2 ", NULL);
  mark_text (inl, BYLINE_MARK_STRIKETHROUGH, "cũ", NULL);
  mark_text (inl, BYLINE_MARK_LINK, "xem tại đây", "https://giavien.ninhbinh.gov.vn/?a=1&b=2");
  /* Bold overlapping the start of the link: tags must nest properly. */
  mark_text (inl, BYLINE_MARK_BOLD, "mới\nxem", NULL);
  return inl;
}

static void
test_paragraph_marks (void)
{
  g_autoptr(BylineBlock) paragraph = byline_block_new_paragraph (rich_text ());
  g_autoptr(BylineBlock) back = NULL;
  g_autofree char *markup = write_one (paragraph);

  g_assert_cmpstr (markup, ==,
                   "<!-- wp:paragraph -->\n<p>Trong năm 2023, huyện <strong>Gia Viễn</strong> đã "
                   "<em>tích cực</em> chỉ đạo triển khai H<sub>2O</sub> và x<sup>2 </sup><s>cũ</s> "
                   "<strong>mới<br><a href=\"https://giavien.ninhbinh.gov.vn/?a=1&amp;b=2\">xem</a>"
                   "</strong><a href=\"https://giavien.ninhbinh.gov.vn/?a=1&amp;b=2\"> tại đây</a>.</p>\n"
                   "<!-- /wp:paragraph -->");
  back = round_trip (paragraph);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (back)), ==, 7);
}

static void
test_paragraph_escaping (void)
{
  g_autoptr(BylineBlock) paragraph =
    byline_block_new_paragraph (byline_inline_new ("Giá < 5 & > 3 \"đồng\" <!-- wp:html --> --> <b>"));
  g_autoptr(BylineBlock) back = NULL;
  g_autofree char *markup = write_one (paragraph);

  g_assert_null (strstr (markup, "<b>"));
  g_assert_null (strstr (markup, "<!-- wp:html"));
  back = round_trip (paragraph);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (back)), ==,
                   "Giá < 5 & > 3 \"đồng\" <!-- wp:html --> --> <b>");
}

static void
test_heading_levels (void)
{
  for (guint level = 1; level <= 6; level++)
    {
      g_autoptr(BylineInline) text = byline_inline_new ("Kết quả giảm nghèo bền vững");
      g_autoptr(BylineBlock) heading = NULL;
      g_autoptr(BylineBlock) back = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *expected = NULL;

      mark_text (text, BYLINE_MARK_ITALIC, "bền vững", NULL);
      heading = byline_block_new_heading (level, g_steal_pointer (&text));
      markup = write_one (heading);
      if (level == 2)
        expected = g_strdup ("<!-- wp:heading -->\n<h2>Kết quả giảm nghèo <em>bền vững</em></h2>\n"
                             "<!-- /wp:heading -->");
      else
        expected = g_strdup_printf ("<!-- wp:heading {\"level\":%u} -->\n<h%u>Kết quả giảm nghèo "
                                    "<em>bền vững</em></h%u>\n<!-- /wp:heading -->",
                                    level, level, level);
      g_assert_cmpstr (markup, ==, expected);
      back = round_trip (heading);
      g_assert_cmpuint (byline_block_get_level (back), ==, level);
    }
}

static BylineBlock *
make_nested_list (void)
{
  g_autoptr(BylineBlock) sub = byline_block_new_list (TRUE);
  BylineBlock *list = byline_block_new_list (FALSE);
  BylineInline *item = byline_inline_new ("Hoàn thành 71 nhà");

  byline_block_append_item (sub, byline_list_item_new (byline_inline_new ("Xã Gia Hòa"), NULL));
  byline_block_append_item (sub, byline_list_item_new (byline_inline_new ("Xã Gia Vân"), NULL));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Khởi công 79/81 căn"), NULL));
  mark_text (item, BYLINE_MARK_BOLD, "71", NULL);
  byline_block_append_item (list, byline_list_item_new (item, g_steal_pointer (&sub)));
  return list;
}

static void
test_list_nested (void)
{
  g_autoptr(BylineBlock) list = make_nested_list ();
  g_autoptr(BylineBlock) back = NULL;
  g_autofree char *markup = write_one (list);
  BylineBlock *sublist;

  g_assert_cmpstr (markup, ==,
                   "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Khởi công 79/81 căn</li>\n"
                   "<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Hoàn thành <strong>71</strong> "
                   "nhà<!-- wp:list {\"ordered\":true} -->\n<ol><!-- wp:list-item -->\n<li>Xã Gia Hòa</li>\n"
                   "<!-- /wp:list-item -->\n\n<!-- wp:list-item -->\n<li>Xã Gia Vân</li>\n"
                   "<!-- /wp:list-item --></ol>\n<!-- /wp:list --></li>\n<!-- /wp:list-item --></ul>\n"
                   "<!-- /wp:list -->");
  back = round_trip (list);
  sublist = byline_list_item_get_sublist (byline_block_get_item (back, 1));
  g_assert_nonnull (sublist);
  g_assert_true (byline_block_get_ordered (sublist));
  g_assert_cmpuint (byline_block_get_n_items (sublist), ==, 2);
}

static void
test_list_before_6_1 (void)
{
  /* Lists as WordPress wrote them before list-item blocks. */
  g_autoptr(BylineBlock) list = parse_one ("<!-- wp:list {\"ordered\":true} -->\n<ol><li>Một</li>"
                                           "<li>Hai<ul><li>Hai chấm một</li></ul></li></ol>\n"
                                           "<!-- /wp:list -->");
  g_autofree char *rewritten = NULL;

  g_assert_cmpint (byline_block_get_kind (list), ==, BYLINE_BLOCK_LIST);
  g_assert_true (byline_block_get_ordered (list));
  g_assert_cmpuint (byline_block_get_n_items (list), ==, 2);
  g_assert_nonnull (byline_list_item_get_sublist (byline_block_get_item (list, 1)));

  /* Once edited it is written in the current form. */
  byline_block_set_source (list, NULL, 0);
  rewritten = write_one (list);
  g_assert_nonnull (strstr (rewritten, "<!-- wp:list-item -->"));
}

static void
test_quote (void)
{
  g_autoptr(BylineBlock) quote = byline_block_new_quote ();
  g_autoptr(BylineBlock) bare = byline_block_new_quote ();
  g_autoptr(BylineBlock) back = NULL;
  g_autoptr(BylineBlock) bare_back = NULL;
  g_autofree char *markup = NULL;
  BylineInline *first = byline_inline_new ("Tiếp tục thực hiện Chương trình mục tiêu quốc gia.");

  mark_text (first, BYLINE_MARK_BOLD, "Chương trình", NULL);
  byline_block_append_paragraph (quote, first);
  byline_block_append_paragraph (quote, byline_inline_new ("Đẩy mạnh công tác tuyên truyền."));
  byline_block_set_citation (quote, byline_inline_new ("Lê Thị Lựu"));
  markup = write_one (quote);
  g_assert_cmpstr (markup, ==,
                   "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n"
                   "<p>Tiếp tục thực hiện <strong>Chương trình</strong> mục tiêu quốc gia.</p>\n"
                   "<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Đẩy mạnh công tác tuyên truyền.</p>\n"
                   "<!-- /wp:paragraph --><cite>Lê Thị Lựu</cite></blockquote>\n<!-- /wp:quote -->");
  back = round_trip (quote);
  g_assert_cmpuint (byline_block_get_n_paragraphs (back), ==, 2);
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_citation (back)), ==, "Lê Thị Lựu");

  byline_block_append_paragraph (bare, byline_inline_new ("Không có trích dẫn."));
  bare_back = round_trip (bare);
  g_assert_null (byline_block_get_citation (bare_back));
}

static void
assert_figures_equal (BylineBlock *a,
                      BylineBlock *b)
{
  g_assert_cmpint (byline_block_get_media_id (a), ==, byline_block_get_media_id (b));
  g_assert_cmpstr (byline_block_get_url (a), ==, byline_block_get_url (b));
  g_assert_cmpstr (byline_block_get_alt (a), ==, byline_block_get_alt (b));
  g_assert_cmpstr (byline_block_get_credit (a), ==, byline_block_get_credit (b));
  g_assert_cmpstr (byline_block_get_size_slug (a), ==, byline_block_get_size_slug (b));
  g_assert_cmpint (byline_block_get_align (a), ==, byline_block_get_align (b));
  g_assert_true (byline_inline_equal (byline_block_get_caption (a), byline_block_get_caption (b)));
}

static void
test_figure_uploaded (void)
{
  g_autoptr(BylineBlock) figure = byline_block_new_figure (NULL);
  g_autoptr(BylineBlock) back = NULL;
  g_autofree char *markup = NULL;
  BylineInline *caption = byline_inline_new ("Đồng chí Ngô Hùng Khánh chủ trì làm việc với Đoàn");

  mark_text (caption, BYLINE_MARK_ITALIC, "Ngô Hùng Khánh", NULL);
  byline_block_set_media (figure, 12, "http://127.0.0.1/wp-content/uploads/2023/11/a.jpg");
  byline_block_set_caption (figure, caption);
  byline_block_set_alt (figure, "Ông \"Khánh\" & Đoàn");
  byline_block_set_credit (figure, "Ảnh: Cẩm Vân");
  markup = write_one (figure);
  g_assert_cmpstr (markup, ==,
                   "<!-- wp:image {\"id\":12,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                   "<figure class=\"wp-block-image size-large\"><img "
                   "src=\"http://127.0.0.1/wp-content/uploads/2023/11/a.jpg\" "
                   "alt=\"Ông &quot;Khánh&quot; &amp; Đoàn\" class=\"wp-image-12\" />"
                   "<figcaption class=\"wp-element-caption\">Đồng chí <em>Ngô Hùng Khánh</em> chủ trì "
                   "làm việc với Đoàn<br><span class=\"byline-credit\">Ảnh: Cẩm Vân</span></figcaption>"
                   "</figure>\n<!-- /wp:image -->");
  back = round_trip (figure);
  assert_figures_equal (figure, back);
}

static void
test_figure_local (void)
{
  g_autoptr(BylineBlock) figure = byline_block_new_figure (NULL);
  g_autoptr(BylineBlock) credit_only = byline_block_new_figure (NULL);
  g_autoptr(BylineBlock) back = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *credit_markup = NULL;

  /* A photo not uploaded yet: no media id, no wp-image class, no src. */
  byline_block_set_local_path (figure, "photos/anh-1.jpg");
  byline_block_set_caption (figure, byline_inline_new ("Đoàn kiểm tra hộ nghèo"));
  markup = write_one (figure);
  g_assert_cmpstr (markup, ==,
                   "<!-- wp:image {\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                   "<figure class=\"wp-block-image size-large\"><img alt=\"\" />"
                   "<figcaption class=\"wp-element-caption\">Đoàn kiểm tra hộ nghèo</figcaption></figure>\n"
                   "<!-- /wp:image -->");
  back = round_trip (figure);
  g_assert_cmpint (byline_block_get_media_id (back), ==, 0);
  g_assert_null (byline_block_get_url (back));

  byline_block_set_media (credit_only, 0, "https://giavien.example.vn/anh.jpg");
  byline_block_set_credit (credit_only, "Ảnh: Cẩm Vân");
  credit_markup = write_one (credit_only);
  g_assert_nonnull (strstr (credit_markup, "<figcaption class=\"wp-element-caption\"><span "
                                           "class=\"byline-credit\">Ảnh: Cẩm Vân</span></figcaption>"));
  g_clear_pointer (&back, byline_block_unref);
  back = round_trip (credit_only);
  assert_figures_equal (credit_only, back);
}

static void
test_figure_align_and_size (void)
{
  for (BylineAlign align = BYLINE_ALIGN_NONE; align <= BYLINE_ALIGN_FULL; align++)
    {
      g_autoptr(BylineBlock) figure = byline_block_new_figure (NULL);
      g_autoptr(BylineBlock) back = NULL;

      byline_block_set_media (figure, 7, "https://giavien.example.vn/anh.jpg");
      byline_block_set_align (figure, align);
      byline_block_set_size_slug (figure, align == BYLINE_ALIGN_LEFT ? NULL : "medium");
      back = round_trip (figure);
      assert_figures_equal (figure, back);
    }
}

static void
test_separator (void)
{
  g_autoptr(BylineBlock) separator = byline_block_new_separator ();
  g_autoptr(BylineBlock) back = NULL;
  g_autofree char *markup = write_one (separator);

  g_assert_cmpstr (markup, ==, "<!-- wp:separator -->\n<hr class=\"wp-block-separator "
                               "has-alpha-channel-opacity\" />\n<!-- /wp:separator -->");
  back = round_trip (separator);
}

/* ---- the delimiter grammar --------------------------------------------- */

typedef struct
{
  const char *input;
  int         kind;          /* BylineBlockTokenKind, or -1 for no token */
  const char *name;          /* as written: namespace + name */
  const char *attrs;
} TokenCase;

static void
test_tokenizer_grammar (void)
{
  static const TokenCase cases[] = {
    { "<!-- wp:paragraph -->", BYLINE_BLOCK_TOKEN_OPENER, "paragraph", NULL },
    { "<!-- /wp:paragraph -->", BYLINE_BLOCK_TOKEN_CLOSER, "paragraph", NULL },
    { "<!-- wp:separator /-->", BYLINE_BLOCK_TOKEN_VOID, "separator", NULL },
    { "<!--\n\twp:core/heading {\"level\":3}\n-->", BYLINE_BLOCK_TOKEN_OPENER, "core/heading", "{\"level\":3}" },
    { "<!-- wp:my-plugin/x_1 {\"a\":{\"b\":[1,2]}} /-->", BYLINE_BLOCK_TOKEN_VOID, "my-plugin/x_1", "{\"a\":{\"b\":[1,2]}}" },
    { "<!-- wp:a {\"t\":\"x --> y\"} -->", BYLINE_BLOCK_TOKEN_OPENER, "a", "{\"t\":\"x --> y\"}" },
    { "<!-- wp:a {\"t\":\"} -->\"} -->", BYLINE_BLOCK_TOKEN_OPENER, "a", "{\"t\":\"}" },
    { "<!-- /wp:a {\"x\":1} -->", BYLINE_BLOCK_TOKEN_CLOSER, "a", "{\"x\":1}" },
    { "<!-- wp:a {} -->", BYLINE_BLOCK_TOKEN_OPENER, "a", "{}" },
    { "<!-- wp:a {not json} -->", BYLINE_BLOCK_TOKEN_OPENER, "a", "{not json}" },
    { "<!--wp:paragraph -->", -1, NULL, NULL },           /* no space after <!-- */
    { "<!-- wp:paragraph-->", -1, NULL, NULL },           /* no space before --> */
    { "<!-- wp:Paragraph -->", -1, NULL, NULL },          /* names are lower case */
    { "<!-- wp:1a -->", -1, NULL, NULL },
    { "<!-- wp:a/ -->", -1, NULL, NULL },
    { "<!-- wp:a/b/c -->", -1, NULL, NULL },
    { "<!-- wp:a {\"x\":1}-->", -1, NULL, NULL },         /* "}" needs whitespace after */
    { "<!-- wp:a {\"x\":1} --", -1, NULL, NULL },
    { "<!-- wp:a \u00a0-->", -1, NULL, NULL },            /* PCRE's \s is ASCII only */
    { "<!-- wp:paragraph", -1, NULL, NULL },
    { "<!-- <!-- wp:b -->", BYLINE_BLOCK_TOKEN_OPENER, "b", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const TokenCase *c = &cases[i];
      g_autoptr(BylineBlockTokenizer) tokenizer = byline_block_tokenizer_new (c->input, strlen (c->input));
      BylineBlockToken token;
      gboolean found = byline_block_tokenizer_next (tokenizer, &token);
      g_autofree char *name = NULL;
      g_autofree char *attrs = NULL;

      g_test_message ("%s", c->input);
      g_assert_cmpint (found, ==, c->kind >= 0);
      if (!found)
        continue;
      g_assert_cmpint (token.kind, ==, c->kind);
      name = token.namespace_start >= 0
             ? g_strndup (c->input + token.namespace_start,
                          token.name_start + token.name_length - token.namespace_start)
             : g_strndup (c->input + token.name_start, token.name_length);
      g_assert_cmpstr (name, ==, c->name);
      if (token.attrs_start >= 0)
        attrs = g_strndup (c->input + token.attrs_start, token.attrs_length);
      g_assert_cmpstr (attrs, ==, c->attrs);
      g_assert_false (byline_block_tokenizer_next (tokenizer, &token));
    }
}

static void
test_tokenizer_offsets (void)
{
  const char *doc = "Trước <!-- wp:a --> giữa <!-- /wp:a -->";
  g_autoptr(BylineBlockTokenizer) tokenizer = byline_block_tokenizer_new (doc, strlen (doc));
  BylineBlockToken token;

  g_assert_true (byline_block_tokenizer_next (tokenizer, &token));
  g_assert_cmpuint (token.start, ==, strlen ("Trước "));
  g_assert_cmpuint (token.end, ==, strlen ("Trước <!-- wp:a -->"));
  g_assert_true (byline_block_tokenizer_next (tokenizer, &token));
  g_assert_cmpuint (token.start, ==, strlen ("Trước <!-- wp:a --> giữa "));
  g_assert_cmpuint (token.end, ==, strlen (doc));
}

/* ---- parsing whole posts ----------------------------------------------- */

static void
assert_round_trip (const char *markup)
{
  g_autoptr(GPtrArray) blocks = parse_ok (markup);
  g_autofree char *again = byline_markup_serialize_blocks (blocks);

  g_assert_cmpstr (again, ==, markup);
}

static void
test_unknown_blocks_raw (void)
{
  const char *post =
    "<!-- wp:paragraph -->\n<p>Mở đầu</p>\n<!-- /wp:paragraph -->\n\n"
    "<!-- wp:gallery {\"ids\":[1,2],\"linkTo\":\"none\"} -->\n<figure class=\"wp-block-gallery\">"
    "<!-- wp:image {\"id\":1} -->\n<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\" "
    "class=\"wp-image-1\"/></figure>\n<!-- /wp:image --></figure>\n<!-- /wp:gallery -->\n\n"
    "<!-- wp:my-plugin/bieu-do {\"loai\":\"cột\"} /-->\n\n"
    "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=x\",\"type\":\"video\"} -->\n"
    "<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\n"
    "https://www.youtube.com/watch?v=x\n</div></figure>\n<!-- /wp:embed -->\n\n"
    "<p>HTML tự do giữa các khối</p>\n\n"
    "<!-- wp:paragraph -->\n<p>Kết thúc</p>\n<!-- /wp:paragraph -->";
  g_autoptr(GPtrArray) blocks = parse_ok (post);
  static const char *names[] = { NULL, "core/gallery", "my-plugin/bieu-do", "core/embed", NULL, NULL };
  static const BylineBlockKind kinds[] = {
    BYLINE_BLOCK_PARAGRAPH, BYLINE_BLOCK_RAW, BYLINE_BLOCK_RAW, BYLINE_BLOCK_RAW,
    BYLINE_BLOCK_RAW, BYLINE_BLOCK_PARAGRAPH,
  };

  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);

      g_assert_cmpint (byline_block_get_kind (block), ==, kinds[i]);
      if (kinds[i] == BYLINE_BLOCK_RAW)
        {
          g_assert_cmpstr (byline_block_get_raw_name (block), ==, names[i]);
          g_assert_nonnull (strstr (post, byline_block_get_raw_markup (block)));
        }
    }
  g_assert_cmpstr (byline_block_get_raw_markup (g_ptr_array_index (blocks, 4)), ==,
                   "<p>HTML tự do giữa các khối</p>");
  assert_round_trip (post);

  /* Raw blocks survive any edit of the blocks around them. */
  for (guint i = 0; i < blocks->len; i++)
    byline_block_set_source (g_ptr_array_index (blocks, i), NULL, 0);
  {
    g_autofree char *rewritten = byline_markup_serialize_blocks (blocks);

    for (guint i = 1; i < 5; i++)
      g_assert_nonnull (strstr (rewritten,
                                byline_block_get_raw_markup (g_ptr_array_index (blocks, i))));
  }
}

static void
test_unrepresentable_kept_raw (void)
{
  static const char * const blocks[] = {
    "<!-- wp:paragraph {\"align\":\"right\"} -->\n<p class=\"has-text-align-right\">Căn phải</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph {\"className\":\"noi-bat\"} -->\n<p class=\"noi-bat\">Lớp riêng</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph {\"dropCap\":true} -->\n<p class=\"has-drop-cap\">Chữ hoa đầu đoạn</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph {\"backgroundColor\":\"vivid-red\",\"textColor\":\"white\"} -->\n<p class=\"has-white-color has-vivid-red-background-color has-text-color has-background\">Màu</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p id=\"muc-1\">Có neo</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p>Chữ <span style=\"color:#cf2e2e\" class=\"has-inline-color\">đỏ</span></p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p>Có <code>mã</code> và <mark>đánh dấu</mark></p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p>Một</p><p>Hai</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p>Chú thích <!-- ẩn --> ở đây</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:heading {\"textColor\":\"accent\"} -->\n<h2 class=\"has-accent-color has-text-color\">Màu</h2>\n<!-- /wp:heading -->",
    "<!-- wp:heading {\"level\":3} -->\n<h2>Cấp không khớp</h2>\n<!-- /wp:heading -->",
    "<!-- wp:image {\"id\":5,\"linkDestination\":\"custom\"} -->\n<figure class=\"wp-block-image\"><a href=\"https://x.vn/\"><img src=\"a.jpg\" alt=\"\" class=\"wp-image-5\"/></a></figure>\n<!-- /wp:image -->",
    "<!-- wp:image {\"id\":5,\"width\":300,\"height\":200,\"sizeSlug\":\"large\"} -->\n<figure class=\"wp-block-image size-large is-resized\"><img src=\"a.jpg\" alt=\"\" class=\"wp-image-5\" width=\"300\" height=\"200\"/></figure>\n<!-- /wp:image -->",
    "<!-- wp:image {\"id\":5} -->\n<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\" class=\"wp-image-6\"/></figure>\n<!-- /wp:image -->",
    "<!-- wp:image {\"className\":\"is-style-rounded\"} -->\n<figure class=\"wp-block-image is-style-rounded\"><img src=\"a.jpg\" alt=\"\"/></figure>\n<!-- /wp:image -->",
    "<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol start=\"3\"><li>Ba</li></ol>\n<!-- /wp:list -->",
    "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Mục<!-- wp:list -->\n<ul><li>Con</li></ul>\n<!-- /wp:list -->sau</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->",
    "<!-- wp:quote {\"className\":\"is-style-large\"} -->\n<blockquote class=\"wp-block-quote is-style-large\"><p>Trích</p></blockquote>\n<!-- /wp:quote -->",
    "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\"/></figure>\n<!-- /wp:image --></blockquote>\n<!-- /wp:quote -->",
    "<!-- wp:separator {\"className\":\"is-style-dots\"} -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity is-style-dots\"/>\n<!-- /wp:separator -->",
    "<!-- wp:paragraph {\"align\":\"right\"} /-->",
    "<!-- wp:paragraph {\"a\":} -->\n<p>JSON hỏng</p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p>Đóng sai tên</p>\n<!-- /wp:heading -->",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autoptr(BylineBlock) block = NULL;

      g_test_message ("%s", blocks[i]);
      block = parse_one (blocks[i]);
      g_assert_cmpint (byline_block_get_kind (block), ==, BYLINE_BLOCK_RAW);
      g_assert_cmpstr (byline_block_get_raw_markup (block), ==, blocks[i]);
    }
}

/* WordPress's "open in new tab" links (target and rel) are editable: the
 * paragraph is not raw, and writing it again, even rebuilt from its text,
 * gives the same markup. */
static void
test_new_tab_links_editable (void)
{
  static const char * const blocks[] = {
    "<!-- wp:paragraph -->\n<p>Xem <a href=\"https://giavien.example.vn/\" target=\"_blank\" rel=\"noreferrer noopener\">tab mới</a></p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p>Xem <a href=\"https://giavien.example.vn/\" target=\"_blank\" rel=\"noopener\">tab mới</a> và <a href=\"https://giavien.example.vn/\">cùng tab</a></p>\n<!-- /wp:paragraph -->",
    "<!-- wp:paragraph -->\n<p><a href=\"https://x.vn/\" rel=\"nofollow\">không theo dõi</a></p>\n<!-- /wp:paragraph -->",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autoptr(BylineBlock) block = parse_one (blocks[i]);
      g_autoptr(BylineBlock) rebuilt = NULL;
      g_autoptr(GPtrArray) array = g_ptr_array_new ();
      g_autofree char *written = NULL;
      const BylineSpan *span;

      g_test_message ("%s", blocks[i]);
      g_assert_cmpint (byline_block_get_kind (block), ==, BYLINE_BLOCK_PARAGRAPH);
      span = byline_inline_get_span (byline_block_get_text (block), 0);
      g_assert_cmpint (span->kind, ==, BYLINE_MARK_LINK);
      g_assert_nonnull (span->rel);

      /* Setting the text clears the kept source: the writer does it all. */
      rebuilt = byline_block_copy (block);
      byline_block_set_text (rebuilt, byline_inline_copy (byline_block_get_text (block)));
      g_assert_null (byline_block_get_source (rebuilt));
      g_ptr_array_add (array, rebuilt);
      written = byline_markup_serialize_blocks (array);
      g_strstrip (written);
      g_assert_cmpstr (written, ==, blocks[i]);
    }
}

static void
test_newer_default_classes_accepted (void)
{
  g_autoptr(BylineBlock) heading = parse_one ("<!-- wp:heading -->\n<h2 class=\"wp-block-heading\">Mới</h2>\n<!-- /wp:heading -->");
  g_autoptr(BylineBlock) paragraph = parse_one ("<!-- wp:paragraph -->\n<p class=\"wp-block-paragraph\">Mới</p>\n<!-- /wp:paragraph -->");

  g_assert_cmpint (byline_block_get_kind (heading), ==, BYLINE_BLOCK_HEADING);
  g_assert_cmpint (byline_block_get_kind (paragraph), ==, BYLINE_BLOCK_PARAGRAPH);
}

static void
test_whitespace_round_trip (void)
{
  const char *post =
    "\n<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n"
    "<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->\n\n\n"
    "<!-- wp:core/gallery -->\n<figure></figure>\n<!-- /wp:core/gallery -->"
    "<!-- wp:paragraph -->\n<p>Hai</p>\n<!-- /wp:paragraph -->\n\n";
  g_autoptr(GPtrArray) blocks = parse_ok (post);
  g_autofree char *edited = NULL;
  BylineBlock *second;

  g_assert_cmpuint (blocks->len, ==, 4);
  assert_round_trip (post);

  /* Editing one block rewrites that block alone. */
  second = g_ptr_array_index (blocks, 3);
  byline_block_set_text (second, byline_inline_new ("Hai đã sửa"));
  edited = byline_markup_serialize_blocks (blocks);
  g_assert_true (g_str_has_prefix (edited, "\n<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n"
                                           "<!-- wp:separator -->"));
  g_assert_true (g_str_has_suffix (edited, "<!-- /wp:core/gallery -->\n\n<!-- wp:paragraph -->\n"
                                           "<p>Hai đã sửa</p>\n<!-- /wp:paragraph -->"));
}

static void
test_article_json_keeps_sources (void)
{
  const char *post = "<!-- wp:paragraph -->\n<p>Giữ <b>nguyên</b></p>\n<!-- /wp:paragraph -->\n\n"
                     "<!-- wp:columns -->\n<div class=\"wp-block-columns\"></div>\n<!-- /wp:columns -->\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineArticle) article = byline_markup_parse (post, strlen (post), &error);
  g_autoptr(BylineArticle) loaded = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  json = byline_article_to_json (article, FALSE, NULL);
  loaded = byline_article_from_json (json, -1, &error);
  g_assert_no_error (error);
  again = byline_markup_serialize (loaded);
  g_assert_cmpstr (again, ==, post);
}

static void
test_classic_post (void)
{
  const char *post =
    "Ngày 14/11, Đoàn công tác của tỉnh đã về kiểm tra.\n\n"
    "Trong năm 2023, huyện <strong>Gia Viễn</strong> đã tích cực\nchỉ đạo triển khai.\n\n"
    "<h3>Hỗ trợ nhà ở</h3>\n<ul>\n<li>Khởi công 79/81 căn</li>\n<li>Hoàn thành 71 nhà</li>\n</ul>\n"
    "<!--more-->\n"
    "<table><tr><td>777 hộ</td></tr></table>\n"
    "<p style=\"text-align: center;\">Căn giữa</p>\n"
    "<blockquote><p>Trích dẫn</p><cite>Lê Thị Lựu</cite></blockquote>";
  g_autoptr(GPtrArray) blocks = parse_ok (post);
  static const BylineBlockKind kinds[] = {
    BYLINE_BLOCK_PARAGRAPH, BYLINE_BLOCK_PARAGRAPH, BYLINE_BLOCK_HEADING, BYLINE_BLOCK_LIST,
    BYLINE_BLOCK_RAW, BYLINE_BLOCK_RAW, BYLINE_BLOCK_RAW, BYLINE_BLOCK_QUOTE,
  };
  BylineBlock *block;

  g_assert_cmpuint (blocks->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < blocks->len; i++)
    g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, i)), ==, kinds[i]);

  block = g_ptr_array_index (blocks, 1);
  /* wpautop(): a single newline is a line break. */
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_text (block)), ==,
                   "Trong năm 2023, huyện Gia Viễn đã tích cực\nchỉ đạo triển khai.");
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (block)), ==, 1);
  g_assert_cmpuint (byline_block_get_level (g_ptr_array_index (blocks, 2)), ==, 3);
  g_assert_cmpuint (byline_block_get_n_items (g_ptr_array_index (blocks, 3)), ==, 2);
  g_assert_cmpstr (byline_block_get_raw_markup (g_ptr_array_index (blocks, 4)), ==, "<!--more-->");
  g_assert_cmpstr (byline_block_get_raw_markup (g_ptr_array_index (blocks, 6)), ==,
                   "<p style=\"text-align: center;\">Căn giữa</p>");
  g_assert_cmpstr (byline_inline_get_text (byline_block_get_citation (g_ptr_array_index (blocks, 7))), ==,
                   "Lê Thị Lựu");
}

static void
test_malformed_posts (void)
{
  static const char * const posts[] = {
    /* An opener never closed runs to the end. */
    "<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:group -->\n<div>chưa đóng",
    /* A closer without an opener: the rest is freeform. */
    "<!-- wp:paragraph -->\n<p>Một</p>\n<!-- /wp:paragraph -->\n<!-- /wp:group --><p>Còn lại</p><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->",
    "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Mục chưa đóng\n<!-- /wp:list -->",
    "<!-- wp:paragraph",
    "<!-- wp:paragraph {\"a\":\"",
    "<p>Chỉ HTML <!-- wp:paragraph {",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_test_message ("%s", posts[i]);
      assert_round_trip (posts[i]);
    }

  {
    g_autoptr(GPtrArray) blank = parse_ok ("\n\n  \n");

    /* Nothing but whitespace: an empty body. */
    g_assert_cmpuint (blank->len, ==, 0);
  }

  {
    g_autoptr(GPtrArray) blocks = parse_ok (posts[1]);

    g_assert_cmpuint (blocks->len, ==, 2);
    g_assert_cmpstr (byline_block_get_raw_markup (g_ptr_array_index (blocks, 1)), ==,
                     "<!-- /wp:group --><p>Còn lại</p><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph -->");
  }
}

/* ---- hostile input ----------------------------------------------------- */

static char *
repeat (const char *piece,
        guint       times)
{
  GString *out = g_string_sized_new (strlen (piece) * times);

  for (guint i = 0; i < times; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

static void
test_hostile_deep_blocks (void)
{
  g_autofree char *open = repeat ("<!-- wp:group -->", 10000);
  g_autofree char *close = repeat ("<!-- /wp:group -->", 10000);
  g_autofree char *post = g_strconcat (open, "<p>Sâu</p>", close, NULL);
  g_autofree char *list_open = repeat ("<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>Mục", 10000);
  g_autofree char *list_close = repeat ("</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->", 10000);
  g_autofree char *list = g_strconcat (list_open, list_close, NULL);
  g_autoptr(GPtrArray) blocks = parse_ok (post);
  g_autoptr(GPtrArray) list_blocks = parse_ok (list);

  g_assert_cmpuint (blocks->len, ==, 1);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, 0)), ==, BYLINE_BLOCK_RAW);
  assert_round_trip (post);

  /* Deeper than the model holds: kept as it is. */
  g_assert_cmpuint (list_blocks->len, ==, 1);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (list_blocks, 0)), ==, BYLINE_BLOCK_RAW);
  assert_round_trip (list);

  /* Unclosed, 10,000 deep. */
  assert_round_trip (open);
}

static void
test_hostile_deep_html (void)
{
  g_autofree char *strong = repeat ("<strong>", 10000);
  g_autofree char *paragraph = g_strconcat ("<!-- wp:paragraph -->\n<p>", strong, "Sâu</p>\n<!-- /wp:paragraph -->"
                                            "\n\n<!-- wp:paragraph -->\n<p>Sau</p>\n<!-- /wp:paragraph -->", NULL);
  g_autofree char *divs = repeat ("<div>", 10000);
  g_autofree char *classic = g_strconcat ("<p>Bài cũ</p>", divs, "Sâu", NULL);
  g_autoptr(GPtrArray) blocks = parse_ok (paragraph);
  g_autoptr(GPtrArray) classic_blocks = parse_ok (classic);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pasted = NULL;

  /* libxml2 stops at 256 levels; the block is kept, not half read, and
   * the next block (parsed with the same libxml2 context) is read. */
  g_assert_cmpuint (blocks->len, ==, 2);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, 0)), ==, BYLINE_BLOCK_RAW);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (blocks, 1)), ==, BYLINE_BLOCK_PARAGRAPH);
  assert_round_trip (paragraph);

  g_assert_cmpuint (classic_blocks->len, ==, 1);
  g_assert_cmpint (byline_block_get_kind (g_ptr_array_index (classic_blocks, 0)), ==, BYLINE_BLOCK_RAW);
  assert_round_trip (classic);

  pasted = byline_paste_sanitize_html (classic, strlen (classic), &error);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
  g_assert_null (pasted);
}

static void
test_hostile_unterminated (void)
{
  g_autofree char *openers = repeat ("<!-- wp:paragraph {\"a\":\"", 200000);
  g_autofree char *comments = repeat ("<!-- ", 200000);
  g_autofree char *braces = repeat ("<!-- wp:a {}}}}} -- } /- ", 100000);
  g_autoptr(GTimer) timer = g_timer_new ();

  /* Linear: each would be quadratic with a naive scan for the attributes' end. */
  assert_round_trip (openers);
  assert_round_trip (comments);
  assert_round_trip (braces);
  g_test_message ("three 2-5 MB unterminated inputs: %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
}

static void
test_hostile_invalid_input (void)
{
  static const char invalid_utf8[] = "<!-- wp:paragraph -->\n<p>Vi\xe1\xbb t</p>\n<!-- /wp:paragraph -->";
  static const char with_nul[] = "<!-- wp:paragraph -->\n<p>a\0b</p>\n<!-- /wp:paragraph -->";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  gsize huge_length = 50 * 1024 * 1024;
  g_autofree char *huge = g_malloc (huge_length);

  blocks = byline_markup_parse_blocks (invalid_utf8, sizeof invalid_utf8 - 1, &error);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_null (blocks);
  g_clear_error (&error);

  blocks = byline_markup_parse_blocks (with_nul, sizeof with_nul - 1, &error);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_null (blocks);
  g_clear_error (&error);

  memset (huge, 'a', huge_length);
  blocks = byline_markup_parse_blocks (huge, huge_length, &error);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_null (blocks);
  g_clear_error (&error);

  blocks = byline_paste_sanitize_html (huge, huge_length, &error);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT);
  g_assert_null (blocks);
}

static void
test_hostile_large_post (void)
{
  g_autofree char *paragraphs = repeat ("<!-- wp:paragraph -->\n<p>Đoạn văn <strong>dài</strong> "
                                        "về giảm nghèo bền vững.</p>\n<!-- /wp:paragraph -->\n\n", 40000);
  g_autoptr(GPtrArray) blocks = parse_ok (paragraphs);

  g_autofree char *classic = repeat ("Đoạn văn bài cũ.\n\n", 200000);
  g_autoptr(GPtrArray) classic_blocks = parse_ok (classic);

  g_assert_cmpuint (blocks->len, ==, 40000);
  assert_round_trip (paragraphs);

  /* A classic post of 200,000 paragraphs in one text: no recursion per
   * paragraph. */
  g_assert_cmpuint (classic_blocks->len, ==, 200000);
}

static void
test_hostile_many_marks (void)
{
  g_autofree char *words = repeat ("<b>đậm</b> <i>nghiêng</i> <a href=\"https://a.vn/\">liên kết</a> ", 20000);
  g_autofree char *paragraph = g_strconcat ("<!-- wp:paragraph -->\n<p>", words, "</p>\n<!-- /wp:paragraph -->", NULL);
  g_autoptr(GPtrArray) blocks = parse_ok (paragraph);
  g_autoptr(GPtrArray) pasted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  BylineBlock *block = g_ptr_array_index (blocks, 0);

  /* 60,000 marks in one paragraph: read, written and pasted in linear
   * time (the test's time limit would stop a quadratic one). */
  g_assert_cmpint (byline_block_get_kind (block), ==, BYLINE_BLOCK_PARAGRAPH);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (block)), ==, 60000);
  byline_block_set_source (block, NULL, 0);
  written = byline_markup_serialize_blocks (blocks);
  g_assert_nonnull (strstr (written, "<strong>đậm</strong> <em>nghiêng</em> <a href=\"https://a.vn/\">liên kết</a>"));

  pasted = byline_paste_sanitize_html (words, strlen (words), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (byline_inline_get_n_spans (byline_block_get_text (g_ptr_array_index (pasted, 0))), ==, 60000);
}

/* ---- the seed article -------------------------------------------------- */

static void
test_seed_article (void)
{
  g_autoptr(BylineArticle) article = build_seed_article (TRUE);
  g_autofree char *markup = byline_markup_serialize (article);
  g_autoptr(BylineArticle) back = NULL;
  g_autoptr(GError) error = NULL;
  guint figures = 0;

  back = byline_markup_parse (markup, strlen (markup), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (byline_article_get_n_blocks (back), ==, byline_article_get_n_blocks (article));
  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    {
      BylineBlock *a = byline_article_get_block (article, i);
      BylineBlock *b = byline_article_get_block (back, i);

      g_assert_cmpint (byline_block_get_kind (a), ==, byline_block_get_kind (b));
      if (byline_block_get_kind (a) == BYLINE_BLOCK_FIGURE)
        {
          assert_figures_equal (a, b);
          figures++;
        }
      else
        {
          g_assert_true (byline_block_equal (a, b));
        }
    }
  g_assert_cmpuint (figures, ==, 3);
  g_assert_cmpuint (byline_article_count_body_words (back), ==, byline_article_count_body_words (article));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markup/paragraph/marks", test_paragraph_marks);
  g_test_add_func ("/markup/paragraph/escaping", test_paragraph_escaping);
  g_test_add_func ("/markup/heading/levels", test_heading_levels);
  g_test_add_func ("/markup/list/nested", test_list_nested);
  g_test_add_func ("/markup/list/before-6-1", test_list_before_6_1);
  g_test_add_func ("/markup/quote", test_quote);
  g_test_add_func ("/markup/figure/uploaded", test_figure_uploaded);
  g_test_add_func ("/markup/figure/local", test_figure_local);
  g_test_add_func ("/markup/figure/align-and-size", test_figure_align_and_size);
  g_test_add_func ("/markup/separator", test_separator);
  g_test_add_func ("/markup/tokenizer/grammar", test_tokenizer_grammar);
  g_test_add_func ("/markup/tokenizer/offsets", test_tokenizer_offsets);
  g_test_add_func ("/markup/parse/unknown-blocks-raw", test_unknown_blocks_raw);
  g_test_add_func ("/markup/parse/unrepresentable-kept-raw", test_unrepresentable_kept_raw);
  g_test_add_func ("/markup/parse/new-tab-links-editable", test_new_tab_links_editable);
  g_test_add_func ("/markup/parse/newer-default-classes", test_newer_default_classes_accepted);
  g_test_add_func ("/markup/parse/whitespace-round-trip", test_whitespace_round_trip);
  g_test_add_func ("/markup/parse/article-json-keeps-sources", test_article_json_keeps_sources);
  g_test_add_func ("/markup/parse/classic-post", test_classic_post);
  g_test_add_func ("/markup/parse/malformed", test_malformed_posts);
  g_test_add_func ("/markup/hostile/deep-blocks", test_hostile_deep_blocks);
  g_test_add_func ("/markup/hostile/deep-html", test_hostile_deep_html);
  g_test_add_func ("/markup/hostile/unterminated", test_hostile_unterminated);
  g_test_add_func ("/markup/hostile/invalid-input", test_hostile_invalid_input);
  g_test_add_func ("/markup/hostile/large-post", test_hostile_large_post);
  g_test_add_func ("/markup/hostile/many-marks", test_hostile_many_marks);
  g_test_add_func ("/markup/seed-article", test_seed_article);

  return g_test_run ();
}
