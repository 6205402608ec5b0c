import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type * as z from 'zod';
import type { SessionView } from '../../schemas/api/directory.ts';
import type { Api } from './api.ts';

export type Session = z.output<typeof SessionView>;

export interface SignedIn {
  session: Session;
  api: Api;
  signOut(): void;
}

/**
 * The key lives in this tab's sessionStorage only: it survives a reload, not the tab, and is never written
 * to localStorage where it would outlive the session and be readable by every later visitor of the machine.
 */
const STORAGE_KEY = 'relais.admin.key';

export const storedKey = (): string | undefined => sessionStorage.getItem(STORAGE_KEY) ?? undefined;
export const storeKey = (key: string) => sessionStorage.setItem(STORAGE_KEY, key);
export const forgetKey = () => sessionStorage.removeItem(STORAGE_KEY);

export const SignedInContext = createContext<SignedIn | undefined>(undefined);

export function useSignedIn(): SignedIn {
  const signedIn = useContext(SignedInContext);
  if (!signedIn) throw new Error('useSignedIn outside a signed-in screen');
  return signedIn;
}

export const useApi = () => useSignedIn().api;
