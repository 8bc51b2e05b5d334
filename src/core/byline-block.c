/* byline-block.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-model"

#include "config.h"

#include <string.h>

#include "byline-block.h"
#include "byline-text.h"

struct _BylineListItem
{
  BylineInline *text;
  BylineBlock  *sublist;   /* nullable, a BYLINE_BLOCK_LIST */
};

struct _BylineBlock
{
  gatomicrefcount  ref_count;
  BylineBlockKind  kind;

  /* Where it came from, for writing back unchanged blocks byte for byte. */
  char            *source;

  /* Paragraph, heading */
  BylineInline    *text;
  guint            level;

  /* List */
  gboolean         ordered;
  GPtrArray       *items;        /* BylineListItem */

  /* Quote */
  GPtrArray       *paragraphs;   /* BylineInline */
  BylineInline    *citation;

  /* Figure */
  char            *figure_id;
  char            *local_path;
  gint64           media_id;
  char            *url;
  BylineInline    *caption;
  char            *alt;
  char            *credit;
  BylineAlign      align;
  char            *size_slug;
  char            *upload_slug;  /* an upload sent whose answer is not recorded */

  /* Raw */
  char            *raw_name;
  char            *raw_markup;
  gsize            raw_length;
};

G_DEFINE_BOXED_TYPE (BylineBlock, byline_block, byline_block_ref, byline_block_unref)
G_DEFINE_BOXED_TYPE (BylineListItem, byline_list_item, byline_list_item_copy, byline_list_item_free)

static const char * const kind_names[] = {
  [BYLINE_BLOCK_PARAGRAPH] = "paragraph",
  [BYLINE_BLOCK_HEADING] = "heading",
  [BYLINE_BLOCK_LIST] = "list",
  [BYLINE_BLOCK_QUOTE] = "quote",
  [BYLINE_BLOCK_FIGURE] = "figure",
  [BYLINE_BLOCK_SEPARATOR] = "separator",
  [BYLINE_BLOCK_RAW] = "raw",
};

static const char * const align_names[] = {
  [BYLINE_ALIGN_NONE] = "none",
  [BYLINE_ALIGN_LEFT] = "left",
  [BYLINE_ALIGN_CENTER] = "center",
  [BYLINE_ALIGN_RIGHT] = "right",
  [BYLINE_ALIGN_WIDE] = "wide",
  [BYLINE_ALIGN_FULL] = "full",
};

const char *
byline_block_kind_to_string (BylineBlockKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
byline_block_kind_from_string (const char      *name,
                               BylineBlockKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_str_equal (name, kind_names[i]))
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
byline_align_to_string (BylineAlign align)
{
  g_return_val_if_fail (align < G_N_ELEMENTS (align_names), NULL);

  return align_names[align];
}

gboolean
byline_align_from_string (const char  *name,
                          BylineAlign *align)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (align_names); i++)
    {
      if (g_str_equal (name, align_names[i]))
        {
          if (align != NULL)
            *align = i;
          return TRUE;
        }
    }

  return FALSE;
}

static BylineBlock *
block_alloc (BylineBlockKind kind)
{
  BylineBlock *self = g_new0 (BylineBlock, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;

  return self;
}

static char *
normalize_or_null (const char *text)
{
  return text != NULL ? byline_text_normalize (text, -1) : NULL;
}

/**
 * byline_block_new_paragraph:
 * @text: (transfer full) (nullable): the paragraph's text
 *
 * Returns: (transfer full): a new paragraph
 */
BylineBlock *
byline_block_new_paragraph (BylineInline *text)
{
  BylineBlock *self = block_alloc (BYLINE_BLOCK_PARAGRAPH);

  self->text = text != NULL ? text : byline_inline_new (NULL);

  return self;
}

/**
 * byline_block_new_heading:
 * @level: 1 to 6
 * @text: (transfer full) (nullable): the heading's text
 *
 * Returns: (transfer full): a new heading
 */
BylineBlock *
byline_block_new_heading (guint         level,
                          BylineInline *text)
{
  BylineBlock *self;

  g_return_val_if_fail (level >= 1 && level <= 6, NULL);

  self = block_alloc (BYLINE_BLOCK_HEADING);
  self->level = level;
  self->text = text != NULL ? text : byline_inline_new (NULL);

  return self;
}

BylineBlock *
byline_block_new_list (gboolean ordered)
{
  BylineBlock *self = block_alloc (BYLINE_BLOCK_LIST);

  self->ordered = !!ordered;
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_list_item_free);

  return self;
}

