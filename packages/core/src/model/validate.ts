/**
 * Validation of the ecosystem document: the schema (types, enums, required
 * fields) and the cross-references a schema cannot see (unknown actor ids,
 * duplicate ids). Every problem is reported at once, each with its path.
 */
import type { z } from 'zod';
import { partnershipProblems } from './checks.ts';
import { discoverProblems } from '../discover/document.ts';
import { DocumentSchema, type EcosystemDocument } from './document.ts';
import type { Path, Problem } from './problem.ts';

export type ValidationResult =
  | { ok: true; document: EcosystemDocument; problems: [] }
  | { ok: false; document?: undefined; problems: Problem[] };

/** Extra checks that other modules contribute (e.g. the charter's decision rule), run on a schema-valid document. */
export type DocumentCheck = (doc: EcosystemDocument) => Problem[];
const extraChecks: DocumentCheck[] = [];

/** Registers a cross-field check run by every validation (used by governance and other modules). */
export function registerDocumentCheck(check: DocumentCheck): void {
  extraChecks.push(check);
}

/**
 * A schema's issues as problems: paths as in the document (under `base`), an
 * unknown field named as such, a missing one said plainly. Every reader of
 * input (files, API bodies, store writes) reports them this one way.
 */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], base: Path = []): Problem[] {
  return issues.map((issue) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    } else if (issue.code === 'invalid_type' && message.startsWith('Invalid input: expected')) {
      message = message
        .replace('Invalid input: expected', 'expected')
        .replace(', received undefined', ' (missing)');
    }
    return { path, message, code: issue.code === 'unrecognized_keys' ? 'unknown_field' : 'invalid_value' };
  });
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Cross-reference checks on the raw input, so they are reported even when the schema also fails. */
function referenceProblems(raw: unknown): Problem[] {
  if (!isObj(raw)) return [];
  const problems: Problem[] = [];
  const actorIds = new Map<string, number>();
  arr(raw.actors).forEach((a, i) => {
    if (!isObj(a) || typeof a.id !== 'string') return;
    const first = actorIds.get(a.id);
    if (first !== undefined) {
      problems.push({
        path: ['actors', i, 'id'],
        message: `duplicate actor id "${a.id}" (first used at actors[${first}])`,
        code: 'duplicate_id',
      });
    } else actorIds.set(a.id, i);
  });
  const unknownActor = (id: unknown, path: Path, what: string) => {
    if (typeof id === 'string' && !actorIds.has(id)) {
      problems.push({ path, message: `unknown actor id "${id}" in ${what}`, code: 'unknown_reference' });
    }
  };
  arr(raw.relationships).forEach((r, i) => {
    if (!isObj(r)) return;
    unknownActor(r.from, ['relationships', i, 'from'], `relationships[${i}].from`);
    unknownActor(r.to, ['relationships', i, 'to'], `relationships[${i}].to`);
  });
  const partnershipIds = new Map<string, number>();
  arr(raw.partnerships).forEach((p, i) => {
    if (!isObj(p)) return;
    if (typeof p.id === 'string') {
      const first = partnershipIds.get(p.id);
      if (first !== undefined) {
        problems.push({
          path: ['partnerships', i, 'id'],
          message: `duplicate partnership id "${p.id}" (first used at partnerships[${first}])`,
          code: 'duplicate_id',
        });
      } else partnershipIds.set(p.id, i);
    }
    const seen = new Map<string, number>();
    arr(p.members).forEach((m, j) => {
      if (!isObj(m)) return;
      unknownActor(
        m.actor,
        ['partnerships', i, 'members', j, 'actor'],
        `partnerships[${i}].members[${j}].actor`,
      );
      if (typeof m.actor === 'string') {
        const firstM = seen.get(m.actor);
        if (firstM !== undefined) {
          problems.push({
            path: ['partnerships', i, 'members', j, 'actor'],
            message: `actor "${m.actor}" is already a member of this partnership (members[${firstM}])`,
            code: 'duplicate_id',
          });
        } else seen.set(m.actor, j);
      }
    });
  });
  return problems;
}

/** Validates a parsed document (any JS value), returning the normalized document or every problem found. */
export function validateDocument(raw: unknown): ValidationResult {
  const parsed = DocumentSchema.safeParse(raw);
  // Cross-references run on the raw input, so they are reported with the schema's problems.
  const problems = [...referenceProblems(raw), ...partnershipProblems(raw), ...discoverProblems(raw)];
  if (!parsed.success) problems.unshift(...problemsFromZod(parsed.error.issues));
  if (parsed.success && problems.length === 0) {
    for (const check of extraChecks) problems.push(...check(parsed.data));
  }
  if (problems.length > 0 || !parsed.success) {
    return { ok: false, problems: sortProblems(problems) };
  }
  return { ok: true, document: parsed.data, problems: [] };
}

function sortProblems(problems: Problem[]): Problem[] {
  // Stable: document order of the top-level sections, then by index.
  const order = ['valueweb', 'ecosystem', 'actors', 'relationships', 'partnerships', 'discover'];
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const sa = order.indexOf(String(a.p.path[0]));
      const sb = order.indexOf(String(b.p.path[0]));
      if (sa !== sb) return sa - sb;
      const ia = typeof a.p.path[1] === 'number' ? a.p.path[1] : -1;
      const ib = typeof b.p.path[1] === 'number' ? b.p.path[1] : -1;
      return ia !== ib ? ia - ib : a.i - b.i;
    })
    .map((x) => x.p);
}
