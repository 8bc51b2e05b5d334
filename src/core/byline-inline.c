/* byline-inline.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-model"

#include "config.h"

#include <string.h>

#include "byline-inline.h"
#include "byline-text.h"

struct _BylineInline
{
  GString *text;
  GArray  *spans;   /* BylineSpan, normalized */
};

G_DEFINE_BOXED_TYPE (BylineInline, byline_inline, byline_inline_copy, byline_inline_free)

static const char * const mark_names[BYLINE_N_MARKS] = {
  [BYLINE_MARK_BOLD] = "bold",
  [BYLINE_MARK_ITALIC] = "italic",
  [BYLINE_MARK_STRIKETHROUGH] = "strikethrough",
  [BYLINE_MARK_SUPERSCRIPT] = "superscript",
  [BYLINE_MARK_SUBSCRIPT] = "subscript",
  [BYLINE_MARK_LINK] = "link",
};

const char *
byline_mark_kind_to_string (BylineMarkKind kind)
{
  g_return_val_if_fail (kind < BYLINE_N_MARKS, NULL);

  return mark_names[kind];
}

gboolean
byline_mark_kind_from_string (const char     *name,
                              BylineMarkKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < BYLINE_N_MARKS; i++)
    {
      if (g_str_equal (name, mark_names[i]))
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
span_clear (gpointer data)
{
  BylineSpan *span = data;

  g_clear_pointer (&span->href, g_free);
  g_clear_pointer (&span->target, g_free);
  g_clear_pointer (&span->rel, g_free);
}

/* A copy of @span's strings, for a second span over other text. */
static BylineSpan
span_dup (const BylineSpan *span)
{
  BylineSpan copy = *span;

  copy.href = g_strdup (span->href);
  copy.target = g_strdup (span->target);
  copy.rel = g_strdup (span->rel);

  return copy;
}

static gboolean
same_link (const BylineSpan *span,
           const char       *href,
           const char       *target,
           const char       *rel)
{
  return g_strcmp0 (span->href, href) == 0 &&
         g_strcmp0 (span->target, target) == 0 &&
         g_strcmp0 (span->rel, rel) == 0;
}

static BylineInline *
inline_alloc (void)
{
  BylineInline *self = g_new0 (BylineInline, 1);

  self->text = g_string_new (NULL);
  self->spans = g_array_new (FALSE, FALSE, sizeof (BylineSpan));
  g_array_set_clear_func (self->spans, span_clear);

  return self;
}

/**
 * byline_inline_new:
 * @text: (nullable): plain text, in any normalization form
 *
 * Returns: (transfer full): an inline text holding @text in NFC, unmarked
 */
BylineInline *
byline_inline_new (const char *text)
{
  BylineInline *self = inline_alloc ();

  if (text != NULL)
    byline_inline_append (self, text, -1);

  return self;
}

BylineInline *
byline_inline_copy (const BylineInline *self)
{
  BylineInline *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = inline_alloc ();
  g_string_append_len (copy->text, self->text->str, self->text->len);
  for (guint i = 0; i < self->spans->len; i++)
    {
      BylineSpan span = span_dup (&g_array_index (self->spans, BylineSpan, i));

      g_array_append_val (copy->spans, span);
    }

  return copy;
}

void
byline_inline_free (BylineInline *self)
{
  if (self == NULL)
    return;

  g_string_free (self->text, TRUE);
  g_array_unref (self->spans);
  g_free (self);
}

const char *
byline_inline_get_text (const BylineInline *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text->str;
}

guint
byline_inline_get_length (const BylineInline *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->text->len;
}

/**
 * byline_inline_is_empty:
 * @self: an inline text
 *
 * Returns: whether @self has no visible text (only whitespace or nothing)
 */
gboolean
byline_inline_is_empty (const BylineInline *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (const char *p = self->text->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/**
 * byline_inline_append:
 * @self: an inline text
 * @text: text to append, in any normalization form
 * @length: the length of @text in bytes, or -1
 *
 * Appends @text in NFC. Callers that mark what they append take the offsets
 * from byline_inline_get_length() before and after, as normalization may
 * change the byte length.
 */
void
byline_inline_append (BylineInline *self,
                      const char   *text,
                      gssize        length)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  normalized = byline_text_normalize (text, length);
  g_string_append (self->text, normalized);
}

/* Clamps @offset into the text and back onto a character boundary. */
static guint
snap_offset (const BylineInline *self,
             guint               offset)
{
  if (offset >= self->text->len)
    return self->text->len;

  while (offset > 0 && ((guchar) self->text->str[offset] & 0xC0) == 0x80)
    offset--;

  return offset;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const BylineSpan *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (g_strcmp0 (x->href, y->href) != 0)
    return g_strcmp0 (x->href, y->href);
  if (g_strcmp0 (x->target, y->target) != 0)
    return g_strcmp0 (x->target, y->target);
  return g_strcmp0 (x->rel, y->rel);
}

/* The index of the first span starting after @offset. */
static guint
first_starting_after (const BylineInline *self,
                      guint               offset)
{
  guint lo = 0, hi = self->spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->spans, BylineSpan, mid).start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Inserts @span where it sorts, instead of sorting the whole array: marks
 * are mostly added in reading order, so this is usually an append. */
static void
insert_sorted (BylineInline     *self,
               const BylineSpan *span)
{
  guint lo = 0, hi = self->spans->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_spans (&g_array_index (self->spans, BylineSpan, mid), span) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_array_insert_val (self->spans, lo, *span);
}

/* Cuts [start, end) out of every span of @kind; a span covering the whole
 * range is split in two.
 *
 * Spans of one kind never overlap (links of different targets neither), so
 * sorted by start they are sorted by end too: walking back from the last
 * span starting before @end, the first one of @kind that ends at or before
 * @start is the last to look at. This keeps marking linear in practice even
 * for text with tens of thousands of marks. */
static void
subtract_range (BylineInline   *self,
                BylineMarkKind  kind,
                guint           start,
                guint           end)
{
  for (guint i = first_starting_after (self, end - 1); i > 0; i--)
    {
      BylineSpan *span = &g_array_index (self->spans, BylineSpan, i - 1);

      if (span->kind != kind)
        continue;
      if (span->end <= start)
        break;

      if (span->start < start && span->end > end)
        {
          BylineSpan tail = span_dup (span);

          tail.start = end;
          span->end = start;
          insert_sorted (self, &tail);
        }
      else if (span->start < start)
        {
          span->end = start;
        }
      else if (span->end > end)
        {
          /* It now starts later: move it to where it sorts. */
          BylineSpan moved = *span;

          moved.start = end;
          /* Its strings move along, not to the array's clear function. */
          span->href = span->target = span->rel = NULL;
          g_array_remove_index (self->spans, i - 1);
          insert_sorted (self, &moved);
        }
      else
        {
          g_array_remove_index (self->spans, i - 1);
        }
    }
}

static void
add_span (BylineInline   *self,
          BylineMarkKind  kind,
          guint           start,
          guint           end,
          const char     *href,
          const char     *target,
          const char     *rel)
{
  BylineSpan span;

  start = snap_offset (self, start);
  end = snap_offset (self, end);
  if (start >= end)
    return;

  if (kind == BYLINE_MARK_LINK)
    subtract_range (self, kind, start, end);

  /* Absorb every same-kind (same-link) span that overlaps or touches,
   * walking back as subtract_range() does. */
  for (guint i = first_starting_after (self, end); i > 0; i--)
    {
      BylineSpan *other = &g_array_index (self->spans, BylineSpan, i - 1);

      if (other->kind != kind)
        continue;
      if (other->end < start)
        break;

      if (same_link (other, href, target, rel) && other->start <= end)
        {
          start = MIN (start, other->start);
          end = MAX (end, other->end);
          g_array_remove_index (self->spans, i - 1);
        }
    }

  span.kind = kind;
  span.start = start;
  span.end = end;
  span.href = g_strdup (href);
  span.target = g_strdup (target);
  span.rel = g_strdup (rel);
  insert_sorted (self, &span);
}

/**
 * byline_inline_add_mark:
 * @self: an inline text
 * @kind: the mark
 * @start: first byte to mark
 * @end: the byte after the last one to mark
 * @href: (nullable): the link target, for %BYLINE_MARK_LINK only
 *
 * Marks [@start, @end). Overlapping or touching spans of the same kind are
 * merged; a link replaces other links in its range. Empty ranges are ignored.
 * A link added this way has no target or rel: see byline_inline_add_link().
 */
void
byline_inline_add_mark (BylineInline   *self,
                        BylineMarkKind  kind,
                        guint           start,
                        guint           end,
                        const char     *href)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (kind < BYLINE_N_MARKS);
  g_return_if_fail (kind != BYLINE_MARK_LINK || href != NULL);

  add_span (self, kind, start, end, kind == BYLINE_MARK_LINK ? href : NULL, NULL, NULL);
}

/**
 * byline_inline_add_link:
 * @self: an inline text
 * @start: first byte to link
 * @end: the byte after the last one
 * @href: where the link goes
 * @target: (nullable): the `target` attribute, e.g. "_blank"
 * @rel: (nullable): the `rel` attribute, e.g. "noreferrer noopener"
 *
 * Links [@start, @end), replacing other links there. WordPress's editor
 * writes "open in new tab" links with target and rel; keeping them lets
 * such paragraphs stay editable and come back byte for byte.
 */
void
byline_inline_add_link (BylineInline *self,
                        guint         start,
                        guint         end,
                        const char   *href,
                        const char   *target,
                        const char   *rel)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (href != NULL);

  add_span (self, BYLINE_MARK_LINK, start, end, href,
            target != NULL && *target != '\0' ? target : NULL,
            rel != NULL && *rel != '\0' ? rel : NULL);
}

