#!/usr/bin/env python3
"""Records benchmark runs, checks their counts against the corpus, and prints the tables.

  report.py record --results FILE --n N --tool TOOL --run-dir DIR --counts JSON [--skipped WHY]
      appends one run to FILE (JSON lines) from DIR/TOOL.time; exits 1 when the counts are wrong.
  report.py store-counts DATABASE
      the status counts of OCOP Watch's latest pass, as JSON.
  report.py tables --results FILE [--machine FILE]
      the Markdown tables BENCHMARKS.md quotes: per N, each tool's fastest run, ratios, targets.

Python standard library only.
"""

import argparse
import json
import os
import sqlite3
import sys

PEERS = ("curl", "aiohttp", "scrapy")
ORDER = ("ocop-watch", "curl", "aiohttp", "scrapy")
# The `coverage` runs after the largest pass: the tool name in results.jsonl, and the command.
COVERAGE_COMMANDS = (("coverage", "ocop-watch coverage"), ("coverage-json", "ocop-watch coverage --format json"))


def read_time(path):
    """`%e %U %S %M` from GNU time's output file (its last line; an earlier one may say the
    command failed)."""
    try:
        with open(path) as handle:
            lines = [line.split() for line in handle if line.strip()]
    except FileNotFoundError:
        return None
    failed = any(line[:3] == ["Command", "exited", "with"] or line[:2] == ["Command", "terminated"] for line in lines)
    wall, user, system, rss = lines[-1][:4]
    timing = {"wall": float(wall), "cpu": float(user) + float(system), "rss_mb": int(rss) / 1024, "failed": failed}
    stem = path[: -len(".time")]
    for key, suffix in (("wall", ".wall"), ("server_cpu", ".server")):
        if os.path.exists(stem + suffix):
            with open(stem + suffix) as handle:
                timing[key] = float(handle.read())
    return timing


def expected_counts(truth, tool):
    if tool == "curl":
        return {"http_200": truth["active"] + truth["out_of_stock"], "not_found": truth["not_found"]}
    return {"active": truth["active"], "out_of_stock": truth["out_of_stock"], "not_found": truth["not_found"]}


def normalised(counts, tool):
    """Counts without zeros (a tool that prints no line for a status it never saw agrees with
    one that prints 0), OCOP Watch's "delisted" read as the corpus's "not_found"."""
    counts = dict(counts)
    if tool == "ocop-watch":
        # OCOP Watch calls a listing the marketplace answers 404 for "delisted".
        counts["not_found"] = counts.pop("delisted", 0)
    return {key: value for key, value in counts.items() if value}


def record(args):
    with open(os.path.join(args.run_dir, "truth.json")) as handle:
        truth = json.load(handle)
    entry = {"n": args.n, "tool": args.tool, "round": args.round}
    if args.skipped:
        entry["skipped"] = args.skipped
    else:
        timing = read_time(os.path.join(args.run_dir, f"{args.tool}.time"))
        if timing is None:
            entry["failed"] = "no timing (the command did not run)"
        else:
            entry.update(timing)
        if args.tool == "ocop-watch":
            imported = read_time(os.path.join(args.run_dir, "ocop-watch-import.time"))
            if imported:
                entry["import_wall"] = imported["wall"]
                entry["import_rss_mb"] = imported["rss_mb"]
        if not args.tool.startswith("coverage"):
            counts = normalised(json.loads(args.counts or "{}"), args.tool)
            expected = normalised(expected_counts(truth, args.tool), "expected")
            entry["counts"] = counts
            entry["correct"] = counts == expected
            if not entry["correct"]:
                print(
                    f"\n!!!!! COUNT MISMATCH: {args.tool} at N = {args.n}\n"
                    f"!!!!!   expected {json.dumps(expected, sort_keys=True)}\n"
                    f"!!!!!   got      {json.dumps(counts, sort_keys=True)}\n",
                    file=sys.stderr,
                )
    with open(args.results, "a") as handle:
        handle.write(json.dumps(entry, sort_keys=True) + "\n")
    if "wall" in entry:
        is_coverage = args.tool.startswith("coverage")
        rate = "" if is_coverage else f", {args.n / entry['wall']:,.0f} checks/s"
        verdict = "" if is_coverage else ("  counts OK" if entry.get("correct") else "  COUNTS WRONG")
        print(
            f"  {args.tool}: {entry['wall']:.2f} s wall, {entry['cpu']:.2f} s CPU, "
            f"{entry['rss_mb']:.1f} MB peak RSS{rate}{verdict}",
            file=sys.stderr,
        )
    return 0 if entry.get("correct", True) and not entry.get("failed") else 1


def store_counts(args):
    if not os.path.exists(args.database):
        print("{}")
        return 0
    connection = sqlite3.connect(f"file:{args.database}?mode=ro", uri=True)
    rows = connection.execute(
        "SELECT status, COUNT(*) FROM observations WHERE pass_id = (SELECT MAX(pass_id) FROM observations) "
        "GROUP BY status"
    ).fetchall()
    print(json.dumps(dict(rows), sort_keys=True))
    return 0


