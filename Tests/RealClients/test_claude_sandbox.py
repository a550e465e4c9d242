"""The recommended everyday deployment (docs/security.md): the real Claude Code CLI with its own
sandbox on, as `airlock install claude --sandbox` sets it up (user settings: enabled,
failIfUnavailable, allowUnsandboxedCommands false), and Airlock's hook in the same file.

What it must show: the agent's shell cannot reach the broker's socket (the kernel refuses the
Unix socket inside the sandbox), the model's `dangerouslyDisableSandbox` changes nothing, and
Airlock's hook, which runs outside the sandbox, still gates every call.

Needs Debian's `bubblewrap` and `socat` (.ci/run installs them); skipped, saying so, without.
"""

import json
import os
import shutil
import subprocess
import time
import unittest

import support
from claude_driver import ClaudeDriver
from mock_anthropic import result_text

DESTRUCTIVE = "rm -rf build"


@unittest.skipUnless(shutil.which("bwrap") and shutil.which("socat"), "needs bubblewrap and socat (apt-get install)")
class ClaudeSandboxTests(ClaudeDriver, unittest.TestCase):
    def setUp(self):
        self.claude = support.claude_binary()
        self.airlock = support.Airlock("sandbox")
        self.addCleanup(self.airlock.close)
        self.airlock.git_init()
        self.build = self.airlock.make_build_directory()
        # User settings in the private HOME: the hook and the sandbox, as a user would install them.
        self.installed = self.airlock.install("claude", "--sandbox")
        self.airlock.serve()
        # Connects to the broker's socket and says whether it got through.
        self.probe = "socat -T 3 STDIO UNIX-CONNECT:%s < /dev/null && echo REACHED-THE-BROKER || echo BLOCKED" % (
            self.airlock.env["AIRLOCK_SOCKET"]
        )

    def settings(self):
        with open(os.path.join(self.airlock.home, ".claude", "settings.json")) as file:
            return json.load(file)

    def test_install_wrote_the_sandbox_settings_beside_the_hook(self):
        settings = self.settings()
        self.assertEqual(
            settings["sandbox"], {"enabled": True, "failIfUnavailable": True, "allowUnsandboxedCommands": False}
        )
        self.assertIn("PreToolUse", settings["hooks"])
        self.assertIn("allowUnsandboxedCommands false", self.installed)

    def test_the_agents_shell_cannot_reach_the_broker(self):
        # Airlock lets this exact command through, so what stops it is the sandbox alone.
        self.airlock.grant_exact(self.probe, "probe the socket")
        self.airlock.wait_for_exception()
        # Outside the sandbox the same command, as the same user, reaches the broker.
        outside = support.run(["sh", "-c", self.probe], env=self.airlock.env)
        self.assertIn("REACHED-THE-BROKER", outside.stdout, outside.stderr)

        mock, output = self.run_claude(self.bash(self.probe), "Check the broker socket")

        block = self.only_tool_result(mock)
        text = result_text(block)
        self.assertIn("BLOCKED", text)
        self.assertNotIn("REACHED-THE-BROKER", text)
        self.assertIn("Operation not permitted", text)
        self.assertEqual(output.get("permission_denials", []), [])

    def test_code_the_agent_runs_reaches_none_of_airlocks_routes(self):
        """An agent that runs code of its own (here a Python script in the project, which Airlock
        lets run) tries every same-user route to the gate: the broker's socket, the store, the
        config, the harness settings, the tmux server a console runs in."""
        tmux = os.path.join(self.airlock.socket_dir, "t")
        subprocess.run(["tmux", "-S", tmux, "new-session", "-d", "-s", "console", "sleep 600"], check=True)
        self.addCleanup(subprocess.run, ["tmux", "-S", tmux, "kill-server"], capture_output=True)
        config = self.airlock.env["AIRLOCK_CONFIG_DIR"]
        os.makedirs(config, exist_ok=True)
        routes = {
            "socket": "socket.socket(socket.AF_UNIX).connect(%r)" % self.airlock.env["AIRLOCK_SOCKET"],
            "store": "open(os.path.join(%r, 'probe'), 'w').close()" % self.airlock.env["AIRLOCK_STATE_DIR"],
            "config": "open(os.path.join(%r, 'probe'), 'w').close()" % config,
            "settings": "open(os.path.join(%r, 'probe'), 'w').close()" % os.path.join(self.airlock.home, ".claude"),
            "tmux": "subprocess.run(['tmux', '-S', %r, 'send-keys', '-t', 'console', 'a'], check=True, capture_output=True)"
            % tmux,
        }
        script = ["import json, os, socket, subprocess", "results = {}"]
        for name, code in routes.items():
            script += [
                "try:",
                "    %s" % code,
                "    results[%r] = 'open'" % name,
                "except Exception as error:",
                "    results[%r] = 'blocked: %%s' %% error" % name,
            ]
        script.append("print('ROUTES', json.dumps(results, sort_keys=True))")
        with open(os.path.join(self.airlock.project, "probe.py"), "w") as file:
            file.write("\n".join(script) + "\n")
        # Outside the sandbox, as the same user, every route is open.
        outside = support.run(["python3", "probe.py"], cwd=self.airlock.project, env=self.airlock.env)
        self.assertEqual(self.routes(outside.stdout), {name: "open" for name in routes}, outside.stderr)
        for name in ("store", "config"):
            os.unlink(os.path.join(self.airlock.env["AIRLOCK_%s_DIR" % name.upper().replace("STORE", "STATE")], "probe"))
        os.unlink(os.path.join(self.airlock.home, ".claude", "probe"))
        self.airlock.grant_exact("python3 probe.py", "the agent's own code")
        self.airlock.wait_for_exception()

        mock, _ = self.run_claude(self.bash("python3 probe.py"), "Run the probe")

        inside = self.routes(result_text(self.only_tool_result(mock)))
        self.assertEqual(sorted(inside), sorted(routes))
        for name, result in inside.items():
            self.assertTrue(result.startswith("blocked"), "%s is open inside the sandbox" % name)

    @staticmethod
    def routes(text):
        for line in text.splitlines():
            if line.startswith("ROUTES "):
                return json.loads(line[len("ROUTES ") :])
        raise AssertionError("the probe printed no results: %s" % text)

    def test_asking_to_leave_the_sandbox_changes_nothing(self):
        self.airlock.grant_exact(self.probe, "probe the socket")
        self.airlock.wait_for_exception()
        # allowUnsandboxedCommands is false, so the request is void: once the broker has read the
        # workspace's settings it judges the command as itself (the grant lets it through).
        self.wait_until_the_request_is_void()

        mock, _ = self.run_claude(self.bash(self.probe, dangerouslyDisableSandbox=True), "Check the socket")

        text = result_text(self.only_tool_result(mock))
        self.assertIn("BLOCKED", text, "the command left the sandbox")
        self.assertNotIn("REACHED-THE-BROKER", text)

    def test_airlocks_hook_still_gates(self):
        mock, output = self.run_claude(self.bash(DESTRUCTIVE), "Please delete the build directory")

        self.assertTrue(os.path.exists(os.path.join(self.build, "artefact.bin")), "the tool ran")
        block = self.only_tool_result(mock)
        self.assertTrue(block.get("is_error"), block)
        self.assertIn("airlock policy grant", result_text(block))
        denied = [denial["tool_input"].get("command") for denial in output.get("permission_denials", [])]
        self.assertEqual(denied, [DESTRUCTIVE])

    def wait_until_the_request_is_void(self, timeout=20):
        """Asks the hook directly until the workspace's measured settings make the request void."""
        hook_input = json.dumps(
            {
                "session_id": "probe",
                "cwd": self.airlock.project,
                "hook_event_name": "PreToolUse",
                "tool_name": "Bash",
                "tool_input": {"command": self.probe, "dangerouslyDisableSandbox": True},
            }
        )
        deadline = time.monotonic() + timeout
        answer = None
        while time.monotonic() < deadline:
            result = support.run(
                [self.airlock.binary, "hook", "claude"], env=self.airlock.env, cwd=self.airlock.project, input_text=hook_input
            )
            answer = json.loads(result.stdout)["hookSpecificOutput"]
            if answer["permissionDecision"] == "allow":
                return
            time.sleep(0.1)
        raise AssertionError("the broker never read the sandbox settings: %s" % answer)


if __name__ == "__main__":
    unittest.main()
