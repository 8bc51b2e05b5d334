/* byline-editor.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The article editor: headline, lead and body of one BylineArticle. Every
 * edit reaches the article at once (its "changed" signal drives autosave);
 * the body buffer keeps its blocks current cheaply, re-reading only what an
 * edit touched.
 */

#define G_LOG_DOMAIN "byline-editor"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include <adwaita.h>

#include "byline-application.h"
#include "byline-block-card.h"
#include "byline-block-parser.h"
#include "byline-body-view.h"
#include "byline-column-bin.h"
#include "byline-draft-store.h"
#include "byline-editor-history.h"
#include "byline-editor.h"
#include "byline-figure-card.h"
#include "byline-markup-writer.h"
#include "byline-paste.h"
#include "byline-photo.h"
#include "byline-text.h"
#include "byline-thumbnail.h"

#define COUNT_DELAY_MS 250
#define FIGURE_MAX_WIDTH 640
/* Photos show at most 270 pixels high in their card: 480 on the long side
 * is enough for any landscape photo. */
#define THUMBNAIL_SIZE 480
#define MAX_THUMBNAIL_LOADS 2
#define BYLINE_BLOCKS_MIME "application/x-byline-blocks"
/* Pasted blocks are inserted in slices of at most this many milliseconds of
 * work, so a very long paste never freezes the window. */
#define PASTE_SLICE_MS 30
#define PASTE_SLICE_MIN_BLOCKS 8

struct _BylineEditor
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkScrolledWindow  *scroller;
  BylineBodyView     *body_view;
  GtkWidget          *header;
  GtkTextView        *headline_view;
  GtkLabel           *headline_placeholder;
  GtkLabel           *headline_count_label;
  GtkTextView        *lead_view;
  GtkLabel           *lead_placeholder;
  GtkLabel           *lead_hint_label;
  GtkLabel           *word_count_label;
  GtkWidget          *toolbar;
  GtkToggleButton    *link_button;
  GtkPopover         *link_popover;
  GtkEntry           *link_entry;
  GtkButton          *link_apply_button;
  GtkButton          *link_remove_button;
  GtkLabel           *link_error_label;
  GtkCheckButton     *link_new_tab_check;

  /* Owned */
  BylineArticle      *article;
  BylineEditorBuffer *body;
  BylineEditorHistory *history;
  GHashTable         *thumbnails;      /* path -> BylineThumbnail, or NULL while loading */
  GHashTable         *word_counts;     /* BylineBlock -> its word count */
  GQueue             *thumbnail_queue; /* ThumbnailLoad not started yet */
  guint               n_loading;
  GCancellable       *cancellable;
  GFile              *photo_directory;
  GtkTextMark        *link_start;
  GtkTextMark        *link_end;
  char               *link_target;     /* how the link being edited opens */
  char               *link_rel;
  GPtrArray          *paste_queue;     /* BylineBlock still to insert */
  GSimpleActionGroup *accel_actions;   /* on the window, for the accelerators */
  GtkTextMark        *paste_mark;

  guint               count_source;
  guint               width_source;
  guint               paste_source;
  char               *block_type;
  guint               loading : 1;
  guint               bold : 1;
  guint               italic : 1;
  guint               strikethrough : 1;
  guint               updating_state : 1;
  guint               tags_changed : 1;
};

G_DEFINE_FINAL_TYPE (BylineEditor, byline_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_BOLD,
  PROP_ITALIC,
  PROP_STRIKETHROUGH,
  PROP_BLOCK_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
byline_editor_new (void)
{
  return g_object_new (BYLINE_TYPE_EDITOR, NULL);
}

BylineArticle *
byline_editor_get_article (BylineEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR (self), NULL);

  return self->article;
}

BylineEditorBuffer *
byline_editor_get_body_buffer (BylineEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR (self), NULL);

  return self->body;
}

GtkTextView *
byline_editor_get_body_view (BylineEditor *self)
{
  g_return_val_if_fail (BYLINE_IS_EDITOR (self), NULL);

  return GTK_TEXT_VIEW (self->body_view);
}

static char *
get_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* Counts */

static void
update_headline_count (BylineEditor *self)
{
  g_autofree char *text = get_buffer_text (self->headline_view);
  guint n = g_utf8_strlen (text, -1);
  g_autofree char *label = NULL;

  /* Translators: the length of the headline */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u character", "%u characters", n), n);
  gtk_label_set_label (self->headline_count_label, n > 0 ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_placeholder), n == 0);
}

static void
update_lead_hint (BylineEditor *self)
{
  g_autofree char *text = get_buffer_text (self->lead_view);
  guint words = byline_text_count_words (text);
  g_autofree char *label = NULL;

  if (words == 0)
    label = g_strdup ("");
  else if (words > 60)
    /* Translators: the lead's word count, with a hint that it is long */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u word — a lead reads best under 60",
                                          "%u words — a lead reads best under 60", words),
                             words);
  else
    /* Translators: the lead's word count */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);

  gtk_label_set_label (self->lead_hint_label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->lead_placeholder), *text == '\0');
}

static void
update_word_count (BylineEditor *self)
{
  guint words = 0, minutes;
  g_autofree char *words_text = NULL;
  g_autofree char *label = NULL;

  if (self->article != NULL)
    {
      GPtrArray *blocks = byline_article_get_blocks (self->article);
      GHashTable *counts = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) byline_block_unref, NULL);

      /* Blocks the writer did not touch are the same objects as before:
       * only changed ones are counted again. */
      for (guint i = 0; i < blocks->len; i++)
        {
          BylineBlock *block = g_ptr_array_index (blocks, i);
          gpointer count;

          if (!g_hash_table_lookup_extended (self->word_counts, block, NULL, &count))
            {
              g_autofree char *text = byline_block_get_plain_text (block);

              count = GUINT_TO_POINTER (byline_text_count_words (text));
            }
          if (!g_hash_table_contains (counts, block))
            g_hash_table_insert (counts, byline_block_ref (block), count);
          words += GPOINTER_TO_UINT (count);
        }
      g_hash_table_unref (self->word_counts);
      self->word_counts = counts;
    }
  minutes = byline_text_reading_minutes (words);

  /* Translators: the body's word count */
  words_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u word", "%u words", words), words);
  if (minutes > 0)
    /* Translators: "%s" is the word count, e.g. "1,200 words · 6 min read" */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u min read", "%s · %u min read",
                                          minutes),
                             words_text, minutes);
  else
    label = g_steal_pointer (&words_text);

  gtk_label_set_label (self->word_count_label, label);
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  BylineEditor *self = user_data;

  self->count_source = 0;
  update_word_count (self);

  return G_SOURCE_REMOVE;
}

static void
queue_word_count (BylineEditor *self)
{
  /* Counting the whole body is not keystroke work. */
  if (self->count_source == 0)
    self->count_source = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
}

/* Keeping the article current */

static void queue_sizing (BylineEditor *self);

static void
on_headline_changed_cb (GtkTextBuffer *buffer,
                        BylineEditor  *self)
{
  queue_sizing (self);
  update_headline_count (self);
  if (self->article != NULL && !self->loading)
    {
      g_autofree char *text = get_buffer_text (self->headline_view);

      byline_article_set_title (self->article, text);
    }
}

static void
on_lead_changed_cb (GtkTextBuffer *buffer,
                    BylineEditor  *self)
{
  queue_sizing (self);
  update_lead_hint (self);
  if (self->article != NULL && !self->loading)
    {
      g_autofree char *text = get_buffer_text (self->lead_view);

      byline_article_set_lead (self->article, text);
    }
}

static void
on_blocks_changed_cb (BylineEditorBuffer *buffer,
                      BylineEditor       *self)
{
  if (self->article == NULL || self->loading)
    return;

  byline_article_set_blocks (self->article, byline_editor_buffer_get_blocks (buffer));
  queue_word_count (self);
}

/* The headline and the lead are one paragraph each: a newline typed or
 * pasted into them becomes a space. */
static void
on_single_line_insert_text_cb (GtkTextBuffer *buffer,
                               GtkTextIter   *location,
                               const char    *text,
                               int            len,
                               BylineEditor  *self)
{
  g_autofree char *clean = NULL;

  if (len < 0)
    len = strlen (text);
  if (memchr (text, '\n', len) == NULL && memchr (text, '\r', len) == NULL &&
      memchr (text, '\t', len) == NULL)
    return;

  clean = g_strndup (text, len);
  g_strdelimit (clean, "\r\n\t", ' ');
  g_signal_stop_emission_by_name (buffer, "insert-text");
  g_signal_handlers_block_by_func (buffer, on_single_line_insert_text_cb, self);
  gtk_text_buffer_insert (buffer, location, clean, -1);
  g_signal_handlers_unblock_by_func (buffer, on_single_line_insert_text_cb, self);
}

/* Focus: headline → lead → body, and back */

static void
focus_body_start (BylineEditor *self)
{
  GtkTextIter start;

  byline_editor_buffer_get_body_start (self->body, &start);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->body), &start);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
focus_text_view_end (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

/* While the headline, the lead or a photo's field has the focus, the body
 * (their parent) would still draw its caret. Not through
 * gtk_text_view_set_cursor_visible(): GTK 4.8 keeps blinking a caret so
 * hidden and aborts in its blink callback. */
static void
hide_body_caret (BylineEditor *self,
                 gboolean      hide)
{
  if (hide)
    gtk_widget_add_css_class (GTK_WIDGET (self->body_view), "caret-hidden");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->body_view), "caret-hidden");
}

static gboolean
is_return (guint keyval)
{
  return keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter;
}

static gboolean
is_tab (guint keyval)
{
  return keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab;
}

static gboolean
on_headline_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            BylineEditor          *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (is_return (keyval) || (is_tab (keyval) && !(state & GDK_SHIFT_MASK)))
    {
      focus_text_view_end (self->lead_view);
      return TRUE;
    }

  return FALSE;
}

static gboolean
on_lead_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BylineEditor          *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (is_tab (keyval) && (state & GDK_SHIFT_MASK))
    {
      focus_text_view_end (self->headline_view);
      return TRUE;
    }
  if (is_return (keyval) || is_tab (keyval))
    {
      focus_body_start (self);
      return TRUE;
    }

  return FALSE;
}

