/**
 * The UI's mirror of background state. The background pushes an `AppView` over a port whenever its
 * state changes; pages never read `browser.storage` or call a service themselves.
 */
import { createStore } from 'zustand/vanilla';
import { useEffect, useState } from 'preact/hooks';
import { VIEW_PORT, type AppView } from '@/lib/app-view';

export interface AppState {
  view: AppView | null;
  connected: boolean;
}

export const appStore = createStore<AppState>(() => ({ view: null, connected: false }));

/** Opens the view port (reconnecting if the worker restarts) and feeds the store. */
export function connectAppStore(runtime = browser.runtime): () => void {
  let port: ReturnType<typeof runtime.connect> | undefined;
  let closed = false;
  const open = () => {
    port = runtime.connect({ name: VIEW_PORT });
    appStore.setState({ connected: true });
    port.onMessage.addListener((view) => appStore.setState({ view: view as AppView }));
    port.onDisconnect.addListener(() => {
      appStore.setState({ connected: false });
      // The worker was stopped or restarted: connect again, which wakes it.
      if (!closed) setTimeout(open, 200);
    });
  };
  open();
  return () => {
    closed = true;
    port?.disconnect();
  };
}

/** Subscribes a component to a slice of the app store. */
export function useAppStore<T>(select: (state: AppState) => T): T {
  const [value, setValue] = useState(() => select(appStore.getState()));
  useEffect(() => {
    setValue(select(appStore.getState()));
    return appStore.subscribe((state) => setValue(() => select(state)));
  }, []);
  return value;
}
