/* ssnews: a terminal reader for social-security news. */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "log.h"
#include "text.h"

static const struct option long_options[] = {
	{ "dump", optional_argument, NULL, 'D' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	fprintf(fp, _("Usage: %s [OPTION]...\n"), "ssnews");
}

int
main(int argc, char **argv)
{
	enum dump_format	 format = DUMP_JSON;
	int			 c, dump = 0;

	setlocale(LC_ALL, "");
	text_set_utf8(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	log_init("ssnews");
	while ((c = getopt_long(argc, argv, "hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'D':
			dump = 1;
			if (optarg == NULL || strcmp(optarg, "json") == 0)
				format = DUMP_JSON;
			else if (strcmp(optarg, "tsv") == 0)
				format = DUMP_TSV;
			else {
				log_warnx(_("unknown dump format '%s'"), optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("ssnews %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (dump)
		return cmd_dump(format, argv + optind, argc - optind);
	usage(stderr);
	return 2;
}
