// A URL on 127.0.0.1 where nothing listens (a port bound, then released): a flag server that cannot be reached.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `http://127.0.0.1:<port>` with nothing listening. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
