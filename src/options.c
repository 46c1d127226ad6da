/*
 * The option table.  Every configuration option is one entry: its name,
 * type, range, default and a one-line help text.  Parsing, validation,
 * --dump-config and the option list in the man page all follow it (the
 * man page test checks that every name here is documented there).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "options.h"
#include "xmalloc.h"

static const char *const sort_orders[] = {
	"date-desc", "date-asc", "title", "feed", NULL
};
static const char *const feed_orders[] = {
	"none", "title", "unread", "updated", NULL
};
static const char *const layouts[] = {
	"auto", "side", "stacked", "single", NULL
};
static const char *const groupings[] = {
	"none", "tag", "organisation", "country", "language", NULL
};

#define KIB	1024LL
#define MIB	(1024LL * 1024)

static const struct option_def option_table[OPT_MAX] = {
	[OPT_ARTICLE_SORT_ORDER] = { "article-sort-order", OPTION_CHOICE,
	    0, 0, "date-desc", sort_orders, NULL, 0,
	    N_("order of articles in a list") },
	[OPT_AUTO_RELOAD] = { "auto-reload", OPTION_BOOL, 0, 1, "no", NULL,
	    NULL, 0, N_("reload feeds every reload-time minutes") },
	[OPT_BROWSER] = { "browser", OPTION_STRING, 0, 0, "", NULL, NULL, 0,
	    N_("program that opens links (default: $BROWSER, else xdg-open)") },
	[OPT_CONFIRM_MARK_ALL_READ] = { "confirm-mark-all-read", OPTION_BOOL,
	    0, 1, "yes", NULL, NULL, 0,
	    N_("ask before marking a feed or everything read") },
	[OPT_CONNECT_TIMEOUT] = { "connect-timeout", OPTION_NUMBER, 1, 600,
	    "15", NULL, "s", 0, N_("seconds to wait for a connection") },
	[OPT_DATE_FORMAT] = { "date-format", OPTION_STRING, 0, 0, "%Y-%m-%d",
	    NULL, NULL, 0, N_("strftime(3) format of dates in article lists") },
	[OPT_DOWNLOAD_TIMEOUT] = { "download-timeout", OPTION_NUMBER, 1, 3600,
	    "60", NULL, "s", 0, N_("seconds one download may take in all") },
	[OPT_FEED_SORT_ORDER] = { "feed-sort-order", OPTION_CHOICE, 0, 0,
	    "none", feed_orders, NULL, 0, N_("order of the feed list") },
	[OPT_GROUP_BY] = { "group-by", OPTION_CHOICE, 0, 0, "none", groupings,
	    NULL, 0, N_("group the feed list by tag, organisation, country "
	    "or language") },
	[OPT_KEEP_ARTICLES_DAYS] = { "keep-articles-days", OPTION_NUMBER, 0,
	    36500, "0", NULL, "d", OPTION_PER_FEED,
	    N_("forget articles older than this many days (0: keep all)") },
	[OPT_LAYOUT] = { "layout", OPTION_CHOICE, 0, 0, "auto", layouts, NULL,
	    0, N_("panes: side by side, stacked, single, or auto by width") },
	[OPT_MARK_READ_ON_OPEN] = { "mark-read-on-open", OPTION_BOOL, 0, 1,
	    "yes", NULL, NULL, 0, N_("opening an article marks it read") },
	[OPT_MAX_DOWNLOAD_SIZE] = { "max-download-size", OPTION_SIZE, 1 * KIB,
	    1024 * MIB, "32M", NULL, "bytes", 0,
	    N_("largest feed accepted (suffixes K, M, G)") },
	[OPT_MAX_ITEMS] = { "max-items", OPTION_NUMBER, 0, 1000000, "0", NULL,
	    NULL, OPTION_PER_FEED,
	    N_("articles kept per feed, newest first (0: no limit)") },
	[OPT_MAX_PARALLEL_DOWNLOADS] = { "max-parallel-downloads",
	    OPTION_NUMBER, 1, 256, "16", NULL, NULL, 0,
	    N_("downloads at the same time") },
	[OPT_MAX_PER_HOST] = { "max-per-host", OPTION_NUMBER, 1, 64, "2", NULL,
	    NULL, 0, N_("downloads at the same time from one remote host") },
	[OPT_PROXY] = { "proxy", OPTION_STRING, 0, 0, "", NULL, NULL, 0,
	    N_("proxy URL (default: the http_proxy and https_proxy "
	    "variables)") },
	[OPT_REFRESH_ON_START] = { "refresh-on-start", OPTION_BOOL, 0, 1, "no",
	    NULL, NULL, 0, N_("reload all feeds when the interface starts") },
	[OPT_RELOAD_TIME] = { "reload-time", OPTION_NUMBER, 1, 10080, "60",
	    NULL, "min", OPTION_PER_FEED,
	    N_("minutes between automatic reloads") },
	[OPT_SHOW_READ_ARTICLES] = { "show-read-articles", OPTION_BOOL, 0, 1,
	    "yes", NULL, NULL, 0, N_("list articles already read") },
	[OPT_SHOW_READ_FEEDS] = { "show-read-feeds", OPTION_BOOL, 0, 1, "yes",
	    NULL, NULL, 0, N_("list feeds without unread articles") },
	[OPT_STALL_TIMEOUT] = { "stall-timeout", OPTION_NUMBER, 1, 600, "15",
	    NULL, "s", 0, N_("drop a download that sends nothing for this "
	    "many seconds") },
	[OPT_USER_AGENT] = { "user-agent", OPTION_STRING, 0, 0,
	    PACKAGE_NAME "/" PACKAGE_VERSION, NULL, NULL, 0,
	    N_("User-Agent header sent with requests") },
};

/* The current values: numbers and choices as numbers, strings copied. */
static struct {
	long long	 number[OPT_MAX];
	char		*string[OPT_MAX];
} option_values;

