/* test-model.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "byline-article-json.h"
#include "byline-error.h"

/* "Giảm nghèo bền vững" with "nghèo" bold, byte offsets computed here. */
static BylineInline *
make_marked (void)
{
  BylineInline *inl = byline_inline_new ("Giảm nghèo bền vững");
  const char *text = byline_inline_get_text (inl);
  const char *start = strstr (text, "nghèo");

  byline_inline_add_mark (inl, BYLINE_MARK_BOLD, start - text, start - text + strlen ("nghèo"), NULL);
  return inl;
}

static void
test_inline_normalizes_text (void)
{
  g_autoptr(BylineInline) inl = byline_inline_new ("Vie\xcc\x82\xcc\xa3t");

  g_assert_cmpstr (byline_inline_get_text (inl), ==, "Việt");
  byline_inline_append (inl, " Nam", -1);
  g_assert_cmpstr (byline_inline_get_text (inl), ==, "Việt Nam");
}

static void
test_inline_marks_merge (void)
{
  g_autoptr(BylineInline) inl = byline_inline_new ("abcdefghij");
  const BylineSpan *span;

  byline_inline_add_mark (inl, BYLINE_MARK_BOLD, 0, 3, NULL);
  byline_inline_add_mark (inl, BYLINE_MARK_BOLD, 3, 5, NULL);    /* touching */
  byline_inline_add_mark (inl, BYLINE_MARK_BOLD, 4, 6, NULL);    /* overlapping */
  byline_inline_add_mark (inl, BYLINE_MARK_ITALIC, 2, 8, NULL);
  byline_inline_add_mark (inl, BYLINE_MARK_BOLD, 7, 7, NULL);    /* empty: ignored */

  g_assert_cmpuint (byline_inline_get_n_spans (inl), ==, 2);
  span = byline_inline_get_span (inl, 0);
  g_assert_cmpint (span->kind, ==, BYLINE_MARK_BOLD);
  g_assert_cmpuint (span->start, ==, 0);
  g_assert_cmpuint (span->end, ==, 6);
  span = byline_inline_get_span (inl, 1);
  g_assert_cmpint (span->kind, ==, BYLINE_MARK_ITALIC);
  g_assert_cmpuint (span->start, ==, 2);
  g_assert_cmpuint (span->end, ==, 8);

  byline_inline_remove_mark (inl, BYLINE_MARK_BOLD, 2, 4);
  g_assert_cmpuint (byline_inline_get_n_spans (inl), ==, 3);
  g_assert_cmpuint (byline_inline_get_span (inl, 0)->end, ==, 2);
  g_assert_cmpuint (byline_inline_get_span (inl, 2)->start, ==, 4);
}

static void
test_inline_links_replace (void)
{
  g_autoptr(BylineInline) inl = byline_inline_new ("xem tại đây");

  byline_inline_add_mark (inl, BYLINE_MARK_LINK, 0, 3, "https://a.example/");
  byline_inline_add_mark (inl, BYLINE_MARK_LINK, 0, 8, "https://b.example/");
  g_assert_cmpuint (byline_inline_get_n_spans (inl), ==, 1);
  g_assert_cmpstr (byline_inline_get_span (inl, 0)->href, ==, "https://b.example/");

  /* Two different links side by side stay two links. */
  byline_inline_add_mark (inl, BYLINE_MARK_LINK, 8, 14, "https://c.example/");
  g_assert_cmpuint (byline_inline_get_n_spans (inl), ==, 2);
}

static void
test_inline_offsets_snap_to_characters (void)
{
  g_autoptr(BylineInline) inl = byline_inline_new ("ảnh");

  /* Byte 1 is inside "ả" (3 bytes): the mark starts before it. */
  byline_inline_add_mark (inl, BYLINE_MARK_ITALIC, 1, 100, NULL);
  g_assert_cmpuint (byline_inline_get_span (inl, 0)->start, ==, 0);
  g_assert_cmpuint (byline_inline_get_span (inl, 0)->end, ==, strlen ("ảnh"));
}

