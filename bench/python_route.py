#!/usr/bin/env python3
"""python_route.py: the Python way to draw a folder of relationship CSV
files, as an anchor for relgraph on small graphs.

    python3 bench/python_route.py FOLDER OUT.svg

Reads every *.csv in FOLDER with the csv module in the obvious way (a
`name` column declares a node, its kind from a `kind` column or the file
name; `from,to` is an edge; `participants` a meeting between each pair;
`parties` an agreement joined to each party; a leader's `country` an
edge), builds a networkx graph that counts repeated pairs, then hands it
to pygraphviz for a dot layout and an SVG, with one shape and colour per
kind and the counts as edge labels: roughly what relgraph draws.
"""
import csv
import glob
import os
import sys

import networkx as nx

STYLE = {
    "leader": ("ellipse", "#E69F00"),
    "country": ("box", "#56B4E9"),
    "agreement": ("note", "#F0E442"),
    "event": ("octagon", "#D55E00"),
    "person": ("ellipse", "#0072B2"),
}
FILE_KINDS = {"leaders": "leader", "countries": "country", "events": "event",
              "people": "person", "agreements": "agreement"}


def relate(g, a, b, kind, count=1):
    if not a or not b or a == b:
        return
    if g.has_edge(a, b):
        g[a][b]["count"] += count
    else:
        g.add_edge(a, b, kind=kind, count=count)


def read_folder(folder):
    g = nx.Graph()
    for path in sorted(glob.glob(os.path.join(folder, "*.csv"))):
        table = os.path.basename(path)[:-4]
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if "participants" in row:
                    who = [p.strip() for p in row["participants"].split(";")]
                    count = int(row.get("count") or 1)
                    for i, a in enumerate(who):
                        for b in who[i + 1:]:
                            relate(g, a, b, "met", count)
                elif "parties" in row:
                    g.add_node(row["name"], kind="agreement")
                    for p in row["parties"].split(";"):
                        relate(g, p.strip(), row["name"], "signed")
                elif "from" in row and "to" in row:
                    relate(g, row["from"], row["to"], row.get("relation") or "related")
                elif "name" in row:
                    kind = row.get("kind") or FILE_KINDS.get(table, "other")
                    g.add_node(row["name"], kind=kind)
                    if kind == "leader" and row.get("country"):
                        relate(g, row["name"], row["country"], "leads")
    return g


def draw(g, out):
    a = nx.nx_agraph.to_agraph(g)
    a.graph_attr.update(rankdir="LR", fontname="Helvetica")
    a.node_attr.update(style="filled", fontname="Helvetica", fontsize="11")
    a.edge_attr.update(fontname="Helvetica", fontsize="9")
    for n in a.nodes():
        shape, colour = STYLE.get(n.attr.get("kind"), ("ellipse", "#BBBBBB"))
        n.attr.update(shape=shape, fillcolor=colour)
    for e in a.edges():
        n = int(e.attr.get("count") or 1)
        e.attr.update(label=f"{e.attr.get('kind')} ({n})" if n > 1 else e.attr.get("kind"),
                      penwidth=str(1 + min(n, 40) / 10))
    a.layout(prog="dot")
    a.draw(out, format="svg")


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python_route.py FOLDER OUT.svg\n")
        return 2
    draw(read_folder(sys.argv[1]), sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
