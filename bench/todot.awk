# todot.awk: a folder made by gen as one plain undirected DOT graph, the
# way a Graphviz user would convert it before cutting it with gvpr: one
# edge per related pair, as relgraph merges them (repeated meetings of a
# pair are one edge), no styles, no legend.
#
#   awk -v focus=FILE -f bench/todot.awk DIR/leaders.csv DIR/edges.csv \
#       DIR/agreements.csv DIR/meetings.csv >DIR.dot
#
# The relations are relgraph's (docs/FORMAT.md): a leader -- its country,
# from -- to, each party -- its agreement, each pair of a meeting of up to
# six, and each participant of a bigger one -- the meeting, named
# "OCCASION, DATE" (or "PLACE, DATE") as relgraph names it.
#
# With -v focus=FILE it also writes to FILE the leader whose depth-2
# neighbourhood is the smallest (the first such in leaders.csv), and its
# size: a non-hub to --focus on (nothing when every one reaches more than
# 5,000 nodes).  A folder of `gen -k names` (edges.csv alone, source and
# target) has no leaders: the candidates are then the first 2,000 targets
# with three relations or more.
#
# gen quotes no field (no name holds a comma or a quote); a quote in the
# input is an error rather than a silently wrong split.

BEGIN {
	FS = ","
	nedges = 0
	nleaders = 0
}

FNR == 1 {
	table = FILENAME
	sub(/.*\//, "", table)
	sub(/\.csv$/, "", table)
	split("", col)
	for (i = 1; i <= NF; i++)
		col[$i] = i
	next
}

index($0, "\"") {
	printf "todot.awk: %s:%d: quoted field; this converter reads gen's unquoted CSV only\n",
		FILENAME, FNR >"/dev/stderr"
	failed = 1
	exit 1
}

table == "leaders" {
	leader[++nleaders] = $col["name"]
	edge($col["name"], $col["country"])
	next
}

table == "edges" {
	# gen's own edges.csv (from,to), or gen -k names's (source,target)
	a = ("from" in col) ? $col["from"] : $col["source"]
	b = ("to" in col) ? $col["to"] : $col["target"]
	edge(a, b)
	# without leaders, the candidates to focus on are the first few
	# thousand targets
	if (!("from" in col) && ncand < 2000 && !(b in cand)) {
		cand[b] = 1
		candidate[++ncand] = b
	}
	next
}

table == "agreements" {
	n = split($col["parties"], who, /[;|]/)
	for (i = 1; i <= n; i++)
		edge(who[i], $col["name"])
	next
}

table == "meetings" {
	n = split($col["participants"], who, /[;|]/)
	if (n > 6) {
		what = $col["occasion"] != "" ? $col["occasion"] : $col["place"]
		hub = what ", " $col["date"]
		for (i = 1; i <= n; i++)
			edge(who[i], hub)
	} else {
		for (i = 1; i < n; i++)
			for (j = i + 1; j <= n; j++)
				edge(who[i], who[j])
	}
	next
}

function q(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}

function edge(a, b,   k) {
	if (a == b)
		return
	k = a < b ? a SUBSEP b : b SUBSEP a
	if (k in seen)
		return
	seen[k] = 1
	if (!nedges++)
		print "graph {"
	print "\t" q(a) " -- " q(b) ";"
	nb[a, ++deg[a]] = b
	nb[b, ++deg[b]] = a
}

# The size of {v} and everything within two steps of it, or limit + 1 as
# soon as it is more than limit.
function reach2(v, limit,   s, n, i, j, u, w) {
	split("", s)
	s[v] = 1
	n = 1
	for (i = 1; i <= deg[v]; i++) {
		u = nb[v, i]
		if (!(u in s)) {
			s[u] = 1
			if (++n > limit)
				return n
		}
		for (j = 1; j <= deg[u]; j++) {
			w = nb[u, j]
			if (!(w in s)) {
				s[w] = 1
				if (++n > limit)
					return n
			}
		}
	}
	return n
}

END {
	if (failed)
		exit 1
	if (!nedges)
		print "graph {"
	print "}"
	if (focus == "")
		exit 0
	# past a few thousand, no leader is a useful focus: stop counting there
	best = ""
	bestn = 5001
	if (!nleaders) {
		# a name with a few relations of its own (three at least), not
		# one that stands for nothing
		for (i = 1; i <= ncand; i++)
			if (deg[candidate[i]] >= 3)
				leader[++nleaders] = candidate[i]
	}
	for (i = 1; i <= nleaders; i++) {
		if (deg[leader[i]] >= bestn)
			continue
		n = reach2(leader[i], bestn - 1)
		if (n < bestn) {
			bestn = n
			best = leader[i]
		}
	}
	if (best != "")
		print best "\t" bestn >focus
	else
		printf "" >focus
	close(focus)
}
