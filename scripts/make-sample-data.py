#!/usr/bin/env python3
"""Writes Turnscope's demo data set: sample-data/demo.jsonl, in the native format.

The format is specified in docs/native-format.md. Everything here is synthetic but shaped like real
traffic: a 47-turn Claude Code session that resends its whole history every turn, an OpenAI
function-calling chat with a rate-limited retry, a RAG pipeline, a failed call, an unpriced local
model, traces without a session, and a prompt full of terminal escapes and wide characters.

The output is deterministic: a fixed random seed, a fixed base time (2026-11-20T09:00:00Z), no wall
clock, keys sorted. Running it twice gives byte-identical files.

    python3 scripts/make-sample-data.py            # writes sample-data/demo.jsonl
    python3 scripts/make-sample-data.py --out DIR  # writes DIR/demo.jsonl

Python 3 standard library only.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261120
BASE = datetime(2026, 11, 20, 9, 0, 0, tzinfo=timezone.utc)
SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE
DAY = 24 * HOUR

rng = random.Random(SEED)


# --------------------------------------------------------------------------------------------------
# Small helpers: time, ids, tokens, messages
# --------------------------------------------------------------------------------------------------

def ts(ms: int) -> str:
    """The ISO-8601 form (UTC, milliseconds, `Z`) of `ms` milliseconds after BASE."""
    moment = BASE + timedelta(milliseconds=ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def rid(prefix: str, length: int) -> str:
    """A provider-looking id (`toolu_01…`, `call_…`, `msg_01…`) drawn from the seeded generator."""
    return prefix + "".join(rng.choice(BASE62) for _ in range(length))


def hexid(length: int) -> str:
    """A short git object id."""
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def ntok(text: str) -> int:
    """A rough token count: about 3.8 bytes of UTF-8 per token."""
    return max(1, math.ceil(len(text.encode("utf-8")) / 3.8))


def text_part(text: str) -> dict:
    return {"type": "text", "text": text}


def call_part(call_id: str, name: str, arguments) -> dict:
    return {"type": "tool_call", "id": call_id, "name": name, "arguments": arguments}


def result_part(call_id: str, content: str, is_error: bool = False) -> dict:
    part = {"type": "tool_result", "callId": call_id, "content": content}
    if is_error:
        part["isError"] = True
    return part


def message(role: str, parts: list, name: str | None = None) -> dict:
    msg = {"role": role, "parts": parts}
    if name:
        msg["name"] = name
    return msg


def message_tokens(messages: list) -> int:
    """Token estimate of a list of messages, 4 tokens of framing per message."""
    total = 0
    for msg in messages:
        total += 4
        for part in msg["parts"]:
            if part["type"] in ("text", "reasoning"):
                total += ntok(part["text"])
            elif part["type"] == "tool_call":
                total += ntok(part["name"] + json.dumps(part["arguments"], sort_keys=True))
            elif part["type"] == "tool_result":
                total += ntok(part["content"])
    return total


class Records:
    """Collects records and writes them ordered by time (stable: a trace precedes its observations)."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int, dict]] = []

    def add(self, at_ms: int, record: dict) -> None:
        self.items.append((at_ms, len(self.items), record))

    def lines(self) -> list[str]:
        ordered = sorted(self.items, key=lambda item: (item[0], item[1]))
        return [json.dumps(r, sort_keys=True, ensure_ascii=False, separators=(",", ":")) for _, _, r in ordered]


OUT = Records()


def trace(at_ms: int, **fields) -> dict:
    record = {"type": "trace", "timestamp": ts(at_ms)}
    record.update({k: v for k, v in fields.items() if v is not None})
    if "tags" in record:
        record["tags"] = sorted(record["tags"])  # Turnscope keeps tags as a sorted set
    OUT.add(at_ms, record)
    return record


def observation(start_ms: int, end_ms: int | None, **fields) -> dict:
    record = {"type": "observation", "startTime": ts(start_ms)}
    if end_ms is not None:
        record["endTime"] = ts(end_ms)
    record.update({k: v for k, v in fields.items() if v is not None})
    OUT.add(start_ms, record)
    return record


def score(at_ms: int, **fields) -> dict:
    record = {"type": "score", "timestamp": ts(at_ms)}
    record.update({k: v for k, v in fields.items() if v is not None})
    OUT.add(at_ms, record)
    return record


# --------------------------------------------------------------------------------------------------
# The coding agent's repository: a small virtual file system that Read/Grep/Edit/Write act on
# --------------------------------------------------------------------------------------------------

ROOT = "/home/alice/src/acme-api"

ORIGINAL_FILES = {
    "app/config.py": '''"""Runtime settings, read once from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


@dataclass(frozen=True)
class Settings:
    database_url: str = os.environ.get("DATABASE_URL", "postgresql://localhost/acme")
    redis_url: str = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    session_ttl_seconds: int = _env_int("SESSION_TTL_SECONDS", 3600)
    cors_origins: tuple[str, ...] = tuple(
        origin for origin in os.environ.get("CORS_ORIGINS", "").split(",") if origin
    )
    debug: bool = os.environ.get("DEBUG") == "1"


settings = Settings()
''',
    "app/auth/__init__.py": '''from app.auth.session import Session, get_session, login, logout

__all__ = ["Session", "get_session", "login", "logout"]
''',
    "app/auth/session.py": '''"""In-memory session store used by the auth endpoints."""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from app.config import settings


@dataclass
class Session:
    user_id: int
    token: str
    created_at: float = field(default_factory=time.time)

    @property
    def expired(self) -> bool:
        return time.time() - self.created_at > settings.session_ttl_seconds


class SessionStore:
    """Keeps sessions in a process-local dict. Not safe across workers."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}

    def create(self, user_id: int) -> Session:
        token = secrets.token_urlsafe(32)
        session = Session(user_id=user_id, token=token)
        self._sessions[token] = session
        return session

    def get(self, token: str) -> Session | None:
        session = self._sessions.get(token)
        if session is None or session.expired:
            self._sessions.pop(token, None)
            return None
        return session

    def revoke(self, token: str) -> bool:
        return self._sessions.pop(token, None) is not None


store = SessionStore()


def login(user_id: int) -> str:
    return store.create(user_id).token


def logout(token: str) -> bool:
    return store.revoke(token)


def get_session(token: str) -> Session | None:
    return store.get(token)
''',
    "app/auth/middleware.py": '''"""Authenticates requests from the Authorization header."""
from __future__ import annotations

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse

from app.auth.session import get_session

PUBLIC_PATHS = {"/health", "/auth/login", "/auth/refresh", "/docs", "/openapi.json"}


class AuthMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        if request.url.path in PUBLIC_PATHS:
            return await call_next(request)
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return JSONResponse({"detail": "missing bearer token"}, status_code=401)
        session = get_session(token)
        if session is None:
            return JSONResponse({"detail": "invalid or expired token"}, status_code=401)
        request.state.user_id = session.user_id
        return await call_next(request)
''',
    "app/routes/auth.py": '''"""Login, logout and token refresh endpoints."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from app.auth import login, logout
from app.users import verify_password

router = APIRouter(prefix="/auth", tags=["auth"])


class Credentials(BaseModel):
    email: str
    password: str


@router.post("/login")
def post_login(credentials: Credentials) -> dict[str, str]:
    user = verify_password(credentials.email, credentials.password)
    if user is None:
        raise HTTPException(status_code=401, detail="bad credentials")
    return {"access_token": login(user.id), "token_type": "bearer"}


@router.post("/logout", status_code=204)
def post_logout(request: Request) -> None:
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    logout(token)
''',
    "app/routes/projects.py": '''"""Project CRUD endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Request

from app import db
from app.ratelimit import rate_limit

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("")
@rate_limit(30)
def list_projects(request: Request, include_archived: bool = False) -> list[dict]:
    return db.projects_for_user(request.state.user_id, include_archived=include_archived)


@router.post("/{project_id}/archive", status_code=204)
@rate_limit(10)
def archive_project(project_id: int, request: Request) -> None:
    db.archive_project(project_id, owner_id=request.state.user_id)
''',
    "app/ratelimit.py": '''"""A tiny fixed-window rate limiter backed by Redis."""
from __future__ import annotations

import functools
import time

from fastapi import HTTPException, Request
from redis import Redis

from app.config import settings

_redis = Redis.from_url(settings.redis_url)


def client_ip(request: Request) -> str:
    forwarded = request.headers.get("x-forwarded-for")
    return forwarded.split(",")[0].strip() if forwarded else request.client.host


def rate_limit(limit: int, window_seconds: int = 60, key_func=client_ip):
    """Allows `limit` calls per window and key; the key defaults to the client's IP."""

    def decorator(endpoint):
        @functools.wraps(endpoint)
        def wrapper(*args, request: Request, **kwargs):
            window = int(time.time() // window_seconds)
            key = f"rl:{endpoint.__name__}:{key_func(request)}:{window}"
            count = _redis.incr(key)
            if count == 1:
                _redis.expire(key, window_seconds)
            if count > limit:
                raise HTTPException(status_code=429, detail="rate limit exceeded")
            return endpoint(*args, request=request, **kwargs)

        return wrapper

    return decorator
''',
    "tests/conftest.py": '''import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.users import User, create_user


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


@pytest.fixture
def user() -> User:
    return create_user(email="dev@example.com", password="hunter2")
''',
    "tests/test_auth.py": '''import time

from app.auth import get_session, login, logout
from app.config import settings


def test_login_returns_token():
    token = login(42)
    assert isinstance(token, str) and len(token) > 20


def test_get_session_roundtrip():
    token = login(7)
    session = get_session(token)
    assert session is not None
    assert session.user_id == 7


def test_unknown_token_is_rejected():
    assert get_session("not-a-token") is None


def test_logout_revokes_token():
    token = login(7)
    assert logout(token) is True
    assert get_session(token) is None


def test_logout_twice_is_false():
    token = login(7)
    logout(token)
    assert logout(token) is False


def test_expired_session(monkeypatch):
    token = login(3)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + settings.session_ttl_seconds + 1)
    assert get_session(token) is None


def test_middleware_rejects_missing_header(client):
    response = client.get("/projects")
    assert response.status_code == 401


def test_middleware_accepts_valid_token(client):
    token = login(1)
    response = client.get("/projects", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_login_endpoint(client, user):
    response = client.post("/auth/login", json={"email": user.email, "password": "hunter2"})
    assert response.status_code == 200
    assert response.json()["token_type"] == "bearer"
''',
    "docs/configuration.md": '''# Configuration

All settings come from environment variables.

| Variable | Default | Meaning |
|---|---|---|
| `DATABASE_URL` | `postgresql://localhost/acme` | Main database |
| `REDIS_URL` | `redis://localhost:6379/0` | Cache and rate limits |
| `SESSION_TTL_SECONDS` | `3600` | How long a login session lasts |
| `CORS_ORIGINS` | (empty) | Comma-separated allowed origins |
| `DEBUG` | (unset) | `1` enables debug pages |
''',
    "CHANGELOG.md": '''# Changelog

All notable changes to this project are documented here.

## [Unreleased]

### Fixed
- `GET /projects` no longer returns archived projects by default.

## [1.8.0] - 2026-11-02

### Added
- Project archiving (`POST /projects/{id}/archive`).
- `CORS_ORIGINS` setting.
''',
}

