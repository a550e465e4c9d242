"""What every real-client test needs: a private Airlock (socket, state, config, HOME) with a real
`airlock serve` running, the real installer, `airlock policy grant`, and the paths of the real
clients installed by scripts/test.

Environment (set by scripts/test):
    AIRLOCK_BIN        the built `airlock` (swift build --show-bin-path)/airlock
    REALCLIENTS_VENV   the venv holding claude-agent-sdk, openai-codex-cli-bin, mcp, mcp-server-git
"""

import json
import os
import shutil
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def airlock_binary():
    path = os.environ.get("AIRLOCK_BIN")
    if not path or not os.access(path, os.X_OK):
        raise unittest.SkipTest("AIRLOCK_BIN is not an executable airlock; run scripts/test")
    return path


def venv():
    path = os.environ.get("REALCLIENTS_VENV") or os.path.join(HERE, "..", "..", ".build", "realclients", "venv")
    if not os.path.exists(os.path.join(path, "bin", "python")):
        raise unittest.SkipTest("no real-client venv at %s; run scripts/test" % path)
    return os.path.abspath(path)


def venv_python():
    return os.path.join(venv(), "bin", "python")


def site_packages():
    lib = os.path.join(venv(), "lib")
    versions = [name for name in os.listdir(lib) if name.startswith("python")]
    return os.path.join(lib, versions[0], "site-packages")


def claude_binary():
    """The Claude Code CLI bundled in the claude-agent-sdk wheel (real-clients.md §1)."""
    path = os.path.join(site_packages(), "claude_agent_sdk", "_bundled", "claude")
    if not os.path.exists(path):
        raise AssertionError("claude-agent-sdk has no bundled CLI at %s" % path)
    return path


def codex_binary():
    """The Codex CLI from openai-codex-cli-bin (real-clients.md §3)."""
    path = os.path.join(site_packages(), "codex_cli_bin", "bin", "codex")
    if not os.path.exists(path):
        raise AssertionError("openai-codex-cli-bin has no codex at %s" % path)
    return path


def run(argv, timeout=120, input_text=None, **kwargs):
    """Runs argv to completion, `input_text` on its stdin; the CompletedProcess, text mode."""
    if input_text is None:
        # No stdin: `codex exec` otherwise waits to read more of the prompt from it.
        kwargs["stdin"] = subprocess.DEVNULL
    return subprocess.run(argv, input=input_text, capture_output=True, text=True, timeout=timeout, **kwargs)


