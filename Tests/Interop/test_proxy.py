"""Turnscope's pass-through proxy (`turnscope serve --upstream NAME=URL`) in front of a scripted fake
model (drivers/fake_model.py), with real clients: Claude Code and Codex (the `agents` venv), the
official `anthropic` and `openai` Python SDKs (the `proxy` venv, drivers/provider_sdks.py), and a
fake that misbehaves (slow, cut, rate-limited, overloaded, abandoned streams).

Every scenario starts a collector whose `anthropic` and `openai` routes point at the fake:
`ANTHROPIC_BASE_URL=<collector>/anthropic` makes Claude Code and the Anthropic SDK post
`/anthropic/v1/messages`, which goes to `<fake>/v1/messages`; an OpenAI base URL of
`<collector>/openai/v1` sends `/openai/v1/responses` to `<fake>/v1/responses`. What the fake
received and answered (its request log) is what the proxy must have recorded: one generation per
model call, the exact prompt, tools and usage, in the client's session, and no API key anywhere.
The clients must not notice the proxy: each agent and SDK scenario also runs straight against
another fake, and both runs must give the caller the same answers.
"""

from __future__ import annotations

import json
import re
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interop_support import DRIVERS, VENVS, Collector, run_driver, venv_python

sys.path.insert(0, str(DRIVERS))
from agents_cli import CLAUDE_MODEL, CODEX_MODEL, Agents, claude_session_id, codex_session_id  # noqa: E402
from fake_model import FakeModel, final_text  # noqa: E402

AGENT_TIMEOUT = 180
PATIENCE = 15            # seconds to wait for the proxy's records after a client finished
TOOL_CALLS = 2

CLAUDE_KEY = "sk-ant-interop-SECRET-1234"
CODEX_KEY = "sk-proj-interop-SECRET-codex-4321"
SDK_KEYS = ("sk-ant-interop-SDK-SECRET-5678", "sk-proj-interop-SDK-SECRET-9012")   # provider_sdks.API_KEYS

ANTHROPIC_USAGE = {"input": 25, "cacheRead": 12000, "cacheWrite5m": 800, "output": 40}
OPENAI_USAGE = {"input": 808, "cacheRead": 8192, "output": 60, "reasoning": 20}   # 9,000 - 8,192 uncached


# --- helpers --------------------------------------------------------------------------------------------

def proxy_collector(workdir: Path, fake: FakeModel) -> Collector:
    workdir.mkdir(parents=True, exist_ok=True)
    return Collector(workdir, args=("--upstream", f"anthropic={fake.url}", "--upstream", f"openai={fake.url}"))


def proxied_records(collector: Collector, count: int, kind: str | None = None) -> list[dict]:
    """The exported records once the proxy has written `count` observations (of `kind`): records
    are written beside the stream, just after the client got its last byte."""
    deadline = time.monotonic() + PATIENCE
    while True:
        records = collector.export()
        found = [r for r in records if r.get("type") == "observation" and r.get("id", "").startswith("proxy:")
                 and (kind is None or r.get("kind") == kind)]
        if len(found) >= count or time.monotonic() > deadline:
            # A moment more: a record past the expected count would show up too.
            if len(found) == count:
                time.sleep(0.3)
                records = collector.export()
            return records
        time.sleep(0.2)


def observations(records: list[dict], kind: str | None = None) -> list[dict]:
    return [r for r in records if r.get("type") == "observation" and (kind is None or r.get("kind") == kind)]


def traces_by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records if r.get("type") == "trace"}


