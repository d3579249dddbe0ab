/**
 * A reported account is a candidate; only a signature verified here makes it the person's own, and
 * only then does it silence lookalike warnings about itself.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Trx } from 'tronweb';
import { keypairFor } from '../../sandbox/chain/crypto';
import {
  tronLinkAccountItem,
  tronLinkVerifyItem,
  challengeMessage,
  forgetAccount,
  proveAccount,
  storeCandidateAccount,
} from '@/lib/tronlink/account';
import { knownAddressesAsList, rememberAddress } from '@/lib/risk/known-addresses';
import { knownAddressesItem } from '@/lib/risk/schemas';
import { findLookalike } from '@/lib/risk/lookalike';
import { claimMessage } from '@/lib/energy/claim-data';

const OWN = keypairFor('tronlink');
/** Shares 1 + 3 characters after the T with OWN's address (tests/sandbox/tronscan/lookalike-keys.ts). */
const LOOKALIKE = 'TGa9UrbxqwWm9q2FZpxVAHU2E3bDUuUAXc';
const OTHER = keypairFor('stranger');
const TXID = 'c3'.repeat(32);
const RECEIVER = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const CLAIM = claimMessage(TXID, RECEIVER);
const sign = (message: string, key: string) => Trx.signMessageV2(message, key) as string;

const lookalikeOf = async (address: string) =>
  findLookalike(address, knownAddressesAsList(await knownAddressesItem.get()), 'loose');

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the account a page reports', () => {
  it('is only a candidate: it is not the person’s own, and silences nothing', async () => {
    const account = await storeCandidateAccount({ address: OWN.address, via: 'tron', wallet: null });
    expect(account.proof).toBeNull();
    expect(await knownAddressesItem.get()).toEqual({});
  });

  it('leaves a page’s lookalike flagged: reported as the account, it is never taken as proven', async () => {
    await proveOwnAccount();
    // A hostile page answers the connect request with a lookalike of the person's address.
    await storeCandidateAccount({ address: LOOKALIKE, via: 'tron', wallet: null });
    expect((await lookalikeOf(LOOKALIKE))?.address).toBe(OWN.address);
    // Its signature over a claim cannot make it proven either: the key behind it is not the lookalike's.
    expect(
      await proveAccount({
        address: LOOKALIKE,
        message: CLAIM,
        signature: sign(CLAIM, OWN.privateKey),
        kind: 'claim',
      }),
    ).toBe(false);
    expect((await tronLinkAccountItem.get())?.proof).toBeNull();
    expect((await lookalikeOf(LOOKALIKE))?.address).toBe(OWN.address);
  });

  it('is proven by the first rental’s claim signature, and only then silences warnings about itself', async () => {
    await rememberAddress(OWN.address, 'rental');
    await storeCandidateAccount({ address: OWN.address, via: 'tron', wallet: null });
    // Unproven and known from a rental, an address that is the account is still compared to itself.
    expect(await lookalikeOf(OWN.address)).toBeNull();
    expect(
      await proveAccount(
        { address: OWN.address, message: CLAIM, signature: sign(CLAIM, OWN.privateKey), kind: 'claim' },
        7_000,
      ),
    ).toBe(true);
    expect((await tronLinkAccountItem.get())?.proof).toEqual({ kind: 'claim', at: 7_000 });
    expect((await knownAddressesItem.get())[OWN.address]?.sources).toEqual(['rental', 'tronlink']);
  });

  it('is not proven by a signature from another key, nor for another account than the one stored', async () => {
    await storeCandidateAccount({ address: OWN.address, via: 'tron', wallet: null });
    const byOther = sign(CLAIM, OTHER.privateKey);
    expect(
      await proveAccount({ address: OWN.address, message: CLAIM, signature: byOther, kind: 'claim' }),
    ).toBe(false);
    expect(
      await proveAccount({ address: OWN.address, message: CLAIM, signature: 'garbage', kind: 'claim' }),
    ).toBe(false);
    // A valid signature of OTHER proves nothing about the stored account.
    expect(
      await proveAccount({ address: OTHER.address, message: CLAIM, signature: byOther, kind: 'claim' }),
    ).toBe(false);
    expect((await tronLinkAccountItem.get())?.proof).toBeNull();
    expect(await knownAddressesItem.get()).toEqual({});
  });

  it('is proven by a signed challenge that names Ampere, the account, a nonce and the time', async () => {
    const message = challengeMessage(OWN.address, 'n0nce-123', Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(message).toContain('Ampere');
    expect(message).toContain(OWN.address);
    expect(message).toContain('n0nce-123');
    expect(message).toContain('2026-01-02T03:04:05.000Z');
    await storeCandidateAccount({ address: OWN.address, via: 'tron', wallet: null });
    expect(
      await proveAccount({
        address: OWN.address,
        message,
        signature: sign(message, OWN.privateKey),
        kind: 'challenge',
      }),
    ).toBe(true);
    expect((await tronLinkAccountItem.get())?.proof?.kind).toBe('challenge');
  });

  it('keeps its proof when the same account connects again, and loses it for another', async () => {
    await proveOwnAccount();
    await storeCandidateAccount({ address: OWN.address, via: 'tronLink', wallet: null });
    expect((await tronLinkAccountItem.get())?.proof).not.toBeNull();
    await storeCandidateAccount({ address: OTHER.address, via: 'tron', wallet: null });
    expect((await tronLinkAccountItem.get())?.proof).toBeNull();
  });

  it('"Forget account" removes everything connecting added, and keeps what rentals added', async () => {
    await rememberAddress(OWN.address, 'rental');
    await proveOwnAccount();
    await tronLinkVerifyItem.set({
      nonce: 'n',
      address: OWN.address,
      message: 'm',
      startedAt: 1,
      outcome: null,
    });
    await forgetAccount();
    expect(await tronLinkAccountItem.get()).toBeNull();
    expect(await tronLinkVerifyItem.get()).toBeNull();
    expect((await knownAddressesItem.get())[OWN.address]?.sources).toEqual(['rental']);

    // An account known only from connecting leaves nothing behind.
    await knownAddressesItem.set({});
    await proveOwnAccount();
    await forgetAccount();
    expect(await knownAddressesItem.get()).toEqual({});
  });
});

async function proveOwnAccount(): Promise<void> {
  await storeCandidateAccount({ address: OWN.address, via: 'tron', wallet: null });
  const proven = await proveAccount({
    address: OWN.address,
    message: CLAIM,
    signature: sign(CLAIM, OWN.privateKey),
    kind: 'claim',
  });
  expect(proven).toBe(true);
}
