"""A scripted mock of the OpenAI Responses API, enough to drive the real Codex CLI offline.

Codex 0.163.0 (model provider with `wire_api = "responses"`) calls `POST /v1/responses` with
`stream: true` and reads SSE: `response.created`, `response.output_item.added`/`.done` per item
(a `function_call` carries `call_id`, `name` and `arguments` as a JSON string), then
`response.completed` with usage (real-clients.md §3).

Like the Anthropic mock it is stateless: the reply is chosen from the number of `function_call`
items already in `input`, and every request is logged for the tests.

Standard library only. Run alone for manual experiments:
    python3 mock_openai.py --port 8081 --scenario '[{"name":"exec_command","arguments":{"cmd":"ls"}}]'
"""

import json
import sys

from mock_http import MockServer, RequestLog, command_line, sse_event


class ResponsesMock(MockServer):
    """Serves `scenario` then `final_text`. A step is `{"name", "arguments": {...}}` (a function
    call) or `{"name", "input": "text"}` (a freeform custom tool call, e.g. apply_patch)."""

    def __init__(self, scenario, final_text="Done.", log=None):
        self.scenario = list(scenario)
        self.final_text = final_text
        super().__init__(log or RequestLog())

    def handle_post(self, path, body):
        if not path.startswith("/v1/responses"):
            return 404, "application/json", json.dumps({"error": {"message": "not found: " + path}})
        turn = self.calls_so_far(body.get("input", []))
        if turn < len(self.scenario):
            step = self.scenario[turn]
            item = {"id": "fc_mock_%02d" % turn, "call_id": "call_mock_%02d" % turn, "name": step["name"]}
            if "input" in step:
                # A freeform tool such as apply_patch: its input is raw text, not JSON arguments.
                item.update(type="custom_tool_call", input=step["input"], status="completed")
            else:
                item.update(type="function_call", arguments=json.dumps(step["arguments"]), status="completed")
            if "namespace" in step:
                item["namespace"] = step["namespace"]
        else:
            item = {
                "type": "message",
                "id": "msg_mock_%02d" % turn,
                "role": "assistant",
                "status": "completed",
                "content": [{"type": "output_text", "text": self.final_text, "annotations": []}],
            }
        return 200, "text/event-stream", self.stream(turn, body.get("model", "mock-model"), item)

    @staticmethod
    def calls_so_far(items):
        if not isinstance(items, list):
            return 0
        calls = ("function_call", "custom_tool_call")
        return sum(1 for item in items if isinstance(item, dict) and item.get("type") in calls)

    @staticmethod
    def stream(turn, model, item):
        response_id = "resp_mock_%02d" % turn
        base = {"id": response_id, "object": "response", "created_at": 0, "model": model}
        usage = {
            "input_tokens": 12,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": 7,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": 19,
        }
        events = [
            ("response.created", {"type": "response.created", "response": dict(base, status="in_progress", output=[])}),
            (
                "response.output_item.added",
                {"type": "response.output_item.added", "output_index": 0, "item": dict(item, status="in_progress")},
            ),
            ("response.output_item.done", {"type": "response.output_item.done", "output_index": 0, "item": item}),
            (
                "response.completed",
                {"type": "response.completed", "response": dict(base, status="completed", output=[item], usage=usage)},
            ),
        ]
        return "".join(sse_event(name, data) for name, data in events)


def call_outputs(request):
    """`{call_id: output text}` for the function and custom tool call outputs in a logged request."""
    outputs = {}
    for item in request["body"].get("input", []) or []:
        if isinstance(item, dict) and item.get("type") in ("function_call_output", "custom_tool_call_output"):
            output = item.get("output")
            if isinstance(output, list):
                output = "\n".join(part.get("text", "") for part in output if isinstance(part, dict))
            elif isinstance(output, dict):
                output = output.get("content") or json.dumps(output)
            outputs[item.get("call_id")] = output or ""
    return outputs


def main():
    return command_line(
        __doc__.splitlines()[0],
        "JSON list of {name, arguments}",
        lambda args, log: ResponsesMock(json.loads(args.scenario), log=log),
    )


if __name__ == "__main__":
    sys.exit(main())
