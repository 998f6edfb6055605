// Types only (see svelte.d.ts). This empty module lets a bundler resolve `import 'notif-elements/types/svelte'`
// exactly as the README writes it; TypeScript reads the declarations beside it.
