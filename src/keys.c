/*
 * Key bindings.  The defaults are configuration text, parsed by the same
 * code as the user's file, so defaults, overrides and the help screen
 * cannot disagree.  Key names follow newsboat's: a character ("j", "?"),
 * ^X for control keys, and ENTER, SPACE, TAB, BACKTAB, ESC, BACKSPACE,
 * DEL, INSERT, UP, DOWN, LEFT, RIGHT, HOME, END, PPAGE, NPAGE, F1..F12
 * (PageUp and PageDown are accepted too).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "keys.h"
#include "text.h"
#include "xmalloc.h"

static const struct {
	const char	*name;
	const char	*help;
} actions[ACT_MAX] = {
#define ACTION(id, name, help) [id] = { name, help },
#include "actions.def"
#undef ACTION
};

static const char *const views[VIEW_MAX] = {
	"all", "feedlist", "articlelist", "article", "help", "urlview"
};

static const struct {
	const char	*name;
	unsigned	 key;
} key_names[] = {
	{ "ENTER", KEYC_ENTER }, { "SPACE", KEYC_SPACE },
	{ "TAB", KEYC_TAB }, { "BACKTAB", KEYC_BTAB },
	{ "ESC", KEYC_ESCAPE }, { "BACKSPACE", KEYC_BACKSPACE },
	{ "DEL", KEYC_DELETE }, { "INSERT", KEYC_INSERT },
	{ "UP", KEYC_UP }, { "DOWN", KEYC_DOWN }, { "LEFT", KEYC_LEFT },
	{ "RIGHT", KEYC_RIGHT }, { "HOME", KEYC_HOME }, { "END", KEYC_END },
	{ "PPAGE", KEYC_PPAGE }, { "NPAGE", KEYC_NPAGE },
	{ "PageUp", KEYC_PPAGE }, { "PageDown", KEYC_NPAGE },
};

/* The default bindings, as configuration lines. */
const char keys_default[] =
    "bind-key j down\n"
    "bind-key DOWN down\n"
    "bind-key k up\n"
    "bind-key UP up\n"
    "bind-key NPAGE page-down\n"
    "bind-key SPACE page-down\n"
    "bind-key PPAGE page-up\n"
    "bind-key ^F page-down\n"
    "bind-key ^B page-up\n"
    "bind-key ^D half-page-down\n"
    "bind-key ^U half-page-up\n"
    "bind-key g home\n"
    "bind-key HOME home\n"
    "bind-key G end\n"
    "bind-key END end\n"
    "bind-key J next-feed\n"
    "bind-key K prev-feed\n"
    "bind-key n next-unread\n"
    "bind-key p prev-unread\n"
    "bind-key ENTER open\n"
    "bind-key RIGHT open\n"
    "bind-key q quit\n"
    "bind-key LEFT quit\n"
    "bind-key Q quit-all\n"
    "bind-key TAB switch-pane\n"
    "bind-key v toggle-layout\n"
    "bind-key r reload\n"
    "bind-key R reload-all\n"
    "bind-key N toggle-read\n"
    "bind-key A mark-feed-read\n"
    "bind-key C mark-all-read\n"
    "bind-key o open-in-browser\n"
    "bind-key y copy-link\n"
    "bind-key u show-links\n"
    "bind-key 1 open-link-1\n"
    "bind-key 2 open-link-2\n"
    "bind-key 3 open-link-3\n"
    "bind-key 4 open-link-4\n"
    "bind-key 5 open-link-5\n"
    "bind-key 6 open-link-6\n"
    "bind-key 7 open-link-7\n"
    "bind-key 8 open-link-8\n"
    "bind-key 9 open-link-9\n"
    "bind-key / search\n"
    "bind-key F filter\n"
    "bind-key t filter-tag\n"
    "bind-key s toggle-show-read\n"
    "bind-key ? help\n"
    "bind-key ^L redraw\n";

struct binding {
	unsigned	 key;
	int		 action;
};

static struct {
	struct binding	*b;
	size_t		 n;
} bindings[VIEW_MAX];

int
keys_action(const char *name)
{
	int	 a;

	for (a = 0; a < ACT_MAX; a++) {
		if (strcmp(actions[a].name, name) == 0)
			return a;
	}
	return -1;
}

const char *
keys_action_name(int a)
{
	return actions[a].name;
}

const char *
keys_action_help(int a)
{
	return _(actions[a].help);
}

/* The action name most like a misspelt one (same first letters). */
const char *
keys_suggest_action(const char *name)
{
	size_t	 best = 2, n, len = strlen(name);
	int	 a, found = -1;

	for (a = 0; a < ACT_MAX; a++) {
		for (n = 0; name[n] != '\0' && name[n] ==
		    actions[a].name[n]; n++)
			;
		if (n > best || (n == len && n > 0)) {
			best = n;
			found = a;
		}
	}
	return found >= 0 ? actions[found].name : NULL;
}

int
keys_view(const char *name)
{
	int	 v;

	for (v = 0; v < VIEW_MAX; v++) {
		if (strcmp(views[v], name) == 0)
			return v;
	}
	return -1;
}

