/* byline-editor-buffer.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The body of the article editor: a GtkTextBuffer that knows how its text
 * maps onto the article model, both ways.
 *
 * One line is one paragraph, heading, list item, quote paragraph, citation
 * or object (figure, separator, raw block). What a line is comes from one
 * "block tag" covering the whole line, newline included; a paragraph has
 * none. A line break inside a paragraph is U+2028 LINE SEPARATOR in the
 * buffer (Pango breaks the line there) and "\n" in the model. Inline marks
 * are tags over the text, never over a newline. Objects are a child anchor
 * on a line of their own; the anchor carries its BylineBlock, and a
 * non-editable guard over the newline before it, the anchor and its own
 * newline keeps typing off the object's line (see INLINE-FIGURES in the
 * project's notes: text typed beside an anchor lands on the card's line).
 * A non-paragraph line is never the buffer's last line, so its newline can
 * carry its kind even when it is empty.
 *
 * Keeping the model current is cheap: edits record which lines they touched
 * (as a first line and a count of untouched lines after the last one, which
 * stay valid whatever later edits do), and a sync re-reads only the blocks
 * around those lines, reusing every other block as it was, so unchanged
 * blocks keep their identity and the markup they were parsed from.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include <string.h>

#include "byline-editor-buffer.h"

#define LINE_SEPARATOR 0x2028
#define LINE_SEPARATOR_UTF8 "\xe2\x80\xa8"
#define OBJECT_REPLACEMENT 0xFFFC

struct _BylineEditorBuffer
{
  GtkTextBuffer  parent_instance;

  /* Borrowed from the tag table */
  GtkTextTag    *mark_tags[BYLINE_N_MARKS];    /* the link entry is unused */
  GtkTextTag    *heading_tags[6];
  GtkTextTag    *list_tags[2][BYLINE_EDITOR_BUFFER_MAX_DEPTH];
  GtkTextTag    *quote_tag;
  GtkTextTag    *citation_tag;
  GtkTextTag    *object_tag;
  GtkTextTag    *guard_tag;
  GtkTextTag    *alternate_tag;
  GtkTextTag    *header_tag;

  /* Owned */
  GHashTable    *link_tags;        /* link key (href, target, rel) -> GtkTextTag */
  GPtrArray     *blocks;           /* BylineBlock: the model as of the last sync */
  GArray        *block_lines;      /* guint: first line of each block */
  guint          n_lines;          /* line count as of the last sync */
  guint          dirty_first;      /* first touched line */
  guint          dirty_after;      /* untouched lines after the last touched one */
  guint          action_depth;
  guint          busy;
  guint          n_syncs;
  guint8         typing_set;       /* marks the next typed text gets or loses */
  guint8         typing_on;
  int            indent;

  guint          dirty : 1;
  guint          with_header : 1;
  guint          loading : 1;
  guint          replaying : 1;
  guint          dark : 1;
};

G_DEFINE_FINAL_TYPE (BylineEditorBuffer, byline_editor_buffer, GTK_TYPE_TEXT_BUFFER)

enum {
  BLOCKS_CHANGED,
  OBJECT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static GQuark style_quark;
static GQuark mark_quark;
static GQuark href_quark;
static GQuark target_quark;
static GQuark rel_quark;
static GQuark block_quark;
static GQuark alternate_quark;
static GQuark header_quark;

static const BylineLineStyle paragraph_style = { BYLINE_LINE_PARAGRAPH, 0, FALSE };

BylineEditorBuffer *
byline_editor_buffer_new (void)
{
  return g_object_new (BYLINE_TYPE_EDITOR_BUFFER, NULL);
}

/* Tags */

static GtkTextTag *
make_line_tag (BylineEditorBuffer *self,
               const char         *name,
               BylineLineKind      kind,
               guint               level,
               gboolean            ordered)
{
  GtkTextTag *tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self), name, NULL);
  BylineLineStyle *style = g_new0 (BylineLineStyle, 1);

  style->kind = kind;
  style->level = level;
  style->ordered = ordered;
  g_object_set_qdata_full (G_OBJECT (tag), style_quark, style, g_free);

  return tag;
}

static void
set_mark_kind (GtkTextTag     *tag,
               BylineMarkKind  kind)
{
  g_object_set_qdata (G_OBJECT (tag), mark_quark, GUINT_TO_POINTER (kind + 1));
}

static gboolean
tag_get_mark_kind (GtkTextTag     *tag,
                   BylineMarkKind *kind)
{
  guint value = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (tag), mark_quark));

  if (value == 0)
    return FALSE;
  *kind = value - 1;
  return TRUE;
}

static const BylineLineStyle *
tag_get_style (GtkTextTag *tag)
{
  return g_object_get_qdata (G_OBJECT (tag), style_quark);
}

static void
create_tags (BylineEditorBuffer *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  static const double heading_scale[6] = { 2.0, 1.6, 1.35, 1.15, 1.0, 0.9 };

  self->mark_tags[BYLINE_MARK_BOLD] =
    gtk_text_buffer_create_tag (buffer, "bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  self->mark_tags[BYLINE_MARK_ITALIC] =
    gtk_text_buffer_create_tag (buffer, "italic", "style", PANGO_STYLE_ITALIC, NULL);
  self->mark_tags[BYLINE_MARK_STRIKETHROUGH] =
    gtk_text_buffer_create_tag (buffer, "strikethrough", "strikethrough", TRUE, NULL);
  self->mark_tags[BYLINE_MARK_SUPERSCRIPT] =
    gtk_text_buffer_create_tag (buffer, "superscript",
                                "rise", 6 * PANGO_SCALE, "scale", PANGO_SCALE_SMALL, NULL);
  self->mark_tags[BYLINE_MARK_SUBSCRIPT] =
    gtk_text_buffer_create_tag (buffer, "subscript",
                                "rise", -3 * PANGO_SCALE, "scale", PANGO_SCALE_SMALL, NULL);
  for (guint i = 0; i < BYLINE_N_MARKS; i++)
    if (i != BYLINE_MARK_LINK)
      set_mark_kind (self->mark_tags[i], i);

  for (guint level = 1; level <= 6; level++)
    {
      g_autofree char *name = g_strdup_printf ("h%u", level);
      GtkTextTag *tag = make_line_tag (self, name, BYLINE_LINE_HEADING, level, FALSE);

      g_object_set (tag,
                    "weight", level <= 4 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD,
                    "scale", heading_scale[level - 1],
                    "pixels-above-lines", 18,
                    "pixels-below-lines", 6,
                    NULL);
      self->heading_tags[level - 1] = tag;
    }

  for (guint ordered = 0; ordered < 2; ordered++)
    for (guint depth = 0; depth < BYLINE_EDITOR_BUFFER_MAX_DEPTH; depth++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%u", ordered ? "ol" : "ul", depth);
        GtkTextTag *tag = make_line_tag (self, name, BYLINE_LINE_LIST_ITEM, depth, ordered);

        /* Room on the left for the bullet or number the view draws. */
        g_object_set (tag,
                      "left-margin", 28 + 24 * depth,
                      "pixels-below-lines", 4,
                      NULL);
        self->list_tags[ordered][depth] = tag;
      }

  self->quote_tag = make_line_tag (self, "quote", BYLINE_LINE_QUOTE, 0, FALSE);
  g_object_set (self->quote_tag,
                "left-margin", 24,
                "style", PANGO_STYLE_ITALIC,
                NULL);
  self->citation_tag = make_line_tag (self, "citation", BYLINE_LINE_CITATION, 0, FALSE);
  g_object_set (self->citation_tag,
                "left-margin", 24,
                "scale", PANGO_SCALE_SMALL,
                NULL);
  self->object_tag = make_line_tag (self, "object", BYLINE_LINE_OBJECT, 0, FALSE);
  g_object_set (self->object_tag,
                "justification", GTK_JUSTIFY_CENTER,
                "pixels-above-lines", 6,
                "pixels-below-lines", 16,
                NULL);
  self->guard_tag = gtk_text_buffer_create_tag (buffer, "guard", "editable", FALSE, NULL);
  self->header_tag = gtk_text_buffer_create_tag (buffer, "header", "editable", FALSE,
                                                "pixels-below-lines", 8, NULL);
  /* No look: it tells apart two lists (or quotes) that follow each other. */
  self->alternate_tag = gtk_text_buffer_create_tag (buffer, "alternate", NULL);
  g_object_set_qdata (G_OBJECT (self->alternate_tag), alternate_quark, GUINT_TO_POINTER (1));
}

/* The first line of the body: line 1 when line 0 holds the header. */
static guint
body_start (BylineEditorBuffer *self)
{
  return self->with_header ? 1 : 0;
}

static gboolean
kind_groups (BylineLineKind kind)
{
  return kind == BYLINE_LINE_LIST_ITEM || kind == BYLINE_LINE_QUOTE || kind == BYLINE_LINE_CITATION;
}

static GtkTextTag *
style_get_tag (BylineEditorBuffer    *self,
               const BylineLineStyle *style)
{
  switch (style->kind)
    {
    case BYLINE_LINE_PARAGRAPH:
      return NULL;
    case BYLINE_LINE_HEADING:
      return self->heading_tags[CLAMP (style->level, 1, 6) - 1];
    case BYLINE_LINE_LIST_ITEM:
      return self->list_tags[!!style->ordered][MIN (style->level, BYLINE_EDITOR_BUFFER_MAX_DEPTH - 1)];
    case BYLINE_LINE_QUOTE:
      return self->quote_tag;
    case BYLINE_LINE_CITATION:
      return self->citation_tag;
    case BYLINE_LINE_OBJECT:
      return self->object_tag;
    default:
      g_assert_not_reached ();
    }
}

static const char *
link_color (BylineEditorBuffer *self)
{
  /* Adwaita's link colours for the light and dark styles. */
  return self->dark ? "#78aeed" : "#1c71d8";
}

/* One tag per distinct link: where it goes and how it opens (WordPress's
 * "open in new tab" adds target and rel, which a paragraph keeps). */
static GtkTextTag *
get_link_tag (BylineEditorBuffer *self,
              const char         *href,
              const char         *target,
              const char         *rel)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s\x1f%s", href,
                                          target != NULL ? target : "",
                                          rel != NULL ? rel : "");
  GtkTextTag *tag = g_hash_table_lookup (self->link_tags, key);

  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self), NULL,
                                        "underline", PANGO_UNDERLINE_SINGLE,
                                        "foreground", link_color (self),
                                        NULL);
      set_mark_kind (tag, BYLINE_MARK_LINK);
      g_object_set_qdata_full (G_OBJECT (tag), href_quark, g_strdup (href), g_free);
      g_object_set_qdata_full (G_OBJECT (tag), target_quark, g_strdup (target), g_free);
      g_object_set_qdata_full (G_OBJECT (tag), rel_quark, g_strdup (rel), g_free);
      g_hash_table_insert (self->link_tags, g_steal_pointer (&key), tag);
    }

  return tag;
}

