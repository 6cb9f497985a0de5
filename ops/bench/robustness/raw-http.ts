import { connect } from 'node:net';

export interface RawResponse {
  /** The status code of the first response line; 0 when none came. */
  readonly status: number;
  readonly text: string;
}

/**
 * Sends `bytes` as they are over a fresh TCP connection (no client-side
 * validation, so any request line, header or body can be tried) and
 * collects what comes back until the server closes or `timeoutMs` passes.
 */
export function rawRequest(url: string, bytes: Buffer | string, timeoutMs = 5000): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname);
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      // One response is all we want: stop once its declared body is complete.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text.slice(0, head));
      if (head >= 0 && length && Buffer.byteLength(text.slice(head + 4), 'latin1') >= Number(length[1])) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

/** A request with a JSON content type and exact body bytes. */
export function rawPost(path: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`POST ${path} HTTP/1.1\r\nhost: troupe\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`, 'latin1'),
    body,
  ]);
}
