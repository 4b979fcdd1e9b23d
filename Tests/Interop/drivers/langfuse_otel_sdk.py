"""Langfuse Python SDK 3.x / 4.x / 5.x (OTel-based): the same code runs in the lf3, lf4 and lf5
venvs. start_as_current_observation for span / agent / generation / tool, propagate_attributes for
session, user, tags, trace name and metadata, update with usage_details and cost_details, an event,
a failed generation, a generation with a base64 image (media upload skipped), scores on an observation, on the current trace and by id, and the @observe
decorator of seed 003. SDK 5 sends scores to /api/public/scores, 3.x/4.x to /api/public/ingestion."""

import datetime as dt
from importlib.metadata import version

from _common import openai_tool_conversation, result, watch_client_logs

from langfuse import Langfuse, observe, propagate_attributes

watch_client_logs("langfuse", "opentelemetry")

lf = Langfuse()  # LANGFUSE_BASE_URL (3.9+) / LANGFUSE_HOST, keys from the environment
auth_ok = lf.auth_check()

# A 1x1 red PNG.
ONE_PIXEL_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")

ids = {}
with propagate_attributes(user_id="user-otel", session_id="sess-otel", tags=["t1", "t2"],
                          trace_name="otel-sdk-trace", metadata={"k": "v", "team": "search"}):
    with lf.start_as_current_observation(as_type="span", name="root", input={"q": "weather?"}) as root:
        ids["trace_id"] = lf.get_current_trace_id()
        ids["root_id"] = root.id
        with lf.start_as_current_observation(as_type="agent", name="planner", input={"goal": "weather"}) as agent:
            ids["agent_id"] = agent.id
            with lf.start_as_current_observation(
                    as_type="generation", name="llm-call", model="gpt-4o-mini",
                    model_parameters={"temperature": 0.2, "max_tokens": 100},
                    input=openai_tool_conversation()) as gen:
                ids["gen_id"] = gen.id
                gen.update(
                    output={"role": "assistant", "content": None, "tool_calls": [
                        {"id": "call_w2", "type": "function",
                         "function": {"name": "get_forecast", "arguments": "{\"city\": \"Paris\", \"days\": 2}"}}]},
                    usage_details={"input": 21, "output": 7, "cache_read_input_tokens": 300},
                    cost_details={"input": 0.00021, "output": 0.00007},
                    completion_start_time=dt.datetime.now(dt.timezone.utc),
                )
            with lf.start_as_current_observation(as_type="tool", name="get_forecast",
                                                 input={"city": "Paris", "days": 2}) as tool:
                ids["tool_id"] = tool.id
                tool.update(output="sunny, 21C")
            agent.update(output={"answer": "sunny"})
        lf.create_event(name="an-event", input={"e": 1}, level="WARNING", status_message="warn")
        with lf.start_as_current_observation(as_type="generation", name="failed-call", model="gpt-4o",
                                             input=[{"role": "user", "content": "Hello?"}]) as failed:
            ids["failed_id"] = failed.id
            failed.update(level="ERROR", status_message="529 overloaded_error: Overloaded")
        # A base64 image: the SDK asks /api/public/media for an upload URL, gets null ("already
        # uploaded"), skips the upload and keeps a @@@langfuseMedia:…@@@ reference in the input.
        with lf.start_as_current_observation(
                as_type="generation", name="vision", model="gpt-4o",
                input=[{"role": "user", "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64," + ONE_PIXEL_PNG}}]}]) as vision:
            ids["vision_id"] = vision.id
            vision.update(output={"role": "assistant", "content": "A red pixel."},
                          usage_details={"input": 90, "output": 4})
        root.update(output={"answer": "sunny"})
        root.score(name="quality", value=0.9, comment="good")
        lf.score_current_trace(name="trace-quality", value=1, data_type="BOOLEAN")

lf.create_score(name="helpfulness", value=0.8, trace_id=ids["trace_id"], observation_id=ids["gen_id"],
                comment="ok")
lf.create_score(name="label", value="relevant", trace_id=ids["trace_id"], data_type="CATEGORICAL")


# Seed 003: a handler decorated with @observe() becomes a trace of its own.
@observe()
def litellm_passthrough(api_path, request):
    ids["observe_trace_id"] = lf.get_current_trace_id()
    return {"status_code": 200, "body": {"model": "claude-3-7-sonnet", "choices": []}}


litellm_passthrough(api_path="chat/completions", request={"method": "POST"})

lf.flush()
result(auth_check=auth_ok, sdk_version=version("langfuse"), **ids)
