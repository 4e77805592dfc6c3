#!/usr/bin/env python3
"""Reference timings for bench/map.bench.ts: NetworkX or python-igraph on the same edge list.

Usage: map_reference.py --lib networkx|igraph --edges FILE --n N --tasks a,b,c [--k K] [--seed S]
           [--values-out FILE]
Prints one JSON object: {"lib", "version", "ms": {task: CPU milliseconds}}. Only the metric call
is timed (process CPU time, best of up to 10 runs until they total 1 s), never graph
loading; CPU time keeps the ratios meaningful on a shared machine. Installs nothing.
"""
import argparse
import json
import time


def best_of(fn):
    """Best CPU time of up to 10 runs, stopping once the runs total over 1 s (as the TS side)."""
    best = None
    result = None
    total = 0.0
    for _ in range(10):
        t = time.process_time()
        result = fn()
        ms = (time.process_time() - t) * 1000
        best = ms if best is None else min(best, ms)
        total += ms
        if total >= 1000:
            break
    return best, result


def networkx_tasks(edges, n, k, seed):
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return nx.__version__, {
        "degree": lambda: nx.degree_centrality(g),
        "betweenness": lambda: nx.betweenness_centrality(g),
        "betweenness-sampled": lambda: nx.betweenness_centrality(g, k=k, seed=seed),
        "closeness": lambda: nx.closeness_centrality(g),
        "pagerank": lambda: nx.pagerank(g, alpha=0.85, tol=1e-10, max_iter=1000),
        "clustering": lambda: nx.clustering(g),
        "constraint": lambda: nx.constraint(g),
        "effective-size": lambda: nx.effective_size(g),
        "components": lambda: list(nx.connected_components(g)),
        "articulation": lambda: list(nx.articulation_points(g)),
        "bridges": lambda: list(nx.bridges(g)),
        "louvain": lambda: nx.community.louvain_communities(g, seed=seed),
        "density": lambda: nx.density(g),
        "average-path": lambda: nx.average_shortest_path_length(g),
    }


def igraph_tasks(edges, n, k, seed):
    import igraph

    g = igraph.Graph(n=n, edges=edges, directed=False)
    return igraph.__version__, {
        "degree": lambda: g.degree(),
        "betweenness": lambda: g.betweenness(directed=False),
        "closeness": lambda: g.closeness(),
        "pagerank": lambda: g.pagerank(damping=0.85),
        "clustering": lambda: g.transitivity_local_undirected(mode="zero"),
        "constraint": lambda: g.constraint(),
        "components": lambda: g.connected_components(),
        "articulation": lambda: g.articulation_points(),
        "bridges": lambda: g.bridges(),
        "louvain": lambda: g.community_multilevel(),
        "density": lambda: g.density(),
        "average-path": lambda: g.average_path_length(directed=False),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lib", required=True, choices=["networkx", "igraph"])
    p.add_argument("--edges", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--tasks", required=True)
    p.add_argument("--k", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--values-out", help="write exact betweenness values (normalized) here, for a cross-check")
    a = p.parse_args()
    with open(a.edges) as f:
        edges = [tuple(map(int, line.split())) for line in f if line.strip()]
    version, tasks = (networkx_tasks if a.lib == "networkx" else igraph_tasks)(edges, a.n, a.k, a.seed)
    out = {"lib": a.lib, "version": version, "ms": {}}
    for name in a.tasks.split(","):
        if name not in tasks:
            continue
        ms, result = best_of(tasks[name])
        out["ms"][name] = ms
        if name == "betweenness" and a.values_out:
            n = a.n
            values = [result[v] for v in range(n)] if isinstance(result, dict) else [x * 2 / ((n - 1) * (n - 2)) for x in result]
            with open(a.values_out, "w") as f:
                json.dump(values, f)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
