/**
 * Popup screens whose code loads on first use. The popup opens on the Energy tab; a tab the person
 * may never open (AML, with its forms, QR encoder and address checks) costs nothing until then, and
 * its load starts as soon as the pointer or focus reaches its tab.
 */
import { i18n } from '#i18n';
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from '@/components/ui/Loading';

export interface LazyScreen {
  (): JSX.Element;
  /** Starts loading the screen's code (once; a failed load is tried again on the next call). */
  preload(): Promise<ComponentType>;
}

/** A component that renders the screen `load` resolves to, with a loading state until it has. */
export function lazyScreen(load: () => Promise<ComponentType>): LazyScreen {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const preload = () =>
    (loading ??= load().then(
      (screen) => (loaded = screen),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));

  function Screen() {
    // Shown again after a tab switch: the loaded screen renders at once, without a loading flash.
    const [Loaded, setLoaded] = useState<ComponentType | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      preload().then(
        (screen) => live && setLoaded(() => screen),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [Loaded]);
    if (Loaded) return <Loaded />;
    if (failed) {
      // The extension was updated while the popup stayed open: its old chunks are gone.
      return (
        <p class="notice error" role="alert">
          {i18n.t('errors.unknown')}
        </p>
      );
    }
    return <Loading />;
  }

  return Object.assign(Screen, { preload });
}
