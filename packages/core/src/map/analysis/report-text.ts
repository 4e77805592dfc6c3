/** Readable text for the CLI: the Map report, a what-if exit and a diff as plain tables (no colours). */
import type { EcosystemDocument } from '../../model/document.ts';
import type { MapReport } from './analyze.ts';
import type { DocumentDiff } from './diff.ts';
import type { ExitImpact } from './what-if.ts';

type Cell = string | number;

/** A plain-text table: a header row, a rule, then rows; numbers right-aligned. */
export function textTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

/** Integers as they are, other numbers to three decimals. */
function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(3);
}

const short = (items: readonly string[], max = 3) =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max}`;

function section(title: string, body: string): string {
  return `${title}\n${'='.repeat(title.length)}\n${body}\n`;
}

/** The Map report as text: network summary, top actors by betweenness, articulation points, communities and silos, brokers, gaps, opportunities, criticality. */
export function formatMapReport(doc: EcosystemDocument, report: MapReport, top = 10): string {
  const name = new Map(doc.actors.map((a) => [a.id, a.name]));
  const { network: net, gaps, opportunities } = report;
  const out: string[] = [];
  const n = Object.keys(net.actors).length;
  out.push(
    section(
      'Network',
      [
        `Actors ${n}, ties ${net.ties}, components ${net.components}, density ${fmt(net.density)}, average path length ${fmt(net.averagePathLength)}`,
        `Communities ${net.communities.length} (modularity ${fmt(net.modularity)}), silos ${net.silos.length}, isolated actors ${net.isolates.length}`,
        `Betweenness: ${net.betweennessMethod.explanation}`,
        ...(net.ignored.selfTies + net.ignored.duplicates + net.ignored.unknownActors > 0
          ? [
              `Not counted as ties: ${net.ignored.selfTies} relationships to itself, ${net.ignored.duplicates} repeats of a tie, ${net.ignored.unknownActors} naming unknown actors`,
            ]
          : []),
      ].join('\n'),
    ),
  );
  const byBetweenness = Object.entries(net.actors)
    .sort(([, a], [, b]) => b.betweenness - a.betweenness || b.degree - a.degree)
    .slice(0, top);
  out.push(
    section(
      `Top ${byBetweenness.length} actors by betweenness`,
      textTable(
        [
          'Actor',
          'Name',
          'Degree',
          'Betweenness',
          'Closeness',
          'PageRank',
          'Clustering',
          'Constraint',
          'Community',
        ],
        byBetweenness.map(([id, m]) => [
          id,
          name.get(id) ?? '',
          m.degree,
          m.betweenness,
          m.closeness,
          m.pagerank,
          m.clustering,
          m.constraint,
          m.community,
        ]),
      ),
    ),
  );
  const cut = new Map(report.criticality.map((c) => [c.actor, c.cutOff]));
  out.push(
    section(
      `Articulation points (${net.articulationPoints.length}) and bridges (${net.bridges.length})`,
      net.articulationPoints.length === 0
        ? "None: no single actor's exit splits the network."
        : textTable(
            ['Actor', 'Name', 'Cut off by its exit'],
            [...net.articulationPoints]
              .sort((a, b) => (cut.get(b) ?? 0) - (cut.get(a) ?? 0))
              .slice(0, top)
              .map((id) => [id, name.get(id) ?? '', cut.get(id) ?? 0]),
          ) +
            (net.bridges.length
              ? `\nBridges: ${short(
                  net.bridges.map((b) => `${b.from}–${b.to}`),
                  top,
                )}`
              : ''),
    ),
  );
  out.push(
    section(
      'Communities and silos',
      textTable(
        ['#', 'Size', 'Ties inside', 'Ties out', 'Out share', 'Silo', 'Connectors', 'Members'],
        net.communities
          .slice(0, top)
          .map((c) => [
            c.id,
            c.size,
            c.internalTies,
            c.externalTies,
            c.externalShare,
            c.silo ? 'yes' : '',
            short(c.connectors),
            short(c.members),
          ]),
      ) + (net.communities.length > top ? `\n… and ${net.communities.length - top} more` : ''),
    ),
  );
  out.push(
    section(
      'Brokers',
      net.brokers.length === 0
        ? 'None: no actor has ties into another community.'
        : textTable(
            ['Actor', 'Name', 'Community', 'Communities touched', 'Ties out', 'Betweenness'],
            net.brokers
              .slice(0, top)
              .map((b) => [
                b.actor,
                name.get(b.actor) ?? '',
                b.community,
                b.communities.join(' '),
                b.externalTies,
                b.betweenness,
              ]),
          ),
    ),
  );
  const gapRows = [
    ...gaps.unprovided.map((g) => [g.need, 'nobody provides', short(g.neededBy), '']),
    ...gaps.singleProvider.map((g) => [g.need, 'one provider', short(g.neededBy), short(g.providers)]),
    ...gaps.outOfReach.map((g) => [g.need, 'out of reach', short(g.neededBy), short(g.providers)]),
  ];
  out.push(
    section(
      'Capability gaps',
      gapRows.length === 0
        ? 'None.'
        : `${textTable(['Need', 'Gap', 'Needed by', 'Providers'], gapRows.slice(0, 3 * top))}\n${gaps.explanation}`,
    ),
  );
  out.push(
    section(
      'Opportunities',
      opportunities.length === 0
        ? 'None: nobody provides an unmet need to an actor it is not tied to.'
        : textTable(
            ['#', 'Introduce', 'To', 'Needs', 'Score', 'How'],
            opportunities
              .slice(0, top)
              .map((o, i) => [
                i + 1,
                o.from,
                o.to,
                short(o.needs),
                o.score,
                o.proximity === 'mutual-contact' ? `via ${short(o.mutualContacts, 2)}` : o.proximity,
              ]),
          ),
    ),
  );
  out.push(
    section(
      `Criticality (top ${Math.min(top, report.criticality.length)})`,
      textTable(
        ['Rank', 'Actor', 'Name', 'Score', 'Cut off', 'Only provider of', 'Dependents'],
        report.criticality
          .slice(0, top)
          .map((c) => [
            c.rank,
            c.actor,
            name.get(c.actor) ?? '',
            c.score,
            c.cutOff,
            short(c.uniqueCapabilities),
            c.dependents.length,
          ]),
      ) +
        '\nScore = actors cut off by its exit + capabilities only it provides + other actors needing those.',
    ),
  );
  return out.join('\n');
}

/** A what-if exit as text. */
export function formatWhatIf(impact: ExitImpact): string {
  const rows: Cell[][] = [
    ['Components', impact.components.before, impact.components.after],
    ['Average path length', impact.averagePathLength.before, impact.averagePathLength.after],
  ];
  const lines = [
    section(`What if ${short(impact.removed, 5)} left`, impact.explanation),
    textTable(['', 'Before', 'After'], rows),
    '',
    `Capabilities lost: ${impact.lostCapabilities.length ? impact.lostCapabilities.map((c) => `${c.capability} (needed by ${c.neededBy.length})`).join('; ') : 'none'}`,
    `Actors cut off: ${impact.cutOff.length ? short(impact.cutOff, 20) : 'none'}`,
    `Partnerships losing a member: ${impact.partnerships.length ? impact.partnerships.map((p) => p.reason).join(' ') : 'none'}`,
  ];
  return lines.join('\n') + '\n';
}

/** A diff of two snapshots as text. */
export function formatDiff(diff: DocumentDiff, top = 10): string {
  const out = [section('Changes', diff.explanation)];
  const a = diff.actors;
  out.push(
    `Actors added: ${short(a.added, 20) || 'none'}\nActors removed: ${short(a.removed, 20) || 'none'}`,
  );
  if (a.changed.length)
    out.push(
      textTable(
        ['Actor', 'Changed fields'],
        a.changed.slice(0, 3 * top).map((c) => [c.id, c.changes.map((f) => f.field).join(', ')]),
      ),
    );
  const r = diff.relationships;
  const rel = (x: { from: string; to: string; kind: string }) => `${x.from}–${x.to} (${x.kind})`;
  out.push(
    `Relationships added: ${short(r.added.map(rel), 10) || 'none'}\nRelationships removed: ${short(r.removed.map(rel), 10) || 'none'}\nRelationships changed: ${short(r.changed.map(rel), 10) || 'none'}`,
  );
  for (const metric of ['betweenness', 'degreeCentrality', 'pagerank'] as const) {
    const movers = diff.movers[metric].slice(0, top);
    if (movers.length)
      out.push(
        `\nBiggest movers, ${metric}\n${textTable(
          ['Actor', 'Before', 'After', 'Change'],
          movers.map((m) => [m.actor, m.before, m.after, m.delta]),
        )}`,
      );
  }
  const c = diff.communities;
  out.push(
    `\nCommunities: ${c.before} → ${c.after}`,
    ...c.merged.map((m) => `Merged: ${m.reason}`),
    ...c.split.map((s) => `Split: ${s.reason}`),
  );
  return out.join('\n') + '\n';
}
