#!/usr/bin/env python3
"""infralint's benchmark: infralint and its peers on the same files, in the same run.

For each kind of file: the whole set in one invocation (wall time, user+sys CPU, peak RSS) and
one median-sized file alone (how pre-commit calls a linter), medians of several runs, with the
ratios peer / infralint and infralint / `--parse-only` (the floor: read and parse, no rules).
Inputs: ../shared/corpus per kind when present (skipped, saying so, when absent), the seed stack,
and inputs generated here (a 10 000-file repository, a 6 MB Kubernetes file, a 20 000-rule
Prometheus file). A benchmark, never a test: it asserts nothing, it reports.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# INFRALINT names another build of the binary (e.g. an out-of-tree Release build).
BINARY = Path(os.environ.get("INFRALINT", ROOT / "build" / "infralint"))
PEERS = ROOT / "bench" / "node_modules" / ".bin"
# Generated inputs live outside the repository: inside it, .gitignore would hide them from
# infralint's discovery (as it should), and a checkout must not hold 10 000 generated files.
WORK = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "infralint-bench"
RESULTS = ROOT / "bench" / "results"  # JSON of each run (git-ignored)
CORES = os.cpu_count() or 1


def measure(cmd, runs, cwd=None, before_each=None):
    """Median wall seconds, user+sys CPU seconds and peak RSS (MiB) of `cmd` over `runs` runs.

    The timed runs start the command itself; one more run under GNU time measures the peak
    RSS (a child forked from this Python process would report Python's own high-water mark in
    ru_maxrss, which Linux keeps across exec). Timing through GNU time would add its own start
    (about 10 ms here) to every run. `before_each` runs, untimed, before each run.
    """
    walls, cpus, codes = [], [], set()
    for _ in range(runs):
        if before_each:
            before_each()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        codes.add(os.waitstatus_to_exitcode(status))
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss_file:
        if before_each:
            before_each()
        subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", rss_file.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        lines = rss_file.read().split()
        rss = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0.0
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "rss_mb": rss, "exit_codes": sorted(codes)}


def which(name):
    local = PEERS / name
    return str(local) if local.exists() else shutil.which(name)


def corpus_files(kind_dir, accept=lambda p: True):
    base = SHARED / "corpus" / kind_dir
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*") if p.is_file() and accept(p))


def is_prometheus_rules(path):
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return False
    return "groups:" in text and "scrape_configs" not in text


def nginx_loop(files):
    """`nginx -t` takes one file: a shell loop over the set, each in a scratch prefix."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        return None
    prefix = tempfile.mkdtemp(prefix="infralint-bench-nginx-")
    (Path(prefix) / "logs").mkdir(exist_ok=True)
    script = 'for f in "$@"; do %s -t -q -p %s -c "$f" -g "pid %s/nginx.pid;" 2>/dev/null; done' % (
        nginx, prefix, prefix)
    return ["bash", "-c", script, "nginx-loop"] + [str(f) for f in files]


def peers_for(kind, files):
    """(name, command) of each peer installed for this kind, on the given files."""
    out = []
    names = [str(f) for f in files]
    if kind == "dockerfile" and which("dockerfilelint"):
        out.append(("dockerfilelint", [which("dockerfilelint")] + names))
    if kind == "compose" and which("dclint"):
        out.append(("dclint", [which("dclint")] + names))
    if kind == "nginx":
        if which("nginx-linter"):
            includes = [a for f in names for a in ("--include", f)]
            out.append(("nginx-linter", [which("nginx-linter"), "--no-follow-includes"] + includes))
        loop = nginx_loop(files)
        if loop:
            out.append(("nginx -t", loop))
    if kind == "prometheus-rules" and shutil.which("promtool"):
        out.append(("promtool check rules", [shutil.which("promtool"), "check", "rules"] + names))
    if kind in ("compose", "kubernetes", "prometheus-rules") and shutil.which("yamllint"):
        out.append(("yamllint (YAML floor)", [shutil.which("yamllint"), "-d", "relaxed"] + names))
    return out


CACHE = WORK / "analysis-cache"  # the warm-cache rows' --cache-dir


def infralint(kind, files, jobs, parse_only=False, cache=False):
    """The command; without `cache`, --no-cache: every file analysed (the cold case)."""
    cmd = [str(BINARY), "check", "--format", "json", "--exit-zero", "-j", str(jobs)]
    cmd += ["--cache-dir", str(CACHE)] if cache else ["--no-cache"]
    if kind:
        cmd += ["--kind", kind]
    if parse_only:
        cmd.append("--parse-only")
    return cmd + [str(f) for f in files]