def by_response_id(records: list[dict]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for r in observations(records):
        rid = (r.get("metadata") or {}).get("responseId")
        if rid:
            assert rid not in found, f"two records name response {rid}"
            found[rid] = r
    return found


def text_of(message: dict) -> str:
    return "".join(p.get("text", "") for p in message.get("parts", []) if p.get("type") == "text")


def parts(message: dict, kind: str) -> list[dict]:
    return [p for p in message.get("parts", []) if p.get("type") == kind]


def output_tool_calls(record: dict) -> list[dict]:
    return [p for m in record.get("outputMessages") or [] for p in parts(m, "tool_call")]


def output_text(record: dict) -> str:
    return "".join(text_of(m) for m in record.get("outputMessages") or [])


def usage_of(record: dict, keys) -> dict:
    usage = record.get("usage") or {}
    return {k: usage.get(k) for k in keys}


def header(entry: dict, name: str) -> str:
    """A request header the fake logged, by case-insensitive name ("" when absent)."""
    return next((v for k, v in (entry.get("headers") or {}).items() if k.lower() == name.lower()), "")


def secret_free(collector: Collector, *secrets: str) -> list[str]:
    """Where any of `secrets` shows: the database, its WAL and shared memory, the collector's logs."""
    found = []
    for path in sorted(collector.workdir.glob(collector.db.name + "*")):
        data = path.read_bytes()
        found += [f"{path.name}: {s}" for s in secrets if s.encode() in data]
    logs = "\n".join(collector.lines + collector.stderr_lines)
    found += [f"collector log: {s}" for s in secrets if s in logs]
    return found


# The prompt as Turnscope records it against the body the fake received.

def anthropic_expected(body: dict) -> list[tuple[str, str, list, list]]:
    """(role, text, tool calls as (id, name, input), tool results as (id, text)) per message,
    the system prompt first."""
    expected = []
    system = body.get("system")
    if system:
        text = system if isinstance(system, str) else "".join(b.get("text", "") for b in system)
        expected.append(("system", text, [], []))
    for message in body.get("messages", []):
        content = message["content"]
        if isinstance(content, str):
            expected.append((message["role"], content, [], []))
            continue
        text = "".join(b.get("text", "") for b in content if b.get("type") == "text")
        calls = [(b["id"], b["name"], b.get("input")) for b in content if b.get("type") == "tool_use"]
        results = [(b["tool_use_id"], b.get("content") if isinstance(b.get("content"), str)
                    else "".join(c.get("text", "") for c in b.get("content") or []))
                   for b in content if b.get("type") == "tool_result"]
        # Turnscope keeps tool results under role `tool` (docs/native-format.md §6): a user message
        # of tool_result blocks only is one.
        only_results = bool(content) and all(b.get("type") == "tool_result" for b in content)
        role = "tool" if message["role"] == "user" and only_results else message["role"]
        expected.append((role, text, calls, results))
    return expected


def recorded_prompt(record: dict) -> list[tuple[str, str, list, list]]:
    recorded = []
    for message in record.get("inputMessages") or []:
        calls = [(p.get("id"), p.get("name"), p.get("arguments")) for p in parts(message, "tool_call")]
        results = [(p.get("callId"), p.get("content")) for p in parts(message, "tool_result")]
        recorded.append((message.get("role"), text_of(message), calls, results))
    return recorded


def responses_expected(body: dict) -> list[tuple[str, str, list, list]]:
    """The same for a Responses body: `instructions`, then each `input` item."""
    expected = []
    if body.get("instructions"):
        expected.append(("system", body["instructions"], [], []))
    items = body.get("input")
    if isinstance(items, str):
        return expected + [("user", items, [], [])]
    for item in items or []:
        kind = item.get("type", "message")
        if kind == "message":
            content = item.get("content")
            text = content if isinstance(content, str) else "".join(
                c.get("text", "") for c in content or [] if c.get("type") in ("input_text", "output_text", "text"))
            expected.append((item["role"], text, [], []))
        elif kind == "function_call":
            expected.append(("assistant", "", [(item["call_id"], item["name"], json.loads(item["arguments"]))], []))
        elif kind == "function_call_output":
            output = item["output"] if isinstance(item["output"], str) else json.dumps(item["output"])
            expected.append(("tool", "", [], [(item["call_id"], output)]))
        else:
            expected.append((None, None, None, None))   # reasoning and other items: role and parts vary
    return expected


def assert_prompt(record: dict, expected: list[tuple], describe: str):
    recorded = recorded_prompt(record)
    assert len(recorded) == len(expected), (f"{describe}: {len(recorded)} messages recorded, the request had "
                                            f"{len(expected)}\nrecorded: {recorded}\nexpected: {expected}")
    for index, (got, want) in enumerate(zip(recorded, expected)):
        if want[0] is None:
            continue
        role = "system" if want[0] == "developer" and got[0] == "system" else want[0]
        assert got == (role, *want[1:]), f"{describe}: message {index} differs\nrecorded: {got}\nexpected: {want}"


# --- the agents through the proxy, and straight to the fake --------------------------------------------

@dataclass
class AgentsThroughProxy:
    collector: Collector
    proxied_fake: FakeModel            # the fake behind the proxy
    direct_fake: FakeModel             # the one the agents called straight
    claude: dict = field(default_factory=dict)   # "proxied"/"direct" -> AgentRun, "session" -> id
    codex: dict = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)
    job: str = ""

    def describe(self) -> str:
        runs = [r for d in (self.claude, self.codex) for r in d.values() if hasattr(r, "describe")]
        return "\n".join(r.describe() for r in runs) + "\n" + self.collector.log()


@pytest.fixture(scope="module")
def agents_through_proxy(tmp_path_factory):
    """Claude Code and Codex, each once through the proxy and once straight to a fake, all four at
    once; one prompt each (two shell commands, then the answer)."""
    venv = VENVS / "agents"
    if not (venv / "bin" / "python").exists():
        pytest.fail(f"the agents venv is missing at {venv}: run scripts/interop", pytrace=False)
    root = tmp_path_factory.mktemp("proxy-agents")
    behind = FakeModel(tool_calls=TOOL_CALLS, log_path=str(root / "proxied-requests.jsonl"))
    direct = FakeModel(tool_calls=TOOL_CALLS, log_path=str(root / "direct-requests.jsonl"))
    behind.start()
    direct.start()
    collector = proxy_collector(root / "collector", behind)
    result = AgentsThroughProxy(collector, behind, direct)
    through = Agents(root / "through", venv, f"{collector.url}/openai")   # Codex: <collector>/openai/v1
    straight = Agents(root / "straight", venv, direct.url)
    try:
        job = uuid.uuid4().hex[:8]
        result.job = job
        prompt = f"Run the checks for job-{job} one step at a time, then report."
        runs = {
            ("claude", "proxied"): through.claude(prompt, env={"ANTHROPIC_BASE_URL": f"{collector.url}/anthropic",
                                                               "ANTHROPIC_API_KEY": CLAUDE_KEY}),
            ("claude", "direct"): straight.claude(prompt),
            ("codex", "proxied"): through.codex(prompt, env={"OPENAI_API_KEY": CODEX_KEY}),
            ("codex", "direct"): straight.codex(prompt),
        }
        for (agent, way), run in runs.items():
            code = run.wait()
            getattr(result, agent)[way] = run
            assert code == 0, f"{agent} ({way}) failed\n{run.describe()}\n{collector.log()}"
        result.claude["session"] = claude_session_id(result.claude["proxied"])
        result.codex["session"] = codex_session_id(result.codex["proxied"])
        result.records = proxied_records(collector, len(behind.answered()))
        yield result
    finally:
        through.kill_all()
        straight.kill_all()
        collector.stop()
        behind.stop()
        direct.stop()


