// The bell alone does not load the feed: that code is
// fetched when the panel is first about to open. This file imports only the
// bell, in its own page, so nothing else registers the feed.
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { createNotificationStore } from '../../src/core/store/index.js';
import '../../src/elements/notif-bell/notif-bell.define.js';
import type { NotifBell } from '../../src/elements/notif-bell/notif-bell.js';
import '../helpers/benign-errors.js';
import { waitFor } from '../helpers/hub.js';

describe('notif-bell: the feed is loaded on demand', () => {
  it('is not registered until the panel opens, then shows the items and takes focus', async () => {
    const store = createNotificationStore();
    store.add([{ id: 'a', title: 'Deploy finished', createdAt: Date.now() }]);
    const el = await fixture<NotifBell>(html`<notif-bell .store=${store}></notif-bell>`);
    await el.updateComplete;
    expect(customElements.get('notif-feed'), 'registered before any interaction').to.equal(undefined);

    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="button"]')!;
    const box = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });

    await waitFor(() => customElements.get('notif-feed'));
    const feed = el.shadowRoot!.querySelector('notif-feed')!;
    await waitFor(() => feed.shadowRoot?.textContent?.includes('Deploy finished'));
    await waitFor(() => el.shadowRoot!.activeElement === feed);
    expect(el.open).to.equal(true);
  });
});
