#!/usr/bin/env python3
"""Prints the side-by-side benchmark table (Markdown) from criterion's output and renders the plot (SVG).

Usage: scripts/bench-table.py [CRITERION_DIR] [SVG_OUT]
  CRITERION_DIR defaults to target/criterion, SVG_OUT to docs/benchmarks.svg.
Run `cargo bench -p pipeline-tests --bench side_by_side -- --warm-up-time 1 --measurement-time 3` first.
Each group holds `generated` and `hand_written`, measured in the same run; the ratio is generated / hand-written
of the medians. Standard library only, so it runs anywhere python3 does.
"""
import json
import os
import sys

# (group, label, target ratio or None, "le" = at most)
CASES = [
    ("json_decode_seed", "JSON decode, seed", 1.10),
    ("json_decode_large", "JSON decode, large", 1.10),
    ("xml_decode_seed", "XML decode, seed", 0.33),
    ("xml_decode_large", "XML decode, large", 0.33),
    ("json_encode_seed", "JSON encode, seed", 1.10),
    ("json_encode_large", "JSON encode, large", 1.10),
    ("xml_encode_seed", "XML encode, seed", 0.35),
    ("xml_encode_large", "XML encode, large", 0.35),
    ("sign_v1", "typed request -> signed V1 URL", 1.0),
    ("sign_v3", "typed request -> signed V3 request", 1.0),
    ("to_params", "to_params", None),
]


def median_ns(root, group, function):
    path = os.path.join(root, group, function, "new", "estimates.json")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]


def human(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def rows(root):
    out = []
    for group, label, target in CASES:
        try:
            gen = median_ns(root, group, "generated")
            hand = median_ns(root, group, "hand_written")
        except FileNotFoundError:
            continue
        out.append((label, gen, hand, gen / hand, target))
    return out


def table(rs):
    lines = [
        "| work | generated | hand-written | ratio | target | met |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for label, gen, hand, ratio, target in rs:
        t = f"≤ {target:.2f}×" if target is not None else "–"
        met = "–" if target is None else ("yes" if ratio <= target else "**no**")
        lines.append(f"| {label} | {human(gen)} | {human(hand)} | {ratio:.2f}× | {t} | {met} |")
    return "\n".join(lines)


def svg(rs):
    """Horizontal bars: the ratio per case, a line at 1.0 (hand-written) and a tick at each target."""
    width, left, bar, gap, top = 760, 260, 18, 10, 40
    scale_max = max([2.0] + [r[3] for r in rs] + [r[4] or 0 for r in rs]) * 1.1
    px = lambda x: left + (width - left - 40) * x / scale_max  # noqa: E731
    height = top + len(rs) * (bar + gap) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="20" font-size="14">generated / hand-written (median time; shorter is '
        'faster; | = target)</text>',
    ]
    for i, (label, _gen, _hand, ratio, target) in enumerate(rs):
        y = top + i * (bar + gap)
        met = target is None or ratio <= target
        colour = "#4c9a2a" if met else "#c0392b"
        parts.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end">{label}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{px(ratio) - left:.1f}" height="{bar}" fill="{colour}"/>')
        parts.append(f'<text x="{px(ratio) + 4:.1f}" y="{y + 13}">{ratio:.2f}×</text>')
        if target is not None:
            parts.append(f'<line x1="{px(target):.1f}" x2="{px(target):.1f}" y1="{y - 2}" y2="{y + bar + 2}" '
                         'stroke="black" stroke-width="2"/>')
    base = top + len(rs) * (bar + gap)
    parts.append(f'<line x1="{px(1.0):.1f}" x2="{px(1.0):.1f}" y1="{top - 6}" y2="{base}" stroke="#555" '
                 'stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{px(1.0):.1f}" y="{base + 16}" text-anchor="middle">1.0 = hand-written</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
    out = sys.argv[2] if len(sys.argv) > 2 else "docs/benchmarks.svg"
    rs = rows(root)
    if not rs:
        sys.exit(f"no side-by-side results under {root}: run the benchmark first")
    print(table(rs))
    with open(out, "w") as f:
        f.write(svg(rs))
    print(f"\nplot: {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
