/**
 * The partner pipeline: a candidate's way from first idea to a chartered
 * partnership (seed 000, "Engage in exploratory conversations with potential
 * partners to gauge their interest and willingness to collaborate").
 *
 * Stages: candidate → contacted → exploring → aligned → chartered, or declined.
 * Allowed moves (decided here, enforced by `transition`):
 * - forward one stage at a time (no skipping: each stage is a conversation that happened);
 * - back one stage between contacted, exploring and aligned, with a note (talks do go back);
 * - any stage that is not final → declined, with a note saying why;
 * - declined → candidate to reopen, with a note; history is kept, nothing is erased;
 * - chartered is final: the relationship now lives on as a partnership.
 * Every move appends to the history; entries are never changed in place.
 */
import { z } from 'zod';
import { IdSchema } from '../model/partnership-base.ts';

export const PIPELINE_STAGES = [
  'candidate',
  'contacted',
  'exploring',
  'aligned',
  'chartered',
  'declined',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Stages from which nothing moves on (declined can only be reopened). */
export const FINAL_STAGES: readonly PipelineStage[] = ['chartered', 'declined'];

/** From each stage, the stages it may move to. */
export const PIPELINE_TRANSITIONS: Readonly<Record<PipelineStage, readonly PipelineStage[]>> = {
  candidate: ['contacted', 'declined'],
  contacted: ['exploring', 'declined'],
  exploring: ['aligned', 'contacted', 'declined'],
  aligned: ['chartered', 'exploring', 'declined'],
  chartered: [],
  declined: ['candidate'],
};

const ORDER: Record<PipelineStage, number> = {
  candidate: 0,
  contacted: 1,
  exploring: 2,
  aligned: 3,
  chartered: 4,
  declined: 5,
};

/** A move that needs a note: declining, reopening, or going back a stage. */
export function noteRequired(from: PipelineStage, to: PipelineStage): boolean {
  return to === 'declined' || from === 'declined' || ORDER[to] < ORDER[from];
}

const Timestamp = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time, e.g. 2025-03-01T09:00:00Z',
});
const Person = z.string().trim().min(1, { error: 'expected who did it (a non-empty string)' }).max(200);
const Stage = z.enum(PIPELINE_STAGES, { error: `expected a stage: one of ${PIPELINE_STAGES.join(', ')}` });

export const PipelineNoteSchema = z.strictObject({
  at: Timestamp,
  by: Person,
  text: z.string().min(1).max(5000),
});
export type PipelineNote = z.infer<typeof PipelineNoteSchema>;

export const PipelineEventSchema = z.strictObject({
  at: Timestamp,
  by: Person,
  kind: z.enum(['created', 'moved', 'owner-changed']),
  from: Stage.optional(),
  to: Stage.optional(),
  owner: z.string().max(200).optional(),
  note: z.string().max(5000).optional(),
});
export type PipelineEvent = z.infer<typeof PipelineEventSchema>;

export const PipelineEntrySchema = z.strictObject({
  /** The candidate organization (an actor id). */
  candidate: IdSchema,
  stage: Stage,
  /** The person who drives the conversation. */
  owner: z.string().trim().min(1).max(200).optional(),
  notes: z.array(PipelineNoteSchema).default([]),
  history: z.array(PipelineEventSchema).default([]),
  /** Set when chartered: the partnership the candidate became part of. */
  partnership: IdSchema.optional(),
});
export type PipelineEntry = z.infer<typeof PipelineEntrySchema>;

/** Who did something, when (an ISO 8601 date-time passed in; core reads no clock), and why. */
export interface PipelineAction {
  by: string;
  at: string;
  note?: string;
}

export type PipelineErrorCode = 'transition_not_allowed' | 'note_required' | 'out_of_order' | 'invalid_input';

