# SPDX-License-Identifier: Apache-2.0
"""Writes one benchmark workspace: emulator fixture, main config, N job files.

Everything lives under one temporary directory that the caller owns. Task ids
follow the emulator's generator (docs/emulator.md, generate_restore_tasks):
prefix + a 5-digit counter from 00001.
"""
import math
import os

ACCESS_KEY_ID = "LTAI5tDemoAccessKey01"
ACCESS_KEY_SECRET = "demo-secret-not-for-production"
PLAN_ID = "dbsplandemo01"
SPARE_TASK = "rtdspare01"
# Simulated restore durations: GROUPS groups whose lengths step by a tenth of
# a poll interval, so that tasks end at every phase of the poll rounds (equal
# lengths that are whole intervals would make every detection latency alike).
GROUPS = 10
LONGEST_S = 3 * 3600


def durations_s(rounds):
    """Simulated seconds per group; the longest is 3 h, one poll interval
    is LONGEST_S / rounds simulated seconds."""
    step = LONGEST_S // rounds // GROUPS
    return [LONGEST_S - (GROUPS - 1 - g) * step for g in range(GROUPS)]


def group_counts(n):
    """How many of n tasks go in each group."""
    base, extra = divmod(n, GROUPS)
    return [base + (1 if i < extra else 0) for i in range(GROUPS)]


def task_ids(prefix, n, rounds):
    """[(task id, simulated seconds)] in generator order."""
    out = []
    for g, count in enumerate(group_counts(n)):
        width = max(5, len(str(count)))
        for i in range(1, count + 1):
            out.append((f"{prefix}g{g}-{i:0{width}d}", durations_s(rounds)[g]))
    return out


def time_scale(poll_interval_s, rounds):
    """Scale at which the longest restore lasts `rounds` poll intervals."""
    return LONGEST_S / (rounds * poll_interval_s)


def _fixture(n_daemon, n_peer, rounds):
    lines = [
        "access_keys:",
        f"  - id: {ACCESS_KEY_ID}",
        f"    secret: {ACCESS_KEY_SECRET}",
        "backup_plans:",
        f"  - id: {PLAN_ID}",
        "restore_tasks:",
        f"  - {{id: {SPARE_TASK}, backup_plan_id: {PLAN_ID}, duration: 2h}}",
        "generate_restore_tasks:",
    ]
    for prefix, n in (("rtd", n_daemon), ("rtp", n_peer)):
        for g, count in enumerate(group_counts(n)):
            if count:
                lines.append(f"  - {{id_prefix: {prefix}g{g}-, count: {count}, "
                             f"backup_plan_id: {PLAN_ID}, duration: {durations_s(rounds)[g]}s, "
                             "outcome: finish}")
    return "\n".join(lines) + "\n"


def job_id(i):
    return f"bench-{i:05d}"


def job_yaml(task_id, poll_interval_s):
    return ("steps:\n"
            "  - restore:\n"
            f"      restore_task_id: {task_id}\n"
            f"poll_interval: {poll_interval_s}s\n")


class Workspace:
    """Paths of one run; write() creates the files."""

    def __init__(self, root, n, with_peer, poll_interval_s, rounds, rate, max_running):
        self.root = root
        self.n = n
        self.poll_interval_s = poll_interval_s
        self.rate = rate
        self.max_running = max_running
        self.fixture = os.path.join(root, "fixture.yaml")
        self.config = os.path.join(root, "dbs-restored.yaml")
        self.jobs_dir = os.path.join(root, "jobs.d")
        self.state_dir = os.path.join(root, "state")
        self.credentials = os.path.join(root, "credentials", "dbs-access-key")
        self.peer_secret = os.path.join(root, "credentials", "peer-secret")
        self.rounds = rounds
        self.daemon_tasks = task_ids("rtd", n, rounds)
        self.peer_tasks = task_ids("rtp", n, rounds) if with_peer else []

    def job_path(self, i):
        return os.path.join(self.jobs_dir, job_id(i) + ".yaml")

    def write(self):
        os.makedirs(self.jobs_dir)
        os.makedirs(self.state_dir)
        os.makedirs(os.path.dirname(self.credentials), mode=0o700)
        with open(self.fixture, "w") as f:
            f.write(_fixture(self.n, len(self.peer_tasks), self.rounds))
        for path, text in ((self.credentials, f"access_key_id = {ACCESS_KEY_ID}\n"
                                              f"access_key_secret = {ACCESS_KEY_SECRET}\n"),
                           (self.peer_secret, ACCESS_KEY_SECRET + "\n")):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(text)
        for i, (task, _) in enumerate(self.daemon_tasks, start=1):
            with open(self.job_path(i), "w") as f:
                f.write(job_yaml(task, self.poll_interval_s))

    def write_config(self, port, path=None, jobs_dir=None, state_dir=None):
        burst = max(10, min(10000, int(self.rate)))
        with open(path or self.config, "w") as f:
            f.write(f"jobs_dir: {jobs_dir or self.jobs_dir}\n"
                    f"state_dir: {state_dir or self.state_dir}\n"
                    "api:\n"
                    f"  endpoint: http://127.0.0.1:{port}\n"
                    "  signature: v3\n"
                    f"  rate_limit: {{requests_per_second: {self.rate:g}, burst: {burst}}}\n"
                    f"credentials: {{file: {self.credentials}}}\n"
                    f"defaults: {{poll_interval: {self.poll_interval_s}s}}\n"
                    f"max_running_jobs: {self.max_running}\n"
                    "log: {target: stderr, level: info}\n")


def batching_bound(n):
    """The target: DescribeRestoreTaskList calls per round."""
    return math.ceil(n / 100)
