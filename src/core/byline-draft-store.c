/* byline-draft-store.c
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * Local drafts, kept so that nothing typed is lost:
 *
 *   $XDG_DATA_HOME/io.github.bylineapp.Byline/
 *     drafts/<uuid>/article.json        the article (byline-article-json.c)
 *     drafts/<uuid>/article.json.bak    the previous good copy
 *     drafts/<uuid>/photos/<figure>.jpg  the article's photos, copied in
 *     drafts/index.gvariant             summaries for the list (a cache)
 *     trash/<uuid>/                     deleted drafts, with a "trashed" stamp
 *     session.json                      the articles open when Byline last ran
 *
 * The folders are the truth; the index is rebuilt from them when it is
 * missing or stale. Every file is written durably: a temporary file is
 * written and fsync()ed, the previous good copy is hard-linked to
 * article.json.bak, the temporary is renamed over article.json, and the
 * folder is fsync()ed so the rename itself survives a power cut (GLib's
 * g_file_replace() does not sync the folder and skips fsync() for new
 * files). All disk work happens in worker threads; the main loop only copies
 * the article and updates the list model.
 */

#define G_LOG_DOMAIN "byline-drafts"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "byline-article-json.h"
#include "byline-draft-store-private.h"
#include "byline-error.h"

#define ARTICLE_FILE "article.json"
#define BACKUP_FILE "article.json.bak"
#define TRASHED_FILE "trashed"
#define INDEX_FILE "index.gvariant"
#define SESSION_FILE "session.json"
#define INDEX_FORMAT 1

/* Per-draft state shared by the worker threads. */
typedef struct
{
  GMutex   mutex;        /* held while the draft's folder is touched */
  guint64  written_seq;  /* the newest save on disk */
  guint    known_good : 1;  /* article.json was read or written whole by us */
  guint    trashed : 1;
} DraftState;

struct _BylineDraftStore
{
  GObject     parent_instance;

  /* Owned */
  GFile      *base_dir;
  char       *drafts_path;
  char       *trash_path;
  GListStore *drafts;       /* BylineDraftSummary, newest first */

  /* Shared with worker threads */
  GMutex      lock;         /* guards states */
  GHashTable *states;       /* id → DraftState */
  GMutex      index_lock;   /* one listing at a time */
  GMutex      session_lock;
  guint64     session_written_seq;
  int         inject_errno; /* atomic */
  int         inject_count; /* atomic */

  /* Main thread only */
  guint64     next_seq;
};

G_DEFINE_FINAL_TYPE (BylineDraftStore, byline_draft_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- errors and durable files ------------------------------------------ */

static void
set_errno_error (GError     **error,
                 int          errsv,
                 const char  *what,
                 const char  *path)
{
  int code = (errsv == ENOSPC || errsv == EDQUOT) ? BYLINE_ERROR_NO_SPACE : BYLINE_ERROR_STORAGE;

  g_set_error (error, BYLINE_ERROR, code, "could not %s %s: %s", what, path, g_strerror (errsv));
}

static gboolean
take_injected_error (BylineDraftStore *self,
                     int              *errsv)
{
  int count = g_atomic_int_get (&self->inject_count);

  while (count > 0)
    {
      if (g_atomic_int_compare_and_exchange (&self->inject_count, count, count - 1))
        {
          *errsv = g_atomic_int_get (&self->inject_errno);
          return TRUE;
        }
      count = g_atomic_int_get (&self->inject_count);
    }

  return FALSE;
}

static gboolean
sync_dir (const char  *path,
          GError     **error)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    {
      set_errno_error (error, errno, "open folder", path);
      return FALSE;
    }
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      int errsv = errno;

      close (fd);
      set_errno_error (error, errsv, "sync folder", path);
      return FALSE;
    }
  close (fd);

  return TRUE;
}

static gboolean
ensure_dir (const char  *path,
            gboolean    *created,
            GError     **error)
{
  if (created != NULL)
    *created = FALSE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      set_errno_error (error, errno, "create folder", path);
      return FALSE;
    }
  if (created != NULL)
    *created = TRUE;

  return TRUE;
}

static gboolean
write_all (BylineDraftStore  *self,
           int                fd,
           const char        *data,
           gsize              length,
           const char        *path,
           GError           **error)
{
  while (length > 0)
    {
      gssize n;
      int errsv;

      if (self != NULL && take_injected_error (self, &errsv))
        {
          set_errno_error (error, errsv, "write", path);
          return FALSE;
        }

      n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          set_errno_error (error, errno, "write", path);
          return FALSE;
        }
      data += n;
      length -= n;
    }

  return TRUE;
}

/* Writes @data to @dir/@name so that after a crash or power cut the file
 * holds either its old or its new content, whole. With @keep_backup the old
 * content (known to be good) stays as @name.bak until the new one is on
 * disk, then is kept there as the previous good copy. */
static gboolean
write_durably (BylineDraftStore  *self,
               const char        *dir,
               const char        *name,
               const char        *data,
               gsize              length,
               const char        *backup_name,
               GError           **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *tmp = NULL;
  int fd;

  tmp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", dir, name);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, "create", tmp);
      return FALSE;
    }

  if (!write_all (self, fd, data, length, path, error))
    goto fail;
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, "sync", path);
      goto fail;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      set_errno_error (error, errno, "close", path);
      goto fail;
    }
  fd = -1;

  if (backup_name != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *backup = g_build_filename (dir, backup_name, NULL);
      g_autofree char *backup_tmp = g_strconcat (backup, ".new", NULL);

      /* A hard link: the old file's data is never rewritten, so the link
       * is the previous version exactly. Where links are not supported
       * the backup is simply not refreshed. */
      g_unlink (backup_tmp);
      if (link (path, backup_tmp) == 0)
        {
          if (g_rename (backup_tmp, backup) != 0)
            g_unlink (backup_tmp);
        }
      else
        g_debug ("no backup of %s: %s", path, g_strerror (errno));
    }

  if (g_rename (tmp, path) != 0)
    {
      set_errno_error (error, errno, "replace", path);
      goto fail;
    }

  return sync_dir (dir, error);

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;
}

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_get_contents (path, contents, length, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND, "%s", local_error->message);
  else
    g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE, "%s", local_error->message);

  return FALSE;
}

static BylineArticle *
read_article (const char  *path,
              GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!read_file (path, &contents, &length, error))
    return NULL;

  return byline_article_from_json (contents, length, error);
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          set_errno_error (error, errno, "remove", path);
          return FALSE;
        }
      return TRUE;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!remove_tree (child, error))
        return FALSE;
    }
  if (g_rmdir (path) != 0 && errno != ENOENT)
    {
      set_errno_error (error, errno, "remove", path);
      return FALSE;
    }

  return TRUE;
}

