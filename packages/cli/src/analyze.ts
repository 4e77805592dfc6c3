/** The analyze report as text: readable tables for a terminal. */
import {
  analyzeEcosystem,
  discover,
  formatMapReport,
  textTable,
  type AnalyzeOptions,
  type AnalyzeReport,
  type EcosystemDocument,
  type PartnershipReport,
} from '@valueweb/core';

export function analyzeReport(doc: EcosystemDocument, options: AnalyzeOptions): AnalyzeReport {
  return analyzeEcosystem(doc, options);
}

/** A simple aligned table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const all = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return `${all
    .map((r) =>
      r
        .map((cell, c) =>
          typeof rows[0]?.[c] === 'number' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

const counts = (title: string, m: Record<string, number>) =>
  Object.keys(m).length
    ? `\n${title}\n${table(
        ['', 'COUNT'],
        Object.entries(m).map(([k, v]) => [k, v]),
      )}`
    : '';

const section = (title: string, body: string) => `${title}\n${'='.repeat(title.length)}\n${body}\n`;
const sub = (title: string, body: string) => `\n${title}\n${body}\n`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const money = (x: number) => Math.round(x).toLocaleString('en-US');
const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/** The per-partnership block: health, top signals, voting power, decisions, value, fairness, registers. */
function partnershipBlock(
  id: string,
  p: PartnershipReport,
  names: Record<string, string>,
  topSignals = 5,
): string {
  const name = (a: string) => names[a] ?? a;
  let out = `Stage ${p.stage}, ${p.members.length} members. Health ${p.health.score}/100 (${p.health.rag.toUpperCase()})\n`;
  const scored = p.health.components.some((c) => c.included);
  out += sub(
    'Health score',
    !scored
      ? 'No monitoring data yet (KPIs, milestones, health checks, ledger, disputes, decisions): 50 (amber) by default.'
      : textTable(
          ['Component', 'Weight', 'Value', 'Points'],
          p.health.components.map((c) => [
            c.label,
            c.included ? c.effectiveWeight : '-',
            c.value === null ? 'no data' : c.value,
            c.contribution,
          ]),
        ),
  );
  const signals = [...p.signals].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  out += sub(
    `Signals (${signals.length})`,
    signals.length === 0
      ? 'None.'
      : textTable(
          ['Severity', 'Signal', 'Since', 'Evidence'],
          signals.slice(0, topSignals).map((s) => [s.severity, s.kind, s.since, s.evidence[0] ?? '']),
        ) + (signals.length > topSignals ? `\n… and ${signals.length - topSignals} more (see --json)` : ''),
  );
  const g = p.governance;
  const rule =
    g.ruleSource === 'default'
      ? 'no decision rule in the charter: simple majority assumed'
      : `${g.rule.rule}${g.quota !== null && (g.rule.rule === 'weighted' || g.rule.rule === 'qualified') ? `, quota ${g.quota} of ${g.totalWeight}` : ''}${g.rule.veto?.length ? `, veto ${g.rule.veto.join(', ')}` : ''}`;
  out += sub(
    `Voting power (${rule})`,
    g.error
      ? `Not computed: ${g.error}`
      : textTable(
          ['Actor', 'Name', 'Weight', 'Shapley-Shubik', 'Banzhaf', 'Penrose', 'Veto', 'Dummy'],
          Object.entries(g.power).map(([a, m]) => [
            a,
            name(a),
            m.weight,
            m.shapleyShubik,
            m.banzhaf,
            m.penrose,
            m.veto ? 'yes' : '',
            m.dummy ? 'yes' : '',
          ]),
        ) + (g.dictator ? `\nDictator: ${g.dictator}` : ''),
  );
  if (g.decisions.length > 0) {
    out += sub(
      'Decisions tallied by the rule',
      textTable(
        ['Decision', 'Recorded', 'Tally', 'Agrees'],
        g.decisions.map((d) => [
          d.id,
          d.status,
          `${d.tally.passed ? 'passes' : 'fails'} (${d.tally.yes} yes, ${d.tally.no} no, ${d.tally.abstain} abstain, ${d.tally.absent} absent${d.tally.vetoedBy.length ? `; vetoed by ${d.tally.vetoedBy.join(', ')}` : ''})`,
          d.agrees === null ? '-' : d.agrees ? 'yes' : 'NO',
        ]),
      ),
    );
  }
  if (p.value) {
    out += sub(
      `Value: Shapley values of the charter's game (v(N) = ${p.value.grandValue}, rule ${p.value.rule})`,
      p.value.error
        ? `Not computed: ${p.value.error}`
        : textTable(
            ['Actor', 'Name', 'Shapley', 'Share'],
            Object.entries(p.value.shapley).map(([a, v]) => [
              a,
              name(a),
              v,
              p.value!.shares ? pct(p.value!.shares[a] ?? 0) : '-',
            ]),
          ),
    );
  }
  if (p.fairness) {
    const f = p.fairness;
    out += sub(
      `Ledger balance (${f.currency}, ${f.entries} entries; imbalance Gini ${f.gini === null ? 'n/a' : f.gini.toFixed(3)})`,
      textTable(
        ['Actor', 'Contributed', 'Received', 'Received per 1 put in', 'Flag'],
        f.members.map((m) => [
          m.actorId,
          money(m.contributed),
          money(m.received),
          m.ratio === null ? '-' : m.ratio.toFixed(2),
          m.flagged ? 'short-changed' : '',
        ]),
      ),
    );
  }
  const r = p.registers;
  const recorded =
    r.decisions.total + r.obligations.total + r.issues.total + r.risks.total + r.disputes.total;
  out += sub(
    'Registers',
    recorded === 0
      ? 'No decisions, obligations, issues, risks or disputes recorded.'
      : [
          `Decisions: ${r.decisions.open} open of ${r.decisions.total} (${r.decisions.pastDeadline} past deadline)`,
          `Obligations: ${r.obligations.open} open, ${r.obligations.overdue} overdue, ${r.obligations.done} done of ${r.obligations.total}`,
          `Issues: ${r.issues.open} open of ${r.issues.total} (${r.issues.openHighOrCritical} high or critical)`,
          `Risks: ${r.risks.open} open of ${r.risks.total}${r.risks.top.length ? `; highest exposure: ${r.risks.top.map((x) => `${x.title} (${x.exposure})`).join(', ')}` : ''}`,
          `Disputes: ${r.disputes.open} open of ${r.disputes.total}${
            Object.keys(r.disputes.openByStage).length
              ? ` (${Object.entries(r.disputes.openByStage)
                  .map(([s, n]) => `${n} at ${s}`)
                  .join(', ')})`
              : ''
          }`,
        ].join('\n'),
  );
  return section(`Partnership ${p.name} (${id})`, out);
}