/**
 * byline_editor_buffer_set_indent:
 * @self: a body buffer
 * @indent: the view's left margin, in pixels
 *
 * A tag's left margin replaces the view's rather than adding to it, so
 * lists and quotes are indented from the text column here.
 */
void
byline_editor_buffer_set_indent (BylineEditorBuffer *self,
                                 int                 indent)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));

  if (self->indent == indent)
    return;

  self->indent = indent;
  for (guint ordered = 0; ordered < 2; ordered++)
    for (guint depth = 0; depth < BYLINE_EDITOR_BUFFER_MAX_DEPTH; depth++)
      g_object_set (self->list_tags[ordered][depth], "left-margin", indent + 28 + 24 * depth, NULL);
  g_object_set (self->quote_tag, "left-margin", indent + 24, NULL);
  g_object_set (self->citation_tag, "left-margin", indent + 24, NULL);
}

void
byline_editor_buffer_set_dark (BylineEditorBuffer *self,
                               gboolean            dark)
{
  GHashTableIter iter;
  gpointer tag;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));

  if (self->dark == !!dark)
    return;

  self->dark = !!dark;
  g_hash_table_iter_init (&iter, self->link_tags);
  while (g_hash_table_iter_next (&iter, NULL, &tag))
    g_object_set (tag, "foreground", link_color (self), NULL);
}

/* Reading lines */

static void
read_style (const GtkTextIter *line_start,
            BylineLineStyle   *style)
{
  GSList *tags;

  *style = paragraph_style;
  if (gtk_text_iter_get_child_anchor (line_start) != NULL)
    {
      style->kind = BYLINE_LINE_OBJECT;
      return;
    }

  tags = gtk_text_iter_get_tags (line_start);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const BylineLineStyle *found = tag_get_style (l->data);

      if (found != NULL && found->kind != BYLINE_LINE_OBJECT)
        {
          gboolean alternate = style->alternate;

          *style = *found;
          style->alternate = alternate;
        }
      else if (g_object_get_qdata (l->data, alternate_quark) != NULL)
        style->alternate = TRUE;
    }
  g_slist_free (tags);
  if (!kind_groups (style->kind))
    style->alternate = FALSE;
}

/* The style of the line holding @iter, as its first character says. */
static void
line_style_at (const GtkTextIter *iter,
               BylineLineStyle   *style)
{
  GtkTextIter start = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  if (gtk_text_iter_is_end (&start))
    *style = paragraph_style;
  else
    read_style (&start, style);
}

void
byline_editor_buffer_get_line_style (BylineEditorBuffer *self,
                                     const GtkTextIter  *iter,
                                     BylineLineStyle    *style)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (iter != NULL && style != NULL);

  line_style_at (iter, style);
}

/* Appends [start, end) of one line to @out, with its marks. */
static void
append_run_text (BylineInline *out,
                 GtkTextIter  *start,
                 GtkTextIter  *end)
{
  GtkTextIter iter = *start;

  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GtkTextIter next = iter;
      g_autofree char *text = NULL;
      GString *clean;
      guint before, after;

      if (!gtk_text_iter_forward_to_tag_toggle (&next, NULL) || gtk_text_iter_compare (&next, end) > 0)
        next = *end;

      text = gtk_text_iter_get_text (&iter, &next);
      clean = g_string_sized_new (strlen (text));
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);

          /* A stray object replacement character is never content. */
          if (ch == OBJECT_REPLACEMENT)
            continue;
          if (ch == LINE_SEPARATOR)
            g_string_append_c (clean, '\n');
          else
            g_string_append_len (clean, p, g_utf8_next_char (p) - p);
        }

      before = byline_inline_get_length (out);
      byline_inline_append (out, clean->str, clean->len);
      after = byline_inline_get_length (out);
      g_string_free (clean, TRUE);

      if (after > before)
        {
          GSList *tags = gtk_text_iter_get_tags (&iter);

          for (GSList *l = tags; l != NULL; l = l->next)
            {
              BylineMarkKind kind;

              if (!tag_get_mark_kind (l->data, &kind))
                continue;
              if (kind == BYLINE_MARK_LINK)
                byline_inline_add_link (out, before, after,
                                        g_object_get_qdata (l->data, href_quark),
                                        g_object_get_qdata (l->data, target_quark),
                                        g_object_get_qdata (l->data, rel_quark));
              else
                byline_inline_add_mark (out, kind, before, after, NULL);
            }
          g_slist_free (tags);
        }

      iter = next;
    }
}

static BylineInline *
read_line_inline (const GtkTextIter *line_start)
{
  GtkTextIter start = *line_start, end = *line_start;
  BylineInline *out = byline_inline_new (NULL);

  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  append_run_text (out, &start, &end);

  return out;
}

/* Converting lines to blocks */

typedef struct
{
  guint         depth;
  gboolean      ordered;
  BylineInline *text;
} ListLine;

typedef struct
{
  GPtrArray *blocks;
  GArray    *lines;        /* guint: first line of each block */
  GArray    *list;         /* ListLine: the list being read */
  guint      list_line;
  gboolean   list_alternate;
  gboolean   quote_alternate;
  BylineBlock *quote;
  GString   *citation;
  BylineInline *citation_inline;
} Reader;

static void
list_line_clear (gpointer data)
{
  ListLine *line = data;

  g_clear_pointer (&line->text, byline_inline_free);
}

static void
reader_init (Reader    *reader,
             GPtrArray *blocks,
             GArray    *lines)
{
  memset (reader, 0, sizeof *reader);
  reader->blocks = blocks;
  reader->lines = lines;
  reader->list = g_array_new (FALSE, FALSE, sizeof (ListLine));
  g_array_set_clear_func (reader->list, list_line_clear);
}

static void
reader_add (Reader      *reader,
            BylineBlock *block,
            guint        line)
{
  g_ptr_array_add (reader->blocks, block);
  if (reader->lines != NULL)
    g_array_append_val (reader->lines, line);
}

static BylineBlock *
build_list (GArray *lines,
            guint  *index,
            guint   depth)
{
  ListLine *first = &g_array_index (lines, ListLine, *index);
  BylineBlock *list = byline_block_new_list (first->ordered);

  while (*index < lines->len)
    {
      ListLine *line = &g_array_index (lines, ListLine, *index);
      BylineInline *text;
      BylineBlock *sublist = NULL;

      if (line->depth < depth)
        break;

      text = g_steal_pointer (&line->text);
      (*index)++;
      if (*index < lines->len && g_array_index (lines, ListLine, *index).depth > depth)
        sublist = build_list (lines, index, depth + 1);
      byline_block_append_item (list, byline_list_item_new (text, sublist));
    }

  return list;
}

static void
reader_flush_list (Reader *reader)
{
  guint index = 0;

  if (reader->list->len == 0)
    return;

  reader_add (reader, build_list (reader->list, &index, 0), reader->list_line);
  g_array_set_size (reader->list, 0);
}

static void
reader_flush_quote (Reader *reader)
{
  if (reader->quote == NULL)
    return;

  if (reader->citation_inline != NULL)
    byline_block_set_citation (reader->quote, g_steal_pointer (&reader->citation_inline));
  g_ptr_array_add (reader->blocks, g_steal_pointer (&reader->quote));
}

static void
reader_flush (Reader *reader)
{
  reader_flush_list (reader);
  reader_flush_quote (reader);
}

static void
reader_read_line (Reader            *reader,
                  const GtkTextIter *line_start,
                  guint              line)
{
  BylineLineStyle style;

  if (gtk_text_iter_is_end (line_start))
    return;

  read_style (line_start, &style);
  switch (style.kind)
    {
    case BYLINE_LINE_OBJECT:
      {
        GtkTextChildAnchor *anchor = gtk_text_iter_get_child_anchor (line_start);
        BylineBlock *block = g_object_get_qdata (G_OBJECT (anchor), block_quark);

        reader_flush (reader);
        if (block != NULL)
          reader_add (reader, byline_block_ref (block), line);
      }
      break;

    case BYLINE_LINE_PARAGRAPH:
    case BYLINE_LINE_HEADING:
      {
        g_autoptr(BylineInline) text = read_line_inline (line_start);

        reader_flush (reader);
        /* Empty lines are where the writer is about to type, not content. */
        if (byline_inline_is_empty (text))
          break;
        if (style.kind == BYLINE_LINE_HEADING)
          reader_add (reader, byline_block_new_heading (style.level, g_steal_pointer (&text)), line);
        else
          reader_add (reader, byline_block_new_paragraph (g_steal_pointer (&text)), line);
      }
      break;

    case BYLINE_LINE_LIST_ITEM:
      {
        ListLine item = { 0, };

        reader_flush_quote (reader);
        if (reader->list->len > 0)
          {
            ListLine *last = &g_array_index (reader->list, ListLine, reader->list->len - 1);
            ListLine *root = &g_array_index (reader->list, ListLine, 0);

            item.depth = MIN (style.level, last->depth + 1);
            /* A top-level item of the other kind, or of the next list,
             * starts another list. */
            if ((item.depth == 0 && !!style.ordered != !!root->ordered) ||
                !!style.alternate != !!reader->list_alternate)
              reader_flush_list (reader);
          }
        if (reader->list->len == 0)
          {
            item.depth = 0;
            reader->list_line = line;
            reader->list_alternate = style.alternate;
          }
        item.ordered = style.ordered;
        item.text = read_line_inline (line_start);
        g_array_append_val (reader->list, item);
      }
      break;

    case BYLINE_LINE_QUOTE:
    case BYLINE_LINE_CITATION:
      {
        g_autoptr(BylineInline) text = read_line_inline (line_start);

        reader_flush_list (reader);
        if (reader->quote != NULL && !!style.alternate != !!reader->quote_alternate)
          reader_flush_quote (reader);
        if (reader->quote == NULL)
          {
            reader->quote = byline_block_new_quote ();
            reader->quote_alternate = style.alternate;
            if (reader->lines != NULL)
              g_array_append_val (reader->lines, line);
          }
        if (byline_inline_is_empty (text))
          break;
        if (style.kind == BYLINE_LINE_QUOTE)
          {
            byline_block_append_paragraph (reader->quote, g_steal_pointer (&text));
          }
        else if (reader->citation_inline == NULL)
          {
            reader->citation_inline = g_steal_pointer (&text);
          }
        else
          {
            byline_inline_append (reader->citation_inline, "\n", 1);
            byline_inline_append_inline (reader->citation_inline, text);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
reader_finish (Reader *reader)
{
  reader_flush (reader);
  g_array_unref (reader->list);
  g_clear_pointer (&reader->citation_inline, byline_inline_free);
}

/* Reads lines [first, last) into blocks, and their first lines into @lines. */
static GPtrArray *
convert_lines (BylineEditorBuffer *self,
               guint               first,
               guint               last,
               GArray             *lines)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  GtkTextIter iter;
  Reader reader;

  reader_init (&reader, blocks, lines);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), &iter, first);
  for (guint line = first; line < last; line++)
    {
      reader_read_line (&reader, &iter, line);
      if (!gtk_text_iter_forward_line (&iter))
        break;
    }
  reader_finish (&reader);

  return blocks;
}

/**
 * byline_editor_buffer_convert:
 * @self: a body buffer
 *
 * Reads the whole buffer into blocks, from scratch.
 *
 * Returns: (transfer container) (element-type BylineBlock): the body
 */
GPtrArray *
byline_editor_buffer_convert (BylineEditorBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);

  return convert_lines (self, 0, gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self)), NULL);
}

