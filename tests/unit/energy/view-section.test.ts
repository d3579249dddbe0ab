/**
 * What the Energy screen gets without asking: the connected account, the connect attempt and the
 * rental history, pushed in the app view (and answered by view.get) from what is stored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { buildEnergyView } from '@/lib/energy/rentals';
import { rentalHistoryItem, type RentalHistoryEntry } from '@/lib/energy/claim-data';
import { CONNECT_TIMEOUT_MS, tronLinkAccountItem, tronLinkConnectItem } from '@/lib/tronlink/account';
import { createHandlers } from '@/lib/app-handlers';
import { dispatchMessage, type Handler } from '@/lib/messaging';
import type { JobRunner } from '@/lib/jobs/runner';
import type { AmlView } from '@/lib/aml/views';

const ACCOUNT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const NONCE = 'connect-nonce-0123456789';

const delegated: RentalHistoryEntry = {
  jobId: 'job-1',
  createdAt: 1_000,
  updatedAt: 2_000,
  state: 'delegated',
  terminal: true,
  payer: ACCOUNT,
  receiver: ACCOUNT,
  energy: 65_000,
  priceSun: '4000000',
  txid: 'ab'.repeat(32),
  error: null,
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('the energy part of the app view', () => {
  it('shows no account, no attempt and no rentals before anything happened', async () => {
    const view = await buildEnergyView();
    expect(view).toMatchObject({
      account: null,
      connect: { pending: false, status: null, message: null },
      history: [],
    });
    expect(view.tronscan).toMatch(/^https:\/\//);
  });

  it('shows a connect attempt as pending until TronLink answers, then its outcome, never its nonce', async () => {
    await tronLinkConnectItem.set({ nonce: NONCE, startedAt: Date.now(), outcome: null });
    const waiting = await buildEnergyView();
    expect(waiting.connect).toEqual({ pending: true, status: null, message: null });
    expect(JSON.stringify(waiting)).not.toContain(NONCE);

    const message = 'You declined the connection in TronLink.';
    await tronLinkConnectItem.set({
      nonce: NONCE,
      startedAt: Date.now(),
      outcome: { status: 'rejected', message },
    });
    expect((await buildEnergyView()).connect).toEqual({ pending: false, status: 'rejected', message });
  });

  it('no longer shows an attempt TronLink never answered as pending once the wait is over', async () => {
    await tronLinkConnectItem.set({
      nonce: NONCE,
      startedAt: Date.now() - CONNECT_TIMEOUT_MS - 1,
      outcome: null,
    });
    expect((await buildEnergyView()).connect.pending).toBe(false);
  });

  it('carries the connected account and the rental history', async () => {
    await tronLinkAccountItem.set({
      address: ACCOUNT,
      via: 'tronLink',
      connectedAt: 5_000,
      proof: null,
      wallet: null,
    });
    await rentalHistoryItem.set([delegated]);
    const view = await buildEnergyView();
    expect(view.account?.address).toBe(ACCOUNT);
    expect(view.history).toEqual([delegated]);
  });

  it('is part of what view.get answers', async () => {
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'Ampere', version: '0.1.0' });
    await tronLinkAccountItem.set({
      address: ACCOUNT,
      via: 'tronLink',
      connectedAt: 5_000,
      proof: null,
      wallet: null,
    });
    const aml = { session: { status: 'signed_out', ended: null, email: null } } as AmlView;
    const handlers = createHandlers({
      runner: {} as JobRunner,
      viewSections: {
        aml: async () => aml,
        energy: buildEnergyView,
        payments: async () => ({ configured: false, baseUrl: null }),
      },
    });
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const identity = {
      extensionId: fakeBrowser.runtime.id,
      extensionOrigin: fakeBrowser.runtime.getURL('/'),
    };
    const view = await dispatchMessage(
      'view.get',
      undefined,
      popup,
      handlers['view.get'] as Handler<'view.get'>,
      identity,
    );
    expect(view.energy.account?.address).toBe(ACCOUNT);
    expect(view.aml).toBe(aml);
  });
});
