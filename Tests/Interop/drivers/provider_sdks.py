"""The official OpenAI and Anthropic Python SDKs calling a model (drivers/fake_model.py) at a base URL:
the fake itself, or Turnscope's proxy in front of it (test_proxy.py). Runs in the `proxy` venv.

    provider_sdks.py SCENARIO --anthropic URL --openai URL [--fake URL] [--tag TAG]

`--anthropic` is the Anthropic SDK's base URL (the SDK posts to URL/v1/messages), `--openai` the
OpenAI SDK's (URL/chat/completions: it ends in /v1). `--fake` is the fake's own address, for the
calls that steer it (releasing a slow stream). `--tag` goes into every session name, so that runs
do not collide. Prints `RESULT {json}`: per scenario, what each call gave the caller, in order.

Scenarios:
  anthropic  Messages with a tool: the fake asks for two shell commands (a `Bash` tool call each),
             then answers; call 1 whole, calls 2 and 3 streamed (`messages.stream`). Then one
             streamed call without tools under X-Turnscope-Session, one whole call with
             `metadata.user_id`.
  openai     Chat Completions with a tool: call 1 whole, call 2 streamed with
             `stream_options.include_usage`, call 3 streamed without (so it reports no usage),
             all with `user`; Responses with a `shell` tool: whole, streamed, streamed, with
             `prompt_cache_key`; one Responses call whose X-Turnscope-Session header overrides
             its `user`; Embeddings: two inputs (the SDK's default base64) and one as floats.
  misbehave  streams and errors (see fake_model's X-Fake-* headers): a slow stream released by
             the client once it has the first chunk; a 429 with retry-after that the SDK retries
             (Anthropic and OpenAI); a gzipped answer; a 529 with no retries; a stream whose connection is cut; a
             stream the client closes after the first chunk.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.request

from _common import result as emit

import anthropic
import openai

CLAUDE_MODEL = "claude-sonnet-4-5"
OPENAI_MODEL = "gpt-5.1"
EMBEDDING_MODEL = "text-embedding-3-small"
API_KEYS = {"anthropic": "sk-ant-interop-SDK-SECRET-5678", "openai": "sk-proj-interop-SDK-SECRET-9012"}

BASH_TOOL = {"name": "Bash", "description": "Run a shell command",
             "input_schema": {"type": "object", "properties": {"command": {"type": "string"},
                                                                "description": {"type": "string"}},
                              "required": ["command"]}}
CHAT_TOOL = {"type": "function", "function": {
    "name": "run_command", "description": "Run a shell command and return its output",
    "parameters": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}}}
RESPONSES_TOOL = {"type": "function", "name": "shell", "description": "Run argv in a shell",
                  "parameters": {"type": "object", "properties": {"command": {"type": "array",
                                                                               "items": {"type": "string"}}},
                                 "required": ["command"]}}


def usage_dict(usage) -> dict | None:
    return usage.model_dump(exclude_none=True) if usage is not None else None


def fake_output(command: str) -> str:
    """What running the fake's command prints (`printf '%s:%s\\n' ran X` prints `ran:X`)."""
    step = command.split(" ran ", 1)[1]
    return f"ran:{step}\n"


def argv_output(argv: list[str]) -> str:
    return fake_output(argv[-1])


# --- Anthropic ----------------------------------------------------------------------------------------

def anthropic_message(message) -> dict:
    return {"id": message.id, "model": message.model, "stop_reason": message.stop_reason,
            "text": "".join(b.text for b in message.content if b.type == "text"),
            "tool_calls": [{"id": b.id, "name": b.name, "input": b.input} for b in message.content
                           if b.type == "tool_use"],
            "usage": usage_dict(message.usage)}


