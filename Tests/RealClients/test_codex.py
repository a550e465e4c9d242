"""The real Codex CLI (openai-codex-cli-bin 0.163.0) against the scripted Responses mock, with
Airlock's hook installed by `airlock install codex --project DIR`, trusted the way Codex requires
(codex_trust.py), and a real broker.

Codex's own exec policy refuses `rm -f`-style commands by itself (real-clients.md §3), so the
destructive command here is `rm -r build`, which Codex would run and Airlock must stop.
"""

import os
import unittest

import codex_trust
import support
from mock_openai import ResponsesMock, call_outputs

DESTRUCTIVE = "rm -r build"


class CodexTests(unittest.TestCase):
    def setUp(self):
        self.codex = support.codex_binary()
        self.airlock = support.Airlock("codex")
        self.addCleanup(self.airlock.close)
        self.airlock.git_init()
        self.build = self.airlock.make_build_directory()
        self.codex_home = os.path.join(self.airlock.home, ".codex")
        os.makedirs(self.codex_home)
        self.mock = ResponsesMock([], final_text="All done.").start()
        self.addCleanup(self.mock.stop)
        self.config = os.path.join(self.codex_home, "config.toml")
        with open(self.config, "w") as file:
            file.write(codex_trust.mock_provider_config(self.mock.base_url, self.airlock.project))
        self.env = dict(self.airlock.env, CODEX_HOME=self.codex_home, MOCK_API_KEY="offline-dummy")
        # With a system bwrap on PATH (Debian's bubblewrap, which Claude Code's sandbox needs and
        # .ci/run installs), Codex 0.163 runs it instead of the bwrap in its wheel, and inside it
        # executes `codex-linux-sandbox` by name, which the wheel does not provide ("bwrap: execvp
        # codex-linux-sandbox: No such file or directory"). Codex dispatches on its program name,
        # so an alias of the binary on PATH serves.
        helpers = os.path.join(self.airlock.root, "codex-helpers")
        os.makedirs(helpers)
        os.symlink(self.codex, os.path.join(helpers, "codex-linux-sandbox"))
        self.env["PATH"] = helpers + os.pathsep + self.env.get("PATH", "")
        self.installed = self.airlock.install("codex", "--project", self.airlock.project)
        self.trusted = codex_trust.trust_all_hooks(self.codex, self.env, self.airlock.project, self.config)
        self.airlock.serve()
        # A repository the user looked at: ordinary edits run (an untrusted one is read-only).
        self.airlock.trust()

    def run_codex(self, scenario, prompt):
        """One `codex exec` turn; the mock's log of requests."""
        self.mock.scenario = scenario
        result = support.run(
            [self.codex, "exec", "--json", prompt], cwd=self.airlock.project, env=self.env, timeout=180
        )
        self.assertEqual(result.returncode, 0, "codex failed:\n%s\n%s" % (result.stdout, result.stderr))
        return self.mock.log.posts()

    def output_of_first_call(self, posts):
        answered = [call_outputs(request) for request in posts if call_outputs(request)]
        self.assertTrue(answered, "no request carried a function_call_output; requests: %d" % len(posts))
        outputs = answered[-1]
        self.assertIn("call_mock_00", outputs)
        return outputs["call_mock_00"]

    def exec_command(self, command):
        return [{"name": "exec_command", "arguments": {"cmd": command}}]

    def test_install_tells_the_user_about_trust_and_the_hook_is_trusted(self):
        self.assertIn("/hooks", self.installed)
        self.assertIn(os.path.join(self.airlock.project, ".codex", "hooks.json"), self.installed)
        self.assertEqual(len(self.trusted), 1, self.trusted)
        self.assertIn("hook codex", self.trusted[0]["command"])

    def test_destructive_command_is_blocked_and_the_model_gets_airlocks_reason(self):
        posts = self.run_codex(self.exec_command(DESTRUCTIVE), "Please delete the build directory")

        self.assertTrue(os.path.exists(os.path.join(self.build, "artefact.bin")), "the tool ran")
        text = self.output_of_first_call(posts)
        self.assertIn("blocked by PreToolUse hook", text)
        self.assertIn("airlock policy grant", text, "the model did not get Airlock's reason: " + text)
        # The project lives under /tmp, which the reason may name.
        self.assertRegex(text, "rm recursively deletes (a temp path )?build")

    def test_safe_command_runs_and_its_output_reaches_the_model(self):
        posts = self.run_codex(self.exec_command("ls"), "What is in this directory?")

        text = self.output_of_first_call(posts)
        self.assertNotIn("blocked", text)
        self.assertIn("README.md", text)
        self.assertIn("build", text)

    def test_patch_to_its_own_hooks_is_denied_and_an_ordinary_patch_applies(self):
        hooks = os.path.join(self.airlock.project, ".codex", "hooks.json")
        with open(hooks) as file:
            before = file.read()
        unhook = "*** Begin Patch\n*** Update File: .codex/hooks.json\n@@\n-{\n+{}\n*** End Patch\n"
        note = "*** Begin Patch\n*** Add File: notes.txt\n+hello from the mock\n*** End Patch\n"

        posts = self.run_codex(
            [{"name": "apply_patch", "input": unhook}, {"name": "apply_patch", "input": note}], "Tidy up"
        )

        outputs = call_outputs(posts[-1])
        self.assertIn("blocked by PreToolUse hook", outputs["call_mock_00"])
        self.assertIn("Agents may not change Airlock or their own hooks", outputs["call_mock_00"])
        with open(hooks) as file:
            self.assertEqual(file.read(), before)
        self.assertNotIn("blocked", outputs["call_mock_01"])
        with open(os.path.join(self.airlock.project, "notes.txt")) as file:
            self.assertEqual(file.read(), "hello from the mock\n")

    def test_granted_exception_lets_the_blocked_command_run(self):
        self.airlock.grant("--command", DESTRUCTIVE, "--reason", "clean rebuild")
        self.airlock.wait_for_exception()

        posts = self.run_codex(self.exec_command(DESTRUCTIVE), "Please delete the build directory")

        self.assertFalse(os.path.exists(self.build), "the granted command did not run")
        self.assertNotIn("blocked", self.output_of_first_call(posts))


if __name__ == "__main__":
    unittest.main()
