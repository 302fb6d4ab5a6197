#!/usr/bin/env python3
"""Studio start-up: seconds from launching finch-studio to its first visible window,
against a bare Qt Widgets window (build/bin/bench_startup_peer) in the same run. Needs an
X display (e.g. `Xvfb :99 &` and DISPLAY=:99) and xdotool. Median of 5 launches each,
after one untimed launch of each (which also creates the studio's first workspace).

Usage: DISPLAY=:99 bench/studio_startup.py [--bin build/bin] [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seconds_to_window(command, title, env):
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title],
                                   capture_output=True, text=True).stdout.strip()
            if found:
                return time.perf_counter() - started
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} exited ({process.returncode}) before showing a window: "
                                 f"{process.stderr.read().decode()}")
            time.sleep(0.01)
    finally:
        process.terminate()
        process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=str(ROOT / "build/bin"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=f"{home}/.config")
        programs = {
            "finch-studio": ([f"{args.bin}/finch-studio"], "Finch"),
            "bare Qt window": ([f"{args.bin}/bench_startup_peer"], "Startup peer"),
        }
        medians = {}
        for name, (command, title) in programs.items():
            seconds_to_window(command, title, env)  # untimed: first workspace, caches
            times = [seconds_to_window(command, title, env) for _ in range(args.runs)]
            medians[name] = statistics.median(times)
            print(f"{name:15} median {medians[name]:.3f} s  ({', '.join(f'{t:.3f}' for t in times)})")
        print(f"finch-studio / bare Qt window: {medians['finch-studio'] / medians['bare Qt window']:.2f}x")


if __name__ == "__main__":
    main()
