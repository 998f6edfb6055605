import { css } from 'lit';

/**
 * Theme tokens resolved once on :host into private `--_*` locals, with
 * fallbacks so no theme file is needed. Light and dark come from the same
 * tokens: each default is a `light-dark()` pair that follows
 * `prefers-color-scheme`, or `theme="light|dark"` on the element; any
 * `--notif-*` a page sets wins over both.
 */
export const tokens = css`
  :host {
    color-scheme: light dark;
    --_accent: var(--notif-accent, light-dark(#2563eb, #60a5fa));
    --_on-accent: var(--notif-on-accent, light-dark(#ffffff, #0b1220));
    --_surface: var(--notif-surface, light-dark(#ffffff, #111827));
    --_surface-alt: var(--notif-surface-alt, light-dark(#f3f4f6, #1f2937));
    --_text: var(--notif-text, light-dark(#111827, #f9fafb));
    --_muted: var(--notif-muted, light-dark(#4b5563, #cbd5e1));
    --_border: var(--notif-border, light-dark(#d1d5db, #374151));
    --_danger: var(--notif-danger, light-dark(#b91c1c, #f87171));
    --_radius: var(--notif-radius, 8px);
    --_font: var(--notif-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--notif-shadow, 0 10px 30px light-dark(rgb(0 0 0 / 0.18), rgb(0 0 0 / 0.6)));
    --_focus: var(--notif-focus-ring, 2px solid var(--_accent));
    --_duration: var(--notif-motion-duration, 180ms);
    font-family: var(--_font);
    color: var(--_text);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
`;
