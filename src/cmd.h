/* The non-interactive modes that main() can choose. */
#ifndef SSNEWS_CMD_H
#define SSNEWS_CMD_H

struct cli;
struct feedlist;
struct store;

enum dump_format {
	DUMP_JSON,
	DUMP_TSV
};

int	cmd_dump(struct cli *, char **, int);
int	cmd_dump_feeds(struct cli *, struct feedlist *);
int	cmd_reload(struct feedlist *, struct store *, int);
int	cmd_print_unread(struct feedlist *);
int	cmd_export_opml(struct feedlist *);
int	cmd_import_opml(const char *, struct feedlist *, const char *);
int	cmd_digest(struct cli *, struct feedlist *, struct store *);
long long cmd_parse_age(const char *);

#endif