static void
test_inline_slice_and_strip (void)
{
  g_autoptr(BylineInline) inl = byline_inline_new ("  Giảm nghèo  ");
  g_autoptr(BylineInline) slice = NULL;
  const char *text = byline_inline_get_text (inl);
  guint start = strstr (text, "nghèo") - text;

  byline_inline_add_mark (inl, BYLINE_MARK_BOLD, start, start + strlen ("nghèo"), NULL);
  byline_inline_strip (inl);
  g_assert_cmpstr (byline_inline_get_text (inl), ==, "Giảm nghèo");
  g_assert_cmpuint (byline_inline_get_span (inl, 0)->start, ==, strlen ("Giảm "));

  slice = byline_inline_slice (inl, strlen ("Giảm "), byline_inline_get_length (inl));
  g_assert_cmpstr (byline_inline_get_text (slice), ==, "nghèo");
  g_assert_cmpuint (byline_inline_get_span (slice, 0)->start, ==, 0);
}

static void
test_inline_equal (void)
{
  g_autoptr(BylineInline) a = make_marked ();
  g_autoptr(BylineInline) b = make_marked ();
  g_autoptr(BylineInline) c = byline_inline_new ("Giảm nghèo bền vững");

  g_assert_true (byline_inline_equal (a, b));
  g_assert_false (byline_inline_equal (a, c));
}

static void
test_block_setters_clear_source (void)
{
  g_autoptr(BylineBlock) p = byline_block_new_paragraph (make_marked ());
  g_autoptr(BylineBlock) copy = NULL;

  byline_block_set_source (p, "<!-- wp:paragraph -->\n<p>x</p>\n<!-- /wp:paragraph -->", -1);
  copy = byline_block_copy (p);
  g_assert_nonnull (byline_block_get_source (copy));
  g_assert_true (byline_block_equal (p, copy));

  byline_block_set_text (copy, byline_inline_new ("khác"));
  g_assert_null (byline_block_get_source (copy));
  g_assert_false (byline_block_equal (p, copy));
}

static BylineArticle *
make_full_article (void)
{
  BylineArticle *article = byline_article_new (NULL);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  const char *tags[] = { "giảm nghèo", "Gia Viễn", "giảm nghèo", " ", NULL };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2023, 11, 15, 1, 0, 0);
  BylineBlock *list, *sublist, *quote, *figure;
  BylineInline *link;

  byline_article_set_title (article, "Đoàn công tác của tỉnh\nkiểm tra");
  byline_article_set_lead (article, "Ngày 14/11, Đoàn công tác của tỉnh đã về kiểm tra.");

  byline_article_append_block (article, byline_block_new_paragraph (make_marked ()));
  link = byline_inline_new ("Xem thêm\ntại cổng");
  byline_inline_add_mark (link, BYLINE_MARK_LINK, strlen ("Xem thêm\n"), strlen ("Xem thêm\ntại cổng"),
                          "https://giavien.ninhbinh.gov.vn/");
  byline_article_append_block (article, byline_block_new_paragraph (link));
  byline_article_append_block (article, byline_block_new_heading (3, byline_inline_new ("Hỗ trợ nhà ở")));

  sublist = byline_block_new_list (TRUE);
  byline_block_append_item (sublist, byline_list_item_new (byline_inline_new ("Mục con"), NULL));
  list = byline_block_new_list (FALSE);
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Khởi công 79/81 căn"), NULL));
  byline_block_append_item (list, byline_list_item_new (byline_inline_new ("Hoàn thành 71 nhà"), sublist));
  byline_article_append_block (article, list);

  quote = byline_block_new_quote ();
  byline_block_append_paragraph (quote, byline_inline_new ("Tiếp tục thực hiện Chương trình."));
  byline_block_set_citation (quote, byline_inline_new ("Lê Thị Lựu"));
  byline_article_append_block (article, quote);

  figure = byline_block_new_figure (NULL);
  byline_block_set_local_path (figure, "photos/anh-1.jpg");
  byline_block_set_media (figure, 12, "http://127.0.0.1/a.jpg");
  byline_block_set_caption (figure, make_marked ());
  byline_block_set_alt (figure, "Đồng chí Ngô Hùng Khánh chủ trì");
  byline_block_set_credit (figure, "Ảnh: Cẩm Vân");
  byline_block_set_align (figure, BYLINE_ALIGN_CENTER);
  byline_article_append_block (article, figure);
  byline_article_set_featured_figure (article, byline_block_get_figure_id (figure));

  byline_article_append_block (article, byline_block_new_separator ());
  byline_article_append_block (article,
                               byline_block_new_raw ("core/gallery",
                                                     "<!-- wp:gallery {\"ids\":[1,2]} -->\n<figure class=\"wp-block-gallery\"></figure>\n<!-- /wp:gallery -->",
                                                     -1));

  g_ptr_array_add (categories, byline_term_new (3, "Tin tức"));
  g_ptr_array_add (categories, byline_term_new (0, "Giảm nghèo"));
  byline_article_set_categories (article, categories);
  byline_article_set_tags (article, tags);
  byline_article_set_slug (article, "doan-cong-tac");
  byline_article_set_date (article, date);
  byline_article_set_status (article, BYLINE_POST_STATUS_PENDING);
  byline_article_set_remote (article, "giavien", 42, "2023-11-15T01:02:03", "http://127.0.0.1/?p=42",
                             BYLINE_POST_STATUS_DRAFT);

  return article;
}

