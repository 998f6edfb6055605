import { css } from 'lit';

export const preferencesStyles = css`
  :host {
    --_gap: var(--notif-preferences-gap, 0.75rem);
    --_toggle-size: var(--notif-preferences-toggle-size, 1.125rem);
    display: block;
    background: var(--_surface);
    color: var(--_text);
    font-family: var(--_font);
    font-size: 0.875rem;
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    margin: 0;
    padding: var(--_gap);
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_gap) / 2) calc(var(--_gap) * 1.5);
    min-inline-size: 0;
    margin: 0;
    padding-block: calc(var(--_gap) / 2) var(--_gap);
    padding-inline: var(--_gap);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  legend {
    padding-inline: 0.25rem;
    font-weight: 600;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    cursor: pointer;
  }
  input {
    flex: none;
    inline-size: var(--_toggle-size);
    block-size: var(--_toggle-size);
    margin: 0;
    accent-color: var(--_accent);
    cursor: inherit;
  }
  input:focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  label:has(input:disabled) {
    color: var(--_muted);
    cursor: not-allowed;
  }
  .status {
    margin: 0;
    color: var(--_muted);
    text-align: start;
  }
  .status[data-permission='denied'] {
    color: var(--_danger);
  }
`;