static void
on_header_focus_enter_cb (GtkEventControllerFocus *controller,
                          BylineEditor            *self)
{
  /* The header is an overlay of the body: bring it into view, and do not
   * let the body draw its caret beside the headline's. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  hide_body_caret (self, TRUE);
}

static void
on_header_focus_leave_cb (GtkEventControllerFocus *controller,
                          BylineEditor            *self)
{
  hide_body_caret (self, FALSE);
}

/* Formatting: state at the cursor, and the actions */

static gboolean
body_has_focus (BylineEditor *self)
{
  return gtk_widget_has_focus (GTK_WIDGET (self->body_view));
}

static void
get_selection (BylineEditor *self,
               GtkTextIter  *start,
               GtkTextIter  *end)
{
  gtk_text_buffer_get_selection_bounds (GTK_TEXT_BUFFER (self->body), start, end);
}

static const char *
style_to_block_type (const BylineLineStyle *style)
{
  switch (style->kind)
    {
    case BYLINE_LINE_HEADING:
      switch (style->level)
        {
        case 1: return "h1";
        case 2: return "h2";
        case 3: return "h3";
        case 4: return "h4";
        case 5: return "h5";
        default: return "h6";
        }
    case BYLINE_LINE_LIST_ITEM:
      return style->ordered ? "ol" : "ul";
    case BYLINE_LINE_QUOTE:
    case BYLINE_LINE_CITATION:
      return "quote";
    case BYLINE_LINE_OBJECT:
      return "object";
    case BYLINE_LINE_PARAGRAPH:
    default:
      return "p";
    }
}

static gboolean
block_type_to_style (const char      *type,
                     BylineLineStyle *style)
{
  memset (style, 0, sizeof *style);
  if (g_str_equal (type, "p"))
    style->kind = BYLINE_LINE_PARAGRAPH;
  else if (type[0] == 'h' && type[1] >= '1' && type[1] <= '6' && type[2] == '\0')
    {
      style->kind = BYLINE_LINE_HEADING;
      style->level = type[1] - '0';
    }
  else if (g_str_equal (type, "ul") || g_str_equal (type, "ol"))
    {
      style->kind = BYLINE_LINE_LIST_ITEM;
      style->ordered = type[0] == 'o';
    }
  else if (g_str_equal (type, "quote"))
    style->kind = BYLINE_LINE_QUOTE;
  else
    return FALSE;

  return TRUE;
}

static void
set_state_flag (BylineEditor *self,
                guint         prop,
                gboolean      value)
{
  gboolean old;

  switch (prop)
    {
    case PROP_BOLD:
      old = self->bold;
      self->bold = !!value;
      break;
    case PROP_ITALIC:
      old = self->italic;
      self->italic = !!value;
      break;
    case PROP_STRIKETHROUGH:
      old = self->strikethrough;
      self->strikethrough = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (old != !!value)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* What the toolbar shows: the formatting at the cursor or of the selection. */
static void
update_state (BylineEditor *self)
{
  GtkTextIter start, end;
  BylineLineStyle style;
  g_autofree char *href = NULL;
  const char *type;

  get_selection (self, &start, &end);
  set_state_flag (self, PROP_BOLD, byline_editor_buffer_has_mark (self->body, &start, &end, BYLINE_MARK_BOLD));
  set_state_flag (self, PROP_ITALIC, byline_editor_buffer_has_mark (self->body, &start, &end, BYLINE_MARK_ITALIC));
  set_state_flag (self, PROP_STRIKETHROUGH,
                  byline_editor_buffer_has_mark (self->body, &start, &end, BYLINE_MARK_STRIKETHROUGH));

  byline_editor_buffer_get_line_style (self->body, &start, &style);
  type = style_to_block_type (&style);
  if (g_strcmp0 (type, self->block_type) != 0)
    {
      g_free (self->block_type);
      self->block_type = g_strdup (type);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCK_TYPE]);
    }

  href = byline_editor_buffer_get_link (self->body, &start, NULL, NULL, NULL, NULL);
  self->updating_state = TRUE;
  gtk_toggle_button_set_active (self->link_button, href != NULL);
  self->updating_state = FALSE;
}

static void
on_body_mark_set_cb (GtkTextBuffer     *buffer,
                     const GtkTextIter *location,
                     GtkTextMark       *mark,
                     BylineEditor      *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer) || mark == gtk_text_buffer_get_selection_bound (buffer))
    {
      update_state (self);
      byline_editor_history_break (self->history);
    }
}

/* A tag that changes a line's height (a heading, a list) only invalidates
 * the line; GTK 4.8 then lays it out while drawing, and the scrollbar,
 * whose range changed, is drawn before it is allocated. A layout pass
 * after such edits avoids that. */
static void
on_body_tag_changed_cb (GtkTextBuffer     *buffer,
                        GtkTextTag        *tag,
                        const GtkTextIter *start,
                        const GtkTextIter *end,
                        BylineEditor      *self)
{
  self->tags_changed = TRUE;
}

static void
on_body_end_user_action_cb (GtkTextBuffer *buffer,
                            BylineEditor  *self)
{
  if (self->tags_changed)
    {
      self->tags_changed = FALSE;
      gtk_widget_queue_resize (GTK_WIDGET (self->body_view));
    }
}

static void
on_body_changed_cb (GtkTextBuffer *buffer,
                    BylineEditor  *self)
{
  update_state (self);
}

static void
apply_mark (BylineEditor   *self,
            BylineMarkKind  kind,
            gboolean        on)
{
  GtkTextIter start, end;

  if (!body_has_focus (self))
    return;

  get_selection (self, &start, &end);
  if (gtk_text_iter_equal (&start, &end))
    byline_editor_buffer_set_typing_mark (self->body, kind, on);
  else
    byline_editor_buffer_set_mark (self->body, &start, &end, kind, on, NULL);
  update_state (self);
}

static void
apply_block_type (BylineEditor *self,
                  const char   *type)
{
  GtkTextIter start, end;
  BylineLineStyle style, current;

  if (!body_has_focus (self) || !block_type_to_style (type, &style))
    return;

  get_selection (self, &start, &end);
  byline_editor_buffer_get_line_style (self->body, &start, &current);
  if (current.kind == BYLINE_LINE_OBJECT)
    return;

  /* Choosing what the line already is turns it back into a paragraph. */
  if (g_strcmp0 (type, style_to_block_type (&current)) == 0 && style.kind != BYLINE_LINE_PARAGRAPH)
    style.kind = BYLINE_LINE_PARAGRAPH;
  else if (style.kind == BYLINE_LINE_LIST_ITEM && current.kind == BYLINE_LINE_LIST_ITEM)
    style.level = current.level;

  byline_editor_buffer_set_line_style (self->body, &start, &end, &style);
  update_state (self);
}

static GtkWidget *
focus_widget (BylineEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* Ctrl+Z in the headline, the lead or a photo's fields undoes there; in the
 * body it undoes the last change to the article's body. */
static void
undo_or_redo (BylineEditor *self,
              gboolean      redo)
{
  GtkWidget *focus = focus_widget (self);

  if (focus != NULL && focus != GTK_WIDGET (self->body_view) &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) &&
      (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus)))
    {
      gtk_widget_activate_action (focus, redo ? "text.redo" : "text.undo", NULL);
      return;
    }

  if (redo)
    byline_editor_history_redo (self->history);
  else
    byline_editor_history_undo (self->history);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view),
                                      gtk_text_buffer_get_insert (GTK_TEXT_BUFFER (self->body)));
}

static void
editor_undo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_or_redo (BYLINE_EDITOR (widget), FALSE);
}

static void
editor_redo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  undo_or_redo (BYLINE_EDITOR (widget), TRUE);
}

static void
update_actions (BylineEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 byline_editor_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 byline_editor_history_can_redo (self->history));
}

static void
on_history_notify_cb (GObject      *object,
                      GParamSpec   *pspec,
                      BylineEditor *self)
{
  update_actions (self);
}

/* Links */

/**
 * byline_editor_validate_link:
 * @text: what the writer typed as a link's address
 *
 * Accepts web addresses (http, https), mail addresses (mailto:) and
 * addresses typed without their scheme ("example.com/page" becomes
 * "https://example.com/page").
 *
 * Returns: (transfer full) (nullable): the address to link to, or %NULL
 *   when @text is not one
 */
char *
byline_editor_validate_link (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0' || strpbrk (trimmed, " \t\r\n\"<>") != NULL)
    return NULL;

  if (g_str_has_prefix (trimmed, "mailto:"))
    return strchr (trimmed + 7, '@') != NULL && trimmed[7] != '@' ? g_steal_pointer (&trimmed) : NULL;

  scheme = g_uri_peek_scheme (trimmed);
  if (scheme == NULL)
    {
      /* A mail address or a bare host name. */
      if (strchr (trimmed, '@') != NULL && strchr (trimmed, '/') == NULL)
        return g_strconcat ("mailto:", trimmed, NULL);
      candidate = g_strconcat ("https://", trimmed, NULL);
    }
  else if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    {
      candidate = g_steal_pointer (&trimmed);
    }
  else
    {
      return NULL;
    }

  uri = g_uri_parse (candidate, G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  /* A host needs a dot (or is localhost): "https://abc" is a typo. */
  if (strchr (g_uri_get_host (uri), '.') == NULL && !g_str_equal (g_uri_get_host (uri), "localhost"))
    return NULL;

  return g_steal_pointer (&candidate);
}

static void
on_link_entry_changed_cb (GtkEditable  *editable,
                          BylineEditor *self)
{
  g_autofree char *href = byline_editor_validate_link (gtk_editable_get_text (editable));
  const char *text = gtk_editable_get_text (editable);

  gtk_widget_set_sensitive (GTK_WIDGET (self->link_apply_button), href != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->link_error_label), href == NULL && *text != '\0');
  if (href == NULL && *text != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->link_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->link_entry), "error");
}