static void
assert_articles_equal (BylineArticle *a,
                       BylineArticle *b)
{
  GPtrArray *ca, *cb;

  g_assert_cmpstr (byline_article_get_id (a), ==, byline_article_get_id (b));
  g_assert_cmpstr (byline_article_get_title (a), ==, byline_article_get_title (b));
  g_assert_cmpstr (byline_article_get_lead (a), ==, byline_article_get_lead (b));
  g_assert_cmpuint (byline_article_get_n_blocks (a), ==, byline_article_get_n_blocks (b));
  for (guint i = 0; i < byline_article_get_n_blocks (a); i++)
    g_assert_true (byline_block_equal (byline_article_get_block (a, i), byline_article_get_block (b, i)));
  ca = byline_article_get_categories (a);
  cb = byline_article_get_categories (b);
  g_assert_cmpuint (ca->len, ==, cb->len);
  for (guint i = 0; i < ca->len; i++)
    {
      BylineTerm *x = g_ptr_array_index (ca, i), *y = g_ptr_array_index (cb, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
    }
  g_assert_true (g_strv_equal (byline_article_get_tags (a), byline_article_get_tags (b)));
  g_assert_cmpstr (byline_article_get_featured_figure (a), ==, byline_article_get_featured_figure (b));
  g_assert_cmpint (byline_article_get_featured_media (a), ==, byline_article_get_featured_media (b));
  g_assert_cmpstr (byline_article_get_slug (a), ==, byline_article_get_slug (b));
  g_assert_true ((byline_article_get_date (a) == NULL) == (byline_article_get_date (b) == NULL));
  if (byline_article_get_date (a) != NULL)
    g_assert_true (g_date_time_equal (byline_article_get_date (a), byline_article_get_date (b)));
  g_assert_cmpint (byline_article_get_status (a), ==, byline_article_get_status (b));
  g_assert_cmpstr (byline_article_get_site (a), ==, byline_article_get_site (b));
  g_assert_cmpint (byline_article_get_post_id (a), ==, byline_article_get_post_id (b));
  g_assert_cmpstr (byline_article_get_modified_gmt (a), ==, byline_article_get_modified_gmt (b));
  g_assert_cmpstr (byline_article_get_link (a), ==, byline_article_get_link (b));
  g_assert_cmpint (byline_article_get_remote_status (a), ==, byline_article_get_remote_status (b));
  g_assert_true (g_date_time_equal (byline_article_get_modified (a), byline_article_get_modified (b)));
  {
    GDateTime *sa = NULL, *sb = NULL;
    const char *da = NULL, *db = NULL;

    g_assert_cmpint (byline_article_get_post_request (a, &sa, &da), ==,
                     byline_article_get_post_request (b, &sb, &db));
    g_assert_cmpstr (da, ==, db);
    g_assert_true ((sa == NULL) == (sb == NULL));
    if (sa != NULL)
      g_assert_true (g_date_time_equal (sa, sb));
  }
}

static void
test_article_title_is_one_line (void)
{
  g_autoptr(BylineArticle) article = make_full_article ();

  g_assert_cmpstr (byline_article_get_title (article), ==, "Đoàn công tác của tỉnh kiểm tra");
}

static void
test_article_tags_deduplicated (void)
{
  g_autoptr(BylineArticle) article = make_full_article ();
  const char * const *tags = byline_article_get_tags (article);

  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "giảm nghèo");
  g_assert_cmpstr (tags[1], ==, "Gia Viễn");
}

