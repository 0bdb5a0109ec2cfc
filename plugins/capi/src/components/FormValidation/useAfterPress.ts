import { useCallback, useEffect, useRef } from 'react';

/**
 * Returns a function that runs its argument now, or, while a mouse (or
 * tap) press is in progress, right after the press is released and its click
 * handled. A problem shown when the user leaves an input then never moves
 * the button they are clicking out from under the pointer (the click would be
 * lost: "Add service network" right after typing a bad block).
 */
export function useAfterPress(): (run: () => void) => void {
  const pressed = useRef(false);
  useEffect(() => {
    const press = () => {
      pressed.current = true;
    };
    const release = () => {
      pressed.current = false;
    };
    document.addEventListener('mousedown', press, true);
    document.addEventListener('mouseup', release, true);
    return () => {
      document.removeEventListener('mousedown', press, true);
      document.removeEventListener('mouseup', release, true);
    };
  }, []);
  return useCallback((run: () => void) => {
    if (!pressed.current) {
      run();
      return;
    }
    // The click follows mouseup in the same task; a timeout runs after it.
    document.addEventListener('mouseup', () => setTimeout(run, 0), {
      once: true,
      capture: true,
    });
  }, []);
}
