/**
 * Landscape import: a parsed `landscape.yml` (the format of the CNCF, CAMARA and
 * many other Linux Foundation landscapes: landscape → categories → subcategories
 * → items) becomes an ecosystem document. Organizations become actors,
 * categories/subcategories capabilities, membership levels tags; organizations
 * listed in the same subcategory are tied as `competition`, organizations that
 * share a project as `partnership`. The mapping and every quirk handled are
 * described in docs/landscape-import.md. Pure: the caller reads and parses the file.
 *
 * Never throws on bad input: what cannot be read is skipped with a warning.
 */
import { FORMAT_VERSION, type ActorKind, type EcosystemDocumentInput } from '../../model/document.ts';
import { formatPath, type Path, type Problem } from '../../model/problem.ts';
import {
  clip,
  compact,
  crunchbaseSlug,
  hasRoleSuffix,
  homepageSite,
  humanizeSlug,
  normalizeName,
  normalizeRepo,
  slugify,
  stripRoleSuffix,
  stripSlugSuffix,
} from './identity.ts';
import { inferKind } from './kinds.ts';
import { selectTies, tieBudget } from './ties.ts';

export interface LandscapeImportOptions {
  /** The ecosystem's id (default "landscape"; slugified when not a valid id). */
  ecosystemId?: string;
  /** The ecosystem's display name (default "Landscape"). */
  name?: string;
  /**
   * The most `competition` ties one subcategory may contribute. Default: all pairs up
   * to 10 organizations, else about 3 per organization (ring + 2 chords). 0: no
   * competition ties. A positive value never goes below one ring (n ties).
   */
  maxTiesPerSubcategory?: number;
  /**
   * Names of the categories that list members rather than capabilities (case-insensitive).
   * Default: categories whose name contains "member(s)", "membership", "participants",
   * "participating" or "supporters".
   */
  membershipCategories?: string[];
  /**
   * The organization hosting the landscape's projects (its name, crunchbase slug or
   * actor id). Default: the organization owning more than half of the items with a
   * `project` field, if any.
   */
  foundation?: string;
}

export type LandscapeWarningCode =
  | 'invalid_landscape'
  | 'invalid_category'
  | 'invalid_subcategory'
  | 'invalid_item'
  | 'missing_name'
  | 'duplicate_item_name'
  | 'organization_string'
  | 'invalid_organization'
  | 'missing_crunchbase'
  | 'invalid_crunchbase'
  | 'invalid_second_path'
  | 'unknown_second_path'
  | 'merged_items'
  | 'id_collision'
  | 'ties_capped'
  | 'invalid_option';

/** A warning: where in the landscape file (path) and what was done about it. */
export interface LandscapeWarning extends Problem {
  code: LandscapeWarningCode;
}

export interface LandscapeImportStats {
  categories: number;
  subcategories: number;
  /** Items read (skipped ones excluded). */
  items: number;
  skippedItems: number;
  /** Actors written: one per organization. */
  organizations: number;
  /** Organizations made of more than one item, and the items folded into them beyond the first. */
  mergedOrganizations: number;
  mergedItems: number;
  /** Items in membership categories (they give tags, not capabilities). */
  membershipItems: number;
  /** Items with a `project` field (open-source projects). */
  projectItems: number;
  /** Distinct capabilities (Category / Subcategory) written. */
  capabilities: number;
  relationships: { competition: number; partnership: number };
  /** Subcategories whose competition ties were thinned (all pairs exceeded the budget). */
  cappedSubcategories: number;
  /** Actor id of the organization hosting the projects, when there is one. */
  foundation?: string;
  warnings: Partial<Record<LandscapeWarningCode, number>>;
}