/* Leftovers of writes a crash interrupted: ".article.json.XXXXXX". */
static void
remove_stale_temporaries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] == '.' && g_str_has_prefix (name + 1, ARTICLE_FILE "."))
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);

          g_unlink (path);
        }
    }
}

/* ---- per-draft state ----------------------------------------------------- */

static void
draft_state_free (DraftState *state)
{
  g_mutex_clear (&state->mutex);
  g_free (state);
}

/* Returns the draft's state, locked; unlock with g_mutex_unlock(). */
static DraftState *
lock_draft (BylineDraftStore *self,
            const char       *id)
{
  DraftState *state;

  g_mutex_lock (&self->lock);
  state = g_hash_table_lookup (self->states, id);
  if (state == NULL)
    {
      state = g_new0 (DraftState, 1);
      g_mutex_init (&state->mutex);
      g_hash_table_insert (self->states, g_strdup (id), state);
    }
  g_mutex_unlock (&self->lock);

  g_mutex_lock (&state->mutex);

  return state;
}

static char *
draft_path (BylineDraftStore *self,
            const char       *id)
{
  return g_build_filename (self->drafts_path, id, NULL);
}

static gboolean
check_id (const char  *id,
          GError     **error)
{
  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "\"%s\" is not a draft id", id ? id : "(null)");
      return FALSE;
    }

  return TRUE;
}

/* ---- the list model -------------------------------------------------------- */

static int
compare_summaries (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return byline_draft_summary_compare ((BylineDraftSummary *) a, (BylineDraftSummary *) b);
}

/**
 * byline_draft_store_find_summary:
 * @self: a draft store
 * @id: a draft id
 * @position: (out) (optional): the summary's position in the list
 *
 * Returns: (transfer none) (nullable): the draft's summary, if listed
 */
BylineDraftSummary *
byline_draft_store_find_summary (BylineDraftStore *self,
                                 const char       *id,
                                 guint            *position)
{
  guint n;

  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->drafts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BylineDraftSummary) summary = NULL;

      summary = g_list_model_get_item (G_LIST_MODEL (self->drafts), i);

      if (g_str_equal (byline_draft_summary_get_id (summary), id))
        {
          if (position != NULL)
            *position = i;
          return summary;   /* the list keeps its reference */
        }
    }

  return NULL;
}

static int
compare_summary_pointers (gconstpointer a,
                          gconstpointer b)
{
  return byline_draft_summary_compare (*(BylineDraftSummary **) a, *(BylineDraftSummary **) b);
}

static void
model_upsert (BylineDraftStore   *self,
              BylineDraftSummary *summary)
{
  guint position, n;

  if (byline_draft_store_find_summary (self, byline_draft_summary_get_id (summary), &position))
    {
      g_autoptr(BylineDraftSummary) before = NULL;
      g_autoptr(BylineDraftSummary) after = NULL;

      /* Replace in place when the order stays, so a list view keeps its
       * selection and scroll position while the open draft is saved. */
      n = g_list_model_get_n_items (G_LIST_MODEL (self->drafts));
      if (position > 0)
        before = g_list_model_get_item (G_LIST_MODEL (self->drafts), position - 1);
      if (position + 1 < n)
        after = g_list_model_get_item (G_LIST_MODEL (self->drafts), position + 1);
      if ((before == NULL || byline_draft_summary_compare (before, summary) < 0) &&
          (after == NULL || byline_draft_summary_compare (summary, after) < 0))
        {
          g_list_store_splice (self->drafts, position, 1, (gpointer *) &summary, 1);
          return;
        }
      g_list_store_remove (self->drafts, position);
    }

  g_list_store_insert_sorted (self->drafts, summary, compare_summaries, NULL);
}

static void
model_remove (BylineDraftStore *self,
              const char       *id)
{
  guint position;

  if (byline_draft_store_find_summary (self, id, &position))
    g_list_store_remove (self->drafts, position);
}

/* ---- construction ----------------------------------------------------------- */

/**
 * byline_draft_store_new:
 * @base_dir: the folder holding drafts/, trash/ and session.json
 *
 * Returns: (transfer full): a draft store; nothing is read until listed
 */
BylineDraftStore *
byline_draft_store_new (GFile *base_dir)
{
  g_return_val_if_fail (G_IS_FILE (base_dir), NULL);

  return g_object_new (BYLINE_TYPE_DRAFT_STORE, "base-dir", base_dir, NULL);
}

/**
 * byline_draft_store_new_default:
 *
 * Returns: (transfer full): the store in `$XDG_DATA_HOME/io.github.bylineapp.Byline`
 *   (development builds share it, so they work on the same drafts)
 */
BylineDraftStore *
byline_draft_store_new_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), BASE_ID, NULL);
  g_autoptr(GFile) base_dir = g_file_new_for_path (path);

  return byline_draft_store_new (base_dir);
}

/**
 * byline_draft_store_get_base_dir:
 * @self: a draft store
 *
 * Returns: (transfer none): the store's folder
 */
GFile *
byline_draft_store_get_base_dir (BylineDraftStore *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);

  return self->base_dir;
}

/**
 * byline_draft_store_get_draft_dir:
 * @self: a draft store
 * @id: a draft id
 *
 * Returns: (transfer full): the draft's folder
 */
GFile *
byline_draft_store_get_draft_dir (BylineDraftStore *self,
                                  const char       *id)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  path = draft_path (self, id);

  return g_file_new_for_path (path);
}

/**
 * byline_draft_store_get_drafts:
 * @self: a draft store
 *
 * The drafts as a list of #BylineDraftSummary, newest first. It is empty
 * until byline_draft_store_list_async() completes, then follows every save,
 * trash and restore made through this store.
 *
 * Returns: (transfer none): the list
 */
GListModel *
byline_draft_store_get_drafts (BylineDraftStore *self)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);

  return G_LIST_MODEL (self->drafts);
}

/**
 * byline_draft_store_resolve_photo:
 * @self: a draft store
 * @id: the draft's id
 * @local_path: a figure's local_path: relative to the draft's folder
 *   ("photos/….jpg") or, before it was copied in, absolute
 *
 * Returns: (transfer full) (nullable): the photo's file, or %NULL when
 *   @local_path tries to leave the draft's folder
 */
