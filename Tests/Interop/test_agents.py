"""The real Claude Code and Codex CLIs, headless against a scripted fake model, and Turnscope reading
the transcripts they write: `turnscope import --agents`, following in `turnscope serve`, and the
browser showing a session while its agent still runs (tmux).

The agents come from the `agents` venv (claude-agent-sdk bundles Claude Code, openai-codex-cli-bin
ships Codex; see requirements/agents.txt and drivers/agents_cli.py). They run in a throwaway HOME
with no network: drivers/fake_model.py answers every prompt naming `job-<token>` with two shell
commands, one per model call, then a text answer, each with known usage (Anthropic: input 25,
cache read 12,000, cache write 800, output 40; OpenAI: input 9,000 of which 8,192 cached, output
60 of which 20 reasoning). What the fake answered (its request log) is what Turnscope must show:
one turn per model call, usage to the token, every tool call with its result.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from interop_support import BIN, DRIVERS, VENVS, Collector, approx_equal

sys.path.insert(0, str(DRIVERS))
from agents_cli import (CLAUDE_MODEL, CODEX_MODEL, AgentRun, Agents, claude_session_id,  # noqa: E402
                        codex_session_id, read_jsonl)
from fake_model import FakeModel, final_text  # noqa: E402

AGENT_TIMEOUT = 180      # seconds for one agent process; it is killed past that
PATIENCE = 60            # seconds to wait for Turnscope to show what an agent wrote
TOOL_CALLS = 2           # shell commands per prompt (so each prompt is TOOL_CALLS + 1 model calls)

# The summary `import --agents` ends with; counts may have thousands separators (1,234).
IMPORT_LINE = re.compile(
    r"imported ([\d,]+) turns in ([\d,]+) sessions from ([\d,]+) files \(([\d,]+) lines skipped\) in ([0-9.]+) s")

# Turnscope prices (bundled table): Claude Sonnet 4.5 per token; what Claude Code itself charges.
SONNET_45 = {"input": 3e-6, "output": 15e-6, "cacheRead": 0.3e-6, "cacheWrite5m": 3.75e-6}


def agents_venv() -> Path:
    venv = VENVS / "agents"
    if not (venv / "bin" / "python").exists():
        pytest.fail(f"the agents venv is missing at {venv}: run scripts/interop, which creates it from "
                    "Tests/Interop/requirements/agents.txt (claude-agent-sdk, openai-codex-cli-bin)", pytrace=False)
    return venv


def job() -> str:
    return uuid.uuid4().hex[:8]


# --- running turnscope -------------------------------------------------------------------------------

def turnscope_env(home: Path) -> dict:
    """The developer's environment without Turnscope/Langfuse settings, HOME the agents' home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TURNSCOPE_", "LANGFUSE_", "OTEL_", "XDG_"))
           and k not in ("CLAUDE_CONFIG_DIR", "CODEX_HOME")}
    env["HOME"] = str(home)
    return env


def turnscope(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=timeout,
                          env=turnscope_env(home), stdin=subprocess.DEVNULL)


def sessions_json(home: Path, db: Path) -> list[dict]:
    out = turnscope(home, "sessions", "--db", str(db), "--json", "--limit", "1000")
    assert out.returncode == 0, f"turnscope sessions --json failed ({out.returncode}): {out.stderr.strip()}"
    sessions = json.loads(out.stdout)
    assert isinstance(sessions, list), out.stdout[:500]
    return sessions


def export(home: Path, db: Path) -> list[str]:
    out = turnscope(home, "export", "--db", str(db))
    assert out.returncode == 0, f"turnscope export failed ({out.returncode}): {out.stderr.strip()}"
    return [line for line in out.stdout.splitlines() if line.strip()]


