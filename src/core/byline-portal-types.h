/* byline-portal-types.h
 *
 * Copyright 2026 The Byline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a portal answers, as plain reference-counted records. They are
 * CMS-neutral: BylineWpPortal fills them from WordPress's JSON. Strings are
 * UTF-8; absent values are NULL or 0. */

/**
 * BylinePortalPostStatus:
 * @BYLINE_PORTAL_POST_STATUS_UNKNOWN: not set, or a status Byline does not know
 *
 * The publication state of a post on the portal.
 */
typedef enum
{
  BYLINE_PORTAL_POST_STATUS_UNKNOWN,
  BYLINE_PORTAL_POST_STATUS_DRAFT,
  BYLINE_PORTAL_POST_STATUS_PENDING,
  BYLINE_PORTAL_POST_STATUS_PUBLISH,
  BYLINE_PORTAL_POST_STATUS_FUTURE,
  BYLINE_PORTAL_POST_STATUS_PRIVATE,
  BYLINE_PORTAL_POST_STATUS_TRASH,
} BylinePortalPostStatus;

/* A set of statuses for a post list query. */
#define BYLINE_PORTAL_POST_STATUS_BIT(status) (1u << (status))

/**
 * BylinePortalCaps:
 * @BYLINE_PORTAL_CAN_EDIT_POSTS: write articles and submit them for review
 * @BYLINE_PORTAL_CAN_PUBLISH: publish and schedule articles
 * @BYLINE_PORTAL_CAN_UPLOAD: upload photos
 * @BYLINE_PORTAL_CAN_EDIT_OTHERS: edit (review) other people's articles
 * @BYLINE_PORTAL_CAN_MANAGE_CATEGORIES: create categories
 * @BYLINE_PORTAL_CAN_MODERATE_COMMENTS: manage notes on articles
 * @BYLINE_PORTAL_CAN_UNFILTERED_HTML: content is stored byte for byte (not filtered)
 *
 * What the signed-in account may do on the portal.
 */
typedef enum /*< flags >*/
{
  BYLINE_PORTAL_CAN_NONE = 0,
  BYLINE_PORTAL_CAN_EDIT_POSTS = 1 << 0,
  BYLINE_PORTAL_CAN_PUBLISH = 1 << 1,
  BYLINE_PORTAL_CAN_UPLOAD = 1 << 2,
  BYLINE_PORTAL_CAN_EDIT_OTHERS = 1 << 3,
  BYLINE_PORTAL_CAN_MANAGE_CATEGORIES = 1 << 4,
  BYLINE_PORTAL_CAN_MODERATE_COMMENTS = 1 << 5,
  BYLINE_PORTAL_CAN_UNFILTERED_HTML = 1 << 6,
} BylinePortalCaps;

typedef enum
{
  BYLINE_PORTAL_TAXONOMY_CATEGORY,
  BYLINE_PORTAL_TAXONOMY_TAG,
} BylinePortalTaxonomy;

/**
 * BylinePortalCommentStatus:
 * @BYLINE_PORTAL_COMMENT_STATUS_ANY: in queries: every status the user may see
 * @BYLINE_PORTAL_COMMENT_STATUS_HOLD: held for moderation (not public)
 *
 * The moderation state of a comment (a note on an article).
 */
typedef enum
{
  BYLINE_PORTAL_COMMENT_STATUS_ANY,
  BYLINE_PORTAL_COMMENT_STATUS_HOLD,
  BYLINE_PORTAL_COMMENT_STATUS_APPROVED,
  BYLINE_PORTAL_COMMENT_STATUS_SPAM,
  BYLINE_PORTAL_COMMENT_STATUS_TRASH,
} BylinePortalCommentStatus;

/* The site found by discovery. */
typedef struct
{
  char *address;            /* the site's home, e.g. "https://portal.example.vn" */
  char *rest_root;          /* ends in "/wp-json/" or "?rest_route=/" */
  char *name;
  char *description;
  char *authorization_url;  /* the browser sign-in page; NULL when there is none */
} BylinePortalSite;

typedef struct
{
  gint64            id;
  char             *username;  /* the login */
  char             *name;      /* the display name */
  GStrv             roles;     /* never NULL */
  BylinePortalCaps  caps;
} BylinePortalUser;

typedef struct
{
  gint64                  id;
  BylinePortalPostStatus  status;
  char                   *title;           /* raw; the rendered title when raw is absent */
  char                   *content;         /* raw block markup; NULL unless asked for */
  char                   *excerpt;         /* raw */
  char                   *slug;            /* "" until published */
  char                   *generated_slug;  /* the slug WordPress would give it */
  char                   *link;
  char                   *comment_status;  /* "open" or "closed" */
  GDateTime              *date_gmt;        /* NULL while the date floats */
  GDateTime              *modified_gmt;
  gint64                  author;
  gint64                  featured_media;
  GArray                 *categories;      /* gint64 ids, never NULL */
  GArray                 *tags;            /* gint64 ids, never NULL */
} BylinePortalPost;

/* One page of a post list. */
typedef struct
{
  GPtrArray *posts;        /* BylinePortalPost */
  guint      page;
  guint      total;        /* over all pages (may count posts the user cannot see) */
  guint      total_pages;
  GDateTime *server_date;  /* the portal's clock when it answered; NULL if it did not say */
} BylinePortalPostPage;

/* Lists with unpublished statuses or content only hold the posts the user
 * may edit; published-only lists hold everyone's (with rendered titles). */