def codex_items(run) -> list[dict]:
    """What `codex exec --json` reported, without ids and timings: the agent's messages and the
    commands it ran with their output."""
    items = []
    for line in run.stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("type") == "item.completed":
            item = event["item"]
            items.append({k: v for k, v in item.items() if k in ("type", "text", "command", "aggregated_output",
                                                                   "exit_code", "status")})
    return items


def test_agents_answer_the_same_through_the_proxy(agents_through_proxy):
    """The proxy is invisible to the agents: the same answer, the same commands run with the same
    output, the same usage reported, as straight to the fake."""
    run = agents_through_proxy
    proxied, direct = (json.loads(run.claude[w].stdout.strip().splitlines()[-1]) for w in ("proxied", "direct"))
    assert proxied["result"] == direct["result"] == final_text(run.job, TOOL_CALLS), (proxied, direct)
    for key in ("is_error", "num_turns", "subtype", "stop_reason"):
        assert proxied.get(key) == direct.get(key), (key, proxied, direct)
    assert proxied.get("usage", {}).get("cache_read_input_tokens") == \
        direct.get("usage", {}).get("cache_read_input_tokens"), (proxied.get("usage"), direct.get("usage"))
    assert proxied.get("total_cost_usd") == direct.get("total_cost_usd")

    through, straight = codex_items(run.codex["proxied"]), codex_items(run.codex["direct"])
    assert through == straight, (through, straight)
    assert through and through[-1].get("text") == final_text(run.job, TOOL_CALLS), through
    assert sum(1 for i in through if i.get("type") == "command_execution") == TOOL_CALLS, through


def test_every_agent_model_call_is_recorded_once(agents_through_proxy):
    """One generation per call the fake behind the proxy answered, found by the answer's id, in a
    trace of its own; the Claude Code calls in its session, the Codex ones in its conversation."""
    run = agents_through_proxy
    answered = run.proxied_fake.answered()
    generations = observations(run.records, "generation")
    proxied = [g for g in generations if g["id"].startswith("proxy:")]
    assert len(proxied) == len(generations) == len(answered), (
        f"{len(answered)} calls answered, {len(proxied)} recorded\n{run.describe()}")
    records = by_response_id(run.records)
    traces = traces_by_id(run.records)
    sessions = {"anthropic": run.claude["session"], "openai": run.codex["session"]}
    for entry in answered:
        answer = entry["answer"]
        assert answer["id"] in records, f"no record for {answer['id']} ({entry['api']})"
        record = records[answer["id"]]
        assert record["traceId"] == record["id"], record
        trace = traces[record["traceId"]]
        assert trace.get("sessionId") == sessions[entry["api"]], (entry["api"], trace, sessions)
        assert entry["session"] == sessions[entry["api"]], entry["session"]
        assert record.get("model") == answer["model"] == (CLAUDE_MODEL if entry["api"] == "anthropic" else CODEX_MODEL)
        assert record.get("level") in (None, "DEFAULT"), record
        meta = record.get("metadata") or {}
        assert meta.get("httpStatus") == 200 and meta.get("stream") == answer["stream"], meta
    # Both agents made all their calls: two commands, then the answer, each.
    for api in ("anthropic", "openai"):
        jobs = [(e["answer"]["job"], e["answer"]["kind"]) for e in answered if e["api"] == api
                and e["answer"]["job"] == run.job]
        assert jobs == [(run.job, "tool")] * TOOL_CALLS + [(run.job, "text")], (api, jobs)


def test_agent_calls_keep_prompt_tools_output_and_usage(agents_through_proxy):
    """Each record holds what the fake received and sent: the system prompt and every message (the
    tool calls and their results included), the tool definitions by name, the answer's text and
    tool calls, and the usage to the token."""
    run = agents_through_proxy
    records = by_response_id(run.records)
    for entry in run.proxied_fake.answered():
        body, answer = entry["body"], entry["answer"]
        record = records[answer["id"]]
        describe = f"{entry['api']} {answer['id']}"
        tools = body.get("tools") or []
        # A built-in tool ({"type": "web_search"}) has no name: Turnscope names it by its type.
        names = [t.get("name") or (t.get("function") or {}).get("name") or t.get("type") for t in tools]
        assert names and [t.get("name") for t in record.get("toolDefinitions") or []] == names, describe
        if entry["api"] == "anthropic":
            assert_prompt(record, anthropic_expected(body), describe)
            assert usage_of(record, ANTHROPIC_USAGE) == ANTHROPIC_USAGE, (describe, record.get("usage"))
            assert not record["usage"].get("cacheWrite1h") and not record["usage"].get("reasoning")
            assert (record.get("metadata") or {}).get("finishReason") == \
                ("tool_use" if answer["kind"] == "tool" else "end_turn")
        else:
            assert_prompt(record, responses_expected(body), describe)
            assert usage_of(record, OPENAI_USAGE) == OPENAI_USAGE, (describe, record.get("usage"))
        calls = output_tool_calls(record)
        if answer["kind"] == "tool":
            assert [c.get("id") for c in calls] == [answer["tool_call_id"]], (describe, calls)
            assert json.dumps(answer["command"])[1:-1] in json.dumps(calls[0].get("arguments")), (describe, calls)
        else:
            assert calls == [] and output_text(record) == answer["text"], (describe, record.get("outputMessages"))


