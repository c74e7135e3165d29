#!/bin/sh
# pgo.sh writes generator/default.pgo, the CPU profile from which the go
# command optimises the generator (profile-guided optimisation,
# https://go.dev/doc/pgo): go build, go run and go test of ./generator pick
# it up by themselves. The profile is of whole builds, in-process, of the
# shared yardstick's 1,000- and 10,000-event programmes, each rebuilding
# over its previous output, the 10,000-event ones weighing most.
#
# Run it again when the hot paths change much. A stale profile optimises
# less, never differently: what the program does and writes is the same
# with or without it.
#
# Needs the shared yardstick beside the repository (../shared/bench/synth).
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$repo"
# Profiled without the current profile, as the Go documentation advises.
go test -pgo=off -run '^$' -bench 'Build/events=1000$' -benchtime 15x \
	-cpuprofile "$tmp/1000.pprof" -o "$tmp/generator.test" ./generator
go test -pgo=off -run '^$' -bench 'Build/events=10000$' -benchtime 3x \
	-cpuprofile "$tmp/10000.pprof" -o "$tmp/generator.test" ./generator
go tool pprof -proto "$tmp/1000.pprof" "$tmp/10000.pprof" > "$tmp/default.pgo"
mv "$tmp/default.pgo" generator/default.pgo
echo "wrote generator/default.pgo ($(wc -c < generator/default.pgo) bytes)"
