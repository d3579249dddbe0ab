/** What callers may ask of 2aml, checked before anything is sent (field rules from seeds/000 and 003). */
import { z } from 'zod';
import { tronAddress } from '../api/common-schemas';
import { pagingInput } from '../api/input';
import {
  CREDIT_HISTORY_TYPES,
  CREDIT_PLAN_CODES,
  REPORT_LANGUAGES,
  REQUEST_BILLING_MODES,
} from '../aml/api-schemas';

const email = z.string().trim().min(3).max(254);
export const registerInput = z.object({
  email,
  password: z.string().min(6),
  referralCode: z.string().trim().min(1).optional(),
});
export const loginInput = z.object({ email, password: z.string().min(1) });
export const twoFactorInput = z.object({ challengeToken: z.string().min(1), code: z.string().trim().min(1) });
export const verifyRequestInput = z.object({ email });
export const verifyConfirmInput = z.object({ token: z.string().trim().min(1) });
export const reconcileInput = z.object({ txHash: z.string().regex(/^[0-9a-fA-F]{64}$/) });
/** `1H`, `1D`, `3D`, `30D`… (seeds/000 §12). */
const period = z.string().regex(/^\d{1,2}[HD]$/);
const leaseInput = {
  receiver: tronAddress,
  energy: z.number().int().min(10_000),
  period: period.optional(),
  duration: z.number().int().min(0).max(30).optional(),
};
export const quoteInput = z.object(leaseInput);
const idempotencyKey = z.string().trim().min(1).max(128);
export const orderInput = z.object({
  ...leaseInput,
  orderId: z.string().trim().min(1).max(128),
  note: z.string().max(500).optional(),
  callbackUrl: z.url().optional(),
  idempotencyKey,
});
export const creditHistoryInput = pagingInput
  .unwrap()
  .extend({ type: z.enum(CREDIT_HISTORY_TYPES).optional() })
  .default({});
export const purchaseInput = z.object({ planCode: z.enum(CREDIT_PLAN_CODES), idempotencyKey });
export const checkInput = z.object({
  targetWallet: z.string().trim().min(1),
  targetNetwork: z.string().trim().min(1),
  requesterWallet: z.string().trim().min(1).optional(),
  billingMode: z.enum(REQUEST_BILLING_MODES).optional(),
  reportLanguage: z.enum(REPORT_LANGUAGES).optional(),
  idempotencyKey,
});
export const checkId = z.number().int().positive();
export const energyOrderId = z.string().min(1);

export type RegisterInput = z.input<typeof registerInput>;
export type LoginInput = z.input<typeof loginInput>;
export type TwoFactorInput = z.input<typeof twoFactorInput>;
export type QuoteInput = z.input<typeof quoteInput>;
export type CreateOrderInput = z.input<typeof orderInput>;
export type PurchaseCreditsInput = z.input<typeof purchaseInput>;
export type CreateCheckInput = z.input<typeof checkInput>;
