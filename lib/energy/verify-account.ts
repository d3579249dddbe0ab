/**
 * "Verify": asks TronLink, through the bridge tab, to sign a challenge with the connected account.
 * The answer is applied by the bridge results (bridge-reports.ts), which recover the signer here and
 * prove the account only when it is the one shown. Nothing is paid, so a lost answer only costs a retry.
 */
import { createLogger } from '@/lib/log';
import { CONNECT_TIMEOUT_MS, tronLinkAccountItem, tronLinkVerifyItem } from '../tronlink/account';
import { challengeMessage } from '../tronlink/account-proof';
import { MessageRefused } from '@/lib/messaging';
import { WAIT_FOR_PROVIDER_MS } from './claim-timing';
import { bridgeResults, newNonce, releaseBridgeWhenIdle, tronLinkBridge } from './rental-job';
import { verifyOutcomeText, type VerifyStatus } from './texts';

const log = createLogger('energy');

/** Settles the attempt `nonce` with `status` unless an answer settled it first. */
async function settle(nonce: string, status: VerifyStatus): Promise<void> {
  await tronLinkVerifyItem.update((attempt) =>
    attempt?.nonce === nonce && !attempt.outcome
      ? { ...attempt, outcome: { status, message: verifyOutcomeText(status) } }
      : attempt,
  );
}

/** Runs one "Verify" of the connected account; its outcome lands in the view's `verify`. */
export async function verifyAccount(now = Date.now()): Promise<void> {
  const account = await tronLinkAccountItem.get();
  if (!account) throw new MessageRefused('invalid_payload', 'energy.verify: no account is connected');
  const nonce = newNonce();
  const message = challengeMessage(account.address, newNonce(), now);
  // Written first: the answer may come through the relay to a worker that restarted meanwhile.
  await tronLinkVerifyItem.set({ nonce, address: account.address, message, startedAt: now, outcome: null });
  const answered = bridgeResults.awaitVerify(nonce, CONNECT_TIMEOUT_MS);
  try {
    await tronLinkBridge.start(
      {
        nonce,
        op: 'sign',
        expectedAccount: account.address,
        message,
        waitForProviderMs: WAIT_FOR_PROVIDER_MS,
      },
      null,
      (report) => void bridgeResults.accept({ nonce, op: 'sign', report }),
    );
  } catch (error) {
    log.debug('no bridge tab could ask TronLink for the challenge signature', error);
    await settle(nonce, 'unreachable');
    await releaseBridgeWhenIdle(false);
    return;
  }
  if (!(await answered)) {
    await settle(nonce, 'timeout');
    await releaseBridgeWhenIdle(false);
  }
}
