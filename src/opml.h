/* OPML: importing outlines into the feed list, exporting the list. */
#ifndef SSNEWS_OPML_H
#define SSNEWS_OPML_H

#include <stddef.h>

struct buf;
struct feedlist;

int	opml_import(const char *, struct feedlist *, size_t *, char **);
int	opml_import_buffer(const char *, size_t, struct feedlist *, size_t *,
	    char **);
void	opml_export(struct buf *, const struct feedlist *);

#endif
