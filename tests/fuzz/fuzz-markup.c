/* fuzz-markup.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: the block markup parser. Any input must parse or fail
 * with an error; a post with block delimiters must be written back byte for
 * byte; every block read into the model must survive writing and reading.
 */

#include "config.h"

#include <stdint.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *markup = (const char *) data;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineBlockTokenizer) tokenizer = byline_block_tokenizer_new (markup, size);
  g_autofree char *again = NULL;
  BylineBlockToken token;

  blocks = byline_markup_parse_blocks (markup, size, &error);
  if (blocks == NULL)
    {
      fuzz_check (error != NULL, "failed without an error");
      return 0;
    }

  again = byline_markup_serialize_blocks (blocks);
  if (byline_block_tokenizer_next (tokenizer, &token))
    fuzz_check (strlen (again) == size && memcmp (again, markup, size) == 0,
                "unchanged post not written back byte for byte");

  fuzz_check_blocks_round_trip (blocks);

  return 0;
}
