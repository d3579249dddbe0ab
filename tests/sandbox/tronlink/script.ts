/**
 * Assembles `/tronlink/emulator.js`: a prelude with the boot data, TronWeb's own browser build
 * (evaluated lazily inside a function, its UMD wrapper given a local `module` so no global leaks),
 * and the emulator's page script bundled by esbuild. Both big parts are read or built once.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserBundle } from '../tronscan/browser-bundle';
import type { Boot } from './page/boot';

const PAGE_ENTRY = fileURLToPath(new URL('./page/emulator.ts', import.meta.url));

/** tronweb's `exports` map hides `dist/`, so find the package root from its main entry. */
function tronWebBrowserBuildPath(): string {
  const main = createRequire(import.meta.url).resolve('tronweb'); // …/tronweb/lib/commonjs/index.js
  return join(dirname(main), '..', '..', 'dist', 'TronWeb.js');
}

let tronWebSource: Promise<string> | null = null;

function loadTronWebSource(): Promise<string> {
  tronWebSource ??= readFile(tronWebBrowserBuildPath(), 'utf8').then((source) =>
    // The map is not served; the comment would only make devtools ask for it.
    source.replace(/\n\/\/# sourceMappingURL=.*$/, ''),
  );
  tronWebSource.catch(() => (tronWebSource = null));
  return tronWebSource;
}

/** Starts building the parts so the first page load does not wait for them. */
export function warmEmulatorScript(): void {
  void Promise.all([loadTronWebSource(), browserBundle(PAGE_ENTRY)]).catch(() => undefined);
}

/** The whole emulator script for one response, with `boot` baked in. */
export async function emulatorScript(boot: Boot): Promise<string> {
  const [tronWeb, page] = await Promise.all([loadTronWebSource(), browserBundle(PAGE_ENTRY)]);
  return `/* Ampere sandbox: TronLink emulator (not TronLink), with TronWeb's browser build. */
(function () {
  if (window.__tronlinkEmulator) return;
  var __TRONLINK_BOOT__ = ${JSON.stringify(boot)};
  var __tronWebModule = null;
  function __loadTronWeb() {
    if (__tronWebModule) return __tronWebModule;
    var module = { exports: {} };
    var exports = module.exports;
    var define;
${tronWeb}
    ;
    __tronWebModule = module.exports;
    return __tronWebModule;
  }
${page}
})();
`;
}
