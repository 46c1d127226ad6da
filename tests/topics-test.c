/*
 * Tests for the topic matcher: tables of items per language (folding,
 * acronyms, compounds, phrases across white space and tags, word
 * boundaries, weak terms, negative contexts, languages), highlighted
 * spans, the user file (extend, replace, errors with FILE:LINE), and the
 * precision and recall on the labelled headlines in data/headlines.tsv.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "headlines.h"
#include "topics.h"
#include "xmalloc.h"

/* Micro-averaged over the whole labelled set; see the report in the log. */
#define MIN_PRECISION	0.95
#define MIN_RECALL	0.90

static uint32_t	 mask_of(const char *);
static void	 test_match(void);
static void	 test_tags(void);
static void	 test_spans(void);
static const char *user_file(const char *, const char *);
static void	 test_extend(const char *);
static void	 test_replace(const char *);
static void	 load_fails(const char *, const char *, const char *);
static void	 test_errors(const char *);
static void	 test_ids(void);
static void	 test_headlines(const char *);


struct match_case {
	const char	*lang;		/* NULL: unknown */
	const char	*title;
	const char	*summary;	/* HTML */
	const char	*want;		/* topic ids, comma-separated */
};

static const struct match_case match_cases[] = {
	/* English: inflections, acronyms with their case, boundaries. */
	{ "en", "State pension to rise in April", NULL, "pensions" },
	{ "en", "Pensioners and retirees protest", NULL, "pensions" },
	{ "en", "Suspension of the rail service", NULL, "" },
	{ "en", "SSDI backlog grows", NULL, "disability" },
	{ "en", "Ssdi backlog grows", NULL, "" },
	{ "en", "US jobless claims fall", NULL, "unemployment" },
	{ "en", "Workers' compensation premiums fall", NULL, "injury" },
	{ "en", "Workers’ compensation premiums fall", NULL, "injury" },
	{ "en", "A new social\n\t  security agreement", NULL, "coverage" },
	{ "en", "Gig workers gain <b>social</b> security", NULL, "" },
	{ "en", NULL, "Gig workers gain <b>social</b> security", "coverage" },
	{ "en", NULL, "<p>social<br/>protection</p>", "coverage" },
	{ "en", "Scammers steal Social Security numbers", NULL, "" },
	{ "en", "Serena Williams announces retirement", NULL, "" },
	{ "en", "Three dead in retirement home fire", NULL, "" },
	{ "en", "Raising the retirement age", NULL, "pensions" },
	{ "en", "Animal welfare groups protest", NULL, "" },
	{ "en", "Animal welfare and social security", NULL, "coverage" },
	{ "en", "Hostages' welfare checked", NULL, "" },
	{ "en", "Welfare claimants face cuts", NULL, "assistance" },
	{ "en", "Welfare and social security", NULL, "assistance,coverage" },
	{ "en", "Welfare states must adapt", NULL, "coverage" },
	{ "en", "Golf handicap rules change", NULL, "" },
	{ "en", "Media coverage of the trial", NULL, "" },
	{ "en", "Medicaid coverage ends for millions", NULL, "health" },
	{ "en", "ILO report on decent work", NULL, "" },
	{ "en", "ISSA meets in Geneva", NULL, "coverage" },
	{ "en", "Benefits of a good diet", NULL, "" },
	/* French: accents folded both ways, elision, weak retraite. */
	{ "fr", "Réforme des retraites : le 49.3", NULL, "pensions" },
	{ "fr", "REFORME DES RETRAITES", NULL, "pensions" },
	{ "fr", "Retraite de Russie : une exposition", NULL, "" },
	{ "fr", "Monfils repousse sa retraite", NULL, "" },
	{ "fr", "Sa retraite et la sécurité sociale", NULL,
	    "pensions,coverage" },
	{ "fr", "Les demandeurs d’emploi inscrits", NULL, "unemployment" },
	{ "fr", "L'assurance chômage", NULL, "unemployment" },
	{ "fr", "Pension complète ou demi-pension", NULL, "" },
	{ "fr", "Le pensionnat fête ses 150 ans", NULL, "" },
	{ "fr", "Le RSA augmente", NULL, "assistance" },
	{ "fr", "Le rsa augmente", NULL, "" },
	{ "fr", "La CAF attribue la CAN au Maroc", NULL, "" },
	{ "fr", "La CAF et les allocations familiales", NULL, "family" },
	{ "fr", "Un lourd handicap pour l'économie", NULL, "" },
	{ "fr", "Personnes en situation de handicap", NULL, "disability" },
	{ "fr", "Mutuelles : les cotisations augmentent", NULL,
	    "health,contributions" },
	{ "fr", "La cotisation foncière des entreprises", NULL, "" },
	{ "fr", NULL, "<p>r&eacute;forme des retraites</p>", "pensions" },
	{ "fr", NULL, "r&#233;forme des retraites", "pensions" },
	{ "fr", NULL, "<!-- retraites --> rien", "" },
	{ "fr", NULL, "<a href=\"/retraites\">lien</a>", "" },
	{ "fr", "Sécurité\xc2\xa0sociale", NULL, "coverage" },
	/* Spanish: "el paro" against strikes and cardiac arrest. */
	{ "es", "El paro baja en abril", NULL, "unemployment" },
	{ "es", "Paro de transportistas en Argentina", NULL, "" },
	{ "es", "Sufre un paro cardíaco", NULL, "" },
	{ "es", "Convocan un paro en el metro", NULL, "" },
	{ "es", "Un paro en la seguridad social", NULL,
	    "unemployment,coverage" },
	{ "es", "El paro de controladores aéreos", NULL, "" },
	{ "es", "Paro: 25.000 desempleados menos", NULL, "unemployment" },
	{ "es", "Los jubilados cobrarán la paga extra", NULL, "pensions" },
	{ "es", "Jubileo 2025 en Roma", NULL, "" },
	{ "es", "La dependencia del gas ruso", NULL, "" },
	{ "es", "Ley de Dependencia", NULL, "disability" },
	{ "es", "Pensión alimenticia: criterios", NULL, "" },
	{ "es", "Pensión de invalidez no contributiva", NULL,
	    "disability,assistance" },
	{ "es", "El IMV llega a más hogares", NULL, "assistance" },
	/* German: compounds, suffixes, hyphens, soft hyphens, bonds. */
	{ "de", "Rentenerhöhung zum 1. Juli", NULL, "pensions" },
	{ "de", "Mütterrente soll steigen", NULL, "pensions" },
	{ "de", "Riester-Rente vor dem Aus", NULL, "pensions" },
	{ "de", "Rentenmärkte unter Druck", NULL, "" },
	{ "de", "Referentenentwurf liegt vor", NULL, "" },
	{ "de", "Konkurrenten im Vergleich", NULL, "" },
	{ "de", "Erwerbsminderungsrente steigt", NULL, "disability" },
	{ "de", "Langzeitarbeitslose finden kaum Jobs", NULL,
	    "unemployment" },
	{ "de", "Bürgergeld-Empfänger in Sorge", NULL, "assistance" },
	{ "de", "Kindergrundsicherung gescheitert", NULL,
	    "family,assistance" },
	{ "de", "Renten\xc2\xadversicherung meldet Plus", NULL, "pensions" },
	{ "de", "Rentnerin stirbt bei Brand", NULL, "" },
	{ "de", "Pension am Gardasee", NULL, "" },
	/* Languages: the item's, with a region, or none (every list). */
	{ "fr-FR", "Les retraites", NULL, "pensions" },
	{ "en-US", "Les retraites", NULL, "" },
	{ NULL, "Les retraites", NULL, "pensions" },
	{ "it", "Les retraites", NULL, "pensions" },
	{ NULL, "Le pensionnat fête ses 150 ans", NULL, "" },
	{ "en", "", "", "" },
	{ NULL, NULL, NULL, "" },
};

