/**
 * The 2aml energy wallet's place in the Energy tab: a collapsed section whose code loads only when
 * it is opened, so the popup's first chunk stays small.
 */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { lazyScreen } from '@/components/shell/lazy-screen';

const TwoamlEnergyWallet = lazyScreen(async () => (await import('./TwoamlEnergyWallet')).TwoamlEnergyWallet);

/** "2aml energy wallet", closed until the person opens it. */
export function TwoamlEnergySection() {
  const [open, setOpen] = useState(false);
  return (
    <details
      id="twoaml-energy-wallet"
      class="card twoaml-energy"
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onPointerEnter={() => void TwoamlEnergyWallet.preload().catch(() => undefined)}
    >
      <summary>{i18n.t('twoamlEnergy.heading')}</summary>
      {open && <TwoamlEnergyWallet />}
    </details>
  );
}
