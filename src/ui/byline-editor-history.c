/* byline-editor-history.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Undo and redo for the article body. GTK 4.8's own history is text only:
 * it brings back deleted text without its tags (bold comes back plain), a
 * deleted photo as a bare U+FFFC, and it does not record child anchors, so
 * later undos land at the wrong offsets. This history records every change
 * the buffer signals — inserted and deleted text with its tags and objects,
 * tags applied and removed, objects whose block changed — grouped by user
 * action, and replays them exactly, in character offsets.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include <string.h>

#include "byline-editor-history.h"

#define MAX_STEPS 500
#define OBJECT_REPLACEMENT 0xFFFC

typedef enum
{
  OP_INSERT,
  OP_DELETE,
  OP_APPLY_TAG,
  OP_REMOVE_TAG,
  OP_OBJECT,
} OpKind;

typedef struct
{
  char        *text;        /* NULL for an object */
  GPtrArray   *tags;        /* GtkTextTag */
  BylineBlock *object;
} Piece;

typedef struct
{
  OpKind       kind;
  guint        start;
  guint        end;
  char        *text;        /* OP_INSERT: what was typed, for merging */
  GPtrArray   *pieces;      /* Piece: OP_DELETE, and OP_INSERT once undone */
  GtkTextTag  *tag;
  GArray      *ranges;      /* guint pairs: where the tag really changed */
  BylineBlock *before;
  BylineBlock *after;
} Op;

typedef struct
{
  GPtrArray *ops;           /* Op */
  guint      cursor;        /* where the cursor was before the step */
} Step;

struct _BylineEditorHistory
{
  GObject             parent_instance;

  /* Borrowed */
  BylineEditorBuffer *buffer;

  /* Owned */
  GQueue             *undo;        /* Step, newest first */
  GQueue             *redo;        /* Step, newest first */
  Step               *current;     /* being recorded */

  guint               depth;
  guint               paused;
  guint               replaying : 1;
  guint               no_merge : 1;
};

G_DEFINE_FINAL_TYPE (BylineEditorHistory, byline_editor_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_free (piece->text);
  g_clear_pointer (&piece->tags, g_ptr_array_unref);
  g_clear_pointer (&piece->object, byline_block_unref);
  g_free (piece);
}

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->text);
  g_clear_pointer (&op->pieces, g_ptr_array_unref);
  g_clear_object (&op->tag);
  g_clear_pointer (&op->ranges, g_array_unref);
  g_clear_pointer (&op->before, byline_block_unref);
  g_clear_pointer (&op->after, byline_block_unref);
  g_free (op);
}

static Step *
step_new (guint cursor)
{
  Step *step = g_new0 (Step, 1);

  step->ops = g_ptr_array_new_with_free_func (op_free);
  step->cursor = cursor;
  return step;
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_ptr_array_unref (step->ops);
  g_free (step);
}

static GtkTextBuffer *
text_buffer (BylineEditorHistory *self)
{
  return GTK_TEXT_BUFFER (self->buffer);
}

static guint
cursor_offset (BylineEditorHistory *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (text_buffer (self), &iter,
                                    gtk_text_buffer_get_insert (text_buffer (self)));
  return gtk_text_iter_get_offset (&iter);
}

