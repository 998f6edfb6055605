// webPush() follows the store's desktop preferences; here with a registration of the app's own
// standing in for a worker (the real one is tested in test/push/, in Chromium driven from Node).
import { expect } from '@open-wc/testing';
import { createNotificationStore } from '../../src/core/store/index.js';
import { webPush } from '../../src/transports/web-push.js';

function fakeRegistration() {
  const subscription = {
    endpoint: 'https://push.invalid/1',
    options: { applicationServerKey: null },
    toJSON: () => ({ endpoint: 'https://push.invalid/1' }),
    unsubscribe: async () => true,
  };
  return {
    active: null,
    pushManager: { getSubscription: async () => subscription, subscribe: async () => subscription },
  } as unknown as ServiceWorkerRegistration;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('webPush', () => {
  it('does not drop a subscription when a page starts with no desktop topic on; the last one turned off does', async () => {
    const unsubscribed: string[] = [];
    const push = webPush({
      serviceWorker: fakeRegistration(),
      vapidPublicKey: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
      subscribe: () => {},
      unsubscribe: ({ subscription }) => void unsubscribed.push(subscription.endpoint ?? ''),
    });
    const store = createNotificationStore({ transport: push, topics: [{ id: 'billing', label: 'Billing' }] });
    store.start();
    await settle();
    expect(unsubscribed, 'a page load with nothing on').to.deep.equal([]);
    store.setPreference('billing', 'desktop', true);
    await settle();
    store.setPreference('billing', 'desktop', false);
    await settle();
    expect(unsubscribed, 'the person turned the last one off').to.deep.equal(['https://push.invalid/1']);
    store.stop();
  });
});
