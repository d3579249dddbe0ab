/**
 * Stored shapes of the 2aml session and items. The bearer token is
 * kept in exactly one of two items: `session:` (memory only, the default) or `local:` (when the user
 * ticked "keep me signed in"). The sign-in flow in between (a pending two-factor challenge, an
 * e-mail waiting for verification, a session that just ended) is memory only. Nothing here ever
 * holds a password.
 */
import { z } from 'zod';
import { defineValidatedItem } from '../storage';
import { sealedValueSchema } from '../sealed';

export const storedUserSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  referralCode: z.string().nullable(),
  displayName: z.string().nullable(),
});
export type StoredUser = z.output<typeof storedUserSchema>;

/**
 * A signed-in session; invalid data reads as signed out (the user signs in again). `origin` is the
 * 2aml origin that issued the token: the token is sent nowhere else (a session stored before it
 * was recorded reads as signed out).
 */
export const storedSessionSchema = z
  .object({
    token: z.string().min(1),
    origin: z.url(),
    user: storedUserSchema,
    signedInAt: z.number(),
  })
  .nullable()
  .catch(null);
export type StoredSession = NonNullable<z.output<typeof storedSessionSchema>>;

export const SESSION_END_REASONS = ['expired', 'revoked', 'challenge_expired', 'address_changed'] as const;

/** Where a sign-in stands when no session exists. */
export const signInFlowSchema = z
  .discriminatedUnion('step', [
    z.object({
      step: z.literal('two_factor'),
      email: z.string(),
      challengeToken: z.string().min(1),
      /** Epoch ms of `loginChallengeExpiresAt`. */
      expiresAt: z.number(),
      /** The `x-fingerprint` the login sent (null: none), sent again with the code. */
      fingerprint: z.string().nullable(),
    }),
    z.object({
      step: z.literal('verify_email'),
      email: z.string(),
      verificationEmailSent: z.boolean(),
      confirmed: z.boolean(),
    }),
    z.object({
      step: z.literal('ended'),
      email: z.string().nullable(),
      reason: z.enum(SESSION_END_REASONS),
      at: z.number(),
    }),
  ])
  .nullable()
  .catch(null);
export type SignInFlow = NonNullable<z.output<typeof signInFlowSchema>>;

/** A random per-install attribution id, sent as `x-fingerprint` only when the user opts in. */
export const fingerprintSchema = z
  .string()
  .regex(/^fp_[0-9a-f]{32}$/)
  .nullable()
  .catch(null);

/** The 2aml session while it lives in memory only (the default): gone when the browser closes. */
export const twoAmlSessionMemoryItem = defineValidatedItem('session:twoAmlSession', storedSessionSchema, {
  fallback: null,
});

/** The 2aml session when the user ticked "keep me signed in", sealed (lib/sealed.ts); never both items at once. */
export const twoAmlSessionKeptItem = defineValidatedItem('local:twoAmlSessionSealed', sealedValueSchema, {
  fallback: null,
});

/** A pending two-factor challenge, an e-mail to verify, or why the last session ended (memory only). */
export const twoAmlSignInFlowItem = defineValidatedItem('session:twoAmlSignIn', signInFlowSchema, {
  fallback: null,
});

/** The per-install `x-fingerprint`, created the first time the user opts in to sending one. */
export const twoAmlFingerprintItem = defineValidatedItem('local:twoAmlFingerprint', fingerprintSchema, {
  fallback: null,
});
