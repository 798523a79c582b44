# SPDX-License-Identifier: Apache-2.0
"""Child processes of the harness and what the kernel says about them.

CPU is utime+stime from /proc/<pid>/stat, memory is VmHWM/VmRSS from
/proc/<pid>/status; after exit, wait4's rusage gives the same totals. Every
wait here has a deadline.
"""
import os
import re
import signal
import socket
import subprocess
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def now_ms():
    return time.time() * 1000.0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def memory_kb(pid):
    """{'VmHWM': kB, 'VmRSS': kB}"""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":", 1)[0]
            if key in ("VmHWM", "VmRSS"):
                out[key] = int(line.split()[1])
    return out


class Child:
    """A started process; reap() returns its rusage totals."""

    def __init__(self, argv, env=None, stdout=None, stderr=None, stdin=None):
        self.started_ms = now_ms()
        self.proc = subprocess.Popen(argv, env=env, stdin=stdin, stdout=stdout, stderr=stderr)
        self.pid = self.proc.pid
        self.rusage = None
        self.status = None

    def cpu(self):
        return cpu_seconds(self.pid)

    def memory(self):
        return memory_kb(self.pid)

    def terminate(self, timeout_s=30):
        if self.rusage is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.reap(timeout_s)

    def reap(self, timeout_s):
        """Waits (bounded) for exit; SIGKILL after the deadline."""
        if self.rusage is not None:
            return self.status
        deadline = time.monotonic() + timeout_s
        while True:
            pid, status, rusage = os.wait4(self.pid, os.WNOHANG)
            if pid == self.pid:
                break
            if time.monotonic() > deadline:
                self.proc.kill()
                pid, status, rusage = os.wait4(self.pid, 0)
                break
            time.sleep(0.02)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.status = self.proc.returncode
        self.rusage = {"cpu_s": rusage.ru_utime + rusage.ru_stime,
                       "maxrss_kb": rusage.ru_maxrss}
        return self.status


def start_emulator(exe, fixture, time_scale, faults=None):
    """Returns (child, port); the port comes from the first stdout line."""
    extra = ["--faults", faults] if faults else []
    child = Child([exe, "--listen", "127.0.0.1:0", "--fixture", fixture,
                   "--time-scale", f"{time_scale:g}"] + extra,
                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = child.proc.stdout.readline().decode()
    m = re.match(r"listening on http://127\.0\.0\.1:(\d+)", line)
    if not m:
        child.terminate()
        raise RuntimeError(f"dbs-emulator did not print its port (got {line!r})")
    return child, int(m.group(1))


class NotifySocket:
    """An sd_notify endpoint (AF_UNIX datagram). A thread drains it, so the
    daemon's STATUS= updates never fill the buffer; ready_ms() waits for the
    first READY=1 after `since_ms`."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.2)
        self.messages = []  # (wall ms, text)
        self.cond = threading.Condition()
        self.closed = False
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _drain(self):
        while not self.closed:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.cond:
                self.messages.append((now_ms(), data.decode(errors="replace")))
                self.cond.notify_all()

    def ready_ms(self, since_ms, timeout_s):
        deadline = time.monotonic() + timeout_s
        with self.cond:
            while True:
                for t, text in self.messages:
                    if t >= since_ms and "READY=1" in text.split("\n"):
                        return t
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(left)

    def close(self):
        self.closed = True
        self.thread.join()
        self.sock.close()
        os.unlink(self.path)


def start_daemon(exe, config, notify, log_path, wrapper=()):
    env = dict(os.environ)
    env["NOTIFY_SOCKET"] = notify.path
    env.pop("CREDENTIALS_DIRECTORY", None)
    log = open(log_path, "ab")
    child = Child(list(wrapper) + [exe, "--config", config], env=env, stdout=log, stderr=log,
                  stdin=subprocess.DEVNULL)
    log.close()
    return child