def test_no_api_key_in_database_or_logs(agents_through_proxy):
    """The agents' keys went upstream (the fake saw a key header) but into no byte Turnscope wrote."""
    run = agents_through_proxy
    assert secret_free(run.collector, CLAUDE_KEY, CODEX_KEY) == []
    # Once more after the collector stopped (the WAL checkpointed into the database): the module's
    # later checks use the records already exported.
    assert run.collector.stop() == 0, run.collector.log()
    assert secret_free(run.collector, CLAUDE_KEY, CODEX_KEY) == []
    # The keys did pass: the fake drops credential headers from its log, so look for the header names.
    seen = {k.lower() for e in run.proxied_fake.requests for k in e.get("headers", {})}
    assert "authorization" not in seen and "x-api-key" not in seen, "the fake logs no credentials"
    exported = json.dumps(run.records)
    assert CLAUDE_KEY not in exported and CODEX_KEY not in exported


# --- the official SDKs ---------------------------------------------------------------------------------

@dataclass
class SDKRuns:
    collector: Collector
    fake: FakeModel
    proxied: dict          # scenario -> RESULT through the proxy
    direct: dict           # scenario -> RESULT straight to another fake
    records: list[dict]
    tag: str


# --- the agents through the proxy while their transcripts are followed: one turn per call ------------

@dataclass
class JoinedCaptures:
    collector: Collector
    fake: FakeModel
    agents: Agents
    sessions: dict = field(default_factory=dict)     # "anthropic"/"openai" -> the agent's session id
    records: list[dict] = field(default_factory=list)
    listed: list[dict] = field(default_factory=list)

    def describe(self) -> str:
        return "\n".join(r.describe() for r in self.agents.runs) + "\n" + self.collector.log()


def joined_records(collector: Collector, fake: FakeModel) -> list[dict]:
    """The records once every answered call is one generation holding both captures: the proxy's
    (its response id) and the transcript's (its working directory)."""
    wanted = {e["answer"]["id"] for e in fake.answered()}
    deadline = time.monotonic() + PATIENCE
    while True:
        records = collector.export()
        joined = {(g.get("metadata") or {}).get("responseId") for g in observations(records, "generation")
                  if (g.get("metadata") or {}).get("cwd")}
        if wanted <= joined or time.monotonic() > deadline:
            time.sleep(0.5)   # anything doubled by a late transcript line would show up now
            return collector.export()
        time.sleep(0.3)


@pytest.fixture(scope="module")
def agents_joined(tmp_path_factory):
    """Claude Code and Codex through the proxy, at once, while the collector follows the
    transcripts they write: each call is captured twice, by the proxy and in the transcript."""
    venv = VENVS / "agents"
    if not (venv / "bin" / "python").exists():
        pytest.fail(f"the agents venv is missing at {venv}: run scripts/interop", pytrace=False)
    root = tmp_path_factory.mktemp("proxy-joined")
    fake = FakeModel(tool_calls=TOOL_CALLS, log_path=str(root / "requests.jsonl"))
    fake.start()
    # The agents' base URL is the collector's, which has its port only once it runs: the folders
    # it follows come first, the agents' configuration after.
    agents = Agents(root, venv, "http://127.0.0.1:9", timeout=AGENT_TIMEOUT)
    (agents.claude_dir / "projects").mkdir(parents=True)
    (agents.codex_dir / "sessions").mkdir(parents=True, exist_ok=True)
    collector = Collector(root / "collector", env={"HOME": str(agents.home)}, args=(
        "--upstream", f"anthropic={fake.url}", "--upstream", f"openai={fake.url}",
        "--claude-dir", str(agents.claude_dir), "--codex-dir", str(agents.codex_dir)))
    agents.model_url = f"{collector.url}/openai"
    agents.configure_codex()
    result = JoinedCaptures(collector, fake, agents)
    try:
        job = uuid.uuid4().hex[:8]
        prompt = f"Run the checks for job-{job} one step at a time, then report."
        claude = agents.claude(prompt, env={"ANTHROPIC_BASE_URL": f"{collector.url}/anthropic",
                                            "ANTHROPIC_API_KEY": CLAUDE_KEY})
        codex = agents.codex(prompt, env={"OPENAI_API_KEY": CODEX_KEY})
        for run in (claude, codex):
            assert run.wait() == 0, f"{run.name} failed\n{result.describe()}"
        result.sessions = {"anthropic": claude_session_id(claude), "openai": codex_session_id(codex)}
        result.records = joined_records(collector, fake)
        result.listed = collector.cli_json("sessions")
        yield result
    finally:
        agents.kill_all()
        collector.stop()
        fake.stop()


