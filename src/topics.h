/*
 * The social-security topics and the matcher that tags items with them.
 * The vocabulary is data (data/topics, built in; a user file extends or
 * replaces it), compiled once into one table owned by topics.c.
 */
#ifndef SSNEWS_TOPICS_H
#define SSNEWS_TOPICS_H

#include <stddef.h>
#include <stdint.h>

#define TOPICS_MAX	32	/* one bit each in a topics mask */
#define TOPICS_NONE	(-1)	/* topic_span.topic of an org. name */

/* A matched term, or an organisation name, in a plain-text string. */
struct topic_span {
	size_t	 off;		/* bytes */
	size_t	 len;
	int	 topic;		/* topic index, or TOPICS_NONE */
};

/* The bytes of data/topics, NUL-terminated, generated at build time. */
extern const char topics_builtin[];

/*
 * Load the built-in vocabulary and the user file (NULL: built-in only; a
 * missing file is not an error).  On a bad user file, return -1 with a
 * "FILE:LINE: message" cause and keep the built-in vocabulary.  Everything
 * below loads the built-in vocabulary first if nothing was loaded.
 */
int		 topics_load(const char *, char **);
void		 topics_free(void);

uint64_t	 topics_signature(void);
unsigned	 topics_count(void);
const char	*topics_id(unsigned);
const char	*topics_name(unsigned);
int		 topics_lookup(const char *);

/*
 * The topics an item is about, bit n for topic n: title (text), summary
 * and content (HTML or text), language ("fr-FR", or NULL) and feed tags
 * (language tags such as "fr" count).  Any string may be NULL.
 */
uint32_t	 topics_match(const char *, const char *, const char *,
		    const char *, const char *const *, size_t);

struct item;
/* The same for an item of a feed (it->feed set): sets it->topics. */
void		 topics_item(struct item *);

/*
 * The matched terms and organisation names in a plain-text string, in
 * order and without overlaps; returns how many were stored (at most max).
 */
size_t		 topics_spans(const char *, const char *,
		    struct topic_span *, size_t);

#endif
