import { describe, expect, it } from 'vitest';
import { readCsvDocument } from './csv.ts';

const actors = `id,name,kind,capabilities,needs,values,cadence,fiscal_year_start,employees
a,Alpha Bio,biopharma,clinical trials;regulatory affairs,real-world data,openness,quarterly,4,120
b,Beta Hospital,provider,real-world data,,openness;equity,annual,,
`;
const rels = `from,to,kind,flows,strength,directed
a,b,research,data;money,2,yes
`;

describe('CSV import', () => {
  it('builds a document from columns by header name, lists split on ";"', () => {
    const r = readCsvDocument({
      ecosystem: { id: 'e', name: 'E' },
      actors: { name: 'a.csv', text: actors },
      relationships: { name: 'r.csv', text: rels },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.actors[0]).toEqual({
      id: 'a',
      name: 'Alpha Bio',
      kind: 'biopharma',
      capabilities: ['clinical trials', 'regulatory affairs'],
      needs: ['real-world data'],
      values: ['openness'],
      clock: { cadence: 'quarterly', fiscalYearStart: 4 },
      attributes: { employees: 120 },
    });
    expect(r.document.relationships[0]).toMatchObject({
      from: 'a',
      to: 'b',
      flows: ['data', 'money'],
      strength: 2,
      directed: true,
    });
  });

  it('points problems at the CSV file, line and column', () => {
    const bad = actors.replace('provider', 'hospital');
    const badRels = rels.replace('a,b,research', 'a,zed,research').replace(',2,yes', ',strong,yes');
    const r = readCsvDocument({
      ecosystem: { id: 'e', name: 'E' },
      actors: { name: 'a.csv', text: bad },
      relationships: { name: 'r.csv', text: badRels },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.file, p.line, p.column, p.path.join('.')])).toEqual([
      ['a.csv', 3, 3, 'actors.1.kind'],
      ['r.csv', 2, 5, 'relationships.0.strength'],
      ['r.csv', 2, 2, 'relationships.0.to'],
    ]);
  });

  it('names missing required columns and malformed rows', () => {
    const r1 = readCsvDocument({
      ecosystem: { id: 'e', name: 'E' },
      actors: { name: 'a.csv', text: 'id,title\na,A\n' },
    });
    expect(!r1.ok && r1.problems[0]!.message).toMatch(/missing columns name, kind/);
    const r2 = readCsvDocument({
      ecosystem: { id: 'e', name: 'E' },
      actors: { name: 'a.csv', text: 'id,name,kind\na,A,ngo,extra\n' },
    });
    expect(!r2.ok && r2.problems[0]).toMatchObject({ file: 'a.csv', code: 'syntax', line: 2 });
  });
});