/**
 * byline_editor_buffer_convert_range:
 * @self: a body buffer
 * @start: where to start
 * @end: where to stop
 *
 * Reads [@start, @end) into blocks, for copying: partial first and last
 * lines keep their kind.
 *
 * Returns: (transfer container) (element-type BylineBlock): the blocks
 */
GPtrArray *
byline_editor_buffer_convert_range (BylineEditorBuffer *self,
                                    const GtkTextIter  *start,
                                    const GtkTextIter  *end)
{
  GPtrArray *blocks;
  GtkTextIter line_start;
  Reader reader;
  guint first, last;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);

  blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  reader_init (&reader, blocks, NULL);
  first = gtk_text_iter_get_line (start);
  last = gtk_text_iter_get_line (end);
  for (guint line = first; line <= last; line++)
    {
      GtkTextIter from, to;
      BylineLineStyle style;

      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), &line_start, line);
      read_style (&line_start, &style);
      if (style.kind == BYLINE_LINE_OBJECT || (line != first && line != last))
        {
          if (line != last || !gtk_text_iter_equal (&line_start, end))
            reader_read_line (&reader, &line_start, line);
          continue;
        }

      /* A partial line: read just the selected part of it with the line's
       * kind. */
      from = line == first ? *start : line_start;
      to = line_start;
      if (!gtk_text_iter_ends_line (&to))
        gtk_text_iter_forward_to_line_end (&to);
      if (line == last && gtk_text_iter_compare (end, &to) < 0)
        to = *end;
      if (gtk_text_iter_compare (&from, &to) >= 0)
        continue;

      {
        g_autoptr(BylineInline) text = byline_inline_new (NULL);

        append_run_text (text, &from, &to);
        if (byline_inline_is_empty (text))
          continue;
        switch (style.kind)
          {
          case BYLINE_LINE_PARAGRAPH:
            reader_flush (&reader);
            reader_add (&reader, byline_block_new_paragraph (g_steal_pointer (&text)), line);
            break;
          case BYLINE_LINE_HEADING:
            reader_flush (&reader);
            reader_add (&reader, byline_block_new_heading (style.level, g_steal_pointer (&text)), line);
            break;
          case BYLINE_LINE_LIST_ITEM:
            {
              ListLine item = { 0, style.ordered, g_steal_pointer (&text) };

              reader_flush_quote (&reader);
              if (reader.list->len > 0)
                item.depth = MIN (style.level,
                                  g_array_index (reader.list, ListLine, reader.list->len - 1).depth + 1);
              g_array_append_val (reader.list, item);
            }
            break;
          case BYLINE_LINE_QUOTE:
          case BYLINE_LINE_CITATION:
            reader_flush_list (&reader);
            if (reader.quote == NULL)
              reader.quote = byline_block_new_quote ();
            if (style.kind == BYLINE_LINE_QUOTE)
              byline_block_append_paragraph (reader.quote, g_steal_pointer (&text));
            else
              reader.citation_inline = g_steal_pointer (&text);
            break;
          case BYLINE_LINE_OBJECT:
          default:
            g_assert_not_reached ();
          }
      }
    }
  reader_finish (&reader);

  return blocks;
}

/* Keeping the model current */

static void
mark_dirty (BylineEditorBuffer *self,
            guint               first,
            guint               last)
{
  guint n_lines = gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self));
  guint after;

  if (self->loading)
    return;

  last = MIN (last, n_lines - 1);
  after = n_lines - 1 - last;
  if (!self->dirty)
    {
      self->dirty = TRUE;
      self->dirty_first = first;
      self->dirty_after = after;
    }
  else
    {
      self->dirty_first = MIN (self->dirty_first, first);
      self->dirty_after = MIN (self->dirty_after, after);
    }
}

static gboolean
is_container (BylineBlock *block)
{
  BylineBlockKind kind = byline_block_get_kind (block);

  return kind == BYLINE_BLOCK_LIST || kind == BYLINE_BLOCK_QUOTE;
}

/* Index of the last block starting at or before @line, or -1. */
static int
block_at_line (BylineEditorBuffer *self,
               guint               line)
{
  int lo = 0, hi = (int) self->block_lines->len - 1, found = -1;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;

      if (g_array_index (self->block_lines, guint, mid) <= line)
        {
          found = mid;
          lo = mid + 1;
        }
      else
        {
          hi = mid - 1;
        }
    }

  return found;
}

static void
sync_blocks (BylineEditorBuffer *self)
{
  guint n_lines, first_line, end_line, old_last;
  int delta, i0, i1;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) fresh_lines = NULL;
  guint n_old;

  if (!self->dirty)
    return;

  n_lines = gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self));
  delta = (int) n_lines - (int) self->n_lines;

  /* The touched lines, [dirty_first, n_lines - dirty_after), are
   * [dirty_first, old_last] before the edits. */
  old_last = (guint) MAX (0, (int) (n_lines - 1 - self->dirty_after) - delta);
  old_last = MAX (old_last, self->dirty_first);

  /* Widen to whole blocks, and to neighbouring lists and quotes, which the
   * touched lines may have joined or split. */
  i0 = block_at_line (self, self->dirty_first);
  if (i0 > 0 && is_container (g_ptr_array_index (self->blocks, i0 - 1)))
    i0--;
  i1 = block_at_line (self, old_last);
  if (i1 + 1 < (int) self->blocks->len && is_container (g_ptr_array_index (self->blocks, i1 + 1)))
    i1++;
  if (i0 < 0)
    i0 = 0;

  first_line = i0 < (int) self->blocks->len && i0 <= i1
                 ? MIN (g_array_index (self->block_lines, guint, i0), self->dirty_first)
                 : self->dirty_first;
  if (i0 == 0)
    first_line = 0;
  if (i1 + 1 < (int) self->blocks->len)
    end_line = (guint) ((int) g_array_index (self->block_lines, guint, i1 + 1) + delta);
  else
    end_line = n_lines;

  fresh_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  fresh = convert_lines (self, first_line, end_line, fresh_lines);

  /* Blocks that read back the same stay the same objects. */
  n_old = i1 >= i0 ? (guint) (i1 - i0 + 1) : 0;
  for (guint k = 0, j = 0; k < fresh->len && j < n_old; k++)
    {
      for (guint m = j; m < n_old; m++)
        {
          BylineBlock *old = g_ptr_array_index (self->blocks, i0 + m);

          if (byline_block_equal (g_ptr_array_index (fresh, k), old))
            {
              byline_block_unref (g_ptr_array_index (fresh, k));
              g_ptr_array_index (fresh, k) = byline_block_ref (old);
              j = m + 1;
              break;
            }
        }
    }

  /* Splice: blocks [i0, i1] become the fresh ones; later lines shift. */
  for (guint k = i0 + n_old; k < self->block_lines->len; k++)
    g_array_index (self->block_lines, guint, k) += delta;
  if (n_old > 0)
    {
      g_ptr_array_remove_range (self->blocks, i0, n_old);
      g_array_remove_range (self->block_lines, i0, n_old);
    }
  g_ptr_array_set_free_func (fresh, NULL);
  for (guint k = 0; k < fresh->len; k++)
    {
      g_ptr_array_insert (self->blocks, i0 + k, g_ptr_array_index (fresh, k));
      g_array_insert_val (self->block_lines, i0 + k, g_array_index (fresh_lines, guint, k));
    }
  g_ptr_array_set_size (fresh, 0);

  self->n_lines = n_lines;
  self->dirty = FALSE;
  self->n_syncs++;
}

static void
maybe_sync (BylineEditorBuffer *self)
{
  if (self->action_depth > 0 || self->busy > 0 || self->loading || !self->dirty)
    return;

  sync_blocks (self);
  g_signal_emit (self, signals[BLOCKS_CHANGED], 0);
}

/**
 * byline_editor_buffer_get_blocks:
 * @self: a body buffer
 *
 * The body as blocks, brought up to date with the buffer first. Blocks the
 * writer did not touch are the very blocks that were loaded.
 *
 * Returns: (transfer none) (element-type BylineBlock): the body
 */
GPtrArray *
byline_editor_buffer_get_blocks (BylineEditorBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);

  sync_blocks (self);

  return self->blocks;
}

guint
byline_editor_buffer_get_n_syncs (BylineEditorBuffer *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), 0);

  return self->n_syncs;
}

/* Keeping lines whole */

