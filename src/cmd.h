/* The non-interactive modes that main() can choose. */
#ifndef SSNEWS_CMD_H
#define SSNEWS_CMD_H

enum dump_format {
	DUMP_JSON,
	DUMP_TSV
};

int	cmd_dump(enum dump_format, char **, int);

#endif
