#!/usr/bin/python3
"""The figures of `make quality` that the shared picture tools do not give.

  quality_measure.py svg FILE.svg
      nodes= edges= (groups drawn, legend left out), labels= crossed= (edge
      labels, and those whose text box another edge's path crosses), paths=
      under= (edges with a path, and those whose path passes under a node
      that is not one of their two ends)
  quality_measure.py png FILE.png
      width= height= of the image
  quality_measure.py sheet OUT.png LIST
      a contact sheet: each PNG named in LIST (lines NAME=FILE.png) as a
      small thumbnail, its name under it
  quality_measure.py table ROWS.tsv
      the Markdown table of docs/QUALITY.md, failing figures marked

Reads Graphviz's SVG as relgraph writes it: nodes and edges are
<g class="node ..."> and <g class="edge ..."> with a <title> (an edge's is
"TAIL->HEAD" or "TAIL--HEAD", a node's its id); the legend is what has
"legend" in its class or title.
"""
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
NUM = r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def font_measure():
    """A function giving a text's width in drawing units from its font size:
    the real font Graphviz resolves Helvetica/Arial to, through Pillow, as
    overlaps.py measures it; else 0.5 em a character."""
    try:
        from PIL import ImageFont
        path = subprocess.run(["fc-match", "-f", "%{file}", "Arial"],
                              capture_output=True, text=True).stdout
        fonts = {}

        def measure(text, size):
            if size not in fonts:
                fonts[size] = ImageFont.truetype(path, size=max(1, round(size * 10)))
            return fonts[size].getlength(text) / 10
        measure("x", 10.0)
        return measure
    except Exception:
        return lambda text, size: 0.5 * size * len(text)


def numbers(s):
    return [float(v) for v in re.findall(NUM, s)]


