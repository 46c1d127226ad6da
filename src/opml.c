/*
 * OPML 1.0 and 2.0 (http://opml.org/spec2.opml): -i imports outlines
 * into the urls file, -e exports the feed list.  Nested outlines and the
 * OPML 2.0 category attribute become tags; titles are kept; duplicates
 * are skipped.  Anything but an http, https or file feed - the command
 * feeds of other readers ("exec:", "filter:", scripts) - is refused with
 * a warning: importing a file never makes ssnews run a program.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "cmd.h"
#include "feed.h"
#include "file.h"
#include "i18n.h"
#include "log.h"
#include "opml.h"
#include "text.h"
#include "urls.h"
#include "xmalloc.h"

#define OPML_MAX_DEPTH	32
#define OPML_MAX_SIZE	(16 << 20)

struct import {
	struct feedlist	*fl;
	size_t		 added;
	size_t		 skipped;
	size_t		 refused;
	const char	*tags[OPML_MAX_DEPTH];
	int		 ntags;
};

/* An attribute as clean one-line text, or NULL if absent or empty. */
static char *
opml_attr(xmlNodePtr n, const char *name)
{
	struct buf	 b;
	xmlChar		*v;

	v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	buf_init(&b, BUF_UNLIMITED);
	text_clean(&b, (const char *)v, strlen((const char *)v),
	    TEXT_ONELINE | TEXT_DISPLAY);
	xmlFree(v);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static void
add_tag(struct feed *f, const char *tag)
{
	size_t	 i;

	for (i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i], tag) == 0)
			return;
	}
	f->tags = xreallocarray(f->tags, f->ntags + 1, sizeof *f->tags);
	f->tags[f->ntags++] = xstrdup(tag);
}

/* One feed outline: checked, then added unless already listed. */
static void
import_feed(struct import *im, xmlNodePtr n, char *url)
{
	struct feed	*f;
	char		*title, *cats, *c, *next;
	int		 i;

	if (!urls_allowed(url)) {
		log_warnx(_("refused (not an http, https or file feed): %s"),
		    url);
		im->refused++;
		return;
	}
	if (feedlist_find(im->fl, url) != NULL) {
		im->skipped++;
		return;
	}
	f = feed_new(url);
	title = opml_attr(n, "title");
	if (title == NULL)
		title = opml_attr(n, "text");
	if (title != NULL)
		feed_set(&f->custom_title, title);
	free(title);
	for (i = 0; i < im->ntags; i++)
		add_tag(f, im->tags[i]);
	cats = opml_attr(n, "category");
	for (c = cats; c != NULL; c = next) {
		next = strchr(c, ',');
		if (next != NULL)
			*next++ = '\0';
		while (*c == ' ' || *c == '/')
			c++;
		if (*c != '\0')
			add_tag(f, c);
	}
	free(cats);
	feedlist_add(im->fl, f);
	im->added++;
}

/* Walk outlines; a folder outline's title tags the feeds inside it. */
static void
import_outlines(struct import *im, xmlNodePtr n, int depth)
{
	char	*url, *folder;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "outline") != 0)
			continue;
		url = opml_attr(n, "xmlUrl");
		if (url == NULL)
			url = opml_attr(n, "xmlurl");
		if (url != NULL) {
			import_feed(im, n, url);
			free(url);
			continue;
		}
		if (depth >= OPML_MAX_DEPTH - 1)
			continue;
		folder = opml_attr(n, "title");
		if (folder == NULL)
			folder = opml_attr(n, "text");
		if (folder != NULL)
			im->tags[im->ntags++] = folder;
		import_outlines(im, n->children, depth + 1);
		if (folder != NULL)
			free((char *)im->tags[--im->ntags]);
	}
}

/*
 * Parse OPML held in memory and add its feeds to fl; -1 if it is no
 * OPML.  name is used in messages.
 */
static int
import_doc(const char *name, const char *data, size_t len,
    struct feedlist *fl, size_t *added, char **cause)
{
	struct import	 im;
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;

	*added = 0;
	if (len > OPML_MAX_SIZE || len > INT32_MAX) {
		*cause = xasprintf(_("%s: file too large"), name);
		return -1;
	}
	doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL || strcmp((const char *)root->name, "opml") != 0) {
		*cause = xasprintf(_("%s: not an OPML file"), name);
		xmlFreeDoc(doc);
		return -1;
	}
	memset(&im, 0, sizeof im);
	im.fl = fl;
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "body") == 0)
			import_outlines(&im, n->children, 0);
	}
	xmlFreeDoc(doc);
	*added = im.added;
	return 0;
}

