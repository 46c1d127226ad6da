/*
 * Start-up after the command line: the order in which things are set up
 * (options, configuration, feed list, network, cache) and which mode
 * runs.  Configuration and feed list errors stop here with status 2,
 * before anything is written and before the screen is touched.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "conf.h"
#include "feed.h"
#include "fetch.h"
#include "i18n.h"
#include "keys.h"
#include "log.h"
#include "options.h"
#include "parse.h"
#include "signals.h"
#include "store.h"
#include "topics.h"
#include "ui.h"
#include "urls.h"
#include "xmalloc.h"

/* $XDG_CONFIG_HOME/ssnews/NAME or $XDG_DATA_HOME/ssnews (name NULL). */
static char *
xdg_path(const char *var, const char *fallback, const char *name)
{
	const char	*base = getenv(var), *home = getenv("HOME");

	if (base != NULL && *base == '/')
		return name != NULL ? xasprintf("%s/ssnews/%s", base, name) :
		    xasprintf("%s/ssnews", base);
	if (home == NULL || *home == '\0')
		home = ".";
	return name != NULL ? xasprintf("%s/%s/ssnews/%s", home, fallback,
	    name) : xasprintf("%s/%s/ssnews", home, fallback);
}

int
cli_version(void)
{
	printf("ssnews %s\n", PACKAGE_VERSION);
	printf("libcurl %s, libxml2 %s, %s\n", fetch_version(),
	    parse_version(), ui_version());
	return 0;
}

