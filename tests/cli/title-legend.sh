#!/bin/sh
# --title puts the text above the diagram (escaped in SVG); --no-legend
# leaves the legend (a cluster, or a table) out, which is there by default.
set -eu
bad=0
no() { echo "FAIL: $*"; bad=1; }

G="$ROOT/graphs/xi-putin"
"$RELGRAPH" "$G" -Tsvg --title 'Xi & Putin <2013-2023>' >titled.svg
xmllint --noout titled.svg || no "the titled SVG is not well-formed"
grep -Eq '>Xi &amp; Putin &lt;2013(&#45;|-)2023&gt;</text>' titled.svg ||
	no "the title is not a text element of the SVG"
"$RELGRAPH" "$G" -Tsvg >plain.svg
grep -q 'Xi &amp; Putin' plain.svg && no "a title without --title"

"$RELGRAPH" "$G" -Tdot >legend.dot
"$RELGRAPH" "$G" -Tdot --no-legend >nolegend.dot
grep -Eq 'cluster_legend|legend: table' legend.dot || no "no legend by default"
grep -Eq 'cluster_legend|legend: ' nolegend.dot && no "--no-legend still has a legend"
"$RELGRAPH" "$G" -Tsvg --no-legend >nolegend.svg
grep -Eq 'cluster_legend|class="legend|>Legend<' nolegend.svg && no "--no-legend SVG still has a legend"
# Leaving the legend out changes nothing else: the data nodes are the same.
grep -c 'class="node ' plain.svg >n1
grep -c 'class="node ' nolegend.svg >n2
[ "$(cat n1)" -gt "$(cat n2)" ] || no "the legend adds no nodes? $(cat n1) vs $(cat n2)"
exit $bad