static void
open_link_popover (BylineEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter start, end, link_start, link_end;
  g_autofree char *href = NULL;
  GdkRectangle rect;
  int x, y;

  get_selection (self, &start, &end);
  g_clear_pointer (&self->link_target, g_free);
  g_clear_pointer (&self->link_rel, g_free);
  href = byline_editor_buffer_get_link (self->body, &start, &link_start, &link_end,
                                        &self->link_target, &self->link_rel);
  if (href != NULL && gtk_text_iter_equal (&start, &end))
    {
      start = link_start;
      end = link_end;
    }

  gtk_text_buffer_move_mark (buffer, self->link_start, &start);
  gtk_text_buffer_move_mark (buffer, self->link_end, &end);

  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), href != NULL ? href : "");
  gtk_check_button_set_active (self->link_new_tab_check,
                               g_strcmp0 (self->link_target, "_blank") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->link_remove_button), href != NULL);
  on_link_entry_changed_cb (GTK_EDITABLE (self->link_entry), self);

  /* Point at the text, kept within the view: a popover pointing outside
   * the window has no monitor to be placed on. */
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->body_view), &start, 0.1, FALSE, 0, 0);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (self->body_view), &start, &rect);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (self->body_view), GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &x, &y);
  rect.x = CLAMP (x, 0, MAX (0, gtk_widget_get_width (GTK_WIDGET (self->body_view)) - 1));
  rect.y = CLAMP (y, 0, MAX (0, gtk_widget_get_height (GTK_WIDGET (self->body_view)) - rect.height - 1));
  gtk_popover_set_pointing_to (self->link_popover, &rect);
  gtk_popover_popup (self->link_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
}

static void
editor_link_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BylineEditor *self = BYLINE_EDITOR (widget);

  if (!body_has_focus (self))
    return;
  open_link_popover (self);
}

static void
on_link_button_toggled_cb (GtkToggleButton *button,
                           BylineEditor    *self)
{
  if (self->updating_state)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  open_link_popover (self);
  update_state (self);
}

static void
close_link_popover (BylineEditor *self)
{
  GtkTextIter start, end;

  gtk_popover_popdown (self->link_popover);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->body), &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->body), &end, self->link_end);
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (self->body), &end, &start);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
on_link_apply_cb (GtkWidget    *widget,
                  BylineEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  g_autofree char *href = byline_editor_validate_link (gtk_editable_get_text (GTK_EDITABLE (self->link_entry)));
  GtkTextIter start, end;

  if (href == NULL)
    return;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_iter_equal (&start, &end))
    {
      int offset = gtk_text_iter_get_offset (&start);

      /* Nothing selected: the address itself becomes the linked text. */
      gtk_text_buffer_insert_interactive (buffer, &start, href, -1, TRUE);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, offset);
      gtk_text_buffer_move_mark (buffer, self->link_start, &end);
      gtk_text_buffer_move_mark (buffer, self->link_end, &start);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, self->link_start);
      gtk_text_buffer_get_iter_at_mark (buffer, &end, self->link_end);
    }
  if (gtk_check_button_get_active (self->link_new_tab_check))
    {
      /* As WordPress's editor writes a new-tab link; one that already
       * opened in a new tab keeps its own rel. */
      if (g_strcmp0 (self->link_target, "_blank") == 0)
        byline_editor_buffer_set_link (self->body, &start, &end, href, "_blank", self->link_rel);
      else
        byline_editor_buffer_set_link (self->body, &start, &end, href, "_blank", "noreferrer noopener");
    }
  else if (g_strcmp0 (self->link_target, "_blank") == 0)
    {
      /* The rel went with the new tab. */
      byline_editor_buffer_set_link (self->body, &start, &end, href, NULL, NULL);
    }
  else
    {
      byline_editor_buffer_set_link (self->body, &start, &end, href, self->link_target, self->link_rel);
    }
  gtk_text_buffer_end_user_action (buffer);

  close_link_popover (self);
}

static void
on_link_remove_cb (GtkButton    *button,
                   BylineEditor *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->body), &start, self->link_start);
  gtk_text_buffer_get_iter_at_mark (GTK_TEXT_BUFFER (self->body), &end, self->link_end);
  byline_editor_buffer_set_mark (self->body, &start, &end, BYLINE_MARK_LINK, FALSE, NULL);
  close_link_popover (self);
}

/* Photos and other objects in the body */

/* The application's draft store, which keeps each draft's photos. */
static BylineDraftStore *
get_draft_store (BylineEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application;

  if (!GTK_IS_WINDOW (root))
    return NULL;
  application = gtk_window_get_application (GTK_WINDOW (root));
  if (!BYLINE_IS_APPLICATION (application))
    return NULL;

  return byline_application_get_draft_store (BYLINE_APPLICATION (application));
}

static GFile *
resolve_photo (BylineEditor *self,
               const char   *path)
{
  BylineDraftStore *store;

  if (path == NULL || *path == '\0')
    return NULL;
  if (g_path_is_absolute (path))
    return g_file_new_for_path (path);
  if (self->photo_directory != NULL)
    return g_file_resolve_relative_path (self->photo_directory, path);
  store = get_draft_store (self);
  if (store != NULL && self->article != NULL)
    return byline_draft_store_resolve_photo (store, byline_article_get_id (self->article), path);
  return NULL;
}

static void
for_each_figure_card (BylineEditor *self,
                      void        (*func) (BylineEditor *, BylineFigureCard *, gpointer),
                      gpointer      data)
{
  g_autoptr(GList) anchors = byline_editor_buffer_list_objects (self->body);

  for (GList *l = anchors; l != NULL; l = l->next)
    {
      guint n_widgets = 0;
      GtkWidget **widgets = gtk_text_child_anchor_get_widgets (l->data, &n_widgets);

      for (guint i = 0; i < n_widgets; i++)
        if (BYLINE_IS_FIGURE_CARD (widgets[i]))
          func (self, BYLINE_FIGURE_CARD (widgets[i]), data);
      g_free (widgets);
    }
}

typedef struct
{
  const char   *path;
  GdkPaintable *paintable;
  const char   *problem;
} ThumbnailUpdate;

static void
set_card_thumbnail (BylineEditor     *self,
                    BylineFigureCard *card,
                    gpointer          data)
{
  ThumbnailUpdate *update = data;
  BylineBlock *block = byline_figure_card_get_block (card);

  if (g_strcmp0 (byline_block_get_local_path (block), update->path) == 0)
    byline_figure_card_set_thumbnail (card, update->paintable, update->problem);
}

typedef struct
{
  BylineEditor *self;
  char         *path;
  GFile        *file;
  guint         size;
} ThumbnailLoad;

static void start_thumbnail_loads (BylineEditor *self);

static void
thumbnail_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbnailLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = byline_photo_load_thumbnail_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      BylineEditor *self = load->self;
      g_autofree char *problem = NULL;
      ThumbnailUpdate update = { load->path, NULL, NULL };

      if (pixbuf != NULL)
        {
          g_autoptr(BylineThumbnail) thumbnail = byline_thumbnail_new_for_pixbuf (pixbuf);

          g_hash_table_replace (self->thumbnails, g_strdup (load->path), g_object_ref (thumbnail));
          update.paintable = GDK_PAINTABLE (thumbnail);
          for_each_figure_card (self, set_card_thumbnail, &update);
        }
      else
        {
          g_hash_table_remove (self->thumbnails, load->path);
          problem = byline_photo_describe_error (error, NULL);
          update.problem = problem;
          for_each_figure_card (self, set_card_thumbnail, &update);
        }
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load->self->n_loading--;
      start_thumbnail_loads (load->self);
    }
  g_object_unref (load->self);
  g_free (load->path);
  g_clear_object (&load->file);
  g_free (load);
}

/* Decoding two photos at a time keeps the window responsive while twenty
 * load, and keeps memory low: each decoding thread would otherwise keep
 * its own heap of freed decode buffers. */
static void
start_thumbnail_loads (BylineEditor *self)
{
  while (self->n_loading < MAX_THUMBNAIL_LOADS && !g_queue_is_empty (self->thumbnail_queue))
    {
      ThumbnailLoad *load = g_queue_pop_head (self->thumbnail_queue);

      self->n_loading++;
      byline_photo_load_thumbnail_async (load->file, load->size, self->cancellable,
                                         thumbnail_loaded_cb, load);
    }

#ifdef __GLIBC__
  if (self->n_loading == 0 && g_queue_is_empty (self->thumbnail_queue))
    malloc_trim (0);
#endif
}

static void
thumbnail_load_free (gpointer data)
{
  ThumbnailLoad *load = data;

  g_object_unref (load->self);
  g_free (load->path);
  g_clear_object (&load->file);
  g_free (load);
}

static void
show_thumbnail (BylineEditor     *self,
                BylineFigureCard *card)
{
  BylineBlock *block = byline_figure_card_get_block (card);
  const char *path = byline_block_get_local_path (block);
  g_autoptr(GFile) file = resolve_photo (self, path);
  gpointer cached = NULL;
  ThumbnailLoad *load;
  int scale;

  if (file == NULL)
    {
      byline_figure_card_set_thumbnail (card, NULL,
                                        byline_block_get_url (block) != NULL
                                          ? _("This photo is on the portal and has no copy on this computer")
                                          : _("The photo’s file is missing"));
      return;
    }

  if (g_hash_table_lookup_extended (self->thumbnails, path, NULL, &cached))
    {
      byline_figure_card_set_thumbnail (card, cached, NULL);
      return;
    }

  /* Decoded off the main thread, at the size it is shown at, never in
   * full. */
  g_hash_table_insert (self->thumbnails, g_strdup (path), NULL);
  scale = MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  load = g_new0 (ThumbnailLoad, 1);
  load->self = g_object_ref (self);
  load->path = g_strdup (path);
  load->file = g_object_ref (file);
  load->size = THUMBNAIL_SIZE * scale;
  g_queue_push_tail (self->thumbnail_queue, load);
  start_thumbnail_loads (self);
}

static GtkTextChildAnchor *
card_anchor (GtkWidget *card)
{
  return g_object_get_data (G_OBJECT (card), "byline-anchor");
}

