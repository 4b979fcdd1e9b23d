"""A fake Langfuse server for the mirror's interop tests (runs in the lf5 venv, which has
opentelemetry-proto). It decodes what Turnscope's mirror sends and appends it as JSON lines:

  spans.jsonl     one line per OTLP span: ids as hex, name, attributes decoded
  events.jsonl    one line per batch-ingestion event
  requests.jsonl  one line per request of any kind (proxy CONNECTs included): method, path, headers

Usage: fake_langfuse.py OUTDIR PUBLIC_KEY SECRET_KEY [--delay SECONDS]
Prints "LISTENING http://127.0.0.1:PORT" once it accepts connections.
"""

import base64
import gzip
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

OUT = Path(sys.argv[1])
EXPECTED = "Basic " + base64.b64encode(f"{sys.argv[2]}:{sys.argv[3]}".encode()).decode()
DELAY = float(sys.argv[sys.argv.index("--delay") + 1]) if "--delay" in sys.argv else 0.0
LOCK = threading.Lock()


def append(name, record):
    with LOCK, open(OUT / name, "a") as file:
        file.write(json.dumps(record) + "\n")


def any_value(value):
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [any_value(v) for v in value.array_value.values]
    return getattr(value, kind) if kind else None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def record_request(self):
        headers = {k.lower(): v for k, v in self.headers.items() if k.lower() != "authorization"}
        headers["has-authorization"] = "authorization" in {k.lower() for k in self.headers}
        append("requests.jsonl", {"method": self.command, "path": self.path, "headers": headers})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_CONNECT(self):
        self.record_request()
        self.answer(403, {"error": "the fake is not a proxy"})

    def do_GET(self):
        self.record_request()
        self.answer(404, {"error": "Not Found"})

    def do_POST(self):
        self.record_request()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.headers.get("Authorization") != EXPECTED:
            return self.answer(401, {"error": "UnauthorizedError"})
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        if self.path == "/api/public/otel/v1/traces":
            if DELAY:
                time.sleep(DELAY)
            request = ExportTraceServiceRequest()
            request.ParseFromString(body)
            for resource in request.resource_spans:
                for scope in resource.scope_spans:
                    for span in scope.spans:
                        append("spans.jsonl", {
                            "traceId": span.trace_id.hex(), "spanId": span.span_id.hex(),
                            "parentSpanId": span.parent_span_id.hex() or None, "name": span.name,
                            "attributes": {a.key: any_value(a.value) for a in span.attributes},
                            "ingestionVersion": self.headers.get("x-langfuse-ingestion-version"),
                        })
            return self.answer(200, {})
        if self.path == "/api/public/ingestion":
            events = json.loads(body)["batch"]
            for event in events:
                append("events.jsonl", event)
            return self.answer(207, {"successes": [{"id": e["id"], "status": 201} for e in events], "errors": []})
        return self.answer(404, {"error": "Not Found"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"LISTENING http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
