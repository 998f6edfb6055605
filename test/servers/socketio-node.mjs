// Runs one deploy/socketio node for tests (test/servers/socketio-cluster.js):
// the options come as JSON in argv[2]; "ready <port>" goes to stdout; the node
// ends when its stdin does (so it cannot outlive the test runner, whatever
// ends it) or on SIGTERM.
import { startServer } from '../../deploy/socketio/server.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
const started = await startServer(options);
process.stdout.write(`ready ${started.port}\n`);
const stop = () => {
  const timer = setTimeout(() => process.exit(0), 2000);
  timer.unref();
  started.close().finally(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.resume();
process.once('SIGTERM', stop);
