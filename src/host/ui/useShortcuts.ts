import { useEffect } from 'react';

/** The lookup key of a keyboard event: 'w', 'ArrowUp', '+', 'Ctrl+z', 'Ctrl+Shift+z'. */
export function shortcutKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
): string {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (!event.ctrlKey && !event.metaKey) return key;
  return `Ctrl+${event.shiftKey ? 'Shift+' : ''}${key}`;
}

/**
 * Global shortcuts, ignored while the user types in a text field (but not on checkboxes,
 * buttons or sliders, which keep the viewer's keys working) and while a dialog is open.
 */
export function useShortcuts(handlers: Readonly<Record<string, () => void>>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest(
        'input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=color]), textarea, select, [contenteditable="true"]',
      );
      // Nor while a modal dialog is open: the viewer behind it is inert, and Escape closes it.
      if (typing || event.altKey || document.querySelector('dialog[open]')) return;
      const handler = handlers[shortcutKey(event)];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
}
