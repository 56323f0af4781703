import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Writes a multipart/related answer part by part (RFC 2387), honouring back-pressure, so a
 * study of a thousand instances streams from the blob store without sitting in memory.
 */
export class MultipartWriter {
  private readonly boundary = randomUUID();
  private started = false;

  /**
   * @param type the root media type, e.g. `application/dicom` or `image/jls`.
   * @param parameters extra parameters of the root, e.g. `transfer-syntax`.
   */
  constructor(
    private readonly res: ServerResponse,
    private readonly type: string,
    private readonly parameters: Record<string, string> = {},
  ) {}

  /** Sends one part; `body` is a view of bytes or a stream of them. */
  async part(headers: Record<string, string | number>, body: Uint8Array | Readable) {
    this.start();
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    await this.write(Buffer.from(`--${this.boundary}\r\n${lines.join('')}\r\n`, 'latin1'));

    if (body instanceof Uint8Array) {
      await this.write(body);
    } else {
      for await (const chunk of body) await this.write(chunk as Buffer);
    }
    await this.write(Buffer.from('\r\n'));
  }

  /** Closes the body; a multipart with no part is still a valid, empty answer. */
  end(): void {
    this.start();
    this.res.end(`--${this.boundary}--\r\n`);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    const extra = Object.entries(this.parameters).map(([name, value]) => `; ${name}=${value}`);
    const root = `multipart/related; type="${this.type}"${extra.join('')}`;
    this.res.writeHead(200, { 'Content-Type': `${root}; boundary=${this.boundary}` });
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (this.res.destroyed) throw new Error('The client closed the connection mid-answer');
    if (this.res.write(bytes)) return;
    // NOTE: a client that hangs up never drains; waiting on 'close' too ends the loop.
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        this.res.off('drain', onDrain).off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(new Error('The client closed the connection mid-answer'));
      this.res.on('drain', onDrain).on('close', onClose);
    });
  }
}
