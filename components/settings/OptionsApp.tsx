/** Settings: network profile, TronScan badges, privacy. Every change goes through the background. */
import { i18n } from '#i18n';
import { useAppStore } from '@/components/app-store';
import { sendMessage } from '@/lib/messaging';
import type { MessageInput } from '@/lib/messaging';
import { IS_SANDBOX_BUILD } from '@/lib/config/build-mode';
import { SANDBOX_ORIGIN } from '@/lib/config/network';
import { CustomServices } from './CustomServices';
import { TronZapSetup } from '@/components/energy/TronZapSetup';
import { GatewaySetup } from './GatewaySetup';
import { tLtr } from '@/components/ui/bidi';

export function OptionsApp() {
  const settings = useAppStore((s) => s.view?.settings);
  const payments = useAppStore((s) => s.view?.payments);
  if (!settings || !payments) return <p class="muted options">{i18n.t('common.loading')}</p>;
  const save = (patch: MessageInput<'settings.update'>) => void sendMessage('settings.update', patch);

  return (
    <main class="options">
      <h1>{i18n.t('options.title')}</h1>

      <fieldset>
        <legend>{i18n.t('options.network.title')}</legend>
        {IS_SANDBOX_BUILD ? (
          <p class="notice warn">{tLtr('options.network.sandboxBuild', [SANDBOX_ORIGIN])}</p>
        ) : (
          <label>
            {i18n.t('options.network.profile')}
            <select
              value={settings.network.profile}
              onChange={(e) =>
                save({ network: { profile: e.currentTarget.value as 'production' | 'custom' } })
              }
            >
              <option value="production">{i18n.t('options.network.production')}</option>
              <option value="custom">{i18n.t('options.network.custom')}</option>
            </select>
          </label>
        )}
        {!IS_SANDBOX_BUILD && settings.network.profile === 'custom' && (
          <CustomServices custom={settings.network.custom} />
        )}
      </fieldset>

      <fieldset>
        <legend>{i18n.t('payments.setup.title')}</legend>
        <GatewaySetup setup={payments} />
      </fieldset>

      <fieldset>
        <legend>{i18n.t('options.badges.title')}</legend>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.badges.enabled}
            onChange={(e) => save({ badges: { enabled: e.currentTarget.checked } })}
          />
          {i18n.t('options.badges.enabled')}
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.badges.freeSignals}
            onChange={(e) => save({ badges: { freeSignals: e.currentTarget.checked } })}
          />
          {i18n.t('options.badges.freeSignals')}
        </label>
        <label>
          {i18n.t('options.badges.sensitivity')}
          <select
            value={settings.badges.lookalikeSensitivity}
            onChange={(e) =>
              save({
                badges: { lookalikeSensitivity: e.currentTarget.value as 'strict' | 'normal' | 'loose' },
              })
            }
          >
            <option value="strict">{i18n.t('options.badges.strict')}</option>
            <option value="normal">{i18n.t('options.badges.normal')}</option>
            <option value="loose">{i18n.t('options.badges.loose')}</option>
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>{i18n.t('energy.tronZap.title')}</legend>
        <TronZapSetup />
      </fieldset>

      <fieldset>
        <legend>{i18n.t('options.privacy.title')}</legend>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.privacy.keepSignedIn}
            onChange={(e) => save({ privacy: { keepSignedIn: e.currentTarget.checked } })}
          />
          {i18n.t('options.privacy.keepSignedIn')}
        </label>
        <label class="inline">
          <input
            type="checkbox"
            checked={settings.privacy.sendFingerprint}
            onChange={(e) => save({ privacy: { sendFingerprint: e.currentTarget.checked } })}
          />
          {i18n.t('options.privacy.sendFingerprint')}
        </label>
      </fieldset>
    </main>
  );
}
