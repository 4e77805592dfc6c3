/**
 * The actor kind of a landscape organization. A landscape says little about what
 * an organization is, so the rule is short, ordered and documented
 * (docs/landscape-import.md); the first match wins:
 *
 * 1. membership level "Academic" (or a level naming universities) → university
 * 2. membership level "Nonprofit" / "Non-profit" → ngo
 * 3. name says University, College, Institute of Technology, Polytechnic,
 *    Hochschule, Université/Universidad/Università … → university
 * 4. name says Government, Ministry, Municipality, City of, Department of,
 *    Bundes…, or National … Agency → public
 * 5. name says Foundation, Association, Consortium, Alliance, Society,
 *    Federation, Initiative, Non-profit → ngo
 * 6. no company record at all (no crunchbase, no organization name) and every
 *    item is an open-source repository → community
 * 7. otherwise → corporate
 *
 * `startup` is never inferred: the file has no founding date, size or funding.
 */
import type { ActorKind } from '../../model/document.ts';

export interface KindEvidence {
  /** The organization's display name. */
  name: string;
  /** Membership levels (subcategory names of membership categories), as written. */
  levels: string[];
  /** True when some item gave a crunchbase link or an organization name. */
  hasCompanyRecord: boolean;
  /** True when every item of the organization has a repository URL. */
  allItemsAreRepositories: boolean;
}

const UNIVERSITY =
  /(\buniversit|\buniversidad|\bcollege\b|\bpolytechn|\bpolitecnico|\bhochschule|\binstitute of technology\b|\bschool of\b)/i;
const NGO =
  /\b(foundation|fundaci[oó]n|fondation|stiftung|association|consortium|alliance|society|federation|initiative|non-?profit|not-for-profit|e\.\s?v\.)(?![\w-])/i;
const PUBLIC =
  /\b(government|ministry|ministerio|municipality|city of|department of|bundes\w+)\b|\bnational\b[^,;]*\bagency\b/i;

export function inferKind(e: KindEvidence): ActorKind {
  if (e.levels.some((l) => /academic|universit/i.test(l))) return 'university';
  if (e.levels.some((l) => /non-?profit|\bngo\b/i.test(l))) return 'ngo';
  if (UNIVERSITY.test(e.name)) return 'university';
  if (PUBLIC.test(e.name)) return 'public';
  if (NGO.test(e.name)) return 'ngo';
  if (!e.hasCompanyRecord && e.allItemsAreRepositories) return 'community';
  return 'corporate';
}
