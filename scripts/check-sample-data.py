#!/usr/bin/env python3
"""Checks Turnscope's demo data (sample-data/*.jsonl) against the native format and the demo's promises.

Two layers of checks:

1. Format: every line is one JSON object that `turnscope import` accepts, checked field by field as
   docs/native-format.md specifies (required fields, types, known enums, ISO-8601 timestamps with a
   zone, message parts, usage counters, cost).
2. Consistency: what a realistic client would send. Observations point at an existing trace and
   parent; tool results answer tool calls made earlier in the same session; an agent's history really
   grows turn over turn (each prompt starts with the previous prompt and reply); tool spans match the
   calls they ran; timestamps are ordered; the data set covers what the demo needs (a 42+ turn coding
   session, an error, hostile text, an unpriced model, traces without a session, three days, …).

It also regenerates the data into a temporary directory and checks the bytes are identical
(skip with --no-regenerate).

    python3 scripts/check-sample-data.py                 # checks sample-data/*.jsonl
    python3 scripts/check-sample-data.py FILE.jsonl ...  # checks the given files

Problems are printed as FILE:LINE: reason, like `turnscope import`. Exit code 1 when any check fails.
Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"generation", "span", "tool", "event", "agent", "retriever", "embedding", "chain", "guardrail", "evaluator"}
LEVELS = {"DEBUG", "DEFAULT", "WARNING", "ERROR"}
PART_TYPES = {"text", "image", "tool_call", "tool_result", "reasoning", "other"}
USAGE_COUNTERS = ("input", "output", "cacheRead", "cacheWrite5m", "cacheWrite1h", "reasoning", "total")
TIMESTAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})$")
FIRST_DAY, LAST_DAY = "2026-11-20", "2026-11-22"
MAX_BYTES = 3 * 1024 * 1024
UNPRICED_MODEL = "my-local-llama"


class Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, where: str, reason: str) -> None:
        self.items.append(f"{where}: {reason}")


# --------------------------------------------------------------------------------------------------
# Layer 1: the format, field by field (mirrors Sources/TurnscopeIngest/Native and the model's readers)
# --------------------------------------------------------------------------------------------------

class FieldError(Exception):
    pass


def parse_timestamp(text) -> datetime:
    if not isinstance(text, str):
        raise FieldError(f"expected a string, got {type(text).__name__}")
    match = TIMESTAMP.match(text)
    if not match:
        raise FieldError(f"not an ISO-8601 timestamp with a time zone: {text[:40]}")
    month, day, hour, minute = (int(match.group(i)) for i in (2, 3, 4, 5))
    second = int(match.group(6) or 0)
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 61):
        raise FieldError(f"timestamp out of range: {text}")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise FieldError(f"not a real date: {text} ({error})") from None


def is_int(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer())


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Reader:
    """Typed access to one JSON object, naming the path of anything wrong."""

    def __init__(self, obj, path: str = "") -> None:
        if not isinstance(obj, dict):
            raise FieldError(f"{path or 'line'}: expected an object, got {type(obj).__name__}")
        self.obj, self.path = obj, path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def value(self, key: str):
        value = self.obj.get(key)
        return None if value is None else value

    def string(self, key: str, required: bool = False):
        value = self.value(key)
        if value is None:
            if required:
                raise FieldError(f"{self.at(key)}: is required")
            return None
        if not isinstance(value, str):
            raise FieldError(f"{self.at(key)}: expected a string, got {type(value).__name__}")
        if required and not value:
            raise FieldError(f"{self.at(key)}: must not be empty")
        return value

    def timestamp(self, key: str):
        value = self.value(key)
        if value is None:
            return None
        try:
            return parse_timestamp(value)
        except FieldError as error:
            raise FieldError(f"{self.at(key)}: {error}") from None

    def typed(self, key: str, kind, name: str):
        value = self.value(key)
        if value is not None and not isinstance(value, kind):
            raise FieldError(f"{self.at(key)}: expected {name}, got {type(value).__name__}")
        return value


def check_messages(value, path: str) -> None:
    if not isinstance(value, list):
        raise FieldError(f"{path}: expected an array of messages, got {type(value).__name__}")
    for index, msg in enumerate(value):
        reader = Reader(msg, f"{path}[{index}]")
        reader.string("role", required=True)
        reader.string("name")
        parts = reader.typed("parts", list, "an array")
        if parts is None:
            raise FieldError(f"{reader.at('parts')}: is required")
        for part_index, part in enumerate(parts):
            check_part(part, f"{reader.at('parts')}[{part_index}]")


def check_part(part, path: str) -> None:
    reader = Reader(part, path)
    kind = reader.string("type", required=True)
    if kind not in PART_TYPES:
        raise FieldError(f"{reader.at('type')}: unknown part type \"{kind}\"")
    if kind == "text":
        if reader.string("text") is None:
            raise FieldError(f"{reader.at('text')}: a text part should carry text")
    elif kind == "image":
        reader.string("url", required=True)
        reader.string("mediaType")
    elif kind == "tool_call":
        reader.string("id")
        reader.string("name", required=True)
    elif kind == "tool_result":
        reader.string("callId")
        if reader.string("content") is None:
            raise FieldError(f"{reader.at('content')}: a tool result should carry content (a string)")
        reader.typed("isError", bool, "a boolean")
    elif kind == "reasoning":
        reader.string("text")
        reader.string("signature")


def check_payload(reader: Reader, key: str) -> None:
    if reader.value(key + "Messages") is not None:
        check_messages(reader.value(key + "Messages"), reader.at(key + "Messages"))
        if reader.value(key) is not None:
            raise FieldError(f"{reader.at(key)}: both {key} and {key}Messages are set; {key}Messages wins and "
                             f"{key} is ignored")


def check_usage(value, path: str) -> None:
    reader = Reader(value, path)
    for key in USAGE_COUNTERS:
        counter = reader.value(key)
        if counter is None:
            continue
        if not is_int(counter):
            raise FieldError(f"{reader.at(key)}: expected an integer, got {counter!r}")
        if counter < 0:
            raise FieldError(f"{reader.at(key)}: must not be negative")
    other = reader.typed("other", dict, "an object")
    for key, counter in (other or {}).items():
        if counter is not None and not is_int(counter):
            raise FieldError(f"{path}.other.{key}: expected an integer")
    known = set(USAGE_COUNTERS) | {"other"}
    unknown = sorted(set(value) - known)
    if unknown:
        raise FieldError(f"{path}: unknown counters {unknown} would be ignored; put them in usage.other")


def check_cost(value, path: str) -> None:
    reader = Reader(value, path)
    total = reader.value("total")
    if total is not None and (not is_number(total) or total < 0):
        raise FieldError(f"{reader.at('total')}: must be a non-negative number")
    parts = reader.typed("parts", dict, "an object")
    for key, amount in (parts or {}).items():
        if amount is not None and (not is_number(amount) or amount < 0):
            raise FieldError(f"{path}.parts.{key}: must be a non-negative number")


def check_record(record) -> None:
    """Raises FieldError when `turnscope import` would refuse the line (or silently drop a field)."""
    reader = Reader(record)
    kind = reader.string("type", required=True)
    if kind not in ("trace", "observation", "score"):
        raise FieldError(f"type: unknown record type \"{kind}\" (trace, observation, score)")
    reader.string("id", required=True)
    if kind == "trace":
        for key in ("name", "userId", "sessionId", "release", "version", "environment"):
            reader.string(key)
        for key in ("timestamp", "eventTime"):
            reader.timestamp(key)
        tags = reader.typed("tags", list, "an array")
        for index, tag in enumerate(tags or []):
            if not isinstance(tag, str):
                raise FieldError(f"tags[{index}]: expected a string")
        reader.typed("public", bool, "a boolean")
        check_payload(reader, "input")
        check_payload(reader, "output")
    elif kind == "observation":
        observation_kind = reader.string("kind")
        if observation_kind is not None and observation_kind not in KINDS:
            raise FieldError(f"kind: unknown kind \"{observation_kind}\"")
        for key in ("traceId", "parentId", "name", "model", "statusMessage", "version", "environment"):
            reader.string(key)
        for key in ("startTime", "endTime", "completionStartTime", "eventTime"):
            reader.timestamp(key)
        reader.typed("modelParameters", dict, "an object")
        check_payload(reader, "input")
        check_payload(reader, "output")
        if reader.value("usage") is not None:
            check_usage(reader.value("usage"), "usage")
        if reader.value("cost") is not None:
            check_cost(reader.value("cost"), "cost")
        level = reader.string("level")
        if level is not None and level not in LEVELS:
            raise FieldError(f"level: must be DEBUG, DEFAULT, WARNING or ERROR, got \"{level}\"")
    else:
        reader.string("name", required=True)
        value = record.get("value")
        if value is None:
            raise FieldError("value: is required")
        if not isinstance(value, (str, int, float, bool)):
            raise FieldError(f"value: expected a number or a string, got {type(value).__name__}")
        for key in ("dataType", "traceId", "observationId", "sessionId", "comment", "source", "environment"):
            reader.string(key)
        reader.timestamp("timestamp")


# --------------------------------------------------------------------------------------------------
# Layer 2: consistency of the data set as a whole
# --------------------------------------------------------------------------------------------------

def when(record: dict, key: str) -> datetime | None:
    return parse_timestamp(record[key]) if key in record else None


def calls_in(messages: list) -> list[dict]:
    return [p for m in messages for p in m["parts"] if p["type"] == "tool_call"]


def results_in(messages: list) -> list[dict]:
    return [p for m in messages for p in m["parts"] if p["type"] == "tool_result"]


def prompt_tokens(usage: dict) -> int:
    return sum(usage.get(k, 0) for k in ("input", "cacheRead", "cacheWrite5m", "cacheWrite1h"))


def check_data_set(records: list[tuple[str, dict]], problems: Problems) -> dict:
    traces: dict[str, tuple[str, dict]] = {}
    observations: dict[str, tuple[str, dict]] = {}
    scores: list[tuple[str, dict]] = []
    for where, record in records:
        table = {"trace": traces, "observation": observations}.get(record["type"])
        if table is None:
            scores.append((where, record))
            continue
        if record["id"] in table:
            problems.add(where, f"{record['type']} id {record['id']} already used at {table[record['id']][0]} "
                                f"(the demo has no merge updates)")
        table[record["id"]] = (where, record)

    # Traces.
    sessions: dict[str, list[str]] = defaultdict(list)
    for trace_id, (where, trace) in traces.items():
        if "timestamp" not in trace:
            problems.add(where, "trace has no timestamp")
            continue
        day = trace["timestamp"][:10]
        if not FIRST_DAY <= day <= LAST_DAY:
            problems.add(where, f"trace timestamp {trace['timestamp']} outside {FIRST_DAY}..{LAST_DAY}")
        if "sessionId" in trace:
            sessions[trace["sessionId"]].append(trace_id)

    # Observations: trace, parent, times.
    by_trace: dict[str, list[dict]] = defaultdict(list)
    for obs_id, (where, obs) in observations.items():
        for key in ("traceId", "kind", "startTime", "name"):
            if key not in obs:
                problems.add(where, f"observation {obs_id} has no {key}")
        trace_id = obs.get("traceId")
        if trace_id not in traces:
            problems.add(where, f"observation {obs_id} points at unknown trace {trace_id}")
            continue
        by_trace[trace_id].append(obs)
        start, end = when(obs, "startTime"), when(obs, "endTime")
        trace_start = when(traces[trace_id][1], "timestamp")
        if start and trace_start and start < trace_start:
            problems.add(where, f"observation {obs_id} starts before its trace")
        if start and end and end < start:
            problems.add(where, f"observation {obs_id} ends before it starts")
        first_token = when(obs, "completionStartTime")
        if first_token and (first_token < start or (end and first_token > end)):
            problems.add(where, f"observation {obs_id}: completionStartTime outside startTime..endTime")
        parent_id = obs.get("parentId")
        if parent_id is not None:
            parent = observations.get(parent_id)
            if parent is None:
                problems.add(where, f"observation {obs_id} has unknown parent {parent_id}")
            elif parent[1].get("traceId") != trace_id:
                problems.add(where, f"observation {obs_id}: parent {parent_id} is in another trace")
            elif when(parent[1], "startTime") and start and start < when(parent[1], "startTime"):
                problems.add(where, f"observation {obs_id} starts before its parent {parent_id}")
        if obs.get("kind") == "generation":
            if "model" not in obs:
                problems.add(where, f"generation {obs_id} has no model")
            if obs.get("level") == "ERROR":
                if not obs.get("statusMessage"):
                    problems.add(where, f"failed generation {obs_id} has no statusMessage")
                if "outputMessages" in obs or "output" in obs:
                    problems.add(where, f"failed generation {obs_id} has an output")
            elif "outputMessages" not in obs:
                problems.add(where, f"generation {obs_id} has no outputMessages")
            usage = obs.get("usage") or {}
            if usage.get("reasoning", 0) > usage.get("output", 0):
                problems.add(where, f"generation {obs_id}: reasoning tokens exceed output tokens")
            if "total" in usage and usage["total"] != prompt_tokens(usage) + usage.get("output", 0):
                problems.add(where, f"generation {obs_id}: usage.total is not uncached input + cache + output")

    # Scores point at something that exists.
    for where, score in scores:
        if "traceId" in score and score["traceId"] not in traces:
            problems.add(where, f"score {score['id']} points at unknown trace {score['traceId']}")
        if "observationId" in score and score["observationId"] not in observations:
            problems.add(where, f"score {score['id']} points at unknown observation {score['observationId']}")
        if "sessionId" in score and score["sessionId"] not in sessions:
            problems.add(where, f"score {score['id']} points at unknown session {score['sessionId']}")
        if not any(k in score for k in ("traceId", "observationId", "sessionId")):
            problems.add(where, f"score {score['id']} scores nothing (no traceId, observationId or sessionId)")

    # Conversations: a session, or a trace without one. Generations in start order.
    conversations: dict[str, list[dict]] = defaultdict(list)
    for obs_id, (where, obs) in observations.items():
        if obs.get("kind") != "generation" or obs.get("traceId") not in traces:
            continue
        trace = traces[obs["traceId"]][1]
        key = f"session {trace['sessionId']}" if "sessionId" in trace else f"trace {trace['id']}"
        conversations[key].append(obs)
    call_owner: dict[str, str] = {}
    for key, generations in conversations.items():
        generations.sort(key=lambda g: (g["startTime"], g["id"]))
        emitted: dict[str, dict] = {}  # tool_call id -> the call, as output by an earlier generation
        reported: set[str] = set()  # unknown calls already reported, so one gap is reported once
        previous = None
        previous_prompt = -1
        for gen in generations:
            where = observations[gen["id"]][0]
            history = gen.get("inputMessages") or []
            # Tool results answer calls made earlier in the same prompt and, before that, emitted by an
            # earlier generation of the same conversation.
            seen: set[str] = set()
            for msg in history:
                for part in msg["parts"]:
                    if part["type"] == "tool_call" and part.get("id"):
                        seen.add(part["id"])
                        if part["id"] not in emitted and part["id"] not in reported:
                            reported.add(part["id"])
                            problems.add(where, f"{gen['id']}: history holds tool call {part['id']} that no "
                                                f"earlier generation of {key} output")
                    elif part["type"] == "tool_result":
                        if part.get("callId") not in seen:
                            problems.add(where, f"{gen['id']}: tool result for {part.get('callId')} has no "
                                                f"earlier tool call in the same {key}")
            # The history grows: the previous prompt and reply are resent unchanged, then something new.
            if previous is not None:
                expected = (previous.get("inputMessages") or []) + (previous.get("outputMessages") or [])
                if history[:len(expected)] != expected:
                    problems.add(where, f"{gen['id']}: prompt does not start with the previous prompt and reply "
                                        f"of {key} ({previous['id']})")
                elif len(history) <= len(expected):
                    problems.add(where, f"{gen['id']}: prompt adds nothing after the previous reply ({key})")
            if gen.get("level") == "ERROR":
                continue
            for call in calls_in(gen.get("outputMessages") or []):
                if call.get("id") in call_owner:
                    problems.add(where, f"tool call id {call['id']} is used twice")
                call_owner[call.get("id")] = gen["id"]
                emitted[call.get("id")] = call
            usage = gen.get("usage")
            if usage and key.startswith("session"):
                now = prompt_tokens(usage)
                if now <= previous_prompt:
                    problems.add(where, f"{gen['id']}: prompt tokens ({now}) do not grow over the previous "
                                        f"turn's ({previous_prompt}) although the history does")
                previous_prompt = now
            previous = gen

    # Tool spans run the calls of their parent generation; the next prompt carries their result.
    results_by_call: dict[str, str] = {}
    for gen_list in conversations.values():
        for gen in gen_list:
            for part in results_in(gen.get("inputMessages") or []):
                results_by_call.setdefault(part.get("callId"), part["content"])
    for obs_id, (where, obs) in observations.items():
        if obs.get("kind") != "tool":
            continue
        call_id = (obs.get("metadata") or {}).get("toolCallId")
        if call_id is None:
            problems.add(where, f"tool span {obs_id} has no metadata.toolCallId")
            continue
        parent = observations.get(obs.get("parentId") or "", (None, {}))[1]
        calls = {c.get("id"): c for c in calls_in(parent.get("outputMessages") or [])}
        call = calls.get(call_id)
        if call is None:
            problems.add(where, f"tool span {obs_id}: its parent did not call {call_id}")
            continue
        if obs.get("name") not in (call["name"], f"tool_{call['name']}"):
            problems.add(where, f"tool span {obs_id} is named {obs.get('name')} but runs {call['name']}")
        if obs.get("input") != call["arguments"]:
            problems.add(where, f"tool span {obs_id}: input differs from the call's arguments")
        content = results_by_call.get(call_id)
        if content is not None:
            output = obs.get("output")
            same = content == output if isinstance(output, str) else _json_equal(content, output)
            if not same:
                problems.add(where, f"tool span {obs_id}: output differs from the tool result in the next prompt")

    return {"traces": traces, "observations": observations, "scores": scores, "sessions": sessions,
            "conversations": conversations}


def _json_equal(text: str, value) -> bool:
    try:
        return json.loads(text) == value
    except ValueError:
        return False


# --------------------------------------------------------------------------------------------------
# Layer 3: the demo covers what it promises
# --------------------------------------------------------------------------------------------------

HOSTILE = {"ESC": "\u001b", "BEL": "\u0007", "bare CR": "\r", "backspace": "\u0008"}
WIDE = {"CJK": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"), "emoji ZWJ sequence": re.compile("\u200d"),
        "combining mark": re.compile(r"[\u0300-\u036f]")}


def check_coverage(data: dict, problems: Problems) -> list[str]:
    traces = {k: v[1] for k, v in data["traces"].items()}
    observations = {k: v[1] for k, v in data["observations"].items()}
    scores = [s for _, s in data["scores"]]
    notes = []

    def need(condition: bool, what: str) -> None:
        if not condition:
            problems.add("coverage", what)

    # The coding session: 42+ turns, one trace claude_turn_N each, numbered 1..N.
    longest = max(data["sessions"].items(), key=lambda item: len(item[1]), default=(None, []))
    session_id, trace_ids = longest
    turns = sorted((traces[t] for t in trace_ids), key=lambda t: t["timestamp"])
    need(len(turns) >= 42, f"the longest session has {len(turns)} traces, fewer than 42")
    names = [t.get("name") for t in turns]
    need(names == [f"claude_turn_{n}" for n in range(1, len(turns) + 1)],
         f"the turns of {session_id} are not named claude_turn_1..{len(turns)} in time order")
    coding = [o for o in observations.values() if o.get("traceId") in set(trace_ids)]
    gens = [o for o in coding if o.get("kind") == "generation"]
    need(all("cost" not in g for g in gens), "the coding session should carry no client cost")
    need(all(g.get("usage", {}).get("cacheRead") for g in gens[1:]), "coding turns after the first read the cache")
    need(any(g.get("usage", {}).get("cacheWrite1h") for g in gens), "no cacheWrite1h in the coding session")
    need(all(g.get("completionStartTime") for g in gens), "coding generations need completionStartTime")
    tools = Counter(o.get("name") for o in coding if o.get("kind") == "tool")
    for name in ("tool_Read", "tool_Bash", "tool_Edit", "tool_Grep"):
        need(tools[name] > 0, f"no {name} span in the coding session")
    notes.append(f"coding session {session_id}: {len(turns)} turns, tool spans {dict(sorted(tools.items()))}")

    kinds = Counter(o.get("kind") for o in observations.values())
    for kind in ("generation", "tool", "retriever", "embedding"):
        need(kinds[kind] > 0, f"no {kind} observation")
    errors = [o for o in observations.values() if o.get("level") == "ERROR" and o.get("kind") == "generation"]
    need(len(errors) > 0, "no failed generation (level ERROR)")
    need(any("cost" in o for o in observations.values()), "no client-reported cost anywhere")
    need(any(o.get("model") == UNPRICED_MODEL for o in observations.values()), f"no {UNPRICED_MODEL} generation")
    need(any(p["type"] == "reasoning" for o in observations.values() for m in o.get("outputMessages") or []
             for p in m["parts"]), "no reasoning part")
    need(any(p["type"] == "tool_result" and p.get("isError") for o in observations.values()
             for m in o.get("inputMessages") or [] for p in m["parts"]), "no tool result with isError")
    need(len({t.get("userId") for t in traces.values() if t.get("userId")}) >= 2, "fewer than two users")
    need(sum(1 for t in traces.values() if "sessionId" not in t) >= 2, "fewer than two traces without a session")
    need({t["timestamp"][:10] for t in traces.values()} == {"2026-11-20", "2026-11-21", "2026-11-22"},
         "traces do not cover 2026-11-20, -21 and -22")
    need(any(isinstance(s["value"], str) for s in scores), "no categorical score")
    need(any(isinstance(s["value"], (int, float)) and not isinstance(s["value"], bool) for s in scores),
         "no numeric score")

    prompts = [p["text"] for o in observations.values() for m in o.get("inputMessages") or []
               if m["role"] == "user" for p in m["parts"] if p["type"] == "text"]
    hostile_traces = sorted({o["traceId"] for o in observations.values() for m in o.get("inputMessages") or []
                             if m["role"] == "user" for p in m["parts"] if p["type"] == "text"
                             and all(c in p["text"] for c in HOSTILE.values())
                             and all(r.search(p["text"]) for r in WIDE.values())})
    for label, char in HOSTILE.items():
        need(any(char in text for text in prompts), f"no prompt carries {label}")
    for label, pattern in WIDE.items():
        need(any(pattern.search(text) for text in prompts), f"no prompt carries a {label}")
    need(bool(hostile_traces), "no single prompt carries every escape and wide character")
    notes.append(f"hostile-text trace(s): {', '.join(hostile_traces)}")
    notes.append(f"failed generation(s): {', '.join(sorted(o['id'] for o in errors))}")
    return notes


# --------------------------------------------------------------------------------------------------

def load(paths: list[Path], problems: Problems) -> tuple[list[tuple[str, dict]], int]:
    records, total = [], 0
    for file in paths:
        data = file.read_bytes()
        total += len(data)
        name = str(file.relative_to(ROOT)) if file.is_relative_to(ROOT) else str(file)
        if data and not data.endswith(b"\n"):
            problems.add(name, "the last line has no newline")
        if b"\r" in data:
            problems.add(name, "a raw carriage return: JSON Lines files here use \\n only (escape CR inside strings)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.add(name, f"not UTF-8: {error}")
            continue
        for number, line in enumerate(text.split("\n"), 1):
            where = f"{name}:{number}"
            if not line.strip():
                if number != text.count("\n") + 1:
                    problems.add(where, "blank line (allowed by import, but the demo should have none)")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                problems.add(where, f"malformed JSON: {error}")
                continue
            try:
                check_record(record)
            except FieldError as error:
                problems.add(where, str(error))
                continue
            records.append((where, record))
    return records, total


def regenerate_and_compare(paths: list[Path], problems: Problems) -> None:
    script = ROOT / "scripts" / "make-sample-data.py"
    with tempfile.TemporaryDirectory() as tmp:
        for attempt in (1, 2):
            out = Path(tmp) / f"run{attempt}"
            subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
        first = {p.name: p.read_bytes() for p in sorted((Path(tmp) / "run1").glob("*.jsonl"))}
        second = {p.name: p.read_bytes() for p in sorted((Path(tmp) / "run2").glob("*.jsonl"))}
        if first != second:
            problems.add("determinism", "two runs of make-sample-data.py differ")
        for path in paths:
            if path.parent.resolve() == (ROOT / "sample-data").resolve() and first.get(path.name) != path.read_bytes():
                problems.add(str(path.relative_to(ROOT)), "differs from a fresh run of make-sample-data.py "
                                                          "(regenerate it)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="JSONL files (default: sample-data/*.jsonl)")
    parser.add_argument("--no-regenerate", action="store_true", help="skip the determinism check")
    args = parser.parse_args()
    paths = [p.resolve() for p in args.files] or sorted((ROOT / "sample-data").glob("*.jsonl"))
    if not paths:
        print("no sample-data/*.jsonl: run scripts/make-sample-data.py first", file=sys.stderr)
        return 1

    problems = Problems()
    records, total = load(paths, problems)
    data = check_data_set(records, problems)
    notes = check_coverage(data, problems)
    if total > MAX_BYTES:
        problems.add("size", f"{total} bytes, more than {MAX_BYTES}")
    if not args.no_regenerate:
        regenerate_and_compare(paths, problems)

    types = Counter(r["type"] for _, r in records)
    kinds = Counter(r.get("kind", "-") for _, r in records if r["type"] == "observation")
    days = Counter(r["timestamp"][:10] for _, r in records if r["type"] == "trace")
    users = Counter(r.get("userId", "-") for _, r in records if r["type"] == "trace")
    print(f"{len(records)} records in {len(paths)} file(s), {total} bytes")
    print("  by type:  " + ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    print("  by kind:  " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("  traces by day:  " + ", ".join(f"{k} {v}" for k, v in sorted(days.items())))
    print("  traces by user: " + ", ".join(f"{k} {v}" for k, v in sorted(users.items())))
    print("  sessions: " + ", ".join(f"{k} ({len(v)} traces)" for k, v in sorted(data["sessions"].items())))
    no_session = sorted(t for t, (_, r) in data["traces"].items() if "sessionId" not in r)
    print(f"  traces without a session: {', '.join(no_session)}")
    for note in notes:
        print(f"  {note}")
    for problem in problems.items:
        print(problem, file=sys.stderr)
    print(f"{len(problems.items)} problem(s)" if problems.items else "OK")
    return 1 if problems.items else 0


if __name__ == "__main__":
    sys.exit(main())
