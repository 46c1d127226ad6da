/* The parsed command line, and the start-up that follows it. */
#ifndef SSNEWS_CLI_H
#define SSNEWS_CLI_H

/* Long options without a short form. */
enum {
	CLI_DUMP = 256,
	CLI_DIGEST,
	CLI_DUMP_CONFIG,
	CLI_FILTER,
	CLI_SINCE
};

struct cli {
	const char	*urls;
	const char	*config;
	const char	*cache_dir;
	const char	*import_opml;
	const char	*filter;
	const char	*since;
	char		**sources;
	int		 nsources;
	int		 reload;
	int		 print_unread;
	int		 refresh;
	int		 export_opml;
	int		 quiet;
	int		 help;
	int		 version;
	int		 dump;
	int		 dump_format;
	int		 digest;
	int		 digest_format;
	int		 dump_config;
};

int	cli_version(void);
int	cli_run(struct cli *);

#endif
