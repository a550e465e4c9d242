"""A scripted mock of the Anthropic Messages API, enough to drive the real Claude Code CLI offline.

Claude Code 2.1.332 calls `POST /v1/messages?beta=true` with `stream: true` (and, without the
DISABLE_* variables, `HEAD /api/hello`). It accepts an SSE stream, or a plain JSON Message, after
which it retries the turn with `stream: false` (real-clients.md §1). The mock is therefore
stateless: it picks its reply from the number of `tool_use` turns already in `messages`, so a
retried turn gets the same answer.

The scenario is a list of tool calls; turn N replies with call N, and once they are used up with
a final text. Every request is logged (method, path, headers, JSON body) so tests can assert on
exactly what the model received.

Standard library only. Run alone for manual experiments:
    python3 mock_anthropic.py --port 8080 --scenario '[{"name":"Bash","input":{"command":"ls"}}]'
"""

import json
import sys

from mock_http import MockServer, RequestLog, command_line, sse_event


class AnthropicMock(MockServer):
    """Serves `scenario` (a list of `{"name": tool, "input": {...}}`) then `final_text`."""

    def __init__(self, scenario, final_text="Done.", sse=True, log=None):
        self.scenario = list(scenario)
        self.final_text = final_text
        self.sse = sse
        super().__init__(log or RequestLog())

    def handle_head(self, path):
        # The CLI's connectivity check (`HEAD /api/hello`) only needs a 200.
        return 200

    def handle_post(self, path, body):
        if not path.startswith("/v1/messages"):
            return 404, "application/json", json.dumps({"type": "error", "error": {"type": "not_found_error"}})
        turn = self.tool_turns(body.get("messages", []))
        model = body.get("model", "mock-model")
        if turn < len(self.scenario):
            step = self.scenario[turn]
            block = {"type": "tool_use", "id": "toolu_mock_%02d" % turn, "name": step["name"], "input": step["input"]}
            stop = "tool_use"
        else:
            block = {"type": "text", "text": self.final_text}
            stop = "end_turn"
        if body.get("stream") and self.sse:
            return 200, "text/event-stream", self.stream(turn, model, block, stop)
        message = self.message(turn, model, [block], stop)
        return 200, "application/json", json.dumps(message)

    @staticmethod
    def tool_turns(messages):
        """How many assistant turns asked for a tool: the position in the scenario."""
        count = 0
        for message in messages:
            if message.get("role") != "assistant" or not isinstance(message.get("content"), list):
                continue
            if any(block.get("type") == "tool_use" for block in message["content"]):
                count += 1
        return count

    @staticmethod
    def message(turn, model, content, stop):
        return {
            "id": "msg_mock_%02d" % turn,
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": content,
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": {"input_tokens": 12, "output_tokens": 7},
        }

    def stream(self, turn, model, block, stop):
        """The event sequence the real API sends for one content block."""
        start = dict(block, input={}) if block["type"] == "tool_use" else {"type": "text", "text": ""}
        if block["type"] == "tool_use":
            delta = {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}
        else:
            delta = {"type": "text_delta", "text": block["text"]}
        events = [
            ("message_start", {"type": "message_start", "message": self.message(turn, model, [], None)}),
            ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": start}),
            ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}),
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": stop, "stop_sequence": None},
                    "usage": {"output_tokens": 7},
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
        return "".join(sse_event(name, data) for name, data in events)


def tool_results(request):
    """The `tool_result` blocks in a logged request's last user message."""
    messages = request["body"].get("messages", [])
    for message in reversed(messages):
        if message.get("role") == "user" and isinstance(message.get("content"), list):
            return [block for block in message["content"] if block.get("type") == "tool_result"]
    return []


def result_text(block):
    """A tool_result's content as one string (the CLI sends a string or a list of text blocks)."""
    content = block.get("content")
    if isinstance(content, list):
        return "\n".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


def main():
    return command_line(
        __doc__.splitlines()[0],
        "JSON list of {name, input}",
        lambda args, log: AnthropicMock(json.loads(args.scenario), sse=not args.no_sse, log=log),
        extra_flags=[("--no-sse", "answer plain JSON even to stream:true")],
    )


if __name__ == "__main__":
    sys.exit(main())