def wait_until(what: str, probe, timeout: float = PATIENCE, interval: float = 0.25, describe=lambda: ""):
    """Calls `probe` until it returns something truthy, and returns that; fails past `timeout`."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        last = probe()
        if last:
            return last
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:.0f} s for {what}\n{describe()}", pytrace=False)
        time.sleep(interval)


def import_agents(home: Path, db: Path, claude_dir: Path, codex_dir: Path) -> tuple[subprocess.CompletedProcess, tuple]:
    out = turnscope(home, "import", "--agents", "--claude-dir", str(claude_dir), "--codex-dir", str(codex_dir),
                    "--db", str(db))
    assert out.returncode == 0, (f"turnscope import --agents exited {out.returncode}\nstdout:\n{out.stdout}\n"
                                 f"stderr:\n{out.stderr}")
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    match = IMPORT_LINE.fullmatch(lines[-1].strip()) if lines else None
    assert match, f"the last line of turnscope import --agents is not the summary:\n{out.stdout}\n{out.stderr}"
    turns, sessions, files, skipped = (int(match.group(i).replace(",", "")) for i in range(1, 5))
    return out, (turns, sessions, files, skipped, float(match.group(5)))


# --- one run of both agents, imported ----------------------------------------------------------------

@dataclass
class AgentSession:
    """What one agent session was asked and what the fake answered for it."""
    agent: str                      # "claude" or "codex"
    id: str
    project: Path
    prompts: list[str]
    jobs: list[str]
    calls: list[dict] = field(default_factory=list)   # the fake's answers, in order

    @property
    def source(self) -> str:
        return "claude-code" if self.agent == "claude" else "codex"

    @property
    def tool_calls(self) -> list[dict]:
        return [c for c in self.calls if c["kind"] == "tool"]


@dataclass
class Imported:
    agents: Agents
    fake: FakeModel
    sessions: dict[str, AgentSession]
    db: Path
    summary: tuple
    import_output: str
    listed: list[dict] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)
    export_lines: list[str] = field(default_factory=list)

    def listed_session(self, session: AgentSession) -> dict:
        found = [s for s in self.listed if s.get("id") == session.id]
        assert len(found) == 1, (f"expected one session {session.id} ({session.agent}) in `turnscope sessions "
                                 f"--json`, found {len(found)}; listed: {[s.get('id') for s in self.listed]}")
        return found[0]

    def observations(self, session: AgentSession, kind: str) -> list[dict]:
        traces = {r["id"] for r in self.records if r.get("type") == "trace" and r.get("sessionId") == session.id}
        return [r for r in self.records
                if r.get("type") == "observation" and r.get("kind") == kind and r.get("traceId") in traces]

    def describe(self) -> str:
        return (f"import output:\n{self.import_output}\nsessions:\n{json.dumps(self.listed, indent=1)[:4000]}\n"
                + "\n".join(line[:400] for line in self.export_lines[:80]))


@pytest.fixture(scope="module")
def agent_runs(tmp_path_factory):
    """Both agents, run once for the module: Claude Code twice in one session (`-p`, then `-p
    --resume` in the same directory) and once in another project; Codex twice in one session
    (`exec`, then `exec resume`)."""
    venv = agents_venv()
    root = tmp_path_factory.mktemp("agents")
    fake = FakeModel(tool_calls=TOOL_CALLS, log_path=str(root / "model-requests.jsonl"))
    agents = Agents(root, venv, fake.start(), timeout=AGENT_TIMEOUT)
    other = root / "web-app"
    other.mkdir()
    sessions: dict[str, AgentSession] = {}
    try:
        def finish(run: AgentRun):
            code = run.wait()
            assert code == 0, f"the agent failed\n{run.describe()}"

        a, b = job(), job()
        prompts = [f"Run the checks for job-{a} one step at a time, then report.",
                   f"Now run the checks for job-{b} the same way."]
        first = agents.claude(prompts[0])
        finish(first)
        sid = claude_session_id(first)
        second = agents.claude(prompts[1], resume=sid)
        finish(second)
        sessions["claude"] = AgentSession("claude", sid, agents.work, prompts, [a, b])

        c = job()
        prompt = f"Build the web app for job-{c} step by step."
        run = agents.claude(prompt, cwd=other)
        finish(run)
        sessions["claude-other"] = AgentSession("claude", claude_session_id(run), other, [prompt], [c])

        d, e = job(), job()
        prompts = [f"Run the checks for job-{d} one step at a time, then report.",
                   f"Now run the checks for job-{e} the same way."]
        run = agents.codex(prompts[0])
        finish(run)
        thread = codex_session_id(run)
        again = agents.codex(prompts[1], resume=thread)
        finish(again)
        sessions["codex"] = AgentSession("codex", thread, agents.work, prompts, [d, e])
    finally:
        agents.kill_all()
        fake.stop()
    for session in sessions.values():
        session.calls = [r["answer"] for r in fake.answered(session=session.id)]
    return agents, fake, sessions


@pytest.fixture(scope="module")
def imported(agent_runs, tmp_path_factory) -> Imported:
    agents, fake, sessions = agent_runs
    db = tmp_path_factory.mktemp("import") / "agents.db"
    out, summary = import_agents(agents.home, db, agents.claude_dir, agents.codex_dir)
    result = Imported(agents, fake, sessions, db, summary, out.stdout + out.stderr)
    result.listed = sessions_json(agents.home, db)
    result.export_lines = export(agents.home, db)
    result.records = [json.loads(line) for line in result.export_lines]
    return result


# --- the agents themselves (these need no Turnscope) --------------------------------------------------

def test_agents_ran_their_tool_calls_against_the_fake(agent_runs):
    """Each prompt made the agent run every scripted command, one model call each, then answer; the
    fake saw every call under the agent's session id and nothing else asked it for a model."""
    agents, fake, sessions = agent_runs
    for session in sessions.values():
        expected = [(j, step) for j in session.jobs for step in range(1, TOOL_CALLS + 2)]
        assert [(c["job"], c["step"]) for c in session.calls] == expected, (session.agent, session.calls)
        assert [c["kind"] for c in session.calls] == (["tool"] * TOOL_CALLS + ["text"]) * len(session.jobs)
        assert {c["model"] for c in session.calls} == {CLAUDE_MODEL if session.agent == "claude" else CODEX_MODEL}
    answered = fake.answered()
    assert len(answered) == sum(len(s.calls) for s in sessions.values()), \
        [(r["api"], r["session"]) for r in answered]
    ids = [r["answer"]["id"] for r in answered]
    assert len(set(ids)) == len(ids)