static void
count_changes (BylineArticle *article,
               guint         *count)
{
  (*count)++;
}

static void
test_article_changed_signal (void)
{
  g_autoptr(BylineArticle) article = make_full_article ();
  g_autoptr(GPtrArray) same = g_ptr_array_copy (byline_article_get_blocks (article),
                                                (GCopyFunc) byline_block_copy, NULL);
  guint changes = 0;

  g_ptr_array_set_free_func (same, (GDestroyNotify) byline_block_unref);
  g_signal_connect (article, "changed", G_CALLBACK (count_changes), &changes);

  /* Setting what is already there is not a change (no needless saves). */
  byline_article_set_title (article, byline_article_get_title (article));
  byline_article_set_blocks (article, same);
  g_assert_cmpuint (changes, ==, 0);

  byline_article_set_lead (article, "Sapo mới");
  g_assert_cmpuint (changes, ==, 1);
  g_ptr_array_remove_index (same, 0);
  byline_article_set_blocks (article, same);
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_article_word_count (void)
{
  g_autoptr(BylineArticle) article = make_full_article ();

  /* Paragraphs (4 + 4), heading (4), list items (4 + 4 + 2), quote (6 + 3),
   * caption (4) and credit (3); not the raw gallery. */
  g_assert_cmpuint (byline_article_count_body_words (article), ==, 38);
}

static void
test_json_round_trip (void)
{
  g_autoptr(BylineArticle) article = make_full_article ();
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  byline_block_set_source (byline_article_get_block (article, 0),
                           "<!-- wp:paragraph -->\n<p>Giảm <strong>nghèo</strong> bền vững</p>\n<!-- /wp:paragraph -->",
                           -1);
  json = byline_article_to_json (article, TRUE, NULL);
  g_assert_nonnull (strstr (json, "\"format\" : 1"));

  loaded = byline_article_from_json (json, -1, &error);
  g_assert_no_error (error);
  assert_articles_equal (article, loaded);
  g_assert_cmpstr (byline_block_get_source (byline_article_get_block (loaded, 0)), ==,
                   byline_block_get_source (byline_article_get_block (article, 0)));

  /* Writing what was read gives the same document. */
  again = byline_article_to_json (loaded, TRUE, NULL);
  g_assert_cmpstr (json, ==, again);
}

/* What the publisher records while a request is in flight comes back
 * from the draft as it was written; and a draft without it (the files of
 * every Byline before it) reads as having nothing in flight. */
static void
test_json_publish_state_round_trip (void)
{
  g_autoptr(BylineArticle) article = make_full_article ();
  g_autoptr(BylineArticle) loaded = NULL;
  g_autoptr(BylineArticle) older = NULL;
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2026, 11, 29, 10, 0, 0.5);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  BylineBlock *figure = NULL;
  GDateTime *loaded_sent = NULL;
  const char *digest = NULL;
  guint changes = 0;

  for (guint i = 0; i < byline_article_get_n_blocks (article); i++)
    if (byline_block_get_kind (byline_article_get_block (article, i)) == BYLINE_BLOCK_FIGURE)
      figure = byline_article_get_block (article, i);
  g_assert_nonnull (figure);

  /* Bookkeeping is saved ("changed") but leaves the markup's source. */
  byline_block_set_source (figure, "SOURCE", -1);
  byline_block_set_upload_slug (figure, "byline-0123456789abcdef");
  g_assert_cmpstr (byline_block_get_source (figure), ==, "SOURCE");
  g_signal_connect (article, "changed", G_CALLBACK (count_changes), &changes);
  byline_article_set_post_request (article, BYLINE_POST_REQUEST_UPDATE, sent, "c0ffee");
  g_assert_cmpuint (changes, ==, 1);
  byline_article_set_post_request (article, BYLINE_POST_REQUEST_UPDATE, sent, "c0ffee");
  g_assert_cmpuint (changes, ==, 1);

  json = byline_article_to_json (article, TRUE, NULL);
  g_assert_nonnull (strstr (json, "\"upload_slug\" : \"byline-0123456789abcdef\""));
  g_assert_nonnull (strstr (json, "\"kind\" : \"update\""));
  loaded = byline_article_from_json (json, -1, &error);
  g_assert_no_error (error);
  assert_articles_equal (article, loaded);
  g_assert_cmpint (byline_article_get_post_request (loaded, &loaded_sent, &digest), ==,
                   BYLINE_POST_REQUEST_UPDATE);
  g_assert_cmpstr (digest, ==, "c0ffee");
  g_assert_true (g_date_time_equal (loaded_sent, sent));
  again = byline_article_to_json (loaded, TRUE, NULL);
  g_assert_cmpstr (json, ==, again);

  /* Once the answer is recorded, nothing of it is left in the file. */
  byline_block_set_upload_slug (figure, NULL);
  byline_article_set_post_request (article, BYLINE_POST_REQUEST_NONE, sent, "c0ffee");
  g_clear_pointer (&json, g_free);
  json = byline_article_to_json (article, TRUE, NULL);
  g_assert_null (strstr (json, "upload_slug"));
  g_assert_null (strstr (json, "\"request\""));

  /* A create in flight is written even before the article is linked. */
  older = byline_article_new (NULL);
  byline_article_set_post_request (older, BYLINE_POST_REQUEST_CREATE, sent, "abc");
  g_clear_pointer (&json, g_free);
  json = byline_article_to_json (older, FALSE, NULL);
  g_clear_object (&loaded);
  loaded = byline_article_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_article_get_post_request (loaded, NULL, NULL), ==,
                   BYLINE_POST_REQUEST_CREATE);

  /* A file written before any of this. */
  g_clear_object (&loaded);
  loaded = byline_article_from_json ("{\"format\":1,\"remote\":{\"site\":\"s\",\"post_id\":4},"
                                     "\"blocks\":[{\"type\":\"figure\",\"id\":\"f\",\"media_id\":7}]}",
                                     -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (byline_article_get_post_request (loaded, NULL, NULL), ==,
                   BYLINE_POST_REQUEST_NONE);
  g_assert_null (byline_block_get_upload_slug (byline_article_get_block (loaded, 0)));
}