BylineBlock *
byline_block_new_quote (void)
{
  BylineBlock *self = block_alloc (BYLINE_BLOCK_QUOTE);

  self->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_inline_free);

  return self;
}

/**
 * byline_block_new_figure:
 * @id: (nullable): the figure's stable id, or %NULL for a new random one
 *
 * A figure's id stays with it through edits, drafts and publishing: the
 * editor finds its widget by it, the publisher its upload.
 *
 * Returns: (transfer full): a new, empty figure
 */
BylineBlock *
byline_block_new_figure (const char *id)
{
  BylineBlock *self = block_alloc (BYLINE_BLOCK_FIGURE);

  self->figure_id = id != NULL ? g_strdup (id) : g_uuid_string_random ();
  self->caption = byline_inline_new (NULL);
  self->size_slug = g_strdup ("large");
  self->align = BYLINE_ALIGN_NONE;

  return self;
}

BylineBlock *
byline_block_new_separator (void)
{
  return block_alloc (BYLINE_BLOCK_SEPARATOR);
}

/**
 * byline_block_new_raw:
 * @name: (nullable): the block name ("core/gallery"), or %NULL for HTML
 *   outside any block (classic content)
 * @markup: the markup, kept byte for byte
 * @length: the length of @markup, or -1 if nul-terminated
 *
 * Returns: (transfer full): a block Byline shows but does not edit
 */
BylineBlock *
byline_block_new_raw (const char *name,
                      const char *markup,
                      gssize      length)
{
  BylineBlock *self;

  g_return_val_if_fail (markup != NULL, NULL);

  if (length < 0)
    length = strlen (markup);

  self = block_alloc (BYLINE_BLOCK_RAW);
  self->raw_name = g_strdup (name);
  self->raw_markup = g_strndup (markup, length);
  /* g_strndup stops at a NUL; keep the true length of what was copied. */
  self->raw_length = strlen (self->raw_markup);

  return self;
}

BylineBlock *
byline_block_ref (BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
byline_block_unref (BylineBlock *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->source);
  g_clear_pointer (&self->text, byline_inline_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->paragraphs, g_ptr_array_unref);
  g_clear_pointer (&self->citation, byline_inline_free);
  g_free (self->figure_id);
  g_free (self->local_path);
  g_free (self->url);
  g_clear_pointer (&self->caption, byline_inline_free);
  g_free (self->alt);
  g_free (self->credit);
  g_free (self->size_slug);
  g_free (self->upload_slug);
  g_free (self->raw_name);
  g_free (self->raw_markup);
  g_free (self);
}

/**
 * byline_block_copy:
 * @self: a block
 *
 * Returns: (transfer full): a deep copy of @self, with the same figure id
 */
BylineBlock *
byline_block_copy (const BylineBlock *self)
{
  BylineBlock *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = block_alloc (self->kind);
  copy->source = g_strdup (self->source);
  copy->text = self->text ? byline_inline_copy (self->text) : NULL;
  copy->level = self->level;
  copy->ordered = self->ordered;
  if (self->items != NULL)
    {
      copy->items = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_list_item_free);
      for (guint i = 0; i < self->items->len; i++)
        g_ptr_array_add (copy->items, byline_list_item_copy (g_ptr_array_index (self->items, i)));
    }
  if (self->paragraphs != NULL)
    {
      copy->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_inline_free);
      for (guint i = 0; i < self->paragraphs->len; i++)
        g_ptr_array_add (copy->paragraphs,
                         byline_inline_copy (g_ptr_array_index (self->paragraphs, i)));
    }
  copy->citation = self->citation ? byline_inline_copy (self->citation) : NULL;
  copy->figure_id = g_strdup (self->figure_id);
  copy->local_path = g_strdup (self->local_path);
  copy->media_id = self->media_id;
  copy->url = g_strdup (self->url);
  copy->caption = self->caption ? byline_inline_copy (self->caption) : NULL;
  copy->alt = g_strdup (self->alt);
  copy->credit = g_strdup (self->credit);
  copy->align = self->align;
  copy->size_slug = g_strdup (self->size_slug);
  copy->upload_slug = g_strdup (self->upload_slug);
  copy->raw_name = g_strdup (self->raw_name);
  if (self->raw_markup != NULL)
    {
      copy->raw_markup = g_memdup2 (self->raw_markup, self->raw_length + 1);
      copy->raw_length = self->raw_length;
    }

  return copy;
}

