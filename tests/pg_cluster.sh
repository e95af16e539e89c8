#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the test suite (issue 11):
#   tests/pg_cluster.sh start DIR   initdb + pg_ctl on 127.0.0.1 at a free port; writes
#                                   DIR/conninfo ("host=127.0.0.1 port=N user=postgres dbname=postgres")
#   tests/pg_cluster.sh stop DIR    stops the server and removes DIR
# initdb refuses to run as root, so as root the cluster belongs to the unprivileged
# "postgres" user that Debian's package creates. Any failure exits non-zero with the
# reason: the PostgreSQL tests then fail loudly instead of being skipped.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?cluster folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg_cluster: PostgreSQL server not installed (/usr/lib/postgresql/*/bin/initdb); scripts/deps.sh installs it" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    if [ -f "$dir/conninfo" ] && [ -f "$dir/datadir" ] &&
       (cd /tmp && as_owner "$bin/pg_ctl" -D "$(cat "$dir/datadir")/data" status >/dev/null 2>&1); then
      exit 0  # already running (a re-run of the fixture)
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    # The server's files live in a folder of their own under /tmp: the build folder may be
    # in a place the unprivileged owner cannot enter (a fresh clone in a 0700 mktemp -d).
    data=$(mktemp -d /tmp/sb_pg_cluster.XXXXXX)
    chmod 0755 "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    echo "$data" >"$dir/datadir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd /tmp && as_owner "$bin/initdb" -D "$data/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8) \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # fsync off: a test cluster need not survive a power cut, and it is much faster.
    (cd /tmp && as_owner "$bin/pg_ctl" -D "$data/data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start) >/dev/null || { cat "$data/server.log" >&2; exit 1; }
    echo "host=127.0.0.1 port=$port user=postgres dbname=postgres" >"$dir/conninfo"
    ;;
  stop)
    if [ -f "$dir/datadir" ]; then
      data=$(cat "$dir/datadir")
      (cd /tmp && as_owner "$bin/pg_ctl" -D "$data/data" -m immediate -w stop) >/dev/null 2>&1 || true
      case "$data" in /tmp/sb_pg_cluster.*) rm -rf "$data" ;; esac
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
