"""Langfuse Python SDK 5.0.4, 4.18.0 and 3.14.6 (OTel-based) → /api/public/otel/v1/traces (protobuf;
gzip by default in 5.x) and scores (/api/public/scores in 5.x, /api/public/ingestion in 3.x/4.x).
The same driver runs in each venv."""

import json

import pytest

from interop_support import (approx_equal, assert_no_client_warnings, cost_total, parts_of, roles, run_driver,
                             text_of)

SDKS = ["lf5", "lf4", "lf3"]


@pytest.fixture(scope="module", params=SDKS)
def sdk(request, new_collector):
    return run_driver(new_collector(), request.param, "langfuse_otel_sdk.py")


def test_auth_check_and_clean_exchange(sdk):
    assert sdk.result["auth_check"] is True
    assert_no_client_warnings(sdk)


def test_trace_from_propagated_attributes(sdk):
    trace = sdk.trace(sdk.result["trace_id"])
    assert trace.get("name") == "otel-sdk-trace"
    assert trace.get("sessionId") == "sess-otel"
    assert trace.get("userId") == "user-otel"
    assert sorted(trace.get("tags", [])) == ["t1", "t2"]
    # SDK 5 JSON-encodes every metadata value ("v" → "\"v\""); 3.x/4.x send it raw. Both mean "v".
    metadata = trace.get("metadata") or {}
    assert metadata.get("k") == "v", metadata
    assert metadata.get("team") == "search", metadata


def test_trace_input_and_output_from_root_span(sdk):
    trace = sdk.trace(sdk.result["trace_id"])
    assert trace.get("input") == {"q": "weather?"}, trace
    assert trace.get("output") == {"answer": "sunny"}, trace


def test_observation_kinds_and_tree(sdk):
    r = sdk.result
    root = sdk.observation(id=r["root_id"])
    assert root.get("kind") == "span" and root.get("name") == "root" and root.get("parentId") is None
    assert root.get("traceId") == r["trace_id"]
    assert root.get("input") == {"q": "weather?"} and root.get("output") == {"answer": "sunny"}
    agent = sdk.observation(id=r["agent_id"])
    assert agent.get("kind") == "agent" and agent.get("name") == "planner"
    assert agent.get("parentId") == r["root_id"]
    assert agent.get("output") == {"answer": "sunny"}
    gen = sdk.observation(id=r["gen_id"])
    assert gen.get("kind") == "generation" and gen.get("parentId") == r["agent_id"]
    tool = sdk.observation(id=r["tool_id"])
    assert tool.get("kind") == "tool" and tool.get("name") == "get_forecast"
    assert tool.get("parentId") == r["agent_id"]
    assert tool.get("input") == {"city": "Paris", "days": 2}
    assert tool.get("output") == "sunny, 21C"
    event = sdk.observation(name="an-event")
    assert event.get("kind") == "event" and event.get("traceId") == r["trace_id"]
    assert event.get("level") == "WARNING" and event.get("statusMessage") == "warn"
    for observation in (root, agent, gen, tool):
        assert observation.get("startTime") and observation.get("endTime"), observation
        assert observation["endTime"] >= observation["startTime"]


def test_generation_messages_usage_and_cost(sdk):
    gen = sdk.observation(id=sdk.result["gen_id"])
    assert gen.get("name") == "llm-call" and gen.get("model") == "gpt-4o-mini"
    assert gen.get("modelParameters", {}).get("max_tokens") == 100, gen.get("modelParameters")
    assert gen.get("completionStartTime")
    messages = gen.get("inputMessages")
    assert messages, f"the chat input was not read as messages: {gen.get('input')!r}"
    assert roles(messages) == ["system", "user", "assistant", "tool"]
    assert text_of(messages[1]) == "What is the weather in Paris?"
    assert parts_of(messages[2], "tool_call") == [{"type": "tool_call", "id": "call_w1", "name": "get_weather",
                                                   "arguments": {"city": "Paris", "unit": "C"}}]
    result = parts_of(messages[3], "tool_result")
    assert len(result) == 1 and result[0].get("callId") == "call_w1" and result[0].get("content") == "18C, cloudy"
    out = gen.get("outputMessages")
    assert out and roles(out) == ["assistant"], gen
    assert parts_of(out[0], "tool_call") == [{"type": "tool_call", "id": "call_w2", "name": "get_forecast",
                                              "arguments": {"city": "Paris", "days": 2}}]
    usage = gen.get("usage", {})
    assert (usage.get("input"), usage.get("output"), usage.get("cacheRead")) == (21, 7, 300), usage
    cost = gen.get("cost", {})
    assert approx_equal(cost.get("parts", {}).get("input"), 0.00021), cost
    assert approx_equal(cost.get("parts", {}).get("output"), 0.00007), cost
    assert approx_equal(cost_total(cost), 0.00028), cost


def test_failed_generation_is_an_error_turn(sdk):
    failed = sdk.observation(id=sdk.result["failed_id"])
    assert failed.get("kind") == "generation" and failed.get("model") == "gpt-4o"
    assert failed.get("level") == "ERROR"
    assert failed.get("statusMessage") == "529 overloaded_error: Overloaded"


def test_scores(sdk):
    r = sdk.result
    quality = sdk.one("score", name="quality")
    assert quality.get("traceId") == r["trace_id"] and quality.get("observationId") == r["root_id"]
    assert quality.get("value") == 0.9 and quality.get("comment") == "good"
    trace_quality = sdk.one("score", name="trace-quality")
    assert trace_quality.get("traceId") == r["trace_id"] and not trace_quality.get("observationId")
    assert trace_quality.get("value") == 1 and trace_quality.get("dataType") == "BOOLEAN"
    helpfulness = sdk.one("score", name="helpfulness")
    assert helpfulness.get("observationId") == r["gen_id"] and helpfulness.get("value") == 0.8
    assert helpfulness.get("comment") == "ok"
    label = sdk.one("score", name="label")
    assert label.get("value") == "relevant" and label.get("dataType") == "CATEGORICAL"


def test_observe_decorator_trace(sdk):
    """Seed 003: @observe() on a handler makes a trace with the call's arguments and return value."""
    trace_id = sdk.result["observe_trace_id"]
    trace = sdk.trace(trace_id)
    span = sdk.observation(traceId=trace_id, name="litellm_passthrough")
    assert span.get("parentId") is None
    assert "chat/completions" in json.dumps(span.get("input")), span
    assert (span.get("output") or {}).get("status_code") == 200, span
    assert trace.get("name") == "litellm_passthrough", trace


def test_media_data_uri_stays_a_reference(sdk):
    """POST /api/public/media answers uploadUrl null: the SDK uploads nothing and the input keeps the
    SDK's media reference in place of the base64 image; the text beside it is untouched."""
    vision = sdk.observation(id=sdk.result["vision_id"])
    messages = vision.get("inputMessages")
    assert messages and roles(messages) == ["user"], vision
    assert text_of(messages[0]) == "What is in this image?"
    images = parts_of(messages[0], "image")
    assert len(images) == 1, messages
    assert images[0].get("url", "").startswith("@@@langfuseMedia:type=image/png|id="), images
    assert "base64" not in json.dumps(images[0]).replace("source=base64_data_uri", ""), images
    assert (vision.get("usage") or {}).get("input") == 90
