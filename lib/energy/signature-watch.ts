/**
 * The `signing` step: the relay is read for TronLink's signature; when the tab that hosted the prompt
 * stays silent, the answer is lost and the person is asked to sign again (signing is free).
 */
import type { Claim, NrgClaimDeps } from './claim-deps';
import type { ClaimSave } from './claim-save';
import type { ClaimRequests } from './claim-requests';
import { RELAY_SILENCE_MS, watchDelay } from './claim-timing';

/** Creates the signature watch over the relay reading. */
export function createSignatureWatch(
  deps: Pick<NrgClaimDeps, 'message'>,
  consultRelay: ClaimRequests['consultRelay'],
) {
  /**
   * When the relay was first found without a signing request's record, by nonce. Kept in memory: a
   * new worker simply starts counting again, which only delays the "sign again" a little.
   */
  const relaySilentSince = new Map<string, number>();

  /** One look at the relay; reschedules the next, or asks to sign again once the answer is lost. */
  async function watchSignature(job: Claim, save: ClaimSave, now: number): Promise<void> {
    const request = job.data.request;
    if (!request || request.settled) {
      await save({ nextRunAt: null });
      return;
    }
    const relay = await consultRelay(job, save, now);
    if (relay !== 'silent') relaySilentSince.delete(request.nonce);
    if (relay === 'applied') return;
    if (relay === 'open') return save.reschedule(now + watchDelay(now - request.sentAt));
    // A tab that is busy or still loading can fail one look: silence counts only once it lasted.
    const silentSince = relaySilentSince.get(request.nonce) ?? now;
    relaySilentSince.set(request.nonce, silentSince);
    if (now - silentSince < RELAY_SILENCE_MS || now - request.sentAt < RELAY_SILENCE_MS) {
      return save.reschedule(now + 2_000);
    }
    // The tab was closed or reloaded while TronLink was open: its answer is lost. Signing is free,
    // so the person is simply asked again.
    relaySilentSince.delete(request.nonce);
    await save({
      data: { action: 'sign_again', request: { ...request, settled: true } },
      error: { code: 'signature_lost', message: deps.message('signature_lost') },
      nextRunAt: null,
    });
  }

  return watchSignature;
}