def clear_cache():
    shutil.rmtree(CACHE, ignore_errors=True)
    os.sync()  # the deletion's writeback must not land in the next timed run


# --- generated inputs ---------------------------------------------------------------------

DOCKERFILE = """FROM node:20-alpine AS build
WORKDIR /src
COPY package*.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build

FROM node:20-alpine
WORKDIR /app
COPY --from=build /src/dist ./dist
USER node
EXPOSE {port}
CMD ["node", "dist/server.js"]
"""
COMPOSE = """services:
  svc{n}:
    build: .
    ports:
      - "{port}:{port}"
    environment:
      NODE_ENV: production
    restart: unless-stopped
"""
DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc{n}
  labels: {{app: svc{n}}}
spec:
  replicas: 2
  selector:
    matchLabels: {{app: svc{n}}}
  template:
    metadata:
      labels: {{app: svc{n}}}
    spec:
      containers:
        - name: app
          image: registry.example.com/svc{n}:1.{n}
          ports:
            - containerPort: {port}
          resources:
            limits: {{cpu: 500m, memory: 256Mi}}
"""
NGINX = """server {{
    listen 80;
    server_name svc{n}.example.com;
    location / {{
        proxy_pass http://127.0.0.1:{port};
        proxy_set_header Host $host;
    }}
}}
"""
RULES_HEADER = "groups:\n"
RULE_GROUP = "  - name: group{g}\n    rules:\n"
RULE = """      - alert: HighErrorRate{n}
        expr: sum(rate(http_requests_total{{job="svc{n}",code=~"5.."}}[5m])) / sum(rate(http_requests_total{{job="svc{n}"}}[5m])) > 0.05
        for: 10m
        labels: {{severity: page}}
        annotations: {{summary: "High error rate on svc{n}"}}
