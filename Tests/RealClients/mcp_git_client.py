"""Drives mcp-server-git through `airlock mcp` with the official MCP Python SDK client (mcp 2.3.0).

Runs in a process of its own, with the venv's python: the proxy names its parent (this
process) as the agent, and the broker refuses a `decide` from the agent or anything descending
from it. The test process, this one's parent, may therefore approve as a console.

Usage: mcp_git_client.py AIRLOCK REPO MODE CALLS_JSON
    MODE        auto (2026-07-28 `server/discover`, falling back) or legacy (`initialize`)
    CALLS_JSON  a list of [tool, arguments]
Prints one JSON object: {"tools": {name: annotations}, "calls": [{"tool", "isError", "text"}]}.
"""

import asyncio
import json
import os
import sys

from mcp import Client, StdioServerParameters


async def drive(airlock, repo, mode, calls):
    server = StdioServerParameters(
        command=airlock,
        args=["mcp", "--name", "git", "--", sys.executable, "-m", "mcp_server_git", "--repository", repo],
        # The SDK passes only a few variables by default; the proxy needs AIRLOCK_SOCKET and friends.
        env=dict(os.environ),
        cwd=repo,
    )
    report = {"tools": {}, "calls": []}
    async with Client(server, mode=mode) as client:
        listed = await client.list_tools()
        for tool in listed.tools:
            annotations = tool.annotations.model_dump(by_alias=True, exclude_none=True) if tool.annotations else None
            report["tools"][tool.name] = annotations
        for name, arguments in calls:
            result = await client.call_tool(name, arguments)
            text = "\n".join(part.text for part in result.content if getattr(part, "type", "") == "text")
            report["calls"].append({"tool": name, "isError": bool(result.is_error), "text": text})
    return report


def main():
    airlock, repo, mode, calls = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
    report = asyncio.run(drive(airlock, repo, mode, calls))
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
