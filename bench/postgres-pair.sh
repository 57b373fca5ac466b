# Sourced by bench/replica.sh and bench/scale.sh: a PostgreSQL 15 primary and a streaming replica of it on this
# machine, each in a folder of its own and on a port of its own. Needs $bin, the folder of PostgreSQL's programs.

# Runs a command as the postgres user when run as root (PostgreSQL's servers refuse to run as root).
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A new primary in folder $1 listening on 127.0.0.1 port $2 (its socket in folder $3), ready to stream; not started.
init_primary() {
  as_postgres "$bin/initdb" -D "$1" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$1/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $2
unix_socket_directories = '$3'
wal_level = replica
max_wal_senders = 4
max_connections = 200
CONF
}

# A streaming replica in folder $2 of the primary on port $1, listening on port $3, started (its log: $2.log).
start_replica() {
  as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p "$1" -U postgres -D "$2" -R -X stream -c fast
  echo "port = $3" >>"$2/postgresql.conf"
  as_postgres "$bin/pg_ctl" -D "$2" -l "$2.log" -w start >/dev/null
}
