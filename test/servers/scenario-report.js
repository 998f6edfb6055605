// Collects the figures the fault scenarios (test/scenarios) measure, for the
// README's reliability table (scripts/reliability-table.mjs). A scenario
// records its figure only after its assertions passed, so a row that is
// missing is a scenario that failed or did not run.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const REPORT_PATH = 'test-results/reliability.json';

/**
 * @typedef {object} ScenarioFigure
 * @property {string} id        F01…F47
 * @property {string} transport S, W, P, V, or a combination
 * @property {string} expect    the row's expectation, as asserted
 * @property {string} measured  what this run measured
 */

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function scenarioReport(path = REPORT_PATH) {
  /** Rows already there: from earlier runs of other files (`--files` runs a subset), or from another runner. */
  const read = () => {
    try {
      return /** @type {Record<string, ScenarioFigure & { at: string }>} */ (JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      return {};
    }
  };
  return {
    name: 'scenario-report',
    executeCommand({ command, payload }) {
      if (command !== 'scenario-figure') return undefined;
      const figure = /** @type {ScenarioFigure} */ (payload);
      if (!/^F\d\d$/.test(String(figure?.id)) || typeof figure.measured !== 'string') {
        throw new Error('scenario-figure expects { id: "F01", transport, expect, measured }');
      }
      // read again right before writing: two runners may share the file
      const figures = { ...read(), [`${figure.id} ${figure.transport}`]: { ...figure, at: new Date().toISOString() } };
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
      return true;
    },
  };
}
