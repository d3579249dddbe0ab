/**
 * "Check an address" in the popup: the address is checked here first (checksum and all), so a typo
 * sends nothing; then the cost and the button that pays for the check; then its progress.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { isTronAddress } from '@/lib/tron/address';
import { AML_CHECK_KIND } from '@/lib/aml/job-names';
import type { AmlPreferences } from '@/lib/aml/views';
import { CheckProgress } from './CheckProgress';
import { RunCheck } from './RunCheck';
import { openCheckPage } from './open-check-page';
import { jobsKey, useJobsOfKind } from './use-aml';

/** A finished check stays on show this long. */
const RECENT_MS = 10 * 60_000;

/** The popup's address field, cost and start button, and the latest check's progress. */
export function CheckPanel({ preferences }: { preferences: AmlPreferences }) {
  const checks = useJobsOfKind(AML_CHECK_KIND);
  const [address, setAddress] = useState('');
  const [touched, setTouched] = useState(false);
  const [startedId, setStartedId] = useState<string | null>(null);
  const trimmed = address.trim();
  const valid = isTronAddress(trimmed);
  const current =
    checks.find((job) => job.id === startedId) ??
    checks.find((job) => !job.terminal) ??
    checks.find((job) => Date.now() - job.updatedAt < RECENT_MS);

  return (
    <section class="card stack" aria-labelledby="aml-check-heading">
      <h2 id="aml-check-heading">{i18n.t('aml.check.heading')}</h2>
      <label>
        {i18n.t('aml.check.address')}
        <input
          class="mono"
          value={address}
          onInput={(e) => setAddress(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          spellcheck={false}
          autocomplete="off"
          maxLength={100}
          aria-invalid={touched && trimmed !== '' && !valid}
          aria-describedby="aml-check-address-error"
          data-testid="aml-check-address"
        />
      </label>
      {trimmed !== '' && !valid && (touched || trimmed.length >= 34) && (
        <p id="aml-check-address-error" class="field-error" role="alert">
          {i18n.t('aml.problems.invalid_address')}
        </p>
      )}
      {valid && (
        <RunCheck
          address={trimmed}
          preferences={preferences}
          origin="popup"
          refreshKey={jobsKey(checks)}
          onStarted={(jobId) => {
            setStartedId(jobId);
            setAddress('');
            setTouched(false);
          }}
        />
      )}
      {current && <CheckProgress job={current} onOpen={openCheckPage} />}
    </section>
  );
}
