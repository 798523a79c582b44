#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The HTML drill report as a browser sees it: the real dbs-restored writes
the page for a history fixture, headless Chromium (Debian's `chromium`)
loads it with JavaScript off, and this script checks, over the DevTools
protocol on a pipe (no port, no network):

- the page loads with no console error, no warning-level log entry from
  the page, no exception, and fetches nothing but itself;
- each job's chart has one point per run with a restore time, one cross
  per run without, and an RTO line exactly when the newest run has an
  objective; the expected numbers come from the fixture's JSON lines, read
  here, not from the C++ code;
- the page has no <script> element and the fixture's hostile reason string
  shows as text;
- every point is laid out inside its chart, and the rendered pixel at its
  centre has the colour of its run's outcome and verification;
- a full-page PNG screenshot is written to PNG-OUT (docs/images/drill-report.png
  is one such, refreshed by running this script by hand).

The same checks are first run on a canary page with a broken image and a
console.error(): they must report both, or the test fails, so a checker
that cannot see errors cannot pass.

Why CDP and not `--enable-logging=stderr`: Chromium's stderr carries the
browser's own noise (D-Bus, GPU) with no marker of which page a line is
about; the protocol's Log, Runtime and Network events are the page's own.

usage: check_html_report.py DAEMON FIXTURE-STATE-DIR PNG-OUT
Exit 77 (skipped) when chromium is not installed.
"""
import base64
import json
import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib

STEP_SECONDS = 60  # the longest any one protocol step may take
WIDTH = 1000

# The page's status colours (history/HtmlReport.cpp), by statusClass().
COLOURS = {
    "verified": (0x1A, 0x98, 0x50),
    "succeeded": (0x45, 0x75, 0xB4),
    "unverified": (0xE0, 0x82, 0x14),
    "failed": (0xD7, 0x30, 0x27),
    "cancelled": (0x87, 0x87, 0x87),
}


def status_of(run):
    if run["outcome"] in ("failed", "cancelled"):
        return run["outcome"]
    return {"verified": "verified", "none": "succeeded"}.get(run["verification"], "unverified")


def expected_from_fixture(state_dir):
    """Per job: its runs, from the fixture's JSON lines."""
    jobs = {}
    hist = os.path.join(state_dir, "history")
    for name in sorted(os.listdir(hist)):
        with open(os.path.join(hist, name), encoding="utf-8") as f:
            for line in f:
                run = json.loads(line)
                jobs.setdefault(run["job_id"], []).append(run)
    for runs in jobs.values():
        runs.sort(key=lambda r: (r["started_at_ms"], r["run_id"]))
    return jobs


def measured(run):
    s, f = run["restore_started_at_ms"], run["restore_finished_at_ms"]
    return s is not None and f is not None and f >= s


class Chromium:
    """One headless browser, driven over --remote-debugging-pipe: requests
    go to its fd 3 and replies come from its fd 4, each a JSON text ended
    by NUL."""

    def __init__(self, work):
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire_fds():
            # dup first: os.pipe's fds are close-on-exec, and dup2 onto the
            # same number would keep that flag.
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=work, XDG_CACHE_HOME=work)
        args = ["chromium", "--headless", "--disable-gpu", "--remote-debugging-pipe",
                "--user-data-dir=" + os.path.join(work, "profile"), "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--force-color-profile=srgb",
                # Nothing may leave the machine: every host name fails to resolve.
                "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.stderr = open(os.path.join(work, "chromium.stderr"), "w")
        self.proc = subprocess.Popen(args, env=env, preexec_fn=wire_fds, close_fds=False, start_new_session=True,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr)
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0
        self.events = []
        self.session = None
        self.root = None

    def close(self):
        try:
            if self.proc.poll() is None:
                self.call("Browser.close", session=False)
                self.proc.wait(timeout=20)
        except Exception:
            pass
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)  # its own session: this browser and its children only
            self.proc.wait(timeout=20)
        os.close(self._out)
        os.close(self._in)
        self.stderr.close()

    def _receive(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise TimeoutError("chromium did not answer within %d s" % STEP_SECONDS)
            data = os.read(self._in, 1 << 16)
            if not data:
                raise EOFError("chromium closed its pipe (exit %s)" % self.proc.poll())
            self._buf += data
        text, self._buf = self._buf.split(b"\0", 1)
        return json.loads(text)

    def call(self, method, params=None, session=True):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self._out, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + STEP_SECONDS
        while True:
            m = self._receive(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m["result"]
            self.events.append(m)

    def wait_for(self, method):
        deadline = time.monotonic() + STEP_SECONDS
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._receive(deadline))

    def open_page(self):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network", "DOM"):
            self.call(domain + ".enable")

    def load(self, url):
        """Navigates to url; returns what went wrong on the page and what it fetched."""
        self.events = []
        self.root = None
        self.call("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")
        problems, fetched = [], []
        for e in self.events:
            p = e.get("params", {})
            if e.get("method") == "Log.entryAdded" and p["entry"]["level"] in ("error", "warning"):
                problems.append("log %s: %s" % (p["entry"]["level"], p["entry"]["text"]))
            elif e.get("method") == "Runtime.consoleAPICalled" and p["type"] in ("error", "warning", "assert"):
                problems.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value")) for a in p["args"])))
            elif e.get("method") == "Runtime.exceptionThrown":
                problems.append("exception: %s" % p["exceptionDetails"].get("text"))
            elif e.get("method") == "Network.requestWillBeSent":
                fetched.append(p["request"]["url"])
        return problems, fetched

    def select(self, selector):
        # Node ids hold until the next DOM.getDocument: ask for it once per page.
        if self.root is None:
            self.root = self.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        return self.call("DOM.querySelectorAll", {"nodeId": self.root, "selector": selector})["nodeIds"]

    def box(self, node):
        """(left, top, right, bottom) of a node's border box, in CSS pixels."""
        quad = self.call("DOM.getBoxModel", {"nodeId": node})["model"]["border"]
        xs, ys = quad[0::2], quad[1::2]
        return min(xs), min(ys), max(xs), max(ys)

    def attribute(self, node, name):
        attrs = self.call("DOM.getAttributes", {"nodeId": node})["attributes"]
        return dict(zip(attrs[0::2], attrs[1::2])).get(name)

    def pixel(self, x, y):
        """The rendered colour at page point (x, y), from a 1x1 screenshot."""
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                   "clip": {"x": x, "y": y, "width": 1, "height": 1, "scale": 1}})
        return png_pixels(base64.b64decode(shot["data"]))[0][0]