def fastest(entries):
    """Per (n, tool): the fastest run with correct counts, else the last run (skipped or wrong)."""
    runs = {}
    for entry in entries:
        runs.setdefault((entry["n"], entry["tool"]), []).append(entry)
    best = {}
    for key, group in runs.items():
        good = [e for e in group if "wall" in e and e.get("correct", True) and not e.get("failed")]
        best[key] = min(good, key=lambda e: e["wall"]) if good else group[-1]
    return best


def measured(entries, n, tool):
    """The runs of one tool at one N that finished with correct counts, in the order they ran."""
    return [
        e for e in entries
        if e["n"] == n and e["tool"] == tool and "wall" in e and e.get("correct", True) and not e.get("failed")
    ]


def per_round(entries, n, peer):
    """OCOP Watch's wall time over the peer's, round by round (runs paired by their round, so a
    failed run drops its round instead of shifting the pairs), as "low–high×, median m×"; None
    with fewer than two rounds. The fastest run of each tool may come from different rounds; a
    round's ratio compares runs made minutes apart."""
    theirs = {e.get("round"): e for e in measured(entries, n, peer)}
    ratios = sorted(
        a["wall"] / theirs[a.get("round")]["wall"] for a in measured(entries, n, "ocop-watch") if a.get("round") in theirs
    )
    if len(ratios) < 2:
        return None
    middle = len(ratios) // 2
    median = ratios[middle] if len(ratios) % 2 else (ratios[middle - 1] + ratios[middle]) / 2
    return f"{ratios[0]:.2f}–{ratios[-1]:.2f}×, median {median:.2f}×"


