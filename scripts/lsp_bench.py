#!/usr/bin/env python3
"""Latency of `vmt-dsl lsp` on a recipe folder (called by scripts/bench.sh; no dependencies).

usage: lsp_bench.py VMT_DSL FOLDER CHILD PARENT RUNS

Opens CHILD (a recipe whose `extends` is on line 2), then times RUNS hovers and RUNS
go-to-definitions on that `extends` (request sent → reply read), and RUNS edits of PARENT that
break (`agents 0`) or restore it, each from the `didChange` sent to the last diagnostics it
causes (PARENT and every recipe below it). Prints "hover_ms definition_ms diagnostics_ms" (medians).
"""
import json
import pathlib
import statistics
import subprocess
import sys
import time

binary, folder, child, parent, runs = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
next_id = 0


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(server.stdout.read(length))


def request(method, params):
    global next_id
    next_id += 1
    send({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params})
    while True:
        message = receive()
        if message.get("id") == next_id:
            return message


def notify(method, params):
    send({"jsonrpc": "2.0", "method": method, "params": params})


def wait_for(uris):
    """Reads notifications until each of `uris` had its diagnostics published."""
    waiting = set(uris)
    while waiting:
        message = receive()
        if message.get("method") == "textDocument/publishDiagnostics":
            waiting.discard(message["params"]["uri"])


request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
notify("initialized", {})
child_uri = (folder / child).resolve().as_uri()
parent_path = (folder / parent).resolve()
parent_uri = parent_path.as_uri()
notify("textDocument/didOpen", {"textDocument": {"uri": child_uri, "languageId": "vmt", "version": 1,
                                                 "text": (folder / child).read_text()}})
wait_for([child_uri])
at = {"textDocument": {"uri": child_uri}, "position": {"line": 1, "character": 9}}
hover, definition, diagnostics = [], [], []
for _ in range(runs):
    start = time.perf_counter()
    reply = request("textDocument/hover", at)
    hover.append(time.perf_counter() - start)
    assert reply.get("result"), reply
    start = time.perf_counter()
    reply = request("textDocument/definition", at)
    definition.append(time.perf_counter() - start)
    assert reply.get("result"), reply

original = parent_path.read_text()
broken = "\n".join("agents 0" if line.startswith("agents ") else line for line in original.split("\n"))
assert broken != original, "the parent has no agents line"
notify("textDocument/didOpen", {"textDocument": {"uri": parent_uri, "languageId": "vmt", "version": 1, "text": original}})
wait_for([parent_uri])
# Every recipe below the parent gets a diagnostic (an error, then an empty list), and the parent too.
below = [child_uri] + [uri for uri in sys.argv[6:]]
for run in range(runs):
    text = broken if run % 2 == 0 else original
    start = time.perf_counter()
    notify("textDocument/didChange", {"textDocument": {"uri": parent_uri, "version": run + 2}, "contentChanges": [{"text": text}]})
    wait_for([parent_uri] + below)
    diagnostics.append(time.perf_counter() - start)

request("shutdown", None)
notify("exit", None)
server.wait()
print(" ".join(f"{statistics.median(values) * 1000:.1f}" for values in (hover, definition, diagnostics)))
