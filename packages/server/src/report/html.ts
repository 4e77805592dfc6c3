/**
 * The executive report as one self-contained HTML page: inline CSS and SVG
 * charts, no script and nothing fetched, so it opens offline, prints, and
 * Chromium turns it into the PDF. It leads with what needs attention, then
 * progress, then value, and ends with how every number is computed.
 */
import { monitor } from '@valueweb/core';
import {
  COLORS,
  RAG_COLORS,
  esc,
  gapChart,
  hbarChart,
  lineChart,
  pairedBarChart,
  progressBar,
  sparkline,
} from './svg.ts';

type Report = monitor.ExecutiveReport;
type PReport = monitor.PartnershipReport;
type Attention = monitor.AttentionItem;

/** Attention items shown in a portfolio report before "and N more". */
export const PORTFOLIO_ATTENTION_LIMIT = 14;

const SEVERITY_LABEL: Record<string, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };
const SEVERITY_COLOR: Record<string, string> = {
  critical: COLORS.red,
  warning: COLORS.amber,
  info: COLORS.brand,
};
const KPI_STATUS: Record<string, { label: string; color: string }> = {
  'on-track': { label: 'On track', color: COLORS.green },
  'at-risk': { label: 'At risk', color: COLORS.amber },
  'off-track': { label: 'Off track', color: COLORS.red },
  'no-data': { label: 'No data', color: COLORS.grey },
};

const n2 = (n: number, d = 2) => String(Math.round(n * 10 ** d) / 10 ** d);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ');
const date = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d)).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
};

const CSS = `
@page { size: A4; margin: 14mm 13mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; color: ${COLORS.ink}; margin: 0; font-size: 12.5px; line-height: 1.45; background: #fff; }
main { max-width: 760px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 24px; margin: 4px 0 8px; line-height: 1.2; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid ${COLORS.ink}; }
h3 { font-size: 14px; margin: 18px 0 6px; }
h4 { font-size: 12.5px; margin: 12px 0 4px; color: ${COLORS.muted}; text-transform: uppercase; letter-spacing: .04em; }
p { margin: 4px 0 8px; }
.eyebrow { font-size: 11px; text-transform: uppercase; letter-spacing: .08em; color: ${COLORS.muted}; }
.headline { font-size: 15px; margin: 6px 0 14px; }
.tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
.tile { border: 1px solid #dee2e6; border-radius: 8px; padding: 8px 12px; min-width: 92px; }
.tile b { display: block; font-size: 20px; line-height: 1.1; }
.tile span { font-size: 11px; color: ${COLORS.muted}; }
.chip { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 10.5px; font-weight: 700; color: #fff; vertical-align: 1px; white-space: nowrap; }
.rag { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 5px; vertical-align: -1px; }
ol.attention { list-style: none; padding: 0; margin: 0; }
ol.attention > li { border-left: 4px solid; padding: 6px 10px 8px; margin: 0 0 8px; background: #f8f9fa; break-inside: avoid; page-break-inside: avoid; }
ol.attention .who { color: ${COLORS.muted}; font-size: 11.5px; }
ol.attention .title { font-weight: 700; }
ol.attention ul { margin: 3px 0 4px 18px; padding: 0; }
ol.attention ul li { margin: 1px 0; }
.action { font-size: 12px; }
.action b { color: ${COLORS.ink}; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 11.5px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #dee2e6; vertical-align: top; }
th { font-size: 10.5px; text-transform: uppercase; letter-spacing: .03em; color: ${COLORS.muted}; }
td.num, th.num { text-align: right; white-space: nowrap; }
.muted { color: ${COLORS.muted}; }
.small { font-size: 11px; }
.block { break-inside: avoid; page-break-inside: avoid; }
.partnership { border-top: 1px solid #ced4da; padding-top: 4px; margin-top: 14px; }
.partnership:first-of-type { border-top: 0; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 4px 0 8px; }
td svg.chart { display: inline-block; margin: 0; vertical-align: middle; }
.score { font-size: 34px; font-weight: 800; line-height: 1; }
.row { display: flex; gap: 18px; align-items: center; flex-wrap: wrap; }
footer { margin-top: 28px; font-size: 10.5px; color: ${COLORS.muted}; border-top: 1px solid #dee2e6; padding-top: 6px; }
@media print { main { padding: 0; max-width: none; } h2 { break-after: avoid; page-break-after: avoid; } h3 { break-after: avoid; page-break-after: avoid; } }
`;

