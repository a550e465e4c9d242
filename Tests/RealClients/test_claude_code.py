"""The real Claude Code CLI (bundled in claude-agent-sdk 0.2.189) against the scripted Anthropic
mock, with Airlock's hook installed by `airlock install claude --project DIR` and a real broker.

Each test asserts on what actually happened (the directory, the files) and on what the model was
sent next (the tool_result in the following request), not on Airlock's own output.
"""

import json
import os
import re
import unittest

import support
from claude_driver import ClaudeDriver
from mock_anthropic import result_text

DESTRUCTIVE = "rm -rf build"


class ClaudeCodeTests(ClaudeDriver, unittest.TestCase):
    def setUp(self):
        self.claude = support.claude_binary()
        self.airlock = support.Airlock("claude")
        self.addCleanup(self.airlock.close)
        self.airlock.git_init()
        self.build = self.airlock.make_build_directory()
        self.installed = self.airlock.install("claude", "--project", self.airlock.project)
        # No --wait-for-console and no console: what needs a human is denied at once.
        self.airlock.serve()

    def test_install_names_the_file_and_the_trust_step(self):
        settings = os.path.join(self.airlock.project, ".claude", "settings.json")
        self.assertIn(settings, self.installed)
        # Claude Code runs project hooks with no trust step; these very tests start from a fresh HOME.
        self.assertIn("without a trust step", self.installed)
        with open(settings) as file:
            hooks = json.load(file)["hooks"]["PreToolUse"]
        command = hooks[0]["hooks"][0]["command"]
        # `airlock hook claude …`, or the small `airlock-hook claude …` beside it where that is built.
        directory = re.escape(os.path.dirname(self.airlock.binary))
        self.assertRegex(command, "^%s/airlock(-hook| hook) claude " % directory)

    def test_destructive_command_is_blocked_and_the_model_gets_airlocks_reason(self):
        mock, output = self.run_claude(self.bash(DESTRUCTIVE), "Please delete the build directory")

        self.assertTrue(os.path.exists(os.path.join(self.build, "artefact.bin")), "the tool ran")
        block = self.only_tool_result(mock)
        text = result_text(block)
        self.assertTrue(block.get("is_error"), block)
        self.assertIn("PreToolUse:Bash hook error", text)
        self.assertIn("airlock policy grant", text, "the model did not get Airlock's reason: " + text)
        # The project lives under /tmp, which the reason may name.
        self.assertRegex(text, "rm -rf recursively deletes (a temp path )?build")
        denied = [denial["tool_input"].get("command") for denial in output.get("permission_denials", [])]
        self.assertEqual(denied, [DESTRUCTIVE])

    def test_safe_command_runs_and_its_output_reaches_the_model(self):
        mock, output = self.run_claude(self.bash("ls"), "What is in this directory?")

        block = self.only_tool_result(mock)
        self.assertFalse(block.get("is_error"), block)
        text = result_text(block)
        self.assertIn("README.md", text)
        self.assertIn("build", text)
        self.assertEqual(output.get("permission_denials", []), [])

    def test_plain_json_replies_work_too(self):
        # Answered without SSE, the CLI retries each turn with stream:false (real-clients.md §1).
        mock, _ = self.run_claude(self.bash(DESTRUCTIVE), "Please delete the build directory", sse=False)

        self.assertIn(False, [request["body"].get("stream") for request in mock.log.posts()])
        self.assertTrue(os.path.exists(self.build), "the tool ran")
        block = self.only_tool_result(mock)
        self.assertTrue(block.get("is_error"), block)
        self.assertIn("airlock policy grant", result_text(block))

    def test_granted_exception_lets_the_blocked_command_run(self):
        granted = self.airlock.grant("--command", DESTRUCTIVE, "--reason", "clean rebuild")
        self.assertIn("granted", granted)
        self.airlock.wait_for_exception()

        mock, output = self.run_claude(self.bash(DESTRUCTIVE), "Please delete the build directory")

        self.assertFalse(os.path.exists(self.build), "the granted command did not run")
        block = self.only_tool_result(mock)
        self.assertFalse(block.get("is_error"), block)
        self.assertEqual(output.get("permission_denials", []), [])


if __name__ == "__main__":
    unittest.main()