def tables(args):
    with open(args.results) as handle:
        entries = [json.loads(line) for line in handle if line.strip()]
    best = fastest(entries)
    sizes = sorted({n for n, _ in best})
    lines = []
    if args.machine and os.path.exists(args.machine):
        with open(args.machine) as handle:
            lines += ["Machine:", "", handle.read().rstrip(), ""]
    for n in sizes:
        lines += [f"### {n:,} listings", ""]
        lines += [
            "| tool | wall s | CPU s | peak RSS MB | checks/s | nginx CPU s | counts |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for tool in ORDER:
            entry = best.get((n, tool))
            label = "OCOP Watch `sync --once`" if tool == "ocop-watch" else tool
            if entry is None:
                lines.append(f"| {label} | not measured | | | | | |")
            elif "skipped" in entry:
                lines.append(f"| {label} | skipped ({entry['skipped']}) | | | | | |")
            elif "wall" not in entry:
                lines.append(f"| {label} | failed: {entry.get('failed')} | | | | | |")
            else:
                verdict = "ok" if entry.get("correct") and not entry.get("failed") else "**WRONG**"
                lines.append(
                    f"| {label} | {entry['wall']:.2f} | {entry['cpu']:.2f} | {entry['rss_mb']:.1f} | "
                    f"{n / entry['wall']:,.0f} | {entry.get('server_cpu', float('nan')):.2f} | {verdict} |"
                )
        lines.append("")
        def usable(entry):
            return entry is not None and "wall" in entry and entry.get("correct", True) and not entry.get("failed")

        ocop = best.get((n, "ocop-watch"))
        if usable(ocop):
            ratios, cpu = [], []
            curl = best.get((n, "curl"))
            if usable(curl):
                ratios.append(f"OCOP Watch's wall time = {ocop['wall'] / curl['wall']:.2f}× curl's")
            for peer in ("aiohttp", "scrapy"):
                other = best.get((n, peer))
                if usable(other):
                    ratios.append(f"speed-up vs {peer} = {other['wall'] / ocop['wall']:.2f}×")
            for peer in PEERS:
                other = best.get((n, peer))
                if usable(other) and other["cpu"] > 0:
                    cpu.append(f"{ocop['cpu'] / other['cpu']:.2f}× {peer}'s")
            if ratios:
                lines += ["Ratios: " + "; ".join(ratios) + " (a speed-up below 1 means the peer was faster).", ""]
            rounds = per_round(entries, n, "curl")
            if rounds:
                lines += [f"Round by round (each tool once per round): OCOP Watch's wall time = {rounds} curl's.", ""]
            runs = measured(entries, n, "ocop-watch")
            if len(runs) > 1:
                rss = sorted(e["rss_mb"] for e in runs)
                lines += [f"OCOP Watch's peak RSS over its {len(runs)} runs: {rss[0]:.1f}–{rss[-1]:.1f} MB.", ""]
            if cpu:
                lines += ["CPU: OCOP Watch used " + ", ".join(cpu) + ".", ""]
            if "import_wall" in ocop:
                lines += [
                    f"Catalog import before the pass (not in the figures above): {ocop['import_wall']:.2f} s, "
                    f"{ocop['import_rss_mb']:.1f} MB peak RSS.",
                    "",
                ]
        for tool, command in COVERAGE_COMMANDS:
            coverage = best.get((n, tool))
            if coverage and "wall" in coverage:
                lines += [
                    f"`{command}` after this pass: {coverage['wall'] * 1000:.0f} ms wall "
                    f"(process start included), {coverage['rss_mb']:.1f} MB peak RSS.",
                    "",
                ]
    lines += targets(best)
    print("\n".join(lines))
    return 0


def targets(best):
    def wall(n, tool):
        entry = best.get((n, tool))
        return entry["wall"] if entry and "wall" in entry and entry.get("correct") else None

    def verdict(ok):
        return "met" if ok else "**missed**"

    lines = ["### Targets", ""]
    ocop, curl, aio, scrapy = (wall(10_000, tool) for tool in ORDER)
    if ocop and curl:
        lines.append(f"- 10,000: within 1.5× curl's wall time: {ocop / curl:.2f}× ({verdict(ocop / curl <= 1.5)})")
    if ocop and aio:
        lines.append(f"- 10,000: ≥ 3× faster than aiohttp: {aio / ocop:.2f}× ({verdict(aio / ocop >= 3)})")
    if ocop and scrapy:
        lines.append(f"- 10,000: ≥ 20× faster than Scrapy: {scrapy / ocop:.2f}× ({verdict(scrapy / ocop >= 20)})")
    big = best.get((100_000, "ocop-watch"))
    if big and "wall" in big:
        lines.append(f"- 100,000: peak RSS < 64 MB: {big['rss_mb']:.1f} MB ({verdict(big['rss_mb'] < 64)})")
        small = wall(10_000, "ocop-watch")
        if small:
            growth = (big["wall"] / 100_000) / (small / 10_000)
            lines.append(
                f"- 100,000: time linear in N: time per listing at 100,000 = {growth:.2f}× that at 10,000 "
                f"({verdict(growth <= 1.25)}; ≤ 1.25× counts as linear)"
            )
    for tool, command in COVERAGE_COMMANDS:
        coverage = best.get((100_000, tool))
        if coverage and "wall" in coverage:
            lines.append(
                f"- after 100,000: `{command}` < 100 ms: {coverage['wall'] * 1000:.0f} ms with process start "
                f"({verdict(coverage['wall'] < 0.1)})"
            )
    if len(lines) == 2:
        lines.append("- not evaluated: OCOP Watch was not measured at 10,000 and 100,000 in this run")
    return lines + [""]


LATEST_START = "<!-- bench/run.sh writes the latest run below; edits between these markers are replaced -->"
LATEST_END = "<!-- end of the latest run -->"


def publish(args):
    """Puts the run's tables into BENCHMARKS.md between the markers (inserted before "## Results"
    the first time), with when, which commit and which command, so that a rerun leaves its figures
    where readers look, beside the runs of record."""
    with open(args.benchmarks) as handle:
        text = handle.read()
    with open(args.tables) as handle:
        tables = handle.read().rstrip()
    tables = tables.replace("\n### ", "\n#### ")
    section = "\n".join([
        LATEST_START,
        "## Latest run",
        "",
        f"`{args.command}`, {args.when}, commit {args.commit}. Written by the benchmark itself; the runs "
        "discussed below are the ones of record.",
        "",
        tables,
        LATEST_END,
    ])
    if LATEST_START in text and LATEST_END in text:
        before, rest = text.split(LATEST_START, 1)
        after = rest.split(LATEST_END, 1)[1]
        text = before + section + after
    else:
        anchor = text.find("\n## Results")
        anchor = len(text) if anchor < 0 else anchor + 1
        text = text[:anchor] + section + "\n\n" + text[anchor:]
    with open(args.benchmarks, "w") as handle:
        handle.write(text)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    recording = commands.add_parser("record")
    recording.add_argument("--results", required=True)
    recording.add_argument("--n", type=int, required=True)
    recording.add_argument("--tool", required=True)
    recording.add_argument("--run-dir", required=True)
    recording.add_argument("--counts", default="")
    recording.add_argument("--skipped")
    recording.add_argument("--round", type=int, default=1)
    counting = commands.add_parser("store-counts")
    counting.add_argument("database")
    printing = commands.add_parser("tables")
    printing.add_argument("--results", required=True)
    printing.add_argument("--machine")
    publishing = commands.add_parser("publish")
    publishing.add_argument("--benchmarks", required=True)
    publishing.add_argument("--tables", required=True)
    publishing.add_argument("--commit", required=True)
    publishing.add_argument("--command", dest="command_line", required=True)
    publishing.add_argument("--when", required=True)
    args = parser.parse_args()
    if args.command == "publish":
        args.command = args.command_line
        sys.exit(publish(args))
    handler = {"record": record, "store-counts": store_counts, "tables": tables}[args.command]
    sys.exit(handler(args))


if __name__ == "__main__":
    main()
