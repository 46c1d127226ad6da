/*
 * The configuration options: one declarative table (options.c) drives
 * parsing, validation, --dump-config, the help text and the man page.
 */
#ifndef SSNEWS_OPTIONS_H
#define SSNEWS_OPTIONS_H

#include <stdio.h>

enum option {
	OPT_ARTICLE_SORT_ORDER,
	OPT_AUTO_RELOAD,
	OPT_BROWSER,
	OPT_CONFIRM_MARK_ALL_READ,
	OPT_CONNECT_TIMEOUT,
	OPT_DATE_FORMAT,
	OPT_DOWNLOAD_TIMEOUT,
	OPT_FEED_SORT_ORDER,
	OPT_GROUP_BY,
	OPT_KEEP_ARTICLES_DAYS,
	OPT_LAYOUT,
	OPT_MARK_READ_ON_OPEN,
	OPT_MAX_DOWNLOAD_SIZE,
	OPT_MAX_ITEMS,
	OPT_MAX_PARALLEL_DOWNLOADS,
	OPT_MAX_PER_HOST,
	OPT_PROXY,
	OPT_REFRESH_ON_START,
	OPT_RELOAD_TIME,
	OPT_SHOW_READ_ARTICLES,
	OPT_SHOW_READ_FEEDS,
	OPT_STALL_TIMEOUT,
	OPT_USER_AGENT,
	OPT_MAX
};

/* The choices of feed-sort-order, in the order of the table. */
enum {
	FEED_ORDER_NONE,
	FEED_ORDER_TITLE,
	FEED_ORDER_UNREAD,
	FEED_ORDER_UPDATED
};

/* The choices of group-by, in the order of the table. */
enum {
	GROUP_NONE,
	GROUP_TAG,
	GROUP_ORGANISATION,
	GROUP_COUNTRY,
	GROUP_LANGUAGE
};

enum option_type {
	OPTION_BOOL,
	OPTION_NUMBER,
	OPTION_SIZE,
	OPTION_STRING,
	OPTION_CHOICE
};

/* Which options a urls-file line may set for one feed. */
#define OPTION_PER_FEED	0x1

struct option_def {
	const char		*name;
	enum option_type	 type;
	long long		 min;
	long long		 max;
	const char		*def;
	const char *const	*choices;
	const char		*unit;
	unsigned		 flags;
	const char		*help;
};

void			 options_init(void);
void			 options_free(void);
const struct option_def	*options_def(enum option);
int			 options_find(const char *);
const char		*options_suggest(const char *);
int			 options_parse(enum option, const char *, long long *,
			    char **);
int			 options_set(enum option, const char *, char **);
long long		 options_number(enum option);
int			 options_bool(enum option);
const char		*options_string(enum option);
char			*options_format(enum option);
void			 options_dump(FILE *);

#endif