function chip(text: string, color: string): string {
  return `<span class="chip" style="background:${color}">${esc(text)}</span>`;
}

function ragDot(rag: string): string {
  return `<span class="rag" style="background:${RAG_COLORS[rag] ?? COLORS.grey}" aria-hidden="true"></span>`;
}

function attentionItem(a: Attention, showPartnership: boolean): string {
  const color = SEVERITY_COLOR[a.severity]!;
  return (
    `<li style="border-color:${color}" data-severity="${a.severity}" data-kind="${esc(a.kind)}">` +
    `<div>${chip(SEVERITY_LABEL[a.severity]!, color)} <span class="title">${esc(a.title)}</span>` +
    (showPartnership ? ` <span class="who">· ${esc(a.partnershipName)}</span>` : '') +
    (a.since ? ` <span class="who">· since ${esc(date(a.since))}</span>` : '') +
    `</div><ul>${a.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>` +
    `<div class="action"><b>Recommended action:</b> ${esc(a.action)}</div></li>`
  );
}

function attentionSection(r: Report): string {
  const portfolio = r.scope === 'portfolio';
  const shown = portfolio ? r.attention.slice(0, PORTFOLIO_ATTENTION_LIMIT) : r.attention;
  const rest = r.attention.length - shown.length;
  const body = r.attention.length
    ? `<ol class="attention">${shown.map((a) => attentionItem(a, portfolio)).join('')}</ol>` +
      (rest > 0
        ? `<p class="muted">And ${rest} more item(s) of lower severity: see each partnership's Health tab in Valueweb.</p>`
        : '')
    : '<p>Nothing needs attention today: every partnership is green, with no warning signals, overdue milestones or off-track KPIs.</p>';
  return `<section id="attention"><h2>What needs attention</h2>${body}</section>`;
}

function tiles(r: Report): string {
  const s = r.summary;
  const tile = (value: string | number, label: string, color?: string) =>
    `<div class="tile"><b${color ? ` style="color:${color}"` : ''}>${esc(value)}</b><span>${esc(label)}</span></div>`;
  const p = r.partnerships[0];
  if (r.scope === 'partnership' && p) {
    return `<div class="tiles">${tile(p.health.score, `health score (${p.health.rag})`, RAG_COLORS[p.health.rag])}${tile(cap(p.stage), 'stage')}${tile(p.members.length, 'members')}${tile(s.critical, 'critical', s.critical ? COLORS.red : undefined)}${tile(s.warning, 'warnings', s.warning ? COLORS.amber : undefined)}${tile(`${p.milestones.done}/${p.milestones.total}`, 'milestones done')}</div>`;
  }
  return `<div class="tiles">${tile(s.partnerships, 'partnerships')}${tile(s.meanScore ?? '–', 'mean health score')}${tile(s.red, 'red', s.red ? COLORS.red : undefined)}${tile(s.amber, 'amber', s.amber ? COLORS.amber : undefined)}${tile(s.green, 'green', s.green ? COLORS.green : undefined)}${tile(s.critical, 'critical items', s.critical ? COLORS.red : undefined)}${tile(s.warning, 'warnings', s.warning ? COLORS.amber : undefined)}</div>`;
}

