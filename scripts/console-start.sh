#!/usr/bin/env bash
# Time from launching `airlock` (console; no broker running) in a tmux pane until the broker
# reports the console subscribed. Five runs; prints each in ms.
B=${1:-.build/debug/airlock}
for i in 1 2 3 4 5; do
  D=$(mktemp -d /tmp/alm-XXXX); mkdir -p $D/run  # the socket beside, not above, anything classified
  export AIRLOCK_SOCKET=$D/run/s.sock AIRLOCK_STATE_DIR=$D/state AIRLOCK_CONFIG_DIR=$D/config
  start=$(date +%s%N)
  tmux -L alm$i -f /dev/null new-session -d -s a -x 120 -y 40 "$B --reviewer m"
  until $B status --json 2>/dev/null | grep -q '"subscribers":1'; do sleep 0.01; done
  end=$(date +%s%N)
  echo "run $i: $(( (end-start)/1000000 )) ms"
  tmux -L alm$i send-keys -t a q; sleep 0.3; tmux -L alm$i kill-server 2>/dev/null
  kill $(cat $D/state/broker.pid); rm -rf $D
done
