/**
 * A Duplex over a connected net.Socket that shows every inbound chunk to a listener before
 * TLS reads it. (Handing tls.connect the net.Socket itself would not work: TLS then reads
 * the socket's handle in C++ and JS 'data' listeners never see the bytes.)
 */
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

export class TappedStream extends Duplex {
  private listener: ((chunk: Buffer) => void) | undefined;

  constructor(private readonly raw: Socket, listener: (chunk: Buffer) => void) {
    super({ allowHalfOpen: false });
    this.listener = listener;
    raw.on('data', (chunk: Buffer) => {
      this.listener?.(chunk);
      if (!this.push(chunk)) raw.pause();
    });
    raw.on('end', () => this.push(null));
    raw.on('error', (error) => this.destroy(error));
    raw.on('close', () => this.destroy());
  }

  /** The probe has what it needs: later bytes flow through untouched. */
  stopTapping(): void {
    this.listener = undefined;
  }

  override _read(): void {
    this.raw.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.raw.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.raw.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.raw.destroy();
    callback(error);
  }
}