static void
size_card (BylineEditor *self,
           GtkWidget    *card)
{
  int column = byline_body_view_get_column_width (self->body_view);

  if (column <= 0)
    return;
  if (BYLINE_IS_FIGURE_CARD (card))
    byline_column_bin_set_width (BYLINE_COLUMN_BIN (card), MIN (column, FIGURE_MAX_WIDTH));
  else if (BYLINE_IS_COLUMN_BIN (card))
    byline_column_bin_set_width (BYLINE_COLUMN_BIN (card), column);
}

static void
size_header (BylineEditor *self)
{
  int column = byline_body_view_get_column_width (self->body_view);

  if (column <= 0)
    return;
  byline_column_bin_set_width (BYLINE_COLUMN_BIN (self->header), column);
  byline_body_view_fit_text_view (self->headline_view, column);
  byline_body_view_fit_text_view (self->lead_view, column);
}

static gboolean
size_cards_cb (gpointer user_data)
{
  BylineEditor *self = user_data;
  g_autoptr(GList) anchors = byline_editor_buffer_list_objects (self->body);

  self->width_source = 0;
  size_header (self);
  for (GList *l = anchors; l != NULL; l = l->next)
    {
      guint n_widgets = 0;
      GtkWidget **widgets = gtk_text_child_anchor_get_widgets (l->data, &n_widgets);

      for (guint i = 0; i < n_widgets; i++)
        size_card (self, widgets[i]);
      g_free (widgets);
    }

  return G_SOURCE_REMOVE;
}

/* Not from inside the view's allocation: sizes change in an idle. */
static void
queue_sizing (BylineEditor *self)
{
  if (self->width_source == 0)
    self->width_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, size_cards_cb, self, NULL);
}

static void
on_column_width_cb (GObject      *object,
                    GParamSpec   *pspec,
                    BylineEditor *self)
{
  queue_sizing (self);
}

static void
place_cursor_by_anchor (BylineEditor       *self,
                        GtkTextChildAnchor *anchor,
                        gboolean            after)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter iter;

  if (gtk_text_child_anchor_get_deleted (anchor))
    return;

  gtk_text_buffer_get_iter_at_child_anchor (buffer, &iter, anchor);
  if (after)
    gtk_text_iter_forward_line (&iter);
  else if (!gtk_text_iter_is_start (&iter))
    gtk_text_iter_backward_char (&iter);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view), gtk_text_buffer_get_insert (buffer));
}

/* Keys inside a card stay inside it: unhandled keys would bubble up to the
 * text view, which would type a Tab into the body or scroll the body away
 * from the field being edited. */
static gboolean
on_card_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BylineEditor          *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkTextChildAnchor *anchor = card_anchor (card);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        gboolean back = (state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab;

        if (!gtk_widget_child_focus (card, back ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD))
          place_cursor_by_anchor (self, anchor, !back);
        return TRUE;
      }

    case GDK_KEY_Escape:
      place_cursor_by_anchor (self, anchor, TRUE);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Up:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Up:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_KP_Page_Down:
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_card_focus_enter_cb (GtkEventControllerFocus *controller,
                        BylineEditor            *self)
{
  GtkWidget *card = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkTextChildAnchor *anchor = card_anchor (card);
  GtkTextIter iter;

  /* GTK does not scroll a focused anchored child into view, and draws the
   * body's caret beside the focused field. */
  hide_body_caret (self, TRUE);
  if (anchor != NULL && !gtk_text_child_anchor_get_deleted (anchor))
    {
      gtk_text_buffer_get_iter_at_child_anchor (GTK_TEXT_BUFFER (self->body), &iter, anchor);
      gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->body_view), &iter, 0.05, FALSE, 0, 0);
    }
}

static void
on_card_focus_leave_cb (GtkEventControllerFocus *controller,
                        BylineEditor            *self)
{
  hide_body_caret (self, FALSE);
}

static void
on_card_changed_cb (BylineFigureCard *card,
                    BylineBlock      *figure,
                    BylineEditor     *self)
{
  GtkTextChildAnchor *anchor = card_anchor (GTK_WIDGET (card));

  if (anchor == NULL || gtk_text_child_anchor_get_deleted (anchor))
    return;

  gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self->body));
  byline_editor_buffer_update_object (self->body, anchor, figure);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self->body));
}

static void
on_card_move_cb (GtkWidget    *card,
                 int           direction,
                 BylineEditor *self)
{
  GtkTextChildAnchor *anchor = card_anchor (card);
  BylineBlock *block;
  GtkTextIter iter;

  if (anchor == NULL || gtk_text_child_anchor_get_deleted (anchor))
    return;

  block = byline_block_ref (byline_editor_buffer_get_object (anchor));
  if (byline_editor_buffer_move_object (self->body, anchor, direction))
    {
      g_autoptr(GList) anchors = byline_editor_buffer_list_objects (self->body);

      /* Keep the keyboard on the moved card's button, as after a click. */
      for (GList *l = anchors; l != NULL; l = l->next)
        {
          if (byline_editor_buffer_get_object (l->data) == block)
            {
              guint n_widgets = 0;
              GtkWidget **widgets = gtk_text_child_anchor_get_widgets (l->data, &n_widgets);

              gtk_text_buffer_get_iter_at_child_anchor (GTK_TEXT_BUFFER (self->body), &iter, l->data);
              gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->body_view), &iter, 0.05, FALSE, 0, 0);
              if (n_widgets > 0)
                gtk_widget_grab_focus (widgets[0]);
              g_free (widgets);
            }
        }
    }
  byline_block_unref (block);
}

static void
on_card_remove_cb (GtkWidget    *card,
                   BylineEditor *self)
{
  GtkTextChildAnchor *anchor = card_anchor (card);

  if (anchor == NULL || gtk_text_child_anchor_get_deleted (anchor))
    return;

  place_cursor_by_anchor (self, anchor, TRUE);
  byline_editor_buffer_remove_object (self->body, anchor);
}

static void choose_photos (BylineEditor *self,
                           GtkTextChildAnchor *replace);

static void
on_card_replace_cb (GtkWidget    *card,
                    BylineEditor *self)
{
  GtkTextChildAnchor *anchor = card_anchor (card);

  if (anchor != NULL && !gtk_text_child_anchor_get_deleted (anchor))
    choose_photos (self, anchor);
}

static void
on_insert_child_anchor_cb (GtkTextBuffer      *buffer,
                           GtkTextIter        *location,
                           GtkTextChildAnchor *anchor,
                           BylineEditor       *self)
{
  BylineBlock *block = byline_editor_buffer_get_object (anchor);
  GtkEventController *controller;
  GtkWidget *card;

  if (byline_editor_buffer_is_header (anchor))
    {
      if (gtk_widget_get_parent (self->header) != NULL)
        gtk_text_view_remove (GTK_TEXT_VIEW (self->body_view), self->header);
      size_header (self);
      gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self->body_view), self->header, anchor);
      return;
    }
  if (block == NULL)
    return;

  if (byline_block_get_kind (block) == BYLINE_BLOCK_FIGURE)
    {
      card = byline_figure_card_new (block);
      g_signal_connect (card, "changed", G_CALLBACK (on_card_changed_cb), self);
      g_signal_connect (card, "replace", G_CALLBACK (on_card_replace_cb), self);
    }
  else
    {
      card = byline_block_card_new (block);
    }
  g_signal_connect (card, "move", G_CALLBACK (on_card_move_cb), self);
  g_signal_connect (card, "remove", G_CALLBACK (on_card_remove_cb), self);
  g_object_set_data (G_OBJECT (card), "byline-anchor", anchor);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_card_key_pressed_cb), self);
  gtk_widget_add_controller (card, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_card_focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_card_focus_leave_cb), self);
  gtk_widget_add_controller (card, controller);

  size_card (self, card);
  gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self->body_view), card, anchor);
  if (BYLINE_IS_FIGURE_CARD (card))
    show_thumbnail (self, BYLINE_FIGURE_CARD (card));
}

static void
on_object_changed_cb (BylineEditorBuffer *buffer,
                      GtkTextChildAnchor *anchor,
                      BylineBlock        *old,
                      BylineEditor       *self)
{
  BylineBlock *block = byline_editor_buffer_get_object (anchor);
  guint n_widgets = 0;
  GtkWidget **widgets = gtk_text_child_anchor_get_widgets (anchor, &n_widgets);

  /* After undo or a replaced photo the card shows what the block says. */
  for (guint i = 0; i < n_widgets; i++)
    {
      if (BYLINE_IS_FIGURE_CARD (widgets[i]))
        {
          gboolean new_photo = g_strcmp0 (byline_block_get_local_path (block),
                                          byline_block_get_local_path (old)) != 0;

          byline_figure_card_set_block (BYLINE_FIGURE_CARD (widgets[i]), block);
          if (new_photo)
            show_thumbnail (self, BYLINE_FIGURE_CARD (widgets[i]));
        }
    }
  g_free (widgets);
}

typedef struct
{
  BylineEditor  *self;
  BylineArticle *article;
  char          *figure_id;
  char          *source_path;
} PhotoCopy;

static void
photo_copied_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PhotoCopy *copy = user_data;
  BylineEditor *self = copy->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = byline_draft_store_copy_photo_finish (BYLINE_DRAFT_STORE (object), result, &error);

  if (relative != NULL && self->article == copy->article && self->body != NULL)
    {
      GtkTextChildAnchor *anchor = byline_editor_buffer_find_object (self->body, copy->figure_id);
      BylineBlock *figure = anchor != NULL ? byline_editor_buffer_get_object (anchor) : NULL;

      /* The figure now points into the draft's folder, unless the writer
       * replaced its photo meanwhile. This is no edit of the writer's:
       * undo does not see it. */
      if (figure != NULL && g_strcmp0 (byline_block_get_local_path (figure), copy->source_path) == 0)
        {
          g_autoptr(BylineBlock) moved = byline_block_copy (figure);
          gpointer thumbnail = NULL;

          if (g_hash_table_lookup_extended (self->thumbnails, copy->source_path, NULL, &thumbnail) &&
              thumbnail != NULL)
            g_hash_table_replace (self->thumbnails, g_strdup (relative), g_object_ref (thumbnail));
          byline_block_set_local_path (moved, relative);
          byline_editor_history_pause (self->history);
          byline_editor_buffer_update_object (self->body, anchor, moved);
          byline_editor_history_resume (self->history);
        }
    }
  else if (relative == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The figure keeps the photo where it is; the draft store tries
       * again when it saves. */
      g_message ("Could not copy %s into the draft: %s", copy->source_path, error->message);
    }

  g_object_unref (copy->self);
  g_object_unref (copy->article);
  g_free (copy->figure_id);
  g_free (copy->source_path);
  g_free (copy);
}