/** Renders the report for people: the summary, the Map report, then one block per partnership. */
export function renderAnalyzeText(r: AnalyzeReport): string {
  let out = `Ecosystem: ${r.ecosystem.name} (${r.ecosystem.id})\n`;
  out += `${r.counts.actors} actors, ${r.counts.relationships} relationships, ${r.counts.partnerships} partnerships (${r.counts.members} memberships)\n`;
  out += `${r.capabilities} distinct capabilities, ${r.needs} distinct needs\n`;
  out += `Computed for ${r.generatedFor} (seed ${r.seed})\n`;
  out += counts('Actors by kind', r.actorKinds);
  out += counts('Relationships by kind', r.relationshipKinds);
  out += counts('Flows', r.flows);
  out += counts('Partnerships by stage', r.stages);
  // formatMapReport reads only the actors' ids and names from the document.
  const namesOnly = {
    actors: Object.entries(r.names).map(([id, name]) => ({ id, name })),
  } as unknown as EcosystemDocument;
  out += `\n${formatMapReport(namesOnly, r)}`;
  for (const [id, p] of Object.entries(r.partnerships)) out += `\n${partnershipBlock(id, p, r.names)}`;
  if (r.discover) out += `\n${discover.formatDiscoverReport(r.discover, r.names)}`;
  return out;
}
