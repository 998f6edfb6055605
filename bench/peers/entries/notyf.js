// notyf: vanilla toasts; needs its stylesheet.
import { Notyf } from 'notyf';
import 'notyf/notyf.min.css';

new Notyf().success('Hello');