/* Photos are copied into the article's draft folder (the draft store's
 * photos/), so the draft does not depend on a USB stick or a Downloads
 * folder. Until the copy is on disk the figure points at the original. */
static void
import_photo (BylineEditor *self,
              BylineBlock  *figure,
              GFile        *file)
{
  BylineDraftStore *store = get_draft_store (self);
  PhotoCopy *copy;

  if (store == NULL || self->article == NULL)
    return;

  copy = g_new0 (PhotoCopy, 1);
  copy->self = g_object_ref (self);
  copy->article = g_object_ref (self->article);
  copy->figure_id = g_strdup (byline_block_get_figure_id (figure));
  copy->source_path = g_strdup (byline_block_get_local_path (figure));
  byline_draft_store_copy_photo_async (store, byline_article_get_id (self->article), copy->figure_id,
                                       file, self->cancellable, photo_copied_cb, copy);
}

static gboolean
is_image_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *type = g_content_type_guess (name, NULL, 0, NULL);

  return type != NULL && g_content_type_is_a (type, "image/*");
}

/**
 * byline_editor_insert_photos:
 * @self: an editor
 * @files: (element-type GFile): photo files
 * @where: (nullable): where in the body, or %NULL for the cursor
 *
 * Inserts a figure for each image file, in order, each on a line of its
 * own. Files that are not images are skipped.
 *
 * Returns: how many photos were inserted
 */
guint
byline_editor_insert_photos (BylineEditor *self,
                             GSList       *files,
                             GtkTextIter  *where)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter iter;
  guint n = 0;

  g_return_val_if_fail (BYLINE_IS_EDITOR (self), 0);

  if (where != NULL)
    iter = *where;
  else
    gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));

  gtk_text_buffer_begin_user_action (buffer);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(BylineBlock) figure = NULL;
      g_autofree char *path = g_file_get_path (l->data);

      if (path == NULL || !is_image_file (l->data))
        continue;
      figure = byline_block_new_figure (NULL);
      byline_block_set_local_path (figure, path);
      byline_editor_buffer_insert_object (self->body, &iter, figure);
      import_photo (self, figure, l->data);
      n++;
    }
  gtk_text_buffer_end_user_action (buffer);

  if (n > 0)
    {
      gtk_text_buffer_place_cursor (buffer, &iter);
      gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view),
                                          gtk_text_buffer_get_insert (buffer));
    }

  return n;
}

typedef struct
{
  BylineEditor       *self;
  GtkTextChildAnchor *replace;
} ChooseData;

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        ChooseData      *data)
{
  BylineEditor *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *list = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        list = g_slist_prepend (list, g_list_model_get_item (files, i));
      list = g_slist_reverse (list);

      if (data->replace != NULL && list != NULL && !gtk_text_child_anchor_get_deleted (data->replace))
        {
          g_autoptr(BylineBlock) figure = byline_block_copy (byline_editor_buffer_get_object (data->replace));
          g_autofree char *path = g_file_get_path (list->data);

          byline_block_set_local_path (figure, path);
          /* A new photo is not on the portal yet. */
          byline_block_set_media (figure, 0, NULL);
          gtk_text_buffer_begin_user_action (GTK_TEXT_BUFFER (self->body));
          byline_editor_buffer_update_object (self->body, data->replace, figure);
          gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self->body));
          import_photo (self, figure, list->data);
        }
      else if (data->replace == NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
          byline_editor_insert_photos (self, list, NULL);
        }
      g_slist_free_full (list, g_object_unref);
    }

  g_clear_object (&data->replace);
  g_object_unref (data->self);
  g_free (data);
  g_object_unref (dialog);
}

static void
choose_photos (BylineEditor       *self,
               GtkTextChildAnchor *replace)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  ChooseData *data;

  chooser = gtk_file_chooser_native_new (replace != NULL ? _("Replace Photo") : _("Insert Photos"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         replace != NULL ? _("_Replace") : _("_Insert"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), replace == NULL);
  gtk_file_filter_set_name (filter, _("Photos"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/gif");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  data = g_new0 (ChooseData, 1);
  data->self = g_object_ref (self);
  data->replace = replace != NULL ? g_object_ref (replace) : NULL;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
editor_insert_photo_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  choose_photos (BYLINE_EDITOR (widget), NULL);
}

static void
editor_insert_separator_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  BylineEditor *self = BYLINE_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  g_autoptr(BylineBlock) separator = byline_block_new_separator ();
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  byline_editor_buffer_insert_object (self->body, &iter, separator);
  gtk_text_buffer_place_cursor (buffer, &iter);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            BylineEditor  *self)
{
  GSList *files = g_value_get_boxed (value);
  GtkTextView *view = GTK_TEXT_VIEW (self->body_view);
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  gtk_text_view_get_iter_at_location (view, &iter, bx, by);
  gtk_widget_grab_focus (GTK_WIDGET (view));

  return byline_editor_insert_photos (self, files, &iter) > 0;
}

/* Clipboard */

static void
editor_copy (BylineEditor *self,
             gboolean      cut)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter start, end;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) markup_bytes = NULL;
  g_autoptr(GBytes) text_bytes = NULL;
  GdkContentProvider *providers[4];
  g_autoptr(GdkContentProvider) provider = NULL;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return;

  /* GTK copies text only (photos are dropped): offer the blocks as markup,
   * which pasting here turns back into figures, and as HTML and text for
   * other applications. */
  blocks = byline_editor_buffer_convert_range (self->body, &start, &end);
  markup = byline_markup_serialize_blocks (blocks);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  {
    GString *plain = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar ch = g_utf8_get_char (p);

        if (ch == 0x2028)
          g_string_append_c (plain, '\n');
        else if (ch != 0xFFFC)
          g_string_append_unichar (plain, ch);
      }
    g_free (text);
    text = g_string_free (plain, FALSE);
  }

  markup_bytes = g_bytes_new (markup, strlen (markup));
  text_bytes = g_bytes_new (text, strlen (text));
  providers[0] = gdk_content_provider_new_for_bytes (BYLINE_BLOCKS_MIME, markup_bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/html", markup_bytes);
  providers[2] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", text_bytes);
  providers[3] = gdk_content_provider_new_typed (G_TYPE_STRING, text);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self->body_view)), provider);

  if (cut)
    {
      /* Photos in the selection go with it (and come back on paste). */
      gtk_text_buffer_begin_user_action (buffer);
      gtk_text_buffer_delete (buffer, &start, &end);
      gtk_text_buffer_end_user_action (buffer);
    }
}

static void
on_copy_clipboard_cb (GtkTextView  *view,
                      BylineEditor *self)
{
  g_signal_stop_emission_by_name (view, "copy-clipboard");
  editor_copy (self, FALSE);
}

static void
on_cut_clipboard_cb (GtkTextView  *view,
                     BylineEditor *self)
{
  g_signal_stop_emission_by_name (view, "cut-clipboard");
  editor_copy (self, TRUE);
}

static void
finish_paste (BylineEditor *self)
{
  g_clear_handle_id (&self->paste_source, g_source_remove);
  g_clear_pointer (&self->paste_queue, g_ptr_array_unref);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), TRUE);
  gtk_text_buffer_end_user_action (GTK_TEXT_BUFFER (self->body));
}

static gboolean
paste_slice_cb (gpointer user_data)
{
  BylineEditor *self = user_data;
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  gint64 deadline = g_get_monotonic_time () + PASTE_SLICE_MS * 1000;
  guint n = 0;

  while (self->paste_queue->len > 0 && (n < PASTE_SLICE_MIN_BLOCKS || g_get_monotonic_time () < deadline))
    {
      g_autoptr(GPtrArray) slice = g_ptr_array_new_with_free_func ((GDestroyNotify) byline_block_unref);
      GtkTextIter iter;
      guint take = MIN (self->paste_queue->len, PASTE_SLICE_MIN_BLOCKS);

      for (guint i = 0; i < take; i++)
        g_ptr_array_add (slice, g_ptr_array_steal_index (self->paste_queue, 0));
      gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->paste_mark);
      byline_editor_buffer_insert_blocks (self->body, &iter, slice);
      gtk_text_buffer_move_mark (buffer, self->paste_mark, &iter);
      n += take;
    }

  if (self->paste_queue->len > 0)
    return G_SOURCE_CONTINUE;

  {
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->paste_mark);
    gtk_text_buffer_place_cursor (buffer, &iter);
  }
  self->paste_source = 0;
  finish_paste (self);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view), gtk_text_buffer_get_insert (buffer));

  return G_SOURCE_REMOVE;
}

/**
 * byline_editor_paste_blocks:
 * @self: an editor
 * @blocks: (element-type BylineBlock): blocks to insert at the cursor
 *
 * Replaces the selection with @blocks. One paragraph is pasted into the
 * current line; more go in as blocks of their own, a long paste in slices
 * of a few milliseconds of work each, as one step of undo.
 */
void
byline_editor_paste_blocks (BylineEditor *self,
                            GPtrArray    *blocks)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter start, end;

  g_return_if_fail (BYLINE_IS_EDITOR (self));
  g_return_if_fail (blocks != NULL);

  if (self->paste_queue != NULL || blocks->len == 0)
    return;

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_get_iter_at_mark (buffer, &start, gtk_text_buffer_get_insert (buffer));

  if (blocks->len == 1 && byline_block_get_kind (g_ptr_array_index (blocks, 0)) == BYLINE_BLOCK_PARAGRAPH)
    {
      byline_editor_buffer_insert_inline (self->body, &start,
                                          byline_block_get_text (g_ptr_array_index (blocks, 0)));
      gtk_text_buffer_place_cursor (buffer, &start);
      gtk_text_buffer_end_user_action (buffer);
      return;
    }

  end = start;
  self->paste_queue = g_ptr_array_copy (blocks, (GCopyFunc) byline_block_ref, NULL);
  g_ptr_array_set_free_func (self->paste_queue, (GDestroyNotify) byline_block_unref);
  gtk_text_buffer_move_mark (buffer, self->paste_mark, &end);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->body_view), FALSE);

  /* The first slice now: a short paste is done at once. */
  if (paste_slice_cb (self) == G_SOURCE_CONTINUE)
    self->paste_source = g_timeout_add (1, paste_slice_cb, self);
}

