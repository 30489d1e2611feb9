#!/usr/bin/env python3
"""isnad on Dask distributed: map corpus shards through `isnad extract`, reduce with `isnad merge`.

The result equals `isnad build` on the same inputs in one process (tests/distributed/test_dask.sh checks it):
every worker sees the whole input list and takes its shard with `--shard K/N` (articles K, K+N, ...), so ids and
paths are the same as in a single run; `isnad merge` is associative and order-independent, so the tree of merges
may take any shape.

  # a local scheduler and 2 worker processes on 127.0.0.1 (Debian: apt-get install python3-distributed)
  tests/distributed/dask_isnad.py --isnad build/isnad --shards 8 --workers 2 -o out news/ feed.jsonl

  # an existing cluster (dask-scheduler on one machine, dask-worker SCHEDULER:8786 on each node; the inputs and the
  # isnad binary at the same paths on every node, e.g. a shared file system)
  tests/distributed/dask_isnad.py --scheduler tcp://10.0.0.1:8786 --isnad /opt/isnad/isnad --shards 64 -o out /data/news/

Exit code: that of the final `isnad merge` (0 ok, 1 some articles failed: see OUT/run.json, ...).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def extract_shard(isnad, inputs, shard, shards, read_flags):
    """Map: one shard's records (JSON Lines bytes). Exit 1 (some articles failed) is a normal outcome: the failures
    are records too and reach run.json through the merges."""
    done = subprocess.run([isnad, "extract", *inputs, "--shard", f"{shard}/{shards}", "-j", "1", "--quiet",
                           *read_flags], capture_output=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"isnad extract shard {shard}/{shards}: exit {done.returncode}: {done.stderr.decode()}")
    return done.stdout


def merge_records(isnad, *parts):
    """Reduce: `isnad merge` of partial results, itself a partial result (records sorted by id)."""
    with tempfile.TemporaryDirectory(prefix="isnad-merge-") as tmp:
        paths = []
        for i, part in enumerate(parts):
            paths.append(os.path.join(tmp, f"part{i}.jsonl"))
            with open(paths[-1], "wb") as f:
                f.write(part)
        done = subprocess.run([isnad, "merge", *paths], capture_output=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"isnad merge: exit {done.returncode}: {done.stderr.decode()}")
    return done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="files, directories, JSON Lines (as for isnad build)")
    parser.add_argument("-o", "--out", required=True, help="output directory (graph files and run.json)")
    parser.add_argument("--isnad", default="build/isnad", help="the isnad executable (same path on every worker)")
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="local worker processes (without --scheduler)")
    parser.add_argument("--scheduler", help="address of a running dask scheduler instead of a local cluster")
    parser.add_argument("--format", default="json,graphml")
    parser.add_argument("--fan-in", type=int, default=4, help="records merged by one reduce task")
    parser.add_argument("--read-flag", action="append", default=[], help="passed to isnad extract (--html, ...)")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    isnad = os.path.abspath(args.isnad)
    inputs = [os.path.abspath(p) if p != "-" else p for p in args.inputs]
    if args.scheduler:
        cluster, client = None, Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    try:
        parts = client.map(extract_shard, [isnad] * args.shards, [inputs] * args.shards, range(args.shards),
                           [args.shards] * args.shards, [args.read_flag] * args.shards, pure=False)
        # Tree reduction: groups of fan-in partial results merged on the workers until one is left.
        while len(parts) > 1:
            parts = [client.submit(merge_records, isnad, *parts[i:i + args.fan_in], pure=False)
                     for i in range(0, len(parts), args.fan_in)]
        records = parts[0].result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    os.makedirs(args.out, exist_ok=True)
    records_path = os.path.join(args.out, "records.jsonl")
    with open(records_path, "wb") as f:
        f.write(records)
    return subprocess.run([isnad, "merge", records_path, "-o", args.out, "--format", args.format]).returncode


if __name__ == "__main__":
    sys.exit(main())
