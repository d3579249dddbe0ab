/**
 * The check page (`check.html?address=T…`): one address's AML result in full, with its reports.
 * With `&confirm=1` it is the extension-owned confirmation of a paid check: the address, the exact
 * cost, a sign-in form when signed out, and the check starts only on a click here. A web page cannot
 * open this page (it is not web-accessible) nor reach the message that starts a check.
 */
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { isTronAddress } from '@/lib/tron/address';
import { AML_CHECK_KIND } from '@/lib/aml/job-names';
import type { AddressCheckView } from '@/lib/aml/views';
import type { JobView } from '@/lib/app-view';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import { AccountForms } from '@/components/aml/AccountForms';
import { CheckProgress } from '@/components/aml/CheckProgress';
import { CheckResult } from '@/components/aml/CheckResult';
import { RunCheck } from '@/components/aml/RunCheck';
import { levelText, levelTone, when } from '@/components/aml/format';
import { jobsKey, useAmlView, useJobsOfKind } from '@/components/aml/use-aml';
import { useOutcome } from '@/components/ui/use-outcome';
import { succeeded } from '@/lib/outcome';
import { Loading } from '@/components/ui/Loading';
import { FreeSignals } from '@/components/risk/FreeSignals';
import '@/components/aml/aml.css';

/** The check page for the `address` (and `confirm`) in `search`. */
export function CheckApp({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  const address = (params.get('address') ?? '').trim();
  const valid = isTronAddress(address);
  useEffect(() => {
    document.title = i18n.t('aml.page.title');
  }, []);
  return (
    <main class="check-page aml-screen" data-testid="check-page">
      <header>
        <h1>
          <img src="/icon/32.png" alt="" />
          {i18n.t('aml.page.title')}
          {IS_SANDBOX_BUILD && <span class="pill warn">{i18n.t('common.sandboxBadge')}</span>}
        </h1>
      </header>
      {valid ? (
        <AddressPage address={address} confirmAsked={params.get('confirm') === '1'} />
      ) : (
        <p class="notice error" role="alert" data-problem="invalid_address">
          {i18n.t('aml.page.invalid')}
        </p>
      )}
    </main>
  );
}

function AddressPage({ address, confirmAsked }: { address: string; confirmAsked: boolean }) {
  const aml = useAmlView();
  const jobs = useJobsOfKind(AML_CHECK_KIND).filter((job) => job.data.address === address);
  const [startedId, setStartedId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(confirmAsked);
  const running = jobs.find((job) => job.id === startedId) ?? jobs.find((job) => !job.terminal);
  const data = useAddressCheck(address, `${aml?.session.status}|${jobsKey(jobs)}`);

  if (!aml) {
    return <Loading />;
  }
  const session = aml.session;
  const active = running !== undefined && !running.terminal;
  const showConfirmation = confirming && !active;

  return (
    <>
      <p class="mono check-address" data-testid="check-address">
        {address}
      </p>
      <FreeSignals address={address} />
      {running && (!running.terminal || running.state !== 'completed') && <CheckProgress job={running} />}
      {showConfirmation && (
        <section
          class="card stack check-confirm"
          aria-labelledby="check-confirm-heading"
          data-testid="check-confirm"
        >
          <h2 id="check-confirm-heading">{i18n.t('aml.page.confirmHeading')}</h2>
          <p>{i18n.t('aml.page.confirmIntro')}</p>
          {session.status === 'signed_in' ? (
            <RunCheck
              address={address}
              preferences={aml.preferences}
              origin="confirmation"
              refreshKey={jobsKey(jobs)}
              onStarted={(jobId) => {
                setStartedId(jobId);
                setConfirming(false);
              }}
            />
          ) : (
            <>
              <p class="notice warn">{i18n.t('aml.page.signInFirst')}</p>
              <AccountForms session={session} />
            </>
          )}
          <div class="row">
            <button type="button" onClick={() => (confirmAsked ? window.close() : setConfirming(false))}>
              {i18n.t('aml.page.cancel')}
            </button>
          </div>
        </section>
      )}
      <ResultSection
        data={data}
        running={running}
        signedIn={session.status === 'signed_in'}
        onCheck={confirming || active ? null : () => setConfirming(true)}
      />
    </>
  );
}

function ResultSection({
  data,
  running,
  signedIn,
  onCheck,
}: {
  data: AddressCheckView | null;
  running: JobView | undefined;
  signedIn: boolean;
  onCheck: (() => void) | null;
}) {
  if (!data) {
    return <Loading />;
  }
  if (data.detail) return <CheckResult detail={data.detail} />;
  const cached = data.cached;
  return (
    <section class="card stack" data-testid="check-summary">
      {cached ? (
        <>
          <div class="row spread">
            <h2>{i18n.t('aml.result.heading')}</h2>
            <span class={`pill ${levelTone(cached.level, cached.flagged)}`} data-testid="aml-level">
              {levelText(cached.level)}
            </span>
          </div>
          <p>{i18n.t('aml.page.cachedSummary', [String(cached.score), when(cached.checkedAt)])}</p>
          {cached.tags.length > 0 && <p>{i18n.t('aml.page.tags', [cached.tags.join(', ')])}</p>}
          <p class="pill">{i18n.t('aml.page.cachedMark')}</p>
          {!signedIn && <p class="muted">{i18n.t('aml.page.cachedOnly')}</p>}
        </>
      ) : (
        !running && <p class="muted">{i18n.t('aml.page.noResult')}</p>
      )}
      {data.problem && data.problem.code !== 'not_signed_in' && (
        <p class="notice error" role="alert" data-problem={data.problem.code}>
          {data.problem.message}
        </p>
      )}
      {onCheck && (
        <div class="row">
          <button type="button" class="primary" onClick={onCheck} data-testid="check-this-address">
            {cached ? i18n.t('aml.page.checkAgain') : i18n.t('aml.page.check')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * The page's data for the address, read again whenever `key` changes (sign-in, a job's new state).
 * The answer is always a view: a problem reading the full result travels inside it, beside the cached one.
 */
function useAddressCheck(address: string, key: string): AddressCheckView | null {
  return useOutcome(
    async () => succeeded(await sendMessage('aml.addressCheck', { address })),
    `${address}|${key}`,
  ).value;
}
