/**
 * The alliance readiness assessment of seed 001 (Alliances), as data and a
 * score: six map signals ("should we?": does the landscape call for an
 * alliance) and seven readiness items ("can we?": are we ready to run one),
 * answered per organization for an initiative or a partnership.
 *
 * Scale: yes = 1, partly = 0.5, no = 0. An item left out is unanswered: it is
 * not counted in the score (not treated as "no") and is listed so it can be
 * answered. A section's score is 100 × the mean of its answered items.
 * overall = mean of the two section scores (each weighs half).
 * Verdict: 'strong fit' when overall ≥ 75 and both sections ≥ 60; 'proceed with
 * care' when overall ≥ 50 and both sections ≥ 40; otherwise 'not yet'. Fewer than
 * half of a section's items answered (3 of 6, 4 of 7) also gives 'not yet', with
 * that reason: a verdict on too few answers would be a guess.
 */
import { z } from 'zod';
import { IdSchema } from '../model/partnership-base.ts';
import { ValidationError, type Problem } from '../model/problem.ts';

export interface AssessmentItem {
  id: string;
  /** The seed's words. */
  text: string;
  /** What to do when the answer is no or partly. */
  suggestion: string;
}

export const MAP_SIGNALS = [
  {
    id: 'dominant-players',
    text: 'The competitive environment includes dominant players or high barriers that are difficult to tackle alone.',
    suggestion:
      'Check on the map who dominates the space and what barriers stand in the way; without a dominant incumbent, ask “Are we better off together than alone?”',
  },
  {
    id: 'complementary-players',
    text: 'Your mapping reveals complementary players with shared interests or aligned user needs across the value chain.',
    suggestion:
      'Score candidates for capability complementarity in Discover; an alliance needs complementary strengths across members (e.g. tech vs distribution).',
  },
  {
    id: 'shape-standards',
    text: 'There is a need to shape emerging standards, platforms, or interoperability in a volatile or nascent market.',
    suggestion:
      'Without a standard or platform to shape, looser cooperation may do; alliances are most powerful in the standards game where network effects matter.',
  },
  {
    id: 'distributed-value',
    text: 'Value creation is distributed across multiple entities, making collective action more effective than individual moves.',
    suggestion:
      'Map the value flows between actors; if value sits with one actor, an alliance adds coordination overhead without much collective gain.',
  },
  {
    id: 'capability-gaps',
    text: 'Your current capabilities show clear gaps that could be filled through strategic partnerships rather than internal investment.',
    suggestion:
      'Review capability coverage and value gaps on the map; if you can fill the gaps yourself, internal investment may be simpler than an alliance.',
  },
  {
    id: 'diversity',
    text: 'Regulatory, geographic, or technical diversity makes a unified approach more compelling to customers or stakeholders.',
    suggestion:
      'Ask customers and stakeholders whether a unified offer matters to them; if one approach already serves them, an alliance adds little.',
  },
] as const satisfies readonly AssessmentItem[];

export const READINESS_ITEMS = [
  {
    id: 'mutual-benefit',
    text: 'We can articulate mutual benefits and a clear value proposition to prospective alliance members.',
    suggestion:
      'Clearly define scope, contributions and benefits, and write down the value proposition for each prospective member before approaching them.',
  },
  {
    id: 'governance-experience',
    text: 'We have the governance experience to structure and manage cross-organizational collaboration at scale.',
    suggestion:
      'Create governance structures that ensure fairness and decision-making agility: draft the charter’s decision rule and conflict-resolution path, and start with a pilot.',
  },
  {
    id: 'shared-control',
    text: 'We are prepared to share decision-making and control where necessary to achieve broader outcomes.',
    suggestion:
      'Decide which decisions you will share and which you keep, then ask “Can we agree on governance and conflict resolution?”',
  },
  {
    id: 'trust-bandwidth',
    text: 'We have the cultural maturity and leadership bandwidth to build trust across organizational boundaries.',
    suggestion:
      'Name a leader with time for cross-boundary collaboration and trust-building; manage relationships actively and continually evaluate alignment.',
  },
  {
    id: 'ecosystem-awareness',
    text: 'We maintain ecosystem awareness, understanding adjacent players’ capabilities, incentives, and historical relationships.',
    suggestion:
      'Map adjacent players’ capabilities, incentives and historical relationships before choosing members.',
  },
  {
    id: 'compromise-speed',
    text: 'We are ready to compromise on speed or autonomy in exchange for market shaping or shared infrastructure benefits.',
    suggestion:
      'Agree where speed matters more than reach; avoid an alliance that could slow you down unnecessarily.',
  },
  {
    id: 'risk-mitigation',
    text: 'We have risk mitigation plans if the alliance dissolves or partner incentives shift over time.',
    suggestion:
      'Write an exit and continuity plan: what risks arise if the alliance breaks down, and what you do if a member’s incentives change.',
  },
] as const satisfies readonly AssessmentItem[];

