// MagicBell, embeddable widget (@magicbell/embeddable): a prebuilt bundle with Preact
// inside, for pages without a framework. Bell + inbox in one call.
import { renderWidget } from '@magicbell/embeddable';

renderWidget(document.getElementById('app'), { apiKey: 'pk', userEmail: 'user@example.com', height: 500 });
