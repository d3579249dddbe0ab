/**
 * Signing in to 2aml, every branch: e-mail and password (then a two-factor code or a recovery code,
 * or e-mail verification with the token from the e-mail and signing in again), and registering.
 * The password lives in this component's state only while the form is open; the background passes it
 * to 2aml and keeps nothing.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { AmlSessionView } from '@/lib/aml/views';
import type { Outcome, Problem } from '@/lib/outcome';
import { useAppStore } from '@/components/app-store';
import { ProblemNotice } from './ProblemNotice';
import { StatusNotice } from './StatusNotice';
import { tk } from './format';
import { formatMoment } from '@/lib/locale';
import { tLtr } from '@/components/ui/bidi';

type Mode = 'signIn' | 'register';

/** The sign-in, two-factor, verification or register form for the session's current step. */
export function AccountForms({ session }: { session: Exclude<AmlSessionView, { status: 'signed_in' }> }) {
  const keepDefault = useAppStore((state) => state.view?.settings.privacy.keepSignedIn ?? false);
  const [mode, setMode] = useState<Mode>('signIn');
  const [email, setEmail] = useState(session.status === 'signed_out' ? (session.email ?? '') : session.email);
  const [password, setPassword] = useState('');
  const [referral, setReferral] = useState('');
  const [keep, setKeep] = useState(keepDefault);
  const [code, setCode] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [info, setInfo] = useState<string | null>(null);

  async function run(send: () => Promise<Outcome<AmlSessionView>>, after?: (view: AmlSessionView) => void) {
    setBusy(true);
    setProblem(null);
    setInfo(null);
    try {
      const outcome = await send();
      if (outcome.ok) after?.(outcome.value);
      else setProblem(outcome.problem);
    } catch {
      setProblem({ code: 'unknown', message: i18n.t('errors.unknown'), retry: 'now' });
    } finally {
      setBusy(false);
    }
  }

  /** A form's submit handler: `run(send, after)` instead of a page load. */
  const submitTo =
    (send: () => Promise<Outcome<AmlSessionView>>, after?: (view: AmlSessionView) => void) =>
    (event: Event) => {
      event.preventDefault();
      void run(send, after);
    };

  const signIn = submitTo(
    () => sendMessage('aml.signIn', { email, password, keepSignedIn: keep }),
    (view) => {
      // Signed in: the password is no longer needed anywhere.
      if (view.status === 'signed_in') setPassword('');
    },
  );

  const register = submitTo(
    () =>
      sendMessage('aml.register', {
        email,
        password,
        referralCode: referral.trim() || undefined,
        keepSignedIn: keep,
      }),
    () => setPassword(''),
  );

  if (session.status === 'two_factor_required') {
    return (
      <form
        class="card stack"
        onSubmit={submitTo(
          () => sendMessage('aml.completeTwoFactor', { code }),
          () => {
            setCode('');
            setPassword('');
          },
        )}
        aria-labelledby="aml-2fa-heading"
        data-testid="aml-two-factor"
      >
        <h2 id="aml-2fa-heading">{i18n.t('aml.twoFactor.heading')}</h2>
        <p>{tLtr('aml.twoFactor.prompt', [session.email])}</p>
        <label>
          {i18n.t('aml.twoFactor.code')}
          <input
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            autocomplete="one-time-code"
            autoFocus
            spellcheck={false}
            required
            maxLength={64}
          />
        </label>
        <p class="muted">
          {i18n.t('aml.twoFactor.expires', [formatMoment(session.expiresAt, { time: true })])}
        </p>
        <ProblemNotice problem={problem} />
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? i18n.t('aml.signIn.working') : i18n.t('aml.twoFactor.submit')}
          </button>
          <CancelSignIn busy={busy} />
        </div>
      </form>
    );
  }

  if (session.status === 'email_verification_required' && !session.confirmed) {
    return (
      <form
        class="card stack"
        onSubmit={submitTo(
          () => sendMessage('aml.confirmVerification', { token }),
          () => setToken(''),
        )}
        aria-labelledby="aml-verify-heading"
        data-testid="aml-verify-email"
      >
        <h2 id="aml-verify-heading">{i18n.t('aml.verify.heading')}</h2>
        <p>
          {session.verificationEmailSent
            ? tLtr('aml.verify.sent', [session.email])
            : tLtr('aml.verify.notSent', [session.email])}
        </p>
        <VerificationTokenField value={token} onInput={setToken} />
        <StatusNotice text={info} />
        <ProblemNotice problem={problem} />
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {i18n.t('aml.verify.submit')}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(
                () => sendMessage('aml.requestVerification', { email: session.email }),
                () => setInfo(i18n.t('aml.verify.resent')),
              )
            }
          >
            {i18n.t('aml.verify.resend')}
          </button>
          <CancelSignIn busy={busy} />
        </div>
      </form>
    );
  }

  const ended = session.status === 'signed_out' ? session.ended : null;
  const confirmed = session.status === 'email_verification_required' && session.confirmed;
  return (
    <form
      class="card stack"
      onSubmit={mode === 'signIn' ? signIn : register}
      aria-labelledby="aml-sign-in-heading"
      data-testid="aml-sign-in"
    >
      <h2 id="aml-sign-in-heading">
        {mode === 'signIn' ? i18n.t('aml.signIn.heading') : i18n.t('aml.register.heading')}
      </h2>
      {ended && (
        <p class="notice warn" role="alert" data-session-ended={ended}>
          {tk(`aml.session.ended.${ended}`)}
        </p>
      )}
      <StatusNotice text={confirmed && i18n.t('aml.verify.confirmed')} />
      <label>
        {i18n.t('aml.signIn.email')}
        <input
          type="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
          autocomplete="username"
          required
          maxLength={254}
        />
      </label>
      <label>
        {i18n.t('aml.signIn.password')}
        <input
          type="password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          autocomplete={mode === 'signIn' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'register' ? 6 : undefined}
          maxLength={1024}
        />
      </label>
      {mode === 'register' && (
        <label>
          {i18n.t('aml.register.referral')}
          <input value={referral} onInput={(e) => setReferral(e.currentTarget.value)} maxLength={64} />
        </label>
      )}
      <label class="inline">
        <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.currentTarget.checked)} />
        {i18n.t('aml.session.keepSignedIn')}
      </label>
      <p class="muted aml-small">{i18n.t('aml.signIn.passwordNote')}</p>
      <ProblemNotice problem={problem} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {busy
            ? i18n.t('aml.signIn.working')
            : mode === 'signIn'
              ? i18n.t('aml.signIn.submit')
              : i18n.t('aml.register.submit')}
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setMode(mode === 'signIn' ? 'register' : 'signIn');
            setProblem(null);
          }}
        >
          {mode === 'signIn' ? i18n.t('aml.signIn.register') : i18n.t('aml.signIn.haveAccount')}
        </button>
      </div>
    </form>
  );
}

/** Abandons the sign-in in progress (two-factor or e-mail verification step). */
function CancelSignIn({ busy }: { busy: boolean }) {
  return (
    <button type="button" disabled={busy} onClick={() => void sendMessage('aml.cancelSignIn', undefined)}>
      {i18n.t('aml.twoFactor.cancel')}
    </button>
  );
}

/** The field for the token from 2aml's verification e-mail. */
export function VerificationTokenField({
  value,
  onInput,
}: {
  value: string;
  onInput: (token: string) => void;
}) {
  return (
    <label>
      {i18n.t('aml.verify.token')}
      <input
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        spellcheck={false}
        maxLength={512}
      />
    </label>
  );
}
