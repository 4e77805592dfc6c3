/**
 * Small, pure helpers that turn the loosely typed strings of a landscape.yml
 * (URLs, names, crunchbase links) into keys for merging and ids for actors.
 */

/** Case-insensitive, trimmed, inner whitespace collapsed: the merge key of a name. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Letters and digits only, lower-cased: for "is this item named after its organization?" checks. */
export function compact(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A URL-safe slug usable as (part of) an id: ASCII letters and digits joined by
 * single dashes, lower case, at most `max` characters; '' when nothing is left.
 */
export function slugify(s: string, max = 80): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

/** Parses an absolute URL, adding https:// when the scheme is missing; undefined when it is not a URL. */
export function parseUrl(raw: string): URL | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
  } catch {
    return undefined;
  }
}

/**
 * The organization slug of a crunchbase link, e.g.
 * https://www.crunchbase.com/organization/red-hat → "red-hat"; undefined when the
 * string is not a crunchbase organization link.
 */
export function crunchbaseSlug(raw: string): string | undefined {
  const url = parseUrl(raw);
  if (!url || !/(^|\.)crunchbase\.com$/i.test(url.hostname)) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const at = parts.findIndex((p) => p === 'organization' || p === 'company');
  const slug = at >= 0 ? parts[at + 1] : undefined;
  return slug ? decodeURIComponent(slug).toLowerCase() : undefined;
}

/**
 * Hosts shared by many unrelated organizations: the "site" of a page there is
 * the host plus the first path segments (github.com/kubeflow, linkedin.com/company/x).
 */
const SHARED_HOSTS: Record<string, number> = {
  'github.com': 1,
  'gitlab.com': 1,
  'bitbucket.org': 1,
  'codeberg.org': 1,
  'gitee.com': 1,
  'sourceforge.net': 2,
  'linkedin.com': 2,
  'medium.com': 1,
  'twitter.com': 1,
  'x.com': 1,
  'youtube.com': 1,
};

/**
 * The "site" of a homepage: its host without "www." (lower case), or for shared
 * hosts (GitHub, LinkedIn …) the host plus the account path. Undefined when the
 * URL cannot be parsed.
 */
export function homepageSite(raw: string): string | undefined {
  const url = parseUrl(raw);
  if (!url || !url.hostname) return undefined;
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  const depth = SHARED_HOSTS[host];
  if (depth === undefined) return host;
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .slice(0, depth)
    .map((s) => s.toLowerCase());
  return segments.length === depth ? `${host}/${segments.join('/')}` : host;
}

/** A repository URL reduced to host/path (no scheme, www., trailing slash or .git), lower case. */
export function normalizeRepo(raw: string): string | undefined {
  const url = parseUrl(raw);
  if (!url || !url.hostname) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .toLowerCase();
  return path && path !== '/' ? `${host}${path}` : undefined;
}

/** Crunchbase disambiguates clashing slugs with a 4-hex suffix ("octopus-deploy-c915"); drop it for display. */
export function stripSlugSuffix(slug: string): string {
  const stripped = slug.replace(/-[0-9a-f]{4}$/, '');
  return /[a-z]/.test(stripped) ? stripped : slug;
}

/** "open-infrastructure-foundation" → "Open Infrastructure Foundation". */
export function humanizeSlug(slug: string): string {
  return stripSlugSuffix(slug)
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * The role suffixes landscapes append to item names that stand for the
 * organization itself: "Red Hat (member)", "VMware (KCSP)", "LinkedIn (supporter)".
 */
const ROLE_SUFFIX = /\s*\((?:member|supporter|kcsp|kcntp|end[ -]?user|partner|sponsor)\)\s*$/i;

/** True when an item's name carries a role suffix, i.e. names the organization, not a product. */
export function hasRoleSuffix(name: string): boolean {
  return ROLE_SUFFIX.test(name);
}

/** The item name without its role suffix ("Red Hat (member)" → "Red Hat"). */
export function stripRoleSuffix(name: string): string {
  const stripped = name.replace(ROLE_SUFFIX, '').trim();
  return stripped || name.trim();
}

/** Cuts a label to at most `max` characters (labels in the document are limited to 200). */
export function clip(s: string, max = 200): string {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}