def test_a_call_seen_by_the_proxy_and_in_the_transcript_is_one_turn(agents_joined):
    """Each call the fake answered is one generation, not two: the proxy's record of the wire
    (its prompt as sent, its response id, its HTTP status) with the transcript's working directory
    added, in the agent's session, marked as the agent's, with its project."""
    run = agents_joined
    answered = run.fake.answered()
    generations = observations(run.records, "generation")
    assert len(generations) == len(answered), (
        f"{len(answered)} calls, {len(generations)} generations: "
        f"{[(g['id'], (g.get('metadata') or {}).get('responseId')) for g in generations]}\n{run.describe()}")
    records = by_response_id(run.records)
    for entry in answered:
        record = records.get(entry["answer"]["id"])
        assert record, f"no generation holds {entry['answer']['id']}\n{run.describe()}"
        meta = record.get("metadata") or {}
        describe = f"{entry['api']} {entry['answer']['id']}"
        # The proxy's capture: the wire's status, and the exact prompt as the fake received it.
        assert meta.get("httpStatus") == 200 and meta.get("route") == entry["api"], (describe, meta)
        expected = anthropic_expected(entry["body"]) if entry["api"] == "anthropic" else responses_expected(entry["body"])
        assert_prompt(record, expected, describe)
        usage = ANTHROPIC_USAGE if entry["api"] == "anthropic" else OPENAI_USAGE
        assert usage_of(record, usage) == usage, (describe, record.get("usage"))
        # The transcript's addition.
        assert meta.get("cwd") == str(run.agents.work), (describe, meta.get("cwd"))
        # In the agent's trace for its prompt, beside its tools: not in a proxy trace of its own.
        assert not record["traceId"].startswith("proxy:"), (describe, record["traceId"])
    for api, source in (("anthropic", "claude-code"), ("openai", "codex")):
        found = [s for s in run.listed if s.get("id") == run.sessions[api]]
        assert len(found) == 1, (api, run.listed)
        assert found[0].get("source") == source, found[0]
        assert found[0].get("turnCount") == sum(1 for e in answered if e["api"] == api), found[0]
        assert found[0].get("project") == str(run.agents.work), found[0]
    assert not [t["id"] for t in run.records if t.get("type") == "trace" and t["id"].startswith("proxy:")], \
        "a proxy trace left behind, empty"
    assert secret_free(run.collector, CLAUDE_KEY, CODEX_KEY) == []


@pytest.fixture(scope="module")
def sdk_runs(tmp_path_factory):
    venv_python("proxy")
    root = tmp_path_factory.mktemp("proxy-sdks")
    behind, direct_fake = FakeModel(tool_calls=TOOL_CALLS), FakeModel(tool_calls=TOOL_CALLS)
    behind.start()
    direct_fake.start()
    collector = proxy_collector(root / "collector", behind)
    tag = uuid.uuid4().hex[:6]
    try:
        proxied, direct = {}, {}
        for scenario in ("anthropic", "openai"):
            proxied[scenario] = run_driver(
                collector, "proxy", "provider_sdks.py", scenario, "--anthropic", f"{collector.url}/anthropic",
                "--openai", f"{collector.url}/openai/v1", "--fake", behind.url, "--tag", tag, timeout=90).result
            direct[scenario] = run_driver(
                collector, "proxy", "provider_sdks.py", scenario, "--anthropic", direct_fake.url,
                "--openai", f"{direct_fake.url}/v1", "--fake", direct_fake.url, "--tag", tag, timeout=90).result
        records = proxied_records(collector, len(behind.answered()))
        yield SDKRuns(collector, behind, proxied, direct, records, tag)
    finally:
        collector.stop()
        behind.stop()
        direct_fake.stop()


def without_ids(value):
    """A RESULT with the fake's ids (msg_…, toolu_…, call_…, chatcmpl-…, resp_…) made equal."""
    text = json.dumps(value, sort_keys=True)
    return json.loads(re.sub(r'(msg_|toolu_|call_|chatcmpl-|resp_|fc_|req_)[0-9a-f]{8}\d{5}', r"\1ID", text))


def test_sdks_get_the_same_answers_through_the_proxy(sdk_runs):
    for scenario in ("anthropic", "openai"):
        assert without_ids(sdk_runs.proxied[scenario]) == without_ids(sdk_runs.direct[scenario]), scenario


def test_every_sdk_call_is_recorded_once(sdk_runs):
    answered = sdk_runs.fake.answered()
    proxied = [o for o in observations(sdk_runs.records) if o["id"].startswith("proxy:")]
    assert len(proxied) == len(observations(sdk_runs.records)) == len(answered), (
        [(e["api"], e["answer"].get("id")) for e in answered], [o.get("name") for o in proxied])
    assert sorted(o["kind"] for o in proxied) == sorted(
        "embedding" if e["api"] == "embeddings" else "generation" for e in answered)


