import { defineConfig } from 'wxt';
import { SANDBOX_ORIGIN_DEFAULT, sandboxContentMatches, productionHostPermissions } from './lib/config/hosts';

/**
 * Two build modes (see README, "Build modes"):
 * - production (default): documented service hosts only; never names a local host.
 * - sandbox (`--mode sandbox`; `sandbox-e2e` for the tests, on another port): every service at the
 *   local sandbox origin `WXT_SANDBOX_ORIGIN`; never shipped.
 */
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  srcDir: '.',
  publicDir: 'assets/public',
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: {
      target: 'es2022',
      rollupOptions: {
        // zod and @scure/base ship comments Rollup cannot place; harmless, and they flood build logs.
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/')) return;
          warn(warning);
        },
      },
    },
  }),
  manifest: ({ mode, browser }) => {
    const sandbox = mode.startsWith('sandbox');
    const origin = process.env.WXT_SANDBOX_ORIGIN ?? SANDBOX_ORIGIN_DEFAULT;
    return {
      name: sandbox ? 'Ampere (sandbox)' : '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: [
        'storage',
        'alarms',
        'notifications',
        'contextMenus',
        'scripting',
        'activeTab',
        'downloads',
      ],
      host_permissions: sandbox ? [`${origin}/*`] : productionHostPermissions,
      optional_host_permissions: ['https://*/*'],
      action: { default_title: '__MSG_extName__' },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'ampere@ampere.tools',
                strict_min_version: '142.0',
                // Sent only on the user's action: 2aml sign-in (e-mail, password) and the wallet
                // addresses and amounts of rentals, checks and payments.
                data_collection_permissions: {
                  required: ['authenticationInfo', 'personallyIdentifyingInfo', 'financialAndPaymentInfo'],
                },
              },
            },
          }
        : {}),
    };
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (!wxt.config.mode.startsWith('sandbox')) return;
      const origin = process.env.WXT_SANDBOX_ORIGIN ?? SANDBOX_ORIGIN_DEFAULT;
      for (const script of manifest.content_scripts ?? []) {
        if (script.matches?.some((m) => m.includes('tronscan.org'))) {
          script.matches = [...script.matches, ...sandboxContentMatches(origin)];
        }
      }
    },
  },
});
