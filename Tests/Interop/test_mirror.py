"""The Langfuse mirror end to end: the real Langfuse Python SDK 5 and the OpenTelemetry exporter send
to `turnscope serve`, which forwards to a fake Langfuse (drivers/fake_langfuse.py, decoding OTLP
with opentelemetry-proto); the gate with keys but no host sends nothing anywhere; and a `kill -9`
in the middle of a drain loses nothing once Turnscope restarts."""

import json
import re
import subprocess
import time
import urllib.request

import pytest

from interop_support import BIN, DRIVERS, PUBLIC_KEY, SECRET_KEY, Collector, approx_equal, cost_total, run_driver, venv_python

UPSTREAM_PK = "pk-lf-upstream-0123456789"
UPSTREAM_SK = "sk-lf-upstream-9876543210"


class FakeLangfuse:
    """drivers/fake_langfuse.py in the lf5 venv, writing what it receives under `outdir`."""

    def __init__(self, outdir, delay: float = 0.0):
        self.outdir = outdir
        outdir.mkdir(parents=True, exist_ok=True)
        args = [str(venv_python("lf5")), str(DRIVERS / "fake_langfuse.py"), str(outdir), UPSTREAM_PK, UPSTREAM_SK]
        if delay:
            args += ["--delay", str(delay)]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        match = re.match(r"LISTENING (http://\S+)", line)
        if not match:
            self.proc.kill()
            raise RuntimeError(f"the fake Langfuse did not start: {line!r} {self.proc.stderr.read()}")
        self.url = match.group(1)

    def read(self, name):
        path = self.outdir / name
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    @property
    def spans(self):
        return self.read("spans.jsonl")

    @property
    def requests(self):
        return self.read("requests.jsonl")

    def stop(self):
        self.proc.kill()
        self.proc.wait(5)


def mirror_env(fake):
    return {"LANGFUSE_HOST": fake.url, "LANGFUSE_PUBLIC_KEY": UPSTREAM_PK, "LANGFUSE_SECRET_KEY": UPSTREAM_SK}


