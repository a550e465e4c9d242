"""The official MCP Python SDK client (mcp 2.3.0) with the reference server mcp-server-git,
launched through `airlock mcp -- <python> -m mcp_server_git --repository REPO`, against a real
broker. git_status (readOnlyHint) passes; git_reset (destructiveHint: it unstages everything) is
denied unless approved: by a test console on the broker's socket, or by `airlock policy grant`.

The repository starts with one staged file, so whether git_reset reached the server is read from
the real index, not from Airlock's answer.
"""

import json
import os
import pty
import signal
import socket
import subprocess
import tempfile
import unittest

import support

STAGED = "staged.txt"


class MCPGitTests(unittest.TestCase):
    def setUp(self):
        self.python = support.venv_python()
        self.airlock = support.Airlock("mcp")
        self.addCleanup(self.airlock.close)
        self.repo = self.airlock.project
        # What the client launches as the MCP server command (check_enforcement.py swaps it).
        self.proxy = self.airlock.binary
        self.airlock.git_init()
        with open(os.path.join(self.repo, STAGED), "w") as file:
            file.write("staged change\n")
        subprocess.run(["git", "add", STAGED], cwd=self.repo, check=True, env=self.airlock.env)

    def staged(self):
        names = subprocess.run(
            ["git", "diff", "--cached", "--name-only"], cwd=self.repo, env=self.airlock.env,
            capture_output=True, text=True, check=True,
        ).stdout.split()
        return names

    def run_client(self, calls, mode="auto"):
        """Runs mcp_git_client.py in its own process; its report."""
        client = os.path.join(support.HERE, "mcp_git_client.py")
        args = [self.python, client, self.proxy, self.repo, mode, json.dumps(calls)]
        result = support.run(args, cwd=self.repo, env=self.airlock.env, timeout=120)
        self.assertEqual(result.returncode, 0, "MCP client failed:\n%s\n%s" % (result.stdout, result.stderr))
        return json.loads(result.stdout.strip().splitlines()[-1])

    def git(self, tool):
        return [tool, {"repo_path": self.repo}]

    def test_git_status_passes_and_annotations_arrive(self):
        self.airlock.serve()
        report = self.run_client([self.git("git_status")])

        self.assertTrue(report["tools"]["git_reset"].get("destructiveHint"))
        self.assertTrue(report["tools"]["git_status"].get("readOnlyHint"))
        [call] = report["calls"]
        self.assertFalse(call["isError"], call)
        self.assertIn(STAGED, call["text"])

    def test_git_reset_is_denied_without_a_reviewer_and_the_model_can_read_why(self):
        self.airlock.serve()
        report = self.run_client([self.git("git_reset"), self.git("git_status")])

        reset, status = report["calls"]
        self.assertTrue(reset["isError"], reset)
        self.assertIn("Denied by Airlock", reset["text"])
        self.assertIn("git_reset", reset["text"])
        self.assertEqual(self.staged(), [STAGED], "git_reset reached the server")
        # The connection survives a denial.
        self.assertFalse(status["isError"], status)

    def test_git_reset_is_denied_in_the_legacy_protocol_too(self):
        self.airlock.serve()
        [reset] = self.run_client([self.git("git_reset")], mode="legacy")["calls"]

        self.assertTrue(reset["isError"], reset)
        self.assertEqual(self.staged(), [STAGED])

    def test_git_reset_runs_when_a_console_approves_it(self):
        self.airlock.serve("--wait-for-console")
        console = Console(self.airlock.env["AIRLOCK_SOCKET"], verdict="allow")
        self.addCleanup(console.close)

        [reset] = self.run_client([self.git("git_reset")])["calls"]

        self.assertEqual(console.decided_tools(), ["git_reset"])
        self.assertFalse(reset["isError"], reset)
        self.assertEqual(self.staged(), [], "the approved git_reset did not run")

    def test_git_reset_runs_after_airlock_policy_grant(self):
        self.airlock.serve()
        self.airlock.grant("--mcp", "git/git_reset", "--reason", "tidy the index")
        self.airlock.wait_for_exception()

        [reset] = self.run_client([self.git("git_reset")])["calls"]

        self.assertFalse(reset["isError"], reset)
        self.assertEqual(self.staged(), [], "the granted git_reset did not run")

    def test_git_reset_is_denied_with_the_reviewers_reason(self):
        self.airlock.serve("--wait-for-console")
        console = Console(self.airlock.env["AIRLOCK_SOCKET"], verdict="deny", reason="keep the index as it is")
        self.addCleanup(console.close)

        [reset] = self.run_client([self.git("git_reset")])["calls"]

        self.assertEqual(console.decided_tools(), ["git_reset"])
        self.assertTrue(reset["isError"], reset)
        self.assertIn("keep the index as it is", reset["text"])
        self.assertEqual(self.staged(), [STAGED])


class Console:
    """A minimal reviewer on the broker's socket: subscribes, then decides every queued action.

    It runs in a child process with a controlling terminal of its own (`pty.fork`), as a
    reviewer at a terminal does: the broker refuses decisions from a process without one. The
    child notes each tool it decides in a file the test reads."""

    def __init__(self, path, verdict, reason=None):
        self.verdict = verdict
        self.reason = reason
        notes, self.notes = tempfile.mkstemp(prefix="airlock-rc-console-")
        os.close(notes)
        ready_read, ready_write = os.pipe()
        self.pid, self.terminal = pty.fork()
        if self.pid == 0:
            os.close(ready_read)
            code = 1
            try:
                self.serve(path, ready_write)
                code = 0
            finally:
                os._exit(code)
        os.close(ready_write)
        with os.fdopen(ready_read) as ready:
            answer = ready.readline()
        if answer.strip() != "subscribed":
            self.close()
            raise AssertionError("subscribe failed: %s" % answer)

    def serve(self, path, ready_write):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
        reader = support.LineReader(connection)

        def send(message):
            connection.sendall((json.dumps(message) + "\n").encode())

        send({"jsonrpc": "2.0", "id": 1, "method": "subscribe", "params": {"reviewer": "tester", "airlock": 1}})
        answer = json.loads(reader.line())
        os.write(ready_write, b"subscribed\n" if "result" in answer else (json.dumps(answer) + "\n").encode())
        os.close(ready_write)
        next_id = 2
        try:
            while True:
                message = json.loads(reader.line())
                if message.get("method") != "actionQueued":
                    continue
                item = message["params"]["item"]
                mcp = item["action"]["kind"].get("mcp", {})
                with open(self.notes, "a") as notes:
                    notes.write(json.dumps(mcp.get("tool")) + "\n")
                params = {"ids": [item["id"]], "verdict": self.verdict, "reviewer": "tester"}
                if self.reason:
                    params["reason"] = self.reason
                send({"jsonrpc": "2.0", "id": next_id, "method": "decide", "params": params})
                next_id += 1
        except (OSError, ValueError):
            return

    def decided_tools(self):
        with open(self.notes) as notes:
            return [json.loads(line) for line in notes if line.strip()]

    def close(self):
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.terminal)
        os.unlink(self.notes)


if __name__ == "__main__":
    unittest.main()
