/**
 * The leaf building blocks of the ecosystem document (ids, stages, visibilities
 * and the small field schemas), importing nothing but zod. They live here, not
 * in document.ts, so the modules that define a partnership's sections (monitor/,
 * pilot/, govern/) can use them while document.ts imports those sections back,
 * with no import cycle. document.ts re-exports every public name.
 */
import { z } from 'zod';

/** Partnership stages, in lifecycle order (dissolved can happen at any time). */
export const PARTNERSHIP_STAGES = ['exploring', 'pilot', 'scaling', 'evolving', 'dissolved'] as const;
export type PartnershipStage = (typeof PARTNERSHIP_STAGES)[number];

/** Who may see a confidential item (platform access rules). */
export const VISIBILITIES = ['private', 'partnership', 'ecosystem'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The message of an unknown enum value: names the value and lists the valid ones. */
export const oneOf = (what: string, values: readonly string[]) => (issue: { input?: unknown }) =>
  `unknown ${what} ${JSON.stringify(issue.input)}; expected one of: ${values.join(', ')}`;

/** Ids are short, URL-safe and stable: letters, digits and . _ : - (not starting with a symbol). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

export const IdSchema = z.string({ error: 'expected an id (a string)' }).regex(ID_PATTERN, {
  error: 'expected an id: 1–200 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
});

/** Free text of at most `max` characters. */
export const Text = (max: number) =>
  z.string({ error: 'expected text (a string)' }).max(max, { error: `expected at most ${max} characters` });

/** A short non-empty label (a name, a capability, a title). */
export const Label = z
  .string({ error: 'expected a non-empty string' })
  .trim()
  .min(1, { error: 'expected a non-empty string' })
  .max(200, { error: 'expected at most 200 characters' });
