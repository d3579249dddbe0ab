/** The muted, busy line a page or panel shows while what it needs is on the way. */
import { i18n } from '#i18n';

/** "Loading…", or `text` for a more specific wait. */
export function Loading({ text }: { text?: string }) {
  return (
    <p class="muted" aria-busy="true">
      {text ?? i18n.t('common.loading')}
    </p>
  );
}