static void
notify_state (BylineEditorHistory *self,
              gboolean             could_undo,
              gboolean             could_redo)
{
  if (could_undo != byline_editor_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != byline_editor_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Capturing what a range holds */

static GPtrArray *
capture (BylineEditorHistory *self,
         guint                start,
         guint                end)
{
  GtkTextBuffer *buffer = text_buffer (self);
  GPtrArray *pieces = g_ptr_array_new_with_free_func (piece_free);
  GtkTextIter iter, stop;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);

  while (gtk_text_iter_compare (&iter, &stop) < 0)
    {
      GtkTextIter next = iter;
      GSList *tags;
      g_autofree char *slice = NULL;
      const char *p, *run;

      if (!gtk_text_iter_forward_to_tag_toggle (&next, NULL) || gtk_text_iter_compare (&next, &stop) > 0)
        next = stop;

      tags = gtk_text_iter_get_tags (&iter);
      slice = gtk_text_iter_get_slice (&iter, &next);

      /* Split the run at objects. */
      run = slice;
      for (p = slice;; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);
          gboolean at_end = *p == '\0';
          GtkTextChildAnchor *anchor = NULL;

          if (!at_end && ch == OBJECT_REPLACEMENT)
            {
              GtkTextIter at = iter;

              gtk_text_iter_forward_chars (&at, g_utf8_pointer_to_offset (slice, p));
              anchor = gtk_text_iter_get_child_anchor (&at);
            }
          if (at_end || anchor != NULL)
            {
              if (p > run)
                {
                  Piece *piece = g_new0 (Piece, 1);

                  piece->text = g_strndup (run, p - run);
                  piece->tags = g_ptr_array_new_with_free_func (g_object_unref);
                  for (GSList *l = tags; l != NULL; l = l->next)
                    g_ptr_array_add (piece->tags, g_object_ref (l->data));
                  g_ptr_array_add (pieces, piece);
                }
              if (anchor != NULL)
                {
                  Piece *piece = g_new0 (Piece, 1);
                  BylineBlock *block = byline_editor_buffer_get_object (anchor);

                  piece->object = block != NULL ? byline_block_ref (block) : byline_block_new_separator ();
                  piece->tags = g_ptr_array_new_with_free_func (g_object_unref);
                  for (GSList *l = tags; l != NULL; l = l->next)
                    g_ptr_array_add (piece->tags, g_object_ref (l->data));
                  g_ptr_array_add (pieces, piece);
                  run = g_utf8_next_char (p);
                }
            }
          if (at_end)
            break;
        }
      g_slist_free (tags);
      iter = next;
    }

  return pieces;
}

static guint
restore (BylineEditorHistory *self,
         guint                offset,
         GPtrArray           *pieces)
{
  GtkTextBuffer *buffer = text_buffer (self);

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (pieces, i);
      GtkTextIter iter, start;
      GSList *inherited;
      guint length;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      if (piece->object != NULL)
        {
          g_autoptr(GtkTextChildAnchor) anchor = byline_editor_buffer_create_anchor (piece->object);

          gtk_text_buffer_insert_child_anchor (buffer, &iter, anchor);
          length = 1;
        }
      else
        {
          gtk_text_buffer_insert (buffer, &iter, piece->text, -1);
          length = g_utf8_strlen (piece->text, -1);
        }

      /* Exactly the tags it had: what it inherited from the character
       * before goes. */
      gtk_text_buffer_get_iter_at_offset (buffer, &start, offset);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset + length);
      inherited = gtk_text_iter_get_tags (&start);
      for (GSList *l = inherited; l != NULL; l = l->next)
        if (!g_ptr_array_find (piece->tags, l->data, NULL))
          gtk_text_buffer_remove_tag (buffer, l->data, &start, &iter);
      g_slist_free (inherited);
      for (guint t = 0; t < piece->tags->len; t++)
        gtk_text_buffer_apply_tag (buffer, g_ptr_array_index (piece->tags, t), &start, &iter);

      offset += length;
    }

  return offset;
}

/* Recording */

static void
add_op (BylineEditorHistory *self,
        Op                  *op)
{
  gboolean single = self->current == NULL;

  if (single)
    self->current = step_new (cursor_offset (self));
  g_ptr_array_add (self->current->ops, op);
  if (single)
    {
      /* A change outside a user action is a step of its own; it is
       * closed once the change is done, by the idle below. */
      Step *step = g_steal_pointer (&self->current);
      gboolean could_undo = byline_editor_history_can_undo (self);
      gboolean could_redo = byline_editor_history_can_redo (self);

      g_queue_push_head (self->undo, step);
      g_queue_clear_full (self->redo, step_free);
      notify_state (self, could_undo, could_redo);
    }
}

static gboolean
recording (BylineEditorHistory *self)
{
  return self->paused == 0 && !self->replaying;
}