GFile *
byline_draft_store_resolve_photo (BylineDraftStore *self,
                                  const char       *id,
                                  const char       *local_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (local_path != NULL, NULL);

  if (g_path_is_absolute (local_path))
    return g_file_new_for_path (local_path);

  parts = g_strsplit (local_path, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return NULL;

  dir = draft_path (self, id);
  path = g_build_filename (dir, local_path, NULL);

  return g_file_new_for_path (path);
}

void
_byline_draft_store_inject_write_error (BylineDraftStore *self,
                                        int               errno_value,
                                        guint             count)
{
  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));

  g_atomic_int_set (&self->inject_errno, errno_value);
  g_atomic_int_set (&self->inject_count, count);
}

/* ---- photos -------------------------------------------------------------------- */

/* ".jpg" for "IMG_0001.JPG"; "" when the name has no sensible extension. */
static char *
photo_extension (const char *basename)
{
  const char *dot = strrchr (basename, '.');
  g_autofree char *lower = NULL;

  if (dot == NULL || dot == basename || strlen (dot + 1) == 0 || strlen (dot + 1) > 5)
    return g_strdup ("");
  for (const char *p = dot + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return g_strdup ("");

  lower = g_ascii_strdown (dot, -1);
  return g_steal_pointer (&lower);
}

static gboolean
figure_id_is_safe (const char *figure_id)
{
  if (figure_id == NULL || *figure_id == '\0' || strlen (figure_id) > 100)
    return FALSE;
  for (const char *p = figure_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* Copies @source into the draft's photos/ folder (the caller holds the
 * draft's lock) and returns the path relative to the draft's folder. */
static char *
copy_photo_locked (BylineDraftStore  *self,
                   const char        *dir,
                   const char        *figure_id,
                   const char        *source,
                   GCancellable      *cancellable,
                   GError           **error)
{
  g_autofree char *photos = g_build_filename (dir, "photos", NULL);
  g_autofree char *basename = g_path_get_basename (source);
  g_autofree char *ext = photo_extension (basename);
  g_autofree char *name = g_strconcat (figure_id, ext, NULL);
  g_autofree char *target = g_build_filename (photos, name, NULL);
  g_autofree char *tmp = NULL;
  gboolean created;
  GStatBuf st, target_st;
  int in = -1, out = -1;
  gint64 copied = 0;
  char buffer[64 * 1024];

  if (!figure_id_is_safe (figure_id))
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                   "\"%s\" is not a figure id", figure_id);
      return NULL;
    }

  in = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    {
      int errsv = errno;

      g_set_error (error, BYLINE_ERROR,
                   errsv == ENOENT ? BYLINE_ERROR_NOT_FOUND : BYLINE_ERROR_STORAGE,
                   "could not open photo %s: %s", source, g_strerror (errsv));
      return NULL;
    }
  if (fstat (in, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (in);
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT, "%s is not a file", source);
      return NULL;
    }
  if (st.st_size > BYLINE_DRAFT_STORE_MAX_PHOTO_SIZE)
    {
      close (in);
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_TOO_LARGE,
                   "photo %s is %" G_GINT64_FORMAT " bytes, more than %d",
                   source, (gint64) st.st_size, BYLINE_DRAFT_STORE_MAX_PHOTO_SIZE);
      return NULL;
    }

  /* Copied before, and unchanged since (figure ids are never reused). */
  if (g_stat (target, &target_st) == 0 && target_st.st_size == st.st_size)
    {
      close (in);
      return g_build_filename ("photos", name, NULL);
    }

  if (!ensure_dir (photos, &created, error))
    {
      close (in);
      return NULL;
    }

  tmp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S ".%s.XXXXXX", photos, name);
  out = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (out < 0)
    {
      set_errno_error (error, errno, "create", tmp);
      close (in);
      return NULL;
    }

  for (;;)
    {
      gssize n = read (in, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "read", source);
          goto fail;
        }
      if (n == 0)
        break;
      if (!write_all (self, out, buffer, n, target, error))
        goto fail;
      copied += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
    }

  /* A file that changed while it was copied (a camera still writing) is
   * refused rather than kept half. */
  if (copied != st.st_size)
    {
      g_set_error (error, BYLINE_ERROR, BYLINE_ERROR_STORAGE,
                   "photo %s changed while it was copied", source);
      goto fail;
    }
  if (fsync (out) != 0)
    {
      set_errno_error (error, errno, "sync", target);
      goto fail;
    }
  close (out);
  out = -1;
  close (in);
  in = -1;

  if (g_rename (tmp, target) != 0)
    {
      set_errno_error (error, errno, "replace", target);
      goto fail;
    }
  if (!sync_dir (photos, error) || (created && !sync_dir (dir, error)))
    return NULL;

  return g_build_filename ("photos", name, NULL);

fail:
  if (in >= 0)
    close (in);
  if (out >= 0)
    close (out);
  g_unlink (tmp);
  return NULL;
}

/* ---- saving -------------------------------------------------------------------- */

typedef struct
{
  char          *figure_id;
  char          *old_path;
  char          *new_path;
} PhotoMove;

static void
photo_move_free (PhotoMove *move)
{
  g_free (move->figure_id);
  g_free (move->old_path);
  g_free (move->new_path);
  g_free (move);
}

typedef struct
{
  BylineArticle      *live;       /* the caller's article, main thread only */
  BylineArticle      *copy;       /* the snapshot the worker writes */
  guint64             seq;
  BylineDraftSummary *summary;    /* out, NULL when superseded */
  GPtrArray          *moves;      /* out, PhotoMove */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->live);
  g_clear_object (&data->copy);
  g_clear_object (&data->summary);
  g_clear_pointer (&data->moves, g_ptr_array_unref);
  g_free (data);
}

static void
copy_new_photos (BylineDraftStore  *self,
                 const char        *dir,
                 GPtrArray         *blocks,
                 GPtrArray         *moves,
                 GCancellable      *cancellable)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      BylineBlock *block = g_ptr_array_index (blocks, i);
      const char *path;
      g_autofree char *relative = NULL;
      g_autoptr(GError) error = NULL;
      PhotoMove *move;

      if (byline_block_get_kind (block) != BYLINE_BLOCK_FIGURE)
        continue;
      path = byline_block_get_local_path (block);
      if (path == NULL || !g_path_is_absolute (path))
        continue;

      /* A photo that cannot be copied keeps its absolute path, so nothing
       * is lost; the next save tries again. */
      relative = copy_photo_locked (self, dir, byline_block_get_figure_id (block), path,
                                    cancellable, &error);
      if (relative == NULL)
        {
          g_message ("photo of figure %s not copied: %s",
                     byline_block_get_figure_id (block), error->message);
          continue;
        }

      move = g_new0 (PhotoMove, 1);
      move->figure_id = g_strdup (byline_block_get_figure_id (block));
      move->old_path = g_strdup (path);
      move->new_path = g_strdup (relative);
      g_ptr_array_add (moves, move);
      byline_block_set_local_path (block, relative);
    }
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  SaveData *data = task_data;
  const char *id = byline_article_get_id (data->copy);
  g_autofree char *dir = draft_path (self, id);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  DraftState *state;
  gsize length;

  state = lock_draft (self, id);

  if (state->trashed)
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND,
                               "draft %s is in the trash", id);
      return;
    }

  /* Saves of one draft may finish out of order; an older snapshot never
   * overwrites a newer one. */
  if (data->seq < state->written_seq)
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (!ensure_dir (self->drafts_path, NULL, &error) || !ensure_dir (dir, &created, &error))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->moves = g_ptr_array_new_with_free_func ((GDestroyNotify) photo_move_free);
  copy_new_photos (self, dir, byline_article_get_blocks (data->copy), data->moves, cancellable);

  json = byline_article_to_json (data->copy, TRUE, &length);
  if (!write_durably (self, dir, ARTICLE_FILE, json, length,
                      state->known_good ? BACKUP_FILE : NULL, &error) ||
      (created && !sync_dir (self->drafts_path, &error)))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  state->known_good = TRUE;
  state->written_seq = data->seq;
  g_mutex_unlock (&state->mutex);

  data->summary = byline_draft_summary_new_for_article (data->copy);
  g_task_return_boolean (task, TRUE);
}