function portfolioSection(r: Report): string {
  if (r.scope !== 'portfolio' || !r.partnerships.length) return '';
  const sorted = [...r.partnerships].sort((a, b) => a.health.score - b.health.score);
  const chart = hbarChart(
    sorted.map((p) => ({
      label: p.name,
      value: p.health.score,
      valueLabel: `${p.health.score} ${p.health.rag}`,
      color: RAG_COLORS[p.health.rag],
    })),
    { label: 'Health score per partnership (0–100)', max: 100, width: 700, labelWidth: 260, valueWidth: 80 },
  );
  const rows = sorted
    .map((p) => {
      const top = p.signals[0];
      const next = p.milestones.upcoming[0];
      return (
        `<tr><td><b>${esc(p.name)}</b></td><td>${esc(cap(p.stage))}</td>` +
        `<td class="num">${ragDot(p.health.rag)}${p.health.score}</td>` +
        `<td>${sparkline(
          p.trend.map((t) => t.score),
          {
            label: `Health score trend of ${p.name}: ${p.trend.map((t) => t.score).join(', ')}`,
            width: 90,
            height: 22,
            min: 0,
            max: 100,
            color: RAG_COLORS[p.health.rag],
          },
        )}</td>` +
        `<td>${top ? `${chip(SEVERITY_LABEL[top.severity]!, SEVERITY_COLOR[top.severity]!)} ${esc(monitor.SIGNAL_LABELS[top.kind])}${p.signals.length > 1 ? ` <span class="muted">+${p.signals.length - 1}</span>` : ''}` : '<span class="muted">none</span>'}</td>` +
        `<td>${next ? `${esc(next.name)}<br><span class="muted small">${esc(date(next.due))}</span>` : '<span class="muted">none due soon</span>'}</td></tr>`
      );
    })
    .join('');
  return (
    `<section id="portfolio"><h2>Health across the portfolio</h2>${chart}` +
    `<table><thead><tr><th>Partnership</th><th>Stage</th><th class="num">Score</th><th>Trend</th><th>Top signal</th><th>Next milestone</th></tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

function healthSection(p: PReport): string {
  const comps = p.health.components;
  const chart = hbarChart(
    comps.map((c) => ({
      label: `${c.label} (weight ${n2(c.weight)})`,
      value: c.value ?? 0,
      valueLabel: c.included ? `${n2(c.value!)} → ${n2(c.contribution, 1)} pts` : 'no data',
      color:
        c.value === null
          ? COLORS.grey
          : c.value >= 0.7
            ? COLORS.green
            : c.value >= 0.5
              ? COLORS.amber
              : COLORS.red,
    })),
    {
      label: `Health score components of ${p.name} (0 = bad, 1 = good)`,
      max: 1,
      width: 700,
      labelWidth: 250,
      valueWidth: 110,
    },
  );
  const trend =
    p.trend.length > 1
      ? lineChart(
          p.trend.map((t) => ({ x: date(t.day), y: t.score })),
          {
            label: `Health score of ${p.name} over time`,
            min: 0,
            max: 100,
            width: 700,
            height: 150,
            bands: [
              { from: 0, to: monitor.HEALTH_SCORE_RULES.amber, color: COLORS.red },
              {
                from: monitor.HEALTH_SCORE_RULES.amber,
                to: monitor.HEALTH_SCORE_RULES.green,
                color: COLORS.amber,
              },
              { from: monitor.HEALTH_SCORE_RULES.green, to: 100, color: COLORS.green },
            ],
            color: RAG_COLORS[p.health.rag],
          },
        )
      : '<p class="muted small">No score history yet: the monitoring agent records the score each time it runs; the trend appears from its second run.</p>';
  const table = comps
    .map(
      (c) =>
        `<tr><td>${esc(c.label)}</td><td class="num">${n2(c.weight)}</td><td class="num">${c.included ? n2(c.value!) : '–'}</td><td class="num">${c.included ? n2(c.contribution, 1) : '–'}</td><td class="small">${esc(c.explanation)}</td></tr>`,
    )
    .join('');
  return (
    `<section id="health"><h2>Health score</h2><div class="row block"><div class="score" style="color:${RAG_COLORS[p.health.rag]}">${p.health.score}</div><div>${ragDot(p.health.rag)}<b>${esc(cap(p.health.rag))}</b><br><span class="small">${esc(p.health.explanation)}</span></div></div>` +
    `<div class="block">${chart}</div><div class="block"><h4>Over time</h4>${trend}</div>` +
    `<table><thead><tr><th>Component</th><th class="num">Weight</th><th class="num">Value</th><th class="num">Points</th><th>How it was computed</th></tr></thead><tbody>${table}</tbody></table></section>`
  );
}

function milestoneRows(
  list: readonly monitor.ReportMilestone[],
  kind: 'overdue' | 'upcoming' | 'done',
): string {
  return list
    .map((m) => {
      const when =
        kind === 'overdue'
          ? `due ${date(m.due)} · <b style="color:${COLORS.red}">${m.daysLate} days late</b>`
          : kind === 'done'
            ? `done ${date(m.completed!)}${m.completed! > m.due ? ' (late)' : ''}`
            : `due ${date(m.due)}`;
      return `<tr><td>${esc(m.name)}${m.value ? `<br><span class="muted small">Value: ${esc(m.value)}</span>` : ''}</td><td>${esc(m.ownerName)}</td><td class="small">${when}</td><td class="small">${esc(cap(m.status))}</td></tr>`;
    })
    .join('');
}

function progressBlock(p: PReport, detailed: boolean): string {
  const m = p.milestones;
  const milestoneSummary = m.total
    ? `<p>${m.done} of ${m.total} milestones done (${m.doneOnTime} on time); ${m.overdue.length} overdue; ${m.upcoming.length} due in the next ${monitor.UPCOMING_DAYS} days.</p>`
    : '<p class="muted">No milestones on the roadmap yet.</p>';
  const milestoneTable =
    m.overdue.length || m.upcoming.length || (detailed && m.recentlyDone.length)
      ? `<table><thead><tr><th>Milestone</th><th>Owner</th><th>When</th><th>Status</th></tr></thead><tbody>${milestoneRows(m.overdue, 'overdue')}${milestoneRows(m.upcoming, 'upcoming')}${detailed ? milestoneRows(m.recentlyDone, 'done') : ''}</tbody></table>`
      : '';
  const kpis = p.kpis.length
    ? `<table><thead><tr><th>KPI</th><th class="num">Latest</th><th class="num">Target</th><th>Progress</th><th>Status</th>${detailed ? '<th>Trend</th>' : ''}</tr></thead><tbody>${p.kpis
        .map((k) => {
          const st = KPI_STATUS[k.status]!;
          const unit = k.unit ? ` ${esc(k.unit)}` : '';
          return (
            `<tr><td>${esc(k.name)}${detailed ? `<br><span class="muted small">${esc(k.explanation)}</span>` : ''}</td>` +
            `<td class="num">${k.latest ? `${n2(k.latest.value)}${unit}<br><span class="muted small">${esc(date(k.latest.date))}</span>` : '–'}</td>` +
            `<td class="num">${n2(k.target)}${unit}<br><span class="muted small">by ${esc(date(k.targetDate))}</span></td>` +
            `<td>${progressBar(k.progress, { label: `${k.name}: ${Math.round(k.progress * 100)}% of the way from baseline to target`, color: st.color })} <span class="small">${Math.round(k.progress * 100)}%</span></td>` +
            `<td>${chip(st.label, st.color)}</td>` +
            (detailed
              ? `<td>${
                  k.series.length
                    ? sparkline(
                        k.series.map((s) => s.value),
                        {
                          label: `${k.name} measurements: ${k.series.map((s) => n2(s.value)).join(', ')}`,
                          width: 90,
                          height: 24,
                          color: st.color,
                        },
                      )
                    : '<span class="muted small">no data</span>'
                }</td>`
              : '') +
            `</tr>`
          );
        })
        .join('')}</tbody></table>`
    : '<p class="muted">No shared KPIs defined yet.</p>';
  const pilots = p.pilots.length
    ? `<p>${p.pilots
        .map(
          (x) =>
            `<b>${esc(x.name)}</b>: ${esc(cap(x.status))}${x.hypotheses ? `, ${x.met} of ${x.hypotheses} hypotheses met` : ''}${x.decision ? `, decision: <b>${esc(x.decision)}</b>` : ''}`,
        )
        .join(' · ')}</p>`
    : '';
  return `<h4>Milestones</h4>${milestoneSummary}${milestoneTable}<h4>Shared goals (KPIs)</h4>${kpis}${pilots ? `<h4>Pilots</h4>${pilots}` : ''}${healthCheckBlock(p, detailed)}`;
}

function healthCheckBlock(p: PReport, detailed: boolean): string {
  const open = p.openCycles
    .map(
      (c) =>
        `<p class="small">Cycle "${esc(c.id)}" is open since ${esc(date(c.opened))}: ${c.respondents.length} of ${c.respondents.length + c.awaiting.length} organizations answered; results stay private until it closes.</p>`,
    )
    .join('');
  const h = p.healthCheck;
  if (!h) return `<h4>Health check</h4><p class="muted">No closed health-check cycle yet.</p>${open}`;
  const flagged = h.dimensions.filter((d) => d.flagged);
  const summary = `<p>Cycle "${esc(h.cycle)}" closed ${esc(date(h.closed))}: mean <b>${n2(h.mean)}</b> of 5 from ${h.respondents} organizations.${flagged.length ? ` <b style="color:${COLORS.red}">Perception gap</b> on ${flagged.map((d) => `${esc(d.name)} (${esc(d.lowest?.name ?? '')} ${n2(d.lowest?.mean ?? 0)} vs ${esc(d.highest?.name ?? '')} ${n2(d.highest?.mean ?? 0)})`).join('; ')}.` : ' No perception gap of 1.5 points or more.'}</p>`;
  if (!detailed) return `<h4>Health check</h4>${summary}${open}`;
  const chart = gapChart(
    h.dimensions.map((d) => ({
      label: d.name,
      flagged: d.flagged,
      points: d.byOrganization.map((o) => ({ name: o.name, value: o.mean })),
    })),
    {
      label: `Each organization's mean per dimension in cycle ${h.cycle} (1–5); red = perception gap`,
      width: 700,
    },
  );
  return `<h4>Health check</h4>${summary}<div class="block">${chart}</div>${open}`;
}

