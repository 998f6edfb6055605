import { css } from 'lit';

export const feedStyles = css`
  :host {
    --_feed-height: var(--notif-feed-height, 26rem);
    --_item-unread: var(--notif-item-unread-bg, color-mix(in srgb, var(--_accent) 8%, var(--_surface)));
    display: flex;
    flex-direction: column;
    min-inline-size: 0;
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875rem;
    line-height: 1.4;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 0.25rem;
    padding: 0.5rem 0.75rem;
    border-block-end: 1px solid var(--_border);
  }
  /* One row whatever the number of topics: the tabs scroll sideways, never wrap. */
  .filters {
    display: flex;
    gap: 0.25rem;
    flex: 1;
    min-inline-size: 0;
    overflow-x: auto;
    scrollbar-width: thin;
    overscroll-behavior-inline: contain;
  }
  .filters button,
  [part~='mark-all'] {
    flex: none;
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    padding: 0.25rem 0.5rem;
    cursor: pointer;
  }
  button:hover {
    background: var(--_surface-alt);
  }
  .filters button[aria-selected='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [part~='mark-all'] {
    color: var(--_accent);
  }
  [part~='mark-all']:disabled {
    color: var(--_muted);
    cursor: default;
  }
  [part~='list'] {
    block-size: var(--_feed-height);
    overflow: auto;
    overscroll-behavior: contain;
    /* The feed keeps the rows on screen in place itself (row heights are learnt as they render). */
    overflow-anchor: none;
  }
  .day {
    inline-size: 100%;
    box-sizing: border-box;
    margin: 0;
    padding: 0.75rem 0.75rem 0.25rem;
    font-size: 0.75rem;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_muted);
  }
  [part~='item'] {
    inline-size: 100%;
    box-sizing: border-box;
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    padding: 0.625rem 0.75rem;
    border-block-end: 1px solid var(--_border);
    cursor: pointer;
    outline-offset: -2px;
  }
  [part~='item']:hover {
    background: var(--_surface-alt);
  }
  [part~='item'][data-read='false'] {
    background: var(--_item-unread);
  }
  [part~='item'][data-read='false'] [part~='title'] {
    font-weight: 600;
  }
  .marker {
    grid-row: span 3;
    inline-size: 2rem;
    block-size: 2rem;
    display: grid;
    place-items: center;
    color: var(--_muted);
  }
  [data-read='false'] .marker {
    color: var(--_accent);
  }
  [data-priority='urgent'] .marker,
  [data-priority='high'] .marker {
    color: var(--_danger);
  }
  [part~='icon'] {
    inline-size: 2rem;
    block-size: 2rem;
    border-radius: 50%;
    object-fit: cover;
  }
  [part~='title'] {
    margin: 0;
    font-size: inherit;
    overflow-wrap: anywhere;
  }
  [part~='body'] {
    margin: 0;
    color: var(--_muted);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--notif-body-lines, 2);
    line-clamp: var(--notif-body-lines, 2);
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  [part~='time'] {
    font-size: 0.75rem;
    color: var(--_muted);
  }
  .actions {
    grid-column: 2;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part~='action'] {
    border: 1px solid var(--_border);
    color: var(--_accent);
    text-decoration: none;
    padding: 0.125rem 0.5rem;
    border-radius: calc(var(--_radius) / 2);
  }
  [part~='empty'],
  .state {
    padding: 2rem 1rem;
    text-align: center;
    color: var(--_muted);
  }
  .state.error {
    color: var(--_danger);
  }
  .state.pending {
    padding: 0.375rem 1rem;
    font-size: 0.75rem;
  }
  /* A change the server has not taken yet: the marker is hollow until it does. */
  [part~='item'][data-pending='true'] .marker {
    opacity: 0.55;
  }
  .footer {
    display: flex;
    justify-content: center;
    padding: 0.5rem;
  }
  [part~='load-more'] {
    border-color: var(--_border);
  }
  /* Here, not in the shared tokens: only the feed hides text for screen readers ("Unread:"), and the bell and toaster load first. */
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