static void
on_insert_text_cb (GtkTextBuffer       *buffer,
                   GtkTextIter         *location,
                   const char          *text,
                   int                  len,
                   BylineEditorHistory *self)
{
  Op *op;

  if (!recording (self))
    return;

  op = g_new0 (Op, 1);
  op->kind = OP_INSERT;
  op->start = gtk_text_iter_get_offset (location);
  op->text = len < 0 ? g_strdup (text) : g_strndup (text, len);
  op->end = op->start + g_utf8_strlen (op->text, -1);
  add_op (self, op);
}

static void
on_insert_child_anchor_cb (GtkTextBuffer       *buffer,
                           GtkTextIter         *location,
                           GtkTextChildAnchor  *anchor,
                           BylineEditorHistory *self)
{
  Op *op;

  if (!recording (self))
    return;

  op = g_new0 (Op, 1);
  op->kind = OP_INSERT;
  op->start = gtk_text_iter_get_offset (location);
  op->end = op->start + 1;
  add_op (self, op);
}

static void
on_delete_range_cb (GtkTextBuffer       *buffer,
                    GtkTextIter         *start,
                    GtkTextIter         *end,
                    BylineEditorHistory *self)
{
  Op *op;

  if (!recording (self) || gtk_text_iter_equal (start, end))
    return;

  op = g_new0 (Op, 1);
  op->kind = OP_DELETE;
  op->start = gtk_text_iter_get_offset (start);
  op->end = gtk_text_iter_get_offset (end);
  op->pieces = capture (self, op->start, op->end);
  add_op (self, op);
}

/* The parts of [start, end) where @tag is (or is not) there. */
static GArray *
tag_ranges (const GtkTextIter *start,
            const GtkTextIter *end,
            GtkTextTag        *tag,
            gboolean           present)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkTextIter iter = *start;

  while (gtk_text_iter_compare (&iter, end) < 0)
    {
      GtkTextIter next = iter;
      gboolean has = gtk_text_iter_has_tag (&iter, tag);

      if (!gtk_text_iter_forward_to_tag_toggle (&next, tag) || gtk_text_iter_compare (&next, end) > 0)
        next = *end;
      if (has == present)
        {
          guint a = gtk_text_iter_get_offset (&iter), b = gtk_text_iter_get_offset (&next);

          g_array_append_val (ranges, a);
          g_array_append_val (ranges, b);
        }
      iter = next;
    }

  return ranges;
}

static void
record_tag (BylineEditorHistory *self,
            GtkTextTag          *tag,
            const GtkTextIter   *start,
            const GtkTextIter   *end,
            gboolean             apply)
{
  GArray *ranges;
  Op *op;

  if (!recording (self))
    return;

  ranges = tag_ranges (start, end, tag, !apply);
  if (ranges->len == 0)
    {
      g_array_unref (ranges);
      return;
    }

  op = g_new0 (Op, 1);
  op->kind = apply ? OP_APPLY_TAG : OP_REMOVE_TAG;
  op->tag = g_object_ref (tag);
  op->ranges = ranges;
  op->start = gtk_text_iter_get_offset (start);
  op->end = gtk_text_iter_get_offset (end);
  add_op (self, op);
}

static void
on_apply_tag_cb (GtkTextBuffer       *buffer,
                 GtkTextTag          *tag,
                 const GtkTextIter   *start,
                 const GtkTextIter   *end,
                 BylineEditorHistory *self)
{
  record_tag (self, tag, start, end, TRUE);
}

static void
on_remove_tag_cb (GtkTextBuffer       *buffer,
                  GtkTextTag          *tag,
                  const GtkTextIter   *start,
                  const GtkTextIter   *end,
                  BylineEditorHistory *self)
{
  record_tag (self, tag, start, end, FALSE);
}

static void
on_object_changed_cb (BylineEditorBuffer  *buffer,
                      GtkTextChildAnchor  *anchor,
                      BylineBlock         *old,
                      BylineEditorHistory *self)
{
  GtkTextIter iter;
  Op *op;

  if (!recording (self) || old == NULL)
    return;

  gtk_text_buffer_get_iter_at_child_anchor (text_buffer (self), &iter, anchor);
  op = g_new0 (Op, 1);
  op->kind = OP_OBJECT;
  op->start = gtk_text_iter_get_offset (&iter);
  op->end = op->start + 1;
  op->before = byline_block_ref (old);
  op->after = byline_block_ref (byline_editor_buffer_get_object (anchor));
  add_op (self, op);
}