def test_claude_code_transcripts_hold_every_call_and_result(agent_runs):
    """Where Claude Code writes, and what: one file per session, named by its id, under the project
    folder; `--resume` appends to the same file; every response's lines carry its message id and
    usage, every tool call comes back as a tool_result with the command's output."""
    agents, fake, sessions = agent_runs
    files = agents.claude_transcripts()
    claude = [s for s in sessions.values() if s.agent == "claude"]
    assert sorted(p.name for p in files) == sorted(f"{s.id}.jsonl" for s in claude), files
    for session in claude:
        path = next(p for p in files if p.stem == session.id)
        assert path.parent.parent == agents.claude_dir / "projects"
        lines = read_jsonl(path)
        assert {line.get("sessionId") for line in lines if "sessionId" in line} == {session.id}
        assert {line.get("cwd") for line in lines if "cwd" in line} == {str(session.project)}
        prompts = [l["message"]["content"] for l in lines
                   if l.get("type") == "user" and isinstance(l["message"].get("content"), str)]
        assert prompts == session.prompts
        responses: dict[str, dict] = {}
        for line in lines:
            if line.get("type") == "assistant":
                message = line["message"]
                responses.setdefault(message["id"], message)
                assert message["usage"]["input_tokens"] == 25 and message["usage"]["output_tokens"] == 40
                assert message["usage"]["cache_read_input_tokens"] == 12000
                assert message["usage"]["cache_creation_input_tokens"] == 800
        assert list(responses) == [c["id"] for c in session.calls]
        results = {b["tool_use_id"]: b for l in lines if l.get("type") == "user"
                   and isinstance(l["message"].get("content"), list)
                   for b in l["message"]["content"] if b.get("type") == "tool_result"}
        for call in session.tool_calls:
            assert call["marker"] in str(results[call["tool_call_id"]]["content"]), results.get(call["tool_call_id"])
        costs = [l for l in lines if l.get("type") == "cost-state"]
        assert costs and approx_equal(costs[-1]["totalCostUSD"], len(session.calls) * claude_call_cost(), 1e-6), costs