def shape_box(g):
    """The bounding box of a node's drawn shapes (not its text), or None."""
    xs, ys = [], []
    for el in g.iter():
        tag = el.tag.replace(SVG, "")
        if tag in ("polygon", "polyline"):
            v = numbers(el.get("points", ""))
            xs += v[0::2]
            ys += v[1::2]
        elif tag == "path":
            v = numbers(el.get("d", ""))
            xs += v[0::2]
            ys += v[1::2]
        elif tag == "ellipse":
            cx, cy = float(el.get("cx")), float(el.get("cy"))
            rx, ry = float(el.get("rx")), float(el.get("ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def text_boxes(g, measure):
    """The boxes of the <text> elements under g, as overlaps.py draws them."""
    boxes = []
    for el in g.iter(SVG + "text"):
        text = "".join(el.itertext()).strip()
        if not text:
            continue
        x, y = float(el.get("x", 0)), float(el.get("y", 0))
        size = float(el.get("font-size", 14))
        w = measure(text, size)
        anchor = el.get("text-anchor", "start")
        x0 = x - w / 2 if anchor == "middle" else (x - w if anchor == "end" else x)
        boxes.append((x0, y - 0.8 * size, x0 + w, y + 0.2 * size))
    return boxes


def bezier(d):
    """A Graphviz edge path (M, then cubic C segments) as a polyline, each
    segment cut finely enough to stay within half a unit of the curve."""
    v = numbers(d)
    pts = list(zip(v[0::2], v[1::2]))
    if not pts:
        return []
    line = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        dev = max(dist_to_line(p1, p0, p3), dist_to_line(p2, p0, p3))
        n = max(1, min(64, math.ceil(math.sqrt(dev / 0.5))))
        for k in range(1, n + 1):
            t = k / n
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            line.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0],
                         a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return line


def dist_to_line(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    if n == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    return abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / n


def crosses(p, q, box):
    """Whether the segment p-q enters the box (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = box
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for num, den in ((p[0] - x0, -dx), (x1 - p[0], dx), (p[1] - y0, -dy), (y1 - p[1], dy)):
        if den == 0:
            if num < 0:
                return False
        else:
            t = num / den
            if den < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


class Grid:
    """Boxes bucketed by cell, to find the ones a short segment may touch."""

    def __init__(self, boxes, cell):
        self.cell, self.cells = cell, {}
        for i, b in enumerate(boxes):
            for cx in range(int(b[0] // cell), int(b[2] // cell) + 1):
                for cy in range(int(b[1] // cell), int(b[3] // cell) + 1):
                    self.cells.setdefault((cx, cy), []).append(i)

    def near(self, p, q):
        c = self.cell
        found = set()
        for cx in range(int(min(p[0], q[0]) // c), int(max(p[0], q[0]) // c) + 1):
            for cy in range(int(min(p[1], q[1]) // c), int(max(p[1], q[1]) // c) + 1):
                found.update(self.cells.get((cx, cy), ()))
        return found


def pieces(line, step):
    """The polyline's segments, long ones cut to at most step long."""
    for p, q in zip(line, line[1:]):
        n = max(1, math.ceil(math.hypot(q[0] - p[0], q[1] - p[1]) / step))
        for k in range(n):
            yield ((p[0] + (q[0] - p[0]) * k / n, p[1] + (q[1] - p[1]) * k / n),
                   (p[0] + (q[0] - p[0]) * (k + 1) / n, p[1] + (q[1] - p[1]) * (k + 1) / n))


def ends(title, names):
    """The two node ids of an edge title "A->B" or "A--B" (ids may hold
    "-" and ":"; the split that names two known nodes wins)."""
    first = None
    for sep in ("->", "--"):
        i = title.find(sep)
        while i >= 0:
            a, b = title[:i], title[i + 2:]
            if first is None:
                first = (a, b)
            for x in (a, a.rsplit(":", 1)[0]):
                for y in (b, b.rsplit(":", 1)[0]):
                    if x in names and y in names:
                        return x, y
            i = title.find(sep, i + 1)
    return first or (title, title)


def groups(root, kind):
    """(title, group) of each node or edge group that is not the legend's."""
    out = []
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if not cls or cls[0] != kind or "legend" in cls:
            continue
        t = g.find(SVG + "title")
        title = "".join(t.itertext()) if t is not None else ""
        if "legend" in title.lower():
            continue
        out.append((title, g))
    return out


def measure_svg(path):
    root = ET.parse(path).getroot()
    measure = font_measure()
    nodes = groups(root, "node")
    edges = groups(root, "edge")
    # node boxes, shrunk by a tenth of their size on each side, so that an
    # edge that only grazes a node's outline does not count
    boxes, owner = [], []
    for title, g in nodes:
        b = shape_box(g)
        if b is None:
            tb = text_boxes(g, measure)
            b = (min(t[0] for t in tb), min(t[1] for t in tb),
                 max(t[2] for t in tb), max(t[3] for t in tb)) if tb else None
        if b is None:
            continue
        w, h = b[2] - b[0], b[3] - b[1]
        boxes.append((b[0] + w / 10, b[1] + h / 10, b[2] - w / 10, b[3] - h / 10))
        owner.append(title)
    names = {t for t, _ in nodes}
    sizes = sorted(max(b[2] - b[0], b[3] - b[1]) for b in boxes)
    cell = max(20.0, sizes[len(sizes) // 2]) if sizes else 50.0
    node_grid = Grid(boxes, cell)

    lines, labels, label_edge = [], [], []
    for i, (title, g) in enumerate(edges):
        line = []
        for p in g.iter(SVG + "path"):
            line.append(bezier(p.get("d", "")))
        lines.append((title, line))
        # an edge's label: its <text>s (one per line), each box shrunk by a
        # unit so that a path touching its edge does not count
        for b in text_boxes(g, measure):
            labels.append((b[0] + 1, b[1] + 1, b[2] - 1, b[3] - 1))
            label_edge.append(i)
    label_grid = Grid(labels, cell)

    under = paths = 0
    crossed = set()
    for i, (title, line) in enumerate(lines):
        if not any(len(part) > 1 for part in line):
            continue
        paths += 1
        a, b = ends(title, names)
        hit = False
        for part in line:
            for p, q in pieces(part, cell / 2):
                if not hit:
                    for k in node_grid.near(p, q):
                        if owner[k] not in (a, b) and crosses(p, q, boxes[k]):
                            hit = True
                            break
                for k in label_grid.near(p, q):
                    if label_edge[k] != i and k not in crossed and crosses(p, q, labels[k]):
                        crossed.add(k)
        under += hit
    # a label counts once, however many lines it has
    labelled = {label_edge[k] for k in range(len(labels))}
    crossed_labels = {label_edge[k] for k in crossed}
    print(f"nodes={len(nodes)} edges={len(edges)} labels={len(labelled)} "
          f"crossed={len(crossed_labels)} paths={paths} under={under}")


def measure_png(path):
    from PIL import Image
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(path) as im:
        print(f"width={im.width} height={im.height}")


def sheet(out, items):
    """Thumbnails in a grid, six a row, each name under its picture."""
    from PIL import Image, ImageDraw, ImageFont
    Image.MAX_IMAGE_PIXELS = None
    tw, th, cap, pad, cols = 250, 190, 30, 8, 6
    try:
        path = subprocess.run(["fc-match", "-f", "%{file}", "Arial"],
                              capture_output=True, text=True).stdout
        font = ImageFont.truetype(path, 12)
    except Exception:
        font = ImageFont.load_default()
    rows = (len(items) + cols - 1) // cols
    W, H = cols * (tw + pad) + pad, rows * (th + cap + pad) + pad
    board = Image.new("RGB", (W, H), "#d9d9d9")
    draw = ImageDraw.Draw(board)
    for n, (name, png) in enumerate(items):
        x = pad + (n % cols) * (tw + pad)
        y = pad + (n // cols) * (th + cap + pad)
        board.paste("white", (x, y, x + tw, y + th + cap))
        with Image.open(png) as im:
            im.draft("RGB", (tw, th))
            im = im.convert("RGBA")
            im.thumbnail((tw, th), Image.LANCZOS, reducing_gap=2.0)
            bg = Image.new("RGB", im.size, "white")
            bg.paste(im, mask=im.split()[3])
            board.paste(bg, (x + (tw - im.width) // 2, y + (th - im.height) // 2))
        # the name, cut to fit the cell
        while draw.textlength(name, font=font) > tw - 6 and len(name) > 4:
            name = name.rstrip("…")[:-1].rstrip() + "…"
        draw.text((x + tw // 2, y + th + cap // 2), name, fill="black", font=font, anchor="mm")
    board.save(out, optimize=True)


# --- the table -------------------------------------------------------------

COLUMNS = ("name note status nodes edges svg_s png_s engine aspect minpt legend "
           "overlaps labels crossed paths under png_w png_h png_bytes summarised time_target").split()


def bad(text):
    return f"**{text} ✗**"


def table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            v = line.rstrip("\n").split("\t")
            rows.append(dict(zip(COLUMNS, v + [""] * (len(COLUMNS) - len(v)))))
    head = ("| input | nodes | edges | s (SVG) | s (PNG) | layout (`-v`) | aspect | "
            "min pt | legend | label overlaps | edge labels crossed | edges under other nodes | "
            "PNG px | PNG KB | summarised |")
    print(head)
    print("|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
    for r in rows:
        name = r["name"] + (f" <br>*{r['note']}*" if r["note"] else "")
        if r["status"] != "ok":
            cells = [name, "", "", fmt_time(r["svg_s"], r["time_target"], r["status"]),
                     "", r["status"]] + [""] * 9
            print("| " + " | ".join(cells) + " |")
            continue
        nodes = int(r["nodes"])
        aspect = float(r["aspect"])
        minpt = float(r["minpt"])
        legend = float(r["legend"])
        overlaps = int(r["overlaps"])
        paths, under = int(r["paths"]), int(r["under"])
        share = under / paths if paths else 0.0
        limit = 0.05 if nodes <= 200 else 0.20
        labels, crossed = int(r["labels"]), int(r["crossed"])
        cells = [
            name, r["nodes"], r["edges"],
            fmt_time(r["svg_s"], r["time_target"], "ok"),
            r["png_s"] if r["png_s"] not in ("", "-") else "–",
            r["engine"],
            bad(f"{aspect:.2f}") if not 0.5 <= aspect <= 2.2 else f"{aspect:.2f}",
            bad(f"{minpt:.1f}") if minpt < 6 else f"{minpt:.1f}",
            bad(f"{legend:.0%}") if legend > 0.10 else f"{legend:.0%}",
            bad(str(overlaps)) if overlaps else "0",
            f"{crossed}/{labels}" if labels else "–",
            (bad if share > limit else str)(f"{share:.0%} ({under}/{paths})"),
            f"{r['png_w']}×{r['png_h']}" if r["png_w"] else "–",
            f"{int(r['png_bytes']) // 1024:,}" if r["png_bytes"] else "–",
            r["summarised"],
        ]
        print("| " + " | ".join(cells) + " |")


def fmt_time(s, target, status):
    if status == "timeout":
        return bad(f"timeout ({s} s)")
    if not s or s == "-":
        return "–"
    if target not in ("", "-") and float(s) > float(target):
        return bad(f"{float(s):.2f}") + f" (≤ {target})"
    return f"{float(s):.2f}" + (f" (≤ {target})" if target not in ("", "-") else "")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "svg" and len(sys.argv) == 3:
        measure_svg(sys.argv[2])
    elif cmd == "png" and len(sys.argv) == 3:
        measure_png(sys.argv[2])
    elif cmd == "sheet" and len(sys.argv) == 4:
        with open(sys.argv[3], encoding="utf-8") as f:
            sheet(sys.argv[2], [line.rstrip("\n").rsplit("=", 1) for line in f if "=" in line])
    elif cmd == "table" and len(sys.argv) == 3:
        table(sys.argv[2])
    else:
        sys.exit(__doc__)
