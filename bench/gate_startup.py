#!/usr/bin/env python3
"""Wall time of `./seat gate` on the embedded checkpoint, cold and warm, with its phase timeline.

cold  a fresh results folder: every answer is generated, every activation computed, every answer
      embedded (the build, and the launcher's class-data archive if it made one, are present)
warm  the same command again on that folder: everything comes from the caches

Each is run --runs times (default 3; cold each time in a new folder) and the median is reported,
with the timeline of the median run: seconds from launch to each suite's heading, to the summary
and to the exit, read from the report as it is printed (launch to the first heading: JVM start,
engine discovery, opening the checkpoint; heading to heading: the earlier suite's work). The run folder's manifest says what was
loaded (weights, sentence embedder) and how long opening and loading the checkpoint took.

--compare DIR measures the launcher of another checkout the same way, interleaved run by run (the
machine's load then weighs on both alike), e.g. an export of the commit before a change.

Usage: python3 bench/gate_startup.py [--runs 3] [--compare DIR --compare-label before]
Writes results/bench/gate-startup.{json,md}.
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def gate(checkout, results):
    """Runs ./seat gate of a checkout into a results folder; returns wall seconds and the timed lines."""
    cmd = [str(checkout / "seat"), "gate", "-D", f"results={results}"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=checkout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines = [(round(time.monotonic() - start, 3), line.rstrip("\n")) for line in proc.stdout]
    code = proc.wait()
    wall = time.monotonic() - start
    if code != 0:
        sys.exit(f"{' '.join(cmd)} exited {code}:\n" + "\n".join(l for _, l in lines[-20:]))
    return wall, lines


def phases(lines, wall):
    """Seconds at which the report reached each suite heading, the summary and the exit."""
    out = []
    for i, (t, line) in enumerate(lines):
        previous = lines[i - 1][1] if i > 0 else ""
        if line and not line.startswith(" ") and previous == "" and ":" not in line:  # a suite heading
            out.append([t, line])
        elif " checks: " in line:
            out.append([t, "summary: " + line.strip()])
    out.append([round(wall, 3), "exit"])
    return out


def manifest(results):
    runs = sorted((results / "tiny-base").glob("2*/manifest.json"))
    m = json.loads(runs[-1].read_text())
    return {"loaded": m.get("loaded"), "timings": m.get("timings")}


def measure(checkouts, runs):
    """Per checkout label: cold and warm runs, interleaved across checkouts."""
    out = {label: {"cold": [], "warm": []} for label in checkouts}
    warm_dirs = {}
    with tempfile.TemporaryDirectory(prefix="gate-startup-") as tmp:
        for r in range(runs):
            for label, checkout in checkouts.items():
                results = Path(tmp) / f"{label}-cold-{r}"
                wall, lines = gate(checkout, results)
                out[label]["cold"].append({"wall_s": round(wall, 3), "phases": phases(lines, wall), **manifest(results)})
                warm_dirs.setdefault(label, results)
                print(f"{label} cold {wall:.2f} s", file=sys.stderr, flush=True)
        for r in range(runs):
            for label, checkout in checkouts.items():
                results = warm_dirs[label]
                wall, lines = gate(checkout, results)
                out[label]["warm"].append({"wall_s": round(wall, 3), "phases": phases(lines, wall), **manifest(results)})
                print(f"{label} warm {wall:.2f} s", file=sys.stderr, flush=True)
    return out


def summary(kind_runs):
    walls = [r["wall_s"] for r in kind_runs]
    median = statistics.median(walls)
    return {"median_s": round(median, 3), "min_s": min(walls), "max_s": max(walls),
            "median_run": min(kind_runs, key=lambda r: abs(r["wall_s"] - median))}


def markdown(result):
    lines = [f"# `./seat gate` start-up on tiny-base ({result['date']})", "",
             f"Machine: {result['machine']}; {result['runs']} runs of each, median (min–max). "
             "cold: fresh results folder (answers generated, activations computed, answers embedded); "
             "warm: the same folder again (everything cached). Measured by `bench/gate_startup.py`.", "",
             "| checkout | cold (s) | warm (s) | warm loads weights / embedder |", "|---|---|---|---|"]
    for label, kinds in result["checkouts"].items():
        cold, warm = kinds["cold_summary"], kinds["warm_summary"]
        loaded = warm["median_run"].get("loaded") or {}
        lines.append(f"| {label} | {cold['median_s']:.2f} ({cold['min_s']:.2f}–{cold['max_s']:.2f}) "
                     f"| {warm['median_s']:.2f} ({warm['min_s']:.2f}–{warm['max_s']:.2f}) "
                     f"| {loaded.get('checkpoint_weights', 'yes (not recorded)')} / "
                     f"{loaded.get('sentence_embedder', 'yes (not recorded)')} |")
    for label, kinds in result["checkouts"].items():
        for kind in ("cold", "warm"):
            run = kinds[f"{kind}_summary"]["median_run"]
            lines += ["", f"## {label}, {kind}: timeline of the median run ({run['wall_s']:.2f} s)", "",
                      "| s | reached | since the line before (s) |", "|---|---|---|"]
            previous = 0.0
            for t, what in run["phases"]:
                lines.append(f"| {t:.2f} | {what} | {t - previous:.2f} |")
                previous = t
            if run.get("timings"):
                lines.append("")
                lines.append("manifest timings (ms): " + ", ".join(f"{k} {v}" for k, v in run["timings"].items()))
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--label", default="this checkout")
    p.add_argument("--compare", type=Path, help="another checkout to measure alike (its ./seat must be built)")
    p.add_argument("--compare-label", default="compared")
    p.add_argument("--out", type=Path, default=ROOT / "results" / "bench" / "gate-startup")
    a = p.parse_args()
    checkouts = {a.label: ROOT}
    if a.compare:
        checkouts[a.compare_label] = a.compare.resolve()
    raw = measure(checkouts, a.runs)
    result = {"date": datetime.date.today().isoformat(),
              "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
              "runs": a.runs, "checkouts": {}}
    for label, kinds in raw.items():
        result["checkouts"][label] = {"path": str(checkouts[label]), **kinds,
                                      "cold_summary": summary(kinds["cold"]), "warm_summary": summary(kinds["warm"])}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n")
    a.out.with_suffix(".md").write_text(markdown(result))
    print(markdown(result))


if __name__ == "__main__":
    main()
