/**
 * A tiny HTTP proxy (node:http) in front of a real server that injects faults on demand: an
 * error status, no answer at all, a replaced body, a body cut short (cleanly ended or reset),
 * a body that stalls, a redirect. It records every request's method, path and headers.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

export type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly body?: string }
  /** Accept the request and never answer. */
  | { readonly kind: 'hang' }
  /** Answer 200 with this body instead of the server's. */
  | { readonly kind: 'body'; readonly contentType: string; readonly body: string | Uint8Array }
  /** Forward the server's answer but end it (cleanly, chunked) after `afterBytes` body bytes. */
  | { readonly kind: 'truncate'; readonly afterBytes: number }
  /** Forward `afterBytes` body bytes, then send nothing more (the connection stays open). */
  | { readonly kind: 'stall'; readonly afterBytes: number }
  /** Announce 2 × `afterBytes` as Content-Length, forward `afterBytes` body bytes, then reset the connection. */
  | { readonly kind: 'reset'; readonly afterBytes: number }
  /** Forward, delaying every chunk of the answer body by `delayMs`. */
  | { readonly kind: 'slow-body'; readonly delayMs: number }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface FaultProxy {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The fault for the following requests (null: forward faithfully). */
  setFault(fault: Fault | null): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** Starts the proxy on a free loopback port, forwarding to `targetUrl` (its origin only). */
export async function startFaultProxy(targetUrl: string | null): Promise<FaultProxy> {
  const target = targetUrl ? new URL(targetUrl) : null;
  const sockets = new Set<Socket>();
  const requests: RecordedRequest[] = [];
  let fault: Fault | null = null;

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    const current = fault;
    if (current?.kind === 'hang') return;
    if (current?.kind === 'status') {
      res.writeHead(current.status, { 'Content-Type': 'text/plain' });
      res.end(current.body ?? `injected ${current.status}`);
      return;
    }
    if (current?.kind === 'body') {
      res.writeHead(200, { 'Content-Type': current.contentType });
      res.end(current.body);
      return;
    }
    if (current?.kind === 'redirect') {
      res.writeHead(current.status, { Location: current.location });
      res.end();
      return;
    }
    if (!target) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end('ok');
      return;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        // Host kept (like Vite's changeOrigin: false): the server's URLs point at the proxy.
        headers: req.headers,
      },
      (answer) => {
        const headers = { ...answer.headers };
        // A cut body must not announce its length. A reset one announces more than it sends, so
        // the client can tell (Orthanc's multipart answers are close-delimited: no length).
        if (current?.kind === 'truncate' || current?.kind === 'stall')
          delete headers['content-length'];
        if (current?.kind === 'reset') {
          delete headers['connection'];
          delete headers['transfer-encoding'];
          headers['content-length'] = String(current.afterBytes * 2);
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (!current) {
            res.write(chunk);
            return;
          }
          if (current.kind === 'slow-body') {
            answer.pause();
            setTimeout(() => {
              res.write(chunk);
              answer.resume();
            }, current.delayMs);
            return;
          }
          const room = current.afterBytes - sent;
          if (room <= 0) return;
          res.write(chunk.subarray(0, room));
          sent += Math.min(room, chunk.length);
          if (sent >= current.afterBytes) {
            if (current.kind === 'truncate') res.end();
            else if (current.kind === 'reset') res.socket?.destroy();
            // 'stall': keep the connection open, send nothing more.
          }
        });
        answer.on('end', () => {
          if (!current) res.end();
          else if (current.kind === 'slow-body') setTimeout(() => res.end(), current.delayMs);
          else if (sent < current.afterBytes) res.end();
        });
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault(next) {
      fault = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
