#!/usr/bin/env bash
# Runs swtalent and PostGraphile 4.14.1 side by side on one PostgreSQL database filled with the
# province demo, and swtalent on SQLite with the same data, under wrk; prints the table that
# docs/PERFORMANCE.md records. Installs what it needs: wrk (apt), PostGraphile and its two
# plugins (npm, into bench/peer/node_modules). Arguments go to the Go driver (bench/peer/main.go):
#   bash bench/peer/run.sh [-pg postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable]
#                          [-rounds 3] [-duration 8s] [-connections 16] [-queries node,nested,...]
#                          [-response-cache=false]  (every request executes: swtalent without its answer cache)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v wrk >/dev/null; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo="sudo"
	$sudo apt-get update -qq && $sudo apt-get install -y -qq wrk
fi
for tool in go node npm; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed" >&2; exit 1; }
done
if [ ! -x "$here/node_modules/.bin/postgraphile" ]; then
	(cd "$here" && npm install --no-audit --no-fund --loglevel=error)
fi
mkdir -p "$here/work"
(cd "$root" && go build -o "$here/work/swtalent" ./cmd/swtalent)
cd "$root"
exec go run ./bench/peer -work "$here/work" -bin "$here/work/swtalent" -postgraphile "$here/node_modules/.bin/postgraphile" "$@"