export type MapSignalId = (typeof MAP_SIGNALS)[number]['id'];
export type ReadinessItemId = (typeof READINESS_ITEMS)[number]['id'];
export type AssessmentItemId = MapSignalId | ReadinessItemId;

/** Seed 001, "Use when". */
export const USE_WHEN: readonly string[] = [
  'you and others share a common interest that outweighs competitive conflicts',
  'setting a new standard or platform is important',
  'complementary strengths exist across members (e.g. tech vs distribution)',
  'facing a dominant incumbent requires a united front',
  'shaping a volatile or emerging market',
];

/** Seed 001, "Avoid when". */
export const AVOID_WHEN: readonly string[] = [
  'partner incentives are likely to diverge',
  'potential for anti-trust issues or perceptions of collusion',
  'alliance could slow you down unnecessarily',
  'you have a dominant position and don’t need others',
];

/** Seed 001, "Key Questions to Ask". */
export const KEY_QUESTIONS: readonly string[] = [
  'Do we share a clear and durable interest with potential partners?',
  'Can we agree on governance and conflict resolution?',
  'Are we better off together than alone?',
  'What risks arise if the alliance breaks down?',
  'How will we handle success and changing power dynamics?',
];

/** Seed 001, "How?": key principles for effective alliances. */
export const KEY_PRINCIPLES: readonly string[] = [
  'clear mutual benefit',
  'defined scope',
  'strong governance',
  'neutrality when necessary',
];

/** Seed 001, "How to Execute". */
export const HOW_TO_EXECUTE: readonly string[] = [
  'clearly define scope, contributions and benefits',
  'create governance structures that ensure fairness and decision-making agility',
  'manage relationships actively and continually evaluate alignment',
];

export interface Pitfall {
  id: 'decision-gridlock' | 'unequal-contributions' | 'defection' | 'loss-of-direction';
  name: string;
  /** Seed 001, "Common Pitfalls and Warning Signs". */
  text: string;
  /** What to watch in the running partnership. */
  watch: string;
  /** Readiness items that guard against it: a weak answer there raises this pitfall. */
  guardedBy: readonly ReadinessItemId[];
}

export const PITFALLS: readonly Pitfall[] = [
  {
    id: 'decision-gridlock',
    name: 'Decision gridlock',
    text: 'decision gridlock due to too many players',
    watch:
      'decisions that stay open past their date, and votes that fail for lack of agreement as members are added',
    guardedBy: ['governance-experience', 'shared-control'],
  },
  {
    id: 'unequal-contributions',
    name: 'Unequal contributions',
    text: 'unequal contributions leading to resentment',
    watch: 'the balance of contributions and benefits across members in the ledger',
    guardedBy: ['mutual-benefit'],
  },
  {
    id: 'defection',
    name: 'Defection',
    text: 'defection by members with changing incentives',
    watch:
      'members whose contributions, attendance or health-check answers drop, and shifts in their incentives',
    guardedBy: ['risk-mitigation', 'ecosystem-awareness'],
  },
  {
    id: 'loss-of-direction',
    name: 'Loss of direction',
    text: 'loss of strategic direction if governance is weak',
    watch: 'progress toward shared goals, and whether the charter’s purpose still guides decisions',
    guardedBy: ['governance-experience', 'trust-bandwidth'],
  },
];

