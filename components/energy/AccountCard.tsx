/** The connected TronLink account with its energy, bandwidth and balance, or the way to connect one. */
import { i18n } from '#i18n';
import type { EnergyResourcesView } from '@/lib/energy/views';
import type { TronLinkAccount } from '@/lib/tronlink/account';
import type { Problem } from '@/lib/outcome';
import { energyForDisplay, shortAddress, trxForDisplay } from './format';
import { walletText } from './TronLinkWillShow';
import { isolateData, tLtr } from '@/components/ui/bidi';

export interface AccountCardProps {
  account: TronLinkAccount | null;
  resources: EnergyResourcesView | null;
  /** Why the last read of `resources` failed (chain or TronNRG unreachable). */
  readProblem: Problem | null;
  connecting: boolean;
  connectMessage: string | null;
  /** The last "Verify": pending while TronLink is asked, then what it answered. */
  verify: { pending: boolean; message: string | null };
  onVerify(): void;
  onConnect(): void;
  onForget(): void;
  onRefresh(): void;
}

/**
 * The account card: address, whether it is proven, the wallet that signs, energy, bandwidth,
 * balance, and the connect / verify / refresh / forget buttons.
 */
export function AccountCard(props: AccountCardProps) {
  const { account, resources, connecting } = props;
  const details = resources?.account?.address === account?.address ? resources?.account : null;
  const connectButton = (
    <button type="button" class={account ? '' : 'primary'} onClick={props.onConnect} disabled={connecting}>
      {connecting
        ? i18n.t('energy.account.connecting')
        : account
          ? i18n.t('energy.account.reconnect')
          : i18n.t('energy.account.connect')}
    </button>
  );

  return (
    <section class="card stack energy-account" aria-labelledby="energy-account-heading">
      <h2 id="energy-account-heading">{i18n.t('energy.account.heading')}</h2>
      {!account ? (
        <p class="muted">{i18n.t('energy.account.notConnected')}</p>
      ) : (
        <>
          <p class="mono energy-account-address" title={account.address} data-testid="energy-account">
            {account.address}
          </p>
          {details && !details.activated && (
            <p class="notice warn">{i18n.t('energy.account.notActivated')}</p>
          )}
        </>
      )}
      {props.readProblem && (
        <p class="notice error" role="alert">
          {i18n.t('energy.account.readFailed', [props.readProblem.message])}
        </p>
      )}
      {props.verify.message && (
        <p class="notice" role="status" data-testid="energy-verify-message">
          {props.verify.message}
        </p>
      )}
      {props.connectMessage && (
        <p class="notice" role="status" data-testid="energy-connect-message">
          {props.connectMessage}
        </p>
      )}
      {account && (
        // Compact by default: what proves the account and the rarer actions are one tap away.
        <details class="energy-account-more">
          <summary class="energy-account-summary muted" data-testid="energy-account-summary">
            <span class="sr-only">{i18n.t('energy.account.details')}: </span>
            {details
              ? isolateData(
                  `${i18n.t('energy.account.energy')} ${i18n.t('energy.account.energyValue', [
                    energyForDisplay(details.energyAvailable),
                    energyForDisplay(details.energyLimit),
                  ])} · ${trxForDisplay(details.balanceSun)} TRX`,
                )
              : '…'}
          </summary>
          <div class="stack">
            <dl class="energy-figures">
              <div>
                <dt>{i18n.t('energy.account.energy')}</dt>
                <dd data-testid="energy-available">
                  {details
                    ? tLtr('energy.account.energyValue', [
                        energyForDisplay(details.energyAvailable),
                        energyForDisplay(details.energyLimit),
                      ])
                    : '…'}
                </dd>
              </div>
              <div>
                <dt>{i18n.t('energy.account.bandwidth')}</dt>
                <dd>{details ? energyForDisplay(details.bandwidthAvailable) : '…'}</dd>
              </div>
              <div>
                <dt>{i18n.t('energy.account.balance')}</dt>
                <dd>{details ? `${trxForDisplay(details.balanceSun)} TRX` : '…'}</dd>
              </div>
            </dl>
            <p
              class={account.proof ? 'energy-proof energy-proven' : 'energy-proof muted'}
              data-testid="energy-account-proof"
              data-proven={account.proof ? 'true' : 'false'}
            >
              {account.proof ? i18n.t('energy.verify.proven') : i18n.t('energy.verify.candidate')}
            </p>
            <p class="energy-proof muted" data-testid="energy-account-wallet">
              {i18n.t('energy.account.wallet', [walletText(account.wallet)])}
            </p>
            <div class="row">
              {connectButton}
              <button type="button" onClick={props.onRefresh}>
                {i18n.t('energy.account.refresh')}
              </button>
              {!account.proof && (
                <button type="button" onClick={props.onVerify} disabled={props.verify.pending || connecting}>
                  {props.verify.pending ? i18n.t('energy.verify.verifying') : i18n.t('energy.verify.action')}
                </button>
              )}
              <button type="button" onClick={props.onForget} title={shortAddress(account.address)}>
                {i18n.t('energy.account.forget')}
              </button>
            </div>
          </div>
        </details>
      )}
      {!account && <div class="row">{connectButton}</div>}
    </section>
  );
}
