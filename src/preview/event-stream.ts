import type { ServerResponse } from 'node:http';

/**
 * Server-sent events to every open preview page. Each client gets a comment
 * every `heartbeatMs` so proxies and browsers keep the connection open.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(options: { heartbeatMs?: number } = {}) {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': keep-alive\n\n');
    }, options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  /** Open pages listening now. */
  get size(): number {
    return this.clients.size;
  }

  /** Answers a request with an event stream and keeps it until the client leaves. */
  connect(response: ServerResponse, hello: { event: string; data: unknown }): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    // Reconnect quickly after the server restarts.
    response.write('retry: 1000\n\n');
    response.write(frame(hello.event, hello.data));
    this.clients.add(response);
    // The response closes when the page goes away (the request's own 'close' comes as soon as it is read).
    response.on('close', () => this.clients.delete(response));
  }

  /** Sends one event to every client. */
  send(event: string, data: unknown): void {
    const message = frame(event, data);
    for (const client of this.clients) client.write(message);
  }

  /** Ends every stream. */
  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