class Airlock:
    """A private Airlock in a fresh temp tree: HOME, project, socket, state and config of its own."""

    def __init__(self, name):
        self.root = tempfile.mkdtemp(prefix="airlock-rc-%s-" % name)
        self.home = os.path.join(self.root, "home")
        self.project = os.path.join(self.root, "proj")
        # Unix socket paths are limited to about 100 bytes: keep it short.
        self.socket_dir = tempfile.mkdtemp(prefix="al-", dir="/tmp")
        for directory in (self.home, self.project):
            os.makedirs(directory)
        # The installer writes the binary's resolved path; compare like with like.
        self.binary = os.path.realpath(airlock_binary())
        self.env = dict(
            os.environ,
            HOME=self.home,
            AIRLOCK_SOCKET=os.path.join(self.socket_dir, "s"),
            AIRLOCK_STATE_DIR=os.path.join(self.root, "state"),
            AIRLOCK_CONFIG_DIR=os.path.join(self.root, "config"),
            XDG_CONFIG_HOME=os.path.join(self.home, ".config"),
            XDG_STATE_HOME=os.path.join(self.home, ".local", "state"),
        )
        for key in ("CLAUDE_CONFIG_DIR", "CODEX_HOME", "AIRLOCK_FALLBACK", "AIRLOCK_HOOK_TIMEOUT_MS"):
            self.env.pop(key, None)
        self.server = None
        self.server_log = os.path.join(self.root, "serve.log")

    def git_init(self, directory=None):
        """Makes `directory` (default the project) a git repository with one commit."""
        directory = directory or self.project
        for argv in (
            ["git", "init", "-q", "-b", "main"],
            ["git", "config", "user.email", "test@example.invalid"],
            ["git", "config", "user.name", "Airlock Test"],
        ):
            subprocess.run(argv, cwd=directory, check=True, env=self.env)
        with open(os.path.join(directory, "README.md"), "w") as file:
            file.write("test project\n")
        subprocess.run(["git", "add", "-A"], cwd=directory, check=True, env=self.env)
        subprocess.run(["git", "commit", "-q", "-m", "initial"], cwd=directory, check=True, env=self.env)

    def make_build_directory(self):
        """`build/` in the project, holding a file: what the destructive commands aim at."""
        build = os.path.join(self.project, "build")
        os.makedirs(build)
        with open(os.path.join(build, "artefact.bin"), "w") as file:
            file.write("keep me\n")
        return build

    def airlock(self, *args, cwd=None, timeout=60):
        return run([self.binary, *args], cwd=cwd or self.project, env=self.env, timeout=timeout)

    def airlock_at_terminal(self, *args, cwd=None, timeout=60):
        """`airlock ARGS…` with a controlling terminal (util-linux `script`), as a reviewer runs
        it: the broker refuses grants from a process without one. stdout holds both streams."""
        command = " ".join(shlex.quote(word) for word in [self.binary, *args])
        return run(["script", "-qec", command, "/dev/null"], cwd=cwd or self.project, env=self.env, timeout=timeout)

    def serve(self, *args):
        """Starts a real `airlock serve` and waits until its socket answers `status`."""
        with open(self.server_log, "w") as log:
            self.server = subprocess.Popen(
                [self.binary, "serve", *args], cwd=self.root, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise AssertionError("airlock serve exited %s:\n%s" % (self.server.returncode, self.log_text()))
            try:
                if self.request({"jsonrpc": "2.0", "id": 1, "method": "status"}).get("result"):
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("airlock serve did not answer within 30 s:\n" + self.log_text())

    def request(self, message, timeout=10):
        """One request on a fresh connection; the broker's answer."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout)
            connection.connect(self.env["AIRLOCK_SOCKET"])
            connection.sendall((json.dumps(message) + "\n").encode())
            return json.loads(LineReader(connection).line())

    def log_text(self):
        with open(self.server_log) as file:
            return file.read()

    def install(self, harness, *scope):
        """`airlock install --allow-dev HARNESS SCOPE…` (the build under test lives in .build/), which must
        succeed; its stdout."""
        result = self.airlock("install", "--allow-dev", harness, *scope)
        if result.returncode != 0:
            raise AssertionError("airlock install %s failed: %s%s" % (harness, result.stdout, result.stderr))
        return result.stdout

    def trust(self, directory=None):
        """`airlock trust DIRECTORY` (default the project) through the running broker, from a terminal as a
        reviewer runs it (the broker refuses trust from a process without one), which must succeed."""
        result = self.airlock_at_terminal("trust", directory or self.project)
        if result.returncode != 0:
            raise AssertionError("airlock trust failed: %s%s" % (result.stdout, result.stderr))
        return result.stdout

    def grant(self, *args):
        """`airlock policy grant --allow ARGS… --for 15m --repo PROJECT`, which must succeed."""
        result = self.airlock_at_terminal("policy", "grant", "--allow", *args, "--for", "15m", "--repo", self.project)
        if result.returncode != 0:
            raise AssertionError("airlock policy grant failed: %s%s" % (result.stdout, result.stderr))
        return result.stdout

    def grant_exact(self, command, reason):
        """`airlock policy grant --allow --exact COMMAND --for 15m --repo PROJECT`, which must succeed."""
        result = self.airlock_at_terminal(
            "policy", "grant", "--allow", "--exact", command, "--reason", reason, "--for", "15m", "--repo", self.project
        )
        if result.returncode != 0:
            raise AssertionError("airlock policy grant failed: %s%s" % (result.stdout, result.stderr))
        return result.stdout

    def wait_for_exception(self, timeout=10):
        """Exceptions granted from the shell reach the broker within a couple of seconds (protocol.md)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.request({"jsonrpc": "2.0", "id": 2, "method": "status"})["result"]
            if status.get("exceptions", 0) > 0:
                return
            time.sleep(0.1)
        raise AssertionError("the broker never saw the granted exception")

    def close(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        if os.environ.get("REALCLIENTS_KEEP"):
            sys.stderr.write("kept %s\n" % self.root)
            return
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.socket_dir, ignore_errors=True)


class LineReader:
    """Reads newline-terminated lines from a socket."""

    def __init__(self, connection):
        self.connection = connection
        self.buffer = b""

    def line(self):
        while b"\n" not in self.buffer:
            chunk = self.connection.recv(65536)
            if not chunk:
                raise OSError("the broker closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()