typedef struct
{
  guint       statuses;      /* BYLINE_PORTAL_POST_STATUS_BIT()s; 0 = published only */
  const char *search;        /* NULL = no search */
  gint64      author;        /* 0 = anyone */
  guint       page;          /* 1-based; 0 = 1 */
  guint       per_page;      /* 1..100; 0 = 10 */
  gboolean    with_content;  /* fetch the raw content too (bigger answers) */
  GDateTime  *modified_after;  /* NULL = any time; otherwise newest change first */
  guint       offset;        /* skip this many posts (replaces @page); 0 = none */
} BylinePortalPostQuery;

/* The fields to set on a new or existing post: NULL, UNKNOWN or -1 = unchanged. */
typedef struct
{
  char                   *title;
  char                   *content;
  char                   *excerpt;
  char                   *slug;
  char                   *comment_status;
  BylinePortalPostStatus  status;
  GDateTime              *date_gmt;
  GArray                 *categories;      /* gint64 ids */
  GArray                 *tags;            /* gint64 ids */
  gint64                  featured_media;  /* 0 = none */
} BylinePortalPostChanges;

typedef struct
{
  gint64  id;
  char   *title;
  char   *caption;      /* raw */
  char   *alt_text;
  char   *description;  /* raw */
  char   *mime_type;
  char   *source_url;
  guint   width;
  guint   height;
} BylinePortalMedia;

typedef struct
{
  gint64                id;
  BylinePortalTaxonomy  taxonomy;
  char                 *name;
  char                 *slug;
  gint64                parent;
  guint                 count;
  guint                 depth;  /* in a category tree: 0 for top level */
} BylinePortalTerm;

typedef struct
{
  gint64                     id;
  gint64                     post;
  gint64                     parent;
  gint64                     author;
  char                      *author_name;
  GDateTime                 *date_gmt;
  BylinePortalCommentStatus  status;
  char                      *content;       /* raw when allowed, else rendered HTML */
  gboolean                   content_is_html;
} BylinePortalComment;

/* Reports bytes sent so far out of @total. */
typedef void (*BylinePortalProgress) (goffset  sent,
                                      goffset  total,
                                      gpointer user_data);

#define BYLINE_TYPE_PORTAL_SITE      (byline_portal_site_get_type ())
#define BYLINE_TYPE_PORTAL_USER      (byline_portal_user_get_type ())
#define BYLINE_TYPE_PORTAL_POST      (byline_portal_post_get_type ())
#define BYLINE_TYPE_PORTAL_POST_PAGE (byline_portal_post_page_get_type ())
#define BYLINE_TYPE_PORTAL_MEDIA     (byline_portal_media_get_type ())
#define BYLINE_TYPE_PORTAL_TERM      (byline_portal_term_get_type ())
#define BYLINE_TYPE_PORTAL_COMMENT   (byline_portal_comment_get_type ())

GType                    byline_portal_site_get_type        (void) G_GNUC_CONST;
BylinePortalSite        *byline_portal_site_new             (void);
BylinePortalSite        *byline_portal_site_ref             (BylinePortalSite       *site);
void                     byline_portal_site_unref           (BylinePortalSite       *site);

GType                    byline_portal_user_get_type        (void) G_GNUC_CONST;
BylinePortalUser        *byline_portal_user_new             (void);
BylinePortalUser        *byline_portal_user_ref             (BylinePortalUser       *user);
void                     byline_portal_user_unref           (BylinePortalUser       *user);
const char              *byline_portal_user_get_role        (BylinePortalUser       *user);

GType                    byline_portal_post_get_type        (void) G_GNUC_CONST;
BylinePortalPost        *byline_portal_post_new             (void);
BylinePortalPost        *byline_portal_post_ref             (BylinePortalPost       *post);
void                     byline_portal_post_unref           (BylinePortalPost       *post);

GType                    byline_portal_post_page_get_type   (void) G_GNUC_CONST;
BylinePortalPostPage    *byline_portal_post_page_new        (void);
BylinePortalPostPage    *byline_portal_post_page_ref        (BylinePortalPostPage   *page);
void                     byline_portal_post_page_unref      (BylinePortalPostPage   *page);

BylinePortalPostChanges *byline_portal_post_changes_new     (void);
void                     byline_portal_post_changes_free    (BylinePortalPostChanges *changes);

GType                    byline_portal_media_get_type       (void) G_GNUC_CONST;
BylinePortalMedia       *byline_portal_media_new            (void);
BylinePortalMedia       *byline_portal_media_ref            (BylinePortalMedia      *media);
void                     byline_portal_media_unref          (BylinePortalMedia      *media);

GType                    byline_portal_term_get_type        (void) G_GNUC_CONST;
BylinePortalTerm        *byline_portal_term_new             (void);
BylinePortalTerm        *byline_portal_term_ref             (BylinePortalTerm       *term);
void                     byline_portal_term_unref           (BylinePortalTerm       *term);
void                     byline_portal_terms_sort_tree      (GPtrArray              *terms);

GType                    byline_portal_comment_get_type     (void) G_GNUC_CONST;
BylinePortalComment     *byline_portal_comment_new          (void);
BylinePortalComment     *byline_portal_comment_ref          (BylinePortalComment    *comment);
void                     byline_portal_comment_unref        (BylinePortalComment    *comment);

const char              *byline_portal_post_status_to_string   (BylinePortalPostStatus  status);
BylinePortalPostStatus   byline_portal_post_status_from_string (const char             *string);
const char              *byline_portal_comment_status_to_string   (BylinePortalCommentStatus status);
BylinePortalCommentStatus byline_portal_comment_status_from_string (const char            *string);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalSite, byline_portal_site_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalUser, byline_portal_user_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalPost, byline_portal_post_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalPostPage, byline_portal_post_page_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalPostChanges, byline_portal_post_changes_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalMedia, byline_portal_media_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalTerm, byline_portal_term_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BylinePortalComment, byline_portal_comment_unref)

G_END_DECLS
