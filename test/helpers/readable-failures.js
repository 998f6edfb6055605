// Loaded by web-test-runner.config.js right after the test framework, before any test file.
// A failed assertion's `actual` and `expected` go to the runner with the result; a DOM
// node there is serialised with everything it reaches (its document, a Lit element's
// store...), which hung the browser and lost the whole file's report. Nodes are turned
// into a short description once the tests have run, so a failure reads as a failure.
/* global mocha, Element, Node, NodeList, HTMLCollection */

/** `<div part="item" data-id="4">`-like text for a node, as it would read in the Elements panel. */
function describeNode(node) {
  if (!(node instanceof Element)) return `#${node.nodeName.toLowerCase()}`;
  const attributes = ['id', 'part', 'role', 'data-id', 'data-row']
    .filter((name) => node.hasAttribute(name))
    .map((name) => ` ${name}="${node.getAttribute(name)}"`)
    .join('');
  return `<${node.localName}${attributes}>`;
}

function readable(value) {
  if (value instanceof Node) return describeNode(value);
  if (value instanceof NodeList || value instanceof HTMLCollection) return [...value].map(describeNode);
  if (Array.isArray(value) && value.some((item) => item instanceof Node)) return value.map(readable);
  return value;
}

function visit(suite) {
  for (const test of suite.tests) {
    if (!test.err) continue;
    test.err.actual = readable(test.err.actual);
    test.err.expected = readable(test.err.expected);
  }
  suite.suites.forEach(visit);
}

mocha.suite.afterAll(function readableFailures() {
  visit(mocha.suite);
});
