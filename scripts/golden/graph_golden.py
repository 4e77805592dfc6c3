#!/usr/bin/env python3
"""Golden values for packages/core/src/graph, computed with NetworkX.

Writes one JSON file per test graph to packages/core/src/graph/__golden__/. Tests read
only those files, so CI needs no Python. Re-run after changing the graph set:

    python3 scripts/golden/graph_golden.py
"""
import json
import math
import os
import random
import sys

import networkx as nx

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "packages", "core", "src", "graph", "__golden__")
PAGERANK = dict(alpha=0.85, tol=1e-10, max_iter=1000)
LOUVAIN_SEED = 7


def relabelled(g):
    """Same graph with nodes 0..n-1 in G.nodes() order, so JSON indices are node ids."""
    h = nx.Graph()
    h.add_nodes_from(range(g.number_of_nodes()))
    index = {v: i for i, v in enumerate(g.nodes())}
    h.add_edges_from((index[u], index[v]) for u, v in g.edges() if u != v)
    return h


def with_bridges():
    """Two dense blocks (K4 and a 6-cycle with a chord) joined by a path, plus pendant trees and a separate triangle."""
    g = nx.Graph()
    g.add_nodes_from(range(22))
    g.add_edges_from(nx.complete_graph(4).edges())  # 0..3
    g.add_edges_from([(4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (9, 4), (4, 7)])  # 6-cycle with a chord
    g.add_edges_from([(3, 10), (10, 11), (11, 4)])  # bridge path between the blocks
    g.add_edges_from([(0, 12), (12, 13), (12, 14), (8, 15), (15, 16)])  # pendant trees
    g.add_edges_from([(17, 18), (18, 19), (19, 17), (19, 20)])  # another component
    return g  # 21 is isolated


def graphs():
    yield "gnp-sparse", nx.gnp_random_graph(100, 0.018, seed=3)
    yield "gnp-dense", nx.gnp_random_graph(40, 0.15, seed=2)
    yield "ba-200-3", nx.barabasi_albert_graph(200, 3, seed=3)
    yield "ba-800-2", nx.barabasi_albert_graph(800, 2, seed=4)
    yield "ba-300-1", nx.barabasi_albert_graph(300, 1, seed=5)
    yield "karate", nx.karate_club_graph()
    yield "path-10", nx.path_graph(10)
    yield "star-8", nx.star_graph(8)
    yield "barbell-5-3", nx.barbell_graph(5, 3)
    yield "bridges", with_bridges()
    yield "single", nx.empty_graph(1)
    yield "pair", nx.path_graph(2)
    yield "empty-0", nx.empty_graph(0)
    yield "empty-5", nx.empty_graph(5)


def num(x):
    return None if isinstance(x, float) and math.isnan(x) else float(x)


def per_node(g, d):
    return [num(d[v]) for v in range(g.number_of_nodes())]


def cut_off_brute(g):
    """For each v: nodes of v's component cut off from the largest piece of (component - v)."""
    out = []
    for v in range(g.number_of_nodes()):
        comp = nx.node_connected_component(g, v)
        h = g.subgraph(comp - {v})
        sizes = sorted((len(c) for c in nx.connected_components(h)), reverse=True)
        out.append(sum(sizes) - sizes[0] if len(sizes) >= 2 else 0)
    return out


def metrics(g):
    n = g.number_of_nodes()
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: c[0])
    comp_id = [0] * n
    for i, c in enumerate(comps):
        for v in c:
            comp_id[v] = i
    out = {
        "n": n,
        "edges": sorted([min(u, v), max(u, v)] for u, v in g.edges()),
        "degree_centrality": per_node(g, nx.degree_centrality(g)),
        "betweenness": per_node(g, nx.betweenness_centrality(g)),
        "closeness": per_node(g, nx.closeness_centrality(g)),
        "pagerank": per_node(g, nx.pagerank(g, **PAGERANK)) if n else [],
        "triangles": per_node(g, nx.triangles(g)),
        "clustering": per_node(g, nx.clustering(g)),
        "average_clustering": nx.average_clustering(g) if n else None,
        "transitivity": nx.transitivity(g),
        # NetworkX's matrix path raises on edgeless graphs; every node is an isolate (NaN) there.
        "constraint": per_node(g, nx.constraint(g)) if g.number_of_edges() else [None] * n,
        "effective_size": per_node(g, nx.effective_size(g)) if g.number_of_edges() else [None] * n,
        "component_ids": comp_id,
        "component_sizes": [len(c) for c in comps],
        "articulation_points": sorted(nx.articulation_points(g)),
        "bridges": sorted([min(u, v), max(u, v)] for u, v in nx.bridges(g)),
        "cut_off_counts": cut_off_brute(g),
        "density": nx.density(g),
        "average_path_per_component": [
            nx.average_shortest_path_length(g.subgraph(c)) if len(c) > 1 else 0.0 for c in comps
        ],
    }
    if g.number_of_edges() > 0:
        parts = nx.community.louvain_communities(g, seed=LOUVAIN_SEED)
        label = [0] * n
        for i, c in enumerate(parts):
            for v in c:
                label[v] = i
        out["louvain_labels"] = label
        out["louvain_modularity"] = nx.community.modularity(g, parts)
        mod3 = [{v for v in range(n) if v % 3 == r} for r in range(3)]
        mod3 = [c for c in mod3 if c]
        out["modularity_mod3"] = nx.community.modularity(g, mod3)
    if n >= 10:
        k = max(3, n // 4)
        seed = 11
        # nx draws sources with random.Random(seed).sample(list(G), k): record them.
        out["sampled"] = {
            "k": k,
            "seed": seed,
            "sources": random.Random(seed).sample(list(g.nodes()), k),
            "betweenness": per_node(g, nx.betweenness_centrality(g, k=k, seed=seed)),
        }
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    for name, g in graphs():
        data = {"name": name, "networkx": nx.__version__, **metrics(relabelled(g))}
        path = os.path.join(OUT, f"{name}.json")
        with open(path, "w") as f:
            json.dump(data, f, separators=(",", ":"))
            f.write("\n")
        total += os.path.getsize(path)
    print(f"wrote {OUT} ({total / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