export interface LandscapeImportResult {
  document: EcosystemDocumentInput;
  warnings: LandscapeWarning[];
  stats: LandscapeImportStats;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
const DEFAULT_MEMBERSHIP = /\b(members?|membership|participants?|participating|supporters?)\b/i;

interface Place {
  category: string;
  subcategory: string;
  /** Set when the category lists members: the tag this place gives. */
  tag?: string;
}

interface SecondPath {
  category: string;
  subcategory: string;
  path: Path;
}

interface Item {
  name: string;
  path: Path;
  places: Place[];
  /** second_path entries, resolved against the file's subcategories once all are read. */
  seconds: SecondPath[];
  homepage?: string;
  site?: string;
  crunchbaseUrl?: string;
  cbSlug?: string;
  orgName?: string;
  repos: string[];
  project?: string;
  description?: string;
  unnamed: boolean;
  enduser: boolean;
  parentProject?: string;
  /** True when the item stands for the organization itself (membership item or role suffix). */
  namesOrganization: boolean;
  /** Union-find key of the organization. */
  key?: string;
  org?: number;
}

interface Org {
  items: Item[];
  name: string;
  id: string;
  kind: ActorKind;
  capabilities: string[];
  tags: string[];
}

class UnionFind {
  private parent = new Map<string, string>();
  find(k: string): string {
    let p = this.parent.get(k);
    if (p === undefined) {
      this.parent.set(k, k);
      return k;
    }
    let root = k;
    while (p !== root) {
      root = p;
      p = this.parent.get(root) ?? root;
    }
    // path compression
    let cur = k;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/** Converts a parsed landscape.yml into an ecosystem document, with warnings for every quirk met. */
export function landscapeToDocument(
  parsed: unknown,
  options: LandscapeImportOptions = {},
): LandscapeImportResult {
  const warnings: LandscapeWarning[] = [];
  const warn = (path: Path, code: LandscapeWarningCode, message: string) =>
    warnings.push({ path, code, message });

  // ---- options -------------------------------------------------------------
  let ecosystemId = options.ecosystemId ?? 'landscape';
  if (!ID_RE.test(ecosystemId)) {
    const fixed = slugify(ecosystemId) || 'landscape';
    warn([], 'invalid_option', `ecosystemId "${ecosystemId}" is not a valid id; using "${fixed}"`);
    ecosystemId = fixed;
  }
  const ecosystemName = clip(str(options.name) ?? 'Landscape');
  const membershipNames = options.membershipCategories?.map(normalizeName);
  const isMembership = (category: string) =>
    membershipNames ? membershipNames.includes(normalizeName(category)) : DEFAULT_MEMBERSHIP.test(category);
  const membershipTag = (category: string, subcategory: string): string => {
    const prefix = /particip/i.test(category) ? 'participant' : 'member';
    const level = slugify(subcategory, 150);
    return level && level !== slugify(category, 150) ? `${prefix}:${level}` : prefix;
  };

  // ---- read the tree -------------------------------------------------------
  const items: Item[] = [];
  let categories = 0;
  let subcategories = 0;
  let skippedItems = 0;
  const categoryNames = new Set<string>();
  /** Subcategories defined in the file, by loose key (case, "&"/"and", plural s ignored). */
  const defined = new Map<string, { category: string; subcategory: string }>();
  const looseKey = (category: string, subcategory: string) =>
    [category, subcategory].map((x) => compact(x.replace(/&/g, ' and ')).replace(/s$/, '')).join('/');

  const landscape = isObj(parsed) ? parsed.landscape : undefined;
  if (!Array.isArray(landscape)) {
    warn(
      [],
      'invalid_landscape',
      'expected a landscape.yml: an object with a "landscape" list of categories; nothing imported',
    );
  }
  const readItem = (raw: unknown, path: Path, category: string, subcategory: string) => {
    if (!isObj(raw)) {
      warn(path, 'invalid_item', 'expected an item (an object with a name); skipped');
      skippedItems++;
      return;
    }
    const name = str(raw.name);
    if (!name) {
      warn([...path, 'name'], 'missing_name', 'item has no name; skipped');
      skippedItems++;
      return;
    }
    const member = isMembership(category);
    const places: Place[] = [
      member
        ? { category, subcategory, tag: membershipTag(category, subcategory) }
        : { category, subcategory },
    ];
    const second = raw.second_path;
    const seconds: SecondPath[] = [];
    if (second !== undefined && second !== null) {
      const list = Array.isArray(second) ? second : [second];
      list.forEach((p, k) => {
        const s = str(p);
        const at = s ? s.indexOf('/') : -1;
        const cat = s && at > 0 ? s.slice(0, at).trim() : '';
        const sub = s && at > 0 ? s.slice(at + 1).trim() : '';
        const where: Path = [...path, 'second_path', ...(Array.isArray(second) ? [k] : [])];
        if (!s || !cat || !sub) {
          warn(
            where,
            'invalid_second_path',
            `expected "Category / Subcategory", got ${JSON.stringify(p)}; ignored`,
          );
          return;
        }
        seconds.push({ category: cat, subcategory: sub, path: where });
      });
    }
    const item: Item = {
      name,
      path,
      places,
      seconds,
      repos: [],
      unnamed: raw.unnamed_organization === true,
      enduser: raw.enduser === true,
      namesOrganization: member || hasRoleSuffix(name),
    };
    const homepage = str(raw.homepage_url);
    if (homepage) {
      item.homepage = homepage;
      item.site = homepageSite(homepage);
    }
    const cb = raw.crunchbase;
    if (cb !== undefined && cb !== null) {
      const slug = typeof cb === 'string' ? crunchbaseSlug(cb) : undefined;
      if (slug && typeof cb === 'string') {
        item.crunchbaseUrl = cb.trim();
        item.cbSlug = slug;
      } else {
        warn(
          [...path, 'crunchbase'],
          'invalid_crunchbase',
          `not a crunchbase organization link: ${JSON.stringify(cb)}; ignored`,
        );
      }
    }
    const org = raw.organization;
    if (typeof org === 'string') {
      const slug = crunchbaseSlug(org);
      if (slug) {
        if (!item.cbSlug) {
          item.cbSlug = slug;
          item.crunchbaseUrl = org.trim();
        }
        warn(
          [...path, 'organization'],
          'organization_string',
          `organization is a plain string (a crunchbase link), not {name: …}; read as crunchbase "${slug}"`,
        );
      } else if (org.trim()) {
        item.orgName = org.trim();
        warn(
          [...path, 'organization'],
          'organization_string',
          `organization is a plain string, not {name: …}; read as the organization's name "${org.trim()}"`,
        );
      } else {
        warn([...path, 'organization'], 'invalid_organization', 'organization is an empty string; ignored');
      }
    } else if (isObj(org)) {
      const orgName = str(org.name);
      if (orgName) item.orgName = orgName;
      else warn([...path, 'organization'], 'invalid_organization', 'organization has no name; ignored');
    } else if (org !== undefined && org !== null) {
      warn(
        [...path, 'organization'],
        'invalid_organization',
        `expected organization: {name: …}, got ${JSON.stringify(org)}; ignored`,
      );
    }
    const repo = typeof raw.repo_url === 'string' ? normalizeRepo(raw.repo_url) : undefined;
    if (repo) item.repos.push(repo);
    if (Array.isArray(raw.additional_repos)) {
      for (const r of raw.additional_repos) {
        const url = isObj(r) ? r.repo_url : r;
        const n = typeof url === 'string' ? normalizeRepo(url) : undefined;
        if (n && !item.repos.includes(n)) item.repos.push(n);
      }
    }
    const project = str(raw.project);
    if (project) item.project = project;
    const description = str(raw.description);
    if (description) item.description = description;
    if (isObj(raw.extra)) {
      const parent = str(raw.extra.parent_project);
      if (parent) item.parentProject = parent;
    }
    items.push(item);
  };

  (Array.isArray(landscape) ? landscape : []).forEach((rawCat, ci) => {
    const cpath: Path = ['landscape', ci];
    if (!isObj(rawCat)) {
      warn(
        cpath,
        'invalid_category',
        'expected a category (an object with a name and subcategories); skipped',
      );
      return;
    }
    categories++;
    let category = str(rawCat.name);
    if (!category) {
      category = `Category ${ci + 1}`;
      warn([...cpath, 'name'], 'missing_name', `category has no name; called "${category}"`);
    }
    categoryNames.add(category);
    const subs = rawCat.subcategories;
    if (subs !== undefined && subs !== null && !Array.isArray(subs)) {
      warn([...cpath, 'subcategories'], 'invalid_category', 'expected a list of subcategories; ignored');
    }
    (Array.isArray(subs) ? subs : []).forEach((rawSub, si) => {
      const spath: Path = [...cpath, 'subcategories', si];
      if (!isObj(rawSub)) {
        warn(
          spath,
          'invalid_subcategory',
          'expected a subcategory (an object with a name and items); skipped',
        );
        return;
      }
      subcategories++;
      let subcategory = str(rawSub.name);
      if (!subcategory) {
        subcategory = `Subcategory ${si + 1}`;
        warn([...spath, 'name'], 'missing_name', `subcategory has no name; called "${subcategory}"`);
      }
      const lk = looseKey(category, subcategory);
      if (!defined.has(lk)) defined.set(lk, { category, subcategory });
      const list = rawSub.items;
      if (list !== undefined && list !== null && !Array.isArray(list)) {
        warn([...spath, 'items'], 'invalid_subcategory', 'expected a list of items; ignored');
      }
      (Array.isArray(list) ? list : []).forEach((rawItem, ii) =>
        readItem(rawItem, [...spath, 'items', ii], category, subcategory),
      );
    });
  });

  // ---- second paths: the item is also listed under these subcategories --------------
  for (const item of items) {
    for (const sp of item.seconds) {
      let { category, subcategory } = sp;
      const exact = defined.get(looseKey(category, subcategory));
      if (exact && exact.category === category && exact.subcategory === subcategory) {
        // as written
      } else if (exact) {
        warn(
          sp.path,
          'unknown_second_path',
          `second_path "${category} / ${subcategory}" names no subcategory of the file; read as "${exact.category} / ${exact.subcategory}"`,
        );
        ({ category, subcategory } = exact);
      } else if (defined.size > 0) {
        warn(
          sp.path,
          'unknown_second_path',
          `second_path "${category} / ${subcategory}" names no subcategory of the file; kept as written`,
        );
      }
      const place: Place = isMembership(category)
        ? { category, subcategory, tag: membershipTag(category, subcategory) }
        : { category, subcategory };
      if (!item.places.some((p) => p.category === place.category && p.subcategory === place.subcategory))
        item.places.push(place);
    }
  }

  // ---- duplicate item names ------------------------------------------------
  const byName = new Map<string, Item>();
  for (const item of items) {
    const k = normalizeName(item.name);
    const first = byName.get(k);
    if (first) {
      warn(
        [...item.path, 'name'],
        'duplicate_item_name',
        `item name "${item.name}" is used again (first at ${formatPath(first.path)}); both items are read and count once per organization`,
      );
    } else byName.set(k, item);
  }

  // ---- organization identity -----------------------------------------------
  const uf = new UnionFind();
  const keyed: Item[] = [];
  const pending: Item[] = [];
  for (const item of items) {
    const keys: string[] = [];
    if (item.orgName) keys.push(`name:${normalizeName(item.orgName)}`);
    if (item.cbSlug) keys.push(`cb:${item.cbSlug}`);
    // An item standing for its organization ("Red Hat (member)") makes its name an alias.
    if (keys.length > 0 && item.namesOrganization && !item.unnamed)
      keys.push(`name:${normalizeName(stripRoleSuffix(item.name))}`);
    if (keys.length === 0) {
      pending.push(item);
      continue;
    }
    item.key = keys[0];
    for (const k of keys.slice(1)) uf.union(keys[0]!, k);
    keyed.push(item);
  }
  const repoOwners = new Map<string, Set<string>>();
  const siteOwners = new Map<string, Set<string>>();
  const firstWithRepo = new Map<string, Item>();
  const addOwner = (map: Map<string, Set<string>>, k: string, root: string) => {
    const s = map.get(k);
    if (s) s.add(root);
    else map.set(k, new Set([root]));
  };
  for (const item of keyed) {
    const root = uf.find(item.key!);
    for (const r of item.repos) {
      addOwner(repoOwners, r, root);
      if (!firstWithRepo.has(r)) firstWithRepo.set(r, item);
    }
    if (item.site && !item.unnamed) addOwner(siteOwners, item.site, root);
  }
  const only = (s: Set<string> | undefined): string | undefined =>
    s && s.size === 1 ? [...s][0] : undefined;
  for (const item of pending) {
    // A shared repository is strong evidence, even for items flagged unnamed_organization;
    // a shared homepage site is not for those (anonymous members all point at the foundation's site).
    const viaRepo = item.repos.map((r) => ({ r, root: only(repoOwners.get(r)) })).find((x) => x.root);
    const viaSite = item.site && !item.unnamed ? only(siteOwners.get(item.site)) : undefined;
    let how: string;
    if (viaRepo?.root) {
      item.key = viaRepo.root;
      how = `attributed to the organization of "${firstWithRepo.get(viaRepo.r)?.name ?? viaRepo.r}" (same repository ${viaRepo.r})`;
    } else if (viaSite) {
      item.key = viaSite;
      how = `attributed to the organization with the same homepage site ${item.site}`;
    } else {
      if (item.unnamed) {
        item.key = `item:${normalizeName(item.name)}`;
        how = 'flagged unnamed_organization; kept as its own actor, named after the item';
      } else if (item.site) {
        item.key = `site:${item.site}`;
        how = `identified by its homepage site ${item.site}`;
      } else {
        item.key = `item:${normalizeName(item.name)}`;
        how = 'identified by its own name (no homepage either)';
      }
      // Items without an organization that list the same repository are one organization.
      for (const r of item.repos) uf.union(item.key, `repo:${r}`);
    }
    warn(
      item.path,
      'missing_crunchbase',
      `item "${item.name}" has no crunchbase link or organization; ${how}`,
    );
  }
  for (const item of keyed) {
    if (!item.cbSlug) {
      warn(
        item.path,
        'missing_crunchbase',
        `item "${item.name}" has no crunchbase link; identified by its organization name "${item.orgName ?? item.name}"`,
      );
    }
  }

  // ---- group into organizations --------------------------------------------
  // Groups whose best display names are equal (case-insensitive, trimmed) are one
  // organization listed under two crunchbase slugs ("octopus-deploy", "octopus-deploy-c915").
  const prelim = new Map<string, Item[]>();
  for (const item of items) {
    const root = uf.find(item.key!);
    (prelim.get(root) ?? prelim.set(root, []).get(root)!).push(item);
  }
  for (const [root, its] of prelim) uf.union(root, `display:${normalizeName(displayName(its))}`);
  const orgs: Org[] = [];
  const orgOfRoot = new Map<string, number>();
  for (const item of items) {
    const root = uf.find(item.key!);
    let o = orgOfRoot.get(root);
    if (o === undefined) {
      o = orgs.length;
      orgOfRoot.set(root, o);
      orgs.push({ items: [], name: '', id: '', kind: 'corporate', capabilities: [], tags: [] });
    }
    orgs[o]!.items.push(item);
    item.org = o;
  }

  for (const org of orgs) org.name = displayName(org.items);

  // ---- ids -----------------------------------------------------------------
  const used = new Map<string, number>();
  orgs.forEach((org, o) => {
    const first = org.items[0]!;
    const cb = org.items.find((i) => i.cbSlug)?.cbSlug;
    const base =
      slugify(org.name) ||
      (cb ? slugify(stripSlugSuffix(cb)) : '') ||
      slugify(org.items.find((i) => i.site)?.site ?? '') ||
      'organization';
    let id = base;
    if (used.has(id)) {
      let n = 2;
      while (used.has(`${base}-${n}`)) n++;
      id = `${base}-${n}`;
      const other = orgs[used.get(base) ?? 0]!;
      warn(
        first.path,
        'id_collision',
        `organizations "${other.name}" and "${org.name}" both slug to "${base}"; the second gets id "${id}"`,
      );
    }
    used.set(id, o);
    org.id = id;
  });

  // ---- the foundation hosting projects ---------------------------------------
  const projectItems = items.filter((i) => i.project);
  let foundation: number | undefined;
  if (options.foundation !== undefined) {
    const want = normalizeName(options.foundation);
    foundation = orgs.findIndex(
      (o) =>
        o.id === options.foundation ||
        normalizeName(o.name) === want ||
        o.items.some((i) => i.cbSlug === want || (i.orgName && normalizeName(i.orgName) === want)),
    );
    if (foundation < 0) {
      warn(
        [],
        'invalid_option',
        `foundation "${options.foundation}" matches no organization; projects are not tied to a host`,
      );
      foundation = undefined;
    }
  } else if (projectItems.length > 0) {
    const counts = new Map<number, number>();
    for (const i of projectItems) counts.set(i.org!, (counts.get(i.org!) ?? 0) + 1);
    const [best, count] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    if (count * 2 > projectItems.length && count >= 2) foundation = best;
  }

  // ---- actors ----------------------------------------------------------------
  const allCapabilities = new Set<string>();
  const actors = orgs.map((org, o) => {
    const caps = new Set<string>();
    const tags = new Set<string>();
    const levels: string[] = [];
    for (const item of org.items) {
      for (const p of item.places) {
        if (p.tag) {
          tags.add(clip(p.tag));
          levels.push(p.subcategory);
          if (/end[ -]?user/i.test(p.subcategory)) tags.add('end-user');
        } else caps.add(clip(`${p.category} / ${p.subcategory}`));
      }
      if (item.enduser) tags.add('end-user');
      if (item.project) tags.add(clip(`project:${slugify(item.project, 150) || 'other'}`));
      if (item.unnamed && item.namesOrganization) tags.add('anonymous');
    }
    if (o === foundation) tags.add('project-host');
    org.capabilities = [...caps];
    org.tags = [...tags];
    for (const c of caps) allCapabilities.add(c);
    const hasCompanyRecord = org.items.some((i) => i.cbSlug || i.orgName);
    org.kind = inferKind({
      name: org.name,
      levels,
      hasCompanyRecord,
      allItemsAreRepositories: org.items.every((i) => i.repos.length > 0),
    });
    const self =
      org.items.find((i) => i.namesOrganization && i.description) ??
      (org.items.length === 1 ? org.items[0] : undefined);
    const homepage = (
      org.items.find((i) => i.namesOrganization && i.homepage) ?? org.items.find((i) => i.homepage)
    )?.homepage;
    const crunchbase = org.items.find((i) => i.crunchbaseUrl)?.crunchbaseUrl;
    const attributes: Record<string, string | number> = { items: org.items.length };
    if (homepage) attributes.homepage = homepage;
    if (crunchbase) attributes.crunchbase = crunchbase;
    const projects = org.items.filter((i) => i.project).length;
    if (projects > 0) attributes.projects = projects;
    attributes.itemNames = clip(unique(org.items.map((i) => i.name)).join(', '), 2000);
    return {
      id: org.id,
      name: org.name,
      kind: org.kind,
      ...(self?.description ? { description: clip(self.description, 5000) } : {}),
      capabilities: org.capabilities,
      needs: [],
      values: [],
      ...(org.tags.length > 0 ? { tags: org.tags } : {}),
      attributes,
    };
  });

  // ---- competition: organizations in the same subcategory ------------------------
  const inSub = new Map<string, number[]>();
  orgs.forEach((org, o) => {
    for (const c of org.capabilities) {
      const list = inSub.get(c);
      if (list) list.push(o);
      else inSub.set(c, [o]);
    }
  });
  const competition = new Map<string, [number, number]>();
  const capped: string[] = [];
  for (const [sub, members] of inSub) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => (orgs[a]!.id < orgs[b]!.id ? -1 : 1));
    const n = sorted.length;
    const budget = tieBudget(n, options.maxTiesPerSubcategory);
    if (budget < (n * (n - 1)) / 2)
      capped.push(`${sub} (${n} organizations, ${Math.min(budget, (n * (n - 1)) / 2)} ties)`);
    for (const [i, j] of selectTies(n, budget)) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      competition.set(`${a} ${b}`, [a, b]);
    }
  }
  const capSets = orgs.map((o) => new Set(o.capabilities));
  const competitionRels = [...competition.values()].map(([a, b]) => {
    const shared = orgs[a]!.capabilities.filter((c) => capSets[b]!.has(c));
    return {
      from: orgs[a]!.id,
      to: orgs[b]!.id,
      kind: 'competition' as const,
      strength: Math.max(1, shared.length),
      directed: false,
      description: clip(`Both listed under ${listOf(shared)}`, 5000),
    };
  });

