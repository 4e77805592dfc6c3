/** Small actors for the Discover tests, built in code so each value is easy to check by hand. */
import type { Actor } from '../model/document.ts';

/** An actor with defaults: kind 'other', name = id upper-cased, no capabilities, needs or values. */
export function actor(id: string, fields: Partial<Actor> = {}): Actor {
  return {
    id,
    name: fields.name ?? id.toUpperCase(),
    kind: 'other',
    capabilities: [],
    needs: [],
    values: [],
    ...fields,
  };
}
