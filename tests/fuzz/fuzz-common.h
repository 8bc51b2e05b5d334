/* fuzz-common.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fuzz targets check beyond "no crash, no leak, no undefined
 * behaviour": the writer and the parser agree on every block the model
 * holds.
 */

#pragma once

#include <stdlib.h>
#include <string.h>

#include "byline-block-parser.h"
#include "byline-markup-writer.h"

static inline void
fuzz_check (gboolean    condition,
            const char *what)
{
  if (!condition)
    {
      g_printerr ("fuzz check failed: %s\n", what);
      abort ();
    }
}

static inline gboolean
fuzz_same_content (BylineBlock *a,
                   BylineBlock *b)
{
  if (byline_block_get_kind (a) != BYLINE_BLOCK_FIGURE)
    return byline_block_equal (a, b);

  /* Figures get a fresh id when parsed. */
  return byline_block_get_kind (b) == BYLINE_BLOCK_FIGURE &&
         byline_block_get_media_id (a) == byline_block_get_media_id (b) &&
         g_strcmp0 (byline_block_get_url (a), byline_block_get_url (b)) == 0 &&
         g_strcmp0 (byline_block_get_alt (a), byline_block_get_alt (b)) == 0 &&
         g_strcmp0 (byline_block_get_credit (a), byline_block_get_credit (b)) == 0 &&
         g_strcmp0 (byline_block_get_size_slug (a), byline_block_get_size_slug (b)) == 0 &&
         byline_block_get_align (a) == byline_block_get_align (b) &&
         byline_inline_equal (byline_block_get_caption (a), byline_block_get_caption (b));
}

/* Every model block, written alone and read back, is the same block. */
static inline void
fuzz_check_blocks_round_trip (GPtrArray *blocks)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autoptr(GPtrArray) back = NULL;
      g_autoptr(GError) error = NULL;

      if (byline_block_get_kind (block) == BYLINE_BLOCK_RAW)
        continue;

      byline_markup_write_block (markup, block);
      back = byline_markup_parse_blocks (markup->str, markup->len, &error);
      fuzz_check (back != NULL, "written block does not parse");
      fuzz_check (back->len == 1, "written block parses into another number of blocks");
      if (!fuzz_same_content (block, g_ptr_array_index (back, 0)))
        {
          g_printerr ("%s\n", markup->str);
          fuzz_check (FALSE, "written block reads back different");
        }
    }
}
