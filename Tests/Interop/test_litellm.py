"""litellm's Langfuse callbacks → turnscope serve:

* litellm 1.103.11 + Langfuse SDK 2.60.10, `langfuse` callback registered by seed 000's gate
  (batch ingestion API);
* litellm 1.109.1 + Langfuse SDK 4.18.0, the same `langfuse` callback (its own OTel pipeline);
* litellm 1.109.1 `langfuse_otel` (plain OTLP exporter, OpenInference attributes), with the host
  from LANGFUSE_HOST and from LANGFUSE_OTEL_HOST alone.
"""

import json

import pytest

from interop_support import (approx_equal, assert_no_client_warnings, client_env, parts_of, roles, run_driver,
                             text_of)

VARIANTS = {
    "1.103-langfuse": ("lf2", "langfuse", {}),
    "1.109-langfuse": ("lf4", "langfuse", {}),
    "1.109-langfuse_otel": ("lf4", "langfuse_otel", {}),
    "1.109-langfuse_otel-otel-host": ("lf4", "langfuse_otel", {"LANGFUSE_HOST": None, "LANGFUSE_BASE_URL": None,
                                                              "LANGFUSE_OTEL_HOST": "{url}"}),
}


@pytest.fixture(scope="module", params=list(VARIANTS))
def litellm_run(request, new_collector):
    venv, mode, extra = VARIANTS[request.param]
    collector = new_collector()
    env = client_env(collector, **{k: (v.format(url=collector.url) if v else v) for k, v in extra.items()})
    return run_driver(collector, venv, "litellm_calls.py", mode, env=env)


def generation_sent(run, text):
    """The generation whose prompt contains `text` (each call's prompt is distinct)."""
    found = [o for o in run.observations if o.get("kind") == "generation"
             and text in json.dumps([o.get("inputMessages"), o.get("input")])]
    assert len(found) == 1, (f"expected one generation whose input contains {text!r}, found {len(found)}; "
                             f"generations: {[(o.get('id'), o.get('name')) for o in run.observations]}")
    return found[0]


def test_clean_exchange(litellm_run):
    assert_no_client_warnings(litellm_run)


def test_three_generations_in_the_session(litellm_run):
    generations = [o for o in litellm_run.observations if o.get("kind") == "generation"]
    assert sorted(o.get("name") for o in generations) == ["chat-fail", "chat-prime", "chat-tools"], generations
    traces = {t["id"]: t for t in litellm_run.traces}
    tags = set()
    for gen in generations:
        trace = traces.get(gen.get("traceId"))
        assert trace is not None, f"trace {gen.get('traceId')} of {gen.get('name')} was not stored"
        assert trace.get("sessionId") == "sess-litellm", trace
        assert trace.get("userId") == "user-litellm", trace
        tags.update(trace.get("tags", []))
    assert {"main", "research"} <= tags, tags


def test_chat_usage_with_cached_prompt_and_client_cost(litellm_run):
    gen = generation_sent(litellm_run, "Name a prime number.")
    assert gen.get("model") == "gpt-4o"
    messages = gen.get("inputMessages")
    assert messages and roles(messages) == ["system", "user"], gen
    assert text_of(messages[1]) == "Name a prime number."
    out = gen.get("outputMessages")
    assert out and roles(out) == ["assistant"] and text_of(out[0]) == "Seven.", gen
    usage = gen.get("usage", {})
    # 1200 prompt tokens of which 1000 were cached: uncached input 200.
    assert (usage.get("input"), usage.get("cacheRead"), usage.get("output")) == (200, 1000, 50), usage
    assert approx_equal((gen.get("cost") or {}).get("total"), litellm_run.result["calls"]["chat"]["cost"]), gen.get("cost")


def test_tool_calls_and_results(litellm_run):
    gen = generation_sent(litellm_run, "What is the weather in Paris?")
    messages = gen.get("inputMessages")
    assert messages, f"the prompt was not read as messages: {gen.get('input')!r}"
    assert roles(messages) == ["system", "user", "assistant", "tool"]
    assert parts_of(messages[2], "tool_call") == [{"type": "tool_call", "id": "call_w1", "name": "get_weather",
                                                   "arguments": {"city": "Paris", "unit": "C"}}]
    result = parts_of(messages[3], "tool_result")
    assert len(result) == 1 and result[0].get("callId") == "call_w1" and result[0].get("content") == "18C, cloudy"
    out = gen.get("outputMessages")
    assert out and roles(out) == ["assistant"], gen
    calls = parts_of(out[0], "tool_call")
    assert calls == [{"type": "tool_call", "id": "call_w2", "name": "get_forecast",
                      "arguments": {"city": "Paris", "days": 2}}], out
    usage = gen.get("usage", {})
    assert (usage.get("input"), usage.get("output")) == (80, 20), usage
    assert approx_equal((gen.get("cost") or {}).get("total"), litellm_run.result["calls"]["tools"]["cost"]), gen.get("cost")


def test_failed_call_is_an_error_turn(litellm_run):
    assert litellm_run.result["calls"]["failure"]["error"], "the mock failure did not raise"
    gen = generation_sent(litellm_run, "This call will fail.")
    assert gen.get("model") == "gpt-4o"
    assert gen.get("level") == "ERROR", gen
    assert "Rate limit reached for gpt-4o in organization org-mock" in (gen.get("statusMessage") or ""), gen
    assert not gen.get("outputMessages"), "a failed call has no reply: the error text is not the assistant's"
