"""The OpenTelemetry Python SDK exporting over OTLP/gRPC (opentelemetry-exporter-otlp-proto-grpc on
grpcio) to `turnscope serve --grpc-listen`, configured only through the standard variables, as a
user would: OTEL_EXPORTER_OTLP_ENDPOINT (the gRPC address), OTEL_EXPORTER_OTLP_COMPRESSION and
OTEL_EXPORTER_OTLP_HEADERS.

usage: otel_grpc.py CONVERSATION_ID

Traces: an invoke_agent root; a chat span (model, usage with cached input, request parameters,
gen_ai.input.messages / gen_ai.output.messages with a tool call and its result); an execute_tool
span. Logs: one event of no family Turnscope maps (acknowledged, not stored). Metrics: a counter
(acknowledged). The exporters log a warning for any export the collector does not accept."""

import json
import sys

from _common import result, watch_client_logs

from opentelemetry.exporter.otlp.proto.grpc._log_exporter import OTLPLogExporter
from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.trace import SpanKind

conversation_id = sys.argv[1]
watch_client_logs("opentelemetry")

resource = Resource.create({"service.name": "grpc-weather-app", "service.version": "3.0.0"})
INPUT_MESSAGES = [
    {"role": "system", "parts": [{"type": "text", "content": "You are a weather bot."}]},
    {"role": "user", "parts": [{"type": "text", "content": "What is the weather in Oslo?"}]},
    {"role": "assistant", "parts": [{"type": "tool_call", "id": "call_grpc_1", "name": "get_weather",
                                     "arguments": {"city": "Oslo"}}]},
    {"role": "tool", "parts": [{"type": "tool_call_response", "id": "call_grpc_1", "response": "-3C, snow"}]},
]
OUTPUT_MESSAGES = [
    {"role": "assistant", "parts": [{"type": "text", "content": "It is -3C and snowing in Oslo."}],
     "finish_reason": "stop"},
]

# Simple processors: each span is one Export RPC, answered before the next span starts.
provider = TracerProvider(resource=resource)
provider.add_span_processor(SimpleSpanProcessor(OTLPSpanExporter()))
tracer = provider.get_tracer("weather.agent", "0.2.0")
ids = {}
with tracer.start_as_current_span("invoke_agent weather-agent", kind=SpanKind.INTERNAL, attributes={
        "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "weather-agent",
        "gen_ai.conversation.id": conversation_id, "user.id": "user-grpc"}) as root:
    ids["trace_id"] = format(root.get_span_context().trace_id, "032x")
    ids["root_id"] = format(root.get_span_context().span_id, "016x")
    with tracer.start_as_current_span("execute_tool get_weather", kind=SpanKind.INTERNAL, attributes={
            "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "get_weather",
            "gen_ai.tool.call.id": "call_grpc_1", "gen_ai.tool.call.arguments": json.dumps({"city": "Oslo"}),
            "gen_ai.tool.call.result": "-3C, snow"}) as tool:
        ids["tool_id"] = format(tool.get_span_context().span_id, "016x")
    with tracer.start_as_current_span("chat gpt-4o-2024-08-06", kind=SpanKind.CLIENT, attributes={
            "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o-2024-08-06", "gen_ai.request.temperature": 0.3,
            "gen_ai.request.max_tokens": 300, "gen_ai.conversation.id": conversation_id,
            "gen_ai.usage.input_tokens": 2500, "gen_ai.usage.cache_read.input_tokens": 2048,
            "gen_ai.usage.output_tokens": 17,
            "gen_ai.input.messages": json.dumps(INPUT_MESSAGES),
            "gen_ai.output.messages": json.dumps(OUTPUT_MESSAGES)}) as chat:
        ids["chat_id"] = format(chat.get_span_context().span_id, "016x")
provider.shutdown()

logs = LoggerProvider(resource=resource)
logs.add_log_record_processor(SimpleLogRecordProcessor(OTLPLogExporter()))
logs.get_logger("weather.agent").emit(
    body="cache miss", event_name="weather_app.cache_miss", attributes={"city": "Oslo"})
logs.shutdown()

meters = MeterProvider(resource=resource, metric_readers=[
    PeriodicExportingMetricReader(OTLPMetricExporter(), export_interval_millis=60_000)])
meters.get_meter("weather.agent").create_counter("weather_app.requests").add(3, {"city": "Oslo"})
meters.shutdown()  # exports what was counted

result(conversation_id=conversation_id, **ids)