static void
remove_line_tags (BylineEditorBuffer *self,
                  const GtkTextIter  *start,
                  const GtkTextIter  *end,
                  GtkTextTag         *keep)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter iter = *start;

  /* Only tags that are really there are removed, so plain typing costs
   * nothing here. */
  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GSList *tags = gtk_text_iter_get_tags (&iter);

      for (GSList *l = tags; l != NULL; l = l->next)
        {
          GtkTextTag *tag = l->data;

          if (tag != keep && (tag_get_style (tag) != NULL || tag == self->guard_tag ||
                              tag == self->alternate_tag || tag == self->header_tag))
            gtk_text_buffer_remove_tag (buffer, tag, start, end);
        }
      g_slist_free (tags);
      if (!gtk_text_iter_forward_to_tag_toggle (&iter, NULL))
        break;
    }
}

static void
apply_line_style (BylineEditorBuffer    *self,
                  const GtkTextIter     *start,
                  const GtkTextIter     *end,
                  const BylineLineStyle *style)
{
  GtkTextTag *tag = style_get_tag (self, style);
  gboolean alternate = style->alternate && kind_groups (style->kind);

  remove_line_tags (self, start, end, tag);
  if (tag != NULL)
    gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self), tag, start, end);
  if (alternate)
    gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self), self->alternate_tag, start, end);
}

/* The style new text at @pos takes: that of the line it lands in. */
static void
style_for_insert (const GtkTextIter *pos,
                  BylineLineStyle   *style)
{
  GtkTextIter prev = *pos;

  if (!gtk_text_iter_starts_line (pos))
    {
      gtk_text_iter_backward_char (&prev);
      if (gtk_text_iter_get_child_anchor (&prev) == NULL)
        {
          read_style (&prev, style);
          return;
        }
    }
  else if (!gtk_text_iter_is_end (pos) && gtk_text_iter_get_child_anchor (pos) == NULL)
    {
      read_style (pos, style);
      return;
    }

  *style = paragraph_style;
}

static gboolean
tags_match_style (BylineEditorBuffer    *self,
                  const GtkTextIter     *iter,
                  const BylineLineStyle *style)
{
  GtkTextTag *want = style_get_tag (self, style);
  gboolean want_alternate = style->alternate && kind_groups (style->kind);
  GSList *tags = gtk_text_iter_get_tags (iter);
  gboolean found = want == NULL, found_alternate = FALSE, stray = FALSE;

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      if (l->data == want)
        found = TRUE;
      else if (l->data == self->alternate_tag)
        found_alternate = TRUE;
      else if (tag_get_style (l->data) != NULL || l->data == self->guard_tag ||
               l->data == self->header_tag)
        stray = TRUE;
    }
  g_slist_free (tags);

  return found && !stray && found_alternate == want_alternate;
}

static void
byline_editor_buffer_insert_text (GtkTextBuffer *buffer,
                                  GtkTextIter   *pos,
                                  const char    *text,
                                  int            len)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);
  BylineLineStyle style;
  guint first_line, start_offset;

  self->busy++;

  first_line = gtk_text_iter_get_line (pos);
  start_offset = gtk_text_iter_get_offset (pos);
  if (!self->loading)
    style_for_insert (pos, &style);

  GTK_TEXT_BUFFER_CLASS (byline_editor_buffer_parent_class)->insert_text (buffer, pos, text, len);

  if (self->replaying)
    mark_dirty (self, first_line, gtk_text_iter_get_line (pos));
  else if (!self->loading)
    {
      GtkTextIter start;
      guint end_offset = gtk_text_iter_get_offset (pos);

      mark_dirty (self, first_line, gtk_text_iter_get_line (pos));

      /* Inserted text takes the tags of the character before it, which
       * at the start of a line are the previous line's: give it its own
       * line's kind instead. */
      gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
      if (!tags_match_style (self, &start, &style))
        apply_line_style (self, &start, pos, &style);

      if (self->typing_set != 0)
        {
          for (guint kind = 0; kind < BYLINE_N_MARKS; kind++)
            {
              if (kind == BYLINE_MARK_LINK || !(self->typing_set & (1u << kind)))
                continue;
              gtk_text_buffer_get_iter_at_offset (buffer, &start, start_offset);
              if (self->typing_on & (1u << kind))
                gtk_text_buffer_apply_tag (buffer, self->mark_tags[kind], &start, pos);
              else
                gtk_text_buffer_remove_tag (buffer, self->mark_tags[kind], &start, pos);
            }
        }
      gtk_text_buffer_get_iter_at_offset (buffer, pos, end_offset);
    }

  self->busy--;
  maybe_sync (self);
}

static void
byline_editor_buffer_delete_range (GtkTextBuffer *buffer,
                                   GtkTextIter   *start,
                                   GtkTextIter   *end)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);
  gboolean joins = gtk_text_iter_get_line (start) != gtk_text_iter_get_line (end);
  BylineLineStyle style = paragraph_style;
  guint line = gtk_text_iter_get_line (start);

  self->busy++;

  /* Joined lines keep the upper line's kind, unless nothing of the upper
   * line stays. */
  if (joins && !self->loading && !self->replaying)
    {
      if (gtk_text_iter_starts_line (start))
        {
          if (!gtk_text_iter_is_end (end))
            style_for_insert (end, &style);
          if (gtk_text_iter_starts_line (end) && !gtk_text_iter_is_end (end))
            read_style (end, &style);
        }
      else
        {
          style_for_insert (start, &style);
        }
    }

  GTK_TEXT_BUFFER_CLASS (byline_editor_buffer_parent_class)->delete_range (buffer, start, end);

  if (!self->loading)
    {
      mark_dirty (self, line, line);
      if (joins && !self->replaying)
        {
          GtkTextIter line_start = *start, line_end;
          guint offset = gtk_text_iter_get_offset (start);

          gtk_text_iter_set_line_offset (&line_start, 0);
          line_end = line_start;
          if (gtk_text_iter_get_child_anchor (&line_start) == NULL)
            {
              gtk_text_iter_forward_line (&line_end);
              if (gtk_text_iter_compare (&line_start, &line_end) < 0 &&
                  !tags_match_style (self, &line_start, &style))
                apply_line_style (self, &line_start, &line_end, &style);
            }
          gtk_text_buffer_get_iter_at_offset (buffer, start, offset);
          *end = *start;
        }
    }

  self->busy--;
  maybe_sync (self);
}

static void
mark_range_dirty (BylineEditorBuffer *self,
                  const GtkTextIter  *start,
                  const GtkTextIter  *end)
{
  mark_dirty (self, gtk_text_iter_get_line (start), gtk_text_iter_get_line (end));
}

static void
byline_editor_buffer_apply_tag (GtkTextBuffer     *buffer,
                                GtkTextTag        *tag,
                                const GtkTextIter *start,
                                const GtkTextIter *end)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);

  self->busy++;
  GTK_TEXT_BUFFER_CLASS (byline_editor_buffer_parent_class)->apply_tag (buffer, tag, start, end);
  if (tag != self->guard_tag)
    mark_range_dirty (self, start, end);
  self->busy--;
  maybe_sync (self);
}

static void
byline_editor_buffer_remove_tag (GtkTextBuffer     *buffer,
                                 GtkTextTag        *tag,
                                 const GtkTextIter *start,
                                 const GtkTextIter *end)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);

  self->busy++;
  GTK_TEXT_BUFFER_CLASS (byline_editor_buffer_parent_class)->remove_tag (buffer, tag, start, end);
  if (tag != self->guard_tag)
    mark_range_dirty (self, start, end);
  self->busy--;
  maybe_sync (self);
}

static void
byline_editor_buffer_insert_child_anchor (GtkTextBuffer      *buffer,
                                          GtkTextIter        *iter,
                                          GtkTextChildAnchor *anchor)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);
  guint line = gtk_text_iter_get_line (iter);

  self->busy++;
  GTK_TEXT_BUFFER_CLASS (byline_editor_buffer_parent_class)->insert_child_anchor (buffer, iter, anchor);
  mark_dirty (self, line, line);
  self->busy--;
  maybe_sync (self);
}

static void
byline_editor_buffer_begin_user_action (GtkTextBuffer *buffer)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);

  self->action_depth++;
}

static void
byline_editor_buffer_end_user_action (GtkTextBuffer *buffer)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);

  g_return_if_fail (self->action_depth > 0);

  self->action_depth--;
  maybe_sync (self);
}

static void
byline_editor_buffer_mark_set (GtkTextBuffer     *buffer,
                               const GtkTextIter *location,
                               GtkTextMark       *mark)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (buffer);

  GTK_TEXT_BUFFER_CLASS (byline_editor_buffer_parent_class)->mark_set (buffer, location, mark);

  /* The cursor stays in the body, never on the header's line (Ctrl+Home
   * would put it before the header). */
  if (self->with_header && !self->loading && gtk_text_iter_get_line (location) == 0 &&
      (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer)))
    {
      GtkTextIter body;

      gtk_text_buffer_get_iter_at_line (buffer, &body, 1);
      gtk_text_buffer_move_mark (buffer, mark, &body);
      return;
    }

  /* Moving the cursor forgets a bold or italic chosen for the next words. */
  if (mark == gtk_text_buffer_get_insert (buffer) && self->busy == 0)
    self->typing_set = 0;
}

static void remove_mark_tags (BylineEditorBuffer *self,
                              const GtkTextIter  *start,
                              const GtkTextIter  *end,
                              BylineMarkKind      kind);

/* Writing blocks into the buffer */

typedef struct
{
  guint       start;
  guint       end;
  GtkTextTag *tag;
} TagRange;

typedef struct
{
  BylineEditorBuffer *self;
  GString            *text;       /* not yet inserted */
  GArray             *ranges;     /* TagRange, in character offsets */
  guint               offset;     /* characters written, inserted or not */
  guint               line;
  GArray             *lines;      /* guint: first line of each block, or NULL */
  GtkTextIter        *iter;       /* where text goes; kept valid */
  BylineBlockKind     last_kind;  /* of the block written before */
  gboolean            last_alternate;
} Writer;

static void
writer_add_range (Writer     *writer,
                  guint       start,
                  guint       end,
                  GtkTextTag *tag)
{
  TagRange range = { start, end, tag };

  if (tag != NULL && start < end)
    g_array_append_val (writer->ranges, range);
}

static void
writer_flush (Writer *writer)
{
  if (writer->text->len == 0)
    return;

  gtk_text_buffer_insert (GTK_TEXT_BUFFER (writer->self), writer->iter,
                          writer->text->str, writer->text->len);
  g_string_truncate (writer->text, 0);
}

