/**
 * One request out at a time, newest state wins. `fetchAndShow` reads the state, asks the main process
 * and shows the answer unless `outdated()` says the state changed meanwhile. A call while a request is
 * out does not send another one at once (on the one database connection it would only queue behind the
 * first, each keystroke delaying the next): it marks the answer outdated, and a fresh request with the
 * state as it is then follows as soon as the first returns. Every caller's promise settles once the
 * newest state's answer is shown.
 */
export function latestOnly(fetchAndShow: (outdated: () => boolean) => Promise<void>): () => Promise<void> {
  let out: Promise<void> | null = null;
  let outdated = false;
  return () => {
    if (out) {
      outdated = true;
      return out;
    }
    out = (async () => {
      try {
        do {
          outdated = false;
          await fetchAndShow(() => outdated);
        } while (outdated);
      } finally {
        out = null;
      }
    })();
    return out;
  };
}
