import { describe, expect, it } from 'vitest';
import { analyzeMap } from './analyze.ts';
import { diffDocuments } from './diff.ts';
import { formatDiff, formatMapReport, formatWhatIf, textTable } from './report-text.ts';
import { actor, ecosystem, generatedDoc, tie, twoTriangles } from './test-factory.ts';
import { whatIfExit } from './what-if.ts';

describe('textTable', () => {
  it('pads columns and right-aligns numbers', () => {
    expect(
      textTable(
        ['Actor', 'Score'],
        [
          ['a', 1.5],
          ['long-name', 10],
        ],
      ),
    ).toBe(['Actor      Score', '---------  -----', 'a          1.500', 'long-name     10'].join('\n'));
    expect(textTable(['A'], [])).toBe('A\n-');
  });
});

describe('analyzeMap and its text', () => {
  it('puts the contract keys together and shares one graph', () => {
    const report = analyzeMap(twoTriangles());
    expect(Object.keys(report)).toEqual(['network', 'coverage', 'gaps', 'opportunities', 'criticality']);
    expect(report.opportunities[0]).toMatchObject({ from: 'e', to: 'c' });
    expect(report.criticality[0]!.actor).toBe('c');
    expect(report.gaps.unprovided.map((g) => g.need)).toEqual(['legal']);
  });

  it('formats every section readably, without NaN or undefined', () => {
    const doc = twoTriangles();
    const text = formatMapReport(doc, analyzeMap(doc));
    for (const title of [
      'Network',
      'Top 7 actors by betweenness',
      'Articulation points (2) and bridges (1)',
      'Communities and silos',
      'Brokers',
      'Capability gaps',
      'Opportunities',
      'Criticality (top 7)',
    ])
      expect(text).toContain(title);
    expect(text).toContain('legal');
    expect(text).toContain('via d');
    expect(text).not.toMatch(/NaN|undefined/);
  });

  it('formats an empty ecosystem and a lone actor', () => {
    for (const doc of [ecosystem([]), ecosystem([actor('solo')], [tie('solo', 'solo')])]) {
      const text = formatMapReport(doc, analyzeMap(doc));
      expect(text).toContain('None: no single actor');
      expect(text).not.toMatch(/NaN|undefined/);
    }
  });

  it('formats a what-if and a diff', () => {
    const doc = twoTriangles();
    const w = formatWhatIf(whatIfExit(doc, ['c']));
    expect(w).toContain('What if c left');
    expect(w).toContain('Actors cut off: a, b');
    const later = ecosystem([...doc.actors, actor('h')], [...doc.relationships, tie('h', 'g')]);
    const d = formatDiff(diffDocuments(doc, later));
    expect(d).toContain('Actors added: h');
    expect(d).toContain('Relationships added: h–g (other)');
    expect(d).not.toMatch(/NaN|undefined/);
  });

  it('analyzes a generated 20,000-actor ecosystem without crashing', { timeout: 600_000 }, () => {
    const doc = generatedDoc(20_000, 2, 500);
    const report = analyzeMap(doc, { exactBetweennessLimit: 5_000 });
    expect(Object.keys(report.network.actors)).toHaveLength(20_000);
    expect(report.network.betweennessMethod).toMatchObject({ method: 'sampled', samples: 1_000 });
    expect(report.criticality).toHaveLength(20_000);
    expect(report.opportunities).toHaveLength(20);
    expect(formatMapReport(doc, report)).not.toMatch(/NaN/);
  });
});