/* Appends @inline's text and marks; "\n" becomes a line separator. */
static void
writer_append_inline (Writer             *writer,
                      const BylineInline *inl)
{
  const char *text = byline_inline_get_text (inl);
  guint n_spans = byline_inline_get_n_spans (inl);
  guint base = writer->offset;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '\n' || ch == '\r')
        g_string_append (writer->text, LINE_SEPARATOR_UTF8);
      else if (ch == OBJECT_REPLACEMENT)
        g_string_append_c (writer->text, ' ');
      else
        g_string_append_len (writer->text, p, g_utf8_next_char (p) - p);
    }
  writer->offset += g_utf8_strlen (text, -1);

  for (guint i = 0; i < n_spans; i++)
    {
      const BylineSpan *span = byline_inline_get_span (inl, i);
      GtkTextTag *tag;

      if (span->kind == BYLINE_MARK_LINK)
        tag = get_link_tag (writer->self, span->href, span->target, span->rel);
      else
        tag = writer->self->mark_tags[span->kind];

      writer_add_range (writer,
                        base + g_utf8_pointer_to_offset (text, text + span->start),
                        base + g_utf8_pointer_to_offset (text, text + span->end),
                        tag);
    }
}

static void
writer_end_line (Writer     *writer,
                 guint       line_start,
                 GtkTextTag *line_tag)
{
  g_string_append_c (writer->text, '\n');
  writer->offset++;
  writer->line++;
  writer_add_range (writer, line_start, writer->offset, line_tag);
}

static void
writer_text_line (Writer             *writer,
                  const BylineInline *inl,
                  GtkTextTag         *line_tag)
{
  guint start = writer->offset;

  writer_append_inline (writer, inl);
  writer_end_line (writer, start, line_tag);
}

static void
writer_list (Writer            *writer,
             const BylineBlock *list,
             guint              depth,
             gboolean           alternate)
{
  BylineEditorBuffer *self = writer->self;
  gboolean ordered = byline_block_get_ordered (list);
  GtkTextTag *tag = self->list_tags[!!ordered][MIN (depth, BYLINE_EDITOR_BUFFER_MAX_DEPTH - 1)];

  for (guint i = 0; i < byline_block_get_n_items (list); i++)
    {
      BylineListItem *item = byline_block_get_item (list, i);
      BylineBlock *sublist = byline_list_item_get_sublist (item);
      guint start = writer->offset;

      writer_text_line (writer, byline_list_item_get_text (item), tag);
      if (alternate)
        writer_add_range (writer, start, writer->offset, self->alternate_tag);
      if (sublist != NULL)
        writer_list (writer, sublist, depth + 1, alternate);
    }
}

static GtkTextChildAnchor *
writer_object (Writer      *writer,
               BylineBlock *block)
{
  BylineEditorBuffer *self = writer->self;
  g_autoptr(GtkTextChildAnchor) anchor = byline_editor_buffer_create_anchor (block);
  guint start = writer->offset;

  writer_flush (writer);
  gtk_text_buffer_insert_child_anchor (GTK_TEXT_BUFFER (self), writer->iter, anchor);
  writer->offset++;
  g_string_append_c (writer->text, '\n');
  writer->offset++;
  writer->line++;
  writer_add_range (writer, start, writer->offset, self->object_tag);
  /* The newline before the object too: nothing may be typed onto its line
   * and the line above may not be joined to it. */
  writer_add_range (writer, start > 0 ? start - 1 : start, writer->offset, self->guard_tag);

  return anchor;
}

static void
writer_block (Writer      *writer,
              BylineBlock *block)
{
  BylineEditorBuffer *self = writer->self;
  gboolean alternate = FALSE;

  if (writer->lines != NULL)
    g_array_append_val (writer->lines, writer->line);

  switch (byline_block_get_kind (block))
    {
    case BYLINE_BLOCK_PARAGRAPH:
      writer_text_line (writer, byline_block_get_text (block), NULL);
      break;

    case BYLINE_BLOCK_HEADING:
      writer_text_line (writer, byline_block_get_text (block),
                        self->heading_tags[CLAMP (byline_block_get_level (block), 1, 6) - 1]);
      break;

    case BYLINE_BLOCK_LIST:
      alternate = writer->last_kind == BYLINE_BLOCK_LIST && !writer->last_alternate;
      writer_list (writer, block, 0, alternate);
      break;

    case BYLINE_BLOCK_QUOTE:
      {
        guint start = writer->offset;

        alternate = writer->last_kind == BYLINE_BLOCK_QUOTE && !writer->last_alternate;
        for (guint i = 0; i < byline_block_get_n_paragraphs (block); i++)
          writer_text_line (writer, byline_block_get_paragraph (block, i), self->quote_tag);
        if (byline_block_get_citation (block) != NULL)
          writer_text_line (writer, byline_block_get_citation (block), self->citation_tag);
        if (alternate)
          writer_add_range (writer, start, writer->offset, self->alternate_tag);
      }
      break;

    case BYLINE_BLOCK_FIGURE:
    case BYLINE_BLOCK_SEPARATOR:
    case BYLINE_BLOCK_RAW:
      writer_object (writer, block);
      break;

    default:
      g_assert_not_reached ();
    }

  writer->last_kind = byline_block_get_kind (block);
  writer->last_alternate = alternate;
}

static void
writer_apply (Writer *writer,
              guint   base)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (writer->self);

  for (guint i = 0; i < writer->ranges->len; i++)
    {
      TagRange *range = &g_array_index (writer->ranges, TagRange, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, base + range->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, base + range->end);
      gtk_text_buffer_apply_tag (buffer, range->tag, &start, &end);
    }
}

static void
writer_init (Writer             *writer,
             BylineEditorBuffer *self,
             GtkTextIter        *iter,
             GArray             *lines)
{
  writer->self = self;
  writer->text = g_string_new (NULL);
  writer->ranges = g_array_new (FALSE, FALSE, sizeof (TagRange));
  writer->offset = 0;
  writer->line = gtk_text_iter_get_line (iter);
  writer->lines = lines;
  writer->iter = iter;
  writer->last_kind = BYLINE_BLOCK_PARAGRAPH;
  writer->last_alternate = FALSE;

  /* Blocks written after a list (or quote) stay apart from it. */
  if (!gtk_text_iter_is_start (iter) && gtk_text_iter_starts_line (iter))
    {
      GtkTextIter prev = *iter;
      BylineLineStyle style;

      gtk_text_iter_backward_line (&prev);
      read_style (&prev, &style);
      if (style.kind == BYLINE_LINE_LIST_ITEM)
        writer->last_kind = BYLINE_BLOCK_LIST;
      else if (style.kind == BYLINE_LINE_QUOTE || style.kind == BYLINE_LINE_CITATION)
        writer->last_kind = BYLINE_BLOCK_QUOTE;
      writer->last_alternate = style.alternate;
    }
}

static void
writer_clear (Writer *writer)
{
  g_string_free (writer->text, TRUE);
  g_array_unref (writer->ranges);
}

/**
 * byline_editor_buffer_load:
 * @self: a body buffer
 * @blocks: (element-type BylineBlock): the body to edit
 *
 * Replaces the buffer's content with @blocks. Until the writer edits them,
 * byline_editor_buffer_get_blocks() returns these very blocks.
 */
void
byline_editor_buffer_load (BylineEditorBuffer *self,
                           GPtrArray          *blocks)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter iter;
  Writer writer;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (blocks != NULL);

  self->loading = TRUE;
  self->typing_set = 0;
  gtk_text_buffer_set_text (buffer, "", 0);
  g_ptr_array_set_size (self->blocks, 0);
  g_array_set_size (self->block_lines, 0);

  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (self->with_header)
    {
      g_autoptr(GtkTextChildAnchor) anchor = gtk_text_child_anchor_new ();
      GtkTextIter start;

      /* Line 0 holds the headline and lead, as a widget, so the page
       * scrolls as one; nothing can be typed or deleted there. */
      g_object_set_qdata (G_OBJECT (anchor), header_quark, GUINT_TO_POINTER (1));
      gtk_text_buffer_insert_child_anchor (buffer, &iter, anchor);
      gtk_text_buffer_insert (buffer, &iter, "\n", 1);
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_apply_tag (buffer, self->header_tag, &start, &iter);
    }
  writer_init (&writer, self, &iter, self->block_lines);

  /* The first line of the body is never an object, so there is always a
   * place to type above the first photo. */
  if (blocks->len > 0 && byline_block_get_kind (g_ptr_array_index (blocks, 0)) >= BYLINE_BLOCK_FIGURE)
    writer_end_line (&writer, writer.offset, NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);

      writer_block (&writer, block);
      g_ptr_array_add (self->blocks, byline_block_ref (block));
    }
  writer_flush (&writer);
  writer_apply (&writer, body_start (self) * 2);
  writer_clear (&writer);

  self->n_lines = gtk_text_buffer_get_line_count (buffer);
  self->dirty = FALSE;
  self->loading = FALSE;

  gtk_text_buffer_get_iter_at_line (buffer, &iter, body_start (self));
  gtk_text_buffer_place_cursor (buffer, &iter);
  g_signal_emit (self, signals[BLOCKS_CHANGED], 0);
}

/**
 * byline_editor_buffer_insert_blocks:
 * @self: a body buffer
 * @iter: where to insert; revalidated to the end of what was inserted
 * @blocks: (element-type BylineBlock): blocks to insert, e.g. pasted ones
 *
 * Inserts @blocks as lines of their own after the text before @iter; the
 * line @iter is in is split there.
 */
