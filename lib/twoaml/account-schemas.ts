/**
 * 2aml account responses (seeds/000 §1–6, identical in seeds/003): register, the three-branch login,
 * two-factor completion, e-mail verification and the profile. Both namespaces share this model.
 */
import { z } from 'zod';
import { isoTimestamp } from '../api/common-schemas';

/** The customer as `user` in auth responses and as the whole body of `GET /auth/profile`. */
export const twoAmlUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  isActive: z.boolean(),
  role: z.string(),
  referralCode: z.string().nullish(),
  referredByUserId: z.number().int().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  displayName: z.string().nullish(),
  emailVerifiedAt: isoTimestamp.nullish(),
  pendingEmail: z.string().nullish(),
  pendingEmailRequestedAt: isoTimestamp.nullish(),
  twoFactorEnabled: z.boolean(),
  twoFactorEnabledAt: isoTimestamp.nullish(),
  twoFactorPendingSetup: z.boolean().optional(),
});
export type TwoAmlUser = z.output<typeof twoAmlUserSchema>;

const accessToken = z.string().min(1);

/** `POST /auth/register`: the account exists and a session started, verification e-mail sent. */
export const registerResponseSchema = z.object({
  accessToken,
  user: twoAmlUserSchema,
  emailVerificationRequired: z.boolean(),
  verificationEmailSent: z.boolean(),
  message: z.string().optional(),
});
export type RegisterResponse = z.output<typeof registerResponseSchema>;

/** The `authenticated` branch of login, also the answer of `POST /auth/login/2fa`. */
export const authenticatedSchema = z.object({
  status: z.literal('authenticated'),
  accessToken,
  user: twoAmlUserSchema,
  message: z.string().optional(),
});
export type Authenticated = z.output<typeof authenticatedSchema>;

/** `POST /auth/login`: branch on `status` before treating the answer as a session. */
export const loginResponseSchema = z.discriminatedUnion('status', [
  authenticatedSchema,
  z.object({
    status: z.literal('two_factor_required'),
    loginChallengeToken: z.string().min(1),
    loginChallengeExpiresAt: isoTimestamp,
    message: z.string().optional(),
  }),
  z.object({
    status: z.literal('email_verification_required'),
    verificationEmailSent: z.boolean(),
    message: z.string().optional(),
  }),
]);
export type LoginResponse = z.output<typeof loginResponseSchema>;

/** `POST /auth/verify-email/request`: deliberately silent about whether the account exists. */
export const verifyEmailRequestResponseSchema = z.object({
  success: z.boolean(),
  message: z.string().optional(),
});

/** `POST /auth/verify-email/confirm`; `sessionsRevoked: true` means sign in again. */
export const verifyEmailConfirmResponseSchema = z.object({
  success: z.boolean(),
  message: z.string().optional(),
  purpose: z.string().optional(),
  email: z.string().optional(),
  // Absent means nothing was revoked: the documented example always sends it, but a missing flag
  // must not end a session that is still valid.
  sessionsRevoked: z.boolean().default(false),
});
export type VerifyEmailConfirmResponse = z.output<typeof verifyEmailConfirmResponseSchema>;
