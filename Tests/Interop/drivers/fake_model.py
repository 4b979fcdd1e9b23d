"""A scripted model server on loopback, for running the real Claude Code and Codex CLIs with no model.

Speaks Anthropic Messages (POST /v1/messages, streaming or not) and OpenAI Responses
(POST /v1/responses, streaming or not) well enough for both agents to run whole prompts, and
OpenAI Chat Completions (POST /v1/chat/completions, streaming with or without
`stream_options.include_usage`) and Embeddings (POST /v1/embeddings, float or base64) for the SDKs.

The script: a prompt names a job, `job-<token>` (lower-case letters and digits). For each such
prompt the fake asks for TOOL_CALLS shell commands, one per model call, then answers with text:

    call 1 -> tool call: printf '%s:%s\\n' ran <token>-step1     (prints "ran:<token>-step1")
    call 2 -> tool call: printf '%s:%s\\n' ran <token>-step2
    call 3 -> text: "Done: job-<token> ran 2 steps."

It counts how far a prompt has got from the conversation the agent sends (the tool results after
the last user message that names the job), so it holds no state between calls and a resumed
session continues correctly. A request without tools (a side request) gets a short text answer.
`marker(token, k)` is what step k prints: the tests look for it in the tool results.

A Chat Completions tool call names the first function tool offered, with arguments
{"command": <the step's command>}; tool results are the `tool` messages after the prompt.

Every answer reports known usage, so token accounting can be checked to the token:
  Anthropic: input_tokens 25, cache_read_input_tokens 12000, cache_creation_input_tokens 800
             (no 5m/1h breakdown), output_tokens 40 (1 in message_start, 40 in message_delta);
  OpenAI:    input_tokens 9000 of which cached 8192, output_tokens 60 of which reasoning 20
             (Chat: prompt_tokens 9000, cached 8192, completion_tokens 60, reasoning 20);
  Embeddings: prompt_tokens 7 per input, vectors of EMBEDDING_DIMENSIONS floats.
Ids are unique across server processes: msg_/toolu_/req_ (Anthropic), resp_/fc_/call_/msg_
(OpenAI), each a random per-process prefix and a counter.

Every request is kept (and appended to LOG as JSON Lines when given) with its path, headers
(credentials removed), body, the agent session it belongs to (Claude Code's
X-Claude-Code-Session-Id header; Codex's prompt_cache_key, which is its session id) and what the
fake answered. `delay` sleeps before every model answer; `hold_final()` makes final text answers
wait until `release()`, so a test can look at the agent's transcript while the agent still runs.
`fail_status` (e.g. 529) makes model calls fail with that HTTP status and the provider's error
body (Anthropic's `overloaded_error`, an OpenAI-style `server_error`): every call, or only the
first `fail_count`. The answer recorded for such a call has kind "error".

A client can ask for misbehaviour per request, with headers (they pass through a proxy):
  X-Fake-Fail-Status: 429|529|…   fail with that status and the provider's error body (429 is a
                                  `rate_limit_error` / `rate_limit_exceeded`);
  X-Fake-Fail-Times: N            … only the first N requests carrying the same X-Fake-Key;
  X-Fake-Retry-After: S           … with a `retry-after: S` header;
  X-Fake-Gzip: 1                  a whole JSON answer gzipped, when the client accepts gzip;
  X-Fake-Stream: MODE             for a streamed Anthropic or Responses answer:
      slow     the first text delta, then nothing until `POST /fake/release/<X-Fake-Key>` (or
               HOLD seconds): the client that releases it has seen the first chunk while the
               stream was still open; the entry says "released" (True) or timed out (False);
      drop     chunked encoding, the first text delta, then the connection is cut (no final
               chunk, no closing event); the entry says "dropped";
      trickle  the first text delta, then a ping every 0.1 s for up to HOLD seconds: the entry
               says "gone" once a write fails (the client, or the proxy for it, hung up).

Usable in-process (`FakeModel(...).start()`) or as a program:
    fake_model.py [--port 0] [--log FILE] [--delay SECONDS] [--tool-calls N]
                  [--fail-status STATUS [--fail-count N]]
which prints `fake model listening on http://127.0.0.1:PORT` and serves until killed.
"""

