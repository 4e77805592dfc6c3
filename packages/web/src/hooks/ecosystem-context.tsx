/**
 * The ecosystem a page is in: loaded once by the ecosystem layout, with the
 * user's role and what it lets them do, for every page below it.
 */
import { createContext, useContext } from 'react';
import type { Action } from '@valueweb/core';
import type { Ecosystem, Me } from '../api/types.ts';

export interface EcosystemContextValue {
  id: string;
  ecosystem: Ecosystem;
  me: Me;
  /** True when the user may (or, for members on their own items, may perhaps) do `action`. */
  may: (action: Action) => boolean;
}

export const EcosystemContext = createContext<EcosystemContextValue | null>(null);

/** The current ecosystem; only valid below the ecosystem layout. */
export function useCurrentEcosystem(): EcosystemContextValue {
  const v = useContext(EcosystemContext);
  if (!v) throw new Error('useCurrentEcosystem used outside an ecosystem page');
  return v;
}
