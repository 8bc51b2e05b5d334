/* byline-block-parser.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "byline-article.h"

G_BEGIN_DECLS

/* Posts larger than this are refused (a long news article is ~100 kB). */
#define BYLINE_MARKUP_MAX_LENGTH (16 * 1024 * 1024)

/**
 * BylineBlockTokenKind:
 * @BYLINE_BLOCK_TOKEN_OPENER: `<!-- wp:name {attrs} -->`
 * @BYLINE_BLOCK_TOKEN_CLOSER: `<!-- /wp:name -->`
 * @BYLINE_BLOCK_TOKEN_VOID: `<!-- wp:name {attrs} /-->`
 */
typedef enum
{
  BYLINE_BLOCK_TOKEN_OPENER,
  BYLINE_BLOCK_TOKEN_CLOSER,
  BYLINE_BLOCK_TOKEN_VOID,
} BylineBlockTokenKind;

/**
 * BylineBlockToken:
 * @kind: opener, closer or void
 * @start: byte offset of the delimiter's "<!--"
 * @end: byte offset just after its "-->"
 * @namespace_start: offset of the namespace ("my-plugin/"), or -1 for core
 * @name_start: offset of the name after the namespace
 * @name_length: length of the name
 * @attrs_start: offset of the attributes' "{", or -1 when there are none
 * @attrs_length: length of the attributes' JSON text
 *
 * A block delimiter found in a document, as WordPress's block parsers find
 * them. Offsets are in bytes.
 */
typedef struct
{
  BylineBlockTokenKind kind;
  gsize                start;
  gsize                end;
  gssize               namespace_start;
  gsize                name_start;
  gsize                name_length;
  gssize               attrs_start;
  gsize                attrs_length;
} BylineBlockToken;

typedef struct _BylineBlockTokenizer BylineBlockTokenizer;

BylineBlockTokenizer *byline_block_tokenizer_new   (const char            *document,
                                                    gsize                  length);
gboolean              byline_block_tokenizer_next  (BylineBlockTokenizer  *self,
                                                    BylineBlockToken      *token);
void                  byline_block_tokenizer_free  (BylineBlockTokenizer  *self);

GPtrArray            *byline_markup_parse_blocks   (const char            *markup,
                                                    gsize                  length,
                                                    GError               **error);
BylineArticle        *byline_markup_parse          (const char            *markup,
                                                    gsize                  length,
                                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylineBlockTokenizer, byline_block_tokenizer_free)

G_END_DECLS