typedef enum
{
  PASTE_BLOCKS,
  PASTE_HTML,
  PASTE_TEXT,
} PasteKind;

static void
convert_paste_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  PasteKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "kind"));
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autofree char *utf8 = NULL;
  GPtrArray *blocks = NULL;
  GError *error = NULL;

  /* Some browsers put HTML on the clipboard as UTF-16. */
  if (length >= 2 && (guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
    {
      utf8 = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, &length, NULL);
      data = utf8;
    }
  if (data == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "unreadable paste");
      return;
    }

  switch (kind)
    {
    case PASTE_BLOCKS:
      blocks = byline_markup_parse_blocks (data, length, &error);
      break;
    case PASTE_HTML:
      blocks = byline_paste_sanitize_html (data, length, &error);
      if (blocks == NULL)
        {
          /* Too large or too deep for the HTML reader: its text, then. */
          g_clear_error (&error);
          blocks = byline_paste_plain_text (data, length);
        }
      break;
    case PASTE_TEXT:
    default:
      blocks = byline_paste_plain_text (data, length);
      break;
    }

  if (blocks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, blocks, (GDestroyNotify) g_ptr_array_unref);
}

static void
converted_paste_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  BylineEditor *self = BYLINE_EDITOR (source);
  g_autoptr(GPtrArray) blocks = g_task_propagate_pointer (G_TASK (result), NULL);

  if (blocks != NULL)
    byline_editor_paste_blocks (self, blocks);
}

static void
convert_paste (BylineEditor *self,
               GBytes       *bytes,
               PasteKind     kind)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, converted_paste_cb, NULL);

  /* Sanitizing a long paste is not main-loop work. */
  g_task_set_source_tag (task, convert_paste);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "kind", GUINT_TO_POINTER (kind));
  g_task_run_in_thread (task, convert_paste_thread);
}

typedef struct
{
  BylineEditor  *self;
  PasteKind      kind;
} PasteRead;

static void
paste_spliced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PasteRead *read = user_data;
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) >= 0)
    {
      g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));

      convert_paste (read->self, bytes, read->kind);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not read the clipboard: %s", error->message);
    }

  g_object_unref (read->self);
  g_free (read);
}

static void
paste_stream_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PasteRead *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) out = NULL;

  if (stream == NULL)
    {
      g_object_unref (read->self);
      g_free (read);
      return;
    }

  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, read->self->cancellable, paste_spliced_cb, read);
}

static void
paste_mime (BylineEditor *self,
            GdkClipboard *clipboard,
            const char   *mime,
            PasteKind     kind)
{
  const char *mimes[] = { mime, NULL };
  PasteRead *read = g_new0 (PasteRead, 1);

  read->self = g_object_ref (self);
  read->kind = kind;
  gdk_clipboard_read_async (clipboard, mimes, G_PRIORITY_DEFAULT, self->cancellable, paste_stream_cb, read);
}

static void
paste_files_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BylineEditor *self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, NULL);

  if (value != NULL)
    byline_editor_insert_photos (self, g_value_get_boxed (value), NULL);
  g_object_unref (self);
}

static GFile *
pasted_photos_directory (BylineEditor *self)
{
  if (self->photo_directory != NULL)
    return g_object_ref (self->photo_directory);

  return g_file_new_build_filename (g_get_user_data_dir (), "byline", "pasted-photos", NULL);
}

static void
pasted_photo_saved_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  BylineEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = byline_photo_save_bytes_finish (result, &error);

  if (file != NULL)
    {
      GSList one = { file, NULL };

      byline_editor_insert_photos (self, &one, NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not keep the pasted photo: %s", error->message);
    }
  g_object_unref (self);
}

static void
paste_texture_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BylineEditor *self = user_data;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, NULL);

  if (texture != NULL)
    {
      g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);
      g_autoptr(GFile) directory = pasted_photos_directory (self);

      g_file_make_directory_with_parents (directory, NULL, NULL);
      byline_photo_save_bytes_async (png, directory, _("Pasted photo.png"), self->cancellable,
                                     pasted_photo_saved_cb, g_object_ref (self));
    }
  g_object_unref (self);
}

static gboolean
clipboard_has_image_files (GdkContentFormats *formats)
{
  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) &&
         !gdk_content_formats_contain_mime_type (formats, "text/html");
}

static void
on_paste_clipboard_cb (GtkTextView  *view,
                       BylineEditor *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  g_signal_stop_emission_by_name (view, "paste-clipboard");

  if (gdk_content_formats_contain_mime_type (formats, BYLINE_BLOCKS_MIME))
    paste_mime (self, clipboard, BYLINE_BLOCKS_MIME, PASTE_BLOCKS);
  else if (clipboard_has_image_files (formats))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, paste_files_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE) &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain") &&
           !gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, paste_texture_cb, g_object_ref (self));
  else if (gdk_content_formats_contain_mime_type (formats, "text/html"))
    paste_mime (self, clipboard, "text/html", PASTE_HTML);
  else if (gdk_content_formats_contain_mime_type (formats, "text/plain;charset=utf-8"))
    paste_mime (self, clipboard, "text/plain;charset=utf-8", PASTE_TEXT);
  else if (gdk_content_formats_contain_mime_type (formats, "text/plain"))
    paste_mime (self, clipboard, "text/plain", PASTE_TEXT);
}

/* Keys in the body */

static gboolean
line_is_empty (const GtkTextIter *iter)
{
  GtkTextIter start = *iter;

  gtk_text_iter_set_line_offset (&start, 0);
  return gtk_text_iter_ends_line (&start);
}

static void
set_cursor_line_style (BylineEditor          *self,
                       const BylineLineStyle *style)
{
  GtkTextIter start, end;

  get_selection (self, &start, &end);
  byline_editor_buffer_set_line_style (self->body, &start, &end, style);
  update_state (self);
}

static gboolean
handle_return (BylineEditor    *self,
               GdkModifierType  state)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter iter, end;
  BylineLineStyle style;

  gtk_text_buffer_get_selection_bounds (buffer, &iter, &end);
  byline_editor_buffer_get_line_style (self->body, &iter, &style);

  if (state & GDK_SHIFT_MASK)
    {
      if (style.kind == BYLINE_LINE_OBJECT)
        return TRUE;
      /* A line break inside the paragraph. */
      gtk_text_buffer_insert_interactive_at_cursor (buffer, "\xe2\x80\xa8", -1, TRUE);
      return TRUE;
    }

  switch (style.kind)
    {
    case BYLINE_LINE_OBJECT:
      {
        BylineLineStyle paragraph = { BYLINE_LINE_PARAGRAPH, 0, FALSE };
        GtkTextIter next = iter;

        /* A new paragraph below the photo. */
        gtk_text_iter_forward_line (&next);
        gtk_text_buffer_begin_user_action (buffer);
        gtk_text_buffer_insert (buffer, &next, "\n", 1);
        gtk_text_iter_backward_char (&next);
        byline_editor_buffer_set_line_style (self->body, &next, &next, &paragraph);
        gtk_text_buffer_get_iter_at_line (buffer, &next, gtk_text_iter_get_line (&iter) + 1);
        gtk_text_buffer_place_cursor (buffer, &next);
        gtk_text_buffer_end_user_action (buffer);
        return TRUE;
      }

    case BYLINE_LINE_LIST_ITEM:
    case BYLINE_LINE_QUOTE:
    case BYLINE_LINE_CITATION:
      if (line_is_empty (&iter))
        {
          BylineLineStyle paragraph = { BYLINE_LINE_PARAGRAPH, 0, FALSE };

          /* Enter on an empty item ends the list (or the quote). */
          set_cursor_line_style (self, &paragraph);
          return TRUE;
        }
      return FALSE;

    case BYLINE_LINE_HEADING:
      if (gtk_text_iter_ends_line (&end))
        {
          BylineLineStyle paragraph = { BYLINE_LINE_PARAGRAPH, 0, FALSE };

          /* After a heading comes a paragraph. */
          gtk_text_buffer_begin_user_action (buffer);
          gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
          gtk_text_buffer_insert_interactive_at_cursor (buffer, "\n", 1, TRUE);
          gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
          byline_editor_buffer_set_line_style (self->body, &iter, &iter, &paragraph);
          gtk_text_buffer_end_user_action (buffer);
          gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->body_view),
                                              gtk_text_buffer_get_insert (buffer));
          return TRUE;
        }
      return FALSE;

    case BYLINE_LINE_PARAGRAPH:
    default:
      return FALSE;
    }
}

static gboolean
handle_backspace (BylineEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter iter, end;
  BylineLineStyle style;

  if (gtk_text_buffer_get_selection_bounds (buffer, &iter, &end) || !gtk_text_iter_starts_line (&iter))
    return FALSE;

  byline_editor_buffer_get_line_style (self->body, &iter, &style);
  if (style.kind == BYLINE_LINE_LIST_ITEM && style.level > 0)
    {
      style.level--;
      set_cursor_line_style (self, &style);
      return TRUE;
    }
  if (style.kind == BYLINE_LINE_LIST_ITEM || style.kind == BYLINE_LINE_QUOTE ||
      style.kind == BYLINE_LINE_CITATION)
    {
      BylineLineStyle paragraph = { BYLINE_LINE_PARAGRAPH, 0, FALSE };

      /* Backspace at the start of an item takes its bullet off first. */
      set_cursor_line_style (self, &paragraph);
      return TRUE;
    }

  return FALSE;
}

/* Tab from the text goes to the next photo's caption (Shift+Tab: the
 * previous photo's credit), in document order, and scrolls to it. */
