import { html, type TemplateResult } from 'lit';

/** One filter: `all`, `unread` or a topic. */
export interface FilterTab {
  id: string;
  label: string;
}

// The ARIA tabs pattern: one tab stop, arrows move the selection (in the writing direction), Home and End jump.
function onKeyDown(event: KeyboardEvent, select: (id: string) => void): void {
  const bar = event.currentTarget as HTMLElement;
  const tabs = [...bar.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const current = tabs.findIndex((tab) => tab === event.target);
  if (current < 0) return;
  const forward = getComputedStyle(bar).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight';
  const next = { [forward]: current + 1, [backward]: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const tab = tabs[(next + tabs.length) % tabs.length];
  if (!tab?.dataset.filter) return;
  select(tab.dataset.filter);
  tab.focus();
}

/** The index of the selected tab: the filter's, else the first. */
export const selectedTab = (tabs: readonly FilterTab[], filter: string): number => Math.max(0, tabs.findIndex((tab) => tab.id === filter));

/**
 * The feed's filters as one row of tabs that scrolls sideways rather than wraps,
 * controlling the `#filtered` tabpanel; their ids are `filter-<index>`.
 */
export function filterTabs(tabs: readonly FilterTab[], filter: string, label: string, select: (id: string) => void): TemplateResult {
  const selected = selectedTab(tabs, filter);
  return html`<div class="filters" role="tablist" aria-label=${label} @keydown=${(event: KeyboardEvent) => onKeyDown(event, select)}>
    ${tabs.map(
      ({ id, label: text }, i) =>
        html`<button
          type="button"
          role="tab"
          id="filter-${i}"
          aria-selected=${String(i === selected)}
          aria-controls="filtered"
          tabindex=${i === selected ? 0 : -1}
          data-filter=${id}
          @click=${() => select(id)}
        >
          ${text}
        </button>`,
    )}
  </div>`;
}

/** Scrolls the bar in `root` just enough to show the selected tab. */
export function revealSelectedTab(root: ParentNode): void {
  const bar = root.querySelector<HTMLElement>('.filters');
  const tab = bar?.querySelector<HTMLElement>('[aria-selected="true"]');
  if (!bar || !tab) return;
  const barBox = bar.getBoundingClientRect();
  const tabBox = tab.getBoundingClientRect();
  if (tabBox.left < barBox.left) bar.scrollLeft -= barBox.left - tabBox.left;
  else if (tabBox.right > barBox.right) bar.scrollLeft += tabBox.right - barBox.right;
}
