"""The first ten minutes, as a new user lives them (issue 13): an empty config and state
directory, Airlock installed with `scripts/install`, the console opened in a tmux pane, the hook
installed for the real Claude Code CLI into a fresh, untrusted git repository, then an agent that
tries an edit.

What must happen: the edit is not refused in silence but waits in the console, beside the
boundary report that made the repository read-only; the console's `w` key trusts the repository
(after showing it and its remote); the reviewer approves with `a`; the edit happens; and both
the trust and the approval are in `airlock audit`.
"""

import json
import os
import pwd
import shutil
import subprocess
import time
import unittest

import support
from mock_anthropic import AnthropicMock, result_text, tool_results

REPOSITORY = os.path.abspath(os.path.join(support.HERE, "..", ".."))


class Pane:
    """The console in a private tmux server, read with capture-pane, driven with send-keys."""

    def __init__(self, name, command, env, columns=120, rows=40):
        self.server = "airlock-newcomer-%d-%s" % (os.getpid(), name)
        self.env = env
        # The pane's shell gets the test's environment: the paths, HOME, TERM.
        self.tmux(
            "new-session", "-d", "-s", "console", "-x", str(columns), "-y", str(rows),
            "env TERM=tmux-256color LANG=C.UTF-8 %s" % command,
        )

    def tmux(self, *args):
        return subprocess.run(
            ["tmux", "-L", self.server, "-f", "/dev/null", *args], env=self.env, capture_output=True, text=True,
            timeout=20,
        )

    def text(self):
        return self.tmux("capture-pane", "-p", "-t", "console").stdout

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "console", *keys)

    def wait_for(self, *words, timeout=60):
        """Waits until the pane shows every one of `words`; the screen at that moment."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.text()
            if all(word in screen for word in words):
                return screen
            time.sleep(0.1)
        raise AssertionError("the console never showed %r; it shows:\n%s" % (words, screen))

    def close(self):
        self.keys("q")
        for _ in range(50):
            if self.tmux("has-session", "-t", "console").returncode != 0:
                break
            time.sleep(0.1)
        self.tmux("kill-server")


@unittest.skipUnless(shutil.which("tmux"), "needs tmux (apt-get install tmux)")
class NewcomerTests(unittest.TestCase):
    def setUp(self):
        self.claude = support.claude_binary()
        self.airlock = support.Airlock("newcomer")
        self.addCleanup(self.airlock.close)
        # Empty: nothing configured, nothing stored yet.
        for key in ("AIRLOCK_CONFIG_DIR", "AIRLOCK_STATE_DIR"):
            self.assertFalse(os.path.exists(self.airlock.env[key]))
        self.airlock.git_init()

    def install_airlock(self):
        """`scripts/install`, into a prefix of this test's own (debug: what the suite built)."""
        prefix = os.path.join(self.airlock.root, "prefix")
        result = support.run(
            [os.path.join(REPOSITORY, "scripts", "install"), "--prefix", prefix, "--configuration", "debug"],
            cwd=REPOSITORY, env=dict(os.environ), timeout=1800,
        )
        self.assertEqual(result.returncode, 0, "scripts/install failed:\n%s\n%s" % (result.stdout, result.stderr))
        self.assertIn("is NOT on your PATH", result.stdout)
        return os.path.join(prefix, "bin")

    def stop_broker(self):
        """The broker the console started in the background, by the pid it left."""
        path = os.path.join(self.airlock.env["AIRLOCK_STATE_DIR"], "broker.pid")
        try:
            with open(path) as file:
                pid = int(file.read().strip())
            os.kill(pid, 15)
        except (OSError, ValueError):
            pass

    def test_an_edit_in_a_new_repository_waits_is_trusted_approved_and_audited(self):
        bindir = self.install_airlock()
        airlock = os.path.join(bindir, "airlock")
        installed = support.run(
            [airlock, "install", "claude", "--project", self.airlock.project], cwd=self.airlock.project,
            env=self.airlock.env,
        )
        self.assertEqual(installed.returncode, 0, installed.stderr)
        self.assertIn("Hook: %s/airlock-hook — the fully static airlock-hook" % bindir, installed.stdout)

        pane = Pane("console", "%s --reviewer newcomer" % airlock, self.airlock.env)
        self.addCleanup(self.stop_broker)
        self.addCleanup(pane.close)
        pane.wait_for("broker ok")

        mock = AnthropicMock(
            [{"name": "Write", "input": {"file_path": os.path.join(self.airlock.project, "notes.txt"),
                                         "content": "hello from the agent\n"}}],
            final_text="Written.",
        ).start()
        self.addCleanup(mock.stop)
        env = dict(
            self.airlock.env, ANTHROPIC_BASE_URL=mock.base_url, ANTHROPIC_API_KEY="sk-ant-offline-dummy",
            DISABLE_TELEMETRY="1", DISABLE_AUTOUPDATER="1", DISABLE_ERROR_REPORTING="1",
            CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC="1",
        )
        agent = subprocess.Popen(
            [self.claude, "-p", "Write a note", "--output-format", "json"], cwd=self.airlock.project, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.addCleanup(lambda: agent.poll() is None and agent.kill())

        # The edit waits in the console, beside the report that made the repository read-only.
        screen = pane.wait_for("1 pending", "notes.txt", "repo fuzzy", "recommended mode: read-only")
        self.assertIn("press w to trust it", screen)
        self.assertFalse(os.path.exists(os.path.join(self.airlock.project, "notes.txt")))

        # Trust it from the console: the confirmation names the repository and its remote.
        pane.keys("w")
        pane.wait_for("Trust this repository?", self.airlock.project, "remote     none", "after      workspace-edit")
        pane.keys("y")
        pane.wait_for("trusted %s" % self.airlock.project)
        pane.wait_for("repo fuzzy", "recommended mode: workspace-edit")

        # Approve the edit that waits; the agent goes on.
        pane.keys("a")
        stdout, stderr = agent.communicate(timeout=120)
        self.assertEqual(agent.returncode, 0, "claude failed:\n%s\n%s" % (stdout, stderr))
        self.assertEqual(json.loads(stdout).get("permission_denials", []), [])
        with open(os.path.join(self.airlock.project, "notes.txt")) as file:
            self.assertEqual(file.read(), "hello from the agent\n")
        answered = [request for request in mock.log.posts() if tool_results(request)]
        self.assertFalse(tool_results(answered[-1])[0].get("is_error"), result_text(tool_results(answered[-1])[0]))

        # Both are on the record, under the reviewer's account as the kernel names it (the
        # console's `--reviewer newcomer` is what it calls itself, not believed).
        me = "[human:%s]" % pwd.getpwuid(os.getuid()).pw_name
        audit = support.run([airlock, "audit"], cwd=self.airlock.project, env=self.airlock.env)
        trust = [line for line in audit.stdout.splitlines() if "airlock trust %s" % self.airlock.project in line]
        approval = [line for line in audit.stdout.splitlines() if "notes.txt" in line and "ALLOW" in line]
        self.assertEqual(len(trust), 1, audit.stdout)
        self.assertIn(me, trust[0])
        self.assertEqual(len(approval), 1, audit.stdout)
        self.assertIn(me, approval[0])

        # A console opened later still sees what happened before it, in the recent view.
        pane.close()
        again = Pane("again", "%s --reviewer newcomer" % airlock, self.airlock.env)
        self.addCleanup(again.close)
        again.wait_for("broker ok")
        again.keys("R")
        again.wait_for("Recent decisions 2", "airlock trust", "(21 bytes)", "ALLOWED by " + me[1:-1])


if __name__ == "__main__":
    unittest.main()
