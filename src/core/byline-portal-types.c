/* byline-portal-types.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "byline-portal"

#include "config.h"

#include "byline-portal-types.h"

/* Each record is an atomic reference-counted box: cheap to share between
 * a list model, a task result and a callback without copying. */
#define DEFINE_RECORD(TypeName, type_name, clear_func)                       \
  TypeName *                                                                 \
  type_name##_new (void)                                                     \
  {                                                                          \
    return g_atomic_rc_box_new0 (TypeName);                                  \
  }                                                                          \
                                                                             \
  TypeName *                                                                 \
  type_name##_ref (TypeName *self)                                           \
  {                                                                          \
    g_return_val_if_fail (self != NULL, NULL);                               \
    return g_atomic_rc_box_acquire (self);                                   \
  }                                                                          \
                                                                             \
  void                                                                       \
  type_name##_unref (TypeName *self)                                         \
  {                                                                          \
    g_return_if_fail (self != NULL);                                         \
    g_atomic_rc_box_release_full (self, (GDestroyNotify) clear_func);        \
  }                                                                          \
                                                                             \
  G_DEFINE_BOXED_TYPE (TypeName, type_name, type_name##_ref, type_name##_unref)

static void
site_clear (BylinePortalSite *self)
{
  g_free (self->address);
  g_free (self->rest_root);
  g_free (self->name);
  g_free (self->description);
  g_free (self->authorization_url);
}

static void
user_clear (BylinePortalUser *self)
{
  g_free (self->username);
  g_free (self->name);
  g_strfreev (self->roles);
}

static void
post_clear (BylinePortalPost *self)
{
  g_free (self->title);
  g_free (self->content);
  g_free (self->excerpt);
  g_free (self->slug);
  g_free (self->generated_slug);
  g_free (self->link);
  g_free (self->comment_status);
  g_clear_pointer (&self->date_gmt, g_date_time_unref);
  g_clear_pointer (&self->modified_gmt, g_date_time_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->tags, g_array_unref);
}

static void
post_page_clear (BylinePortalPostPage *self)
{
  g_clear_pointer (&self->posts, g_ptr_array_unref);
  g_clear_pointer (&self->server_date, g_date_time_unref);
}

static void
media_clear (BylinePortalMedia *self)
{
  g_free (self->title);
  g_free (self->caption);
  g_free (self->alt_text);
  g_free (self->description);
  g_free (self->mime_type);
  g_free (self->source_url);
}

static void
term_clear (BylinePortalTerm *self)
{
  g_free (self->name);
  g_free (self->slug);
}

static void
comment_clear (BylinePortalComment *self)
{
  g_free (self->author_name);
  g_free (self->content);
  g_clear_pointer (&self->date_gmt, g_date_time_unref);
}

DEFINE_RECORD (BylinePortalSite, byline_portal_site, site_clear)
DEFINE_RECORD (BylinePortalUser, byline_portal_user, user_clear)
DEFINE_RECORD (BylinePortalPost, byline_portal_post, post_clear)
DEFINE_RECORD (BylinePortalPostPage, byline_portal_post_page, post_page_clear)
DEFINE_RECORD (BylinePortalMedia, byline_portal_media, media_clear)
DEFINE_RECORD (BylinePortalTerm, byline_portal_term, term_clear)
DEFINE_RECORD (BylinePortalComment, byline_portal_comment, comment_clear)

/**
 * byline_portal_user_get_role:
 *
 * Returns: (nullable): the user's first role ("contributor", "editor", …)
 */
const char *
byline_portal_user_get_role (BylinePortalUser *user)
{
  g_return_val_if_fail (user != NULL, NULL);

  return user->roles != NULL ? user->roles[0] : NULL;
}

BylinePortalPostChanges *
byline_portal_post_changes_new (void)
{
  BylinePortalPostChanges *changes = g_new0 (BylinePortalPostChanges, 1);

  changes->featured_media = -1;

  return changes;
}

void
byline_portal_post_changes_free (BylinePortalPostChanges *changes)
{
  if (changes == NULL)
    return;

  g_free (changes->title);
  g_free (changes->content);
  g_free (changes->excerpt);
  g_free (changes->slug);
  g_free (changes->comment_status);
  g_clear_pointer (&changes->date_gmt, g_date_time_unref);
  g_clear_pointer (&changes->categories, g_array_unref);
  g_clear_pointer (&changes->tags, g_array_unref);
  g_free (changes);
}

static const char * const post_statuses[] = {
  [BYLINE_PORTAL_POST_STATUS_UNKNOWN] = NULL,
  [BYLINE_PORTAL_POST_STATUS_DRAFT] = "draft",
  [BYLINE_PORTAL_POST_STATUS_PENDING] = "pending",
  [BYLINE_PORTAL_POST_STATUS_PUBLISH] = "publish",
  [BYLINE_PORTAL_POST_STATUS_FUTURE] = "future",
  [BYLINE_PORTAL_POST_STATUS_PRIVATE] = "private",
  [BYLINE_PORTAL_POST_STATUS_TRASH] = "trash",
};

/**
 * byline_portal_post_status_to_string:
 *
 * Returns: (nullable): the status as WordPress spells it, NULL for UNKNOWN
 */
const char *
byline_portal_post_status_to_string (BylinePortalPostStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (post_statuses), NULL);

  return post_statuses[status];
}

