"""The real third-party OpenTelemetry LLM instrumentations around the `openai` and `anthropic` SDKs,
calling the loopback fake model (fake_model.py) and exporting over OTLP/HTTP protobuf.

usage: otel_instrumentations.py INSTRUMENTATION --openai BASE --anthropic BASE --tag TAG --session ID

INSTRUMENTATION (one per process: each patches the SDK it instruments for good):
  openai-v2-events          opentelemetry-instrumentation-openai-v2, content as log events
                            (gen_ai.client.inference.operation.details) exported to /v1/logs
  openai-v2-spans           the same with content on the span (gen_ai.input.messages …)
  openinference-openai      openinference-instrumentation-openai
  openinference-anthropic   openinference-instrumentation-anthropic
  openllmetry-openai        opentelemetry-instrumentation-openai (Traceloop)
  openllmetry-anthropic     opentelemetry-instrumentation-anthropic (Traceloop)

Three model calls under one application span (`app.turn`, carrying `session.id`): a whole answer
to a system prompt and a user message, the same streamed, and a call offering one tool that the
fake answers with a call of it (see fake_model.py for its script). The driver records every span
the SDK ended (ids, names, parents) and what the caller got back from each call, and prints them
in its RESULT line.

OTEL_EXPORTER_OTLP_ENDPOINT names the collector (or a capture server). Content capture is turned on
with each library's own switch (set here, before the instrumentations are imported)."""

import argparse
import json
import os
import sys

from _common import result, watch_client_logs

parser = argparse.ArgumentParser()
parser.add_argument("instrumentation")
parser.add_argument("--openai", required=True, help="OpenAI base URL, with /v1")
parser.add_argument("--anthropic", required=True, help="Anthropic base URL, without /v1")
parser.add_argument("--tag", required=True, help="names the fake's jobs, so answers are known in advance")
parser.add_argument("--session", required=True)
args = parser.parse_args()
name = args.instrumentation

# Content capture: each library's switch. Set before import, as some read it once. openai-v2 2.4
# goes through opentelemetry-util-genai, which since 1.1 always takes the latest GenAI conventions
# and reads the variable as a mode (NO_CONTENT, SPAN_ONLY, EVENT_ONLY, SPAN_AND_EVENT): "true" is
# refused with a warning and captures nothing.
os.environ["TRACELOOP_TRACE_CONTENT"] = "true"
os.environ["OTEL_SEMCONV_STABILITY_OPT_IN"] = "gen_ai_latest_experimental"
os.environ["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = \
    "EVENT_ONLY" if name == "openai-v2-events" else "SPAN_ONLY" if name == "openai-v2-spans" else "true"

from opentelemetry import trace  # noqa: E402
from opentelemetry._logs import set_logger_provider  # noqa: E402
from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter  # noqa: E402
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: E402
from opentelemetry.sdk._logs import LoggerProvider  # noqa: E402
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor  # noqa: E402
from opentelemetry.sdk.resources import Resource  # noqa: E402
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402

watch_client_logs("opentelemetry", "openinference", "opentelemetry.instrumentation")


class Recorder(SpanProcessor):
    """Every span the SDK ends, in order: what the collector must have received."""

    def __init__(self):
        self.spans = []

    def on_end(self, span):
        context = span.get_span_context()
        self.spans.append({"name": span.name, "trace_id": format(context.trace_id, "032x"),
                           "span_id": format(context.span_id, "016x"),
                           "parent_id": format(span.parent.span_id, "016x") if span.parent else None,
                           "scope": span.instrumentation_scope.name if span.instrumentation_scope else None,
                           "events": [e.name for e in span.events]})


resource = Resource.create({"service.name": f"instr-{name}"})
recorder = Recorder()
tracer_provider = TracerProvider(resource=resource)
tracer_provider.add_span_processor(recorder)
tracer_provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
trace.set_tracer_provider(tracer_provider)
logger_provider = LoggerProvider(resource=resource)
logger_provider.add_log_record_processor(BatchLogRecordProcessor(OTLPLogExporter()))
set_logger_provider(logger_provider)

if name in ("openai-v2-events", "openai-v2-spans"):
    from opentelemetry.instrumentation.openai_v2 import OpenAIInstrumentor
    OpenAIInstrumentor().instrument(tracer_provider=tracer_provider, logger_provider=logger_provider)
elif name == "openinference-openai":
    from openinference.instrumentation.openai import OpenAIInstrumentor
    OpenAIInstrumentor().instrument(tracer_provider=tracer_provider)
elif name == "openinference-anthropic":
    from openinference.instrumentation.anthropic import AnthropicInstrumentor
    AnthropicInstrumentor().instrument(tracer_provider=tracer_provider)
elif name == "openllmetry-openai":
    from opentelemetry.instrumentation.openai import OpenAIInstrumentor
    OpenAIInstrumentor().instrument(tracer_provider=tracer_provider)
elif name == "openllmetry-anthropic":
    from opentelemetry.instrumentation.anthropic import AnthropicInstrumentor
    AnthropicInstrumentor().instrument(tracer_provider=tracer_provider)
else:
    sys.exit(f"unknown instrumentation {name!r}")

import anthropic  # noqa: E402
import openai  # noqa: E402

SYSTEM = "You are a terse release assistant."
OPENAI_MODEL = "gpt-4o-mini-2024-07-18"
CLAUDE_MODEL = "claude-sonnet-4-5-20250929"
CHAT_TOOL = {"type": "function", "function": {
    "name": "run_command", "description": "Runs a shell command.",
    "parameters": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]}}}
