/**
 * How the ecosystem map looks: a colour per actor kind and per relationship
 * kind (the legend reads these), node size by degree, edge size by strength.
 */
import type { ActorKind, RelationshipKind } from '@valueweb/core';

/** One colour per actor kind, distinct on a light background. */
export const ACTOR_KIND_COLORS: Record<ActorKind, string> = {
  biopharma: '#7048e8',
  medtech: '#1c7ed6',
  deeptech: '#0ca678',
  startup: '#f59f00',
  corporate: '#495057',
  provider: '#e03131',
  payer: '#d6336c',
  public: '#1098ad',
  'patient-group': '#f76707',
  university: '#4263eb',
  ngo: '#37b24d',
  community: '#ae3ec9',
  individual: '#868e96',
  other: '#adb5bd',
};

/** One colour per relationship kind; competition stands out in red. */
export const RELATIONSHIP_KIND_COLORS: Record<RelationshipKind, string> = {
  partnership: '#4c6ef5',
  research: '#9775fa',
  supply: '#ffa94d',
  data: '#3bc9db',
  funding: '#51cf66',
  information: '#adb5bd',
  customer: '#f783ac',
  competition: '#fa5252',
  other: '#ced4da',
};

const FALLBACK = '#adb5bd';

export const actorKindColor = (kind: string): string =>
  (ACTOR_KIND_COLORS as Record<string, string>)[kind] ?? FALLBACK;
export const relationshipKindColor = (kind: string): string =>
  (RELATIONSHIP_KIND_COLORS as Record<string, string>)[kind] ?? FALLBACK;

/**
 * Node radius in pixels: square root of the degree share, so area grows with
 * degree, between `min` and `max`.
 */
export function nodeSize(degree: number, maxDegree: number, min = 3, max = 16): number {
  if (maxDegree <= 0 || degree <= 0) return min;
  return min + (max - min) * Math.sqrt(Math.min(degree, maxDegree) / maxDegree);
}

/** Edge thickness from strength (1 is an ordinary tie), kept between 0.5 and 4. */
export function edgeSize(strength: number): number {
  if (!Number.isFinite(strength) || strength <= 0) return 0.5;
  return Math.max(0.5, Math.min(4, 0.6 + Math.log2(1 + strength)));
}

/** `#rrggbb` with an alpha, as `rgba(…)`, for faded (filtered-out or unfocused) items. */
export function fade(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x ?? '0', 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