from __future__ import annotations

import argparse
import http.server
import itertools
import json
import re
import secrets
import socketserver
import sys
import threading
import time

SECRET_HEADERS = {"authorization", "x-api-key", "cookie", "proxy-authorization"}
JOB = re.compile(r"\bjob-([a-z0-9]+)\b")

ANTHROPIC_USAGE = {"input_tokens": 25, "cache_read_input_tokens": 12000, "cache_creation_input_tokens": 800}
ANTHROPIC_OUTPUT = 40
OPENAI_USAGE = {"input_tokens": 9000, "input_tokens_details": {"cached_tokens": 8192},
                "output_tokens": 60, "output_tokens_details": {"reasoning_tokens": 20}, "total_tokens": 9060}
CHAT_USAGE = {"prompt_tokens": 9000, "completion_tokens": 60, "total_tokens": 9060,
              "prompt_tokens_details": {"cached_tokens": 8192}, "completion_tokens_details": {"reasoning_tokens": 20}}
EMBEDDING_DIMENSIONS = 4
EMBEDDING_TOKENS = 7         # per input
HOLD = 10.0                  # seconds a slow or trickling stream waits at most


def marker(token: str, step: int) -> str:
    """What step `step` (1-based) of job `token` prints."""
    return f"ran:{token}-step{step}"


def command(token: str, step: int) -> str:
    """The shell command of step `step`: its output (the marker) is not a substring of it."""
    return f"printf '%s:%s\\n' ran {token}-step{step}"


def final_text(token: str, steps: int) -> str:
    return f"Done: job-{token} ran {steps} steps."


# --- reading the conversation ----------------------------------------------------------------------

def _texts(content) -> list[str]:
    """The text blocks of an Anthropic or OpenAI message content (not tool results)."""
    if isinstance(content, str):
        return [content]
    if not isinstance(content, list):
        return []
    return [b.get("text", "") for b in content
            if isinstance(b, dict) and b.get("type") in ("text", "input_text") and isinstance(b.get("text"), str)]


def _job_in(content) -> str | None:
    for text in _texts(content):
        found = JOB.findall(text)
        if found:
            return found[-1]
    return None


def anthropic_progress(messages: list) -> tuple[str | None, int]:
    """(job token of the last user prompt naming one, tool results since that prompt)."""
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if isinstance(message, dict) and message.get("role") == "user":
            token = _job_in(message.get("content"))
            if token:
                done = 0
                for later in messages[index + 1:]:
                    content = later.get("content") if isinstance(later, dict) else None
                    if later.get("role") == "user" and isinstance(content, list):
                        done += sum(1 for b in content if isinstance(b, dict) and b.get("type") == "tool_result")
                return token, done
    return None, 0


def chat_progress(messages: list) -> tuple[str | None, int]:
    """The same for Chat Completions `messages`: user messages, then `tool` messages."""
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if isinstance(message, dict) and message.get("role") == "user":
            token = _job_in(message.get("content"))
            if token:
                return token, sum(1 for later in messages[index + 1:]
                                  if isinstance(later, dict) and later.get("role") == "tool")
    return None, 0


def embedding(text: str, dimensions: int = EMBEDDING_DIMENSIONS) -> list[float]:
    """A fixed vector for a text (exact in float32, so base64 round-trips)."""
    return [float((len(text) + i) % 7) / 4 for i in range(dimensions)]


def openai_progress(items: list) -> tuple[str | None, int]:
    """The same for a Responses `input`: user message items, then function_call_output items."""
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if isinstance(item, dict) and item.get("role") == "user" and item.get("type", "message") == "message":
            token = _job_in(item.get("content"))
            if token:
                done = sum(1 for later in items[index + 1:]
                           if isinstance(later, dict) and later.get("type") == "function_call_output")
                return token, done
    return None, 0


# --- the server ------------------------------------------------------------------------------------

