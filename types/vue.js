// Types only (see vue.d.ts). This empty module lets a bundler resolve `import 'notif-elements/types/vue'`
// exactly as the README writes it; TypeScript reads the declarations beside it.