static void
apply_photo_moves (BylineArticle *article,
                   GPtrArray     *moves)
{
  for (guint i = 0; moves != NULL && i < moves->len; i++)
    {
      PhotoMove *move = g_ptr_array_index (moves, i);
      BylineBlock *block = byline_article_find_figure (article, move->figure_id);

      /* Only where the user has not changed the photo meanwhile. The path
       * is where the file lives, not content, so this is no edit. */
      if (block != NULL && g_strcmp0 (byline_block_get_local_path (block), move->old_path) == 0)
        byline_block_set_local_path (block, move->new_path);
    }
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  GTask *inner = G_TASK (result);
  SaveData *data = g_task_get_task_data (inner);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (inner, &error))
    {
      g_clear_object (&data->live);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->summary != NULL)
    model_upsert (self, data->summary);
  apply_photo_moves (data->live, data->moves);
  /* Released here, on the main thread that owns it: the worker may hold
   * the task, and so this data, a little longer. */
  g_clear_object (&data->live);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_draft_store_save_async:
 * @self: a draft store
 * @article: the article to save
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the article is on disk
 * @user_data: data for @callback
 *
 * Saves a snapshot of @article as it is now (the article may change while
 * the save runs). Photos whose local_path is absolute are copied into the
 * draft's folder first and their figures then point at the copy. When
 * saves of one draft overlap, the newest snapshot is the one kept.
 */
void
byline_draft_store_save_async (BylineDraftStore    *self,
                               BylineArticle       *article,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));
  g_return_if_fail (BYLINE_IS_ARTICLE (article));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_save_async);

  if (!check_id (byline_article_get_id (article), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->live = g_object_ref (article);
  data->copy = byline_article_copy (article);
  data->seq = ++self->next_seq;

  inner = g_task_new (self, cancellable, save_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, byline_draft_store_save_async);
  g_task_set_task_data (inner, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
byline_draft_store_save_finish (BylineDraftStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- loading and recovery ----------------------------------------------------- */

typedef struct
{
  char               *id;
  BylineArticle      *article;    /* out */
  BylineDraftSummary *summary;    /* out, when recovered */
  gboolean            recovered;  /* out */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->id);
  g_clear_object (&data->article);
  g_clear_object (&data->summary);
  g_free (data);
}

static char *
damaged_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");

  return g_strdup_printf (ARTICLE_FILE ".damaged-%s-%06d",
                          stamp, g_date_time_get_microsecond (now));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  LoadData *data = task_data;
  g_autofree char *dir = draft_path (self, data->id);
  g_autofree char *path = g_build_filename (dir, ARTICLE_FILE, NULL);
  g_autofree char *backup = g_build_filename (dir, BACKUP_FILE, NULL);
  g_autofree char *backup_contents = NULL;
  g_autofree char *kept_as = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) backup_error = NULL;
  g_autoptr(BylineArticle) article = NULL;
  DraftState *state;
  gsize backup_length;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND,
                               "no draft %s", data->id);
      return;
    }

  state = lock_draft (self, data->id);
  remove_stale_temporaries (dir);

  article = read_article (path, &error);
  if (article != NULL && g_strcmp0 (byline_article_get_id (article), data->id) == 0)
    {
      state->known_good = TRUE;
      g_mutex_unlock (&state->mutex);
      data->article = g_steal_pointer (&article);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* An article.json that cannot be read as this draft (damaged, cut
   * short, emptied, another draft's) is moved aside, never deleted. */
  if (error == NULL || error->code == BYLINE_ERROR_PARSE)
    {
      g_autofree char *name = damaged_name ();

      kept_as = g_build_filename (dir, name, NULL);
      if (g_rename (path, kept_as) != 0)
        g_clear_pointer (&kept_as, g_free);
      g_message ("draft %s: %s is damaged (%s); kept as %s", data->id, ARTICLE_FILE,
                 error ? error->message : "wrong id", kept_as ? kept_as : "(not moved)");
    }
  else if (error->code != BYLINE_ERROR_NOT_FOUND)
    {
      /* Unreadable (permissions, I/O): leave everything as it is. */
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&article);
  if (read_file (backup, &backup_contents, &backup_length, &backup_error))
    article = byline_article_from_json (backup_contents, backup_length, &backup_error);

  if (article != NULL && g_strcmp0 (byline_article_get_id (article), data->id) == 0)
    {
      g_autoptr(GError) write_error = NULL;

      /* Restore the last good copy as article.json; the backup stays. */
      if (!write_durably (self, dir, ARTICLE_FILE, backup_contents, backup_length, NULL,
                          &write_error))
        g_message ("draft %s: could not restore the backup: %s", data->id, write_error->message);
      else
        state->known_good = TRUE;
      g_mutex_unlock (&state->mutex);

      data->recovered = TRUE;
      data->summary = byline_draft_summary_new_for_article (article);
      data->article = g_steal_pointer (&article);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_mutex_unlock (&state->mutex);
  if (kept_as != NULL)
    g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                             "draft %s is damaged and has no good copy; the damaged file is %s",
                             data->id, kept_as);
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_PARSE,
                             "draft %s holds another article", data->id);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  GTask *inner = G_TASK (result);
  LoadData *data = g_task_get_task_data (inner);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (inner, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->summary != NULL)
    model_upsert (self, data->summary);

  g_task_set_task_data (task, GINT_TO_POINTER (data->recovered), NULL);
  g_task_return_pointer (task, g_steal_pointer (&data->article), g_object_unref);
}

