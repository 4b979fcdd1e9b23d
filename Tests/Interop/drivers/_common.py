"""Shared by the drivers. A driver runs in one client's venv with the collector's address in the
environment (LANGFUSE_HOST, LANGFUSE_BASE_URL, OTEL_EXPORTER_OTLP_ENDPOINT, test keys), sends its
traffic, flushes, and prints one line `RESULT {json}` with the facts the test needs (ids the
client generated, figures it computed) and the warnings the client logged while talking to the
collector."""

import gc
import json
import logging
import sys


class _Collect(logging.Handler):
    def __init__(self, only_containing=None):
        super().__init__(logging.WARNING)
        self.only_containing = only_containing
        self.messages = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a client's bad format string must not hide the record
            message = str(record.msg)
        if self.only_containing and not any(s in message.lower() for s in self.only_containing):
            return
        if record.exc_info:
            import traceback
            message += "\n" + "".join(traceback.format_exception(*record.exc_info))[-3000:]
        self.messages.append(f"{record.name} {record.levelname}: {message[:5000]}")


_handlers = []


def watch_client_logs(*names, only_containing=None):
    """Collects WARNING and above from these loggers (the SDKs log failed exports there)."""
    handler = _Collect(only_containing)
    _handlers.append(handler)
    for name in names:
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        if logger.level == logging.NOTSET or logger.level > logging.WARNING:
            logger.setLevel(logging.WARNING)


def result(**facts):
    facts["client_warnings"] = [m for h in _handlers for m in h.messages]
    print("RESULT " + json.dumps(facts, default=str), flush=True)


def flush_litellm():
    """Waits for litellm's background logging, then flushes every Langfuse client and OTel tracer
    provider it made: litellm has no public flush for its callbacks."""
    try:
        from litellm.litellm_core_utils.thread_pool_executor import executor
        executor.shutdown(wait=True)
    except Exception as error:  # older layouts
        print(f"litellm executor: {error}", file=sys.stderr)
    flushed = 0
    for obj in gc.get_objects():
        try:
            cls = type(obj)
        except Exception:
            continue
        name = cls.__name__
        try:
            if name == "LangFuseLogger":
                if hasattr(obj, "flush"):
                    obj.flush()  # litellm >= 1.104
                elif getattr(obj, "Langfuse", None) is not None:
                    obj.Langfuse.flush()  # litellm <= 1.103 (SDK 2 client)
                flushed += 1
            elif name == "Langfuse" and cls.__module__.startswith("langfuse") and hasattr(obj, "flush"):
                obj.flush()
                flushed += 1
            elif name == "TracerProvider" and hasattr(obj, "force_flush"):
                obj.force_flush()
                flushed += 1
        except Exception as error:
            print(f"flush {name}: {error}", file=sys.stderr)
    return flushed


def openai_tool_conversation():
    """A chat in OpenAI's shape with a tool call and its result, as litellm and most SDK users send it."""
    return [
        {"role": "system", "content": "You are a weather bot."},
        {"role": "user", "content": "What is the weather in Paris?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_w1", "type": "function",
             "function": {"name": "get_weather", "arguments": json.dumps({"city": "Paris", "unit": "C"})}}]},
        {"role": "tool", "tool_call_id": "call_w1", "content": "18C, cloudy"},
    ]
