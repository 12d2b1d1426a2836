import { useEffect, useRef } from 'react';

/** A keyboard shortcut for the frequent actions (F2 new call, F3 search, …), active while mounted. */
export function useShortcut(key: string, action: () => unknown): void {
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === key) {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key]);
}