/** A pipeline move that is not allowed, with a stable code and a message that says what is. */
export class PipelineError extends Error {
  constructor(
    readonly code: PipelineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}

function checkAction(action: PipelineAction): void {
  const at = Timestamp.safeParse(action.at);
  if (!at.success)
    throw new PipelineError('invalid_input', `at: ${at.error.issues[0]?.message ?? 'invalid date-time'}`);
  const by = Person.safeParse(action.by);
  if (!by.success)
    throw new PipelineError('invalid_input', `by: ${by.error.issues[0]?.message ?? 'invalid'}`);
}

function checkOrder(entry: PipelineEntry, at: string): void {
  const last = entry.history[entry.history.length - 1];
  if (last && Date.parse(at) < Date.parse(last.at)) {
    throw new PipelineError('out_of_order', `at ${at} is before the last recorded event (${last.at})`);
  }
}

const trimmedNote = (note: string | undefined) => (note?.trim() ? note.trim() : undefined);

function appendNote(notes: PipelineNote[], action: PipelineAction): PipelineNote[] {
  const text = trimmedNote(action.note);
  return text ? [...notes, { at: action.at, by: action.by.trim(), text }] : notes;
}

/** Starts a pipeline entry at the candidate stage, with the creation in its history. */
export function createPipelineEntry(
  candidate: string,
  action: PipelineAction & { owner?: string },
): PipelineEntry {
  checkAction(action);
  if (!IdSchema.safeParse(candidate).success)
    throw new PipelineError(
      'invalid_input',
      `candidate: expected an actor id, got ${JSON.stringify(candidate)}`,
    );
  const owner = action.owner?.trim() || undefined;
  const note = trimmedNote(action.note);
  return {
    candidate,
    stage: 'candidate',
    ...(owner ? { owner } : {}),
    notes: appendNote([], action),
    history: [
      {
        at: action.at,
        by: action.by.trim(),
        kind: 'created',
        to: 'candidate',
        ...(owner ? { owner } : {}),
        ...(note ? { note } : {}),
      },
    ],
  };
}

/** The stages an entry may move to now. */
export function allowedTransitions(entry: Pick<PipelineEntry, 'stage'>): readonly PipelineStage[] {
  return PIPELINE_TRANSITIONS[entry.stage];
}

/**
 * Moves an entry to another stage and returns the new entry (the input is not
 * changed), with the move appended to its history and its note to the notes.
 * Throws a PipelineError for a move that is not allowed (the message lists the
 * allowed ones), a missing note where one is required, or a time before the
 * last event. Moving to chartered can record the partnership it became.
 */
export function transition(
  entry: PipelineEntry,
  to: PipelineStage,
  action: PipelineAction & { partnership?: string },
): PipelineEntry {
  checkAction(action);
  const from = entry.stage;
  const allowed = PIPELINE_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const options = allowed.length ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`;
    throw new PipelineError(
      'transition_not_allowed',
      `cannot move ${entry.candidate} from ${from} to ${to} (${options})`,
    );
  }
  const note = trimmedNote(action.note);
  if (!note && noteRequired(from, to)) {
    const why =
      to === 'declined'
        ? 'say why it was declined'
        : from === 'declined'
          ? 'say why it is reopened'
          : 'say why it goes back';
    throw new PipelineError(
      'note_required',
      `moving ${entry.candidate} from ${from} to ${to} needs a note: ${why}`,
    );
  }
  if (action.partnership !== undefined && to !== 'chartered') {
    throw new PipelineError('invalid_input', 'a partnership can only be recorded when moving to chartered');
  }
  if (action.partnership !== undefined && !IdSchema.safeParse(action.partnership).success) {
    throw new PipelineError(
      'invalid_input',
      `partnership: expected a partnership id, got ${JSON.stringify(action.partnership)}`,
    );
  }
  checkOrder(entry, action.at);
  const next: PipelineEntry = {
    ...entry,
    stage: to,
    notes: appendNote(entry.notes, action),
    history: [
      ...entry.history,
      { at: action.at, by: action.by.trim(), kind: 'moved', from, to, ...(note ? { note } : {}) },
    ],
  };
  if (action.partnership !== undefined) next.partnership = action.partnership;
  return next;
}

/** Hands the entry to another owner (or none, with undefined), recorded in the history. */
export function assignOwner(
  entry: PipelineEntry,
  owner: string | undefined,
  action: PipelineAction,
): PipelineEntry {
  checkAction(action);
  checkOrder(entry, action.at);
  const clean = owner?.trim() || undefined;
  const note = trimmedNote(action.note);
  const { owner: _previous, ...rest } = entry;
  return {
    ...rest,
    ...(clean ? { owner: clean } : {}),
    notes: appendNote(entry.notes, action),
    history: [
      ...entry.history,
      {
        at: action.at,
        by: action.by.trim(),
        kind: 'owner-changed',
        ...(clean ? { owner: clean } : {}),
        ...(note ? { note } : {}),
      },
    ],
  };
}

/** Adds a note to the entry (notes are not history events; they keep their own time and author). */
export function addPipelineNote(
  entry: PipelineEntry,
  action: PipelineAction & { note: string },
): PipelineEntry {
  checkAction(action);
  if (!trimmedNote(action.note)) throw new PipelineError('invalid_input', 'note: expected some text');
  return { ...entry, notes: appendNote(entry.notes, action) };
}

/** Counts entries per stage (every stage present, in pipeline order). */
export function pipelineCounts(
  entries: readonly Pick<PipelineEntry, 'stage'>[],
): Record<PipelineStage, number> {
  const out = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, 0])) as Record<PipelineStage, number>;
  for (const e of entries) out[e.stage]++;
  return out;
}