static gboolean
focus_card_near_cursor (BylineEditor *self,
                        gboolean      backward)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  g_autoptr(GList) anchors = byline_editor_buffer_list_objects (self->body);
  GtkTextIter cursor;
  GtkTextChildAnchor *target = NULL;
  guint cursor_offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  cursor_offset = gtk_text_iter_get_offset (&cursor);

  for (GList *l = anchors; l != NULL; l = l->next)
    {
      GtkTextIter at;
      guint offset;

      gtk_text_buffer_get_iter_at_child_anchor (buffer, &at, l->data);
      offset = gtk_text_iter_get_offset (&at);
      if (!backward && offset >= cursor_offset && target == NULL)
        target = l->data;
      if (backward && offset < cursor_offset)
        target = l->data;
    }

  if (target != NULL)
    {
      guint n_widgets = 0;
      GtkWidget **widgets = gtk_text_child_anchor_get_widgets (target, &n_widgets);
      gboolean done = FALSE;

      if (n_widgets > 0)
        {
          GtkTextIter at;

          gtk_text_buffer_get_iter_at_child_anchor (buffer, &at, target);
          gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->body_view), &at, 0.05, FALSE, 0, 0);
          if (BYLINE_IS_FIGURE_CARD (widgets[0]))
            done = gtk_widget_grab_focus (byline_figure_card_get_entry (BYLINE_FIGURE_CARD (widgets[0]),
                                                                         backward ? "credit" : "caption"));
          else
            done = gtk_widget_child_focus (widgets[0], backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
        }
      g_free (widgets);
      return done;
    }

  return FALSE;
}

static gboolean
handle_tab (BylineEditor *self,
            gboolean      backward)
{
  GtkTextIter iter, end;
  BylineLineStyle style;

  get_selection (self, &iter, &end);
  byline_editor_buffer_get_line_style (self->body, &iter, &style);

  if (style.kind == BYLINE_LINE_LIST_ITEM)
    {
      /* Tab nests an item, Shift+Tab brings it back out. */
      if (backward && style.level == 0)
        return TRUE;
      if (!backward && style.level + 1 >= BYLINE_EDITOR_BUFFER_MAX_DEPTH)
        return TRUE;
      style.level = backward ? style.level - 1 : style.level + 1;
      set_cursor_line_style (self, &style);
      return TRUE;
    }

  if (focus_card_near_cursor (self, backward))
    return TRUE;

  if (backward)
    {
      focus_text_view_end (self->lead_view);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
      return TRUE;
    }

  return FALSE;
}

/* Whether the key is ours to handle here (and not the default's). */
static gboolean
wants_key (BylineEditor    *self,
           guint            keyval,
           GdkModifierType  state)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body);
  GtkTextIter iter, end;
  BylineLineStyle style;

  gtk_text_buffer_get_selection_bounds (buffer, &iter, &end);
  byline_editor_buffer_get_line_style (self->body, &iter, &style);

  if (is_tab (keyval))
    return TRUE;
  if (is_return (keyval))
    return (state & GDK_SHIFT_MASK) != 0 || style.kind == BYLINE_LINE_OBJECT ||
           ((style.kind == BYLINE_LINE_LIST_ITEM || style.kind == BYLINE_LINE_QUOTE ||
             style.kind == BYLINE_LINE_CITATION) && line_is_empty (&iter)) ||
           (style.kind == BYLINE_LINE_HEADING && gtk_text_iter_ends_line (&end));
  if (keyval == GDK_KEY_BackSpace && (state & GDK_SHIFT_MASK) == 0)
    return gtk_text_iter_equal (&iter, &end) && gtk_text_iter_starts_line (&iter) &&
           (style.kind == BYLINE_LINE_LIST_ITEM || style.kind == BYLINE_LINE_QUOTE ||
            style.kind == BYLINE_LINE_CITATION);

  return FALSE;
}

static gboolean
on_body_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        BylineEditor          *self)
{
  GdkEvent *event;

  /* The headline and lead are children of the body view: their keys pass
   * through here first. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->body_view)))
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || !wants_key (self, keyval, state))
    return FALSE;

  /* A key that takes part in an input method's composition (Enter that
   * commits a Telex word, say) is the input method's. */
  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  if (event != NULL && gtk_text_view_im_context_filter_keypress (GTK_TEXT_VIEW (self->body_view), event))
    return TRUE;

  if (is_tab (keyval))
    return handle_tab (self, (state & GDK_SHIFT_MASK) != 0 || keyval == GDK_KEY_ISO_Left_Tab);
  if (is_return (keyval))
    return handle_return (self, state);
  if (keyval == GDK_KEY_BackSpace)
    return handle_backspace (self);

  return FALSE;
}

/**
 * byline_editor_set_photo_directory:
 * @self: an editor
 * @directory: (nullable): the folder relative photo paths are in (the
 *   article's draft folder)
 */
void
byline_editor_set_photo_directory (BylineEditor *self,
                                   GFile        *directory)
{
  g_return_if_fail (BYLINE_IS_EDITOR (self));
  g_return_if_fail (directory == NULL || G_IS_FILE (directory));

  if (g_set_object (&self->photo_directory, directory))
    g_hash_table_remove_all (self->thumbnails);
}

/**
 * byline_editor_focus_headline:
 * @self: an editor
 *
 * Puts the cursor at the end of the headline, as for a new article.
 */
void
byline_editor_focus_headline (BylineEditor *self)
{
  g_return_if_fail (BYLINE_IS_EDITOR (self));

  focus_text_view_end (self->headline_view);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/**
 * byline_editor_set_article:
 * @self: an editor
 * @article: (nullable): the article to edit
 *
 * Shows @article. From then on every edit updates it.
 */
void
byline_editor_set_article (BylineEditor  *self,
                           BylineArticle *article)
{
  g_return_if_fail (BYLINE_IS_EDITOR (self));
  g_return_if_fail (article == NULL || BYLINE_IS_ARTICLE (article));

  if (self->article == article)
    return;

  g_set_object (&self->article, article);

  if (self->paste_queue != NULL)
    finish_paste (self);
  gtk_popover_popdown (self->link_popover);

  self->loading = TRUE;
  byline_editor_history_pause (self->history);
  if (article != NULL)
    {
      set_buffer_text (self->headline_view, byline_article_get_title (article));
      set_buffer_text (self->lead_view, byline_article_get_lead (article));
      byline_editor_buffer_load (self->body, byline_article_get_blocks (article));
    }
  else
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      set_buffer_text (self->headline_view, "");
      set_buffer_text (self->lead_view, "");
      byline_editor_buffer_load (self->body, none);
    }
  byline_editor_history_resume (self->history);
  byline_editor_history_clear (self->history);
  self->loading = FALSE;

  update_headline_count (self);
  update_lead_hint (self);
  update_word_count (self);
  update_state (self);
  update_actions (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  /* Lines of new heights: lay them out before they are drawn. */
  gtk_widget_queue_resize (GTK_WIDGET (self->body_view));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

static void
byline_editor_dispose (GObject *object)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->paste_queue != NULL)
    finish_paste (self);
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_clear_handle_id (&self->width_source, g_source_remove);
  if (self->link_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->link_popover));
  /* The header is held by the editor across loads (see init). */
  if (self->header != NULL)
    {
      GtkWidget *header = g_steal_pointer (&self->header);

      if (gtk_widget_get_parent (header) != NULL)
        gtk_text_view_remove (GTK_TEXT_VIEW (self->body_view), header);
      g_object_unref (header);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), BYLINE_TYPE_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->article);
  g_clear_object (&self->history);
  g_clear_object (&self->body);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->photo_directory);
  g_clear_object (&self->accel_actions);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->word_counts, g_hash_table_unref);
  if (self->thumbnail_queue != NULL)
    {
      g_queue_free_full (self->thumbnail_queue, thumbnail_load_free);
      self->thumbnail_queue = NULL;
    }

  G_OBJECT_CLASS (byline_editor_parent_class)->dispose (object);
}

static void
byline_editor_finalize (GObject *object)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  g_free (self->block_type);
  g_free (self->link_target);
  g_free (self->link_rel);

  G_OBJECT_CLASS (byline_editor_parent_class)->finalize (object);
}

static void
byline_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_BOLD:
      g_value_set_boolean (value, self->bold);
      break;

    case PROP_ITALIC:
      g_value_set_boolean (value, self->italic);
      break;

    case PROP_STRIKETHROUGH:
      g_value_set_boolean (value, self->strikethrough);
      break;

    case PROP_BLOCK_TYPE:
      g_value_set_string (value, self->block_type);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_editor_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BylineEditor *self = BYLINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      byline_editor_set_article (self, g_value_get_object (value));
      break;

    /* Set through the editor.* actions: apply the formatting. */
    case PROP_BOLD:
      apply_mark (self, BYLINE_MARK_BOLD, g_value_get_boolean (value));
      break;

    case PROP_ITALIC:
      apply_mark (self, BYLINE_MARK_ITALIC, g_value_get_boolean (value));
      break;

    case PROP_STRIKETHROUGH:
      apply_mark (self, BYLINE_MARK_STRIKETHROUGH, g_value_get_boolean (value));
      break;

    case PROP_BLOCK_TYPE:
      apply_block_type (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void byline_editor_root   (GtkWidget *widget);
static void byline_editor_unroot (GtkWidget *widget);

static void
byline_editor_class_init (BylineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = byline_editor_dispose;
  object_class->finalize = byline_editor_finalize;
  widget_class->root = byline_editor_root;
  widget_class->unroot = byline_editor_unroot;
  object_class->get_property = byline_editor_get_property;
  object_class->set_property = byline_editor_set_property;

  /**
   * BylineEditor:article:
   *
   * The article being edited; every edit updates it.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         BYLINE_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BylineEditor:bold:
   *
   * Whether the text at the cursor (or all the selection) is bold; set by
   * the editor.bold action to make it so.
   */
  properties[PROP_BOLD] =
    g_param_spec_boolean ("bold", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ITALIC] =
    g_param_spec_boolean ("italic", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STRIKETHROUGH] =
    g_param_spec_boolean ("strikethrough", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * BylineEditor:block-type:
   *
   * What the line at the cursor is: "p", "h1"…"h6", "ul", "ol", "quote" or
   * "object"; set by the editor.block-type action to change it.
   */
  properties[PROP_BLOCK_TYPE] =
    g_param_spec_string ("block-type", NULL, NULL, "p",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "editor.bold", "bold");
  gtk_widget_class_install_property_action (widget_class, "editor.italic", "italic");
  gtk_widget_class_install_property_action (widget_class, "editor.strikethrough", "strikethrough");
  gtk_widget_class_install_property_action (widget_class, "editor.block-type", "block-type");
  gtk_widget_class_install_action (widget_class, "editor.link", NULL, editor_link_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, editor_undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, editor_redo_action);
  gtk_widget_class_install_action (widget_class, "editor.insert-photo", NULL, editor_insert_photo_action);
  gtk_widget_class_install_action (widget_class, "editor.insert-separator", NULL,
                                   editor_insert_separator_action);

  g_type_ensure (BYLINE_TYPE_BODY_VIEW);
  g_type_ensure (BYLINE_TYPE_COLUMN_BIN);
  g_type_ensure (ADW_TYPE_CLAMP_SCROLLABLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/byline-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, header);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, headline_view);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, headline_placeholder);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, headline_count_label);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, lead_view);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, lead_placeholder);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, lead_hint_label);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, word_count_label);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, toolbar);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_button);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_popover);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_entry);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_apply_button);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_remove_button);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_new_tab_check);
  gtk_widget_class_bind_template_child (widget_class, BylineEditor, link_error_label);

  gtk_widget_class_set_css_name (widget_class, "bylineeditor");
}