function valueBlock(p: PReport): string {
  const v = p.value;
  if (!v.currency) return `<p class="muted">${esc(v.explanation[0] ?? 'No ledger yet.')}</p>`;
  const fmt = (x: number) => `${monitor.fmtAmount(x)}`;
  const chart = pairedBarChart(
    v.members.map((m) => ({ label: m.name, a: m.contributed, b: m.received })),
    {
      label: `Contributions and benefits per member of ${p.name}, in ${v.currency}`,
      legend: [`Contributed (${v.currency})`, `Received (${v.currency})`],
      format: fmt,
      width: 700,
      labelWidth: 230,
    },
  );
  const rows = v.members
    .map(
      (m) =>
        `<tr><td>${esc(m.name)}${m.flagged ? ` ${chip('low return', COLORS.red)}` : ''}</td><td class="num">${fmt(m.contributed)}</td><td class="num">${fmt(m.received)}</td><td class="num">${m.ratio === null ? '–' : n2(m.ratio)}</td></tr>`,
    )
    .join('');
  return (
    `<div class="block">${chart}</div>` +
    `<table><thead><tr><th>Member</th><th class="num">Contributed</th><th class="num">Received</th><th class="num">Received per unit</th></tr></thead><tbody>${rows}</tbody></table>` +
    v.explanation.map((e) => `<p class="small muted">${esc(e)}</p>`).join('')
  );
}

