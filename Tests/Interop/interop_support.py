"""Support for the interop tests: real Langfuse SDKs, litellm and OpenTelemetry exporters against `turnscope serve`.

Each scenario starts a collector on a free loopback port with a fresh database, runs one client
driver (`drivers/*.py`) as a subprocess in that client's virtual environment, and reads back what
was stored with `turnscope export`. The virtual environments are made by `scripts/interop`.

Environment:
  TURNSCOPE_BIN   the turnscope binary (default: .build/debug/turnscope)
  INTEROP_VENVS   where the client venvs are (default: ~/.cache/turnscope/interop-venvs, as in
                  scripts/interop)
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVERS = Path(__file__).resolve().parent / "drivers"
BIN = Path(os.environ.get("TURNSCOPE_BIN") or REPO / ".build" / "debug" / "turnscope")
VENVS = Path(os.environ.get("INTEROP_VENVS")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "turnscope" / "interop-venvs")

PUBLIC_KEY = "pk-lf-test"
SECRET_KEY = "sk-lf-test"

# Variables a developer's shell may carry that would send a client elsewhere (or through a proxy).
_SCRUBBED_PREFIXES = ("LANGFUSE_", "OTEL_", "LITELLM_", "UPSTREAM_LANGFUSE_", "TURNSCOPE_")
_SCRUBBED = {
    "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX", "PYTHONHOME", "PYTHONSTARTUP",
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
    "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "PYTHONPATH", "VIRTUAL_ENV",
}


class Collector:
    """One `turnscope serve` process with its own database."""

    def __init__(self, workdir: Path, env: dict | None = None, args: tuple = ()):
        """`env` adds to (or, with None values, removes from) the collector's environment; `args`
        are extra `turnscope serve` arguments."""
        self.workdir = workdir
        self.db = workdir / "interop.db"
        self.lines: list[str] = []
        self.stderr_lines: list[str] = []
        self.url: str | None = None
        self._ready = threading.Event()
        extra = env or {}
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("TURNSCOPE_", "LANGFUSE_")) and k not in _SCRUBBED}
        env.update({k: v for k, v in extra.items() if v is not None})
        # The developer's own Claude Code and Codex sessions stay out of the test's database:
        # only a test that names the agents' folders follows them.
        agent_args = () if "--claude-dir" in args or "--codex-dir" in args else ("--no-agents",)
        # OTLP/gRPC only where a test asks for it, on the port it names (a free one): never the
        # default 4317, which another collector, or another test, may hold.
        self.wants_grpc = "--grpc-listen" in args
        self.grpc_address: str | None = None
        grpc_args = () if self.wants_grpc else ("--no-grpc",)
        self.proc = subprocess.Popen(
            [str(BIN), "serve", "--db", str(self.db), "--listen", "127.0.0.1:0", *agent_args, *grpc_args, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env)
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        if not self._ready.wait(30) or self.url is None:
            self.kill()
            time.sleep(0.2)  # let the readers drain what the process printed
            raise RuntimeError(
                "turnscope serve did not print its 'collecting into … on http://…' line within 30 s "
                f"(exit code {self.proc.returncode})\nstdout: {self.lines}\nstderr: {self.stderr_lines}")

    def _read_stdout(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            match = re.search(r"collecting .* on (http://[^;\s]+)", line)
            if self.url is None and match:
                self.url = match.group(1).rstrip("/")
            grpc = re.search(r"OTLP/gRPC on ([^;\s]+)", line)
            if self.grpc_address is None and grpc:
                self.grpc_address = grpc.group(1)
            # serve prints the HTTP line, then the gRPC line: ready once both are known.
            if self.url is not None and (self.grpc_address is not None or not self.wants_grpc):
                self._ready.set()
        self._ready.set()

    @property
    def grpc_url(self) -> str:
        """http://host:port of the gRPC listener (only when started with --grpc-listen)."""
        assert self.grpc_address, f"the collector printed no OTLP/gRPC line\n{self.log()}"
        address = self.grpc_address
        return address if address.startswith("http") else f"http://{address}"

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.rstrip("\n"))

    def export(self) -> list[dict]:
        out = subprocess.run([str(BIN), "export", "--db", str(self.db)], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise AssertionError(f"turnscope export failed ({out.returncode}): {out.stderr.strip()}")
        return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]

    def cli_json(self, *args: str):
        out = subprocess.run([str(BIN), *args, "--db", str(self.db), "--json"], capture_output=True, text=True,
                             timeout=60)
        if out.returncode != 0:
            raise AssertionError(f"turnscope {' '.join(args)} failed ({out.returncode}): {out.stderr.strip()}")
        return json.loads(out.stdout)

    def stop(self, timeout: float = 10) -> int | None:
        """SIGTERM, then wait; returns the exit code, or None when it had to be killed."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return None
        return self.proc.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    def log(self) -> str:
        return "\n".join(["[collector stdout]", *self.lines[-20:], "[collector stderr]", *self.stderr_lines[-40:]])


def client_env(collector: Collector, **extra: str | None) -> dict[str, str]:
    """The environment a client gets: the collector as Langfuse host and OTLP endpoint, test keys,
    no proxies, nothing inherited that could point a client elsewhere. `extra` with None removes."""
    env = {k: v for k, v in os.environ.items()
           if k not in _SCRUBBED and not k.startswith(_SCRUBBED_PREFIXES)}
    env.update({
        "LANGFUSE_HOST": collector.url,
        "LANGFUSE_BASE_URL": collector.url,
        "LANGFUSE_PUBLIC_KEY": PUBLIC_KEY,
        "LANGFUSE_SECRET_KEY": SECRET_KEY,
        "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "LANGFUSE_MEDIA_UPLOAD_THREAD_COUNT": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "PYTHONUNBUFFERED": "1",
    })
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def venv_python(name: str) -> Path:
    python = VENVS / name / "bin" / "python"
    if not python.exists():
        pytest.fail(f"client venv {name!r} is missing at {python.parent.parent}: run scripts/interop, "
                    f"which creates it from Tests/Interop/requirements/{name}.txt", pytrace=False)
    return python


@dataclass
class Scenario:
    """What one driver run produced: its RESULT facts, the exported records, and logs."""
    result: dict
    records: list[dict]
    collector: Collector
    stdout: str = ""
    stderr: str = ""
    exit_code: int | None = None
    extra: dict = field(default_factory=dict)

    # --- record lookups -------------------------------------------------------------------------
    def of_type(self, kind: str) -> list[dict]:
        return [r for r in self.records if r.get("type") == kind]

    @property
    def traces(self) -> list[dict]:
        return self.of_type("trace")

    @property
    def observations(self) -> list[dict]:
        return self.of_type("observation")

    @property
    def scores(self) -> list[dict]:
        return self.of_type("score")

    def one(self, kind: str, **match) -> dict:
        found = [r for r in self.of_type(kind) if all(r.get(k) == v for k, v in match.items())]
        assert len(found) == 1, (
            f"expected exactly one {kind} with {match}, found {len(found)}; "
            f"{kind}s stored: {[_brief(r) for r in self.of_type(kind)]}")
        return found[0]

    def trace(self, trace_id: str) -> dict:
        return self.one("trace", id=trace_id)

    def observation(self, **match) -> dict:
        return self.one("observation", **match)

    def describe(self) -> str:
        return (f"driver stdout:\n{self.stdout[-3000:]}\ndriver stderr:\n{self.stderr[-3000:]}\n"
                f"{self.collector.log()}\nrecords:\n" + "\n".join(json.dumps(r)[:600] for r in self.records))


def _brief(record: dict) -> dict:
    return {k: record.get(k) for k in ("id", "name", "traceId", "kind") if k in record}


def run_driver(collector: Collector, venv: str, driver: str, *args: str, env: dict | None = None,
               timeout: float = 180) -> Scenario:
    """Runs drivers/<driver> in venv <venv> against `collector`; fails the test with both sides'
    logs when the driver exits non-zero or prints no RESULT line."""
    python = venv_python(venv)
    env = dict(env if env is not None else client_env(collector))
    # Byte-compiled modules go to the venv's own cache (scripts/interop warms it up), not next to
    # the drivers: venvs are installed with --no-compile.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(VENVS / venv / "pycache")
    started = time.monotonic()
    try:
        out = subprocess.run([str(python), str(DRIVERS / driver), *args], capture_output=True, text=True,
                             env=env, timeout=timeout,
                             cwd=str(collector.workdir), stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"{driver} ({venv}) did not finish within {timeout:.0f} s\n"
                    f"stdout: {error.stdout}\nstderr: {error.stderr}\n{collector.log()}", pytrace=False)
    result: dict | None = None
    for line in out.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
    records = collector.export()
    scenario = Scenario(result or {}, records, collector, out.stdout, out.stderr, out.returncode)
    scenario.extra["seconds"] = time.monotonic() - started
    if out.returncode != 0 or result is None:
        pytest.fail(f"{driver} ({venv}) exited {out.returncode} without a RESULT line\n{scenario.describe()}",
                    pytrace=False)
    return scenario


# --- assertion helpers shared by the tests ----------------------------------------------------------

def text_of(message: dict) -> str:
    return "".join(p.get("text", "") for p in message.get("parts", []) if p.get("type") == "text")


def parts_of(message: dict, part_type: str) -> list[dict]:
    return [p for p in message.get("parts", []) if p.get("type") == part_type]


def roles(messages: list[dict]) -> list[str]:
    return [m.get("role") for m in messages]


def cost_total(cost: dict | None) -> float | None:
    """The cost a record carries: `total`, else the sum of `parts` (docs/native-format.md §8)."""
    if not cost:
        return None
    if cost.get("total") is not None:
        return cost["total"]
    parts = cost.get("parts") or {}
    return sum(parts.values()) if parts else None


def assert_no_client_warnings(scenario: Scenario):
    """Clients log a warning or an error when the collector answers badly (4xx/5xx, 207 with errors,
    a body they cannot parse); drivers collect those messages in RESULT.client_warnings."""
    warnings = scenario.result.get("client_warnings", [])
    assert not warnings, ("the client reported problems talking to the collector:\n" + "\n".join(warnings)
                          + "\n\n" + scenario.collector.log() + "\n[driver stderr]\n" + scenario.stderr[-3000:])


def approx_equal(a: float | None, b: float, rel: float = 1e-9) -> bool:
    return a is not None and abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)