def test_anthropic_sdk_messages_with_tools(sdk_runs):
    """Whole and streamed Messages calls with a tool: the tool calls by name and input, the stop
    reasons, the text, the usage, the model, the prompt as sent, the session from the header and
    from metadata.user_id."""
    result, records = sdk_runs.proxied["anthropic"], by_response_id(sdk_runs.records)
    traces = traces_by_id(sdk_runs.records)
    loop = result["tool_calls_loop"]
    assert [c["stop_reason"] for c in loop] == ["tool_use", "tool_use", "end_turn"]
    assert [c["stream"] for c in loop] == [False, True, True]
    bodies = {e["answer"]["id"]: e["body"] for e in sdk_runs.fake.answered(api="anthropic")}
    for step, call in enumerate(loop, 1):
        record = records[call["id"]]
        meta = record["metadata"]
        assert record["name"] == "anthropic/messages" and record["model"] == CLAUDE_MODEL, record
        assert meta["finishReason"] == call["stop_reason"] and meta["stream"] == call["stream"], meta
        assert meta["httpStatus"] == 200 and meta["route"] == "anthropic" and meta["path"] == "/v1/messages", meta
        assert usage_of(record, ANTHROPIC_USAGE) == ANTHROPIC_USAGE, record.get("usage")
        assert [t["name"] for t in record.get("toolDefinitions") or []] == ["Bash"]
        assert record["toolDefinitions"][0].get("description") == "Run a shell command"
        assert_prompt(record, anthropic_expected(bodies[call["id"]]), f"anthropic step {step}")
        assert record["inputMessages"][0] == {"role": "system", "parts": [{"type": "text", "text": result["system"]}]}
        assert output_text(record) == call["text"], record.get("outputMessages")
        recorded_calls = [(c["id"], c["name"], c["arguments"]) for c in output_tool_calls(record)]
        assert recorded_calls == [(t["id"], t["name"], t["input"]) for t in call["tool_calls"]]
        if step < 3:
            assert call["tool_calls"][0]["name"] == "Bash" and call["text"] == f"Step {step} of job-{result['job']}."
        else:
            assert call["text"] == final_text(result["job"], TOOL_CALLS) and not call["tool_calls"]
        # No session rule matched: the store's automatic grouping, not one of the named sessions.
        assert traces[record["traceId"]].get("sessionId") not in (result["headed"]["session"],
                                                                  result["by_user"]["session"])
    headed, by_user = records[result["headed"]["id"]], records[result["by_user"]["id"]]
    assert traces[headed["traceId"]]["sessionId"] == result["headed"]["session"]
    assert traces[by_user["traceId"]]["sessionId"] == result["by_user"]["session"]
    assert output_text(headed) == result["headed"]["streamed_text"] == "OK."
    assert headed["metadata"]["requestHeaders"].get("x-turnscope-session") == result["headed"]["session"]
    assert "x-api-key" not in headed["metadata"]["requestHeaders"]


def test_openai_sdk_chat_completions(sdk_runs):
    """Whole, streamed with usage, and streamed without: tool calls with their JSON arguments,
    finish reasons, text, usage (none for the stream that did not ask for it), the session from
    `user`."""
    result, records = sdk_runs.proxied["openai"]["chat"], by_response_id(sdk_runs.records)
    traces = traces_by_id(sdk_runs.records)
    calls = result["calls"]
    assert [c["finish_reason"] for c in calls] == ["tool_calls", "tool_calls", "stop"]
    bodies = {e["answer"]["id"]: e["body"] for e in sdk_runs.fake.answered(api="chat")}
    for step, call in enumerate(calls, 1):
        record = records[call["id"]]
        meta = record["metadata"]
        assert record["name"] == "openai/chat.completions" and record["model"] == "gpt-5.1", record
        assert meta["finishReason"] == call["finish_reason"] and meta["stream"] == (step > 1), meta
        assert traces[record["traceId"]]["sessionId"] == result["user"]
        if step < 3:
            assert usage_of(record, OPENAI_USAGE) == OPENAI_USAGE, (step, record.get("usage"))
        else:
            assert not record.get("usage"), ("a stream without include_usage reports none", record.get("usage"))
        assert [t["name"] for t in record.get("toolDefinitions") or []] == ["run_command"]
        body = bodies[call["id"]]
        recorded = recorded_prompt(record)
        assert [m[0] for m in recorded] == [m["role"] for m in body["messages"]], recorded
        assert recorded[0][1] == "You run checks." and f"job-{result['job']}" in recorded[1][1]
        for message, sent in zip(recorded, body["messages"]):
            if sent["role"] == "tool":
                assert message[3] == [(sent["tool_call_id"], sent["content"])], message
            if sent.get("tool_calls"):
                assert message[2] == [(c["id"], c["function"]["name"], json.loads(c["function"]["arguments"]))
                                      for c in sent["tool_calls"]], message
        recorded_calls = [(c["id"], c["name"], c["arguments"]) for c in output_tool_calls(record)]
        assert recorded_calls == [(c["id"], c["name"], json.loads(c["arguments"])) for c in call["tool_calls"]]
        assert (output_text(record) or None) == call["text"]
    assert calls[2]["text"] == final_text(result["job"], TOOL_CALLS)


def test_openai_sdk_responses_and_header_session(sdk_runs):
    result, records = sdk_runs.proxied["openai"], by_response_id(sdk_runs.records)
    traces = traces_by_id(sdk_runs.records)
    calls = result["responses"]["calls"]
    assert [len(c["tool_calls"]) for c in calls] == [1, 1, 0]
    bodies = {e["answer"]["id"]: e["body"] for e in sdk_runs.fake.answered(api="openai")}
    for step, call in enumerate(calls, 1):
        record = records[call["id"]]
        assert record["name"] == "openai/responses" and record["model"] == "gpt-5.1"
        assert record["metadata"]["stream"] == (step > 1) and record["metadata"]["finishReason"] == "completed"
        assert usage_of(record, OPENAI_USAGE) == OPENAI_USAGE, record.get("usage")
        assert traces[record["traceId"]]["sessionId"] == result["responses"]["prompt_cache_key"]
        assert [t["name"] for t in record.get("toolDefinitions") or []] == ["shell"]
        assert_prompt(record, responses_expected(bodies[call["id"]]), f"responses step {step}")
        recorded_calls = [(c["id"], c["name"], c["arguments"]) for c in output_tool_calls(record)]
        assert recorded_calls == [(c["id"], c["name"], json.loads(c["arguments"])) for c in call["tool_calls"]]
        assert output_text(record) == call["text"]
    assert calls[2]["text"] == final_text(result["responses"]["job"], TOOL_CALLS)
    headed = records[result["headed"]["id"]]
    # X-Turnscope-Session wins over the body's `user`.
    assert traces[headed["traceId"]]["sessionId"] == result["headed"]["session"]