static void
on_begin_user_action_cb (GtkTextBuffer       *buffer,
                         BylineEditorHistory *self)
{
  if (!recording (self))
    return;

  if (self->depth++ == 0)
    self->current = step_new (cursor_offset (self));
}

/* Typing a word, or deleting characters one by one, is one step; so is
 * editing one caption. */
static gboolean
try_merge (BylineEditorHistory *self,
           Step                *step)
{
  Step *prev = g_queue_peek_head (self->undo);
  Op *op, *last;

  if (prev == NULL || self->no_merge || step->ops->len != 1 || prev->ops->len == 0)
    return FALSE;

  op = g_ptr_array_index (step->ops, 0);
  last = g_ptr_array_index (prev->ops, prev->ops->len - 1);
  if (op->kind != last->kind)
    return FALSE;

  switch (op->kind)
    {
    case OP_INSERT:
      {
        gunichar ch, prev_ch;

        if (op->text == NULL || last->text == NULL || op->start != last->end ||
            g_utf8_strlen (op->text, -1) != 1 || strchr (op->text, '\n') != NULL)
          return FALSE;
        ch = g_utf8_get_char (op->text);
        prev_ch = g_utf8_get_char (g_utf8_prev_char (last->text + strlen (last->text)));
        /* A new word starts a new step. */
        if (!g_unichar_isspace (ch) && g_unichar_isspace (prev_ch))
          return FALSE;
        {
          char *joined = g_strconcat (last->text, op->text, NULL);

          g_free (last->text);
          last->text = joined;
        }
        last->end = op->end;
        return TRUE;
      }

    case OP_DELETE:
      {
        g_autoptr(GPtrArray) pieces = NULL;

        if (op->end - op->start != 1 || op->pieces == NULL || last->pieces == NULL)
          return FALSE;
        if (op->end == last->start)
          {
            /* Backspace: the new piece goes first. */
            pieces = g_steal_pointer (&op->pieces);
            for (guint i = 0; i < last->pieces->len; i++)
              g_ptr_array_add (pieces, g_ptr_array_steal_index (last->pieces, 0));
            g_ptr_array_unref (last->pieces);
            last->pieces = g_steal_pointer (&pieces);
            last->start = op->start;
            return TRUE;
          }
        if (op->start == last->start)
          {
            /* Delete: the piece goes last. */
            while (op->pieces->len > 0)
              g_ptr_array_add (last->pieces, g_ptr_array_steal_index (op->pieces, 0));
            last->end += 1;
            return TRUE;
          }
        return FALSE;
      }

    case OP_OBJECT:
      if (op->start != last->start)
        return FALSE;
      g_clear_pointer (&last->after, byline_block_unref);
      last->after = g_steal_pointer (&op->after);
      return TRUE;

    case OP_APPLY_TAG:
    case OP_REMOVE_TAG:
    default:
      return FALSE;
    }
}

static void
on_end_user_action_cb (GtkTextBuffer       *buffer,
                       BylineEditorHistory *self)
{
  Step *step;
  gboolean could_undo, could_redo;

  if (!recording (self) || self->depth == 0)
    return;
  if (--self->depth > 0)
    return;

  step = g_steal_pointer (&self->current);
  if (step->ops->len == 0)
    {
      step_free (step);
      return;
    }

  could_undo = byline_editor_history_can_undo (self);
  could_redo = byline_editor_history_can_redo (self);
  if (try_merge (self, step))
    {
      step_free (step);
    }
  else
    {
      g_queue_push_head (self->undo, step);
      while (g_queue_get_length (self->undo) > MAX_STEPS)
        step_free (g_queue_pop_tail (self->undo));
    }
  self->no_merge = FALSE;
  g_queue_clear_full (self->redo, step_free);
  notify_state (self, could_undo, could_redo);
}

/* Replaying */

