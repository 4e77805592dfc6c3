import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { validateDocument } from '../../model/validate.ts';
import type { EcosystemDocument } from '../../model/document.ts';
import { landscapeToDocument, type LandscapeImportResult, type LandscapeWarningCode } from './index.ts';
import { tieBudget } from './ties.ts';

// ---- the real files (../shared/data next to the repository) ----------------------------
function dataFile(name: string): string | undefined {
  const candidates = [
    fileURLToPath(new URL(`../../../../../../shared/data/${name}`, import.meta.url)),
    resolve(process.cwd(), '../shared/data', name),
  ];
  return candidates.find((p) => existsSync(p));
}
const CNCF = dataFile('cncf_landscape.yml');
const CAMARA = dataFile('camara_landscape.yml');

function convert(file: string): LandscapeImportResult {
  return landscapeToDocument(parse(readFileSync(file, 'utf8')), {
    ecosystemId: 'imported',
    name: 'Imported',
  });
}

function valid(r: LandscapeImportResult): EcosystemDocument {
  const v = validateDocument(r.document);
  expect(v.problems).toEqual([]);
  return v.document!;
}

function codes(r: LandscapeImportResult, code: LandscapeWarningCode) {
  return r.warnings.filter((w) => w.code === code);
}

/** Invariants every conversion keeps: one relationship per pair and kind, no self-ties, the tie budgets, strength = shared subcategories. */
function checkInvariants(doc: EcosystemDocument, maxTies?: number) {
  const seen = new Set<string>();
  for (const r of doc.relationships) {
    expect(r.from).not.toBe(r.to);
    const key = `${[r.from, r.to].sort().join(' ')} ${r.kind}`;
    expect(seen.has(key), key).toBe(false);
    seen.add(key);
  }
  const actor = new Map(doc.actors.map((a) => [a.id, a]));
  const orgsPerSub = new Map<string, number>();
  for (const a of doc.actors) for (const c of a.capabilities) orgsPerSub.set(c, (orgsPerSub.get(c) ?? 0) + 1);
  let budget = 0;
  for (const n of orgsPerSub.values()) budget += Math.min(tieBudget(n, maxTies), (n * (n - 1)) / 2);
  const competition = doc.relationships.filter((x) => x.kind === 'competition');
  expect(competition.length).toBeLessThanOrEqual(budget);
  for (const r of competition) {
    const a = actor.get(r.from)!;
    const b = actor.get(r.to)!;
    expect(r.strength).toBe(a.capabilities.filter((c) => b.capabilities.includes(c)).length);
  }
}

/** A suite on a real file; when the file is absent it is reported as skipped (its body needs the file, so it is not collected). */
function describeWithFile(file: string | undefined, name: string, body: (file: string) => void) {
  if (file) describe(name, () => body(file));
  else describe.skip(name, () => it('needs the file in ../shared/data'));
}

describeWithFile(CAMARA, 'CAMARA landscape (real file)', (file) => {
  const r = convert(file);
  const doc = valid(r);
  const byId = new Map(doc.actors.map((a) => [a.id, a]));

  it('turns its 188 organizations into 188 actors', () => {
    expect(r.stats.items).toBe(188);
    expect(doc.actors).toHaveLength(188);
    expect(r.stats.mergedItems).toBe(0);
  });

  it('membership levels are tags, second_path subcategories are capabilities', () => {
    const count = (tag: string) => doc.actors.filter((a) => a.tags?.includes(tag)).length;
    expect(count('member:premier')).toBe(9);
    expect(count('member:general')).toBe(8);
    expect(count('member:associate')).toBe(6);
    expect(count('participant')).toBe(165);
    const att = byId.get('at-and-t-services-inc')!;
    expect(att.name).toBe('AT&T Services, Inc.');
    expect(att.capabilities).toEqual(['Operation / Operators']);
    expect(doc.actors.every((a) => a.capabilities.every((c) => !c.startsWith('Members /')))).toBe(true);
  });

  it('reads organization: {name} and warns about items without crunchbase', () => {
    expect(byId.get('indykite-inc')?.name).toBe('IndyKite Inc.');
    expect(codes(r, 'missing_crunchbase')).toHaveLength(129);
    expect(byId.get('university-of-california-berkeley')?.kind).toBe('university');
  });

  it('ties operators as competitors, thinned where a subcategory is large', () => {
    expect(r.stats.relationships.competition).toBeGreaterThan(500);
    expect(r.stats.relationships.partnership).toBe(0);
    expect(codes(r, 'ties_capped')).toHaveLength(1);
    checkInvariants(doc);
  });
});

