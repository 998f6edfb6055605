// nanostores reads process.env.NODE_ENV; under this CSP the define must come from a file, not inline.
globalThis.process = { env: { NODE_ENV: 'development' } };
// Record every violation before any element loads.
globalThis.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  globalThis.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
});