class FakeModel:
    """The fake, in-process: `start()` returns its base URL (no /v1)."""

    def __init__(self, tool_calls: int = 2, delay: float = 0.0, log_path: str | None = None,
                 hold_timeout: float = 170.0, host: str = "127.0.0.1", port: int = 0,
                 fail_status: int | None = None, fail_count: int | None = None):
        self.tool_calls = tool_calls
        self.delay = delay
        self.fail_status = fail_status
        self.fail_count = fail_count
        self._failed = 0
        self.hold_timeout = hold_timeout
        self.requests: list[dict] = []
        self.prefix = secrets.token_hex(4)
        self._counter = itertools.count(1)
        self._lock = threading.Lock()
        self._log = open(log_path, "a") if log_path else None
        self._gate: threading.Event | None = None
        self.held = threading.Event()  # set once a final answer is waiting at the gate
        self._key_failures: dict[str, int] = {}
        self._stream_gates: dict[str, threading.Event] = {}
        self._server = _Server((host, port), _Handler)
        self._server.fake = self
        self._thread: threading.Thread | None = None

    # lifecycle
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-model", daemon=True)
        self._thread.start()
        return self.url

    def stop(self):
        self.release()
        self._server.shutdown()
        self._server.server_close()
        if self._log:
            self._log.close()
            self._log = None

    # the gate
    def hold_final(self):
        """From now on, final text answers wait until `release()` (or hold_timeout)."""
        self.held.clear()
        self._gate = threading.Event()

    def release(self):
        gate, self._gate = self._gate, None
        if gate:
            gate.set()

    # what happened
    def next_id(self, prefix: str) -> str:
        return f"{prefix}{self.prefix}{next(self._counter):05d}"

    def answered(self, api: str | None = None, session: str | None = None) -> list[dict]:
        """The model calls answered, in order; `api` is "anthropic" or "openai"."""
        with self._lock:
            return [r for r in self.requests if r.get("answer")
                    and (api is None or r["api"] == api) and (session is None or r["session"] == session)]

    def _record(self, entry: dict):
        with self._lock:
            self.requests.append(entry)
            if self._log:
                self._log.write(json.dumps(entry) + "\n")
                self._log.flush()

    def should_fail(self) -> bool:
        """Whether this model call fails (see `fail_status`); counts the failures."""
        with self._lock:
            if not self.fail_status or (self.fail_count is not None and self._failed >= self.fail_count):
                return False
            self._failed += 1
            return True

    def key_should_fail(self, key: str, times: int | None) -> bool:
        """Whether this request of key `key` is still among the first `times` (all when None)."""
        with self._lock:
            done = self._key_failures.get(key, 0)
            if times is not None and done >= times:
                return False
            self._key_failures[key] = done + 1
            return True

    def stream_gate(self, key: str) -> threading.Event:
        with self._lock:
            return self._stream_gates.setdefault(key, threading.Event())

    def _wait(self, final: bool):
        if self.delay:
            time.sleep(self.delay)
        gate = self._gate
        if final and gate is not None:
            self.held.set()
            gate.wait(self.hold_timeout)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeModel


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *args):
        pass

    @property
    def fake(self) -> FakeModel:
        return self.server.fake

    # plumbing
    def reply_json(self, status, obj, headers=()):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        if self.header("x-fake-gzip") and "gzip" in (self.header("accept-encoding") or ""):
            import gzip
            body = gzip.compress(body)
            self.send_header("content-encoding", "gzip")
        self.send_header("content-length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def start_sse(self, headers=()):
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("connection", "close")
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.close_connection = True

    def sse(self, event, data):
        self.write_raw(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())

    def sse_data(self, data):
        """A data-only event (Chat Completions); `data` a dict, or the text [DONE]."""
        self.write_raw(f"data: {data if isinstance(data, str) else json.dumps(data)}\n\n".encode())

    def write_raw(self, payload: bytes):
        if getattr(self, "chunked", False):
            payload = f"{len(payload):x}\r\n".encode() + payload + b"\r\n"
        self.wfile.write(payload)
        self.wfile.flush()

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)

    def scripted_failure(self, entry, api: str, req) -> bool:
        """Answers with X-Fake-Fail-Status when the request asks for it (see the module doc)."""
        status = self.header("x-fake-fail-status")
        if not status:
            return False
        times = self.header("x-fake-fail-times")
        if not self.fake.key_should_fail(self.header("x-fake-key") or "", int(times) if times else None):
            return False
        status = int(status)
        retry_after = self.header("x-fake-retry-after")
        headers = [("retry-after", retry_after)] if retry_after else []
        if api == "anthropic":
            rid = self.fake.next_id("req_")
            kind = "rate_limit_error" if status == 429 else "overloaded_error" if status == 529 else "api_error"
            message = {"rate_limit_error": "Number of request tokens has exceeded your per-minute rate limit",
                       "overloaded_error": "Overloaded"}.get(kind, "Internal server error")
            error = {"type": kind, "message": message}
            body = {"type": "error", "error": error, "request_id": rid}
            headers.append(("request-id", rid))
        else:
            code = "rate_limit_exceeded" if status == 429 else "server_overloaded"
            error = {"message": "Rate limit reached for requests" if status == 429
                     else "The server is overloaded, please try again later.",
                     "type": "requests" if status == 429 else "server_error", "param": None, "code": code}
            body = {"error": error}
            rid = self.fake.next_id("req_")
            headers.append(("x-request-id", rid))
        entry["answer"] = {"kind": "error", "status": status, "request_id": rid, "error": error, "model": req.get("model"),
                           "retry_after": retry_after, "body": body, "stream": bool(req.get("stream"))}
        self.reply_json(status, body, headers)
        return True

    def misbehave(self, entry, first_events, ping):
        """After `first_events` (already written): X-Fake-Stream's slow, drop or trickle.
        Returns True when the stream must end here (dropped, or the client is gone)."""
        mode = self.header("x-fake-stream")
        entry["stream_mode"] = mode
        if mode == "slow":
            gate = self.fake.stream_gate(self.header("x-fake-key") or "")
            entry["released"] = gate.wait(HOLD)
            return False
        if mode == "drop":
            entry["dropped"] = True
            self.close_connection = True
            try:
                self.wfile.flush()
                self.connection.shutdown(2)   # SHUT_RDWR: no final chunk, no closing event
            except OSError:
                pass
            return True
        if mode == "trickle":
            deadline = time.monotonic() + HOLD
            entry["gone"] = False
            try:
                while time.monotonic() < deadline:
                    time.sleep(0.1)
                    ping()
            except (BrokenPipeError, ConnectionResetError):
                entry["gone"] = True
                self.close_connection = True
                return True
        return False

    def entry(self, body) -> dict:
        headers = {k: v for k, v in self.headers.items() if k.lower() not in SECRET_HEADERS}
        return {"time": time.time(), "method": self.command, "path": self.path, "headers": headers, "body": body,
                "api": None, "session": None, "answer": None}

    def do_GET(self):
        self.fake._record(self.entry(None))
        self.reply_json(200, {"object": "list", "data": []})

    def start_chunked_sse(self, headers=()):
        """An event stream in chunked encoding (so that a cut before the final chunk is an error)."""
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        self.chunked = True

    def end_chunked(self):
        if getattr(self, "chunked", False):
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            self.chunked = False

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("content-length", 0) or 0))
        try:
            req = json.loads(raw) if raw else {}
        except ValueError:
            req = {}
        entry = self.entry(req)
        path = self.path.split("?")[0]
        try:
            if path.endswith("/messages/count_tokens"):
                entry["api"] = "anthropic"
                self.reply_json(200, {"input_tokens": 1000})
            elif path.endswith("/messages"):
                self.anthropic(req, entry)
            elif path.endswith("/responses"):
                self.openai(req, entry)
            elif path.endswith("/chat/completions"):
                self.chat(req, entry)
            elif path.endswith("/embeddings"):
                self.embeddings(req, entry)
            elif path.startswith("/fake/release/"):
                self.fake.stream_gate(path[len("/fake/release/"):]).set()
                self.reply_json(200, {"released": True})
            else:
                self.reply_json(404, {"error": {"type": "not_found", "message": f"no route {path}"}})
        except (BrokenPipeError, ConnectionResetError):
            entry["gone"] = True  # the agent went away (killed) before the answer was sent
            self.close_connection = True
        finally:
            if not path.startswith("/fake/"):
                self.fake._record(entry)

    # Anthropic Messages ---------------------------------------------------------------------------
    def anthropic(self, req, entry):
        fake = self.fake
        entry["api"] = "anthropic"
        entry["session"] = next((v for k, v in self.headers.items() if k.lower() == "x-claude-code-session-id"), None)
        token, done = anthropic_progress(req.get("messages") or [])
        wants_tool = bool(req.get("tools")) and token is not None and done < fake.tool_calls
        mid, rid = fake.next_id("msg_"), fake.next_id("req_")
        if self.scripted_failure(entry, "anthropic", req):
            return
        if fake.should_fail():
            error = {"type": "overloaded_error", "message": "Overloaded"}
            entry["answer"] = {"kind": "error", "status": fake.fail_status, "request_id": rid, "error": error,
                               "model": req.get("model"), "job": token, "step": done + 1,
                               "stream": bool(req.get("stream"))}
            return self.reply_json(fake.fail_status, {"type": "error", "error": error, "request_id": rid},
                                   [("request-id", rid)])
        answer = {"id": mid, "request_id": rid, "model": req.get("model"), "job": token, "step": done + 1,
                  "stream": bool(req.get("stream"))}
        if wants_tool:
            tool_id = fake.next_id("toolu_")
            blocks = [{"type": "text", "text": f"Step {done + 1} of job-{token}."},
                      {"type": "tool_use", "id": tool_id, "name": "Bash",
                       "input": {"command": command(token, done + 1), "description": f"Run step {done + 1}"}}]
            stop = "tool_use"
            answer.update(kind="tool", tool_call_id=tool_id, command=command(token, done + 1),
                          marker=marker(token, done + 1))
        else:
            text = final_text(token, done) if token else "OK."
            blocks = [{"type": "text", "text": text}]
            stop = "end_turn"
            answer.update(kind="text", text=text)
        fake._wait(final=not wants_tool and token is not None)
        entry["answer"] = answer
        usage = dict(ANTHROPIC_USAGE, output_tokens=1)
        headers = [("request-id", rid)]
        if not req.get("stream"):
            usage["output_tokens"] = ANTHROPIC_OUTPUT
            return self.reply_json(200, {"id": mid, "type": "message", "role": "assistant", "model": req.get("model"),
                                         "content": blocks, "stop_reason": stop, "stop_sequence": None,
                                         "usage": usage}, headers)
        mode = self.header("x-fake-stream")
        if mode == "drop":
            self.start_chunked_sse(headers)
        else:
            self.start_sse(headers)
        self.sse("message_start", {"type": "message_start", "message": {
            "id": mid, "type": "message", "role": "assistant", "model": req.get("model"), "content": [],
            "stop_reason": None, "stop_sequence": None, "usage": usage}})
        for i, block in enumerate(blocks):
            if block["type"] == "text":
                self.sse("content_block_start", {"type": "content_block_start", "index": i,
                                                 "content_block": {"type": "text", "text": ""}})
                self.sse("content_block_delta", {"type": "content_block_delta", "index": i,
                                                 "delta": {"type": "text_delta", "text": block["text"]}})
                if i == 0 and mode and self.misbehave(entry, i, lambda: self.sse("ping", {"type": "ping"})):
                    return
            else:
                self.sse("content_block_start", {"type": "content_block_start", "index": i, "content_block": {
                    "type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}})
                self.sse("content_block_delta", {"type": "content_block_delta", "index": i, "delta": {
                    "type": "input_json_delta", "partial_json": json.dumps(block["input"])}})
            self.sse("content_block_stop", {"type": "content_block_stop", "index": i})
        self.sse("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                   "usage": {"output_tokens": ANTHROPIC_OUTPUT}})
        self.sse("message_stop", {"type": "message_stop"})
        self.end_chunked()

    # OpenAI Responses -----------------------------------------------------------------------------
    def openai(self, req, entry):
        fake = self.fake
        entry["api"] = "openai"
        entry["session"] = req.get("prompt_cache_key") or next(
            (v for k, v in self.headers.items() if k.lower() in ("session_id", "session-id", "conversation_id")), None)
        items = req.get("input") if isinstance(req.get("input"), list) else []
        token, done = openai_progress(items)
        wants_tool = bool(req.get("tools")) and token is not None and done < fake.tool_calls
        rid = fake.next_id("resp_")
        if self.scripted_failure(entry, "openai", req):
            return
        if fake.should_fail():
            error = {"message": "The server is overloaded, please try again later.", "type": "server_error",
                     "param": None, "code": "server_overloaded"}
            entry["answer"] = {"kind": "error", "status": fake.fail_status, "error": error, "model": req.get("model"),
                               "job": token, "step": done + 1, "stream": bool(req.get("stream"))}
            return self.reply_json(fake.fail_status, {"error": error})
        answer = {"id": rid, "model": req.get("model"), "job": token, "step": done + 1,
                  "stream": bool(req.get("stream"))}
        if wants_tool:
            # Codex 0.16x offers `exec_command` (a string command); older builds `shell` (argv).
            names = [t.get("name") for t in req.get("tools", []) if isinstance(t, dict) and t.get("type") == "function"]
            cmd = command(token, done + 1)
            if "exec_command" in names:
                name, args = "exec_command", json.dumps({"cmd": cmd})
            else:
                name, args = "shell", json.dumps({"command": ["bash", "-lc", cmd]})
            call_id = fake.next_id("call_")
            out = [{"id": fake.next_id("fc_"), "type": "function_call", "status": "completed", "call_id": call_id,
                    "name": name, "arguments": args}]
            answer.update(kind="tool", tool_call_id=call_id, tool=name, command=cmd, marker=marker(token, done + 1))
        else:
            text = final_text(token, done) if token else "OK."
            out = [{"id": fake.next_id("msg_"), "type": "message", "role": "assistant", "status": "completed",
                    "content": [{"type": "output_text", "text": text, "annotations": []}]}]
            answer.update(kind="text", text=text)
        fake._wait(final=not wants_tool and token is not None)
        entry["answer"] = answer
        base = {"id": rid, "object": "response", "created_at": int(time.time()), "model": req.get("model"),
                "output": []}
        if not req.get("stream"):
            return self.reply_json(200, dict(base, status="completed", output=out, usage=OPENAI_USAGE))
        if self.header("x-fake-stream") == "drop":
            self.start_chunked_sse()
        else:
            self.start_sse()
        seq = itertools.count()
        self.sse("response.created", {"type": "response.created", "sequence_number": next(seq),
                                      "response": dict(base, status="in_progress")})
        for n, item in enumerate(out):
            self.sse("response.output_item.added", {"type": "response.output_item.added",
                                                    "sequence_number": next(seq), "output_index": n, "item": item})
            if item["type"] == "message":
                self.sse("response.output_text.delta", {
                    "type": "response.output_text.delta", "sequence_number": next(seq), "output_index": n,
                    "item_id": item["id"], "content_index": 0, "delta": item["content"][0]["text"]})
                if self.header("x-fake-stream") and self.misbehave(entry, n, lambda: self.write_raw(b": ping\n\n")):
                    return
            self.sse("response.output_item.done", {"type": "response.output_item.done",
                                                   "sequence_number": next(seq), "output_index": n, "item": item})
        self.sse("response.completed", {"type": "response.completed", "sequence_number": next(seq),
                                        "response": dict(base, status="completed", output=out, usage=OPENAI_USAGE)})
        self.end_chunked()

    # OpenAI Chat Completions ----------------------------------------------------------------------
    def chat(self, req, entry):
        fake = self.fake
        entry["api"] = "chat"
        entry["session"] = req.get("prompt_cache_key") or req.get("user")
        token, done = chat_progress(req.get("messages") or [])
        functions = [t["function"]["name"] for t in req.get("tools") or []
                     if isinstance(t, dict) and t.get("type") == "function" and isinstance(t.get("function"), dict)]
        wants_tool = bool(functions) and token is not None and done < fake.tool_calls
        cid = fake.next_id("chatcmpl-")
        if self.scripted_failure(entry, "openai", req):
            return
        answer = {"id": cid, "model": req.get("model"), "job": token, "step": done + 1,
                  "stream": bool(req.get("stream"))}
        message = {"role": "assistant", "content": None}
        if wants_tool:
            call_id = fake.next_id("call_")
            cmd = command(token, done + 1)
            arguments = json.dumps({"command": cmd})
            message["tool_calls"] = [{"id": call_id, "type": "function",
                                      "function": {"name": functions[0], "arguments": arguments}}]
            finish = "tool_calls"
            answer.update(kind="tool", tool_call_id=call_id, tool=functions[0], arguments=arguments, command=cmd,
                          marker=marker(token, done + 1))
        else:
            text = final_text(token, done) if token else "OK."
            message["content"] = text
            finish = "stop"
            answer.update(kind="text", text=text)
        answer["finish_reason"] = finish
        fake._wait(final=False)
        entry["answer"] = answer
        base = {"id": cid, "created": int(time.time()), "model": req.get("model"),
                "system_fingerprint": "fp_fake"}
        if not req.get("stream"):
            return self.reply_json(200, dict(base, object="chat.completion", usage=CHAT_USAGE, choices=[
                {"index": 0, "message": message, "logprobs": None, "finish_reason": finish}]))
        include_usage = bool((req.get("stream_options") or {}).get("include_usage"))
        self.start_sse()
        chunk = dict(base, object="chat.completion.chunk")
        if include_usage:
            chunk["usage"] = None

        def send(delta, finish_reason=None):
            self.sse_data(dict(chunk, choices=[{"index": 0, "delta": delta, "logprobs": None,
                                                "finish_reason": finish_reason}]))

        send({"role": "assistant", "content": "" if not wants_tool else None, "refusal": None})
        if wants_tool:
            call = message["tool_calls"][0]
            send({"tool_calls": [{"index": 0, "id": call["id"], "type": "function",
                                  "function": {"name": call["function"]["name"], "arguments": ""}}]})
            arguments = call["function"]["arguments"]
            half = len(arguments) // 2
            for piece in (arguments[:half], arguments[half:]):
                send({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]})
        else:
            text = message["content"]
            for piece in (text[:5], text[5:]):
                send({"content": piece})
        send({}, finish)
        if include_usage:
            self.sse_data(dict(chunk, choices=[], usage=CHAT_USAGE))
        self.sse_data("[DONE]")

    # OpenAI Embeddings ----------------------------------------------------------------------------
    def embeddings(self, req, entry):
        import base64
        import struct
        entry["api"] = "embeddings"
        entry["session"] = req.get("user")
        if self.scripted_failure(entry, "openai", req):
            return
        raw = req.get("input")
        inputs = [raw] if isinstance(raw, str) or (isinstance(raw, list) and raw and isinstance(raw[0], int)) \
            else list(raw or [])
        dimensions = int(req.get("dimensions") or EMBEDDING_DIMENSIONS)
        data = []
        for index, item in enumerate(inputs):
            vector = embedding(item if isinstance(item, str) else json.dumps(item), dimensions)
            if req.get("encoding_format") == "base64":
                value = base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
            else:
                value = vector
            data.append({"object": "embedding", "index": index, "embedding": value})
        usage = {"prompt_tokens": EMBEDDING_TOKENS * len(inputs), "total_tokens": EMBEDDING_TOKENS * len(inputs)}
        entry["answer"] = {"kind": "embedding", "model": req.get("model"), "count": len(inputs),
                           "dimensions": dimensions, "encoding_format": req.get("encoding_format"), "usage": usage}
        self.reply_json(200, {"object": "list", "data": data, "model": req.get("model"), "usage": usage})


def main(argv=None):
    parser = argparse.ArgumentParser(description="A scripted Anthropic Messages / OpenAI Responses server.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", help="append every request, with the answer, to this JSON Lines file")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before every model answer")
    parser.add_argument("--tool-calls", type=int, default=2, help="shell commands per prompt before the answer")
    parser.add_argument("--fail-status", type=int, default=None,
                        help="answer model calls with this HTTP status and an error body (e.g. 529)")
    parser.add_argument("--fail-count", type=int, default=None, help="fail only the first N model calls")
    args = parser.parse_args(argv)
    fake = FakeModel(tool_calls=args.tool_calls, delay=args.delay, log_path=args.log, port=args.port,
                     fail_status=args.fail_status, fail_count=args.fail_count)
    print(f"fake model listening on {fake.url}", flush=True)
    try:
        fake._server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