describeWithFile(CNCF, 'CNCF landscape (real file)', (file) => {
  const t0 = performance.now();
  const r = convert(file);
  const ms = performance.now() - t0;
  const doc = valid(r);
  const byId = new Map(doc.actors.map((a) => [a.id, a]));

  it('merges 2,413 items into about 1,300 organizations, quickly', () => {
    expect(r.stats.items).toBe(2413);
    expect(r.stats.skippedItems).toBe(0);
    expect(doc.actors.length).toBeGreaterThan(1250);
    expect(doc.actors.length).toBeLessThan(1400);
    expect(r.stats.mergedOrganizations).toBeGreaterThan(350);
    expect(codes(r, 'merged_items')).toHaveLength(1);
    expect(ms).toBeLessThan(5000);
  });

  it('merges an organization’s products and its membership item', () => {
    const redHat = byId.get('red-hat')!;
    expect(redHat.name).toBe('Red Hat');
    expect(redHat.kind).toBe('corporate');
    expect(redHat.tags).toContain('member:platinum');
    expect(redHat.attributes?.crunchbase).toBe('https://www.crunchbase.com/organization/red-hat');
    expect(String(redHat.attributes?.itemNames)).toContain('Ansible');
    expect(redHat.capabilities).toContain('Provisioning / Automation & Configuration');
  });

  it('the foundation hosting most projects is found and tied to the companies behind the others', () => {
    const cncf = byId.get('cloud-native-computing-foundation')!;
    expect(r.stats.foundation).toBe(cncf.id);
    expect(cncf.kind).toBe('ngo');
    expect(cncf.tags).toEqual(
      expect.arrayContaining(['project:graduated', 'project:incubating', 'project:sandbox', 'project-host']),
    );
    const rh = doc.relationships.find(
      (x) =>
        x.kind === 'partnership' &&
        [x.from, x.to].sort().join() === 'cloud-native-computing-foundation,red-hat',
    );
    expect(rh?.strength).toBe(2);
    expect(rh?.description).toContain('Krkn');
    expect(r.stats.relationships.partnership).toBeGreaterThan(10);
  });

  it('warns about the file’s quirks instead of failing', () => {
    const dupNames = codes(r, 'duplicate_item_name').map((w) => w.message);
    for (const name of ['Kgateway', 'MockServer', 'Upbound (member)', 'k0rdent', 'DeepFlow', 'Okahu']) {
      expect(
        dupNames.some((m) => m.includes(`"${name}"`)),
        name,
      ).toBe(true);
    }
    // Devtron's organization is a plain string (a crunchbase link): read, warned, merged with "Devtron (member)"
    const orgString = codes(r, 'organization_string');
    expect(orgString).toHaveLength(1);
    expect(orgString[0]!.message).toContain('devtron-labs');
    expect(byId.get('devtron')?.attributes?.items).toBe(2);
    expect(codes(r, 'missing_crunchbase').length).toBeGreaterThan(150);
    expect(codes(r, 'unknown_second_path')).toHaveLength(3);
    expect(codes(r, 'id_collision').length).toBeGreaterThanOrEqual(1);
  });

  it('attributes items without crunchbase by repository, but keeps anonymous members apart', () => {
    const notebooks = codes(r, 'missing_crunchbase').find((w) => w.message.includes('"Kubeflow Notebooks"'));
    expect(notebooks?.message).toContain(
      'attributed to the organization of "Kubeflow" (same repository github.com/kubeflow/kubeflow)',
    );
    expect(byId.has('kubeflow-notebooks')).toBe(false);
    const anonymous = doc.actors.filter((a) => a.tags?.includes('anonymous'));
    expect(anonymous.length).toBeGreaterThanOrEqual(10);
    expect(anonymous.every((a) => a.name.startsWith('Non-Public Organization'))).toBe(true);
  });

  it('keeps competition ties within the per-subcategory budget', () => {
    expect(r.stats.cappedSubcategories).toBeGreaterThan(10);
    expect(r.stats.relationships.competition).toBeLessThan(10_000);
    checkInvariants(doc);
  });
});

