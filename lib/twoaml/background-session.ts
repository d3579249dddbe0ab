/**
 * The background's one 2aml session and the 2aml client signed in as it. The session's providers
 * (`getToken`, `getFingerprint`, `onUnauthorized`) are the 2aml client core's credentials, so every
 * 2aml call of the background (AML here, energy orders later) shares one token, and a 401 on either
 * namespace ends the session for both.
 */
import { createTwoAmlClient } from './client';
import { createAmlApi } from '@/lib/aml/api';
import { createEndpointClients } from '@/lib/service-clients';
import { resolveEndpoints } from '@/lib/config/network';
import { createTwoAmlSession, type TwoAmlSession } from '@/lib/twoaml/session';
import { settingsItem } from '@/lib/storage';
import {
  twoAmlFingerprintItem,
  twoAmlSessionKeptItem,
  twoAmlSessionMemoryItem,
  twoAmlSignInFlowItem,
} from './session-schemas';
import { storedSessionSchema, type StoredSession } from '@/lib/twoaml/session-schemas';
import { indexedDbKeyStore, sealedItem } from '@/lib/sealed';

type SessionListener = (session: StoredSession | null) => void;
const listeners = new Set<SessionListener>();

/** Runs `listener` whenever a session starts (with it) or ends (with null). */
export function onSessionChange(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Builds before the kept session was sealed stored it in the clear under this key; never read again.
void browser.storage.local.remove('twoAmlSession');

export const twoAmlSession: TwoAmlSession = createTwoAmlSession({
  items: {
    memory: twoAmlSessionMemoryItem,
    kept: sealedItem(twoAmlSessionKeptItem, storedSessionSchema, indexedDbKeyStore()),
    flow: twoAmlSignInFlowItem,
    fingerprint: twoAmlFingerprintItem,
  },
  account: async () => (await twoAmlApi()).aml,
  privacy: async () => (await settingsItem.get()).privacy,
  // Unchecked on purpose: a session ends on any change of address, allowed or not.
  serviceOrigin: async () => new URL(resolveEndpoints((await settingsItem.get()).network).twoAml).origin,
  setKeepSignedIn: async (keepSignedIn) => {
    await settingsItem.update((settings) => ({
      ...settings,
      privacy: { ...settings.privacy, keepSignedIn },
    }));
  },
  onSignedIn: (session) => listeners.forEach((listener) => listener(session)),
  onEnded: () => listeners.forEach((listener) => listener(null)),
});

const signedInClients = createEndpointClients(
  (endpoints) => {
    const client = createTwoAmlClient({ baseUrl: endpoints.twoAml, ...twoAmlSession.credentials });
    return {
      aml: createAmlApi(client),
      origin: client.origin,
      resolveDownloadUrl: client.resolveDownloadUrl,
      downloadFrom: client.downloadFrom,
    };
  },
  undefined,
  ['twoAml'],
);

/** The 2aml endpoints the background uses, with the session's credentials, for the endpoints in force. */
export async function twoAmlApi(): Promise<SignedInTwoAml> {
  return signedInClients();
}

/** What the background calls on 2aml: the AML namespace and report downloads. */
export type SignedInTwoAml = Awaited<ReturnType<typeof signedInClients>>;

/** The signed-in account's id, or null (reads the session from storage after a worker start). */
export async function signedInUserId(): Promise<number | null> {
  const state = await twoAmlSession.ready();
  return state.kind === 'signed_in' ? state.session.user.id : null;
}

/** The origin the signed-in session's token belongs to, or null when signed out. */
export async function signedInOrigin(): Promise<string | null> {
  const state = await twoAmlSession.ready();
  return state.kind === 'signed_in' ? state.session.origin : null;
}

/**
 * Follows the settings: "keep me signed in" moves the token, the fingerprint opt-in applies at once,
 * and a changed 2aml address ends the session now rather than at its next call.
 */
export function watchPrivacySettings(): void {
  let last = '';
  let lastNetwork = '';
  settingsItem.watch((settings) => {
    const network = JSON.stringify(settings.network);
    if (network !== lastNetwork) {
      lastNetwork = network;
      // ready() compares the session's origin with the address in force and ends it when they differ.
      void twoAmlSession.ready();
    }
    const next = JSON.stringify(settings.privacy);
    if (next === last) return;
    last = next;
    void twoAmlSession.applyPrivacy(settings.privacy);
  });
}
