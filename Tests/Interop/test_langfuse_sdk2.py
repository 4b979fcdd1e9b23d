"""Langfuse Python SDK 2.60.10 → POST /api/public/ingestion (batch API) → turnscope export."""

import pytest

from interop_support import (approx_equal, assert_no_client_warnings, cost_total, parts_of, roles, run_driver,
                             text_of)


@pytest.fixture(scope="module")
def lf2(new_collector):
    return run_driver(new_collector(), "lf2", "langfuse_sdk2.py")


def test_auth_check_and_clean_exchange(lf2):
    assert lf2.result["auth_check"] is True
    assert_no_client_warnings(lf2)


def test_trace_fields(lf2):
    trace = lf2.trace("rlm-run-abc12345")
    assert trace.get("name") == "rlm-run"
    assert trace.get("sessionId") == "sess-lf2"
    assert trace.get("userId") == "user-lf2"
    assert sorted(trace.get("tags", [])) == ["pure_rlm", "rlm"]
    assert trace.get("metadata", {}).get("environment") == "pure_rlm"
    assert trace.get("metadata", {}).get("params") == {"max_steps": 3}
    assert trace.get("input") == {"task": "Create a DSPy signature"}
    # The trace update (a second trace-create with only id + output) merged into the same trace.
    assert trace.get("output") == {"completed": True, "steps": 2, "total_reward": 0.5}
    assert trace.get("version") == "1.0"


def test_spans_and_error_step(lf2):
    step1 = lf2.observation(id=lf2.result["step1_id"])
    assert step1.get("kind") == "span" and step1.get("name") == "step-1"
    assert step1.get("traceId") == "rlm-run-abc12345"
    assert step1.get("input") == {"action": "run_python", "code": "print(2 + 2)"}
    assert step1.get("output") == {"success": True, "output": "4"}
    assert step1.get("metadata", {}).get("step") == 1
    assert step1.get("endTime"), "span-update's endTime was not merged"
    step2 = lf2.observation(id=lf2.result["step2_id"])
    assert step2.get("level") == "ERROR"
    assert step2.get("statusMessage") == "NameError: name 'x' is not defined"


def test_generation_usage_details_and_cost(lf2):
    gen = lf2.observation(id=lf2.result["gen_id"])
    assert gen.get("kind") == "generation"
    assert gen.get("parentId") == lf2.result["step1_id"]
    assert gen.get("model") == "gpt-4o-mini"
    assert gen.get("modelParameters", {}).get("max_tokens") == 100
    assert gen.get("completionStartTime")
    assert roles(gen.get("inputMessages", [])) == ["system", "user"], gen
    assert text_of(gen["inputMessages"][1]) == "What is 2 + 2?"
    assert roles(gen.get("outputMessages", [])) == ["assistant"], gen
    assert text_of(gen["outputMessages"][0]) == "4"
    usage = gen.get("usage", {})
    assert usage.get("input") == 11 and usage.get("output") == 3 and usage.get("cacheRead") == 40, usage
    cost = gen.get("cost", {})
    assert approx_equal(cost.get("parts", {}).get("input"), 0.0001), cost
    assert approx_equal(cost.get("parts", {}).get("output"), 0.0002), cost
    assert approx_equal(cost_total(cost), 0.0003), cost


def test_legacy_usage_object(lf2):
    gen = lf2.observation(id=lf2.result["legacy_id"])
    usage = gen.get("usage", {})
    assert usage.get("input") == 7 and usage.get("output") == 3, usage
    assert usage.get("total") in (None, 10), usage
    assert "cost" not in gen, "no cost was sent: Turnscope must compute it, not store a client cost"


def test_tool_calls_and_results_in_messages(lf2):
    gen = lf2.observation(id=lf2.result["tool_gen_id"])
    messages = gen.get("inputMessages")
    assert messages, f"the OpenAI-style chat input was not read as messages: {gen.get('input')!r}"
    assert roles(messages) == ["system", "user", "assistant", "tool"]
    call = parts_of(messages[2], "tool_call")
    assert call == [{"type": "tool_call", "id": "call_w1", "name": "get_weather",
                     "arguments": {"city": "Paris", "unit": "C"}}], messages[2]
    tool_result = parts_of(messages[3], "tool_result")
    assert len(tool_result) == 1 and tool_result[0].get("callId") == "call_w1", messages[3]
    assert tool_result[0].get("content") == "18C, cloudy"
    assert tool_result[0].get("isError", False) is False
    out = gen.get("outputMessages", [])
    assert roles(out) == ["assistant"], gen
    assert parts_of(out[0], "tool_call") == [{"type": "tool_call", "id": "call_w2", "name": "get_forecast",
                                              "arguments": {"city": "Paris", "days": 2}}]
    assert gen.get("usage", {}).get("input") == 52 and gen["usage"].get("output") == 17


def test_failed_generation_is_an_error_turn(lf2):
    gen = lf2.observation(id=lf2.result["failed_id"])
    assert gen.get("kind") == "generation"
    assert gen.get("level") == "ERROR"
    assert gen.get("statusMessage") == "429 Rate limit reached for gpt-4o"


def test_event(lf2):
    event = lf2.observation(name="an-event")
    assert event.get("kind") == "event"
    assert event.get("parentId") == lf2.result["step1_id"]
    assert event.get("level") == "WARNING" and event.get("statusMessage") == "warn"
    assert event.get("input") == {"e": 1}


def test_scores(lf2):
    reward = lf2.one("score", name="reward")
    assert reward.get("traceId") == "rlm-run-abc12345" and reward.get("value") == 0.5
    completed = lf2.one("score", name="completed")
    assert completed.get("value") == 1
    quality = lf2.one("score", name="quality")
    assert quality.get("value") == 0.9 and quality.get("comment") == "good"
    cat = lf2.one("score", name="cat")
    assert cat.get("value") == "good" and cat.get("dataType") == "CATEGORICAL"
    assert cat.get("observationId") == lf2.result["gen_id"]


def test_session_summary(lf2):
    sessions = {s["id"]: s for s in lf2.collector.cli_json("sessions")}
    assert "sess-lf2" in sessions, sessions
    session = sessions["sess-lf2"]
    assert session.get("userId") == "user-lf2"
    assert session.get("turnCount") == 4  # llm-call, legacy-usage, tool-call, failed-call
    assert session.get("errorCount") == 2  # failed-call and the step-2 span (every ERROR observation counts)