static void
apply_tag_ranges (BylineEditorHistory *self,
                  Op                  *op,
                  gboolean             apply)
{
  GtkTextBuffer *buffer = text_buffer (self);

  for (guint i = 0; i + 1 < op->ranges->len; i += 2)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, g_array_index (op->ranges, guint, i));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (op->ranges, guint, i + 1));
      if (apply)
        gtk_text_buffer_apply_tag (buffer, op->tag, &start, &end);
      else
        gtk_text_buffer_remove_tag (buffer, op->tag, &start, &end);
    }
}

static void
set_object (BylineEditorHistory *self,
            guint                offset,
            BylineBlock         *block)
{
  GtkTextIter iter;
  GtkTextChildAnchor *anchor;

  gtk_text_buffer_get_iter_at_offset (text_buffer (self), &iter, offset);
  anchor = gtk_text_iter_get_child_anchor (&iter);
  if (anchor != NULL)
    byline_editor_buffer_update_object (self->buffer, anchor, block);
}

/* Undoes (@forward FALSE) or redoes one op; returns where the cursor goes. */
static guint
replay_op (BylineEditorHistory *self,
           Op                  *op,
           gboolean             forward)
{
  GtkTextBuffer *buffer = text_buffer (self);
  GtkTextIter start, end;
  gboolean insert = (op->kind == OP_INSERT) == forward;

  switch (op->kind)
    {
    case OP_INSERT:
    case OP_DELETE:
      if (insert)
        return restore (self, op->start, op->pieces);
      /* Keep what goes, to bring it back. */
      if (op->pieces == NULL)
        op->pieces = capture (self, op->start, op->end);
      gtk_text_buffer_get_iter_at_offset (buffer, &start, op->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, op->end);
      gtk_text_buffer_delete (buffer, &start, &end);
      return op->start;

    case OP_APPLY_TAG:
    case OP_REMOVE_TAG:
      apply_tag_ranges (self, op, (op->kind == OP_APPLY_TAG) == forward);
      return forward ? op->end : op->start;

    case OP_OBJECT:
      set_object (self, op->start, forward ? op->after : op->before);
      return op->start;

    default:
      g_assert_not_reached ();
    }
}

static void
replay (BylineEditorHistory *self,
        GQueue              *from,
        GQueue              *to,
        gboolean             forward)
{
  GtkTextBuffer *buffer = text_buffer (self);
  gboolean could_undo = byline_editor_history_can_undo (self);
  gboolean could_redo = byline_editor_history_can_redo (self);
  Step *step = g_queue_pop_head (from);
  GtkTextIter iter;
  guint cursor = step->cursor;

  self->replaying = TRUE;
  byline_editor_buffer_set_replaying (self->buffer, TRUE);
  gtk_text_buffer_begin_user_action (buffer);

  if (forward)
    for (guint i = 0; i < step->ops->len; i++)
      cursor = replay_op (self, g_ptr_array_index (step->ops, i), TRUE);
  else
    for (guint i = step->ops->len; i > 0; i--)
      cursor = replay_op (self, g_ptr_array_index (step->ops, i - 1), FALSE);

  gtk_text_buffer_end_user_action (buffer);
  byline_editor_buffer_set_replaying (self->buffer, FALSE);
  self->replaying = FALSE;

  g_queue_push_head (to, step);
  self->no_merge = TRUE;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, MIN (cursor, (guint) gtk_text_buffer_get_char_count (buffer)));
  gtk_text_buffer_place_cursor (buffer, &iter);

  notify_state (self, could_undo, could_redo);
}

void
byline_editor_history_undo (BylineEditorHistory *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR_HISTORY (self));

  if (self->depth > 0 || g_queue_is_empty (self->undo))
    return;

  replay (self, self->undo, self->redo, FALSE);
}

void
byline_editor_history_redo (BylineEditorHistory *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR_HISTORY (self));

  if (self->depth > 0 || g_queue_is_empty (self->redo))
    return;

  replay (self, self->redo, self->undo, TRUE);
}

gboolean
byline_editor_history_can_undo (BylineEditorHistory *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_HISTORY (self), FALSE);

  return !g_queue_is_empty (self->undo);
}

gboolean
byline_editor_history_can_redo (BylineEditorHistory *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR_HISTORY (self), FALSE);

  return !g_queue_is_empty (self->redo);
}

