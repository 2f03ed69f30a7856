/**
 * The one recording stream of servers/: a net.Socket seen through a JS Duplex, so that TLS
 * (node:tls, through JSStreamSocket) runs over it and what crosses it can be read. node:tls
 * over a native socket lets no JS see the bytes. Used on the server side by the embedded
 * backend's HandshakeRecorder and on the client side by the fleet's transcript probe.
 */
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** What crosses the stream, seen from the TLS end that runs over it. */
export interface StreamTap {
  /** Bytes from the peer, before TLS reads them. */
  received?(chunk: Buffer): void;
  /** Bytes TLS writes to the peer, before they go out. */
  sent?(chunk: Buffer): void;
}

export class RecordingDuplex extends Duplex {
  constructor(private readonly socket: Socket, private readonly tap: StreamTap) {
    super();
    socket.on('data', (chunk: Buffer) => {
      tap.received?.(chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (error) => this.destroy(error));
    socket.on('close', () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.tap.sent?.(chunk);
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
