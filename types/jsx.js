// Types only (see jsx.d.ts). This empty module lets a bundler resolve `import 'notif-elements/types/jsx'`
// exactly as the README writes it; TypeScript reads the declarations beside it.
