"""Seed 004: per-turn claude_turn_N generations with tool_<Name> child spans, session attributes
propagated by hand, a flush after every turn (Langfuse SDK 5.0.4, and 3.14.6 which the seed used)."""

import pytest

from interop_support import assert_no_client_warnings, roles, run_driver, text_of

# Anthropic's list prices for Claude Sonnet 4.5, USD per token (what the bundled price table holds).
SONNET_45 = {"input": 3e-6, "output": 15e-6, "cacheRead": 0.3e-6, "cacheWrite5m": 3.75e-6}
TAGS = ["claude-code", "model:claude-sonnet-4-5@20250929", "namespace:acme"]


@pytest.fixture(scope="module", params=["lf5", "lf3"])
def seed004(request, new_collector):
    return run_driver(new_collector(), request.param, "seed004_claude_turns.py")


def test_clean_exchange(seed004):
    assert_no_client_warnings(seed004)


def test_each_turn_is_a_trace_in_the_session(seed004):
    r = seed004.result
    assert len(r["turns"]) == 3
    for number, turn in enumerate(r["turns"], start=1):
        trace = seed004.trace(turn["trace_id"])
        assert trace.get("name") == f"claude_turn_{number}", trace
        assert trace.get("sessionId") == r["session_id"]
        assert trace.get("userId") == "alice@example.com"
        assert sorted(trace.get("tags", [])) == TAGS
        metadata = trace.get("metadata") or {}
        assert metadata.get("namespace") == "acme" and metadata.get("model") == r["model"], metadata
        assert metadata.get("user_name") == "Alice"


def test_turn_generations(seed004):
    r = seed004.result
    for number, (turn, expected) in enumerate(zip(r["turns"], r["expected"]), start=1):
        gen = seed004.observation(id=turn["generation_id"])
        assert gen.get("kind") == "generation" and gen.get("name") == f"claude_turn_{number}"
        assert gen.get("traceId") == turn["trace_id"] and gen.get("parentId") is None
        assert gen.get("model") == r["model"]
        messages = gen.get("inputMessages")
        assert messages and roles(messages) == ["user"], gen
        assert text_of(messages[0]) == expected["prompt"]
        # The reply is a plain string: shown as the assistant's text, or kept as the output value.
        out = gen.get("outputMessages")
        if out:
            assert roles(out) == ["assistant"] and text_of(out[0]) == expected["output"], out
        else:
            assert gen.get("output") == expected["output"], gen
        sent = expected["usage"]
        usage = gen.get("usage", {})
        assert usage.get("input") == sent["input"] and usage.get("output") == sent["output"], usage
        assert usage.get("cacheRead", 0) == sent["cache_read_input_tokens"], usage
        # Anthropic's cache_creation_input_tokens without a TTL split are 5-minute cache writes.
        assert usage.get("cacheWrite5m", 0) == sent["cache_creation_input_tokens"], usage
        assert not usage.get("cacheWrite1h"), usage
        assert "cost" not in gen, "the client sent no cost: Turnscope computes it, it must not invent a client cost"
        assert (gen.get("metadata") or {}).get("turn") == number, gen.get("metadata")


def test_tool_spans(seed004):
    r = seed004.result
    for turn, expected in zip(r["turns"], r["expected"]):
        assert len(turn["tools"]) == len(expected["tools"])
        for tool_use_id, name, tool_input, output, is_error in expected["tools"]:
            span = seed004.observation(id=turn["tools"][tool_use_id])
            assert span.get("name") == f"tool_{name}" and span.get("kind") == "span", span
            assert span.get("traceId") == turn["trace_id"]
            assert span.get("parentId") == turn["generation_id"]
            assert span.get("input") == tool_input
            assert span.get("output") == {"result": output}
            assert span.get("level", "DEFAULT") == ("ERROR" if is_error else "DEFAULT"), span
            assert (span.get("metadata") or {}).get("tool_id") == tool_use_id
            assert not span.get("usage"), "tool spans carry no tokens"


def test_session_summary_counts_and_computed_cost(seed004):
    r = seed004.result
    sessions = {s["id"]: s for s in seed004.collector.cli_json("sessions")}
    assert r["session_id"] in sessions, sessions
    session = sessions[r["session_id"]]
    assert session.get("traceCount") == 3 and session.get("turnCount") == 3, session
    assert session.get("userId") == "alice@example.com"
    assert session.get("errorCount") == 1, session  # the failed tool_Bash span
    assert session.get("unpricedTurns") == 0, "claude-sonnet-4-5@20250929 (Vertex spelling) must match a price"
    expected = 0.0
    for turn in r["expected"]:
        u = turn["usage"]
        expected += (u["input"] * SONNET_45["input"] + u["output"] * SONNET_45["output"]
                     + u["cache_read_input_tokens"] * SONNET_45["cacheRead"]
                     + u["cache_creation_input_tokens"] * SONNET_45["cacheWrite5m"])
    assert session.get("costUSD") == pytest.approx(expected, rel=1e-6), session
