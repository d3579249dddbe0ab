/**
 * The 2aml account messages: sign in (every branch of `POST /auth/login`), two-factor with a code or
 * a recovery code, register, e-mail verification, profile, sign out. Inputs are checked here so a
 * mistyped form sends nothing; answers are session views, never the token.
 */
import type { Handlers } from '@/lib/messaging';
import { twoAmlSession } from './background-session';
import { outcomeOf, refused } from '../aml/outcome';
import { localProblem } from '../aml/texts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The account handlers. */
export function createAccountHandlers(): Handlers {
  const view = () => twoAmlSession.view();
  /** Runs a session step, then answers with the session view, or with the problem the step hit. */
  const viewAfter = (step: () => Promise<unknown>) =>
    outcomeOf(async () => {
      await step();
      return view();
    });
  return {
    'aml.session': () => view(),

    'aml.signIn': async ({ email, password, keepSignedIn }) => {
      if (!EMAIL.test(email.trim())) return refused(localProblem('email_invalid'));
      if (!password) return refused(localProblem('password_missing'));
      return viewAfter(() => twoAmlSession.signIn({ email: email.trim(), password, keepSignedIn }));
    },

    'aml.completeTwoFactor': async ({ code }) => {
      if (!code.trim()) return refused(localProblem('code_missing'));
      return viewAfter(() => twoAmlSession.completeTwoFactor(code.trim()));
    },

    'aml.register': async ({ email, password, referralCode, keepSignedIn }) => {
      if (!EMAIL.test(email.trim())) return refused(localProblem('email_invalid'));
      if (password.length < 6) return refused(localProblem('password_short'));
      return viewAfter(() =>
        twoAmlSession.register({
          email: email.trim(),
          password,
          referralCode: referralCode?.trim() || undefined,
          keepSignedIn,
        }),
      );
    },

    'aml.requestVerification': async ({ email }) => {
      if (email !== undefined && !EMAIL.test(email.trim())) return refused(localProblem('email_invalid'));
      return viewAfter(() => twoAmlSession.requestVerification(email));
    },

    'aml.confirmVerification': async ({ token }) => {
      if (!token.trim()) return refused(localProblem('token_missing'));
      return viewAfter(() => twoAmlSession.confirmVerification(token.trim()));
    },

    'aml.cancelSignIn': async () => {
      await twoAmlSession.cancelSignIn();
      return view();
    },

    'aml.signOut': async () => {
      await twoAmlSession.signOut();
      return view();
    },

    'aml.profile': () => viewAfter(() => twoAmlSession.refreshProfile()),
  };
}