TOKENS_PY = '''"""Signed JWT access tokens and Redis-backed refresh tokens."""
from __future__ import annotations

import secrets
import time
import uuid
from dataclasses import dataclass

import jwt
from redis import Redis

from app.config import settings

_redis = Redis.from_url(settings.redis_url)
REFRESH_PREFIX = "refresh:"
DENYLIST_PREFIX = "denylist:"


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str


@dataclass(frozen=True)
class Claims:
    user_id: int
    jti: str
    expires_at: int


def issue_access_token(user_id: int) -> str:
    now = int(time.time())
    payload = {"sub": str(user_id), "jti": uuid.uuid4().hex, "iat": now, "exp": now + settings.access_token_ttl_seconds}
    return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)


def decode_access_token(token: str) -> Claims | None:
    try:
        payload = jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError:
        return None
    if _redis.exists(DENYLIST_PREFIX + payload["jti"]):
        return None
    return Claims(user_id=int(payload["sub"]), jti=payload["jti"], expires_at=payload["exp"])


def issue_token_pair(user_id: int) -> TokenPair:
    refresh_token = secrets.token_urlsafe(48)
    _redis.setex(REFRESH_PREFIX + refresh_token, settings.refresh_token_ttl_seconds, user_id)
    return TokenPair(access_token=issue_access_token(user_id), refresh_token=refresh_token)


def rotate_refresh_token(refresh_token: str) -> TokenPair | None:
    user_id = _redis.getdel(REFRESH_PREFIX + refresh_token)
    if user_id is None:
        return None
    return issue_token_pair(int(user_id))


def revoke_access_token(token: str) -> bool:
    claims = decode_access_token(token)
    if claims is None:
        return False
    ttl = max(1, claims.expires_at - int(time.time()))
    _redis.setex(DENYLIST_PREFIX + claims.jti, ttl, 1)
    return True
'''


class Repo:
    """The files the agent works on, and the tools that act on them, with Claude Code's output shapes."""

    def __init__(self) -> None:
        self.files = dict(ORIGINAL_FILES)

    @staticmethod
    def rel(path: str) -> str:
        assert path.startswith(ROOT + "/"), path
        return path[len(ROOT) + 1:]

    @staticmethod
    def numbered(lines: list[str], first: int) -> str:
        return "\n".join(f"{first + i:>6}\u2192{line}" for i, line in enumerate(lines))

    def read(self, args: dict) -> str:
        lines = self.files[self.rel(args["file_path"])].split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        offset = args.get("offset", 1)
        limit = args.get("limit", 2000)
        return self.numbered(lines[offset - 1:offset - 1 + limit], offset)

    def write(self, args: dict) -> str:
        self.files[self.rel(args["file_path"])] = args["content"]
        return f"File created successfully at: {args['file_path']}"

    def edit(self, args: dict) -> str:
        rel = self.rel(args["file_path"])
        content = self.files[rel]
        old, new = args["old_string"], args["new_string"]
        assert content.count(old) == 1, (rel, old)
        start = content.index(old)
        self.files[rel] = content[:start] + new + content[start + len(old):]
        lines = self.files[rel].split("\n")
        first = content[:start].count("\n")
        last = first + max(new.count("\n"), 0)
        lo, hi = max(0, first - 4), min(len(lines) - 1, last + 4)
        if lines[hi] == "" and hi == len(lines) - 1:
            hi -= 1
        snippet = self.numbered(lines[lo:hi + 1], lo + 1)
        return (f"The file {args['file_path']} has been updated. Here's the result of running `cat -n` on a "
                f"snippet of the edited file:\n{snippet}")

    def grep(self, args: dict) -> str:
        pattern = re.compile(args["pattern"])
        base = self.rel(args["path"]) if args.get("path", ROOT) != ROOT else ""
        mode = args.get("output_mode", "files_with_matches")
        hits, files = [], []
        for rel in sorted(self.files):
            if base and not (rel == base or rel.startswith(base + "/")):
                continue
            if "glob" in args and not rel.endswith(args["glob"].lstrip("*")):
                continue
            matched = False
            for number, line in enumerate(self.files[rel].split("\n"), 1):
                if pattern.search(line):
                    matched = True
                    hits.append(f"{ROOT}/{rel}:{number}:{line}" if args.get("-n") else f"{ROOT}/{rel}:{line}")
            if matched:
                files.append(f"{ROOT}/{rel}")
        if mode == "content":
            return "\n".join(hits) if hits else "No matches found"
        return f"Found {len(files)} file{'s' if len(files) != 1 else ''}\n" + "\n".join(files)

    def changed(self) -> list[str]:
        return [rel for rel in sorted(self.files) if rel in ORIGINAL_FILES and self.files[rel] != ORIGINAL_FILES[rel]]

    def untracked(self) -> list[str]:
        return [rel for rel in sorted(self.files) if rel not in ORIGINAL_FILES]

    def diff(self, rel: str) -> str:
        old = ORIGINAL_FILES[rel].splitlines(keepends=True)
        new = self.files[rel].splitlines(keepends=True)
        body = "".join(difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}", n=3))
        index = f"index {hexid(7)}..{hexid(7)} 100644"
        return f"diff --git a/{rel} b/{rel}\n{index}\n{body}"

    def diff_stat(self) -> str:
        rows, inserted, deleted = [], 0, 0
        width = max(len(rel) for rel in self.changed())
        for rel in self.changed():
            plus = minus = 0
            for line in difflib.unified_diff(ORIGINAL_FILES[rel].splitlines(), self.files[rel].splitlines(), n=0):
                if line.startswith("+") and not line.startswith("+++"):
                    plus += 1
                elif line.startswith("-") and not line.startswith("---"):
                    minus += 1
            inserted, deleted = inserted + plus, deleted + minus
            rows.append(f" {rel:<{width}} | {plus + minus:>2} {'+' * plus}{'-' * minus}")
        n = len(rows)
        rows.append(f" {n} file{'s' if n != 1 else ''} changed, {inserted} insertion{'s' if inserted != 1 else ''}(+), "
                    f"{deleted} deletion{'s' if deleted != 1 else ''}(-)")
        return "\n".join(rows)

    def status(self) -> str:
        return "\n".join([f" M {rel}" for rel in self.changed()] + [f"?? {rel}" for rel in self.untracked()])


# --------------------------------------------------------------------------------------------------
# Scenario 1: alice's Claude Code session, 47 turns, whole history resent every turn
# --------------------------------------------------------------------------------------------------

CODING_SESSION = "sess-refactor-auth"
CODING_MODEL = "claude-sonnet-4-5-20250929"

CODING_SYSTEM = f"""You are a coding agent running in the user's terminal. You help with software engineering \
tasks: reading and changing code, running commands and tests, and explaining what you did.

Work in small verified steps. Read a file before you edit it. Prefer editing existing files to creating new \
ones. Run the project's tests after a change and read their output before claiming success. Never commit \
unless the user asks you to. Keep answers short: the user reads them in a terminal.

Tools: Read (read a file, optionally a line range), Grep (ripgrep over the repository), Edit (replace one \
exact string in a file), Write (create a file), Bash (run a shell command in the working directory; \
commands time out after 2 minutes).

When you reference code, use the form path:line so the user can jump to it.

<env>
Working directory: {ROOT}
Is directory a git repo: Yes
Platform: linux
OS Version: Linux 6.8.0-49-generic
Today's date: 2026-11-20
</env>
gitStatus: This is the git status at the start of the conversation.
Current branch: refactor/jwt-auth
Main branch (you will usually use this for PRs): main
Status:
(clean)
Recent commits:
8c41f0e Archive projects instead of deleting them
2b9e7d3 Add CORS_ORIGINS setting
f1a0c55 Pin starlette to 0.41"""

CODING_TASK_1 = """Refactor the auth module: replace the in-memory SessionStore in app/auth/session.py with \
signed JWT access tokens (PyJWT is already a dependency) and keep refresh tokens in Redis so logins survive \
restarts and work across workers. login(), logout() and get_session() must keep their signatures because \
other services import them. Update the middleware and the tests, and make sure the whole suite passes."""

CODING_TASK_2 = """Nice. Two more things: rate-limit POST /auth/refresh to 5 requests per minute per user \
(not per IP, our mobile clients share NAT addresses), and add a CHANGELOG entry. Run ruff before you finish."""

