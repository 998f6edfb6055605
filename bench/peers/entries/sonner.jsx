// sonner: Toaster + toast(). Its CSS is injected from JS.
import { createRoot } from 'react-dom/client';
import { Toaster, toast } from 'sonner';

createRoot(document.getElementById('app')).render(<Toaster />);
toast('Hello');