def test_codex_rollouts_hold_every_call_and_result(agent_runs):
    """Codex writes one rollout per session, rollout-<time>-<session id>.jsonl under
    sessions/YYYY/MM/DD; `exec resume` appends to it; one token_usage_record per response."""
    agents, fake, sessions = agent_runs
    session = sessions["codex"]
    files = agents.codex_rollouts()
    assert len(files) == 1 and files[0].name.endswith(f"-{session.id}.jsonl"), files
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", "/".join(files[0].parent.parts[-3:])), files[0]
    lines = read_jsonl(files[0])
    metas = [l["payload"] for l in lines if l["type"] == "session_meta"]
    assert len(metas) == 1 and metas[0]["id"] == session.id and metas[0]["cwd"] == str(session.project), metas
    records = [l["payload"] for l in lines if l["type"] == "token_usage_record"]
    assert [r["response_id"] for r in records] == [c["id"] for c in session.calls]
    for record in records:
        usage = record["usage"]
        assert (usage["input_tokens"], usage["cached_input_tokens"], usage["output_tokens"],
                usage["reasoning_output_tokens"]) == (9000, 8192, 60, 20), usage
    items = [l["payload"] for l in lines if l["type"] == "response_item"]
    outputs = {i["call_id"]: i["output"] for i in items if i.get("type") == "function_call_output"}
    calls = {i["call_id"]: i for i in items if i.get("type") == "function_call"}
    for call in session.tool_calls:
        assert call["tool_call_id"] in calls
        assert call["marker"] in str(outputs[call["tool_call_id"]]), outputs.get(call["tool_call_id"])
    prompts = [i["content"][0]["text"] for i in items if i.get("type") == "message" and i.get("role") == "user"
               and "job-" in i["content"][0].get("text", "")]
    assert prompts == session.prompts


def claude_call_cost() -> float:
    usage = {"input": 25, "cacheRead": 12000, "cacheWrite5m": 800, "output": 40}
    return sum(SONNET_45[k] * v for k, v in usage.items())


# --- turnscope import --agents ----------------------------------------------------------------------

def test_import_summary(imported):
    turns, sessions, files, skipped, seconds = imported.summary
    expected_files = len(imported.agents.claude_transcripts()) + len(imported.agents.codex_rollouts())
    assert (turns, sessions, files, skipped) == (
        sum(len(s.calls) for s in imported.sessions.values()), len(imported.sessions), expected_files, 0), \
        imported.import_output
    assert seconds >= 0


def test_one_session_per_agent_session(imported):
    ids = sorted(s.get("id") for s in imported.listed)
    assert ids == sorted(s.id for s in imported.sessions.values()), imported.describe()
    for session in imported.sessions.values():
        listed = imported.listed_session(session)
        assert listed.get("source") == session.source, listed
        assert listed.get("project") == str(session.project), listed
        assert listed.get("label") == session.prompts[0], listed
        assert listed.get("turnCount") == len(session.calls), (session.agent, listed, session.calls)
        assert listed.get("errorCount") == 0, listed
        assert listed.get("models") == [CLAUDE_MODEL if session.agent == "claude" else CODEX_MODEL], listed


def test_each_model_call_is_one_turn(imported):
    """A generation per response the fake sent, found by the response's own id (msg_…/resp_…),
    in a trace of the agent's session."""
    for session in imported.sessions.values():
        generations = imported.observations(session, "generation")
        assert len(generations) == len(session.calls), (session.agent, [g.get("id") for g in generations])
        for call in session.calls:
            holding = [g for g in generations if call["id"] in json.dumps(g)]
            assert len(holding) == 1, (f"{session.agent}: response {call['id']} should be named by exactly one "
                                       f"generation (its id or metadata), found {len(holding)}")
            assert holding[0].get("model") == call["model"], holding[0]


def test_usage_to_the_token(imported):
    for session in imported.sessions.values():
        n = len(session.calls)
        for gen in imported.observations(session, "generation"):
            usage = gen.get("usage") or {}
            if session.agent == "claude":
                # Anthropic: input is already uncached; 800 cache-creation tokens with no TTL split
                # (Claude Code writes a zero 5m/1h breakdown) are 5-minute writes.
                assert (usage.get("input"), usage.get("cacheRead"), usage.get("cacheWrite5m"), usage.get("output")) \
                    == (25, 12000, 800, 40), (gen.get("id"), usage)
                assert not usage.get("cacheWrite1h") and not usage.get("reasoning"), usage
            else:
                # OpenAI Responses: 9,000 input of which 8,192 cached -> 808 uncached.
                assert (usage.get("input"), usage.get("cacheRead"), usage.get("output"), usage.get("reasoning")) \
                    == (808, 8192, 60, 20), (gen.get("id"), usage)
                assert not usage.get("cacheWrite5m") and not usage.get("cacheWrite1h"), usage
        totals = imported.listed_session(session).get("usage") or {}
        if session.agent == "claude":
            expected = {"input": 25 * n, "cacheRead": 12000 * n, "cacheWrite5m": 800 * n, "output": 40 * n}
        else:
            expected = {"input": 808 * n, "cacheRead": 8192 * n, "output": 60 * n, "reasoning": 20 * n}
        assert {k: totals.get(k) for k in expected} == expected, (session.agent, totals)


