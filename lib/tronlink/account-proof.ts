/**
 * From a reported account to a proven one. The bridge page reports an address; it becomes the
 * person's own only when a signature recovers to it here: the first rental's claim signature
 * (`txid:receiver`, no extra prompt) or a "Verify" challenge naming Ampere, the account, a random
 * nonce and the time. Forgetting the account takes back everything connecting added.
 */
import { recoverMessageSignerV2 } from '../tron/signature';
import { forgetOwnAccount, rememberProvenAccount } from '../risk/known-addresses';
import type { Provider } from './protocol';
import {
  tronLinkAccountItem,
  tronLinkConnectItem,
  tronLinkVerifyItem,
  type TronLinkAccount,
  type WalletIdentity,
} from './account';

/** The text a "Verify" asks TronLink to sign: readable, bound to Ampere, the account and this moment. */
export function challengeMessage(address: string, nonce: string, now: number): string {
  return [
    'Ampere: prove this is your account.',
    `Account: ${address}`,
    `Nonce: ${nonce}`,
    `Time: ${new Date(now).toISOString()}`,
    'Signing this moves no funds and grants nothing.',
  ].join('\n');
}

/** Stores the account a page reported as a candidate; a proof of the same address is kept. */
export async function storeCandidateAccount(
  reported: { address: string; via: Provider; wallet: WalletIdentity | null },
  now = Date.now(),
): Promise<TronLinkAccount> {
  const stored = await tronLinkAccountItem.update((current) => ({
    address: reported.address,
    via: reported.via,
    connectedAt: now,
    proof: current?.address === reported.address ? current.proof : null,
    wallet: reported.wallet,
  }));
  return stored!;
}

/**
 * Marks the stored account proven when `signature` over `message` recovers to it; true when it did.
 * The signature is checked here, whatever checked it before.
 */
export async function proveAccount(
  input: { address: string; message: string; signature: string; kind: 'claim' | 'challenge' },
  now = Date.now(),
): Promise<boolean> {
  if (recoverMessageSignerV2(input.message, input.signature) !== input.address) return false;
  let proven = false;
  await tronLinkAccountItem.update((current) => {
    if (!current || current.address !== input.address) return current;
    proven = true;
    return current.proof ? current : { ...current, proof: { kind: input.kind, at: now } };
  });
  if (proven) await rememberProvenAccount(input.address, now);
  return proven;
}

/** Forgets the account and everything connecting added (its own-account mark, the attempts). */
export async function forgetAccount(): Promise<void> {
  const account = await tronLinkAccountItem.get();
  await Promise.all([
    tronLinkAccountItem.set(null),
    tronLinkConnectItem.set(null),
    tronLinkVerifyItem.set(null),
  ]);
  if (account) await forgetOwnAccount(account.address);
}
