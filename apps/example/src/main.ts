// `npm run demo` / `pnpm --filter @ensign/example start`: runs the shop and prints its URL.
import { fileURLToPath } from 'node:url';
import { createConsoleLogger } from '@ensign/node-sdk';
import { startExampleApp } from './app.js';

const datafilePath = process.env['EXAMPLE_DATAFILE'] ?? fileURLToPath(new URL('../datafile.json', import.meta.url));
const dataDir = process.env['EXAMPLE_DATA_DIR'] ?? fileURLToPath(new URL('../.data', import.meta.url));
const port = Number.parseInt(process.env['PORT'] ?? '0', 10);
const serverUrl = process.env['ENSIGN_SERVER_URL'] || null;

const app = await startExampleApp({
  datafilePath,
  dataDir,
  port: Number.isInteger(port) && port >= 0 && port < 65_536 ? port : 0,
  serverUrl,
  sdkKey: process.env['ENSIGN_SDK_KEY'] || null,
  deviceIdSecret: process.env['DEVICE_ID_SECRET'] || null,
  logger: createConsoleLogger({ level: 'warn' }),
  log: (line) => console.log(line),
});

console.log(`Ensign example shop on ${datafilePath}`);
console.log(app.eventsFile !== null ? `events → ${app.eventsFile}` : `events → ${serverUrl}/v1/events/bulk (results at ${app.url}/results)`);
console.log('edit the datafile and refresh the page to see a change; Ctrl-C stops the shop');
console.log(app.url);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void app.close().then(() => process.exit(0));
  });
}
