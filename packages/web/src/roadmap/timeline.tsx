/**
 * The roadmap timeline: one row per member with its planning windows drawn as
 * bands (from its clock), the sync points (months where every member with a
 * clock plans at once) as columns across all rows, today as a line, and the
 * milestones as diamonds on their owner's row, coloured by where they stand.
 * A milestone that needs a member's decision outside its window carries a
 * warning ring; the suggested staging onto a sync point is drawn as a dashed
 * arrow to a hollow diamond. The same facts are listed in text beside it.
 */
import { Box, Group, Text } from '@mantine/core';
import { useElementSize, useMergedRef } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import type { monitor } from '@valueweb/core';
import type { ReactNode } from 'react';
import { STATE_COLOR, STATE_LABEL, type TimedMilestone } from './roadmap-api.ts';

const LABEL_W = 210;
const ROW_H = 46;
const AXIS_H = 40;
const MIN_MONTH_W = 26;
const BOTTOM = 20;
const BAND_COLORS = ['blue', 'grape', 'cyan', 'orange', 'lime', 'pink', 'violet', 'teal', 'yellow', 'indigo'];
const MONTHS = ['J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthIndex = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7)) - 1;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
/** A date's position in months (fractional) from month index 0. */
const datePos = (d: string) => {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1;
  const day = Number(d.slice(8, 10) || '1');
  return y * 12 + m + (day - 0.5) / daysIn(y, m);
};
const monthText = (s: string) => `${MONTH_NAMES[Number(s.slice(5, 7)) - 1]} ${s.slice(0, 4)}`;

export const bandColor = (i: number) => BAND_COLORS[i % BAND_COLORS.length]!;

export interface TimelineProps {
  from: string;
  to: string;
  today: string;
  members: monitor.MemberAlignment[];
  syncPoints: monitor.SyncPoints;
  milestones: TimedMilestone[];
  warnings: monitor.ClockWarning[];
  staging: monitor.StagingSuggestion[];
  names: Record<string, string>;
  /** Draw the suggested staging (dashed arrows). */
  showStaging?: boolean;
  testId?: string;
}

export function RoadmapTimeline(p: TimelineProps) {
  const { ref: sizeRef, width } = useElementSize();
  const box = useRef<HTMLDivElement>(null);
  const ref = useMergedRef(sizeRef, box);
  const start = monthIndex(p.from);
  const months = monthIndex(p.to) - start + 1;
  const monthW = Math.max(MIN_MONTH_W, ((width || 960) - LABEL_W - 8) / months);
  const svgW = LABEL_W + months * monthW + 8;
  const memberIds = new Set(p.members.map((m) => m.actor));
  const others = [...new Set(p.milestones.map((m) => m.owner).filter((o) => !memberIds.has(o)))];
  const rows = [
    ...p.members.map((m) => ({ id: m.actor, name: m.name ?? p.names[m.actor] ?? m.actor, member: m })),
    ...others.map((o) => ({ id: o, name: p.names[o] ?? o, member: undefined })),
  ];
  const height = AXIS_H + rows.length * ROW_H + BOTTOM;
  const x = (pos: number) => LABEL_W + (pos - start) * monthW;
  const rowY = (i: number) => AXIS_H + i * ROW_H;
  const rowOf = new Map(rows.map((r, i) => [r.id, i]));
  const warned = new Set(p.warnings.map((w) => w.milestone));
  const staged = new Map(p.staging.filter((s) => s.monthsEarlier > 0).map((s) => [s.milestone, s]));
  const syncMonths = p.syncPoints.all ? p.syncPoints.points.map((s) => s.month) : [];
  const todayX = x(datePos(p.today));
  // When the timeline is wider than its box, open it with today in view (a third from the left).
  const overflow = svgW > (width || svgW);
  useEffect(() => {
    const el = box.current;
    if (el && overflow) el.scrollLeft = Math.max(0, todayX - LABEL_W - (el.clientWidth - LABEL_W) / 3);
  }, [overflow, todayX]);
  const rowLabel = (r: (typeof rows)[number], y: number) => (
    <g>
      <text x={8} y={y + 19} fontSize={12.5} fontWeight={600} fill="var(--mantine-color-gray-9)">
        {r.name.length > 28 ? `${r.name.slice(0, 27)}…` : r.name}
      </text>
      <text x={8} y={y + 35} fontSize={11} fill="var(--mantine-color-gray-7)">
        {r.member
          ? r.member.clock
            ? `${r.member.clock.cadence}${r.member.clock.fiscalYearStart && r.member.clock.fiscalYearStart !== 1 ? `, FY from ${MONTH_NAMES[r.member.clock.fiscalYearStart - 1]}` : ''}`
            : 'no clock: never constrains'
          : 'owner, not a member'}
      </text>
    </g>
  );
  const summary =
    `Roadmap from ${monthText(p.from)} to ${monthText(p.to)}: ${p.members.length} members, ` +
    `${syncMonths.length} sync points, ${p.milestones.length} milestones, ${p.warnings.length} clock warnings.`;

  return (
    <Box pos="relative">
      <Box
        ref={ref}
        style={{ overflowX: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label="Roadmap timeline (scrolls sideways when it is wider than the page)"
        data-testid={p.testId ?? 'roadmap-timeline'}
        data-sync-points={syncMonths.length}
        data-bands={p.members.reduce((n, m) => n + m.windows.length, 0)}
      >
        <svg
          width={svgW}
          height={height}
          role="img"
          aria-label={summary}
          style={{ display: 'block', fontFamily: 'inherit' }}
        >
          <title>{summary}</title>
          {/* Month grid and axis */}
          {Array.from({ length: months }, (_, i) => {
            const m = start + i;
            const y = Math.floor(m / 12);
            const mo = m - y * 12;
            const label = monthW >= 44 ? MONTH_NAMES[mo] : MONTHS[mo];
            return (
              <g key={m}>
                <rect
                  x={x(m)}
                  y={AXIS_H}
                  width={monthW}
                  height={rows.length * ROW_H}
                  fill={mo % 2 ? 'transparent' : 'var(--mantine-color-gray-0)'}
                />
                <line
                  x1={x(m)}
                  x2={x(m)}
                  y1={mo === 0 ? 4 : 22}
                  y2={AXIS_H + rows.length * ROW_H}
                  stroke={mo === 0 ? 'var(--mantine-color-gray-5)' : 'var(--mantine-color-gray-2)'}
                />
                <text
                  x={x(m) + monthW / 2}
                  y={34}
                  textAnchor="middle"
                  fontSize={11}
                  fill="var(--mantine-color-gray-7)"
                >
                  {label}
                </text>
                {(mo === 0 || i === 0) && (
                  <text x={x(m) + 4} y={14} fontSize={12} fontWeight={650} fill="var(--mantine-color-gray-8)">
                    {y}
                  </text>
                )}
              </g>
            );
          })}
          {/* Sync points: every member with a clock plans in this month */}
          {syncMonths.map((s) => {
            const m = monthIndex(s);
            return (
              <g key={`sync-${s}`} data-testid="sync-point">
                <rect
                  x={x(m)}
                  y={AXIS_H}
                  width={monthW}
                  height={rows.length * ROW_H}
                  fill="var(--mantine-color-teal-1)"
                  opacity={0.9}
                >
                  <title>{`Sync point, ${monthText(s)}: every member with a clock plans this month.`}</title>
                </rect>
                <rect
                  x={x(m) + 2}
                  y={AXIS_H - 4}
                  width={monthW - 4}
                  height={4}
                  rx={2}
                  fill="var(--mantine-color-teal-6)"
                />
              </g>
            );
          })}
          {/* Rows */}
          {rows.map((r, i) => {
            const y = rowY(i);
            const color = r.member ? bandColor(p.members.indexOf(r.member)) : 'gray';
            return (
              <g key={r.id}>
                <line x1={0} x2={svgW} y1={y + ROW_H} y2={y + ROW_H} stroke="var(--mantine-color-gray-2)" />
                {rowLabel(r, y)}
                {r.member?.windows.map((w) => {
                  const a = Math.max(monthIndex(w.start), start);
                  const b = Math.min(monthIndex(w.end), start + months - 1);
                  if (b < a) return null;
                  return (
                    <rect
                      key={`${r.id}-${w.periodStart}`}
                      x={x(a) + 1}
                      y={y + 8}
                      width={(b - a + 1) * monthW - 2}
                      height={ROW_H - 16}
                      rx={5}
                      fill={`var(--mantine-color-${color}-2)`}
                      stroke={`var(--mantine-color-${color}-5)`}
                      data-testid="clock-band"
                    >
                      <title>{`${r.name} plans ${w.period} in ${w.start === w.end ? monthText(w.start) : `${monthText(w.start)}–${monthText(w.end)}`} (the period starts ${monthText(w.periodStart)}).`}</title>
                    </rect>
                  );
                })}
              </g>
            );
          })}
          {/* Today */}
          {todayX >= LABEL_W && todayX <= svgW && (
            <g>
              <line
                x1={todayX}
                x2={todayX}
                y1={AXIS_H}
                y2={AXIS_H + rows.length * ROW_H + 4}
                stroke="var(--mantine-color-red-7)"
                strokeWidth={1.5}
                strokeDasharray="4 3"
              />
              <text
                x={todayX}
                y={AXIS_H + rows.length * ROW_H + 15}
                fontSize={10.5}
                textAnchor="middle"
                fill="var(--mantine-color-red-9)"
              >
                today {p.today}
              </text>
            </g>
          )}
          {/* Milestones: diamonds on their owner's row; staging as dashed arrows */}
          {p.milestones.map((ms) => {
            const i = rowOf.get(ms.owner) ?? 0;
            const cy = rowY(i) + ROW_H / 2;
            const cx = x(datePos(ms.due));
            const color = STATE_COLOR[ms.state];
            const s = p.showStaging ? staged.get(ms.id) : undefined;
            const sx = s ? x(monthIndex(s.suggestedMonth) + 0.5) : 0;
            return (
              <g key={ms.id} data-testid={`timeline-milestone-${ms.id}`}>
                {s && (
                  <g>
                    <line
                      x1={cx - 7}
                      x2={sx + 7}
                      y1={cy}
                      y2={cy}
                      stroke="var(--mantine-color-teal-8)"
                      strokeWidth={1.5}
                      strokeDasharray="3 3"
                    />
                    <path
                      d={`M ${sx} ${cy - 6} L ${sx + 6} ${cy} L ${sx} ${cy + 6} L ${sx - 6} ${cy} Z`}
                      fill="white"
                      stroke="var(--mantine-color-teal-8)"
                      strokeWidth={1.5}
                    >
                      <title>{`Suggested staging of “${ms.name}”: ${monthText(s.suggestedMonth)}. ${s.explanation}`}</title>
                    </path>
                  </g>
                )}
                {warned.has(ms.id) && (
                  <circle
                    cx={cx}
                    cy={cy}
                    r={11}
                    fill="none"
                    stroke="var(--mantine-color-red-7)"
                    strokeWidth={2}
                  />
                )}
                <path
                  d={`M ${cx} ${cy - 8} L ${cx + 8} ${cy} L ${cx} ${cy + 8} L ${cx - 8} ${cy} Z`}
                  fill={`var(--mantine-color-${color}-7)`}
                  stroke="white"
                  strokeWidth={1.5}
                >
                  <title>{`${ms.name} — ${STATE_LABEL[ms.state]}. ${ms.explanation}${ms.value ? ` Value: ${ms.value}` : ''}`}</title>
                </path>
                {(() => {
                  const label = ms.name.length > 30 ? `${ms.name.slice(0, 29)}…` : ms.name;
                  // Near the right edge the label goes to the left of its diamond.
                  const left = cx + 11 + label.length * 6 > svgW;
                  return (
                    <text
                      x={left ? cx - 11 : cx + 11}
                      y={cy - 9}
                      fontSize={11}
                      textAnchor={left ? 'end' : 'start'}
                      fill="var(--mantine-color-gray-9)"
                      style={{ pointerEvents: 'none' }}
                    >
                      {label}
                    </text>
                  );
                })()}
              </g>
            );
          })}
        </svg>
      </Box>
      {overflow && (
        // The names stay in view while the months scroll beneath them.
        <svg
          width={LABEL_W}
          height={AXIS_H + rows.length * ROW_H}
          aria-hidden
          style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none' }}
        >
          <rect x={0} y={0} width={LABEL_W} height={AXIS_H + rows.length * ROW_H} fill="white" />
          <line
            x1={LABEL_W - 0.5}
            x2={LABEL_W - 0.5}
            y1={AXIS_H}
            y2={AXIS_H + rows.length * ROW_H}
            stroke="var(--mantine-color-gray-4)"
          />
          {rows.map((r, i) => (
            <g key={r.id}>
              <line
                x1={0}
                x2={LABEL_W}
                y1={rowY(i) + ROW_H}
                y2={rowY(i) + ROW_H}
                stroke="var(--mantine-color-gray-2)"
              />
              {rowLabel(r, rowY(i))}
            </g>
          ))}
        </svg>
      )}
    </Box>
  );
}

/** The legend of the timeline's marks. */
export function TimelineLegend(props: { showStaging?: boolean }) {
  const swatch = (fill: string, stroke?: string, shape: 'band' | 'diamond' | 'ring' = 'band') => (
    <svg width={shape === 'band' ? 22 : 16} height={14} aria-hidden>
      {shape === 'band' && <rect x={1} y={2} width={20} height={10} rx={3} fill={fill} stroke={stroke} />}
      {shape === 'diamond' && (
        <path d="M 8 1 L 15 7 L 8 13 L 1 7 Z" fill={fill} stroke={stroke} strokeWidth={1.5} />
      )}
      {shape === 'ring' && <circle cx={8} cy={7} r={5.5} fill="none" stroke={fill} strokeWidth={2} />}
    </svg>
  );
  const item = (icon: ReactNode, label: string) => (
    <Group gap={6} wrap="nowrap">
      {icon}
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
  return (
    <Group gap="md" wrap="wrap" data-testid="timeline-legend">
      {item(
        swatch('var(--mantine-color-blue-2)', 'var(--mantine-color-blue-5)'),
        'planning window of a member',
      )}
      {item(
        swatch('var(--mantine-color-teal-1)', 'var(--mantine-color-teal-6)'),
        'sync point: all plan at once',
      )}
      {(['done-on-time', 'done-late', 'late', 'due-soon', 'upcoming'] as const).map((s) =>
        item(
          swatch(`var(--mantine-color-${STATE_COLOR[s]}-7)`, undefined, 'diamond'),
          STATE_LABEL[s].toLowerCase(),
        ),
      )}
      {item(swatch('var(--mantine-color-red-7)', undefined, 'ring'), 'decision outside a window')}
      {props.showStaging &&
        item(swatch('white', 'var(--mantine-color-teal-8)', 'diamond'), 'suggested staging')}
    </Group>
  );
}