/**
 * byline_editor_history_clear:
 * @self: a history
 *
 * Forgets everything, as after opening another article.
 */
void
byline_editor_history_clear (BylineEditorHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (BYLINE_IS_EDITOR_HISTORY (self));

  could_undo = byline_editor_history_can_undo (self);
  could_redo = byline_editor_history_can_redo (self);
  g_queue_clear_full (self->undo, step_free);
  g_queue_clear_full (self->redo, step_free);
  notify_state (self, could_undo, could_redo);
}

/**
 * byline_editor_history_pause:
 * @self: a history
 *
 * Stops recording (loading an article is not an edit), until resumed.
 */
void
byline_editor_history_pause (BylineEditorHistory *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR_HISTORY (self));

  self->paused++;
}

void
byline_editor_history_resume (BylineEditorHistory *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR_HISTORY (self));
  g_return_if_fail (self->paused > 0);

  self->paused--;
}

/**
 * byline_editor_history_break:
 * @self: a history
 *
 * The next change starts a step of its own even if it could join the last
 * one (the writer moved the cursor, say).
 */
void
byline_editor_history_break (BylineEditorHistory *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR_HISTORY (self));

  self->no_merge = TRUE;
}

static void
byline_editor_history_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BylineEditorHistory *self = BYLINE_EDITOR_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, byline_editor_history_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, byline_editor_history_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_editor_history_dispose (GObject *object)
{
  BylineEditorHistory *self = BYLINE_EDITOR_HISTORY (object);

  if (self->buffer != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->buffer, self);
      g_object_remove_weak_pointer (G_OBJECT (self->buffer), (gpointer *) &self->buffer);
      self->buffer = NULL;
    }

  G_OBJECT_CLASS (byline_editor_history_parent_class)->dispose (object);
}

static void
byline_editor_history_finalize (GObject *object)
{
  BylineEditorHistory *self = BYLINE_EDITOR_HISTORY (object);

  g_queue_free_full (self->undo, step_free);
  g_queue_free_full (self->redo, step_free);
  g_clear_pointer (&self->current, step_free);

  G_OBJECT_CLASS (byline_editor_history_parent_class)->finalize (object);
}

static void
byline_editor_history_class_init (BylineEditorHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = byline_editor_history_get_property;
  object_class->dispose = byline_editor_history_dispose;
  object_class->finalize = byline_editor_history_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_editor_history_init (BylineEditorHistory *self)
{
  self->undo = g_queue_new ();
  self->redo = g_queue_new ();
}

/**
 * byline_editor_history_new:
 * @buffer: the body buffer whose changes to record
 *
 * Returns: (transfer full): a history of @buffer
 */
BylineEditorHistory *
byline_editor_history_new (BylineEditorBuffer *buffer)
{
  BylineEditorHistory *self;

  g_return_val_if_fail (BYLINE_IS_EDITOR_BUFFER (buffer), NULL);

  self = g_object_new (BYLINE_TYPE_EDITOR_HISTORY, NULL);
  self->buffer = buffer;
  g_object_add_weak_pointer (G_OBJECT (buffer), (gpointer *) &self->buffer);

  /* Recorded before the buffer changes, in the order the changes happen:
   * the buffer's own fix-ups (tags applied inside its insert handler) come
   * after the insertion they follow. */
  g_signal_connect (buffer, "insert-text", G_CALLBACK (on_insert_text_cb), self);
  g_signal_connect (buffer, "insert-child-anchor", G_CALLBACK (on_insert_child_anchor_cb), self);
  g_signal_connect (buffer, "delete-range", G_CALLBACK (on_delete_range_cb), self);
  g_signal_connect (buffer, "apply-tag", G_CALLBACK (on_apply_tag_cb), self);
  g_signal_connect (buffer, "remove-tag", G_CALLBACK (on_remove_tag_cb), self);
  g_signal_connect (buffer, "object-changed", G_CALLBACK (on_object_changed_cb), self);
  g_signal_connect (buffer, "begin-user-action", G_CALLBACK (on_begin_user_action_cb), self);
  g_signal_connect_after (buffer, "end-user-action", G_CALLBACK (on_end_user_action_cb), self);

  return self;
}