int
opml_import_buffer(const char *data, size_t len, struct feedlist *fl,
    size_t *added, char **cause)
{
	return import_doc("OPML", data, len, fl, added, cause);
}

/* Parse an OPML file and add its feeds to fl; -1 if it is no OPML. */
int
opml_import(const char *path, struct feedlist *fl, size_t *added,
    char **cause)
{
	struct buf	 b;
	int		 rc;

	buf_init(&b, BUF_UNLIMITED);
	rc = file_read(path, &b, OPML_MAX_SIZE);
	if (rc != 0)
		*cause = xasprintf(_("cannot read %s: %s"), path,
		    rc == 1 ? strerror(ENOENT) : strerror(errno));
	else
		rc = import_doc(path, b.data, b.len, fl, added, cause);
	buf_free(&b);
	return rc;
}

/* An XML attribute value: escaped, controls already cleaned. */
static void
xml_attr(struct buf *b, const char *name, const char *v)
{
	buf_addc(b, ' ');
	buf_addstr(b, name);
	buf_addstr(b, "=\"");
	for (; *v != '\0'; v++) {
		switch (*v) {
		case '&':
			buf_addstr(b, "&amp;");
			break;
		case '<':
			buf_addstr(b, "&lt;");
			break;
		case '>':
			buf_addstr(b, "&gt;");
			break;
		case '"':
			buf_addstr(b, "&quot;");
			break;
		default:
			buf_addc(b, *v);
		}
	}
	buf_addc(b, '"');
}

/* The feed list as OPML 2.0; tags go into the category attribute. */
void
opml_export(struct buf *b, const struct feedlist *fl)
{
	struct buf	 cat;
	char		 date[64];
	time_t		 now = time(NULL);
	size_t		 i, j;

	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT",
	    gmtime(&now));
	buf_addstr(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n<head>\n<title>ssnews</title>\n");
	buf_addf(b, "<dateCreated>%s</dateCreated>\n</head>\n<body>\n", date);
	buf_init(&cat, BUF_UNLIMITED);
	for (i = 0; i < fl->nfeeds; i++) {
		const struct feed	*f = fl->feeds[i];
		const char		*title = feed_title(f);

		if (f->flags & FEED_QUERY)
			continue;
		buf_addstr(b, "<outline type=\"rss\"");
		xml_attr(b, "text", title);
		xml_attr(b, "title", title);
		xml_attr(b, "xmlUrl", f->url);
		if (f->link != NULL)
			xml_attr(b, "htmlUrl", f->link);
		buf_reset(&cat);
		for (j = 0; j < f->ntags; j++) {
			if (strchr(f->tags[j], ',') != NULL)
				continue;	/* cannot be said in OPML */
			if (cat.len > 0)
				buf_addc(&cat, ',');
			buf_addstr(&cat, f->tags[j]);
		}
		if (cat.len > 0)
			xml_attr(b, "category", buf_str(&cat));
		buf_addstr(b, "/>\n");
	}
	buf_free(&cat);
	buf_addstr(b, "</body>\n</opml>\n");
}

/* -e: the feed list as OPML on standard output. */
int
cmd_export_opml(struct feedlist *fl)
{
	struct buf	 b;
	int		 rc = 0;

	buf_init(&b, BUF_UNLIMITED);
	opml_export(&b, fl);
	if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0)
		rc = 1;
	buf_free(&b);
	return rc;
}

/* Write the urls file atomically, keeping the old one as a backup. */
static int
write_urls(const char *path, const struct feedlist *fl, char **cause)
{
	struct buf	 b;
	size_t		 i;
	int		 rc;

	buf_init(&b, BUF_UNLIMITED);
	buf_addstr(&b, "# ssnews feed list: URL \"tag\" \"~Title\" ...\n");
	for (i = 0; i < fl->nfeeds; i++)
		urls_format(&b, fl->feeds[i]);
	rc = file_replace(path, b.data, b.len, 1);
	if (rc != 0)
		*cause = xasprintf(_("cannot write %s: %s"), path,
		    strerror(errno));
	buf_free(&b);
	return rc;
}

/* -i FILE: add an OPML file's feeds to the urls file. */
int
cmd_import_opml(const char *opml, struct feedlist *fl, const char *urls)
{
	char	*cause = NULL;
	size_t	 added;

	if (opml_import(opml, fl, &added, &cause) != 0 ||
	    write_urls(urls, fl, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		return 1;
	}
	printf(P_("%zu feed imported into %s\n", "%zu feeds imported into "
	    "%s\n", added), added, urls);
	return 0;
}