def png_pixels(data):
    """Rows of (r, g, b) from an 8-bit RGB or RGBA, non-interlaced PNG (what
    Chromium writes). Small images only: the filters are undone in Python."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if colour == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return rows


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path + " is not a PNG"
    return struct.unpack(">II", head[16:24])


def main():
    daemon, state_dir, png_out = sys.argv[1], os.path.realpath(sys.argv[2]), os.path.abspath(sys.argv[3])
    if not shutil.which("chromium"):
        print("SKIP: chromium is not installed (tools/ensure-deps installs it)")
        return 77
    failures = []

    def check(ok, what):
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as work:
        cfg = os.path.join(work, "cfg.yaml")
        with open(cfg, "w") as f:
            f.write("state_dir: %s\ncredentials: {file: %s/no-key}\n" % (state_dir, work))
        page = os.path.join(work, "report.html")
        with open(page, "w") as out:
            # The fixture's runs are in 2026-11; the longest period reaches them until 2036.
            r = subprocess.run([daemon, "--config", cfg, "--report", "--since", "3650d", "--format", "html"],
                               stdout=out, stderr=subprocess.PIPE, text=True, timeout=60)
        check(r.returncode == 0 and r.stderr == "", "dbs-restored --report --format html exits 0 with no warning")
        canary = os.path.join(work, "canary.html")
        with open(canary, "w") as f:
            f.write('<!DOCTYPE html><title>canary</title><img src="missing.png">'
                    '<script>console.error("canary")</script>')

        browser = Chromium(work)
        try:
            browser.open_page()
            problems, fetched = browser.load("file://" + canary)
            check(any("ERR_FILE_NOT_FOUND" in p for p in problems) and any("canary" in p for p in problems)
                  and any(u.endswith("/missing.png") for u in fetched),
                  "the checker sees a canary page's failed image and console.error: %s" % problems)

            browser.call("Emulation.setScriptExecutionDisabled", {"value": True})
            url = "file://" + page
            problems, fetched = browser.load(url)
            check(problems == [], "the report loads without console errors or warnings: %s" % problems)
            check(fetched == [url], "the report fetches nothing but itself: %s" % fetched)
            check(browser.select("script") == [], "the report has no <script> element")

            jobs = expected_from_fixture(state_dir)
            total = sum(1 for runs in jobs.values() for r in runs if measured(r))
            check(len(browser.select("circle.run-point")) == total, "%d points in all, one per measured run" % total)
            for job, runs in jobs.items():
                sel = '[data-job="%s"]' % job
                want = sum(1 for r in runs if measured(r))
                got = len(browser.select("svg.trend%s circle.run-point%s" % (sel, sel)))
                check(got == want, "%s: %d points in its chart (want %d)" % (job, got, want))
                got = len(browser.select("svg.trend%s path.run-gap%s" % (sel, sel)))
                check(got == len(runs) - want, "%s: %d crosses for runs with no restore time" % (job, got))
                has_rto = runs[-1]["rto_objective_ms"] is not None
                got = len(browser.select("section%s line.rto-line" % sel))
                check(got == (1 if has_rto else 0), "%s: %d RTO line(s), objective %s" % (job, got, has_rto))
                got = len(browser.select("section%s tr.run" % sel))
                check(got == len(runs), "%s: %d rows in its run table (want %d)" % (job, got, len(runs)))

            hostile = [r for runs in jobs.values() for r in runs if "<script>" in r["reason"]]
            for r in hostile:
                cell = browser.select('tr[data-run="%s"] td.reason' % r["run_id"])
                html = browser.call("DOM.getOuterHTML", {"nodeId": cell[0]})["outerHTML"] if cell else ""
                check("&lt;script&gt;" in html, "%s: its reason shows as text: %s" % (r["run_id"], html))

            # Lay the whole page out in one viewport, so that page and screen coordinates agree.
            height = int(browser.call("Page.getLayoutMetrics")["cssContentSize"]["height"]) + 1
            browser.call("Emulation.setDeviceMetricsOverride",
                         {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False})
            status = {r["run_id"]: status_of(r) for runs in jobs.values() for r in runs}
            placed, coloured, points = 0, 0, browser.select("circle.run-point")
            for node in points:
                run = browser.attribute(node, "data-run")
                svg = browser.box(browser.select('svg.trend[data-job="%s"]' % browser.attribute(node, "data-job"))[0])
                left, top, right, bottom = browser.box(node)
                x, y = (left + right) / 2, (top + bottom) / 2
                placed += svg[0] < x < svg[2] and svg[1] < y < svg[3] and right - left >= 8
                # The centre is plain fill (the ring of a missed RTO is at the edge).
                want, got = COLOURS[status[run]], browser.pixel(int(x), int(y))
                if all(abs(g - w) <= 12 for g, w in zip(got, want)):
                    coloured += 1
                else:
                    print("  %s: rendered %s, want %s" % (run, got, want))
            check(placed == len(points), "%d of %d points drawn inside their chart" % (placed, len(points)))
            check(coloured == len(points), "%d of %d points rendered in their status colour" % (coloured, len(points)))

            shot = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            os.makedirs(os.path.dirname(png_out), exist_ok=True)
            with open(png_out, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            w, h = png_size(png_out)
            check(w == WIDTH and h >= 600, "screenshot %s is %dx%d" % (png_out, w, h))
        finally:
            browser.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
