"""A scripted model server on loopback, for running the real Claude Code and Codex CLIs with no model.

Speaks Anthropic Messages (POST /v1/messages, streaming or not) and OpenAI Responses
(POST /v1/responses, streaming or not) well enough for both agents to run whole prompts.

The script: a prompt names a job, `job-<token>` (lower-case letters and digits). For each such
prompt the fake asks for TOOL_CALLS shell commands, one per model call, then answers with text:

    call 1 -> tool call: printf '%s:%s\\n' ran <token>-step1     (prints "ran:<token>-step1")
    call 2 -> tool call: printf '%s:%s\\n' ran <token>-step2
    call 3 -> text: "Done: job-<token> ran 2 steps."

It counts how far a prompt has got from the conversation the agent sends (the tool results after
the last user message that names the job), so it holds no state between calls and a resumed
session continues correctly. A request without tools (a side request) gets a short text answer.
`marker(token, k)` is what step k prints: the tests look for it in the tool results.

Every answer reports known usage, so token accounting can be checked to the token:
  Anthropic: input_tokens 25, cache_read_input_tokens 12000, cache_creation_input_tokens 800
             (no 5m/1h breakdown), output_tokens 40 (1 in message_start, 40 in message_delta);
  OpenAI:    input_tokens 9000 of which cached 8192, output_tokens 60 of which reasoning 20.
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
        self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def entry(self, body) -> dict:
        headers = {k: v for k, v in self.headers.items() if k.lower() not in SECRET_HEADERS}
        return {"time": time.time(), "method": self.command, "path": self.path, "headers": headers, "body": body,
                "api": None, "session": None, "answer": None}

    def do_GET(self):
        self.fake._record(self.entry(None))
        self.reply_json(200, {"object": "list", "data": []})

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
            else:
                self.reply_json(404, {"error": {"type": "not_found", "message": f"no route {path}"}})
        except (BrokenPipeError, ConnectionResetError):
            entry["gone"] = True  # the agent went away (killed) before the answer was sent
            self.close_connection = True
        finally:
            self.fake._record(entry)

    # Anthropic Messages ---------------------------------------------------------------------------
    def anthropic(self, req, entry):
        fake = self.fake
        entry["api"] = "anthropic"
        entry["session"] = next((v for k, v in self.headers.items() if k.lower() == "x-claude-code-session-id"), None)
        token, done = anthropic_progress(req.get("messages") or [])
        wants_tool = bool(req.get("tools")) and token is not None and done < fake.tool_calls
        mid, rid = fake.next_id("msg_"), fake.next_id("req_")
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
            else:
                self.sse("content_block_start", {"type": "content_block_start", "index": i, "content_block": {
                    "type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}})
                self.sse("content_block_delta", {"type": "content_block_delta", "index": i, "delta": {
                    "type": "input_json_delta", "partial_json": json.dumps(block["input"])}})
            self.sse("content_block_stop", {"type": "content_block_stop", "index": i})
        self.sse("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                   "usage": {"output_tokens": ANTHROPIC_OUTPUT}})
        self.sse("message_stop", {"type": "message_stop"})

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
            self.sse("response.output_item.done", {"type": "response.output_item.done",
                                                   "sequence_number": next(seq), "output_index": n, "item": item})
        self.sse("response.completed", {"type": "response.completed", "sequence_number": next(seq),
                                        "response": dict(base, status="completed", output=out, usage=OPENAI_USAGE)})


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
