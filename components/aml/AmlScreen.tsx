/**
 * The popup's AML tab: signing in to 2aml, then the wallet (balance, credits, top-up with a QR code),
 * a check of any address, the check history with results and reports, and credit packs. A view over
 * background state: checks and purchases are durable jobs that go on when the popup closes.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { AML_CHECK_KIND, CREDIT_PURCHASE_KIND } from '@/lib/aml/job-names';
import type { AmlPreferences, AmlSessionView } from '@/lib/aml/views';
import type { Problem } from '@/lib/outcome';
import { ProblemNotice } from './ProblemNotice';
import { StatusNotice } from './StatusNotice';
import { AccountForms, VerificationTokenField } from './AccountForms';
import { CheckHistory } from './CheckHistory';
import { CheckPanel } from './CheckPanel';
import { CreditsPanel } from './CreditsPanel';
import { WalletPanel } from './WalletPanel';
import { useOutcome } from '@/components/ui/use-outcome';
import { jobsKey, useAmlView, useJobsOfKind } from './use-aml';
import { Loading } from '@/components/ui/Loading';
import './aml.css';
import { tLtr } from '@/components/ui/bidi';

/** The AML tab: the sign-in forms, or the signed-in account's wallet, checks and credits. */
export function AmlScreen() {
  const aml = useAmlView();
  if (!aml) {
    return <Loading />;
  }
  const session = aml.session;
  if (session.status !== 'signed_in') {
    return (
      <div class="stack aml-screen" data-testid="aml-screen" data-session={session.status}>
        <AccountForms session={session} />
      </div>
    );
  }
  return <SignedIn session={session} preferences={aml.preferences} />;
}

function SignedIn({
  session,
  preferences,
}: {
  session: Extract<AmlSessionView, { status: 'signed_in' }>;
  preferences: AmlPreferences;
}) {
  const checks = useJobsOfKind(AML_CHECK_KIND);
  const purchases = useJobsOfKind(CREDIT_PURCHASE_KIND);
  // Balances change when a check or a purchase finishes: read them again then.
  const moneyKey = `${session.user.id}|${jobsKey(checks.filter((j) => j.terminal))}|${jobsKey(purchases)}`;
  const wallet = useOutcome(() => sendMessage('aml.wallet', undefined), moneyKey);
  // The profile may have changed elsewhere (e-mail verified, 2FA turned on); a dead token shows at once.
  useEffect(() => {
    // Only a refresh: the screen shows the session the background knows, and the next opening asks again.
    void sendMessage('aml.profile', undefined).catch(() => undefined);
  }, [session.user.id]);
  const catalog = useOutcome(() => sendMessage('aml.catalog', undefined), `${session.user.id}`);

  return (
    <div class="stack aml-screen" data-testid="aml-screen" data-session="signed_in">
      <div class="card row spread" data-testid="aml-account">
        <div class="stack aml-tight">
          <span>{tLtr('aml.session.signedInAs', [session.user.email])}</span>
          {!session.user.emailVerified && (
            <span class="muted aml-small">{i18n.t('aml.session.emailUnverified')}</span>
          )}
        </div>
        <button type="button" onClick={() => void sendMessage('aml.signOut', undefined)}>
          {i18n.t('aml.session.signOut')}
        </button>
      </div>
      {!session.user.emailVerified && <VerifyLater email={session.user.email} />}
      <WalletPanel wallet={wallet} />
      <CheckPanel preferences={preferences} />
      <CheckHistory refreshKey={`${session.user.id}|${jobsKey(checks)}`} />
      <CreditsPanel catalog={catalog} onPurchased={() => void wallet.reload()} />
    </div>
  );
}

/** A newly registered account may verify its e-mail while signed in (needed for the next sign-in). */
function VerifyLater({ email }: { email: string }) {
  return (
    <details class="card">
      <summary>{i18n.t('aml.verify.heading')}</summary>
      <VerifyTokenForm email={email} />
    </details>
  );
}

function VerifyTokenForm({ email }: { email: string }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(action: 'confirm' | 'resend') {
    setBusy(true);
    setProblem(null);
    setInfo(null);
    try {
      const outcome =
        action === 'confirm'
          ? await sendMessage('aml.confirmVerification', { token })
          : await sendMessage('aml.requestVerification', { email });
      if (!outcome.ok) setProblem(outcome.problem);
      else
        setInfo(action === 'confirm' ? i18n.t('aml.verify.confirmedSignedIn') : i18n.t('aml.verify.resent'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="stack aml-details-body"
      onSubmit={(e) => {
        e.preventDefault();
        void send('confirm');
      }}
    >
      <p>{tLtr('aml.verify.sent', [email])}</p>
      <VerificationTokenField value={token} onInput={setToken} />
      <ProblemNotice problem={problem} />
      <StatusNotice text={info} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy || !token.trim()}>
          {i18n.t('aml.verify.submit')}
        </button>
        <button type="button" disabled={busy} onClick={() => void send('resend')}>
          {i18n.t('aml.verify.resend')}
        </button>
      </div>
    </form>
  );
}
