import { css } from 'lit';

// Variants only remap tokens; the rules below read the `--_*` locals.
export const toastStyles = css`
  :host {
    --_bg: var(--notif-toast-bg, var(--_surface));
    --_toast-shadow: var(--notif-toast-shadow, var(--_shadow));
    --_stripe: var(--_border);
    --_stripe-width: 1px;
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--notif-toast-width, 360px);
    font-size: 0.875rem;
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  :host([priority='low']) {
    --_toast-shadow: var(--notif-toast-shadow, none);
  }
  :host([priority='high']) {
    --_stripe: var(--_accent);
    --_stripe-width: 4px;
  }
  :host([priority='urgent']) {
    --_accent: var(--_danger);
    --_stripe: var(--_danger);
    --_stripe-width: 4px;
  }

  .toast {
    position: relative;
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    grid-template-areas:
      'icon main dismiss'
      'icon actions actions';
    align-items: start;
    box-sizing: border-box;
    inline-size: 100%;
    padding: 12px;
    background: var(--_bg);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-inline-start: var(--_stripe-width) solid var(--_stripe);
    border-radius: var(--_radius);
    box-shadow: var(--_toast-shadow);
    overflow-wrap: anywhere;
    /* Horizontal drags are ours (swipe to dismiss); vertical ones still scroll the page. */
    touch-action: pan-y;
    transition: translate var(--_duration) ease-out, opacity var(--_duration) ease-out;
  }
  .toast.swiping {
    transition: none;
  }

  .icon {
    grid-area: icon;
    display: flex;
  }
  [part~='icon'],
  ::slotted([slot='icon']) {
    inline-size: 32px;
    block-size: 32px;
    margin-inline-end: 12px;
    border-radius: 50%;
    object-fit: cover;
    flex: none;
  }

  .main {
    grid-area: main;
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
  }
  button.main {
    cursor: pointer;
    border-radius: calc(var(--_radius) / 2);
  }

  [part~='title'] {
    font-weight: 600;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow: hidden;
  }
  [part~='body'] {
    color: var(--_muted);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 3;
    line-clamp: 3;
    overflow: hidden;
  }

  .actions {
    grid-area: actions;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  [part~='action'],
  ::slotted([slot='actions']) {
    margin-block-start: 8px;
  }
  [part~='action'] {
    display: inline-flex;
    align-items: center;
    min-block-size: 32px;
    padding: 0 12px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface-alt);
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  [part~='action']:hover {
    border-color: var(--_accent);
  }

  [part~='dismiss'] {
    grid-area: dismiss;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: 32px;
    block-size: 32px;
    margin-block: -6px;
    margin-inline: 8px -6px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  [part~='dismiss']:hover {
    background: var(--_surface-alt);
    color: var(--_text);
  }
`;