/* The application's accelerators are resolved from the window, which does
 * not see actions of a widget inside it (GTK 4.8): the editor puts these
 * on its window and forwards them to its own editor.* actions. */
static void
forward_accel_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  BylineEditor  *self)
{
  const char *name = g_action_get_name (G_ACTION (action));
  g_autofree char *detailed = g_strconcat ("editor.", name, NULL);
  GtkWidget *focus = focus_widget (self);
  gboolean history = g_str_equal (name, "undo") || g_str_equal (name, "redo");

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      /* Elsewhere in the window (the drafts search, say) Ctrl+Z stays the
       * field's own. */
      if (history && focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus)))
        gtk_widget_activate_action (focus, g_str_equal (name, "undo") ? "text.undo" : "text.redo", NULL);
      return;
    }

  gtk_widget_activate_action_variant (GTK_WIDGET (self), detailed, parameter);
}

static void
byline_editor_root (GtkWidget *widget)
{
  BylineEditor *self = BYLINE_EDITOR (widget);

  GTK_WIDGET_CLASS (byline_editor_parent_class)->root (widget);
  gtk_widget_insert_action_group (GTK_WIDGET (gtk_widget_get_root (widget)), "editor",
                                  G_ACTION_GROUP (self->accel_actions));
}

static void
byline_editor_unroot (GtkWidget *widget)
{
  gtk_widget_insert_action_group (GTK_WIDGET (gtk_widget_get_root (widget)), "editor", NULL);
  GTK_WIDGET_CLASS (byline_editor_parent_class)->unroot (widget);
}

static void
unref_if_set (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static void
on_dark_changed_cb (AdwStyleManager *manager,
                    GParamSpec      *pspec,
                    BylineEditor    *self)
{
  byline_editor_buffer_set_dark (self->body, adw_style_manager_get_dark (manager));
}

static void
add_key_controller (GtkWidget *widget,
                    GCallback  callback,
                    gpointer   user_data)
{
  GtkEventController *controller = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", callback, user_data);
  gtk_widget_add_controller (widget, controller);
}

static void
byline_editor_init (BylineEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->block_type = g_strdup ("p");
  self->accel_actions = g_simple_action_group_new ();
  {
    static const struct { const char *name; const char *parameter; } forwarded[] = {
      { "bold", NULL }, { "italic", NULL }, { "strikethrough", NULL }, { "link", NULL },
      { "block-type", "s" }, { "undo", NULL }, { "redo", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (forwarded); i++)
      {
        g_autoptr(GSimpleAction) action =
          g_simple_action_new (forwarded[i].name,
                               forwarded[i].parameter ? G_VARIANT_TYPE (forwarded[i].parameter) : NULL);

        g_signal_connect (action, "activate", G_CALLBACK (forward_accel_cb), self);
        g_action_map_add_action (G_ACTION_MAP (self->accel_actions), G_ACTION (action));
      }
  }
  self->cancellable = g_cancellable_new ();
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  self->word_counts = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) byline_block_unref, NULL);
  self->thumbnail_queue = g_queue_new ();
  self->body = byline_editor_buffer_new ();
  self->history = byline_editor_history_new (self->body);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->body_view), GTK_TEXT_BUFFER (self->body));
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->body), &start);
    self->link_start = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->body), NULL, &start, TRUE);
    self->link_end = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->body), NULL, &start, FALSE);
    self->paste_mark = gtk_text_buffer_create_mark (GTK_TEXT_BUFFER (self->body), NULL, &start, FALSE);
  }
  byline_editor_buffer_set_with_header (self->body, TRUE);
  /* Kept across loads: each load anchors it anew on the first line. */
  g_object_ref_sink (self->header);
  g_signal_connect (self->body, "blocks-changed", G_CALLBACK (on_blocks_changed_cb), self);
  g_signal_connect (self->body, "mark-set", G_CALLBACK (on_body_mark_set_cb), self);
  g_signal_connect (self->body, "changed", G_CALLBACK (on_body_changed_cb), self);
  g_signal_connect_after (self->body, "apply-tag", G_CALLBACK (on_body_tag_changed_cb), self);
  g_signal_connect_after (self->body, "remove-tag", G_CALLBACK (on_body_tag_changed_cb), self);
  g_signal_connect_after (self->body, "end-user-action", G_CALLBACK (on_body_end_user_action_cb), self);
  g_signal_connect_after (self->body, "insert-child-anchor", G_CALLBACK (on_insert_child_anchor_cb), self);
  g_signal_connect (self->body, "object-changed", G_CALLBACK (on_object_changed_cb), self);
  g_signal_connect (self->history, "notify::can-undo", G_CALLBACK (on_history_notify_cb), self);
  g_signal_connect (self->history, "notify::can-redo", G_CALLBACK (on_history_notify_cb), self);
  g_signal_connect (self->body_view, "copy-clipboard", G_CALLBACK (on_copy_clipboard_cb), self);
  g_signal_connect (self->body_view, "cut-clipboard", G_CALLBACK (on_cut_clipboard_cb), self);
  g_signal_connect (self->body_view, "paste-clipboard", G_CALLBACK (on_paste_clipboard_cb), self);
  g_signal_connect (self->body_view, "notify::column-width", G_CALLBACK (on_column_width_cb), self);

  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->body_view), GTK_EVENT_CONTROLLER (drop));
  }

  gtk_widget_set_parent (GTK_WIDGET (self->link_popover), GTK_WIDGET (self->body_view));
  g_signal_connect (self->link_entry, "changed", G_CALLBACK (on_link_entry_changed_cb), self);
  g_signal_connect (self->link_entry, "activate", G_CALLBACK (on_link_apply_cb), self);
  g_signal_connect (self->link_apply_button, "clicked", G_CALLBACK (on_link_apply_cb), self);
  g_signal_connect (self->link_remove_button, "clicked", G_CALLBACK (on_link_remove_cb), self);
  g_signal_connect (self->link_button, "toggled", G_CALLBACK (on_link_button_toggled_cb), self);
  /* Icon buttons are named for screen readers by what their tooltip says. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->toolbar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && gtk_widget_get_tooltip_text (child) != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (child), -1);

  gtk_label_set_label (self->link_error_label,
                       _("Enter a web address, such as https://example.com/page"));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, 0);
  byline_editor_buffer_set_dark (self->body, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  g_signal_connect (gtk_text_view_get_buffer (self->headline_view), "changed",
                    G_CALLBACK (on_headline_changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->headline_view), "insert-text",
                    G_CALLBACK (on_single_line_insert_text_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->lead_view), "changed",
                    G_CALLBACK (on_lead_changed_cb), self);
  g_signal_connect (gtk_text_view_get_buffer (self->lead_view), "insert-text",
                    G_CALLBACK (on_single_line_insert_text_cb), self);

  add_key_controller (GTK_WIDGET (self->headline_view), G_CALLBACK (on_headline_key_pressed_cb), self);
  add_key_controller (GTK_WIDGET (self->lead_view), G_CALLBACK (on_lead_key_pressed_cb), self);
  add_key_controller (GTK_WIDGET (self->body_view), G_CALLBACK (on_body_key_pressed_cb), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_header_focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_header_focus_leave_cb), self);
  gtk_widget_add_controller (self->header, focus);

  update_headline_count (self);
  update_lead_hint (self);
  update_word_count (self);
  update_actions (self);
}

/**
 * byline_editor_set_accels:
 * @application: the application
 *
 * The editor's shortcuts, as application accelerators: bindings on a
 * widget do not fire while a text view has the focus. (They reach the
 * editor through the actions it puts on its window.)
 */
void
byline_editor_set_accels (GtkApplication *application)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "editor.bold", { "<Control>b", NULL } },
    { "editor.italic", { "<Control>i", NULL } },
    { "editor.link", { "<Control>k", NULL } },
    { "editor.block-type('h2')", { "<Control><Alt>2", NULL } },
    { "editor.block-type('h3')", { "<Control><Alt>3", NULL } },
    { "editor.block-type('h4')", { "<Control><Alt>4", NULL } },
    { "editor.block-type('p')", { "<Control><Alt>0", NULL } },
    { "editor.block-type('ol')", { "<Control><Shift>7", "<Control>ampersand", NULL } },
    { "editor.block-type('ul')", { "<Control><Shift>8", "<Control>asterisk", NULL } },
    { "editor.undo", { "<Control>z", NULL } },
    { "editor.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  };

  g_return_if_fail (GTK_IS_APPLICATION (application));

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (application, accels[i].action, accels[i].accels);
}
