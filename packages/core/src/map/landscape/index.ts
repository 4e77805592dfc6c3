/** Landscape import: landscape.yml (CNCF, CAMARA and other Linux Foundation landscapes) → ecosystem document. */
export {
  landscapeToDocument,
  type LandscapeImportOptions,
  type LandscapeImportResult,
  type LandscapeImportStats,
  type LandscapeWarning,
  type LandscapeWarningCode,
} from './convert.ts';
export { selectTies, tieBudget } from './ties.ts';
export { inferKind, type KindEvidence } from './kinds.ts';
export { crunchbaseSlug, homepageSite, normalizeRepo, slugify } from './identity.ts';
