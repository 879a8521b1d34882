#!/usr/bin/env bash
# Starts NATS (JetStream), PostgreSQL and Redis on localhost when they are not already listening, and the project's
# local nats-server with accounts. Idempotent.
# Used by .ci/run; `npm start` does the same in tools/dev/infra.mjs with friendlier messages.
set -euo pipefail

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 1 60); do listening "$1" && return 0; sleep 0.5; done; echo "$2 did not start on port $1" >&2; return 1; }
have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if [ "$(id -u)" = 0 ] && have apt-get; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "missing $*: install it (Debian/Ubuntu: apt-get install $*)" >&2; return 1
  fi
}

if ! listening 5432; then
  ls /etc/postgresql >/dev/null 2>&1 || apt_install postgresql
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  wait_port 5432 PostgreSQL
fi
if ! listening 6379; then
  have redis-server || apt_install redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_port 6379 Redis
fi
if ! listening 4222; then
  have nats-server || [ -x /usr/sbin/nats-server ] || apt_install nats-server
  mkdir -p /var/lib/nats-server
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log
  wait_port 4222 NATS
fi
# The project's own nats-server (port 4223): one NATS account per installation and per test file (tools/dev/local-nats.mjs).
node "$(dirname "$0")/local-nats.mjs" ensure
echo "servers: PostgreSQL, Redis, NATS and the project's local NATS are listening"
