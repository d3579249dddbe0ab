/** The 2aml wallet: TRX balance and AML credits, topping up (deposit address with a QR code) and reconciling. */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { AmlWalletView, DepositView } from '@/lib/aml/views';
import type { Problem } from '@/lib/outcome';
import { ProblemNotice } from './ProblemNotice';
import { RefreshButton } from './RefreshButton';
import { StatusNotice } from './StatusNotice';
import { QrCode } from '../ui/QrCode';
import { Loading } from '../ui/Loading';
import { trx, trxExact } from './format';
import { useOutcome, type Loaded } from '@/components/ui/use-outcome';
import { countLtr, tLtr } from '@/components/ui/bidi';

/** Balance and credits, with the top-up instructions and reconciliation below. */
export function WalletPanel({ wallet }: { wallet: Loaded<AmlWalletView> }) {
  const value = wallet.value;
  return (
    <section
      class="card stack"
      aria-labelledby="aml-wallet-heading"
      data-testid="aml-wallet"
      aria-busy={wallet.loading}
    >
      <div class="row spread">
        <h2 id="aml-wallet-heading">{i18n.t('aml.wallet.heading')}</h2>
        <RefreshButton loaded={wallet} />
      </div>
      <ProblemNotice problem={wallet.problem} />
      {value && (
        <dl class="aml-figures">
          <div>
            <dt>{i18n.t('aml.wallet.balance')}</dt>
            <dd data-testid="aml-balance">{tLtr('aml.trx', [trx(value.availableSun)])}</dd>
          </div>
          <div>
            <dt>{i18n.t('aml.wallet.credits')}</dt>
            <dd data-testid="aml-credits">{value.credits}</dd>
          </div>
          {value.reservedSun !== '0' && (
            <div>
              <dt>{i18n.t('aml.wallet.reserved')}</dt>
              <dd>{tLtr('aml.trx', [trx(value.reservedSun)])}</dd>
            </div>
          )}
        </dl>
      )}
      {value && (
        <p class="muted aml-small">
          {i18n.t('aml.wallet.creditsDetail', [
            String(value.creditsPurchased),
            String(value.creditsConsumed),
            String(value.creditsExpired),
            String(value.creditsBonus),
          ])}
        </p>
      )}
      <DepositPanel onCredited={() => void wallet.reload()} />
    </section>
  );
}

function DepositPanel({ onCredited }: { onCredited: () => void }) {
  const [open, setOpen] = useState(false);
  const deposit = useOutcome(() => sendMessage('aml.deposit', undefined), 'deposit', open);
  const value = deposit.value;
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="aml-deposit">
      <summary>{i18n.t('aml.deposit.heading')}</summary>
      <div class="stack aml-details-body">
        {deposit.loading && !value && <Loading />}
        <ProblemNotice problem={deposit.problem} />
        {value && <DepositDetails value={value} />}
        <ReconcileForm onCredited={onCredited} />
      </div>
    </details>
  );
}

/** Where to send TRX: the address with its QR code, the memo when one is required, the minimum. */
export function DepositDetails({ value }: { value: DepositView }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <p>{i18n.t('aml.deposit.address')}</p>
      <div class="aml-deposit">
        <QrCode text={value.address} label={i18n.t('aml.deposit.qr', [value.address])} />
        <div class="stack">
          <code class="mono" data-testid="aml-deposit-address">
            {value.address}
          </code>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard.writeText(value.address).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? i18n.t('aml.deposit.copied') : i18n.t('aml.deposit.copy')}
          </button>
        </div>
      </div>
      {value.memoRequired && value.memo && (
        <p class="notice warn">{i18n.t('aml.deposit.memo', [value.memo])}</p>
      )}
      <p class="muted aml-small">
        {countLtr('aml.deposit.min', value.minConfirmations, [trxExact(value.minDepositSun)])}
      </p>
      {value.routeStatus && value.routeStatus !== 'active' && (
        <p class="notice warn">{i18n.t('aml.deposit.routeInactive', [value.routeStatus])}</p>
      )}
    </>
  );
}

function ReconcileForm({ onCredited }: { onCredited: () => void }) {
  const [hash, setHash] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const outcome = await sendMessage('aml.reconcile', { txHash: hash });
      if (!outcome.ok) {
        setProblem(outcome.problem);
        return;
      }
      const { topup, wallet } = outcome.value;
      setDone(
        i18n.t('aml.deposit.reconciled', [trx(topup.amountSun), topup.status, trx(wallet.availableSun)]),
      );
      setHash('');
      onCredited();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={(e) => void submit(e)} data-testid="aml-reconcile">
      <label>
        {i18n.t('aml.deposit.reconcile')}
        <input
          value={hash}
          onInput={(e) => setHash(e.currentTarget.value)}
          placeholder={i18n.t('aml.deposit.txHash')}
          spellcheck={false}
          maxLength={200}
          class="mono"
        />
      </label>
      <ProblemNotice problem={problem} />
      <StatusNotice text={done} />
      <div class="row">
        <button type="submit" disabled={busy || !hash.trim()}>
          {busy ? i18n.t('common.loading') : i18n.t('aml.deposit.reconcileSubmit')}
        </button>
      </div>
    </form>
  );
}
