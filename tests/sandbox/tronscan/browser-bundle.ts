/**
 * Bundles a TypeScript entry for the browser (one IIFE) with esbuild, which is installed as vite's
 * dependency. Built once on first use and cached, so the sandbox starts without waiting for it.
 */
import { build } from 'esbuild';

const cache = new Map<string, Promise<string>>();

/** The bundled JavaScript of `entryPath` (absolute), built on the first call. */
export function browserBundle(entryPath: string): Promise<string> {
  let bundle = cache.get(entryPath);
  if (!bundle) {
    bundle = build({
      entryPoints: [entryPath],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      legalComments: 'none',
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    // A failed build is retried on the next request instead of being cached.
    bundle.catch(() => cache.delete(entryPath));
    cache.set(entryPath, bundle);
  }
  return bundle;
}
