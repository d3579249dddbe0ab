import type { RiskLookupAnswer } from '@/lib/risk/badge-model';

/** The background calls a content script may make (all `content`-role messages). */
export interface RiskChannel {
  lookup(addresses: string[]): Promise<RiskLookupAnswer>;
  requestCheck(address: string): Promise<void>;
  openCheckPage(address: string): Promise<void>;
}
