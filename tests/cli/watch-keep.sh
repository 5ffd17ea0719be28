#!/bin/sh
# relgraph watch in a folder with a table of over 1 MB: a save of a small
# table, of the big one and of a table before it each redraw exactly what
# a fresh run draws from the same files (watch keeps the big table as read
# between saves and reads again only from the first changed file, and
# keeps what finishing made of its names while later files leave them be).
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

cp -R "$ROOT/graphs/xi-putin" data
# after agreements.csv and before meetings.csv by name; 30,000 meetings
awk 'BEGIN { print "date,participants,occasion"
	print "2013-03-22,Xi Jinping;Vladimir Putin,state visit"
	for (i = 0; i < 30000; i++)
		printf "2001-01-%02d,Person %d;Person %d,a meeting of two people\n", i % 28 + 1, i, (i * 7 + 1) % 30000 }' \
	>data/big-meetings.csv
[ "$(wc -c <data/big-meetings.csv)" -gt 1048576 ] || no "big-meetings.csv is not over 1 MB"
set -- --focus "Xi Jinping" --depth 1 --no-memory

renders() {
	count=$(grep -c '^relgraph: [0-9][0-9]:[0-9][0-9]:[0-9][0-9] ' log 2>/dev/null || true)
	echo "${count:-0}"
}

# waits for the n-th drawing, then compares it with a fresh run's
expect_same() {
	n=$1 what=$2 i=0
	shift 2
	while [ "$(renders)" -lt "$n" ] && [ $i -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.4
	[ "$(renders)" -eq "$n" ] || no "$what: $(renders) drawings in all, expected $n"
	rm -rf cold
	"$RELGRAPH" data -O --outdir cold "$@" 2>/dev/null || no "$what: the fresh run failed"
	cmp -s out/data.svg cold/data.svg || no "$what: watch drew other bytes than a fresh run"
}

meetings() { grep -o '[0-9]* meetings, 2013' out/data.svg | head -n 1 | cut -d' ' -f1; }

"$RELGRAPH" watch data -O --outdir out "$@" 2>log &
pid=$!
expect_same 1 "first drawing" "$@"
[ "$(meetings)" = 41 ] || no "first drawing: $(meetings) Xi-Putin meetings drawn, expected 41"

printf '2023-04-01,,Xi Jinping;Vladimir Putin,Beijing,in-person,small save,,test\n' >>data/meetings.csv
expect_same 2 "save of a small table after the big one" "$@"
[ "$(meetings)" = 42 ] || no "small save: $(meetings) Xi-Putin meetings drawn, expected 42"

printf '2024-05-01,Xi Jinping;Vladimir Putin,big save\n' >>data/big-meetings.csv
expect_same 3 "save of the big table" "$@"
[ "$(meetings)" = 43 ] || no "big save: $(meetings) Xi-Putin meetings drawn, expected 43"

cp data/agreements.csv saved.csv
{ cat saved.csv; printf 'Test agreement,2022-02-04,China;Russia,treaty,a test save,test\n'; } >data/agreements.csv
expect_same 4 "save of a small table before the big one" "$@"

rm data/meetings.csv
expect_same 5 "a small table deleted" "$@"

# what finishing kept of the big table's names, given up when a later
# file changes them: a leader declared under a name the big table uses, a
# name of it given another kind, then a save that changes neither
printf 'Person 7,Atlantis,King,2000,,test\n' >>data/leaders.csv
expect_same 6 "a name of the big table declared after it" "$@"
printf 'name,date,parties\nPact,2020,Person 8;Person 9\n' >data/treaties.csv
expect_same 7 "a name of the big table given another kind after it" "$@"
printf 'source,target,kind\nXi Jinping,Person 7,met\n' >data/zz-edges.csv
expect_same 8 "a save after those" "$@"
printf 'Xi Jinping,Person 10,met\n' >>data/zz-edges.csv
expect_same 9 "a save after those, again" "$@"

kill -TERM "$pid"
wait "$pid" || no "watch ended with status $?"
[ $bad = 0 ] && echo "watch-keep: ok"
exit $bad
