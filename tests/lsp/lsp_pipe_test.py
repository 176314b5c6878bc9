#!/usr/bin/env python3
"""Drives `infralint lsp` over real pipes, as an editor would (LSP 3.17 base protocol).

Usage: lsp_pipe_test.py INFRALINT_BINARY. Exits 0 when every check passes, else prints the
failed check and the messages seen, and exits 1.
"""
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading

TIMEOUT = 10.0
RULE = "dockerfile/apk-missing-no-cache"
# A non-ASCII prefix before the finding on the same line: "✓" is 3 UTF-8 bytes and 1 UTF-16
# unit, "😀" 4 bytes and 2 units, so the three column counts all differ.
LINE2_PREFIX = 'RUN echo "✓ 😀" && '
DOCKERFILE = "FROM alpine:3.20\n" + LINE2_PREFIX + "apk add curl=8.5.0-r0\n"


class Failure(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failure(what)


def column(text, encoding):
    """Length of `text` in the negotiated unit."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def offset(text, position, encoding):
    lines = text.split("\n")
    line = position["line"]
    if line >= len(lines):
        return len(text)
    start = sum(len(l) + 1 for l in lines[:line])
    units = 0
    for i, ch in enumerate(lines[line]):
        if units >= position["character"]:
            return start + i
        units += column(ch, encoding)
    return start + len(lines[line])


def apply_edits(text, edits, encoding):
    spans = sorted(((offset(text, e["range"]["start"], encoding),
                     offset(text, e["range"]["end"], encoding), e["newText"]) for e in edits),
                   reverse=True)
    for begin, end, new in spans:
        text = text[:begin] + new + text[end:]
    return text


STARTED = []  # every server started, killed at the end if still running


class Client:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.inbox = queue.Queue()
        self.seen = []
        self.next_id = 1
        STARTED.append(self)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length).decode("utf-8")))

    def send(self, message):
        body = json.dumps(dict(jsonrpc="2.0", **message)).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def _next(self):
        try:
            message = self.inbox.get(timeout=TIMEOUT)
        except queue.Empty:
            raise Failure("timed out waiting for the server")
        check(message is not None, "the server closed its output")
        self.seen.append(message)
        if "method" in message and "id" in message:  # a request to us: accept it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"id": request_id, "method": method, "params": params})
        while True:
            message = self._next()
            if message.get("id") == request_id and "method" not in message:
                return message

    def wait_notification(self, method, accept=lambda params: True):
        while True:
            message = self._next()
            if message.get("method") == method and accept(message["params"]):
                return message["params"]

    def finish(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout=TIMEOUT)


def diagnostics_of(params, rule):
    return [d for d in params["diagnostics"] if d.get("code") == rule]


def session(binary, workdir, offer_utf8):
    encoding = "utf-8" if offer_utf8 else "utf-16"
    path = os.path.join(workdir, "Dockerfile")
    with open(path, "w", encoding="utf-8") as f:
        f.write(DOCKERFILE)
    uri = "file://" + path
    client = Client(binary, workdir)

    early = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 0}})
    check(early.get("error", {}).get("code") == -32002, "a request before initialize gets -32002")

    general = {"positionEncodings": ["utf-8", "utf-16"]} if offer_utf8 else {}
    init = client.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + workdir,
                                         "capabilities": {"general": general}})
    check(init["result"]["capabilities"]["positionEncoding"] == encoding,
          f"position encoding negotiated as {encoding}")
    client.notify("initialized", {})

    dollar = client.request("$/somethingCustom", {})
    check(dollar.get("error", {}).get("code") == -32601, "a $/ request gets method-not-found")

    text = DOCKERFILE
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "dockerfile", "version": 1, "text": text}})
    published = client.wait_notification("textDocument/publishDiagnostics",
                                         lambda p: p["uri"] == uri)
    found = diagnostics_of(published, RULE)
    check(len(found) == 1, f"one {RULE} diagnostic on open")
    diagnostic = found[0]
    start = column(LINE2_PREFIX, encoding)
    check(diagnostic["range"] == {"start": {"line": 1, "character": start},
                                  "end": {"line": 1, "character": start + len("apk add")}},
          f"the range counts {encoding} units: {diagnostic['range']}")
    check(diagnostic["source"] == "infralint" and diagnostic["severity"] in (1, 2, 3),
          "source and severity")
    check(diagnostic["codeDescription"]["href"].endswith("/rules/" + RULE + ".cpp"),
          "codeDescription links the rule's docs")
    check(diagnostic["data"]["fix"]["applicability"] == "safe", "the fix travels in data")

    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": diagnostic["range"]["start"]})
    value = hover["result"]["contents"]["value"]
    check(RULE in value and "## What it finds" in value, "hover shows the rule's docs")

    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]}})["result"]
    quick = [a for a in actions if a["kind"] == "quickfix" and a.get("isPreferred")]
    check(len(quick) == 1, "one preferred quick fix")
    ignore = [a for a in actions if a["title"].startswith("Ignore " + RULE)]
    check(len(ignore) == 1, "an 'ignore here' action")
    ignore_edit = ignore[0]["edit"]["changes"][uri][0]
    check(ignore_edit["newText"].startswith("# infralint: ignore[" + RULE + "] ") and
          ignore_edit["range"]["start"] == {"line": 1, "character": 0},
          "the suppression comment goes above the finding's line")

    # Apply the quick fix as an incremental change, as an editor does.
    edits = quick[0]["edit"]["changes"][uri]
    changes = [{"range": e["range"], "text": e["newText"]} for e in edits]
    text = apply_edits(text, edits, encoding)
    check("apk add --no-cache curl" in text, f"the fix adds --no-cache: {text!r}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": changes})
    published = client.wait_notification("textDocument/publishDiagnostics",
                                         lambda p: p["uri"] == uri and p.get("version") == 2)
    check(not diagnostics_of(published, RULE), "the diagnostic disappears after the fix")

    # An incremental change that adds a line: the new finding is on it.
    end = {"line": 2, "character": 0}
    added = "RUN apk add bash=5.2.26-r0\n"
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"range": {"start": end, "end": end},
                                                                 "text": added}]})
    text += added
    published = client.wait_notification("textDocument/publishDiagnostics",
                                         lambda p: p["uri"] == uri and p.get("version") == 3)
    found = diagnostics_of(published, RULE)
    check(len(found) == 1 and found[0]["range"]["start"] == {"line": 2, "character": 4},
          f"the added line's finding: {found}")

    pulled = client.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})["result"]
    check(pulled["kind"] == "full" and diagnostics_of({"diagnostics": pulled["items"]}, RULE) ==
          found, "pull diagnostics give the same diagnostics")

    fix_all = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": found[0]["range"],
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})["result"]
    check([a["kind"] for a in fix_all] == ["source.fixAll.infralint"], f"fix-all only: {fix_all}")
    text = apply_edits(text, fix_all[0]["edit"]["changes"][uri], encoding)
    check(text.count("apk add --no-cache") == 2, f"fix-all applies every safe fix: {text!r}")
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                             "contentChanges": [{"text": text}]})
    published = client.wait_notification("textDocument/publishDiagnostics",
                                         lambda p: p["uri"] == uri and p.get("version") == 4)
    check(not diagnostics_of(published, RULE), "nothing left after fix-all")

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    published = client.wait_notification("textDocument/publishDiagnostics",
                                         lambda p: p["uri"] == uri)
    check(published["diagnostics"] == [], "close clears the diagnostics")

    check(client.request("shutdown", None).get("result", "missing") is None, "shutdown answers null")
    client.notify("exit", None)
    check(client.finish() == 0, "exit after shutdown: code 0")


COMPOSE = """services:
  backend:
    image: example/api:1.4.2
    expose:
      - "3001"
"""

NGINX = """events {}
http {
    server {
        listen 80;
        location / {
            proxy_pass http://backnd:3001;
        }
    }
}
"""


def workspace_stack(binary, workdir):
    """Stack rules see the workspace: files on disk, and open buffers as the editor has them."""
    for name, text in [("docker-compose.yml", COMPOSE), ("nginx.conf", NGINX)]:
        with open(os.path.join(workdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    nginx_uri = "file://" + os.path.join(workdir, "nginx.conf")
    compose_uri = "file://" + os.path.join(workdir, "docker-compose.yml")
    client = Client(binary, workdir)
    client.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + workdir,
                                  "capabilities": {}})
    client.notify("initialized", {})
    rule = "stack/upstream-unknown-host"

    def nginx_diagnostics():
        return client.wait_notification("textDocument/publishDiagnostics",
                                        lambda p: p["uri"] == nginx_uri)

    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": nginx_uri, "languageId": "nginx", "version": 1, "text": NGINX}})
    found = diagnostics_of(nginx_diagnostics(), rule)
    check(len(found) == 1, "the proxy_pass to a misspelt service is reported from the compose "
                           "file on disk")
    check("did you mean `backend`" in found[0]["message"], "with the name it probably meant")
    related = found[0].get("relatedInformation", [])
    check(any(r["location"]["uri"] == compose_uri and r["location"]["range"]["start"]["line"] == 1
              for r in related), "and a related location on the compose service, line 2")

    # The compose file open with the service renamed, unsaved: the buffer counts, not the disk.
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": compose_uri, "languageId": "dockercompose", "version": 1,
        "text": COMPOSE.replace("backend:", "backnd:")}})
    check(diagnostics_of(nginx_diagnostics(), rule) == [],
          "the open compose buffer naming `backnd` satisfies the proxy_pass")

    # Closed without saving: the file on disk counts again.
    client.notify("textDocument/didClose", {"textDocument": {"uri": compose_uri}})
    check(len(diagnostics_of(nginx_diagnostics(), rule)) == 1,
          "closing the buffer unsaved brings the finding back")

    # Renamed on disk by another program: the client reports the watched file's change.
    with open(os.path.join(workdir, "docker-compose.yml"), "w", encoding="utf-8") as f:
        f.write(COMPOSE.replace("backend:", "backnd:"))
    client.notify("workspace/didChangeWatchedFiles",
                  {"changes": [{"uri": compose_uri, "type": 2}]})
    check(diagnostics_of(nginx_diagnostics(), rule) == [],
          "a change on disk, reported by the client, is seen")
    client.request("shutdown", None)
    client.notify("exit", None)
    check(client.finish() == 0, "exit after shutdown: code 0")


def exit_without_shutdown(binary, workdir):
    client = Client(binary, workdir)
    client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    client.notify("exit", None)
    check(client.finish() == 1, "exit without shutdown: code 1")


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = 0
    for name, run in [("utf-16", lambda d: session(binary, d, False)),
                      ("utf-8", lambda d: session(binary, d, True)),
                      ("workspace stack", lambda d: workspace_stack(binary, d)),
                      ("exit without shutdown", lambda d: exit_without_shutdown(binary, d))]:
        with tempfile.TemporaryDirectory() as workdir:
            try:
                run(os.path.realpath(workdir))
                print(f"ok: {name}")
            except Failure as e:
                failures += 1
                print(f"FAILED: {name}: {e}")
                for client in STARTED:
                    for message in client.seen[-6:]:
                        print("  seen:", json.dumps(message)[:600])
            finally:
                for client in STARTED:
                    if client.proc.poll() is None:
                        client.proc.kill()
                        client.proc.wait()
                STARTED.clear()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
