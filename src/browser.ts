// The single-file browser bundle: registers every element and exports the whole API,
// for a plain `<script type="module">` with no bundler.
import './define.js';

export * from './index.js';
