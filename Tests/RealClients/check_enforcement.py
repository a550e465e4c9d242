"""Shows that the real-client suite can fail: it reruns the enforcement tests with Airlock taken
out of the path, and succeeds only if every one of them then goes red.

- hooks: after `airlock install`, the installed command is swapped, once for `true` (exit 0,
  prints nothing: a silent or crashed hook, on which the harness fails open) and once for a hook
  that allows everything;
- MCP: the client launches mcp-server-git directly instead of through `airlock mcp`.

Each test must fail on an assertion, not on an error, so a broken setup cannot pass for red.

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

BLOCKED = "test_destructive_command_is_blocked_and_the_model_gets_airlocks_reason"
ALLOW_ALL = """echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}'"""
HOOKS = {"silent": "true", "allow-all": ALLOW_ALL}


def must_fail():
    return [
        test_claude_code.ClaudeCodeTests(BLOCKED),
        test_codex.CodexTests(BLOCKED),
        test_mcp_git.MCPGitTests("test_git_reset_is_denied_without_a_reviewer_and_the_model_can_read_why"),
    ]


def swap_installed_hooks(path, binary, replacement):
    """Replaces every installed command that runs `binary` (or `airlock-hook` beside it)."""
    with open(path) as file:
        settings = json.load(file)
    for groups in settings["hooks"].values():
        for group in groups:
            for handler in group.get("hooks", []):
                if handler.get("command", "").startswith(binary):
                    handler["command"] = replacement
    with open(path, "w") as file:
        json.dump(settings, file)


def without_airlock(shim_dir):
    """Patches the tests; returns a function that picks the hook command put in Airlock's place."""
    install = support.Airlock.install
    replacement = {"command": "true"}
    files = {"claude": ".claude/settings.json", "codex": ".codex/hooks.json"}

    def permissive_install(self, harness, *scope):
        output = install(self, harness, *scope)
        swap_installed_hooks(os.path.join(self.project, files[harness]), self.binary, replacement["command"])
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
    return lambda command: replacement.update(command=command)


def main():
    shim_dir = tempfile.mkdtemp(prefix="airlock-no-proxy-")
    use_hook = without_airlock(shim_dir)
    green = []
    try:
        for name, command in HOOKS.items():
            print("== installed hook replaced by the %s hook" % name)
            use_hook(command)
            tests = must_fail()
            result = unittest.TextTestRunner(verbosity=2).run(unittest.TestSuite(tests))
            failed = {test.id() for test, _ in result.failures}
            green += ["%s (%s hook)" % (test.id(), name) for test in tests if test.id() not in failed]
    finally:
        shutil.rmtree(shim_dir, ignore_errors=True)
    if green:
        print("NOT OK: these did not fail on an assertion without Airlock in the path:\n  " + "\n  ".join(green))
        return 1
    print("OK: every enforcement test fails without Airlock in the path")
    return 0


if __name__ == "__main__":
    sys.exit(main())