static void
test_json_marks_count_characters (void)
{
  g_autoptr(BylineArticle) article = byline_article_new (NULL);
  g_autofree char *json = NULL;

  byline_article_append_block (article, byline_block_new_paragraph (make_marked ()));
  json = byline_article_to_json (article, FALSE, NULL);
  /* "nghèo" starts at character 5 and ends at 10 (bytes 6 and 12). */
  g_assert_nonnull (strstr (json, "\"start\":5,\"end\":10"));
}

static void
test_json_rejects_bad_input (void)
{
  static const struct { const char *json; int code; } cases[] = {
    { "", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"blocks\":[", BYLINE_ERROR_PARSE },
    { "[1,2]", BYLINE_ERROR_PARSE },
    { "{\"title\":\"no format\"}", BYLINE_ERROR_PARSE },
    { "{\"format\":2,\"title\":\"future\"}", BYLINE_ERROR_INVALID_INPUT },
    { "{\"format\":1,\"blocks\":[{\"type\":\"video\"}]}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"blocks\":[{\"type\":\"heading\",\"level\":9,\"text\":{\"text\":\"x\"}}]}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"blocks\":[{\"type\":\"paragraph\",\"text\":{\"text\":\"ab\",\"marks\":[{\"type\":\"bold\",\"start\":0,\"end\":3}]}}]}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"blocks\":[{\"type\":\"paragraph\",\"text\":{\"text\":\"ab\",\"marks\":[{\"type\":\"link\",\"start\":0,\"end\":1}]}}]}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"title\":5}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"date\":\"yesterday\"}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"remote\":{\"request\":{\"kind\":\"delete\"}}}", BYLINE_ERROR_PARSE },
    { "{\"format\":1,\"remote\":{\"request\":{\"kind\":\"create\",\"sent\":\"soon\"}}}",
      BYLINE_ERROR_PARSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BylineArticle) article = byline_article_from_json (cases[i].json, -1, &error);

      g_assert_null (article);
      g_assert_error (error, BYLINE_ERROR, cases[i].code);
    }
}

