/**
 * The merchant's payment gateway: its base URL and API key. On Save the browser is asked for the
 * host first (a permission request needs the person's click), then the background seals the key for
 * that origin; the key field empties and the key is never shown again. "Test connection" reads the
 * partner account through the background.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { permissionFor } from '@/lib/config/custom-services';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import { SANDBOX_ORIGIN } from '@/lib/config/network';
import { checkGatewayUrl } from '@/lib/payments/gateway-url';
import { fieldProblems, type PartnerInfoView, type PaymentsView } from '@/lib/payments/views';
import type { Problem } from '@/lib/outcome';
import { isolateData, tLtr } from '@/components/ui/bidi';

// Keys built from problem codes are data; the typed `t` is widened for them.
const tk = i18n.t as (key: string, substitutions?: string[]) => string;

const PLACEHOLDER = IS_SANDBOX_BUILD ? `${SANDBOX_ORIGIN}/gateway` : 'https://pay.example.com';

export function GatewaySetup({ setup }: { setup: PaymentsView }) {
  const [baseUrl, setBaseUrl] = useState(setup.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [partner, setPartner] = useState<PartnerInfoView | null>(null);

  const typed = baseUrl.trim();
  const checked = typed === '' ? null : checkGatewayUrl(typed);
  const urlProblem =
    checked && !checked.ok
      ? tk(`payments.input.url_${checked.problem}`)
      : (fieldProblems(problem).baseUrl ?? null);
  const keyProblem = fieldProblems(problem).apiKey ?? null;
  const canSave = checked?.ok === true && apiKey.trim() !== '' && !busy;

  function save(event: Event) {
    event.preventDefault();
    if (!canSave || !checked?.ok) return;
    const origin = permissionFor(checked.url);
    setBusy(true);
    setStatus(null);
    setProblem(null);
    setPartner(null);
    // Asked at once, inside the click: the browser grants host access only on a person's gesture.
    const granted =
      origin === null ? Promise.resolve(true) : browser.permissions.request({ origins: [origin] });
    void granted
      .then(async (ok) => {
        if (!ok) {
          setStatus({ kind: 'error', text: i18n.t('payments.setup.denied', [origin ?? '']) });
          return;
        }
        const outcome = await sendMessage('payments.saveSetup', { baseUrl: checked.url, apiKey });
        if (!outcome.ok) {
          setProblem(outcome.problem);
          return;
        }
        setApiKey('');
        setStatus({ kind: 'ok', text: i18n.t('payments.setup.saved') });
      })
      .catch(() => setStatus({ kind: 'error', text: i18n.t('payments.setup.failed') }))
      .finally(() => setBusy(false));
  }

  async function test() {
    setBusy(true);
    setStatus(null);
    setProblem(null);
    setPartner(null);
    try {
      const outcome = await sendMessage('payments.testConnection', undefined);
      if (outcome.ok) setPartner(outcome.value);
      else setProblem(outcome.problem);
    } catch {
      setStatus({ kind: 'error', text: i18n.t('payments.setup.failed') });
    } finally {
      setBusy(false);
    }
  }

  async function forget() {
    setBusy(true);
    setPartner(null);
    setProblem(null);
    try {
      await sendMessage('payments.forgetSetup', undefined);
      setBaseUrl('');
      setStatus(null);
    } finally {
      setBusy(false);
    }
  }

  const fieldMessage = problem && !fieldProblems(problem).baseUrl && !fieldProblems(problem).apiKey;
  return (
    <form class="stack" onSubmit={save} noValidate data-testid="gateway-setup">
      <p class="muted">{i18n.t('payments.setup.hint')}</p>
      <label>
        {i18n.t('payments.setup.baseUrl')}
        <input
          type="url"
          inputMode="url"
          class="mono"
          spellcheck={false}
          autocomplete="off"
          placeholder={PLACEHOLDER}
          value={baseUrl}
          aria-invalid={urlProblem ? true : undefined}
          aria-describedby={urlProblem ? 'gateway-url-problem' : undefined}
          onInput={(e) => {
            setBaseUrl(e.currentTarget.value);
            setStatus(null);
          }}
        />
        {urlProblem && (
          <span id="gateway-url-problem" class="field-error">
            {urlProblem}
          </span>
        )}
      </label>
      <label>
        {i18n.t('payments.setup.apiKey')}
        <input
          type="password"
          class="mono"
          spellcheck={false}
          autocomplete="off"
          value={apiKey}
          aria-invalid={keyProblem ? true : undefined}
          onInput={(e) => setApiKey(e.currentTarget.value)}
        />
        {keyProblem && <span class="field-error">{keyProblem}</span>}
        {setup.configured && setup.baseUrl && (
          <span class="muted" data-testid="gateway-key-kept">
            {tLtr('payments.setup.apiKeyKept', [new URL(setup.baseUrl).origin])}
          </span>
        )}
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={!canSave}>
          {i18n.t('payments.setup.save')}
        </button>
        <button type="button" disabled={!setup.configured || busy} onClick={() => void test()}>
          {i18n.t('payments.setup.test')}
        </button>
        {setup.configured && (
          <button type="button" disabled={busy} onClick={() => void forget()}>
            {i18n.t('payments.setup.forget')}
          </button>
        )}
      </div>
      {!setup.configured && <p class="muted">{i18n.t('payments.setup.notSetUp')}</p>}
      {status && (
        <p class={`notice ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {fieldMessage && (
        <p class="notice error" role="alert" data-problem={problem.code}>
          {problem.message}
        </p>
      )}
      {partner && <PartnerInfo partner={partner} />}
    </form>
  );
}

function PartnerInfo({ partner }: { partner: PartnerInfoView }) {
  const none = i18n.t('payments.setup.partner.none');
  const rows: [string, string][] = [
    [i18n.t('payments.setup.partner.name'), partner.name],
    [i18n.t('payments.setup.partner.email'), partner.email],
    [i18n.t('payments.setup.partner.status'), partner.status],
    [i18n.t('payments.setup.partner.balance'), partner.balance ?? none],
    [i18n.t('payments.setup.partner.postback'), partner.defaultPostbackUrl ?? none],
    [
      i18n.t('payments.setup.partner.wallets'),
      i18n.t('payments.setup.partner.walletsValue', [
        String(partner.activeWalletsCount),
        String(partner.walletsCount),
        String(partner.maxWallets),
      ]),
    ],
  ];
  return (
    <dl class="gateway-partner" data-testid="gateway-partner">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{isolateData(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
