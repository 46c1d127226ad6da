#!/bin/sh
# Least privilege (issue 7): what ssnews touches, watched with strace(1).
# With HOME, the XDG directories, TMPDIR and the working directory all in
# a temporary directory, ssnews runs -x reload against tests/server.py on
# 127.0.0.1, --dump of the listed feeds and of a file, -x print-unread,
# --digest, -i and -e, each under
#   strace -f -ff -y -s 4096 -e trace=%file,%network,%process
# and every system call of every thread is checked:
#   write    a file opened for writing, created, renamed, linked,
#            unlinked or changed is inside the directories that ssnews(1)
#            says it writes ($XDG_DATA_HOME/ssnews, and for -i
#            $XDG_CONFIG_HOME/ssnews), or the SSNEWS_LOG file, /dev/null
#            or /dev/tty; mkdir of a directory above those is allowed
#   read     a file opened for reading is one of its own (configuration,
#            feed list, topics file, cache, message catalogues, the feeds
#            and OPML files it is given) or in the allow-list of system
#            files below (the dynamic loader, the resolver, certificates,
#            locale data, /proc/self); with --dump, the cache is not even
#            read
#   connect  connect(), sendto() and sendmsg() go to 127.0.0.1 only, or to
#            the name service cache daemon's socket; nothing binds or
#            listens but netlink (getaddrinfo asks the kernel for the
#            addresses of the machine through it)
#   exec     no program is run
# Attempts count as well as successes (a read of ~/.netrc that fails is
# still a read of ~/.netrc), except mkdir of an existing directory above
# the cache, which "mkdir -p" does on the way down.  Each unexpected
# access is printed with its system call.
#
# Exit status: 0 pass, 1 failure, 77 skip (no strace or ptrace not
# permitted, no python3), 99 hard error.
# Environment: SSNEWS, the binary; srcdir, the source tree; KEEP_TMP=1
# keeps the traces.

# shellcheck disable=SC2317 # (functions called through check)
NAME=files-test
srcdir=${srcdir:-$(dirname "$0")/..}

command -v strace >/dev/null 2>&1 || { echo "SKIP: no strace"; exit 77; }
if ! strace -f -y -e trace=%file,%network,%process -o /dev/null true \
    >/dev/null 2>&1; then
	echo "SKIP: strace cannot trace here (ptrace not permitted, or" \
	    "strace older than 4.17)"
	exit 77
fi

. "$srcdir/tests/lib.sh"

# The private environment of lib.sh, spread out so that each part shows.
XDG_CONFIG_HOME=$tmp/config
XDG_DATA_HOME=$tmp/data
XDG_CACHE_HOME=$tmp/xdg-cache
XDG_STATE_HOME=$tmp/xdg-state
XDG_RUNTIME_DIR=$tmp/xdg-run
TMPDIR=$tmp/tmpdir
SSNEWS_LOCALEDIR=$tmp/locale
SSNEWS_LOG=$tmp/log/ssnews.log
export XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME \
    XDG_RUNTIME_DIR TMPDIR SSNEWS_LOCALEDIR SSNEWS_LOG
unset TERM BROWSER
# LeakSanitizer cannot run under ptrace: leaks are the other tests' job.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS
unset LSAN_OPTIONS

conf_dir=$XDG_CONFIG_HOME/ssnews
cache_dir=$XDG_DATA_HOME/ssnews
work=$tmp/work
mkdir -p "$conf_dir" "$TMPDIR" "$XDG_RUNTIME_DIR" "$tmp/log" "$tmp/feeds" \
    "$tmp/root" "$tmp/traces" "$work" || exit 99
binary=$(cd "$(dirname "$SSNEWS")" && pwd -P)/$(basename "$SSNEWS")
# A wrapper (make check-valgrind runs ssnews through one) would be traced
# instead of ssnews, with everything that it and valgrind touch.
if [ "$(dd if="$binary" bs=2 count=1 2>/dev/null)" = "#!" ]; then
	echo "SKIP: $SSNEWS is a script, not the ssnews binary"
	exit 77
