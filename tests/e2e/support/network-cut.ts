import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of the e2e server whose cable can be pulled: a browser profile that signs in through
 * `url` is "offline" while the relay is cut, and every other profile keeps talking to the server directly.
 * Cut, it drops the open connections (a keep-alive socket must not carry the next request) and resets new
 * ones, which the extension's fetch reports as a network failure, as when Wi-Fi goes away. One mechanism for
 * Chromium and Firefox alike, in place of two browser-specific offline switches, and it cuts the extension's
 * background (where sync runs) as surely as its pages, while the real server keeps running for the others.
 */
export interface NetworkCut {
  /** The server's address through the relay: what the "offline-able" profile types in "Server". */
  url: string;
  /** Pulls the cable: open connections are dropped, new ones are reset. */
  cut(): void;
  /** Plugs it back in. */
  restore(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

export async function startNetworkCut(serverUrl: string): Promise<NetworkCut> {
  const upstream = new URL(serverUrl);
  const port = Number(upstream.port);
  const open = new Set<Socket>();
  let isCut = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const relay: Server = createServer((client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    const server = connect(port, upstream.hostname);
    track(client);
    track(server);
    client.pipe(server);
    server.pipe(client);
    client.once('error', () => server.destroy());
    server.once('error', () => client.destroy());
    client.once('close', () => server.destroy());
    server.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${relayPort}`,
    cut() {
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore() {
      isCut = false;
    },
    get isCut() {
      return isCut;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}
