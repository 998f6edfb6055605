// Small layout helpers shared by the stories: a backdrop for the dark theme and a note
// that explains a state which the canvas alone cannot show.
import { html, type TemplateResult } from 'lit';

/** A page backdrop in the colours the dark theme is meant to sit on. */
export function darkStage(content: unknown): TemplateResult {
  return html`<div style="background:#030712;color:#f9fafb;padding:1.5rem;border-radius:8px;color-scheme:dark">${content}</div>`;
}

/** A short explanation shown above a story, for states set outside the page (OS settings, permissions). */
export function note(text: string, content: unknown): TemplateResult {
  return html`<p style="font:14px/1.5 system-ui,sans-serif;color:#374151;max-width:42rem;margin:0 0 1rem">${text}</p>
    ${content}`;
}

/** Where to see the reduced-motion state; every element follows the OS setting, none has an attribute for it. */
export const REDUCED_MOTION_NOTE =
  'Motion follows the operating system’s “reduce motion” setting (the prefers-reduced-motion media query); no attribute turns it on. ' +
  'To see it here, turn that setting on, or in Chrome DevTools open Rendering and emulate “prefers-reduced-motion: reduce”. ' +
  'Under it the bell does not ring, toasts appear without sliding in, and a swiped toast snaps back instantly; the static state is the same.';
