/*
 * The colour theme.  The defaults use the terminal's own foreground and
 * background with a few accents, so they read on dark and light
 * terminals alike; each element also has attributes for monochrome
 * terminals and for NO_COLOR.  "color ELEMENT FG BG [ATTR...]" lines
 * change an element, as in newsboat.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "theme.h"
#include "xmalloc.h"

static const char *const element_names[EL_MAX] = {
	"background", "listnormal", "listfocus", "listnormal_unread",
	"listfocus_unread", "info", "article", "heading", "link", "quote",
	"match", "error"
};

static const struct theme_color defaults[EL_MAX] = {
	[EL_BACKGROUND] = { -1, -1, 0, 0 },
	[EL_LISTNORMAL] = { -1, -1, 0, 0 },
	[EL_LISTFOCUS] = { -1, -1, THEME_REVERSE, THEME_REVERSE },
	[EL_LISTNORMAL_UNREAD] = { -1, -1, THEME_BOLD, THEME_BOLD },
	[EL_LISTFOCUS_UNREAD] = { -1, -1, THEME_REVERSE | THEME_BOLD,
	    THEME_REVERSE | THEME_BOLD },
	[EL_INFO] = { -1, -1, THEME_REVERSE, THEME_REVERSE },
	[EL_ARTICLE] = { -1, -1, 0, 0 },
	[EL_HEADING] = { 4, -1, THEME_BOLD, THEME_BOLD },
	[EL_LINK] = { 6, -1, THEME_UNDERLINE, THEME_UNDERLINE },
	[EL_QUOTE] = { 2, -1, 0, 0 },
	[EL_MATCH] = { 3, -1, THEME_BOLD, THEME_BOLD | THEME_UNDERLINE },
	[EL_ERROR] = { 1, -1, THEME_BOLD, THEME_BOLD },
};

static struct theme_color theme[EL_MAX];

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	NULL
};

static const struct {
	const char	*name;
	unsigned	 attr;
} attr_names[] = {
	{ "bold", THEME_BOLD }, { "underline", THEME_UNDERLINE },
	{ "reverse", THEME_REVERSE }, { "standout", THEME_STANDOUT },
	{ "dim", THEME_DIM }, { "blink", THEME_BLINK },
	{ "italic", THEME_ITALIC },
};

void
theme_init(void)
{
	memcpy(theme, defaults, sizeof theme);
}

const struct theme_color *
theme_get(enum theme_element el)
{
	return &theme[el];
}

const char *
theme_element_name(enum theme_element el)
{
	return element_names[el];
}

/* default, a colour name, or colorN with N from 0 to 255. */
static int
parse_color(const char *s, short *out)
{
	char	*end;
	long	 n;
	int	 i;

	if (strcmp(s, "default") == 0) {
		*out = THEME_DEFAULT;
		return 0;
	}
	for (i = 0; color_names[i] != NULL; i++) {
		if (strcmp(s, color_names[i]) == 0) {
			*out = (short)i;
			return 0;
		}
	}
	if (strncmp(s, "color", 5) != 0)
		return -1;
	n = strtol(s + 5, &end, 10);
	if (end == s + 5 || *end != '\0' || n < 0 || n > 255)
		return -1;
	*out = (short)n;
	return 0;
}

/* color ELEMENT FG BG [ATTR...] */
int
theme_set(const char *element, const char *fg, const char *bg, char **attrs,
    int nattrs, char **cause)
{
	struct theme_color	 c;
	size_t			 j;
	int			 el, i;

	for (el = 0; el < EL_MAX; el++) {
		if (strcmp(element_names[el], element) == 0)
			break;
	}
	if (el == EL_MAX) {
		*cause = xasprintf(_("unknown element '%s'"), element);
		return -1;
	}
	if (parse_color(fg, &c.fg) != 0 || parse_color(bg, &c.bg) != 0) {
		*cause = xasprintf(_("unknown colour '%s'"),
		    parse_color(fg, &c.fg) != 0 ? fg : bg);
		return -1;
	}
	c.attr = 0;
	for (i = 0; i < nattrs; i++) {
		for (j = 0; j < sizeof attr_names / sizeof attr_names[0]; j++) {
			if (strcmp(attr_names[j].name, attrs[i]) == 0)
				break;
		}
		if (j == sizeof attr_names / sizeof attr_names[0]) {
			*cause = xasprintf(_("unknown attribute '%s'"),
			    attrs[i]);
			return -1;
		}
		c.attr |= attr_names[j].attr;
	}
	c.mono = c.attr != 0 ? c.attr : theme[el].mono;
	theme[el] = c;
	return 0;
}
