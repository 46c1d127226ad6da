/*
 * The configuration file, newsboat-style: one directive a line,
 *   OPTION VALUE
 *   bind-key KEY ACTION [VIEW]
 *   unbind-key KEY [VIEW]
 *   color ELEMENT FG BG [ATTR...]
 *   include FILE
 * with "quoted strings" (\" and \\ inside) and # comments.  The first
 * error stops everything with "FILE:LINE: message", before the screen
 * starts and before anything is written.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "file.h"
#include "i18n.h"
#include "keys.h"
#include "options.h"
#include "theme.h"
#include "xmalloc.h"

#define CONF_LINE_MAX	8192
#define CONF_WORDS	16
#define CONF_DEPTH	8		/* include nesting */
#define CONF_SIZE_MAX	(4u << 20)

static int	conf_file(const char *, int, int, char **);

/*
 * Split a line into words: quoted strings or runs of non-blanks, up to a
 * '#' outside quotes.  Returns the number of words, or -1.
 */
static int
conf_split(char *s, char **w, char **cause)
{
	char	*o;
	int	 n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			return n;
		if (n == CONF_WORDS) {
			*cause = xstrdup(_("too many words"));
			return -1;
		}
		if (*s != '"') {
			w[n++] = s;
			while (*s != '\0' && *s != ' ' && *s != '\t')
				s++;
			if (*s != '\0')
				*s++ = '\0';
			continue;
		}
		w[n++] = o = ++s;
		for (; *s != '"'; s++) {
			if (*s == '\0') {
				*cause = xstrdup(_("unterminated quote"));
				return -1;
			}
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			*o++ = *s;
		}
		*o = '\0';
		s++;
	}
}

/* Where an include names a file: relative to the including file. */
static char *
include_path(const char *from, const char *name)
{
	const char	*slash, *home = getenv("HOME");

	if (name[0] == '/')
		return xstrdup(name);
	if (name[0] == '~' && name[1] == '/' && home != NULL)
		return xasprintf("%s%s", home, name + 1);
	slash = strrchr(from, '/');
	if (slash == NULL)
		return xstrdup(name);
	return xasprintf("%.*s/%s", (int)(slash - from), from, name);
}

static int
conf_option(char **w, int n, char **cause)
{
	const char	*near;
	int		 o;

	o = options_find(w[0]);
	if (o < 0) {
		near = options_suggest(w[0]);
		*cause = near != NULL ? xasprintf(_("unknown option '%s' (did "
		    "you mean '%s'?)"), w[0], near) :
		    xasprintf(_("unknown option '%s'"), w[0]);
		return -1;
	}
	if (n != 2) {
		*cause = xasprintf(n < 2 ? _("%s: a value is missing") :
		    _("%s: too many values (quote a value with spaces)"),
		    w[0]);
		return -1;
	}
	return options_set(o, w[1], cause);
}

/*
 * One line, split into n words; depth counts includes.  Returns -1 with
 * a bare message, or -2 when *cause already names a file and line.
 */
static int
conf_directive(const char *file, char **w, int n, int depth, char **cause)
{
	char	*path;
	int	 rc;

	if (strcmp(w[0], "bind-key") == 0) {
		if (n < 3 || n > 4) {
			*cause = xstrdup(_("usage: bind-key KEY ACTION "
			    "[VIEW]"));
			return -1;
		}
		return keys_bind(w[1], w[2], n == 4 ? w[3] : NULL, cause);
	}
	if (strcmp(w[0], "unbind-key") == 0) {
		if (n < 2 || n > 3) {
			*cause = xstrdup(_("usage: unbind-key KEY [VIEW]"));
			return -1;
		}
		return keys_unbind(w[1], n == 3 ? w[2] : NULL, cause);
	}
	if (strcmp(w[0], "color") == 0) {
		if (n < 4) {
			*cause = xstrdup(_("usage: color ELEMENT FG BG "
			    "[ATTR...]"));
			return -1;
		}
		return theme_set(w[1], w[2], w[3], w + 4, n - 4, cause);
	}
	if (strcmp(w[0], "include") == 0) {
		if (n != 2) {
			*cause = xstrdup(_("usage: include FILE"));
			return -1;
		}
		if (depth >= CONF_DEPTH) {
			*cause = xstrdup(_("includes nested too deep"));
			return -1;
		}
		path = include_path(file, w[1]);
		rc = conf_file(path, 1, depth + 1, cause);
		free(path);
		return rc == 0 ? 0 : -2;	/* cause names its place */
	}
	return conf_option(w, n, cause);
}

/*
 * Parse configuration text; name is what messages call it.  An error
 * from an included file already carries that file's name and line.
 */
static int
conf_text(const char *name, const char *text, size_t len, int depth,
    char **cause)
{
	const char	*p = text, *end = text + len, *nl;
	char		*line, *w[CONF_WORDS], *why = NULL;
	size_t		 n;
	int		 lineno = 0, nw, rc = 0;

	for (; p < end && rc == 0; p += n + 1) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > CONF_LINE_MAX || memchr(p, '\0', n) != NULL) {
			*cause = xasprintf(_("%s:%d: line too long or not "
			    "text"), name, lineno);
			return -1;
		}
		line = xstrndup(p, n);
		if (n > 0 && line[n - 1] == '\r')
			line[n - 1] = '\0';
		nw = conf_split(line, w, &why);
		if (nw > 0)
			nw = conf_directive(name, w, nw, depth, &why);
		if (nw == -2)
			*cause = why;
		else if (nw < 0) {
			*cause = xasprintf("%s:%d: %s", name, lineno, why);
			free(why);
		}
		if (nw < 0)
			rc = -1;
		why = NULL;
		free(line);
	}
	return rc;
}

/* Read and parse one file; a missing file is an error only if required. */
static int
conf_file(const char *path, int required, int depth, char **cause)
{
	struct buf	 b;
	int		 rc;

	buf_init(&b, BUF_UNLIMITED);
	rc = file_read(path, &b, CONF_SIZE_MAX);
	if (rc == 1 && !required)
		rc = 0;
	else if (rc != 0)
		*cause = xasprintf(_("cannot read %s: %s"), path,
		    rc == 1 ? strerror(ENOENT) : strerror(errno));
	else
		rc = conf_text(path, buf_str(&b), b.len, depth, cause);
	buf_free(&b);
	return rc;
}

/*
 * Set everything up: defaults (options, theme, the default keys, parsed
 * from their configuration text), then the file at path if it exists
 * (it must exist if required, as with -C).
 */
int
conf_load(const char *path, int required, char **cause)
{
	keys_free();
	theme_init();
	if (conf_text("(default keys)", keys_default, strlen(keys_default), 0,
	    cause) != 0)
		return -1;
	return conf_file(path, required, 0, cause);
}

/* Parse configuration text from memory (tests, the default keys). */
int
conf_parse(const char *name, const char *text, char **cause)
{
	return conf_text(name, text, strlen(text), 0, cause);
}
