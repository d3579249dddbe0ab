/**
 * A watched payment across a whole browser restart: created in the popup, the browser closed (its
 * profile kept: storage, alarms, the installed extension), started again on that profile, then paid
 * on the sandbox chain. The watch resumes from storage, the popup shows it completed, and a
 * notification says so.
 */
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { notificationIds, storageGet } from './helpers/browser';
import { GatewaySetupForm, PaymentsTab, payFromWallet, type SeededGateway } from './pages/payments';
import type { ExtensionHarness } from './extension';

/** The `payment-watch` job of `transactionId` as stored: its id and state. */
async function watchJob(harness: ExtensionHarness, transactionId: string) {
  const { jobs } = (await storageGet(await harness.worker(), 'local', 'jobs')) as {
    jobs?: Record<string, { kind: string; state: string; data: { transactionId: string } }>;
  };
  const found = Object.entries(jobs ?? {}).find(
    ([, job]) => job.kind === 'payment-watch' && job.data.transactionId === transactionId,
  );
  return found ? { id: found[0], state: found[1].state } : null;
}

describe('a watched payment and a browser restart', () => {
  test('completes in the popup, with a notification, after the browser restarts', async ({
    harness,
    sandbox,
    options,
  }) => {
    await sandbox.reset();
    await sandbox.fastBlocks();
    const { gateway } = await harness.control<{ gateway: SeededGateway }>('GET', 'accounts');
    await new GatewaySetupForm(options.page).save(`${sandbox.origin}/gateway`, gateway.apiKey);

    const popup = await PaymentsTab.open(harness);
    const id = await popup.create({ asset: 'USDT', amountUsd: '7.25' });
    const request = await popup.request(id);
    expect(await watchJob(harness, id)).toMatchObject({ state: 'watching' });

    const restarted = await harness.relaunch();
    try {
      // The same profile: the extension id, the set-up and the pending watch are all still there.
      expect(restarted.extensionId).toBe(harness.extensionId);
      const before = await watchJob(restarted, id);
      expect(before).toMatchObject({ state: 'watching' });

      const payer = sandbox.accounts.chain.wallets.tronlink;
      await payFromWallet(sandbox, payer, request.address, 'USDT', request.amount);
      const reopened = await PaymentsTab.open(restarted);
      await reopened.waitForStatus(id, 'completed');
      expect(await reopened.card(id).getByTestId('payment-received').innerText()).toContain(payer.address);
      await expect
        .poll(() => notificationIds(reopened.page), { timeout: 10_000 })
        .toContain(`job:${before!.id}`);
      await reopened.close();
    } finally {
      await restarted.close();
    }
  });
}, 120_000);
