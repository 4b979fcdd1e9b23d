"""Seed 004: a coding agent traced per turn with the OTel-based Langfuse SDK (3.x and later).

propagate_attributes(user_id, session_id, tags, metadata) is entered by hand for the whole session;
each turn is a top-level generation `claude_turn_N` entered by hand (start_as_current_observation
+ __enter__, because the agent's stream spans several loop iterations), with `tool_<Name>` child
spans opened and closed as tool use and tool results arrive; at the end of the turn the generation
gets its output, Anthropic-style usage_details (uncached input, output, cache reads and writes)
and turn number, is exited, and the client is flushed, so each turn is visible immediately."""

import os

from _common import result, watch_client_logs

from langfuse import Langfuse, propagate_attributes

watch_client_logs("langfuse", "opentelemetry")

MODEL = "claude-sonnet-4-5@20250929"
SESSION = "agentic-session-7f3a"
lf = Langfuse(public_key=os.environ["LANGFUSE_PUBLIC_KEY"], secret_key=os.environ["LANGFUSE_SECRET_KEY"],
              host=os.environ["LANGFUSE_HOST"])

session_ctx = propagate_attributes(
    user_id="alice@example.com",
    session_id=SESSION,
    tags=["claude-code", "namespace:acme", f"model:{MODEL}"],
    metadata={"namespace": "acme", "user_name": "Alice", "model": MODEL,
              "initial_prompt": "Fix the failing test in auth/"},
)
session_ctx.__enter__()

TURNS = [
    {
        "prompt": "Fix the failing test in auth/",
        "tools": [("toolu_01", "Read", {"file_path": "/src/auth/test_login.py"}, "def test_login(): ...", False),
                  ("toolu_02", "Bash", {"command": "pytest -q auth"}, "1 failed, 4 passed", False)],
        "output": "The test fails because the token expiry is compared in local time.",
        "usage": {"input": 12, "output": 180, "cache_read_input_tokens": 0, "cache_creation_input_tokens": 14500},
    },
    {
        "prompt": "Go ahead and fix it.",
        "tools": [("toolu_03", "Read", {"file_path": "/src/auth/tokens.py"}, "EXPIRY = datetime.now()", False),
                  ("toolu_04", "Bash", {"command": "pytest -q auth"}, "exit status 1", True)],
        "output": "I changed the comparison to UTC, but one test still fails.",
        "usage": {"input": 7, "output": 95, "cache_read_input_tokens": 14500, "cache_creation_input_tokens": 420},
    },
    {
        "prompt": "Run the suite again.",
        "tools": [("toolu_05", "Bash", {"command": "pytest -q"}, "52 passed", False)],
        "output": "All 52 tests pass now.",
        "usage": {"input": 5, "output": 40, "cache_read_input_tokens": 14920, "cache_creation_input_tokens": 0},
    },
]

turn_ids = []
for number, turn in enumerate(TURNS, start=1):
    ctx = lf.start_as_current_observation(as_type="generation", name=f"claude_turn_{number}",
                                          input=[{"role": "user", "content": turn["prompt"]}], model=MODEL,
                                          metadata={})
    generation = ctx.__enter__()
    trace_id = lf.get_current_trace_id()
    tool_ids = {}
    for tool_use_id, name, tool_input, output, is_error in turn["tools"]:
        span = generation.start_observation(as_type="span", name=f"tool_{name}", input=tool_input,
                                            metadata={"tool_id": tool_use_id, "tool_name": name})
        span.update(output={"result": output}, level="ERROR" if is_error else "DEFAULT",
                    metadata={"is_error": is_error})
        span.end()
        tool_ids[tool_use_id] = span.id
    usage = {k: v for k, v in turn["usage"].items() if v > 0 or k in ("input", "output")}
    generation.update(output=turn["output"], metadata={"turn": number}, usage_details=usage)
    ctx.__exit__(None, None, None)
    lf.flush()  # after every turn, as the seed does
    turn_ids.append({"trace_id": trace_id, "generation_id": generation.id, "tools": tool_ids})

session_ctx.__exit__(None, None, None)
lf.flush()
result(model=MODEL, session_id=SESSION, turns=turn_ids, expected=TURNS)