PYTEST_BASELINE = """.........                                                                [100%]
9 passed in 0.41s"""

PYTEST_NO_REDIS = """.F.FFF.F.                                                                [100%]
=================================== FAILURES ===================================
__________________________ test_get_session_roundtrip __________________________
tests/test_auth.py:14: in test_get_session_roundtrip
    session = get_session(token)
app/auth/session.py:25: in get_session
    claims = tokens.decode_access_token(token)
app/auth/tokens.py:43: in decode_access_token
    if _redis.exists(DENYLIST_PREFIX + payload["jti"]):
.venv/lib/python3.12/site-packages/redis/connection.py:357: in connect
    raise ConnectionError(self._error_message(e))
E   redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
___________________________ test_logout_revokes_token __________________________
tests/test_auth.py:25: in test_logout_revokes_token
    assert logout(token) is True
app/auth/tokens.py:62: in revoke_access_token
    claims = decode_access_token(token)
E   redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
___________________________ test_logout_twice_is_false _________________________
E   redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
_____________________________ test_expired_session _____________________________
E   redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
______________________ test_middleware_accepts_valid_token _____________________
tests/test_auth.py:50: in test_middleware_accepts_valid_token
    assert response.status_code == 200
E   assert 500 == 200
E    +  where 500 = <Response [500 Internal Server Error]>.status_code
=========================== short test summary info ============================
FAILED tests/test_auth.py::test_get_session_roundtrip - redis.exceptions.ConnectionError: Error 111 connecting...
FAILED tests/test_auth.py::test_logout_revokes_token - redis.exceptions.ConnectionError: Error 111 connecting ...
FAILED tests/test_auth.py::test_logout_twice_is_false - redis.exceptions.ConnectionError: Error 111 connecting...
FAILED tests/test_auth.py::test_expired_session - redis.exceptions.ConnectionError: Error 111 connecting to lo...
FAILED tests/test_auth.py::test_middleware_accepts_valid_token - assert 500 == 200
5 failed, 4 passed in 1.87s"""

PIP_SHOW_VERSIONS = """Name: PyJWT
Version: 2.9.0
Name: redis
Version: 5.0.8"""

PIP_SHOW_MISSING = """Exit code 1
WARNING: Package(s) not found: fakeredis"""

PIP_INSTALL = """Collecting fakeredis==2.26.1
  Downloading fakeredis-2.26.1-py3-none-any.whl.metadata (4.3 kB)
Requirement already satisfied: redis>=4.3 in ./.venv/lib/python3.12/site-packages (from fakeredis==2.26.1) (5.0.8)
Collecting sortedcontainers<3,>=2 (from fakeredis==2.26.1)
  Using cached sortedcontainers-2.4.0-py2.py3-none-any.whl.metadata (10 kB)
Downloading fakeredis-2.26.1-py3-none-any.whl (105 kB)
Using cached sortedcontainers-2.4.0-py2.py3-none-any.whl (29 kB)
Installing collected packages: sortedcontainers, fakeredis
Successfully installed fakeredis-2.26.1 sortedcontainers-2.4.0"""

PYTEST_EXPIRED = """.....F...                                                                [100%]
=================================== FAILURES ===================================
_____________________________ test_expired_session _____________________________

monkeypatch = <_pytest.monkeypatch.MonkeyPatch object at 0x7f3a2c1d5e10>

    def test_expired_session(monkeypatch):
        token = login(3)
        real_time = time.time
        monkeypatch.setattr(time, "time", lambda: real_time() + settings.session_ttl_seconds + 1)
>       assert get_session(token) is None
E       AssertionError: assert Session(user_id=3, token='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzIiwian...') is None
E        +  where Session(user_id=3, token='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzIiwian...') = get_session('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzIiwianRpIjoiNGQ5YjE...')

tests/test_auth.py:39: AssertionError
=========================== short test summary info ============================
FAILED tests/test_auth.py::test_expired_session - AssertionError: assert Session(user_id=3, token='eyJhbGciOiJIUzI1...
1 failed, 8 passed in 0.62s"""

PYTEST_AUTH_9 = """.........                                                                [100%]
9 passed in 0.58s"""

PYTEST_AUTH_11 = """...........                                                              [100%]
11 passed in 0.66s"""

PYTEST_FULL_89 = """........................................................................ [ 80%]
.................                                                        [100%]
=============================== warnings summary ===============================
tests/test_projects.py::test_archive_twice
  /home/alice/src/acme-api/app/db.py:88: DeprecationWarning: datetime.datetime.utcnow() is deprecated
    archived_at = datetime.utcnow()

-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html
89 passed, 1 warning in 7.12s"""

PYTEST_RATELIMIT_FAIL = """...........F                                                             [100%]
=================================== FAILURES ===================================
______________________ test_refresh_is_rate_limited_per_user ___________________
tests/test_auth.py:76: in test_refresh_is_rate_limited_per_user
    response = client.post("/auth/refresh", json={"refresh_token": pair.refresh_token})
.venv/lib/python3.12/site-packages/starlette/testclient.py:633: in post
    return super().post(
app/ratelimit.py:25: in wrapper
    count = _redis.incr(key)
.venv/lib/python3.12/site-packages/redis/connection.py:357: in connect
    raise ConnectionError(self._error_message(e))
E   redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
=========================== short test summary info ============================
FAILED tests/test_auth.py::test_refresh_is_rate_limited_per_user - redis.exceptions.ConnectionError: Error 11...
1 failed, 11 passed in 0.71s"""

PYTEST_AUTH_12 = """............                                                             [100%]
12 passed in 0.69s"""

RUFF_ERRORS = """Exit code 1
app/auth/session.py:4:8: F401 [*] `time` imported but unused
  |
2 | from __future__ import annotations
3 |
4 | import time
  |        ^^^^ F401
5 | from dataclasses import dataclass
  |
  = help: Remove unused import: `time`

app/auth/tokens.py:34:101: E501 Line too long (120 > 100)
   |
32 | def issue_access_token(user_id: int) -> str:
33 |     now = int(time.time())
34 |     payload = {"sub": str(user_id), "jti": uuid.uuid4().hex, "iat": now, "exp": now + settings.access_token_ttl_seconds}
   |                                                                                                     ^^^^^^^^^^^^^^^^^^^^ E501
35 |     return jwt.encode(payload, settings.jwt_secret, algorithm=settings.jwt_algorithm)
   |

Found 2 errors.
[*] 1 fixable with the `--fix` option."""

RUFF_AND_FULL = """All checks passed!
........................................................................ [ 80%]
..................                                                       [100%]
=============================== warnings summary ===============================
tests/test_projects.py::test_archive_twice
  /home/alice/src/acme-api/app/db.py:88: DeprecationWarning: datetime.datetime.utcnow() is deprecated
    archived_at = datetime.utcnow()

-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html
90 passed, 1 warning in 7.34s"""


def path(rel: str) -> str:
    return f"{ROOT}/{rel}"


def bash(command: str, description: str, result, seconds: float) -> tuple:
    return ("Bash", {"command": command, "description": description}, result, seconds)


def tool(name: str, args: dict) -> tuple:
    return (name, args, None, None)


SESSION_FACADE_OLD = ORIGINAL_FILES["app/auth/session.py"][
    ORIGINAL_FILES["app/auth/session.py"].index("store = SessionStore()"):]
SESSION_FACADE_NEW = '''def login(user_id: int) -> str:
    return tokens.issue_access_token(user_id)


def logout(token: str) -> bool:
    return tokens.revoke_access_token(token)


def get_session(token: str) -> Session | None:
    claims = tokens.decode_access_token(token)
    if claims is None:
        return None
    return Session(user_id=claims.user_id, token=token)
'''
SESSION_HEAD_OLD = ORIGINAL_FILES["app/auth/session.py"][
    :ORIGINAL_FILES["app/auth/session.py"].index("store = SessionStore()")]
SESSION_HEAD_NEW = '''"""Compatibility facade over app.auth.tokens: login/logout keep their old signatures."""
from __future__ import annotations

import time
from dataclasses import dataclass

from app.auth import tokens


@dataclass(frozen=True)
class Session:
    user_id: int
    token: str


'''

