import { describe, expect, it } from 'vitest';
import { charterStatus, inForceOn, nextVersionLabel, ratify, versionStatus } from './charter-status.ts';

const members = ['a', 'b', 'c'];
const v1 = {
  version: '1',
  ratifications: [
    { actor: 'a', version: '1', at: '2025-01-10' },
    { actor: 'b', version: '1', at: '2025-01-12' },
    { actor: 'c', version: 1, at: '2025-01-20' },
  ],
};
const v2Partial = { version: '2', ratifications: [{ actor: 'a', version: '2', at: '2025-06-01' }] };
const v2Full = {
  version: '2',
  ratifications: [
    { actor: 'a', version: '2', at: '2025-06-01' },
    { actor: 'b', version: '2', at: '2025-06-03' },
    { actor: 'c', version: '2', at: '2025-06-02' },
  ],
};

describe('versionStatus', () => {
  it('is fully ratified on the day the last member ratified (numbers and strings name the same version)', () => {
    const s = versionStatus(v1, members);
    expect(s).toMatchObject({
      version: '1',
      fullyRatified: true,
      fullyRatifiedOn: '2025-01-20',
      pending: [],
    });
    expect(s.members.map((m) => m.at)).toEqual(['2025-01-10', '2025-01-12', '2025-01-20']);
  });

  it('ignores ratifications of other versions and lists who is pending', () => {
    const s = versionStatus(
      { version: '2', ratifications: [...v1.ratifications, ...v2Partial.ratifications] },
      members,
    );
    expect(s).toMatchObject({ fullyRatified: false, fullyRatifiedOn: null, pending: ['b', 'c'] });
  });

  it('a charter without a version, or a partnership without members, is never fully ratified', () => {
    expect(versionStatus({ ratifications: [] }, members).fullyRatified).toBe(false);
    expect(versionStatus(v1, []).fullyRatified).toBe(false);
  });
});

describe('inForceOn and charterStatus', () => {
  it('the current version is in force once every member ratified it', () => {
    const s = charterStatus([v1, v2Full], members);
    expect(s.inForce).toEqual({ index: 1, version: '2', since: '2025-06-03', current: true });
    expect(s.explanation.join(' ')).toMatch(/version 2 is in force since 2025-06-03/);
  });

  it('while an amendment gathers ratifications, the version before it stays in force', () => {
    const s = charterStatus([v1, v2Partial], members, { names: { b: 'Bee', c: 'Sea' } });
    expect(s.inForce).toEqual({ index: 0, version: '1', since: '2025-01-20', current: false });
    expect(s.current).toMatchObject({ version: '2', pending: ['b', 'c'] });
    expect(s.history.map((h) => h.version)).toEqual(['1']);
    expect(s.explanation.join(' ')).toMatch(/ratified by 1 of 3 members; waiting for Bee, Sea/);
    expect(s.explanation.join(' ')).toMatch(/version 1 .* stays in force until version 2 is fully ratified/);
  });

  it('on a day, the newest version fully ratified by then is in force', () => {
    expect(inForceOn([v1, v2Full], members, '2025-01-19')).toBeNull();
    expect(inForceOn([v1, v2Full], members, '2025-01-20')?.version).toBe('1');
    expect(inForceOn([v1, v2Full], members, '2025-06-02')?.version).toBe('1');
    expect(inForceOn([v1, v2Full], members, '2025-06-03')?.version).toBe('2');
  });

  it('none is in force when no version was ratified by every member (a new member must ratify too)', () => {
    expect(charterStatus([v1], [...members, 'd']).inForce).toBeNull();
    expect(charterStatus([], members)).toMatchObject({ current: null, inForce: null });
  });
});

describe('nextVersionLabel', () => {
  it('adds one to the last number, keeps padding, and never reuses a label', () => {
    expect(nextVersionLabel(undefined)).toBe('1');
    expect(nextVersionLabel('1.1')).toBe('1.2');
    expect(nextVersionLabel(3)).toBe('4');
    expect(nextVersionLabel('2025-09')).toBe('2025-10');
    expect(nextVersionLabel('v2-draft')).toBe('v3-draft');
    expect(nextVersionLabel('initial')).toBe('initial.1');
    expect(nextVersionLabel('1.1', ['1.2', '1.3'])).toBe('1.4');
  });
});

describe('ratify', () => {
  it("adds the member's signature on the current version", () => {
    const r = ratify(v2Partial, members, 'b', '2', '2025-06-05');
    expect(r.ratifications.at(-1)).toEqual({ actor: 'b', version: '2', at: '2025-06-05' });
    expect(v2Partial.ratifications).toHaveLength(1);
  });

  it('refuses another version, a non-member, a second signature and an unversioned charter, naming the field', () => {
    expect(() => ratify(v2Partial, members, 'b', '1', '2025-06-05')).toThrow(
      /^version: version 1 is not the current charter version \(2\)/,
    );
    expect(() => ratify(v2Partial, members, 'z', '2', '2025-06-05')).toThrow(/^actor: z is not a member/);
    expect(() => ratify(v2Partial, members, 'a', '2', '2025-06-05')).toThrow(
      /^actor: a already ratified version 2 on 2025-06-01/,
    );
    expect(() => ratify({}, members, 'a', '1', '2025-06-05')).toThrow(/^version: .*no version label/);
  });
});