static gboolean
inline_arrays_equal (GPtrArray *a,
                     GPtrArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!byline_inline_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/**
 * byline_block_equal:
 * @a: a block
 * @b: another block
 *
 * Whether @a and @b have the same content. Where each came from (the source
 * markup) does not count.
 */
gboolean
byline_block_equal (const BylineBlock *a,
                    const BylineBlock *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->kind != b->kind)
    return FALSE;

  switch (a->kind)
    {
    case BYLINE_BLOCK_PARAGRAPH:
      return byline_inline_equal (a->text, b->text);

    case BYLINE_BLOCK_HEADING:
      return a->level == b->level && byline_inline_equal (a->text, b->text);

    case BYLINE_BLOCK_LIST:
      if (a->ordered != b->ordered || a->items->len != b->items->len)
        return FALSE;
      for (guint i = 0; i < a->items->len; i++)
        {
          BylineListItem *x = g_ptr_array_index (a->items, i);
          BylineListItem *y = g_ptr_array_index (b->items, i);

          if (!byline_inline_equal (x->text, y->text) || !byline_block_equal (x->sublist, y->sublist))
            return FALSE;
        }
      return TRUE;

    case BYLINE_BLOCK_QUOTE:
      return inline_arrays_equal (a->paragraphs, b->paragraphs) &&
             byline_inline_equal (a->citation, b->citation);

    case BYLINE_BLOCK_FIGURE:
      return g_strcmp0 (a->figure_id, b->figure_id) == 0 &&
             g_strcmp0 (a->local_path, b->local_path) == 0 &&
             a->media_id == b->media_id &&
             g_strcmp0 (a->url, b->url) == 0 &&
             byline_inline_equal (a->caption, b->caption) &&
             g_strcmp0 (a->alt, b->alt) == 0 &&
             g_strcmp0 (a->credit, b->credit) == 0 &&
             a->align == b->align &&
             g_strcmp0 (a->size_slug, b->size_slug) == 0 &&
             g_strcmp0 (a->upload_slug, b->upload_slug) == 0;

    case BYLINE_BLOCK_SEPARATOR:
      return TRUE;

    case BYLINE_BLOCK_RAW:
      return g_strcmp0 (a->raw_name, b->raw_name) == 0 &&
             a->raw_length == b->raw_length &&
             memcmp (a->raw_markup, b->raw_markup, a->raw_length) == 0;

    default:
      g_assert_not_reached ();
    }
}

BylineBlockKind
byline_block_get_kind (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, BYLINE_BLOCK_RAW);

  return self->kind;
}

const char *
byline_block_get_source (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

void
byline_block_set_source (BylineBlock *self,
                         const char  *source,
                         gssize       length)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->source, g_free);
  if (source != NULL)
    self->source = length < 0 ? g_strdup (source) : g_strndup (source, length);
}

static void
changed (BylineBlock *self)
{
  g_clear_pointer (&self->source, g_free);
}

const BylineInline *
byline_block_get_text (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->kind == BYLINE_BLOCK_PARAGRAPH || self->kind == BYLINE_BLOCK_HEADING, NULL);

  return self->text;
}

/**
 * byline_block_set_text:
 * @self: a paragraph or heading
 * @text: (transfer full): the new text
 */
void
byline_block_set_text (BylineBlock  *self,
                       BylineInline *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == BYLINE_BLOCK_PARAGRAPH || self->kind == BYLINE_BLOCK_HEADING);
  g_return_if_fail (text != NULL);

  byline_inline_free (self->text);
  self->text = text;
  changed (self);
}

guint
byline_block_get_level (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->level;
}

gboolean
byline_block_get_ordered (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->ordered;
}

guint
byline_block_get_n_items (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL && self->kind == BYLINE_BLOCK_LIST, 0);

  return self->items->len;
}

