#!/usr/bin/env bash
# `airlock demo` as text, for the README: runs the demo in a private tmux server at 120×40 and
# at 80×24, waits until the simulated agents have queued everything that needs a human and the
# selected action is measured, puts the cursor on the first (riskiest) action, and writes what
# the pane shows to docs/demo-120x40.txt and docs/demo-80x24.txt. Rerun it after changing the
# console. Pass another `airlock` binary as the argument (default: the debug build).
set -euo pipefail
cd "$(dirname "$0")/.."
airlock=$(realpath "${1:-.build/debug/airlock}")
[ -x "$airlock" ] || { echo "no $airlock: run swift build first, or pass the binary" >&2; exit 1; }

capture() {
  local columns=$1 rows=$2 server="airlock-shots-$$-$1"
  local out="docs/demo-${columns}x${rows}.txt"
  tmux -L "$server" -f /dev/null new-session -d -s demo -x "$columns" -y "$rows" \
    "env TERM=tmux-256color LANG=C.UTF-8 '$airlock' demo"
  screen() { tmux -L "$server" capture-pane -p -t demo; }
  # The agents submit for about 12 s: wait until the pending count has not moved for 3 s.
  local last="" same=0
  for _ in $(seq 1 400); do
    local count
    count=$(screen | head -1 | grep -o '[0-9]* pending' || true)
    if [ -n "$count" ] && [ "$count" = "$last" ] && [ "$count" != "0 pending" ]; then
      same=$((same + 1))
      [ $same -ge 30 ] && break
    else
      same=0
    fi
    last=$count
    sleep 0.1
  done
  tmux -L "$server" send-keys -t demo Home
  # The selected action's blast radius and boundaries are measured in the background.
  for _ in $(seq 1 100); do
    if ! screen | grep -q 'measuring…'; then break; fi
    sleep 0.1
  done
  sleep 0.3
  screen > "$out"
  tmux -L "$server" send-keys -t demo q
  for _ in $(seq 1 50); do
    tmux -L "$server" has-session -t demo 2>/dev/null || break
    sleep 0.1
  done
  tmux -L "$server" kill-server 2>/dev/null || true
  echo "wrote $out ($last)"
}

capture 120 40
capture 80 24
