// Reference: React + react-dom rendering one element, the floor every React peer pays.
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('app')).render(<p>hello</p>);