/* The topics mask of "pensions,coverage". */
static uint32_t
mask_of(const char *ids)
{
	uint32_t	 m;

	CHECK(hl_mask(ids, &m) == 0, "unknown topic in \"%s\"", ids);
	return m;
}

static void
test_match(void)
{
	const struct match_case	*c;
	size_t			 i;
	uint32_t		 got, want;

	for (i = 0; i < sizeof match_cases / sizeof match_cases[0]; i++) {
		c = &match_cases[i];
		want = mask_of(c->want);
		got = topics_match(c->title, c->summary, NULL, c->lang, NULL,
		    0);
		CHECK(got == want, "%s \"%s\" \"%s\": got %#x, want %#x (%s)",
		    c->lang ? c->lang : "-", c->title ? c->title : "",
		    c->summary ? c->summary : "", (unsigned)got,
		    (unsigned)want, c->want);
	}
}

/* Language tags count with the language field; content counts too. */
static void
test_tags(void)
{
	const char *const	 fr[] = { "service-public", "fr", "filter" };
	const char *const	 us[] = { "ssa", "us", "en" };
	uint32_t		 pensions = mask_of("pensions");

	CHECK(topics_match("Pension complète", NULL, NULL, NULL, fr, 3) == 0,
	    "fr tag: the French negative context applies");
	CHECK(topics_match("Les retraites", NULL, NULL, NULL, us, 3) == 0,
	    "en tag: no French list");
	CHECK(topics_match("Les retraites", NULL, NULL, "en", fr, 3) ==
	    pensions, "language and tag together");
	CHECK(topics_match("Nothing", NULL, "<p>The <b>state pension</b> "
	    "&amp; more</p>", "en", NULL, 0) == pensions, "content");
	/* A weak term in the title confirmed by the content. */
	CHECK(topics_match("Welfare overhaul", NULL, "Social security "
	    "changes", "en", NULL, 0) == mask_of("assistance,coverage"),
	    "weak confirmed across fields");
}

