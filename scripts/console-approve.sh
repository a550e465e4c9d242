#!/usr/bin/env bash
# Time from pressing `a` in the console (tmux send-keys) until `airlock hook claude` has printed
# its allow and exited. Five runs against one console; prints each in ms.
B=${1:-.build/debug/airlock}
D=$(mktemp -d /tmp/alm-XXXX); mkdir -p $D/run $D/repo
export AIRLOCK_SOCKET=$D/run/s.sock AIRLOCK_STATE_DIR=$D/state AIRLOCK_CONFIG_DIR=$D/config
tmux -L almA -f /dev/null new-session -d -s a -x 120 -y 40 "$B --reviewer m"
until $B status --json 2>/dev/null | grep -q '"subscribers":1'; do sleep 0.01; done
for i in 1 2 3 4 5; do
  printf '{"session_id":"s%d","cwd":"%s","hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"rm -rf build%d"},"tool_use_id":"t"}' $i $D/repo $i \
    | $B hook claude --timeout-ms 60000 > $D/out$i &
  hook=$!
  until tmux -L almA capture-pane -p -t a | grep -q "rm -rf build$i"; do sleep 0.01; done
  start=$(date +%s%N); tmux -L almA send-keys -t a a; wait $hook; end=$(date +%s%N)
  echo "run $i: $(( (end-start)/1000000 )) ms  $(grep -o '"permissionDecision":"[a-z]*"' $D/out$i)"
done
tmux -L almA send-keys -t a q; sleep 0.3; tmux -L almA kill-server 2>/dev/null
kill $(cat $D/state/broker.pid); rm -rf $D
