#!/usr/bin/env python3
"""Start-up to the first frame, scopepick against fzf on the same 1,519 rows.

    cargo build --release && python3 benches/first_frame.py [RUNS]

Each run starts the program in a fresh 100x30 pty and times until its first
frame is on the pty (scopepick: the header's row count; fzf: its match
counter), then ends it. Prints the median and p90 of each, and the ratio,
for wall-clock time and for CPU time (all threads, from /proc/PID/task/*/
schedstat at the first frame): on a loaded machine the CPU time is the
fairer comparison.
fzf reads the rows of `scopepick list --format tsv` from a file on stdin.
"""
import os, pty, select, signal, statistics, struct, subprocess, sys, tempfile, time, fcntl, termios

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "scopepick")


def first_frame(argv, marker, stdin_path=None, env=None):
    pid, fd = pty.fork()
    if pid == 0:
        if stdin_path:
            os.dup2(os.open(stdin_path, os.O_RDONLY), 0)
        os.execvpe(argv[0], argv, env or os.environ)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start, seen = time.perf_counter(), b""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            raise SystemExit(f"{argv[0]}: no first frame within 5 s")
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
    elapsed = time.perf_counter() - start
    cpu = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/schedstat") as f:
            cpu += int(f.read().split()[0])
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed * 1000, cpu / 1e6


def summary(name, times):
    times.sort()
    p90 = times[int(len(times) * 0.9) - 1]
    print(f"{name:10} median {statistics.median(times):6.1f} ms   p90 {p90:6.1f} ms")
    return statistics.median(times)


def main():
    data, config = tempfile.mkdtemp(), tempfile.mkdtemp()
    env = dict(os.environ, SCOPEPICK_DATA_DIR=data, SCOPEPICK_CONFIG_DIR=config, TERM="xterm-256color")
    rows = subprocess.run([BIN, "list", "--format", "tsv"], env=env, capture_output=True, check=True).stdout
    lines = rows.count(b"\n") - 1
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(rows.split(b"\n", 1)[1])
        rows_path = f.name
    ours, theirs = [], []
    for _ in range(RUNS):
        ours.append(first_frame([BIN], b"permissions", env=env))
        theirs.append(first_frame(["fzf"], f"{lines}/{lines}".encode(), stdin_path=rows_path, env=env))
    print(f"{lines} rows, {RUNS} runs each")
    for what, at in (("wall", 0), ("cpu", 1)):
        print(f"-- {what} time to the first frame")
        a = summary("scopepick", [t[at] for t in ours])
        b = summary("fzf", [t[at] for t in theirs])
        print(f"ratio      {a / b:.2f} x fzf")


main()
