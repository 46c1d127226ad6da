/*
 * topics-eval: measure the topic matcher.
 *
 *   topics-eval [-nv] [-u USERFILE] HEADLINES.tsv
 *	precision and recall per topic on the labelled headlines (tune,
 *	held-out and all); -n matches as if the language were unknown;
 *	-v also lists the wrong tune items, never the held-out ones, so
 *	that tuning cannot look at them
 *   topics-eval -b [-n] [-u USERFILE] [N]
 *	time topics_match() on N (20000) generated items of ~1.5 kB of HTML
 *	news prose (CPU time, the best of five passes); -n: language unknown
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "topics.h"
#include "../tests/headlines.h"

static void	 eval(FILE *, int, int);
static void	 bench(unsigned, int);
static double	 now(void);

/* "pensions,coverage" (or "-") as a topics mask. */
static uint32_t
parse_labels(const char *s)
{
	uint32_t	 mask;

	if (hl_mask(s, &mask) == -1) {
		fprintf(stderr, "unknown topic in %s\n", s);
		exit(2);
	}
	return mask;
}

/* Print the topic names of a mask. */
static void
print_mask(uint32_t m)
{
	unsigned	 t;
	int		 first = 1;

	for (t = 0; t < topics_count(); t++) {
		if (m & (UINT32_C(1) << t)) {
			printf("%s%s", first ? "" : ",", topics_id(t));
			first = 0;
		}
	}
	if (first)
		printf("-");
}

