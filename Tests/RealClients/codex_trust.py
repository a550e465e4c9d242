"""Codex configuration for the tests: the mock model provider, project trust, and hook trust.

Codex 0.163.0 loads a project's `.codex/` layer (where `airlock install codex --project DIR`
writes `hooks.json`) only for a trusted project, and then runs a new or changed hook only once
it is trusted by hash; an untrusted hook is skipped silently and the tool runs ungated
(real-clients.md §3). A person does this in the TUI's `/hooks`. The test does what that screen
persists: it asks `codex app-server` for `hooks/list` and records each hook's `currentHash` as
`[hooks.state."<key>"] trusted_hash` in config.toml, so no run needs
`--dangerously-bypass-hook-trust`.
"""

import json
import subprocess


def mock_provider_config(base_url, project):
    """config.toml text: the scripted Responses mock as the only provider, and `project` trusted."""
    return """model = "gpt-5.5"
model_provider = "mock"
sandbox_mode = "workspace-write"
approval_policy = "never"

[model_providers.mock]
name = "Mock"
base_url = "%s/v1"
env_key = "MOCK_API_KEY"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0

[projects.%s]
trust_level = "trusted"
""" % (
        base_url,
        json.dumps(project),
    )


def list_hooks(codex, env, cwd):
    """The `hooks/list` entries `codex app-server` reports for `cwd`."""
    requests = [
        {"id": 1, "method": "initialize", "params": {"clientInfo": {"name": "airlock-tests", "version": "1"}}},
        {"method": "initialized"},
        {"id": 2, "method": "hooks/list", "params": {"cwds": [cwd]}},
    ]
    process = subprocess.Popen(
        [codex, "app-server", "--listen", "stdio://"],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for request in requests:
            process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        while True:
            line = process.stdout.readline()
            if not line:
                raise AssertionError("codex app-server closed before answering hooks/list: " + process.stderr.read())
            message = json.loads(line)
            if message.get("id") == 2:
                if "error" in message:
                    raise AssertionError("hooks/list failed: %s" % message["error"])
                return message["result"]["data"]
    finally:
        process.kill()
        process.communicate()


def trust_all_hooks(codex, env, cwd, config_path):
    """Trusts every hook Codex finds for `cwd` by appending its hash to config.toml; the hooks."""
    entries = list_hooks(codex, env, cwd)
    hooks = [hook for entry in entries for hook in entry.get("hooks", [])]
    errors = [error for entry in entries for error in entry.get("errors", [])]
    if errors:
        raise AssertionError("Codex could not load the hooks: %s" % errors)
    with open(config_path, "a") as file:
        for hook in hooks:
            key, digest = json.dumps(hook["key"]), json.dumps(hook["currentHash"])
            file.write("\n[hooks.state.%s]\ntrusted_hash = %s\n" % (key, digest))
    return hooks