fi

server_start "$tmp/root" 60

# A feed read from a file, by the feed list and by --dump.
cat >"$tmp/feeds/local.xml" <<EOF || exit 99
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local</title>
<link>https://example.org/</link>
<item><title>Pension reform passes the senate</title>
<link>https://example.org/1</link><guid>local-1</guid>
<pubDate>Mon, 01 Jan 2024 12:00:00 GMT</pubDate></item>
</channel></rss>
EOF
cat >"$conf_dir/urls" <<EOF || exit 99
$base/feed/1 "en"
$base/feed/2?items=3 "fr"
file://$tmp/feeds/local.xml "local"
EOF
conf "$conf_dir/config" "max-per-host 1"
cat >"$conf_dir/topics" <<EOF || exit 99
topic care Long-term care
en: long-term care, care home*
EOF
cat >"$work/subs.opml" <<EOF || exit 99
<?xml version="1.0"?>
<opml version="2.0"><head><title>s</title></head><body>
<outline text="x" type="rss" xmlUrl="$base/feed/3"/>
</body></opml>
EOF

# Where ssnews may read: its own files.
readable="$conf_dir|$cache_dir|$tmp/feeds|$SSNEWS_LOCALEDIR|$work/subs.opml"

# traced RUN WRITABLE NOREAD EXPECT ARGS...: ssnews under strace, from
# $work, output in $tmp/RUN.out and .err, status in $status; then the
# trace is checked (WRITABLE: the directories it may write besides the
# log; NOREAD: directories it must not even read; EXPECT: accesses that
# must be seen, read:PATH, write:PATH or connect:ADDRESS, so that a check
# cannot pass on an empty trace; each a list separated by "|") and the
# problems are in $tmp/RUN.report.
traced() {
	t_run=$1 t_write=$2 t_noread=$3 t_expect=$4
	shift 4
	(cd "$work" && exec strace -f -ff -y -s 4096 \
	    -e trace=%file,%network,%process -o "$tmp/traces/$t_run" \
	    "$binary" "$@" >"$tmp/$t_run.out" 2>"$tmp/$t_run.err")
	status=$?
	python3 - "$t_run" "$work" "$readable" "$binary" "$SSNEWS_LOG" \
	    "$t_write" "$t_noread" "$t_expect" "$tmp/traces/$t_run".* \
	    >"$tmp/$t_run.report" <<'EOF' || exit 99
import os, re, sys

def dirs(s):
    return [d for d in s.split("|") if d]
run, cwd, readable, binary, log = sys.argv[1:6]
readable = dirs(readable) + [log]
writable = dirs(sys.argv[6]) + [log]
noread = dirs(sys.argv[7])
expect = dirs(sys.argv[8])
traces = sys.argv[9:]

# System files a libc, libcurl, OpenSSL/GnuTLS and ncurses program reads.
READ_FILES = {
    "/etc/ld.so.cache", "/etc/ld.so.preload",          # dynamic loader
    "/etc/resolv.conf", "/etc/hosts", "/etc/host.conf", # resolver
    "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/services",
    "/etc/localtime",                                   # time zone
    "/dev/urandom", "/dev/random", "/dev/null", "/dev/tty",
}
READ_DIRS = (
    "/etc/ssl/", "/etc/pki/", "/etc/ca-certificates/",  # certificates
    "/etc/gnutls/",
    "/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/",     # libraries, gconv,
    "/usr/lib32/", "/usr/libx32/",                      # openssl.cnf
    "/usr/share/",       # locale, terminfo, zoneinfo, ca-certificates
    "/proc/self/", "/proc/thread-self/",                # and /proc/PID/
    "/sys/devices/system/cpu/",                         # CPU count
)
WRITE_FILES = {"/dev/null", "/dev/tty"}
NSCD = {"/var/run/nscd/socket", "/run/nscd/socket"}

WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
PATH_ONLY = {   # system call: which string arguments are paths it changes
    "mkdir": (0,), "mkdirat": (0,), "rmdir": (0,),
    "unlink": (0,), "unlinkat": (0,),
    "rename": (0, 1), "renameat": (0, 1), "renameat2": (0, 1),
    "link": (0, 1), "linkat": (0, 1), "symlink": (1,), "symlinkat": (1,),
    "truncate": (0,), "chmod": (0,), "fchmodat": (0,), "chown": (0,),
    "lchown": (0,), "fchownat": (0,), "utime": (0,), "utimes": (0,),
    "utimensat": (0,), "futimesat": (0,), "mknod": (0,), "mknodat": (0,),
    "setxattr": (0,), "lsetxattr": (0,), "removexattr": (0,),
    "lremovexattr": (0,),
}
OPENS = {"open", "openat", "openat2", "creat"}
EXECS = {"execve", "execveat"}

LINE = re.compile(r'^(?:\d+ +)?([a-z_0-9]+)\((.*)\) += (-?\w+)(.*)$')
STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
# a path argument, after its directory argument if it has one, which
# strace -y follows with the directory's name: AT_FDCWD</tmp/x>, "name"
PATH_ARG = re.compile(r'(?:(AT_FDCWD|\d+)(?:<([^>]*)>)?, )?'
    r'"((?:[^"\\]|\\.)*)"')

def unescape(s):
    return re.sub(r'\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)', lambda m:
        chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "x" else
        chr(int(m.group(1), 8)) if m.group(1)[0] in "01234567" else
        {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)),
        s)