def test_every_tool_call_has_its_result(imported):
    """A tool observation per command the agent ran: the command in its input, the command's output
    (the marker, which the command itself does not contain) in its output, the call id in it, its
    parent the generation that asked; and the call and its result in the turns' messages."""
    for session in imported.sessions.values():
        tools = imported.observations(session, "tool")
        generations = {g["id"]: g for g in imported.observations(session, "generation")}
        assert len(tools) == len(session.tool_calls), (session.agent, [t.get("name") for t in tools])
        for call in session.tool_calls:
            step = call["marker"].split(":", 1)[1]
            found = [t for t in tools if step in json.dumps(t.get("input"))]
            assert len(found) == 1, (f"{session.agent}: one tool observation should have {step} in its input, "
                                     f"found {len(found)}: {[t.get('input') for t in tools]}")
            tool = found[0]
            assert call["marker"] in json.dumps(tool.get("output")), (session.agent, tool)
            assert call["tool_call_id"] in json.dumps(tool), (f"{session.agent}: the tool observation should name "
                                                              f"the call id {call['tool_call_id']}: {tool}")
            asking = [g for g in generations.values()
                      if any(p.get("type") == "tool_call" and p.get("id") == call["tool_call_id"]
                             for m in g.get("outputMessages") or [] for p in m.get("parts", []))]
            assert len(asking) == 1, f"{session.agent}: one generation should ask for {call['tool_call_id']}"
            assert call["id"] in json.dumps(asking[0]), "the call comes from the response the fake sent"
            assert tool.get("parentId") == asking[0]["id"], (tool.get("parentId"), asking[0]["id"])
            answered = [g for g in generations.values()
                        if any(p.get("type") == "tool_result" and p.get("callId") == call["tool_call_id"]
                               and call["marker"] in p.get("content", "")
                               for m in g.get("inputMessages") or [] for p in m.get("parts", []))]
            assert answered, f"{session.agent}: no later turn sends the result of {call['tool_call_id']}"


def test_final_answers_are_the_turns_output(imported):
    for session in imported.sessions.values():
        texts = json.dumps([g.get("outputMessages") for g in imported.observations(session, "generation")])
        for j in session.jobs:
            assert final_text(j, TOOL_CALLS) in texts, (session.agent, j)


def test_costs(imported):
    """Every turn is priced (the models are in the bundled table); for Claude Code, Turnscope's sum
    and the total Claude Code reported itself (its cost-state lines) both equal the list price."""
    for session in imported.sessions.values():
        listed = imported.listed_session(session)
        assert isinstance(listed.get("costUSD"), (int, float)) and listed["costUSD"] > 0, listed
        assert listed.get("unpricedTurns") == 0, listed
        if session.agent == "claude":
            assert approx_equal(listed["costUSD"], len(session.calls) * claude_call_cost(), 1e-6), listed
            # Claude Code's own running total (its last cost-state line), shown beside Turnscope's.
            assert approx_equal(listed.get("reportedCostUSD"), len(session.calls) * claude_call_cost(), 1e-6), listed


def test_importing_again_changes_nothing(imported):
    out, (turns, sessions, files, skipped, _) = import_agents(
        imported.agents.home, imported.db, imported.agents.claude_dir, imported.agents.codex_dir)
    assert turns == 0 and skipped == 0, out.stdout
    assert export(imported.agents.home, imported.db) == imported.export_lines
    assert sessions_json(imported.agents.home, imported.db) == imported.listed


# --- turnscope serve follows the agents' folders -----------------------------------------------------

