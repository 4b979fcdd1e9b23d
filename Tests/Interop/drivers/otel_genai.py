"""The OpenTelemetry Python SDK with GenAI semantic-convention spans, exported over OTLP/HTTP.

usage: otel_genai.py MODE CONVERSATION_ID
  protobuf          OTLPSpanExporter (http/protobuf) to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces
  protobuf-gzip     the same with compression=gzip
  protobuf-langfuse OTLPSpanExporter to {LANGFUSE_BASE_URL}/api/public/otel/v1/traces with Basic auth
  json              OTLP/JSON, as JavaScript exporters send it (the Python exporter has no JSON
                    encoding): the same ExportTraceServiceRequest in the protobuf JSON mapping with
                    integer enums and hex trace/span ids, posted with urllib
  json-gzip         the same, gzipped

Spans: an invoke_agent root; a chat span (gen_ai.request.model, usage with cached input,
gen_ai.input.messages / gen_ai.output.messages with a tool call and its result, conversation id);
an execute_tool span; a chat span that fails (status ERROR, exception event)."""

import base64
import gzip
import json
import logging
import os
import sys
import urllib.error
import urllib.request

from _common import result, watch_client_logs

from google.protobuf.json_format import MessageToDict
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.exporter.otlp.proto.http import Compression
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.trace import SpanKind, Status, StatusCode

mode, conversation_id = sys.argv[1], sys.argv[2]
watch_client_logs("opentelemetry", "otlp-json")
json_log = logging.getLogger("otlp-json")


class JSONSpanExporter(SpanExporter):
    """OTLP/HTTP JSON: protobuf's JSON mapping, but ids as lowercase hex, as the OTLP spec requires."""

    def __init__(self, endpoint, compress):
        self.endpoint = endpoint
        self.compress = compress
        self.responses = []

    def export(self, spans):
        document = MessageToDict(encode_spans(spans), use_integers_for_enums=True)
        for resource_spans in document.get("resourceSpans", []):
            for scope_spans in resource_spans.get("scopeSpans", []):
                for span in scope_spans.get("spans", []):
                    for key in ("traceId", "spanId", "parentSpanId"):
                        if span.get(key):
                            span[key] = base64.b64decode(span[key]).hex()
                    for link in span.get("links", []):
                        for key in ("traceId", "spanId"):
                            if link.get(key):
                                link[key] = base64.b64decode(link[key]).hex()
        body = json.dumps(document).encode()
        headers = {"Content-Type": "application/json"}
        if self.compress:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        request = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                text = response.read().decode("utf-8", "replace")
                self.responses.append({"status": response.status, "body": text,
                                       "content_type": response.headers.get("Content-Type")})
                try:
                    answer = json.loads(text) if text.strip() else {}
                except ValueError:
                    json_log.warning("collector answered %s with a body that is not JSON: %r", response.status, text[:300])
                    return SpanExportResult.SUCCESS
                rejected = int((answer.get("partialSuccess") or {}).get("rejectedSpans") or 0)
                if rejected:
                    json_log.warning("collector rejected %d spans: %s", rejected, answer["partialSuccess"])
                return SpanExportResult.SUCCESS
        except urllib.error.HTTPError as error:
            json_log.error("OTLP/JSON export failed: HTTP %s %s", error.code, error.read()[:500])
        except OSError as error:
            json_log.error("OTLP/JSON export failed: %s", error)
        return SpanExportResult.FAILURE

    def shutdown(self):
        pass


base = os.environ["OTEL_EXPORTER_OTLP_ENDPOINT"].rstrip("/")
if mode == "protobuf":
    exporter = OTLPSpanExporter()  # endpoint from OTEL_EXPORTER_OTLP_ENDPOINT, + /v1/traces
elif mode == "protobuf-gzip":
    exporter = OTLPSpanExporter(compression=Compression.Gzip)
