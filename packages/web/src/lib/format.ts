/** Formatting for people: dates, relative times, counts, names. */

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "yesterday", "just now"; `now` is a parameter so it can be tested. */
export function relativeTime(iso: string, now: number = Date.now(), locale = 'en'): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((t - now) / 1000);
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return fmt.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** "12 Mar 2025, 14:05" in the reader's locale and time zone. */
export function dateTime(iso: string, locale?: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(t);
}

/** "1 actor", "3 actors", "1,204 relationships". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Up to two initials for an avatar: "Ada Lovelace" → "AL". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

/** "patient-group" → "Patient group". */
export function humanize(kind: string): string {
  const s = kind.replace(/[-_]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Names of kinds that a plain capitalisation gets wrong. */
const KIND_LABELS: Record<string, string> = {
  ngo: 'NGO',
  medtech: 'MedTech',
  deeptech: 'Deep tech',
  public: 'Public body',
  'patient-group': 'Patient group',
};

/** An actor or relationship kind as people write it: "ngo" → "NGO", "medtech" → "MedTech". */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? humanize(kind);
}

/**
 * A suggested id for a new item, from its name: lower-case letters, digits and
 * dashes, starting with a letter or digit (the document's id rule), at most 60.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/** Labels as typed into a tags field: trimmed, without empty or repeated ones. */
export function cleanLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()).filter(Boolean))];
}

/** Splits "a; b, c" into trimmed, non-empty, unique labels. */
export function splitLabels(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[;,\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
