#!/usr/bin/env python3
"""Keys through the real event loop, in a pty, against fzf on the same rows.

    cargo build --release && python3 benches/pty_keys.py ROWS_DIR

ROWS_DIR is what `benches/make_rows.py` writes (real.tsv, big.json, big.tsv);
`benches/versus_fzf.sh` makes it and runs this.

1. Keystroke to frame on the built-in 1,519 rows: each query of QUERIES is
   typed one key at a time; the time from writing a key to the first byte
   of the next frame (scopepick writes every frame in one write), then the
   screen is let settle. Median and p99, for scopepick and for fzf.
2. A 20-character burst on 100,000 rows, in tmux: the picker's first
   frame, then the query in one write (`send-keys -l`), timed until the
   screen shows the final match count (as `scopepick list` / `fzf --filter`
   count it). tmux's own delay is in both figures.
"""
import os, pty, re, select, signal, statistics, struct, subprocess, sys, tempfile, time, fcntl, termios

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.join(HERE, "..", "target", "release", "scopepick")
QUERIES = ["mail send", "usr.read", "sharepoint", "kalender", "chat read", "/me/events", "zzqx"]
BURST = "mailboxsettings.read"
assert len(BURST) == 20


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
    """Reads until `marker` is on the output, escape sequences left out."""
    seen, end = b"", time.monotonic() + timeout
    while marker not in ESCAPES.sub(b"", seen):
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


def keystrokes(argv, env, ready, stdin_path=None):
    pid, fd = spawn(argv, env, stdin_path)
    read_until(fd, ready)
    settle(fd)
    times = []
    for query in QUERIES:
        for ch in query:
            start = time.perf_counter()
            os.write(fd, ch.encode())
            select.select([fd], [], [], 5)
            times.append((time.perf_counter() - start) * 1000)
            settle(fd)
        os.write(fd, b"\x15")  # ctrl-u: clear the query (both programs)
        settle(fd)
    stop(pid, fd)
    return times


def burst(command, ready, final):
    """Milliseconds from starting tmux to `ready` on the screen (the first
    frame), and from sending BURST in one write to `final` on the screen. The screen is read with tmux (a diffing renderer never writes
    the whole count again), polled as fast as tmux answers (about 2 ms)."""
    sock = f"scopepick-burst-{os.getpid()}-{time.monotonic_ns()}"  # a fresh server each run
    tmux = ["tmux", "-L", sock, "-f", "/dev/null"]
    launched = time.perf_counter()
    started = subprocess.run(tmux + ["new-session", "-d", "-x", "100", "-y", "30", command],
                             capture_output=True, text=True, stdin=subprocess.DEVNULL,
                             start_new_session=True)
    if started.returncode:
        raise SystemExit(f"tmux new-session failed for {command!r}: {started.stderr.strip()}")
    try:
        screen = lambda: subprocess.run(tmux + ["capture-pane", "-p"], capture_output=True,
                                        text=True).stdout
        while ready not in screen():
            if time.perf_counter() - launched > 30:
                raise SystemExit(f"no {ready!r}: {screen()}")
        first_frame = (time.perf_counter() - launched) * 1000
        time.sleep(0.2)
        start = time.perf_counter()
        subprocess.run(tmux + ["send-keys", "-l", BURST], check=True)
        while final not in screen():
            if time.perf_counter() - start > 30:
                raise SystemExit(f"no {final!r}: {screen()}")
        return first_frame, (time.perf_counter() - start) * 1000
    finally:
        subprocess.run(tmux + ["kill-server"], capture_output=True)


def pct(times, p):
    times = sorted(times)
    return times[min(len(times) - 1, int(len(times) * p))]


def main():
    rows = sys.argv[1]
    data, config = tempfile.mkdtemp(), tempfile.mkdtemp()
    env = dict(os.environ, SCOPEPICK_DATA_DIR=data, SCOPEPICK_CONFIG_DIR=config,
               TERM="xterm-256color")
    real, big_json, big_tsv = (os.path.join(rows, n) for n in ("real.tsv", "big.json", "big.tsv"))
    listed = subprocess.run([BIN, "list", "--catalog", big_json, "--query", BURST, "--format", "tsv"],
                            env=env, capture_output=True, check=True).stdout.count(b"\n") - 1
    filtered = subprocess.run(["fzf", "--filter", BURST], stdin=open(big_tsv), env=env,
                              capture_output=True).stdout.count(b"\n")
    total = sum(1 for _ in open(big_tsv))
    runs = int(os.environ.get("RUNS", "5"))
    env_prefix = f"SCOPEPICK_DATA_DIR={data} SCOPEPICK_CONFIG_DIR={config}"
    a = [burst(f"{env_prefix} {BIN} --catalog {big_json}", f"{total}/{total}",
               f" {listed}/{total}") for _ in range(runs)]
    b = [burst(f"fzf < {big_tsv}", f"{total}/{total}", f" {filtered}/{total}")
         for _ in range(runs)]
    for what, at in (("first frame", 0), ("20-character burst", 1)):
        ours, theirs = [r[at] for r in a], [r[at] for r in b]
        print(f"-- {what} on {total} rows ({BURST!r}: {listed} rows), tmux, {runs} runs")
        print(f"scopepick  median {statistics.median(ours):7.1f} ms")
        print(f"fzf        median {statistics.median(theirs):7.1f} ms")
        print(f"ratio      {statistics.median(ours) / statistics.median(theirs):.2f} x fzf")
    n_real = sum(1 for _ in open(real))
    ours = keystrokes([BIN], env, b"permissions")
    theirs = keystrokes(["fzf"], env, f"{n_real}/{n_real}".encode(), real)
    print(f"-- keystroke to frame, {n_real} rows, {len(ours)} keys (real event loop, 100x30 pty)")
    for name, t in (("scopepick", ours), ("fzf", theirs)):
        print(f"{name:10} median {statistics.median(t):6.2f} ms   p99 {pct(t, 0.99):6.2f} ms")
    print(f"ratio      {statistics.median(ours) / statistics.median(theirs):.2f} x fzf (median)")



main()