@pytest.fixture
def live(tmp_path):
    """A fake that paces its answers and holds each prompt's final answer until released, and a
    HOME for the agents whose folders exist (as on a machine that has run them before)."""
    venv = agents_venv()
    fake = FakeModel(tool_calls=TOOL_CALLS, delay=0.3, log_path=str(tmp_path / "model-requests.jsonl"))
    agents = Agents(tmp_path, venv, fake.start(), timeout=AGENT_TIMEOUT)
    (agents.claude_dir / "projects").mkdir(parents=True)
    (agents.codex_dir / "sessions").mkdir(parents=True)
    fake.hold_final()
    yield agents, fake
    agents.kill_all()
    fake.stop()


def start_agent(agents: Agents, agent: str, prompt: str) -> AgentRun:
    return agents.claude(prompt) if agent == "claude" else agents.codex(prompt)


def while_running(run: AgentRun, probe):
    """`probe`, failing the test at once if the agent has exited (it must not have yet)."""
    def checked():
        running = run.running  # before the probe: a probe that sees nothing from an exited agent fails
        found = probe()
        if not found and not running:
            pytest.fail(f"the agent exited too early\n{run.describe()}", pytrace=False)
        return found
    return checked


def session_of_first_call(fake: FakeModel, api: str, run: AgentRun) -> str:
    """The agent's session id as its requests name it, once it has made one."""
    def first():
        answered = fake.answered(api=api)
        return answered[0]["session"] if answered and answered[0]["session"] else None
    return wait_until("the agent's first model call", while_running(run, first), timeout=AGENT_TIMEOUT)


@pytest.mark.parametrize("agent", ["claude", "codex"])
def test_serve_follows_a_running_agent(live, agent, tmp_path):
    agents, fake = live
    collector = Collector(tmp_path, env={"HOME": str(agents.home)},
                          args=("--claude-dir", str(agents.claude_dir), "--codex-dir", str(agents.codex_dir)))
    try:
        prompt = f"Follow job-{job()} one step at a time, then report."
        run = start_agent(agents, agent, prompt)
        api = "anthropic" if agent == "claude" else "openai"
        sid = session_of_first_call(fake, api, run)

        def listed():
            return next((s for s in sessions_json(agents.home, collector.db) if s.get("id") == sid), None)

        def describe():
            return (f"agent running: {run.running}\n{run.describe()}\n{collector.log()}\n"
                    f"sessions: {sessions_json(agents.home, collector.db)}")

        # While the agent waits for its final answer (the fake holds it), its session and the turns
        # it has had so far must show.
        seen = wait_until("the session with a turn while the agent runs",
                          lambda: (s := listed()) and s.get("turnCount", 0) >= 1 and s, describe=describe)
        assert run.running, "the agent must still be running when its first turn shows\n" + describe()
        assert seen.get("source") == ("claude-code" if agent == "claude" else "codex"), seen
        assert seen.get("project") == str(agents.work), seen
        assert seen.get("label") == prompt, seen
        wait_until("the agent to wait for its final answer", while_running(run, fake.held.is_set),
                   timeout=AGENT_TIMEOUT, describe=describe)
        wait_until(f"all {TOOL_CALLS} tool-call turns while the agent runs",
                   lambda: (s := listed()) and s.get("turnCount") == TOOL_CALLS, describe=describe)
        assert run.running, describe()

        fake.release()
        assert run.wait() == 0, run.describe()
        calls = len(fake.answered(session=sid))
        assert calls == TOOL_CALLS + 1
        final = wait_until(f"all {calls} turns after the agent exits",
                           lambda: (s := listed()) and s.get("turnCount") == calls and s, describe=describe)
        assert final.get("label") == prompt and final.get("costUSD"), final
        assert [s.get("id") for s in sessions_json(agents.home, collector.db)] == [sid]
        assert collector.stop() == 0, collector.log()
    finally:
        collector.kill()


# --- the browser in a real terminal -------------------------------------------------------------------

