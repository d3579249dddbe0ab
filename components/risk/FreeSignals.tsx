/**
 * What the free signals say about one address, in full: the USDT blacklist, and whether it imitates
 * an address the person dealt with (address poisoning), naming that address and where it is known
 * from. The TronScan badge only shows a tone; this is where the detail is read.
 */
import { i18n } from '#i18n';
import type { KnownAddressSource } from '@/lib/risk/lookalike';
import { useRiskBadges } from './use-risk-badges';

const SOURCE_KEYS = {
  tronlink: 'risk.source.tronlink',
  rental: 'risk.source.rental',
  check: 'risk.source.check',
  payment: 'risk.source.payment',
} as const;

function sourceText(sources: readonly KnownAddressSource[]): string {
  return sources
    .filter((source): source is keyof typeof SOURCE_KEYS => source in SOURCE_KEYS)
    .map((source) => i18n.t(SOURCE_KEYS[source]))
    .join(', ');
}

/** The free signals of `address`, a card on the check page. */
export function FreeSignals({ address }: { address: string }) {
  const read = useRiskBadges([address]);
  const badge = read.value?.badges.find((b) => b.address === address) ?? null;
  const settings = read.value?.settings;
  let lines: Array<{ tone: string; text: string; signal: string }> = [];
  if (settings && (!settings.enabled || !settings.freeSignals)) {
    lines = [{ tone: '', text: i18n.t('risk.freeSignalsOff'), signal: 'off' }];
  } else if (badge) {
    const blacklist = badge.blacklisted === null ? 'unknown' : badge.blacklisted ? 'yes' : 'no';
    lines.push({
      tone: badge.blacklisted ? 'error' : badge.blacklisted === false ? 'ok' : '',
      text: i18n.t(`risk.blacklist.${blacklist}`),
      signal: `blacklist-${blacklist}`,
    });
    if (badge.lookalikeOf) {
      lines.push({
        tone: 'warn',
        text: i18n.t('risk.lookalike', [badge.lookalikeOf.address, sourceText(badge.lookalikeOf.sources)]),
        signal: 'lookalike',
      });
    }
  }
  return (
    <section class="card stack" aria-labelledby="free-signals-heading" data-testid="free-signals">
      <h2 id="free-signals-heading">{i18n.t('risk.freeSignals')}</h2>
      {lines.length === 0 ? (
        <p class="muted">{read.problem ? read.problem.message : i18n.t('risk.tone.pending')}</p>
      ) : (
        <ul class="plain stack">
          {lines.map((line) => (
            <li
              key={line.signal}
              class={line.tone ? `notice ${line.tone}` : undefined}
              data-signal={line.signal}
            >
              {line.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