  // ---- partnership: organizations sharing a project -------------------------------
  const partners = new Map<string, { a: number; b: number; projects: Set<string>; why: Set<string> }>();
  const tie = (x: number, y: number, project: string, why: string) => {
    if (x === y) return;
    const a = Math.min(x, y);
    const b = Math.max(x, y);
    const k = `${a} ${b}`;
    let t = partners.get(k);
    if (!t) partners.set(k, (t = { a, b, projects: new Set(), why: new Set() }));
    t.projects.add(project);
    t.why.add(why);
  };
  // (1) the same repository listed under items of different organizations
  const repoItems = new Map<string, Item[]>();
  for (const item of items)
    for (const r of item.repos) (repoItems.get(r) ?? repoItems.set(r, []).get(r)!).push(item);
  for (const [repo, list] of repoItems) {
    const members = unique(list.map((i) => i.org!));
    if (members.length < 2) continue;
    const project = (list.find((i) => i.project) ?? list[0]!).name;
    const pairs = selectTies(members.length, tieBudget(members.length, options.maxTiesPerSubcategory));
    for (const [i, j] of pairs) tie(members[i]!, members[j]!, project, `both list the repository ${repo}`);
  }
  // (2) a project of one organization hosted by the foundation
  if (foundation !== undefined) {
    for (const item of projectItems) {
      if (item.org !== foundation)
        tie(
          item.org!,
          foundation,
          item.name,
          `${orgs[foundation]!.name} hosts the ${item.project} project ${item.name}`,
        );
    }
  }
  // (3) a sub-project (extra.parent_project) of another organization's project
  const children = items.filter((i) => i.parentProject);
  if (children.length > 0) {
    const projectByName = new Map<string, Item>();
    for (const i of items) {
      const k = normalizeName(i.name);
      const seen = projectByName.get(k);
      if (!seen || (i.project && !seen.project)) projectByName.set(k, i);
    }
    for (const item of children) {
      const parent = projectByName.get(normalizeName(item.parentProject!));
      if (parent) tie(item.org!, parent.org!, parent.name, `${item.name} is part of ${parent.name}`);
    }
  }
  const partnershipRels = [...partners.values()].map((t) => ({
    from: orgs[t.a]!.id,
    to: orgs[t.b]!.id,
    kind: 'partnership' as const,
    flows: ['knowledge'],
    strength: t.projects.size,
    directed: false,
    description: clip(
      `Shared project${t.projects.size > 1 ? 's' : ''} ${listOf([...t.projects])}: ${[...t.why].slice(0, 3).join('; ')}${t.why.size > 3 ? '; …' : ''}`,
      5000,
    ),
  }));