class Tmux:
    """A detached tmux session on a private server (own -L socket, no config), as the Swift
    end-to-end tests drive it (Tests/TurnscopeE2ETests/TmuxSession.swift)."""

    def __init__(self, directory: Path, home: Path):
        self.tmux = shutil.which("tmux")
        if not self.tmux:
            pytest.fail("tmux is not installed: run scripts/bootstrap (it installs tmux)", pytrace=False)
        self.socket = f"turnscope-agents-{uuid.uuid4().hex[:8]}"
        self.directory = directory
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("LANGFUSE_", "TURNSCOPE_", "OTEL_")) and k not in ("TMUX", "TMUX_PANE")}
        env.update(NO_COLOR="", HOME=str(home), XDG_DATA_HOME=str(directory / "xdg-data"),
                   XDG_CONFIG_HOME=str(directory / "xdg-config"), LANG="C.UTF-8", PAGER="cat",
                   SWIFT_BACKTRACE="enable=no")
        self.env = env
        self.screen = ""

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([self.tmux, "-L", self.socket, *args], capture_output=True, text=True, timeout=30,
                              env=self.env, stdin=subprocess.DEVNULL)

    def start(self, argv: list[str], width: int = 120, height: int = 40):
        line = f"{shlex.join(argv)}; echo \"turnscope exited $?\"; exec sleep 100000"
        args = ["-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y", str(height)]
        for key in sorted(self.env):
            args += ["-e", f"{key}={self.env[key]}"]
        out = self.run(*args, "sh", "-c", line)
        assert out.returncode == 0, f"tmux new-session failed: {out.stdout}{out.stderr}"

    def capture(self) -> str:
        self.screen = self.run("capture-pane", "-p", "-t", "0").stdout
        return self.screen

    def send(self, *keys: str):
        self.run("send-keys", "-t", "0", *keys)

    def wait_for(self, what: str, condition, timeout: float = PATIENCE, extra=lambda: "") -> str:
        def probe():
            screen = self.capture()
            if condition(screen):
                return screen
            if "turnscope exited " in screen:
                pytest.fail(f"the browser exited while waiting for {what}; the screen was:\n{screen}\n{extra()}",
                            pytrace=False)
            return None
        return wait_until(what, probe, timeout=timeout, interval=0.1,
                          describe=lambda: f"the screen was:\n{self.screen}\n{extra()}")

    def close(self):
        self.run("kill-server")


def turns_on_row(screen: str, session_id: str) -> int | None:
    """The Turns column of the sessions list's row for `session_id`: the first number after the
    short id (the User column between them is a dash for agents)."""
    for line in screen.splitlines():
        if session_id[:8] in line:
            numbers = [word for word in line.split(session_id[:8], 1)[1].split() if word.isdigit()]
            return int(numbers[0]) if numbers else None
    return None


@pytest.mark.parametrize("agent", ["claude", "codex"])
def test_browser_shows_a_running_agent_session(live, agent, tmp_path):
    """`turnscope` (the browser) in a 120x40 tmux pane, following the agents' folders: a session
    shows in the list, label and turns, while its agent still runs."""
    agents, fake = live
    db = tmp_path / "browser.db"
    tmux = Tmux(tmp_path, agents.home)
    try:
        tmux.start([str(BIN), "--db", str(db), "--listen", "127.0.0.1:0", "--no-grpc",
                    "--claude-dir", str(agents.claude_dir), "--codex-dir", str(agents.codex_dir)])
        tmux.wait_for("the browser's sessions screen", lambda s: "turnscope › Sessions" in s)
        token = job()
        prompt = f"Tmux job-{token}: run the checks one step at a time."
        run = start_agent(agents, agent, prompt)
        sid = session_of_first_call(fake, "anthropic" if agent == "claude" else "openai", run)
        screen = tmux.wait_for(f"the running session (job-{token} or {sid[:8]}) in the sessions list",
                               lambda s: f"job-{token}" in s or sid[:8] in s,
                               extra=lambda: f"agent running: {run.running}\n{run.describe()}")
        assert run.running, f"the agent must still be running when its session shows\n{screen}"
        # Its row's turn count follows the agent: the tool-call turns while it waits for its final
        # answer, all of them once it has exited.
        tmux.wait_for(f"{TOOL_CALLS} turns on the session's row while the agent runs",
                      lambda s: turns_on_row(s, sid) == TOOL_CALLS, extra=lambda: run.describe())
        assert run.running, run.describe()
        fake.release()
        assert run.wait() == 0, run.describe()
        calls = len(fake.answered(session=sid))
        tmux.wait_for(f"{calls} turns on the session's row after the agent exits",
                      lambda s: turns_on_row(s, sid) == calls)
        tmux.send("q")
        exited = tmux.wait_for("the browser to exit", lambda s: "turnscope exited " in s)
        assert "turnscope exited 0" in exited, exited
    finally:
        tmux.close()
