/**
 * The merchant's receiving wallets: each with its use, an activate / deactivate switch and the free
 * risk signals Ampere already reads for TronScan badges (USDT blacklist, lookalike of an address the
 * person dealt with), since a receiving address is worth watching; and a form to add one, checked
 * locally before the gateway hears of it.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { useOutcome } from '@/components/ui/use-outcome';
import { useRiskBadges } from '@/components/risk/use-risk-badges';
import type { Problem } from '@/lib/outcome';
import { isTronAddress } from '@/lib/tron/address';
import { fieldProblems, type WalletView } from '@/lib/payments/views';
import type { RiskBadge } from '@/lib/risk/badge-model';
import { countText } from '@/lib/locale';

export function WalletsPanel() {
  const wallets = useOutcome(() => sendMessage('payments.wallets', undefined), 'wallets');
  const addresses = (wallets.value ?? []).map((w) => w.address).filter(isTronAddress);
  const risk = useRiskBadges(addresses, wallets.value !== null);
  const badgeOf = (address: string) => risk.value?.badges.find((badge) => badge.address === address) ?? null;

  return (
    <div class="stack" data-testid="payment-wallets">
      <AddWallet onAdded={() => void wallets.reload()} />
      <section class="card stack">
        <div class="row spread">
          <h3>{i18n.t('payments.wallets.title')}</h3>
          <button type="button" disabled={wallets.loading} onClick={() => void wallets.reload()}>
            {i18n.t('payments.history.refresh')}
          </button>
        </div>
        {wallets.problem && (
          <p class="notice error" role="alert" data-problem={wallets.problem.code}>
            {wallets.problem.message}
          </p>
        )}
        {wallets.value && wallets.value.length === 0 && (
          <p class="muted">{i18n.t('payments.wallets.empty')}</p>
        )}
        {wallets.value && wallets.value.length > 0 && (
          <ul class="plain stack">
            {wallets.value.map((wallet) => (
              <WalletRow
                key={wallet.id}
                wallet={wallet}
                badge={badgeOf(wallet.address)}
                onChanged={() => void wallets.reload()}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The free signals of one address, in words. */
function RiskSignal({ badge }: { badge: RiskBadge | null }) {
  if (!badge || badge.blacklisted === null) {
    return <span class="pill">{i18n.t('payments.wallets.risk.unknown')}</span>;
  }
  if (badge.blacklisted)
    return <span class="pill danger">{i18n.t('payments.wallets.risk.blacklisted')}</span>;
  if (badge.lookalikeOf) return <span class="pill warn">{i18n.t('payments.wallets.risk.lookalike')}</span>;
  return <span class="pill ok">{i18n.t('payments.wallets.risk.clean')}</span>;
}

function WalletRow({
  wallet,
  badge,
  onChanged,
}: {
  wallet: WalletView;
  badge: RiskBadge | null;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function toggle() {
    setBusy(true);
    setProblem(null);
    try {
      const outcome = await sendMessage('payments.setWalletActive', {
        id: wallet.id,
        active: !wallet.active,
      });
      if (outcome.ok) onChanged();
      else setProblem(outcome.problem);
    } finally {
      setBusy(false);
    }
  }

  const use =
    wallet.usageCount === null
      ? null
      : `${countText('payments.wallets.uses', wallet.usageCount)}${
          wallet.lastUsedAt
            ? `, ${i18n.t('payments.wallets.lastUsed', [wallet.lastUsedAt.slice(0, 16).replace('T', ' ')])}`
            : ''
        }`;
  return (
    <li
      class="payments-row"
      data-testid="wallet-row"
      data-address={wallet.address}
      data-active={wallet.active}
    >
      <code class="mono">{wallet.address}</code>
      <div class="row spread">
        <span class="row">
          <span class={`pill ${wallet.active ? 'ok' : ''}`}>
            {wallet.active ? i18n.t('payments.wallets.active') : i18n.t('payments.wallets.inactive')}
          </span>
          <RiskSignal badge={badge} />
        </span>
        <button type="button" disabled={busy} onClick={() => void toggle()}>
          {wallet.active ? i18n.t('payments.wallets.deactivate') : i18n.t('payments.wallets.activate')}
        </button>
      </div>
      {use && <span class="muted payments-small">{use}</span>}
      {problem && (
        <p class="notice error" role="alert" data-problem={problem.code}>
          {problem.message}
        </p>
      )}
    </li>
  );
}

function AddWallet({ onAdded }: { onAdded: () => void }) {
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState(false);
  const typed = address.trim();
  const localProblem =
    typed !== '' && !isTronAddress(typed) ? i18n.t('payments.input.address_invalid') : null;
  const fieldProblem = localProblem ?? fieldProblems(problem).address ?? null;

  async function submit(event: Event) {
    event.preventDefault();
    if (typed === '' || localProblem || busy) return;
    setBusy(true);
    setProblem(null);
    setAdded(false);
    try {
      const outcome = await sendMessage('payments.addWallet', { address: typed });
      if (outcome.ok) {
        setAddress('');
        setAdded(true);
        onAdded();
      } else {
        setProblem(outcome.problem);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card stack" onSubmit={(e) => void submit(e)} noValidate data-testid="wallet-add">
      <label>
        {i18n.t('payments.wallets.address')}
        <input
          class="mono"
          name="address"
          spellcheck={false}
          autocomplete="off"
          placeholder="T…"
          value={address}
          aria-invalid={fieldProblem ? true : undefined}
          onInput={(e) => {
            setAddress(e.currentTarget.value);
            setProblem(null);
            setAdded(false);
          }}
        />
        {fieldProblem && (
          <span class="field-error" data-field-problem="address">
            {fieldProblem}
          </span>
        )}
      </label>
      <button type="submit" class="primary" disabled={busy || typed === '' || localProblem !== null}>
        {i18n.t('payments.wallets.add')}
      </button>
      {problem && problem.code !== 'invalid_input' && (
        <p class="notice error" role="alert" data-problem={problem.code}>
          {problem.message}
        </p>
      )}
      {added && (
        <p class="notice ok" role="status">
          {i18n.t('payments.wallets.added')}
        </p>
      )}
    </form>
  );
}
