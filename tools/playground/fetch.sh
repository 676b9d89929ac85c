#!/usr/bin/env bash
# Fetches the pinned npm packages of the offline GraphQL playground (packages.lock), checks each
# tarball against its locked sha512 integrity, and copies the browser builds and licence files into
# internal/playground/assets, with SHA256SUMS over the copies (a Go test checks the embedded files
# against it). Only maintainers updating the playground run this; the copies are committed, so
# neither CI nor a user needs npm.
#
# Usage: tools/playground/fetch.sh            (needs npm, tar, openssl, sha256sum)
# To upgrade: change the versions in packages.lock, set the integrity from
# `npm view <name>@<version> dist.integrity`, run this script and commit the result.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/internal/playground/assets"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# copy <name> <file inside the package> <name under assets/>
declare -A files=(
  [graphiql]="graphiql.min.js:graphiql.min.js graphiql.min.css:graphiql.min.css LICENSE:LICENSE.graphiql"
  [react]="umd/react.production.min.js:react.production.min.js LICENSE:LICENSE.react"
  [react-dom]="umd/react-dom.production.min.js:react-dom.production.min.js LICENSE:LICENSE.react-dom"
)

mkdir -p "$out"
while read -r name version integrity; do
  case "$name" in ''|'#'*) continue ;; esac
  echo "== $name@$version"
  (cd "$work" && npm pack --silent "$name@$version" >/dev/null)
  tgz="$work/$name-$version.tgz"
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$got" != "$integrity" ]; then
    echo "integrity mismatch for $name@$version: locked $integrity, got $got" >&2
    exit 1
  fi
  mkdir -p "$work/$name"
  tar -xzf "$tgz" -C "$work/$name"
  for pair in ${files[$name]}; do
    cp "$work/$name/package/${pair%%:*}" "$out/${pair##*:}"
  done
done < "$here/packages.lock"

# The page must load nothing from outside the machine: refuse stylesheets that import or point at
# remote resources (the scripts' only URLs are documentation links in strings).
if grep -Eo '(@import|url\()[^)]*https?:' "$out/graphiql.min.css"; then
  echo "graphiql.min.css refers to a remote resource" >&2
  exit 1
fi

(cd "$out" && sha256sum $(ls | grep -v '^SHA256SUMS$' | sort) > SHA256SUMS)
echo "copied into ${out#"$repo"/}:"
cat "$out/SHA256SUMS"
