#!/usr/bin/env python3
"""Interface latency of ssnews, and newsboat's start-up, on a large cache.

  ui.py feeds WORKDIR CORPUS [--copies N]
      Writes WORKDIR/feeds: N copies of the corpus's 20,000-item RSS feed
      (ids made distinct) and, last, one feed holding a single 1 MB article;
      WORKDIR/urls lists them as file:// URLs.  bench/run then builds each
      reader's cache with a timed "-x reload".
  ui.py measure RESULTS.jsonl --urls FILE [--ssnews BIN --ssnews-cache DIR]
                [--newsboat-cache DB] [--reps N] [--timeout S] [--items N]
      Drives the real programs through an 80x24 pseudo-terminal and appends
      one record per repetition to RESULTS.jsonl (measure.py's format):
        ui start-up     exec to the first full frame.  ssnews: the "frame
                        drawn" line of its debug log (SSNEWS_LOG), whose
                        CLOCK_MONOTONIC stamp is the clock time.monotonic()
                        reads, so there is no polling error; CPU is the
                        program's own clock at that frame.  newsboat: until
                        its feed list title ("Your feeds") reaches the pty;
                        CPU from /proc/PID/stat at that moment (10 ms ticks).
                        RSS: VmHWM of the process once started.
        ui key j        ssnews: key written to the pty -> next frame drawn,
                        in "All articles" (every item); CPU is the program's
                        CPU between the two.  Median of 200 presses per rep.
        ui key page-down   the same with SPACE (a whole new page of rows).
        ui open 1MB article   ENTER on the 1 MB article -> frame drawn;
                        RSS: VmHWM over the whole session.
      newsboat has no frame log, so only its start-up is compared.
Exit status 1 when ssnews could not be measured (did not start, no frame).
"""
import argparse
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import time
import fcntl
import termios

CLK_TCK = os.sysconf("SC_CLK_TCK")
PARA = ("<p>" + "Pension reform and social security coverage in the informal "
        "economy: a long article for the benchmark. " * 20 + "</p>\n")