/**
 * byline_draft_store_load_async:
 * @self: a draft store
 * @id: the draft's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the article
 * @user_data: data for @callback
 *
 * Loads a draft. A damaged or truncated article.json is moved aside (kept
 * as article.json.damaged-…) and the last good copy is restored; the
 * finish function says so, so the user can be told.
 */
void
byline_draft_store_load_async (BylineDraftStore    *self,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *data;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_load_async);

  if (!check_id (id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (LoadData, 1);
  data->id = g_strdup (id);

  inner = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, byline_draft_store_load_async);
  g_task_set_task_data (inner, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (inner, load_thread);
}

/**
 * byline_draft_store_load_finish:
 * @self: a draft store
 * @result: the result
 * @recovered: (out) (optional): set to %TRUE when article.json was damaged
 *   and the article is the last good copy
 * @error: return location for a #GError: %BYLINE_ERROR_NOT_FOUND, or
 *   %BYLINE_ERROR_PARSE when the draft is damaged and has no good copy
 *
 * Returns: (transfer full) (nullable): the article
 */
BylineArticle *
byline_draft_store_load_finish (BylineDraftStore  *self,
                                GAsyncResult      *result,
                                gboolean          *recovered,
                                GError           **error)
{
  BylineArticle *article;

  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  article = g_task_propagate_pointer (G_TASK (result), error);
  if (recovered != NULL)
    *recovered = article != NULL && GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));

  return article;
}

/* ---- trash ------------------------------------------------------------------------ */

static void
trash_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  const char *id = task_data;
  g_autofree char *dir = draft_path (self, id);
  g_autofree char *target = g_build_filename (self->trash_path, id, NULL);
  g_autofree char *stamp_path = g_build_filename (dir, TRASHED_FILE, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autoptr(GError) error = NULL;
  DraftState *state;

  state = lock_draft (self, id);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND, "no draft %s", id);
      return;
    }

  /* The stamp says when the 30 days of the trash began. */
  if (!write_durably (self, dir, TRASHED_FILE, stamp, strlen (stamp), NULL, &error) ||
      !ensure_dir (self->trash_path, NULL, &error))
    {
      g_unlink (stamp_path);
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_file_test (target, G_FILE_TEST_EXISTS))
    remove_tree (target, NULL);
  if (g_rename (dir, target) != 0)
    {
      set_errno_error (&error, errno, "move to the trash", dir);
      g_unlink (stamp_path);
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  state->trashed = TRUE;
  if (!sync_dir (self->drafts_path, &error) || !sync_dir (self->trash_path, &error))
    g_message ("trash of %s may not be durable yet: %s", id, error->message);
  g_mutex_unlock (&state->mutex);

  g_task_return_boolean (task, TRUE);
}

static void
trash_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  model_remove (self, g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

static void
run_id_task (BylineDraftStore    *self,
             const char          *id,
             gpointer             source_tag,
             GTaskThreadFunc      thread_func,
             GAsyncReadyCallback  done_cb,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (!check_id (id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  inner = g_task_new (self, cancellable, done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, source_tag);
  g_task_set_task_data (inner, g_strdup (id), g_free);
  g_task_run_in_thread (inner, thread_func);
}

/**
 * byline_draft_store_trash_async:
 * @self: a draft store
 * @id: the draft's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the draft is in the trash
 * @user_data: data for @callback
 *
 * Moves a draft, photos and all, to the trash, from where
 * byline_draft_store_restore_async() brings it back. Saves of the draft
 * fail from now on until it is restored.
 */
void
byline_draft_store_trash_async (BylineDraftStore    *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));

  run_id_task (self, id, byline_draft_store_trash_async, trash_thread, trash_done_cb,
               cancellable, callback, user_data);
}

gboolean
byline_draft_store_trash_finish (BylineDraftStore  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static BylineDraftSummary *
summarize_folder (const char *dir,
                  const char *id);

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  const char *id = task_data;
  g_autofree char *dir = draft_path (self, id);
  g_autofree char *source = g_build_filename (self->trash_path, id, NULL);
  g_autofree char *stamp_path = g_build_filename (dir, TRASHED_FILE, NULL);
  g_autoptr(GError) error = NULL;
  DraftState *state;

  state = lock_draft (self, id);

  if (!g_file_test (source, G_FILE_TEST_IS_DIR))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND,
                               "no draft %s in the trash", id);
      return;
    }
  if (g_file_test (dir, G_FILE_TEST_EXISTS))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_CONFLICT,
                               "draft %s exists outside the trash", id);
      return;
    }
  if (!ensure_dir (self->drafts_path, NULL, &error))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_rename (source, dir) != 0)
    {
      set_errno_error (&error, errno, "restore", source);
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_unlink (stamp_path);
  state->trashed = FALSE;
  if (!sync_dir (self->drafts_path, &error) || !sync_dir (self->trash_path, &error))
    g_message ("restore of %s may not be durable yet: %s", id, error->message);
  g_mutex_unlock (&state->mutex);

  g_task_return_pointer (task, summarize_folder (dir, id), g_object_unref);
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BylineDraftSummary) summary = NULL;

  summary = g_task_propagate_pointer (G_TASK (result), &error);
  if (summary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  model_upsert (self, summary);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_draft_store_restore_async:
 * @self: a draft store
 * @id: the id of a draft in the trash
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the draft is back
 * @user_data: data for @callback
 *
 * Brings a draft back from the trash (the Undo of a delete).
 */
void
byline_draft_store_restore_async (BylineDraftStore    *self,
                                  const char          *id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));

  run_id_task (self, id, byline_draft_store_restore_async, restore_thread, restore_done_cb,
               cancellable, callback, user_data);
}

gboolean
byline_draft_store_restore_finish (BylineDraftStore  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  const char *id = task_data;
  g_autofree char *dir = draft_path (self, id);
  g_autoptr(GError) error = NULL;
  DraftState *state;

  state = lock_draft (self, id);
  state->trashed = TRUE;
  if (!remove_tree (dir, &error))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sync_dir (self->drafts_path, NULL);
  g_mutex_unlock (&state->mutex);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_draft_store_delete_async:
 * @self: a draft store
 * @id: the draft's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the draft is gone
 * @user_data: data for @callback
 *
 * Deletes a draft for good, without the trash: for an article that was
 * created and left empty, which nobody wants to see again.
 */
void
byline_draft_store_delete_async (BylineDraftStore    *self,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));

  run_id_task (self, id, byline_draft_store_delete_async, delete_thread, trash_done_cb,
               cancellable, callback, user_data);
}