static int	 parse_size(const char *, long long *);

const struct option_def *
options_def(enum option o)
{
	return &option_table[o];
}

void
options_init(void)
{
	char	*cause;
	int	 o;

	options_free();
	for (o = 0; o < OPT_MAX; o++) {
		if (options_set(o, option_table[o].def, &cause) != 0)
			abort();	/* a bad default is a bug */
	}
}

void
options_free(void)
{
	int	 o;

	for (o = 0; o < OPT_MAX; o++) {
		free(option_values.string[o]);
		option_values.string[o] = NULL;
	}
}

int
options_find(const char *name)
{
	int	 o;

	for (o = 0; o < OPT_MAX; o++) {
		if (strcmp(option_table[o].name, name) == 0)
			return o;
	}
	return -1;
}

/* Edit distance, for "did you mean" (names are short). */
static int
distance(const char *a, const char *b)
{
	int	 row[64], i, j, prev, tmp, la = (int)strlen(a);
	int	 lb = (int)strlen(b);

	if (la >= 63 || lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

/* The option name closest to a misspelt one, or NULL if none is close. */
const char *
options_suggest(const char *name)
{
	const char	*best = NULL;
	int		 o, d, bestd = 4;

	for (o = 0; o < OPT_MAX; o++) {
		d = distance(name, option_table[o].name);
		if (d < bestd) {
			bestd = d;
			best = option_table[o].name;
		}
	}
	return best;
}

/* A size with an optional K, M or G suffix (powers of 1024). */
static int
parse_size(const char *s, long long *out)
{
	char		*end;
	long long	 v, mult = 1;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || errno != 0 || v < 0)
		return -1;
	switch (*end) {
	case 'k': case 'K':
		mult = KIB;
		end++;
		break;
	case 'm': case 'M':
		mult = MIB;
		end++;
		break;
	case 'g': case 'G':
		mult = 1024 * MIB;
		end++;
		break;
	}
	if (*end == 'i' || *end == 'B')
		end += *end == 'i' ? 1 : 0;
	if (*end == 'B')
		end++;
	if (*end != '\0' || v > LLONG_MAX / mult)
		return -1;
	*out = v * mult;
	return 0;
}

/*
 * Check a value for an option; numbers, booleans, sizes and choices are
 * returned as a number.  On error, *cause says what is wrong.
 */
int
options_parse(enum option o, const char *value, long long *out, char **cause)
{
	const struct option_def	*d = &option_table[o];
	char			*end;
	long long		 v = 0;
	int			 i;

	switch (d->type) {
	case OPTION_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
		    strcmp(value, "on") == 0 || strcmp(value, "1") == 0)
			v = 1;
		else if (strcmp(value, "no") == 0 ||
		    strcmp(value, "false") == 0 || strcmp(value, "off") == 0 ||
		    strcmp(value, "0") == 0)
			v = 0;
		else {
			*cause = xasprintf(_("%s: expected yes or no, not "
			    "'%s'"), d->name, value);
			return -1;
		}
		break;
	case OPTION_NUMBER:
	case OPTION_SIZE:
		errno = 0;
		if (d->type == OPTION_SIZE) {
			if (parse_size(value, &v) != 0)
				goto bad_number;
		} else {
			v = strtoll(value, &end, 10);
			if (end == value || *end != '\0' || errno != 0)
				goto bad_number;
		}
		if (v < d->min || v > d->max) {
			*cause = xasprintf(_("%s: %s is out of range "
			    "(%lld to %lld)"), d->name, value, d->min, d->max);
			return -1;
		}
		break;
	case OPTION_CHOICE:
		for (i = 0; d->choices[i] != NULL; i++) {
			if (strcmp(d->choices[i], value) == 0)
				break;
		}
		if (d->choices[i] == NULL) {
			*cause = xasprintf(_("%s: unknown value '%s'"),
			    d->name, value);
			return -1;
		}
		v = i;
		break;
	case OPTION_STRING:
		break;
	}
	*out = v;
	return 0;
bad_number:
	*cause = xasprintf(_("%s: '%s' is not a number"), d->name, value);
	return -1;
}

