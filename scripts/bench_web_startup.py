#!/usr/bin/env python3
"""What five cached web articles add to parallax's start-up.

The five seeds are served as web pages from a local http.server (in a temporary
directory), fetched once into a temporary cache, the server is stopped, and then
hyperfine times the reader's start-up with stdout not a terminal: parallax
parses its arguments, opens every input, loads keymap and theme, and stops with
"standard output is not a terminal" just before it would take the screen. Three
commands are compared: one tiny local file (the baseline), the five cached
pages (`--offline`), and the same five seeds as local .txt files.

    cargo build --release
    python3 scripts/bench_web_startup.py target/release/parallax

Needs hyperfine (Debian package). Optionally pass --callgrind to add
instruction counts from valgrind (repeatable on a busy machine).
"""
import html
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def pages(out: Path) -> None:
    for i, seed in enumerate(sorted((REPO / "seeds").glob("*.txt"))):
        lines = [l.strip() for l in seed.read_text(encoding="utf-8").splitlines() if l.strip()]
        body = "".join(f"<p>{html.escape(l)}</p>\n" for l in lines)
        (out / f"{i}.html").write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(lines[0][:80])}</title>'
            f'<meta property="og:site_name" content="Seed site {i}"></head>'
            f'<body><nav><a href="/">Home</a></nav><article>{body}</article></body></html>',
            encoding="utf-8",
        )


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main() -> None:
    binary = os.path.abspath(sys.argv[1])
    callgrind = "--callgrind" in sys.argv
    with tempfile.TemporaryDirectory(prefix="parallax-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "site").mkdir()
        pages(tmp / "site")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(tmp / "site")))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        urls = [f"http://127.0.0.1:{server.server_address[1]}/{i}.html" for i in range(5)]
        env = dict(os.environ, XDG_CACHE_HOME=str(tmp / "cache"), XDG_CONFIG_HOME=str(tmp / "config"))
        subprocess.run([binary, "analyze", *urls], env=env, check=True, stdout=subprocess.DEVNULL)
        server.shutdown()
        (tmp / "tiny.txt").write_text("One short line.\n")
        seeds = [str(p) for p in sorted((REPO / "seeds").glob("*.txt"))]
        commands = {
            "one tiny local file (baseline)": [binary, str(tmp / "tiny.txt")],
            "five cached web pages (--offline)": [binary, "--offline", *urls],
            "the five seeds as local .txt files": [binary, *seeds],
        }
        report = tmp / "hyperfine.json"
        subprocess.run(
            ["hyperfine", "-N", "-i", "--warmup", "10", "--runs", "100", "--export-json", str(report),
             *[" ".join(c) for c in commands.values()]],
            env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        results = json.loads(report.read_text())["results"]
        print("| start-up of | median | min | CPU (user+sys) |" + (" instructions |" if callgrind else ""))
        print("|---|---|---|---|" + ("---|" if callgrind else ""))
        for (name, command), r in zip(commands.items(), results):
            row = (f"| {name} | {statistics.median(r['times']) * 1e3:.1f} ms | {min(r['times']) * 1e3:.1f} ms "
                   f"| {(r['user'] + r['system']) * 1e3:.1f} ms |")
            if callgrind:
                out = subprocess.run(
                    ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp / 'cg.out'}", *command],
                    env=env, capture_output=True, text=True,
                )
                total = next(l for l in out.stderr.splitlines() if "Collected" in l).split()[-1]
                row += f" {int(total) / 1e6:.1f} M |"
            print(row)


if __name__ == "__main__":
    main()
