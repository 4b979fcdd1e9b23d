"""Runs the real Claude Code and Codex CLIs headless against a fake model, in a throwaway HOME.

The binaries come from the `agents` interop venv (Tests/Interop/requirements/agents.txt):
claude-agent-sdk bundles Claude Code (claude_agent_sdk/_bundled/claude), openai-codex-cli-bin
ships Codex (codex_cli_bin/bin/codex). Nothing reaches the network: Claude Code is pointed at the
fake with ANTHROPIC_BASE_URL (and CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1,
DISABLE_AUTOUPDATER=1), Codex with a `[model_providers.fake]` table (wire_api = "responses") in
$CODEX_HOME/config.toml. Their transcripts land in HOME/.claude/projects/<cwd with / as ->/<session>.jsonl
and HOME/.codex/sessions/YYYY/MM/DD/rollout-<time>-<session>.jsonl.

Each agent runs as its own process group, so `AgentRun.kill()` ends it with every shell it spawned.
`claude_telemetry_env` and `codex_otel_toml` switch on the agents' own OpenTelemetry export
(test_agent_telemetry.py).

As a program, it makes a capture by hand (fake model in-process, one or more prompts per agent):
    agents_cli.py OUTDIR [--venv DIR] [--tool-calls N]
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# The agents' own variables and anything that could send them elsewhere, or switch on telemetry.
_SCRUBBED_PREFIXES = ("ANTHROPIC_", "CLAUDE_", "CODEX_", "OPENAI_", "OTEL_", "LANGFUSE_", "TURNSCOPE_",
                      "AWS_", "GOOGLE_", "VERTEX_", "XDG_")
_SCRUBBED = {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy",
             "no_proxy", "DISABLE_AUTOUPDATER", "CLAUDECODE", "TMUX", "TMUX_PANE", "VIRTUAL_ENV", "PYTHONPATH"}

CLAUDE_MODEL = "claude-sonnet-4-5"   # in Turnscope's bundled price table
CODEX_MODEL = "gpt-5.1-codex"        # likewise


def agent_binaries(venv: Path) -> tuple[Path, Path]:
    """(claude, codex) inside the venv; FileNotFoundError naming what is missing."""
    sites = sorted((venv / "lib").glob("python3*/site-packages"))
    if not sites:
        raise FileNotFoundError(f"no site-packages under {venv}/lib")
    claude = sites[0] / "claude_agent_sdk" / "_bundled" / "claude"
    codex = sites[0] / "codex_cli_bin" / "bin" / "codex"
    for binary in (claude, codex):
        if not os.access(binary, os.X_OK):
            raise FileNotFoundError(f"{binary} is missing or not executable")
    return claude, codex


class AgentRun:
    """One agent process: output in files, a deadline, killed with its process group."""

    def __init__(self, name: str, argv: list[str], env: dict, cwd: Path, out_dir: Path, timeout: float):
        self.name = name
        self.argv = argv
        self.timeout = timeout
        self.stdout_path = out_dir / f"{name}.stdout"
        self.stderr_path = out_dir / f"{name}.stderr"
        self.started = time.monotonic()
        with open(self.stdout_path, "w") as stdout, open(self.stderr_path, "w") as stderr:
            self.proc = subprocess.Popen(argv, cwd=str(cwd), env=env, stdin=subprocess.DEVNULL, stdout=stdout,
                                         stderr=stderr, start_new_session=True)

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def wait(self) -> int:
        """Waits until the deadline (from the start); kills it and raises TimeoutError past it."""
        remaining = self.timeout - (time.monotonic() - self.started)
        try:
            return self.proc.wait(max(remaining, 0.1))
        except subprocess.TimeoutExpired:
            self.kill()
            raise TimeoutError(f"{self.name} did not finish within {self.timeout:.0f} s\n{self.describe()}")

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                pass
        else:
            # The agent is gone; a shell it left behind in its group goes too.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def describe(self) -> str:
        return (f"[{self.name}] exit {self.proc.returncode}: {' '.join(self.argv[:2])} …\n"
                f"[{self.name} stdout]\n{self.stdout[-3000:]}\n[{self.name} stderr]\n{self.stderr[-3000:]}")


class Agents:
    """A throwaway HOME (ROOT/home) and working directory (ROOT/<project>) for both agents."""

    def __init__(self, root: Path, venv: Path, model_url: str, project: str = "acme", timeout: float = 180):
        self.root = root
        self.home = root / "home"
        self.work = root / project
        self.logs = root / "agent-logs"
        self.model_url = model_url
        self.timeout = timeout
        self.claude_bin, self.codex_bin = agent_binaries(venv)
        for folder in (self.home / ".codex", self.work, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        self.configure_codex()
        self.runs: list[AgentRun] = []
        self._count = 0

    def configure_codex(self, provider: str = "", extra: str = ""):
        """(Re)writes $CODEX_HOME/config.toml: the fake as model provider, `provider` added to its
        table (e.g. `request_max_retries = 0`), `extra` appended (e.g. an `[otel]` table)."""
        (self.codex_dir / "config.toml").write_text(
            f'model = "{CODEX_MODEL}"\n'
            'model_provider = "fake"\n'
            "[model_providers.fake]\n"
            'name = "fake"\n'
            f'base_url = "{self.model_url}/v1"\n'
            'env_key = "OPENAI_API_KEY"\n'
            'wire_api = "responses"\n'
            + (provider.rstrip("\n") + "\n" if provider else "")
            + (extra.rstrip("\n") + "\n" if extra else ""))

    @property
    def claude_dir(self) -> Path:
        return self.home / ".claude"

    @property
    def codex_dir(self) -> Path:
        return self.home / ".codex"

    def env(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED and not k.startswith(_SCRUBBED_PREFIXES)}
        env.update(HOME=str(self.home), NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost",
                   LANG="C.UTF-8")
        env.update(extra)
        return env

    def _run(self, name: str, argv: list[str], env: dict, cwd: Path | None) -> AgentRun:
        self._count += 1
        run = AgentRun(f"{self._count:02d}-{name}", argv, env, cwd or self.work, self.logs, self.timeout)
        self.runs.append(run)
        return run

    def claude(self, prompt: str, resume: str | None = None, cwd: Path | None = None,
               env: dict[str, str] | None = None) -> AgentRun:
        """`claude -p PROMPT` (with `--resume SESSION`), JSON result on stdout, Bash allowed; `env`
        adds variables (e.g. `claude_telemetry_env`)."""
        argv = [str(self.claude_bin), "-p", prompt, "--output-format", "json", "--allowedTools", "Bash",
                "--model", CLAUDE_MODEL]
        if resume:
            argv += ["--resume", resume]
        extra = env or {}
        env = self.env(ANTHROPIC_BASE_URL=self.model_url, ANTHROPIC_API_KEY="sk-ant-fake",
                       CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1", DISABLE_AUTOUPDATER="1")
        env.update(extra)
        return self._run("claude", argv, env, cwd)

    def codex(self, prompt: str, resume: str | None = None, cwd: Path | None = None,
              env: dict[str, str] | None = None) -> AgentRun:
        """`codex exec PROMPT` (or `codex exec resume SESSION PROMPT`), JSON events on stdout; `env`
        adds variables (e.g. another OPENAI_API_KEY)."""
        argv = [str(self.codex_bin), "exec"]
        if resume:
            argv += ["resume", resume]
        argv += ["--json", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", prompt]
        extra = env or {}
        env = self.env(CODEX_HOME=str(self.codex_dir), OPENAI_API_KEY="sk-fake")
        env.update(extra)
        return self._run("codex", argv, env, cwd)

    def kill_all(self):
        for run in self.runs:
            run.kill()

    # what they wrote
    def claude_transcripts(self) -> list[Path]:
        return sorted((self.claude_dir / "projects").rglob("*.jsonl")) if (self.claude_dir / "projects").exists() else []

    def codex_rollouts(self) -> list[Path]:
        sessions = self.codex_dir / "sessions"
        return sorted(sessions.rglob("rollout-*.jsonl")) if sessions.exists() else []


# --- the agents' own OpenTelemetry export (AGENT-TELEMETRY.md §2.1, §3.1, §7) ---------------------

def claude_telemetry_env(protocol: str, endpoints: dict[str, str], traces: bool) -> dict[str, str]:
    """Claude Code's switches for its OTLP export, as a user sets them (AGENT-TELEMETRY.md §7):
    log events and metrics, each to its own endpoint (`endpoints` maps "logs", "metrics" and
    "traces" to full URLs), logs every second, prompt text and tool details on; with `traces`, the
    beta spans too. `protocol` is OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf, http/json, grpc)."""
    env = {
        "CLAUDE_CODE_ENABLE_TELEMETRY": "1",
        "OTEL_LOGS_EXPORTER": "otlp",
        "OTEL_METRICS_EXPORTER": "otlp",
        "OTEL_EXPORTER_OTLP_PROTOCOL": protocol,
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT": endpoints["logs"],
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": endpoints["metrics"],
        "OTEL_LOGS_EXPORT_INTERVAL": "1000",
        "OTEL_LOG_USER_PROMPTS": "1",
        "OTEL_LOG_TOOL_DETAILS": "1",
    }
    if traces:
        env.update({
            "CLAUDE_CODE_ENHANCED_TELEMETRY_BETA": "1",
            "OTEL_TRACES_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": endpoints["traces"],
        })
    return env


def codex_otel_toml(exporters: dict[str, str], log_user_prompt: bool = True) -> str:
    """Codex's `[otel]` table (AGENT-TELEMETRY.md §3.1): `exporters` maps "exporter" (log
    events), "trace_exporter" and "metrics_exporter" to TOML inline tables such as
    `{ otlp-http = { endpoint = "http://127.0.0.1:4318/v1/logs", protocol = "binary" } }`.
    Without a "metrics_exporter" it is set to "none": left unset, recent builds send metrics to
    OpenAI's own endpoint."""
    lines = ["[otel]", f"log_user_prompt = {'true' if log_user_prompt else 'false'}"]
    lines += [f"{key} = {value}" for key, value in exporters.items()]
    if "metrics_exporter" not in exporters:
        lines.append('metrics_exporter = "none"')
    return "\n".join(lines) + "\n"