# Each step is one turn: the assistant's reply (optional reasoning, optional text, tool calls). Tool calls
# are (name, arguments, scripted result or None to run it on the repository, seconds or None).
# A step {"user": text, "pause_min": m} starts a new user request before the next turn.
CODING_STEPS: list[dict] = [
    {"user": CODING_TASK_1},
    {"reasoning": "The user wants the process-local SessionStore replaced by stateless JWT access tokens plus "
                  "Redis-backed refresh tokens, without changing login/logout/get_session. First I need every "
                  "caller of the store so the facade keeps them working, then the tests to see what they pin.",
     "text": "I'll start by finding every place that touches the session store.",
     "calls": [tool("Grep", {"pattern": "SessionStore|get_session|store\\.", "path": path("app"),
                             "output_mode": "content", "-n": True})]},
    {"calls": [tool("Read", {"file_path": path("app/auth/session.py")})]},
    {"calls": [tool("Read", {"file_path": path("app/auth/middleware.py")})]},
    {"text": "Let me check the settings and what the package exports.",
     "calls": [tool("Read", {"file_path": path("app/config.py")}),
               tool("Read", {"file_path": path("app/auth/__init__.py")})]},
    {"calls": [tool("Read", {"file_path": path("tests/test_auth.py")})]},
    {"text": "Baseline before changing anything:",
     "calls": [bash("python -m pytest -q tests/test_auth.py", "Run auth tests (baseline)", PYTEST_BASELINE, 2.4)]},
    {"calls": [bash("pip show pyjwt redis 2>/dev/null | grep -E '^(Name|Version):'",
                    "Check installed PyJWT and redis versions", PIP_SHOW_VERSIONS, 0.9)]},
    {"calls": [tool("Read", {"file_path": path("app/routes/auth.py")})]},
    {"text": "Plan:\n1. Add JWT settings to `app/config.py`.\n2. New `app/auth/tokens.py`: issue/decode access "
             "tokens, refresh tokens in Redis with rotation, a denylist for logout.\n3. Turn "
             "`app/auth/session.py` into a thin facade so `login`/`logout`/`get_session` keep their "
             "signatures.\n4. Point the middleware at the token decoder, add `/auth/refresh`.\n5. Fix the tests.",
     "calls": [tool("Edit", {"file_path": path("app/config.py"),
                             "old_string": '    session_ttl_seconds: int = _env_int("SESSION_TTL_SECONDS", 3600)\n',
                             "new_string": '    session_ttl_seconds: int = _env_int("SESSION_TTL_SECONDS", 3600)\n'
                                           '    jwt_secret: str = os.environ.get("JWT_SECRET", "dev-only-change-me")\n'
                                           '    jwt_algorithm: str = "HS256"\n'
                                           '    access_token_ttl_seconds: int = _env_int("ACCESS_TOKEN_TTL_SECONDS", 900)\n'
                                           '    refresh_token_ttl_seconds: int = _env_int("REFRESH_TOKEN_TTL_SECONDS", 1_209_600)\n'})]},
    {"calls": [tool("Write", {"file_path": path("app/auth/tokens.py"), "content": TOKENS_PY})]},
    {"text": "Now the facade: keep the public functions, drop the store.",
     "calls": [tool("Edit", {"file_path": path("app/auth/session.py"),
                             "old_string": SESSION_FACADE_OLD, "new_string": SESSION_FACADE_NEW})]},
    {"calls": [tool("Edit", {"file_path": path("app/auth/session.py"),
                             "old_string": SESSION_HEAD_OLD, "new_string": SESSION_HEAD_NEW})]},
    {"calls": [tool("Edit", {"file_path": path("app/auth/middleware.py"),
                             "old_string": "from app.auth.session import get_session\n",
                             "new_string": "from app.auth.tokens import decode_access_token\n"}),
               tool("Edit", {"file_path": path("app/auth/middleware.py"),
                             "old_string": "        session = get_session(token)\n        if session is None:\n",
                             "new_string": "        claims = decode_access_token(token)\n        if claims is None:\n"})]},
    {"calls": [tool("Edit", {"file_path": path("app/auth/middleware.py"),
                             "old_string": "request.state.user_id = session.user_id",
                             "new_string": "request.state.user_id = claims.user_id"}),
               tool("Edit", {"file_path": path("app/auth/__init__.py"),
                             "old_string": ORIGINAL_FILES["app/auth/__init__.py"],
                             "new_string": 'from app.auth.session import Session, get_session, login, logout\n'
                                           'from app.auth.tokens import TokenPair, issue_token_pair, rotate_refresh_token\n\n'
                                           '__all__ = [\n    "Session",\n    "TokenPair",\n    "get_session",\n'
                                           '    "issue_token_pair",\n    "login",\n    "logout",\n'
                                           '    "rotate_refresh_token",\n]\n'}),
               tool("Edit", {"file_path": path("app/routes/auth.py"),
                             "old_string": "from app.auth import login, logout\n",
                             "new_string": "from app.auth import login, logout, rotate_refresh_token\n"})]},
    {"text": "Adding the refresh endpoint.",
     "calls": [tool("Edit", {"file_path": path("app/routes/auth.py"),
                             "old_string": '    logout(token)\n',
                             "new_string": '    logout(token)\n\n\nclass RefreshRequest(BaseModel):\n'
                                           '    refresh_token: str\n\n\n@router.post("/refresh")\n'
                                           'def post_refresh(body: RefreshRequest, request: Request) -> dict[str, str]:\n'
                                           '    pair = rotate_refresh_token(body.refresh_token)\n'
                                           '    if pair is None:\n'
                                           '        raise HTTPException(status_code=401, detail="invalid refresh token")\n'
                                           '    return {"access_token": pair.access_token, "refresh_token": pair.refresh_token,\n'
                                           '            "token_type": "bearer"}\n'})]},
    {"calls": [bash("python -m pytest -q --tb=short tests/test_auth.py", "Run auth tests", PYTEST_NO_REDIS, 3.1)]},
    {"text": "The tests hit a real Redis. I'll swap in fakeredis from a fixture.",
     "calls": [tool("Read", {"file_path": path("tests/conftest.py")})]},
    {"calls": [bash("pip show fakeredis", "Check whether fakeredis is installed", (PIP_SHOW_MISSING, True), 0.7)]},
    {"calls": [bash("pip install fakeredis==2.26.1", "Install fakeredis for tests", PIP_INSTALL, 6.2)]},
    {"calls": [tool("Edit", {"file_path": path("tests/conftest.py"),
                             "old_string": "import pytest\nfrom fastapi.testclient import TestClient\n\n"
                                           "from app.main import create_app\n",
                             "new_string": "import fakeredis\nimport pytest\nfrom fastapi.testclient import TestClient\n\n"
                                           "from app.auth import tokens\nfrom app.main import create_app\n"}),
               tool("Edit", {"file_path": path("tests/conftest.py"),
                             "old_string": "@pytest.fixture\ndef client() -> TestClient:\n",
                             "new_string": "@pytest.fixture(autouse=True)\ndef fake_redis(monkeypatch):\n"
                                           "    server = fakeredis.FakeRedis()\n"
                                           '    monkeypatch.setattr(tokens, "_redis", server)\n'
                                           "    return server\n\n\n"
                                           "@pytest.fixture\ndef client() -> TestClient:\n"})]},
    {"calls": [bash("python -m pytest -q tests/test_auth.py", "Run auth tests", PYTEST_EXPIRED, 2.2)]},
    {"text": "PyJWT checks `exp` with `datetime.now()`, so the test's patched `time.time` has no effect. "
             "I'll check expiry against `time.time()` myself.",
     "calls": [tool("Read", {"file_path": path("app/auth/tokens.py"), "offset": 38, "limit": 10})]},
    {"calls": [tool("Edit", {"file_path": path("app/auth/tokens.py"),
                             "old_string": '        payload = jwt.decode(token, settings.jwt_secret, '
                                           'algorithms=[settings.jwt_algorithm])\n    except jwt.PyJWTError:\n'
                                           '        return None\n',
                             "new_string": '        payload = jwt.decode(\n            token,\n'
                                           '            settings.jwt_secret,\n'
                                           '            algorithms=[settings.jwt_algorithm],\n'
                                           '            options={"verify_exp": False},\n        )\n'
                                           '    except jwt.PyJWTError:\n        return None\n'
                                           '    if payload["exp"] <= time.time():\n        return None\n'})]},
    {"calls": [bash("python -m pytest -q tests/test_auth.py", "Run auth tests", PYTEST_AUTH_9, 2.0)]},
    {"text": "All green. The expiry test still uses the old setting, and refresh rotation has no tests yet.",
     "calls": [tool("Edit", {"file_path": path("tests/test_auth.py"),
                             "old_string": "settings.session_ttl_seconds + 1",
                             "new_string": "settings.access_token_ttl_seconds + 1"}),
               tool("Edit", {"file_path": path("tests/test_auth.py"),
                             "old_string": "from app.auth import get_session, login, logout\n",
                             "new_string": "from app.auth import get_session, issue_token_pair, login, logout, "
                                           "rotate_refresh_token\n"}),
               tool("Edit", {"file_path": path("tests/test_auth.py"),
                             "old_string": '    assert response.json()["token_type"] == "bearer"\n',
                             "new_string": '    assert response.json()["token_type"] == "bearer"\n\n\n'
                                           'def test_refresh_rotates_token():\n'
                                           '    pair = issue_token_pair(5)\n'
                                           '    rotated = rotate_refresh_token(pair.refresh_token)\n'
                                           '    assert rotated is not None\n'
                                           '    assert rotated.refresh_token != pair.refresh_token\n'
                                           '    assert get_session(rotated.access_token).user_id == 5\n\n\n'
                                           'def test_refresh_token_is_single_use():\n'
                                           '    pair = issue_token_pair(5)\n'
                                           '    rotate_refresh_token(pair.refresh_token)\n'
                                           '    assert rotate_refresh_token(pair.refresh_token) is None\n'})]},
    {"calls": [bash("python -m pytest -q tests/test_auth.py", "Run auth tests", PYTEST_AUTH_11, 2.1)]},
    {"calls": [tool("Grep", {"pattern": "session_ttl|SESSION_TTL", "path": ROOT, "output_mode": "content", "-n": True})]},
    {"text": "Removing the dead setting and its documentation.",
     "calls": [tool("Edit", {"file_path": path("app/config.py"),
                             "old_string": '    session_ttl_seconds: int = _env_int("SESSION_TTL_SECONDS", 3600)\n',
                             "new_string": ""}),
               tool("Edit", {"file_path": path("docs/configuration.md"),
                             "old_string": "| `SESSION_TTL_SECONDS` | `3600` | How long a login session lasts |\n",
                             "new_string": "| `JWT_SECRET` | `dev-only-change-me` | Signs access tokens; set it in production |\n"
                                           "| `ACCESS_TOKEN_TTL_SECONDS` | `900` | Access token lifetime |\n"
                                           "| `REFRESH_TOKEN_TTL_SECONDS` | `1209600` | Refresh token lifetime (14 days) |\n"})]},
    {"calls": [bash("python -m pytest -q", "Run the whole test suite", PYTEST_FULL_89, 11.4)]},
    {"calls": [bash("git diff --stat && git diff app/auth/middleware.py", "Review the change",
                    lambda repo: repo.diff_stat() + "\n" + repo.diff("app/auth/middleware.py"), 0.2)]},
    {"text": "Done. The in-memory store is gone:\n\n"
             "- `app/auth/tokens.py` (new): HS256 access tokens (15 min, `ACCESS_TOKEN_TTL_SECONDS`), refresh "
             "tokens in Redis (14 days), single-use with rotation, and a Redis denylist so `logout()` still "
             "revokes a token before it expires.\n"
             "- `app/auth/session.py` is now a facade: `login()`, `logout()` and `get_session()` keep their "
             "signatures, so other services need no change.\n"
             "- Middleware decodes the JWT directly; new `POST /auth/refresh`.\n"
             "- Tests use fakeredis via an autouse fixture; 2 new tests for rotation. Full suite: 89 passed.\n\n"
             "Note: set `JWT_SECRET` in production; the default is for development only. `fakeredis` needs to be "
             "added to your dev requirements."},
    {"user": CODING_TASK_2, "pause_min": 6.5},
    {"calls": [tool("Grep", {"pattern": "rate_limit", "path": path("app"), "output_mode": "content", "-n": True})]},
    {"calls": [tool("Read", {"file_path": path("app/ratelimit.py")})]},
    {"text": "The limiter already takes a `key_func`; I'll key `/auth/refresh` on the refresh token's owner.",
     "calls": [tool("Read", {"file_path": path("app/routes/auth.py"), "offset": 30, "limit": 15})]},
    {"calls": [tool("Edit", {"file_path": path("app/routes/auth.py"),
                             "old_string": "from app.auth import login, logout, rotate_refresh_token\n",
                             "new_string": "from app.auth import login, logout, rotate_refresh_token\n"
                                           "from app.auth.tokens import refresh_token_owner\n"
                                           "from app.ratelimit import rate_limit\n"}),
               tool("Edit", {"file_path": path("app/routes/auth.py"),
                             "old_string": '@router.post("/refresh")\n',
                             "new_string": '@router.post("/refresh")\n'
                                           '@rate_limit(5, window_seconds=60, key_func=refresh_token_owner)\n'}),
               tool("Edit", {"file_path": path("app/auth/tokens.py"),
                             "old_string": "def revoke_access_token(token: str) -> bool:\n",
                             "new_string": "def refresh_token_owner(request) -> str:\n"
                                           '    """Rate-limit key: the user a refresh token belongs to."""\n'
                                           '    token = request.state.body.get("refresh_token", "")\n'
                                           '    owner = _redis.get(REFRESH_PREFIX + token)\n'
                                           '    return f"user:{int(owner)}" if owner else "anonymous"\n\n\n'
                                           "def revoke_access_token(token: str) -> bool:\n"})]},
    {"calls": [tool("Edit", {"file_path": path("tests/test_auth.py"),
                             "old_string": "    assert rotate_refresh_token(pair.refresh_token) is None\n",
                             "new_string": "    assert rotate_refresh_token(pair.refresh_token) is None\n\n\n"
                                           "def test_refresh_is_rate_limited_per_user(client):\n"
                                           "    pair = issue_token_pair(9)\n"
                                           "    for _ in range(5):\n"
                                           '        response = client.post("/auth/refresh", json={"refresh_token": pair.refresh_token})\n'
                                           "        assert response.status_code == 200\n"
                                           '        pair = pair.__class__(**{**pair.__dict__, "refresh_token": response.json()["refresh_token"]})\n'
                                           '    response = client.post("/auth/refresh", json={"refresh_token": pair.refresh_token})\n'
                                           "    assert response.status_code == 429\n"})]},
    {"calls": [bash("python -m pytest -q --tb=short tests/test_auth.py", "Run auth tests", PYTEST_RATELIMIT_FAIL, 2.3)]},
    {"text": "The limiter has its own Redis client that the fixture doesn't patch.",
     "calls": [tool("Read", {"file_path": path("tests/conftest.py"), "offset": 1, "limit": 16})]},
    {"calls": [tool("Edit", {"file_path": path("tests/conftest.py"),
                             "old_string": "from app.auth import tokens\n",
                             "new_string": "from app import ratelimit\nfrom app.auth import tokens\n"}),
               tool("Edit", {"file_path": path("tests/conftest.py"),
                             "old_string": '    monkeypatch.setattr(tokens, "_redis", server)\n',
                             "new_string": '    monkeypatch.setattr(tokens, "_redis", server)\n'
                                           '    monkeypatch.setattr(ratelimit, "_redis", server)\n'})]},
    {"calls": [bash("python -m pytest -q tests/test_auth.py", "Run auth tests", PYTEST_AUTH_12, 2.2)]},
    {"calls": [bash("ruff check app tests", "Lint with ruff", (RUFF_ERRORS, True), 0.6)]},
    {"calls": [tool("Edit", {"file_path": path("app/auth/session.py"),
                             "old_string": "import time\nfrom dataclasses import dataclass\n",
                             "new_string": "from dataclasses import dataclass\n"}),
               tool("Edit", {"file_path": path("app/auth/tokens.py"),
                             "old_string": '    payload = {"sub": str(user_id), "jti": uuid.uuid4().hex, "iat": now, '
                                           '"exp": now + settings.access_token_ttl_seconds}\n',
                             "new_string": '    payload = {\n        "sub": str(user_id),\n'
                                           '        "jti": uuid.uuid4().hex,\n        "iat": now,\n'
                                           '        "exp": now + settings.access_token_ttl_seconds,\n    }\n'})]},
    {"calls": [bash("ruff check app tests && python -m pytest -q", "Lint and run the whole suite", RUFF_AND_FULL, 12.1)]},
    {"calls": [tool("Read", {"file_path": path("CHANGELOG.md"), "limit": 12})]},
    {"calls": [tool("Edit", {"file_path": path("CHANGELOG.md"),
                             "old_string": "## [Unreleased]\n\n",
                             "new_string": "## [Unreleased]\n\n### Changed\n"
                                           "- Auth uses signed JWT access tokens (15 min) and Redis-backed refresh "
                                           "tokens (14 days, rotated on use) instead of in-memory sessions. Set "
                                           "`JWT_SECRET` in production.\n"
                                           "- `SESSION_TTL_SECONDS` is replaced by `ACCESS_TOKEN_TTL_SECONDS` and "
                                           "`REFRESH_TOKEN_TTL_SECONDS`.\n\n### Added\n"
                                           "- `POST /auth/refresh`, limited to 5 requests per minute per user.\n\n"})]},
    {"calls": [bash("git status --short", "Show changed files", lambda repo: repo.status(), 0.1)]},
    {"text": "Done:\n\n"
             "- `POST /auth/refresh` is limited to 5 requests/minute **per user**: the key comes from the refresh "
             "token's owner (`refresh_token_owner` in `app/auth/tokens.py`), so clients behind one NAT don't "
             "share a budget. Unknown tokens share an `anonymous` bucket.\n"
             "- The test fixture now patches the limiter's Redis client too; new test "
             "`test_refresh_is_rate_limited_per_user`.\n"
             "- CHANGELOG has Changed/Added entries under Unreleased.\n"
             "- `ruff check` is clean and the full suite passes (90 tests).\n\n"
             "Nothing is committed; `app/auth/tokens.py` is a new, untracked file."},
]