def under(path, root):
    root = root.rstrip("/")
    return path == root or path.startswith(root + "/")

def absolute(path, base):
    return os.path.normpath(os.path.join(base, path))

def paths(args, base):
    """The path arguments of a call, made absolute."""
    out = []
    for fd, name, s in PATH_ARG.findall(args):
        start = name if name else base if fd in ("", "AT_FDCWD") else \
            "/?fd" + fd     # a directory strace could not name
        out.append(absolute(unescape(s), start))
    return out

problems = []
seen = set()
execs = 0
# strace -ff names each trace RUN.PID: those are the process's threads
pid_dirs = READ_DIRS + tuple("/proc/%s/" % t.rsplit(".", 1)[-1]
    for t in traces)

def problem(kind, what, line):
    problems.append("%s\t%s\t%s" % (kind, what, line.strip()))

def check_write(path, call, line):
    seen.add("write:" + path)
    if path in WRITE_FILES or any(under(path, w) for w in writable):
        return
    if call in ("mkdir", "mkdirat") and \
            any(under(w, path) for w in writable):
        return          # mkdir -p on the way to a writable directory
    problem("write", path, line)

def check_read(path, line):
    seen.add("read:" + path)
    if any(under(path, d) for d in noread):
        problem("read", path + " (must not be read here)", line)
    elif any(under(path, r) for r in readable) or \
            path in READ_FILES or path == binary or \
            any(path.startswith(d) for d in pid_dirs):
        return
    else:
        problem("read", path, line)

def check_address(args, call, line):
    fam = re.search(r'sa_family=(\w+)', args)
    if fam is None:
        return
    fam = fam.group(1)
    if fam == "AF_INET":
        addr = re.search(r'inet_addr\("([^"]*)"\)', args)
        addr = addr.group(1) if addr else "?"
        seen.add("%s:%s" % (call, addr))
        if addr != "127.0.0.1":
            problem("connect", "%s %s" % (call, addr), line)
    elif fam == "AF_INET6":
        addr = re.search(r'inet_pton\(AF_INET6, "([^"]*)"', args)
        problem("connect", "%s %s" % (call, addr.group(1) if addr else
            "AF_INET6"), line)
    elif fam == "AF_UNIX":
        p = re.search(r'sun_path=(@?)"((?:[^"\\]|\\.)*)"', args)
        p = (p.group(1) + unescape(p.group(2))) if p else "?"
        if p not in NSCD:
            problem("connect", "%s unix socket %s" % (call, p), line)
    elif fam == "AF_UNSPEC":
        pass            # disconnecting a datagram socket
    elif fam == "AF_NETLINK" and call == "bind":
        pass
    else:
        problem("connect", "%s %s" % (call, fam), line)

