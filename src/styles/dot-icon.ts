import { svg } from 'lit';

// Apart from icons.ts, which loads with the bell: only the feed (loaded when the panel opens) shows it.
export const dotIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="6" fill="currentColor"/></svg>`;