CLAUDE_TOOLS_TOKENS = 14_118  # the tool definitions Claude Code sends with every request (not in the messages)


def claude_usage(rng_input: int, prefix_cached: int, prompt_total: int, write_1h: int, output: int) -> dict:
    """Anthropic-style counters: a few uncached tokens, the cached prefix read, the new part written."""
    usage = {"input": rng_input, "output": output}
    if prefix_cached:
        usage["cacheRead"] = prefix_cached
    write_5m = prompt_total - prefix_cached - write_1h - rng_input
    assert write_5m >= 0
    usage["cacheWrite5m"] = write_5m
    if write_1h:
        usage["cacheWrite1h"] = write_1h
    return usage


def coding_session(start_ms: int) -> int:
    repo = Repo()
    system_msg = message("system", [text_part(CODING_SYSTEM)])
    history: list[dict] = [system_msg]
    pending: list[dict] = []  # messages added since the previous turn: the trace's input
    turn = 0
    now = start_ms
    prev_cached_prompt = 0  # prompt tokens the previous request left in the 5-minute cache
    system_tokens = message_tokens([system_msg]) + CLAUDE_TOOLS_TOKENS
    last_request_start = None
    tags = ["claude-code", "namespace:acme", f"model:{CODING_MODEL}"]
    for step in CODING_STEPS:
        if "user" in step:
            if "pause_min" in step:
                now += int(step["pause_min"] * MINUTE)
            user_msg = message("user", [text_part(step["user"])])
            history.append(user_msg)
            pending.append(user_msg)
            continue
        turn += 1
        trace_id = f"refactor-auth-turn-{turn:02d}"
        gen_id = f"{trace_id}-gen"
        parts = []
        if "reasoning" in step:
            parts.append({"type": "reasoning", "text": step["reasoning"], "signature": rid("Eq", 10) + "QBCkgIBxABGAIiQ" + rid("", 48)})
        if "text" in step:
            parts.append(text_part(step["text"]))
        calls = []
        for name, args, result, seconds in step.get("calls", []):
            call_id = rid("toolu_01", 22)
            parts.append(call_part(call_id, name, args))
            calls.append((call_id, name, args, result, seconds))
        assistant = message("assistant", parts)

        # Usage: the system prompt and tools sit in the 1-hour cache from turn 1 on; each request reads the
        # prefix cached by the previous one and writes the rest. A pause longer than 5 minutes drops the
        # 5-minute part, so the whole conversation is written again.
        prompt_total = system_tokens + message_tokens(history[1:])
        uncached = rng.randint(3, 9)
        expired = last_request_start is not None and now - last_request_start > 5 * MINUTE
        if turn == 1:
            usage = claude_usage(uncached, 0, prompt_total, system_tokens, 0)
        elif expired:
            usage = claude_usage(uncached, system_tokens, prompt_total, 0, 0)
        else:
            usage = claude_usage(uncached, prev_cached_prompt, prompt_total, 0, 0)
        prev_cached_prompt = prompt_total - uncached
        output_tokens = message_tokens([assistant]) + rng.randint(2, 30)
        usage["output"] = output_tokens

        ttft = int(800 + prompt_total / 45 + rng.randint(0, 700))
        duration = ttft + int(output_tokens / rng.uniform(55, 80) * SECOND)
        gen_start, gen_end = now, now + duration
        last_request_start = gen_start
        stop_reason = "tool_use" if calls else "end_turn"

        trace(gen_start, id=trace_id, name=f"claude_turn_{turn}", userId="alice", sessionId=CODING_SESSION,
              tags=tags, inputMessages=list(pending), outputMessages=[assistant],
              environment="development",
              metadata={"namespace": "acme", "user_name": "Alice Martin", "model": CODING_MODEL,
                        "initial_prompt": CODING_TASK_1[:200], "cwd": ROOT, "gitBranch": "refactor/jwt-auth",
                        "client": "claude-code", "client_version": "2.0.14"})
        observation(gen_start, gen_end, id=gen_id, traceId=trace_id, kind="generation", name=f"claude_turn_{turn}",
                    completionStartTime=ts(gen_start + ttft), model=CODING_MODEL,
                    modelParameters={"max_tokens": 32000, "temperature": 1, "stream": True},
                    inputMessages=list(history), outputMessages=[assistant], usage=usage,
                    metadata={"message_id": rid("msg_01", 22), "request_id": rid("req_011C", 20),
                              "stop_reason": stop_reason, "service_tier": "standard"})
        history.append(assistant)
        pending = []

        # Run the tools, one after the other, as children of the generation.
        t = gen_end + rng.randint(15, 60)
        results = []
        for index, (call_id, name, args, result, seconds) in enumerate(calls, 1):
            is_error = False
            if result is None:
                content = {"Read": repo.read, "Edit": repo.edit, "Write": repo.write, "Grep": repo.grep}[name](args)
            elif callable(result):
                content = result(repo)
            elif isinstance(result, tuple):
                content, is_error = result
            else:
                content = result
            if seconds is None:
                seconds = {"Read": 0.03, "Edit": 0.05, "Write": 0.04, "Grep": 0.18}[name] * rng.uniform(0.6, 1.8)
            else:
                seconds *= rng.uniform(0.9, 1.1)
            end = t + int(seconds * SECOND)
            span = dict(id=f"{trace_id}-tool-{index}", traceId=trace_id, parentId=gen_id, kind="tool",
                        name=f"tool_{name}", input=args, output=content, metadata={"toolCallId": call_id})
            if is_error:
                span.update(level="WARNING", statusMessage=content.split("\n", 1)[0])
            observation(t, end, **span)
            results.append(result_part(call_id, content, is_error))
            t = end + rng.randint(5, 40)
        if results:
            tool_msg = message("tool", results)
            history.append(tool_msg)
            pending.append(tool_msg)
            now = t + rng.randint(40, 250)
        else:
            now = gen_end + rng.randint(1, 3) * SECOND

    score(now + 4 * MINUTE, id="score-refactor-auth-outcome", name="task_outcome", value="success",
          dataType="CATEGORICAL", sessionId=CODING_SESSION, source="ANNOTATION",
          comment="Merged after review; only the CHANGELOG wording was changed.")
    score(now + 5 * MINUTE, id="score-refactor-auth-correctness", name="correctness", value=0.9,
          dataType="NUMERIC", traceId=f"refactor-auth-turn-{turn:02d}", source="EVAL",
          comment="LLM judge: summary matches the diff; refresh-token owner lookup reads request.state.body, "
                  "which the app never sets.", metadata={"judge": "claude-haiku-4-5-20251001", "rubric": "v2"})
    return turn