def make_feeds(work, corpus, copies):
    work = os.path.abspath(work)
    feeds = os.path.join(work, "feeds")
    os.makedirs(feeds, exist_ok=True)
    with open(os.path.join(corpus, "large-rss.xml"), encoding="utf-8") as f:
        src = f.read()
    lines = []
    for i in range(1, copies + 1):
        p = os.path.join(feeds, "feed%d.xml" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(src.replace("large-rss-", "large-rss%d-" % i).replace(
                "<title>", "<title>[%d] " % i, 1))
        lines.append("file://" + p)
    body = (PARA * (1000000 // len(PARA) + 1))[:1000000 - 4] + "</p>"
    big = os.path.join(feeds, "big.xml")
    with open(big, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                "<title>Zz big article</title><link>https://big.example.org/</link>"
                "<item><title>A 1 MB article</title><guid>big-1</guid>"
                "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate><description><![CDATA["
                + body + "]]></description></item></channel></rss>\n")
    lines.append("file://" + big)   # last: the end of the feed list
    with open(os.path.join(work, "urls"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(copies * 20000 + 1)


def spawn(argv, env, rows=24, cols=80):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


class Pty:
    """A program on a pty; its output is drained while we wait."""

    def __init__(self, argv, env):
        self.pid, self.fd = spawn(argv, env)
        self.out = bytearray()

    def pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                d = os.read(self.fd, 65536)
            except OSError:
                return False
            self.out += d
        return True

    def wait(self, pred, timeout, step=0.001):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if pred():
                return True
            if not self.pump(step):
                return pred()
        return pred()

    def cpu_s(self):
        try:
            with open("/proc/%d/stat" % self.pid) as f:
                st = f.read().rsplit(")", 1)[1].split()
            return (int(st[11]) + int(st[12])) / CLK_TCK
        except (OSError, IndexError, ValueError):
            return None

    def hwm_kb(self):
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return None

    def stop(self):
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            end = time.monotonic() + wait
            while time.monotonic() < end:
                self.pump(0.01)
                if os.waitpid(self.pid, os.WNOHANG)[0] == self.pid:
                    os.close(self.fd)
                    return
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


class Log:
    """ssnews's debug log: 'WALL CPU message' lines, read incrementally."""

    def __init__(self, path):
        self.path, self.pos, self.lines = path, 0, []

    def poll(self):
        try:
            with open(self.path) as f:
                f.seek(self.pos)
                data = f.read()
        except FileNotFoundError:
            return
        k = data.rfind("\n") + 1
        self.pos += len(data[:k].encode())
        for l in data[:k].splitlines():
            p = l.split(None, 2)
            if len(p) == 3:
                try:
                    self.lines.append((float(p[0]), float(p[1]), p[2]))
                except ValueError:
                    pass

    def frames(self):
        self.poll()
        return [l for l in self.lines if l[2].startswith("frame drawn")]


def record(res, case, tool, rep, wall, cpu=None, rss=None, rc=0, note=None, **extra):
    r = {"case": case, "tool": tool, "rep": rep, "rc": rc, "cmd": "bench/ui.py",
         "wall_s": round(wall, 7) if wall is not None else None}
    if cpu is not None:
        r.update(user_s=round(cpu, 7), sys_s=0.0, cpu_is_total=True)
    if rss is not None:
        r["maxrss_kb"] = rss
    if note:
        r["note"] = note
    r.update(extra)
    with open(res, "a") as f:
        f.write(json.dumps(r, sort_keys=True) + "\n")


def ssnews_rep(a, env, rep, items):
    logpath = os.path.join(os.path.dirname(os.path.abspath(a.results)), "ui-ssnews.log")
    if os.path.exists(logpath):
        os.unlink(logpath)
    env = dict(env, SSNEWS_LOG=logpath)
    log = Log(logpath)
    t0 = time.monotonic()
    p = Pty([a.ssnews, "-u", a.urls, "-c", a.ssnews_cache, "-C", "/dev/null"], env)
    try:
        if not p.wait(lambda: len(log.frames()) >= 1, a.timeout):
            return "no first frame within %ss" % a.timeout
        first = log.frames()[0]
        p.wait(lambda: len(log.frames()) >= 2, 10)   # stories grouped
        p.wait(lambda: False, 0.2)                    # settle
        label = "%dk items" % (items // 1000)
        record(a.results, "ui start-up (%s)" % label, "ssnews", rep, first[0] - t0,
               cpu=first[1], rss=p.hwm_kb())

        def key(k, wait=10):
            n = len(log.frames())
            cpu0 = log.lines[-1][1] if log.lines else 0.0
            t = time.monotonic()
            os.write(p.fd, k)
            if not p.wait(lambda: len(log.frames()) > n, wait):
                raise TimeoutError("no frame after key %r" % k)
            f = log.frames()[n]
            return f[0] - t, f[1] - cpu0

        key(b"g")
        key(b"\r", 20)       # open "All articles": every item
        for name, k, count in (("j", b"j", 200), ("page-down", b" ", 50)):
            ws, cs = [], []
            for _ in range(count):
                w, c = key(k)
                ws.append(w)
                cs.append(c)
            record(a.results, "ui key %s (%s)" % (name, label), "ssnews", rep,
                   statistics.median(ws), cpu=statistics.median(cs),
                   wall_max_s=round(max(ws), 6), presses=count)
        key(b"q")            # back to the feed list
        key(b"G")            # the last feed: the 1 MB article
        key(b"\r")
        mark = len(p.out)
        w, c = key(b"\r", 20)
        p.wait(lambda: b"Pension" in p.out[mark:], 2)
        ok = b"Pension" in p.out[mark:]
        record(a.results, "ui open 1MB article", "ssnews", rep, w, cpu=c, rss=p.hwm_kb(),
               note=None if ok else "article text not seen on screen: wrong row?",
               rc=0 if ok else 1)
        return None
    except TimeoutError as e:
        return str(e)
    finally:
        p.stop()


def newsboat_rep(a, env, rep, items):
    t0 = time.monotonic()
    p = Pty(["newsboat", "-u", a.urls, "-c", a.newsboat_cache, "-C", "/dev/null"], env)
    try:
        if not p.wait(lambda: b"Your feeds" in p.out, a.timeout, 0.002):
            record(a.results, "ui start-up (%dk items)" % (items // 1000), "newsboat", rep,
                   time.monotonic() - t0, rc=1, note="no feed list within %ss" % a.timeout)
            return
        wall = time.monotonic() - t0
        cpu = p.cpu_s()
        p.wait(lambda: False, 0.2)
        record(a.results, "ui start-up (%dk items)" % (items // 1000), "newsboat", rep, wall,
               cpu=cpu, rss=p.hwm_kb())
    finally:
        p.stop()


def measure(a):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("SSNEWS_LOG", None)
    failed = 0
    for rep in range(1, a.reps + 1):
        # alternate who goes first
        order = ["ssnews", "newsboat"] if rep % 2 else ["newsboat", "ssnews"]
        for tool in order:
            if tool == "ssnews" and a.ssnews:
                err = ssnews_rep(a, env, rep, a.items)
                if err:
                    failed = 1
                    record(a.results, "ui session", "ssnews", rep, None, rc=1,
                           note=err)
                    sys.stderr.write("ui.py: ssnews rep %d: %s\n" % (rep, err))
            elif tool == "newsboat" and a.newsboat_cache:
                newsboat_rep(a, env, rep, a.items)
    return failed


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "feeds":
        ap = argparse.ArgumentParser(prog="ui.py feeds")
        ap.add_argument("work")
        ap.add_argument("corpus")
        ap.add_argument("--copies", type=int, default=5)
        a = ap.parse_args(sys.argv[2:])
        make_feeds(a.work, a.corpus, a.copies)
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "measure":
        ap = argparse.ArgumentParser(prog="ui.py measure")
        ap.add_argument("results")
        ap.add_argument("--urls", required=True)
        ap.add_argument("--ssnews")
        ap.add_argument("--ssnews-cache")
        ap.add_argument("--newsboat-cache")
        ap.add_argument("--reps", type=int, default=5)
        ap.add_argument("--timeout", type=float, default=60)
        ap.add_argument("--items", type=int, default=100001)
        a = ap.parse_args(sys.argv[2:])
        return measure(a)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
