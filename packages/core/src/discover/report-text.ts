/** The Discover part of `valueweb analyze` as text: scores with their terms, sensitivity, portfolio, pipeline, readiness. */
import { textTable } from '../map/analysis/report-text.ts';
import type { DiscoverReport } from './ecosystem.ts';

const section = (title: string, body: string) => `${title}\n${'='.repeat(title.length)}\n${body}\n`;
const f1 = (x: number | null) => (x === null ? '–' : x.toFixed(1));
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Renders the `discover` part of the report; `names` maps actor ids to display names. */
export function formatDiscoverReport(r: DiscoverReport, names: Readonly<Record<string, string>>): string {
  const name = (id: string) => names[id] ?? id;
  let out = '';
  const focal = r.focal === null ? 'none set' : name(r.focal);
  out += `Partners selected for: ${focal}. Criteria (${r.criteriaSource === 'default' ? 'the defaults of seed 000' : 'the document’s'}): `;
  out += `${r.criteria.map((c) => `${c.name} ${c.weight} (${c.source})`).join(', ')}\n`;
  for (const e of r.explanation) out += `${e}\n`;
  if (r.ranking && r.ranking.length > 0) {
    const crit = r.criteria;
    out += `\n${textTable(
      ['RANK', 'CANDIDATE', 'SCORE', ...crit.map((c) => c.name.toUpperCase())],
      r.ranking.map((c) => [
        c.rank,
        name(c.candidate),
        f1(c.score),
        ...crit.map((k) => {
          const t = c.terms.find((x) => x.criterion === k.id);
          return !t || t.missing ? 'missing' : `${t.contribution.toFixed(1)}`;
        }),
      ]),
    )}\n`;
    out += `Each criterion column is the points it adds; ${r.rule ?? ''}\n`;
  }
  if (r.portfolio) {
    const p = r.portfolio;
    out += `\nPortfolio (k = ${p.k}, no partner above ${pct(p.maxShare)} of the covered value): covers ${pct(p.coverage)} of the weighted needs; ${p.guarantee}.\n`;
    for (const pick of p.picks) out += `  ${pick.order}. ${pick.explanation}\n`;
    if (p.uncovered.length) out += `  Not covered: ${p.uncovered.map((n) => n.need).join(', ')}.\n`;
    for (const n of p.notes) out += `  ${n}\n`;
  }
  const counts = Object.entries(r.pipeline.counts).filter(([, n]) => n > 0);
  if (r.pipeline.entries.length > 0) {
    out += `\nPipeline: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}\n`;
    out += `${textTable(
      ['CANDIDATE', 'STAGE', 'OWNER', 'CAN MOVE TO'],
      r.pipeline.entries.map((e) => [
        name(e.candidate),
        e.stage,
        e.owner ?? '',
        e.allowed.join(', ') || '(final)',
      ]),
    )}\n`;
  }
  for (const a of r.readiness) {
    const title = a.name ?? (a.subject.kind === 'partnership' ? `partnership ${a.subject.id}` : a.subject.id);
    out += `\nAlliance readiness: ${title}\n`;
    if (a.responses.length === 0) out += '  No responses yet.\n';
    else {
      out += `${textTable(
        ['ORGANIZATION', 'MAP SIGNALS', 'READINESS', 'OVERALL', 'VERDICT'],
        a.responses.map((x) => [
          name(x.organization),
          f1(x.result.mapSignals.score),
          f1(x.result.readiness.score),
          f1(x.result.overall),
          x.result.verdict,
        ]),
      )}\n`;
    }
    for (const d of a.disagreements) {
      out += `  They disagree on: ${d.text} (${d.answers.map((x) => `${name(x.organization)} ${x.answer}`).join(', ')})\n`;
    }
  }
  return section('Discover', out.trimEnd());
}
