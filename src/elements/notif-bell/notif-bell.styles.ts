import { css } from 'lit';

export const bellStyles = css`
  :host {
    --_badge: var(--notif-badge-color, var(--_accent));
    --_on-badge: var(--notif-badge-text-color, var(--_on-accent));
    --_size: var(--notif-bell-size, 2.5rem);
    --_panel-width: var(--notif-panel-width, 24rem);
    display: inline-block;
    position: relative;
    /* The bell sits in the page's own chrome: its icon takes the page's color. */
    color: inherit;
  }
  [part~='button'] {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: var(--_size);
    block-size: var(--_size);
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--notif-bell-bg, transparent);
    color: var(--notif-bell-color, currentColor);
    cursor: pointer;
  }
  [part~='button']:hover {
    background: var(--_surface-alt);
    color: var(--_text);
  }
  [part~='badge'] {
    position: absolute;
    inset-block-start: 0;
    inset-inline-end: 0;
    min-inline-size: 1.1rem;
    block-size: 1.1rem;
    padding-inline: 0.3rem;
    box-sizing: border-box;
    border-radius: 0.55rem;
    background: var(--_badge);
    color: var(--_on-badge);
    font: 600 0.6875rem/1.1rem var(--_font);
    text-align: center;
    pointer-events: none;
  }
  [part~='status'] {
    position: absolute;
    inset-block-end: 0.2rem;
    inset-inline-end: 0.2rem;
    inline-size: 0.6rem;
    block-size: 0.6rem;
    border-radius: 50%;
    border: 2px solid var(--_surface);
    background: var(--_muted);
  }
  [part~='status'].error {
    background: var(--_danger);
  }
  .ringing slot[name='icon'] {
    display: inline-block;
    animation: ring 0.8s ease-in-out;
    transform-origin: 50% 10%;
  }
  @keyframes ring {
    0%,
    100% {
      transform: rotate(0);
    }
    20%,
    60% {
      transform: rotate(14deg);
    }
    40%,
    80% {
      transform: rotate(-14deg);
    }
  }
  [part~='panel'] {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    inline-size: min(var(--_panel-width), calc(100vw - 1rem));
    max-block-size: calc(100vh - 1rem);
    overflow: hidden;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 0.5rem 0.5rem 0.5rem 0.75rem;
    border-block-end: 1px solid var(--_border);
  }
  h2 {
    margin: 0;
    font-size: 1rem;
  }
  .close {
    display: grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  .close:hover {
    background: var(--_surface-alt);
  }
`;