// ---- synthetic inputs, one per quirk --------------------------------------------------------
type ItemIn = Record<string, unknown>;
const landscape = (...categories: [string, [string, ItemIn[]][]][]) => ({
  landscape: categories.map(([name, subs]) => ({
    category: null,
    name,
    subcategories: subs.map(([sname, items]) => ({
      subcategory: null,
      name: sname,
      items: items.map((i) => ({ item: null, ...i })),
    })),
  })),
});
const cb = (slug: string) => `https://www.crunchbase.com/organization/${slug}`;

function run(input: unknown, options = {}) {
  const r = landscapeToDocument(input, options);
  const doc = valid(r);
  return { r, doc, byId: new Map(doc.actors.map((a) => [a.id, a])) };
}

describe('landscapeToDocument on synthetic input', () => {
  it('never throws on garbage and always returns a valid document', () => {
    for (const input of [
      null,
      undefined,
      42,
      'x',
      [],
      {},
      { landscape: 'x' },
      {
        landscape: [
          null,
          1,
          { name: 'A', subcategories: 'x' },
          { subcategories: [null, { items: [1, null, {}] }] },
        ],
      },
    ]) {
      const { r, doc } = run(input);
      expect(doc.actors).toEqual([]);
      expect(r.warnings.length).toBeGreaterThan(0);
    }
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const r = landscapeToDocument({ landscape: [input] });
        expect(validateDocument(r.document).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('survives random landscape-shaped input', () => {
    const item = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('A', 'B', 'a ', 'C++', 'C')),
        homepage_url: fc.oneof(fc.webUrl(), fc.string()),
        crunchbase: fc.oneof(fc.constantFrom('x', 'y', 'z').map(cb), fc.string()),
        organization: fc.oneof(fc.string(), fc.record({ name: fc.string() }), fc.constant(null)),
        repo_url: fc.constantFrom('https://github.com/a/b', 'https://github.com/c/d'),
        project: fc.constantFrom('sandbox', 'graduated'),
        second_path: fc.array(fc.constantFrom('Cat / Sub', 'Members / Gold', 'nope', 'Cat / Other')),
        unnamed_organization: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const sub = fc.record({
      name: fc.constantFrom('Sub', 'Gold', 'Other', ''),
      items: fc.array(item, { maxLength: 8 }),
    });
    const cat = fc.record({
      name: fc.constantFrom('Cat', 'Members', ''),
      subcategories: fc.array(sub, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(cat, { maxLength: 4 }), fc.integer({ min: 0, max: 5 }), (cats, max) => {
        const r = landscapeToDocument({ landscape: cats }, { maxTiesPerSubcategory: max });
        const v = validateDocument(r.document);
        expect(v.problems).toEqual([]);
        checkInvariants(v.document!, max);
      }),
      { numRuns: 150 },
    );
  });

  it('skips items without a name', () => {
    const { r, doc } = run(
      landscape(['Cat', [['Sub', [{ homepage_url: 'https://a.io' }, { name: 'A', crunchbase: cb('a') }]]]]),
    );
    expect(doc.actors.map((a) => a.name)).toEqual(['A']);
    expect(r.stats.skippedItems).toBe(1);
    expect(codes(r, 'missing_name')[0]!.path).toEqual([
      'landscape',
      0,
      'subcategories',
      0,
      'items',
      0,
      'name',
    ]);
  });

  it('reads an organization given as a plain string, name or crunchbase link', () => {
    const { r, doc } = run(
      landscape([
        'Cat',
        [
          [
            'Sub',
            [
              { name: 'Tool', organization: 'Acme Corp' },
              { name: 'Other tool', organization: { name: ' ACME corp ' } },
              { name: 'Devtron', organization: cb('devtron-labs') },
              { name: 'Devtron (member)', crunchbase: cb('devtron-labs') },
            ],
          ],
        ],
      ]),
    );
    expect(codes(r, 'organization_string')).toHaveLength(2);
    expect(doc.actors.map((a) => [a.name, a.attributes?.items])).toEqual([
      ['Acme Corp', 2],
      ['Devtron', 2],
    ]);
  });

  it('merges items of one organization by organization name, crunchbase, repository and homepage', () => {
    const { r, doc } = run(
      landscape([
        'Tools',
        [
          [
            'Build',
            [
              {
                name: 'Builder',
                crunchbase: cb('acme'),
                homepage_url: 'https://www.acme.io/builder',
                repo_url: 'https://github.com/acme/builder',
              },
              { name: 'Acme (member)', crunchbase: cb('acme'), description: 'Acme makes tools.' },
              { name: 'Builder Pro', homepage_url: 'https://acme.io/pro' },
              {
                name: 'Builder fork',
                homepage_url: 'https://fork.dev',
                repo_url: 'https://github.com/Acme/Builder.git',
              },
              { name: 'Solo', homepage_url: 'https://github.com/solo-dev/solo' },
              { name: 'Solo docs', homepage_url: 'https://github.com/solo-dev/docs' },
              { name: 'Other', homepage_url: 'https://github.com/other/x' },
            ],
          ],
        ],
      ]),
    );
    expect(doc.actors.map((a) => [a.id, a.attributes?.items])).toEqual([
      ['acme', 4],
      ['solo', 2],
      ['other', 1],
    ]);
    expect(doc.actors[0]!.description).toBe('Acme makes tools.');
    const missing = codes(r, 'missing_crunchbase').map((w) => w.message);
    expect(missing).toHaveLength(5);
    expect(missing.some((m) => m.includes('same repository'))).toBe(true);
    expect(missing.some((m) => m.includes('same homepage site acme.io'))).toBe(true);
    expect(codes(r, 'merged_items')).toHaveLength(1);
  });

  it('keeps unnamed_organization items apart even when they share a homepage', () => {
    const anon = (n: string) => ({
      name: `Non-Public Organization ${n} (member)`,
      homepage_url: 'https://www.cncf.io/',
      unnamed_organization: true,
    });
    const { doc } = run(
      landscape(
        ['Members', [['Silver', [anon('Bear'), anon('Dog')]]]],
        ['Cat', [['Sub', [{ name: 'Site', crunchbase: cb('cncf'), homepage_url: 'https://cncf.io' }]]]],
      ),
    );
    expect(doc.actors.map((a) => [a.name, a.tags])).toEqual([
      ['Non-Public Organization Bear', ['member:silver', 'anonymous']],
      ['Non-Public Organization Dog', ['member:silver', 'anonymous']],
      ['Cncf', undefined],
    ]);
  });

  it('warns about duplicate item names', () => {
    const { r } = run(
      landscape([
        'Cat',
        [
          ['A', [{ name: 'Okahu', crunchbase: cb('okahu') }]],
          ['B', [{ name: 'okahu', crunchbase: cb('okahu') }]],
        ],
      ]),
    );
    expect(codes(r, 'duplicate_item_name')).toHaveLength(1);
    expect(r.document.actors).toHaveLength(1);
  });

  it('disambiguates id collisions with -2 and warns', () => {
    const { r, doc } = run(
      landscape([
        'Wasm',
        [
          [
            'Languages',
            [
              { name: 'C', homepage_url: 'https://c.example' },
              { name: 'C++', homepage_url: 'https://cpp.example' },
            ],
          ],
        ],
      ]),
    );
    expect(doc.actors.map((a) => a.id)).toEqual(['c', 'c-2']);
    expect(codes(r, 'id_collision')).toHaveLength(1);
  });

  it('turns membership categories into tags and kinds, other subcategories into capabilities', () => {
    const { doc, byId } = run(
      landscape(
        [
          'CNCF Members',
          [
            ['Platinum', [{ name: 'Big Co (member)', crunchbase: cb('big-co') }]],
            ['Academic', [{ name: 'Pengcheng Laboratory (member)', crunchbase: cb('pcl') }]],
            ['Nonprofit', [{ name: 'CERN (member)', crunchbase: cb('cern') }]],
            [
              'End User Supporter',
              [{ name: 'Bank (member)', crunchbase: cb('bank'), second_path: ['Runtime / Storage'] }],
            ],
          ],
        ],
        ['Runtime', [['Storage', [{ name: 'Big Store', crunchbase: cb('big-co') }]]]],
      ),
    );
    expect(byId.get('big-co')).toMatchObject({
      name: 'Big Co',
      kind: 'corporate',
      tags: ['member:platinum'],
      capabilities: ['Runtime / Storage'],
    });
    expect(byId.get('pengcheng-laboratory')?.kind).toBe('university');
    expect(byId.get('cern')?.kind).toBe('ngo');
    expect(byId.get('bank')?.tags).toEqual(['member:end-user-supporter', 'end-user']);
    expect(doc.relationships).toEqual([
      expect.objectContaining({
        from: 'bank',
        to: 'big-co',
        kind: 'competition',
        strength: 1,
        directed: false,
      }),
    ]);
  });

  it('resolves second_path against the file, tolerating "&"/"and" and plurals', () => {
    const { r, byId } = run(
      landscape([
        'Infra',
        [
          ['Policy and Security', []],
          [
            'Platform',
            [
              {
                name: 'A',
                crunchbase: cb('a'),
                second_path: ['Infra / Policy & Security', 'Infra / Platforms', 'Nowhere / Else', 'bad'],
              },
            ],
          ],
        ],
      ]),
    );
    expect(byId.get('a')?.capabilities).toEqual([
      'Infra / Platform',
      'Infra / Policy and Security',
      'Nowhere / Else',
    ]);
    expect(codes(r, 'unknown_second_path')).toHaveLength(3);
    expect(codes(r, 'invalid_second_path')).toHaveLength(1);
  });

  it('ties organizations that share a project: a repository, a hosted project, a parent project', () => {
    const { r, doc } = run(
      landscape([
        'Runtime',
        [
          [
            'Engines',
            [
              {
                name: 'Alpha',
                crunchbase: cb('foundation'),
                project: 'graduated',
                repo_url: 'https://github.com/alpha/alpha',
              },
              { name: 'Beta', crunchbase: cb('foundation'), project: 'sandbox' },
              { name: 'Gamma', crunchbase: cb('gamma-inc'), project: 'incubating' },
              {
                name: 'Alpha Enterprise',
                crunchbase: cb('vendor'),
                repo_url: 'https://github.com/alpha/alpha',
              },
              { name: 'Alpha Plugin', crunchbase: cb('plugins-ltd'), extra: { parent_project: 'Alpha' } },
            ],
          ],
        ],
      ]),
    );
    expect(r.stats.foundation).toBe('foundation');
    const partnerships = doc.relationships
      .filter((x) => x.kind === 'partnership')
      .map((x) => [x.from, x.to, x.strength]);
    expect(partnerships).toEqual([
      ['foundation', 'vendor', 1],
      ['foundation', 'gamma-inc', 1],
      ['foundation', 'plugins-ltd', 1],
    ]);
    expect(doc.actors.find((a) => a.id === 'gamma-inc')?.tags).toEqual(['project:incubating']);
  });

  it('dedupes competition ties and counts shared subcategories as strength', () => {
    const two = (sub: string) =>
      [
        sub,
        [
          { name: `X ${sub}`, crunchbase: cb('x') },
          { name: `Y ${sub}`, crunchbase: cb('y') },
        ],
      ] as [string, ItemIn[]];
    const { doc } = run(landscape(['Cat', [two('One'), two('Two'), two('Three')]]));
    expect(doc.relationships).toHaveLength(1);
    expect(doc.relationships[0]).toMatchObject({ kind: 'competition', strength: 3 });
  });

  it('caps a crowded subcategory (200 organizations → 600 ties, or the ring with a small cap, or none)', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ name: `Org ${i}`, crunchbase: cb(`org-${i}`) }));
    const input = landscape(['Cat', [['Crowded', items]]]);
    expect(run(input).doc.relationships).toHaveLength(600);
    expect(run(input, { maxTiesPerSubcategory: 50 }).doc.relationships).toHaveLength(200);
    expect(run(input, { maxTiesPerSubcategory: 0 }).doc.relationships).toHaveLength(0);
    const small = landscape(['Cat', [['Small', items.slice(0, 10)]]]);
    expect(run(small).doc.relationships).toHaveLength(45);
  });

  it('uses the given ecosystem id and name, slugifying an invalid id', () => {
    const { r, doc } = run({ landscape: [] }, { ecosystemId: 'My Landscape!', name: 'My landscape' });
    expect(doc.ecosystem).toMatchObject({ id: 'my-landscape', name: 'My landscape' });
    expect(codes(r, 'invalid_option')).toHaveLength(1);
  });
});
