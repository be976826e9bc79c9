"""Timing helper shared by the bench scripts."""
import statistics
import subprocess
import sys
import tempfile
import time


def measure(cmd, runs, ok=(0, 1)):
    """Median wall time and peak RSS (MB) over `runs` runs. RSS comes from
    /usr/bin/time: `wait4` from Python would count the pages of the Python
    process that forked the child. `ok` lists the exit statuses that count
    as a completed run (1: findings; 2 where an input error is the point)."""
    times, rss = [], 0
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as out:
            start = time.perf_counter()
            status = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            times.append(time.perf_counter() - start)
            rss = max(rss, int(out.read().strip().splitlines()[-1]))  # KiB
        if status not in ok:
            sys.exit(f"{cmd[0]} failed with status {status}")
    return statistics.median(times), rss / 1024
