/* Colours of the interface elements, from "color" lines; no curses here. */
#ifndef SSNEWS_THEME_H
#define SSNEWS_THEME_H

enum theme_element {
	EL_BACKGROUND,
	EL_LISTNORMAL,
	EL_LISTFOCUS,
	EL_LISTNORMAL_UNREAD,
	EL_LISTFOCUS_UNREAD,
	EL_INFO,
	EL_ARTICLE,
	EL_HEADING,
	EL_LINK,
	EL_QUOTE,
	EL_MATCH,
	EL_ERROR,
	EL_MAX
};

#define THEME_BOLD	0x01
#define THEME_UNDERLINE	0x02
#define THEME_REVERSE	0x04
#define THEME_STANDOUT	0x08
#define THEME_DIM	0x10
#define THEME_BLINK	0x20
#define THEME_ITALIC	0x40

#define THEME_DEFAULT	(-1)	/* the terminal's own colour */

struct theme_color {
	short		 fg;
	short		 bg;
	unsigned	 attr;
	unsigned	 mono;	/* attributes without colour */
};

void			 theme_init(void);
int			 theme_set(const char *, const char *, const char *,
			    char **, int, char **);
const struct theme_color *theme_get(enum theme_element);
const char		*theme_element_name(enum theme_element);

#endif