BASH_TOOL = {"name": "Bash", "description": "Runs a shell command.",
             "input_schema": {"type": "object", "properties": {"command": {"type": "string"},
                                                                "description": {"type": "string"}},
                              "required": ["command"]}}


def usage_dict(usage) -> dict | None:
    return json.loads(usage.model_dump_json()) if usage is not None else None


# --- OpenAI Chat Completions -------------------------------------------------------------------------

def chat_calls() -> list[dict]:
    client = openai.OpenAI(base_url=args.openai, api_key="sk-proj-instrumented", max_retries=0)
    calls = []

    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"Report on job-{args.tag}a."}]
    completion = client.chat.completions.create(model=OPENAI_MODEL, messages=messages, temperature=0.2)
    choice = completion.choices[0]
    calls.append({"case": "plain", "stream": False, "messages": messages, "id": completion.id,
                  "model": completion.model, "text": choice.message.content, "tool_calls": [],
                  "finish_reason": choice.finish_reason, "usage": usage_dict(completion.usage)})

    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"Report on job-{args.tag}b."}]
    call = {"case": "streamed", "stream": True, "messages": messages, "text": "", "tool_calls": [], "chunks": 0}
    for chunk in client.chat.completions.create(model=OPENAI_MODEL, messages=messages, stream=True,
                                                stream_options={"include_usage": True}):
        call["chunks"] += 1
        call["id"], call["model"] = chunk.id, chunk.model
        if chunk.usage is not None:
            call["usage"] = usage_dict(chunk.usage)
        for c in chunk.choices:
            call["text"] += c.delta.content or ""
            if c.finish_reason:
                call["finish_reason"] = c.finish_reason
    calls.append(call)

    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": f"Run the checks for job-{args.tag}c."}]
    completion = client.chat.completions.create(model=OPENAI_MODEL, messages=messages, tools=[CHAT_TOOL])
    choice = completion.choices[0]
    calls.append({"case": "tool", "stream": False, "messages": messages, "id": completion.id,
                  "model": completion.model, "text": choice.message.content,
                  "tool_calls": [{"id": c.id, "name": c.function.name, "arguments": json.loads(c.function.arguments)}
                                 for c in choice.message.tool_calls or []],
                  "finish_reason": choice.finish_reason, "usage": usage_dict(completion.usage)})
    return calls


# --- Anthropic Messages ------------------------------------------------------------------------------

def message_facts(message) -> dict:
    return {"id": message.id, "model": message.model, "finish_reason": message.stop_reason,
            "text": "".join(b.text for b in message.content if b.type == "text"),
            "tool_calls": [{"id": b.id, "name": b.name, "arguments": b.input} for b in message.content
                           if b.type == "tool_use"],
            "usage": usage_dict(message.usage)}


def anthropic_calls() -> list[dict]:
    client = anthropic.Anthropic(base_url=args.anthropic, api_key="sk-ant-instrumented", max_retries=0)
    calls = []

    messages = [{"role": "user", "content": f"Report on job-{args.tag}a."}]
    message = client.messages.create(model=CLAUDE_MODEL, max_tokens=256, system=SYSTEM, messages=messages)
    calls.append(dict(message_facts(message), case="plain", stream=False, messages=messages))

    messages = [{"role": "user", "content": f"Report on job-{args.tag}b."}]
    with client.messages.stream(model=CLAUDE_MODEL, max_tokens=256, system=SYSTEM, messages=messages) as stream:
        text = "".join(stream.text_stream)
        message = stream.get_final_message()
    calls.append(dict(message_facts(message), case="streamed", stream=True, messages=messages, streamed_text=text))

    messages = [{"role": "user", "content": f"Run the checks for job-{args.tag}c."}]
    message = client.messages.create(model=CLAUDE_MODEL, max_tokens=256, system=SYSTEM, messages=messages,
                                     tools=[BASH_TOOL])
    calls.append(dict(message_facts(message), case="tool", stream=False, messages=messages))
    return calls


app = tracer_provider.get_tracer("instrumented.app", "1.0.0")
with app.start_as_current_span("app.turn", attributes={"session.id": args.session}) as root:
    context = root.get_span_context()
    if name == "openinference-openai" or name == "openinference-anthropic":
        # OpenInference's own way to name a session: every span started inside carries session.id.
        from openinference.instrumentation import using_session
        with using_session(args.session):
            calls = anthropic_calls() if name.endswith("anthropic") else chat_calls()
    else:
        calls = anthropic_calls() if name.endswith("anthropic") else chat_calls()

tracer_provider.force_flush()
logger_provider.force_flush()
tracer_provider.shutdown()
logger_provider.shutdown()
result(instrumentation=name, session=args.session, tag=args.tag, calls=calls, spans=recorder.spans,
       root={"trace_id": format(context.trace_id, "032x"), "span_id": format(context.span_id, "016x")},
       versions={"openai": openai.__version__, "anthropic": anthropic.__version__})
