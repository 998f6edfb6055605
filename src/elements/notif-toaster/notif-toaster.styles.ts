import { css } from 'lit';

// The host takes no space; the region is a fixed stack placed with logical
// insets, so `start`/`end` follow the writing direction (RTL flips them).
export const toasterStyles = css`
  :host {
    --_offset: var(--notif-toast-offset, 16px);
    --_gap: var(--notif-toast-gap, 8px);
    display: contents;
  }

  .region {
    position: fixed;
    z-index: var(--notif-toast-z, 1000);
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    box-sizing: border-box;
    inline-size: min(var(--notif-toast-width, 360px), calc(100vw - 2 * var(--_offset)));
    margin: 0;
    padding: 0;
    /* Only the toasts take clicks, not the empty area of the stack. */
    pointer-events: none;
  }

  /* Top and end are the defaults: whatever is not bottom is top, whatever is not start or center is end. */
  /* Below the offset and below any bell in the way (--_clear: its bottom edge, measured by the toaster). */
  :host(:not([position^='bottom'])) .region {
    inset-block-start: max(var(--notif-toast-offset-top, var(--_offset)), calc(var(--_clear, 0px) + var(--_gap)));
  }
  /* Newest first in the DOM; at the bottom edge the newest sits nearest the edge. */
  :host([position^='bottom']) .region {
    inset-block-end: var(--_offset);
    flex-direction: column-reverse;
  }
  :host([position$='-start']) .region {
    inset-inline-start: var(--_offset);
  }
  :host([position$='-center']) .region {
    inset-inline: 0;
    margin-inline: auto;
  }
  :host(:not([position$='-start']):not([position$='-center'])) .region {
    inset-inline-end: var(--_offset);
  }

  [part~='toast'] {
    pointer-events: auto;
    inline-size: 100%;
    max-inline-size: none;
    animation: notif-toast-in var(--_duration) ease-out;
  }
  :host([position^='bottom']) [part~='toast'] {
    --_slide: 12px;
  }

  @keyframes notif-toast-in {
    from {
      opacity: 0;
      translate: 0 var(--_slide, -12px);
    }
  }
`;