def test_openai_sdk_embeddings(sdk_runs):
    result = sdk_runs.proxied["openai"]["embeddings"]
    embeddings = observations(sdk_runs.records, "embedding")
    assert len(embeddings) == 2, embeddings
    traces = traces_by_id(sdk_runs.records)
    by_count = {e["metadata"].get("inputCount"): e for e in embeddings}
    for sent in result:
        record = by_count[len(sent["inputs"])]
        assert record["name"] == "openai/embeddings" and record["model"] == "text-embedding-3-small"
        assert record["metadata"]["embeddingCount"] == sent["count"]
        assert record["metadata"]["dimensions"] == sent["dimensions"][0], record["metadata"]
        assert record.get("usage", {}).get("input") == sent["usage"]["prompt_tokens"], record.get("usage")
        assert not record.get("outputMessages"), "vectors are not kept"
    assert traces[by_count[2]["traceId"]]["sessionId"] == f"embed-user-{sdk_runs.tag}"


def test_sdk_keys_are_not_kept(sdk_runs):
    assert secret_free(sdk_runs.collector, *SDK_KEYS) == []


# --- a misbehaving upstream ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def misbehaving(tmp_path_factory):
    venv_python("proxy")
    root = tmp_path_factory.mktemp("proxy-misbehave")
    fake = FakeModel(tool_calls=TOOL_CALLS)
    fake.start()
    collector = proxy_collector(root / "collector", fake)
    try:
        scenario = run_driver(collector, "proxy", "provider_sdks.py", "misbehave",
                              "--anthropic", f"{collector.url}/anthropic", "--openai", f"{collector.url}/openai/v1",
                              "--fake", fake.url, "--tag", uuid.uuid4().hex[:6], timeout=90)
        # The hung-up stream ends upstream only when the proxy's write to the client fails.
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline and not any(e.get("gone") for e in fake.requests):
            time.sleep(0.1)
        expected = sum(1 for e in fake.requests if e.get("api") in ("anthropic", "chat", "openai"))
        records = proxied_records(collector, expected)
        yield scenario.result, fake, collector, records
    finally:
        collector.stop()
        fake.stop()


def record_of(records: list[dict], fake_entry: dict) -> dict:
    answer = fake_entry.get("answer") or {}
    rid = answer.get("id")
    request_id = answer.get("request_id") or (answer.get("body") or {}).get("request_id")
    for r in observations(records):
        meta = r.get("metadata") or {}
        if rid and meta.get("responseId") == rid:
            return r
        if request_id and meta.get("requestId") == request_id:
            return r
    raise AssertionError(f"no record for {answer}\n" + "\n".join(json.dumps(r)[:400] for r in observations(records)))


def wait_record(collector: Collector, fake_entry: dict) -> dict:
    deadline = time.monotonic() + PATIENCE
    while True:
        try:
            return record_of(collector.export(), fake_entry)
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_slow_stream_is_not_buffered(misbehaving):
    """The fake holds its stream after the first text delta until the client, having read it, asks
    it to go on: a proxy that buffered would time the fake out instead."""
    result, fake, collector, records = misbehaving
    slow = [e for e in fake.requests if e.get("stream_mode") == "slow"]
    assert len(slow) == 1 and slow[0]["released"] is True, slow
    assert result["slow"]["text"] == "OK." and result["slow"]["stop_reason"] == "end_turn"
    assert result["slow"]["seconds"] < 5, result["slow"]
    record = record_of(records, slow[0])
    assert record.get("level") in (None, "DEFAULT") and output_text(record) == "OK."
    assert record.get("completionStartTime"), record


def test_rate_limit_is_passed_back_and_each_attempt_recorded(misbehaving):
    """A 429 with retry-after: the SDK saw it (it waited and retried), the fake answered twice, and
    there are two records, the failed attempt an ERROR with the status and retry-after."""
    result, fake, collector, records = misbehaving
    for api, answer_key in (("anthropic", "retried_429"), ("chat", "retried_429_openai")):
        attempts = [e for e in fake.requests if e.get("api") == api
                    and header(e, "X-Fake-Fail-Status") == "429"
                    and not header(e, "X-Fake-Key").startswith("verbatim-")]
        assert [e["answer"]["kind"] for e in attempts] == ["error", "text"], attempts
        assert attempts[1]["time"] - attempts[0]["time"] >= 0.9, "the SDK honoured retry-after: 1"
        failed, retried = record_of(records, attempts[0]), record_of(records, attempts[1])
        assert failed["level"] == "ERROR", failed
        assert failed["metadata"]["httpStatus"] == 429 and failed["metadata"]["retryAfter"] == "1", failed["metadata"]
        assert failed["metadata"].get("errorType" if api == "anthropic" else "errorCode") == \
            ("rate_limit_error" if api == "anthropic" else "rate_limit_exceeded"), failed["metadata"]
        # The status leads, then the provider's message, as Claude Code's own api_error events say it.
        assert failed["statusMessage"] == "429 " + attempts[0]["answer"]["error"]["message"]
        assert not failed.get("usage") and not failed.get("outputMessages"), failed
        assert retried.get("level") in (None, "DEFAULT") and output_text(retried) == "OK."
        assert retried["metadata"]["responseId"] == result[answer_key]["id"]
        assert failed["traceId"] != retried["traceId"], "each attempt is its own call"