/* The feed list: -u FILE, else the user's file, else the built-in one. */
static int
load_urls(struct cli *cli, struct feedlist *fl, char **urls_path)
{
	char	*cause = NULL;
	int	 rc;

	*urls_path = cli->urls != NULL ? xstrdup(cli->urls) :
	    xdg_path("XDG_CONFIG_HOME", ".config", "urls");
	rc = urls_load(*urls_path, fl, &cause);
	if (rc == 1 && cli->urls != NULL) {
		log_warnx(_("%s: no such file"), cli->urls);
		return -1;
	}
	if (rc == 1)
		rc = urls_load_builtin(fl, &cause);
	if (rc != 0) {
		log_warnx("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Open and load the cache; readonly for print-unread alone. */
/*
 * Cached items carry the topics of the vocabulary they were tagged by.
 * When it changed (a new release, an edited topics file), tag them again,
 * reading each stored body once and letting it go; the next save records
 * the new vocabulary.
 */
static void
retopic(struct feedlist *fl, struct store *st)
{
	uint64_t	 vocab = topics_signature();
	uint32_t	 was;
	size_t		 i, j, changed = 0;
	int		 had_body;

	if (store_vocabulary(st) == vocab)
		return;
	for (i = 0; i < fl->nfeeds; i++) {
		struct feed	*f = fl->feeds[i];

		for (j = 0; j < f->nitems; j++) {
			struct item	*it = f->items[j];

			had_body = it->summary != NULL || it->content != NULL;
			(void)store_body(st, it);
			was = it->topics;
			topics_item(it);
			if (!had_body && (it->flags & ITEM_STORED)) {
				free(it->summary);
				free(it->content);
				it->summary = it->content = NULL;
			}
			if (it->topics != was) {
				f->flags |= FEED_DIRTY;
				changed++;
			}
		}
	}
	store_set_vocabulary(st, vocab);
	log_debug("topic vocabulary changed: %zu items tagged anew", changed);
}

static struct store *
open_store(struct cli *cli, struct feedlist *fl, int readonly)
{
	struct store	*st;
	char		*dir, *cause = NULL;

	dir = cli->cache_dir != NULL ? xstrdup(cli->cache_dir) :
	    xdg_path("XDG_DATA_HOME", ".local/share", NULL);
	st = store_open(dir, readonly, &cause);
	free(dir);
	if (st == NULL) {
		log_warnx("%s", cause);
		free(cause);
		return NULL;
	}
	log_debug("loading the cache");
	if (store_load(st, fl, &cause) != 0 || cause != NULL) {
		log_warnx("%s", cause);
		free(cause);
	}
	log_debug("cache loaded");
	return st;
}

/* --digest: a brief from the cache, read without taking it over. */
static int
run_digest(struct cli *cli, struct feedlist *fl)
{
	struct store	*st;
	int		 rc;

	st = open_store(cli, fl, 1);
	if (st == NULL)
		return 1;
	retopic(fl, st);
	rc = cmd_digest(cli, fl, st);
	store_close(st);
	return rc;
}

/* A first start: no listed feed was ever fetched, so fetch them all. */
static int
never_fetched(const struct feedlist *fl)
{
	size_t	 i;

	for (i = 0; i < fl->nfeeds; i++) {
		if (fl->feeds[i]->last_try != 0 &&
		    fl->feeds[i]->last_try != DATE_NONE)
			return 0;
	}
	return 1;
}

/* The modes that need the cache: -x commands and the interface. */
static int
run_with_cache(struct cli *cli, struct feedlist *fl)
{
	struct store	*st;
	char		*cause = NULL;
	int		 rc = 0, readonly;

	readonly = cli->print_unread && !cli->reload;
	st = open_store(cli, fl, readonly);
	if (st == NULL)
		return 1;
	if (readonly) {		/* no network, no signals, no topics */
		rc = cmd_print_unread(fl);
		store_close(st);
		return rc;
	}
	retopic(fl, st);
	if (fetch_init(&cause) != 0 || signals_init() != 0) {
		log_warnx("%s", cause != NULL ? cause : "signals");
		free(cause);
		store_close(st);
		return 1;
	}
	if (cli->reload)
		rc = cmd_reload(fl, st, cli->quiet);
	if (cli->print_unread && rc == 0)
		rc = cmd_print_unread(fl);
	if (!cli->reload && !cli->print_unread)
		rc = ui_run(fl, st, cli->refresh ||
		    options_bool(OPT_REFRESH_ON_START) || never_fetched(fl));
	fetch_cleanup();
	store_close(st);
	return rc;
}

/* Options, the configuration file and the topic vocabulary; 2 if bad. */
static int
load_config(struct cli *cli)
{
	char	*path, *cause = NULL;
	int	 rc;

	options_init();
	path = cli->config != NULL ? xstrdup(cli->config) :
	    xdg_path("XDG_CONFIG_HOME", ".config", "config");
	rc = conf_load(path, cli->config != NULL, &cause);
	free(path);
	if (rc == 0) {
		path = xdg_path("XDG_CONFIG_HOME", ".config", "topics");
		rc = topics_load(path, &cause);
		free(path);
	}
	if (rc != 0) {
		log_warnx("%s", cause);
		free(cause);
		return 2;
	}
	return 0;
}

int
cli_run(struct cli *cli)
{
	struct feedlist	 fl;
	char		*urls_path = NULL;
	int		 rc;

	feedlist_init(&fl);
	rc = load_config(cli);
	if (rc != 0)
		goto out;
	if (cli->dump_config)
		options_dump(stdout);
	else if (cli->dump && cli->nsources > 0)
		rc = cmd_dump(cli, cli->sources, cli->nsources);
	else if (load_urls(cli, &fl, &urls_path) != 0)
		rc = 2;
	else if (cli->export_opml)
		rc = cmd_export_opml(&fl);
	else if (cli->import_opml != NULL)
		rc = cmd_import_opml(cli->import_opml, &fl, urls_path);
	else if (cli->digest)
		rc = run_digest(cli, &fl);
	else if (cli->dump)
		rc = cmd_dump_feeds(cli, &fl);
	else
		rc = run_with_cache(cli, &fl);
out:
	feedlist_free(&fl);
	free(urls_path);
	options_free();
	topics_free();
	keys_free();
	return rc;
}