struct span_case {
	const char	*lang;
	const char	*text;
	size_t		 max;
	size_t		 n;
	struct topic_span want[3];	/* topic as an id index below */
	const char	*ids[3];	/* NULL: an organisation name */
};

static const struct span_case span_cases[] = {
	{ "en", "The pension reform and the ILO.", 8, 2,
	    { { 4, 7, 0 }, { 27, 3, 0 } }, { "pensions", NULL } },
	{ "fr", "sécurité\nsociale", 8, 1,
	    { { 0, 18, 0 } }, { "coverage" } },
	{ "fr", "réforme des retraites", 8, 1,
	    { { 0, 22, 0 } }, { "pensions" } },
	{ "en", "welfare", 8, 0, { { 0, 0, 0 } }, { NULL } },
	{ "en", "welfare and social security", 8, 2,
	    { { 0, 7, 0 }, { 12, 15, 0 } }, { "assistance", "coverage" } },
	{ "fr", "La CAF et les allocations familiales", 8, 2,
	    { { 3, 3, 0 }, { 14, 22, 0 } }, { "family", "family" } },
	{ "en", "The pension reform and the ILO.", 1, 1,
	    { { 4, 7, 0 } }, { "pensions" } },
	{ "de", "Die Mütterrente", 8, 1,
	    { { 4, 12, 0 } }, { "pensions" } },
	{ "en", "Pensioners, retirees", 8, 2,
	    { { 0, 10, 0 }, { 12, 8, 0 } }, { "pensions", "pensions" } },
};

static void
test_spans(void)
{
	const struct span_case	*c;
	struct topic_span	 got[8];
	size_t			 i, j, n;
	int			 topic;

	for (i = 0; i < sizeof span_cases / sizeof span_cases[0]; i++) {
		c = &span_cases[i];
		n = topics_spans(c->text, c->lang, got, c->max);
		CHECK(n == c->n, "\"%s\": %zu spans, want %zu", c->text, n,
		    c->n);
		for (j = 0; j < n && j < c->n; j++) {
			topic = c->ids[j] != NULL ?
			    topics_lookup(c->ids[j]) : TOPICS_NONE;
			CHECK(got[j].off == c->want[j].off &&
			    got[j].len == c->want[j].len &&
			    got[j].topic == topic, "\"%s\" span %zu: %zu+%zu "
			    "topic %d, want %zu+%zu topic %d", c->text, j,
			    got[j].off, got[j].len, got[j].topic,
			    c->want[j].off, c->want[j].len, topic);
		}
	}
}