export const READINESS_ANSWERS = ['yes', 'partly', 'no'] as const;
export type ReadinessAnswer = (typeof READINESS_ANSWERS)[number];
export const ANSWER_VALUE: Readonly<Record<ReadinessAnswer, number>> = { yes: 1, partly: 0.5, no: 0 };

const ITEM_IDS = [...MAP_SIGNALS, ...READINESS_ITEMS].map((i) => i.id) as AssessmentItemId[];

/** One organization's answers for one initiative or partnership. */
export const ReadinessAnswerSetSchema = z.strictObject({
  organization: IdSchema,
  subject: z.strictObject({ kind: z.enum(['initiative', 'partnership']), id: IdSchema }),
  answers: z.partialRecord(
    z.enum(ITEM_IDS as [AssessmentItemId, ...AssessmentItemId[]]),
    z.enum(READINESS_ANSWERS),
  ),
  answeredBy: z.string().trim().min(1).max(200).optional(),
  /** ISO 8601 date-time, passed in. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ReadinessAnswerSet = z.infer<typeof ReadinessAnswerSetSchema>;
export type ReadinessAnswers = Partial<Record<AssessmentItemId, ReadinessAnswer>>;

export type ReadinessVerdict = 'strong fit' | 'proceed with care' | 'not yet';

export interface WeakItem {
  id: AssessmentItemId;
  section: 'mapSignals' | 'readiness';
  text: string;
  answer: 'no' | 'partly';
  suggestion: string;
}

export interface SectionScore {
  /** 0–100 over the answered items, or null when none is answered. */
  score: number | null;
  answered: number;
  total: number;
  unanswered: AssessmentItemId[];
}

export interface ReadinessResult {
  mapSignals: SectionScore;
  readiness: SectionScore;
  /** Mean of the two section scores; null when either is null. */
  overall: number | null;
  verdict: ReadinessVerdict;
  verdictReason: string;
  /** Items answered no, then partly, in questionnaire order; each with a suggestion. */
  weakest: WeakItem[];
  guidance: {
    useWhen: readonly string[];
    avoidWhen: readonly string[];
    /** Every pitfall; `elevated` when a readiness item that guards against it is answered no or partly. */
    pitfalls: (Pitfall & { elevated: boolean })[];
    keyQuestions: readonly string[];
    keyPrinciples: readonly string[];
    howToExecute: readonly string[];
  };
  rule: string;
}

export const READINESS_RULE =
  'yes = 1, partly = 0.5, no = 0; unanswered items are not counted; section score = 100 × mean of answered items; overall = mean of the two sections; strong fit: overall ≥ 75 and both ≥ 60; proceed with care: overall ≥ 50 and both ≥ 40; otherwise not yet (also when fewer than half of a section is answered).';

function section(items: readonly AssessmentItem[], answers: ReadinessAnswers): SectionScore {
  let sum = 0;
  let answered = 0;
  const unanswered: AssessmentItemId[] = [];
  for (const item of items) {
    const a = answers[item.id as AssessmentItemId];
    if (a === undefined) unanswered.push(item.id as AssessmentItemId);
    else {
      sum += ANSWER_VALUE[a];
      answered++;
    }
  }
  return { score: answered ? (100 * sum) / answered : null, answered, total: items.length, unanswered };
}

function checkAnswers(answers: ReadinessAnswers): void {
  const problems: Problem[] = [];
  for (const [id, a] of Object.entries(answers)) {
    if (!(ITEM_IDS as string[]).includes(id)) {
      problems.push({
        path: ['answers', id],
        message: `unknown item "${id}"; expected one of: ${ITEM_IDS.join(', ')}`,
        code: 'unknown_reference',
      });
    } else if (a !== undefined && !(READINESS_ANSWERS as readonly string[]).includes(a)) {
      problems.push({
        path: ['answers', id],
        message: `unknown answer ${JSON.stringify(a)}; expected yes, partly or no`,
        code: 'invalid_value',
      });
    }
  }
  if (problems.length) throw new ValidationError(problems);
}

/**
 * Scores one organization's answers (a map item id → yes/partly/no, or a whole
 * answer set) and returns the verdict with the seed's guidance. Unknown item ids
 * or answers throw a ValidationError.
 */
export function scoreReadiness(input: ReadinessAnswers | ReadinessAnswerSet): ReadinessResult {
  // An answer set has an `answers` field; a plain answers map cannot (it is not an item id).
  const answers: ReadinessAnswers = 'answers' in input ? input.answers : input;
  checkAnswers(answers);
  const mapSignals = section(MAP_SIGNALS, answers);
  const readiness = section(READINESS_ITEMS, answers);
  const overall =
    mapSignals.score !== null && readiness.score !== null ? (mapSignals.score + readiness.score) / 2 : null;

  const enough = (s: SectionScore) => s.answered * 2 >= s.total;
  let verdict: ReadinessVerdict;
  let verdictReason: string;
  const f = (x: number) => Math.round(x);
  if (!enough(mapSignals) || !enough(readiness) || overall === null) {
    verdict = 'not yet';
    verdictReason = `Too few answers for a verdict: ${mapSignals.answered} of ${mapSignals.total} map signals and ${readiness.answered} of ${readiness.total} readiness items answered (at least half of each is needed).`;
  } else {
    const ms = mapSignals.score!;
    const rd = readiness.score!;
    const both = `map signals ${f(ms)}, readiness ${f(rd)}, overall ${f(overall)}`;
    if (overall >= 75 && ms >= 60 && rd >= 60) {
      verdict = 'strong fit';
      verdictReason = `The landscape calls for an alliance and you are ready to run one (${both}).`;
    } else if (overall >= 50 && ms >= 40 && rd >= 40) {
      verdict = 'proceed with care';
      verdictReason = `An alliance can work, but work on the weakest items first (${both}).`;
    } else {
      verdict = 'not yet';
      verdictReason =
        ms < rd
          ? `The map gives little reason for an alliance yet (${both}); ask “Are we better off together than alone?”`
          : `You are not yet ready to run an alliance (${both}); strengthen the weakest readiness items first.`;
    }
  }

  const weakest: WeakItem[] = [];
  for (const answer of ['no', 'partly'] as const) {
    for (const [items, sec] of [
      [MAP_SIGNALS, 'mapSignals'],
      [READINESS_ITEMS, 'readiness'],
    ] as const) {
      for (const item of items) {
        if (answers[item.id] === answer) {
          weakest.push({ id: item.id, section: sec, text: item.text, answer, suggestion: item.suggestion });
        }
      }
    }
  }
  const weakIds = new Set(weakest.map((w) => w.id));
  return {
    mapSignals,
    readiness,
    overall,
    verdict,
    verdictReason,
    weakest,
    guidance: {
      useWhen: USE_WHEN,
      avoidWhen: AVOID_WHEN,
      pitfalls: PITFALLS.map((p) => ({ ...p, elevated: p.guardedBy.some((id) => weakIds.has(id)) })),
      keyQuestions: KEY_QUESTIONS,
      keyPrinciples: KEY_PRINCIPLES,
      howToExecute: HOW_TO_EXECUTE,
    },
    rule: READINESS_RULE,
  };
}

export interface ReadinessComparison {
  /** Each organization's result, in input order. */
  organizations: { organization: string; result: ReadinessResult }[];
  /** Items where answers differ by a full step (yes vs no): the perception gaps to talk about. */
  disagreements: {
    id: AssessmentItemId;
    text: string;
    answers: { organization: string; answer: ReadinessAnswer }[];
  }[];
}

/**
 * Compares several organizations' answers for the same subject: each one's
 * result, and the items where one says yes and another no.
 */
export function compareReadiness(sets: readonly ReadinessAnswerSet[]): ReadinessComparison {
  const organizations = sets.map((s) => ({
    organization: s.organization,
    result: scoreReadiness(s.answers),
  }));
  const disagreements: ReadinessComparison['disagreements'] = [];
  for (const item of [...MAP_SIGNALS, ...READINESS_ITEMS]) {
    const answers = sets.flatMap((s) => {
      const a = s.answers[item.id];
      return a ? [{ organization: s.organization, answer: a }] : [];
    });
    const vals = answers.map((a) => ANSWER_VALUE[a.answer]);
    if (vals.length > 1 && Math.max(...vals) - Math.min(...vals) >= 1) {
      disagreements.push({ id: item.id, text: item.text, answers });
    }
  }
  return { organizations, disagreements };
}