gboolean
byline_draft_store_delete_finish (BylineDraftStore  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GDateTime *now;
  guint      max_age_days;
} PurgeData;

static void
purge_data_free (PurgeData *data)
{
  g_date_time_unref (data->now);
  g_free (data);
}

static GDateTime *
trashed_at (const char *dir)
{
  g_autofree char *stamp_path = g_build_filename (dir, TRASHED_FILE, NULL);
  g_autofree char *stamp = NULL;
  GStatBuf st;

  if (g_file_get_contents (stamp_path, &stamp, NULL, NULL))
    {
      GDateTime *when = g_date_time_new_from_iso8601 (g_strstrip (stamp), NULL);

      if (when != NULL)
        return when;
    }

  /* No readable stamp (a crash between stamping and moving): the folder's
   * last change is when it was moved. */
  if (g_stat (dir, &st) == 0)
    return g_date_time_new_from_unix_utc (st.st_ctime);

  return NULL;
}

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  PurgeData *data = task_data;
  g_autoptr(GDir) dir = g_dir_open (self->trash_path, 0, NULL);
  const char *name;
  guint purged = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->trash_path, name, NULL);
      g_autoptr(GDateTime) when = NULL;
      DraftState *state;

      if (!g_uuid_string_is_valid (name))
        continue;

      state = lock_draft (self, name);
      when = trashed_at (path);
      if (when != NULL &&
          g_date_time_difference (data->now, when) >=
            (GTimeSpan) data->max_age_days * G_TIME_SPAN_DAY &&
          remove_tree (path, NULL))
        purged++;
      g_mutex_unlock (&state->mutex);
    }

  if (purged > 0)
    sync_dir (self->trash_path, NULL);

  g_task_return_int (task, purged);
}

/**
 * byline_draft_store_purge_trash_async:
 * @self: a draft store
 * @now: the current time (tests pass another)
 * @max_age_days: how long deleted drafts stay in the trash
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes for good the drafts that have been in the trash @max_age_days
 * days or more.
 */
void
byline_draft_store_purge_trash_async (BylineDraftStore    *self,
                                      GDateTime           *now,
                                      guint                max_age_days,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PurgeData *data;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));
  g_return_if_fail (now != NULL);

  data = g_new0 (PurgeData, 1);
  data->now = g_date_time_ref (now);
  data->max_age_days = max_age_days;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_purge_trash_async);
  g_task_set_task_data (task, data, (GDestroyNotify) purge_data_free);
  g_task_run_in_thread (task, purge_thread);
}

/**
 * byline_draft_store_purge_trash_finish:
 * @self: a draft store
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: how many drafts were deleted
 */
guint
byline_draft_store_purge_trash_finish (BylineDraftStore  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  gssize n;

  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  n = g_task_propagate_int (G_TASK (result), error);

  return n > 0 ? n : 0;
}

/* ---- photos, async ---------------------------------------------------------- */

typedef struct
{
  char  *id;
  char  *figure_id;
  GFile *source;
} CopyPhotoData;

static void
copy_photo_data_free (CopyPhotoData *data)
{
  g_free (data->id);
  g_free (data->figure_id);
  g_clear_object (&data->source);
  g_free (data);
}

static void
copy_photo_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  CopyPhotoData *data = task_data;
  g_autofree char *dir = draft_path (self, data->id);
  g_autofree char *source = g_file_get_path (data->source);
  g_autofree char *relative = NULL;
  g_autoptr(GError) error = NULL;
  DraftState *state;

  if (source == NULL)
    {
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_INVALID_INPUT,
                               "the photo is not a local file");
      return;
    }

  state = lock_draft (self, data->id);
  if (state->trashed)
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_NOT_FOUND,
                               "draft %s is in the trash", data->id);
      return;
    }
  if (!ensure_dir (self->drafts_path, NULL, &error) || !ensure_dir (dir, NULL, &error))
    {
      g_mutex_unlock (&state->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  relative = copy_photo_locked (self, dir, data->figure_id, source, cancellable, &error);
  g_mutex_unlock (&state->mutex);

  if (relative == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&relative), g_free);
}

/**
 * byline_draft_store_copy_photo_async:
 * @self: a draft store
 * @id: the draft's id
 * @figure_id: the figure the photo belongs to
 * @source: a local photo file (on a USB stick, in Downloads…)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the copy is on disk
 * @user_data: data for @callback
 *
 * Copies a photo into the draft's folder as photos/<figure-id>.<ext>, so
 * the draft no longer needs the original. Files over
 * %BYLINE_DRAFT_STORE_MAX_PHOTO_SIZE fail with %BYLINE_ERROR_TOO_LARGE.
 */
void
byline_draft_store_copy_photo_async (BylineDraftStore    *self,
                                     const char          *id,
                                     const char          *figure_id,
                                     GFile               *source,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CopyPhotoData *data;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));
  g_return_if_fail (figure_id != NULL);
  g_return_if_fail (G_IS_FILE (source));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_copy_photo_async);

  if (!check_id (id, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (CopyPhotoData, 1);
  data->id = g_strdup (id);
  data->figure_id = g_strdup (figure_id);
  data->source = g_object_ref (source);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_photo_data_free);
  g_task_run_in_thread (task, copy_photo_thread);
}

/**
 * byline_draft_store_copy_photo_finish:
 * @self: a draft store
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the copy's path relative to the
 *   draft's folder, for the figure's local_path
 */
char *
byline_draft_store_copy_photo_finish (BylineDraftStore  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- listing and the index --------------------------------------------------- */

typedef struct
{
  BylineDraftSummary *summary;
  gint64              mtime;   /* of article.json, in µs; with size and inode, */
  gint64              size;    /* what tells a stale entry */
  guint64             inode;
} IndexEntry;

static void
index_entry_free (IndexEntry *entry)
{
  g_clear_object (&entry->summary);
  g_free (entry);
}

static gint64
stat_mtime_us (const struct stat *st)
{
  return (gint64) st->st_mtim.tv_sec * G_USEC_PER_SEC + st->st_mtim.tv_nsec / 1000;
}

static BylineDraftSummary *
summarize_folder (const char *dir,
                  const char *id)
{
  g_autofree char *path = g_build_filename (dir, ARTICLE_FILE, NULL);
  g_autofree char *backup = g_build_filename (dir, BACKUP_FILE, NULL);
  g_autoptr(BylineArticle) article = NULL;
  g_autoptr(GDateTime) modified = NULL;
  GStatBuf st;

  article = read_article (path, NULL);
  if (article == NULL || g_strcmp0 (byline_article_get_id (article), id) != 0)
    {
      /* Listed from the last good copy; loading it will repair the draft. */
      g_clear_object (&article);
      article = read_article (backup, NULL);
      if (article != NULL && g_strcmp0 (byline_article_get_id (article), id) != 0)
        g_clear_object (&article);
    }
  if (article != NULL)
    return byline_draft_summary_new_for_article (article);

  if (g_stat (dir, &st) == 0)
    modified = g_date_time_new_from_unix_utc (st.st_mtime);

  return byline_draft_summary_new_damaged (id, modified);
}

/* The index is a GVariant, mapped and read in place: listing thousands of
 * drafts costs little more than creating their summaries. It holds what
 * the list shows, the search keys, and the article.json identity (mtime,
 * size, inode) each entry was made from. The search key, the whole text,
 * is a byte string: reading it needs no UTF-8 validation, which would cost
 * more than all the rest. */
#define INDEX_TYPE "(ua(sssxuyybxxtay))"
#define INDEX_ENTRY_TYPE "(sssxuyybxxtay)"

static gint64
date_to_unix_us (GDateTime *date)
{
  return g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
}

static GDateTime *
date_from_unix_us (gint64 us)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  return seconds != NULL ? g_date_time_add (seconds, us % G_USEC_PER_SEC) : NULL;
}

