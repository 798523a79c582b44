# SPDX-License-Identifier: Apache-2.0
"""N running jobs when N is above max_running_jobs (the config accepts at most
1000): the runs are started in waves of max_running_jobs by daemons with
their own jobs and state directories, stopped once every restore of the
wave has started, and their state records are gathered into the main state
directory. A daemon started on it resumes all N runs: resumed runs are
admitted whatever the cap (daemon/JobTable.h, restore()), as after a restart.
"""
import os
import shutil
import time

from . import procs
from .workspace import job_id


def _count_lines(path, needle):
    try:
        with open(path, errors="replace") as f:
            return sum(1 for line in f if needle in line)
    except OSError:
        return 0


def _start_wave(ws, port, notify, opts, jobs, jobs_dir, state_dir, tag, log):
    """Runs a daemon on `jobs` until each has started its restore, then stops it."""
    config = os.path.join(ws.root, f"wave-{tag}.yaml")
    ws.write_config(port, path=config, jobs_dir=jobs_dir, state_dir=state_dir)
    wave_log = os.path.join(ws.root, f"wave-{tag}.log")
    d = procs.start_daemon(opts.daemon, config, notify, wave_log)
    try:
        deadline = time.monotonic() + opts.start_timeout + len(jobs) / opts.rate + 60
        while _count_lines(wave_log, "event=restore_started") < len(jobs):
            if time.monotonic() > deadline:
                raise RuntimeError(f"wave {tag}: restores not all started; see {wave_log}")
            time.sleep(0.2)
    finally:
        d.terminate()
    log(f"N={ws.n}: wave {tag}: {len(jobs)} restores started")


def start_in_waves(ws, port, notify, opts, log, first_state_dir):
    """Leaves ws.state_dir with a running record for each of the N jobs. The
    first wave continues in first_state_dir (the cold-start daemon's, which
    began the first max_running_jobs runs before it was stopped)."""
    size = ws.max_running
    for k, first in enumerate(range(0, ws.n, size), start=1):
        jobs = list(range(first + 1, min(ws.n, first + size) + 1))
        jobs_dir = os.path.join(ws.root, f"wave-{k}-jobs.d")
        state_dir = first_state_dir if k == 1 else os.path.join(ws.root, f"wave-{k}-state")
        os.makedirs(jobs_dir)
        os.makedirs(state_dir, exist_ok=True)
        for i in jobs:
            shutil.copy(ws.job_path(i), jobs_dir)
        _start_wave(ws, port, notify, opts, jobs, jobs_dir, state_dir, k, log)
        for i in jobs:
            name = job_id(i) + ".json"
            os.rename(os.path.join(state_dir, name), os.path.join(ws.state_dir, name))
