/**
 * A partnership's charter, versioned and ratified. The current version is
 * `partnerships.charter` (as in the ecosystem document, with its
 * `ratifications`); an amendment moves it, with the ratifications it had
 * gathered, to `charter_versions` and starts a new version whose ratifications
 * start from nothing. Which version is in force follows the pure rule of
 * core/src/govern/charter-status.ts (the newest version every member
 * organization has ratified). Every change is checked against the whole
 * partnership, optimistic (the partnership's version backs the ETag) and audited.
 */
import {
  CharterSchema,
  checkPartnership,
  games,
  govern,
  PartnershipSchema,
  ValidationError,
  type Charter,
  type Partnership,
  type Problem,
  problemsFromZod,
} from '@valueweb/core';
import type { Db, Queryable } from './db.ts';
import { writeAudit, type AuditContext } from './audit.ts';
import { StoreError } from './errors.ts';
import type { RecordRepository } from './records.ts';
import { stringsIn } from './sections.ts';

/** An earlier version of the charter, as it was when it was superseded. */
export interface CharterVersionItem {
  /** 1 for the first version superseded, then 2, … */
  seq: number;
  charter: Charter;
  supersededAt: string;
  /** The user whose amendment superseded it. */
  supersededBy: string | null;
}

/** A partnership's charter: the current version, the history, and who ratified what. */
export interface CharterView {
  partnershipId: string;
  /** The partnership's version: send it as If-Match to amend. */
  version: number;
  members: string[];
  /** Actor names of the members (for people). */
  names: Record<string, string>;
  current: Charter | null;
  /** Earlier versions, oldest first. */
  history: CharterVersionItem[];
  status: govern.CharterStatus;
  /** The charter version in force today (the current one or an earlier one), or null. */
  inForce: Charter | null;
}

/** The charter version in force on a day, with its place among the versions. */
export interface CharterInForce extends govern.InForce {
  charter: Charter;
}

/** Checks a change may be made; called inside the transaction. */
export type CharterAuthorize = (members: string[]) => void;

const today = () => new Date().toISOString().slice(0, 10);
const toIso = (d: Date | string) => new Date(d).toISOString();

const keyOf = (p: Problem) => `${JSON.stringify(p.path)} ${p.message}`;

/** A charter without what an amendment does not set itself (version label and signatures). */
function substance(c: Charter | null | undefined): string {
  if (!c) return '';
  const { version: _v, ratifications: _r, ...rest } = c;
  return govern.canonicalJson(JSON.parse(JSON.stringify(rest)));
}

export class CharterRepository {
  constructor(
    private readonly db: Db,
    private readonly records: RecordRepository,
  ) {}

  /** Every version, oldest first, the current one last (empty when there is no charter). */
  async versions(
    q: Queryable,
    ecosystemId: string,
    partnershipId: string,
    current?: Charter | null,
  ): Promise<{ history: CharterVersionItem[]; all: Charter[] }> {
    const rows = await q.query<{
      seq: number;
      charter: Charter;
      superseded_at: Date | string;
      superseded_by: string | null;
    }>(
      'select seq, charter, superseded_at, superseded_by from charter_versions where ecosystem_id = $1 and partnership_id = $2 order by seq',
      [ecosystemId, partnershipId],
    );
    const history = rows.map((r) => ({
      seq: r.seq,
      charter: r.charter,
      supersededAt: toIso(r.superseded_at),
      supersededBy: r.superseded_by,
    }));
    const all = history.map((h) => h.charter);
    if (current) all.push(current);
    return { history, all };
  }

  private async head(
    q: Queryable,
    ecosystemId: string,
    partnershipId: string,
    lock: boolean,
  ): Promise<{ charter: Charter | null; version: number; members: string[]; names: Record<string, string> }> {
    const rows = await q.query<{ charter: Charter | null; version: number }>(
      `select charter, version from partnerships where ecosystem_id = $1 and id = $2${lock ? ' for update' : ''}`,
      [ecosystemId, partnershipId],
    );
    const p = rows[0];
    if (!p)
      throw new StoreError('not_found', `no partnership "${partnershipId}" in ecosystem "${ecosystemId}"`);
    const members = await q.query<{ actor_id: string; name: string | null }>(
      `select m.actor_id, a.name from partnership_members m left join actors a on a.ecosystem_id = m.ecosystem_id and a.id = m.actor_id
        where m.ecosystem_id = $1 and m.partnership_id = $2 order by m.position`,
      [ecosystemId, partnershipId],
    );
    return {
      charter: p.charter,
      version: p.version,
      members: members.map((m) => m.actor_id),
      names: Object.fromEntries(members.map((m) => [m.actor_id, m.name ?? m.actor_id])),
    };
  }

