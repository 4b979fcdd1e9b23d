"""The collector's own surface, spoken to with plain HTTP: startup line, health, projects (the shape
SDK 3+ validate in auth_check), media, logs and metrics acknowledgements, native records, SIGTERM."""

import base64
import json
import urllib.error
import urllib.request

from interop_support import PUBLIC_KEY, SECRET_KEY

AUTH = "Basic " + base64.b64encode(f"{PUBLIC_KEY}:{SECRET_KEY}".encode()).decode()


def call(url, method="GET", body=None, content_type="application/json"):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": AUTH, "Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_startup_line_names_database_and_url(collector):
    line = next(l for l in collector.lines if "collecting" in l)
    assert str(collector.db) in line and collector.url in line
    assert collector.url.startswith("http://127.0.0.1:")
    assert "LANGFUSE_HOST=" in line


def test_health_and_projects(collector):
    status, body = call(collector.url + "/api/public/health")
    assert status == 200 and json.loads(body).get("status") == "OK", body
    status, body = call(collector.url + "/api/public/projects")
    assert status == 200, body
    project = json.loads(body)["data"][0]
    assert project.get("id") and project.get("name")
    assert set(project.get("organization", {})) >= {"id", "name"} and project.get("metadata") == {}, project


def test_media_upload_is_skipped(collector):
    status, body = call(collector.url + "/api/public/media", "POST", {
        "traceId": "t-1", "contentType": "image/png", "contentLength": 68, "sha256Hash": "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
        "field": "input"})
    assert status == 200, body
    answer = json.loads(body)
    assert answer.get("uploadUrl", "missing") is None and answer.get("mediaId"), answer


def test_logs_and_metrics_are_acknowledged(collector):
    for path in ("/v1/logs", "/v1/metrics"):
        status, body = call(collector.url + path, "POST", {"resourceLogs": []} if "logs" in path else {"resourceMetrics": []})
        assert status == 200, (path, body)


def test_native_records(collector):
    lines = "\n".join(json.dumps(r) for r in [
        {"type": "trace", "id": "t-native", "name": "chat", "sessionId": "s-native", "userId": "bob",
         "timestamp": "2026-11-20T09:00:00.000Z"},
        {"type": "observation", "id": "g-native", "traceId": "t-native", "kind": "generation", "model": "gpt-4o",
         "startTime": "2026-11-20T09:00:00.000Z",
         "inputMessages": [{"role": "user", "parts": [{"type": "text", "text": "Hi"}]}],
         "usage": {"input": 9, "output": 7}},
    ]).encode()
    status, body = call(collector.url + "/api/turnscope/records", "POST", lines, "application/x-ndjson")
    assert status == 200, body
    records = {r["id"]: r for r in collector.export()}
    assert records["t-native"]["sessionId"] == "s-native"
    assert records["g-native"]["usage"] == {"input": 9, "output": 7}


def test_sigterm_stops_cleanly(collector):
    assert collector.stop(timeout=10) == 0, collector.log()
