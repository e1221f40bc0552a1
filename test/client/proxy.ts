// A TCP relay between an informer and the real server, so a test can cut the network (every open
// connection is reset and new ones are refused) and later restore it, or point the relay at a
// restarted server. The server itself is never faked: the relay only moves bytes.
import net from 'node:net';

export class TcpProxy {
  private readonly server: net.Server;
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private target: { host: string; port: number };
  private blocked = false;
  /** Connections accepted (a rough count of requests on fresh sockets). */
  connections = 0;

  private constructor(targetUrl: string) {
    this.target = TcpProxy.parse(targetUrl);
    this.server = net.createServer((client) => this.accept(client));
  }

  private static parse(url: string): { host: string; port: number } {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port) };
  }

  static async start(targetUrl: string): Promise<TcpProxy> {
    const p = new TcpProxy(targetUrl);
    await new Promise<void>((res, rej) => {
      p.server.once('error', rej);
      p.server.listen(0, '127.0.0.1', () => res());
    });
    return p;
  }

  get url(): string {
    const addr = this.server.address() as net.AddressInfo;
    return `http://127.0.0.1:${addr.port}`;
  }

  private accept(client: net.Socket): void {
    this.connections++;
    client.on('error', () => undefined);
    if (this.blocked) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const close = (): void => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', () => {
      // The server is down: the client sees a reset, as with a refused connection behind a balancer.
      if (!client.destroyed) client.resetAndDestroy();
      close();
    });
    client.on('close', close);
    upstream.on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Resets every open connection and refuses new ones until restore(). */
  cut(): void {
    this.blocked = true;
    for (const [client, upstream] of [...this.pairs]) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  restore(): void {
    this.blocked = false;
  }

  /** Later connections go to another server (a restarted one on a new port). */
  retarget(url: string): void {
    this.target = TcpProxy.parse(url);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((res) => this.server.close(() => res()));
  }
}
