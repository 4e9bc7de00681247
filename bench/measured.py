"""One command's wall time, CPU seconds and peak RSS, for the benchmarks.

The command runs under BUILD/bench/berth_peak_rss rather than as this Python's child: subprocess
starts children with vfork, and a vforked child's ru_maxrss starts at its parent's own peak (a
benchmark that read a 200 MB layer would report 200 MB for `true`)."""
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Measured:
    seconds: float
    user: float  # CPU seconds
    system: float
    peak_mib: float


class Running:
    """A command started by start(); pid is the command's own (for /proc), None if it ended at once."""

    def __init__(self, build, cmd, env=None, stdout_path=None):
        self.cmd = cmd
        report = tempfile.NamedTemporaryFile(prefix="peak-rss-", delete=False)
        report.close()
        self.report = report.name
        self.out = open(stdout_path, "w") if stdout_path else subprocess.DEVNULL
        self.started = time.perf_counter()
        tool = os.path.join(os.path.abspath(build), "bench", "berth_peak_rss")
        # stderr to a file: a pipe could fill before the command ends.
        self.errors = tempfile.TemporaryFile()
        self.launcher = subprocess.Popen([tool, self.report] + cmd, stdout=self.out, stderr=self.errors, env=env)
        self.pid = None
        while self.pid is None and self.launcher.poll() is None:
            with open(self.report) as report_file:
                line = report_file.readline()
            if line.endswith("\n"):
                self.pid = int(line.split()[1])
            else:
                time.sleep(0.001)

    def done(self):
        return self.launcher.poll() is not None

    def finish(self, what="benchmark"):
        """Waits for the command; its figures, or the benchmark ends with its error."""
        self.launcher.wait()
        seconds = time.perf_counter() - self.started
        if self.out is not subprocess.DEVNULL:
            self.out.close()
        with open(self.report) as report_file:
            fields = dict(line.split() for line in report_file if line.strip())
        os.remove(self.report)
        self.errors.seek(0)
        err = self.errors.read().decode(errors="replace")
        self.errors.close()
        if self.launcher.returncode != 0 or fields.get("status") != "0":
            sys.exit(f"{what}: {' '.join(self.cmd[:3])} failed: {err.strip()[:500]}")
        return Measured(seconds, float(fields["user_s"]), float(fields["system_s"]), int(fields["maxrss_kib"]) / 1024)


def run(build, cmd, env=None, stdout_path=None, what="benchmark"):
    return Running(build, cmd, env, stdout_path).finish(what)