BylineListItem *
byline_block_get_item (const BylineBlock *self,
                       guint              index)
{
  g_return_val_if_fail (self != NULL && self->kind == BYLINE_BLOCK_LIST, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_ptr_array_index (self->items, index);
}

/**
 * byline_block_append_item:
 * @self: a list
 * @item: (transfer full): the item
 */
void
byline_block_append_item (BylineBlock    *self,
                          BylineListItem *item)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_LIST);
  g_return_if_fail (item != NULL);

  g_ptr_array_add (self->items, item);
  changed (self);
}

/**
 * byline_list_item_new:
 * @text: (transfer full) (nullable): the item's text
 * @sublist: (transfer full) (nullable): a nested list
 *
 * Returns: (transfer full): a list item
 */
BylineListItem *
byline_list_item_new (BylineInline *text,
                      BylineBlock  *sublist)
{
  BylineListItem *self;

  g_return_val_if_fail (sublist == NULL || sublist->kind == BYLINE_BLOCK_LIST, NULL);

  self = g_new0 (BylineListItem, 1);
  self->text = text != NULL ? text : byline_inline_new (NULL);
  self->sublist = sublist;

  return self;
}

BylineListItem *
byline_list_item_copy (const BylineListItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return byline_list_item_new (byline_inline_copy (self->text),
                               self->sublist ? byline_block_copy (self->sublist) : NULL);
}

void
byline_list_item_free (BylineListItem *self)
{
  if (self == NULL)
    return;

  byline_inline_free (self->text);
  g_clear_pointer (&self->sublist, byline_block_unref);
  g_free (self);
}

const BylineInline *
byline_list_item_get_text (const BylineListItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

BylineBlock *
byline_list_item_get_sublist (const BylineListItem *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->sublist;
}

guint
byline_block_get_n_paragraphs (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL && self->kind == BYLINE_BLOCK_QUOTE, 0);

  return self->paragraphs->len;
}

const BylineInline *
byline_block_get_paragraph (const BylineBlock *self,
                            guint              index)
{
  g_return_val_if_fail (self != NULL && self->kind == BYLINE_BLOCK_QUOTE, NULL);
  g_return_val_if_fail (index < self->paragraphs->len, NULL);

  return g_ptr_array_index (self->paragraphs, index);
}

/**
 * byline_block_append_paragraph:
 * @self: a quote
 * @text: (transfer full): a paragraph of the quote
 */
void
byline_block_append_paragraph (BylineBlock  *self,
                               BylineInline *text)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_QUOTE);
  g_return_if_fail (text != NULL);

  g_ptr_array_add (self->paragraphs, text);
  changed (self);
}

const BylineInline *
byline_block_get_citation (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->citation;
}

/**
 * byline_block_set_citation:
 * @self: a quote
 * @citation: (transfer full) (nullable): who is quoted
 */
void
byline_block_set_citation (BylineBlock  *self,
                           BylineInline *citation)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_QUOTE);

  g_clear_pointer (&self->citation, byline_inline_free);
  self->citation = citation;
  changed (self);
}

const char *
byline_block_get_figure_id (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->figure_id;
}

/**
 * byline_block_get_local_path:
 * @self: a figure
 *
 * Returns: (nullable): the photo on this computer: a path relative to the
 *   article's draft folder once the draft store has copied it in, or an
 *   absolute path before that
 */
const char *
byline_block_get_local_path (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->local_path;
}

void
byline_block_set_local_path (BylineBlock *self,
                             const char  *path)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);

  g_free (self->local_path);
  self->local_path = g_strdup (path);
  changed (self);
}

gint64
byline_block_get_media_id (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->media_id;
}

const char *
byline_block_get_url (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

/**
 * byline_block_set_media:
 * @self: a figure
 * @media_id: the portal's media id, or 0
 * @url: (nullable): the photo's address on the portal
 */
void
byline_block_set_media (BylineBlock *self,
                        gint64       media_id,
                        const char  *url)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);
  g_return_if_fail (media_id >= 0);

  self->media_id = media_id;
  g_free (self->url);
  self->url = g_strdup (url);
  changed (self);
}

const BylineInline *
byline_block_get_caption (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->caption;
}

/**
 * byline_block_set_caption:
 * @self: a figure
 * @caption: (transfer full): what readers see under the photo
 */
