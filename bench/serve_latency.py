#!/usr/bin/env python3
"""Time from saving a page to the live-reload event, under `kepu serve`.

Starts `kepu serve` on a free loopback port, listens on its event stream
like an open page does, then saves edits to pages the way editors do
(write a temporary file, rename it over the page) and measures, for each
save, the time until the `update` event naming that page arrives.

    python3 ../shared/bench/gen_corpus.py /tmp/bench10k --pages 10000
    cargo build --release
    python3 bench/serve_latency.py /tmp/bench10k --edits 30

The site folder gets the project's kepu.yaml, themes/ and static/ if it has none.
"""

import argparse
import os
import pathlib
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=pathlib.Path)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--kepu", type=pathlib.Path, default=REPO / "target/release/kepu")
    args = parser.parse_args()
    prepare(args.site)
    pages = sorted((args.site / "content/tips").glob("*.md"))
    pages = [p for p in pages if p.name != "_index.md"]
    server = subprocess.Popen(
        [str(args.kepu), "serve", "--port", "0", "--root", str(args.site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = wait_for_address(server)
        host, port = url.split("//")[1].split("/")[0].split(":")
        events = EventStream(host, int(port))
        time.sleep(0.5)
        latencies = []
        for i in range(args.edits):
            page = pages[(i * 97) % len(pages)]
            slug = page.stem
            started = save_edit(page, i)
            arrived = events.wait_for(f"/tips/{slug}/index.html", started)
            latencies.append((arrived - started) * 1000)
            time.sleep(0.2)
        report(latencies)
    finally:
        server.terminate()
        server.wait(timeout=10)


def prepare(site):
    if not (site / "kepu.yaml").exists():
        shutil.copy(REPO / "kepu.yaml", site / "kepu.yaml")
    if not (site / "themes").exists():
        shutil.copytree(REPO / "themes", site / "themes")
    # The demo's kepu.yaml names files of its static/ (the 备案 badge, the QR code).
    if not (site / "static").exists() and (REPO / "static").exists():
        shutil.copytree(REPO / "static", site / "static")


def wait_for_address(server):
    deadline = time.time() + 300
    while time.time() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        print("kepu:", line.rstrip(), file=sys.stderr)
        # The banner, in the site's language: "正在预览 …，地址 http://…/ （按 Ctrl-C 停止）".
        address = re.search(r"http://[^\s，（]+", line)
        if address:
            # Keep printing what the server says, on the side.
            threading.Thread(target=echo, args=(server.stdout,), daemon=True).start()
            return address.group(0)
    sys.exit("kepu serve did not start")


def echo(stream):
    for line in stream:
        print("kepu:", line.rstrip(), file=sys.stderr)


# Part of every edit, so that a run never saves what an earlier run left.
RUN = time.strftime("%H%M%S")


def save_edit(page, i):
    """Saves an edited page atomically; returns when the save finished."""
    text = page.read_text(encoding="utf-8")
    marker = "\n\n基准测试修改"
    text = text.split(marker)[0] + f"{marker} {RUN}-{i}。\n"
    temporary = page.with_name(f".{page.name}.kepu-bench.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, page)
    return time.perf_counter()


class EventStream:
    """The live-reload stream, read on a thread; keeps arrival times."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port))
        self.sock.sendall(f"GET /__kepu/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        self.events = []
        self.lock = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        buffer = b""
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return
            now = time.perf_counter()
            buffer += chunk
            with self.lock:
                self.events.append((now, buffer.decode("utf-8", "replace")))
                buffer = b""
                self.lock.notify_all()

    def wait_for(self, path, since):
        deadline = time.time() + 30
        with self.lock:
            while time.time() < deadline:
                for arrived, text in self.events:
                    if arrived >= since and "event: update" in text and path in text:
                        self.events.clear()
                        return arrived
                self.lock.wait(0.05)
        sys.exit(f"no update event for {path}")


def report(latencies):
    ordered = sorted(latencies)
    p90 = ordered[max(0, int(len(ordered) * 0.9) - 1)]
    print(f"saves: {len(latencies)}")
    print(f"save → reload event: median {statistics.median(latencies):.1f} ms, "
          f"p90 {p90:.1f} ms, min {ordered[0]:.1f} ms, max {ordered[-1]:.1f} ms")


if __name__ == "__main__":
    main()
