# cow.awk: the Correlates of War alliances (alliance_v4.1_by_member.csv,
# one row per member of each alliance) as one agreements.csv for relgraph:
# one row per alliance (version4id), its members as parties, its start and
# end dates, its type. The data set stays where it is; this writes a
# derived table to standard output.
#
#   awk -f bench/cow.awk .../cow/alliance_v4.1_by_member.csv >DIR/agreements.csv

BEGIN {
	n = 0
}

# Splits a CSV record into f[1..], honouring quotes; the number of fields.
function csv(line, f,   nf, i, c, q, cur) {
	nf = 0
	cur = ""
	q = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (q) {
			if (c == "\"" && substr(line, i + 1, 1) == "\"") {
				cur = cur c
				i++
			} else if (c == "\"")
				q = 0
			else
				cur = cur c
		} else if (c == "\"")
			q = 1
		else if (c == ",") {
			f[++nf] = cur
			cur = ""
		} else
			cur = cur c
	}
	f[++nf] = cur
	return nf
}

# YYYY, YYYY-MM or YYYY-MM-DD from the columns that are there
function date(y, m, d) {
	if (y == "")
		return ""
	if (m == "")
		return sprintf("%04d", y)
	if (d == "")
		return sprintf("%04d-%02d", y, m)
	return sprintf("%04d-%02d-%02d", y, m, d)
}

# a field for the output: quoted when it holds a comma or a quote
function out(s) {
	if (s !~ /[",]/)
		return s
	gsub(/"/, "\"\"", s)
	return "\"" s "\""
}

{
	sub(/\r$/, "")
	nf = csv($0, f)
}

NR == 1 {
	for (i = 1; i <= nf; i++)
		col[f[i]] = i
	next
}

{
	id = f[col["version4id"]]
	if (!(id in start)) {
		order[++n] = id
		start[id] = date(f[col["all_st_year"]], f[col["all_st_month"]], f[col["all_st_day"]])
		end[id] = date(f[col["all_end_year"]], f[col["all_end_month"]], f[col["all_end_day"]])
		type[id] = f[col["ss_type"]]
	}
	who = f[col["state_name"]]
	if (!((id, who) in member)) {
		member[id, who] = 1
		parties[id] = parties[id] == "" ? who : parties[id] ";" who
	}
}

END {
	print "name,start,end,parties,kind,source"
	for (i = 1; i <= n; i++) {
		id = order[i]
		print out("Alliance " id " (" substr(start[id], 1, 4) ")") "," start[id] "," \
			end[id] "," out(parties[id]) "," out(type[id]) ",Correlates of War alliances v4.1"
	}
}