def test_gzipped_answer_is_recorded_inflated(misbehaving):
    """The answer passes compressed (the SDK inflates it itself); the record reads it inflated."""
    result, fake, collector, records = misbehaving
    assert result["gzipped"]["text"] == "OK." and result["gzipped"]["usage"]["cache_read_input_tokens"] == 12000
    [entry] = [e for e in fake.requests if header(e, "X-Fake-Gzip")]
    assert "gzip" in header(entry, "Accept-Encoding"), entry["headers"]
    record = record_of(records, entry)
    assert record["metadata"]["responseHeaders"].get("content-encoding") == "gzip", record["metadata"]
    assert record.get("level") in (None, "DEFAULT") and output_text(record) == "OK.", record
    assert usage_of(record, ANTHROPIC_USAGE) == ANTHROPIC_USAGE, record.get("usage")


def test_overloaded_is_an_error(misbehaving):
    result, fake, collector, records = misbehaving
    assert result["overloaded"]["status"] == 529 and result["overloaded"]["error"] == "OverloadedError"
    [entry] = [e for e in fake.requests if header(e, "X-Fake-Fail-Status") == "529"
                and not header(e, "X-Fake-Key").startswith("verbatim-")]
    assert json.loads(result["overloaded"]["body"]) == entry["answer"]["body"]
    record = record_of(records, entry)
    assert record["level"] == "ERROR" and record["statusMessage"] == "529 Overloaded", record
    assert record["metadata"]["httpStatus"] == 529 and record["metadata"]["errorType"] == "overloaded_error"


def test_upstream_cut_mid_stream(misbehaving):
    """The fake cuts the connection after the first text delta: the client sees the cut (an
    incomplete body), and the record keeps what arrived as a WARNING that says it ended early."""
    result, fake, collector, records = misbehaving
    assert result["dropped"]["error"] == "APIConnectionError" and result["dropped"]["text"] == "OK.", result["dropped"]
    [entry] = [e for e in fake.requests if e.get("dropped")]
    record = record_of(records, entry)
    assert record["level"] == "WARNING", record
    assert "ended early" in record["statusMessage"], record["statusMessage"]
    assert record["metadata"].get("cutShort") == "upstreamClosed", record["metadata"]
    assert output_text(record) == "OK.", record.get("outputMessages")
    assert record["usage"]["input"] == 25 and record["usage"]["cacheRead"] == 12000, "message_start's usage"


def test_client_hang_up_cancels_upstream(misbehaving):
    """The client reads the first chunk and closes the stream: the proxy stops the upstream call
    (the fake's next writes fail) and records the call as cut short by the client."""
    result, fake, collector, records = misbehaving
    assert result["hung_up"]["text"] == "OK."
    [entry] = [e for e in fake.requests if e.get("stream_mode") == "trickle"]
    assert entry.get("gone") is True, "the upstream connection should have been closed by the proxy"
    record = record_of(records, entry)
    assert record["level"] == "WARNING", record
    assert record["metadata"].get("cutShort") == "clientDisconnected", record["metadata"]
    assert output_text(record) == "OK."


def raw_post(url: str, body: dict, headers: dict) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize("status,retry_after", [(429, "7"), (529, None)])
def test_error_answers_pass_through_verbatim(misbehaving, status, retry_after):
    """Status, retry-after and body bytes reach the client exactly as the upstream sent them."""
    result, fake, collector, records = misbehaving
    key = f"verbatim-{status}-{uuid.uuid4().hex[:6]}"
    headers = {"X-Fake-Fail-Status": str(status), "X-Fake-Key": key, "x-api-key": CLAUDE_KEY,
               "anthropic-version": "2023-06-01"}
    if retry_after:
        headers["X-Fake-Retry-After"] = retry_after
    got_status, got_headers, got_body = raw_post(f"{collector.url}/anthropic/v1/messages",
                                                 {"model": CLAUDE_MODEL, "max_tokens": 8,
                                                  "messages": [{"role": "user", "content": "hi"}]}, headers)
    [entry] = [e for e in fake.requests if header(e, "X-Fake-Key") == key]
    assert got_status == status
    assert got_headers.get("retry-after") == retry_after
    assert got_headers.get("request-id") == entry["answer"]["body"]["request_id"]
    assert got_body == json.dumps(entry["answer"]["body"]).encode(), got_body
    record = wait_record(collector, entry)
    assert record["level"] == "ERROR" and record["metadata"]["httpStatus"] == status
    assert record["metadata"].get("retryAfter") == retry_after
    assert secret_free(collector, CLAUDE_KEY, *SDK_KEYS) == []
