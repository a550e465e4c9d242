"""Driving the real Claude Code CLI for one turn against the scripted Anthropic mock: shared by
the tests of the plain and the sandboxed deployment. A mixin for unittest.TestCase classes that
set `self.claude` (the CLI) and `self.airlock` (a support.Airlock)."""

import json

import support
from mock_anthropic import AnthropicMock, tool_results


class ClaudeDriver:
    def run_claude(self, scenario, prompt, sse=True):
        """One `claude -p` turn against a fresh mock; (mock, parsed --output-format json result)."""
        mock = AnthropicMock(scenario, final_text="All done.", sse=sse).start()
        self.addCleanup(mock.stop)
        env = dict(
            self.airlock.env,
            ANTHROPIC_BASE_URL=mock.base_url,
            ANTHROPIC_API_KEY="sk-ant-offline-dummy",
            DISABLE_TELEMETRY="1",
            DISABLE_AUTOUPDATER="1",
            DISABLE_ERROR_REPORTING="1",
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
        )
        result = support.run(
            [self.claude, "-p", prompt, "--output-format", "json"], cwd=self.airlock.project, env=env, timeout=180
        )
        self.assertEqual(result.returncode, 0, "claude failed:\n%s\n%s" % (result.stdout, result.stderr))
        return mock, json.loads(result.stdout)

    def only_tool_result(self, mock):
        """The single tool_result the model received in the request after its tool_use."""
        posts = mock.log.posts()
        answered = [request for request in posts if tool_results(request)]
        self.assertTrue(answered, "no request carried a tool_result; requests: %d" % len(posts))
        results = tool_results(answered[-1])
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["tool_use_id"], "toolu_mock_00")
        return results[0]

    def bash(self, command, **extra):
        """A one-step scenario: the model calls Bash with `command` (and `extra` tool_input keys)."""
        tool_input = {"command": command, "description": "Run " + command}
        tool_input.update(extra)
        return [{"name": "Bash", "input": tool_input}]
