/*
 * Keys and bindings, without curses: key codes and names, the action
 * table (actions.def) and which key runs which action in which view.
 * The interface translates what curses reads into these codes.
 */
#ifndef SSNEWS_KEYS_H
#define SSNEWS_KEYS_H

#include <stddef.h>

enum action {
#define ACTION(id, name, help) id,
#include "actions.def"
#undef ACTION
	ACT_MAX
};

enum view {
	VIEW_ALL,		/* bindings that apply everywhere */
	VIEW_FEEDLIST,
	VIEW_ARTICLELIST,
	VIEW_ARTICLE,
	VIEW_HELP,
	VIEW_URLVIEW,
	VIEW_MAX
};

/* Special keys sit above Unicode; ^A..^Z are 1..26. */
#define KEYC_BASE	0x200000u
enum {
	KEYC_UP = KEYC_BASE, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT, KEYC_HOME,
	KEYC_END, KEYC_PPAGE, KEYC_NPAGE, KEYC_ENTER, KEYC_TAB, KEYC_BTAB,
	KEYC_BACKSPACE, KEYC_DELETE, KEYC_INSERT, KEYC_ESCAPE, KEYC_SPACE,
	KEYC_F1, KEYC_F12 = KEYC_F1 + 11, KEYC_LAST
};

extern const char keys_default[];

int		 keys_parse(const char *, unsigned *);
void		 keys_name(unsigned, char *, size_t);
int		 keys_action(const char *);
const char	*keys_action_name(int);
const char	*keys_action_help(int);
const char	*keys_suggest_action(const char *);
int		 keys_view(const char *);
int		 keys_bind(const char *, const char *, const char *, char **);
int		 keys_unbind(const char *, const char *, char **);
int		 keys_lookup(unsigned, enum view);
size_t		 keys_list(int, enum view, char *, size_t);
void		 keys_free(void);

#endif
