#!/bin/sh
# Render one Nchan node into a prefix folder from nginx.conf.template:
#   deploy/nchan/render.sh /srv/nchan/node-a
# with the NCHAN_* variables below in the environment (defaults in brackets).
# Creates <prefix>/nginx.conf, <prefix>/logs and <prefix>/tmp, then runs
# `nginx -t` on the result. Start the node with the command it prints.
set -eu

prefix=${1:?usage: render.sh <prefix-folder>}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$prefix/logs" "$prefix/tmp"
prefix=$(cd "$prefix" && pwd)

: "${NCHAN_LISTEN:=8080}"                          # public address[:port] of this node
: "${NCHAN_REDIS_URL:=redis://127.0.0.1:6379}"     # the Redis every node shares
: "${NCHAN_APP_ADDR:=127.0.0.1:3000}"              # host:port of the app server
: "${NCHAN_AUTH_PATH:=/nchan/authorize}"           # its authorization endpoint
: "${NCHAN_ALLOW_ORIGIN:=http://localhost:3000}"   # page origin(s), space-separated
: "${NCHAN_WORKER_PROCESSES:=auto}"
: "${NCHAN_DROP_LISTEN:=127.0.0.1:8089}"           # loopback port of the 204 drop (one per node)
export NCHAN_LISTEN NCHAN_REDIS_URL NCHAN_APP_ADDR NCHAN_AUTH_PATH NCHAN_ALLOW_ORIGIN \
  NCHAN_WORKER_PROCESSES NCHAN_DROP_LISTEN

# Only these names are substituted; nginx's own $variables stay as they are.
envsubst '${NCHAN_LISTEN} ${NCHAN_REDIS_URL} ${NCHAN_APP_ADDR} ${NCHAN_AUTH_PATH} ${NCHAN_ALLOW_ORIGIN} ${NCHAN_WORKER_PROCESSES} ${NCHAN_DROP_LISTEN}' \
  < "$here/nginx.conf.template" > "$prefix/nginx.conf"

nginx -q -t -p "$prefix/" -c "$prefix/nginx.conf" -e logs/error.log
echo "start: nginx -p $prefix/ -c $prefix/nginx.conf -e logs/error.log -g 'daemon off;'"