def claude_session_id(run: AgentRun) -> str:
    """The session id from `claude -p --output-format json`."""
    return json.loads(run.stdout.strip().splitlines()[-1])["session_id"]


def codex_session_id(run: AgentRun) -> str:
    """The session (thread) id from `codex exec --json`'s thread.started event."""
    for line in run.stdout.splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("type") == "thread.started":
            return event["thread_id"]
    raise KeyError(f"no thread.started event in codex's output\n{run.describe()}")


def read_jsonl(path: Path) -> list[dict]:
    lines = []
    for line in path.read_text(errors="replace").splitlines():
        if line.strip():
            lines.append(json.loads(line))
    return lines


def main(argv=None) -> int:
    import argparse
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from fake_model import FakeModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--venv", type=Path, default=Path(os.environ.get("INTEROP_VENVS") or Path.home() / ".cache"
                                                          / "turnscope" / "interop-venvs") / "agents")
    parser.add_argument("--tool-calls", type=int, default=2)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    fake = FakeModel(tool_calls=args.tool_calls, log_path=str(args.outdir / "model-requests.jsonl"))
    agents = Agents(args.outdir.resolve(), args.venv, fake.start())
    try:
        first = agents.claude("Run the checks for job-alpha1 one step at a time, then report.")
        first.wait()
        sid = claude_session_id(first)
        second = agents.claude("Now run the checks for job-beta2 the same way.", resume=sid)
        second.wait()
        codex = agents.codex("Run the checks for job-gamma3 one step at a time, then report.")
        codex.wait()
        thread = codex_session_id(codex)
        again = agents.codex("Now run the checks for job-delta4 the same way.", resume=thread)
        again.wait()
        print(json.dumps({"claude_session": sid, "claude_second": claude_session_id(second),
                          "codex_session": thread, "model_calls": len(fake.answered()),
                          "claude_transcripts": [str(p) for p in agents.claude_transcripts()],
                          "codex_rollouts": [str(p) for p in agents.codex_rollouts()]}, indent=2))
    finally:
        agents.kill_all()
        fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