/**
 * byline_inline_remove_mark:
 * @self: an inline text
 * @kind: the mark
 * @start: first byte
 * @end: the byte after the last one
 *
 * Removes @kind from [@start, @end), splitting spans where needed.
 */
void
byline_inline_remove_mark (BylineInline   *self,
                           BylineMarkKind  kind,
                           guint           start,
                           guint           end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (kind < BYLINE_N_MARKS);

  start = snap_offset (self, start);
  end = snap_offset (self, end);
  if (start >= end)
    return;

  subtract_range (self, kind, start, end);
}

guint
byline_inline_get_n_spans (const BylineInline *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->spans->len;
}

const BylineSpan *
byline_inline_get_span (const BylineInline *self,
                        guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->spans->len, NULL);

  return &g_array_index (self->spans, BylineSpan, index);
}

/**
 * byline_inline_append_inline:
 * @self: an inline text
 * @other: the inline text to append
 *
 * Appends @other's text and marks; marks that touch across the seam merge.
 */
void
byline_inline_append_inline (BylineInline       *self,
                             const BylineInline *other)
{
  guint offset;

  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);

  offset = self->text->len;
  g_string_append_len (self->text, other->text->str, other->text->len);
  for (guint i = 0; i < other->spans->len; i++)
    {
      const BylineSpan *span = &g_array_index (other->spans, BylineSpan, i);

      add_span (self, span->kind, offset + span->start, offset + span->end,
                span->href, span->target, span->rel);
    }
}

