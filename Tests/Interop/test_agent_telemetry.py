"""The real Claude Code and Codex CLIs exporting their own OpenTelemetry telemetry to `turnscope serve`.

Each scenario starts a collector with a fresh database (`--no-agents`: it reads only what the agent
exports, unless the scenario also follows the agent's transcript folders), runs the agent headless
against the scripted fake model (drivers/fake_model.py) with its telemetry switched on as a user
would (AGENT-TELEMETRY.md §7; drivers/agents_cli.py), waits for the agent to exit, and reads back
what was stored with `turnscope export` and `turnscope sessions --json`.

Every prompt names a job: the fake asks for two shell commands, one per model call, then answers
with text, each call with known usage (Anthropic: input 25, cache read 12,000, cache write 800,
output 40; OpenAI: input 9,000 of which 8,192 cached, output 60 of which 20 reasoning). Each agent
is given two prompts in one session (`claude -p`, then `-p --resume`; `codex exec`, then `codex exec
resume`). What the fake answered (its request log) is what Turnscope must show: one turn per model
call whether the call was seen through log events, spans, the transcript or all of them; the
session under the agent's own id; the prompt, the response text, the tool inputs (and, where the
agent exports them, the tool results); usage to the token; Claude Code's reported cost; a failed
call when the fake answers 529.

Scenarios: Claude Code over every protocol in PROTOCOLS, with its beta traces off and on; Codex over
every protocol, logs only and logs with its trace exporter; each agent once more with the collector
also following its transcripts; and the failures.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from interop_support import BIN, DRIVERS, VENVS, Collector, approx_equal, cost_total

sys.path.insert(0, str(DRIVERS))
from agents_cli import (CLAUDE_MODEL, CODEX_MODEL, AgentRun, Agents, claude_session_id,  # noqa: E402
                        claude_telemetry_env, codex_otel_toml, codex_session_id)
from fake_model import FakeModel, final_text  # noqa: E402

AGENT_TIMEOUT = 180      # seconds for one agent process; it is killed past that
PATIENCE = 15            # seconds to wait, after the agent exited, for Turnscope to show what it sent
TOOL_CALLS = 2           # shell commands per prompt (so each prompt is TOOL_CALLS + 1 model calls)

CLAUDE_USAGE = {"input": 25, "cacheRead": 12000, "cacheWrite5m": 800, "output": 40}
CODEX_USAGE = {"input": 808, "cacheRead": 8192, "output": 60, "reasoning": 20}   # 9,000 - 8,192 uncached


# --- protocols ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Protocol:
    """One OTLP transport as both agents are told to use it.

    `name` is Claude Code's OTEL_EXPORTER_OTLP_PROTOCOL; `codex` is the exporter kind in Codex's
    `[otel]` table (`otlp-http` or `otlp-grpc`) and `codex_protocol` its `protocol` (`binary`,
    `json`; none for gRPC). `address` gives the collector's base URL for this transport: its HTTP
    URL by default. Over HTTP each signal has its own path (/v1/logs, /v1/traces, /v1/metrics);
    gRPC has one address for all, so a gRPC entry is
        Protocol("grpc", codex="otlp-grpc", address=lambda collector: collector.grpc_url)
    with `grpc_url` the http://host:port the collector's gRPC listener took (it is started with
    `--grpc-listen 127.0.0.1:0`, see `collector_args`)."""
    name: str
    codex: str = "otlp-http"
    codex_protocol: str | None = None
    address: Callable[[Collector], str] = lambda collector: collector.url

    @property
    def is_grpc(self) -> bool:
        return self.codex == "otlp-grpc"

    def endpoint(self, collector: Collector, signal: str) -> str:
        base = self.address(collector)
        return base if self.is_grpc else f"{base}/v1/{signal}"

    def endpoints(self, collector: Collector) -> dict[str, str]:
        return {signal: self.endpoint(collector, signal) for signal in ("logs", "traces", "metrics")}

    def codex_exporter(self, collector: Collector, signal: str) -> str:
        fields = [f'endpoint = "{self.endpoint(collector, signal)}"']
        if self.codex_protocol:
            fields.append(f'protocol = "{self.codex_protocol}"')
        return "{ " + self.codex + " = { " + ", ".join(fields) + " } }"


PROTOCOLS = [
    Protocol("http/protobuf", codex_protocol="binary"),
    Protocol("http/json", codex_protocol="json"),
    Protocol("grpc", codex="otlp-grpc", address=lambda collector: collector.grpc_url),
]
PROTOBUF = PROTOCOLS[0]


@functools.cache
def serve_options() -> str:
    out = subprocess.run([str(BIN), "serve", "--help"], capture_output=True, text=True, timeout=60)
    return out.stdout + out.stderr


def collector_args(protocol: Protocol) -> tuple[str, ...]:
    """`turnscope serve` arguments for a scenario over `protocol`. When this build has a gRPC
    listener (on 127.0.0.1:4317 by default), scenarios over HTTP turn it off and gRPC ones move it
    to a free port, so that collectors never contend for 4317."""
    if protocol.is_grpc:
        if "--grpc-listen" not in serve_options():
            pytest.skip("this turnscope has no gRPC listener (no --grpc-listen in `turnscope serve --help`)")
        return ("--grpc-listen", "127.0.0.1:0")
    return ("--no-grpc",) if "--no-grpc" in serve_options() else ()


# --- scenarios ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Setup:
    """What one scenario runs."""
    agent: str                      # "claude" or "codex"
    protocol: Protocol = PROTOBUF
    traces: bool = False            # Claude Code's beta spans; Codex's trace exporter
    transcripts: bool = False       # the collector also follows the agent's transcript folders
    fail: str | None = None         # "give-up": every call fails (529) and the agent gives up;
    #                                 "retry": the first call fails (529), its retry answers

    @property
    def id(self) -> str:
        parts = [self.agent, self.protocol.name, "traces" if self.traces else "logs"]
        if self.transcripts:
            parts.append("transcripts")
        if self.fail:
            parts.append(f"529-{self.fail}")
        return "-".join(parts)


def job() -> str:
    return uuid.uuid4().hex[:8]


@dataclass
class Scenario:
    setup: Setup
    agents: Agents
    fake: FakeModel
    collector: Collector
    runs: list[AgentRun]
    session_id: str
    prompts: list[str]
    jobs: list[str]
    calls: list[dict] = field(default_factory=list)     # the fake's answers for the session, in order
    records: list[dict] = field(default_factory=list)
    listed: list[dict] = field(default_factory=list)

    @property
    def source(self) -> str:
        return "claude-code" if self.setup.agent == "claude" else "codex"

    @property
    def answered(self) -> list[dict]:
        """The calls the fake answered with a response (not with an error)."""
        return [c for c in self.calls if c["kind"] != "error"]

    @property
    def tool_calls(self) -> list[dict]:
        return [c for c in self.calls if c["kind"] == "tool"]

    def session(self) -> dict:
        found = [s for s in self.listed if s.get("id") == self.session_id]
        assert len(found) == 1, (f"expected the session {self.session_id} once in `turnscope sessions --json`, "
                                 f"found {len(found)}\n{self.describe()}")
        return found[0]

    def traces(self) -> list[dict]:
        return [r for r in self.records if r.get("type") == "trace" and r.get("sessionId") == self.session_id]

    def observations(self, kind: str) -> list[dict]:
        traces = {t["id"] for t in self.traces()}
        return [r for r in self.records
                if r.get("type") == "observation" and r.get("kind") == kind and r.get("traceId") in traces]

    def generations(self) -> list[dict]:
        return sorted(self.observations("generation"), key=lambda g: g.get("startTime") or "")

    def describe(self) -> str:
        runs = "\n".join(run.describe()[-2500:] for run in self.runs)
        return (f"scenario {self.setup.id}; session {self.session_id}; fake answered "
                f"{[(c['kind'], c.get('step')) for c in self.calls]}\n{runs}\n{self.collector.log()}\n"
                f"sessions: {json.dumps(self.listed)[:3000]}\nrecords:\n"
                + "\n".join(json.dumps(_brief(r))[:400] for r in self.records[:150]))


def _brief(record: dict) -> dict:
    """A record without the bulky metadata, for failure messages."""
    return {k: v for k, v in record.items() if k not in ("metadata",)}


def user_texts(trace: dict) -> list[str]:
    """The user's text a trace's input holds: a string input (transcripts), or its user messages."""
    if isinstance(trace.get("input"), str):
        return [trace["input"]]
    return ["".join(p.get("text", "") for p in m.get("parts", []) if p.get("type") == "text")
            for m in trace.get("inputMessages") or [] if m.get("role") == "user"]


def run_scenario(setup: Setup, root: Path) -> Scenario:
    venv = VENVS / "agents"
    if not (venv / "bin" / "python").exists():
        pytest.fail(f"the agents venv is missing at {venv}: run scripts/interop, which creates it from "
                    "Tests/Interop/requirements/agents.txt (claude-agent-sdk, openai-codex-cli-bin)", pytrace=False)
    fake = FakeModel(tool_calls=TOOL_CALLS, log_path=str(root / "model-requests.jsonl"),
                     fail_status=529 if setup.fail else None, fail_count=1 if setup.fail == "retry" else None)
    agents = Agents(root, venv, fake.start(), timeout=AGENT_TIMEOUT)
    args = collector_args(setup.protocol)
    if setup.transcripts:
        (agents.claude_dir / "projects").mkdir(parents=True)
        (agents.codex_dir / "sessions").mkdir(parents=True)
        args += ("--claude-dir", str(agents.claude_dir), "--codex-dir", str(agents.codex_dir))
    collector = Collector(root, env={"HOME": str(agents.home)}, args=args)
    runs: list[AgentRun] = []
    try:
        jobs = [job()] if setup.fail == "give-up" else [job(), job()]
        prompts = [f"Run the checks for job-{jobs[0]} one step at a time, then report."]
        if len(jobs) > 1:
            prompts.append(f"Now run the checks for job-{jobs[1]} the same way.")
        expect_ok = setup.fail != "give-up"
        if setup.agent == "claude":
            env = claude_telemetry_env(setup.protocol.name, setup.protocol.endpoints(collector), setup.traces)
            if setup.fail:
                env["CLAUDE_CODE_MAX_RETRIES"] = "0"
            session = None
            for prompt in prompts:
                run = agents.claude(prompt, resume=session, env=env)
                runs.append(run)
                code = run.wait()
                assert code == 0 or not expect_ok, f"Claude Code failed\n{run.describe()}"
                sid = claude_session_id(run)
                assert session in (None, sid), f"--resume {session} answered as session {sid}\n{run.describe()}"
                session = sid
        else:
            exporters = {"exporter": setup.protocol.codex_exporter(collector, "logs"),
                         "metrics_exporter": setup.protocol.codex_exporter(collector, "metrics")}
            if setup.traces:
                exporters["trace_exporter"] = setup.protocol.codex_exporter(collector, "traces")
            provider = ""
            if setup.fail:
                retries = 0 if setup.fail == "give-up" else 1
                provider = f"request_max_retries = {retries}\nstream_max_retries = {retries}\n"
            agents.configure_codex(provider=provider, extra=codex_otel_toml(exporters))
            session = None
            for prompt in prompts:
                run = agents.codex(prompt, resume=session)
                runs.append(run)
                code = run.wait()
                assert code == 0 or not expect_ok, f"Codex failed\n{run.describe()}"
                sid = codex_session_id(run)
                assert session in (None, sid), f"exec resume {session} answered as thread {sid}\n{run.describe()}"
                session = sid
    except BaseException:
        agents.kill_all()
        fake.stop()
        collector.stop()
        raise
    agents.kill_all()
    fake.stop()
    scenario = Scenario(setup, agents, fake, collector, runs, session, prompts, jobs)
    scenario.calls = [r["answer"] for r in fake.answered(session=session)]
    settle(scenario)
    collector.stop()
    (root / "records.jsonl").write_text("".join(json.dumps(r) + "\n" for r in scenario.records))
    return scenario


def settle(scenario: Scenario):
    """Reads what the collector stored once the session holds a turn per model call and two
    reads in a row agree (the agent has exited, so everything it sent has arrived, but a request
    may still be committing). Past PATIENCE it keeps the last read: the tests say what is wrong."""
    expected = len(scenario.calls)
    deadline = time.monotonic() + PATIENCE
    previous = None
    while True:
        scenario.records = scenario.collector.export()
        scenario.listed = scenario.collector.cli_json("sessions", "--limit", "1000")
        snapshot = (json.dumps(scenario.records, sort_keys=True), json.dumps(scenario.listed, sort_keys=True))
        listed = next((s for s in scenario.listed if s.get("id") == scenario.session_id), None)
        complete = listed is not None and listed.get("turnCount", 0) >= expected
        if (complete and snapshot == previous) or time.monotonic() > deadline:
            return
        previous = snapshot
        time.sleep(0.5)


SCENARIOS = (
    [Setup("claude", protocol, traces) for protocol in PROTOCOLS for traces in (False, True)]
    + [Setup("codex", protocol, traces) for protocol in PROTOCOLS for traces in (False, True)]
    + [Setup("claude", PROTOBUF, traces=True, transcripts=True), Setup("codex", PROTOBUF, transcripts=True)]
)
CLAUDE_FAILURES = [Setup("claude", PROTOBUF, traces, fail="give-up") for traces in (False, True)]
CODEX_FAILURES = [Setup("codex", PROTOBUF, fail="retry"), Setup("codex", PROTOBUF, fail="give-up")]

# Known defects, found by these tests, with what the real programs sent. A test so marked must
# fail (strict): when the defect is fixed, it passes and the mark has to go.
def defect(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


CODEX_NO_FLUSH_ON_FAILURE = defect(
    "Codex 0.163 `exec` exits 1 after a turn fails (request_max_retries = 0, the fake answers 529) without flushing "
    "its OTLP log exporter: nothing at all reaches the collector (nor a capture server) -- a Codex defect")


def known(test: str, setup: Setup) -> list:
    """The known defects that make `test` fail for `setup`."""
    table = {
        "test_codex_failed_attempt_is_a_failed_generation":
            [CODEX_NO_FLUSH_ON_FAILURE] if setup.fail == "give-up" else [],
    }
    return table.get(test, [])


def params(test: str, setups: list[Setup]):
    return [pytest.param(s, id=s.id, marks=known(test, s)) for s in setups]


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory):
    """Runs each scenario the first time a test asks for it, once for the module."""
    done: dict[Setup, Scenario] = {}

    def get(setup: Setup) -> Scenario:
        if setup not in done:
            root = tmp_path_factory.mktemp(setup.id.replace("/", "_"))
            done[setup] = run_scenario(setup, root)
        return done[setup]

    yield get
    for scenario in done.values():
        scenario.collector.kill()


# --- successful runs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("setup", params("test_the_session_is_the_agents_own", SCENARIOS))
def test_the_session_is_the_agents_own(scenarios, setup):
    """The calls land in one session: the agent's session id (Claude Code's session_id, Codex's
    thread id; the same for the resumed run), marked as the agent's, labelled with the first
    prompt."""
    s = scenarios(setup)
    listed = s.session()
    assert listed.get("source") == s.source, listed
    assert listed.get("label") == s.prompts[0], listed
    assert listed.get("turnCount") == len(s.calls), f"{listed}\n{s.describe()}"
    assert listed.get("errorCount") == 0, listed
    assert listed.get("models") == [CLAUDE_MODEL if setup.agent == "claude" else CODEX_MODEL], listed


@pytest.mark.parametrize("setup", params("test_no_other_session", SCENARIOS))
def test_no_other_session(scenarios, setup):
    """Nothing the agent exported lands in a session of its own (an automatic one, say)."""
    s = scenarios(setup)
    assert [x.get("id") for x in s.listed] == [s.session_id], f"only the agent's session:\n{s.describe()}"


@pytest.mark.parametrize("setup", params("test_one_trace_per_prompt", [x for x in SCENARIOS if not x.transcripts]))
def test_one_trace_per_prompt(scenarios, setup):
    """Each prompt is a trace of the session (Claude Code: its prompt.id, or its interaction span;
    Codex: its turn's trace, or the records from one codex.user_prompt to the next)."""
    s = scenarios(setup)
    listed = s.session()
    assert listed.get("traceCount") == len(s.prompts), f"one trace per prompt: {listed}\n{s.describe()}"


@pytest.mark.parametrize("setup", params("test_one_generation_per_model_call", SCENARIOS))
def test_one_generation_per_model_call(scenarios, setup):
    """A generation per call the fake answered, whether the call was seen as log events, as a
    span, in the transcript, or all of them; none anywhere else."""
    s = scenarios(setup)
    generations = s.generations()
    assert len(generations) == len(s.calls), (
        f"{len(generations)} generations for {len(s.calls)} model calls: "
        f"{[(g.get('id'), g.get('name')) for g in generations]}\n{s.describe()}")
    everywhere = [r for r in s.records if r.get("type") == "observation" and r.get("kind") == "generation"]
    assert len(everywhere) == len(s.calls), [(g.get("id"), g.get("traceId")) for g in everywhere]
    for g in generations:
        assert g.get("model") == (CLAUDE_MODEL if setup.agent == "claude" else CODEX_MODEL), g.get("id")
        assert g.get("level", "DEFAULT") == "DEFAULT", g
    if setup.agent == "claude":
        # Claude Code names each call by the request id the fake sent (request-id header).
        for call in s.calls:
            holding = [g for g in generations if call["request_id"] in json.dumps(g) or call["id"] in json.dumps(g)]
            assert len(holding) == 1, f"call {call['request_id']} ({call['id']}): {len(holding)} generations"


@pytest.mark.parametrize("setup", params("test_usage_to_the_token", SCENARIOS))
def test_usage_to_the_token(scenarios, setup):
    s = scenarios(setup)
    expected = CLAUDE_USAGE if setup.agent == "claude" else CODEX_USAGE
    generations = s.generations()
    assert generations, s.describe()
    for g in generations:
        usage = g.get("usage") or {}
        assert {k: usage.get(k) for k in expected} == expected, (g.get("id"), usage)
        others = {k: v for k, v in usage.items() if k not in expected and v}
        assert not others, (g.get("id"), usage)
    totals = s.session().get("usage") or {}
    n = len(s.calls)
    assert {k: totals.get(k) for k in expected} == {k: v * n for k, v in expected.items()}, (totals, n)


@pytest.mark.parametrize("setup", params("test_claude_codes_reported_cost", [x for x in SCENARIOS if x.agent == "claude"]))
def test_claude_codes_reported_cost(scenarios, setup):
    """Each generation carries the cost Claude Code reported for it (api_request's cost_usd), and
    they add up to the total_cost_usd Claude Code printed for its runs."""
    s = scenarios(setup)
    # total_cost_usd is the session's running total: `--resume` carries on from the earlier runs.
    totals = [json.loads(run.stdout.strip().splitlines()[-1])["total_cost_usd"] for run in s.runs]
    reported = totals[-1]
    assert reported > 0 and totals == sorted(totals), totals
    generations = s.generations()
    costs = [cost_total(g.get("cost")) for g in generations]
    assert all(c is not None for c in costs), [(g.get("id"), g.get("cost")) for g in generations]
    assert approx_equal(sum(costs), reported), (costs, totals)
    for cost in costs:  # the fake's calls are alike
        assert approx_equal(cost, reported / len(s.calls)), (costs, totals)
    assert approx_equal(s.session().get("costUSD"), reported), s.session()


@pytest.mark.parametrize("setup", params("test_prompts_are_the_traces_input", SCENARIOS))
def test_prompts_are_the_traces_input(scenarios, setup):
    """Claude Code's user_prompt and Codex's codex.user_prompt give each prompt's text."""
    s = scenarios(setup)
    inputs = [text for t in s.traces() for text in user_texts(t)]
    for prompt in s.prompts:
        # Followed transcripts make traces of their own, whose input is the prompt too.
        assert prompt in inputs if setup.transcripts else inputs.count(prompt) == 1, (
            f"prompt {prompt!r} among the traces' inputs {inputs}\n{s.describe()}")


@pytest.mark.parametrize("setup", params("test_claude_codes_response_text_is_each_calls_output", [x for x in SCENARIOS if x.agent == "claude"]))
def test_claude_codes_response_text_is_each_calls_output(scenarios, setup):
    """assistant_response: the text of each response is its generation's output."""
    s = scenarios(setup)
    generations = s.generations()
    for call in s.calls:
        holding = [g for g in generations if call["request_id"] in json.dumps(g) or call["id"] in json.dumps(g)]
        assert holding, f"no generation for {call['request_id']}\n{s.describe()}"
        text = call["text"] if call["kind"] == "text" else f"Step {call['step']} of job-{call['job']}."
        assert text in json.dumps(holding[0].get("outputMessages")), (text, holding[0].get("outputMessages"))
    for j in s.jobs:
        assert final_text(j, TOOL_CALLS) in json.dumps([g.get("outputMessages") for g in generations])


@pytest.mark.parametrize("setup", params("test_each_tool_call_is_one_tool_observation", SCENARIOS))
def test_each_tool_call_is_one_tool_observation(scenarios, setup):
    """A tool observation per command the agent ran, named by the call id, with the command as its
    input (Claude Code's tool_result.tool_input; Codex's codex.tool_result arguments), its output
    where the agent exports it (Codex's codex.tool_result output; Claude Code only in its
    transcript), under the generation whose response asked for it."""
    s = scenarios(setup)
    tools = s.observations("tool")
    assert len(tools) == len(s.tool_calls), (
        f"{len(tools)} tool observations for {len(s.tool_calls)} tool calls: "
        f"{[(t.get('id'), t.get('name')) for t in tools]}\n{s.describe()}")
    generations = s.generations()
    for index, call in enumerate(s.calls):
        if call["kind"] != "tool":
            continue
        named = [t for t in tools if call["tool_call_id"] in json.dumps(t)]
        assert len(named) == 1, f"{call['tool_call_id']}: {[(t.get('id'), t.get('name')) for t in named]}"
        tool = named[0]
        given = tool.get("input") or {}
        assert given.get("command" if setup.agent == "claude" else "cmd") == call["command"], given
        if setup.agent == "codex" or setup.transcripts:
            assert call["marker"] in json.dumps(tool.get("output")), tool.get("output")
        if setup.agent == "claude":
            asking = [g for g in generations if call["request_id"] in json.dumps(g) or call["id"] in json.dumps(g)]
        else:
            asking = [generations[index]] if len(generations) == len(s.calls) else []
        assert asking and tool.get("parentId") == asking[0]["id"], (
            f"{call['tool_call_id']} should hang under the generation of call {index + 1}: parent "
            f"{tool.get('parentId')}, generations {[g['id'] for g in generations]}")


# --- failures -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("setup", params("test_claude_code_gives_up_on_529", CLAUDE_FAILURES))
def test_claude_code_gives_up_on_529(scenarios, setup):
    """The fake answers 529 overloaded; with CLAUDE_CODE_MAX_RETRIES=0 Claude Code gives up at once
    (api_error): one failed generation, level ERROR, its status message naming 529."""
    s = scenarios(setup)
    assert [c["kind"] for c in s.calls] == ["error"], s.calls
    output = json.loads(s.runs[0].stdout.strip().splitlines()[-1])
    assert output.get("is_error") and output.get("api_error_status") == 529, output
    generations = s.generations()
    assert len(generations) == 1, f"{[(g.get('id'), g.get('level')) for g in generations]}\n{s.describe()}"
    failed = generations[0]
    assert failed.get("level") == "ERROR", failed
    assert "529" in (failed.get("statusMessage") or ""), failed
    assert s.calls[0]["request_id"] in json.dumps(failed), failed
    assert not (failed.get("usage") or {}).get("output"), failed
    listed = s.session()
    assert listed.get("errorCount") == 1 and listed.get("turnCount") == 1, listed
    assert listed.get("source") == "claude-code", listed


@pytest.mark.parametrize("setup", params("test_codex_failed_attempt_is_a_failed_generation", CODEX_FAILURES))
def test_codex_failed_attempt_is_a_failed_generation(scenarios, setup):
    """The fake answers 529 to Codex's first request. With one retry allowed the retry is answered
    and the prompt completes: the failed attempt (codex.api_request with status 529) is a failed
    generation beside one generation per answered call. With no retries Codex gives up at once."""
    s = scenarios(setup)
    failures = [c for c in s.calls if c["kind"] == "error"]
    assert len(failures) == 1, s.calls
    generations = s.generations()
    failed = [g for g in generations if g.get("level") == "ERROR"]
    ok = [g for g in generations if g.get("level", "DEFAULT") != "ERROR"]
    assert len(failed) == 1, f"{[(g.get('id'), g.get('level')) for g in generations]}\n{s.describe()}"
    assert "529" in (failed[0].get("statusMessage") or ""), failed[0]
    assert len(ok) == len(s.answered), f"{[(g.get('id'), g.get('level')) for g in generations]}\n{s.describe()}"
    for g in ok:
        assert {k: (g.get("usage") or {}).get(k) for k in CODEX_USAGE} == CODEX_USAGE, g
    listed = s.session()
    assert listed.get("errorCount") == 1 and listed.get("turnCount") == len(s.calls), listed
    assert listed.get("source") == "codex", listed
