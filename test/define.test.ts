// `notif-elements/define` registers the provider, bell and toaster at once, and the feed,
// the preferences and the toast on first use. Alone in its page (the runner gives each
// file one), so nothing else registers them first.
import { expect, fixture, html } from '@open-wc/testing';
import { createNotificationStore } from '../src/core/store/index.js';
import '../src/define.js';
import type { NotifToaster } from '../src/elements/notif-toaster/notif-toaster.js';
import { waitFor } from './helpers/hub.js';

describe('notif-elements/define', () => {
  it('registers the provider, bell and toaster at once, and nothing it can fetch later', () => {
    for (const tag of ['notif-provider', 'notif-bell', 'notif-toaster']) expect(customElements.get(tag), tag).to.exist;
    for (const tag of ['notif-feed', 'notif-preferences']) expect(customElements.get(tag), tag).to.equal(undefined);
  });

  it('registers a feed placed in the page as soon as it is connected, also inside added markup', async () => {
    const store = createNotificationStore();
    store.add({ id: 'a', title: 'Placed directly in the page' });
    const wrapper = await fixture(html`<div></div>`);
    const section = document.createElement('section');
    section.innerHTML = '<notif-feed></notif-feed><notif-preferences></notif-preferences>';
    wrapper.append(section);
    await waitFor(() => customElements.get('notif-feed') && customElements.get('notif-preferences'));
    const feed = section.querySelector('notif-feed')!;
    feed.store = store;
    await waitFor(() => feed.shadowRoot?.textContent?.includes('Placed directly in the page'));
  });

  it('shows the first toast in full, the toast element arriving with it at the latest', async () => {
    const store = createNotificationStore();
    const toaster = await fixture<NotifToaster>(html`<notif-toaster .store=${store}></notif-toaster>`);
    store.add({ id: 't', title: 'First toast' });
    await waitFor(() => toaster.shadowRoot?.querySelector('notif-toast')?.shadowRoot?.textContent?.includes('First toast'));
    expect(customElements.get('notif-toast')).to.exist;
  });
});