void
byline_editor_buffer_insert_blocks (BylineEditorBuffer *self,
                                    GtkTextIter        *iter,
                                    GPtrArray          *blocks)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  BylineLineStyle style;
  Writer writer;
  guint base, end_offset;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (iter != NULL && blocks != NULL);

  if (blocks->len == 0)
    return;

  gtk_text_buffer_begin_user_action (buffer);

  line_style_at (iter, &style);
  if (style.kind == BYLINE_LINE_OBJECT && !gtk_text_iter_starts_line (iter))
    {
      /* After the object's line, never on it. */
      gtk_text_iter_forward_line (iter);
    }
  else if (!gtk_text_iter_starts_line (iter))
    {
      /* Split the line; text after @iter keeps its kind below the blocks. */
      gtk_text_buffer_insert (buffer, iter, "\n", 1);
    }
  else if ((guint) gtk_text_iter_get_line (iter) <= body_start (self) &&
           byline_block_get_kind (g_ptr_array_index (blocks, 0)) >= BYLINE_BLOCK_FIGURE)
    {
      gtk_text_buffer_insert (buffer, iter, "\n", 1);
    }

  base = gtk_text_iter_get_offset (iter);
  self->busy++;
  writer_init (&writer, self, iter, NULL);
  for (guint i = 0; i < blocks->len; i++)
    writer_block (&writer, g_ptr_array_index (blocks, i));
  writer_flush (&writer);
  end_offset = gtk_text_iter_get_offset (iter);

  /* What the writer's text inherited from the line above goes; then its
   * own tags. */
  {
    GtkTextIter start;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, base);
    remove_line_tags (self, &start, iter, NULL);
    for (guint kind = 0; kind < BYLINE_N_MARKS; kind++)
      if (kind != BYLINE_MARK_LINK)
        gtk_text_buffer_remove_tag (buffer, self->mark_tags[kind], &start, iter);
  }
  writer_apply (&writer, base);
  writer_clear (&writer);
  self->busy--;

  /* An object right after what was inserted guards the newline before it. */
  {
    GtkTextIter last, next;

    gtk_text_buffer_get_iter_at_offset (buffer, &next, end_offset);
    if (end_offset > base && gtk_text_iter_get_child_anchor (&next) != NULL)
      {
        last = next;
        gtk_text_iter_backward_char (&last);
        gtk_text_buffer_apply_tag (buffer, self->guard_tag, &last, &next);
      }
  }

  /* A guard on the newline before an object inserted first. */
  if (base > 0)
    {
      GtkTextIter start, next;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, base - 1);
      next = start;
      gtk_text_iter_forward_char (&next);
      if (gtk_text_iter_get_child_anchor (&next) != NULL)
        {
          gtk_text_iter_forward_char (&next);
          gtk_text_buffer_apply_tag (buffer, self->guard_tag, &start, &next);
        }
    }

  {
    GtkTextIter start;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, base);
    gtk_text_buffer_get_iter_at_offset (buffer, iter, end_offset);
    mark_dirty (self, gtk_text_iter_get_line (&start), gtk_text_iter_get_line (iter));
  }

  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, iter, end_offset);
}

/**
 * byline_editor_buffer_insert_inline:
 * @self: a body buffer
 * @iter: where; revalidated to the end of the inserted text
 * @inl: text with marks, e.g. one pasted paragraph
 *
 * Inserts @inl into the line at @iter with its own marks (not those of the
 * text around it).
 */
void
byline_editor_buffer_insert_inline (BylineEditorBuffer *self,
                                    GtkTextIter        *iter,
                                    const BylineInline *inl)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  BylineLineStyle style;
  Writer writer;
  guint base, end_offset;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (iter != NULL && inl != NULL);

  line_style_at (iter, &style);
  if (style.kind == BYLINE_LINE_OBJECT)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  base = gtk_text_iter_get_offset (iter);
  writer_init (&writer, self, iter, NULL);
  writer_append_inline (&writer, inl);
  writer_flush (&writer);
  end_offset = gtk_text_iter_get_offset (iter);
  {
    GtkTextIter start;

    gtk_text_buffer_get_iter_at_offset (buffer, &start, base);
    for (guint kind = 0; kind < BYLINE_N_MARKS; kind++)
      if (kind != BYLINE_MARK_LINK)
        gtk_text_buffer_remove_tag (buffer, self->mark_tags[kind], &start, iter);
    remove_mark_tags (self, &start, iter, BYLINE_MARK_LINK);
  }
  writer_apply (&writer, base);
  writer_clear (&writer);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_get_iter_at_offset (buffer, iter, end_offset);
}

/* Line styles */

static gboolean
same_group_kind (const BylineLineStyle *a,
                 const BylineLineStyle *b)
{
  if (a->kind == BYLINE_LINE_LIST_ITEM || b->kind == BYLINE_LINE_LIST_ITEM)
    return a->kind == b->kind;
  return kind_groups (a->kind) && kind_groups (b->kind);
}

static void byline_editor_buffer_set_line_style_exact (BylineEditorBuffer    *self,
                                                       guint                  first,
                                                       guint                  last,
                                                       const BylineLineStyle *style);

/**
 * byline_editor_buffer_set_line_style:
 * @self: a body buffer
 * @start: a position in the first line
 * @end: a position in the last line
 * @style: what the lines become (not an object)
 *
 * Makes every line from @start's to @end's a paragraph, heading, list item,
 * quote or citation. Object lines are left alone.
 */
void
byline_editor_buffer_set_line_style (BylineEditorBuffer    *self,
                                     const GtkTextIter     *start,
                                     const GtkTextIter     *end,
                                     const BylineLineStyle *style)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  guint first, last;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (style != NULL && style->kind != BYLINE_LINE_OBJECT);

  first = gtk_text_iter_get_line (start);
  last = gtk_text_iter_get_line (end);
  if (last > first && gtk_text_iter_starts_line (end))
    last--;

  /* Lines made list items (or quotes) join the list (quote) right above
   * or below them. */
  if (kind_groups (style->kind))
    {
      BylineLineStyle joined = *style;
      GtkTextIter neighbour;
      BylineLineStyle other;
      gboolean found = FALSE;

      joined.alternate = FALSE;
      if (first > 0)
        {
          gtk_text_buffer_get_iter_at_line (buffer, &neighbour, first - 1);
          read_style (&neighbour, &other);
          if (same_group_kind (&other, style))
            {
              joined.alternate = other.alternate;
              found = TRUE;
            }
        }
      if (!found && last + 1 < (guint) gtk_text_buffer_get_line_count (buffer))
        {
          gtk_text_buffer_get_iter_at_line (buffer, &neighbour, last + 1);
          if (!gtk_text_iter_is_end (&neighbour))
            {
              read_style (&neighbour, &other);
              if (same_group_kind (&other, style))
                joined.alternate = other.alternate;
            }
        }
      byline_editor_buffer_set_line_style_exact (self, first, last, &joined);
      return;
    }

  byline_editor_buffer_set_line_style_exact (self, first, last, style);
}

static void
byline_editor_buffer_set_line_style_exact (BylineEditorBuffer    *self,
                                           guint                  first,
                                           guint                  last,
                                           const BylineLineStyle *style)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  gtk_text_buffer_begin_user_action (buffer);

  /* The last line cannot carry a kind on a newline it does not have. */
  if (style->kind != BYLINE_LINE_PARAGRAPH &&
      last + 1 >= (guint) gtk_text_buffer_get_line_count (buffer))
    {
      GtkTextIter buffer_end;

      gtk_text_buffer_get_end_iter (buffer, &buffer_end);
      self->busy++;
      gtk_text_buffer_insert (buffer, &buffer_end, "\n", 1);
      self->busy--;
    }

  for (guint line = first; line <= last; line++)
    {
      GtkTextIter line_start, line_end;

      gtk_text_buffer_get_iter_at_line (buffer, &line_start, line);
      if (gtk_text_iter_get_child_anchor (&line_start) != NULL)
        continue;
      line_end = line_start;
      gtk_text_iter_forward_line (&line_end);
      if (gtk_text_iter_equal (&line_start, &line_end))
        continue;
      apply_line_style (self, &line_start, &line_end, style);
    }

  gtk_text_buffer_end_user_action (buffer);
}

/* Marks */

gboolean
byline_editor_buffer_has_mark (BylineEditorBuffer *self,
                               const GtkTextIter  *start,
                               const GtkTextIter  *end,
                               BylineMarkKind      kind)
{
  GtkTextIter iter = *start;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), FALSE);

  /* With no selection: the mark of the text the cursor follows, as typed
   * text will get it. */
  if (gtk_text_iter_equal (start, end))
    {
      gboolean on;
      GSList *tags;
      gboolean found = FALSE;

      if (kind != BYLINE_MARK_LINK && byline_editor_buffer_get_typing_mark (self, kind, &on))
        return on;
      if (gtk_text_iter_starts_line (&iter))
        return FALSE;
      gtk_text_iter_backward_char (&iter);
      tags = gtk_text_iter_get_tags (&iter);
      for (GSList *l = tags; l != NULL; l = l->next)
        {
          BylineMarkKind found_kind;

          if (tag_get_mark_kind (l->data, &found_kind) && found_kind == kind)
            found = TRUE;
        }
      g_slist_free (tags);
      return found;
    }

  /* With a selection: whether all of its text has the mark. */
  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      gunichar ch = gtk_text_iter_get_char (&iter);

      if (ch != '\n' && gtk_text_iter_get_child_anchor (&iter) == NULL)
        {
          GSList *tags = gtk_text_iter_get_tags (&iter);
          gboolean found = FALSE;

          for (GSList *l = tags; l != NULL; l = l->next)
            {
              BylineMarkKind found_kind;

              if (tag_get_mark_kind (l->data, &found_kind) && found_kind == kind)
                found = TRUE;
            }
          g_slist_free (tags);
          if (!found)
            return FALSE;
        }
      if (!gtk_text_iter_forward_char (&iter))
        break;
    }

  return TRUE;
}

static void
remove_mark_tags (BylineEditorBuffer *self,
                  const GtkTextIter  *start,
                  const GtkTextIter  *end,
                  BylineMarkKind      kind)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);

  if (kind != BYLINE_MARK_LINK)
    {
      gtk_text_buffer_remove_tag (buffer, self->mark_tags[kind], start, end);
    }
  else
    {
      GHashTableIter iter;
      gpointer tag;

      g_hash_table_iter_init (&iter, self->link_tags);
      while (g_hash_table_iter_next (&iter, NULL, &tag))
        {
          GtkTextIter probe = *start;

          /* Only links that are there, so undo records no empty steps. */
          if (gtk_text_iter_has_tag (&probe, tag) ||
              (gtk_text_iter_forward_to_tag_toggle (&probe, tag) &&
               gtk_text_iter_compare (&probe, end) < 0))
            gtk_text_buffer_remove_tag (buffer, tag, start, end);
        }
    }
}