static void
test_json_deep_nesting_refused (void)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":1,\"blocks\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineArticle) article = NULL;

  for (int i = 0; i < 200; i++)
    g_string_append (json, "{\"type\":\"list\",\"items\":[{\"text\":{\"text\":\"x\"},\"sublist\":");
  g_string_append (json, "{\"type\":\"list\",\"items\":[]}");
  for (int i = 0; i < 200; i++)
    g_string_append (json, "}]}");
  g_string_append (json, "]}");

  article = byline_article_from_json (json->str, -1, &error);
  g_assert_null (article);
  g_assert_error (error, BYLINE_ERROR, BYLINE_ERROR_PARSE);
}

static void
test_carry_sources (void)
{
  g_autoptr(BylineArticle) previous = make_full_article ();
  g_autoptr(BylineArticle) edited = byline_article_copy (previous);
  g_autoptr(GPtrArray) blocks = NULL;

  for (guint i = 0; i < byline_article_get_n_blocks (previous); i++)
    byline_block_set_source (byline_article_get_block (previous, i), "SOURCE", -1);

  /* The editor rebuilds every block; the second paragraph was edited. */
  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  for (guint i = 0; i < byline_article_get_n_blocks (edited); i++)
    {
      BylineBlock *copy = byline_block_copy (byline_article_get_block (edited, i));

      byline_block_set_source (copy, NULL, -1);
      if (i == 1)
        byline_block_set_text (copy, byline_inline_new ("đã sửa"));
      g_ptr_array_add (blocks, copy);
    }
  byline_article_set_blocks (edited, blocks);
  byline_article_carry_sources (edited, previous);

  for (guint i = 0; i < byline_article_get_n_blocks (edited); i++)
    {
      const char *source = byline_block_get_source (byline_article_get_block (edited, i));

      if (i == 1)
        g_assert_null (source);
      else
        g_assert_cmpstr (source, ==, "SOURCE");
    }
}