int
options_set(enum option o, const char *value, char **cause)
{
	long long	 v;

	if (options_parse(o, value, &v, cause) != 0)
		return -1;
	option_values.number[o] = v;
	free(option_values.string[o]);
	option_values.string[o] = xstrdup(value);
	return 0;
}

long long
options_number(enum option o)
{
	return option_values.number[o];
}

int
options_bool(enum option o)
{
	return option_values.number[o] != 0;
}

const char *
options_string(enum option o)
{
	const struct option_def	*d = &option_table[o];

	if (d->type == OPTION_CHOICE)
		return d->choices[option_values.number[o]];
	return option_values.string[o] != NULL ? option_values.string[o] : "";
}

/* The value as a config line would write it (quoted if need be). */
char *
options_format(enum option o)
{
	const char	*v = options_string(o);
	struct {
		size_t	 len;
		char	*s;
	} q;
	size_t		 i;

	if (*v != '\0' && strpbrk(v, " \t\"\\#") == NULL)
		return xstrdup(v);
	q.s = xmalloc(strlen(v) * 2 + 3);
	q.len = 0;
	q.s[q.len++] = '"';
	for (i = 0; v[i] != '\0'; i++) {
		if (v[i] == '"' || v[i] == '\\')
			q.s[q.len++] = '\\';
		q.s[q.len++] = v[i];
	}
	q.s[q.len++] = '"';
	q.s[q.len] = '\0';
	return q.s;
}

/* --dump-config: every option with its current value and help. */
void
options_dump(FILE *fp)
{
	char	*v;
	int	 o;

	for (o = 0; o < OPT_MAX; o++) {
		v = options_format(o);
		fprintf(fp, "# %s\n%s %s\n", _(option_table[o].help),
		    option_table[o].name, v);
		free(v);
	}
}