  /** The current charter, its history and the ratification status of every version (everyone in the ecosystem may read it). */
  async get(
    ecosystemId: string,
    partnershipId: string,
    opts: { today?: string } = {},
    q: Queryable = this.db,
  ): Promise<CharterView> {
    const h = await this.head(q, ecosystemId, partnershipId, false);
    const { history, all } = await this.versions(q, ecosystemId, partnershipId, h.charter);
    const status = govern.charterStatus(all, h.members, { today: opts.today ?? today(), names: h.names });
    return {
      partnershipId,
      version: h.version,
      members: h.members,
      names: h.names,
      current: h.charter,
      history,
      status,
      inForce: status.inForce ? all[status.inForce.index]! : null,
    };
  }

  /** The charter version in force on `date` (the newest one every member had ratified by then), or null. */
  async inForceOn(
    ecosystemId: string,
    partnershipId: string,
    date: string,
    q: Queryable = this.db,
  ): Promise<CharterInForce | null> {
    const h = await this.head(q, ecosystemId, partnershipId, false);
    const { all } = await this.versions(q, ecosystemId, partnershipId, h.charter);
    const f = govern.inForceOn(all, h.members, date);
    return f ? { ...f, charter: all[f.index]! } : null;
  }

  /** The capabilities of each member (for a value game by capability). */
  async memberCapabilities(ecosystemId: string, partnershipId: string): Promise<Record<string, string[]>> {
    const rows = await this.db.query<{ id: string; capabilities: string[] | null }>(
      `select a.id, a.capabilities from partnership_members m join actors a on a.ecosystem_id = m.ecosystem_id and a.id = m.actor_id
        where m.ecosystem_id = $1 and m.partnership_id = $2`,
      [ecosystemId, partnershipId],
    );
    return Object.fromEntries(rows.map((r) => [r.id, r.capabilities ?? []]));
  }

  /** Problems of a partnership as the document checks report them (paths relative to the partnership). */
  private async problemsOf(q: Queryable, ecosystemId: string, p: unknown): Promise<Problem[]> {
    const parsed = PartnershipSchema.safeParse(p);
    const mentioned = [...stringsIn(p, new Set())];
    const known = new Set(
      (
        await q.query<{ id: string }>(
          'select id from actors where ecosystem_id = $1 and id = any($2::text[])',
          [ecosystemId, mentioned],
        )
      ).map((r) => r.id),
    );
    const problems = parsed.success ? [] : problemsFromZod(parsed.error.issues);
    for (const pr of checkPartnership(p, 0, known)) problems.push({ ...pr, path: pr.path.slice(2) });
    return problems;
  }

