"""Captures what the real instrumentations export, as OTLP/JSON fixtures for the Swift tests.

usage: capture.py VENV_PYTHON INSTRUMENTATION...
  e.g. capture.py ~/.cache/turnscope/interop-venvs/instrumentations/bin/python openllmetry-openai

Runs Tests/Interop/drivers/otel_instrumentations.py (in the `instrumentations` venv, which
scripts/interop makes) against the fake model and a capture server standing in for Turnscope,
then writes each OTLP/HTTP protobuf body it received as OTLP/JSON (hex ids, integer enums) to
<INSTRUMENTATION>_traces.json and, when it sent log records, <INSTRUMENTATION>_logs.json beside this
script. Needs opentelemetry-proto, so run it with the venv's python too."""

import base64
import gzip
import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRIVERS = HERE.parents[3] / "Interop" / "drivers"
sys.path.insert(0, str(DRIVERS))

from fake_model import FakeModel  # noqa: E402
from google.protobuf.json_format import MessageToDict  # noqa: E402
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest  # noqa: E402
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest  # noqa: E402


def hex_ids(document: dict) -> dict:
    for resource in document.get("resourceSpans", []) + document.get("resourceLogs", []):
        for scope in resource.get("scopeSpans", []) + resource.get("scopeLogs", []):
            for item in scope.get("spans", []) + scope.get("logRecords", []):
                for key in ("traceId", "spanId", "parentSpanId"):
                    if item.get(key):
                        item[key] = base64.b64decode(item[key]).hex()
    return document


def capture(python: str, name: str):
    bodies = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            raw = self.rfile.read(int(self.headers.get("content-length", 0)))
            if self.headers.get("content-encoding") == "gzip":
                raw = gzip.decompress(raw)
            bodies.append((self.path, raw))
            self.send_response(200)
            self.send_header("content-type", "application/x-protobuf")
            self.send_header("content-length", "0")
            self.end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake = FakeModel()
    fake.start()
    env = dict(os.environ, OTEL_EXPORTER_OTLP_ENDPOINT=f"http://127.0.0.1:{server.server_address[1]}",
               NO_PROXY="127.0.0.1")
    out = subprocess.run([python, str(DRIVERS / "otel_instrumentations.py"), name, "--openai", f"{fake.url}/v1",
                          "--anthropic", fake.url, "--tag", "fixture", "--session", "sess-fixture"],
                         env=env, capture_output=True, text=True, timeout=120)
    fake.stop()
    server.shutdown()
    if out.returncode != 0:
        sys.exit(f"{name}: the driver failed\n{out.stderr[-3000:]}")
    merged = {"traces": {"resourceSpans": []}, "logs": {"resourceLogs": []}}
    for path, raw in bodies:
        kind = "traces" if path.endswith("/v1/traces") else "logs" if path.endswith("/v1/logs") else None
        if kind is None:
            continue
        message = ExportTraceServiceRequest() if kind == "traces" else ExportLogsServiceRequest()
        message.ParseFromString(raw)
        document = hex_ids(MessageToDict(message, use_integers_for_enums=True))
        merged[kind]["resource" + ("Spans" if kind == "traces" else "Logs")] += \
            document.get("resourceSpans", []) + document.get("resourceLogs", [])
    for kind, document in merged.items():
        if next(iter(document.values())):
            (HERE / f"{name}_{kind}.json").write_text(json.dumps(document, indent=1) + "\n")


if __name__ == "__main__":
    for instrumentation in sys.argv[2:]:
        capture(sys.argv[1], instrumentation)