elif mode == "protobuf-langfuse":
    auth = base64.b64encode(
        f"{os.environ['LANGFUSE_PUBLIC_KEY']}:{os.environ['LANGFUSE_SECRET_KEY']}".encode()).decode()
    exporter = OTLPSpanExporter(endpoint=os.environ["LANGFUSE_BASE_URL"].rstrip("/") + "/api/public/otel/v1/traces",
                                headers={"Authorization": f"Basic {auth}"})
elif mode in ("json", "json-gzip"):
    exporter = JSONSpanExporter(base + "/v1/traces", compress=mode == "json-gzip")
else:
    sys.exit(f"unknown mode {mode!r}")

provider = TracerProvider(resource=Resource.create({"service.name": "genai-weather-app",
                                                    "service.version": "2.1.0"}))
provider.add_span_processor(BatchSpanProcessor(exporter))
tracer = provider.get_tracer("weather.agent", "0.1.0")

INPUT_MESSAGES = [
    {"role": "system", "parts": [{"type": "text", "content": "You are a weather bot."}]},
    {"role": "user", "parts": [{"type": "text", "content": "What is the weather in Paris?"}]},
    {"role": "assistant", "parts": [{"type": "tool_call", "id": "call_otel_1", "name": "get_weather",
                                     "arguments": {"city": "Paris"}}]},
    {"role": "tool", "parts": [{"type": "tool_call_response", "id": "call_otel_1", "response": "18C, cloudy"}]},
]
OUTPUT_MESSAGES = [
    {"role": "assistant", "parts": [{"type": "text", "content": "It is 18C and cloudy in Paris."}],
     "finish_reason": "stop"},
]

ids = {}
with tracer.start_as_current_span("invoke_agent weather-agent", kind=SpanKind.INTERNAL, attributes={
        "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "weather-agent",
        "gen_ai.conversation.id": conversation_id, "user.id": "user-otel"}) as root:
    ids["trace_id"] = format(root.get_span_context().trace_id, "032x")
    ids["root_id"] = format(root.get_span_context().span_id, "016x")
    with tracer.start_as_current_span("execute_tool get_weather", kind=SpanKind.INTERNAL, attributes={
            "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "get_weather",
            "gen_ai.tool.call.id": "call_otel_1", "gen_ai.tool.call.arguments": json.dumps({"city": "Paris"}),
            "gen_ai.tool.call.result": "18C, cloudy"}) as tool:
        ids["tool_id"] = format(tool.get_span_context().span_id, "016x")
    with tracer.start_as_current_span("chat gpt-4o-2024-08-06", kind=SpanKind.CLIENT, attributes={
            "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o-2024-08-06", "gen_ai.request.temperature": 0.2,
            "gen_ai.request.max_tokens": 200, "gen_ai.conversation.id": conversation_id,
            "gen_ai.response.id": "chatcmpl-otel-1", "gen_ai.response.finish_reasons": ["stop"],
            "gen_ai.usage.input_tokens": 1500, "gen_ai.usage.cache_read.input_tokens": 1200,
            "gen_ai.usage.output_tokens": 42,
            "gen_ai.input.messages": json.dumps(INPUT_MESSAGES),
            "gen_ai.output.messages": json.dumps(OUTPUT_MESSAGES)}) as chat:
        ids["chat_id"] = format(chat.get_span_context().span_id, "016x")
    with tracer.start_as_current_span("chat gpt-4o-2024-08-06", kind=SpanKind.CLIENT, attributes={
            "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o-2024-08-06", "gen_ai.conversation.id": conversation_id,
            "gen_ai.input.messages": json.dumps([{"role": "user",
                                                  "parts": [{"type": "text", "content": "And tomorrow?"}]}]),
            "error.type": "RateLimitError"}) as failed:
        ids["failed_id"] = format(failed.get_span_context().span_id, "016x")
        failed.record_exception(RuntimeError("429 Too Many Requests: rate limit reached"))
        failed.set_status(Status(StatusCode.ERROR, "429 Too Many Requests: rate limit reached"))

provider.force_flush()
provider.shutdown()
result(mode=mode, conversation_id=conversation_id, responses=getattr(exporter, "responses", None), **ids)