# --------------------------------------------------------------------------------------------------
# Scenario 2: bob's OpenAI function-calling chat, with a 429 and a retry, client-reported cost
# --------------------------------------------------------------------------------------------------

TRIP_SESSION = "sess-trip-planner"
GPT4O = "gpt-4o-2024-08-06"
GPT4O_PRICE = {"input": 2.5e-06, "cacheRead": 1.25e-06, "output": 1e-05}
TRIP_TOOLS_TOKENS = 742  # the two function schemas (with descriptions) sent with every request

TRIP_SYSTEM = """You are Wayfarer, the travel assistant of Acme Travel. You help customers compare destinations \
and find flights. Use get_weather for forecasts and search_flights for flight options; never invent prices, \
times or flight numbers. Prices are in USD and include taxes. When comparing options, put the cheapest first \
and say how many stops each has. Dates the user gives without a year are in 2026. Be brief: customers read \
you on their phones, so prefer short lists over paragraphs. If the user wants to book, explain that booking \
happens on the Acme Travel site and give the flight number to search for. Never ask for payment details."""


def openai_usage(prompt_tokens: int, cached: int, completion: int) -> tuple[dict, dict]:
    """Native usage (uncached input: OpenAI's prompt_tokens minus cached_tokens) and the client's cost."""
    usage = {"input": prompt_tokens - cached, "output": completion, "total": prompt_tokens + completion,
             "reasoning": 0}
    if cached:
        usage["cacheRead"] = cached
    parts = {"input": round(usage["input"] * GPT4O_PRICE["input"], 8),
             "output": round(completion * GPT4O_PRICE["output"], 8)}
    if cached:
        parts["cacheRead"] = round(cached * GPT4O_PRICE["cacheRead"], 8)
    return usage, {"total": round(sum(parts.values()), 8), "parts": parts}


