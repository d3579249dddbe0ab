/** A button that copies one exact text (an address, an amount) and says so. */
import { i18n } from '#i18n';
import { useState } from 'preact/hooks';

/** Copies `text` as is; `label` names what is copied for screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      class="payments-copy"
      aria-label={`${i18n.t('payments.payment.copy')}: ${label}`}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? i18n.t('payments.payment.copied') : i18n.t('payments.payment.copy')}
    </button>
  );
}
