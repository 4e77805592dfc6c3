/** Lists arrive as `{items: [...]}`; a few answers may be bare arrays. Either way, the items. */
export function itemsOf<T>(answer: { items: T[] } | T[] | undefined | null): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : (answer.items ?? []);
}

/** An invitation link to show and copy: absolute, on this site when the server gave a path. */
export function absoluteUrl(url: string, origin: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  return `${origin.replace(/\/$/, '')}/${url.replace(/^\//, '')}`;
}