static void
eval(FILE *f, int verbose, int nolang)
{
	struct hl_counts c[HL_SPLITS];
	char		 line[4096], *col[HL_COLUMNS];
	uint32_t	 want, got;
	double		 prec, rec;
	int		 held;

	memset(c, 0, sizeof c);
	while (hl_next(f, line, sizeof line, col)) {
		want = parse_labels(col[HL_TOPICS]);
		got = topics_match(col[HL_TITLE], col[HL_SUMMARY], NULL,
		    nolang ? NULL : col[HL_LANG], NULL, 0);
		held = strcmp(col[HL_SPLIT], "held") == 0;
		hl_count(c, held, want, got);
		if (verbose && !held && want != got) {
			printf("%s want ", col[HL_LANG]);
			print_mask(want);
			printf(" got ");
			print_mask(got);
			printf(": %s | %s\n", col[HL_TITLE], col[HL_SUMMARY]);
		}
	}
	hl_report("tune", &c[HL_TUNE], &prec, &rec);
	hl_report("held-out", &c[HL_HELD], &prec, &rec);
	hl_report("all", &c[HL_ALL], &prec, &rec);
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* News prose, one language per item; about one in three on our topics. */
static const char *const bench_text[4][8] = { {
	"The government announced on Tuesday that it would present a new "
	"budget to parliament before the summer recess.",
	"Ministers said the state pension would rise by 4.1% in April, "
	"in line with average earnings.",
	"Shares in the company fell sharply after it warned that profits "
	"would be lower than expected this year.",
	"The report found that the number of people claiming unemployment "
	"benefits rose for the third month in a row.",
	"Officials at the central bank are expected to hold interest rates "
	"steady when they meet next week.",
	"Storms brought heavy rain and strong winds to much of the country "
	"on Sunday, disrupting travel &amp; power supplies.",
	"Campaigners welcomed the decision but said families on Universal "
	"Credit still faced a difficult winter.",
	"The club&rsquo;s manager said the squad was ready for the final "
	"after a week of intensive training.",
}, {
	"Le gouvernement a pr&eacute;sent&eacute; mercredi son projet de "
	"loi de finances pour l’année prochaine.",
	"Selon l’Insee, le taux de chômage est resté stable au troisième "
	"trimestre, à 7,4 % de la population active.",
	"Les syndicats appellent à une nouvelle journée de mobilisation "
	"contre la réforme des retraites.",
	"La Bourse de Paris a terminé la séance en légère hausse, portée "
	"par les valeurs du luxe.",
	"Météo-France a placé seize départements en vigilance orange pour "
	"des orages violents.",
	"Le ministre a rencontré les élus locaux pour évoquer la sécurité "
	"et les transports.",
	"Les allocations familiales seront revalorisées de 4,6 % au 1er "
	"avril, a annoncé la CAF.",
	"Le club lyonnais s’est imposé sur la pelouse de Marseille grâce "
	"à un but en fin de match.",
}, {
	"El Gobierno aprobó este martes en el Consejo de Ministros el "
	"proyecto de presupuestos para el próximo año.",
	"El paro registrado bajó en 60.000 personas en abril, según los "
	"datos publicados por el ministerio.",
	"Las pensiones subirán un 2,8 % en enero con la revalorización "
	"ligada al IPC.",
	"La Bolsa española cerró la sesión con ligeras ganancias gracias "
	"al impulso de los bancos.",
	"La Agencia Estatal de Meteorología activó el aviso rojo por "
	"calor extremo en Andalucía.",
	"El alcalde inauguró el nuevo centro cultural en presencia de "
	"vecinos y representantes de asociaciones.",
	"El equipo consiguió la victoria en el último minuto y se coloca "
	"líder de la clasificación.",
	"Los sindicatos reclaman una subida salarial acorde con la "
	"inflación de los últimos años.",
}, {
	"Die Bundesregierung hat am Mittwoch den Entwurf für den Haushalt "
	"des kommenden Jahres beschlossen.",
	"Die Renten steigen zum 1. Juli um 3,74 Prozent, teilte das "
	"Bundesministerium für Arbeit und Soziales mit.",
	"Die Zahl der Arbeitslosen ist im Januar saisonbedingt auf mehr "
	"als drei Millionen gestiegen.",
	"Der DAX schloss am Freitag mit einem leichten Plus, gestützt von "
	"Autowerten.",
	"Der Deutsche Wetterdienst warnt vor Starkregen und Gewittern im "
	"Süden des Landes.",
	"Der Bürgermeister eröffnete das neue Schwimmbad nach zwei Jahren "
	"Bauzeit.",
	"Die Mannschaft gewann das Spitzenspiel und übernahm die "
	"Tabellenführung in der Bundesliga.",
	"Die Krankenkassen erwarten für das kommende Jahr höhere "
	"Zusatzbeiträge.",
} };
static const char *const bench_langs[4] = { "en", "fr", "es", "de" };

static void
bench(unsigned n, int unknown)
{
	struct buf	 b;
	char		**items;
	unsigned	 i, k, hits = 0, pass;
	double		 t0, t1, best = 0;
	size_t		 total = 0;

	items = calloc(n, sizeof *items);
	srand(1);
	for (i = 0; i < n; i++) {
		buf_init(&b, BUF_UNLIMITED);
		buf_addstr(&b, "<div class=\"entry\"><p>");
		while (b.len < 1500) {
			k = (unsigned)rand();
			buf_addstr(&b, bench_text[i % 4][k % 8]);
			if (k % 5 == 0)
				buf_addstr(&b, " <a href=\"https://example.org/"
				    "news/2024/story?id=123\">More</a>");
			buf_addstr(&b, k % 3 == 0 ? "</p>\n<p>" : " ");
		}
		buf_addstr(&b, "</p></div>");
		total += b.len;
		items[i] = buf_take(&b);
	}
	for (pass = 0; pass < 5; pass++) {	/* the best of five */
		hits = 0;
		t0 = now();
		for (i = 0; i < n; i++)
			hits += topics_match("A headline of no interest", NULL,
			    items[i], unknown ? NULL : bench_langs[i % 4],
			    NULL, 0) != 0;
		t1 = now();
		if (pass == 0 || t1 - t0 < best)
			best = t1 - t0;
	}
	printf("%u items, %zu bytes of HTML, language %s: %.1f ms of CPU "
	    "(%.0f MB/s), %u tagged\n", n, total, unknown ? "unknown" :
	    "known", best * 1e3, total / best / 1e6, hits);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

int
main(int argc, char **argv)
{
	char	*cause = NULL, *user = NULL;
	FILE	*f;
	int	 verbose = 0, nolang = 0, bflag = 0, c;

	while ((c = getopt(argc, argv, "bnu:v")) != -1) {
		switch (c) {
		case 'b':
			bflag = 1;
			break;
		case 'n':
			nolang = 1;
			break;
		case 'u':
			user = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			return 2;
		}
	}
	if (topics_load(user, &cause) == -1) {
		fprintf(stderr, "%s\n", cause);
		return 2;
	}
	if (bflag) {
		bench(optind < argc ? (unsigned)atoi(argv[optind]) : 20000,
		    nolang);
		topics_free();
		return 0;
	}
	if (optind >= argc || (f = fopen(argv[optind], "r")) == NULL) {
		fprintf(stderr, "usage: topics-eval [-nv] [-u file] "
		    "headlines.tsv\n       topics-eval -b [-n] [-u file] "
		    "[items]\n");
		return 2;
	}
	eval(f, verbose, nolang);
	fclose(f);
	topics_free();
	return 0;
}
