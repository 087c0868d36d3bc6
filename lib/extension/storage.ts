/** The settings item in extension storage ("local": settings never leave the device). */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';

const item = storage.defineItem<unknown>('local:settings', { fallback: DEFAULT_SETTINGS });

export async function getSettings(): Promise<Settings> {
  return readSettings(await item.getValue());
}

export async function setSettings(settings: Settings): Promise<void> {
  await item.setValue(readSettings(settings));
}

/** Call `callback` with the new settings whenever they change; returns the unwatch function. */
export function watchSettings(callback: (settings: Settings) => void): () => void {
  const unwatch = item.watch((value) => callback(readSettings(value)));
  return () => {
    try {
      unwatch();
    } catch {
      // After an extension reload the storage API is gone, and so is the listener.
    }
  };
}