  /**
   * Amends the charter: `input` is the new charter (document fields, without
   * `ratifications`; `version` optional, by default the next label after the
   * current one). The current version goes to the history with its
   * ratifications; the new one starts unratified. Problems inside the charter
   * are reported at their path in it (`decision.quota`); a problem it causes
   * elsewhere (a dispute at a step no longer on the conflict path) keeps its
   * path in the partnership.
   */
  async amend(
    ecosystemId: string,
    partnershipId: string,
    input: unknown,
    ifMatch: number,
    authorize: CharterAuthorize,
    audit?: AuditContext,
  ): Promise<CharterView> {
    if (!input || typeof input !== 'object' || Array.isArray(input))
      throw new ValidationError([
        { path: [], message: 'expected a charter (an object)', code: 'invalid_type' },
      ]);
    const body = input as Record<string, unknown>;
    if (body.ratifications !== undefined && body.ratifications !== null) {
      throw new ValidationError([
        {
          path: ['ratifications'],
          message:
            'an amendment starts without ratifications: each member ratifies the new version itself (POST …/charter/ratifications)',
          code: 'invalid_value',
        },
      ]);
    }
    return this.db.transaction(async (tx) => {
      const h = await this.head(tx, ecosystemId, partnershipId, true);
      authorize(h.members);
      if (h.version !== ifMatch) {
        throw new StoreError(
          'precondition_failed',
          `the charter of "${partnershipId}" was changed by someone else (version ${h.version}, you sent ${ifMatch}); reload it`,
          { version: h.version },
        );
      }
      const { all } = await this.versions(tx, ecosystemId, partnershipId, h.charter);
      const taken = all.map((c) => govern.versionLabel(c)).filter((v): v is string => v !== null);
      const asked =
        typeof body.version === 'string' || typeof body.version === 'number' ? String(body.version) : null;
      if (asked !== null && taken.includes(asked)) {
        throw new ValidationError([
          {
            path: ['version'],
            message: `version ${asked} already exists (versions so far: ${taken.join(', ')}); an amendment is a new version`,
            code: 'duplicate_id',
          },
        ]);
      }
      const given = Object.fromEntries(
        Object.entries(body).filter(([k, v]) => v !== undefined && v !== null && k !== 'ratifications'),
      );
      const draft = {
        ...given,
        version: given.version ?? govern.nextVersionLabel(h.charter?.version, taken),
      };
      const parsed = CharterSchema.safeParse(draft);
      if (!parsed.success) throw new ValidationError(problemsFromZod(parsed.error.issues));
      const charter = parsed.data;
      if (h.charter && substance(h.charter) === substance(charter)) {
        throw new ValidationError([
          {
            path: [],
            message: `the amendment changes nothing in version ${govern.versionLabel(h.charter) ?? '(unversioned)'}: change a rule, a role or a text first`,
            code: 'invalid_value',
          },
        ]);
      }
      const { partnership } = await this.records.context(tx, ecosystemId, partnershipId);
      const before = new Set((await this.problemsOf(tx, ecosystemId, partnership)).map(keyOf));
      const after: Partnership = { ...partnership, charter };
      const fresh = (await this.problemsOf(tx, ecosystemId, after)).filter((p) => !before.has(keyOf(p)));
      if (fresh.length > 0)
        throw new ValidationError(
          fresh.map((p) => (p.path[0] === 'charter' ? { ...p, path: p.path.slice(1) } : p)),
        );
      if (h.charter) {
        await tx.query(
          `insert into charter_versions (ecosystem_id, partnership_id, seq, charter, superseded_by)
           values ($1, $2, (select coalesce(max(seq) + 1, 1) from charter_versions where ecosystem_id = $1 and partnership_id = $2), $3::jsonb, $4)`,
          [ecosystemId, partnershipId, JSON.stringify(h.charter), audit?.userId ?? null],
        );
      }
      await tx.query(
        'update partnerships set charter = $3::jsonb, version = version + 1 where ecosystem_id = $1 and id = $2',
        [ecosystemId, partnershipId, JSON.stringify(charter)],
      );
      await writeAudit(tx, audit, {
        ecosystemId,
        action: 'partnership.charter.amend',
        entity: 'partnership.charter',
        entityId: partnershipId,
        before: h.charter,
        after: charter,
      });
      return this.get(ecosystemId, partnershipId, {}, tx);
    });
  }

  /**
   * Records `actor`'s ratification of the current version `version` (dated
   * `today`). `authorize` decides who may sign for the actor; the version must
   * be the current one and the actor a member that has not signed it yet.
   */
  async ratify(
    ecosystemId: string,
    partnershipId: string,
    actor: string,
    version: string | number,
    authorize: CharterAuthorize,
    opts: { today?: string; audit?: AuditContext } = {},
  ): Promise<CharterView> {
    return this.db.transaction(async (tx) => {
      const h = await this.head(tx, ecosystemId, partnershipId, true);
      authorize(h.members);
      if (!h.charter)
        throw new StoreError('not_found', `partnership "${partnershipId}" has no charter to ratify`);
      let next: Charter;
      try {
        next = govern.ratify(h.charter, h.members, actor, version, opts.today ?? today());
      } catch (e) {
        if (e instanceof games.GameInputError) {
          if (/already ratified/.test(e.message))
            throw new StoreError('conflict', e.message.replace(/^actor: /, ''), { field: 'actor' });
          throw new ValidationError([
            { path: [...e.path], message: e.message.replace(/^[\w.]+: /, ''), code: 'invalid_value' },
          ]);
        }
        throw e;
      }
      await tx.query(
        'update partnerships set charter = $3::jsonb, version = version + 1 where ecosystem_id = $1 and id = $2',
        [ecosystemId, partnershipId, JSON.stringify(next)],
      );
      await writeAudit(tx, opts.audit, {
        ecosystemId,
        action: 'partnership.charter.ratify',
        entity: 'partnership.charter',
        entityId: partnershipId,
        before: { version: govern.versionLabel(h.charter), ratifications: h.charter.ratifications ?? [] },
        after: { version: govern.versionLabel(next), ratified: next.ratifications?.at(-1) ?? null },
      });
      return this.get(ecosystemId, partnershipId, {}, tx);
    });
  }
}
