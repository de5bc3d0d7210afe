import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

/** socket.io with the console's CORS and, with REDIS_URL, the Redis adapter (rooms span processes). */
export class ConsoleIoAdapter extends IoAdapter {
  // Loosely typed: @nestjs/platform-socket.io carries its own copy of socket.io's types.
  private clients: any[] = [];
  private adapter?: ReturnType<typeof createAdapter>;

  constructor(app: INestApplicationContext, private readonly cors: unknown) {
    super(app);
  }

  async connectRedis(url: string): Promise<void> {
    const pub: any = createClient({ url });
    const sub: any = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (err: Error) => console.error('socket.io redis adapter:', err.message));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.adapter = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: any): any {
    const server: any = super.createIOServer(port, { ...options, cors: this.cors ?? options?.cors, serveClient: false });
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: any): Promise<void> {
    await super.close(server);
    await Promise.allSettled(this.clients.map((c) => c.quit()));
    this.clients = [];
  }
}
