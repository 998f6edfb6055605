import { css } from 'lit';

/**
 * Theme tokens resolved once on :host into private `--_*` locals, with
 * fallbacks so no theme file is needed. Light and dark come from the same
 * tokens: dark defaults apply under `prefers-color-scheme: dark` or
 * `theme="dark"`, and any `--notif-*` a page sets wins over both.
 */
export const tokens = css`
  :host {
    --_accent: var(--notif-accent, #2563eb);
    --_on-accent: var(--notif-on-accent, #ffffff);
    --_surface: var(--notif-surface, #ffffff);
    --_surface-alt: var(--notif-surface-alt, #f3f4f6);
    --_text: var(--notif-text, #111827);
    --_muted: var(--notif-muted, #4b5563);
    --_border: var(--notif-border, #d1d5db);
    --_danger: var(--notif-danger, #b91c1c);
    --_radius: var(--notif-radius, 8px);
    --_font: var(--notif-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_shadow: var(--notif-shadow, 0 10px 30px rgb(0 0 0 / 0.18));
    --_focus: var(--notif-focus-ring, 2px solid var(--_accent));
    --_duration: var(--notif-motion-duration, 180ms);
    font-family: var(--_font);
    color: var(--_text);
    color-scheme: light;
  }
  :host([theme='dark']) {
    --_accent: var(--notif-accent, #60a5fa);
    --_on-accent: var(--notif-on-accent, #0b1220);
    --_surface: var(--notif-surface, #111827);
    --_surface-alt: var(--notif-surface-alt, #1f2937);
    --_text: var(--notif-text, #f9fafb);
    --_muted: var(--notif-muted, #cbd5e1);
    --_border: var(--notif-border, #374151);
    --_danger: var(--notif-danger, #f87171);
    --_shadow: var(--notif-shadow, 0 10px 30px rgb(0 0 0 / 0.6));
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_accent: var(--notif-accent, #60a5fa);
      --_on-accent: var(--notif-on-accent, #0b1220);
      --_surface: var(--notif-surface, #111827);
      --_surface-alt: var(--notif-surface-alt, #1f2937);
      --_text: var(--notif-text, #f9fafb);
      --_muted: var(--notif-muted, #cbd5e1);
      --_border: var(--notif-border, #374151);
      --_danger: var(--notif-danger, #f87171);
      --_shadow: var(--notif-shadow, 0 10px 30px rgb(0 0 0 / 0.6));
      color-scheme: dark;
    }
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
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
