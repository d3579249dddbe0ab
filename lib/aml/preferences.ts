/**
 * The user's defaults for new checks and the stored item that keeps them. The report language is
 * not one of them: a check's report is in the interface language unless that check asks otherwise
 * (an older stored `reportLanguage` is ignored).
 */
import { z } from 'zod';
import { REQUEST_BILLING_MODES } from './api-schemas';
import { defineValidatedItem } from '../storage';

export const amlPreferencesSchema = z
  .object({
    billingMode: z.enum(REQUEST_BILLING_MODES).catch('auto'),
  })
  .catch({ billingMode: 'auto' });
export type AmlPreferencesStored = z.output<typeof amlPreferencesSchema>;

/** Billing mode and report language for new checks. */
export const amlPreferencesItem = defineValidatedItem('local:amlPreferences', amlPreferencesSchema, {
  fallback: amlPreferencesSchema.parse({}),
});