/* Reads the index into id → IndexEntry; NULL when missing or unusable. */
static GHashTable *
read_index (const char *drafts_path)
{
  g_autofree char *path = g_build_filename (drafts_path, INDEX_FILE, NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) index = NULL;
  g_autoptr(GVariant) array = NULL;
  GHashTable *entries;
  guint32 format;
  gsize n;

  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (mapped);

  /* GVariant reads damaged data safely (as empty values); the format
   * number and the checks below catch a file that is not an index. */
  index = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (INDEX_TYPE), bytes, FALSE));
  g_variant_get (index, "(u@a" INDEX_ENTRY_TYPE ")", &format, &array);
  if (format != INDEX_FORMAT)
    return NULL;

  n = g_variant_n_children (array);
  entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) index_entry_free);
  for (gsize i = 0; i < n; i++)
    {
      const char *id, *title, *excerpt, *key;
      gint64 modified_us, mtime, size;
      guint32 words;
      guint8 status, remote_status;
      gboolean damaged;
      guint64 inode;
      g_autoptr(GDateTime) modified = NULL;
      IndexEntry *entry;

      g_variant_get_child (array, i, "(&s&s&sxuyybxxt^&ay)", &id, &title, &excerpt, &modified_us,
                           &words, &status, &remote_status, &damaged, &mtime, &size, &inode, &key);
      modified = date_from_unix_us (modified_us);
      if (!g_uuid_string_is_valid (id) || modified == NULL ||
          status > BYLINE_POST_STATUS_TRASH || remote_status > BYLINE_POST_STATUS_TRASH)
        continue;   /* the folder will be read instead */

      entry = g_new0 (IndexEntry, 1);
      if (damaged)
        entry->summary = byline_draft_summary_new_damaged (id, modified);
      else
        entry->summary = byline_draft_summary_new (id, title, excerpt, modified, words, key,
                                                   status, remote_status);
      entry->mtime = mtime;
      entry->size = size;
      entry->inode = inode;
      g_hash_table_replace (entries, (gpointer) byline_draft_summary_get_id (entry->summary),
                            entry);
    }

  return entries;
}

static gboolean
write_index (BylineDraftStore  *self,
             GPtrArray         *entries,
             GError           **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a" INDEX_ENTRY_TYPE));
  g_autoptr(GVariant) index = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      IndexEntry *entry = g_ptr_array_index (entries, i);
      BylineDraftSummary *s = entry->summary;

      g_variant_builder_add (&builder, "(sssxuyybxxt^ay)",
                             byline_draft_summary_get_id (s),
                             byline_draft_summary_get_title (s),
                             byline_draft_summary_get_excerpt (s),
                             date_to_unix_us (byline_draft_summary_get_modified (s)),
                             (guint32) byline_draft_summary_get_word_count (s),
                             (guint8) byline_draft_summary_get_status (s),
                             (guint8) byline_draft_summary_get_remote_status (s),
                             byline_draft_summary_get_damaged (s),
                             entry->mtime, entry->size, entry->inode,
                             byline_draft_summary_get_search_key (s));
    }
  index = g_variant_ref_sink (g_variant_new ("(u@a" INDEX_ENTRY_TYPE ")", INDEX_FORMAT,
                                             g_variant_builder_end (&builder)));

  return write_durably (self, self->drafts_path, INDEX_FILE,
                        g_variant_get_data (index), g_variant_get_size (index), NULL, error);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint stale = 0;

  g_mutex_lock (&self->index_lock);

  dir = g_dir_open (self->drafts_path, 0, &error);
  if (dir == NULL)
    {
      g_mutex_unlock (&self->index_lock);
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                               (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_new_error (task, BYLINE_ERROR, BYLINE_ERROR_STORAGE, "%s", error->message);
      return;
    }

  index = read_index (self->drafts_path);
  if (index == NULL)
    {
      stale++;
      index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) index_entry_free);
    }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) index_entry_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = NULL;
      g_autofree char *path = NULL;
      IndexEntry *entry;
      gpointer key, value;
      struct stat st;
      gboolean have_stat;

      if (!g_uuid_string_is_valid (name))
        continue;

      folder = g_build_filename (self->drafts_path, name, NULL);
      path = g_build_filename (folder, ARTICLE_FILE, NULL);
      have_stat = stat (path, &st) == 0;

      if (g_hash_table_steal_extended (index, name, &key, &value))
        {
          entry = value;
          if (have_stat && entry->mtime == stat_mtime_us (&st) && entry->size == st.st_size &&
              entry->inode == (guint64) st.st_ino)
            {
              g_ptr_array_add (entries, entry);
              continue;
            }
          index_entry_free (entry);
        }
      else if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        continue;

      /* A folder where no save ever completed (a crash during the first
       * one, a photo copied before the first save) holds no draft yet. */
      if (!have_stat)
        {
          g_autofree char *backup = g_build_filename (folder, BACKUP_FILE, NULL);

          if (!g_file_test (backup, G_FILE_TEST_EXISTS))
            continue;
        }

      /* New, changed or damaged since the index was written: the folder
       * is read (the folders are the truth). */
      stale++;
      entry = g_new0 (IndexEntry, 1);
      entry->summary = summarize_folder (folder, name);
      entry->mtime = have_stat ? stat_mtime_us (&st) : -1;
      entry->size = have_stat ? st.st_size : -1;
      entry->inode = have_stat ? st.st_ino : 0;
      g_ptr_array_add (entries, entry);
    }

  /* Drafts removed since (by another Byline, or by hand). */
  stale += g_hash_table_size (index);

  if (stale > 0)
    {
      g_autoptr(GError) write_error = NULL;

      if (!write_index (self, entries, &write_error))
        g_message ("could not write the drafts index: %s", write_error->message);
    }
  g_mutex_unlock (&self->index_lock);

  summaries = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      IndexEntry *entry = g_ptr_array_index (entries, i);

      g_ptr_array_add (summaries, g_object_ref (entry->summary));
    }
  g_ptr_array_sort (summaries, compare_summary_pointers);
  g_task_return_pointer (task, g_steal_pointer (&summaries), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;

  summaries = g_task_propagate_pointer (G_TASK (result), &error);
  if (summaries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_list_store_splice (self->drafts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->drafts)),
                       summaries->pdata, summaries->len);
  g_task_return_boolean (task, TRUE);
}