function partnershipHeading(p: PReport): string {
  return `<h3>${ragDot(p.health.rag)}${esc(p.name)} <span class="muted small">· ${esc(cap(p.stage))} · score ${p.health.score} · ${p.members.length} members</span></h3>`;
}

/** The whole report as an HTML document. */
export function renderReportHtml(r: Report, opts: { generatedFor?: string } = {}): string {
  const single = r.scope === 'partnership' ? r.partnerships[0] : undefined;
  const progress = single
    ? `<section id="progress"><h2>Progress</h2>${progressBlock(single, true)}</section>`
    : `<section id="progress"><h2>Progress</h2>${r.partnerships.map((p) => `<div class="partnership">${partnershipHeading(p)}${progressBlock(p, false)}</div>`).join('') || '<p class="muted">No partnerships yet.</p>'}</section>`;
  const value = single
    ? `<section id="value"><h2>Value</h2>${valueBlock(single)}</section>`
    : `<section id="value"><h2>Value</h2>${r.partnerships.map((p) => `<div class="partnership block">${partnershipHeading(p)}${valueBlock(p)}</div>`).join('') || '<p class="muted">No partnerships yet.</p>'}</section>`;
  const members = single
    ? `<p class="small muted">Members: ${single.members.map((m) => `${esc(m.name)}${m.role ? ` (${esc(m.role)})` : ''}`).join(', ')}.</p>`
    : '';
  const purpose = single?.purpose ?? r.ecosystem.purpose;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.title)}</title><style>${CSS}</style></head>
<body><main>
<header><div class="eyebrow">Valueweb · ${single ? 'Partnership report' : 'Portfolio report'} · ${esc(date(r.today))}</div>
<h1>${esc(r.title)}</h1>${purpose ? `<p class="muted small">${esc(purpose)}</p>` : ''}
<p class="headline">${esc(r.headline)}</p>${tiles(r)}${members}</header>
${attentionSection(r)}
${single ? healthSection(single) : portfolioSection(r)}
${progress}
${value}
<section id="rules"><h2>How these numbers are computed</h2><ul>${r.rules.map((x) => `<li class="small">${esc(x)}</li>`).join('')}</ul></section>
<footer>Generated by Valueweb on ${esc(date(r.today))} for ecosystem "${esc(r.ecosystem.name)}"${opts.generatedFor ? `, with what ${esc(opts.generatedFor)} may see` : ''}. Scores and signals are computed from the partnership's records; entries behind them keep their own visibility.</footer>
</main></body></html>
`;
}