/* A file imported again continues from what publishing it recorded. */
static void
test_carry_publish_state (void)
{
  g_autoptr(BylineArticle) previous = make_full_article ();
  g_autoptr(BylineArticle) again = NULL;
  g_autoptr(GDateTime) sent = g_date_time_new_utc (2026, 11, 29, 10, 0, 0);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_term_free);
  BylineBlock *old_figure = NULL, *figure = NULL, *other;
  GPtrArray *carried;

  for (guint i = 0; i < byline_article_get_n_blocks (previous); i++)
    if (byline_block_get_kind (byline_article_get_block (previous, i)) == BYLINE_BLOCK_FIGURE)
      old_figure = byline_article_get_block (previous, i);
  byline_block_set_upload_slug (old_figure, "byline-00ff");
  byline_article_set_post_request (previous, BYLINE_POST_REQUEST_UPDATE, sent, "d1");

  /* The same figure (same id) without its portal state, and a new one. */
  again = byline_article_new (byline_article_get_id (previous));
  figure = byline_block_new_figure (byline_block_get_figure_id (old_figure));
  byline_block_set_local_path (figure, "/tmp/anh-1.jpg");
  byline_article_append_block (again, figure);
  other = byline_block_new_figure (NULL);
  byline_block_set_local_path (other, "/tmp/anh-2.jpg");
  byline_article_append_block (again, other);
  g_ptr_array_add (categories, byline_term_new (0, "Tin tức"));
  g_ptr_array_add (categories, byline_term_new (0, "Mới"));
  byline_article_set_categories (again, categories);

  byline_article_carry_publish_state (again, previous);

  g_assert_cmpint (byline_article_get_post_id (again), ==, 42);
  g_assert_cmpstr (byline_article_get_site (again), ==, "giavien");
  g_assert_cmpstr (byline_article_get_modified_gmt (again), ==, "2023-11-15T01:02:03");
  g_assert_cmpint (byline_article_get_post_request (again, NULL, NULL), ==, BYLINE_POST_REQUEST_UPDATE);
  g_assert_cmpint (byline_block_get_media_id (figure), ==, 12);
  g_assert_cmpstr (byline_block_get_url (figure), ==, "http://127.0.0.1/a.jpg");
  g_assert_cmpstr (byline_block_get_upload_slug (figure), ==, "byline-00ff");
  g_assert_cmpstr (byline_block_get_local_path (figure), ==, "/tmp/anh-1.jpg");
  g_assert_cmpint (byline_block_get_media_id (other), ==, 0);
  carried = byline_article_get_categories (again);
  g_assert_cmpint (((BylineTerm *) g_ptr_array_index (carried, 0))->id, ==, 3);
  g_assert_cmpint (((BylineTerm *) g_ptr_array_index (carried, 1))->id, ==, 0);
}

/* Random marking against a plain reference (the marks of every byte): the
 * spans must be exactly the maximal runs, sorted by start. */
static void
test_inline_marks_match_reference (void)
{
  static const char * const hrefs[] = { "https://a.vn/", "https://b.vn/", "mailto:c@d.vn" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20231115);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(BylineInline) inl = byline_inline_new ("Huyen Gia Vien giam 155 ho ngheo nam 2023, chiem 1,92%");
      guint len = byline_inline_get_length (inl);
      guint bits[64] = { 0, };
      const char *links[64] = { NULL, };
      guint n = 0;

      for (guint op = 0; op < 200; op++)
        {
          BylineMarkKind kind = g_rand_int_range (rand, 0, BYLINE_N_MARKS);
          guint start = g_rand_int_range (rand, 0, len);
          guint end = g_rand_int_range (rand, start, len + 1);
          const char *href = hrefs[g_rand_int_range (rand, 0, G_N_ELEMENTS (hrefs))];
          gboolean add = g_rand_int_range (rand, 0, 3) > 0;

          if (add)
            byline_inline_add_mark (inl, kind, start, end, href);
          else
            byline_inline_remove_mark (inl, kind, start, end);
          for (guint p = start; p < end; p++)
            {
              if (add)
                bits[p] |= 1u << kind;
              else
                bits[p] &= ~(1u << kind);
              if (kind == BYLINE_MARK_LINK)
                links[p] = add ? href : NULL;
            }
        }

      for (guint kind = 0; kind < BYLINE_N_MARKS; kind++)
        for (guint p = 0; p < len;)
          {
            const BylineSpan *span;
            guint q = p;

            if (!(bits[p] & (1u << kind)))
              {
                p++;
                continue;
              }
            while (q < len && (bits[q] & (1u << kind)) &&
                   (kind != BYLINE_MARK_LINK || links[q] == links[p]))
              q++;

            /* That run is one span of the model. */
            span = NULL;
            for (guint i = 0; i < byline_inline_get_n_spans (inl); i++)
              {
                const BylineSpan *s = byline_inline_get_span (inl, i);

                if (s->kind == kind && s->start == p && s->end == q)
                  span = s;
              }
            g_assert_nonnull (span);
            if (kind == BYLINE_MARK_LINK)
              g_assert_cmpstr (span->href, ==, links[p]);
            n++;
            p = q;
          }

      g_assert_cmpuint (byline_inline_get_n_spans (inl), ==, n);
      for (guint i = 1; i < byline_inline_get_n_spans (inl); i++)
        g_assert_cmpuint (byline_inline_get_span (inl, i - 1)->start, <=,
                          byline_inline_get_span (inl, i)->start);
    }
}