void
byline_block_set_caption (BylineBlock  *self,
                          BylineInline *caption)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);
  g_return_if_fail (caption != NULL);

  byline_inline_free (self->caption);
  self->caption = caption;
  changed (self);
}

const char *
byline_block_get_alt (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->alt;
}

void
byline_block_set_alt (BylineBlock *self,
                      const char  *alt)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);

  g_free (self->alt);
  self->alt = normalize_or_null (alt);
  changed (self);
}

const char *
byline_block_get_credit (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->credit;
}

void
byline_block_set_credit (BylineBlock *self,
                         const char  *credit)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);

  g_free (self->credit);
  self->credit = normalize_or_null (credit);
  changed (self);
}

BylineAlign
byline_block_get_align (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, BYLINE_ALIGN_NONE);

  return self->align;
}

void
byline_block_set_align (BylineBlock *self,
                        BylineAlign  align)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);
  g_return_if_fail (align < G_N_ELEMENTS (align_names));

  self->align = align;
  changed (self);
}

const char *
byline_block_get_size_slug (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->size_slug;
}

void
byline_block_set_size_slug (BylineBlock *self,
                            const char  *size_slug)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);

  g_free (self->size_slug);
  self->size_slug = g_strdup (size_slug);
  changed (self);
}

/**
 * byline_block_get_upload_slug:
 * @self: a figure
 *
 * Returns: (nullable): the media slug of an upload of this figure's photo
 *   that was sent (or was about to be) and whose answer is not recorded;
 *   %NULL when no upload is in flight
 */
const char *
byline_block_get_upload_slug (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->upload_slug;
}

/**
 * byline_block_set_upload_slug:
 * @self: a figure
 * @slug: (nullable): the slug the publisher gives the photo on the portal
 *   before it sends the upload, or %NULL once the answer is recorded
 *
 * The publisher's bookkeeping, so that an upload whose answer was lost (a
 * crash, a cut connection) is looked up on the portal instead of being
 * sent twice. It does not change what the block's markup says, so the
 * block keeps its source.
 */
void
byline_block_set_upload_slug (BylineBlock *self,
                              const char  *slug)
{
  g_return_if_fail (self != NULL && self->kind == BYLINE_BLOCK_FIGURE);

  if (slug != NULL && *slug == '\0')
    slug = NULL;
  g_free (self->upload_slug);
  self->upload_slug = g_strdup (slug);
}

const char *
byline_block_get_raw_name (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->raw_name;
}

const char *
byline_block_get_raw_markup (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->raw_markup;
}

gsize
byline_block_get_raw_length (const BylineBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->raw_length;
}

static void
append_list_text (GString           *out,
                  const BylineBlock *list)
{
  for (guint i = 0; i < list->items->len; i++)
    {
      BylineListItem *item = g_ptr_array_index (list->items, i);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, byline_inline_get_text (item->text));
      if (item->sublist != NULL)
        append_list_text (out, item->sublist);
    }
}

/**
 * byline_block_get_plain_text:
 * @self: a block
 *
 * The words a reader sees in this block, for word counts, search and plain
 * text export: paragraphs of a quote and items of a list on lines of their
 * own, a figure's caption and credit. Raw blocks give nothing.
 *
 * Returns: (transfer full): the text
 */
char *
byline_block_get_plain_text (const BylineBlock *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  switch (self->kind)
    {
    case BYLINE_BLOCK_PARAGRAPH:
    case BYLINE_BLOCK_HEADING:
      g_string_append (out, byline_inline_get_text (self->text));
      break;

    case BYLINE_BLOCK_LIST:
      append_list_text (out, self);
      break;

    case BYLINE_BLOCK_QUOTE:
      for (guint i = 0; i < self->paragraphs->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, byline_inline_get_text (g_ptr_array_index (self->paragraphs, i)));
        }
      if (self->citation != NULL && !byline_inline_is_empty (self->citation))
        g_string_append_printf (out, "\n%s", byline_inline_get_text (self->citation));
      break;

    case BYLINE_BLOCK_FIGURE:
      g_string_append (out, byline_inline_get_text (self->caption));
      if (self->credit != NULL && *self->credit != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", self->credit);
      break;

    case BYLINE_BLOCK_SEPARATOR:
    case BYLINE_BLOCK_RAW:
      break;

    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);
}
