import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

const FIN_TEXT = 0x81;
const CLOSE_BRACE = 0x7d;

/**
 * One server-to-client text frame (RFC 6455 §5.2: unmasked, unfragmented) holding
 * `prefix + payload + "}"`, built with one allocation and two copies. A push feed's payload is
 * encoded once per event and shared by every subscriber; only the prefix (the subscription id) is
 * theirs, so a delivery is this and one write.
 */
export function textFrame(prefix: Buffer, payload: Buffer): Buffer {
  const length = prefix.length + payload.length + 1;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN_TEXT;
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  prefix.copy(frame, header);
  payload.copy(frame, header + prefix.length);
  frame[frame.length - 1] = CLOSE_BRACE;
  return frame;
}

/**
 * The TCP socket under a `ws` WebSocket, for writing ready frames without ws's per-send work (a
 * header buffer, cork, writev). Safe because our server has no per-message compression, so ws
 * writes its own frames synchronously, in call order, and never holds a queue ours could overtake.
 */
export const tcpSocketOf = (socket: WebSocket): Duplex | undefined => (socket as unknown as { _socket?: Duplex })._socket;