/* Write a user file into dir; returns its path (static). */
static const char *
user_file(const char *dir, const char *text)
{
	static char	 path[512];
	FILE		*f;

	snprintf(path, sizeof path, "%s/topics", dir);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(99);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

struct error_case {
	const char	*text;
	const char	*want;		/* after "PATH:" */
};

static const struct error_case error_cases[] = {
	{ "topic pensions\nen: pension*, , x\n", "2: empty term" },
	{ "en: pension\n", "1: terms before the first \"topic\"" },
	{ "\ntopic Bad_ID\n", "2: a topic ID is 1 to 31 lower-case letters, "
	    "digits, \"-\" or \"_\"" },
	{ "topic a\nen pension\n", "2: expected \"topic ID\", \"highlight\" "
	    "or \"LANGUAGE: terms\"" },
	{ "topic a\nen: ab*\n", "2: a first word with \"*\" needs four "
	    "letters" },
	{ "topic a\nen: pen*sion\n", "2: \"*\" must end a word" },
	{ "topic a\nde: *RENTE\n", "2: an acronym cannot start inside a "
	    "word" },
	{ "topic a\nen: -x\n", "2: a term starts with at least two letters "
	    "or digits" },
	{ "# comment\n\ntopic a\nreplace\n", "4: \"replace\" must be the "
	    "first line of a user file" },
	{ "topic a\nenglish: x\n", "2: a language is a code of two or three "
	    "letters, or \"*\"" },
	{ "highlight\n*: ~ILO\n", "2: a highlighted name takes no "
	    "modifier" },
};

/* Extend: new terms for a topic, a new topic with its name. */
static void
test_extend(const char *dir)
{
	const char	*path;
	char		*cause = NULL;

	path = user_file(dir, "# mine\ntopic pensions\nen: golden years\n"
	    "topic space  Space policy  # a comment\n*: astronaut*, NASA\n");
	CHECK(topics_load(path, &cause) == 0, "extend: %s", cause);
	CHECK(topics_count() == 11, "extend: %u topics", topics_count());
	CHECK(topics_lookup("space") == 10, "extend: space is topic %d",
	    topics_lookup("space"));
	CHECK_STR(topics_name(10), "Space policy", "extend: name");
	CHECK_STR(topics_name(0), "Pensions", "extend: standard name");
	CHECK(topics_match("NASA hires astronauts", NULL, NULL, "en", NULL,
	    0) == UINT32_C(1) << 10, "extend: new topic");
	CHECK(topics_match("Nasa hires", NULL, NULL, "en", NULL, 0) == 0,
	    "extend: acronym case");
	CHECK(topics_match("My golden years", NULL, NULL, "en", NULL, 0) ==
	    1, "extend: new term");
	CHECK(topics_match("State pension", NULL, NULL, "en", NULL, 0) == 1,
	    "extend: built-in term");
}

/* Replace: only the user's vocabulary is left. */
static void
test_replace(const char *dir)
{
	const char	*path;
	char		*cause = NULL;

	path = user_file(dir, "\n# only mine\nreplace\ntopic x\nen: zebra*\n");
	CHECK(topics_load(path, &cause) == 0, "replace: %s", cause);
	CHECK(topics_count() == 1, "replace: %u topics", topics_count());
	CHECK_STR(topics_id(0), "x", "replace: id");
	CHECK_STR(topics_name(0), "x", "replace: name");
	CHECK_STR(topics_id(1), "", "replace: no topic 1");
	CHECK(topics_lookup("pensions") == -1, "replace: no pensions");
	CHECK(topics_match("State pension", NULL, NULL, "en", NULL, 0) == 0,
	    "replace: built-in term gone");
	CHECK(topics_match("Zebras", NULL, NULL, "en", NULL, 0) == 1,
	    "replace: user term");
}

/* Load text as the user file: it must fail with PATH:want. */
static void
load_fails(const char *dir, const char *text, const char *want)
{
	const char	*path;
	char		*cause = NULL, full[1024];

	path = user_file(dir, text);
	CHECK(topics_load(path, &cause) == -1, "loaded: %s", want);
	snprintf(full, sizeof full, "%s:%s", path, want);
	CHECK_STR(cause, full, "error message");
	free(cause);
	CHECK(topics_count() == 10 && topics_lookup("coverage") == 9,
	    "built-in vocabulary kept after: %s", want);
}

/* Errors: FILE:LINE: message, and the built-in vocabulary stays. */
static void
test_errors(const char *dir)
{
	char	 text[6000], *p, *cause = NULL;
	size_t	 i;
	int	 k;

	for (i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++)
		load_fails(dir, error_cases[i].text, error_cases[i].want);
	memcpy(text, "topic a\nen: ", 12);
	memset(text + 12, 'x', 5000);
	memcpy(text + 5012, "\n", 2);
	load_fails(dir, text, "2: line too long");
	for (k = 0, p = text; k < 23; k++)
		p += snprintf(p, 32, "topic t%d\n", k);
	load_fails(dir, text, "23: too many topics (at most 32)");

	/* A missing file is no error; a directory is one. */
	snprintf(text, sizeof text, "%s/missing", dir);
	CHECK(topics_load(text, &cause) == 0, "missing file");
	CHECK(topics_count() == 10, "missing file: built-in");
	CHECK(topics_load(dir, &cause) == -1, "directory loaded");
	if (cause == NULL)
		cause = xstrdup("(none)");
	CHECK(strncmp(cause, dir, strlen(dir)) == 0 &&
	    cause[strlen(dir)] == ':', "directory: %s", cause);
	free(cause);
	CHECK(topics_load(NULL, &cause) == 0, "built-in only");
}

/* The standard topics, in the order of domain/topics.md. */
static void
test_ids(void)
{
	static const char *const ids[] = {
		"pensions", "unemployment", "disability", "sickness",
		"injury", "family", "health", "assistance", "contributions",
		"coverage",
	};
	unsigned	 i;

	topics_free();
	CHECK(topics_count() == 10, "%u topics (loaded on demand)",
	    topics_count());
	for (i = 0; i < 10; i++) {
		CHECK_STR(topics_id(i), ids[i], "id");
		CHECK(topics_lookup(ids[i]) == (int)i, "lookup %s", ids[i]);
	}
	CHECK_STR(topics_id(10), "", "id past the end");
	CHECK_STR(topics_name(6), "Health coverage", "name");
	CHECK_STR(topics_name(9), "Coverage & systems", "name");
	CHECK(topics_lookup("nothing") == -1, "lookup nothing");
}

/* Precision and recall on the labelled headlines. */
static void
test_headlines(const char *srcdir)
{
	struct hl_counts c[HL_SPLITS];
	char		 path[1024], line[4096], *col[HL_COLUMNS];
	FILE		*f;
	uint32_t	 want;
	unsigned	 n = 0;
	double		 prec, rec;

	snprintf(path, sizeof path, "%s/tests/data/headlines.tsv", srcdir);
	f = fopen(path, "r");
	CHECK(f != NULL, "%s: cannot open", path);
	if (f == NULL)
		return;
	memset(c, 0, sizeof c);
	while (hl_next(f, line, sizeof line, col)) {
		n++;
		CHECK(strcmp(col[HL_SPLIT], "tune") == 0 ||
		    strcmp(col[HL_SPLIT], "held") == 0, "item %u: split \"%s\"",
		    n, col[HL_SPLIT]);
		want = mask_of(col[HL_TOPICS]);
		hl_count(c, strcmp(col[HL_SPLIT], "held") == 0, want,
		    topics_match(col[HL_TITLE], col[HL_SUMMARY], NULL,
		    col[HL_LANG], NULL, 0));
	}
	fclose(f);
	CHECK(n >= 400, "%u labelled headlines", n);
	hl_report("tune", &c[HL_TUNE], &prec, &rec);
	hl_report("held-out", &c[HL_HELD], &prec, &rec);
	hl_report("all", &c[HL_ALL], &prec, &rec);
	CHECK(prec >= MIN_PRECISION, "micro precision %.3f < %.2f", prec,
	    MIN_PRECISION);
	CHECK(rec >= MIN_RECALL, "micro recall %.3f < %.2f", rec, MIN_RECALL);
}

int
main(void)
{
	const char	*srcdir = getenv("srcdir");
	char		 dir[] = "/tmp/topics-test.XXXXXX";
	char		 path[600];

	if (srcdir == NULL)
		srcdir = ".";
	test_ids();
	test_match();
	test_tags();
	test_spans();
	test_headlines(srcdir);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_extend(dir);
	test_replace(dir);
	test_errors(dir);
	snprintf(path, sizeof path, "%s/topics", dir);
	unlink(path);
	rmdir(dir);
	test_ids();
	topics_free();
	CHECK_DONE();
}
