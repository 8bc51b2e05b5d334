/* fuzz-paste.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the paste sanitizer (HTML and plain text). Whatever is
 * pasted, the result must be blocks the model holds entirely (nothing raw),
 * whose markup reads back the same.
 */

#include "config.h"

#include <stdint.h>

#include "byline-paste.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_pasted (GPtrArray *blocks)
{
  g_autofree char *markup = byline_markup_serialize_blocks (blocks);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < blocks->len; i++)
    fuzz_check (byline_block_get_kind (g_ptr_array_index (blocks, i)) != BYLINE_BLOCK_RAW,
                "a paste produced a raw block");

  back = byline_markup_parse_blocks (markup, strlen (markup), &error);
  fuzz_check (back != NULL, "pasted markup does not parse");
  fuzz_check (back->len == blocks->len, "pasted markup reads back another number of blocks");
  for (guint i = 0; i < back->len; i++)
    fuzz_check (byline_block_get_kind (g_ptr_array_index (back, i)) != BYLINE_BLOCK_RAW,
                "pasted markup reads back raw");

  fuzz_check_blocks_round_trip (blocks);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) html_blocks = NULL;
  g_autoptr(GPtrArray) text_blocks = NULL;
  g_autoptr(GError) error = NULL;

  html_blocks = byline_paste_sanitize_html ((const char *) data, size, &error);
  if (html_blocks != NULL)
    check_pasted (html_blocks);
  else
    fuzz_check (error != NULL, "failed without an error");

  text_blocks = byline_paste_plain_text ((const char *) data, size);
  check_pasted (text_blocks);

  return 0;
}
