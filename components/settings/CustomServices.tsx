/**
 * The "custom" profile's addresses: one base URL per service, empty for the documented one. Checked
 * here as typed; on Save the browser is asked for each new host first (a permission request needs the
 * person's click), and only then does the background store them (it checks both again).
 */
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { sendMessage } from '@/lib/messaging';
import {
  CUSTOM_SERVICES,
  DOCUMENTED_SERVICE_URLS,
  checkServiceUrl,
  permissionFor,
  type CustomService,
} from '@/lib/config/custom-services';
import type { Settings } from '@/lib/storage';

// Keys built from service names and problem codes are data; the typed `t` is widened for them.
const tk = i18n.t as (key: string, substitutions?: string[]) => string;

type Drafts = Record<CustomService, string>;

export function CustomServices({ custom }: { custom: Settings['network']['custom'] }) {
  const [drafts, setDrafts] = useState<Drafts>(
    () => Object.fromEntries(CUSTOM_SERVICES.map((s) => [s, custom[s] ?? ''])) as Drafts,
  );
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const problems = Object.fromEntries(
    CUSTOM_SERVICES.map((service) => {
      const text = drafts[service].trim();
      const checked = text === '' ? null : checkServiceUrl(text);
      return [service, checked && !checked.ok ? tk(`options.custom.problems.${checked.problem}`) : null];
    }),
  ) as Record<CustomService, string | null>;
  const hasProblem = CUSTOM_SERVICES.some((service) => problems[service] !== null);

  function save(event: Event) {
    event.preventDefault();
    if (hasProblem || saving) return;
    const patch = Object.fromEntries(
      CUSTOM_SERVICES.map((service) => {
        const text = drafts[service].trim();
        const checked = text === '' ? null : checkServiceUrl(text);
        return [service, checked?.ok ? checked.url : null];
      }),
    ) as Record<CustomService, string | null>;
    const origins = [
      ...new Set(
        Object.values(patch)
          .map((url) => (url ? permissionFor(url) : null))
          .filter((origin): origin is string => origin !== null),
      ),
    ];
    setSaving(true);
    setStatus(null);
    // Asked at once, inside the click: the browser grants host access only on a person's gesture.
    const granted = origins.length === 0 ? Promise.resolve(true) : browser.permissions.request({ origins });
    void granted
      .then(async (ok) => {
        if (!ok) {
          setStatus({ kind: 'error', text: i18n.t('options.custom.denied', [origins.join(', ')]) });
          return;
        }
        await sendMessage('settings.update', { network: { profile: 'custom', custom: patch } });
        setStatus({ kind: 'ok', text: i18n.t('options.saved') });
      })
      .catch(() => setStatus({ kind: 'error', text: i18n.t('options.custom.failed') }))
      .finally(() => setSaving(false));
  }

  return (
    <form class="stack" onSubmit={save} noValidate data-testid="custom-services">
      <p class="muted">{i18n.t('options.custom.hint')}</p>
      {CUSTOM_SERVICES.map((service) => (
        <label key={service}>
          {tk(`options.custom.services.${service}`)}
          <input
            type="url"
            inputMode="url"
            class="mono"
            spellcheck={false}
            autocomplete="off"
            placeholder={DOCUMENTED_SERVICE_URLS[service]}
            value={drafts[service]}
            aria-invalid={problems[service] ? true : undefined}
            aria-describedby={problems[service] ? `custom-${service}-problem` : undefined}
            onInput={(e) => {
              const value = e.currentTarget.value;
              setDrafts((current) => ({ ...current, [service]: value }));
              setStatus(null);
            }}
          />
          {problems[service] && (
            <span id={`custom-${service}-problem`} class="field-error">
              {problems[service]}
            </span>
          )}
        </label>
      ))}
      <div class="row">
        <button type="submit" class="primary" disabled={hasProblem || saving}>
          {i18n.t('options.custom.save')}
        </button>
      </div>
      {status && (
        <p class={`notice ${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </form>
  );
}