BylinePortalPostStatus
byline_portal_post_status_from_string (const char *string)
{
  for (guint i = 1; string != NULL && i < G_N_ELEMENTS (post_statuses); i++)
    if (g_str_equal (string, post_statuses[i]))
      return i;

  return BYLINE_PORTAL_POST_STATUS_UNKNOWN;
}

/**
 * byline_portal_comment_status_to_string:
 *
 * Returns: the status as WordPress's comment queries and updates spell it
 *   ("all", "hold", "approve", "spam", "trash")
 */
const char *
byline_portal_comment_status_to_string (BylinePortalCommentStatus status)
{
  switch (status)
    {
    case BYLINE_PORTAL_COMMENT_STATUS_HOLD:
      return "hold";
    case BYLINE_PORTAL_COMMENT_STATUS_APPROVED:
      return "approve";
    case BYLINE_PORTAL_COMMENT_STATUS_SPAM:
      return "spam";
    case BYLINE_PORTAL_COMMENT_STATUS_TRASH:
      return "trash";
    case BYLINE_PORTAL_COMMENT_STATUS_ANY:
    default:
      return "all";
    }
}

BylinePortalCommentStatus
byline_portal_comment_status_from_string (const char *string)
{
  /* Answers say "approved", queries and updates "approve"; WordPress's
   * comment_approved column also shows through as "1" and "0". */
  if (g_strcmp0 (string, "hold") == 0 || g_strcmp0 (string, "0") == 0)
    return BYLINE_PORTAL_COMMENT_STATUS_HOLD;
  if (g_strcmp0 (string, "approved") == 0 || g_strcmp0 (string, "approve") == 0 ||
      g_strcmp0 (string, "1") == 0)
    return BYLINE_PORTAL_COMMENT_STATUS_APPROVED;
  if (g_strcmp0 (string, "spam") == 0)
    return BYLINE_PORTAL_COMMENT_STATUS_SPAM;
  if (g_strcmp0 (string, "trash") == 0)
    return BYLINE_PORTAL_COMMENT_STATUS_TRASH;

  return BYLINE_PORTAL_COMMENT_STATUS_ANY;
}

static int
compare_term_names (gconstpointer a,
                    gconstpointer b)
{
  const BylinePortalTerm *x = *(BylinePortalTerm * const *) a;
  const BylinePortalTerm *y = *(BylinePortalTerm * const *) b;

  return g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

static void
append_subtree (GPtrArray  *sorted,
                GHashTable *children,
                gint64      parent,
                guint       depth)
{
  GPtrArray *kids = g_hash_table_lookup (children, &parent);

  if (kids == NULL || depth > 64)
    return;

  for (guint i = 0; i < kids->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (kids, i);

      term->depth = depth;
      g_ptr_array_add (sorted, byline_portal_term_ref (term));
      append_subtree (sorted, children, term->id, depth + 1);
    }
}

/**
 * byline_portal_terms_sort_tree:
 * @terms: (element-type BylinePortalTerm): terms of one taxonomy, owned by
 *   the array (byline_portal_term_unref() as its free function)
 *
 * Orders @terms as a tree, each parent followed by its children, siblings
 * by name, and sets each term's depth. A term whose parent is not in
 * @terms is shown at the top level.
 */
void
byline_portal_terms_sort_tree (GPtrArray *terms)
{
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GPtrArray) sorted = NULL;

  g_return_if_fail (terms != NULL);

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (terms, i);

      g_hash_table_insert (by_id, &term->id, term);
    }

  for (guint i = 0; i < terms->len; i++)
    {
      BylinePortalTerm *term = g_ptr_array_index (terms, i);
      gint64 parent = term->parent;
      GPtrArray *kids;

      if (parent == term->id || !g_hash_table_contains (by_id, &parent))
        parent = 0;
      kids = g_hash_table_lookup (children, &parent);
      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, g_memdup2 (&parent, sizeof parent), kids);
        }
      g_ptr_array_add (kids, term);
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, children);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_sort (value, compare_term_names);
  }

  sorted = g_ptr_array_new_full (terms->len, (GDestroyNotify) byline_portal_term_unref);
  append_subtree (sorted, children, 0, 0);

  /* A parent cycle (a → b → a) is unreachable from the top: keep those
   * terms anyway, at the top level, rather than lose them. */
  if (sorted->len < terms->len)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      for (guint i = 0; i < sorted->len; i++)
        g_hash_table_add (seen, g_ptr_array_index (sorted, i));
      for (guint i = 0; i < terms->len; i++)
        if (!g_hash_table_contains (seen, g_ptr_array_index (terms, i)))
          {
            BylinePortalTerm *term = g_ptr_array_index (terms, i);

            term->depth = 0;
            g_ptr_array_add (sorted, byline_portal_term_ref (term));
          }
    }

  /* Replace the contents in place, keeping the caller's free function. */
  for (guint i = 0; i < sorted->len; i++)
    byline_portal_term_ref (g_ptr_array_index (sorted, i));
  g_ptr_array_set_size (terms, 0);
  for (guint i = 0; i < sorted->len; i++)
    g_ptr_array_add (terms, g_ptr_array_index (sorted, i));
}
