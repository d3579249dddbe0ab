/** The user's defaults for new checks and the stored item that keeps them. */
import { z } from 'zod';
import { REPORT_LANGUAGES, REQUEST_BILLING_MODES } from './api-schemas';
import { defineValidatedItem } from '../storage';

export const amlPreferencesSchema = z
  .object({
    billingMode: z.enum(REQUEST_BILLING_MODES).catch('auto'),
    reportLanguage: z.enum(REPORT_LANGUAGES).catch('en'),
  })
  .catch({ billingMode: 'auto', reportLanguage: 'en' });
export type AmlPreferencesStored = z.output<typeof amlPreferencesSchema>;

/** Billing mode and report language for new checks. */
export const amlPreferencesItem = defineValidatedItem('local:amlPreferences', amlPreferencesSchema, {
  fallback: amlPreferencesSchema.parse({}),
});