static void
apply_mark (BylineEditorBuffer *self,
            const GtkTextIter  *start,
            const GtkTextIter  *end,
            BylineMarkKind      kind,
            gboolean            on,
            const char         *href,
            const char         *target,
            const char         *rel)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter iter = *start;
  GtkTextTag *tag;

  if (!on)
    tag = NULL;
  else if (kind == BYLINE_MARK_LINK)
    tag = get_link_tag (self, href, target, rel);
  else
    tag = self->mark_tags[kind];

  gtk_text_buffer_begin_user_action (buffer);
  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GtkTextIter line_end = iter;
      BylineLineStyle style;

      line_style_at (&iter, &style);
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      if (gtk_text_iter_compare (&line_end, end) > 0)
        line_end = *end;

      if (style.kind != BYLINE_LINE_OBJECT && gtk_text_iter_compare (&iter, &line_end) < 0)
        {
          if (kind == BYLINE_MARK_LINK || !on)
            remove_mark_tags (self, &iter, &line_end, kind);
          if (on && kind == BYLINE_MARK_SUPERSCRIPT)
            remove_mark_tags (self, &iter, &line_end, BYLINE_MARK_SUBSCRIPT);
          if (on && kind == BYLINE_MARK_SUBSCRIPT)
            remove_mark_tags (self, &iter, &line_end, BYLINE_MARK_SUPERSCRIPT);
          if (tag != NULL)
            gtk_text_buffer_apply_tag (buffer, tag, &iter, &line_end);
        }

      iter = line_end;
      if (!gtk_text_iter_forward_line (&iter))
        break;
    }
  gtk_text_buffer_end_user_action (buffer);
}

/**
 * byline_editor_buffer_set_mark:
 * @self: a body buffer
 * @start: start of the text
 * @end: end of the text
 * @kind: the mark
 * @on: whether to add or remove it
 * @href: (nullable): the link target when adding a link
 *
 * Adds or removes a mark on the text of [@start, @end), line by line so no
 * newline and no object is marked. Superscript and subscript exclude each
 * other. Links added this way open in the same tab: see
 * byline_editor_buffer_set_link().
 */
void
byline_editor_buffer_set_mark (BylineEditorBuffer *self,
                               const GtkTextIter  *start,
                               const GtkTextIter  *end,
                               BylineMarkKind      kind,
                               gboolean            on,
                               const char         *href)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (kind < BYLINE_N_MARKS);
  g_return_if_fail (!on || kind != BYLINE_MARK_LINK || href != NULL);

  apply_mark (self, start, end, kind, on, href, NULL, NULL);
}

/**
 * byline_editor_buffer_set_link:
 * @self: a body buffer
 * @start: start of the text
 * @end: end of the text
 * @href: where the link goes
 * @target: (nullable): the link's target attribute ("_blank": a new tab)
 * @rel: (nullable): the link's rel attribute
 *
 * Links the text of [@start, @end), replacing any link there.
 */
void
byline_editor_buffer_set_link (BylineEditorBuffer *self,
                               const GtkTextIter  *start,
                               const GtkTextIter  *end,
                               const char         *href,
                               const char         *target,
                               const char         *rel)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (href != NULL);

  apply_mark (self, start, end, BYLINE_MARK_LINK, TRUE, href, target, rel);
}

/**
 * byline_editor_buffer_get_link:
 * @self: a body buffer
 * @iter: a position
 * @start: (out) (optional): start of the link
 * @end: (out) (optional): end of the link
 * @target: (out) (optional) (nullable): the link's target attribute
 * @rel: (out) (optional) (nullable): the link's rel attribute
 *
 * Returns: (transfer full) (nullable): the address of the link at @iter
 *   (or just before it), or %NULL
 */
char *
byline_editor_buffer_get_link (BylineEditorBuffer *self,
                               const GtkTextIter  *iter,
                               GtkTextIter        *start,
                               GtkTextIter        *end,
                               char              **target,
                               char              **rel)
{
  GtkTextIter probe = *iter;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      GSList *tags = gtk_text_iter_get_tags (&probe);
      GtkTextTag *link = NULL;

      for (GSList *l = tags; l != NULL; l = l->next)
        if (g_object_get_qdata (l->data, href_quark) != NULL)
          link = l->data;
      g_slist_free (tags);

      if (link != NULL)
        {
          if (start != NULL)
            {
              *start = probe;
              if (!gtk_text_iter_starts_tag (start, link))
                gtk_text_iter_backward_to_tag_toggle (start, link);
            }
          if (end != NULL)
            {
              *end = probe;
              gtk_text_iter_forward_to_tag_toggle (end, link);
            }
          if (target != NULL)
            *target = g_strdup (g_object_get_qdata (G_OBJECT (link), target_quark));
          if (rel != NULL)
            *rel = g_strdup (g_object_get_qdata (G_OBJECT (link), rel_quark));
          return g_strdup (g_object_get_qdata (G_OBJECT (link), href_quark));
        }

      if (gtk_text_iter_starts_line (&probe) || !gtk_text_iter_backward_char (&probe))
        break;
    }

  return NULL;
}

/**
 * byline_editor_buffer_set_typing_mark:
 * @self: a body buffer
 * @kind: a mark other than a link
 * @on: whether the next typed text gets it
 *
 * Chooses a mark for what is typed next at the cursor (Ctrl+B with nothing
 * selected). Moving the cursor forgets it.
 */
void
byline_editor_buffer_set_typing_mark (BylineEditorBuffer *self,
                                      BylineMarkKind      kind,
                                      gboolean            on)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (kind < BYLINE_N_MARKS && kind != BYLINE_MARK_LINK);

  self->typing_set |= 1u << kind;
  if (on)
    self->typing_on |= 1u << kind;
  else
    self->typing_on &= ~(1u << kind);

  if (on && kind == BYLINE_MARK_SUPERSCRIPT)
    byline_editor_buffer_set_typing_mark (self, BYLINE_MARK_SUBSCRIPT, FALSE);
  else if (on && kind == BYLINE_MARK_SUBSCRIPT)
    byline_editor_buffer_set_typing_mark (self, BYLINE_MARK_SUPERSCRIPT, FALSE);
}

gboolean
byline_editor_buffer_get_typing_mark (BylineEditorBuffer *self,
                                      BylineMarkKind      kind,
                                      gboolean           *on)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), FALSE);
  g_return_val_if_fail (kind < BYLINE_N_MARKS, FALSE);

  if (kind == BYLINE_MARK_LINK || !(self->typing_set & (1u << kind)))
    return FALSE;
  if (on != NULL)
    *on = (self->typing_on & (1u << kind)) != 0;
  return TRUE;
}

/* Objects */

/**
 * byline_editor_buffer_set_with_header:
 * @self: a body buffer
 * @with_header: whether line 0 holds the header (headline and lead)
 *
 * Takes effect at the next load.
 */
void
byline_editor_buffer_set_with_header (BylineEditorBuffer *self,
                                      gboolean            with_header)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));

  self->with_header = !!with_header;
}

/**
 * byline_editor_buffer_is_header:
 * @anchor: an anchor of a body buffer
 *
 * Returns: whether @anchor is where the header goes
 */
gboolean
byline_editor_buffer_is_header (GtkTextChildAnchor *anchor)
{
  g_return_val_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor), FALSE);

  return g_object_get_qdata (G_OBJECT (anchor), header_quark) != NULL;
}

/**
 * byline_editor_buffer_get_body_start:
 * @self: a body buffer
 * @iter: (out): the start of the body, after the header
 */
void
byline_editor_buffer_get_body_start (BylineEditorBuffer *self,
                                     GtkTextIter        *iter)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (iter != NULL);

  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), iter, body_start (self));
}

/**
 * byline_editor_buffer_create_anchor:
 * @block: a figure, separator or raw block
 *
 * An anchor that carries @block, for inserting an object with exactly the
 * tags around it that undo restores.
 *
 * Returns: (transfer full): a new anchor
 */
GtkTextChildAnchor *
byline_editor_buffer_create_anchor (BylineBlock *block)
{
  GtkTextChildAnchor *anchor;

  g_return_val_if_fail (block != NULL, NULL);

  anchor = gtk_text_child_anchor_new ();
  g_object_set_qdata_full (G_OBJECT (anchor), block_quark, byline_block_ref (block),
                           (GDestroyNotify) byline_block_unref);
  return anchor;
}

/**
 * byline_editor_buffer_set_replaying:
 * @self: a body buffer
 * @replaying: whether edits now restore an earlier state exactly
 *
 * While replaying (undo and redo), inserted text keeps exactly the tags it
 * is given and joined lines keep theirs: no kind is inferred.
 */
void
byline_editor_buffer_set_replaying (BylineEditorBuffer *self,
                                    gboolean            replaying)
{
  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));

  self->replaying = !!replaying;
}

BylineBlock *
byline_editor_buffer_get_object (GtkTextChildAnchor *anchor)
{
  g_return_val_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor), NULL);

  return g_object_get_qdata (G_OBJECT (anchor), block_quark);
}

static gboolean
find_anchor (BylineEditorBuffer *self,
             GtkTextChildAnchor *anchor,
             GtkTextIter        *iter)
{
  if (gtk_text_child_anchor_get_deleted (anchor))
    return FALSE;

  gtk_text_buffer_get_iter_at_child_anchor (GTK_TEXT_BUFFER (self), iter, anchor);
  return TRUE;
}

/**
 * byline_editor_buffer_insert_object:
 * @self: a body buffer
 * @iter: where; revalidated to the start of the line after the object
 * @block: a figure, separator or raw block
 *
 * Inserts @block on a line of its own: on @iter's line when it is empty,
 * else after it.
 *
 * Returns: (transfer none): the object's anchor
 */
