#!/usr/bin/env python3
"""Editor latency of `infralint lsp`: a 2 000-line multi-document Kubernetes file is opened,
then one line is changed at a time (an image tag, as a user edits it); each sample is the time
from sending didChange to receiving the diagnostics of that version. Prints the median.

Usage: bench/lsp_bench.py [BINARY] [--runs N]   (default: build/infralint, 31 runs)
"""
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "lsp"))
from lsp_pipe_test import Client  # noqa: E402  (the test's client: real pipes, real binary)

DEPLOYMENT = """---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{n}
  namespace: shop
  labels:
    app: web-{n}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web-{n}
  template:
    metadata:
      labels:
        app: web-{n}
    spec:
      containers:
        - name: web
          image: registry.example.com/web-{n}:1.4.{n}
          ports:
            - containerPort: 8080
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
          env:
            - name: MODE
              value: production
"""


def main():
    args = sys.argv[1:]
    runs = 31
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    binary = os.path.abspath(args[0] if args else "build/infralint")
    per_doc = DEPLOYMENT.count("\n")
    text = "".join(DEPLOYMENT.format(n=n) for n in range(2000 // per_doc))
    lines = text.split("\n")
    target = next(i for i, l in enumerate(lines) if "image: registry.example.com/web-25:" in l)
    with tempfile.TemporaryDirectory() as workdir:
        path = os.path.join(os.path.realpath(workdir), "deployments.yaml")
        with open(path, "w") as f:
            f.write(text)
        uri = "file://" + path
        client = Client(binary, os.path.dirname(path))
        client.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        client.notify("initialized", {})
        started = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        first = client.wait_notification("textDocument/publishDiagnostics",
                                         lambda p: p["uri"] == uri)
        opened_ms = (time.perf_counter() - started) * 1000
        samples = []
        line = lines[target]
        for version in range(2, runs + 2):
            time.sleep(0.2)  # a pause between edits, as a user makes: no debounce wait
            new_line = line.replace("1.4.25", "1.4.%d" % (100 + version))
            change = {"range": {"start": {"line": target, "character": 0},
                                "end": {"line": target, "character": len(line)}},
                      "text": new_line}
            line = new_line
            started = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [change]})
            client.wait_notification("textDocument/publishDiagnostics",
                                     lambda p, v=version: p["uri"] == uri and p.get("version") == v)
            samples.append((time.perf_counter() - started) * 1000)
        client.request("shutdown", None)
        client.notify("exit", None)
        client.finish()
    print(f"lsp: {len(lines) - 1} lines, {text.count('kind: Deployment')} documents, "
          f"{len(first['diagnostics'])} diagnostics; open → diagnostics {opened_ms:.1f} ms")
    print(f"lsp: one-line change → diagnostics: median {statistics.median(samples):.1f} ms, "
          f"min {min(samples):.1f}, max {max(samples):.1f} ({len(samples)} runs; target < 20 ms)")


if __name__ == "__main__":
    main()