static void
test_inline_many_marks_stay_fast (void)
{
  g_autoptr(BylineInline) inl = byline_inline_new (NULL);
  g_autoptr(GTimer) timer = g_timer_new ();

  /* A pasted page with 50,000 bold words: was quadratic. */
  for (guint i = 0; i < 50000; i++)
    {
      guint start = byline_inline_get_length (inl);

      byline_inline_append (inl, "đậm ", -1);
      byline_inline_add_mark (inl, i % 2 ? BYLINE_MARK_BOLD : BYLINE_MARK_ITALIC, start, start + 5, NULL);
      byline_inline_add_mark (inl, BYLINE_MARK_LINK, start, start + 5, i % 3 ? "https://a.vn/" : "https://b.vn/");
    }
  g_assert_cmpuint (byline_inline_get_n_spans (inl), ==, 100000);
  g_test_message ("100,000 marks in %.0f ms", g_timer_elapsed (timer, NULL) * 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/inline/normalizes-text", test_inline_normalizes_text);
  g_test_add_func ("/model/inline/marks-merge", test_inline_marks_merge);
  g_test_add_func ("/model/inline/links-replace", test_inline_links_replace);
  g_test_add_func ("/model/inline/marks-match-reference", test_inline_marks_match_reference);
  g_test_add_func ("/model/inline/many-marks-stay-fast", test_inline_many_marks_stay_fast);
  g_test_add_func ("/model/inline/offsets-snap-to-characters", test_inline_offsets_snap_to_characters);
  g_test_add_func ("/model/inline/slice-and-strip", test_inline_slice_and_strip);
  g_test_add_func ("/model/inline/equal", test_inline_equal);
  g_test_add_func ("/model/block/setters-clear-source", test_block_setters_clear_source);
  g_test_add_func ("/model/article/title-is-one-line", test_article_title_is_one_line);
  g_test_add_func ("/model/article/tags-deduplicated", test_article_tags_deduplicated);
  g_test_add_func ("/model/article/changed-signal", test_article_changed_signal);
  g_test_add_func ("/model/article/word-count", test_article_word_count);
  g_test_add_func ("/model/article/carry-sources", test_carry_sources);
  g_test_add_func ("/model/article/carry-publish-state", test_carry_publish_state);
  g_test_add_func ("/model/json/round-trip", test_json_round_trip);
  g_test_add_func ("/model/json/publish-state-round-trip", test_json_publish_state_round_trip);
  g_test_add_func ("/model/json/marks-count-characters", test_json_marks_count_characters);
  g_test_add_func ("/model/json/rejects-bad-input", test_json_rejects_bad_input);
  g_test_add_func ("/model/json/deep-nesting-refused", test_json_deep_nesting_refused);

  return g_test_run ();
}
