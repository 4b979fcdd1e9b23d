"""litellm with its Langfuse callbacks, no provider involved (mock_response).

usage: litellm_calls.py langfuse|langfuse_otel

`langfuse` registers the callbacks with seed 000's gating snippet, verbatim: litellm <= 1.103 sends
them through Langfuse SDK 2.x to /api/public/ingestion, litellm >= 1.104 through its own OTel
pipeline to /api/public/otel/v1/traces. `langfuse_otel` uses litellm.callbacks = ["langfuse_otel"]
(a plain OTLP exporter; host from LANGFUSE_OTEL_HOST, else LANGFUSE_HOST).

Three calls in one session: a chat whose usage has cached prompt tokens, a chat whose history holds
a tool call and its result and whose reply calls a tool, and a call that fails."""

import sys
from importlib.metadata import version

from _common import flush_litellm, openai_tool_conversation, result, watch_client_logs

mode = sys.argv[1]
watch_client_logs("langfuse", "opentelemetry")
watch_client_logs("LiteLLM", "LiteLLM Proxy", "LiteLLM Router", only_containing=("langfuse", "otel", "export"))

if mode == "langfuse":
    # --- seed 000, verbatim -----------------------------------------------------------------
    import os, litellm
    if (
    os.getenv("LANGFUSE_HOST") # destination must be explicit — no silent fallback
    and os.getenv("LANGFUSE_PUBLIC_KEY")
    and os.getenv("LANGFUSE_SECRET_KEY")
    ):
        if "langfuse" not in litellm.success_callback:
            litellm.success_callback.append("langfuse")
        if "langfuse" not in litellm.failure_callback:
            litellm.failure_callback.append("langfuse")
    # -------------------------------------------------------------------------------------------
    assert litellm.success_callback == ["langfuse"] and litellm.failure_callback == ["langfuse"], \
        "the seed 000 gate did not register the callbacks: LANGFUSE_HOST and the keys must be set"
elif mode == "langfuse_otel":
    import litellm
    litellm.callbacks = ["langfuse_otel"]
else:
    sys.exit(f"unknown mode {mode!r}")

SESSION = "sess-litellm"
USER = "user-litellm"
calls = {}

# 1. A plain chat; the usage has 1000 cached prompt tokens out of 1200 (OpenAI counts them inside).
chat = litellm.completion(
    model="gpt-4o",
    messages=[{"role": "system", "content": "You are terse."},
              {"role": "user", "content": "Name a prime number."}],
    mock_response={
        "id": "chatcmpl-mock-1", "model": "gpt-4o",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": "Seven."}}],
        "usage": {"prompt_tokens": 1200, "completion_tokens": 50, "total_tokens": 1250,
                  "prompt_tokens_details": {"cached_tokens": 1000}},
    },
    metadata={"session_id": SESSION, "trace_user_id": USER, "tags": ["main"], "generation_name": "chat-prime"},
)
calls["chat"] = {"cost": chat._hidden_params.get("response_cost"), "usage": chat.usage.model_dump()}

# 2. History with a tool call and its result; the reply asks for another tool.
tool_turn = litellm.completion(
    model="gpt-4o",
    messages=openai_tool_conversation(),
    mock_response={
        "id": "chatcmpl-mock-2", "model": "gpt-4o",
        "choices": [{"index": 0, "finish_reason": "tool_calls",
                     "message": {"role": "assistant", "content": None, "tool_calls": [
                         {"id": "call_w2", "type": "function",
                          "function": {"name": "get_forecast", "arguments": "{\"city\": \"Paris\", \"days\": 2}"}}]}}],
        "usage": {"prompt_tokens": 80, "completion_tokens": 20, "total_tokens": 100},
    },
    metadata={"session_id": SESSION, "trace_user_id": USER, "tags": ["research"], "generation_name": "chat-tools"},
)
calls["tools"] = {"cost": tool_turn._hidden_params.get("response_cost"), "usage": tool_turn.usage.model_dump()}

# 3. A call that fails: the callback must record it as an ERROR generation with the message.
try:
    litellm.completion(
        model="gpt-4o",
        messages=[{"role": "user", "content": "This call will fail."}],
        mock_response=Exception("Rate limit reached for gpt-4o in organization org-mock"),
        metadata={"session_id": SESSION, "trace_user_id": USER, "tags": ["main"], "generation_name": "chat-fail"},
    )
    calls["failure"] = {"error": None}
except Exception as error:
    calls["failure"] = {"error": str(error), "error_type": type(error).__name__}

flushed = flush_litellm()
result(mode=mode, litellm_version=version("litellm"), langfuse_version=version("langfuse") if mode == "langfuse" else None,
       session_id=SESSION, user_id=USER, calls=calls, flushed=flushed)
