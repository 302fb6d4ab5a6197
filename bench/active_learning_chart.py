#!/usr/bin/env python3
"""Draws bench_active_learning's CSV (standard input) as an SVG line chart: mean accuracy
over the seeds against the number of labelled rows, one line per strategy, each seed's
points behind. Standard library only.

    build/bin/bench_active_learning | bench/active_learning_chart.py > docs/active_learning.svg
"""
import collections
import csv
import sys

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 700, 360, 60, 190, 20, 50
COLOURS = {"uncertainty": "#1f6fb4", "random": "#d9822b"}


def main():
    points = collections.defaultdict(lambda: collections.defaultdict(list))
    for row in csv.DictReader(sys.stdin):
        points[row["strategy"]][int(row["labelled"])].append(float(row["accuracy"]))
    xs = sorted({x for series in points.values() for x in series})
    values = [v for series in points.values() for vs in series.values() for v in vs]
    low, high = min(values) - 0.02, max(values) + 0.02

    def px(x):
        return LEFT + (x - xs[0]) / (xs[-1] - xs[0]) * (WIDTH - LEFT - RIGHT)

    def py(y):
        return HEIGHT - BOTTOM - (y - low) / (high - low) * (HEIGHT - TOP - BOTTOM)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="black"/>',
           f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="black"/>']
    for x in xs:
        out.append(f'<text x="{px(x):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{x}</text>')
    steps = 5
    for i in range(steps + 1):
        y = low + (high - low) * i / steps
        out.append(f'<text x="{LEFT - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.2f}</text>')
        out.append(f'<line x1="{LEFT}" y1="{py(y):.1f}" x2="{WIDTH - RIGHT}" y2="{py(y):.1f}" stroke="#ddd"/>')
    out.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 12}" text-anchor="middle">labelled rows</text>')
    out.append(f'<text x="14" y="{(TOP + HEIGHT - BOTTOM) / 2}" transform="rotate(-90 14 {(TOP + HEIGHT - BOTTOM) / 2})" '
               'text-anchor="middle">test accuracy</text>')
    for i, (strategy, series) in enumerate(sorted(points.items(), reverse=True)):
        colour = COLOURS.get(strategy, "black")
        for x, vs in series.items():
            for v in vs:
                out.append(f'<circle cx="{px(x):.1f}" cy="{py(v):.1f}" r="2" fill="{colour}" opacity="0.35"/>')
        line = " ".join(f"{px(x):.1f},{py(sum(vs) / len(vs)):.1f}" for x, vs in sorted(series.items()))
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{TOP + 12 + i * 20}" x2="{WIDTH - RIGHT + 36}" '
                   f'y2="{TOP + 12 + i * 20}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{WIDTH - RIGHT + 42}" y="{TOP + 16 + i * 20}">{strategy} (mean)</text>')
    out.append("</svg>")
    print("\n".join(out))


if __name__ == "__main__":
    main()