def run_anthropic(args) -> dict:
    client = anthropic.Anthropic(base_url=args.anthropic, api_key=API_KEYS["anthropic"], max_retries=0)
    job = f"sdk{args.tag}"
    system = f"You run checks for the {args.tag} project."
    messages: list = [{"role": "user", "content": f"Run the checks for job-{job}, then report."}]
    calls = []
    for step in range(3):
        params = dict(model=CLAUDE_MODEL, max_tokens=512, system=system, messages=messages, tools=[BASH_TOOL])
        if step == 0:
            message = client.messages.create(**params)
            call = anthropic_message(message)
            call["stream"] = False
        else:
            deltas = []
            with client.messages.stream(**params) as stream:
                for event in stream:
                    if event.type == "content_block_delta" and event.delta.type == "text_delta":
                        deltas.append(event.delta.text)
                message = stream.get_final_message()
            call = anthropic_message(message)
            call["stream"] = True
            call["deltas"] = deltas
        call["request_messages"] = json.loads(json.dumps(messages))
        calls.append(call)
        messages.append({"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in message.content]})
        results = [{"type": "tool_result", "tool_use_id": t["id"], "content": fake_output(t["input"]["command"])}
                   for t in call["tool_calls"]]
        if not results:
            break
        messages.append({"role": "user", "content": results})

    session = f"team-session-{args.tag}"
    with client.messages.stream(model=CLAUDE_MODEL, max_tokens=64, messages=[{"role": "user", "content": "Say OK."}],
                                extra_headers={"X-Turnscope-Session": session}) as stream:
        text = "".join(stream.text_stream)
        message = stream.get_final_message()
    headed = anthropic_message(message)
    headed.update(stream=True, streamed_text=text, session=session)

    user_id = f"user-{args.tag}"
    message = client.messages.create(model=CLAUDE_MODEL, max_tokens=64, metadata={"user_id": user_id},
                                     messages=[{"role": "user", "content": "Say OK."}])
    by_user = anthropic_message(message)
    by_user.update(stream=False, session=user_id)
    return {"job": job, "system": system, "tool_calls_loop": calls, "headed": headed, "by_user": by_user}


# --- OpenAI ---------------------------------------------------------------------------------------------

def chat_result(completion) -> dict:
    choice = completion.choices[0]
    return {"id": completion.id, "model": completion.model, "finish_reason": choice.finish_reason,
            "text": choice.message.content,
            "tool_calls": [{"id": c.id, "name": c.function.name, "arguments": c.function.arguments}
                           for c in choice.message.tool_calls or []],
            "usage": usage_dict(completion.usage)}


def chat_stream(client, **params) -> dict:
    """A streamed Chat Completion put together from its chunks, as a caller does."""
    result = {"id": None, "model": None, "finish_reason": None, "text": "", "tool_calls": [], "usage": None,
              "chunks": 0}
    calls: dict[int, dict] = {}
    for chunk in client.chat.completions.create(stream=True, **params):
        result["chunks"] += 1
        result["id"], result["model"] = chunk.id, chunk.model
        if chunk.usage is not None:
            result["usage"] = usage_dict(chunk.usage)
        for choice in chunk.choices:
            if choice.delta.content:
                result["text"] += choice.delta.content
            for call in choice.delta.tool_calls or []:
                entry = calls.setdefault(call.index, {"id": None, "name": "", "arguments": ""})
                if call.id:
                    entry["id"] = call.id
                if call.function and call.function.name:
                    entry["name"] += call.function.name
                if call.function and call.function.arguments:
                    entry["arguments"] += call.function.arguments
            if choice.finish_reason:
                result["finish_reason"] = choice.finish_reason
    result["tool_calls"] = [calls[i] for i in sorted(calls)]
    result["text"] = result["text"] or None
    return result


def responses_result(response) -> dict:
    return {"id": response.id, "model": response.model, "status": response.status,
            "text": response.output_text,
            "tool_calls": [{"id": item.call_id, "name": item.name, "arguments": item.arguments}
                           for item in response.output if item.type == "function_call"],
            "usage": usage_dict(response.usage)}


def run_openai(args) -> dict:
    client = openai.OpenAI(base_url=args.openai, api_key=API_KEYS["openai"], max_retries=0)
    out: dict = {}

    # Chat Completions: whole, streamed with usage, streamed without.
    job = f"chat{args.tag}"
    user = f"chat-user-{args.tag}"
    messages: list = [{"role": "system", "content": "You run checks."},
                      {"role": "user", "content": f"Run the checks for job-{job}, then report."}]
    calls = []
    for step in range(3):
        params = dict(model=OPENAI_MODEL, messages=messages, tools=[CHAT_TOOL], user=user)
        if step == 0:
            call = chat_result(client.chat.completions.create(**params))
            call["stream"] = False
        elif step == 1:
            call = chat_stream(client, stream_options={"include_usage": True}, **params)
            call["stream"] = True
        else:
            call = chat_stream(client, **params)
            call["stream"] = True
        call["request_messages"] = json.loads(json.dumps(messages))
        calls.append(call)
        assistant = {"role": "assistant", "content": call["text"]}
        if call["tool_calls"]:
            assistant["tool_calls"] = [{"id": c["id"], "type": "function",
                                        "function": {"name": c["name"], "arguments": c["arguments"]}}
                                       for c in call["tool_calls"]]
        messages.append(assistant)
        if not call["tool_calls"]:
            break
        for c in call["tool_calls"]:
            messages.append({"role": "tool", "tool_call_id": c["id"],
                             "content": fake_output(json.loads(c["arguments"])["command"])})
    out["chat"] = {"job": job, "user": user, "calls": calls}

    # Responses: whole, streamed, streamed; the session from prompt_cache_key.
    job = f"resp{args.tag}"
    cache_key = f"conversation-{args.tag}"
    items: list = [{"role": "user", "content": f"Run the checks for job-{job}, then report."}]
    calls = []
    for step in range(3):
        params = dict(model=OPENAI_MODEL, instructions="You run checks.", input=items, tools=[RESPONSES_TOOL],
                      prompt_cache_key=cache_key)
        if step == 0:
            response = client.responses.create(**params)
            call = responses_result(response)
            call["stream"] = False
        else:
            deltas = []
            with client.responses.stream(**params) as stream:
                for event in stream:
                    if event.type == "response.output_text.delta":
                        deltas.append(event.delta)
                response = stream.get_final_response()
            call = responses_result(response)
            call.update(stream=True, deltas=deltas)
        call["request_input"] = json.loads(json.dumps(items))
        calls.append(call)
        for item in response.output:
            if item.type == "function_call":
                items.append({"type": "function_call", "call_id": item.call_id, "name": item.name,
                              "arguments": item.arguments})
                items.append({"type": "function_call_output", "call_id": item.call_id,
                              "output": argv_output(json.loads(item.arguments)["command"])})
        if not call["tool_calls"]:
            break
    out["responses"] = {"job": job, "prompt_cache_key": cache_key, "calls": calls}

    session = f"team-session-{args.tag}"
    response = client.responses.create(model=OPENAI_MODEL, input="Say OK.", user=f"ignored-user-{args.tag}",
                                       extra_headers={"X-Turnscope-Session": session})
    out["headed"] = dict(responses_result(response), session=session)

    # Embeddings: the SDK asks for base64 unless told otherwise.
    inputs = ["the first text", "the second, longer text"]
    embedded = client.embeddings.create(model=EMBEDDING_MODEL, input=inputs, user=f"embed-user-{args.tag}")
    floats = client.embeddings.create(model=EMBEDDING_MODEL, input="one text", encoding_format="float")
    out["embeddings"] = [
        {"inputs": inputs, "count": len(embedded.data), "dimensions": [len(d.embedding) for d in embedded.data],
         "vectors": [d.embedding for d in embedded.data], "usage": usage_dict(embedded.usage), "model": embedded.model},
        {"inputs": ["one text"], "count": len(floats.data), "dimensions": [len(d.embedding) for d in floats.data],
         "vectors": [d.embedding for d in floats.data], "usage": usage_dict(floats.usage), "model": floats.model},
    ]
    return out


# --- misbehaving upstreams -------------------------------------------------------------------------------

def release(fake: str, key: str):
    urllib.request.urlopen(urllib.request.Request(f"{fake}/fake/release/{key}", data=b"{}", method="POST"),
                           timeout=10).read()


def error_facts(error: Exception) -> dict:
    facts = {"error": type(error).__name__, "message": str(error)[:500]}
    response = getattr(error, "response", None)
    if response is not None:
        facts.update(status=response.status_code, retry_after=response.headers.get("retry-after"),
                     request_id=response.headers.get("request-id") or response.headers.get("x-request-id"),
                     body=response.text)
    return facts


def run_misbehave(args) -> dict:
    tag = args.tag
    client = anthropic.Anthropic(base_url=args.anthropic, api_key=API_KEYS["anthropic"], max_retries=0)
    out: dict = {}
    prompt = [{"role": "user", "content": "Say OK."}]

    # A slow stream: the first chunk must reach the client while the fake still holds the rest.
    key = f"slow-{tag}"
    started = time.monotonic()
    seen: dict = {"released_after": None, "text": ""}
    with client.messages.stream(model=CLAUDE_MODEL, max_tokens=64, messages=prompt,
                                extra_headers={"X-Fake-Stream": "slow", "X-Fake-Key": key}) as stream:
        for event in stream:
            if event.type == "content_block_delta" and event.delta.type == "text_delta":
                seen["text"] += event.delta.text
                if seen["released_after"] is None:
                    seen["released_after"] = time.monotonic() - started
                    release(args.fake, key)
        message = stream.get_final_message()
    out["slow"] = dict(seen, id=message.id, stop_reason=message.stop_reason, seconds=time.monotonic() - started)

    # 429 with retry-after: the SDK waits and retries; the retry succeeds.
    retrying = anthropic.Anthropic(base_url=args.anthropic, api_key=API_KEYS["anthropic"], max_retries=2)
    message = retrying.messages.create(
        model=CLAUDE_MODEL, max_tokens=64, messages=prompt,
        extra_headers={"X-Fake-Fail-Status": "429", "X-Fake-Fail-Times": "1", "X-Fake-Retry-After": "1",
                       "X-Fake-Key": f"429-{tag}"})
    out["retried_429"] = anthropic_message(message)

    oa = openai.OpenAI(base_url=args.openai, api_key=API_KEYS["openai"], max_retries=2)
    completion = oa.chat.completions.create(
        model=OPENAI_MODEL, messages=[{"role": "user", "content": "Say OK."}],
        extra_headers={"X-Fake-Fail-Status": "429", "X-Fake-Fail-Times": "1", "X-Fake-Retry-After": "1",
                       "X-Fake-Key": f"429-openai-{tag}"})
    out["retried_429_openai"] = chat_result(completion)

    # A gzipped answer (the SDK accepts gzip): the client inflates it, and so must the record.
    message = client.messages.create(model=CLAUDE_MODEL, max_tokens=64, messages=prompt,
                                     extra_headers={"X-Fake-Gzip": "1"})
    out["gzipped"] = anthropic_message(message)

    # 529 overloaded, no retries: the SDK raises.
    try:
        client.messages.create(model=CLAUDE_MODEL, max_tokens=64, messages=prompt,
                               extra_headers={"X-Fake-Fail-Status": "529", "X-Fake-Key": f"529-{tag}"})
        out["overloaded"] = {"error": None}
    except anthropic.APIStatusError as error:
        out["overloaded"] = error_facts(error)

    # The upstream cuts the connection mid-stream.
    got = ""
    try:
        with client.messages.stream(model=CLAUDE_MODEL, max_tokens=64, messages=prompt,
                                    extra_headers={"X-Fake-Stream": "drop"}) as stream:
            for event in stream:
                if event.type == "content_block_delta" and event.delta.type == "text_delta":
                    got += event.delta.text
        out["dropped"] = {"error": None, "text": got}
    except Exception as error:  # noqa: BLE001 - whatever the SDK raises for a cut stream
        out["dropped"] = dict(error_facts(error), text=got)

    # The client hangs up after the first chunk (the fake keeps pinging until a write fails).
    got = ""
    with client.messages.stream(model=CLAUDE_MODEL, max_tokens=64, messages=prompt,
                                extra_headers={"X-Fake-Stream": "trickle"}) as stream:
        for event in stream:
            if event.type == "content_block_delta" and event.delta.type == "text_delta":
                got += event.delta.text
                break
    out["hung_up"] = {"text": got}
    return out


SCENARIOS = {"anthropic": run_anthropic, "openai": run_openai, "misbehave": run_misbehave}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--anthropic", required=True)
    parser.add_argument("--openai", required=True)
    parser.add_argument("--fake", default="")
    parser.add_argument("--tag", default="x")
    args = parser.parse_args(argv)
    result = SCENARIOS[args.scenario](args)
    emit(**dict(result, scenario=args.scenario, sdk={"openai": openai.__version__, "anthropic": anthropic.__version__}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
