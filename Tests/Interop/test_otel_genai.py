"""OpenTelemetry SDK 1.45 spans with GenAI semantic conventions → OTLP/HTTP (protobuf, protobuf+gzip,
Langfuse's OTel path, JSON, JSON+gzip) → turnscope export."""

import pytest

from interop_support import assert_no_client_warnings, parts_of, roles, run_driver, text_of

MODES = ["protobuf", "protobuf-gzip", "protobuf-langfuse", "json", "json-gzip"]


@pytest.fixture(scope="module", params=MODES)
def otel(request, new_collector):
    return run_driver(new_collector(), "lf5", "otel_genai.py", request.param, f"conv-{request.param}")


def test_export_accepted(otel):
    assert_no_client_warnings(otel)
    for response in otel.result.get("responses") or []:  # JSON modes: what the collector answered
        assert response["status"] == 200, response
        assert (response.get("content_type") or "").startswith("application/json"), response


def test_trace_session_and_user(otel):
    trace = otel.trace(otel.result["trace_id"])
    assert trace.get("sessionId") == otel.result["conversation_id"], trace  # gen_ai.conversation.id
    assert trace.get("userId") == "user-otel", trace


def test_root_span_is_an_agent(otel):
    root = otel.observation(id=otel.result["root_id"])
    assert root.get("kind") == "agent", root  # gen_ai.operation.name = invoke_agent
    assert root.get("parentId") is None and root.get("traceId") == otel.result["trace_id"]


def test_chat_span_is_a_generation_with_messages_and_usage(otel):
    chat = otel.observation(id=otel.result["chat_id"])
    assert chat.get("kind") == "generation", chat
    assert chat.get("parentId") == otel.result["root_id"]
    assert chat.get("model") == "gpt-4o-2024-08-06"
    assert chat.get("startTime") and chat.get("endTime")
    usage = chat.get("usage", {})
    # gen_ai.usage.input_tokens includes the 1200 cached tokens: uncached input is 300.
    assert (usage.get("input"), usage.get("cacheRead"), usage.get("output")) == (300, 1200, 42), usage
    messages = chat.get("inputMessages")
    assert messages, f"gen_ai.input.messages was not read as messages: {chat.get('input')!r}"
    assert roles(messages) == ["system", "user", "assistant", "tool"]
    assert text_of(messages[0]) == "You are a weather bot."
    assert text_of(messages[1]) == "What is the weather in Paris?"
    assert parts_of(messages[2], "tool_call") == [{"type": "tool_call", "id": "call_otel_1", "name": "get_weather",
                                                   "arguments": {"city": "Paris"}}]
    result = parts_of(messages[3], "tool_result")
    assert len(result) == 1 and result[0].get("callId") == "call_otel_1", messages[3]
    assert result[0].get("content") == "18C, cloudy"
    out = chat.get("outputMessages")
    assert out and roles(out) == ["assistant"], chat
    assert text_of(out[0]) == "It is 18C and cloudy in Paris."
    assert "cost" not in chat, "no cost was sent: it must be computed, not stored as the client's"


def test_chat_request_parameters(otel):
    chat = otel.observation(id=otel.result["chat_id"])
    parameters = chat.get("modelParameters") or {}
    assert parameters.get("temperature") == 0.2 and parameters.get("max_tokens") == 200, parameters


def test_tool_span(otel):
    tool = otel.observation(id=otel.result["tool_id"])
    assert tool.get("kind") == "tool", tool  # gen_ai.operation.name = execute_tool
    assert tool.get("name") in ("get_weather", "execute_tool get_weather"), tool
    assert tool.get("parentId") == otel.result["root_id"]
    assert tool.get("input") == {"city": "Paris"}, tool  # gen_ai.tool.call.arguments
    assert tool.get("output") == "18C, cloudy", tool  # gen_ai.tool.call.result


def test_failed_chat_is_an_error_turn(otel):
    failed = otel.observation(id=otel.result["failed_id"])
    assert failed.get("kind") == "generation" and failed.get("model") == "gpt-4o-2024-08-06"
    assert failed.get("level") == "ERROR", failed
    assert failed.get("statusMessage") == "429 Too Many Requests: rate limit reached", failed
