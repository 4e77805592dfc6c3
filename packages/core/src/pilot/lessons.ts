/**
 * The lessons-learned log across all partnerships (the partnership's "living
 * memory of what works", seed 000 §8), and its search.
 *
 * Search: the query is split into tokens (letters and digits, case- and
 * accent-insensitive); a lesson matches when at least one token does. Per
 * token, the best match counts: a tag equal to the token 5, a tag starting
 * with it 3, a whole word in the text 2, a word starting with it 1. A lesson's
 * rank is the number of tokens matched, then the summed score, then the
 * newest first. `#tag` in the query (or the `tags` option) keeps only lessons
 * with that tag.
 */
import type { Lesson } from './schema.ts';

/** A lesson with the partnership it belongs to. */
export interface LoggedLesson {
  partnership: string;
  lesson: Lesson;
}

export interface LessonHit extends LoggedLesson {
  /** Tokens of the query found in the lesson. */
  matched: string[];
  score: number;
}

const SCORE = { tagExact: 5, tagPrefix: 3, word: 2, wordPrefix: 1 } as const;

/** Lower-cased, accent-free tokens of letters and digits. */
export function lessonTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Every lesson of every partnership in a document (partnerships without a valid `lessons` list are skipped). */
export function collectLessons(partnerships: readonly unknown[]): LoggedLesson[] {
  const out: LoggedLesson[] = [];
  for (const p of partnerships) {
    if (typeof p !== 'object' || p === null) continue;
    const { id, lessons } = p as { id?: unknown; lessons?: unknown };
    if (typeof id !== 'string' || !Array.isArray(lessons)) continue;
    for (const l of lessons as Lesson[]) out.push({ partnership: id, lesson: { ...l, tags: l.tags ?? [] } });
  }
  return out;
}

/**
 * Searches lessons (ranked as described above). An empty query returns every
 * lesson (filtered by tags / partnership), newest first.
 */
export function searchLessons(
  lessons: readonly LoggedLesson[],
  query: string,
  options: { tags?: readonly string[]; partnership?: string; limit?: number } = {},
): LessonHit[] {
  const required = [...(options.tags ?? []), ...[...query.matchAll(/#([^\s#]+)/g)].map((m) => m[1]!)].map(
    (t) => lessonTokens(t).join('-'),
  );
  const tokens = [...new Set(lessonTokens(query.replace(/#[^\s#]+/g, ' ')))];
  const hits: LessonHit[] = [];
  for (const entry of lessons) {
    const { lesson } = entry;
    if (options.partnership !== undefined && entry.partnership !== options.partnership) continue;
    const tags = lesson.tags.map((t) => lessonTokens(t).join('-'));
    if (!required.every((r) => tags.includes(r))) continue;
    const tagWords = lesson.tags.flatMap(lessonTokens);
    const words = new Set([lesson.happened, lesson.learned, lesson.change].flatMap(lessonTokens));
    const matched: string[] = [];
    let score = 0;
    for (const t of tokens) {
      let best = 0;
      if (tags.includes(t) || tagWords.includes(t)) best = SCORE.tagExact;
      else if (tagWords.some((w) => w.startsWith(t))) best = SCORE.tagPrefix;
      else if (words.has(t)) best = SCORE.word;
      else if ([...words].some((w) => w.startsWith(t))) best = SCORE.wordPrefix;
      if (best) {
        matched.push(t);
        score += best;
      }
    }
    if (tokens.length && !matched.length) continue;
    hits.push({ ...entry, matched, score });
  }
  hits.sort(
    (a, b) =>
      b.matched.length - a.matched.length ||
      b.score - a.score ||
      (a.lesson.date < b.lesson.date ? 1 : a.lesson.date > b.lesson.date ? -1 : 0) ||
      a.partnership.localeCompare(b.partnership) ||
      a.lesson.id.localeCompare(b.lesson.id),
  );
  return options.limit !== undefined ? hits.slice(0, Math.max(0, options.limit)) : hits;
}