/**
 * byline_inline_slice:
 * @self: an inline text
 * @start: first byte
 * @end: the byte after the last one
 *
 * Returns: (transfer full): the text and marks of [@start, @end)
 */
BylineInline *
byline_inline_slice (const BylineInline *self,
                     guint               start,
                     guint               end)
{
  BylineInline *slice;

  g_return_val_if_fail (self != NULL, NULL);

  start = snap_offset (self, start);
  end = snap_offset (self, end);
  slice = inline_alloc ();
  if (start >= end)
    return slice;

  g_string_append_len (slice->text, self->text->str + start, end - start);
  for (guint i = 0; i < self->spans->len; i++)
    {
      const BylineSpan *span = &g_array_index (self->spans, BylineSpan, i);
      guint s = MAX (span->start, start);
      guint e = MIN (span->end, end);

      if (s < e)
        add_span (slice, span->kind, s - start, e - start, span->href, span->target, span->rel);
    }

  return slice;
}

/**
 * byline_inline_strip:
 * @self: an inline text
 *
 * Removes leading and trailing whitespace (including line breaks), keeping
 * the marks on what remains.
 */
void
byline_inline_strip (BylineInline *self)
{
  const char *str;
  guint start = 0, end;
  BylineInline *stripped;

  g_return_if_fail (self != NULL);

  str = self->text->str;
  end = self->text->len;
  while (start < end && g_unichar_isspace (g_utf8_get_char (str + start)))
    start = g_utf8_next_char (str + start) - str;
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (str, str + end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev - str;
    }

  if (start == 0 && end == self->text->len)
    return;

  stripped = byline_inline_slice (self, start, end);
  g_string_assign (self->text, stripped->text->str);
  g_array_set_size (self->spans, 0);
  g_array_append_vals (self->spans, stripped->spans->data, stripped->spans->len);
  /* The hrefs now belong to self->spans. */
  g_array_set_clear_func (stripped->spans, NULL);
  byline_inline_free (stripped);
}

gboolean
byline_inline_equal (const BylineInline *a,
                     const BylineInline *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (!g_string_equal (a->text, b->text) || a->spans->len != b->spans->len)
    return FALSE;

  for (guint i = 0; i < a->spans->len; i++)
    {
      const BylineSpan *x = &g_array_index (a->spans, BylineSpan, i);
      const BylineSpan *y = &g_array_index (b->spans, BylineSpan, i);

      if (x->kind != y->kind || x->start != y->start || x->end != y->end ||
          !same_link (x, y->href, y->target, y->rel))
        return FALSE;
    }

  return TRUE;
}