GtkTextChildAnchor *
byline_editor_buffer_insert_object (BylineEditorBuffer *self,
                                    GtkTextIter        *iter,
                                    BylineBlock        *block)
{
  g_autoptr(GPtrArray) blocks = NULL;
  GtkTextIter start;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  guint offset;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);
  g_return_val_if_fail (iter != NULL && block != NULL, NULL);
  g_return_val_if_fail (byline_block_get_kind (block) >= BYLINE_BLOCK_FIGURE, NULL);

  gtk_text_buffer_begin_user_action (buffer);

  /* An empty paragraph line is replaced; otherwise the object goes after
   * the line. */
  start = *iter;
  gtk_text_iter_set_line_offset (&start, 0);
  if (gtk_text_iter_ends_line (&start) && !gtk_text_iter_is_end (&start) &&
      (guint) gtk_text_iter_get_line (&start) > body_start (self) &&
      !gtk_text_iter_has_tag (&start, self->guard_tag))
    {
      GtkTextIter line_end = start;
      BylineLineStyle style;

      read_style (&start, &style);
      if (style.kind == BYLINE_LINE_PARAGRAPH)
        {
          gtk_text_iter_forward_char (&line_end);
          gtk_text_buffer_delete (buffer, &start, &line_end);
        }
      else
        {
          gtk_text_iter_forward_line (&start);
        }
    }
  else
    {
      /* On the last line this stops at the end, and the line is split. */
      gtk_text_iter_forward_line (&start);
    }

  blocks = g_ptr_array_new ();
  g_ptr_array_add (blocks, block);
  offset = gtk_text_iter_get_offset (&start);
  byline_editor_buffer_insert_blocks (self, &start, blocks);
  *iter = start;

  gtk_text_buffer_end_user_action (buffer);

  {
    GtkTextIter at;

    gtk_text_buffer_get_iter_at_offset (buffer, &at, offset);
    while (gtk_text_iter_get_child_anchor (&at) == NULL && gtk_text_iter_forward_char (&at))
      ;
    return gtk_text_iter_get_child_anchor (&at);
  }
}

/**
 * byline_editor_buffer_update_object:
 * @self: a body buffer
 * @anchor: an object's anchor
 * @block: (transfer none): the object's new content (a figure after the
 *   writer changed its caption, say)
 *
 * Emits ::object-changed with the old block, for undo.
 */
void
byline_editor_buffer_update_object (BylineEditorBuffer *self,
                                    GtkTextChildAnchor *anchor,
                                    BylineBlock        *block)
{
  g_autoptr(BylineBlock) old = NULL;
  GtkTextIter iter;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor));
  g_return_if_fail (block != NULL);

  if (!find_anchor (self, anchor, &iter))
    return;

  old = g_object_steal_qdata (G_OBJECT (anchor), block_quark);
  g_object_set_qdata_full (G_OBJECT (anchor), block_quark, byline_block_ref (block),
                           (GDestroyNotify) byline_block_unref);
  mark_dirty (self, gtk_text_iter_get_line (&iter), gtk_text_iter_get_line (&iter));
  g_signal_emit (self, signals[OBJECT_CHANGED], 0, anchor, old);
  maybe_sync (self);
}

/**
 * byline_editor_buffer_remove_object:
 * @self: a body buffer
 * @anchor: an object's anchor
 *
 * Removes the object's line.
 */
void
byline_editor_buffer_remove_object (BylineEditorBuffer *self,
                                    GtkTextChildAnchor *anchor)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  GtkTextIter start, end;

  g_return_if_fail (BYLINE_IS_EDITOR_BUFFER (self));
  g_return_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor));

  if (!find_anchor (self, anchor, &start))
    return;

  gtk_text_buffer_begin_user_action (buffer);
  end = start;
  gtk_text_iter_forward_line (&end);
  gtk_text_buffer_delete (buffer, &start, &end);

  /* The newline above no longer needs its guard unless an object follows. */
  if (!gtk_text_iter_is_start (&start) && gtk_text_iter_get_child_anchor (&start) == NULL)
    {
      GtkTextIter prev = start;

      gtk_text_iter_backward_char (&prev);
      if (gtk_text_iter_has_tag (&prev, self->guard_tag))
        {
          GtkTextIter prev_start = prev;

          gtk_text_iter_backward_char (&prev_start);
          /* ... unless it is an object's own newline. */
          if (gtk_text_iter_get_child_anchor (&prev_start) == NULL)
            gtk_text_buffer_remove_tag (buffer, self->guard_tag, &prev, &start);
        }
    }
  gtk_text_buffer_end_user_action (buffer);
}

/**
 * byline_editor_buffer_move_object:
 * @self: a body buffer
 * @anchor: an object's anchor
 * @direction: -1 to move it above the block before it, 1 below the next
 *
 * Returns: whether it moved; the object has a new anchor then
 */
gboolean
byline_editor_buffer_move_object (BylineEditorBuffer *self,
                                  GtkTextChildAnchor *anchor,
                                  int                 direction)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self);
  g_autoptr(BylineBlock) block = NULL;
  g_autoptr(GPtrArray) one = NULL;
  GtkTextIter iter;
  guint line, target;
  int index;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), FALSE);
  g_return_val_if_fail (GTK_IS_TEXT_CHILD_ANCHOR (anchor), FALSE);
  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  if (!find_anchor (self, anchor, &iter))
    return FALSE;

  sync_blocks (self);
  line = gtk_text_iter_get_line (&iter);
  index = block_at_line (self, line);
  if (index < 0 || g_array_index (self->block_lines, guint, index) != line)
    return FALSE;
  if (direction < 0 && index == 0)
    return FALSE;
  if (direction > 0 && index + 1 >= (int) self->blocks->len)
    return FALSE;

  block = byline_block_ref (byline_editor_buffer_get_object (anchor));

  gtk_text_buffer_begin_user_action (buffer);

  /* Where it goes, as a line number once the object's line is gone. */
  if (direction < 0)
    target = g_array_index (self->block_lines, guint, index - 1);
  else if (index + 2 < (int) self->blocks->len)
    target = g_array_index (self->block_lines, guint, index + 2) - 1;
  else
    target = gtk_text_buffer_get_line_count (buffer) - 2;

  byline_editor_buffer_remove_object (self, anchor);

  one = g_ptr_array_new ();
  g_ptr_array_add (one, block);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, target);
  byline_editor_buffer_insert_blocks (self, &iter, one);

  gtk_text_buffer_end_user_action (buffer);

  return TRUE;
}

/**
 * byline_editor_buffer_find_object:
 * @self: a body buffer
 * @figure_id: a figure's id
 *
 * Returns: (transfer none) (nullable): the anchor of that figure
 */
GtkTextChildAnchor *
byline_editor_buffer_find_object (BylineEditorBuffer *self,
                                  const char         *figure_id)
{
  g_autoptr(GList) anchors = NULL;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);
  g_return_val_if_fail (figure_id != NULL, NULL);

  anchors = byline_editor_buffer_list_objects (self);
  for (GList *l = anchors; l != NULL; l = l->next)
    {
      BylineBlock *block = byline_editor_buffer_get_object (l->data);

      if (block != NULL && byline_block_get_kind (block) == BYLINE_BLOCK_FIGURE &&
          g_strcmp0 (byline_block_get_figure_id (block), figure_id) == 0)
        return l->data;
    }

  return NULL;
}

/**
 * byline_editor_buffer_list_objects:
 * @self: a body buffer
 *
 * Returns: (transfer container) (element-type GtkTextChildAnchor): the
 *   objects' anchors, in order
 */
GList *
byline_editor_buffer_list_objects (BylineEditorBuffer *self)
{
  GList *anchors = NULL;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (self), NULL);

  sync_blocks (self);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (self->blocks, i);
      GtkTextIter iter;
      GtkTextChildAnchor *anchor;

      if (byline_block_get_kind (block) < BYLINE_BLOCK_FIGURE)
        continue;
      gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self), &iter,
                                        g_array_index (self->block_lines, guint, i));
      anchor = gtk_text_iter_get_child_anchor (&iter);
      if (anchor != NULL)
        anchors = g_list_prepend (anchors, anchor);
    }

  return g_list_reverse (anchors);
}

static void
byline_editor_buffer_finalize (GObject *object)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (object);

  g_clear_pointer (&self->link_tags, g_hash_table_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->block_lines, g_array_unref);

  G_OBJECT_CLASS (byline_editor_buffer_parent_class)->finalize (object);
}

static void
byline_editor_buffer_constructed (GObject *object)
{
  BylineEditorBuffer *self = BYLINE_EDITOR_BUFFER (object);

  G_OBJECT_CLASS (byline_editor_buffer_parent_class)->constructed (object);

  create_tags (self);
  /* The app keeps its own history (tags and objects included). */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self), FALSE);
  self->n_lines = gtk_text_buffer_get_line_count (GTK_TEXT_BUFFER (self));
}

static void
byline_editor_buffer_class_init (BylineEditorBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextBufferClass *buffer_class = GTK_TEXT_BUFFER_CLASS (klass);

  object_class->constructed = byline_editor_buffer_constructed;
  object_class->finalize = byline_editor_buffer_finalize;

  buffer_class->insert_text = byline_editor_buffer_insert_text;
  buffer_class->delete_range = byline_editor_buffer_delete_range;
  buffer_class->apply_tag = byline_editor_buffer_apply_tag;
  buffer_class->remove_tag = byline_editor_buffer_remove_tag;
  buffer_class->insert_child_anchor = byline_editor_buffer_insert_child_anchor;
  buffer_class->begin_user_action = byline_editor_buffer_begin_user_action;
  buffer_class->end_user_action = byline_editor_buffer_end_user_action;
  buffer_class->mark_set = byline_editor_buffer_mark_set;

  /**
   * BylineEditorBuffer::blocks-changed:
   *
   * Emitted when the model may have changed: after every edit outside a
   * user action, and at the end of each user action. The blocks are up to
   * date by then.
   */
  signals[BLOCKS_CHANGED] =
    g_signal_new ("blocks-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * BylineEditorBuffer::object-changed:
   * @anchor: the object's anchor
   * @old: the block it had before
   *
   * Emitted when an object's block was replaced.
   */
  signals[OBJECT_CHANGED] =
    g_signal_new ("object-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GTK_TYPE_TEXT_CHILD_ANCHOR, BYLINE_TYPE_BLOCK);

  style_quark = g_quark_from_static_string ("byline-line-style");
  mark_quark = g_quark_from_static_string ("byline-mark");
  href_quark = g_quark_from_static_string ("byline-href");
  target_quark = g_quark_from_static_string ("byline-link-target");
  rel_quark = g_quark_from_static_string ("byline-link-rel");
  block_quark = g_quark_from_static_string ("byline-block");
  alternate_quark = g_quark_from_static_string ("byline-alternate");
  header_quark = g_quark_from_static_string ("byline-header");
}

static void
byline_editor_buffer_init (BylineEditorBuffer *self)
{
  self->link_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
  self->block_lines = g_array_new (FALSE, FALSE, sizeof (guint));
}
