#!/usr/bin/env python3
"""Interface latency of ssnews (and newsboat's start-up) on a large cache.

Usage: ui.py SSNEWS WORKDIR CORPUS [REPS]

Builds (once) a 100,000-item cache from five copies of the corpus's
20,000-item RSS feed plus one feed holding a 1 MB article, then measures,
driving the real program through a pseudo-terminal (80x24):
  - start-up to the first full frame (wall time from exec until the status
    line appears, and the program's own CPU time from its timing log);
  - keystroke to updated screen while moving through the 100,000-item list
    ("All articles") and when opening the 1 MB article: the time from
    writing the key to the pty until the program has drawn (its timing
    log, SSNEWS_LOG, says "frame drawn"), and the in-program part;
  - newsboat's start-up on the same feeds, when newsboat is installed.
Prints one JSON object per measurement on stdout.
"""
import json, os, pty, select, shutil, signal, struct, subprocess, sys, time
import fcntl, termios, statistics

def spawn(argv, env, rows=24, cols=80):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
        os.execvpe(argv[0], argv, env)
    return pid, fd

def read_until(fd, pred, timeout, buf=b''):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                d = os.read(fd, 65536)
            except OSError:
                break
            buf += d
            if pred(buf):
                return buf, True
        elif pred(buf):
            return buf, True
    return buf, False

def log_lines(path):
    try:
        with open(path) as f:
            return [l.split(None, 2) for l in f]
    except FileNotFoundError:
        return []

def count_frames(path):
    return sum(1 for l in log_lines(path) if len(l) > 2 and l[2].startswith('frame drawn'))

def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)

def make_cache(ssnews, work, corpus):
    feeds = os.path.join(work, 'feeds')
    os.makedirs(feeds, exist_ok=True)
    urls = os.path.join(work, 'urls')
    if os.path.exists(os.path.join(work, 'cache', 'index')):
        return urls
    src = open(os.path.join(corpus, 'large-rss.xml'), encoding='utf-8').read()
    lines = []
    for i in range(1, 6):
        p = os.path.join(feeds, 'feed%d.xml' % i)
        with open(p, 'w', encoding='utf-8') as f:
            f.write(src.replace('large-rss-', 'large-rss%d-' % i))
        lines.append('file://' + p)
    para = '<p>' + ('Pension reform and social security coverage in the '
        'informal economy: a long article for the benchmark. ' * 20) + '</p>\n'
    body = (para * (1000000 // len(para) + 1))[:1000000 - 4] + '</p>'   # 1 MB
    big = os.path.join(feeds, 'big.xml')
    with open(big, 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                '<title>Big article</title><link>https://big.example.org/</link>'
                '<item><title>A 1 MB article</title><guid>big-1</guid>'
                '<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description><![CDATA['
                + body + ']]></description></item></channel></rss>\n')
    lines.insert(0, 'file://' + big)
    with open(urls, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    subprocess.run([ssnews, '-u', urls, '-c', os.path.join(work, 'cache'),
                    '-x', 'reload'], check=True, stderr=subprocess.DEVNULL)
    return urls

def measure_ssnews(ssnews, work, urls, reps):
    env = dict(os.environ, TERM='xterm-256color', LANG='C.UTF-8', LC_ALL='C.UTF-8')
    starts, starts_cpu, keys, keys_in, opens, opens_in = [], [], [], [], [], []
    for rep in range(reps):
        log = os.path.join(work, 'ui.log')
        if os.path.exists(log):
            os.unlink(log)
        env['SSNEWS_LOG'] = log
        t0 = time.monotonic()
        pid, fd = spawn([ssnews, '-u', urls, '-c', os.path.join(work, 'cache')], env)
        _, ok = read_until(fd, lambda b: b'q:quit' in b, 20)
        if not ok:
            print(json.dumps({'error': 'ssnews did not start'}), flush=True)
            stop(pid, fd)
            return
        starts.append((time.monotonic() - t0) * 1000)
        read_until(fd, lambda b: count_frames(log) >= 1, 5)
        lines = log_lines(log)
        first = [float(l[1]) for l in lines if len(l) > 2 and l[2].startswith('frame drawn')]
        starts_cpu.append(first[0] * 1000)
        # Let the stories be grouped, then open "All articles" (row 0).
        read_until(fd, lambda b: count_frames(log) >= 2, 5)
        def key(k, wait=5):
            n = count_frames(log)
            t = time.monotonic()
            os.write(fd, k)
            read_until(fd, lambda b: count_frames(log) > n, wait)
            wall = (time.monotonic() - t) * 1000
            ls = log_lines(log)
            kt = [float(l[0]) for l in ls if len(l) > 2 and l[2].startswith('key')]
            ft = [float(l[0]) for l in ls if len(l) > 2 and l[2].startswith('frame drawn')]
            inprog = (ft[-1] - kt[-1]) * 1000 if kt and ft else None
            return wall, inprog
        key(b'g')
        key(b'\r', 10)       # open All articles: 100,001 items
        for i in range(200):
            w, inp = key(b'j')
            keys.append(w)
            keys_in.append(inp)
        key(b'q')            # back to the feed list
        # Rows: All articles, ten topics, then the feeds in list order:
        # the big one is row 11.  Open it, then its one article.
        key(b'g')
        for i in range(11):
            key(b'j')
        key(b'\r')
        w, inp = key(b'\r', 20)
        opens.append(w)
        opens_in.append(inp)
        stop(pid, fd)
    def med(v):
        v = [x for x in v if x is not None]
        return round(statistics.median(v), 2) if v else None
    print(json.dumps({'tool': 'ssnews', 'start_wall_ms': med(starts),
                      'start_cpu_ms': med(starts_cpu), 'key_wall_ms': med(keys),
                      'key_inprog_ms': med(keys_in), 'open1mb_wall_ms': med(opens),
                      'open1mb_inprog_ms': med(opens_in), 'reps': reps}), flush=True)

def measure_newsboat(work, urls, reps):
    if shutil.which('newsboat') is None:
        return
    cache = os.path.join(work, 'newsboat.db')
    if not os.path.exists(cache):
        subprocess.run(['newsboat', '-u', urls, '-c', cache, '-C', '/dev/null',
                        '-x', 'reload'], stderr=subprocess.DEVNULL)
    env = dict(os.environ, TERM='xterm-256color', LANG='C.UTF-8', LC_ALL='C.UTF-8')
    starts = []
    for rep in range(reps):
        t0 = time.monotonic()
        pid, fd = spawn(['newsboat', '-u', urls, '-c', cache, '-C', '/dev/null'], env)
        _, ok = read_until(fd, lambda b: b'Your feeds' in b or b'unread' in b, 120)
        if ok:
            starts.append((time.monotonic() - t0) * 1000)
        stop(pid, fd)
    if starts:
        print(json.dumps({'tool': 'newsboat', 'start_wall_ms':
                          round(statistics.median(starts), 2), 'reps': reps}), flush=True)

def main():
    ssnews, work, corpus = sys.argv[1:4]
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    os.makedirs(work, exist_ok=True)
    urls = make_cache(ssnews, work, corpus)
    order = [lambda: measure_ssnews(ssnews, work, urls, reps),
             lambda: measure_newsboat(work, urls, reps)]
    for f in order:
        f()

if __name__ == '__main__':
    main()
