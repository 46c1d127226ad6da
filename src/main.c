/*
 * ssnews: a terminal reader for social-security news.
 *
 * main() parses the command line, sets things up in order (locale,
 * options, feed list, cache) and hands over to one mode: the interface,
 * -x commands, --dump, OPML import/export or --dump-config.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "log.h"
#include "text.h"

static const struct option long_options[] = {
	{ "cache-dir", required_argument, NULL, 'c' },
	{ "config", required_argument, NULL, 'C' },
	{ "digest", optional_argument, NULL, CLI_DIGEST },
	{ "dump", optional_argument, NULL, CLI_DUMP },
	{ "dump-config", no_argument, NULL, CLI_DUMP_CONFIG },
	{ "execute", required_argument, NULL, 'x' },
	{ "export-opml", no_argument, NULL, 'e' },
	{ "filter", required_argument, NULL, CLI_FILTER },
	{ "help", no_argument, NULL, 'h' },
	{ "import-opml", required_argument, NULL, 'i' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "refresh-on-start", no_argument, NULL, 'r' },
	{ "since", required_argument, NULL, CLI_SINCE },
	{ "url-file", required_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *fp)
{
	/* L10N: keep the option names; align the descriptions as you like. */
	fprintf(fp, _("Usage: ssnews [OPTION]...\n"
	    "   or: ssnews --dump[=json|tsv] [SOURCE]...\n"
	    "   or: ssnews --digest[=text|markdown|html] [--since=AGE]\n"
	    "A terminal reader for social-security news.\n\n"));
	fprintf(fp, _("  -u, --url-file=FILE      read the feed list from FILE\n"
	    "  -C, --config=FILE        read the configuration from FILE\n"
	    "  -c, --cache-dir=DIR      keep the cache in DIR\n"
	    "  -x, --execute=CMD...     run commands and exit: reload, "
	    "print-unread\n"
	    "  -r, --refresh-on-start   reload all feeds when starting\n"
	    "  -i, --import-opml=FILE   add the feeds of an OPML file to the "
	    "feed list\n"
	    "  -e, --export-opml        write the feed list as OPML to "
	    "standard output\n"
	    "  -q, --quiet              with -x reload: no summary, no progress\n"));
	fprintf(fp, _("      --dump[=FORMAT]      print the items of SOURCEs "
	    "(files or URLs;\n"
	    "                           default: every listed feed) as json "
	    "or tsv\n"
	    "      --digest[=FORMAT]    print a brief by topic as text, "
	    "markdown or html\n"
	    "      --since=AGE          with --digest: items of the last AGE "
	    "(7d, 24h)\n"
	    "      --filter=EXPR        with --dump or --digest: items "
	    "matching EXPR\n"
	    "      --dump-config        print every option with its value\n"
	    "  -h, --help               show this help and exit\n"
	    "  -V, --version            show the version and exit\n\n"));
	fprintf(fp, _("See ssnews(1) for keys, configuration and files.\n"));
}

/* Add one -x command; several may follow one -x, as with newsboat. */
static int
add_command(struct cli *cli, const char *cmd)
{
	if (strcmp(cmd, "reload") == 0)
		cli->reload = 1;
	else if (strcmp(cmd, "print-unread") == 0)
		cli->print_unread = 1;
	else {
		log_warnx(_("unknown command '%s' (try reload or "
		    "print-unread)"), cmd);
		return -1;
	}
	return 0;
}

static int
parse_format(const char *arg, const char *const *names, int *out)
{
	int	 i;

	for (i = 0; names[i] != NULL; i++) {
		if (arg == NULL || strcmp(arg, names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	log_warnx(_("unknown format '%s'"), arg);
	return -1;
}

/* The command line into cli; -1 on a usage error (exit status 2). */
static int
parse_args(struct cli *cli, int argc, char **argv)
{
	static const char *const dumps[] = { "json", "tsv", NULL };
	static const char *const digests[] = { "text", "markdown", "html",
		NULL };
	int	 c;

	while ((c = getopt_long(argc, argv, "c:C:ehi:qrVu:x:", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'c': cli->cache_dir = optarg; break;
		case 'C': cli->config = optarg; break;
		case 'e': cli->export_opml = 1; break;
		case 'h': cli->help = 1; break;
		case 'i': cli->import_opml = optarg; break;
		case 'q': cli->quiet = 1; break;
		case 'r': cli->refresh = 1; break;
		case 'u': cli->urls = optarg; break;
		case 'V': cli->version = 1; break;
		case 'x':
			if (add_command(cli, optarg) != 0)
				return -1;
			while (optind < argc && argv[optind][0] != '-') {
				if (add_command(cli, argv[optind++]) != 0)
					return -1;
			}
			break;
		case CLI_DUMP:
			cli->dump = 1;
			if (parse_format(optarg, dumps, &cli->dump_format))
				return -1;
			break;
		case CLI_DIGEST:
			cli->digest = 1;
			if (parse_format(optarg, digests, &cli->digest_format))
				return -1;
			break;
		case CLI_DUMP_CONFIG: cli->dump_config = 1; break;
		case CLI_FILTER: cli->filter = optarg; break;
		case CLI_SINCE: cli->since = optarg; break;
		default:
			return -1;
		}
	}
	cli->sources = argv + optind;
	cli->nsources = argc - optind;
	if (cli->nsources > 0 && !cli->dump) {
		log_warnx(_("unexpected argument '%s'"), cli->sources[0]);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli	 cli;

	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	/* SSNEWS_LOCALEDIR: catalogues not installed yet (the tests). */
	bindtextdomain(PACKAGE, getenv("SSNEWS_LOCALEDIR") != NULL ?
	    getenv("SSNEWS_LOCALEDIR") : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	text_set_utf8(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	log_init("ssnews");
	log_debug("start");

	memset(&cli, 0, sizeof cli);
	if (parse_args(&cli, argc, argv) != 0) {
		fprintf(stderr, _("Try 'ssnews --help' for more "
		    "information.\n"));
		return 2;
	}
	if (cli.help) {
		usage(stdout);
		return 0;
	}
	if (cli.version)
		return cli_version();
	return cli_run(&cli);
}
