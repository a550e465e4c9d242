"""Shows that the real-client suite can fail: it reruns the enforcement tests with Airlock taken
out of the path, and succeeds only if every one of them then goes red.

- hooks: after `airlock install`, the installed command is swapped for `true` (exit 0, prints
  nothing: what a crashed or permissive hook looks like to the harness, which then fails open);
- MCP: the client launches mcp-server-git directly instead of through `airlock mcp`.

Not part of scripts/test (it doubles the run time). Run it after scripts/test:
    AIRLOCK_BIN=$(swift build --show-bin-path)/airlock \\
        .build/realclients/venv/bin/python Tests/RealClients/check_enforcement.py
"""

import json
import os
import shutil
import sys
import tempfile
import unittest

import support
import test_claude_code
import test_codex
import test_mcp_git

MUST_FAIL = [
    test_claude_code.ClaudeCodeTests("test_destructive_command_is_blocked_and_the_model_gets_airlocks_reason"),
    test_codex.CodexTests("test_destructive_command_is_blocked_and_the_model_gets_airlocks_reason"),
    test_mcp_git.MCPGitTests("test_git_reset_is_denied_without_a_reviewer_and_the_model_can_read_why"),
]


def swap_installed_hooks(path, binary):
    """Replaces every installed command that runs `binary` with `true`."""
    with open(path) as file:
        settings = json.load(file)
    for groups in settings["hooks"].values():
        for group in groups:
            for handler in group.get("hooks", []):
                if handler.get("command", "").startswith(binary):
                    handler["command"] = "true"
    with open(path, "w") as file:
        json.dump(settings, file)


def without_airlock(shim_dir):
    install = support.Airlock.install
    files = {"claude": ".claude/settings.json", "codex": ".codex/hooks.json"}

    def permissive_install(self, harness, *scope):
        output = install(self, harness, *scope)
        swap_installed_hooks(os.path.join(self.project, files[harness]), self.binary)
        return output

    support.Airlock.install = permissive_install

    # `shim mcp --name git -- SERVER…` runs SERVER itself: no proxy in between.
    shim = os.path.join(shim_dir, "no-proxy")
    with open(shim, "w") as file:
        file.write('#!/bin/sh\nshift 4\nexec "$@"\n')
    os.chmod(shim, 0o755)
    set_up = test_mcp_git.MCPGitTests.setUp

    def direct_set_up(self):
        set_up(self)
        self.proxy = shim

    test_mcp_git.MCPGitTests.setUp = direct_set_up


def main():
    shim_dir = tempfile.mkdtemp(prefix="airlock-no-proxy-")
    without_airlock(shim_dir)
    try:
        result = unittest.TextTestRunner(verbosity=2).run(unittest.TestSuite(MUST_FAIL))
    finally:
        shutil.rmtree(shim_dir, ignore_errors=True)
    passed = len(MUST_FAIL) - len(result.failures) - len(result.errors) - len(result.skipped)
    if result.skipped or passed:
        print("NOT OK: %d enforcement test(s) passed without Airlock in the path" % passed)
        return 1
    print("OK: all %d enforcement tests fail without Airlock in the path" % len(MUST_FAIL))
    return 0


if __name__ == "__main__":
    sys.exit(main())
