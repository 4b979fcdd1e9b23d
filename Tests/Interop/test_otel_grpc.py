"""The OpenTelemetry SDK's own OTLP/gRPC exporters (opentelemetry-exporter-otlp-proto-grpc 1.45.2 on
grpcio) → `turnscope serve --grpc-listen` → turnscope export: spans stored exactly as over HTTP,
log events and metrics acknowledged; plain, gzip-compressed, and with the collector's keys in
OTEL_EXPORTER_OTLP_HEADERS."""

import base64
import json

import pytest

from interop_support import PUBLIC_KEY, SECRET_KEY, Collector, assert_no_client_warnings, client_env, parts_of, \
    roles, run_driver, text_of

MODES = ["plain", "gzip", "keys"]


@pytest.fixture(scope="module", params=MODES)
def grpc(request, tmp_path_factory):
    mode = request.param
    keys = ("--public-key", PUBLIC_KEY, "--secret-key", SECRET_KEY) if mode == "keys" else ()
    collector = Collector(tmp_path_factory.mktemp(f"grpc-{mode}"), args=("--grpc-listen", "127.0.0.1:0", *keys))
    try:
        assert collector.grpc_address, collector.log()
        env = client_env(collector, OTEL_EXPORTER_OTLP_ENDPOINT=f"http://{collector.grpc_address}",
                         OTEL_EXPORTER_OTLP_PROTOCOL="grpc")
        if mode == "gzip":
            env["OTEL_EXPORTER_OTLP_COMPRESSION"] = "gzip"
        if mode == "keys":
            basic = base64.b64encode(f"{PUBLIC_KEY}:{SECRET_KEY}".encode()).decode()
            env["OTEL_EXPORTER_OTLP_HEADERS"] = f"authorization=Basic%20{basic}"
        yield run_driver(collector, "otelgrpc", "otel_grpc.py", f"conv-grpc-{mode}", env=env)
    finally:
        collector.stop()


def test_every_export_accepted(grpc):
    assert_no_client_warnings(grpc)


def test_exactly_the_three_spans_are_stored(grpc):
    ids = {grpc.result["root_id"], grpc.result["tool_id"], grpc.result["chat_id"]}
    assert {o["id"] for o in grpc.observations} == ids, grpc.describe()
    for observation in grpc.observations:
        assert observation["traceId"] == grpc.result["trace_id"], observation
    # The log event belongs to no family Turnscope maps: acknowledged, not stored.
    assert not [r for r in grpc.records if "cache miss" in json.dumps(r)], grpc.describe()


def test_trace_session_and_user(grpc):
    trace = grpc.trace(grpc.result["trace_id"])
    assert trace.get("sessionId") == grpc.result["conversation_id"], trace
    assert trace.get("userId") == "user-grpc", trace


def test_root_is_an_agent(grpc):
    root = grpc.observation(id=grpc.result["root_id"])
    assert root.get("kind") == "agent" and root.get("name") == "invoke_agent weather-agent", root
    assert root.get("parentId") is None


def test_chat_is_a_generation_with_messages_usage_and_parameters(grpc):
    chat = grpc.observation(id=grpc.result["chat_id"])
    assert chat.get("kind") == "generation" and chat.get("name") == "chat gpt-4o-2024-08-06", chat
    assert chat.get("parentId") == grpc.result["root_id"]
    assert chat.get("model") == "gpt-4o-2024-08-06"
    usage = chat.get("usage", {})
    # gen_ai.usage.input_tokens includes the 2048 cached tokens.
    assert (usage.get("input"), usage.get("cacheRead"), usage.get("output")) == (452, 2048, 17), usage
    parameters = chat.get("modelParameters") or {}
    assert parameters.get("temperature") == 0.3 and parameters.get("max_tokens") == 300, parameters
    messages = chat.get("inputMessages")
    assert messages and roles(messages) == ["system", "user", "assistant", "tool"], chat
    assert text_of(messages[1]) == "What is the weather in Oslo?"
    assert parts_of(messages[2], "tool_call") == [{"type": "tool_call", "id": "call_grpc_1", "name": "get_weather",
                                                   "arguments": {"city": "Oslo"}}]
    assert parts_of(messages[3], "tool_result")[0].get("content") == "-3C, snow", messages[3]
    out = chat.get("outputMessages")
    assert out and text_of(out[0]) == "It is -3C and snowing in Oslo.", chat


def test_tool_span(grpc):
    tool = grpc.observation(id=grpc.result["tool_id"])
    assert tool.get("kind") == "tool", tool
    assert tool.get("parentId") == grpc.result["root_id"]
    assert tool.get("input") == {"city": "Oslo"} and tool.get("output") == "-3C, snow", tool


def test_without_the_keys_nothing_is_stored(tmp_path):
    """With keys, an exporter that sends none is refused (UNAUTHENTICATED, which it logs) and
    nothing is stored."""
    collector = Collector(tmp_path, args=("--grpc-listen", "127.0.0.1:0", "--public-key", PUBLIC_KEY,
                                          "--secret-key", SECRET_KEY))
    try:
        env = client_env(collector, OTEL_EXPORTER_OTLP_ENDPOINT=f"http://{collector.grpc_address}")
        scenario = run_driver(collector, "otelgrpc", "otel_grpc.py", "conv-grpc-nokeys", env=env)
        warnings = "\n".join(scenario.result.get("client_warnings", []))
        assert "UNAUTHENTICATED" in warnings, warnings
        assert not scenario.observations, scenario.describe()
    finally:
        collector.stop()
