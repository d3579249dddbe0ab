/** The refresh button of an AML panel that reads from the background (`useOutcome`). */
import { i18n } from '#i18n';
import type { Loaded } from '@/components/ui/use-outcome';

/** Reads `loaded` again; disabled, and saying so, while a read is on the way. */
export function RefreshButton({ loaded }: { loaded: Pick<Loaded<unknown>, 'loading' | 'reload'> }) {
  return (
    <button type="button" onClick={() => void loaded.reload()} disabled={loaded.loading}>
      {loaded.loading ? i18n.t('common.loading') : i18n.t('aml.wallet.refresh')}
    </button>
  );
}
