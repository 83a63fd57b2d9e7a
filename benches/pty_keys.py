#!/usr/bin/env python3
"""What a person feels, through a real pty, against fzf on the same rows.

    cargo build --release && python3 benches/pty_keys.py ROWS_DIR

ROWS_DIR is what `benches/make_rows.py BIN ROWS_DIR 15000` writes (real.tsv,
big.json, big.tsv, session.json); `benches/versus_fzf.sh` makes it and runs
this. For the real catalog (the built-in 1,519 rows), for 15,000 rows
(`--catalog big.json`) and for the real catalog with all its rows in the
basket (the last session, `session.json`; scopepick only):

1. First frame: from starting the program in a fresh 100x30 pty to its row
   count on the screen (median of RUNS, default 5).
2. Key to screen: each query of QUERIES typed one key at a time; the time
   from writing a key to the first byte of the next frame (the picker sends
   a frame as one buffered, synchronized update), then the screen is let
   settle. Median and p95, for scopepick and for fzf, and the CPU time each
   key cost the program (frame included): on a shared machine the fairer
   figure, since the wall clock also counts waiting for a core.
3. With the whole catalog in the basket, also Tab: each press takes the
   highlighted row out of the basket, which is rebuilt.
"""
import json, os, pty, re, select, signal, statistics, struct, subprocess, sys, tempfile, time, fcntl, termios

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.join(HERE, "..", "target", "release", "scopepick")
QUERIES = ["mail send", "usr.read", "sharepoint", "kalender", "chat read", "/me/events", "zzqx"]


def spawn(argv, env, stdin_path=None):
    pid, fd = pty.fork()
    if pid == 0:
        if stdin_path:
            os.dup2(os.open(stdin_path, os.O_RDONLY), 0)
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    return pid, fd


ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def read_until(fd, marker, timeout=20.0):
    """Reads until `marker` is on the output, escape sequences and spaces
    left out (a frame skips blank cells with cursor moves)."""
    seen, end = b"", time.monotonic() + timeout
    marker = marker.replace(b" ", b"")
    while marker not in ESCAPES.sub(b"", seen).replace(b" ", b""):
        ready, _, _ = select.select([fd], [], [], max(0.0, end - time.monotonic()))
        if not ready:
            raise SystemExit(f"no {marker!r} within {timeout} s; last output: {seen[-300:]!r}")
        seen += os.read(fd, 1 << 16)
    return seen


def settle(fd, quiet=0.03):
    while select.select([fd], [], [], quiet)[0]:
        os.read(fd, 1 << 16)


def stop(pid, fd):
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)


def cpu_ms(pid):
    """CPU time of all the process's threads so far (ms)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/schedstat") as f:
            total += int(f.read().split()[0])
    return total / 1e6


def keystrokes(argv, env, ready, stdin_path=None, presses=None):
    """Key to screen (wall) and the CPU time each key cost the program,
    frame included. `presses`: groups of keys, the query cleared after each
    (default: QUERIES typed one character at a time)."""
    pid, fd = spawn(argv, env, stdin_path)
    read_until(fd, ready)
    settle(fd)
    times, cpu = [], []
    for group in presses or QUERIES:
        for key in group:
            before = cpu_ms(pid)
            start = time.perf_counter()
            os.write(fd, key.encode())
            select.select([fd], [], [], 5)
            times.append((time.perf_counter() - start) * 1000)
            settle(fd)
            cpu.append(cpu_ms(pid) - before)
        os.write(fd, b"\x15")  # ctrl-u: clear the query (both programs)
        settle(fd)
    stop(pid, fd)
    return times, cpu


def first_frame(argv, env, ready, stdin_path=None):
    start = time.perf_counter()
    pid, fd = spawn(argv, env, stdin_path)
    read_until(fd, ready)
    elapsed = (time.perf_counter() - start) * 1000
    stop(pid, fd)
    return elapsed


def pct(times, p):
    times = sorted(times)
    return times[min(len(times) - 1, int(len(times) * p))]


def report(name, times, cpu):
    print(f"key to screen {name:9} median {statistics.median(times):6.2f} ms   "
          f"p95 {pct(times, 0.95):6.2f} ms   ({len(times)} keys)   "
          f"CPU per key median {statistics.median(cpu):6.2f} ms   p95 {pct(cpu, 0.95):6.2f} ms")


def full_basket(rows, env):
    """The real catalog with all its rows in the basket, from the last session."""
    config = tempfile.mkdtemp()
    with open(os.path.join(rows, "session.json")) as f:
        session = f.read()
    with open(os.path.join(config, "session.json"), "w") as f:
        f.write(session)
    env = dict(env, SCOPEPICK_CONFIG_DIR=config)
    ready = b"Restored the last session"
    pid, fd = spawn([BIN], env)
    screen = ESCAPES.sub(b"", read_until(fd, ready)).replace(b" ", b"").decode()
    stop(pid, fd)
    basket = re.search(r"Basket·(\d+)", screen).group(1)
    print(f"-- real catalog, {basket} rows in the basket (the session's rows that "
          f"are in the catalog; 100x30 pty)")
    report("typing", *keystrokes([BIN], env, ready))
    report("Tab", *keystrokes([BIN], env, ready, presses=["\t" * 20]))


def main():
    rows = sys.argv[1]
    data, config = tempfile.mkdtemp(), tempfile.mkdtemp()
    env = dict(os.environ, SCOPEPICK_DATA_DIR=data, SCOPEPICK_CONFIG_DIR=config,
               TERM="xterm-256color")
    runs = int(os.environ.get("RUNS", "5"))
    if os.environ.get("ONLY") == "basket":
        return full_basket(rows, env)
    for label, tsv, args in (("real catalog", "real.tsv", []),
                             ("generated catalog", "big.tsv", ["--catalog", os.path.join(rows, "big.json")])):
        tsv = os.path.join(rows, tsv)
        total = sum(1 for _ in open(tsv))
        ready = f"{total}/{total}".encode()
        ours = [first_frame([BIN, *args], env, ready) for _ in range(runs)]
        theirs = [first_frame(["fzf"], env, ready, tsv) for _ in range(runs)]
        print(f"-- {label}, {total} rows (100x30 pty)")
        print(f"first frame   scopepick median {statistics.median(ours):6.1f} ms   "
              f"fzf median {statistics.median(theirs):6.1f} ms   "
              f"ratio {statistics.median(ours) / statistics.median(theirs):.2f} x fzf")
        report("scopepick", *keystrokes([BIN, *args], env, ready))
        report("fzf", *keystrokes(["fzf"], env, ready, tsv))
    full_basket(rows, env)


main()
