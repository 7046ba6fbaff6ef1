/**
 * Where the page keeps the user's Hugging Face token: this tab's sessionStorage by default (and
 * removed when the page is left or reloaded), localStorage when "remember on this device" is on;
 * `forgetToken` removes it everywhere. The token is never written anywhere else (no URL, no
 * cookie, no log, no export) and never sent to this page's server.
 */
export const TOKEN_KEY = 'cape.live.token';

function stores(): { session: Storage | null; local: Storage | null } {
  const get = (f: () => Storage) => {
    try {
      return f();
    } catch {
      return null; // storage disabled by the browser: the token lives in the field only
    }
  };
  return { session: get(() => window.sessionStorage), local: get(() => window.localStorage) };
}

/** The stored token and whether it was remembered on this device ('' when none). */
export function loadToken(): { token: string; remembered: boolean } {
  const { session, local } = stores();
  const remembered = local?.getItem(TOKEN_KEY) ?? null;
  if (remembered) return { token: remembered, remembered: true };
  return { token: session?.getItem(TOKEN_KEY) ?? '', remembered: false };
}

/** Stores `token` in localStorage (remember) or sessionStorage, and removes the other copy. */
export function saveToken(token: string, remember: boolean): void {
  const { session, local } = stores();
  if (!token) return forgetToken();
  (remember ? local : session)?.setItem(TOKEN_KEY, token);
  (remember ? session : local)?.removeItem(TOKEN_KEY);
}

/** Removes the token from both storages. */
export function forgetToken(): void {
  const { session, local } = stores();
  session?.removeItem(TOKEN_KEY);
  local?.removeItem(TOKEN_KEY);
}

let listening = false;

/** Unless remembered, the session copy goes when the page is left or reloaded (listens once). */
export function dropSessionTokenOnLeave(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('pagehide', () => {
    if (!stores().local?.getItem(TOKEN_KEY)) stores().session?.removeItem(TOKEN_KEY);
  });
}
