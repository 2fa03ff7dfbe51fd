#!/usr/bin/python3
"""scale.py — litgraph against igraph (and networkx where it finishes) on the same files.

Usage (Debian's python, where python3-igraph and python3-networkx are installed):

    go build -o /tmp/litgraph ./cmd/litgraph
    /usr/bin/python3 bench/scale.py [--litgraph /tmp/litgraph] [--shared ../shared]
                                    [--work /tmp/bench] [--reps 3] [--quick] > bench/results.md

It generates the synthetic citation DAGs with shared/bench/gen_citation_dag.go (10k works /
100k edges, 100k / 1.0M, 1M / 12M; reused when present in --work), relabels cit-HepTh to ids
0..n-1 for peers_bench.py, then runs every task with litgraph and the peers side by side,
--reps times each, and prints Markdown: medians of whole-process wall time (/usr/bin/time),
compute time alone (litgraph: LITGRAPH_TIMINGS=1 "compute"; peers: peers_bench.py "seconds")
and peak memory (max RSS), with the ratio litgraph / igraph, then how the cost grows from 10k
to 1M. graph-tool is not installed on this machine; networkx exact betweenness on cit-HepTh
is quoted (about 46 CPU-minutes, measured once), never rerun.
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--litgraph", default="/tmp/litgraph")
ap.add_argument("--shared", default=None, help="the shared folder (default: ../shared beside the repo, or $LITGRAPH_SHARED)")
ap.add_argument("--work", default="/tmp/bench")
ap.add_argument("--reps", type=int, default=3)
ap.add_argument("--quick", action="store_true", help="skip the 1M graph and HepTh betweenness")
args = ap.parse_args()

repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = args.shared or os.environ.get("LITGRAPH_SHARED") or os.path.join(repo, "..", "shared")
bench = os.path.join(shared, "bench")
os.makedirs(args.work, exist_ok=True)
log = lambda *a: print(*a, file=sys.stderr, flush=True)

SIZES = [("10k", 10000, 10), ("100k", 100000, 10), ("1m", 1000000, 12)]
if args.quick:
    SIZES = SIZES[:2]


def graph_file(tag, n, k):
    path = os.path.join(args.work, "cit_%s.txt" % tag)
    if not os.path.exists(path):
        log("generating", path)
        subprocess.run(["go", "run", os.path.join(bench, "gen_citation_dag.go"), "-n", str(n), "-k", str(k),
                        "-seed", "1", "-o", path], check=True, stderr=subprocess.DEVNULL)
    return path


def hepth_file():
    path = os.path.join(args.work, "hepth_relabeled.txt")
    if not os.path.exists(path):
        idx, out = {}, []
        for line in gzip.open(os.path.join(shared, "data", "cit-hepth", "cit-HepTh.txt.gz"), "rt"):
            if line.startswith("#") or not line.strip():
                continue
            a, b = line.split()[:2]
            for x in (a, b):
                idx.setdefault(x, len(idx))
            out.append("%d %d\n" % (idx[a], idx[b]))
        with open(path, "w") as f:
            f.writelines(out)
    return path


def timed(cmd, env=None):
    """Runs cmd under /usr/bin/time; returns (wall s, max RSS MiB, stdout, stderr)."""
    tf = os.path.join(args.work, ".time")
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tf] + cmd, capture_output=True, text=True,
                       env=dict(os.environ, **(env or {})))
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stderr[-500:]))
    wall, rss = open(tf).read().split()[-2:]
    return float(wall), int(rss) / 1024.0, p.stdout, p.stderr


LG_TASK = {
    "pagerank": ["rank", "--by", "pagerank", "--top", "100", "--format", "json"],
    "betweenness": ["rank", "--by", "betweenness", "--top", "100", "--format", "json"],
    "louvain": ["communities", "--format", "json"],
    "wcc": ["components", "--top", "100", "--format", "json"],
    "snapshot-pagerank": ["rank", "--by", "pagerank", "--top", "100", "--format", "json"],
}


def run_litgraph(task, path):
    if task == "snapshot-pagerank":
        path = snapshot(path)
    wall, rss, out, err = timed([args.litgraph] + LG_TASK[task] + ["--data", path], {"LITGRAPH_TIMINGS": "1"})
    m = re.search(r"compute ([0-9.]+) s", err)
    res = {"wall": wall, "rss": rss, "compute": float(m.group(1)) if m else None}
    if task == "louvain":
        res["modularity"] = json.loads(out)["modularity"]
    return res


SNAPSHOTS = {}


def snapshot(path):
    """litgraph import, once per file: the .lgs that snapshot-pagerank reads."""
    if path not in SNAPSHOTS:
        out = path + ".lgs"
        wall, rss, _, _ = timed([args.litgraph, "import", "--data", path, "--out", out])
        SNAPSHOTS[path] = out
        IMPORTS.append((os.path.basename(path), wall, rss, os.path.getsize(out) / 2**20))
    return SNAPSHOTS[path]


IMPORTS = []


def run_peer(tool, task, path):
    if task == "snapshot-pagerank":
        task = "pagerank"
    t = "wcc" if task == "wcc" else task
    cmd = ["/usr/bin/python3", os.path.join(bench, "peers_bench.py"), path, tool, t]
    if task == "louvain":
        cmd.append("--quality")
    wall, rss, out, err = timed(cmd)
    j = json.loads(out.strip().splitlines()[-1])
    res = {"wall": wall, "rss": rss, "compute": j["seconds"]}
    if "modularity" in j:
        res["modularity"] = j["modularity"]
        # peers_bench computes the modularity after the task, in the same process: the
        # whole-process wall time then includes it; subtract nothing, but say so in the notes.
    return res


def median_runs(fn, reps):
    runs = [fn() for _ in range(reps)]
    out = {}
    for k in runs[0]:
        vals = [r[k] for r in runs if r[k] is not None]
        out[k] = statistics.median(vals) if vals else None
    return out


rows = []  # (task, graph, tool, result)
plan = []
for tag, n, k in SIZES:
    path = graph_file(tag, n, k)
    plan.append(("pagerank", tag, path, ["igraph"] + (["networkx"] if n <= 100000 else [])))
    plan.append(("louvain", tag, path, ["igraph"]))
    plan.append(("wcc", tag, path, ["igraph"]))
    if n <= 10000:
        plan.append(("betweenness", tag, path, ["igraph"]))
    if n >= 1000000:
        plan.append(("snapshot-pagerank", tag, path, ["igraph"]))
hep = hepth_file()
plan.append(("louvain", "cit-HepTh", hep, ["igraph"]))
if not args.quick:
    plan.append(("betweenness", "cit-HepTh", hep, ["igraph"]))

for task, tag, path, peers in plan:
    reps = args.reps
    if tag == "1m" and task == "louvain":
        reps = 1  # igraph takes about a minute per run
    if task == "betweenness" and tag == "cit-HepTh":
        reps = min(reps, 2)
    log("%s on %s (%d reps)" % (task, tag, reps))
    rows.append((task, tag, "litgraph", median_runs(lambda: run_litgraph(task, path), reps)))
    for tool in peers:
        rows.append((task, tag, tool, median_runs(lambda: run_peer(tool, task, path), reps)))

# ---- report -------------------------------------------------------------------------
def f(x, d=2):
    return "—" if x is None else ("%.*f" % (d, x))


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else "%.2f" % (a / b)


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except Exception:
        return "?"


cpu = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
print("# litgraph scale benchmark\n")
print("Run %s UTC on %s, %d cores (%s), %s." % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"),
      platform.node() or "?", os.cpu_count(), cpu, platform.platform()))
print("litgraph %s; %s; python-igraph %s; networkx %s; graph-tool: not installed (no Debian package here)." % (
    version([args.litgraph, "--version"]), version(["go", "version"]),
    version(["/usr/bin/python3", "-c", "import igraph; print(igraph.__version__)"]),
    version(["/usr/bin/python3", "-c", "import networkx; print(networkx.__version__)"])))
print("Medians of %d runs (1 for igraph Louvain on 1M, 2 for HepTh betweenness). Wall and memory are the whole "
      "process (/usr/bin/time: read the file, compute, write the top 100); compute is the task alone "
      "(litgraph: LITGRAPH_TIMINGS=1, from the loaded graph to the rendered output; peers: peers_bench.py).\n" % args.reps)
print("| task | graph | tool | wall s | compute s | peak MiB | wall ratio | compute ratio | memory ratio | modularity |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
by = {(t, g, tool): r for t, g, tool, r in rows}
for t, g, tool, r in rows:
    ig = by.get((t, g, "igraph"))
    rr = (ratio(r["wall"], ig["wall"]), ratio(r["compute"], ig["compute"]), ratio(r["rss"], ig["rss"])) if ig and tool != "igraph" else ("", "", "")
    print("| %s | %s | %s | %s | %s | %.0f | %s | %s | %s | %s |" % (t, g, tool, f(r["wall"]), f(r["compute"], 3), r["rss"],
          rr[0], rr[1], rr[2], f(r.get("modularity"), 4) if r.get("modularity") is not None else ""))
print("\nRatios are litgraph / igraph (below 1: litgraph is faster or smaller).")
print("networkx exact betweenness on cit-HepTh: about 46 CPU-minutes (measured once, not rerun).")
print("\"wcc\" rows: litgraph `components`, igraph connected_components(mode=weak). \"snapshot-pagerank\": litgraph reads "
      "the binary snapshot written once by `litgraph import` (below), igraph the same edge list as before.")
print("litgraph counts only the works that appear in the edge list (996,773 of the 1M ids, 99,595 of 100k, 9,963 of 10k); "
      "peers_bench.py creates every id up to the largest, isolated ones included. igraph's Louvain is not seeded; "
      "its wall time includes the modularity it computes afterwards (--quality).\n")
for name, wall, rss, mib in IMPORTS:
    print("litgraph import of %s: %.2f s, %.0f MiB peak, snapshot %.0f MiB.\n" % (name, wall, rss, mib))
print("## Growth from 10k to 1M (litgraph wall s / compute s)\n")
print("| task | " + " | ".join(tag for tag, _, _ in SIZES) + " |")
print("|---|" + "---:|" * len(SIZES))
for t in ["pagerank", "louvain", "wcc", "snapshot-pagerank"]:
    cells = []
    for tag, _, _ in SIZES:
        r = by.get((t, tag, "litgraph"))
        cells.append("%s / %s" % (f(r["wall"]), f(r["compute"], 3)) if r else "—")
    print("| %s | %s |" % (t, " | ".join(cells)))
