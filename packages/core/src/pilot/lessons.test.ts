import { describe, expect, it } from 'vitest';
import { collectLessons, searchLessons, lessonTokens } from './lessons.ts';
import { LessonSchema, type LessonInput } from './schema.ts';

const lesson = (l: LessonInput) => LessonSchema.parse(l);
const logged = [
  {
    partnership: 'p1',
    lesson: lesson({
      id: 'l1',
      date: '2025-01-10',
      happened: 'Data sharing stalled for weeks',
      learned: 'Consent forms were unclear',
      change: 'Co-design consent with the patient group',
      tags: ['data', 'consent'],
    }),
  },
  {
    partnership: 'p1',
    lesson: lesson({
      id: 'l2',
      date: '2025-03-01',
      happened: 'Budget approval missed the hospital window',
      learned: 'Hospitals plan in annual budget cycles',
      change: 'Stage milestones on sync points',
      tags: ['clocks', 'budget'],
    }),
  },
  {
    partnership: 'p2',
    lesson: lesson({
      id: 'l3',
      date: '2025-04-01',
      happened: 'Clinicians ignored the dashboard',
      learned: 'Databases were not linked to their workflow',
      change: 'Embed the data in the EHR',
      tags: ['adoption'],
    }),
  },
];

describe('lessonTokens', () => {
  it('lower-cases, strips accents and splits on anything but letters and digits', () => {
    expect(lessonTokens('Café-Daten: Zürich 2025!')).toEqual(['cafe', 'daten', 'zurich', '2025']);
  });
});

describe('searchLessons', () => {
  it('ranks tag matches above text matches above prefixes', () => {
    const hits = searchLessons(logged, 'DATA');
    expect(hits.map((h) => [h.lesson.id, h.score])).toEqual([
      ['l1', 5], // tag "data"
      ['l3', 2], // word "data" in the text (and prefix of "databases")
    ]);
  });

  it('ranks by the number of query tokens matched first', () => {
    const hits = searchLessons(logged, 'budget window data');
    expect(hits.map((h) => [h.lesson.id, h.matched])).toEqual([
      ['l2', ['budget', 'window']],
      ['l1', ['data']],
      ['l3', ['data']],
    ]);
  });

  it('matches word prefixes and filters by #tag, tags and partnership', () => {
    expect(searchLessons(logged, 'clinic').map((h) => h.lesson.id)).toEqual(['l3']);
    expect(searchLessons(logged, 'data #consent').map((h) => h.lesson.id)).toEqual(['l1']);
    expect(searchLessons(logged, '', { tags: ['Budget'] }).map((h) => h.lesson.id)).toEqual(['l2']);
    expect(searchLessons(logged, 'data', { partnership: 'p2' }).map((h) => h.lesson.id)).toEqual(['l3']);
    expect(searchLessons(logged, 'nothing-like-this')).toEqual([]);
  });

  it('returns everything newest first for an empty query, up to a limit', () => {
    expect(searchLessons(logged, '  ').map((h) => h.lesson.id)).toEqual(['l3', 'l2', 'l1']);
    expect(searchLessons(logged, '', { limit: 1 }).map((h) => h.lesson.id)).toEqual(['l3']);
  });
});

describe('collectLessons', () => {
  it('gathers lessons across partnerships', () => {
    const all = collectLessons([
      { id: 'p1', lessons: [logged[0]!.lesson] },
      { id: 'p2' },
      null,
      { id: 'p3', lessons: [logged[2]!.lesson] },
    ]);
    expect(all.map((l) => [l.partnership, l.lesson.id])).toEqual([
      ['p1', 'l1'],
      ['p3', 'l3'],
    ]);
  });
});