/* A key name to a key code; -1 if it names no key. */
int
keys_parse(const char *s, unsigned *key)
{
	uint32_t	 c;
	size_t		 i, len = strlen(s), n;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (strcmp(s, key_names[i].name) == 0) {
			*key = key_names[i].key;
			return 0;
		}
	}
	if (s[0] == 'F' && len >= 2 && len <= 3 && s[1] >= '1' &&
	    s[1] <= '9') {
		i = (size_t)atoi(s + 1);
		if (i >= 1 && i <= 12) {
			*key = KEYC_F1 + (unsigned)i - 1;
			return 0;
		}
	}
	if (s[0] == '^' && len == 2) {
		c = (unsigned char)s[1] & ~0x20u;
		if (c >= 'A' && c <= 'Z') {
			*key = c - 'A' + 1;
			return 0;
		}
	}
	if (len == 0)
		return -1;
	n = text_decode(s, len, &c);
	if (n != len || c <= ' ' || text_is_invisible(c))
		return -1;
	*key = c;
	return 0;
}

/* The name of a key, as keys_parse() reads it. */
void
keys_name(unsigned key, char *out, size_t len)
{
	char	 enc[5];
	size_t	 i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0] - 2; i++) {
		if (key_names[i].key == key) {
			snprintf(out, len, "%s", key_names[i].name);
			return;
		}
	}
	if (key >= KEYC_F1 && key <= KEYC_F12)
		snprintf(out, len, "F%u", key - KEYC_F1 + 1);
	else if (key >= 1 && key <= 26)
		snprintf(out, len, "^%c", 'A' + key - 1);
	else if (key < KEYC_BASE) {
		enc[text_encode(key, enc)] = '\0';
		snprintf(out, len, "%s", enc);
	} else
		snprintf(out, len, "?");
}

static int
parse_view(const char *view, int *v, char **cause)
{
	*v = VIEW_ALL;
	if (view == NULL)
		return 0;
	*v = keys_view(view);
	if (*v < 0) {
		*cause = xasprintf(_("unknown view '%s' (feedlist, "
		    "articlelist, article, help or urlview)"), view);
		return -1;
	}
	return 0;
}

/* bind-key KEY ACTION [VIEW] */
int
keys_bind(const char *keyname, const char *action, const char *view,
    char **cause)
{
	const char	*near;
	unsigned	 key;
	size_t		 i;
	int		 a, v;

	if (keys_parse(keyname, &key) != 0) {
		*cause = xasprintf(_("unknown key '%s'"), keyname);
		return -1;
	}
	a = keys_action(action);
	if (a < 0) {
		near = keys_suggest_action(action);
		*cause = near != NULL ? xasprintf(_("unknown action '%s' (did "
		    "you mean '%s'?)"), action, near) :
		    xasprintf(_("unknown action '%s'"), action);
		return -1;
	}
	if (parse_view(view, &v, cause) != 0)
		return -1;
	for (i = 0; i < bindings[v].n; i++) {
		if (bindings[v].b[i].key == key) {
			bindings[v].b[i].action = a;
			return 0;
		}
	}
	bindings[v].b = xreallocarray(bindings[v].b, bindings[v].n + 1,
	    sizeof *bindings[v].b);
	bindings[v].b[bindings[v].n].key = key;
	bindings[v].b[bindings[v].n++].action = a;
	return 0;
}

/* unbind-key KEY [VIEW]; "-a" removes every binding. */
int
keys_unbind(const char *keyname, const char *view, char **cause)
{
	unsigned	 key;
	size_t		 i;
	int		 v;

	if (strcmp(keyname, "-a") == 0) {
		keys_free();
		return 0;
	}
	if (keys_parse(keyname, &key) != 0) {
		*cause = xasprintf(_("unknown key '%s'"), keyname);
		return -1;
	}
	if (parse_view(view, &v, cause) != 0)
		return -1;
	for (i = 0; i < bindings[v].n; i++) {
		if (bindings[v].b[i].key == key) {
			bindings[v].b[i] = bindings[v].b[--bindings[v].n];
			return 0;
		}
	}
	return 0;
}

/* The action of a key in a view: the view's binding, else the global. */
int
keys_lookup(unsigned key, enum view view)
{
	size_t	 i;
	int	 v, pass;

	for (pass = 0; pass < 2; pass++) {
		v = pass == 0 ? (int)view : VIEW_ALL;
		for (i = 0; i < bindings[v].n; i++) {
			if (bindings[v].b[i].key == key)
				return bindings[v].b[i].action;
		}
	}
	return -1;
}

/*
 * The keys bound to an action in a view, as "j, DOWN" (for the help
 * screen).  Returns the length written.
 */
size_t
keys_list(int action, enum view view, char *out, size_t len)
{
	struct buf	 b;
	char		 name[16];
	size_t		 i, n;
	int		 v, pass;

	buf_init(&b, BUF_UNLIMITED);
	for (pass = 0; pass < 2; pass++) {
		v = pass == 0 ? (int)view : VIEW_ALL;
		if (pass == 1 && view == VIEW_ALL)
			break;
		for (i = 0; i < bindings[v].n; i++) {
			if (bindings[v].b[i].action != action ||
			    (pass == 1 && keys_lookup(bindings[v].b[i].key,
			    view) != action))
				continue;
			keys_name(bindings[v].b[i].key, name, sizeof name);
			if (b.len > 0)
				buf_addstr(&b, ", ");
			buf_addstr(&b, name);
		}
	}
	n = snprintf(out, len, "%s", buf_str(&b)) < 0 ? 0 : strlen(out);
	buf_free(&b);
	return n;
}

void
keys_free(void)
{
	int	 v;

	for (v = 0; v < VIEW_MAX; v++) {
		free(bindings[v].b);
		bindings[v].b = NULL;
		bindings[v].n = 0;
	}
}