/**
 * byline_draft_store_list_async:
 * @self: a draft store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when byline_draft_store_get_drafts() holds the drafts
 * @user_data: data for @callback
 *
 * Lists the drafts from the index, reading only the folders that changed
 * since it was written (all of them when it is missing or damaged), and
 * refreshes the index when it was stale.
 */
void
byline_draft_store_list_async (BylineDraftStore    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_list_async);

  inner = g_task_new (self, cancellable, list_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (inner, byline_draft_store_list_async);
  g_task_run_in_thread (inner, list_thread);
}

gboolean
byline_draft_store_list_finish (BylineDraftStore  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the session -------------------------------------------------------------- */

typedef struct
{
  GStrv   ids;
  guint64 seq;
} SessionData;

static void
session_data_free (SessionData *data)
{
  g_strfreev (data->ids);
  g_free (data);
}

static void
save_session_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  SessionData *data = task_data;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) base = NULL;
  g_autofree char *base_path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_mutex_lock (&self->session_lock);
  if (data->seq < self->session_written_seq)
    {
      g_mutex_unlock (&self->session_lock);
      g_task_return_boolean (task, TRUE);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "open");
  json_builder_begin_array (b);
  for (guint i = 0; data->ids[i] != NULL; i++)
    json_builder_add_string_value (b, data->ids[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, &length);

  base_path = g_file_get_path (self->base_dir);
  if (!ensure_dir (base_path, NULL, &error) ||
      !write_durably (self, base_path, SESSION_FILE, json, length, NULL, &error))
    {
      g_mutex_unlock (&self->session_lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->session_written_seq = data->seq;
  g_mutex_unlock (&self->session_lock);

  g_task_return_boolean (task, TRUE);
}

/**
 * byline_draft_store_save_session_async:
 * @self: a draft store
 * @open_ids: the ids of the drafts open now, the one in front first
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the session is on disk
 * @user_data: data for @callback
 *
 * Remembers which drafts are open, durably, so that after a crash or a
 * power cut Byline reopens them.
 */
void
byline_draft_store_save_session_async (BylineDraftStore    *self,
                                       const char * const  *open_ids,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SessionData *data;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));
  g_return_if_fail (open_ids != NULL);

  data = g_new0 (SessionData, 1);
  data->ids = g_strdupv ((char **) open_ids);
  data->seq = ++self->next_seq;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_save_session_async);
  g_task_set_task_data (task, data, (GDestroyNotify) session_data_free);
  g_task_run_in_thread (task, save_session_thread);
}

gboolean
byline_draft_store_save_session_finish (BylineDraftStore  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
load_session_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  BylineDraftStore *self = source_object;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *base_path = g_file_get_path (self->base_dir);
  g_autofree char *path = g_build_filename (base_path, SESSION_FILE, NULL);
  JsonNode *root, *open;

  /* A missing or damaged session only means nothing is reopened. */
  if (json_parser_load_from_file (parser, path, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      (open = json_object_get_member (json_node_get_object (root), "open")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (open))
    {
      JsonArray *array = json_node_get_array (open);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *id;
          g_autofree char *dir = NULL;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            continue;
          id = json_node_get_string (element);
          if (!g_uuid_string_is_valid (id))
            continue;
          dir = draft_path (self, id);
          if (g_file_test (dir, G_FILE_TEST_IS_DIR))
            g_strv_builder_add (builder, id);
        }
    }

  g_task_return_pointer (task, g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
}

/**
 * byline_draft_store_load_session_async:
 * @self: a draft store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the ids
 * @user_data: data for @callback
 *
 * Reads which drafts were open when Byline last ran (or was killed),
 * leaving out those that no longer exist.
 */
void
byline_draft_store_load_session_async (BylineDraftStore    *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BYLINE_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, byline_draft_store_load_session_async);
  g_task_run_in_thread (task, load_session_thread);
}

/**
 * byline_draft_store_load_session_finish:
 * @self: a draft store
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the ids of the drafts that were open, possibly none
 */
GStrv
byline_draft_store_load_session_finish (BylineDraftStore  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (BYLINE_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- GObject -------------------------------------------------------------- */

static void
byline_draft_store_constructed (GObject *object)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);
  g_autofree char *base = g_file_get_path (self->base_dir);

  G_OBJECT_CLASS (byline_draft_store_parent_class)->constructed (object);

  g_assert (base != NULL);
  self->drafts_path = g_build_filename (base, "drafts", NULL);
  self->trash_path = g_build_filename (base, "trash", NULL);
}

static void
byline_draft_store_finalize (GObject *object)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);

  g_clear_object (&self->base_dir);
  g_clear_object (&self->drafts);
  g_free (self->drafts_path);
  g_free (self->trash_path);
  g_hash_table_unref (self->states);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->index_lock);
  g_mutex_clear (&self->session_lock);

  G_OBJECT_CLASS (byline_draft_store_parent_class)->finalize (object);
}

static void
byline_draft_store_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_BASE_DIR:
      g_value_set_object (value, self->base_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_draft_store_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  BylineDraftStore *self = BYLINE_DRAFT_STORE (object);

  switch (prop_id)
    {
    case PROP_BASE_DIR:
      self->base_dir = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
byline_draft_store_class_init (BylineDraftStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = byline_draft_store_constructed;
  object_class->finalize = byline_draft_store_finalize;
  object_class->get_property = byline_draft_store_get_property;
  object_class->set_property = byline_draft_store_set_property;

  properties[PROP_BASE_DIR] =
    g_param_spec_object ("base-dir", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
byline_draft_store_init (BylineDraftStore *self)
{
  self->drafts = g_list_store_new (BYLINE_TYPE_DRAFT_SUMMARY);
  self->states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) draft_state_free);
  g_mutex_init (&self->lock);
  g_mutex_init (&self->index_lock);
  g_mutex_init (&self->session_lock);
}