def mirror_status(collector) -> dict:
    out = subprocess.run([str(BIN), "mirror", "status", "--db", str(collector.db)], capture_output=True, text=True,
                         timeout=30, env={"PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    status = {}
    for line in out.stdout.splitlines():
        match = re.match(r"(\w[\w ]*?)\s{2,}(.*)", line)
        if match:
            status[match.group(1).strip()] = match.group(2).strip()
    return status


def wait_until_drained(collector, timeout=60):
    deadline = time.monotonic() + timeout
    status = {}
    while time.monotonic() < deadline:
        status = mirror_status(collector)
        if status.get("pending") == "0" and status.get("sent", "0") != "0":
            return status
        time.sleep(0.2)
    pytest.fail(f"the mirror did not drain within {timeout} s: {status}\n{collector.log()}")


def post_native(collector, records):
    body = "\n".join(json.dumps(r) for r in records).encode()
    request = urllib.request.Request(collector.url + "/api/turnscope/records", data=body, method="POST",
                                     headers={"Content-Type": "application/x-ndjson"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200


@pytest.fixture
def fake(tmp_path):
    f = FakeLangfuse(tmp_path / "fake")
    yield f
    f.stop()


def test_sdk_and_otel_traffic_reaches_langfuse_as_stored(tmp_path, fake):
    collector = Collector(tmp_path / "collector", env=mirror_env(fake))
    try:
        assert any("mirroring every record to " + fake.url in line for line in collector.lines), collector.log()
        sdk = run_driver(collector, "lf5", "langfuse_otel_sdk.py")
        run_driver(collector, "lf5", "otel_genai.py", "protobuf", "conv-mirror")
        wait_until_drained(collector)
        records = collector.export()
    finally:
        collector.stop()

    spans = {s["spanId"]: s for s in fake.spans}
    assert all(s["ingestionVersion"] == "4" for s in spans.values())
    traces = {r["id"]: r for r in records if r["type"] == "trace"}
    observations = [r for r in records if r["type"] == "observation"]
    assert observations
    for observation in observations:
        # OTLP clients already use hex ids, which the mirror keeps: the same ids upstream.
        span = spans.get(observation["id"])
        assert span is not None, f"observation {observation['id']} ({observation.get('name')}) never reached Langfuse"
        assert span["traceId"] == observation["traceId"]
        attributes = span["attributes"]
        assert attributes["langfuse.observation.type"] == observation["kind"]
        trace = traces[observation["traceId"]]
        if trace.get("sessionId"):
            assert attributes.get("session.id") == trace["sessionId"]
        if trace.get("userId"):
            assert attributes.get("user.id") == trace["userId"]
        if trace.get("tags"):
            assert sorted(attributes.get("langfuse.trace.tags", [])) == sorted(trace["tags"])
        if observation.get("model"):
            assert attributes.get("langfuse.observation.model.name") == observation["model"]
        usage = observation.get("usage")
        if usage:
            details = json.loads(attributes["langfuse.observation.usage_details"])
            assert details.get("input") == usage.get("input"), (details, usage)
            assert details.get("input_cached_tokens") == usage.get("cacheRead"), (details, usage)
        if cost_total(observation.get("cost")) is not None:
            details = json.loads(attributes["langfuse.observation.cost_details"])
            assert approx_equal(details.get("total"), cost_total(observation["cost"])), (details, observation["cost"])
        if observation.get("level") == "ERROR":
            assert attributes.get("langfuse.observation.level") == "ERROR"
            assert attributes.get("langfuse.observation.status_message") == observation.get("statusMessage")

    gen = spans[sdk.result["gen_id"]]["attributes"]
    messages = json.loads(gen["langfuse.observation.input"])
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "tool"]
    assert messages[2]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert messages[3]["tool_call_id"] == "call_w1" and messages[3]["content"] == "18C, cloudy"
    assert json.loads(gen["langfuse.observation.completion_start_time"])  # a JSON-quoted ISO time

    scores = [e for e in fake.read("events.jsonl") if e["type"] == "score-create"]
    stored_scores = [r for r in records if r["type"] == "score"]
    assert sorted(s["body"]["name"] for s in scores) == sorted(s["name"] for s in stored_scores)
    assert all(s["body"].get("traceId") in traces for s in scores if s["body"].get("traceId"))
    requests = fake.requests
    assert requests and all(r["headers"]["has-authorization"] for r in requests)
    assert not any(PUBLIC_KEY in json.dumps(r) for r in requests), "the client's own keys must not be forwarded"


def test_keys_without_a_host_send_nothing_anywhere(tmp_path, fake):
    # The fake is also every proxy: anything Turnscope tried to send, to any host, would reach it.
    env = {"LANGFUSE_PUBLIC_KEY": UPSTREAM_PK, "LANGFUSE_SECRET_KEY": UPSTREAM_SK,
           "HTTPS_PROXY": fake.url, "HTTP_PROXY": fake.url, "https_proxy": fake.url, "http_proxy": fake.url,
           "ALL_PROXY": fake.url}
    collector = Collector(tmp_path / "collector", env=env)
    try:
        post_native(collector, [
            {"type": "trace", "id": "t-1", "sessionId": "s-1"},
            {"type": "observation", "id": "g-1", "traceId": "t-1", "kind": "generation", "model": "gpt-4o",
             "inputMessages": [{"role": "user", "parts": [{"type": "text", "text": "secret prompt"}]}]},
        ])
        time.sleep(1.5)
        status = mirror_status(collector)
    finally:
        collector.stop()
    warnings = [line for line in collector.stderr_lines if "no default destination" in line]
    assert len(warnings) == 1, collector.log()
    assert "LANGFUSE_HOST" in warnings[0] and UPSTREAM_SK not in "\n".join(collector.stderr_lines + collector.lines)
    assert fake.requests == [], fake.requests
    assert status["pending"] == "0" and status["sent"] == "0", status


def test_mirror_refuses_its_own_collector_address(tmp_path):
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {"LANGFUSE_HOST": f"http://127.0.0.1:{port}", "LANGFUSE_PUBLIC_KEY": UPSTREAM_PK,
           "LANGFUSE_SECRET_KEY": UPSTREAM_SK, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([str(BIN), "serve", "--db", str(tmp_path / "loop.db"), "--listen", f"127.0.0.1:{port}",
                          "--no-grpc", "--mirror"], capture_output=True, text=True, timeout=30, env=env)
    assert out.returncode != 0
    assert "own address" in out.stderr, out.stderr


def test_kill_9_in_the_middle_of_a_drain_loses_nothing(tmp_path):
    slow = FakeLangfuse(tmp_path / "fake", delay=0.4)
    records = []
    # Hex ids, as OTLP clients use: the mirror keeps them, so what arrived can be compared directly.
    for index in range(40):
        trace_id = f"{index:032x}"
        records.append({"type": "trace", "id": trace_id, "sessionId": "s-kill", "name": f"turn {index}"})
        for call in range(3):
            records.append({"type": "observation", "id": f"{index:012x}{call:04x}", "traceId": trace_id,
                            "kind": "generation", "model": "gpt-4o", "usage": {"input": 10, "output": 2},
                            "inputMessages": [{"role": "user", "parts": [{"type": "text", "text": f"q {index}.{call}"}]}]})
    collector = Collector(tmp_path / "collector", env=mirror_env(slow), args=("--mirror-batch", "6"))
    try:
        post_native(collector, records)
        deadline = time.monotonic() + 30
        while not slow.spans and time.monotonic() < deadline:
            time.sleep(0.05)
        assert slow.spans, collector.log()
        collector.kill()  # SIGKILL, mid-drain: requests are in flight and the outbox half sent
    finally:
        collector.kill()
        slow.stop()
    assert mirror_status(collector)["pending"] != "0"
    delivered_before = {s["spanId"] for s in slow.spans}

    fast = FakeLangfuse(tmp_path / "fake2")
    restarted = Collector(tmp_path / "collector", env=mirror_env(fast), args=("--mirror-batch", "6"))
    try:
        wait_until_drained(restarted)
    finally:
        restarted.stop()
        fast.stop()
    delivered = delivered_before | {s["spanId"] for s in fast.spans}
    missing = [r["id"] for r in records if r["type"] == "observation" and r["id"] not in delivered]
    assert not missing, f"{len(missing)} observations never reached Langfuse: {missing[:5]}"
