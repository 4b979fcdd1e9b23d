"""Langfuse Python SDK 2.60.10 (batch ingestion API), used the way seed 001's LangFuseSink uses it:
auth_check at start, a trace per run with its own id, a span per step (ERROR on a failed step),
generations with usage and cost, an event, scores, and an explicit flush."""

import datetime as dt
import os

from _common import openai_tool_conversation, result, watch_client_logs

from langfuse import Langfuse

watch_client_logs("langfuse")

# Seed 001: Langfuse(host=self.host) if self.host else Langfuse(); keys come from the environment.
lf = Langfuse(host=os.environ["LANGFUSE_HOST"])
auth_ok = lf.auth_check()

run_id = "rlm-run-abc12345"
trace = lf.trace(
    id=run_id,
    name="rlm-run",
    user_id="user-lf2",
    session_id="sess-lf2",
    input={"task": "Create a DSPy signature"},
    metadata={"environment": "pure_rlm", "params": {"max_steps": 3}},
    tags=["rlm", "pure_rlm"],
    version="1.0",
)

step1 = trace.span(name="step-1", input={"action": "run_python", "code": "print(2 + 2)"},
                   metadata={"step": 1, "reward": 0.5, "cumulative_reward": 0.5})
gen = step1.generation(
    name="llm-call",
    model="gpt-4o-mini",
    model_parameters={"temperature": 0.2, "max_tokens": 100},
    input=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is 2 + 2?"}],
    completion_start_time=dt.datetime.now(dt.timezone.utc),
)
gen.end(
    output={"role": "assistant", "content": "4"},
    usage_details={"input": 11, "output": 3, "cache_read_input_tokens": 40},
    cost_details={"input": 0.0001, "output": 0.0002},
)
step1.event(name="an-event", input={"e": 1}, level="WARNING", status_message="warn")
step1.end(output={"success": True, "output": "4"})

step2 = trace.span(name="step-2", input={"action": "run_python", "code": "print(x)"},
                   metadata={"step": 2, "reward": 0.0, "cumulative_reward": 0.5})
step2.end(output={"success": False, "output": ""}, level="ERROR",
          status_message="NameError: name 'x' is not defined")

# The legacy usage object (OpenAI's names), as older integrations send it.
legacy = trace.generation(name="legacy-usage", model="gpt-3.5-turbo",
                          usage={"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10})
legacy.end()

# A generation whose prompt holds a tool call and its result, and whose reply calls a tool again.
conversation = openai_tool_conversation()
tool_gen = trace.generation(name="tool-call", model="gpt-4o", input=conversation)
tool_gen.end(
    output={"role": "assistant", "content": None, "tool_calls": [
        {"id": "call_w2", "type": "function",
         "function": {"name": "get_forecast", "arguments": "{\"city\": \"Paris\", \"days\": 2}"}}]},
    usage={"input": 52, "output": 17},
)

failed = trace.generation(name="failed-call", model="gpt-4o",
                          input=[{"role": "user", "content": "Hello?"}])
failed.end(level="ERROR", status_message="429 Rate limit reached for gpt-4o")

trace.update(output={"completed": True, "steps": 2, "total_reward": 0.5})

# Seed 001's scores, then a scored trace and a categorical one.
lf.score(trace_id=run_id, name="reward", value=0.5)
lf.score(trace_id=run_id, name="completed", value=1.0)
trace.score(name="quality", value=0.9, comment="good")
lf.score(trace_id=run_id, observation_id=gen.id, name="cat", value="good", data_type="CATEGORICAL")

lf.flush()

result(auth_check=auth_ok, trace_id=run_id, step1_id=step1.id, step2_id=step2.id, gen_id=gen.id,
       legacy_id=legacy.id, tool_gen_id=tool_gen.id, failed_id=failed.id)