def trip_planner(start_ms: int) -> None:
    history = [message("system", [text_part(TRIP_SYSTEM)])]
    tags = ["openai", "travel-bot", "function-calling"]
    meta = {"app": "travel-bot", "channel": "ios", "sdk": "openai-python"}
    now = start_ms
    cached_prefix = 0  # OpenAI caches in 128-token steps once a prompt reaches 1024 tokens

    weather = {
        ("Paris, FR", "2026-11-28"): {"location": "Paris, FR", "date": "2026-11-28", "summary": "light rain",
                                       "temp_c": {"min": 6, "max": 10}, "precip_probability": 0.7, "wind_kph": 18},
        ("Lisbon, PT", "2026-11-28"): {"location": "Lisbon, PT", "date": "2026-11-28", "summary": "sunny spells",
                                        "temp_c": {"min": 11, "max": 17}, "precip_probability": 0.15, "wind_kph": 12},
    }
    flights = {
        "CDG": {"origin": "BOS", "destination": "CDG", "date": "2026-11-27", "flights": [
            {"flight": "AF 333", "depart": "2026-11-27T18:40-05:00", "arrive": "2026-11-28T07:55+01:00", "stops": 0, "price_usd": 642},
            {"flight": "DL 224", "depart": "2026-11-27T21:15-05:00", "arrive": "2026-11-28T10:30+01:00", "stops": 0, "price_usd": 688},
            {"flight": "BA 212 / BA 308", "depart": "2026-11-27T17:50-05:00", "arrive": "2026-11-28T09:45+01:00", "stops": 1, "layover": "LHR 1h35", "price_usd": 571}]},
        "LIS": {"origin": "BOS", "destination": "LIS", "date": "2026-11-27", "flights": [
            {"flight": "TP 218", "depart": "2026-11-27T18:05-05:00", "arrive": "2026-11-28T05:55+00:00", "stops": 0, "price_usd": 598},
            {"flight": "UA 954 / TP 1351", "depart": "2026-11-27T16:30-05:00", "arrive": "2026-11-28T09:40+00:00", "stops": 1, "layover": "EWR 2h10", "price_usd": 534},
            {"flight": "AC 745 / AC 832", "depart": "2026-11-27T14:00-05:00", "arrive": "2026-11-28T07:15+00:00", "stops": 1, "layover": "YUL 3h05", "price_usd": 519}]},
    }

    turns = [
        {"user": "I'm flying out of Boston on Friday Nov 27. What's the weather looking like in Paris that weekend, "
                 "and what flights are there?",
         "calls": [("get_weather", {"location": "Paris, FR", "date": "2026-11-28"}),
                   ("search_flights", {"origin": "BOS", "destination": "CDG", "date": "2026-11-27", "max_results": 3})]},
        {"answer": "Paris on Sat Nov 28: light rain, 6–10 °C, 70% chance of rain.\n\nFlights BOS → CDG, Fri Nov 27:\n"
                   "1. BA 212 / BA 308, 1 stop (LHR 1h35), $571\n2. AF 333, nonstop, dep 18:40, $642\n"
                   "3. DL 224, nonstop, dep 21:15, $688"},
        {"user": "Hmm, rainy. How does Lisbon compare?", "rate_limited": True,
         "calls": [("get_weather", {"location": "Lisbon, PT", "date": "2026-11-28"}),
                   ("search_flights", {"origin": "BOS", "destination": "LIS", "date": "2026-11-27", "max_results": 3})]},
        {"answer": "Lisbon looks better: sunny spells, 11–17 °C, 15% chance of rain.\n\nFlights BOS → LIS, Fri Nov 27:\n"
                   "1. AC 745 / AC 832, 1 stop (YUL 3h05), $519\n2. UA 954 / TP 1351, 1 stop (EWR 2h10), $534\n"
                   "3. TP 218, nonstop, dep 18:05, $598\n\nLisbon is also $50–120 cheaper than Paris."},
        {"user": "Lisbon it is. Which of those has the shortest travel time? One line please.",
         "answer": "TP 218 (nonstop, 6 h 50 min, $598) — search \"TP 218\" on the Acme Travel site to book."},
    ]
    turn_no = 0
    for spec in turns:
        turn_no += 1
        trace_id = f"trip-planner-turn-{turn_no}"
        new_msgs = []
        if "user" in spec:
            user_msg = message("user", [text_part(spec["user"])], name="bob" if turn_no == 1 else None)
            history.append(user_msg)
            new_msgs.append(user_msg)
        elif turn_no > 1:
            new_msgs = [m for m in history if m["role"] == "tool"][-2:]
        calls = []
        if "calls" in spec:
            parts = []
            for name, args in spec["calls"]:
                call_id = rid("call_", 24)
                parts.append(call_part(call_id, name, args))
                calls.append((call_id, name, args))
            assistant = message("assistant", parts)
        else:
            assistant = message("assistant", [text_part(spec["answer"])])

        prompt_tokens = TRIP_TOOLS_TOKENS + message_tokens(history)
        completion = message_tokens([assistant]) + rng.randint(3, 12)
        cached = cached_prefix
        trace(now, id=trace_id, name="chat", userId="bob", sessionId=TRIP_SESSION, tags=tags, metadata=meta,
              environment="production", release="travel-bot@3.2.1",
              inputMessages=new_msgs, outputMessages=[assistant])
        gen_start = now
        model_params = {"temperature": 0.3, "tool_choice": "auto", "parallel_tool_calls": True, "stream": False}
        if spec.get("rate_limited"):
            fail_end = now + rng.randint(180, 260)
            observation(now, fail_end, id=f"{trace_id}-gen-1", traceId=trace_id, kind="generation",
                        name="openai.chat.completions", model=GPT4O, modelParameters=model_params,
                        inputMessages=list(history), level="ERROR",
                        statusMessage="429 Rate limit reached for gpt-4o in organization org-7kQ2vXb on tokens per "
                                      "min (TPM): Limit 30000, Used 29310, Requested 1466. Please try again in 1.552s.",
                        metadata={"attempt": 1, "error_type": "RateLimitError", "http_status": 429})
            gen_start = fail_end + 1600
            gen_id = f"{trace_id}-gen-2"
            attempt = 2
        else:
            gen_id = f"{trace_id}-gen"
            attempt = 1
        usage, cost = openai_usage(prompt_tokens, cached, completion)
        latency = int(450 + prompt_tokens / 6 + completion * 22 + rng.randint(0, 400))
        gen_end = gen_start + latency
        observation(gen_start, gen_end, id=gen_id, traceId=trace_id, kind="generation",
                    name="openai.chat.completions", model=GPT4O, modelParameters=model_params,
                    inputMessages=list(history), outputMessages=[assistant], usage=usage, cost=cost,
                    metadata={"attempt": attempt, "response_id": rid("chatcmpl-", 29),
                              "finish_reason": "tool_calls" if calls else "stop",
                              "system_fingerprint": "fp_07871e2ad8"})
        history.append(assistant)
        if prompt_tokens >= 1024:
            cached_prefix = (prompt_tokens // 128) * 128
        t = gen_end + rng.randint(20, 60)
        for index, (call_id, name, args) in enumerate(calls, 1):
            if name == "get_weather":
                content = json.dumps(weather[(args["location"], args["date"])], ensure_ascii=False)
                duration = rng.randint(180, 420)
            else:
                content = json.dumps(flights[args["destination"]], ensure_ascii=False)
                duration = rng.randint(900, 1800)
            observation(t, t + duration, id=f"{trace_id}-tool-{index}", traceId=trace_id, parentId=gen_id,
                        kind="tool", name=name, input=args, output=json.loads(content),
                        metadata={"toolCallId": call_id})
            history.append(message("tool", [result_part(call_id, content)]))
            t += duration + rng.randint(5, 30)
        now = t + (rng.randint(300, 900) if calls else rng.randint(25, 70) * SECOND)
        if turn_no == 5:
            score(now + 20 * SECOND, id="score-trip-helpfulness", name="helpfulness", value=4,
                  dataType="NUMERIC", traceId=trace_id, source="ANNOTATION",
                  comment="Right answer, but it should have mentioned the 05:55 arrival.")


# --------------------------------------------------------------------------------------------------
# Scenario 3: carol's RAG helpdesk (chain > embedding, retriever, generation)
# --------------------------------------------------------------------------------------------------

RAG_SESSION = "sess-docs-helpdesk"
RAG_MODEL = "openai/gpt-4.1-mini"
RAG_SYSTEM = ("You answer questions from Acme Cloud customers using only the documentation excerpts given in the "
              "user message. Cite excerpts as [1], [2]. If the excerpts do not answer the question, say so and "
              "suggest contacting support@acme.example.")

KB = [
    {"id": "kb-billing-refunds#2", "source": "kb/billing/refunds.md",
     "text": "Annual plans cancelled within 30 days of purchase or renewal are refunded in full to the original "
             "payment method. After 30 days, annual plans are refunded pro rata for whole unused months, minus a "
             "10% processing fee."},
    {"id": "kb-billing-refunds#3", "source": "kb/billing/refunds.md",
     "text": "Refunds are issued automatically when you cancel from Settings → Billing → Cancel plan. They reach "
             "cards in 5–10 business days and PayPal in 3–5 days. Invoices paid by bank transfer are refunded by "
             "transfer and need your IBAN."},
    {"id": "kb-billing-plans#1", "source": "kb/billing/plans.md",
     "text": "Monthly plans are not refundable; cancelling stops the next renewal and keeps access until the end "
             "of the paid month."},
    {"id": "kb-account-delete#4", "source": "kb/account/delete.md",
     "text": "Deleting your organization cancels every plan immediately. Pending refunds are still paid, but "
             "invoices are no longer available for download after deletion, so download them first."},
    {"id": "kb-billing-invoices#1", "source": "kb/billing/invoices.md",
     "text": "Invoices are available under Settings → Billing → Invoices as PDF. A corrected invoice (for example "
             "with a VAT number) can be requested within 90 days of the invoice date."},
]


def rag_helpdesk(start_ms: int) -> None:
    history = [message("system", [text_part(RAG_SYSTEM)])]
    questions = [
        ("I cancelled our annual plan last week (bought in March). Do we get money back, and how long does it take?",
         [0, 1, 2, 3], [0.83, 0.79, 0.61, 0.44],
         "Yes, partly. Your annual plan is past its first 30 days, so you get a pro-rata refund for the whole "
         "unused months, minus a 10% processing fee [1]. It is issued automatically when you cancel and reaches "
         "a card in 5–10 business days (PayPal 3–5) [2]."),
        ("Can I still get an invoice with our VAT number on it for the original purchase?",
         [4, 3, 0, 2], [0.88, 0.52, 0.31, 0.27],
         "Only if the invoice is less than 90 days old [1]. Yours is from March, so that window has passed; "
         "contact support@acme.example and they can tell you whether an exception is possible. Download your "
         "invoices before deleting the organization, if you plan to [2]."),
    ]
    now = start_ms
    for number, (question, picks, scores, answer) in enumerate(questions, 1):
        trace_id = f"rag-helpdesk-{number}"
        trace(now, id=trace_id, name="helpdesk-answer", userId="carol", sessionId=RAG_SESSION,
              tags=["rag", "helpdesk"], input={"question": question}, output={"answer": answer},
              metadata={"kb_index": "docs-v3", "locale": "en-GB"}, environment="production")
        chain_id = f"{trace_id}-chain"
        emb_start = now + 3
        emb_end = emb_start + rng.randint(90, 160)
        ret_start = emb_end + 2
        ret_end = ret_start + rng.randint(25, 70)
        docs = [dict(KB[i], score=s) for i, s in zip(picks, scores)]
        context = "\n\n".join(f"[{n}] ({d['source']}) {d['text']}" for n, d in enumerate(docs, 1))
        user_msg = message("user", [text_part(f"Documentation excerpts:\n{context}\n\nQuestion: {question}")])
        history.append(user_msg)
        assistant = message("assistant", [text_part(answer)])
        prompt_tokens = message_tokens(history)
        completion = message_tokens([assistant]) + rng.randint(2, 9)
        gen_start = ret_end + 4
        ttft = rng.randint(280, 520)
        gen_end = gen_start + ttft + completion * rng.randint(9, 14)
        observation(now, gen_end + 3, id=chain_id, traceId=trace_id, kind="chain", name="rag-pipeline",
                    input={"question": question}, output={"answer": answer})
        observation(emb_start, emb_end, id=f"{trace_id}-embed", traceId=trace_id, parentId=chain_id,
                    kind="embedding", name="embed-query", model="text-embedding-3-small",
                    input={"input": [question]}, output={"dimensions": 1536, "vectors": 1},
                    usage={"input": ntok(question), "total": ntok(question)})
        observation(ret_start, ret_end, id=f"{trace_id}-retrieve", traceId=trace_id, parentId=chain_id,
                    kind="retriever", name="vector-search",
                    input={"query": question, "top_k": 4, "index": "docs-v3"}, output={"documents": docs})
        observation(gen_start, gen_end, id=f"{trace_id}-gen", traceId=trace_id, parentId=chain_id,
                    kind="generation", name="answer", model=RAG_MODEL, completionStartTime=ts(gen_start + ttft),
                    modelParameters={"temperature": 0, "max_tokens": 400},
                    inputMessages=list(history), outputMessages=[assistant],
                    usage={"input": prompt_tokens, "output": completion, "total": prompt_tokens + completion})
        history.append(assistant)
        if number == 1:
            score(gen_end + 2 * SECOND, id="score-rag-retrieval-relevance", name="retrieval_relevance", value=0.82,
                  dataType="NUMERIC", traceId=trace_id, observationId=f"{trace_id}-retrieve", source="EVAL",
                  comment="3 of 4 excerpts relevant to refunds.")
        else:
            score(gen_end + 2 * SECOND, id="score-rag-hallucination", name="hallucination", value=0,
                  dataType="BOOLEAN", traceId=trace_id, observationId=f"{trace_id}-gen", source="EVAL")
        now = gen_end + rng.randint(70, 140) * SECOND


# --------------------------------------------------------------------------------------------------
# Smaller traces: no session, an error, an unpriced model, hostile text
# --------------------------------------------------------------------------------------------------

HAIKU = "claude-haiku-4-5-20251001"


def simple_chat(at_ms: int, trace_id: str, user: str, model: str, messages_in: list, answer: str, *,
                name: str, session: str | None = None, tags=None, metadata=None, usage_extra=None,
                trace_input=None) -> dict:
    assistant = message("assistant", [text_part(answer)])
    prompt_tokens = message_tokens(messages_in)
    completion = message_tokens([assistant]) + rng.randint(2, 9)
    ttft = rng.randint(350, 900)
    end = at_ms + ttft + completion * rng.randint(8, 20)
    trace(at_ms, id=trace_id, name=name, userId=user, sessionId=session, tags=tags, metadata=metadata,
          input=trace_input if trace_input is not None else messages_in[-1]["parts"][0]["text"], output=answer)
    usage = {"input": prompt_tokens, "output": completion}
    usage.update(usage_extra or {})
    observation(at_ms, end, id=f"{trace_id}-gen", traceId=trace_id, kind="generation", name=name, model=model,
                completionStartTime=ts(at_ms + ttft), inputMessages=messages_in, outputMessages=[assistant],
                usage=usage)
    return assistant


STANDUP_NOTES = """Summarize these stand-up notes in 3 bullets for the team channel:
- Alice: JWT auth refactor done, PR #412 up, needs review. Blocked on prod JWT_SECRET in the vault.
- Bob: travel-bot 3.2.1 rolled out to iOS; hitting OpenAI TPM limits at peak, added retry with backoff.
- Carol: helpdesk RAG index rebuilt (docs-v3), answer quality up on billing questions; looking at VAT invoices.
- Dave: on call, two pages overnight (Redis memory alert, false positive)."""


def standup(at_ms: int) -> None:
    system = message("system", [text_part("You write concise team updates. No preamble.")])
    first_in = [system, message("user", [text_part(STANDUP_NOTES)])]
    first = simple_chat(at_ms, "standup-summary", "bob", HAIKU, first_in,
                        "• Auth: JWT refactor ready for review (PR #412); needs prod JWT_SECRET in the vault.\n"
                        "• Bots: travel-bot 3.2.1 live on iOS with retry on OpenAI rate limits; helpdesk RAG index "
                        "docs-v3 improves billing answers.\n• Ops: two overnight pages, both Redis false positives.",
                        name="summarize-standup", tags=["slack-bot"], metadata={"channel": "#eng-standup"})
    second_in = first_in + [first, message("user", [text_part("Shorter, and add one emoji per bullet.")])]
    simple_chat(at_ms + 4 * MINUTE + 12 * SECOND, "standup-followup", "bob", HAIKU, second_in,
                "🔐 JWT auth ready for review (PR #412), needs prod secret\n"
                "🤖 travel-bot 3.2.1 live; helpdesk RAG smarter on billing\n"
                "📟 2 overnight pages, both false alarms",
                name="summarize-standup", tags=["slack-bot"], metadata={"channel": "#eng-standup"})


def failed_call(at_ms: int) -> None:
    trace_id = "fix-ci-turn-1"
    system = message("system", [text_part(CODING_SYSTEM.replace("2026-11-20", "2026-11-21")
                                          .replace("refactor/jwt-auth", "main"))])
    user = message("user", [text_part("CI is red on main since this morning: tests/test_projects.py::"
                                      "test_archive_twice fails on Python 3.13 only. Find out why and fix it.")])
    trace(at_ms, id=trace_id, name="claude_turn_1", userId="alice", sessionId="sess-fix-ci",
          tags=["claude-code", "namespace:acme", f"model:{CODING_MODEL}"], inputMessages=[user],
          metadata={"namespace": "acme", "cwd": ROOT, "gitBranch": "main", "client": "claude-code"},
          environment="development")
    observation(at_ms, at_ms + 2870, id=f"{trace_id}-gen", traceId=trace_id, kind="generation",
                name="claude_turn_1", model=CODING_MODEL,
                modelParameters={"max_tokens": 32000, "temperature": 1, "stream": True},
                inputMessages=[system, user], level="ERROR",
                statusMessage='API Error: 529 {"type":"error","error":{"type":"overloaded_error",'
                              '"message":"Overloaded"},"request_id":"req_011CVx3hQmT2bYp9LkNw4Rza"}',
                metadata={"retries": 10, "error_type": "overloaded_error", "http_status": 529})


def local_llama(at_ms: int) -> None:
    trace_id = "local-llama-podman"
    messages_in = [message("system", [text_part("You are a helpful assistant for Linux command-line questions.")]),
                   message("user", [text_part("How do I list only stopped containers with podman?")])]
    simple_chat(at_ms, trace_id, "carol", "my-local-llama", messages_in,
                "Use `podman ps --stopped`. It lists every container that is not running.",
                name="cli-helper", tags=["local"],
                metadata={"endpoint": "http://127.0.0.1:8080/v1", "quantization": "Q4_K_M", "context_length": 8192})
    score(at_ms + 50 * SECOND, id="score-local-llama-feedback", name="user_feedback", value="thumbs_down",
          dataType="CATEGORICAL", traceId=trace_id, source="ANNOTATION",
          comment="Made-up flag: the right command is `podman ps -a --filter status=exited`.")


HOSTILE_PROMPT = (
    "Why does my release build fail? I pasted the terminal:\n"
    "\u001b]0;pwned\u0007\u001b[1m$ make release\u001b[0m\n"
    "Compiling acme-cli  12%\rCompiling acme-cli  57%\rCompiling acme-cli 100%\n"
    "\u001b[31merror:\u001b[0m linker `cc` not found\n"
    "  \u001b[34m-->\u001b[0m note: password: hunter2\u0008\u0008\u0008\u0008\u0008\u0008\u0008*******\n"
    "\u001b[2J\u001b[H\u001b[?25l"
    "Also the README title shows as 日本語のテスト and the deploy emoji 🚀👩‍💻 looks wrong, and "
    "'cafe\u0301' (e + U+0301) vs 'café' differ in our search. \u202eThis text is reversed.\u202c\tEnd."
)

HOSTILE_ANSWER = (
    "The build fails because no C linker is installed: Rust needs `cc` to link. On Debian/Ubuntu run "
    "`sudo apt install build-essential`, then `make release` again.\n\n"
    "Two more things from your paste:\n"
    "- Your log contains terminal control sequences (a window-title change, a screen clear, a hidden cursor); "
    "paste logs with `NO_COLOR=1` or through `| cat -v` to keep them readable.\n"
    "- 'cafe\u0301' and 'café' are different code point sequences (NFD vs NFC); normalize to NFC before "
    "indexing. 日本語のテスト and 🚀👩‍💻 are fine in UTF-8; check the font if they render badly."
)


def hostile_text(at_ms: int) -> None:
    trace_id = "hostile-terminal-paste"
    messages_in = [message("user", [text_part(HOSTILE_PROMPT)])]
    assistant = message("assistant", [text_part(HOSTILE_ANSWER)])
    prompt_tokens = message_tokens(messages_in)
    completion = message_tokens([assistant]) + 5
    ttft = 610
    end = at_ms + ttft + completion * 11
    trace(at_ms, id=trace_id, name="build log \u001b[31mERROR\u001b[0m 🚀 日本語", userId="carol",
          tags=["terminal-paste", "日本語", "🚀"], inputMessages=messages_in, outputMessages=[assistant],
          metadata={"terminal": "xterm-256color", "note": "cafe\u0301 \u001b[7minverse\u001b[0m",
                    "ключ": "значение"})
    observation(at_ms, end, id=f"{trace_id}-gen", traceId=trace_id, kind="generation",
                name="ask \u001b]0;pwned\u0007", model=HAIKU, completionStartTime=ts(at_ms + ttft),
                inputMessages=messages_in, outputMessages=[assistant],
                usage={"input": prompt_tokens, "output": completion})
    observation(end + 5, None, id=f"{trace_id}-event", traceId=trace_id, kind="event",
                name="sanitizer-skipped", input={"raw": "\u001b[31m\r\u0008"},
                metadata={"reason": "demo: hostile text kept verbatim"}, level="DEBUG")


# --------------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "sample-data"),
                        help="output directory (default: sample-data/ next to scripts/)")
    args = parser.parse_args()

    # Day 1 (2026-11-20): the coding session, then bob's stand-up summary (two traces, no session).
    turns = coding_session(0)
    standup(7 * HOUR + 40 * MINUTE)
    # Day 2 (2026-11-21): a failed Claude call, then bob's travel chat.
    failed_call(DAY - 13 * MINUTE)
    trip_planner(DAY + 5 * HOUR + 10 * MINUTE)
    # Day 3 (2026-11-22): carol's helpdesk session, the hostile paste, the unpriced local model.
    rag_helpdesk(2 * DAY + 1 * HOUR + 5 * MINUTE)
    hostile_text(2 * DAY + 2 * HOUR + 20 * MINUTE)
    local_llama(2 * DAY + 6 * HOUR + 30 * MINUTE)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lines = OUT.lines()
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (out / "demo.jsonl").write_bytes(data)
    print(f"wrote {out / 'demo.jsonl'}: {len(lines)} records, {len(data)} bytes, {turns} coding turns")


if __name__ == "__main__":
    main()
