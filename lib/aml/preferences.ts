/** The user's defaults for new checks (stored; the item is defined in lib/storage.ts). */
import { z } from 'zod';
import { REPORT_LANGUAGES, REQUEST_BILLING_MODES } from '../api/twoaml-aml-schemas';

export const amlPreferencesSchema = z
  .object({
    billingMode: z.enum(REQUEST_BILLING_MODES).catch('auto'),
    reportLanguage: z.enum(REPORT_LANGUAGES).catch('en'),
  })
  .catch({ billingMode: 'auto', reportLanguage: 'en' });
export type AmlPreferencesStored = z.output<typeof amlPreferencesSchema>;