"""


def generate(force=False):
    """Writes the generated inputs once (kept between runs); returns {name: (kind, files)}."""
    stamp = WORK / ".complete"
    repo = WORK / "repo-10000"
    k8s = WORK / "kubernetes-6mb.yaml"
    rules = WORK / "prometheus-20000-rules.yml"
    if force or not stamp.exists():
        shutil.rmtree(WORK, ignore_errors=True)
        WORK.mkdir(parents=True)
        makers = [("Dockerfile", DOCKERFILE), ("docker-compose.yml", COMPOSE),
                  ("deployment.yaml", DEPLOYMENT), ("nginx.conf", NGINX)]
        for n in range(2500):
            service = repo / f"svc{n:04d}"
            service.mkdir(parents=True)
            for name, template in makers:
                (service / name).write_text(template.format(n=n, port=3000 + n % 1000))
        with k8s.open("w") as out:
            n = 0
            while out.tell() < 6 * 1024 * 1024:
                out.write("---\n" + DEPLOYMENT.format(n=n, port=3000 + n % 1000))
                n += 1
        with rules.open("w") as out:
            out.write(RULES_HEADER)
            for g in range(200):
                out.write(RULE_GROUP.format(g=g))
                for i in range(100):
                    out.write(RULE.format(n=g * 100 + i))
        stamp.write_text("ok\n")
    return {"generated 10 000-file repository": (None, [repo]),
            "generated 6 MB Kubernetes file": ("kubernetes", [k8s]),
            "generated 20 000-rule Prometheus file": ("prometheus-rules", [rules])}


# --- reporting ----------------------------------------------------------------------------

def row(name, m, base=None, floor=None):
    ratio = f"{m['wall'] / base:8.1f}x" if base else " " * 9
    parse = f"{base / floor:6.2f}" if floor else ""
    return (f"  {name:<28} {m['wall'] * 1000:10.1f} {m['cpu'] * 1000:10.1f} {m['rss_mb']:8.1f}"
            f"  {ratio} {parse}")


def header(title):
    print(f"\n{title}")
    print(f"  {'tool':<28} {'wall ms':>10} {'cpu ms':>10} {'rss MiB':>8}  {'vs ours':>9}")


def bench_set(title, kind, files, runs, peers=True):
    # The files infralint lints (a directory counts its contents), from its own report.
    probe = subprocess.run(infralint(kind, files, CORES) + ["--select", "meta/skipped-file"],
                           capture_output=True, text=True)
    try:
        checked = json.loads(probe.stdout)["files_checked"]
    except (ValueError, KeyError):
        checked = "?"
    result = {"paths": len(files), "files_checked": checked, "tools": {}}
    header(f"{title} — {len(files)} path(s), {checked} file(s) linted by infralint")
    ours = measure(infralint(kind, files, CORES), runs)
    single = measure(infralint(kind, files, 1), runs)
    floor = measure(infralint(kind, files, CORES, parse_only=True), runs)
    # The cache: written by a run on an empty cache (cold), then reused (warm, every file
    # unchanged: a CI re-run, or a pre-commit run over files that did not change).
    cold = measure(infralint(kind, files, CORES, cache=True), runs, before_each=clear_cache)
    warm = measure(infralint(kind, files, CORES, cache=True), runs)
    result["tools"][f"infralint -j{CORES}"] = ours
    result["tools"]["infralint -j1"] = single
    result["tools"]["infralint --parse-only"] = floor
    result["tools"]["infralint, filling the cache"] = cold
    result["tools"]["infralint, cache reused"] = warm
    print(row(f"infralint -j{CORES}", ours))
    print(row("infralint -j1", single))
    print(row("infralint --parse-only", floor))
    print(row("infralint, filling the cache", cold))
    print(row("infralint, cache reused", warm))
    print(f"  infralint / parse-only: {ours['wall'] / floor['wall']:.2f}; "
          f"cache reused / parse-only: {warm['wall'] / floor['wall']:.2f}")
    for name, cmd in (peers_for(kind, files) if peers else []):
        m = measure(cmd, runs)
        result["tools"][name] = m
        print(row(name, m, ours["wall"]) + f"   exit {m['exit_codes']}")
    return result


def bench_one_file(title, kind, files, runs):
    """One median-sized file alone: the pre-commit case, where start-up dominates.

    At least 15 runs each: a run of a few milliseconds is at the mercy of the machine's
    scheduler, and a median of 3 drifted by 2 ms between runs of the same build."""
    runs = max(runs, 15)
    target = sorted(files, key=lambda p: p.stat().st_size)[len(files) // 2]
    result = {"file": str(target), "tools": {}}
    header(f"{title} — one file ({target.name}, {target.stat().st_size} bytes)")
    ours = measure(infralint(kind, [target], 1), runs)
    result["tools"]["infralint"] = ours
    print(row("infralint", ours))
    for name, cmd in peers_for(kind, [target]):
        m = measure(cmd, runs)
        result["tools"][name] = m
        print(row(name, m, ours["wall"]))
    return result


def lsp_latency():
    """Median re-lint latency of the language server (bench/lsp_bench.py), in ms."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "lsp_bench.py"), str(BINARY),
                          "--runs", "15"], capture_output=True, text=True)
    print("\nlanguage server (bench/lsp_bench.py): one-line edits of a 2 000-line manifest")
    print("  " + (out.stdout.strip() or out.stderr.strip()).replace("\n", "\n  "))
    median = re.search(r"median ([0-9.]+) ms", out.stdout)
    return float(median.group(1)) if median else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--regenerate", action="store_true", help="rewrite generated inputs")
    args = parser.parse_args()
    if not BINARY.exists():
        sys.exit("bench: build infralint first (make build)")

    report = {"cores": CORES, "runs": args.runs, "version": subprocess.run(
        [str(BINARY), "--version"], capture_output=True, text=True).stdout.strip(), "sets": {}}
    print(f"{report['version']} on {CORES} core(s); medians of {args.runs} runs; "
          "'vs ours' = peer wall / infralint wall")

    sets = [("dockerfile", "dockerfile", corpus_files("dockerfile")),
            ("compose", "compose", corpus_files("compose")),
            ("kubernetes", "kubernetes", corpus_files("kubernetes")),
            ("nginx", "nginx", corpus_files("nginx")),
            ("prometheus rules", "prometheus-rules",
             corpus_files("prometheus", is_prometheus_rules)),
            ("railway", "railway", corpus_files("railway"))]
    if not (SHARED / "corpus").is_dir():
        print(f"\nbench: {SHARED / 'corpus'} is absent: corpus sets skipped")
    for title, kind, files in sets:
        if not files:
            continue
        report["sets"][f"corpus {title}"] = bench_set(f"corpus: {title}", kind, files, args.runs)
        report["sets"][f"one {title} file"] = bench_one_file(f"corpus: {title}", kind, files,
                                                             max(args.runs, 5))

    clear_cache()
    seed = ROOT / "fixtures" / "stacks" / "seed"
    report["sets"]["seed stack"] = bench_set("seed stack", None, [seed], args.runs, peers=False)
    for title, (kind, files) in generate(args.regenerate).items():
        report["sets"][title] = bench_set(title, kind, files, args.runs, peers=kind is not None)

    report["lsp_relint_ms"] = lsp_latency()
    clear_cache()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / time.strftime("bench-%Y%m%d-%H%M%S.json")
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nresults: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
