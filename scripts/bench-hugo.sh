#!/bin/sh
# bench-hugo.sh compares the whole build of quinzaine with Hugo's on the
# shared synthetic programme, alternately (quinzaine, Hugo, quinzaine, Hugo…)
# so that the drift of a shared machine touches both alike, and prints the
# median of the paired ratios with their range.
#
#   scripts/bench-hugo.sh [EVENTS...]        default: 1000 10000
#   PAIRS=7 scripts/bench-hugo.sh 10000      more pairs (default 5)
#   FRESH=1 scripts/bench-hugo.sh            every build into an empty folder
#
# By default each side rebuilds over its own previous output, as an editor
# rebuilds public/: each first builds untimed until it is in that steady
# state (Hugo once; quinzaine twice, since its second build leaves the
# .out.spare tree that later builds reuse). FRESH=1 writes every build into
# a folder of its own that did not exist, and also times cp -r of
# quinzaine's output into another: what the disk alone costs for those
# files.
#
# Nothing is removed while FRESH=1 measures. This machine's ext4 has no
# journal, and then the kernel will not reuse an inode freed in the last
# one to six minutes: every file created after a large tree is removed
# walks past its freed inodes, and creating a file costs up to twenty times
# as much. So the run removes the folders of the previous one first, then
# waits QUIET seconds (default 400) before its first build, and keeps every
# folder it writes until its end.
#
# Needs Hugo on PATH, GNU time at /usr/bin/time, and the shared yardstick
# beside the repository (../shared/bench/synth). Not part of go test.
set -eu

repo=$(cd "$(dirname "$0")/.." && pwd)
synth=$repo/../shared/bench/synth
pairs=${PAIRS:-5}
work=${WORK:-$(mktemp -d)}
[ $# -gt 0 ] || set -- 1000 10000
[ -d "$synth" ] || { echo "no yardstick at $synth" >&2; exit 2; }
command -v hugo >/dev/null || { echo "hugo is not installed" >&2; exit 2; }

# A fixed build time: the same content gives the same bytes at every run.
export SOURCE_DATE_EPOCH=1781000000
go -C "$repo" build -o "$work/qz" ./generator

files() { find "$1" -type f | wc -l; }

# timed NAME N OUT CMD...: runs CMD, which writes into the folder OUT, and
# appends "NAME N wall-seconds peak-KiB files" to $work/runs.
timed() {
	name=$1 n=$2 out=$3
	shift 3
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
	echo "$name $n $(cat "$work/time") $(files "$out")" >>"$work/runs"
}

fresh=$work/fresh
if [ -n "${FRESH:-}" ]; then
	rm -rf "$fresh"
	mkdir -p "$fresh"
	sync
	quiet=${QUIET:-400}
	echo "waiting ${quiet} s for the disk to forget the files removed before this run" >&2
	sleep "$quiet"
fi

: >"$work/runs"
for n in "$@"; do
	venues=300
	[ "$n" -gt 1000 ] || venues=100
	src=$work/synth-$n
	[ -d "$src" ] || go -C "$synth" run . -events "$n" -venues "$venues" -seed 1 -eleventy=false -out "$src" >/dev/null
	if [ -z "${FRESH:-}" ]; then
		rm -rf "$work/out" "$work/.out.spare" "$work/hugo-out"
		for _ in 1 2; do
			"$work/qz" build -content "$src/ours/content" -theme "$repo/themes/default" -out "$work/out" >/dev/null
		done
		hugo --quiet -s "$src/hugo" -d "$work/hugo-out" >/dev/null
		for _ in $(seq "$pairs"); do
			timed quinzaine "$n" "$work/out" "$work/qz" build -content "$src/ours/content" -theme "$repo/themes/default" -out "$work/out"
			timed hugo "$n" "$work/hugo-out" hugo --quiet -s "$src/hugo" -d "$work/hugo-out"
		done
		continue
	fi
	for i in $(seq "$pairs"); do
		q=$fresh/quinzaine-$n-$i h=$fresh/hugo-$n-$i
		timed quinzaine "$n" "$q" "$work/qz" build -content "$src/ours/content" -theme "$repo/themes/default" -out "$q"
		timed hugo "$n" "$h" hugo --quiet -s "$src/hugo" -d "$h"
		# The disk's floor: cp writing the files and folders that the
		# build just wrote, from memory, with nothing to compute.
		timed copy "$n" "$fresh/copy-$n-$i" cp -r "$q" "$fresh/copy-$n-$i"
	done
done

# Pair the i-th quinzaine run of a size with its i-th Hugo run.
awk '
function median(a, k,   i, j, t) {
	for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
	return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
}
function report(label, q, h, k,   i, r, lo, hi) {
	for (i = 1; i <= k; i++) { r[i] = q[i] / h[i]; if (i == 1 || r[i] < lo) lo = r[i]; if (i == 1 || r[i] > hi) hi = r[i] }
	printf "  %-22s %6.3f  (%.3f–%.3f)\n", label, median(r, k), lo, hi
}
{ n = $2; if (!(n in seen)) { seen[n] = 1; sizes[++ns] = n }
  if ($1 == "quinzaine") { i = ++nq[n]; qw[n, i] = $3; qm[n, i] = $4; qf[n] = $5 }
  else if ($1 == "copy") { i = ++nc[n]; cw[n, i] = $3 }
  else { i = ++nh[n]; hw[n, i] = $3; hm[n, i] = $4; hf[n] = $5 } }
END {
	for (s = 1; s <= ns; s++) {
		n = sizes[s]; k = nq[n]
		for (i = 1; i <= k; i++) {
			a[i] = qw[n, i]; b[i] = hw[n, i]; c[i] = qm[n, i] / 1024; d[i] = hm[n, i] / 1024
			pa[i] = qw[n, i] / qf[n]; pb[i] = hw[n, i] / hf[n]
		}
		printf "%d events, %d pairs: quinzaine %d files, Hugo %d files\n", n, k, qf[n], hf[n]
		for (i = 1; i <= k; i++) { x[i] = a[i] } ; mq = median(x, k)
		for (i = 1; i <= k; i++) { x[i] = b[i] } ; mh = median(x, k)
		for (i = 1; i <= k; i++) { x[i] = c[i] } ; rq = median(x, k)
		for (i = 1; i <= k; i++) { x[i] = d[i] } ; rh = median(x, k)
		printf "  median wall            quinzaine %.2f s, Hugo %.2f s\n", mq, mh
		printf "  median peak memory     quinzaine %.0f MiB, Hugo %.0f MiB\n", rq, rh
		printf "  median time per file   quinzaine %.3f ms, Hugo %.3f ms\n", 1000 * mq / qf[n], 1000 * mh / hf[n]
		print  "  paired ratios, quinzaine / Hugo: median (min–max)"
		report("wall", a, b, k)
		report("time per output file", pa, pb, k)
		report("peak memory", c, d, k)
		if (nc[n] == k) {
			for (i = 1; i <= k; i++) { e[i] = cw[n, i]; x[i] = e[i] } ; mc = median(x, k)
			printf "  floor: cp -r of the same output into an empty folder, median %.2f s\n", mc
			print  "  paired ratio, quinzaine / that copy: median (min–max)"
			report("wall", a, e, k)
		}
	}
}' "$work/runs"
echo "runs: $work/runs"
# Removed last, outside every measurement; the next FRESH run waits anyway.
[ -z "${FRESH:-}" ] || rm -rf "$fresh"