for trace in traces:
    base = cwd
    for line in open(trace, errors="replace"):
        m = LINE.match(line)
        if m is None:
            continue
        call, args, result, _ = m.groups()
        if call in EXECS:
            execs += 1
            path = STRING.match(args)
            path = unescape(path.group(1)) if path else "?"
            if execs > 1 or path != binary:
                problem("exec", path, line)
            continue
        if call in ("connect", "bind", "sendto", "sendmsg", "sendmmsg"):
            check_address(args, call, line)
            continue
        if call in ("listen", "accept", "accept4"):
            problem("connect", call, line)
            continue
        names = paths(args, base)
        if call == "chdir" and names and result == "0":
            base = names[0]
            continue
        if call in OPENS and names:
            flags = args[STRING.search(args).end():]
            if call == "creat" or any(f in flags for f in WRITE_FLAGS):
                check_write(names[0], call, line)
            else:
                check_read(names[0], line)
            continue
        for i in PATH_ONLY.get(call, ()):
            if i < len(names):
                check_write(names[i], call, line)

for e in expect:
    if e not in seen:
        problem("trace", "expected %s in the trace, not seen" % e, "")
if execs == 0:
    problem("trace", "no execve in the trace", "")
for p in problems:
    print(p)
EOF
}

# nothing KIND: the last run had no problem of that kind
nothing() {
	grep -q "^$1	" "$tmp/$t_run.report" || return 0
	grep "^$1	" "$tmp/$t_run.report" | sort -u | head -20 |
	    awk -F '\t' '{ print "# unexpected " $1 ": " $2
		if ($3 != "") print "#   " $3 }'
	return 1
}
# results DESCRIPTION: the result lines of one traced run
results() {
	check "$1: exit status 0" eq "$status" 0
	[ "$status" -eq 0 ] || sed 's/^/#   /' "$tmp/$t_run.err" | head -5
	check "$1: writes only where ssnews(1) says" nothing write
	check "$1: reads only its files and the allowed system files" \
	    nothing read
	check "$1: connects to 127.0.0.1 only" nothing connect
	check "$1: runs no program" nothing exec
	check "$1: the trace saw what it should" nothing trace
}

t0=$(now_ms)
traced reload "$cache_dir" "" \
    "connect:127.0.0.1|read:$tmp/feeds/local.xml|write:$cache_dir/index" \
    -x reload
results "-x reload"
check "-x reload: summary" fixed "3 feeds, 9 new articles, 0 errors" \
    "$tmp/reload.err"

traced dump "" "$cache_dir" "connect:127.0.0.1" --dump
results "--dump"
check "--dump: three sources" eq "$(wc -l <"$tmp/dump.out" | tr -d " ")" 3

traced dumpfile "" "$cache_dir" "read:$tmp/feeds/local.xml" \
    --dump=tsv "$tmp/feeds/local.xml"
results "--dump=tsv FILE"

traced unread "" "" "read:$cache_dir/index" -x print-unread
results "-x print-unread"
check "-x print-unread: the count" fixed "9 unread articles" \
    "$tmp/unread.out"

traced digest "" "" "read:$cache_dir/index" --digest --since=36500d
results "--digest"
check "--digest: the article of the file feed is listed" fixed \
    "Pension reform passes the senate" "$tmp/digest.out"

traced import "$conf_dir" "$cache_dir" "write:$conf_dir/urls.tmp" \
    -i "$work/subs.opml"
results "-i"
check "-i: one feed imported" fixed "1 feed imported" "$tmp/import.out"
check "-i: the previous feed list kept" test -f "$conf_dir/urls.bak"

traced export "" "$cache_dir" "read:$conf_dir/urls" -e
results "-e"
check "-e: the imported feed exported" fixed "$base/feed/3" \
    "$tmp/export.out"

echo "# $(($(now_ms) - t0)) ms of traced runs"
finish
