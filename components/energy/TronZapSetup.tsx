/**
 * The TronZap set-up in the options: the API token and secret go to the background once, which
 * keeps them (sealed) only after TronZap accepted them; this page never gets them back.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { Outcome } from '@/lib/outcome';
import type { TronZapAccountView, TronZapSetupView } from '@/lib/energy/views';
import { trxForDisplay } from './format';
import { tLtr } from '@/components/ui/bidi';

type Status = { kind: 'ok' | 'error'; text: string } | null;

function statusOf(outcome: Outcome<TronZapAccountView>): Status {
  return outcome.ok
    ? {
        kind: 'ok',
        text: i18n.t('energy.tronZap.balance', [
          trxForDisplay(outcome.value.balanceSun),
          outcome.value.currency,
        ]),
      }
    : { kind: 'error', text: outcome.problem.message };
}

/** The TronZap fieldset of the options page. */
export function TronZapSetup() {
  const [setup, setSetup] = useState<TronZapSetupView | null>(null);
  const [token, setToken] = useState('');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  const refresh = async () => setSetup(await sendMessage('tronzap.setup', undefined));
  useEffect(() => {
    void refresh();
    // The Energy tab's "Add a TronZap key" opens the options at this section.
    if (location.hash === '#tronzap') document.getElementById('tronzap')?.scrollIntoView({ block: 'start' });
  }, []);
  // Opened from the popup's "Add a TronZap key" (`options.html#tronzap`): the page renders after the
  // browser looked for the anchor, so the section is brought into view and its first field focused.
  useEffect(() => {
    if (location.hash !== '#tronzap') return;
    const section = document.getElementById('tronzap');
    section?.scrollIntoView({ block: 'start' });
    section?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  async function run(call: () => Promise<Outcome<TronZapAccountView>>) {
    setBusy(true);
    setStatus(null);
    try {
      setStatus(statusOf(await call()));
    } finally {
      setBusy(false);
      await refresh();
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    await run(async () => {
      const outcome = await sendMessage('tronzap.save', { token, secret });
      // Cleared once kept: the page holds the secret no longer than the one request.
      if (outcome.ok) {
        setToken('');
        setSecret('');
      }
      return outcome;
    });
  }

  async function forget() {
    setStatus(null);
    setSetup(await sendMessage('tronzap.forget', undefined));
  }

  const kept =
    setup === null
      ? null
      : setup.savedFor === null
        ? i18n.t('energy.tronZap.none')
        : setup.usable
          ? i18n.t('energy.tronZap.keptFor', [setup.savedFor])
          : tLtr('energy.tronZap.keptForOther', [setup.savedFor, new URL(setup.address).origin]);

  return (
    <form id="tronzap" class="stack tronzap-setup" onSubmit={(event) => void save(event)}>
      <p class="muted">{i18n.t('energy.tronZap.intro')}</p>
      {kept && (
        <p data-testid="tronzap-kept" class="muted">
          {kept}
        </p>
      )}
      <label>
        {i18n.t('energy.tronZap.token')}
        <input
          type="password"
          name="tronZapToken"
          autocomplete="off"
          spellcheck={false}
          value={token}
          onInput={(event) => setToken(event.currentTarget.value)}
        />
      </label>
      <label>
        {i18n.t('energy.tronZap.secret')}
        <input
          type="password"
          name="tronZapSecret"
          autocomplete="off"
          spellcheck={false}
          value={secret}
          onInput={(event) => setSecret(event.currentTarget.value)}
        />
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {i18n.t('energy.tronZap.save')}
        </button>
        {setup?.usable && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => sendMessage('tronzap.test', undefined))}
          >
            {i18n.t('energy.tronZap.test')}
          </button>
        )}
        {setup?.savedFor && (
          <button type="button" disabled={busy} onClick={() => void forget()}>
            {i18n.t('energy.tronZap.forget')}
          </button>
        )}
      </div>
      <div aria-live="polite">
        {busy && <p class="muted">{i18n.t('energy.tronZap.saving')}</p>}
        {status && (
          <p
            class={`notice ${status.kind}`}
            role={status.kind === 'error' ? 'alert' : 'status'}
            data-testid="tronzap-status"
          >
            {status.text}
          </p>
        )}
      </div>
    </form>
  );
}