  // ---- summaries -----------------------------------------------------------------
  const merged = orgs.filter((o) => o.items.length > 1);
  const mergedItems = merged.reduce((s, o) => s + o.items.length - 1, 0);
  if (merged.length > 0) {
    const biggest = [...merged].sort((a, b) => b.items.length - a.items.length).slice(0, 5);
    warn(
      [],
      'merged_items',
      `merged ${mergedItems + merged.length} items into ${merged.length} organizations (same organization name, crunchbase link, repository, homepage site or display name), e.g. ${biggest.map((o) => `"${o.name}" (${o.items.length} items)`).join(', ')}`,
    );
  }
  if (capped.length > 0) {
    warn(
      [],
      'ties_capped',
      `competition ties thinned in ${capped.length} subcategor${capped.length === 1 ? 'y' : 'ies'} with too many organizations for all pairs (ring + chords kept): ${capped.slice(0, 5).join('; ')}${capped.length > 5 ? '; …' : ''}`,
    );
  }

  const warningCounts: Partial<Record<LandscapeWarningCode, number>> = {};
  for (const w of warnings) warningCounts[w.code] = (warningCounts[w.code] ?? 0) + 1;

  const document: EcosystemDocumentInput = {
    valueweb: FORMAT_VERSION,
    ecosystem: {
      id: ecosystemId,
      name: ecosystemName,
      purpose: `Imported from a landscape file: ${items.length} items in ${categoryNames.size} categories, ${orgs.length} organizations.`,
    },
    actors,
    relationships: [...competitionRels, ...partnershipRels],
    partnerships: [],
  };
  return {
    document,
    warnings,
    stats: {
      categories,
      subcategories,
      items: items.length,
      skippedItems,
      organizations: orgs.length,
      mergedOrganizations: merged.length,
      mergedItems,
      membershipItems: items.filter((i) => i.places[0]?.tag).length,
      projectItems: projectItems.length,
      capabilities: allCapabilities.size,
      relationships: { competition: competitionRels.length, partnership: partnershipRels.length },
      cappedSubcategories: capped.length,
      ...(foundation !== undefined ? { foundation: orgs[foundation]!.id } : {}),
      warnings: warningCounts,
    },
  };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function listOf(xs: string[], max = 3): string {
  const shown = xs.slice(0, max).join('; ');
  return xs.length > max ? `${shown}; and ${xs.length - max} more` : shown;
}

/**
 * The best display name of an organization, first match wins: an explicit
 * organization name; an item standing for the organization (a membership item,
 * or "X (member)", "X (KCSP)" …, without the suffix); an item named like the
 * crunchbase slug ("NGINX" for nginx); the crunchbase slug made readable
 * ("open-infrastructure-foundation" → "Open Infrastructure Foundation"); the
 * first item's name.
 */
function displayName(items: Item[]): string {
  const explicit = items.find((i) => i.orgName)?.orgName;
  if (explicit) return clip(explicit);
  const self = items.find((i) => i.namesOrganization);
  if (self) return clip(stripRoleSuffix(self.name));
  const slug = items.find((i) => i.cbSlug)?.cbSlug;
  if (slug) {
    const key = compact(stripSlugSuffix(slug));
    const named = items.find((i) => compact(i.name) === key);
    if (named) return clip(named.name);
    const readable = humanizeSlug(slug);
    if (readable) return clip(readable);
  }
  return clip(stripRoleSuffix(items[0]!.name));
}
