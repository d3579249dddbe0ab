/**
 * What the AML unit tests share: the whole sandbox running in this process (real 2aml over HTTP),
 * its control API, and a 2aml session built the way the background builds it, over WXT's fake
 * browser storage, with every request's headers recorded.
 */
import { fakeBrowser } from 'wxt/testing';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { createTwoAmlApi, type TwoAmlApi } from '@/lib/twoaml/api';
import { createTwoAmlSession, type TwoAmlSession } from '@/lib/twoaml/session';
import { sealedItem, type KeyStore } from '@/lib/sealed';
import { storedSessionSchema } from '@/lib/twoaml/session-schemas';
import { settingsItem } from '@/lib/storage';
import {
  twoAmlFingerprintItem,
  twoAmlSessionKeptItem,
  twoAmlSessionMemoryItem,
  twoAmlSignInFlowItem,
} from '@/lib/twoaml/session-schemas';

export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type Control = <T = unknown>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
) => Promise<T>;

/** Starts the sandbox on a free port; close it in `afterAll`. */
export async function startAmlSandbox(): Promise<{ sandbox: RunningSandbox; control: Control }> {
  // Blocks every 200 ms: top-ups confirm quickly; nothing here depends on block timing otherwise.
  const sandbox = await startSandbox({ port: 0, host: '127.0.0.1', blockIntervalMs: 200 });
  const control: Control = async (method, path, body) => {
    const response = await fetch(`${sandbox.origin}/__sandbox/${path.replace(/^\//, '')}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as never;
  };
  return { sandbox, control };
}

export interface SessionUnderTest {
  session: TwoAmlSession;
  api: TwoAmlApi;
  sent: SentRequest[];
}

let sealingKey: CryptoKey | undefined;
/** The sealing key as the worker's IndexedDB keeps it: a session built again (a restart) finds it. */
export const memoryKeyStore: KeyStore = {
  get: async () => sealingKey,
  set: async (key) => {
    sealingKey = key;
  },
};

/** A session and its client against the sandbox, as the background wires them. */
export function sessionAgainst(
  origin: string,
  options: {
    now?: () => number;
    timeoutMs?: number;
    maxAttempts?: number;
    /** The origin of the 2aml address in force (default: the sandbox's). */
    serviceOrigin?: () => string;
  } = {},
): SessionUnderTest {
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      headers: Object.fromEntries(
        Object.entries((init?.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      ),
      body: typeof init?.body === 'string' ? init.body : '',
    });
    return fetch(input, init);
  };
  const session = createTwoAmlSession({
    items: {
      memory: twoAmlSessionMemoryItem,
      kept: sealedItem(twoAmlSessionKeptItem, storedSessionSchema, memoryKeyStore),
      flow: twoAmlSignInFlowItem,
      fingerprint: twoAmlFingerprintItem,
    },
    // `api` is defined below; the session calls this only later, once both exist.
    account: async () => api.aml,
    privacy: async () => (await settingsItem.get()).privacy,
    serviceOrigin: async () => options.serviceOrigin?.() ?? new URL(origin).origin,
    setKeepSignedIn: async (keepSignedIn) => {
      await settingsItem.update((s) => ({ ...s, privacy: { ...s.privacy, keepSignedIn } }));
    },
    now: options.now,
  });
  const api: TwoAmlApi = createTwoAmlApi({
    baseUrl: `${origin}/2aml`,
    fetch: recordingFetch,
    sleep: async () => undefined,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    ...session.credentials,
  });
  return { session, api, sent };
}

/**
 * The host permissions the person granted, as the fake browser answers them (it implements none):
 * the background checks a custom 2aml address against them each time it reads it.
 */
export function grantHostPermissions(...origins: string[]): void {
  const granted = new Set(origins.map((origin) => `${new URL(origin).origin}/*`));
  fakeBrowser.permissions.contains = (async (wanted: { origins?: string[] }) =>
    (wanted.origins ?? []).every((origin) => granted.has(origin))) as typeof fakeBrowser.permissions.contains;
}

/** Everything in every fake storage area, as text (to prove what is and is not stored). */
export async function everythingStored(): Promise<{ local: string; session: string; sync: string }> {
  const [local, session, sync] = await Promise.all([
    fakeBrowser.storage.local.get(null),
    fakeBrowser.storage.session.get(null),
    fakeBrowser.storage.sync.get(null),
  ]);
  return { local: JSON.stringify(local), session: JSON.stringify(session), sync: JSON.stringify(sync) };
}

export interface SeededUser {
  email: string;
  password: string;
  userId: number;
  twoFactor: { recoveryCodes: string[] } | null;
}

/** The seeded 2aml users (alice, bob, carol) and other seeded facts. */
export async function seeded(control: Control) {
  const accounts = await control<{
    '2aml': {
      users: Record<'alice' | 'bob' | 'carol', SeededUser>;
      slowCheckAddress: string;
      knownBadAddresses: { address: string; amlScore: number; tags: string[] }[];
    };
  }>('GET', 'accounts');
  return accounts['2aml'];
}

export { serveShippedMessages } from '../shipped-messages';
